"""What the commands share: option types and parsing, one-line input errors, table output.

Every option that takes a value is read as text and parsed by `parse_option`, so each bad value
fails the same way; `bad_input` turns the library's input errors into one line on stderr and exit
code 2; `emit` writes table-shaped results as a table, JSON or CSV.
"""

from __future__ import annotations

import json
import os
import re
import stat
import sys
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from contextlib import contextmanager
from enum import StrEnum
from pathlib import Path
from typing import Annotated, Any, BinaryIO, NoReturn, TextIO, TypeVar

import typer
from pydantic import ValidationError
from rich.console import Console
from rich.progress import (
    BarColumn,
    Progress,
    SpinnerColumn,
    TaskProgressColumn,
    TextColumn,
    TimeRemainingColumn,
)

from citizenrights.cli._output import (
    _SHORT,
    TABLE_WIDTH,
    BadInputError,
    atomic_writer,
    fail,
    one_line,
    print_table,
    write_text,
)
from citizenrights.errors import ChecklistMismatchError, CitizenRightsError, DatasetError
from citizenrights.reporting import csv_text
from citizenrights.text import clean_value

S = TypeVar("S")
T = TypeVar("T")
E = TypeVar("E", bound=StrEnum)


class Format(StrEnum):
    """Output formats of the table-shaped commands."""

    TABLE = "table"
    JSON = "json"
    CSV = "csv"


class ReportFormat(StrEnum):
    """Output formats of ``report`` and ``progress``."""

    MARKDOWN = "markdown"
    JSON = "json"
    CSV = "csv"


class Lang(StrEnum):
    """Languages of the rendered reports and reasons."""

    FA = "fa"
    EN = "en"


# Every option that takes a value is read as text and parsed by ``parse_option``, so that each bad
# value fails the same way: one line ``--name: reason``, exit 2 (click's own checks would print
# a usage panel, and only for the types click knows).
OutOption = Annotated[
    str | None,
    typer.Option(
        "--output",
        "-o",
        help="Write to this file (atomically) instead of stdout.",
        show_default=False,
    ),
]
FormatOption = Annotated[str, typer.Option("--format", "-f", help="table, json or csv.")]
LangOption = Annotated[str, typer.Option("--lang", help="Language of the output: fa or en.")]
#: The dataset a command reads: a folder, or a database URL written by ``citizenrights import``.
SourceArgument = Annotated[
    str,
    typer.Argument(
        help="A dataset folder (agencies.json, ...), or a database URL such as "
        "sqlite:///records.db (needs the sql extra).",
        show_default=False,
    ),
]


def parse_option(name: str, text: S, parse: Callable[[S], T]) -> T:
    """Parse the value of option ``name``; any error becomes one line ``name: reason`` (exit 2).

    The one place where option values are read: a bad ``--period``, ``--as-of``, ``--province``,
    ``--format``, ... all fail the same way.
    """
    try:
        return parse(text)
    except DatasetError as exc:
        # Every problem of a file given as an option, each on its own line, each naming the option.
        raise DatasetError([f"{name}: {p}" for p in exc.problems], folder=exc.folder) from None
    except (CitizenRightsError, BadInputError, ValueError, LookupError) as exc:
        raise BadInputError(f"{name}: {first_line(exc)}") from None
    except OSError as exc:
        raise BadInputError(f"{name}: cannot read {exc.filename or text}: {exc.strerror}") from None


def first_line(exc: BaseException) -> str:
    text = str(exc).strip()
    return text.splitlines()[0] if text else type(exc).__name__


def choice(kind: type[E]) -> Callable[[str], E]:
    """A parser of one of ``kind``'s values (any case, cleaned of direction marks)."""

    def parse(text: str) -> E:
        try:
            return kind(clean_value(text).lower())
        except ValueError:
            accepted = ", ".join(m.value for m in kind)
            raise BadInputError(f"expected one of {accepted}; got {text!r}") from None

    return parse


