"""The HTML reports: one self-contained page, right-to-left Persian, charts as SVG with text.

The pages are rendered from the demo dataset (the province report of its latest quarter, an
agency's report and the national joint group's progress report) and read as text: what the page
holds, not how a browser lays it out (tests/test_browser.py does that in Chromium).
"""

from __future__ import annotations

import base64
import datetime as dt
import html
import re
import sys
from html import unescape
from importlib import resources
from pathlib import Path

import attrs
import pytest
from typer.testing import CliRunner

from citizenrights import PeriodKind, build_progress_report, build_report, load_demo, period_of
from citizenrights.errors import UnsupportedLanguageError
from citizenrights.reporting import (
    AgencyReport,
    ProgressReport,
    Report,
    agency_report_title,
)
from citizenrights.reporting._progress_report import progress_title
from citizenrights.reporting._render import day
from citizenrights.reporting.html import HtmlUnavailableError, report_html, require_html_extra
from citizenrights.scoring.policies import GradeBands
from citizenrights.vocabulary import Lang, number, peer_group, percent, say

pytest.importorskip("jinja2", reason="the extra html (jinja2) is not installed")
pytest.importorskip("matplotlib", reason="the extra html (matplotlib) is not installed")

SVG = re.compile(r"<svg\b[^>]*>.*?</svg>", re.DOTALL)
TEXT = re.compile(r"<text\b[^>]*>([^<]*)</text>")


@pytest.fixture(scope="module")
def demo() -> tuple[Report, ProgressReport]:
    dataset = load_demo()
    latest = period_of(max(i.date for i in dataset.inspections), PeriodKind.QUARTER)
    report = build_report(dataset, latest, scope="IR-10")
    groups = sorted(dataset.working_groups, key=lambda g: (g.scope.value != "national", g.id))
    progress = build_progress_report(dataset, as_of=latest.end, group_id=groups[0].id)
    return report, progress


@pytest.fixture(scope="module")
def pages(demo: tuple[Report, ProgressReport]) -> dict[str, str]:
    report, progress = demo
    agency: AgencyReport = report.for_agency("isf-smt")
    out = {}
    for lang in ("fa", "en"):
        out[f"report-{lang}"] = report.to_html(lang)
        out[f"agency-{lang}"] = agency.to_html(lang)
        out[f"progress-{lang}"] = progress.to_html(lang)
    return out


def _svg_texts(svg: str) -> list[str]:
    return [t.strip() for t in TEXT.findall(svg)]


@pytest.mark.parametrize("name", ["report", "agency", "progress"])
@pytest.mark.parametrize(("lang", "direction"), [("fa", "rtl"), ("en", "ltr")])
def test_page_language_and_direction(
    pages: dict[str, str], name: str, lang: str, direction: str
) -> None:
    html = pages[f"{name}-{lang}"]
    assert html.startswith("<!DOCTYPE html>\n")
    assert f'<html dir="{direction}" lang="{lang}">' in html
    assert html.count("<html") == 1
    assert html.rstrip().endswith("</html>")


@pytest.mark.parametrize("name", ["report-fa", "report-en", "progress-fa", "agency-en"])
def test_nothing_is_fetched(pages: dict[str, str], name: str) -> None:
    """No address of another host, no external script, style sheet or image: all inline."""
    html = pages[name]
    assert re.search(r"(?i)https?://", html) is None
    assert re.search(r"(?i)<(script|link|img|iframe|object)\b", html) is None
    # The charts' <use xlink:href="#..."> point inside the page; nothing else has an address.
    targets = re.findall(r"(?i)\b(?:src|href)\s*=\s*\"([^\"]*)\"", html)
    assert all(t.startswith("#") for t in targets)
    assert len(targets) == len(re.findall(r"(?i)\b(?:src|href)\s*=", html))
    # Every url(...) is a font as a data: URL or a chart's clip path inside the page.
    urls = re.findall(r"url\(([^)]*)\)", html)
    fonts = [u for u in urls if u.startswith("data:font/woff2;base64,")]
    assert len(fonts) == 2
    assert all(u.startswith("#") for u in urls if u not in fonts)


