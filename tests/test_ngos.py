"""NGOs in monitoring: team members' ngo_id, NGO reports, and the participation measure.

Real files in a temporary folder, the streamed reader and a real SQLite database; the measure on a
small registry worked by hand.
"""

from __future__ import annotations

import json
import shutil
import sqlite3
from pathlib import Path
from typing import Any

import pytest
from pydantic import ValidationError

from citizenrights import (
    NGO,
    Agency,
    AgencyRegistry,
    DatasetError,
    Inspection,
    NGOReport,
    TeamMember,
    load_demo,
    ngo_participation,
)
from citizenrights.dataset import Dataset, demo_dataset_path


@pytest.fixture
def folder(tmp_path: Path) -> Path:
    """A copy of the demo dataset to break."""
    with demo_dataset_path() as demo:
        shutil.copytree(demo, tmp_path / "d")
    return tmp_path / "d"


def _lines(path: Path) -> list[dict[str, Any]]:
    return [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines()]


def _write(path: Path, records: list[dict[str, Any]]) -> None:
    text = "".join(json.dumps(r, ensure_ascii=False) + "\n" for r in records)
    path.write_text(text, encoding="utf-8")


def _with_unknown_ngo(folder: Path) -> tuple[int, int]:
    """Point the first NGO member of a team at an unregistered NGO: its line and member number."""
    path = folder / "inspections.jsonl"
    records = _lines(path)
    for n, record in enumerate(records):
        for m, member in enumerate(record["team"]):
            if "ngo_id" in member:
                member["ngo_id"] = "NGO-99"
                _write(path, records)
                return n + 1, m
    raise AssertionError("the demo has no NGO member on a team")


def test_team_member_takes_an_ngo_id() -> None:
    """TeamMember.ngo_id is optional; Inspection says which NGOs its team represents."""
    member = TeamMember.model_validate({"name": "ن", "affiliation": "ngo", "ngo_id": "NGO-24"})
    assert member.ngo_id == "NGO-24"
    assert TeamMember.model_validate({"name": "ن", "affiliation": "areo"}).ngo_id is None


def test_unknown_ngo_of_a_team_member_is_a_problem_with_file_and_line(folder: Path) -> None:
    """An ngo_id not in ngos.json: one problem naming the file, the line and the member."""
    line, member = _with_unknown_ngo(folder)
    problems = Dataset.validate(folder)
    assert problems == [
        f"inspections.jsonl:{line}: team[{member}].ngo_id: unknown NGO 'NGO-99': not in ngos.json"
    ]
    # The same from load (read whole) and from the stream, which drops the inspection.
    with pytest.raises(Exception, match="NGO-99"):
        Dataset.load(folder)
    with Dataset.stream(folder) as stream:
        ids = [r.id for kind, r in stream if kind == "inspections"]
    assert stream.problems == problems
    assert len(ids) == len(_lines(folder / "inspections.jsonl")) - 1


def test_unknown_ngo_and_inspection_of_a_report(folder: Path) -> None:
    """An NGO report naming an unregistered NGO and an unknown inspection: two problems."""
    path = folder / "ngo_reports.jsonl"
    records = _lines(path)
    records[0]["ngo_id"] = "NGO-99"
    records[0]["inspection_id"] = "INS-NONE"
    _write(path, records)
    problems = Dataset.validate(folder)
    assert problems == [
        "ngo_reports.jsonl:1: ngo_id: unknown NGO 'NGO-99': not in ngos.json",
        "ngo_reports.jsonl:1: inspection_id: unknown inspection 'INS-NONE': not in inspections.jsonl",
    ]
    # The stream (validate, report) looks the inspection up once the inspections have gone by:
    # the same problems as load, which reads them whole.
    with pytest.raises(DatasetError) as caught:
        Dataset.load(folder)
    assert list(caught.value.problems) == problems


