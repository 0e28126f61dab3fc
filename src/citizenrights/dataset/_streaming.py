"""Streaming a JSONL file of any size, a line at a time; reading a file of records (private)."""

from __future__ import annotations

import itertools
import os
from collections.abc import Callable, Iterator
from typing import Any, BinaryIO, TypeVar, overload

from pydantic import BaseModel

from citizenrights.dataset._problems import Problem, Sink
from citizenrights.dataset._readers import (
    Read,
    json_array_records,
    json_object_record,
    jsonl_records,
)
from citizenrights.dataset._source import (
    FileProblemError,
    JsonProblemError,
    decode,
    foreign_encoding,
    parse_json,
    read_document,
    read_lines,
    without_bom,
)
from citizenrights.errors import DatasetError
from citizenrights.models.inspections import Inspection

__all__ = ["iter_inspections", "iter_numbered", "iter_records", "read_records"]

M = TypeVar("M", bound=BaseModel)
T = TypeVar("T")


def iter_records(
    path: str | os.PathLike[str],
    model: type[M],
    *,
    on_error: Callable[[str], object] | None = None,
) -> Iterator[M]:
    r"""Stream the records of a JSONL file in flat memory, validating one line at a time.

    Only the current line is held, so a file of any size streams in the memory of its longest
    line, at most 1 MiB: a longer line (``/dev/zero``, a file that is not JSON Lines) is one
    problem and ends the stream, as does UTF-16 text. Blank lines are skipped (and counted in
    line numbers). Lines are parsed as the dataset loader parses them (see
    `read_records`).

    Args:
        path: the JSONL file.
        model: the record model of each line, such as [`Inspection`][citizenrights.models.inspections.Inspection].
        on_error: when given, called with ``path:line: field: message`` for each problem of a bad
            line, which is then skipped; when not given, the first bad line raises.

    Yields:
        The records, in file order.

    Raises:
        DatasetError: for the first bad line (listing its every problem), unless ``on_error``
            is given.
        OSError: when the file cannot be read.

    Examples:
        >>> import pathlib, tempfile
        >>> from citizenrights.models.activity import SurveyResponse
        >>> problems = []
        >>> with tempfile.TemporaryDirectory() as tmp:
        ...     path = pathlib.Path(tmp, "surveys.jsonl")
        ...     _ = path.write_text(
        ...         '{"agency_id": "A", "date": "1396/07/15", "score": 4}\n\n'
        ...         '{"agency_id": "A", "date": "1396/07/16", "score": 9}\n')
        ...     [s.score for s in iter_records(path, SurveyResponse, on_error=problems.append)]
        [4]
        >>> problems[0].split("surveys.jsonl:")[1]
        '3: score: Input should be less than or equal to 5 (got 9) [less_than_equal]'
    """
    for _, record in iter_numbered(path, model, on_error=on_error):
        yield record


@overload
def iter_numbered(
    path: str | os.PathLike[str],
    model: type[M],
    *,
    on_error: Callable[[str], object] | None = None,
    read: None = None,
) -> Iterator[tuple[int, M]]: ...


@overload
def iter_numbered(
    path: str | os.PathLike[str],
    model: type[BaseModel],
    *,
    on_error: Callable[[str], object] | None = None,
    read: Callable[[bytes], T],
) -> Iterator[tuple[int, T]]: ...


def iter_numbered(
    path: str | os.PathLike[str],
    model: type[BaseModel],
    *,
    on_error: Callable[[str], object] | None = None,
    read: Callable[[bytes], Any] | None = None,
) -> Iterator[tuple[int, Any]]:
    r"""`iter_records`, each record with its line number (for messages that name it).

    With ``read``, each line is read by ``read(line)`` instead of ``model``'s validation: the
    line's bytes (without its line end, the first without a byte-order mark) go in, and what comes
    out (never ``None``) is yielded with the line number. A ``pydantic.ValidationError`` it raises
    is the line's problems, reported as ``model``'s are (``read`` must raise what
    ``model.model_validate_json`` raises); any other exception ends the stream. The
    ``score`` command reads each line straight to its score this way, with
    [`score_json_line`][citizenrights.scoring.inspections.score_json_line].

    Examples:
        >>> import pathlib, tempfile
        >>> from citizenrights.models.activity import SurveyResponse
        >>> with tempfile.TemporaryDirectory() as tmp:
        ...     path = pathlib.Path(tmp, "surveys.jsonl")
        ...     _ = path.write_text('\n{"agency_id": "A", "date": "1396/07/15", "score": 4}\n')
        ...     [(line, s.score) for line, s in iter_numbered(path, SurveyResponse)]
        [(2, 4)]

        Each line read by a function of its own (here, to the score alone):

        >>> def score_of(line: bytes) -> int:
        ...     return SurveyResponse.model_validate_json(line).score
        >>> with tempfile.TemporaryDirectory() as tmp:
        ...     path = pathlib.Path(tmp, "surveys.jsonl")
        ...     _ = path.write_text(
        ...         '{"agency_id": "A", "date": "1396/07/15", "score": 4}\n'
        ...         '{"agency_id": "A", "date": "1396/07/16", "score": 9}\n')
        ...     problems = []
        ...     list(iter_numbered(path, SurveyResponse, on_error=problems.append, read=score_of))
        [(1, 4)]
        >>> problems[0].split("surveys.jsonl:")[1]
        '2: score: Input should be less than or equal to 5 (got 9) [less_than_equal]'
    """
    name = os.fspath(path)
    found: list[Problem] = []

    def fail(problems: list[str]) -> None:
        if on_error is None:
            raise DatasetError(problems) from None
        for problem in problems:
            on_error(problem)

    with open(path, "rb") as handle:
        try:
            lines = read_lines(handle)
            for line, record, _ in jsonl_records(lines, name, model, found.append, read):
                if record is None:
                    fail([str(p) for p in found])
                    found.clear()
                    continue
                yield line, record
        except FileProblemError as exc:  # an endless line, UTF-16 text: the rest is not read
            fail([str(Problem(name, exc.line, exc.field, exc.message))])


