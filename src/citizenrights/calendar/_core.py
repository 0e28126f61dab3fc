"""Day-number arithmetic for the Jalali calendar (private).

Everything works on proleptic Gregorian ordinals (``date.toordinal()``). The year table gives the
ordinal of 1 Farvardin of every supported year; months and days follow from it: the first six months
have 31 days, the next five 30, and Esfand 29 or 30 (30 in a leap year).
"""

from __future__ import annotations

from bisect import bisect_right
from datetime import date

from citizenrights.calendar._yeartable import FIRST_YEAR, LAST_YEAR, NOWRUZ
from citizenrights.errors import CalendarRangeError, InvalidDateError

FIRST_ORDINAL = NOWRUZ[0]
#: One past the last supported day (1 Farvardin of LAST_YEAR + 1).
END_ORDINAL = NOWRUZ[-1]
FIRST_DATE = date.fromordinal(FIRST_ORDINAL)
LAST_DATE = date.fromordinal(END_ORDINAL - 1)

#: The number of supported years (the table has one more entry, the day after the last year).
YEARS = len(NOWRUZ) - 1

# Day of the year (0-based) on which each month starts.
MONTH_START = (0, 31, 62, 93, 124, 155, 186, 216, 246, 276, 306, 336)
# (month, day) of each 0-based day of the year, Esfand 30 included: a lookup beats divmod.
MONTH_DAY: tuple[tuple[int, int], ...] = tuple(
    (m + 1, d + 1) for m in range(12) for d in range(31 if m < 6 else 30)
)
# The days a month has in every year; Esfand's 30th day needs the leap-year check.
MONTH_LIMIT = (31, 31, 31, 31, 31, 31, 30, 30, 30, 30, 30, 29)

RANGE_TEXT = (
    f"{FIRST_YEAR}/01/01 to {LAST_YEAR}/12/30 AP "
    f"({FIRST_DATE.isoformat()} to {LAST_DATE.isoformat()})"
)


def check_year(year: int) -> None:
    """Raise CalendarRangeError unless ``year`` is a supported Jalali year."""
    if not FIRST_YEAR <= year <= LAST_YEAR:
        raise CalendarRangeError(
            f"Jalali year {year} is outside the supported range {FIRST_YEAR}-{LAST_YEAR}, "
            "where the official leap-year table is known; no guess is made past it.",
            value=year,
        )


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
    check_year(year)
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
        check_year(year)
        return 31
    if month <= 11:
        check_year(year)
        return 30
    return 30 if is_leap_year(year) else 29


def ordinal_to_jalali(ordinal: int) -> tuple[int, int, int]:
    """Convert a Gregorian ordinal to (year, month, day); the ordinal must be in range."""
    i = bisect_right(NOWRUZ, ordinal) - 1
    month, day = MONTH_DAY[ordinal - NOWRUZ[i]]
    return FIRST_YEAR + i, month, day


def day_of_year(ordinal: int) -> int:
    """The 0-based day of the Jalali year of an ordinal in range."""
    return ordinal - NOWRUZ[bisect_right(NOWRUZ, ordinal) - 1]


def date_range_error(value: object) -> CalendarRangeError:
    """The error for a day outside the supported range (``value`` is how the caller gave it)."""
    return CalendarRangeError(
        f"Date {value} is outside the supported range {RANGE_TEXT}.", value=value
    )


def check_ordinal(ordinal: int, value: object) -> None:
    """Raise CalendarRangeError unless the ordinal is a supported day."""
    if not FIRST_ORDINAL <= ordinal < END_ORDINAL:
        raise date_range_error(value)


def jalali_to_ordinal(year: int, month: int, day: int) -> int:
    """Convert a Jalali (year, month, day) to a Gregorian ordinal, checking that it exists."""
    check_year(year)
    i = year - FIRST_YEAR
    if not 1 <= month <= 12:
        raise InvalidDateError(
            f"Jalali date {year}/{month:02d}/{day:02d} does not exist: the month must be 1 to 12.",
            value=(year, month, day),
        )
    doy = MONTH_START[month - 1] + day - 1
    length = 31 if month <= 6 else (30 if month <= 11 else NOWRUZ[i + 1] - NOWRUZ[i] - 336)
    if not 1 <= day <= length:
        leap_note = ""
        if month == 12 and day == 30:
            leap_note = f" ({year} is not a leap year)"
        raise InvalidDateError(
            f"Jalali date {year}/{month:02d}/{day:02d} does not exist{leap_note}: "
            f"month {month} of {year} has days 1 to {length}.",
            value=(year, month, day),
        )
    return NOWRUZ[i] + doy
