"""Every ```python block of the docs and the README runs.

The blocks of one page run in order in one namespace, so a page can build on its earlier blocks.
Blocks marked ```python title="..." or in a ```pycon fence are covered too: pycon blocks are run by
the doctest collection (``--doctest-glob=*.md``), python blocks here.
"""

from __future__ import annotations

import os
import re
from pathlib import Path

import pytest

from .conftest import ROOT

_FENCE = re.compile(r"^```python[^\n]*\n(.*?)^```", re.DOTALL | re.MULTILINE)
PAGES = sorted([*ROOT.joinpath("docs").rglob("*.md"), ROOT / "README.md"])


@pytest.mark.parametrize("page", PAGES, ids=lambda p: str(p.relative_to(ROOT)))
def test_code_blocks_run(page: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """The page's python code blocks run without error, in a scratch directory."""
    blocks = _FENCE.findall(page.read_text(encoding="utf-8"))
    if not blocks:
        pytest.skip("no python blocks")
    monkeypatch.chdir(tmp_path)
    namespace: dict[str, object] = {"__name__": f"docs_{page.stem}"}
    for number, block in enumerate(blocks, 1):
        code = compile(block, f"{page.name}#block{number}", "exec")
        exec(code, namespace)  # noqa: S102 - our own documentation, run as its reader would
    assert os.getcwd() == str(tmp_path)