def _show_problems(problems: Sequence[str], summary: str) -> None:
    """Print every problem on a line of its own on stderr, then fail with ``summary``."""
    for problem in problems:
        typer.echo(one_line(problem), err=True)
    fail(summary)


#: The exit code when the reader of the output goes away (``citizenrights score ... | head``):
#: the shell's code for a command ended by SIGPIPE, and nothing printed.
BROKEN_PIPE_EXIT = 141


def _reader_went_away() -> NoReturn:
    # Standard output was closed by its reader: not an input error, nothing to say. What is left
    # to write goes nowhere, so that the flush at exit does not fail again.
    devnull = os.open(os.devnull, os.O_WRONLY)
    os.dup2(devnull, sys.stdout.fileno())
    os.close(devnull)
    raise SystemExit(BROKEN_PIPE_EXIT)


@contextmanager
def bad_input() -> Iterator[None]:
    """Turn the library's input errors into one line on stderr and exit code 2."""
    try:
        yield
    except DatasetError as exc:
        if len(exc.problems) == 1:
            fail(exc.problems[0])
        _show_problems(exc.problems, f"{len(exc.problems)} problem(s) in the input; see above")
    except ChecklistMismatchError as exc:
        where = f"inspection {exc.inspection_id!r}" if exc.inspection_id else "an inspection"
        _show_problems(
            [f"{where}: {p}" for p in exc.problems],
            f"{where} does not match its checklist ({len(exc.problems)} problem(s)); see above",
        )
    except (CitizenRightsError, ValidationError, BadInputError, ValueError) as exc:
        fail(first_line(exc))
    except FileNotFoundError as exc:
        fail(f"no such file or folder: {exc.filename}")
    except BrokenPipeError:
        _reader_went_away()
    except IsADirectoryError as exc:
        fail(f"expected a file, got a folder: {exc.filename}")
    except PermissionError as exc:
        fail(f"permission denied: {exc.filename}")
    except UnicodeDecodeError as exc:
        fail(f"the input is not UTF-8 text ({exc.reason})")
    except OSError as exc:
        fail(f"cannot read {exc.filename or 'the input'}: {exc.strerror or exc}")


#: The columns a reader copies or must see whole (ids, codes, the position of a record in its
#: input, a status): they are never cut nor wrapped, whatever their shown header.
_KEEP = ("id", "code", "key", "row", "record", "id_key", "status")


def _table(
    title: str,
    rows: Sequence[dict[str, Any]],
    file: TextIO | None = None,
    headers: Mapping[str, str] | None = None,
) -> None:
    if not rows:
        print(f"{title}: nothing to show", file=file or sys.stdout)
        return
    keys = list(rows[0])
    shown = [(headers or {}).get(k, k) for k in keys]
    cells = [tuple("" if v is None else str(v) for v in row.values()) for row in rows]
    # Ids and codes a reader copies stay whole; long text is cut rather than folded.
    keep = tuple(h for k, h in zip(keys, shown, strict=True) if k.endswith("_id") or k in _KEEP)
    # Reasons are sentences a reader needs whole: they wrap.
    fold = tuple(
        h for k, h in zip(keys, shown, strict=True) if k in ("reasons", "reason", "message")
    )
    columns = os.environ.get("COLUMNS", "")
    width = 160 if file else int(columns) if columns.isdigit() else TABLE_WIDTH
    if file is None and (console := Console()).is_terminal:
        width = console.width
    # Narrower than what the kept columns and the longest word of the folded ones need, the
    # table would squeeze (cut) the ids too: its lines run past the edge instead.
    width = max(width, _least_width(shown, cells, keep, fold))
    print_table(title, shown, cells, keep=keep, fold=fold, file=file, width=width)


