"""Working days: the fixed holidays, weekends, and deadlines counted in working days."""

from __future__ import annotations

from datetime import date, datetime, timedelta

import pytest
from hypothesis import given
from hypothesis import strategies as st

from citizenrights.calendar import (
    FIRST_YEAR,
    FIXED_HOLIDAYS,
    FRIDAY,
    LAST_YEAR,
    THURSDAY,
    JalaliPeriod,
    WorkCalendar,
    add_working_days,
    from_jalali,
    is_leap_year,
    to_jalali,
    working_days_between,
)
from citizenrights.errors import CalendarRangeError, InvalidDateError

from .strategies import FIRST_DATE, LAST_DATE, supported_dates, work_calendars

DEFAULT = WorkCalendar()
#: The fixed solar public holidays of DESIGN section 2 that every year has, as Jalali (month, day);
#: 30 Esfand, a holiday too, exists only in leap years.
DESIGN_HOLIDAYS = [
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
]
#: Deadline arithmetic in the hypothesis tests stays this far from the end of the range.
SAFE_LAST = LAST_DATE - timedelta(days=400)


def test_fixed_holidays_are_the_designed_ones() -> None:
    """FIXED_HOLIDAYS holds exactly 1-4 and 12-13 Farvardin, 14-15 Khordad, 22 Bahman, 29 Esfand,
    and 30 Esfand, which only leap years have."""
    assert sorted(FIXED_HOLIDAYS) == [*DESIGN_HOLIDAYS, (12, 30)]


@pytest.mark.parametrize(("month", "day"), DESIGN_HOLIDAYS)
def test_each_fixed_holiday_in_every_year(month: int, day: int) -> None:
    """Each fixed holiday is a holiday, and not a working day, in every supported year."""
    for year in range(FIRST_YEAR, LAST_YEAR + 1):
        d = from_jalali(year, month, day)
        assert DEFAULT.is_holiday(d), (year, month, day)
        assert not DEFAULT.is_working_day(d)


def test_no_other_day_is_a_built_in_holiday() -> None:
    """Apart from the fixed holidays, no day of the range is a holiday of the default calendar."""
    extra = []
    day = FIRST_DATE
    while day <= LAST_DATE:
        if DEFAULT.is_holiday(day) and to_jalali(day)[1:] not in FIXED_HOLIDAYS:
            extra.append(day)
        day += timedelta(days=1)
    assert extra == []


@pytest.mark.parametrize("year", [1395, 1399, 1403, 1408])
def test_leap_year_esfand_29_and_30_are_holidays(year: int) -> None:
    """In a leap year 29 and 30 Esfand are both holidays: the 1359 law on official holidays makes
    "29 Esfand to 4 Farvardin" a holiday, and the 30th falls inside that span."""
    assert is_leap_year(year)
    assert DEFAULT.is_holiday(from_jalali(year, 12, 29))
    assert DEFAULT.is_holiday(from_jalali(year, 12, 30))
    assert not DEFAULT.is_working_day(from_jalali(year, 12, 30))


def test_weekend_defaults_to_friday() -> None:
    """By default Friday is the only weekend day; Thursday and Saturday are working days."""
    assert DEFAULT.weekend == frozenset({FRIDAY})
    assert FRIDAY == date(2017, 10, 6).weekday() == 4
    assert not DEFAULT.is_working_day(date(2017, 10, 6))  # Friday 1396/07/14
    assert DEFAULT.is_working_day(date(2017, 10, 5))  # Thursday
    assert DEFAULT.is_working_day(date(2017, 10, 7))  # Saturday


def test_custom_weekend_and_holidays() -> None:
    """A Thursday-Friday weekend and an added (lunar) holiday are honoured."""
    ashura = date(2017, 10, 1)  # 1396/07/09, a Sunday
    cal = WorkCalendar(weekend={THURSDAY, FRIDAY}, holidays={ashura})
    assert not cal.is_working_day(date(2017, 10, 5))
    assert not cal.is_working_day(ashura)
    assert cal.is_holiday(ashura)
    assert DEFAULT.is_working_day(ashura)
    # From Wednesday 1396/07/12: Thursday and Friday are off, so the first working day is Saturday.
    assert add_working_days(date(2017, 10, 4), 1, cal) == date(2017, 10, 7)
    assert add_working_days(date(2017, 10, 4), 1) == date(2017, 10, 5)


