"""Where a dataset folder's records are: each kind's files, checked to be regular files (private)."""

from __future__ import annotations

import contextlib
import functools
import os
import stat
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any, Protocol

from citizenrights.dataset._kinds import KINDS, Kind
from citizenrights.dataset._problems import WHOLE, Problem, Sink
from citizenrights.dataset._readers import READERS, Read, jsonl_records
from citizenrights.dataset._source import node_problem, open_regular, read_lines

__all__ = ["ByteCounter", "Sources", "file_sources", "folder_bytes", "kind_paths", "listing"]


def node(path: Path, rel: str, report: Sink) -> bool | None:
    """Whether a regular file is at ``path`` (``None``: something else is, and was reported)."""
    try:
        problem = node_problem(path)
    except FileNotFoundError:
        return False
    if problem is not None:
        report(Problem(rel, WHOLE, "(file)", problem))
        return None
    return True


def listing(folder: Path, rel: str, report: Sink) -> list[str] | None:
    """The names in a folder, sorted; ``None`` (reported once) when it cannot be listed."""
    try:
        return sorted(os.listdir(folder))
    except OSError as exc:
        report(Problem(rel, WHOLE, "(folder)", f"cannot be read: {exc.strerror or exc}"))
        return None


def kind_paths(folder: Path, kind: Kind, report: Sink) -> list[tuple[Path, str, str]] | None:
    """The files holding one kind, as (path, name in messages, format); ``None`` when unusable.

    A name that is there but is not a regular file (a folder, a FIFO, a dangling symbolic link,
    a loop of them) is a problem, never skipped in silence; a FIFO is not opened.
    """
    if kind.formats == ("dir",):
        sub = folder / kind.name
        if not os.path.lexists(sub):
            return []
        if not sub.is_dir():
            report(Problem(kind.name, WHOLE, "(folder)", "expected a folder of JSON files"))
            return None
        return checklist_files(sub, kind.name, report)
    nodes = [(folder / f"{kind.name}.{ext}", f"{kind.name}.{ext}", ext) for ext in kind.formats]
    states = [node(path, rel, report) for path, rel, _ in nodes]
    if None in states:
        return None
    present = [node for node, ok in zip(nodes, states, strict=True) if ok]
    if len(present) > 1:
        both = " and ".join(rel for _, rel, _ in present)
        report(Problem(present[0][1], WHOLE, "(file)", f"both {both} are present; keep one"))
        return None
    if not present and kind.required:
        report(Problem(kind.files, WHOLE, "(file)", f"missing; every dataset needs {kind.files}"))
        return None
    return present


def checklist_files(sub: Path, name: str, report: Sink) -> list[tuple[Path, str, str]] | None:
    """The ``*.json`` files of a folder of one-record files; ``None`` when one is unusable."""
    names = listing(sub, name, report)
    if names is None:
        return None
    files = [(sub / n, f"{name}/{n}") for n in names if n.endswith(".json")]
    states = [node(path, rel, report) for path, rel in files]
    if None in states:
        return None
    return [(path, rel, "dir") for (path, rel), ok in zip(files, states, strict=True) if ok]


#: Where one kind's records come from: ``(name in messages, a reader of its rows)`` per file or table.
Sources = list[tuple[str, Callable[[], Read]]]


class ByteCounter(Protocol):
    """What counts the bytes read: a `DatasetStream`."""

    bytes_read: int


def file_sources(
    folder: Path, kind: Kind, report: Sink, *, counter: ByteCounter | None = None
) -> Sources | None:
    """The files of one kind as sources; ``None`` when the kind cannot be read (reported).

    With a ``counter``, its ``bytes_read`` grows as the files are read.
    """
    paths = kind_paths(folder, kind, report)
    if paths is None:
        return None
    read = READERS
    if counter is None:
        return [
            (rel, functools.partial(read[fmt], path, rel, kind.model, report))
            for path, rel, fmt in paths
        ]
    return [
        (rel, functools.partial(counted, path, rel, fmt, kind, report, counter))
        for path, rel, fmt in paths
    ]


def counted(path: Path, rel: str, fmt: str, kind: Kind, report: Sink, counter: ByteCounter) -> Read:
    """A file's rows, adding the bytes read to ``counter`` (JSON Lines: line by line)."""
    before = counter.bytes_read
    if fmt == "jsonl":

        def lines(handle: Any) -> Iterator[tuple[int, bytes]]:
            for number, raw in read_lines(handle):
                counter.bytes_read += len(raw)
                yield number, raw

        with open_regular(path) as handle:  # as `read_jsonl`, with the bytes counted
            yield from jsonl_records(lines(handle), rel, kind.model, report)
    else:
        yield from READERS[fmt](path, rel, kind.model, report)
    with contextlib.suppress(OSError):  # removed meanwhile: the reader reports it
        counter.bytes_read = before + path.stat().st_size


def folder_bytes(folder: str | os.PathLike[str]) -> int:
    """The size in bytes of the files a dataset folder's kinds are read from (others not counted).

    Args:
        folder: a dataset folder.

    Returns:
        The sum of the sizes of its ``agencies.json``, ``inspections.jsonl``, ... and
        ``checklists/*.json`` files that are regular files; ``0`` for a folder that cannot be
        read.
    """
    base = Path(folder)
    names: list[Path] = []
    for kind in KINDS:
        if kind.formats == ("dir",):
            try:
                inner = sorted(os.listdir(base / kind.name))
            except OSError:
                continue
            names.extend(base / kind.name / n for n in inner if n.endswith(".json"))
        else:
            names.extend(base / f"{kind.name}.{ext}" for ext in kind.formats)
    total = 0
    for path in names:
        try:
            found = path.stat()
        except OSError:
            continue
        if stat.S_ISREG(found.st_mode):
            total += found.st_size
    return total
