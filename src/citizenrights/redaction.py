"""Validation errors without their input, fit to log or to send back: [`redact_errors`][citizenrights.redaction.redact_errors].

pydantic keeps every input in ``exc.errors()``, ``exc.json()`` and FastAPI's 422 body. This
module gives those errors without it, masking personal data by what it is: an error of a personal
field (one of [`PERSONAL_FIELDS`][citizenrights.redaction.PERSONAL_FIELDS]) has every echo of its
input masked, and a valid national id is masked wherever it was typed.

It sits above [`citizenrights.identifiers`][citizenrights.identifiers] (for the masks) and below the
records: the records' masked ``repr`` reads the personal field names from here.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable, Mapping, Sequence
from typing import TYPE_CHECKING, Any, Protocol

from citizenrights.identifiers import mask_identifier, mask_if_national_id

if TYPE_CHECKING:
    from pydantic import ValidationError

__all__ = ["redact_errors"]

#: Fields of the records that hold a person's id: masked in ``repr`` and in redacted errors.
PERSONAL_ID_FIELDS = frozenset({"person_id", "respondent_id"})
#: Fields of the records that hold a person's name (``owner`` of a resolution may be one).
PERSONAL_NAME_FIELDS = frozenset({"name", "owner"})
#: Every personal field: [`redact_errors`][citizenrights.redaction.redact_errors] masks what their
#: errors echo. A record with a new personal field adds its name here and masks it in its ``repr``.
PERSONAL_FIELDS = PERSONAL_ID_FIELDS | PERSONAL_NAME_FIELDS


class _HasErrors(Protocol):
    """What carries a list of pydantic error dicts: FastAPI's ``RequestValidationError``, say."""

    def errors(self) -> Sequence[Any]: ...


#: Echoes shorter than this are left alone: a "1" in a message is nobody's id or name.
_MIN_ECHO = 4
# A run of ten digits (Latin, Persian or Arabic-Indic; dashes or spaces between them allowed) not
# inside a longer number: a candidate national id, masked only if its check digit says it is one.
_TEN_DIGITS = re.compile(
    r"(?<![0-9\u06f0-\u06f9\u0660-\u0669])[0-9\u06f0-\u06f9\u0660-\u0669]"
    r"(?:[-\s]?[0-9\u06f0-\u06f9\u0660-\u0669]){9}(?![0-9\u06f0-\u06f9\u0660-\u0669])"
)


def redact_errors(
    errors: ValidationError | _HasErrors | Iterable[Mapping[str, Any]],
) -> list[dict[str, Any]]:
    """Validation errors fit to log or to send back: no input, and no personal data.

    pydantic's ``hide_input_in_errors`` (set on every record) hides the input from ``str(exc)``
    only: ``exc.errors()``, ``exc.json()`` and FastAPI's 422 body still carry every input, such
    as a candidate's whole record for a missing ``name``. This gives each error's ``type``,
    ``loc``, ``msg`` and ``ctx`` (``exc.errors(include_input=False, include_url=False)``), the
    context made JSON-ready, with personal data masked by what it is, never by how it looks:

    * in an error of a personal field (its ``loc`` names one of the records' person ids or
      names: ``person_id``, ``respondent_id``, ``name``, ``owner``; see
      [`PERSONAL_FIELDS`][citizenrights.redaction.PERSONAL_FIELDS]), every echo of the input in the message
      and the context is masked like [`mask_identifier`][citizenrights.identifiers.mask_identifier] (all but
      the last three characters);
    * anywhere, a valid national id (its check digit decides, as
      [`mask_if_national_id`][citizenrights.identifiers.mask_if_national_id] does) is masked, whichever field it
      was typed into.

    Everything else stays readable: a date that does not exist, an unknown code or period is
    shown as given, so that a client sees which value was wrong.

    Args:
        errors: a pydantic ``ValidationError``, anything with an ``errors()`` method that returns
            pydantic's error dicts (FastAPI's ``RequestValidationError``), or those dicts.

    Returns:
        One dict per error, in order, without ``input`` and ``url``.

    Examples:
        >>> from pydantic import ValidationError
        >>> from citizenrights import SurveyResponse
        >>> def redacted(data):
        ...     try:
        ...         SurveyResponse.model_validate({"agency_id": "A", "score": 4, **data})
        ...     except ValidationError as exc:
        ...         return redact_errors(exc)[0]
        >>> wrong_day = redacted({"date": "1397/12/30"})  # 1397 is not a leap year
        >>> wrong_day["type"], wrong_day["loc"], "1397/12/30" in wrong_day["msg"]
        ('date_invalid', ('date',), True)
        >>> an_id = redacted({"date": "0499370899"})  # a national id typed into the date
        >>> "0499370899" in str(an_id), "*******899" in an_id["msg"]
        (False, True)
    """
    if hasattr(errors, "errors") and callable(errors.errors):
        raw: Iterable[Mapping[str, Any]] = errors.errors()
    else:
        raw = errors  # type: ignore[assignment]
    return [_redact_one(error) for error in raw]


