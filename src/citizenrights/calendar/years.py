"""Facts of a Jalali year from the official table: leap years and the length of months.

The table gives the day of 1 Farvardin of every supported year (1206–1498 AP); a year is a leap
year when the next Nowruz is 366 days later. No guess is made outside the table: a year there
raises [`CalendarRangeError`][citizenrights.errors.CalendarRangeError].
"""

from __future__ import annotations

from citizenrights.calendar import _core
from citizenrights.calendar._yeartable import FIRST_YEAR, NOWRUZ
from citizenrights.errors import InvalidDateError

__all__ = ["days_in_month", "is_leap_year"]


def is_leap_year(year: int) -> bool:
    """Whether a Jalali year has 366 days (Esfand 30), by the official table.

    Args:
        year: a Jalali year in the supported range.

    Returns:
        True for a leap year.

    Raises:
        CalendarRangeError: for a year outside 1206–1498.

    Examples:
        >>> is_leap_year(1395), is_leap_year(1396), is_leap_year(1399), is_leap_year(1403)
        (True, False, True, True)
    """
    _core.check_year(year)
    i = year - FIRST_YEAR
    return NOWRUZ[i + 1] - NOWRUZ[i] == 366


def days_in_month(year: int, month: int) -> int:
    """The number of days of a Jalali month.

    Args:
        year: a Jalali year in the supported range.
        month: 1 (Farvardin) to 12 (Esfand).

    Returns:
        31 for months 1–6, 30 for months 7–11, and 29 or 30 for Esfand.

    Raises:
        InvalidDateError: for a month outside 1–12.
        CalendarRangeError: for a year outside the supported range.

    Examples:
        >>> days_in_month(1396, 1), days_in_month(1396, 7), days_in_month(1396, 12)
        (31, 30, 29)
    """
    if not 1 <= month <= 12:
        raise InvalidDateError(
            f"Month {month} does not exist; a Jalali month is 1 to 12.", value=(year, month)
        )
    if month <= 6:
        _core.check_year(year)
        return 31
    if month <= 11:
        _core.check_year(year)
        return 30
    return 30 if is_leap_year(year) else 29
