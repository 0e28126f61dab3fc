r"""Problems of a dataset, and pydantic validation errors as readable lines (private).

A problem is always rendered as ONE line of printable text: control characters, line and
paragraph separators, bidirectional overrides and lone surrogates in a value become escapes
(``\n``, ``\u2028``, ``\udfff``), a valid national id anywhere in it is masked, and a message
is cut at `MESSAGE_LIMIT` characters. So any text a file holds can be printed, logged or
encoded as UTF-8 without splitting a problem over lines or leaking a person's id.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from typing import Any

import attrs
from pydantic import BaseModel, ValidationError

from citizenrights.identifiers import mask_identifier, mask_if_national_id

__all__ = [
    "MESSAGE_LIMIT",
    "WHOLE",
    "Problem",
    "Sink",
    "field_path",
    "one_line",
    "show_key",
    "translate",
]

#: A problem's ``line`` when it concerns a whole file or folder rather than one line of it.
WHOLE = 0

# Fields that hold personal data or free text: their input is never echoed; person ids masked.
_PERSON_IDS = frozenset({"person_id", "respondent_id"})
_NO_ECHO = frozenset({"name", "note", "evidence", "description", "subject", "text", "owner"})
# Fields whose bad text is named although records hide their input: it is not personal data.
_ECHO_TEXT = frozenset(
    {
        # enums
        *("kind", "channel", "severity", "status", "outcome", "audience", "affiliation"),
        *("scale", "answer", "scope", "level", "province"),
        # periods and dates
        *("period", "date", "received", "closed_on", "due", "resolved_on", "start", "end"),
        *("done_on", "registered", "effective_from"),
        # ids of records that are not people
        *("id", "agency_id", "parent_id", "checklist_id", "checklist_version", "version"),
        *("item", "code", "group_id", "programme_id"),
    }
)
# Number and yes/no fields: their bad text is named when it has no letters ("4.5", "-1"); a word
# there may be a cell of another column, such as a name.
_NUMBER_FIELDS = frozenset(
    {
        *("hours", "score", "services", "staff", "article", "weight", "number"),
        *("meetings_per_year", "active", "critical", "allow_na"),
    }
)
# Union members show up as extra loc parts ('str-enum[Answer]', 'constrained-int', 'int'): not
# fields. Only names no record field uses are listed ('date' is a field).
_SCHEMA_TAGS = frozenset({"int", "float", "str", "bool", "bytes", "enum", "none"})
_ECHO_LIMIT = 60
#: A key of a record shown in a field path is cut after this many characters.
_KEY_LIMIT = 60
#: A problem's message is cut after this many characters (a value can be megabytes long).
MESSAGE_LIMIT = 1000

# Characters that would break a line or reorder it on a terminal: C0/C1 controls, line and
# paragraph separators, bidirectional embeddings, overrides and isolates.
_ESCAPED = {
    **{c: f"\\x{c:02x}" for c in (*range(0x20), *range(0x7F, 0xA0))},
    **{ord(c): f"\\u{ord(c):04x}" for c in "\u2028\u2029\u202a\u202b\u202c\u202d\u202e"},
    **{ord(c): f"\\u{ord(c):04x}" for c in "\u2066\u2067\u2068\u2069"},
    **{ord(c): e for c, e in {"\n": "\\n", "\r": "\\r", "\t": "\\t"}.items()},
}
# Ten digits in a row (Latin, Persian or Arabic-Indic), not part of a longer number.
_TEN_DIGITS = re.compile(
    r"(?<![0-9\u06f0-\u06f9\u0660-\u0669])[0-9\u06f0-\u06f9\u0660-\u0669]{10}"
    r"(?![0-9\u06f0-\u06f9\u0660-\u0669])"
)


def one_line(text: str) -> str:
    r"""Any text as one line of printable, UTF-8-encodable text.

    Control characters, U+2028/U+2029 and bidirectional controls become escapes; a lone
    surrogate (which no UTF-8 encoder accepts) becomes its ``\uXXXX`` escape.

    Examples:
        >>> one_line("a\nb\u2028c")
        'a\\nb\\u2028c'
        >>> one_line("a\udfff")
        'a\\udfff'
    """
    if text.isprintable() and text.isascii():
        return text
    text = text.translate(_ESCAPED)
    return text.encode("utf-8", "backslashreplace").decode("utf-8")


def _masked(text: str) -> str:
    """``text`` with every valid national id in it masked (a person id in the wrong place)."""
    return _TEN_DIGITS.sub(lambda m: mask_if_national_id(m[0]), text)


@attrs.frozen
class Problem:
    """One problem: ``file:line: field: message`` (no line for a whole file or folder).

    ``str(problem)`` is always one line (see `one_line`), with valid national ids masked.
    """

    file: str
    line: int
    field: str
    message: str

    def __str__(self) -> str:
        where = f"{self.file}:{self.line}" if self.line != WHOLE else self.file
        message = self.message
        if len(message) > MESSAGE_LIMIT:
            message = message[:MESSAGE_LIMIT] + "…"
        return _masked(one_line(f"{where}: {self.field}: {message}"))


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
            part = show_key(part)
            text += f".{part}" if text else part
    return text or "(record)"


def show_key(key: str) -> str:
    """A key or column name of the input as a message shows it: masked, and cut when long.

    A national id is masked: a CSV without its header row makes the first person id a "column
    name".

    Examples:
        >>> show_key("0499370899"), show_key("staf")
        ('*******899', 'staf')
    """
    key = mask_if_national_id(key)
    return key if len(key) <= _KEY_LIMIT else key[:_KEY_LIMIT] + "…"


def _echo(loc: Sequence[int | str], value: Any, messages: str, *, hide: bool) -> str:
    """`` (got ...)`` naming a bad input when that is safe and useful, else nothing.

    Names and free text are never named, and person ids only masked. A model that hides its
    input in errors (every record does: they hold personal data) gets its numbers and booleans
    named, and text only in fields that are not personal: enums, periods, dates, the ids of
    records that are not people, and number fields (when the text has no letters).
    """
    if value is None or isinstance(value, dict | list | tuple | bytes):
        return ""
    names = [part for part in loc if isinstance(part, str) and not _is_tag(part)]
    if not _NO_ECHO.isdisjoint(names):
        return ""
    text = str(value)
    if not _PERSON_IDS.isdisjoint(names):
        text = mask_identifier(text)
    elif hide and isinstance(value, str) and not _text_is_safe(names[-1] if names else "", text):
        return ""
    else:  # a person id typed into another field is still a person id
        text = mask_if_national_id(text)
    shown = repr(text) if isinstance(value, str) else text
    if len(text) > _ECHO_LIMIT or shown in messages:  # a custom message may name it already
        return ""
    return f" (got {shown})"


def _text_is_safe(field: str, text: str) -> bool:
    """Whether bad text given for a field of a record may be named in a problem."""
    if field in _ECHO_TEXT:
        return True
    return field in _NUMBER_FIELDS and not any(c.isalpha() for c in text)


def translate(exc: ValidationError, model: type[BaseModel]) -> list[tuple[str, str]]:
    """One ``(field, "message [type]")`` per field; the members of a failed union are merged.

    The bad input is named when it is short, not free text and not personal (a person id is
    masked); for a model that hides its input in errors, text only in the fields that are not
    personal (see `_echo`).
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
