"""citizenrights: typed models, Jalali periods and pure scoring for citizens'-rights oversight.

The public API is re-exported here; import from ``citizenrights`` rather than its submodules.
"""

from citizenrights._version import __version__
from citizenrights.calendar import (
    FRIDAY,
    FlexibleDate,
    JalaliPeriod,
    PeriodKind,
    WorkCalendar,
    add_working_days,
    format_jalali,
    from_jalali,
    iter_periods,
    parse_date,
    parse_jalali_date,
    period_of,
    to_jalali,
    working_days_between,
)
from citizenrights.errors import (
    CalendarRangeError,
    ChecklistMismatchError,
    CitizenRightsError,
    DatasetError,
    InvalidDateError,
    InvalidIdentifierError,
    InvalidPeriodError,
    RegistryError,
    UnknownAgencyError,
)
from citizenrights.identifiers import LegalEntityId, NationalId, mask_identifier
from citizenrights.text import normalize_persian, to_latin_digits, to_persian_digits

__all__ = [
    "FRIDAY",
    "CalendarRangeError",
    "ChecklistMismatchError",
    "CitizenRightsError",
    "DatasetError",
    "FlexibleDate",
    "InvalidDateError",
    "InvalidIdentifierError",
    "InvalidPeriodError",
    "JalaliPeriod",
    "LegalEntityId",
    "NationalId",
    "PeriodKind",
    "RegistryError",
    "UnknownAgencyError",
    "WorkCalendar",
    "__version__",
    "add_working_days",
    "format_jalali",
    "from_jalali",
    "iter_periods",
    "mask_identifier",
    "normalize_persian",
    "parse_date",
    "parse_jalali_date",
    "period_of",
    "to_jalali",
    "to_latin_digits",
    "to_persian_digits",
    "working_days_between",
]
