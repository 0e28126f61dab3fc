"""Errors raised by citizenrights.

Every error the library raises on purpose derives from one root, so callers can catch
``CitizenRightsError`` to handle them all. Each leaf also subclasses the nearest builtin, so code
that already catches ``ValueError`` or ``LookupError`` keeps working::

    CitizenRightsError                      (Exception)
    ├── InvalidDateError                    (ValueError)
    ├── CalendarRangeError                  (ValueError)
    ├── InvalidPeriodError                  (ValueError)
    ├── InvalidIdentifierError              (ValueError)
    ├── UnknownProvinceError                (ValueError)
    ├── RegistryError                       (ValueError)
    ├── ChecklistMismatchError              (ValueError)
    ├── DatasetError                        (ValueError)
    ├── UnsupportedLanguageError            (ValueError)
    └── UnknownAgencyError                  (LookupError)

Input validation of pydantic records raises pydantic's ``ValidationError`` with stable error
``type`` codes instead; the dataset loader turns those into [`DatasetError`][citizenrights.errors.DatasetError] with file and line.
[`redact_errors`][citizenrights.errors.redact_errors] gives those errors without their input, fit to log or to send back.

A message names the bad value, where it was, and what would be accepted. The bad value is also kept
as an attribute so that programs need not parse messages.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable, Mapping, Sequence
from typing import TYPE_CHECKING, Any, Protocol

if TYPE_CHECKING:
    from pydantic import ValidationError

__all__ = [
    "CalendarRangeError",
    "ChecklistMismatchError",
    "CitizenRightsError",
    "DatasetError",
    "InvalidDateError",
    "InvalidIdentifierError",
    "InvalidPeriodError",
    "RegistryError",
    "UnknownAgencyError",
    "UnknownProvinceError",
    "UnsupportedLanguageError",
    "redact_errors",
]


class CitizenRightsError(Exception):
    """Root of every error that citizenrights raises on purpose."""


class InvalidDateError(CitizenRightsError, ValueError):
    """A date that does not exist or text that is not a date.

    Attributes:
        value: the text or the (year, month, day) that was given.
    """

    def __init__(self, message: str, *, value: object = None) -> None:
        super().__init__(message)
        self.value = value


class CalendarRangeError(CitizenRightsError, ValueError):
    """A date outside the range where the Jalali calendar is known exactly (1206–1498 AP).

    Attributes:
        value: the date or year that was given.
    """

    def __init__(self, message: str, *, value: object = None) -> None:
        super().__init__(message)
        self.value = value


class InvalidPeriodError(CitizenRightsError, ValueError):
    """A reporting period that does not exist (``1396-Q5``) or text that is not a period.

    Attributes:
        value: the text or the (kind, year, index) that was given.
    """

    def __init__(self, message: str, *, value: object = None) -> None:
        super().__init__(message)
        self.value = value


class InvalidIdentifierError(CitizenRightsError, ValueError):
    """A national id or legal-entity id that fails its format or check digit.

    The message never contains the full identifier: it is personal data.

    Attributes:
        reason: a stable code, such as ``national_id_checksum``.
    """

    def __init__(self, message: str, *, reason: str) -> None:
        super().__init__(message)
        self.reason = reason


class UnknownProvinceError(CitizenRightsError, ValueError):
    """Text that names none of the 31 provinces, or a code of the wrong ISO 3166-2:IR scheme.

    Attributes:
        value: the text (or other value) that was given.
    """

    def __init__(self, message: str, *, value: object = None) -> None:
        super().__init__(message)
        self.value = value


class RegistryError(CitizenRightsError, ValueError):
    """An agency registry that is not a forest: duplicate ids, unknown parents or cycles.

    Attributes:
        ids: the agency ids involved.
    """

    def __init__(self, message: str, *, ids: Sequence[str] = ()) -> None:
        super().__init__(message)
        self.ids = tuple(ids)


class ChecklistMismatchError(CitizenRightsError, ValueError):
    """An inspection that does not fit the checklist it is scored against.

    Attributes:
        problems: every mismatch found, one readable line each (not only the first).
    """

    def __init__(self, problems: Sequence[str], *, inspection_id: str | None = None) -> None:
        self.problems = tuple(problems)
        self.inspection_id = inspection_id
        where = f"inspection {inspection_id!r}" if inspection_id is not None else "inspection"
        lines = "\n".join(f"  - {p}" for p in self.problems)
        super().__init__(
            f"{where} does not match its checklist ({len(self.problems)} problem(s)):\n{lines}"
        )


class DatasetError(CitizenRightsError, ValueError):
    """A dataset folder with bad records, listing every problem as ``file:line: field: message``.

    Attributes:
        problems: all the problems found, in file and line order.
    """

    def __init__(self, problems: Sequence[str], *, folder: str | None = None) -> None:
        self.problems = tuple(problems)
        self.folder = folder
        where = f" in {folder}" if folder else ""
        lines = "\n".join(f"  {p}" for p in self.problems)
        super().__init__(f"{len(self.problems)} problem(s){where}:\n{lines}")


class UnsupportedLanguageError(CitizenRightsError, ValueError):
    """A language that citizenrights does not speak: anything but ``"fa"`` or ``"en"``.

    Every ``label``, ``explain``, ``text`` and ``to_markdown`` that takes a ``lang`` raises it, by
    way of [`check_lang`][citizenrights.vocabulary.check_lang]. The codes are case-sensitive:
    ``"FA"`` is refused like ``"de"``.

    Attributes:
        value: the language that was given.
    """

    def __init__(self, value: object) -> None:
        super().__init__(f"lang must be 'fa' or 'en'; got {value!r}.")
        self.value = value


class UnknownAgencyError(CitizenRightsError, LookupError):
    """An agency id that the registry does not hold.

    Attributes:
        agency_id: the id asked for.
    """

    def __init__(self, agency_id: str, *, known: int | None = None) -> None:
        self.agency_id = agency_id
        extra = f" (the registry holds {known} agencies)" if known is not None else ""
        super().__init__(f"Unknown agency id {agency_id!r}{extra}; register it first.")

    def __str__(self) -> str:
        # LookupError's str() would quote the args tuple; keep the plain message.
        return str(self.args[0])


# -- validation errors without their input -------------------------------------------------------


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
      ``citizenrights.models._masking.PERSONAL_FIELDS``), every echo of the input in the message
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
    from citizenrights.models._masking import PERSONAL_FIELDS  # models import this module

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
    from citizenrights.identifiers import mask_if_national_id  # identifiers imports this module

    return isinstance(value, str) and mask_if_national_id(value) != value


def _echoes(value: object) -> list[tuple[re.Pattern[str], str]]:
    """Patterns that find an echo of a scalar input in text, each with what replaces it."""
    from citizenrights.identifiers import mask_identifier  # identifiers imports this module

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
    from citizenrights.identifiers import mask_if_national_id  # identifiers imports this module

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
