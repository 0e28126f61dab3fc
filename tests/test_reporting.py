"""Reports: assembly of the figures, scopes, rendering in Persian and English, CSV and JSON."""

from __future__ import annotations

import ast
import csv
import importlib
import inspect
import io
import json
import re
from datetime import date
from pathlib import Path
from typing import Literal

import pytest
from pydantic import TypeAdapter

from citizenrights.calendar import JalaliPeriod
from citizenrights.dataset import Dataset, load_demo
from citizenrights.errors import InvalidPeriodError, UnknownAgencyError
from citizenrights.models import AgencyStats, Checklist, Inspection, TrainingRecord
from citizenrights.models.agencies import Agency, AgencyRegistry
from citizenrights.models.provinces import Province
from citizenrights.reporting import Report, build_report
from citizenrights.scoring.index import agency_index
from citizenrights.scoring.inspections import score_inspection

Q4 = JalaliPeriod.parse("1397-Q4")


@pytest.fixture(scope="module")
def demo() -> Dataset:
    return load_demo()


@pytest.fixture(scope="module")
def report(demo: Dataset) -> Report:
    return build_report(demo, Q4, scope="IR-10")


def test_ranking_covers_every_agency_once_in_group_rank_order(
    demo: Dataset, report: Report
) -> None:
    """Every agency of the province appears once, ordered by group, then rank (None last), then id."""
    ids = [r.agency_id for r in report.ranking]
    assert sorted(ids) == sorted(a.id for a in demo.agencies.in_province(Province.parse("IR-10")))
    keys = [(r.group or "\uffff", r.rank is None, r.rank or 0, r.agency_id) for r in report.ranking]
    assert keys == sorted(keys)
    assert sum(report.grades.values()) == len(ids)


def test_index_equals_agency_index_on_the_whole_dataset(demo: Dataset, report: Report) -> None:
    """Grouping records by agency before indexing changes nothing: same index as the direct call."""
    agency_id = report.ranking[0].agency_id
    scores = [
        score_inspection(i, demo.checklists[(i.checklist_id, i.checklist_version)])
        for i in demo.inspections
    ]
    direct = agency_index(
        agency_id,
        Q4,
        inspections=scores,
        complaints=demo.complaints,
        trainings=demo.trainings,
        surveys=demo.surveys,
        stats=demo.stats,
    )
    assert report.indices[agency_id].to_dict() == direct.to_dict()
    assert report.ranking[0].score == direct.score


def test_summary_counts_the_period_inspections(demo: Dataset, report: Report) -> None:
    """The summary counts the inspections dated in the period, by kind and joint."""
    in_period = [i for i in demo.inspections if i.date in Q4]
    assert report.summary.inspections == len(in_period)
    assert report.summary.joint == sum(1 for i in in_period if i.is_joint)
    assert sum(report.summary.by_kind.values()) == len(in_period)
    assert set(report.scores) == {i.id for i in in_period}


def test_change_is_score_minus_previous(report: Report) -> None:
    """The trend column is the difference with the previous period's index."""
    for row in report.ranking:
        if row.score is not None and row.previous is not None:
            assert row.change == row.score - row.previous
        else:
            assert row.change is None


def test_scopes(demo: Dataset) -> None:
    """A province, an agency subtree and the nation each cover the right agencies."""
    national = build_report(demo, Q4)
    assert national.scope.kind == "national"
    assert len(national.ranking) == len(demo.agencies)
    gov = next(a for a in demo.agencies if a.kind.value == "provincial_governorate")
    subtree = build_report(demo, Q4, scope=gov.id)
    assert subtree.scope.kind == "agency"
    expected = {gov.id, *(a.id for a in demo.agencies.descendants(gov.id))}
    assert set(subtree.scope.agencies) == expected
    by_name = build_report(demo, "1397-Q4", scope="اصفهان")
    assert by_name.scope.code == "IR-10"


def test_bad_scope_and_period(demo: Dataset) -> None:
    """An unknown scope or a bad period raises the library's errors, naming the value."""
    with pytest.raises(UnknownAgencyError, match="Atlantis"):
        build_report(demo, Q4, scope="Atlantis")
    with pytest.raises(InvalidPeriodError, match="1397-Q5"):
        build_report(demo, "1397-Q5")