def test_font_is_inlined(pages: dict[str, str]) -> None:
    """Vazirmatn Regular and Bold are in the page, byte for byte, as @font-face rules."""
    html = pages["report-fa"]
    fonts = resources.files("citizenrights") / "data" / "fonts"
    faces = re.findall(r"@font-face\{[^}]*\}", html)
    assert len(faces) == 2
    for face, (name, weight) in zip(
        faces, [("Vazirmatn-Regular.woff2", 400), ("Vazirmatn-Bold.woff2", 700)], strict=True
    ):
        assert "font-family:'Vazirmatn'" in face
        assert f"font-weight:{weight}" in face
        data = re.search(r"base64,([A-Za-z0-9+/=]+)", face)
        assert data is not None
        assert base64.b64decode(data.group(1)) == (fonts / name).read_bytes()
    assert (fonts / "OFL.txt").read_text(encoding="utf-8").find("SIL Open Font License") >= 0
    assert "font-family: 'Vazirmatn'" in html


def test_print_stylesheet(pages: dict[str, str]) -> None:
    html = pages["report-en"]
    assert "@page { size: A4;" in html
    assert "@media print" in html
    assert "break-inside: avoid" in html


def test_report_charts(demo: tuple[Report, ProgressReport], pages: dict[str, str]) -> None:
    """One ranking chart per peer group, then grades, trend, complaints, training, coverage and
    the working groups: each an <svg> with shapes and its text as text."""
    report, _ = demo
    groups = list(dict.fromkeys(r.group for r in report.ranking))
    for lang in ("fa", "en"):
        svgs = SVG.findall(pages[f"report-{lang}"])
        assert len(svgs) == len(groups) + 5 + (1 if report.groups else 0)
        for svg in svgs:
            assert 'class="chart"' in svg
            assert "viewBox=" in svg
            assert "<path" in svg
            assert _svg_texts(svg)
            assert "<metadata" not in svg
            # Text stays text: no glyphs drawn as paths.
            assert 'id="DejaVu' not in svg
            assert "Vazirmatn" in svg


def test_persian_text_in_svg(demo: tuple[Report, ProgressReport], pages: dict[str, str]) -> None:
    """Each peer group's chart names its agencies in Persian and their index in Persian digits."""
    report, _ = demo
    svgs = SVG.findall(pages["report-fa"])
    groups = list(dict.fromkeys(r.group for r in report.ranking))
    for svg, group in zip(svgs, groups, strict=False):
        texts = " ".join(_svg_texts(svg))
        rows = [r for r in report.ranking if r.group == group]
        assert f'aria-label="{peer_group(group, "fa")}"' in svg
        for r in rows:
            # Long names are wrapped over two <text> lines: every word is there.
            assert all(word in texts for word in r.name.split())
            assert number(r.score, "fa", report.decimals) in texts
        # The grade bands by name, and Persian digits on the axis.
        assert "عالی" in texts
        assert "خوب" in texts
        assert "۱۰۰" in texts
        assert re.search(r"[0-9]", texts) is None


def test_english_chart_text(demo: tuple[Report, ProgressReport], pages: dict[str, str]) -> None:
    report, _ = demo
    svg = SVG.findall(pages["report-en"])[0]
    texts = " ".join(_svg_texts(svg))
    first = report.ranking[0]
    assert first.name_en is not None
    assert all(word in texts for word in first.name_en.split())
    assert f"{first.score:.2f}" in texts
    assert "Excellent" in texts
    assert re.search(r"[\u0600-\u06ff]", texts) is None


def test_report_figures_and_names(
    demo: tuple[Report, ProgressReport], pages: dict[str, str]
) -> None:
    """The tables say what the report holds: names in the reader's language, ids last."""
    report, _ = demo
    fa, en = pages["report-fa"], pages["report-en"]
    assert "<td>isf-smt</td>" not in fa
    for r in report.ranking:
        assert r.name_en is not None
        row_fa = f'<td>{r.name}</td><td class="num">{number(r.score, "fa", 2)}</td>'
        row_en = f'<td>{r.name_en}</td><td class="num">{number(r.score, "en", 2)}</td>'
        assert row_fa in fa
        assert row_en.replace("'", "&#39;") in en
        assert f'<td class="id">{r.agency_id}</td>' in fa
    for group in {r.group for r in report.ranking}:
        assert f"<h3>{peer_group(group, 'fa')}</h3>" in fa
        assert f"<h3>{peer_group(group, 'en')}</h3>" in en
    # The mean index card, in Persian digits.
    assert number(report.summary.mean_index, "fa", 2) in fa
    assert "۶۹٫۷۷" in fa
    assert "69.77" in en
    # Working groups by name, not id.
    for g in report.groups:
        assert report.group_names[g.group_id].name in fa