def _least_width(
    headers: Sequence[str],
    cells: Sequence[Sequence[str]],
    keep: Sequence[str],
    fold: Sequence[str],
) -> int:
    """The fewest columns a table needs: kept columns whole, folded ones folded between words."""
    total = 2 * len(headers)  # two spaces between columns, one at each edge
    for n, header in enumerate(headers):
        lines = [line for row in cells for line in row[n].splitlines()]
        longest = max([len(header), *(len(row[n]) for row in cells)])
        if header in keep or longest <= _SHORT:
            total += longest
        elif header in fold:
            total += max([len(header), *(len(w) for line in lines for w in line.split())])
        else:
            total += min(len(header), _SHORT)
    return total


def emit(
    rows: Sequence[dict[str, Any]],
    fmt: Format,
    output: Path | None,
    title: str,
    *,
    headers: Mapping[str, str] | None = None,
) -> None:
    """Write ``rows`` as JSON, CSV (the rows' keys as column names) or a table.

    ``headers`` maps keys to the words shown over the table's columns (the reader's language);
    JSON and CSV keep the keys, which programs read.
    """
    if fmt is Format.JSON:
        write_text(output, json.dumps(list(rows), ensure_ascii=False, indent=2) + "\n")
    elif fmt is Format.CSV:
        keys = list(rows[0]) if rows else []
        write_text(output, csv_text(keys, ([r[h] for h in keys] for r in rows)))
    elif output is None:
        _table(title, rows, headers=headers)
    else:
        with atomic_writer(output) as handle:
            _table(title, rows, handle, headers)


#: The console progress is shown on; tests put a terminal console here (``None``: stderr).
PROGRESS_CONSOLE: Console | None = None


class _Progress:
    """A progress display of records read: done, rate and, with a byte total, time left."""

    def __init__(self, progress: Progress | None, label: str, total: int | None) -> None:
        self._progress = progress
        self._label = label
        self._records = 0
        self._done_before = 0  # records of the kinds finished
        self._kind = ""
        self._task = (
            None if progress is None else progress.add_task(label, total=total, records="", rate="")
        )
        #: Whether anything is shown (stderr is a terminal).
        self.shown = progress is not None

    def __call__(self, kind: str, records: int, bytes_read: int | None = None) -> None:
        """Note ``records`` read of ``kind`` (and ``bytes_read`` of the total)."""
        if self._progress is None or self._task is None:
            return
        if kind != self._kind:
            self._done_before, self._kind = self._records, kind
        self._records = max(self._records, self._done_before + records)
        task = self._progress.tasks[self._task]
        rate = self._records / task.elapsed if task.elapsed else 0.0
        what = f"{self._label}: {kind}" if kind else self._label
        self._progress.update(
            self._task,
            completed=bytes_read if bytes_read is not None else task.completed,
            description=what,
            records=f"{self._records:,} records",
            rate=f"{rate:,.0f} records/s",
        )


@contextmanager
def progress_display(label: str, *, total_bytes: int | None = None) -> Iterator[_Progress]:
    """A progress display on stderr while a long command reads records; nothing if not a terminal.

    The one display of ``validate``, ``report`` and ``score``: records done, their rate and,
    when the bytes to read are known (``total_bytes``, a folder or a file), a bar and the time
    left; from a database only records and rate. On a stderr that is not a terminal (piped,
    redirected, a test runner) nothing at all is written. It disappears when done.

    Yields:
        The hook: call it as ``hook(kind, records read of that kind, bytes read)``, as
        [`Dataset.stream`][citizenrights.dataset._loader.Dataset.stream] does.
    """
    # stderr itself is asked, not rich (which FORCE_COLOR would persuade): piped means silent.
    console = PROGRESS_CONSOLE
    if console is None:
        console = Console(stderr=True) if sys.stderr.isatty() else None
    if console is None or not console.is_terminal:
        yield _Progress(None, label, None)
        return
    columns: list[Any] = [SpinnerColumn(), TextColumn("{task.description}")]
    if total_bytes:
        columns += [BarColumn(), TaskProgressColumn()]
    columns += [
        TextColumn("{task.fields[records]}"),
        TextColumn("{task.fields[rate]}"),
    ]
    if total_bytes:
        columns += [TextColumn("left"), TimeRemainingColumn()]
    with Progress(*columns, console=console, transient=True) as progress:
        hook = _Progress(progress, label, total_bytes or None)
        hook("", 0)
        yield hook


