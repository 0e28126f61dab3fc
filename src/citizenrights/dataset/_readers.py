"""Readers of JSON arrays, JSON objects, JSONL and CSV files, with line numbers (private).

Each reader yields ``(line, record, raw)`` for every record of a file: the line where the record
starts, the validated record (``None`` when it failed) and, for a failed one, the raw data it was
read from (so that the loader can still learn the id it meant to declare, and check what it
refers to). Problems of a record go to a sink; a problem that stops the whole file (not UTF-8,
not JSON, a line without end) is raised as a `FileProblemError`.
Every byte is read through `citizenrights.dataset._source` and every JSON text parsed by its
`parse_json`.
"""

from __future__ import annotations

import csv
from collections.abc import Callable, Iterable, Iterator
from pathlib import Path
from typing import Any

from pydantic import BaseModel, ValidationError

from citizenrights.dataset._problems import WHOLE, Problem, Sink, show_key, translate
from citizenrights.dataset._source import (
    FileProblemError,
    JsonProblemError,
    array_starts,
    decode,
    foreign_encoding,
    not_utf8,
    open_regular,
    parse_json,
    read_document,
    read_lines,
    without_bom,
)

__all__ = [
    "FAST_MISSES",
    "READERS",
    "Read",
    "Reader",
    "json_array_records",
    "json_object_record",
    "jsonl_records",
]

#: Lines of a file that the fast path of `jsonl_records` may refuse before it is left.
FAST_MISSES = 8

#: ``(line, record or None, raw data of a failed record)``.
Read = Iterator[tuple[int, Any, Any]]
Reader = Callable[[Path, str, type[BaseModel], Sink], Read]


def _validate(model: type[BaseModel], obj: Any, rel: str, line: int, report: Sink) -> Any:
    try:
        return model.model_validate(obj)
    except ValidationError as exc:
        for field, message in translate(exc, model):
            report(Problem(rel, line, field, message))
        return None


# -- JSON Lines ------------------------------------------------------------------------------------


def jsonl_records(
    lines: Iterable[tuple[int, bytes]],
    rel: str,
    model: type[BaseModel],
    report: Sink,
    read: Callable[[bytes], Any] | None = None,
) -> Read:
    """One record per non-blank line (blank lines are skipped but counted).

    The line end goes before the JSON parser sees the line: left on, it would count as a second
    line, and an error at the end of the line (an unterminated string or object) would be placed
    at "line 2 column 0", or be reported as a control character in a string.

    A record model's fast path (``fast_json_validator``, for clean text) reads each line first;
    a line it refuses is read again by ``model_validate_json``, whose record or errors are the
    result. After `FAST_MISSES` refused lines the file has text to clean (or is bad): the fast
    path is left for the rest of it, so at most that many lines of a file are validated twice.

    With ``read``, each line (its line end and a first line's byte-order mark taken off) is read
    by ``read(line)`` instead, and what it returns is the line's record; a ``ValidationError`` it
    raises is reported as the line's problems, so it must raise what ``model_validate_json``
    raises (``score_json_line`` does). Any other exception ends the reading.

    Raises:
        FileProblemError: for UTF-16 or UTF-32 text (every line would fail), or a line without end.
    """
    numbered = _content_lines(lines)
    if read is not None:
        for number, raw in numbered:
            try:
                yield number, read(raw), None
            except ValidationError as exc:
                yield number, None, _bad_line(model, raw, number, exc, rel, report)
        return
    fast = getattr(model, "fast_json_validator", None)
    validator = None if fast is None else fast()
    misses = 0
    for number, raw in numbered:
        if validator is not None:
            try:
                record = validator.validate_json(raw)
            except ValidationError:
                misses += 1
                if misses >= FAST_MISSES:
                    validator = None
            else:
                yield number, record, None
                continue
        try:
            yield number, model.model_validate_json(raw), None
        except ValidationError as exc:
            yield number, None, _bad_line(model, raw, number, exc, rel, report)


def _content_lines(lines: Iterable[tuple[int, bytes]]) -> Iterator[tuple[int, bytes]]:
    """The non-blank lines, each without its line end (and the first without a byte-order mark).

    Raises:
        FileProblemError: for UTF-16 or UTF-32 text.
    """
    for number, raw in lines:
        if number == 1:
            if foreign_encoding(raw) is not None:
                decode(raw)  # raises the problem naming the encoding
            raw = without_bom(raw)
        raw = raw.rstrip(b"\r\n")
        if raw and not raw.isspace():
            yield number, raw


def _bad_line(
    model: type[BaseModel], raw: bytes, number: int, exc: ValidationError, rel: str, report: Sink
) -> Any:
    """Report why a line failed; its JSON value when it is JSON (else ``None``)."""
    try:
        raw.decode("utf-8")
    except UnicodeDecodeError as bad:
        report(Problem(rel, number, "(file)", not_utf8(raw[bad.start], bad.start + 1)))
        return None
    try:
        obj = parse_json(raw, first_line=number)
    except JsonProblemError as problem:
        report(Problem(rel, number, "(json)", problem.message))
        return None
    for field, message in translate(exc, model):
        report(Problem(rel, number, field, message))
    return obj


def read_jsonl(path: Path, rel: str, model: type[BaseModel], report: Sink) -> Read:
    """One record per line, read a line at a time."""
    with open_regular(path) as handle:
        yield from jsonl_records(read_lines(handle), rel, model, report)


# -- JSON ------------------------------------------------------------------------------------------


def _json_problem(problem: JsonProblemError) -> FileProblemError:
    return FileProblemError(problem.line, "(json)", problem.message)


_NOT_AN_ARRAY = "expected a JSON array of records: [{...}, {...}] [json_not_array]"