def test_markdown_persian_is_rtl_with_persian_digits(report: Report) -> None:
    """The Persian report is a right-to-left block whose figures use Persian digits."""
    text = report.to_markdown("fa")
    assert text.startswith('<div dir="rtl"')
    assert "زمستان ۱۳۹۷" in text
    summary = text.split("## خلاصه")[1].split("##")[0]
    assert not re.search(r"[0-9]", summary)
    english = report.to_markdown("en")
    assert "## Agencies ranked within peer groups" in english
    assert "Winter 1397" in english
    with pytest.raises(ValueError, match="lang"):
        report.to_markdown("de")


def test_csv_has_one_row_per_agency(report: Report) -> None:
    """The ranking CSV has a header and one row per ranked agency, numbers rounded for display."""
    text = report.to_csv()
    assert not text.startswith("\ufeff")
    rows = list(csv.DictReader(io.StringIO(text)))
    assert [r["agency_id"] for r in rows] == [r.agency_id for r in report.ranking]
    first, top = rows[0], report.ranking[0]
    # 81.33665458937197 -> 81.34 (two places, the scoring policy's), never the raw float.
    assert top.score is not None
    assert top.previous is not None
    assert (first["score"], first["score_display"]) == ("81.34", "81.34")
    assert first["previous"] == "75.84"
    assert first["coverage"] == "1.0"
    for row in rows:
        for key in ("score", "inspection", "previous", "change"):
            assert row[key] == "" or len(row[key].split(".")[1]) <= 2, (key, row[key])


def test_csv_for_excel_starts_with_a_bom(report: Report) -> None:
    """With ``bom=True`` the CSV starts with U+FEFF, which Excel needs to read UTF-8 Persian."""
    text = report.to_csv(bom=True)
    assert text.startswith("\ufeffgroup,rank,agency_id,")
    assert text.encode("utf-8")[:3] == b"\xef\xbb\xbf"
    assert text[1:] == report.to_csv()


def test_json_and_pydantic(report: Report) -> None:
    """to_dict is JSON-ready and the report works as a pydantic field (TypeAdapter)."""
    data = json.loads(json.dumps(report.to_dict(), ensure_ascii=False))
    assert data["period"] == "1397-Q4"
    assert data["scope"]["code"] == "IR-10"
    dumped = json.loads(TypeAdapter(Report).dump_json(report))
    assert dumped == data


def test_no_personal_data_in_reports(demo: Dataset, report: Report) -> None:
    """No candidate's id or name, nor any inspector's name, appears in any rendering."""
    texts = [report.to_markdown("fa"), report.to_markdown("en"), report.to_csv()]
    texts.append(json.dumps(report.to_dict(), ensure_ascii=False))
    secrets = {c.person_id for c in demo.candidates} | {c.name for c in demo.candidates}
    secrets |= {m.name for i in demo.inspections for m in i.team}
    for text in texts:
        for secret in secrets:
            assert secret not in text


def test_agency_report(report: Report) -> None:
    """The per-agency report carries the agency's row, index and inspections."""
    row = report.ranking[3]
    sub = report.for_agency(row.agency_id)
    assert sub.row == row
    assert all(s.agency_id == row.agency_id for s in sub.inspections)
    assert sub.peers == sum(1 for r in report.ranking if r.group == row.group)
    assert row.name in sub.to_markdown("fa")
    assert json.dumps(sub.to_dict(), ensure_ascii=False)
    with pytest.raises(UnknownAgencyError):
        report.for_agency("no-such-agency")


CHECKLIST = Checklist.model_validate(
    {
        "id": "mini",
        "version": "1",
        "title": "کوچک",
        "sections": [
            {
                "code": "S",
                "title": "بخش",
                "items": [
                    {"code": "S1", "text": "یک", "scale": "binary"},
                    {"code": "S2", "text": "دو"},
                ],
            }
        ],
    }
)


def _inspection(n: int, agency: str, day: str, s1: str, s2: str) -> Inspection:
    return Inspection.model_validate(
        {
            "id": f"I{n}",
            "agency_id": agency,
            "checklist_id": "mini",
            "checklist_version": "1",
            "kind": "periodic",
            "date": day,
            "team": [{"name": "الف", "affiliation": "areo"}, {"name": "ب", "affiliation": "moi"}],
            "responses": [{"item": "S1", "answer": s1}, {"item": "S2", "answer": s2}],
        }
    )


