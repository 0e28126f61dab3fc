"""Output for the command line (private): atomic files and folders, one-line failures.

Where ``-o PATH`` goes:

- a regular file, or a name that does not exist yet: written to a short temporary file in the
  same folder (``.cr-XXXXXXXX.tmp``, so that any valid target name works) and renamed into place
  when the command succeeds; a failed or interrupted run leaves neither a half-written file nor
  the temporary file;
- a symbolic link: followed; the file it points to is replaced atomically the same way, and the
  link stays a link;
- a FIFO, a character device (``/dev/null``, a terminal) or a socket: written to directly (it
  cannot be renamed over without destroying it);
- a folder, or an empty name: refused.

Every failure to write (a full disk, a read-only file system, a name too long, no permission) is
one line naming the target path, never the temporary file, and the reason.
"""

from __future__ import annotations

import contextlib
import errno
import io
import os
import shutil
import signal
import stat
import sys
import tempfile
import threading
from collections.abc import Callable, Iterable, Iterator, Sequence
from pathlib import Path
from types import FrameType
from typing import Any, NoReturn, TextIO

import typer
from rich import box
from rich.console import Console
from rich.table import Table

__all__ = [
    "TEMP_PREFIX",
    "BadInputError",
    "OutputError",
    "atomic_folder",
    "atomic_writer",
    "cleanup_on_signal",
    "fail",
    "one_line",
    "output_path",
    "print_table",
    "write_binary",
    "write_text",
]

#: Prefix of every temporary file or folder the command line makes beside a target.
TEMP_PREFIX = ".cr-"

# The signals a user or a job scheduler sends to stop a run: a temporary file is removed first.
_STOP_SIGNALS = (signal.SIGINT, signal.SIGTERM, signal.SIGHUP)


class BadInputError(Exception):
    """Bad input to a command: reported as one line on stderr with exit code 2."""


class OutputError(BadInputError):
    """An output file or folder that cannot be written: one line naming the target, exit 2."""


def one_line(text: str) -> str:
    """``text`` on one line: its lines (stripped, blank ones dropped) joined by one space."""
    return " ".join(line.strip() for line in text.splitlines() if line.strip())


def fail(message: str, code: int = 2) -> NoReturn:
    """Print ``citizenrights: error: message`` (one line) on stderr and exit with ``code``."""
    typer.echo(f"citizenrights: error: {one_line(message)}", err=True)
    raise typer.Exit(code)


def _reason(exc: OSError) -> str:
    if exc.errno is not None:
        return os.strerror(exc.errno)
    return str(exc) or type(exc).__name__


def _cannot_write(target: Path | str, exc: OSError) -> OutputError:
    return OutputError(f"cannot write {target}: {_reason(exc)}")


def output_path(text: str | None) -> Path | None:
    """The path of an ``--output`` option (``None`` for standard output).

    Raises:
        BadInputError: for an empty name (``-o ''``).
    """
    if text is None or text == "-":
        return None
    if not text.strip():
        raise BadInputError("empty file name; give a file to write, or leave -o out for stdout")
    return Path(text)


@contextlib.contextmanager
def cleanup_on_signal(remove: Callable[[], None]) -> Iterator[None]:
    """Run ``remove`` if SIGINT, SIGTERM or SIGHUP arrives while the block runs, then stop.

    The previous handlers are put back when the block ends. On a signal, ``remove`` runs, the
    previous handler is restored and the signal is sent again, so the process ends the way it
    would have (Python's SIGINT handler raises ``KeyboardInterrupt``, exit 130; the default
    SIGTERM action kills it, exit status 143 in a shell). Outside the main thread (where Python
    cannot install handlers) the block runs unguarded.
    """
    if threading.current_thread() is not threading.main_thread():
        yield
        return
    previous: dict[signal.Signals, Any] = {}

    def handler(signum: int, frame: FrameType | None) -> None:
        with contextlib.suppress(OSError):
            remove()
        signal.signal(signum, previous[signal.Signals(signum)])
        os.kill(os.getpid(), signum)

    try:
        for sig in _STOP_SIGNALS:
            old = signal.getsignal(sig)
            # An ignored signal (``nohup`` ignores SIGHUP) stays ignored; a handler installed
            # outside Python (None) cannot be put back, so it is left alone.
            if old is not None and old != signal.SIG_IGN:
                previous[sig] = signal.signal(sig, handler)
        yield
    finally:
        for sig, old in previous.items():
            signal.signal(sig, old)


