"""The HTML reports in a real browser: Debian's Chromium, headless, at 1280 px.

Each page of the demo dataset is opened from a file, and once its fonts are loaded a small script
written into a copy of the page reports its layout (scripts/chromium_samples.py): nothing runs
over the network, and no chart or table may be wider than the window. Without Chromium the
tests are skipped with the reason.
"""

from __future__ import annotations

import re
import struct
from pathlib import Path
from typing import Any

import pytest

from citizenrights import PeriodKind, build_progress_report, build_report, load_demo, period_of

from .conftest import load_script

pytest.importorskip("jinja2", reason="the extra html (jinja2) is not installed")
pytest.importorskip("matplotlib", reason="the extra html (matplotlib) is not installed")

browser = load_script("chromium_samples")
WIDTH = 1280


@pytest.fixture(scope="module")
def chromium() -> str:
    found = browser.find_chromium()
    if found is None:
        pytest.skip("chromium not found: install Debian's chromium package (bash .ci/run does)")
    return str(found)


@pytest.fixture(scope="module")
def pages(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    dataset = load_demo()
    latest = period_of(max(i.date for i in dataset.inspections), PeriodKind.QUARTER)
    report = build_report(dataset, latest, scope="IR-10")
    groups = sorted(dataset.working_groups, key=lambda g: (g.scope.value != "national", g.id))
    progress = build_progress_report(dataset, as_of=latest.end, group_id=groups[0].id)
    folder = tmp_path_factory.mktemp("html")
    out = {}
    for lang in ("fa", "en"):
        for name, html in (
            (f"report-{lang}", report.to_html(lang)),
            (f"progress-{lang}", progress.to_html(lang)),
            (f"agency-{lang}", report.for_agency("isf-smt").to_html(lang)),
        ):
            path = folder / f"{name}.html"
            path.write_text(html, encoding="utf-8")
            out[name] = path
    return out


@pytest.fixture(scope="module")
def facts(chromium: str, pages: dict[str, Path]) -> dict[str, dict[str, Any]]:
    return {name: browser.measure(chromium, path, WIDTH, 900) for name, path in pages.items()}


NAMES = [f"{n}-{lang}" for n in ("report", "progress", "agency") for lang in ("fa", "en")]


@pytest.mark.parametrize("name", NAMES)
def test_no_horizontal_overflow(facts: dict[str, dict[str, Any]], name: str) -> None:
    """At 1280 px nothing is wider than the window: no sideways scrolling, no wide table."""
    f = facts[name]
    assert f["clientWidth"] == WIDTH
    assert f["scrollWidth"] <= f["clientWidth"]
    assert f["wideTables"] == 0


@pytest.mark.parametrize("name", NAMES)
def test_every_chart_is_drawn(
    facts: dict[str, dict[str, Any]], pages: dict[str, Path], name: str
) -> None:
    """Each chart of the page is laid out with a size, shapes and its labels inside it."""
    charts = facts[name]["charts"]
    html = pages[name].read_text(encoding="utf-8")
    assert len(charts) == len(re.findall(r"<svg\b", html))
    assert charts
    for chart in charts:
        assert chart["width"] > 0
        assert chart["height"] > 0
        assert chart["shapes"] > 0
        assert chart["texts"] > 0
        assert chart["outside"] == 0


@pytest.mark.parametrize("name", NAMES)
def test_direction_and_font(facts: dict[str, dict[str, Any]], name: str) -> None:
    """The Persian body is right-to-left, the English one left-to-right; Vazirmatn is loaded."""
    f = facts[name]
    persian = name.endswith("-fa")
    assert f["lang"] == ("fa" if persian else "en")
    assert f["direction"] == ("rtl" if persian else "ltr")
    assert f["font"] is True
    assert f["fontFamily"].startswith("Vazirmatn")
    assert f["fontsLoaded"] >= 1


def test_report_charts_count(facts: dict[str, dict[str, Any]]) -> None:
    """The province report: six peer groups, then grades, trend, complaints, training,
    coverage and the working groups."""
    assert len(facts["report-fa"]["charts"]) == 12
    assert len(facts["report-en"]["charts"]) == 12


def test_prints_on_a4(chromium: str, pages: dict[str, Path], tmp_path: Path) -> None:
    """Printed from the browser (the PDF), the report is laid out on A4 pages."""
    pdf = browser.print_pdf(chromium, pages["report-fa"], tmp_path / "report.pdf").read_bytes()
    assert pdf.startswith(b"%PDF-")
    boxes = {
        tuple(round(float(v)) for v in box.split())
        for box in re.findall(rb"/MediaBox\s*\[([^\]]*)\]", pdf)
    }
    assert boxes == {(0, 0, 595, 842)}  # A4: 210 × 297 mm in points
    assert len(re.findall(rb"/Type\s*/Page\b", pdf)) > 1


def test_screenshot(chromium: str, pages: dict[str, Path], tmp_path: Path) -> None:
    """A screenshot at 1280 px is a PNG 1280 pixels wide."""
    png = browser.screenshot(chromium, pages["report-fa"], tmp_path / "shot.png", WIDTH, 900)
    data = png.read_bytes()
    assert data[:8] == b"\x89PNG\r\n\x1a\n"
    width, height = struct.unpack(">II", data[16:24])
    assert (width, height) == (WIDTH, 900)


@pytest.fixture(scope="module")
def festival_facts(
    chromium: str, tmp_path_factory: pytest.TempPathFactory
) -> tuple[dict[str, Any], str]:
    from citizenrights import festival_html, festival_indicator

    html = festival_html(festival_indicator(load_demo(), 1397), "fa")
    path = tmp_path_factory.mktemp("festival") / "festival-fa.html"
    path.write_text(html, encoding="utf-8")
    return browser.measure(chromium, path, WIDTH, 900), html


def test_persian_festival_page(festival_facts: tuple[dict[str, Any], str]) -> None:
    """The Persian festival form at 1280 px: right-to-left, no overflow, every chart drawn."""
    f, html = festival_facts
    assert (f["lang"], f["direction"]) == ("fa", "rtl")
    assert f["clientWidth"] == WIDTH
    assert f["scrollWidth"] <= f["clientWidth"]
    assert f["wideTables"] == 0
    assert len(f["charts"]) == len(re.findall(r"<svg\b", html)) == 6  # one per group and level
    for chart in f["charts"]:
        assert chart["width"] > 0
        assert chart["height"] > 0
        assert chart["shapes"] > 0
        assert chart["texts"] > 0
        assert chart["outside"] == 0
