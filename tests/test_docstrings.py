"""Docstrings cross-reference in mkdocstrings syntax; the docs build checks that every one resolves."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

SRC = Path(__file__).resolve().parents[1] / "src" / "citizenrights"
# Sphinx roles render as literal text on the mkdocstrings API page, and no build notices them.
SPHINX_ROLE = re.compile(r":(?:py:)?(?:func|class|meth|mod|attr|data|exc|obj|const|ref):`")


@pytest.mark.parametrize("path", sorted(SRC.rglob("*.py")), ids=lambda p: str(p.relative_to(SRC)))
def test_no_sphinx_roles_in_docstrings(path: Path) -> None:
    """Cross-references use mkdocstrings syntax ([`name`][citizenrights.module.name]), never roles."""
    found = [
        f"{path.name}:{number}: {line.strip()}"
        for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1)
        if SPHINX_ROLE.search(line)
    ]
    assert not found, "\n".join(found)


def test_the_rule_finds_a_role() -> None:
    """The check is not vacuous: a role of each kind is found, mkdocstrings syntax is not."""
    for role in ("func", "class", "meth", "mod", "attr", "data", "exc", "py:func"):
        assert SPHINX_ROLE.search(f"see :{role}:`x`")
    assert not SPHINX_ROLE.search("see [`x`][citizenrights.x]")