def test_reports_of_inspections_not_in_the_dataset(folder: Path) -> None:
    """With no inspections file, every report naming an inspection names an unknown one, as in load."""
    (folder / "inspections.jsonl").unlink()
    named = sum(1 for r in _lines(folder / "ngo_reports.jsonl") if r.get("inspection_id"))
    problems = Dataset.validate(folder)
    unknown = [p for p in problems if "inspection_id: unknown inspection" in p]
    assert len(unknown) == named > 0
    with pytest.raises(DatasetError) as caught:
        Dataset.load(folder)
    assert list(caught.value.problems) == problems


def test_ngo_records_carry_the_registry_fields() -> None:
    """The demo's NGOs carry a registration authority, a province and fields of work."""
    ngo = load_demo().ngos[0]
    assert ngo.registration_authority == "وزارت کشور"
    assert ngo.province is not None
    assert "citizens_rights" in ngo.fields
    old = NGO.model_validate(
        {"id": "N", "name": "انجمن", "registration_no": "1", "fields": [], "registered":
         "1395/01/01", "active": True}
    )  # fmt: skip
    assert old.registration_authority is None


def test_ngo_report_needs_its_fields() -> None:
    """An NGO report without observations is invalid, naming the field."""
    with pytest.raises(ValidationError, match="observations"):
        NGOReport.model_validate({"id": "R", "ngo_id": "N", "date": "1397/01/01", "agency_id": "A"})


def test_demo_round_trips_through_sqlite(tmp_path: Path) -> None:
    """The new kinds are written to and read back from a real SQLite database, record for record;
    a database written before they existed (no such tables) reads as having none."""
    pytest.importorskip("sqlalchemy", reason="the sql extra (SQLAlchemy) is not installed")
    demo = load_demo()
    url = f"sqlite:///{tmp_path / 'demo.db'}"
    counts = demo.to_sql(url)
    assert counts["ngo_reports"] == len(demo.ngo_reports) > 0
    assert counts["publications"] == len(demo.publications) > 0
    assert counts["training_programmes"] == 1
    again = Dataset.load(url)
    assert again.ngo_reports == demo.ngo_reports
    assert again.publications == demo.publications
    assert again.training_programmes == demo.training_programmes
    assert again.inspections == demo.inspections  # team members' ngo_id kept
    with sqlite3.connect(tmp_path / "demo.db") as conn:
        for table in ("ngo_reports", "publications", "training_programmes"):
            conn.execute(f"DROP TABLE {table}")
    older = Dataset.load(url)
    assert (older.ngo_reports, older.publications, older.training_programmes) == ((), (), ())
    with Dataset.stream(url) as stream:
        assert sum(1 for _ in stream) > 0
    assert stream.ok


# -- the measure, by hand ---------------------------------------------------------------------------

REGISTRY = AgencyRegistry(
    [
        Agency(id="GOV", name="استانداری اصفهان", kind="provincial_governorate", province="IR-10"),
        Agency(id="O-1", name="اداره", kind="provincial_office", parent_id="GOV", province="IR-10"),
    ]
)
NGOS = [
    NGO.model_validate(
        {"id": "NGO-A", "name": "انجمن الف", "registration_no": "1", "fields": ["citizens_rights"],
         "registered": "1395/01/01", "active": True, "province": "IR-10"}
    ),
    NGO.model_validate(
        {"id": "NGO-B", "name": "جمعیت ب", "registration_no": "2", "fields": [],
         "registered": "1395/01/01", "active": True}
    ),
    NGO.model_validate(
        {"id": "NGO-C", "name": "کانون ج", "registration_no": "3", "fields": [],
         "registered": "1390/01/01", "active": False, "province": "IR-10"}
    ),
]  # fmt: skip


def _inspection(iid: str, agency: str, day: str, *team: dict[str, str]) -> Inspection:
    members = [{"name": "بازرس", "affiliation": "areo"}, *team]
    return Inspection.model_validate(
        {"id": iid, "agency_id": agency, "checklist_id": "c", "checklist_version": "1",
         "kind": "periodic", "date": day, "team": members, "responses": []}
    )  # fmt: skip