def iter_inspections(
    path: str | os.PathLike[str], *, on_error: Callable[[str], object] | None = None
) -> Iterator[Inspection]:
    """Stream the inspections of a JSONL file in flat memory; see `iter_records`.

    Each inspection is validated on its own, not checked against a checklist: the scoring does
    that, or [`ensure_matches`][citizenrights.models.inspections.Inspection.ensure_matches].

    Args:
        path: the JSONL file, one inspection per line.
        on_error: when given, called with each problem of a bad line, which is then skipped.

    Yields:
        The inspections, in file order.

    Raises:
        DatasetError: for the first bad line, unless ``on_error`` is given.
    """
    return iter_records(path, Inspection, on_error=on_error)


def read_records(path: str | os.PathLike[str], model: type[M]) -> list[M]:
    r"""Read every record of a file that holds a JSON object, a JSON array of them, or JSON Lines.

    The shape is told by the first non-blank line: ``[`` starts an array; a line that is a whole
    JSON value starts JSON Lines (one record per line); ``{`` otherwise starts one object over
    several lines. The file is read as dataset files are: UTF-8 with or without a byte-order mark,
    lines of at most 1 MiB, a JSON document of at most 64 MiB, nesting of at most 64 levels.
    A pipe (``<(...)``, ``/dev/stdin``) is read like a file.

    Args:
        path: the file, such as the candidate records of ``citizenrights eligibility``.
        model: the record model, such as [`CandidateRecord`][citizenrights.models.people.CandidateRecord].

    Returns:
        The records, in file order (an empty list for an empty file).

    Raises:
        DatasetError: listing every problem as ``file:line: field: message`` (its ``folder``
            is the file).
        OSError: when the file cannot be opened.

    Examples:
        >>> import pathlib, tempfile
        >>> from citizenrights.models.activity import SurveyResponse
        >>> with tempfile.TemporaryDirectory() as tmp:
        ...     path = pathlib.Path(tmp, "surveys.json")
        ...     _ = path.write_text(
        ...         '\ufeff[{"agency_id": "A", "date": "1396/07/15", "score": 4},\n'
        ...         ' {"agency_id": "A", "date": "1396/07/16", "score": 5}]', encoding="utf-8")
        ...     [s.score for s in read_records(path, SurveyResponse)]
        [4, 5]
    """
    name = os.fspath(path)
    problems: list[Problem] = []
    records: list[M] = []
    with open(path, "rb") as handle:
        try:
            for _, record, _ in _records_of(handle, name, model, problems.append):
                if record is not None:
                    records.append(record)
        except FileProblemError as exc:
            problems.append(Problem(name, exc.line, exc.field, exc.message))
    if problems:
        raise DatasetError([str(p) for p in problems], folder=name)
    return records


def _records_of(handle: BinaryIO, name: str, model: type[BaseModel], report: Sink) -> Read:
    """The records of a JSON object, a JSON array or JSON Lines, told by the first line."""
    lines = read_lines(handle)
    head: list[bytes] = []
    for number, raw in lines:
        head.append(raw)
        text = raw
        if number == 1:
            if foreign_encoding(raw) is not None:
                decode(raw)  # raises the problem naming the encoding
            text = without_bom(raw)
        if text.strip():
            break
    else:
        return
    first = text.lstrip()
    if not first.startswith(b"[") and not (first.startswith(b"{") and not _is_json(text)):
        yield from jsonl_records(itertools.chain([(number, raw)], lines), name, model, report)
        return
    data = read_document(handle, b"".join(head))
    decode(data)  # raises the problem of text that is not UTF-8
    body = without_bom(data)
    if first.startswith(b"["):
        yield from json_array_records(body, name, model, report)
    else:
        yield from json_object_record(body, name, model, report)


def _is_json(line: bytes) -> bool:
    try:
        parse_json(line)
    except JsonProblemError:
        return False
    return True