def test_progress_page(demo: tuple[Report, ProgressReport], pages: dict[str, str]) -> None:
    _, progress = demo
    fa, en = pages["progress-fa"], pages["progress-en"]
    # The title the Markdown gives it, whom it is for too.
    assert f"<h1>{progress_title(progress, 'fa')}</h1>" in fa
    assert progress.group.name_en is not None
    assert progress.group.name_en.replace("'", "&#39;") in en
    svgs = SVG.findall(fa)
    assert len(svgs) >= 2
    # Members' names are personal data: not shown unless asked for.
    for m in progress.group.members:
        assert m.name not in fa
    # Agencies not inspected are named, not listed by id.
    for agency_id in progress.coverage.uncovered:
        assert progress.agencies[agency_id].name in fa


def test_agency_page(demo: tuple[Report, ProgressReport], pages: dict[str, str]) -> None:
    report, _ = demo
    row = next(r for r in report.ranking if r.agency_id == "isf-smt")
    fa = pages["agency-fa"]
    # The title the Markdown gives it, whom it is for too.
    title = agency_report_title(report.for_agency("isf-smt"), "fa")
    assert f"<h1>{title}</h1>" in fa
    assert number(row.score, "fa", 2) in fa
    (svg,) = SVG.findall(fa)
    assert "بازرسی" in " ".join(_svg_texts(svg))


def _section(html: str, section_id: str) -> str:
    found = re.search(rf'<section id="{section_id}">(.*?)</section>', html, re.DOTALL)
    assert found is not None, section_id
    return found.group(1)


def _cells(part: str) -> list[list[str]]:
    """The body rows of the tables in a part of a page, each cell as text."""
    body = "".join(re.findall(r"<tbody>(.*?)</tbody>", part, re.DOTALL))
    return [
        [unescape(c) for c in re.findall(r"<td\b[^>]*>(.*?)</td>", row, re.DOTALL)]
        for row in re.findall(r"<tr>(.*?)</tr>", body, re.DOTALL)
    ]


def _paragraphs(part: str) -> list[str]:
    return [unescape(p) for p in re.findall(r"<p>(.*?)</p>", part, re.DOTALL)]


