"""Output for the command line (private): atomic files, formats, one-line failures."""

from __future__ import annotations

import contextlib
import os
import stat
import sys
import tempfile
from collections.abc import Iterator
from pathlib import Path
from typing import NoReturn, TextIO

import typer

__all__ = ["BadInputError", "atomic_writer", "fail", "write_text"]


class BadInputError(Exception):
    """Bad input to a command: reported as one line on stderr with exit code 2."""


def fail(message: str, code: int = 2) -> NoReturn:
    """Print ``citizenrights: error: message`` (one line) on stderr and exit with ``code``."""
    one_line = " ".join(message.split())
    typer.echo(f"citizenrights: error: {one_line}", err=True)
    raise typer.Exit(code)


@contextlib.contextmanager
def atomic_writer(path: Path | None) -> Iterator[TextIO]:
    """A text stream that becomes ``path`` only when the block ends without an error.

    It writes to a temporary file beside ``path`` and renames it into place (``os.replace``), so a
    failed run never leaves a half-written file and an existing file is replaced whole. ``None``
    writes to standard output.
    """
    if path is None:
        yield sys.stdout
        sys.stdout.flush()
        return
    folder = path.parent if str(path.parent) else Path(".")
    if not folder.is_dir():
        raise BadInputError(f"cannot write {path}: folder {folder} does not exist")
    fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=folder)
    try:
        with os.fdopen(fd, "w", encoding="utf-8", newline="") as handle:
            yield handle
            handle.flush()
            os.fsync(handle.fileno())
        # mkstemp makes the file owner-only; give it the mode a plain open() would have given
        # (or keep the mode of the file it replaces).
        os.chmod(tmp, _mode_for(path))
        os.replace(tmp, path)
    except BaseException:
        with contextlib.suppress(FileNotFoundError):
            os.unlink(tmp)
        raise


def _mode_for(path: Path) -> int:
    try:
        return stat.S_IMODE(path.stat().st_mode)
    except FileNotFoundError:
        umask = os.umask(0)
        os.umask(umask)
        return 0o666 & ~umask


def write_text(path: Path | None, text: str) -> None:
    """Write ``text`` to ``path`` atomically (or to standard output for ``None``)."""
    with atomic_writer(path) as out:
        out.write(text)