def show_progress(
    items: Iterable[T],
    label: str,
    *,
    total_bytes: int | None = None,
    position: Callable[[T], int] | None = None,
) -> Iterator[T]:
    """``items``, shown by `progress_display` as they are consumed (every 1,000, and the last).

    ``position(item)`` is the bytes read up to and with ``item``, out of ``total_bytes``; it is
    only called while a display is shown.
    """
    with progress_display(label, total_bytes=total_bytes) as hook:
        if not hook.shown:
            yield from items
            return
        done = 0
        last: T | None = None
        for item in items:
            yield item
            done += 1
            last = item
            if done % 1000 == 0:
                hook("", done, None if position is None else position(item))
        hook("", done, None if position is None or last is None else position(last))


class LineFollower:
    """The bytes of a file up to a line, read by a second handle following the lines.

    For a progress display of a reader that does not tell its position: ``upto(n)`` reads on
    to line ``n`` and returns the bytes read so far.
    """

    def __init__(self, path: Path) -> None:
        self._path = path
        self._handle: BinaryIO | None = None  # opened on the first call: only when shown
        self._line = 0
        self._bytes = 0

    def upto(self, line: int) -> int:
        """The bytes of lines ``1`` to ``line`` (line ends included)."""
        if self._handle is None:
            self._handle = self._path.open("rb")
        while self._line < line:
            raw = self._handle.readline(1 << 20)
            if not raw:
                break
            self._bytes += len(raw)
            if raw.endswith(b"\n"):
                self._line += 1
        return self._bytes

    def close(self) -> None:
        """Close the second handle, if it was opened."""
        if self._handle is not None:
            self._handle.close()


def existing(path: Path, *, folder: bool) -> Path:
    """``path`` if it is a readable folder (``folder=True``) or file; else one line, exit 2.

    Checked here rather than by click, whose path checks print a usage panel.
    """
    want = "folder" if folder else "file"
    try:
        mode = path.stat().st_mode
    except FileNotFoundError:
        if path.is_symlink():
            raise BadInputError(
                f"{path} is a symbolic link to nothing; expected a {want}"
            ) from None
        raise BadInputError(f"no such {want}: {path}") from None
    except OSError as exc:
        raise BadInputError(
            f"cannot open {path}: {exc.strerror or exc}; expected a {want}"
        ) from None
    if folder and not stat.S_ISDIR(mode):
        raise BadInputError(f"expected a folder, got a file: {path}")
    if not folder and stat.S_ISDIR(mode):
        raise BadInputError(f"expected a file, got a folder: {path}")
    if not os.access(path, os.R_OK | (os.X_OK if folder else 0)):
        raise BadInputError(f"permission denied: cannot read the {want} {path}")
    return path


# A database URL, ``dialect[+driver]://...`` (as the dataset loader tells them); its password.
_URL = re.compile(r"^[A-Za-z][A-Za-z0-9+.-]*://")
_PASSWORD = re.compile(r"^([A-Za-z][A-Za-z0-9+.-]*://[^:/@?#]*:)([^/?#]*)(@)")


def is_url(text: str) -> bool:
    """Whether a dataset argument is a database URL rather than a folder."""
    return _URL.match(text) is not None


def shown(source: str | Path) -> str:
    """A dataset argument as printed: a URL with its password masked as ``***``."""
    text = os.fspath(source)
    return _PASSWORD.sub(r"\1***\3", text) if is_url(text) else text


def dataset_source(text: str) -> str | Path:
    """A dataset argument: a database URL as given, or a folder checked by `existing`."""
    if is_url(text):
        return text
    return existing(Path(text), folder=True)