def json_array_records(
    body: bytes, rel: str, model: type[BaseModel], report: Sink, *, first_line: int = 1
) -> Read:
    """The records of a JSON array (UTF-8 checked, no byte-order mark), each with its first line.

    Raises:
        FileProblemError: when the text is not JSON, or not an array.
    """
    start = body.count(b"\n", 0, len(body) - len(body.lstrip())) + first_line
    if not body.strip():
        raise FileProblemError(start, "(json)", _NOT_AN_ARRAY)
    try:
        value = parse_json(body, first_line=first_line)
    except JsonProblemError as problem:
        raise _json_problem(problem) from None
    if not isinstance(value, list):
        raise FileProblemError(start, "(json)", _NOT_AN_ARRAY)
    line, counted = first_line, 0
    for pos, obj in zip(array_starts(body), value, strict=True):
        # Counted forward from the last record, so the file is scanned once.
        line += body.count(b"\n", counted, pos)
        counted = pos
        record = _validate(model, obj, rel, line, report)
        yield line, record, obj if record is None else None


def json_object_record(
    body: bytes, rel: str, model: type[BaseModel], report: Sink, *, first_line: int = 1
) -> Read:
    """The one record of a JSON document, with the line where it starts.

    Raises:
        FileProblemError: when the text is not JSON.
    """
    start = body.count(b"\n", 0, len(body) - len(body.lstrip())) + first_line
    try:
        obj = parse_json(body, first_line=first_line)
    except JsonProblemError as problem:
        raise _json_problem(problem) from None
    record = _validate(model, obj, rel, start, report)
    yield start, record, obj if record is None else None


def _document(path: Path) -> bytes:
    with open_regular(path) as handle:
        data = read_document(handle)
    decode(data)  # raises the problem of text that is not UTF-8
    return without_bom(data)


def read_json_array(path: Path, rel: str, model: type[BaseModel], report: Sink) -> Read:
    """The records of a JSON array file, each with the line where it starts."""
    yield from json_array_records(_document(path), rel, model, report)


def read_json_object(path: Path, rel: str, model: type[BaseModel], report: Sink) -> Read:
    """The one record of a JSON file, with the line where it starts."""
    yield from json_object_record(_document(path), rel, model, report)


# -- CSV -------------------------------------------------------------------------------------------


def _text_lines(lines: Iterable[tuple[int, bytes]]) -> Iterator[str]:
    for number, raw in lines:
        yield decode(raw, number)


def read_csv(path: Path, rel: str, model: type[BaseModel], report: Sink) -> Read:
    """Rows of a CSV file with a header row of field names; an empty cell leaves its field out.

    Cells are text, read as JSON strings are (``"12"`` for an int, ``"true"`` for a bool). A row
    starts on the line after the one before it ends; the header is line 1. Blank rows are skipped.
    A header with unknown, repeated or missing columns is reported and the rows are not read.
    The file is read a line at a time (each at most 1 MiB).
    """
    with open_regular(path) as handle:
        yield from _csv_records(_text_lines(read_lines(handle)), rel, model, report)


def _csv_records(lines: Iterator[str], rel: str, model: type[BaseModel], report: Sink) -> Read:
    reader = csv.reader(lines, strict=True)
    try:
        header = [cell.strip() for cell in next(reader)]
    except StopIteration:
        report(Problem(rel, WHOLE, "(file)", "empty CSV file; expected a header row"))
        return
    except csv.Error as exc:
        report(Problem(rel, reader.line_num, "(csv)", f"malformed CSV: {exc}"))
        return
    if not _header_ok(header, model, rel, report):
        return
    while True:
        start = reader.line_num + 1
        try:
            row = next(reader)
        except StopIteration:
            return
        except csv.Error as exc:
            report(Problem(rel, start, "(csv)", f"malformed CSV: {exc}"))
            return
        if not any(cell.strip() for cell in row):
            continue
        if len(row) != len(header):
            message = f"{len(row)} cells, but the header has {len(header)} columns"
            report(Problem(rel, start, "(row)", message))
            continue
        data = {name: cell for name, cell in zip(header, row, strict=True) if cell.strip()}
        try:
            yield start, model.model_validate_strings(data), None
        except ValidationError as exc:
            for field, message in translate(exc, model):
                report(Problem(rel, start, field, message))
            yield start, None, data


def _header_ok(header: list[str], model: type[BaseModel], rel: str, report: Sink) -> bool:
    """Check the header row; a row that is mostly not field names is one "no header row?"."""
    fields = model.model_fields
    named = list(dict.fromkeys(name for name in header if name))
    unknown = [name for name in named if name not in fields]
    if named and 2 * len(unknown) > len(named):
        # Most likely the first record: its cells (names, person ids) are not echoed.
        message = (
            f"no header row? {len(unknown)} of the {len(named)} names on line 1 are not "
            f"columns; expected columns {', '.join(fields)} [csv_no_header]"
        )
        report(Problem(rel, 1, "(header)", message))
        return False
    problems = [
        *((show_key(name), "the column appears more than once") for name in _repeated(header)),
        *(
            (show_key(name) or "(header)", f"unknown column; the columns are {', '.join(fields)}")
            for name in dict.fromkeys(header)
            if name not in fields
        ),
        *(
            (name, "missing required column")
            for name, info in fields.items()
            if info.is_required() and name not in header
        ),
    ]
    for field, message in problems:
        report(Problem(rel, 1, field, message))
    return not problems


def _repeated(names: list[str]) -> list[str]:
    return sorted({n for n in names if n and names.count(n) > 1})


#: The reader of each format: ``json`` (an array), ``jsonl``, ``csv``, ``dir`` (a JSON object).
READERS: dict[str, Reader] = {
    "json": read_json_array,
    "jsonl": read_jsonl,
    "csv": read_csv,
    "dir": read_json_object,
}
