"""Regenerate every generated file of the repository, in dependency order, with one command.

The demo dataset is made by the library itself (its calendar dates the findings' deadlines, its
reference checklist is what the inspections answer), and the sample reports are rendered from the
demo dataset, so a change to the calendar, the scoring, the reporting or the reference checklist
can change all of them. This script runs the generators in the order their outputs depend on
each other:

1. ``make_demo_dataset.py``: ``src/citizenrights/data/demo/`` (byte-identical on every run);
2. ``render_checklist_doc.py``: ``docs/reference/checklist.md`` from the reference checklist;
3. ``render_schemas_doc.py``: ``docs/reference/json-schemas.md`` from the record models;
4. ``render_sample_reports.py``: ``docs/samples/*.md`` from the (new) demo dataset.

Numbers quoted in prose (README.md's example, the tutorials) are not generated: they are checked
by the doctests and ``tests/test_docs.py``, which name the stale value.

Usage:
    .venv/bin/python scripts/regenerate.py           # rewrite everything generated
    .venv/bin/python scripts/regenerate.py --check   # exit 1 and name what is out of date
"""

from __future__ import annotations

import argparse
import importlib.util
import sys
import tempfile
from pathlib import Path
from types import ModuleType

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent


def _load(name: str) -> ModuleType:
    # The scripts folder is no package: import each script by its path.
    if str(HERE) not in sys.path:
        sys.path.insert(0, str(HERE))
    spec = importlib.util.spec_from_file_location(name, HERE / f"{name}.py")
    if spec is None or spec.loader is None:
        raise ImportError(f"cannot load scripts/{name}.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def _files_of(folder: Path) -> dict[str, bytes]:
    return {
        p.relative_to(folder).as_posix(): p.read_bytes()
        for p in sorted(folder.rglob("*"))
        if p.is_file()
    }


def _demo(*, check: bool) -> int:
    demo = _load("make_demo_dataset")
    if not check:
        return int(demo.main(["make_demo_dataset.py"]))
    with tempfile.TemporaryDirectory() as tmp:
        demo.write(Path(tmp), demo.build())
        fresh = _files_of(Path(tmp))
    committed = _files_of(demo.DEFAULT_OUT)
    stale = sorted(n for n in fresh.keys() | committed.keys() if fresh.get(n) != committed.get(n))
    for name in stale:
        print(f"src/citizenrights/data/demo/{name} is out of date; run scripts/regenerate.py")
    return 1 if stale else 0


def _samples(*, check: bool) -> int:
    samples = _load("render_sample_reports")
    if not check:
        return int(samples.main())
    status = 0
    for name, text in samples.render().items():
        page = samples.SAMPLES / name
        if not page.exists() or page.read_text(encoding="utf-8") != text:
            print(f"docs/samples/{name} is out of date; run scripts/regenerate.py")
            status = 1
    return status


def main(argv: list[str] | None = None) -> int:
    """Run every generator (or, with ``--check``, compare their output): the exit status."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--check", action="store_true", help="only report stale files")
    args = parser.parse_args(argv)
    check: bool = args.check
    flag = ["--check"] if check else []
    # Order matters: the samples are rendered from the demo dataset written first.
    status = _demo(check=check)
    status |= int(_load("render_checklist_doc").main(flag))
    status |= int(_load("render_schemas_doc").main(flag))
    status |= _samples(check=check)
    return status


if __name__ == "__main__":
    sys.exit(main())
