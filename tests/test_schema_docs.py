"""The generated page docs/reference/json-schemas.md matches the record models."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

from citizenrights import RECORD_MODELS, json_schemas

from .conftest import ROOT, load_script

PAGE = ROOT / "docs" / "reference" / "json-schemas.md"
_SECTION = re.compile(
    r"^## (\w+) \{#(\w+)\}\n\n.*?\n\n```json\n(.*?)\n```$", re.DOTALL | re.MULTILINE
)


def test_page_is_up_to_date() -> None:
    """The page is exactly what scripts/render_schemas_doc.py makes of json_schemas() now."""
    page = PAGE.read_text(encoding="utf-8")
    script = load_script("render_schemas_doc")
    assert page == script.render_current(), "run python scripts/render_schemas_doc.py"


def test_page_has_every_record_schema() -> None:
    """Each record model has one section, in RECORD_MODELS order, whose JSON is its schema."""
    sections = _SECTION.findall(PAGE.read_text(encoding="utf-8"))
    assert [name for name, _, _ in sections] == [model.__name__ for model in RECORD_MODELS]
    schemas = json_schemas()
    for name, anchor, text in sections:
        assert anchor == name.lower()
        assert json.loads(text) == schemas[name]


def test_check_mode_reports_a_stale_page(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    """``--check`` exits 0 for the current page; 1, naming the script, for a stale or missing one."""
    script = load_script("render_schemas_doc")
    assert script.main(["--check"]) == 0
    monkeypatch.setattr(script, "ROOT", tmp_path)
    monkeypatch.setattr(script, "PAGE", tmp_path / "json-schemas.md")
    assert script.main(["--check"]) == 1
    (tmp_path / "json-schemas.md").write_text("# an old page\n", encoding="utf-8")
    assert script.main(["--check"]) == 1
    assert "run render_schemas_doc.py" in capsys.readouterr().out
    assert script.main([]) == 0
    assert script.main(["--check"]) == 0
