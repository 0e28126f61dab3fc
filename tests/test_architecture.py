"""The seams of the package: layers, no import circles, no reach into another package's privates.

Every module's imports are read with ``ast`` (so imports inside functions and under
``if TYPE_CHECKING:`` count too, as they do for a reader). docs/explanation/architecture.md
describes the layers listed here.
"""

from __future__ import annotations

import ast
from collections.abc import Iterator
from functools import cache
from pathlib import Path

import pytest

SRC = Path(__file__).parents[1] / "src"
ROOT = "citizenrights"

# The floors, lowest first. A unit (a top-level module or subpackage of citizenrights) imports only
# from floors below its own; units on one floor do not import each other.
LAYERS: tuple[tuple[str, ...], ...] = (
    ("_version", "text", "errors"),
    ("identifiers",),
    ("calendar", "redaction"),
    ("vocabulary",),
    ("models",),
    ("results",),
    ("scoring", "followup", "dataset"),
    ("evaluation",),
    ("distributed",),
    ("reporting",),
    ("cli",),
)
FLOOR = {unit: n for n, floor in enumerate(LAYERS) for unit in floor}


@cache
def _modules() -> dict[str, Path]:
    """Every module of the package by dotted name (a package by its own name)."""
    out = {}
    for path in sorted((SRC / ROOT).rglob("*.py")):
        parts = list(path.relative_to(SRC).with_suffix("").parts)
        if parts[-1] == "__init__":
            parts.pop()
        out[".".join(parts)] = path
    return out


def _resolve(importer: str, node: ast.ImportFrom) -> str:
    if not node.level:
        return node.module or ""
    package = (
        importer if _modules()[importer].name == "__init__.py" else importer.rpartition(".")[0]
    )
    for _ in range(node.level - 1):
        package = package.rpartition(".")[0]
    return f"{package}.{node.module}" if node.module else package


def _imports(module: str) -> Iterator[str]:
    """The citizenrights modules a module imports, anywhere in it."""
    tree = ast.parse(_modules()[module].read_text("utf-8"))
    for node in ast.walk(tree):
        names: list[str] = []
        if isinstance(node, ast.Import):
            names = [alias.name for alias in node.names]
        elif isinstance(node, ast.ImportFrom):
            base = _resolve(module, node)
            # `from citizenrights import vocabulary` imports a module, not a name of the package.
            names = [
                f"{base}.{alias.name}" if f"{base}.{alias.name}" in _modules() else base
                for alias in node.names
            ]
        for name in names:
            if name == ROOT or name.startswith(f"{ROOT}."):
                while name not in _modules():
                    name = name.rpartition(".")[0]
                if name != module:
                    yield name


@cache
def _graph() -> dict[str, frozenset[str]]:
    return {m: frozenset(_imports(m)) for m in _modules()}


def _unit(module: str) -> str | None:
    parts = module.split(".")
    return parts[1] if len(parts) > 1 else None


def test_every_unit_is_on_a_floor() -> None:
    """Each top-level module and subpackage is listed in `LAYERS` (a new one must be placed)."""
    units = {_unit(m) for m in _modules()} - {None}
    assert units == set(FLOOR), units ^ set(FLOOR)


def _upward() -> list[str]:
    found = []
    for module, imported in _graph().items():
        unit = _unit(module)
        if unit is None:
            continue  # the package root re-exports everything
        for target in imported:
            other = _unit(target)
            if other is None:
                found.append(f"{module} -> {target} (the package root)")
            elif other != unit and FLOOR[other] >= FLOOR[unit]:
                found.append(f"{module} -> {target}")
    return sorted(found)


def test_no_unit_imports_from_its_own_floor_or_above() -> None:
    """A lower floor never imports a higher one, and units on one floor stay apart."""
    assert _upward() == []


def _private_reaches() -> list[str]:
    found = []
    for module, imported in _graph().items():
        for target in imported:
            parts = target.split(".")
            for n, part in enumerate(parts[1:], 1):
                owner = ".".join(parts[:n])
                if part.startswith("_") and not (module == owner or module.startswith(owner + ".")):
                    found.append(f"{module} -> {target}")
                    break
    return sorted(found)


def test_no_import_of_another_packages_private_module() -> None:
    """``citizenrights.X._y`` is imported only from inside ``citizenrights.X``."""
    assert _private_reaches() == []


def _cycles() -> list[list[str]]:
    """The strongly connected components of more than one module (Tarjan's algorithm)."""
    graph = _graph()
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    on_stack: set[str] = set()
    found: list[list[str]] = []

    def visit(node: str) -> None:
        index[node] = low[node] = len(index)
        stack.append(node)
        on_stack.add(node)
        for target in sorted(graph[node]):
            if target not in index:
                visit(target)
                low[node] = min(low[node], low[target])
            elif target in on_stack:
                low[node] = min(low[node], index[target])
        if low[node] == index[node]:
            component = []
            while True:
                top = stack.pop()
                on_stack.discard(top)
                component.append(top)
                if top == node:
                    break
            if len(component) > 1:
                found.append(sorted(component))

    for node in sorted(graph):
        if node not in index:
            visit(node)
    return sorted(found)


def test_no_import_circles() -> None:
    """No module imports, directly or through others, a module that imports it back."""
    assert _cycles() == []


@pytest.mark.parametrize(
    ("module", "target"),
    [
        ("citizenrights.errors", "citizenrights.identifiers"),
        ("citizenrights.calendar.periods", "citizenrights.calendar.fields"),
        ("citizenrights.scoring._explain", "citizenrights.scoring.inspections"),
    ],
)
def test_seams_that_once_were_circles(module: str, target: str) -> None:
    """The circles this layout removed stay removed: the lower module no longer reaches up."""
    assert target not in _graph()[module]
