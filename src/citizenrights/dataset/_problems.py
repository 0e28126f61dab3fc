"""Problems of a dataset, and pydantic validation errors as readable lines (private)."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import Any

import attrs
from pydantic import BaseModel, ValidationError

from citizenrights.identifiers import mask_identifier

__all__ = ["WHOLE", "Problem", "Sink", "translate"]

#: A problem's ``line`` when it concerns a whole file or folder rather than one line of it.
WHOLE = 0

# Fields that hold personal data or free text: their input is never echoed; person ids masked.
_PERSON_IDS = frozenset({"person_id", "respondent_id"})
_NO_ECHO = frozenset({"name", "note", "evidence", "description", "subject", "text", "owner"})
# Union members show up as extra loc parts ('str-enum[Answer]', 'constrained-int', 'int'): not
# fields. Only names no record field uses are listed ('date' is a field).
_SCHEMA_TAGS = frozenset({"int", "float", "str", "bool", "bytes", "enum", "none"})
_ECHO_LIMIT = 60


@attrs.frozen
class Problem:
    """One problem: ``file:line: field: message`` (no line for a whole file or folder)."""

    file: str
    line: int
    field: str
    message: str

    def __str__(self) -> str:
        where = f"{self.file}:{self.line}" if self.line != WHOLE else self.file
        return f"{where}: {self.field}: {self.message}"


#: Where readers report problems.
Sink = Callable[[Problem], None]


def _is_tag(part: str) -> bool:
    return part in _SCHEMA_TAGS or any(c in part for c in "-[]")


def field_path(loc: Sequence[int | str]) -> str:
    """A pydantic ``loc`` as a field path; ``(record)`` for the record as a whole.

    Examples:
        >>> field_path(("responses", 3, "answer", "str-enum[Answer]"))
        'responses[3].answer'
        >>> field_path(())
        '(record)'
    """
    text = ""
    for part in loc:
        if isinstance(part, int):
            text += f"[{part}]"
        elif not _is_tag(part):
            text += f".{part}" if text else part
    return text or "(record)"


def _echo(loc: Sequence[int | str], value: Any, messages: str, *, hide: bool) -> str:
    """`` (got ...)`` naming a bad input when that is safe and useful, else nothing.

    A model that hides its input in errors (every record does: they hold personal data) gets
    only numbers and booleans named, never text: text in the wrong column may be a name.
    """
    if value is None or isinstance(value, dict | list | tuple | bytes):
        return ""
    if hide and isinstance(value, str):
        return ""
    names = {part for part in loc if isinstance(part, str)}
    if names & _NO_ECHO:
        return ""
    text = str(value)
    if names & _PERSON_IDS:
        text = mask_identifier(text)
    shown = repr(text) if isinstance(value, str) else text
    if len(text) > _ECHO_LIMIT or shown in messages:  # a custom message may name it already
        return ""
    return f" (got {shown})"


def translate(exc: ValidationError, model: type[BaseModel]) -> list[tuple[str, str]]:
    """One ``(field, "message [type]")`` per field; the members of a failed union are merged.

    The bad input is named when it is short, not free text and not personal (a person id is
    masked); for a model that hides its input in errors, only when it is a number or a boolean.
    """
    hide = bool(model.model_config.get("hide_input_in_errors", False))
    merged: dict[str, tuple[list[str], list[str], list[Any]]] = {}
    for error in exc.errors(include_url=False):
        kind = error["type"]
        if kind == "json_invalid":
            field, message = "(json)", "invalid JSON: " + str(error.get("ctx", {}).get("error"))
        else:
            field, message = field_path(error["loc"]), error["msg"]
        messages, kinds, where = merged.setdefault(field, ([], [], []))
        if message not in messages:
            messages.append(message)
        kinds.append(kind)
        if not where and kind != "json_invalid":
            where.append((error["loc"], error.get("input")))
    out = []
    for field, (messages, kinds, where) in merged.items():
        text = "; or ".join(messages)
        if where:
            text += _echo(where[0][0], where[0][1], text, hide=hide)
        out.append((field, f"{text} [{', '.join(dict.fromkeys(kinds))}]"))
    return out
