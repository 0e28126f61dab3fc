"""Readers of JSON arrays, JSON objects, JSONL and CSV files, with line numbers (private).

Each reader yields ``(line, record, raw)`` for every record of a file: the line where the record
starts, the validated record (``None`` when it failed) and, for a failed one, the raw data it was
read from (so that the loader can still learn the id it meant to declare). Problems go to a sink.
"""

from __future__ import annotations

import codecs
import csv
import io
import json
import re
from collections.abc import Callable, Iterable, Iterator
from pathlib import Path
from typing import Any, TypeVar

from pydantic import BaseModel, ValidationError

from citizenrights.dataset._problems import WHOLE, Problem, Sink, translate

__all__ = ["READERS", "Reader", "json_line_problems", "jsonl_lines"]

M = TypeVar("M", bound=BaseModel)
#: ``(line, record or None, raw data of a failed record)``.
Read = Iterator[tuple[int, Any, Any]]
Reader = Callable[[Path, str, type[BaseModel], Sink], Read]

_WS = re.compile(r"[ \t\n\r]*")
_LINE_ONE = re.compile(r"at line 1 column (\d+)")


def _skip_ws(text: str, pos: int) -> int:
    match = _WS.match(text, pos)
    return match.end() if match else pos


def _not_utf8(byte: int, column: int) -> str:
    return f"not UTF-8 text: byte 0x{byte:02x} at column {column}; save the file as UTF-8"


def _decode(data: bytes, rel: str, report: Sink) -> str | None:
    """The UTF-8 text of a file (a byte-order mark dropped), or a problem naming the bad byte."""
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        line = data.count(b"\n", 0, exc.start) + 1
        column = exc.start - (data.rfind(b"\n", 0, exc.start) + 1) + 1
        report(Problem(rel, line, "(file)", _not_utf8(data[exc.start], column)))
        return None


def _validate(model: type[BaseModel], obj: Any, rel: str, line: int, report: Sink) -> Any:
    try:
        return model.model_validate(obj)
    except ValidationError as exc:
        for field, message in translate(exc, model):
            report(Problem(rel, line, field, message))
        return None


# -- JSON Lines ------------------------------------------------------------------------------------


def jsonl_lines(handle: Iterable[bytes]) -> Iterator[tuple[int, bytes]]:
    r"""Numbered non-blank lines of a binary file, without their line ends.

    Blank lines are skipped but counted. The line end goes before the JSON parser sees the line:
    left on, it would count as a second line, and an error at the end of the line (an unterminated string or object) would be placed
    at "line 2 column 0", or be reported as a control character in a string.

    Examples:
        >>> list(jsonl_lines([b"\xef\xbb\xbf{}\r\n", b"\n", b"  \r\n", b"[]"]))
        [(1, b'{}'), (4, b'[]')]
    """
    for number, raw in enumerate(handle, 1):
        if number == 1 and raw.startswith(codecs.BOM_UTF8):
            raw = raw[len(codecs.BOM_UTF8) :]
        if raw and not raw.isspace():
            yield number, raw.rstrip(b"\r\n")


def json_line_problems(
    model: type[BaseModel], raw: bytes, exc: ValidationError
) -> list[tuple[str, str]]:
    """Explain a bad JSONL line; bytes that are not UTF-8 are named as such, not as bad JSON."""
    try:
        raw.decode("utf-8")
    except UnicodeDecodeError as bad:
        return [("(file)", _not_utf8(raw[bad.start], bad.start + 1))]
    # A JSONL line is line 1 to the JSON parser; the loader gives the real line number.
    return [
        (field, _LINE_ONE.sub(r"at column \1", message)) for field, message in translate(exc, model)
    ]


def _raw_object(raw: bytes) -> Any:
    """The JSON of a line that failed validation, to learn the id it meant to declare."""
    try:
        return json.loads(raw)
    except ValueError:
        return None


def read_jsonl(path: Path, rel: str, model: type[BaseModel], report: Sink) -> Read:
    """One record per line, read a line at a time."""
    with path.open("rb") as handle:
        for number, raw in jsonl_lines(handle):
            try:
                yield number, model.model_validate_json(raw), None
            except ValidationError as exc:
                for field, message in json_line_problems(model, raw, exc):
                    report(Problem(rel, number, field, message))
                yield number, None, _raw_object(raw)


# -- JSON ------------------------------------------------------------------------------------------


def read_json_array(path: Path, rel: str, model: type[BaseModel], report: Sink) -> Read:
    """The records of a JSON array, each with the line where it starts."""
    text = _decode(path.read_bytes(), rel, report)
    if text is None:
        return
    decoder = json.JSONDecoder()
    line, counted = 1, 0

    def line_at(pos: int) -> int:
        # Counted forward from the last position, so the whole file is scanned once.
        nonlocal line, counted
        line += text.count("\n", counted, pos)
        counted = pos
        return line

    def fail(pos: int, message: str) -> None:
        report(Problem(rel, line_at(pos), "(json)", message))

    pos = _skip_ws(text, 0)
    if pos == len(text) or text[pos] != "[":
        fail(pos, "expected a JSON array of records: [{...}, {...}]")
        return
    pos = _skip_ws(text, pos + 1)
    if text.startswith("]", pos):
        pos += 1
    else:
        while True:
            try:
                obj, end = decoder.raw_decode(text, pos)
            except json.JSONDecodeError as exc:
                fail(exc.pos, f"invalid JSON: {exc.msg} (column {exc.colno})")
                return
            start = line_at(pos)
            record = _validate(model, obj, rel, start, report)
            yield start, record, obj if record is None else None
            pos = _skip_ws(text, end)
            if text.startswith(",", pos):
                pos = _skip_ws(text, pos + 1)
            elif text.startswith("]", pos):
                pos += 1
                break
            else:
                fail(pos, "invalid JSON: expected ',' or ']' after a record")
                return
    pos = _skip_ws(text, pos)
    if pos != len(text):
        fail(pos, "invalid JSON: extra data after the array's closing ']'")


def read_json_object(path: Path, rel: str, model: type[BaseModel], report: Sink) -> Read:
    """The one record of a JSON file, with the line where it starts."""
    text = _decode(path.read_bytes(), rel, report)
    if text is None:
        return
    start = text.count("\n", 0, _skip_ws(text, 0)) + 1
    try:
        obj = json.loads(text)
    except json.JSONDecodeError as exc:
        message = f"invalid JSON: {exc.msg} (column {exc.colno})"
        report(Problem(rel, exc.lineno, "(json)", message))
        return
    record = _validate(model, obj, rel, start, report)
    yield start, record, obj if record is None else None


# -- CSV -------------------------------------------------------------------------------------------


def read_csv(path: Path, rel: str, model: type[BaseModel], report: Sink) -> Read:
    """Rows of a CSV file with a header row of field names; an empty cell leaves its field out.

    Cells are text, read as JSON strings are (``"12"`` for an int, ``"true"`` for a bool). A row
    starts on the line after the one before it ends; the header is line 1. Blank rows are skipped.
    A header with unknown, repeated or missing columns is reported and the rows are not read.
    """
    text = _decode(path.read_bytes(), rel, report)
    if text is None:
        return
    reader = csv.reader(io.StringIO(text, newline=""), strict=True)
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
    fields = model.model_fields
    problems = [
        *((name, "the column appears more than once") for name in _repeated(header)),
        *(
            (name or "(header)", f"unknown column; the columns are {', '.join(fields)}")
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
