"""The sample reports on the docs site are up to date with the library and the demo data."""

from __future__ import annotations

import importlib.util

from .conftest import ROOT


def test_sample_pages_are_fresh() -> None:
    """Each page of docs/samples equals what scripts/render_sample_reports.py renders now."""
    spec = importlib.util.spec_from_file_location(
        "render_sample_reports", ROOT / "scripts" / "render_sample_reports.py"
    )
    assert spec is not None
    assert spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    pages = module.render()
    assert {"report-fa.md", "report-en.md"} <= set(pages)
    for name, text in pages.items():
        committed = (ROOT / "docs" / "samples" / name).read_text(encoding="utf-8")
        assert committed == text, (
            f"docs/samples/{name} is stale: run scripts/render_sample_reports.py"
        )
