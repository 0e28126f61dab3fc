"""Day-number arithmetic for the Jalali calendar, and the one rule for a date coming in (private).

Everything works on proleptic Gregorian ordinals (``date.toordinal()``). The year table gives the
ordinal of 1 Farvardin of every supported year; months and days follow from it: the first six months
have 31 days, the next five 30, and Esfand 29 or 30 (30 in a leap year).

Every public function of the calendar package that takes a day passes anything that is not exactly a
``datetime.date`` through [`as_date`][citizenrights.calendar.instants.as_date], which rests on
`iran_day` here, and `timestamp_day` reads ISO 8601 timestamp text for ``parse_date`` and date
fields: a ``datetime`` is taken to its calendar day **in Iran time** (an aware one converted to
Asia/Tehran first, a naive one read as Iran local time), and what comes out is always a plain
``datetime.date``. The year facts built on the table are public in
[`citizenrights.calendar.years`][citizenrights.calendar.years].
"""

from __future__ import annotations

import functools
import re
from bisect import bisect_right
from datetime import date, datetime, tzinfo

from citizenrights.calendar._yeartable import FIRST_YEAR, LAST_YEAR, NOWRUZ
from citizenrights.errors import CalendarRangeError, InvalidDateError
from citizenrights.identifiers import mask_if_national_id

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
            f"Jalali year {masked(year)} is outside the supported range {FIRST_YEAR}-{LAST_YEAR}, "
            "where the official leap-year table is known; no guess is made past it.",
            value=masked(year),
        )


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


# -- values in messages -------------------------------------------------------------------------


def masked(value: object) -> object:
    """A bad value as an error may keep and show it: a valid national id masked, all else as is.

    A person id typed into a date or period field must not be echoed by the error that refuses
    it; a date that does not exist (``1397/12/30``) must stay readable. Only what the value is
    decides, never a digit pattern.
    """
    if isinstance(value, str):
        return mask_if_national_id(value)
    if isinstance(value, int) and not isinstance(value, bool):
        text = str(value)
        shown = mask_if_national_id(text)
        return value if shown == text else shown
    return value


def shown(value: object) -> str:
    """``repr`` of `masked`: how a message quotes a bad value."""
    return repr(masked(value))


# -- the one rule for a date entering the library -----------------------------------------------

# Why dateutil and not zoneinfo: dateutil.tz.gettz reads the system's zone data and, where there is
# none (Windows, slim containers), falls back to the zone data dateutil ships with (its bundled
# tarball in 2.x, the tzdata package in 4.x), while zoneinfo.ZoneInfo raises there unless tzdata
# is installed separately. Iran kept daylight saving time until 1401 (2022), so a fixed +03:30
# would put late-evening UTC times of those summers on the wrong day. isoparse reads every
# extended ISO 8601 timestamp a backend sends (``Z``, ``+0330``, a comma before the fraction),
# which datetime.fromisoformat on Python 3.11 does not all read. Both are imported on first use:
# plain dates never need them.

_IRAN_ZONE = "Asia/Tehran"
#: Years below this in date text are Jalali; from it on, Gregorian.
JALALI_YEAR_LIMIT = 1700
# What timestamp text must look like before it is handed to isoparse: an extended ISO date, one
# separator (T or a space), a time with at least the hour, and an optional offset. isoparse alone
# would also take '2017' or '2017-W40' as a midnight, which is no timestamp.
_TIMESTAMP = re.compile(
    r"[0-9]{4}-[0-9]{2}-[0-9]{2}[Tt ][0-9]{2}(?::[0-9]{2}(?::[0-9]{2}(?:[.,][0-9]+)?)?)?"
    r"(?:[Zz]|[+-][0-9]{2}(?::?[0-9]{2})?)?"
)
TIMESTAMP_TEXT = "an ISO 8601 timestamp like '2017-10-07T23:30:00+00:00' (its day in Iran time)"


@functools.cache
def iran_time() -> tzinfo:
    """The Asia/Tehran time zone, with its history (daylight saving time until 1401 / 2022)."""
    from dateutil import tz

    zone = tz.gettz(_IRAN_ZONE)
    if zone is None:  # pragma: no cover - dateutil ships the zone data itself
        raise RuntimeError(
            f"No time zone data for {_IRAN_ZONE}: install the tzdata package "
            "(python -m pip install tzdata)."
        )
    return zone


def iran_day(value: datetime, where: str) -> date:
    """The day of a datetime in Iran time (a naive one is Iran local time already)."""
    if value.utcoffset() is None:
        return value.date()
    try:
        return value.astimezone(iran_time()).date()
    except (OverflowError, ValueError):
        raise CalendarRangeError(
            f"{where}: {value.isoformat()} in Iran time is past the dates Python can hold; "
            f"supported: {RANGE_TEXT}.",
            value=value,
        ) from None


def timestamp_day(text: str, where: str) -> date | None:
    """The Iran day of ISO 8601 timestamp text, or ``None`` when the text is no timestamp.

    Args:
        text: cleaned text (Latin digits, no direction marks, stripped).
        where: what is being parsed, for the message.

    Returns:
        The day by the rule of [`as_date`][citizenrights.calendar.instants.as_date], or ``None`` when ``text`` does not have the shape of a
        timestamp (the caller then reports what it accepts).

    Raises:
        InvalidDateError: for a timestamp whose parts do not exist (hour 25, 30 February).
        CalendarRangeError: for one past the dates Python can hold in Iran time.
    """
    if _TIMESTAMP.fullmatch(text) is None:
        return None
    if int(text[:4]) < JALALI_YEAR_LIMIT:
        raise InvalidDateError(
            f"Timestamp {shown(text)} has a Jalali-looking year: a timestamp is read as ISO "
            f"Gregorian, and a Jalali date is given without a time (like '1396/07/15'); "
            f"expected {TIMESTAMP_TEXT}.",
            value=masked(text),
        )
    from dateutil.parser import isoparse

    try:
        moment = isoparse(text)
    except (ValueError, OverflowError) as exc:
        raise InvalidDateError(
            f"Timestamp {shown(text)} does not exist ({exc}); expected {TIMESTAMP_TEXT}.",
            value=masked(text),
        ) from None
    return iran_day(moment, where)
