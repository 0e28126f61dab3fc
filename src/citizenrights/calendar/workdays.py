"""Working days: weekends, the fixed solar public holidays, and deadlines counted in working days.

Weekdays are numbered as `datetime.date.weekday` (Monday 0 … Sunday 6), so the Iranian
weekend is ``FRIDAY = 4`` (and Thursday, ``THURSDAY = 3``, where an office closes on it).

Every function here takes a ``datetime.date``; a ``datetime`` is taken to its day in Iran time (an
aware one converted to Asia/Tehran first, a naive one read as Iran local time), in the days given
and in ``WorkCalendar(holidays=...)`` alike, and the days returned are always plain dates.

Examples:
    >>> from datetime import date
    >>> cal = WorkCalendar()
    >>> # The working day after Monday 1396/12/28: 29 Esfand and 1-4 Farvardin are holidays.
    >>> add_working_days(date(2018, 3, 19), 1, cal)
    datetime.date(2018, 3, 25)
    >>> working_days_between(date(2018, 3, 19), date(2018, 3, 25), cal)
    1
    >>> # In a leap year 30 Esfand is a holiday too: after Tuesday 1403/12/28 comes 1404/01/05.
    >>> add_working_days(date(2025, 3, 18), 1, cal)
    datetime.date(2025, 3, 25)
"""

from __future__ import annotations

import functools
from bisect import bisect_right
from collections.abc import Iterable
from datetime import date, timedelta
from typing import cast

import attrs

from citizenrights.calendar import _core
from citizenrights.calendar._yeartable import NOWRUZ
from citizenrights.calendar.instants import as_date
from citizenrights.errors import InvalidDateError

__all__ = [
    "FIXED_HOLIDAYS",
    "FRIDAY",
    "MONDAY",
    "SATURDAY",
    "SUNDAY",
    "THURSDAY",
    "TUESDAY",
    "WEDNESDAY",
    "WorkCalendar",
    "add_working_days",
    "working_days_between",
]

MONDAY, TUESDAY, WEDNESDAY, THURSDAY, FRIDAY, SATURDAY, SUNDAY = range(7)

#: The fixed solar public holidays as Jalali (month, day): Nowruz 1–4 Farvardin, Islamic Republic
#: Day 12 Farvardin, Nature Day 13 Farvardin, 14–15 Khordad, 22 Bahman (revolution), 29 Esfand
#: (oil nationalisation) and 30 Esfand, which only a leap year has: the law on official holidays
#: (Revolutionary Council, 1359/04/08) makes "29 Esfand to 4 Farvardin" a holiday, and the
#: Administrative and Recruitment Organization has said that the 30th, in leap years, falls inside
#: that span. Lunar holidays move every year and are supplied as data.
FIXED_HOLIDAYS: frozenset[tuple[int, int]] = frozenset(
    {
        (1, 1),
        (1, 2),
        (1, 3),
        (1, 4),
        (1, 12),
        (1, 13),
        (3, 14),
        (3, 15),
        (11, 22),
        (12, 29),
        (12, 30),
    }
)
# The same days as 0-based days of the Jalali year, for the hot loop. Esfand 30 is day 365, which
# only a leap year reaches, so no year-dependent test is needed.
_FIXED_DOY = frozenset(_core.MONTH_START[m - 1] + d - 1 for m, d in FIXED_HOLIDAYS)


def _weekend_converter(value: Iterable[object]) -> frozenset[int]:
    days = frozenset(value)
    bad = sorted(repr(d) for d in days if type(d) is not int or not 0 <= d <= 6)
    if bad:
        raise ValueError(
            f"weekend days are numbered like date.weekday(), 0 (Monday) to 6 (Sunday); got {bad}."
        )
    if len(days) == 7:
        raise ValueError("a weekend of all seven days leaves no working day.")
    return cast("frozenset[int]", days)


def _holidays_converter(value: Iterable[object]) -> frozenset[date]:
    if isinstance(value, str | bytes):
        raise InvalidDateError(
            f"WorkCalendar(holidays=...) takes a collection of dates; got text "
            f"{_core.shown(value)}.",
            value=_core.masked(value),
        )
    # A datetime never equals a date: kept as given it would silently match no day. By the one
    # rule, it stands for its day in Iran time.
    return frozenset(
        d if type(d) is date else as_date(d, "WorkCalendar(holidays=...)") for d in value
    )