def _is_personal(loc: object) -> bool:
    """Whether an error's location names a personal field of the records."""
    return isinstance(loc, tuple | list) and any(
        isinstance(part, str) and part in PERSONAL_FIELDS for part in loc
    )


def _redact_one(error: Mapping[str, Any]) -> dict[str, Any]:
    ctx = error.get("ctx")
    inputs = [error.get("input")]
    if isinstance(ctx, Mapping) and "value" in ctx:
        inputs.append(ctx["value"])
    personal = _is_personal(error.get("loc"))
    echoes: list[tuple[re.Pattern[str], str]] = []
    for value in inputs:
        if personal or _is_national_id(value):
            echoes.extend(e for e in _echoes(value) if e not in echoes)
    out: dict[str, Any] = {}
    for key, value in error.items():
        if key in ("input", "url"):
            continue
        if key == "msg":
            value = _mask_text(str(value), echoes)
        elif key == "ctx" and isinstance(value, Mapping):
            value = {k: _mask_value(v, echoes) for k, v in value.items()}
        out[key] = value
    return out


def _is_national_id(value: object) -> bool:
    return isinstance(value, str) and mask_if_national_id(value) != value


def _echoes(value: object) -> list[tuple[re.Pattern[str], str]]:
    """Patterns that find an echo of a scalar input in text, each with what replaces it."""
    if isinstance(value, str):
        if not value:
            return []
        masked = mask_identifier(value)
        quoted = [re.escape(f"{q}{value}{q}") for q in ("'", '"')] + [re.escape(repr(value))]
        found = [(re.compile("|".join(dict.fromkeys(quoted))), repr(masked))]
        if len(value) >= _MIN_ECHO:
            found.append((re.compile(re.escape(value)), masked))
        return found
    if isinstance(value, int | float) and not isinstance(value, bool):
        text = str(value)
        if len(text) < _MIN_ECHO:
            return []
        # Not inside a longer number: 1396 in 13960 is not an echo of 1396.
        return [(re.compile(rf"(?<![\d.]){re.escape(text)}(?![\d.])"), mask_identifier(text))]
    return []


def _mask_text(text: str, echoes: list[tuple[re.Pattern[str], str]]) -> str:
    """The text with the echoes masked, and any valid national id left in it masked too."""
    for pattern, masked in echoes:
        text = pattern.sub(_literal(masked), text)
    return _TEN_DIGITS.sub(lambda match: mask_if_national_id(match.group()), text)


def _literal(text: str) -> Callable[[re.Match[str]], str]:
    """A replacement for ``re.sub`` that is the text as it is (no backslash escapes)."""
    return lambda _match: text


def _mask_value(value: Any, echoes: list[tuple[re.Pattern[str], str]]) -> Any:
    """A ``ctx`` value, JSON-ready, with echoes of the input and national ids masked."""
    if value is None or isinstance(value, bool):
        return value
    if isinstance(value, int | float):
        text = str(value)
        masked = _mask_text(text, echoes)
        return value if masked == text else masked
    if isinstance(value, list | tuple | set | frozenset):
        return [_mask_value(v, echoes) for v in value]
    return _mask_text(str(value), echoes)