INSPECTIONS = [
    _inspection("I1", "O-1", "1397/02/01", {"name": "ن", "affiliation": "ngo", "ngo_id": "NGO-A"}),
    _inspection("I2", "GOV", "1397/03/01", {"name": "ن", "affiliation": "ngo"}),
    _inspection("I3", "O-1", "1397/04/01"),
    _inspection("I4", "O-1", "1396/12/01", {"name": "ن", "affiliation": "ngo", "ngo_id": "NGO-A"}),
]
REPORTS = [
    NGOReport.model_validate(
        {"id": "R1", "ngo_id": "NGO-B", "date": "1397/05/01", "agency_id": "GOV",
         "observations": "صف طولانی"}
    ),
    NGOReport.model_validate(
        {"id": "R2", "ngo_id": "NGO-A", "date": "1396/01/01", "agency_id": "O-1",
         "observations": "تابلو نیست"}
    ),
]  # fmt: skip


def test_participation_by_hand() -> None:
    """1397: I1, I2, I3 count (I4 is in 1396); I1 (NGO-A) and I2 (an NGO member without id) have
    an NGO member: 2 of 3. R1 counts (R2 is in 1396). Active: NGO-A (1 inspection), NGO-B (1
    report). Isfahan: NGO-A and NGO-C registered, only NGO-A active (NGO-C is inactive, so 1
    registered); national: NGO-B."""
    p = ngo_participation(REGISTRY, INSPECTIONS, NGOS, REPORTS, "1397")
    assert (p.inspections, p.with_ngo, p.share, p.reports) == (3, 2, 2 / 3, 1)
    assert [a.to_dict() for a in p.ngos] == [
        {
            "ngo_id": "NGO-A",
            "name": "انجمن الف",
            "province": "IR-10",
            "inspections": 1,
            "reports": 0,
        },
        {"ngo_id": "NGO-B", "name": "جمعیت ب", "province": None, "inspections": 0, "reports": 1},
    ]
    assert [r.to_dict() for r in p.provinces] == [
        {"province": "IR-10", "registered": 1, "active": 1, "inspections": 1, "reports": 0},
        {"province": None, "registered": 1, "active": 1, "inspections": 0, "reports": 1},
    ]
    assert p.explain("en") == (
        "NGOs in 1397: 2 of 3 inspections had an NGO member (66.7%); 1 NGO reports; 2 NGOs active."
    )
    assert json.loads(json.dumps(p.to_dict()))["share"] == 2 / 3


def test_participation_of_a_subtree_and_of_a_set() -> None:
    """Scope O-1: I1 and I3 (1 with an NGO member), no report; a set of ids gives the same."""
    p = ngo_participation(REGISTRY, INSPECTIONS, NGOS, REPORTS, "1397", scope="O-1")
    assert (p.scope, p.inspections, p.with_ngo, p.reports) == ("O-1", 2, 1, 0)
    q = ngo_participation(REGISTRY, INSPECTIONS, NGOS, REPORTS, "1397", scope={"O-1"})
    assert (q.scope, q.inspections, q.with_ngo, q.reports) == (None, 2, 1, 0)


def test_participation_without_inspections_has_no_share() -> None:
    """No inspection in the period: share None, not 0 or a division error."""
    p = ngo_participation(REGISTRY, INSPECTIONS, NGOS, REPORTS, "1395")
    assert (p.inspections, p.share, p.ngos) == (0, None, ())


def test_participation_schema_lists_its_fields() -> None:
    """The result has a JSON Schema derived from its fields (through citizenrights.results)."""
    from pydantic import TypeAdapter

    from citizenrights import NGOParticipation

    schema = TypeAdapter(NGOParticipation).json_schema(mode="serialization")
    p = ngo_participation(REGISTRY, INSPECTIONS, NGOS, REPORTS, "1397")
    assert set(schema["required"]) == set(p.to_dict())