@attrs.frozen(cache_hash=True)
class WorkCalendar:
    """Which days are working days.

    The fixed solar public holidays (`FIXED_HOLIDAYS`, 30 Esfand in a leap year included)
    are always holidays; ``holidays`` adds more dates (the lunar holidays, one-off closures).

    Attributes:
        weekend: weekday numbers as ``date.weekday()``; Friday alone by default.
        holidays: extra non-working dates, kept as ``datetime.date`` values: a ``datetime`` given
            stands for its day in Iran time.

    Raises:
        ValueError: for a weekend day outside 0–6, or a weekend of all seven days.
        InvalidDateError: for a holiday that is neither a date nor a datetime (text, a number).
    """

    weekend: frozenset[int] = attrs.field(default=frozenset({FRIDAY}), converter=_weekend_converter)
    holidays: frozenset[date] = attrs.field(default=frozenset(), converter=_holidays_converter)

    def is_holiday(self, d: date) -> bool:
        """Whether ``d`` is a public holiday (fixed or added), whatever the weekday.

        Args:
            d: the day; a ``datetime`` gives its day in Iran time.

        Raises:
            CalendarRangeError: for a date outside the supported range.
            InvalidDateError: for a value that is not a date or datetime.
        """
        if type(d) is not date:
            d = as_date(d, "WorkCalendar.is_holiday")
        ordinal = d.toordinal()
        if not _core.FIRST_ORDINAL <= ordinal < _core.END_ORDINAL:
            _core.check_ordinal(ordinal, d.isoformat())
        return _core.day_of_year(ordinal) in _FIXED_DOY or d in self.holidays

    def is_working_day(self, d: date) -> bool:
        """Whether ``d`` is neither a weekend day nor a holiday.

        Args:
            d: the day; a ``datetime`` gives its day in Iran time.

        Raises:
            CalendarRangeError: for a date outside the supported range.
            InvalidDateError: for a value that is not a date or datetime.
        """
        if type(d) is not date:
            d = as_date(d, "WorkCalendar.is_working_day")
        # is_holiday inlined (this is the loop of every deadline). The range is checked first, so a
        # weekend day past it still raises.
        ordinal = d.toordinal()
        if not _core.FIRST_ORDINAL <= ordinal < _core.END_ORDINAL:
            _core.check_ordinal(ordinal, d.isoformat())
        if _core.day_of_year(ordinal) in _FIXED_DOY or d in self.holidays:
            return False
        return d.weekday() not in self.weekend


_DEFAULT = WorkCalendar()


def add_working_days(d: date, n: int, cal: WorkCalendar | None = None) -> date:
    """The ``n``-th working day after ``d`` (``d`` itself is not counted).

    A negative ``n`` counts back: the ``|n|``-th working day before ``d``. ``n = 0`` returns ``d``
    unchanged, whether or not it is a working day.

    Args:
        d: the starting day; a ``datetime`` gives its day in Iran time.
        n: the number of working days.
        cal: the calendar; ``WorkCalendar()`` (Friday weekend, fixed holidays) by default.

    Returns:
        The day, a ``datetime.date`` (never a datetime).

    Raises:
        CalendarRangeError: when the count leaves the supported range.
        InvalidDateError: for a ``d`` that is not a date or datetime.

    Examples:
        >>> add_working_days(date(2017, 10, 5), 1)  # Thursday 1396/07/13 -> Saturday
        datetime.date(2017, 10, 7)
    """
    if type(d) is not date:
        d = as_date(d, "add_working_days")
    cal = _DEFAULT if cal is None else cal
    step = timedelta(days=1 if n > 0 else -1)
    remaining = abs(n)
    while remaining:
        d += step
        if cal.is_working_day(d):
            remaining -= 1
    return d


def working_days_between(a: date, b: date, cal: WorkCalendar | None = None) -> int:
    """The number of working days in ``(a, b]``: after ``a``, up to and including ``b``.

    When ``b`` is before ``a`` the count of ``(b, a]`` is returned negated, so that swapping the
    two days flips the sign. ``add_working_days(a, working_days_between(a, b))`` is ``b`` when ``b``
    is a working day on or after ``a``, and when both are working days in either order.

    Args:
        a: the day after which counting starts; a ``datetime`` gives its day in Iran time.
        b: the last day counted; likewise.
        cal: the calendar; ``WorkCalendar()`` by default.

    Returns:
        The count (negative when ``b < a``).

    Raises:
        CalendarRangeError: for days outside the supported range.
        InvalidDateError: for a value that is not a date or datetime.
    """
    if type(a) is not date:
        a = as_date(a, "working_days_between")
    if type(b) is not date:
        b = as_date(b, "working_days_between")
    cal = _DEFAULT if cal is None else cal
    if b < a:
        return -working_days_between(b, a, cal)
    if a == b:
        return 0
    # The days counted are a+1 .. b; the first of them outside the supported range raises, as a
    # day-by-day count would.
    first, last = a.toordinal() + 1, b.toordinal()
    if first < _core.FIRST_ORDINAL:
        _core.check_ordinal(first, date.fromordinal(first).isoformat())
    if last >= _core.END_ORDINAL:
        _core.check_ordinal(_core.END_ORDINAL, date.fromordinal(_core.END_ORDINAL).isoformat())
    # Summed year by year from each Jalali year's running counts (built once per calendar and
    # year): a complaint's deadline is counted in two lookups, not a loop over its days.
    nowruz = NOWRUZ
    year = bisect_right(nowruz, first) - 1
    count = 0
    while True:
        start, end = nowruz[year], nowruz[year + 1]
        counts = _year_counts(cal, year)
        count += counts[min(last + 1, end) - start] - counts[first - start]
        if last < end:
            return count
        first, year = end, year + 1


@functools.lru_cache(maxsize=1024)
def _year_counts(cal: WorkCalendar, year: int) -> tuple[int, ...]:
    """``counts[k]``: the working days among the first ``k`` days of the ``year``-th supported year."""
    start, end = NOWRUZ[year], NOWRUZ[year + 1]
    counts = [0]
    running = 0
    for ordinal in range(start, end):
        running += cal.is_working_day(date.fromordinal(ordinal))
        counts.append(running)
    return tuple(counts)