class _TargetText(io.TextIOWrapper):
    """A UTF-8 text stream whose write failures name the target, not the temporary file."""

    def __init__(self, raw: io.FileIO, target: Path) -> None:
        super().__init__(io.BufferedWriter(raw), encoding="utf-8", newline="")
        self.target = target

    def write(self, s: str) -> int:
        try:
            return super().write(s)
        except OSError as exc:
            raise _cannot_write(self.target, exc) from None

    def flush(self) -> None:
        try:
            super().flush()
        except OSError as exc:
            raise _cannot_write(self.target, exc) from None

    def close(self) -> None:
        try:
            super().close()
        except OSError as exc:
            raise _cannot_write(self.target, exc) from None

    def discard(self) -> None:
        """Close after a failure: the error that is already on its way is the one to report."""
        with contextlib.suppress(Exception):
            self.close()


def _node_mode(path: Path) -> int | None:
    """The ``st_mode`` of what ``path`` names (links followed), ``None`` if nothing is there."""
    try:
        return path.stat().st_mode
    except FileNotFoundError:
        return None
    except OSError as exc:
        if exc.errno == errno.ENOENT:  # pragma: no cover - FileNotFoundError above
            return None
        raise _cannot_write(path, exc) from None


@contextlib.contextmanager
def atomic_writer(path: Path | None) -> Iterator[TextIO]:
    """A UTF-8 text stream that becomes ``path`` only when the block ends without an error.

    See the module docstring for where each kind of path goes. ``None`` writes to standard
    output.

    Raises:
        OutputError: when the target cannot be written (one line naming ``path``).
    """
    if path is None:
        yield sys.stdout
        sys.stdout.flush()
        return
    mode = _node_mode(path)
    if mode is not None and stat.S_ISDIR(mode):
        raise OutputError(f"cannot write {path}: it is a folder; give a file name")
    if mode is not None and not stat.S_ISREG(mode):
        with _direct(path) as handle:
            yield handle
        return
    # A symbolic link (even a dangling one) is followed: its target is what gets replaced.
    target = Path(os.path.realpath(path)) if path.is_symlink() else path
    folder = target.parent
    if not folder.is_dir():
        raise OutputError(f"cannot write {path}: folder {folder} does not exist")
    try:
        fd, tmp = tempfile.mkstemp(prefix=TEMP_PREFIX, suffix=".tmp", dir=folder)
    except OSError as exc:
        raise _cannot_write(path, exc) from None
    handle = _TargetText(io.FileIO(fd, "w", closefd=True), path)
    with cleanup_on_signal(lambda: os.unlink(tmp)):
        try:
            yield handle
            handle.flush()
            _finish(path, lambda: os.fsync(handle.fileno()))
            handle.close()
            # mkstemp makes the file owner-only; give it the mode a plain open() would have
            # given (or keep the mode of the file it replaces).
            _finish(path, lambda: os.chmod(tmp, _mode_for(target)))
            _finish(path, lambda: os.replace(tmp, target))
        except BaseException:
            handle.discard()
            with contextlib.suppress(OSError):
                os.unlink(tmp)
            raise


def _finish(target: Path, step: Callable[[], object]) -> None:
    try:
        step()
    except OSError as exc:
        raise _cannot_write(target, exc) from None


@contextlib.contextmanager
def _direct(path: Path) -> Iterator[TextIO]:
    """Write straight into a FIFO, a device or a socket (they cannot be replaced by a rename)."""
    try:
        raw = io.FileIO(path, "w")
    except OSError as exc:
        raise _cannot_write(path, exc) from None
    handle = _TargetText(raw, path)
    try:
        yield handle
        handle.close()
    except BaseException:
        handle.discard()
        raise


