"""Article 18's yearly report: due date, signing office, findings, formats and the command line."""

from __future__ import annotations

import csv
import datetime as dt
import io
import json
import re
import shutil
import sys
from pathlib import Path
from typing import Any

import pytest
from pydantic import TypeAdapter
from typer.testing import CliRunner

from citizenrights import (
    AnnualReport,
    JalaliPeriod,
    UnsupportedLanguageError,
    annual_due_date,
    build_annual_report,
    build_report,
    format_jalali,
    load_demo,
)
from citizenrights.calendar import is_leap_year
from citizenrights.cli._app import app
from citizenrights.dataset import demo_dataset_path

runner = CliRunner()


@pytest.mark.parametrize(
    ("year", "jalali", "iso"),
    [
        (1397, "1397/12/29", "2019-03-20"),
        (1399, "1399/12/30", "2021-03-20"),  # a leap year: Esfand has 30 days
        (1403, "1403/12/30", "2025-03-20"),  # leap
        (1404, "1404/12/29", "2026-03-20"),
    ],
)
def test_due_date_is_the_last_day_of_esfand(year: int, jalali: str, iso: str) -> None:
    due = annual_due_date(year)
    assert format_jalali(due) == jalali
    assert due.isoformat() == iso
    assert (jalali.endswith("/30")) == is_leap_year(year)


@pytest.fixture(scope="module")
def national() -> AnnualReport:
    return build_annual_report(load_demo(), 1397)


def test_signing_office_by_scope(national: AnnualReport) -> None:
    """AREO's head for the nation, the governor for a province, the head for an agency."""
    demo = load_demo()
    province = build_annual_report(demo, "1397", "اصفهان")
    agency = build_annual_report(demo, 1397, "isf-tax")
    assert national.signature.office_fa == "رئیس سازمان اداری و استخدامی کشور"
    assert national.signature.recipients_en == (
        "the President",
        "the High Administrative Council",
        "the Council of Ministers",
    )
    assert (province.signature.office_fa, province.signature.office_en) == (
        "استاندار اصفهان",
        "Governor of Isfahan",
    )
    assert agency.signature.office_en == "Head of Tax Affairs Directorate, Isfahan"
    assert agency.signature.recipients_fa == ("سازمان اداری و استخدامی کشور",)
    assert agency.scope.agencies == ("isf-tax",)


def test_findings_counted_independently(national: AnnualReport) -> None:
    """The findings of the year's inspections, recounted here from the records."""
    demo = load_demo()
    year = JalaliPeriod.parse("1397")
    findings = [f for i in demo.inspections if i.date in year for f in i.findings]
    end = year.end
    resolved = [f for f in findings if f.resolved_on is not None and f.resolved_on <= end]
    f = national.findings
    assert f.total == len(findings) == 175
    assert f.resolved == len(resolved) == 123
    assert f.open == f.total - f.resolved
    assert f.critical == sum(1 for x in findings if x.severity.value == "critical")
    assert f.overdue == sum(
        1 for x in findings if x not in resolved and x.due is not None and x.due < end
    )


def test_the_year_report_is_the_periodic_report_of_the_year(national: AnnualReport) -> None:
    assert national.report.to_dict() == build_report(load_demo(), "1397").to_dict()
    assert [r.area for r in national.report.roll_ups] == ["IR-10"]


def test_markdown_in_both_languages(national: AnnualReport) -> None:
    fa = national.to_markdown("fa")
    en = national.to_markdown("en")
    assert "مهلت ارسال: ۲۹ اسفند ۱۳۹۷ (پایان اسفند)" in fa
    assert "مادهٔ ۱۸" in fa
    assert "جمع‌بندی به تفکیک استان" in fa
    assert "due by 1397/12/29 (2019-03-20) (the end of Esfand)" in en
    assert en.rstrip().endswith("Name and signature: ………………  Date: ………………")
    assert "Head of the Administrative and Recruitment Organization" in en
    with pytest.raises(UnsupportedLanguageError):
        national.to_markdown("de")  # type: ignore[arg-type]


def test_csv_key_figures(national: AnnualReport) -> None:
    rows = list(csv.DictReader(io.StringIO(national.to_csv())))
    figures = {(r["section"], r["figure"], r["area"]): r["value"] for r in rows}
    assert figures[("report", "due", "")] == "2019-03-20"
    assert figures[("findings", "total", "")] == "175"
    assert ("roll_up", "mean_index", "IR-10") in figures