def test_hand_worked_small_report() -> None:
    """Two agencies of one group tie at 75 (inspection only, coverage 0.5); the third is alone.

    A: S1 compliant (1), S2 partial (0.5) -> 75.0. B: the same -> 75.0. C: both compliant -> 100,
    in another group. Only the inspection component has data: coverage 0.5, index = 75 / 100.
    """
    registry = AgencyRegistry(
        [
            Agency(id="A", name="الف", kind="provincial_office", category="g1"),
            Agency(id="B", name="ب", kind="provincial_office", category="g1"),
            Agency(id="C", name="ج", kind="provincial_office", category="g2"),
        ]
    )
    ds = Dataset(
        agencies=registry,
        checklists={("mini", "1"): CHECKLIST},
        inspections=(
            _inspection(1, "A", "1396/08/01", "compliant", "partial"),
            _inspection(2, "B", "1396/08/02", "compliant", "partial"),
            _inspection(3, "C", "1396/08/03", "compliant", "compliant"),
            _inspection(4, "C", "1396/05/03", "non_compliant", "compliant"),
        ),
    )
    rep = build_report(ds, "1396-Q3")
    table = [(r.group, r.rank, r.agency_id, r.score, r.coverage) for r in rep.ranking]
    assert table == [
        ("g1", 1, "A", 75.0, 0.5),
        ("g1", 1, "B", 75.0, 0.5),
        ("g2", 1, "C", 100.0, 0.5),
    ]
    c = next(r for r in rep.ranking if r.agency_id == "C")
    assert c.previous == 50.0
    assert c.change == 50.0
    assert rep.summary.inspections == 3
    assert rep.summary.mean_inspection == pytest.approx(250 / 3)
    assert rep.coverage.covered == ("A", "B", "C")
    assert rep.coverage.rate == 1.0
    assert rep.as_of == date(2017, 12, 21)


def test_progress_report_counts_nothing_after_as_of(demo: Dataset) -> None:
    """Coverage in a progress report counts only inspections dated on or before its day."""
    from citizenrights.reporting import build_progress_report

    early = build_progress_report(demo, as_of="1397/01/15", group_id="wg-national")
    inspected = {
        i.agency_id
        for i in demo.inspections
        if i.kind.value == "periodic" and date(2018, 3, 21) <= i.date <= date(2018, 4, 4)
    }
    assert set(early.coverage.covered) == inspected
    assert "up to 1397/01/15" in early.to_markdown("en")
    late = build_progress_report(demo, as_of="1397/03/31", group_id="wg-national")
    assert "up to" not in late.to_markdown("en")


# -- issue 10 row 9: item texts come from the inspection's own checklist version ----------------


def _versioned(version: str, fa: str, en: str) -> Checklist:
    return Checklist.model_validate(
        {
            "id": "mini",
            "version": version,
            "title": "کوچک",
            "sections": [
                {
                    "code": "S",
                    "title": "بخش",
                    "items": [
                        {"code": "S1", "text": fa, "text_en": en, "critical": True},
                        {"code": "S2", "text": "دو"},
                    ],
                }
            ],
        }
    )


VERSION_TEXTS = {
    "1": ("رفتار محترمانه نسخه یک", "Respectful conduct, version one"),
    "2": ("رفتار محترمانه و اسلامی نسخه دو", "Respectful and Islamic conduct, version two"),
}


def _versioned_report() -> Report:
    registry = AgencyRegistry([Agency(id="A", name="الف", kind="provincial_office")])
    inspections = []
    # Version 2 first, so that a code -> text map built over all checklists would pick it for both.
    for n, version in enumerate(["2", "1"], start=1):
        data = _inspection(n, "A", f"1396/08/0{n}", "non_compliant", "compliant").model_dump()
        data["checklist_version"] = version
        inspections.append(Inspection.model_validate(data))
    ds = Dataset(
        agencies=registry,
        checklists={("mini", v): _versioned(v, fa, en) for v, (fa, en) in VERSION_TEXTS.items()},
        inspections=tuple(inspections),
    )
    return build_report(ds, "1396-Q3")


@pytest.mark.parametrize(
    ("inspection_id", "version"),
    [("I1", "2"), ("I2", "1")],
)
@pytest.mark.parametrize("lang", ["fa", "en"])
def test_critical_item_text_is_from_the_inspections_checklist_version(
    inspection_id: str, version: str, lang: Literal["fa", "en"]
) -> None:
    """Two versions share item code S1 with different texts: each finding shows its own version's.

    The report's data, JSON and Markdown (fa and en) all carry the text of the checklist version
    the inspection was scored against, never the other version's.
    """
    rep = _versioned_report()
    finding = next(c for c in rep.critical if c.inspection_id == inspection_id)
    fa, en = VERSION_TEXTS[version]
    other_fa, other_en = VERSION_TEXTS["1" if version == "2" else "2"]
    assert (finding.item, finding.source) == ("S1", "critical_item")
    assert (finding.description, finding.description_en) == (fa, en)
    assert finding.text(lang) == (fa if lang == "fa" else en)
    data = next(c for c in rep.to_dict()["critical"] if c["inspection_id"] == inspection_id)
    assert (data["description"], data["description_en"]) == (fa, en)
    row = next(
        line for line in rep.to_markdown(lang).splitlines() if inspection_id in line and "|" in line
    )
    expected, other = (fa, other_fa) if lang == "fa" else (en, other_en)
    assert expected in row
    assert other not in row


