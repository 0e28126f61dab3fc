"""Jalali (Solar Hijri) dates, reporting periods and working days.

Everything here works on `datetime.date`; the Jalali calendar is used for parsing,
formatting, labels and periods. Conversions use a table of the day of 1 Farvardin for every year of
the official leap-year table, so they are exact over the supported range, 1206/01/01 to 1498/12/30
AP (1827-03-22 to 2120-03-20), and raise [`CalendarRangeError`][citizenrights.errors.CalendarRangeError] outside it.
"""

from citizenrights.calendar._yeartable import FIRST_YEAR, LAST_YEAR
from citizenrights.calendar.dates import (
    MONTH_NAMES_EN,
    MONTH_NAMES_FA,
    WEEKDAY_NAMES_FA,
    format_jalali,
    from_jalali,
    parse_date,
    parse_jalali_date,
    to_jalali,
)
from citizenrights.calendar.fields import FlexibleDate
from citizenrights.calendar.instants import as_date
from citizenrights.calendar.period_kinds import PeriodKind
from citizenrights.calendar.periods import JalaliPeriod, iter_periods, period_of
from citizenrights.calendar.workdays import (
    FIXED_HOLIDAYS,
    FRIDAY,
    MONDAY,
    SATURDAY,
    SUNDAY,
    THURSDAY,
    TUESDAY,
    WEDNESDAY,
    WorkCalendar,
    add_working_days,
    working_days_between,
)
from citizenrights.calendar.years import days_in_month, is_leap_year

__all__ = [
    "FIRST_YEAR",
    "FIXED_HOLIDAYS",
    "FRIDAY",
    "LAST_YEAR",
    "MONDAY",
    "MONTH_NAMES_EN",
    "MONTH_NAMES_FA",
    "SATURDAY",
    "SUNDAY",
    "THURSDAY",
    "TUESDAY",
    "WEDNESDAY",
    "WEEKDAY_NAMES_FA",
    "FlexibleDate",
    "JalaliPeriod",
    "PeriodKind",
    "WorkCalendar",
    "add_working_days",
    "as_date",
    "days_in_month",
    "format_jalali",
    "from_jalali",
    "is_leap_year",
    "iter_periods",
    "parse_date",
    "parse_jalali_date",
    "period_of",
    "to_jalali",
    "working_days_between",
]