def test_json_schema(national: AnnualReport) -> None:
    schema = TypeAdapter(AnnualReport).json_schema()
    assert list(schema["properties"]) == ["year", "scope", "due", "signature", "findings", "report"]
    assert TypeAdapter(AnnualReport).dump_python(national, mode="json") == national.to_dict()
    assert national.to_dict()["due"] == "2019-03-20"


def test_a_quarter_is_not_a_year() -> None:
    with pytest.raises(ValueError, match="1397-Q4"):
        build_annual_report(load_demo(), "1397-Q4")


@pytest.fixture(scope="module")
def demo_dir(tmp_path_factory: pytest.TempPathFactory) -> Path:
    target = tmp_path_factory.mktemp("annual") / "demo"
    with demo_dataset_path() as folder:
        shutil.copytree(folder, target)
    return target


def test_cli_annual(demo_dir: Path) -> None:
    md = runner.invoke(app, ["annual", str(demo_dir), "--year", "1397", "--province", "IR-10"])
    assert md.exit_code == 0, md.stderr
    assert "استاندار اصفهان" in md.stdout
    js = runner.invoke(
        app, ["annual", str(demo_dir), "--year", "1399", "--agency", "isf-tax", "-f", "json"]
    )
    assert js.exit_code == 0, js.stderr
    data = json.loads(js.stdout)
    assert (data["year"], data["due"]) == (1399, "2021-03-20")
    assert data["signature"]["office_fa"] == "رئیس اداره کل امور مالیاتی استان اصفهان"
    both = runner.invoke(
        app, ["annual", str(demo_dir), "--year", "1397", "--province", "IR-10", "--agency", "x"]
    )
    assert both.exit_code == 2
    assert "give --province or --agency, not both" in both.stderr


# -- HTML and the workbook -----------------------------------------------------------------------


@pytest.fixture(scope="module")
def pages(national: AnnualReport) -> dict[str, str]:
    pytest.importorskip("jinja2", reason="the extra html (jinja2) is not installed")
    pytest.importorskip("matplotlib", reason="the extra html (matplotlib) is not installed")
    return {lang: national.to_html(lang) for lang in ("fa", "en")}


def _section(html: str, section: str) -> str:
    return html.split(f'<section id="{section}">')[1].split("</section>")[0]


def test_html_frames_the_periodic_page(national: AnnualReport, pages: dict[str, str]) -> None:
    """Findings first, then every section of the year's periodic page, the signature last."""
    fa, en = pages["fa"], pages["en"]
    assert fa.startswith('<!DOCTYPE html>\n<html dir="rtl" lang="fa">')
    assert en.startswith('<!DOCTYPE html>\n<html dir="ltr" lang="en">')
    periodic = national.report.to_html("fa")
    inner = re.findall(r'<section id="([^"]+)">', periodic)
    assert re.findall(r'<section id="([^"]+)">', fa) == ["findings", *inner, "signature"]
    assert "roll-ups" in inner
    assert len(re.findall(r"<svg\b", fa)) == len(re.findall(r"<svg\b", periodic)) > 0
    assert "<h1>گزارش سالانه اجرای مصوبه حقوق شهروندی در نظام اداری، سال ۱۳۹۷: کشور</h1>" in fa
    assert "مهلت ارسال: ۲۹ اسفند ۱۳۹۷ (پایان اسفند)" in fa
    assert "due by 1397/12/29 (2019-03-20) (the end of Esfand)" in en


def test_html_findings_roll_up_and_signature(pages: dict[str, str]) -> None:
    fa, en = pages["fa"], pages["en"]
    findings = _section(fa, "findings")
    assert '<td>یافته‌های بازرسی‌های سال</td><td class="num">۱۷۵</td>' in findings
    assert '<td>اصلاح‌شده تا پایان سال</td><td class="num">۱۲۳</td>' in findings
    assert '<td>Findings of the year&#39;s inspections</td><td class="num">175</td>' in en
    assert '<td>اصفهان</td><td class="num">۷۴٫۳۴</td>' in _section(fa, "roll-ups")
    signature = _section(fa, "signature")
    assert "<h3>رئیس سازمان اداری و استخدامی کشور</h3>" in signature
    assert "نام و امضا" in signature
    assert "<h3>Head of the Administrative and Recruitment Organization</h3>" in en


