"""The new-user review of the reports, pinned: one title, one heading and one number rule a format.

Each defect the review found is a case here, checked across the formats that show it (Markdown,
HTML, JSON, CSV and Excel) on the demo dataset: the title says whom a report is for in every
format; the national page ranks the provinces; a progress report's footer closes it; a group's
programmes are the ones its resolutions carry out; a section is named one way; hours and rates
are said one way; the festival and yearly CSV round as the report's does; and the agency head's
report has a command.
"""

from __future__ import annotations

import csv
import io
import json
import re
from collections.abc import Iterator
from html import unescape
from pathlib import Path

import pytest
from typer.testing import CliRunner

from citizenrights import build_annual_report, festival_csv, festival_indicator
from citizenrights.calendar import JalaliPeriod
from citizenrights.cli._app import app
from citizenrights.dataset import Dataset, demo_dataset_path, load_demo
from citizenrights.reporting import (
    ProgressReport,
    Report,
    agency_report_title,
    build_progress_report,
    build_report,
    report_title,
)
from citizenrights.reporting._headings import SECTIONS
from citizenrights.reporting._national import province_rows
from citizenrights.vocabulary import Lang, say

Q4 = JalaliPeriod.parse("1397-Q4")
LANGS: tuple[Lang, ...] = ("fa", "en")
runner = CliRunner()


@pytest.fixture(scope="module")
def demo() -> Dataset:
    return load_demo()


@pytest.fixture(scope="module")
def reports(demo: Dataset) -> dict[str, Report]:
    return {
        "national": build_report(demo, Q4),
        "province": build_report(demo, Q4, scope="IR-10"),
        "agency": build_report(demo, Q4, scope="isf-fr-kashan"),
    }


@pytest.fixture(scope="module")
def folder() -> Iterator[Path]:
    with demo_dataset_path() as path:
        yield Path(path)


def _html(report: Report, lang: Lang) -> str:
    pytest.importorskip("jinja2", reason="the extra html (Jinja2) is not installed")
    pytest.importorskip("matplotlib", reason="the extra html (matplotlib) is not installed")
    return report.to_html(lang)


def _h(html: str, tag: str) -> list[str]:
    return [unescape(t) for t in re.findall(rf"<{tag}[^>]*>(.*?)</{tag}>", html, re.DOTALL)]


# -- 1. the title says whom the report is for, in every format -------------------------------

RECIPIENT_CASES = [
    # scope, JSON code, the words the Persian title ends with
    ("national", "national", "برای شورای عالی اداری، هیئت وزیران و شورای اجتماعی کشور"),
    ("province", "province", "ستاد صیانت از حریم امنیت عمومی و حقوق شهروندی استان"),
    ("agency", "agency_head", "برای رئیس دستگاه"),
]


@pytest.mark.parametrize(("scope", "code", "fa_end"), RECIPIENT_CASES)
def test_title_and_recipients_agree_in_every_format(
    reports: dict[str, Report], scope: str, code: str, fa_end: str, tmp_path: Path
) -> None:
    report = reports[scope]
    assert report_title(report, "fa").endswith(fa_end)
    for lang in LANGS:
        title = report_title(report, lang)
        assert report.to_markdown(lang).count(f"# {title}\n") == 1
        assert _h(_html(report, lang), "h1") == [title]
    (recipient,) = report.to_dict()["recipients"]
    assert recipient["code"] == code
    assert report_title(report, "fa").endswith(recipient["name_fa"])
    openpyxl = pytest.importorskip("openpyxl", reason="the extra xlsx is not installed")
    book = openpyxl.load_workbook(report.to_xlsx(tmp_path / "r.xlsx", "en"))
    assert book.properties.title == report_title(report, "en")


def test_national_page_ranks_the_provinces_as_the_markdown(reports: dict[str, Report]) -> None:
    nation = reports["national"]
    rows = province_rows(nation.roll_ups, nation.coverage, nation.agencies)
    assert [(r.code, r.rank, r.covered, r.in_scope) for r in rows] == [("IR-10", 1, 35, 35)]
    for lang in LANGS:
        html = _html(nation, lang)
        part = re.search(r'<section id="provinces">(.*?)</section>', html, re.DOTALL)
        assert part is not None
        cells = [unescape(c) for c in re.findall(r"<td\b[^>]*>(.*?)</td>", part.group(1))]
        markdown_row = next(
            line for line in nation.to_markdown(lang).splitlines() if line.endswith("| IR-10 |")
        )
        assert cells == [c.strip() for c in markdown_row.strip("|").split("|")]
        assert cells[1] == say(lang, fa="اصفهان", en="Isfahan")
        assert cells[4] == say(lang, fa="۳۵ از ۳۵ (۱۰۰٫۰٪)", en="35 of 35 (100.0%)")
    # A province's page has no such section (its agencies are ranked instead).
    assert 'id="provinces"' not in _html(reports["province"], "en")


# -- 2. the footer closes the progress report ------------------------------------------------


