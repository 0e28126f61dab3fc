"""Publications and the working group's next meeting: the record, the measure, the reports."""

from __future__ import annotations

import datetime as dt
import json
import shutil
from pathlib import Path

import pytest
from pydantic import ValidationError

from citizenrights import (
    Meeting,
    Publication,
    build_progress_report,
    load_demo,
    transparency_record,
)
from citizenrights.dataset import Dataset, demo_dataset_path
from citizenrights.reporting._memorandum import with_sections


def _pub(pid: str, agency: str, kind: str, day: str) -> Publication:
    return Publication.model_validate(
        {"id": pid, "agency_id": agency, "kind": kind, "date": day, "title": "عنوان",
         "where": "وب‌سایت"}
    )  # fmt: skip


PUBLICATIONS = [
    _pub("P1", "A", "charter", "1396/07/10"),
    _pub("P2", "A", "structure", "1397/01/01"),
    _pub("P3", "B", "resolutions", "1396/08/01"),
    _pub("P4", "A", "other", "1396/09/01"),
]
MEETINGS = [
    Meeting.model_validate({"id": f"M{n}", "group_id": "G", "date": day})
    for n, day in enumerate(("1396/02/01", "1397/05/01", "1397/02/16"), 1)
] + [Meeting.model_validate({"id": "X", "group_id": "H", "date": "1397/01/05"})]


def test_transparency_by_hand() -> None:
    """At 1396/12/29, agency A had published its charter and an 'other' item (P2 comes later, P3
    is B's): resolutions, instructions and structure are missing; group G's next meeting is the
    earliest after the day, 1397/02/16 (another group's earlier one does not count)."""
    t = transparency_record(PUBLICATIONS, {"A"}, "1396/12/29", meetings=MEETINGS, group_id="G")
    assert [p.id for p in t.published] == ["P1", "P4"]
    assert [k.value for k in t.missing] == ["resolutions", "instructions", "structure"]
    assert t.next_meeting == dt.date(2018, 5, 6)  # 1397/02/16
    data = t.to_dict()
    assert data["next_meeting"] == "2018-05-06"
    assert json.loads(json.dumps(data)) == data


def test_no_group_no_next_meeting_and_nothing_scheduled() -> None:
    """Without a group, or when every meeting is past, there is no next meeting."""
    assert transparency_record(PUBLICATIONS, {"A"}, "1397/12/29").next_meeting is None
    late = transparency_record(PUBLICATIONS, {"A"}, "1397/12/29", meetings=MEETINGS, group_id="G")
    assert late.next_meeting is None
    assert [k.value for k in late.missing] == ["resolutions", "instructions"]


def test_publication_kinds_are_checked() -> None:
    """An unknown kind is an error naming the accepted ones."""
    with pytest.raises(ValidationError, match="'charter', 'resolutions', 'instructions'"):
        _pub("P", "A", "poster", "1396/01/01")


def test_unknown_agency_of_a_publication_is_a_problem(tmp_path: Path) -> None:
    """publications.jsonl with an unknown agency: a problem with its file and line."""
    with demo_dataset_path() as demo:
        shutil.copytree(demo, tmp_path / "d")
    path = tmp_path / "d" / "publications.jsonl"
    lines = path.read_text(encoding="utf-8").splitlines()
    record = json.loads(lines[2])
    record["agency_id"] = "nowhere"
    lines[2] = json.dumps(record, ensure_ascii=False)
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    assert Dataset.validate(tmp_path / "d") == [
        "publications.jsonl:3: agency_id: unknown agency 'nowhere': not in agencies.json"
    ]


def test_in_memory_dataset_checks_the_new_kinds() -> None:
    """Dataset.from_records takes the new kinds and checks their references (an NGO report's
    inspection too, when the inspections are given)."""
    from citizenrights.errors import DatasetError

    demo = load_demo()
    again = Dataset.from_records(
        demo.agencies,
        checklists=demo.checklists,
        inspections=demo.inspections,
        ngos=demo.ngos,
        publications=demo.publications,
        ngo_reports=demo.ngo_reports,
    )
    assert again.publications == demo.publications
    with pytest.raises(DatasetError, match="unknown agency 'X'"):
        Dataset.from_records(demo.agencies, publications=[_pub("P", "X", "charter", "1396/01/01")])
    with pytest.raises(DatasetError, match="unknown inspection 'INS-1396Q1-010'"):
        Dataset.from_records(demo.agencies, ngos=demo.ngos, ngo_reports=demo.ngo_reports)


def test_progress_report_shows_publications_next_meeting_ngos_and_training() -> None:
    """The office group's progress report: its agency's publications next to the checklist items,
    the resolutions not published, the next meeting (Ordibehesht 1398), NGOs and training."""
    report = build_progress_report(load_demo(), as_of="1397/12/29", group_id="wg-isf-smt")
    assert report.memorandum is not None
    data = report.to_dict()["memorandum"]
    assert data["transparency"]["next_meeting"] == "2019-05-06"
    assert data["transparency"]["missing"] == ["resolutions"]
    assert len(data["transparency"]["published"]) == 5
    assert data["ngos"]["inspections"] == 4
    assert data["training"][0]["programme"] == "circular-1091808"
    en = report.to_markdown("en")
    assert "## Transparency: what was published" in en
    assert "| the agency's charter | ORG.2 | منشور حقوق شهروندی سازمان |" in en
    assert "Not published: working-group resolutions (ORG.1)." in en
    assert "Next meeting of the working group: 1398/02/16 (2019-05-06)." in en
    assert "## NGOs in monitoring" in en
    fa = report.to_markdown("fa")
    assert "جلسهٔ بعدی کارگروه: ۱۶ اردیبهشت ۱۳۹۸." in fa
    assert fa.endswith("</div>\n")  # the sections are inside the right-to-left wrap


def test_with_sections_keeps_the_page_shape() -> None:
    """Lines go before the closing of a Persian page, after the end of an English one."""
    fa = '<div dir="rtl" lang="fa" markdown="1">\n\nمتن\n\n</div>\n'
    assert with_sections(fa, ["## الف"], "fa") == (
        '<div dir="rtl" lang="fa" markdown="1">\n\nمتن\n\n## الف\n\n</div>\n'
    )
    assert with_sections("text\n", ["## A", ""], "en") == "text\n\n## A\n"
    assert with_sections("text\n", [], "en") == "text\n"


def test_agency_report_shows_publications_next_to_the_checklist_answers() -> None:
    """An agency's report lists what it published by the end of the period next to the checklist
    item on the same thing with the latest answer, the kinds not published, and its group's next
    meeting; an agency with no publication has no such section."""
    from citizenrights import build_report

    report = build_report(load_demo(), "1397-Q4", scope="IR-10")
    smt = report.for_agency("isf-smt")
    assert smt.transparency is not None
    assert smt.to_dict()["transparency"]["next_meeting"] == "2019-05-06"
    en = smt.to_markdown("en")
    assert "| the agency's charter | ORG.2 (compliant) | منشور حقوق شهروندی سازمان |" in en
    assert "Not published: working-group resolutions (ORG.1: compliant)." in en
    assert "Next meeting of the working group: 1398/02/16 (2019-05-06)." in en
    tax = report.for_agency("isf-tax")
    assert tax.transparency is not None
    assert tax.transparency.next_meeting is None  # no group of its own
    other = report.for_agency("isf-abfa")
    assert other.transparency is None
    assert "Transparency" not in other.to_markdown("en")
    assert other.to_dict()["transparency"] is None