def test_nowruz_deadline_example() -> None:
    """From Monday 1396/12/28 the next working day is 1397/01/05 (29 Esfand, Nowruz, a Friday)."""
    start = from_jalali(1396, 12, 28)
    assert add_working_days(start, 1) == from_jalali(1397, 1, 5)
    assert add_working_days(start, 5) == from_jalali(1397, 1, 9)  # Sunday 01/05 to Thursday 01/09
    assert working_days_between(start, from_jalali(1397, 1, 9)) == 5
    assert working_days_between(start, from_jalali(1397, 1, 4)) == 0


@pytest.mark.parametrize(
    "weekend",
    [{7}, {-1}, {True}, {"4"}, {4.0}, set(range(7)), {None}],
)
def test_bad_weekend_values_raise(weekend: set[object]) -> None:
    """A weekend day that is not an int 0-6, or a weekend of all seven days, is a ValueError."""
    with pytest.raises(ValueError, match=r"weekend|working day"):
        WorkCalendar(weekend=weekend)  # type: ignore[arg-type]


def test_bad_holiday_values_raise() -> None:
    """Holidays must be dates: text (alone or in the collection) is an InvalidDateError naming it."""
    with pytest.raises(InvalidDateError, match="1396/07/09"):
        WorkCalendar(holidays={"1396/07/09"})  # type: ignore[arg-type]
    with pytest.raises(InvalidDateError, match="1396/07/09"):
        WorkCalendar(holidays="1396/07/09")  # type: ignore[arg-type]


def test_datetime_holidays_stand_for_their_day() -> None:
    """A datetime holiday is kept as its calendar day (in Iran time), so that it matches."""
    cal = WorkCalendar(holidays={date(2017, 10, 1), datetime(2017, 9, 30, 9)})
    assert cal.holidays == {date(2017, 10, 1), date(2017, 9, 30)}
    assert all(type(d) is date for d in cal.holidays)
    assert cal.is_holiday(date(2017, 9, 30))


def test_zero_working_days_is_the_day_itself() -> None:
    """add_working_days(d, 0) is d, even on a Friday."""
    friday = date(2017, 10, 6)
    assert add_working_days(friday, 0) == friday
    assert working_days_between(friday, friday) == 0


def test_outside_the_range_raises() -> None:
    """Counting past the supported range, or asking about a day outside it, raises."""
    with pytest.raises(CalendarRangeError):
        add_working_days(LAST_DATE, 5)
    with pytest.raises(CalendarRangeError):
        add_working_days(FIRST_DATE, -5)
    past = LAST_DATE + timedelta(days=1)
    while past.weekday() != FRIDAY:
        past += timedelta(days=1)
    with pytest.raises(CalendarRangeError):
        DEFAULT.is_working_day(past)  # a weekend day past the range still raises
    with pytest.raises(CalendarRangeError):
        DEFAULT.is_holiday(FIRST_DATE - timedelta(days=1))
    with pytest.raises(CalendarRangeError):
        working_days_between(LAST_DATE - timedelta(days=3), LAST_DATE + timedelta(days=3))


@given(supported_dates(max_value=SAFE_LAST), st.integers(min_value=1, max_value=120))
def test_add_working_days_lands_on_a_working_day(d: date, n: int) -> None:
    """The n-th working day after d is after d, not a weekend or holiday, and n working days away."""
    result = add_working_days(d, n)
    assert result > d
    assert result.weekday() != FRIDAY
    assert to_jalali(result)[1:] not in FIXED_HOLIDAYS
    assert DEFAULT.is_working_day(result)
    assert working_days_between(d, result) == n
    assert working_days_between(d, result - timedelta(days=1)) == n - 1


