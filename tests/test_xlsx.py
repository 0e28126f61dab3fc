"""Excel workbooks of the reports, opened with openpyxl: sheets, direction, numbers, frozen headers.

The ranking sheet is checked against the JSON ranking row for row; dates are real date cells with
the Jalali date as text beside them. Also: ``report --format xlsx`` on the command line, and its
refusal to print a workbook on a terminal.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import json
import os
import pty
import subprocess
import sys
from pathlib import Path

import pytest

from citizenrights.calendar import JalaliPeriod, format_jalali
from citizenrights.dataset import Dataset, load_demo
from citizenrights.reporting import Report, build_progress_report, build_report

openpyxl = pytest.importorskip("openpyxl", reason="the xlsx extra (openpyxl) is not installed")

Q4 = JalaliPeriod.parse("1397-Q4")

REPORT_SHEETS = {
    "fa": ["رتبه‌بندی", "عدم انطباق حیاتی", "شکایات", "آموزش", "اقدامات معوق", "پیشرفت کارگروه‌ها"],
    "en": [
        "Ranking",
        "Critical items not met",
        "Complaints",
        "Training",
        "Overdue actions",
        "Working groups",
    ],
}


@pytest.fixture(scope="module")
def demo() -> Dataset:
    return load_demo()


@pytest.fixture(scope="module")
def report(demo: Dataset) -> Report:
    return build_report(demo, Q4, scope="IR-10")


def _same(value: float | None) -> object:
    """A float as Excel keeps it (15 significant digits); ``None`` as itself."""
    return None if value is None else pytest.approx(value, rel=1e-14, abs=0)


def _open(path: Path) -> openpyxl.Workbook:
    return openpyxl.load_workbook(path)


@pytest.mark.parametrize("lang", ["fa", "en"])
def test_report_workbook_sheets_direction_and_frozen_header(
    report: Report, tmp_path: Path, lang: str
) -> None:
    path = report.to_xlsx(tmp_path / f"r-{lang}.xlsx", lang)  # type: ignore[arg-type]
    book = _open(path)
    assert book.sheetnames == REPORT_SHEETS[lang]
    for sheet in book.worksheets:
        assert bool(sheet.sheet_view.rightToLeft) is (lang == "fa"), sheet.title
        assert sheet.freeze_panes == "A2", sheet.title
        assert all(c.font.bold for c in sheet[1] if c.value is not None)


def test_ranking_sheet_matches_the_json_ranking_row_for_row(report: Report, tmp_path: Path) -> None:
    """Rank, id, score, previous, change and coverage: the JSON's values, as numbers.

    Excel keeps 15 significant digits, so a float may come back one unit in its last place off.
    """
    book = _open(report.to_xlsx(tmp_path / "r.xlsx", "en"))
    sheet = book["Ranking"]
    headers = [c.value for c in sheet[1]]
    rows = [dict(zip(headers, (c.value for c in row), strict=True)) for row in sheet.iter_rows(2)]
    ranking = json.loads(json.dumps(report.to_dict()["ranking"]))
    assert len(rows) == len(ranking) == 35
    for got, want in zip(rows, ranking, strict=True):
        assert got["Agency id"] == want["agency_id"]
        assert got["Group code"] == want["group"]
        assert got["Rank"] == want["rank"]
        assert got["Index"] == _same(want["score"])
        assert got["Previous"] == _same(want["previous"])
        assert got["Change"] == _same(want["change"])
        assert got["Data coverage"] == want["coverage"]
        assert got["Agency"] == want["name_en"]
    first = next(iter(sheet.iter_rows(min_row=2, max_row=2)))
    by_header = dict(zip(headers, first, strict=True))
    assert isinstance(by_header["Index"].value, float)
    assert by_header["Index"].number_format == "0.00"
    assert by_header["Data coverage"].number_format == "0.0%"
    assert isinstance(by_header["Rank"].value, int)
    assert by_header["Peer group"].value == "Economic agencies"


def test_persian_ranking_sheet_says_names_in_persian(report: Report, tmp_path: Path) -> None:
    book = _open(report.to_xlsx(tmp_path / "r.xlsx", "fa"))
    sheet = book["رتبه‌بندی"]
    assert sheet["A2"].value == "دستگاه‌های اقتصادی"
    assert sheet["C2"].value == report.ranking[0].name
    assert sheet["E2"].value == "خوب"


def test_dates_are_date_cells_with_jalali_text_beside(report: Report, tmp_path: Path) -> None:
    book = _open(report.to_xlsx(tmp_path / "r.xlsx", "en"))
    sheet = book["Overdue actions"]
    headers = [c.value for c in sheet[1]]
    due, jalali = headers.index("Due") + 1, headers.index("Due (Jalali)") + 1
    assert sheet.max_row - 1 == len(report.overdue) == 78  # every one, not the Markdown's 25
    oldest = max(report.overdue, key=lambda o: o.age_days)
    cell = sheet.cell(row=2, column=due)
    assert isinstance(cell.value, dt.datetime)
    assert cell.value.date() == oldest.due == dt.date(2017, 5, 21)
    assert cell.number_format == "yyyy-mm-dd"
    assert sheet.cell(row=2, column=jalali).value == format_jalali(oldest.due) == "1396/02/31"
    late = sheet.cell(row=2, column=headers.index("Late (working days)") + 1)
    assert late.value == oldest.age_days == 560


def test_complaint_figures_are_numbers(report: Report, tmp_path: Path) -> None:
    book = _open(report.to_xlsx(tmp_path / "r.xlsx", "en"))
    figures = {row[0].value: row[1] for row in book["Complaints"].iter_rows(min_row=2)}
    assert figures["Received"].value == report.complaints.received == 52
    assert figures["Upheld per 1,000 services"].value == _same(report.complaints.upheld_per_1000)
    assert figures["Upheld per 1,000 services"].number_format == "0.0000"
    assert figures["Share answered in time"].number_format == "0.0%"


def test_critical_sheet_lists_each_failure_once(report: Report, tmp_path: Path) -> None:
    book = _open(report.to_xlsx(tmp_path / "r.xlsx", "fa"))
    sheet = book["عدم انطباق حیاتی"]
    inspections = [row[-2].value for row in sheet.iter_rows(min_row=2)]
    assert inspections == ["INS-1397Q4-012", "INS-1397Q4-034", "INS-1397Q4-036"]


def test_national_workbook_has_provinces(demo: Dataset, tmp_path: Path) -> None:
    book = _open(build_report(demo, Q4).to_xlsx(tmp_path / "n.xlsx", "en"))
    assert "Provinces" in book.sheetnames
    row = [c.value for c in book["Provinces"][2]]
    assert row[0] == 1
    assert row[1] == "Isfahan"
    assert row[-1] == "IR-10"
    assert row[4:7] == [35, 35, 1.0]


def test_agency_and_progress_workbooks(demo: Dataset, report: Report, tmp_path: Path) -> None:
    agency = report.for_agency("isf-abfa")
    book = _open(agency.to_xlsx(tmp_path / "a.xlsx", "fa"))
    assert book.sheetnames == [
        "خلاصه",
        "اجزای شاخص",
        "بازرسی‌ها",
        "عدم انطباق حیاتی",
        "اقدامات معوق",
    ]
    summary = {row[0].value: row[1].value for row in book["خلاصه"].iter_rows(min_row=2)}
    assert summary["رتبه در گروه همتا"] == 5
    assert summary["شاخص"] == agency.row.score
    assert book["اقدامات معوق"].max_row - 1 == 8
    progress = build_progress_report(demo, as_of="1397/12/29", group_id="wg-national")
    book = _open(progress.to_xlsx(tmp_path / "p.xlsx", "en"))
    assert book.sheetnames == ["Working groups", "Programme items", "Overdue actions"]
    row = [c.value for c in book["Working groups"][2]]
    assert row[0] == "Joint working group on citizens' rights in the administrative system"
    assert row[5:8] == [18, 11, 2]
    assert book["Working groups"].sheet_view.rightToLeft in (None, False)


def test_unknown_language_is_refused(report: Report, tmp_path: Path) -> None:
    with pytest.raises(ValueError, match="lang"):
        report.to_xlsx(tmp_path / "x.xlsx", "de")  # type: ignore[arg-type]
    assert not (tmp_path / "x.xlsx").exists()


# -- the command line ----------------------------------------------------------------------------


def _cli(*args: str, stdout: int = subprocess.PIPE) -> subprocess.CompletedProcess[bytes]:
    return subprocess.run(
        [sys.executable, "-c", "from citizenrights.cli import main; main()", *args],
        stdout=stdout,
        stderr=subprocess.PIPE,
        check=False,
    )


@pytest.fixture(scope="module")
def folder(tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("demo") / "data"
    done = _cli("demo", "--export", str(out))
    assert done.returncode == 0, done.stderr
    return out


def test_cli_report_xlsx_to_a_file_and_to_a_pipe(folder: Path, tmp_path: Path) -> None:
    target = tmp_path / "r.xlsx"
    done = _cli("report", str(folder), "-p", "1397-Q4", "--province", "IR-10", "-f", "xlsx",
                "-o", str(target))  # fmt: skip
    assert done.returncode == 0, done.stderr
    assert _open(target).sheetnames == REPORT_SHEETS["fa"]
    piped = _cli("report", str(folder), "-p", "1397-Q4", "-f", "xlsx", "--lang", "en")
    assert piped.returncode == 0, piped.stderr
    assert piped.stdout[:2] == b"PK"  # a zip file: the workbook
    (tmp_path / "p.xlsx").write_bytes(piped.stdout)
    assert "Provinces" in _open(tmp_path / "p.xlsx").sheetnames


def test_cli_refuses_a_workbook_on_a_terminal(folder: Path) -> None:
    """On a terminal, one line saying what to do, exit 2, and nothing written."""
    leader, follower = pty.openpty()
    try:
        done = _cli("report", str(folder), "-p", "1397-Q4", "-f", "xlsx", stdout=follower)
    finally:
        os.close(follower)
        os.close(leader)
    assert done.returncode == 2
    message = done.stderr.decode().strip()
    assert message.count("\n") == 0
    assert "--format xlsx" in message
    assert "--output" in message


def test_cli_csv_has_a_bom_and_rounded_numbers(folder: Path) -> None:
    done = _cli("report", str(folder), "-p", "1397-Q4", "--province", "IR-10", "-f", "csv")
    assert done.returncode == 0, done.stderr
    assert done.stdout.startswith(b"\xef\xbb\xbfgroup,rank,agency_id,")
    rows = list(csv.DictReader(io.StringIO(done.stdout.decode("utf-8-sig"))))
    assert (rows[0]["agency_id"], rows[0]["score"]) == ("isf-labour", "81.34")


def test_cli_unknown_format_lists_xlsx(folder: Path) -> None:
    done = _cli("report", str(folder), "-p", "1397-Q4", "-f", "xls")
    assert done.returncode == 2
    message = done.stderr.decode().strip()
    assert message.startswith("citizenrights: error: --format: expected one of markdown, json, csv")
    assert message.endswith("; got 'xls'")
    assert "xlsx" in message
    assert "\n" not in message
