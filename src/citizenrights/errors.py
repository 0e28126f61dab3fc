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
[`redact_errors`][citizenrights.redaction.redact_errors] gives those errors without their input, fit to log or to send back.

A message names the bad value, where it was, and what would be accepted. The bad value is also kept
as an attribute so that programs need not parse messages.
"""

from __future__ import annotations

from collections.abc import Sequence

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