@pytest.mark.parametrize("lang", ["fa", "en"])
def test_progress_memorandum_sections(
    demo: tuple[Report, ProgressReport], pages: dict[str, str], lang: Lang
) -> None:
    _, progress = demo
    memo = progress.memorandum
    assert memo is not None
    data = memo.to_dict()
    html = pages[f"progress-{lang}"]
    markdown = progress.to_markdown(lang)
    headings = {
        "transparency": ("شفافیت: آنچه منتشر شد", "Transparency: what was published"),
        "ngos": ("سازمان‌های مردم‌نهاد در نظارت", "NGOs in monitoring"),
    }
    for section_id, (fa, en) in headings.items():
        assert f"<h2>{fa if lang == 'fa' else en}</h2>" in _section(html, section_id)
    # NGOs: the share of inspections with an NGO member (55 of 167), and each NGO by name.
    ngos = _section(html, "ngos")
    assert _paragraphs(ngos) == [memo.ngos.explain(lang)]
    assert ("۵۵ از ۱۶۷" if lang == "fa" else "55 of 167") in _paragraphs(ngos)[0]
    rows = _cells(ngos)
    assert [r[0] for r in rows] == [n["name"] for n in data["ngos"]["ngos"]]
    assert [r[2:] for r in rows] == [
        [number(n["inspections"], lang, 0), number(n["reports"], lang, 0), n["ngo_id"]]
        for n in data["ngos"]["ngos"]
    ]
    assert rows[0][1] == ("اصفهان" if lang == "fa" else "Isfahan")
    # Training: a row per quarter and course, the shares said as the Markdown says them.
    (training,) = data["training"]
    part = _section(html, "training-circular-1091808")
    rows = _cells(part)
    assert len(rows) == len(training["rows"]) == 8
    assert [(r[5], r[6]) for r in rows] == [
        (percent(t["share"], lang, trim_zeros=True), percent(t["target"], lang, trim_zeros=True))
        for t in training["rows"]
    ]
    assert rows[6][2:5] == [number(n, lang, 0) for n in (0, 2364, 4223)]
    # One chart: each course at the end of the year against the steady pace to the deadline.
    (svg,) = SVG.findall(part)
    texts = " ".join(_svg_texts(svg))
    assert percent(2364 / 4223, lang, trim_zeros=True) in texts
    assert percent(231 / 4223, lang, trim_zeros=True) in texts
    assert ("پیشرفت یکنواخت تا مهلت" if lang == "fa" else "steady pace to the deadline") in texts
    assert "حقوق شهروندی در نظام اداری" in texts
    # Publications: each by its agency's name (no id), dated as the Markdown dates them.
    transparency = _section(html, "transparency")
    rows = _cells(transparency)
    published = data["transparency"]["published"]
    assert len(rows) == len(published) == 8
    assert [r[4] for r in rows] == [day(dt.date.fromisoformat(p["date"]), lang) for p in published]
    # In the reader's language, as every other table names an agency.
    names = {a: say(lang, fa=x.name, en=x.name_en or x.name) for a, x in progress.agencies.items()}
    assert [r[5] for r in rows] == [names[p["agency_id"]] for p in published]
    assert "isf-" not in transparency
    # The same tables as the Markdown, cell for cell.
    for part in (ngos, _section(html, "training-circular-1091808"), transparency):
        for row in _cells(part):
            assert "| " + " | ".join(row) + " |" in markdown


@pytest.mark.parametrize("lang", ["fa", "en"])
def test_agency_transparency_section(pages: dict[str, str], lang: Lang) -> None:
    part = _section(pages[f"agency-{lang}"], "transparency")
    rows = _cells(part)
    assert len(rows) == 5
    if lang == "fa":
        assert rows[0][:2] == ["منشور حقوق شهروندی دستگاه", "ORG.2 (رعایت‌شده)"]
        assert _paragraphs(part) == [
            "منتشرنشده: مصوبات کارگروه (ORG.1: رعایت‌شده).",
            "جلسهٔ بعدی کارگروه: ۱۶ اردیبهشت ۱۳۹۸.",
        ]
    else:
        assert rows[0][:2] == ["the agency's charter", "ORG.2 (compliant)"]
        assert _paragraphs(part) == [
            "Not published: working-group resolutions (ORG.1: compliant).",
            "Next meeting of the working group: 1398/02/16 (2019-05-06).",
        ]


def test_escaped(demo: tuple[Report, ProgressReport]) -> None:
    """Names are data: markup in them is shown as text, in the tables and in the charts."""
    report, _ = demo
    first = attrs.evolve(report.ranking[0], name="<b>x & y</b>", name_en="<i>z</i>")
    tampered = attrs.evolve(report, ranking=(first, *report.ranking[1:]))
    for lang, shown in (("fa", "&lt;b&gt;x &amp; y&lt;/b&gt;"), ("en", "&lt;i&gt;z&lt;/i&gt;")):
        html = tampered.to_html(lang)
        assert "<b>x" not in html
        assert "<i>z" not in html
        assert html.count(shown) >= 2  # the table and the chart


def test_empty_reports() -> None:
    """A scope without agencies and a period without records still make a whole page."""
    dataset = load_demo()
    nobody = build_report(dataset, "1397-Q4", scope="IR-30")
    assert nobody.ranking == ()
    html = nobody.to_html("fa")
    assert '<html dir="rtl" lang="fa">' in html
    assert "موردی ثبت نشده است." in html
    before = build_report(dataset, "1395-Q1", scope="IR-10")
    assert before.summary.inspections == 0
    en = before.to_html("en")
    assert "None recorded." in en
    assert len(SVG.findall(en)) >= len({r.group for r in before.ranking})


