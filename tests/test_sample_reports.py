"""The sample reports on the docs site are up to date with the library and the demo data."""

from __future__ import annotations

from .conftest import ROOT, load_script


def test_sample_pages_are_fresh() -> None:
    """Each page of docs/samples equals what scripts/render_sample_reports.py renders now."""
    pages = load_script("render_sample_reports").render()
    assert {"report-fa.md", "report-en.md"} <= set(pages)
    for name, text in pages.items():
        committed = (ROOT / "docs" / "samples" / name).read_text(encoding="utf-8")
        assert committed == text, f"docs/samples/{name} is stale: run scripts/regenerate.py"
