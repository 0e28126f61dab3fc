"""Streaming a JSONL file of any size, a line at a time (private module)."""

from __future__ import annotations

import os
from collections.abc import Callable, Iterator
from typing import TypeVar

from pydantic import BaseModel, ValidationError

from citizenrights.dataset._problems import Problem
from citizenrights.dataset._readers import json_line_problems, jsonl_lines
from citizenrights.errors import DatasetError
from citizenrights.models.inspections import Inspection

__all__ = ["iter_inspections", "iter_records"]

M = TypeVar("M", bound=BaseModel)


def iter_records(
    path: str | os.PathLike[str],
    model: type[M],
    *,
    on_error: Callable[[str], object] | None = None,
) -> Iterator[M]:
    r"""Stream the records of a JSONL file in flat memory, validating one line at a time.

    Only the current line is held, so a file of any size streams in the memory of its longest
    line. Blank lines are skipped (and counted in line numbers).

    Args:
        path: the JSONL file.
        model: the record model of each line, such as :class:`~citizenrights.models.Inspection`.
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
    name = os.fspath(path)
    with open(path, "rb") as handle:
        for number, raw in jsonl_lines(handle):
            try:
                record = model.model_validate_json(raw)
            except ValidationError as exc:
                problems = [
                    str(Problem(name, number, field, message))
                    for field, message in json_line_problems(model, raw, exc)
                ]
                if on_error is None:
                    raise DatasetError(problems) from None
                for problem in problems:
                    on_error(problem)
                continue
            yield record


def iter_inspections(
    path: str | os.PathLike[str], *, on_error: Callable[[str], object] | None = None
) -> Iterator[Inspection]:
    """Stream the inspections of a JSONL file in flat memory; see :func:`iter_records`.

    Each inspection is validated on its own, not checked against a checklist: the scoring does
    that, or :meth:`~citizenrights.models.Inspection.ensure_matches`.

    Args:
        path: the JSONL file, one inspection per line.
        on_error: when given, called with each problem of a bad line, which is then skipped.

    Yields:
        The inspections, in file order.

    Raises:
        DatasetError: for the first bad line, unless ``on_error`` is given.
    """
    return iter_records(path, Inspection, on_error=on_error)
