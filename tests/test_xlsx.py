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
from citizenrights.reporting import ProgressReport, Report, build_progress_report, build_report

openpyxl = pytest.importorskip("openpyxl", reason="the xlsx extra (openpyxl) is not installed")

Q4 = JalaliPeriod.parse("1397-Q4")

REPORT_SHEETS = {
    "fa": [
        "خلاصه",
        "رتبه‌بندی",
        "عدم انطباق در بند حیاتی",
        "شکایات",
        "آموزش حقوق شهروندی",
        "اقدامات اصلاحی معوق",
        "پیشرفت کارگروه‌ها",
    ],
    "en": [
        "Summary",
        "Ranking",
        "Critical items not met",
        "Complaints",
        "Citizens'-rights training",
        "Corrective actions past due",
        "Working-group progress",
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
    sheet = book["Corrective actions past due"]
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
    sheet = book["عدم انطباق در بند حیاتی"]
    inspections = [row[-2].value for row in sheet.iter_rows(min_row=2)]
    assert inspections == ["INS-1397Q4-012", "INS-1397Q4-034", "INS-1397Q4-036"]


def test_national_workbook_has_provinces(demo: Dataset, tmp_path: Path) -> None:
    book = _open(build_report(demo, Q4).to_xlsx(tmp_path / "n.xlsx", "en"))
    assert "Provinces ranked" in book.sheetnames
    row = [c.value for c in book["Provinces ranked"][2]]
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
        "عدم انطباق در بند حیاتی",
        "اقدامات اصلاحی معوق",
    ]
    summary = {row[0].value: row[1].value for row in book["خلاصه"].iter_rows(min_row=2)}
    assert summary["رتبه در گروه همتا"] == 5
    assert summary["شاخص"] == agency.row.score
    assert book["اقدامات اصلاحی معوق"].max_row - 1 == 8
    progress = build_progress_report(demo, as_of="1397/12/29", group_id="wg-national")
    book = _open(progress.to_xlsx(tmp_path / "p.xlsx", "en"))
    assert book.sheetnames == [
        "Working-group progress",
        "Programme items",
        "Corrective actions past due",
        "Memorandum figures",
        "Publications",
        "Not published",
        "NGOs",
        "Training circular-1091808",
    ]
    row = [c.value for c in book["Working-group progress"][2]]
    assert row[0] == "Joint working group on citizens' rights in the administrative system"
    assert row[5:8] == [18, 11, 2]
    assert book["Working-group progress"].sheet_view.rightToLeft in (None, False)


MEMORANDUM_SHEETS = {
    "fa": [
        "ارقام تفاهم‌نامه",
        "انتشارها",
        "منتشرنشده",
        "سازمان‌های مردم‌نهاد",
        "آموزش circular-1091808",
    ],
    "en": [
        "Memorandum figures",
        "Publications",
        "Not published",
        "NGOs",
        "Training circular-1091808",
    ],
}


@pytest.fixture(scope="module")
def progress(demo: Dataset) -> ProgressReport:
    return build_progress_report(demo, as_of="1397/12/29", group_id="wg-national")


def _rows(sheet: object) -> list[list[object]]:
    return [[c.value for c in row] for row in sheet.iter_rows(min_row=2)]  # type: ignore[attr-defined]


@pytest.mark.parametrize("lang", ["fa", "en"])
def test_progress_workbook_has_the_memorandum_sheets(
    progress: ProgressReport, tmp_path: Path, lang: str
) -> None:
    book = _open(progress.to_xlsx(tmp_path / f"p-{lang}.xlsx", lang))  # type: ignore[arg-type]
    assert book.sheetnames[3:] == MEMORANDUM_SHEETS[lang]
    for title in MEMORANDUM_SHEETS[lang]:
        sheet = book[title]
        assert bool(sheet.sheet_view.rightToLeft) is (lang == "fa"), title
        assert sheet.freeze_panes == "A2", title
    # The NGO figures: 55 of the 167 inspections of 1397 in the nation had an NGO member.
    memo = progress.memorandum
    assert memo is not None
    ngos = memo.to_dict()["ngos"]
    figures = _rows(book[MEMORANDUM_SHEETS[lang][0]])
    values = [row[1] for row in figures]
    assert values[:5] == [167, 55, _same(55 / 167), 34, 5]
    assert values[:5] == [
        ngos["inspections"],
        ngos["with_ngo"],
        _same(ngos["share"]),
        ngos["reports"],
        len(ngos["ngos"]),
    ]
    assert book[MEMORANDUM_SHEETS[lang][0]].cell(row=4, column=2).number_format == "0.0%"
    # No meeting of the national group is scheduled after the day: an empty value.
    assert figures[5][1:] == [None, None]


def test_progress_workbook_memorandum_values_equal_the_json(
    progress: ProgressReport, tmp_path: Path
) -> None:
    book = _open(progress.to_xlsx(tmp_path / "p.xlsx", "en"))
    memo = progress.memorandum
    assert memo is not None
    data = memo.to_dict()
    ngo_rows = _rows(book["NGOs"])
    assert [[r[4], r[2], r[3], r[5]] for r in ngo_rows] == [
        [n["ngo_id"], n["inspections"], n["reports"], n["province"]] for n in data["ngos"]["ngos"]
    ]
    assert ngo_rows[0][:2] == ["کانون حقوق مصرف‌کننده اصفهان", "Isfahan"]
    (training,) = data["training"]
    sheet = book["Training circular-1091808"]
    assert [c.value for c in sheet[1]] == [
        "Quarter",
        "Course",
        "Manager",
        "Employee",
        "Staff",
        "Coverage",
        "Target",
        "Status",
        "Quarter code",
        "Course code",
    ]
    rows = _rows(sheet)
    assert [[r[8], r[9], r[2], r[3], r[4]] for r in rows] == [
        [
            t["quarter"],
            t["course"],
            t["by_audience"]["manager"],
            t["by_audience"]["employee"],
            t["staff"],
        ]
        for t in training["rows"]
    ]
    assert [r[5] for r in rows] == [_same(t["share"]) for t in training["rows"]]
    assert [r[6] for r in rows] == [_same(t["target"]) for t in training["rows"]]
    # By the end of 1397 (the deadline) 2,364 of the 4,223 staff had taken the charter course.
    assert rows[6][:8] == [
        "Winter 1397",
        "منشور حقوق شهروندی",
        0,
        2364,
        4223,
        _same(2364 / 4223),
        1.0,
        "behind",
    ]
    assert sheet.cell(row=2, column=6).number_format == "0.0%"
    assert sheet.cell(row=2, column=5).number_format == "0"
    published = _rows(book["Publications"])
    assert [(r[4].date(), r[8]) for r in published] == [
        (dt.date.fromisoformat(p["date"]), p["agency_id"])
        for p in data["transparency"]["published"]
    ]
    assert published[0][:6] == [
        "the agency's charter",
        "ORG.2",
        "منشور حقوق شهروندی سازمان",
        "وب‌سایت سازمان",
        dt.datetime(2017, 10, 2),
        "1396/07/10",
    ]
    # Every kind the second seed names was published in the scope: the sheet has its header only.
    assert book["Not published"].max_row == 1


def test_agency_workbook_has_its_transparency(report: Report, tmp_path: Path) -> None:
    agency = report.for_agency("isf-smt")
    assert agency.transparency is not None
    book = _open(agency.to_xlsx(tmp_path / "a.xlsx", "fa"))
    assert book.sheetnames[-3:] == ["ارقام تفاهم‌نامه", "انتشارها", "منتشرنشده"]
    assert _rows(book["ارقام تفاهم‌نامه"]) == [
        ["جلسهٔ بعدی کارگروه", dt.datetime(2019, 5, 6), "۱۳۹۸/۰۲/۱۶"]
    ]
    assert book["ارقام تفاهم‌نامه"].cell(row=2, column=2).number_format == "yyyy-mm-dd"
    published = _rows(book["انتشارها"])
    assert [r[8] for r in published] == ["isf-smt"] * 5
    # The checklist item of each publication with the latest answer of the agency's inspections.
    assert published[0][:2] == ["منشور حقوق شهروندی دستگاه", "ORG.2 (رعایت‌شده)"]
    assert _rows(book["منتشرنشده"]) == [["مصوبات کارگروه", "ORG.1", "رعایت‌شده", "resolutions"]]
    assert all(s.sheet_view.rightToLeft for s in book.worksheets)


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
    assert "Provinces ranked" in _open(tmp_path / "p.xlsx").sheetnames


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