def test_deterministic(demo: tuple[Report, ProgressReport], pages: dict[str, str]) -> None:
    report, _ = demo
    assert report.to_html("fa") == pages["report-fa"]


def test_bad_language_and_bands(demo: tuple[Report, ProgressReport]) -> None:
    report, progress = demo
    with pytest.raises(UnsupportedLanguageError):
        report.to_html("de")  # type: ignore[arg-type]
    with pytest.raises(UnsupportedLanguageError):
        progress.to_html("FA")  # type: ignore[arg-type]
    # Bands other than those the report was graded with would draw the bars in wrong bands.
    with pytest.raises(ValueError, match=r"grade_bands: agency 'isf-labour' has grade 'good'"):
        report.to_html("fa", grade_bands=GradeBands(good=85.0, excellent=95.0))
    same = report_html(report, "en", grade_bands=GradeBands())
    assert same == report.to_html("en")


def test_missing_extra(
    monkeypatch: pytest.MonkeyPatch, demo: tuple[Report, ProgressReport]
) -> None:
    """Without matplotlib: a clear error naming the extra and the pip command."""
    monkeypatch.setitem(sys.modules, "matplotlib", None)
    with pytest.raises(HtmlUnavailableError, match=r"extra 'html' \(matplotlib is missing\)"):
        require_html_extra()
    with pytest.raises(ImportError, match=r'pip install -e "\.\[html\]"'):
        demo[0].to_html("fa")


def test_cli_html(tmp_path: Path) -> None:
    from citizenrights.cli._app import app

    runner = CliRunner()
    out = tmp_path / "r.html"
    folder = str(Path(str(resources.files("citizenrights") / "data" / "demo")))
    result = runner.invoke(
        app,
        [
            "report",
            folder,
            "--period",
            "1397-Q4",
            "--province",
            "IR-10",
            "--format",
            "html",
            "-o",
            str(out),
        ],
    )
    assert result.exit_code == 0, result.stderr
    html = out.read_text(encoding="utf-8")
    assert '<html dir="rtl" lang="fa">' in html
    assert "استان اصفهان" in html
    progress = tmp_path / "p.html"
    result = runner.invoke(
        app,
        [
            "progress",
            folder,
            "--group",
            "wg-isf-smt",
            "--as-of",
            "1397/12/29",
            "--format",
            "html",
            "--lang",
            "en",
            "-o",
            str(progress),
        ],
    )
    assert result.exit_code == 0, result.stderr
    assert '<html dir="ltr" lang="en">' in progress.read_text(encoding="utf-8")


def test_cli_html_without_extra(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from citizenrights.cli._app import app

    monkeypatch.setitem(sys.modules, "jinja2", None)
    folder = str(Path(str(resources.files("citizenrights") / "data" / "demo")))
    out = tmp_path / "r.html"
    result = CliRunner().invoke(
        app, ["report", folder, "--period", "1397-Q4", "--format", "html", "-o", str(out)]
    )
    assert result.exit_code == 2
    assert "extra 'html' (jinja2 is missing)" in result.stderr
    assert 'pip install -e ".[html]"' in result.stderr
    assert not out.exists()


@pytest.mark.parametrize("lang", ["fa", "en"])
def test_agency_page_lists_its_critical_items_not_met(lang: str) -> None:
    """The agency head's page names each critical item not met, as the agency Markdown does."""
    from citizenrights import build_report, load_demo
    from citizenrights.reporting._critical_md import critical_text, merged_critical

    report = build_report(load_demo(), "1397-Q4", scope="IR-10")
    agency = report.for_agency("isf-customs")
    assert agency.critical
    page = agency.to_html(lang)
    assert '<section id="critical">' in page
    for _, group in merged_critical(agency.critical):
        assert html.escape(critical_text(group, lang), quote=False) in page
    clean = report.for_agency("isf-labour")
    assert not clean.critical
    none = "موردی ثبت نشده است." if lang == "fa" else "None recorded."
    assert none in clean.to_html(lang).split('<section id="critical">')[1].split("</section>")[0]