# -- issue 10 row 8: the report counts trainings by the index's rule ---------------------------


@pytest.mark.parametrize(
    ("audiences", "trained", "share", "people", "hours", "left_out"),
    [
        (["ngo"] * 10, 0, 0.0, 0, 0.0, 10),
        (["inspector"] * 4 + ["ngo"] * 6, 0, 0.0, 0, 0.0, 10),
        (["employee"] * 10, 10, 1.0, 10, 40.0, 0),
        (["manager"] * 2 + ["employee"] * 3 + ["ngo"] * 5, 5, 0.5, 5, 20.0, 5),
    ],
)
def test_report_training_figures_count_only_staff_audiences(
    audiences: list[str], trained: int, share: float, people: int, hours: float, left_out: int
) -> None:
    """A report's training figures use the index's rule: only managers' and employees' courses.

    Ten staff; each record is one distinct person's 4-hour course in the period.
    """
    registry = AgencyRegistry([Agency(id="A", name="الف", kind="provincial_office")])
    trainings = tuple(
        TrainingRecord(
            person_id=f"p{n}",
            agency_id="A",
            course="حقوق شهروندی",
            audience=audience,
            hours=4,
            date="1396/08/01",
        )
        for n, audience in enumerate(audiences)
    )
    stats = (AgencyStats(agency_id="A", period="1396-Q3", services=100, staff=10),)
    rep = build_report(Dataset(agencies=registry, trainings=trainings, stats=stats), "1396-Q3")
    t = rep.training
    assert (t.staff, t.trained, t.share, t.people, t.hours, t.left_out) == (
        10,
        trained,
        share,
        people,
        hours,
        left_out,
    )
    assert rep.indices["A"].components["training"].value == 100 * share
    english = rep.to_markdown("en")
    assert (f"not counted: {left_out}" in english) is bool(left_out)


def _imported_modules(module_name: str) -> set[str]:
    """Every ``citizenrights`` module a module imports, at any level (functions and TYPE_CHECKING too)."""
    module = importlib.import_module(module_name)
    tree = ast.parse(Path(inspect.getfile(module)).read_text(encoding="utf-8"))
    found: set[str] = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.ImportFrom) and node.module:
            found.add(node.module)
            found.update(f"{node.module}.{a.name}" for a in node.names)
        elif isinstance(node, ast.Import):
            found.update(a.name for a in node.names)
    return {m for m in found if m.startswith("citizenrights")}


@pytest.mark.parametrize(
    "module_name",
    [
        "citizenrights.reporting.render",
        "citizenrights.reporting._sections",
        "citizenrights.reporting._render",
        "citizenrights.reporting.figures",
        "citizenrights.reporting._figures",
    ],
)
def test_rendering_and_figures_never_import_the_report_module(module_name: str) -> None:
    """The report module calls rendering and holds the figures: neither imports it back."""
    assert "citizenrights.reporting.report" not in _imported_modules(module_name)


def test_results_mechanism_imports_nothing_from_the_packages_that_use_it() -> None:
    """`citizenrights.results` sits below scoring, reporting and evaluation."""
    assert _imported_modules("citizenrights.results") == set()


def test_moved_names_keep_their_import_paths(report: Report) -> None:
    """Figures moved to `reporting.figures` still import from `reporting.report` and the root."""
    import citizenrights
    from citizenrights.reporting import figures
    from citizenrights.reporting import report as report_module

    for name in figures.__all__:
        assert (
            getattr(report_module, name) is getattr(figures, name) is getattr(citizenrights, name)
        )
    assert isinstance(report.ranking[0], figures.RankedAgency)


def test_csv_text_is_public_and_writes_none_as_empty() -> None:
    """`csv_text` (used by the CLI) is public in `reporting`, with CRLF line ends."""
    from citizenrights import csv_text
    from citizenrights.reporting import csv_text as from_reporting

    assert csv_text is from_reporting
    assert csv_text(["a", "b"], [[1, None]]) == "a,b\r\n1,\r\n"