@given(work_calendars(), supported_dates(date(2017, 1, 1), date(2019, 1, 1)), st.integers(1, 60))
def test_custom_calendars_are_honoured(cal: WorkCalendar, d: date, n: int) -> None:
    """With any weekend and added holidays, the result is a working day of that calendar."""
    result = add_working_days(d, n, cal)
    assert result.weekday() not in cal.weekend
    assert result not in cal.holidays
    assert not cal.is_holiday(result)
    assert working_days_between(d, result, cal) == n
    back = add_working_days(d, -n, cal)
    assert back < d
    assert cal.is_working_day(back)


@given(supported_dates(FIRST_DATE + timedelta(days=400), SAFE_LAST), st.integers(-200, 200))
def test_between_is_antisymmetric_and_inverts_add(a: date, offset: int) -> None:
    """Swapping the days flips the sign; counting from a to a working day b and adding returns b."""
    b = a + timedelta(days=offset)
    assert working_days_between(a, b) == -working_days_between(b, a)
    if DEFAULT.is_working_day(b) and (b >= a or DEFAULT.is_working_day(a)):
        assert add_working_days(a, working_days_between(a, b)) == b


def _day_by_day(a: date, b: date, cal: WorkCalendar) -> int:
    """The count of working days in (a, b] a day at a time: what the running counts must give."""
    if b < a:
        return -_day_by_day(b, a, cal)
    return sum(cal.is_working_day(a + timedelta(days=k)) for k in range(1, (b - a).days + 1))


@given(work_calendars(), supported_dates(), st.integers(-1200, 1200))
def test_between_equals_a_day_by_day_count(cal: WorkCalendar, a: date, offset: int) -> None:
    """The per-year running counts give the day-by-day count, across year ends and leap years."""
    b = a + timedelta(days=offset)
    if not FIRST_DATE <= b <= LAST_DATE:
        return
    assert working_days_between(a, b, cal) == _day_by_day(a, b, cal)


@pytest.mark.parametrize(
    ("a", "b"),
    [
        (FIRST_DATE - timedelta(days=1), FIRST_DATE + timedelta(days=5)),  # a itself is not counted
        (LAST_DATE - timedelta(days=5), LAST_DATE),
        (date(2025, 3, 18), date(2025, 3, 26)),  # 1403/12/28 over 30 Esfand (leap) into 1404
        (date(2017, 3, 19), date(2019, 3, 22)),  # two year ends
    ],
)
def test_between_at_the_edges(a: date, b: date) -> None:
    """Counts at the ends of the supported range and over year ends match a day-by-day count."""
    assert working_days_between(a, b) == _day_by_day(a, b, WorkCalendar())


@pytest.mark.parametrize(
    ("a", "b"),
    [
        (FIRST_DATE - timedelta(days=2), FIRST_DATE),
        (LAST_DATE - timedelta(days=1), LAST_DATE + timedelta(days=1)),
    ],
)
def test_between_past_the_range_raises(a: date, b: date) -> None:
    """A counted day outside the supported range raises, as counting day by day would."""
    with pytest.raises(CalendarRangeError):
        working_days_between(a, b)


@given(supported_dates(max_value=SAFE_LAST), st.integers(1, 60), st.integers(1, 60))
def test_adding_in_two_steps(d: date, m: int, n: int) -> None:
    """Adding m then n working days is adding m + n."""
    assert add_working_days(add_working_days(d, m), n) == add_working_days(d, m + n)


def test_deadline_after_a_period() -> None:
    """A report due 10 working days after 1396-Q4 ends skips Nowruz, 12-13 Farvardin and Fridays."""
    end = JalaliPeriod.parse("1396-Q4").end  # 1396/12/29, itself a holiday
    due = add_working_days(end, 10)
    assert to_jalali(due) == (1397, 1, 18)  # 1397/01/17 is a Friday
    assert working_days_between(end, due) == 10
