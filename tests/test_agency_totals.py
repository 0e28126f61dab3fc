"""An agency head's report says how many findings past due and critical failures there are in all.

A report folded with bounds (``overdue_limit``, ``critical_limit``, as at national scale) lists
each agency's oldest findings and latest failures; the agency's own page, JSON and workbook still
give the exact counts, as the period's report does for the scope.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from citizenrights import ReportPartial, assemble_report, build_report, load_demo
from citizenrights.dataset import Dataset

PERIOD = "1397-Q4"
AGENCY = "isf-abfa"  # 8 findings past due at the end of 1397-Q4 in the demo


@pytest.fixture(scope="module")
def demo() -> Dataset:
    return load_demo()


def _bounded(demo: Dataset, overdue: int, critical: int) -> ReportPartial:
    partial = ReportPartial(demo, PERIOD, overdue_limit=overdue, critical_limit=critical)
    partial.fold_dataset(demo)
    return partial


@pytest.mark.parametrize(("overdue", "critical"), [(0, 0), (1, 1), (3, 0), (50, 50)])
def test_agency_totals_are_exact_whatever_is_kept(
    demo: Dataset, overdue: int, critical: int
) -> None:
    """The agency's counts in all equal the unbounded report's, for any bound."""
    whole = build_report(demo, PERIOD).for_agency(AGENCY)
    bounded = assemble_report(_bounded(demo, overdue, critical)).for_agency(AGENCY)
    assert len(whole.overdue) == 8
    assert bounded.overdue_total == whole.overdue_total == len(whole.overdue)
    assert bounded.critical_total == whole.critical_total == len(whole.critical)
    assert len(bounded.overdue) == min(overdue, 8)
    data = bounded.to_dict()
    assert (data["overdue_total"], data["critical_total"]) == (8, len(whole.critical))


def test_agency_page_says_how_many_in_all(demo: Dataset) -> None:
    """Markdown and HTML say "8 in all" when only some of the agency's findings are listed."""
    bounded = assemble_report(_bounded(demo, 3, 50)).for_agency(AGENCY)
    markdown = bounded.to_markdown("en")
    assert "8 in all" in markdown
    assert "در مجموع ۸ مورد است؛ ۳ مورد در این جدول" in bounded.to_markdown("fa")
    pytest.importorskip("jinja2", reason="the HTML page needs the extra html")
    pytest.importorskip("matplotlib", reason="the HTML page needs the extra html")
    assert "8 in all" in bounded.to_html("en")
    # Listed whole, nothing is said.
    whole = build_report(demo, PERIOD).for_agency(AGENCY)
    assert "in all" not in whole.to_markdown("en")


def test_workbook_summaries_count_everything(demo: Dataset, tmp_path: Path) -> None:
    """The report's and the agency's Summary sheets give the counts in all."""
    openpyxl = pytest.importorskip("openpyxl", reason="the workbook needs the extra xlsx")
    partial = _bounded(demo, 1, 1)
    report = assemble_report(partial)
    book = openpyxl.load_workbook(report.to_xlsx(tmp_path / "r.xlsx", "en"))
    summary = {row[0].value: row[1].value for row in book["Summary"].iter_rows(min_row=2)}
    assert summary["Corrective actions past due (all)"] == partial.overdue_total == 78
    assert summary["Critical items not met (all)"] == partial.critical_total
    assert summary["Inspections"] == report.summary.inspections
    agency = report.for_agency(AGENCY)
    book = openpyxl.load_workbook(agency.to_xlsx(tmp_path / "a.xlsx", "en"))
    summary = {row[0].value: row[1].value for row in book["Summary"].iter_rows(min_row=2)}
    assert summary["Corrective actions past due (all)"] == 8
    assert book["Corrective actions past due"].max_row - 1 == 1  # the one kept


def test_national_critical_section_names_the_agencies_with_most(demo: Dataset) -> None:
    """A national page counts critical records by agency first, then lists the most recent."""
    partial = ReportPartial(demo, "1397-Q2")
    partial.fold_dataset(demo)
    report = assemble_report(partial)
    assert report.scope.kind == "national"
    counts = partial.critical_by_agency()
    top = sorted(counts.items(), key=lambda an: (-an[1], an[0]))[:10]
    english = report.to_markdown("en")
    section = english.split("## Critical items not met")[1].split("\n## ")[0]
    assert "The agencies with the most critical records" in section
    for agency_id, n in top:
        assert f"| {n} | {agency_id} |" in section
    # The detail rows, the most recent first.
    days = [
        line.split(" | ")[1]
        for line in section.splitlines()
        if line.startswith("| ") and " (20" in line
    ]
    assert days == sorted(days, reverse=True)
    assert len(days) > 1
    # A province's report lists every failure in its table, by agency, as before.
    province = build_report(demo, "1397-Q2", scope="IR-10").to_markdown("en")
    assert "The agencies with the most" not in province