@pytest.mark.parametrize("lang", LANGS)
def test_progress_footer_is_the_last_line(demo: Dataset, lang: Lang) -> None:
    progress = build_progress_report(demo, as_of="1397/12/29", group_id="wg-isf-smt")
    lines = [line for line in progress.to_markdown(lang).splitlines() if line.strip()]
    if lang == "fa":
        assert lines[-1] == "</div>"
        lines = lines[:-1]
    footer = say(lang, fa="سطح دستگاهی؛ citizenrights", en="Agency scope; citizenrights")
    assert lines[-1].startswith(footer)
    assert sum(footer in line for line in lines) == 1
    headings = [line for line in lines if line.startswith("## ")]
    assert headings[-1].startswith(say(lang, fa="## آموزش", en="## Training"))


# -- 3. a group's programmes are those its resolutions carry out -----------------------------

PROGRAMME_CASES = [
    # group, items in its report (the demo's 9-item programme belongs to the agency's group only)
    ("wg-national", 0),
    ("wg-isf-smt", 9),
]


@pytest.mark.parametrize(("group", "items"), PROGRAMME_CASES)
def test_a_group_lists_only_its_own_programme(
    demo: Dataset, reports: dict[str, Report], group: str, items: int, tmp_path: Path
) -> None:
    progress: ProgressReport = build_progress_report(demo, as_of="1397/12/29", group_id=group)
    assert len(progress.progress.programme_items) == items
    assert len(progress.to_dict()["progress"]["programme_items"]) == items
    in_report = next(g for g in reports["national"].groups if g.group_id == group)
    assert len(in_report.programme_items) == items
    no_resolution = say("en", fa="", en="| no resolution |")
    listed = progress.to_markdown("en").count(no_resolution)
    assert listed == (1 if items else 0)  # item 8 of the agency's programme has none
    openpyxl = pytest.importorskip("openpyxl", reason="the extra xlsx is not installed")
    book = openpyxl.load_workbook(progress.to_xlsx(tmp_path / "p.xlsx", "en"))
    assert book["Programme items"].max_row - 1 == items


# -- 4. one heading a section, in every format -----------------------------------------------

HEADING_CASES = [
    # key, Persian, English: as Markdown, HTML and the workbook's sheets say them
    ("critical", "عدم انطباق در بند حیاتی", "Critical items not met"),
    ("roll_ups", "میانگین شاخص به تفکیک حوزه", "Mean index by area"),
    ("overdue", "اقدامات اصلاحی معوق", "Corrective actions past due"),
    ("training", "آموزش حقوق شهروندی", "Citizens'-rights training"),
    ("groups", "پیشرفت کارگروه‌ها", "Working-group progress"),
]


@pytest.mark.parametrize(("key", "fa", "en"), HEADING_CASES)
def test_a_section_is_named_one_way(
    reports: dict[str, Report], key: str, fa: str, en: str, tmp_path: Path
) -> None:
    assert SECTIONS[key] == (fa, en)
    report = reports["province"]
    for lang, heading in (("fa", fa), ("en", en)):
        assert f"## {heading}\n" in report.to_markdown(lang)  # type: ignore[arg-type]
        assert heading in _h(_html(report, lang), "h2")  # type: ignore[arg-type]
    html_fa = _html(report, "fa")
    assert "موارد بحرانی" not in html_fa
    assert "بندهای حیاتی" not in report.to_markdown("fa")
    if key != "roll_ups":  # a workbook has no sheet of the mean by area
        openpyxl = pytest.importorskip("openpyxl", reason="the extra xlsx is not installed")
        for lang, heading in (("fa", fa), ("en", en)):
            book = openpyxl.load_workbook(report.to_xlsx(tmp_path / f"{lang}.xlsx", lang))  # type: ignore[arg-type]
            assert heading in book.sheetnames


# -- 5. one way to say a figure ---------------------------------------------------------------

NUMBER_CASES = [
    # lang, training hours as said (3430.0 in the data, thousands grouped), implementation rate
    # (9 of 12 done)
    ("fa", "ساعات آموزش: ۳٬۴۳۰؛", "۷۵٪"),
    ("en", "Training hours: 3,430;", "75%"),
]


@pytest.mark.parametrize(("lang", "hours", "rate"), NUMBER_CASES)
def test_hours_and_rates_are_said_one_way(
    demo: Dataset, reports: dict[str, Report], lang: Lang, hours: str, rate: str
) -> None:
    report = reports["province"]
    assert report.training.hours == 3430.0
    assert hours in report.to_markdown(lang)
    assert hours in unescape(_html(report, lang))
    progress = build_progress_report(demo, as_of="1397/12/29", group_id="wg-isf-smt")
    assert progress.progress.implementation_rate == 0.75
    page = unescape(progress.to_html(lang))
    assert f"{rate} (" in progress.to_markdown(lang)
    assert f"{rate} (" in page
    assert say(lang, fa="۷۵٫۰٪", en="75.0%") not in page


# -- 6. CSV rounded as the report's; names in the reader's language -------------------------


