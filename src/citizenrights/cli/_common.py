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
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from enum import StrEnum
from pathlib import Path
from typing import Annotated, Any, TypeVar

import typer
from pydantic import ValidationError
from rich.console import Console
from rich.progress import BarColumn, MofNCompleteColumn, Progress, SpinnerColumn, TextColumn
from rich.table import Table

from citizenrights.cli._output import BadInputError, atomic_writer, fail, one_line, write_text
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
    except IsADirectoryError as exc:
        fail(f"expected a file, got a folder: {exc.filename}")
    except PermissionError as exc:
        fail(f"permission denied: {exc.filename}")
    except UnicodeDecodeError as exc:
        fail(f"the input is not UTF-8 text ({exc.reason})")
    except OSError as exc:
        fail(f"cannot read {exc.filename or 'the input'}: {exc.strerror or exc}")


def _table(title: str, rows: Sequence[dict[str, Any]], console: Console) -> None:
    table = Table(title=title)
    if not rows:
        console.print(f"{title}: nothing to show")
        return
    for column in rows[0]:
        # Fold long words rather than cut them: a reason code or a row key must stay whole.
        table.add_column(column, overflow="fold")
    for row in rows:
        table.add_row(*("" if v is None else str(v) for v in row.values()))
    console.print(table)


def emit(rows: Sequence[dict[str, Any]], fmt: Format, output: Path | None, title: str) -> None:
    if fmt is Format.JSON:
        write_text(output, json.dumps(list(rows), ensure_ascii=False, indent=2) + "\n")
    elif fmt is Format.CSV:
        headers = list(rows[0]) if rows else []
        write_text(output, csv_text(headers, ([r[h] for h in headers] for r in rows)))
    elif output is None:
        _table(title, rows, Console())
    else:
        with atomic_writer(output) as handle:
            _table(title, rows, Console(file=handle, width=160))


def show_progress(items: Iterator[T], label: str) -> Iterator[T]:
    """Show a progress display on stderr while ``items`` is consumed, if stderr is a terminal."""
    if not sys.stderr.isatty():
        yield from items
        return
    columns = (SpinnerColumn(), TextColumn(label), BarColumn(), MofNCompleteColumn())
    with Progress(*columns, console=Console(stderr=True), transient=True) as progress:
        task = progress.add_task(label, total=None)
        for item in items:
            yield item
            progress.advance(task)


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
