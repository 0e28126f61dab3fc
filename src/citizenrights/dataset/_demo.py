"""The bundled demo dataset (private module)."""

from __future__ import annotations

import contextlib
from collections.abc import Iterator
from importlib import resources
from pathlib import Path

from citizenrights.dataset._loader import Dataset

__all__ = ["demo_dataset_path", "load_demo"]


@contextlib.contextmanager
def demo_dataset_path() -> Iterator[Path]:
    """The folder of the bundled demo dataset, as a file-system path while the block runs.

    Examples:
        >>> with demo_dataset_path() as folder:
        ...     sorted(p.name for p in folder.iterdir())[:3]
        ['README.md', 'agencies.json', 'candidates.jsonl']
    """
    demo = resources.files("citizenrights") / "data" / "demo"
    with resources.as_file(demo) as path:
        yield Path(path)


def load_demo() -> Dataset:
    """Load the bundled demo dataset: one synthetic province over the Jalali years 1396–1397.

    Every name and id in it is invented; its ``README.md`` describes what it holds.

    Examples:
        >>> demo = load_demo()
        >>> len(demo.agencies), len(demo.ngos), len(demo.candidates)
        (35, 56, 12)
    """
    with demo_dataset_path() as folder:
        return Dataset.load(folder)