def _places(text: str) -> int:
    return len(text.split(".")[1]) if re.fullmatch(r"-?\d+\.\d+", text) else 0


def test_festival_csv_is_rounded_and_json_exact(demo: Dataset) -> None:
    result = festival_indicator(demo, 1397)
    rows = list(csv.DictReader(io.StringIO(festival_csv(result, "en"))))
    first = result.rows[0]
    assert first.score is not None
    assert _places(repr(first.score)) > 2  # 81.6848544973545
    assert rows[0]["score"] == "81.68"
    for row in rows:
        for column in ("score", "points", "max_points", "value", "measure_points"):
            assert _places(row[column]) <= 2, (column, row[column])
        assert _places(row["coverage"]) <= 4
    assert result.to_dict()["rows"][0]["score"] == first.score


def test_annual_csv_is_rounded_and_json_exact(demo: Dataset) -> None:
    annual = build_annual_report(demo, 1397)
    figures = {
        (r["section"], r["figure"], r["area"]): r["value"]
        for r in csv.DictReader(io.StringIO(annual.to_csv()))
    }
    mean = annual.report.summary.mean_index
    assert mean is not None
    assert figures[("index", "mean_index", "")] == f"{mean:.2f}"
    assert figures[("complaints", "on_time_share", "")] == "0.775"
    assert figures[("training", "share", "")] == "0.4444"
    assert annual.to_dict()["report"]["summary"]["mean_index"] == mean


@pytest.mark.parametrize("lang", LANGS)
def test_publications_name_the_agency_in_the_readers_language(demo: Dataset, lang: Lang) -> None:
    progress = build_progress_report(demo, as_of="1397/12/29", group_id="wg-isf-smt")
    agency = progress.agencies["isf-smt"]
    name = say(lang, fa=agency.name, en=agency.name_en or agency.name)
    other = agency.name if lang == "en" else agency.name_en
    text = progress.to_markdown(lang)
    section = text.split(say(lang, fa="## شفافیت", en="## Transparency"))[1].split("\n## ")[0]
    assert name in section
    assert other is not None
    assert other not in section


# -- 7. the agency head's report from the command line ---------------------------------------


def _head(folder: Path, *args: str) -> tuple[int, str]:
    result = runner.invoke(
        app,
        ["report", str(folder), "--period", "1397-Q4", "--agency", "isf-tax", "--head", *args],
    )
    return result.exit_code, result.output


@pytest.fixture(scope="module")
def head_report(demo: Dataset):  # type: ignore[no-untyped-def]
    # What --head builds: the province's report, seen from the agency.
    return build_report(demo, Q4, scope="IR-10").for_agency("isf-tax")


@pytest.mark.parametrize("lang", LANGS)
def test_head_markdown_and_json(folder: Path, head_report, lang: Lang) -> None:  # type: ignore[no-untyped-def]
    code, out = _head(folder, "--lang", lang)
    assert code == 0, out
    assert out == head_report.to_markdown(lang)
    assert f"# {agency_report_title(head_report, lang)}\n" in out
    # Ranked among its province's peers, not first of its own subtree of one.
    assert (head_report.row.rank, head_report.peers) == (4, 6)
    code, out = _head(folder, "--lang", lang, "-f", "json")
    assert code == 0, out
    data = json.loads(out)
    assert data == json.loads(json.dumps(head_report.to_dict(), ensure_ascii=False))
    assert (data["row"]["rank"], data["peers"]) == (4, 6)


def test_head_html_and_xlsx(folder: Path, head_report, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    pytest.importorskip("jinja2", reason="the extra html (Jinja2) is not installed")
    pytest.importorskip("matplotlib", reason="the extra html (matplotlib) is not installed")
    code, out = _head(folder, "-f", "html", "--lang", "en")
    assert code == 0, out
    assert _h(out, "h1") == [agency_report_title(head_report, "en")]
    openpyxl = pytest.importorskip("openpyxl", reason="the extra xlsx is not installed")
    target = tmp_path / "head.xlsx"
    code, out = _head(folder, "-f", "xlsx", "-o", str(target))
    assert code == 0, out
    book = openpyxl.load_workbook(target)
    assert book.sheetnames[:3] == ["خلاصه", "اجزای شاخص", "بازرسی‌ها"]
    summary = {row[0].value: row[1].value for row in book["خلاصه"].iter_rows(min_row=2)}
    assert summary["رتبه در گروه همتا"] == 4


HEAD_REFUSALS = [
    # arguments, the one line said
    (["--agency", "isf-tax", "--head", "-f", "csv"], "csv is not available with --head"),
    (["--head"], "--head: only with --agency"),
    (["--agency", "isf-tax", "--province", "IR-10", "--head"], "--head: give --agency alone"),
]


@pytest.mark.parametrize(("args", "said"), HEAD_REFUSALS)
def test_head_refusals(folder: Path, args: list[str], said: str) -> None:
    result = runner.invoke(app, ["report", str(folder), "--period", "1397-Q4", *args])
    assert result.exit_code == 2
    assert said in result.output