def test_html_of_a_province_names_the_governor() -> None:
    pytest.importorskip("matplotlib", reason="the extra html (matplotlib) is not installed")
    province = build_annual_report(load_demo(), 1397, "IR-10")
    en = province.to_html("en")
    assert "<h3>Governor of Isfahan</h3>" in _section(en, "signature")
    with pytest.raises(UnsupportedLanguageError):
        province.to_html("de")  # type: ignore[arg-type]


def _book(annual: AnnualReport, lang: str, tmp_path: Path) -> Any:
    openpyxl = pytest.importorskip("openpyxl", reason="the extra xlsx (openpyxl) is not installed")
    return openpyxl.load_workbook(annual.to_xlsx(tmp_path / f"annual-{lang}.xlsx", lang))  # type: ignore[arg-type]


def test_workbook_puts_the_yearly_sheets_before_the_periodic_ones(
    national: AnnualReport, tmp_path: Path
) -> None:
    openpyxl = pytest.importorskip("openpyxl", reason="the extra xlsx (openpyxl) is not installed")
    book = _book(national, "en", tmp_path)
    periodic = openpyxl.load_workbook(national.report.to_xlsx(tmp_path / "periodic.xlsx", "en"))
    assert book.sheetnames == ["Yearly report", "Findings and corrections", *periodic.sheetnames]
    assert "Provinces ranked" in periodic.sheetnames
    assert book.active.title == "Yearly report"
    assert [s.sheet_view.tabSelected for s in book.worksheets].count(True) == 1
    for name in periodic.sheetnames:
        assert [[c.value for c in r] for r in book[name].iter_rows()] == [
            [c.value for c in r] for r in periodic[name].iter_rows()
        ]


def test_workbook_head_and_findings_are_typed(national: AnnualReport, tmp_path: Path) -> None:
    """The due date a date cell with its Jalali text beside it; counts as whole numbers."""
    book = _book(national, "fa", tmp_path)
    head = book["گزارش سالانه"]
    assert head.sheet_view.rightToLeft is True
    assert head.freeze_panes == "A2"
    cells = [c.value for c in head[2]]
    assert cells[1] == 1397
    assert cells[2] == dt.datetime(2019, 3, 20)
    assert head["C2"].number_format == "yyyy-mm-dd"
    assert cells[3] == "۱۳۹۷/۱۲/۲۹"
    assert cells[4] == "رئیس سازمان اداری و استخدامی کشور"
    assert cells[5] == "رئیس‌جمهور، شورای عالی اداری، هیئت وزیران"
    findings = book["یافته‌ها و اصلاح"]
    assert findings.sheet_view.rightToLeft is True
    values = [[c.value for c in r] for r in findings.iter_rows(min_row=2)]
    f = national.findings
    assert [v[1] for v in values] == [
        f.total, f.critical, f.resolved, f.resolved_on_time, f.open, f.overdue,
    ]  # fmt: skip
    assert values[0] == ["یافته‌های بازرسی‌های سال", 175]
    assert all(findings.cell(row=n, column=2).number_format == "0" for n in range(2, 8))


def test_cli_annual_xlsx_and_html(demo_dir: Path, tmp_path: Path) -> None:
    openpyxl = pytest.importorskip("openpyxl", reason="the extra xlsx (openpyxl) is not installed")
    pytest.importorskip("matplotlib", reason="the extra html (matplotlib) is not installed")
    target = tmp_path / "a.xlsx"
    args = ["annual", str(demo_dir), "--year", "1397", "--province", "IR-10"]
    done = runner.invoke(app, [*args, "-f", "xlsx", "--lang", "en", "-o", str(target)])
    assert done.exit_code == 0, done.stderr
    assert openpyxl.load_workbook(target).sheetnames[:3] == [
        "Yearly report", "Findings and corrections", "Summary",
    ]  # fmt: skip
    page = runner.invoke(app, [*args, "-f", "html"])
    assert page.exit_code == 0, page.stderr
    assert "<h3>استاندار اصفهان</h3>" in page.stdout
    bad = runner.invoke(app, [*args, "-f", "pdf"])
    assert bad.exit_code == 2
    assert "--format: expected one of markdown, json, csv, xlsx, html; got 'pdf'" in bad.stderr


def test_cli_annual_html_without_the_extra(demo_dir: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setitem(sys.modules, "jinja2", None)
    done = runner.invoke(app, ["annual", str(demo_dir), "--year", "1397", "-f", "html"])
    assert done.exit_code == 2
    assert "HTML reports need the extra 'html' (jinja2 is missing)" in done.stderr