def _mode_for(path: Path) -> int:
    try:
        return stat.S_IMODE(path.stat().st_mode)
    except FileNotFoundError:
        return 0o666 & ~_umask()


def _umask() -> int:
    umask = os.umask(0)
    os.umask(umask)
    return umask


def write_text(path: Path | None, text: str) -> None:
    """Write ``text`` to ``path`` atomically (or to standard output for ``None``)."""
    with atomic_writer(path) as out:
        out.write(text)


#: The width a table is made to fit when the output is not a terminal (a file, a pipe).
TABLE_WIDTH = 80

# Cells at most this long (numbers, dates, codes) are never cut.
_SHORT = 12


def print_table(
    title: str,
    headers: Sequence[str],
    rows: Iterable[Sequence[str]],
    *,
    keep: Sequence[str] = (),
    fold: Sequence[str] = (),
    file: TextIO | None = None,
    width: int | None = None,
) -> None:
    """Print a table that fits the terminal (``$COLUMNS``, else 80 columns, when not a terminal).

    The table has no vertical rules (two spaces between columns), so that the text gets the room.
    Numbers and codes never wrap; the columns named in ``keep`` (ids a reader copies) neither wrap
    nor get cut; the columns named in ``fold`` (sentences a reader needs whole, such as reasons)
    wrap onto more lines; the other text columns are cut with an ellipsis when the width is short,
    rather than folded over many lines.
    """
    body = [list(row) for row in rows]
    console = Console(file=file, width=width or (None if file is None else TABLE_WIDTH))
    if file is None and not console.is_terminal:
        columns = os.environ.get("COLUMNS", "")
        console = Console(width=width or (int(columns) if columns.isdigit() else TABLE_WIDTH))
    # A cell of several lines is as wide as its longest line.
    longest = [
        max([len(header), *(len(line) for row in body for line in row[n].splitlines())])
        for n, header in enumerate(headers)
    ]
    # Short cells (numbers, dates, codes) and the kept columns are never cut; the long text
    # columns share what is left of the width (two spaces between columns).
    whole = [h in keep or longest[n] <= _SHORT for n, h in enumerate(headers)]
    room = console.width - 2 * (len(headers) - 1) - 2
    room -= sum(w for w, keep_it in zip(longest, whole, strict=True) if keep_it)
    cut = [n for n, keep_it in enumerate(whole) if not keep_it]
    widths = list(longest)
    # A folded column is at least as wide as its longest word, so that words stay whole.
    floor = {
        n: max([len(headers[n]), *(len(w) for row in body for w in row[n].split())])
        if headers[n] in fold
        else min(len(headers[n]), _SHORT)
        for n in cut
    }
    for i, n in enumerate(sorted(cut, key=lambda n: (headers[n] not in fold, longest[n]))):
        share = max(room // (len(cut) - i), floor[n])
        widths[n] = min(longest[n], share)
        room -= widths[n]
    table = Table(title=title, box=box.SIMPLE_HEAD, pad_edge=False, collapse_padding=True)
    for n, header in enumerate(headers):
        if header in fold:
            table.add_column(header, overflow="fold", width=widths[n])
        else:
            table.add_column(header, no_wrap=True, overflow="ellipsis", width=widths[n])
    for row in body:
        table.add_row(*row)
    console.print(table)


def write_binary(path: Path | None, data: bytes, *, what: str) -> None:
    """Write ``data`` (a binary file such as a workbook) to ``path`` atomically.

    With no ``path`` the bytes go to standard output, but only when it is not a terminal (a
    workbook printed on a terminal is garbage): on a terminal this refuses with one line that says
    to give ``--output`` or redirect.

    Raises:
        OutputError: when the target cannot be written, or standard output is a terminal.
    """
    if path is None:
        if sys.stdout.isatty():
            raise OutputError(
                f"{what} is a binary file and standard output is a terminal; give --output "
                "FILE, or redirect standard output to a file"
            )
        sys.stdout.flush()
        sys.stdout.buffer.write(data)
        sys.stdout.buffer.flush()
        return
    mode = _node_mode(path)
    if mode is not None and stat.S_ISDIR(mode):
        raise OutputError(f"cannot write {path}: it is a folder; give a file name")
    if mode is not None and not stat.S_ISREG(mode):
        try:
            with open(path, "wb") as raw:
                raw.write(data)
        except OSError as exc:
            raise _cannot_write(path, exc) from None
        return
    target = Path(os.path.realpath(path)) if path.is_symlink() else path
    folder = target.parent
    if not folder.is_dir():
        raise OutputError(f"cannot write {path}: folder {folder} does not exist")
    try:
        fd, tmp = tempfile.mkstemp(prefix=TEMP_PREFIX, suffix=".tmp", dir=folder)
    except OSError as exc:
        raise _cannot_write(path, exc) from None
    with cleanup_on_signal(lambda: os.unlink(tmp)):
        try:
            with os.fdopen(fd, "wb") as handle:
                _finish(path, lambda: handle.write(data))
                _finish(path, handle.flush)
                _finish(path, lambda: os.fsync(handle.fileno()))
            _finish(path, lambda: os.chmod(tmp, _mode_for(target)))
            _finish(path, lambda: os.replace(tmp, target))
        except BaseException:
            with contextlib.suppress(OSError):
                os.unlink(tmp)
            raise


@contextlib.contextmanager
def atomic_folder(target: Path, *, replace: Callable[[Path], bool]) -> Iterator[Path]:
    """A temporary folder beside ``target`` that becomes ``target`` whole when the block ends.

    The block fills the folder it is given; nothing appears at ``target`` until then. An
    existing ``target`` is an empty folder (replaced), a folder for which ``replace(target)`` is
    true (moved aside, the new one moved in, then the old one removed), or refused. A failed or
    interrupted run removes the temporary folder.

    Raises:
        OutputError: when ``target`` exists and may not be replaced, or cannot be written.
    """
    mode = _node_mode(target)
    if mode is not None and not stat.S_ISDIR(mode):
        raise OutputError(f"cannot write {target}: it exists and is not a folder")
    old: Path | None = None
    if mode is not None and any(target.iterdir()):
        if not replace(target):
            raise OutputError(
                f"cannot write {target}: the folder is not empty; give a new or empty folder"
            )
        old = target
    parent = target.parent
    if not parent.is_dir():
        raise OutputError(f"cannot write {target}: folder {parent} does not exist")
    try:
        tmp = Path(tempfile.mkdtemp(prefix=TEMP_PREFIX, suffix=".tmp", dir=parent))
    except OSError as exc:
        raise _cannot_write(target, exc) from None
    aside = parent / f"{tmp.name[: -len('.tmp')]}.old"

    def remove() -> None:
        # Before the renames only ``tmp`` exists; after them only ``aside`` (the old folder).
        shutil.rmtree(tmp, ignore_errors=True)
        shutil.rmtree(aside, ignore_errors=True)

    with cleanup_on_signal(remove):
        try:
            yield tmp
            _finish(target, lambda: os.chmod(tmp, 0o777 & ~_umask()))
            # The two renames run with the stop signals held back, so that no signal can land
            # between them and leave neither the old folder nor the new one at ``target``.
            with _signals_held():
                if old is not None:
                    _finish(target, lambda: os.rename(target, aside))
                try:
                    _finish(target, lambda: os.rename(tmp, target))
                except OutputError:
                    if old is not None:
                        os.rename(aside, target)
                    raise
        except BaseException:
            shutil.rmtree(tmp, ignore_errors=True)
            raise
    if old is not None:
        shutil.rmtree(aside, ignore_errors=True)


@contextlib.contextmanager
def _signals_held() -> Iterator[None]:
    if threading.current_thread() is not threading.main_thread():
        yield
        return
    held = signal.pthread_sigmask(signal.SIG_BLOCK, _STOP_SIGNALS)
    try:
        yield
    finally:
        signal.pthread_sigmask(signal.SIG_SETMASK, held)
