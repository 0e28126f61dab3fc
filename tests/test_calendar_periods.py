"""Jalali reporting periods: text forms, days, tiling, steps, order, range and bad input."""

from __future__ import annotations

import itertools
from datetime import date, timedelta

import pytest
from hypothesis import given
from hypothesis import strategies as st

from citizenrights.calendar import (
    FIRST_YEAR,
    LAST_YEAR,
    JalaliPeriod,
    PeriodKind,
    from_jalali,
    is_leap_year,
    iter_periods,
    period_of,
)
from citizenrights.errors import CalendarRangeError, CitizenRightsError, InvalidPeriodError
from citizenrights.text import to_persian_digits

from .strategies import (
    FIRST_DATE,
    LAST_DATE,
    non_text_values,
    period_position,
    periods,
    supported_dates,
)

Q = PeriodKind.QUARTER


# -- text -----------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "kind", "index"),
    [
        ("1396", PeriodKind.YEAR, 1),
        ("1396-H1", PeriodKind.HALF, 1),
        ("1396-H2", PeriodKind.HALF, 2),
        ("1396-Q3", PeriodKind.QUARTER, 3),
        ("1396-07", PeriodKind.MONTH, 7),
        ("1396-12", PeriodKind.MONTH, 12),
    ],
)
def test_canonical_text(text: str, kind: PeriodKind, index: int) -> None:
    """Each canonical form reads as its (kind, 1396, index) and prints back unchanged."""
    period = JalaliPeriod.parse(text)
    assert period == JalaliPeriod(kind, 1396, index)
    assert str(period) == text
    assert repr(period) == f"JalaliPeriod.parse({text!r})"


@pytest.mark.parametrize(
    ("text", "canonical"),
    [
        ("۱۳۹۶-Q۳", "1396-Q3"),
        ("١٣٩٦-H٢", "1396-H2"),
        ("1396-q3", "1396-Q3"),
        ("1396-h1", "1396-H1"),
        ("۱۳۹۶-۰۷", "1396-07"),
        ("1396-7", "1396-07"),
        (" 1396-Q3 ", "1396-Q3"),
    ],
)
def test_lenient_spellings(text: str, canonical: str) -> None:
    """Persian and Arabic-Indic digits, lower-case letters, one-digit months and blanks are read."""
    assert str(JalaliPeriod.parse(text)) == canonical


@given(periods())
def test_parse_inverts_str(period: JalaliPeriod) -> None:
    """JalaliPeriod.parse(str(p)) == p, with Latin and with Persian digits."""
    assert JalaliPeriod.parse(str(period)) == period
    assert JalaliPeriod.parse(to_persian_digits(str(period))) == period


@pytest.mark.parametrize(
    ("kind", "index", "fa", "en"),
    [
        (PeriodKind.YEAR, 1, "۱۳۹۶", "1396"),
        (PeriodKind.HALF, 1, "نیمه نخست ۱۳۹۶", "First half 1396"),
        (PeriodKind.HALF, 2, "نیمه دوم ۱۳۹۶", "Second half 1396"),
        (PeriodKind.QUARTER, 1, "بهار ۱۳۹۶", "Spring 1396"),
        (PeriodKind.QUARTER, 2, "تابستان ۱۳۹۶", "Summer 1396"),
        (PeriodKind.QUARTER, 3, "پاییز ۱۳۹۶", "Autumn 1396"),
        (PeriodKind.QUARTER, 4, "زمستان ۱۳۹۶", "Winter 1396"),
        (PeriodKind.MONTH, 1, "فروردین ۱۳۹۶", "Farvardin 1396"),
        (PeriodKind.MONTH, 7, "مهر ۱۳۹۶", "Mehr 1396"),
        (PeriodKind.MONTH, 12, "اسفند ۱۳۹۶", "Esfand 1396"),
    ],
)
def test_labels(kind: PeriodKind, index: int, fa: str, en: str) -> None:
    """Labels name the season, half or month, in Persian (Persian digits) and English."""
    period = JalaliPeriod(kind, 1396, index)
    assert period.label("fa") == fa
    assert period.label() == fa
    assert period.label("en") == en


def test_label_rejects_other_languages() -> None:
    """A label language other than fa/en is a ValueError naming it."""
    with pytest.raises(ValueError, match="'de'"):
        JalaliPeriod.parse("1396").label("de")  # type: ignore[arg-type]


# -- days -----------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "start", "end", "days"),
    [
        ("1396", date(2017, 3, 21), date(2018, 3, 20), 365),
        ("1395", date(2016, 3, 20), date(2017, 3, 20), 366),
        ("1396-H1", date(2017, 3, 21), date(2017, 9, 22), 186),
        ("1396-H2", date(2017, 9, 23), date(2018, 3, 20), 179),
        ("1395-H2", date(2016, 9, 22), date(2017, 3, 20), 180),
        ("1396-Q1", date(2017, 3, 21), date(2017, 6, 21), 93),
        ("1396-Q3", date(2017, 9, 23), date(2017, 12, 21), 90),
        ("1396-Q4", date(2017, 12, 22), date(2018, 3, 20), 89),
        ("1396-07", date(2017, 9, 23), date(2017, 10, 22), 30),
        ("1396-12", date(2018, 2, 20), date(2018, 3, 20), 29),
        ("1395-12", date(2017, 2, 19), date(2017, 3, 20), 30),
    ],
)
def test_start_end_days(text: str, start: date, end: date, days: int) -> None:
    """Known periods have their start, inclusive end and number of days."""
    period = JalaliPeriod.parse(text)
    assert (period.start, period.end, period.days) == (start, end, days)
    assert start in period
    assert end in period
    assert start - timedelta(days=1) not in period
    assert end + timedelta(days=1) not in period


def test_membership_of_non_dates_is_false() -> None:
    """`in` is False for anything that is not a date, never an error."""
    period = JalaliPeriod.parse("1396-Q3")
    assert "2017-10-07" not in period
    assert None not in period


@given(supported_dates())
def test_every_day_lies_in_exactly_one_period_of_each_kind(d: date) -> None:
    """For each kind, the day's period contains it and no other period of that year does."""
    for kind in PeriodKind:
        found = period_of(d, kind)
        assert d in found
        assert period_of(d, kind.value) is found
        year_periods = [JalaliPeriod(kind, found.year, i) for i in range(1, kind.per_year + 1)]
        assert [p for p in year_periods if d in p] == [found]
        if found.year > FIRST_YEAR:
            assert d not in found.previous()
        if found.year < LAST_YEAR:
            assert d not in found.next()


@pytest.mark.parametrize("kind", [PeriodKind.HALF, PeriodKind.QUARTER, PeriodKind.MONTH])
def test_periods_tile_every_year(kind: PeriodKind) -> None:
    """In every supported year the halves, quarters and months tile the year: no gap, no overlap."""
    for year in range(FIRST_YEAR, LAST_YEAR + 1):
        whole = JalaliPeriod(PeriodKind.YEAR, year)
        parts = [JalaliPeriod(kind, year, i) for i in range(1, kind.per_year + 1)]
        assert parts[0].start == whole.start == from_jalali(year, 1, 1)
        assert parts[-1].end == whole.end
        for before, after in itertools.pairwise(parts):
            assert before.end + timedelta(days=1) == after.start
        assert sum(p.days for p in parts) == whole.days == (366 if is_leap_year(year) else 365)
        assert all(whole.contains_period(p) for p in parts)


def test_years_tile_the_range() -> None:
    """The supported years follow each other without gap from 1827-03-22 to 2120-03-20."""
    years = list(iter_periods(JalaliPeriod.parse("1206"), JalaliPeriod.parse("1498")))
    assert len(years) == 293
    assert years[0].start == FIRST_DATE
    assert years[-1].end == LAST_DATE
    assert all(a.end + timedelta(days=1) == b.start for a, b in itertools.pairwise(years))


def test_contains_period() -> None:
    """A period contains the shorter periods inside it, and itself, but not overlapping ones."""
    quarter = JalaliPeriod.parse("1396-Q3")
    assert quarter.contains_period(JalaliPeriod.parse("1396-07"))
    assert quarter.contains_period(JalaliPeriod.parse("1396-09"))
    assert quarter.contains_period(quarter)
    assert not quarter.contains_period(JalaliPeriod.parse("1396-10"))
    assert not quarter.contains_period(JalaliPeriod.parse("1396-H2"))
    assert JalaliPeriod.parse("1396-H2").contains_period(quarter)
    assert not JalaliPeriod.parse("1397").contains_period(quarter)


# -- steps ----------------------------------------------------------------------------------------


def test_steps_cross_years() -> None:
    """next, previous and shift carry over into the neighbouring year."""
    assert str(JalaliPeriod.parse("1396-Q4").next()) == "1397-Q1"
    assert str(JalaliPeriod.parse("1396-01").previous()) == "1395-12"
    assert str(JalaliPeriod.parse("1396-H2").shift(3)) == "1398-H1"
    assert str(JalaliPeriod.parse("1396-05").shift(-17)) == "1394-12"
    assert str(JalaliPeriod.parse("1396").shift(0)) == "1396"


@given(periods())
def test_next_then_previous_is_identity(period: JalaliPeriod) -> None:
    """p.next().previous() == p and p.previous().next() == p wherever the step stays in range."""
    position, low, high = period_position(period)
    if position < high:
        assert period.next().previous() == period
        assert period.next().start == period.end + timedelta(days=1)
    if position > low:
        assert period.previous().next() == period


@given(periods(), st.data())
def test_shift_adds_up(period: JalaliPeriod, data: st.DataObject) -> None:
    """p.shift(a).shift(b) == p.shift(a + b) whenever every step stays in range."""
    position, low, high = period_position(period)
    a = data.draw(st.integers(min_value=low - position, max_value=high - position))
    b = data.draw(st.integers(min_value=low - position - a, max_value=high - position - a))
    assert period.shift(a).shift(b) == period.shift(a + b)
    assert period.shift(a).kind is period.kind


@given(periods(), periods())
def test_order_follows_start(p: JalaliPeriod, q: JalaliPeriod) -> None:
    """Periods order by start day, a longer period first when two start on the same day."""
    if p.start != q.start:
        assert (p < q) == (p.start < q.start)
    elif p.kind.months != q.kind.months:
        assert (p < q) == (p.kind.months > q.kind.months)
    else:
        assert p == q
    assert (p <= q) == (p < q or p == q)
    assert (p > q) == (q < p)
    assert (p >= q) == (q <= p)
    assert sum([p < q, p == q, p > q]) == 1


def test_sorting_mixed_kinds() -> None:
    """Sorting puts the year before its first half, quarter and month; then by start."""
    texts = ["1396-Q2", "1396-01", "1396-H1", "1396", "1395-12", "1396-Q1"]
    ordered = sorted(JalaliPeriod.parse(t) for t in texts)
    assert [str(p) for p in ordered] == [
        "1395-12",
        "1396",
        "1396-H1",
        "1396-Q1",
        "1396-01",
        "1396-Q2",
    ]


def test_comparison_with_other_types() -> None:
    """Comparing a period with a non-period is a TypeError, and never equal."""
    period = JalaliPeriod.parse("1396")
    assert period != "1396"
    with pytest.raises(TypeError):
        _ = period < "1397"  # type: ignore[operator]
    with pytest.raises(TypeError):
        _ = period >= 1396  # type: ignore[operator]


def test_periods_are_hashable_and_immutable() -> None:
    """Equal periods hash alike and work as dict keys; their fields cannot be changed."""
    a = JalaliPeriod(PeriodKind.QUARTER, 1396, 3)
    b = JalaliPeriod.parse("1396-Q3")
    assert a == b
    assert hash(a) == hash(b)
    assert {a: 1}[b] == 1
    assert JalaliPeriod("quarter", 1396, 3) == a  # type: ignore[arg-type]
    with pytest.raises(AttributeError):
        a.year = 1397  # type: ignore[misc]


def test_iter_periods() -> None:
    """iter_periods yields both ends and everything between, in order; nothing when reversed."""
    quarters = list(iter_periods(JalaliPeriod.parse("1396-Q3"), JalaliPeriod.parse("1397-Q2")))
    assert [str(p) for p in quarters] == ["1396-Q3", "1396-Q4", "1397-Q1", "1397-Q2"]
    months = list(iter_periods(JalaliPeriod.parse("1396-01"), JalaliPeriod.parse("1396-12")))
    assert len(months) == 12
    assert months == sorted(months)
    assert list(iter_periods(JalaliPeriod.parse("1397"), JalaliPeriod.parse("1396"))) == []
    single = JalaliPeriod.parse("1396-H2")
    assert list(iter_periods(single, single)) == [single]


def test_iter_periods_needs_one_kind() -> None:
    """Two periods of different kinds are an InvalidPeriodError naming both."""
    with pytest.raises(InvalidPeriodError, match=r"1396-Q1.*1396-07"):
        list(iter_periods(JalaliPeriod.parse("1396-Q1"), JalaliPeriod.parse("1396-07")))


# -- range and bad input --------------------------------------------------------------------------


@pytest.mark.parametrize(
    "call",
    [
        pytest.param(lambda: JalaliPeriod(PeriodKind.YEAR, 1205), id="year-1205"),
        pytest.param(lambda: JalaliPeriod(PeriodKind.QUARTER, 1499, 1), id="quarter-1499"),
        pytest.param(lambda: JalaliPeriod.parse("1205-12"), id="parse-1205-12"),
        pytest.param(lambda: JalaliPeriod.parse("1499-H1"), id="parse-1499-H1"),
        pytest.param(lambda: JalaliPeriod.parse("1498-12").next(), id="next-past-end"),
        pytest.param(lambda: JalaliPeriod.parse("1206-Q1").previous(), id="previous-before-start"),
        pytest.param(lambda: JalaliPeriod.parse("1496-H1").shift(6), id="shift-past-end"),
        pytest.param(lambda: JalaliPeriod.parse("1300").shift(-95), id="shift-before-start"),
        pytest.param(lambda: period_of(FIRST_DATE - timedelta(days=1), Q), id="period_of-before"),
        pytest.param(lambda: period_of(LAST_DATE + timedelta(days=1), Q), id="period_of-after"),
        pytest.param(
            lambda: period_of(LAST_DATE + timedelta(days=1), "year"), id="period_of-after-year"
        ),
    ],
)
def test_outside_the_range_raises(call: object) -> None:
    """A period outside 1206-1498 is a CalendarRangeError (a ValueError), never a guess."""
    with pytest.raises(CalendarRangeError, match="supported range"):
        call()  # type: ignore[operator]


def test_range_edges_are_periods() -> None:
    """The first and last periods of every kind exist and bound the supported days."""
    for kind in PeriodKind:
        assert period_of(FIRST_DATE, kind).start == FIRST_DATE
        assert period_of(LAST_DATE, kind).end == LAST_DATE


@pytest.mark.parametrize(
    "text",
    [
        "1396-Q5",
        "1396-Q0",
        "1396-13",
        "1396-00",
        "1396-H3",
        "1396-H0",
        "",
        "abc",
        "1396-",
        "1396-Q",
        "96-Q1",
        "1396/Q1",
        "1396-W1",
        "1396-Q1-01",
        "13960",
        "1396-123",
    ],
)
def test_bad_period_text(text: str) -> None:
    """Text that is not a period raises InvalidPeriodError (a ValueError) naming it and the forms."""
    with pytest.raises(InvalidPeriodError) as info:
        JalaliPeriod.parse(text)
    assert isinstance(info.value, CitizenRightsError)
    assert isinstance(info.value, ValueError)
    assert repr(text) in str(info.value)
    assert "'1396-Q3'" in str(info.value)
    assert info.value.value == text


def test_parse_rejects_non_text() -> None:
    """parse given a non-string is an InvalidPeriodError, not an AttributeError."""
    with pytest.raises(InvalidPeriodError, match="1396"):
        JalaliPeriod.parse(1396)  # type: ignore[arg-type]


@pytest.mark.parametrize(
    ("kind", "year", "index"),
    [
        (PeriodKind.YEAR, 1396, 2),
        (PeriodKind.YEAR, 1396, 0),
        (PeriodKind.HALF, 1396, 3),
        (PeriodKind.QUARTER, 1396, 5),
        (PeriodKind.QUARTER, 1396, -1),
        (PeriodKind.MONTH, 1396, 13),
        (PeriodKind.MONTH, 1396, 0),
        (PeriodKind.QUARTER, 1396.0, 1),
        (PeriodKind.QUARTER, 1396, 1.0),
        (PeriodKind.QUARTER, True, 1),
        ("week", 1396, 1),
        ("QUARTER", 1396, 1),
    ],
)
def test_bad_period_fields(kind: object, year: object, index: object) -> None:
    """An unknown kind, a non-integer, or an index the kind lacks is an InvalidPeriodError."""
    with pytest.raises(InvalidPeriodError):
        JalaliPeriod(kind, year, index)  # type: ignore[arg-type]


def test_period_of_rejects_unknown_kind() -> None:
    """period_of with an unknown kind name raises InvalidPeriodError naming it."""
    with pytest.raises(InvalidPeriodError, match="'week'"):
        period_of(date(2017, 10, 7), "week")


def test_kind_properties() -> None:
    """Each kind knows its length in months and how many fit in a year."""
    assert [(k.months, k.per_year) for k in PeriodKind] == [(12, 1), (6, 2), (3, 4), (1, 12)]


@pytest.mark.parametrize("text", ["१३९६-Q3", "1396-Q३", "１３９６-０７", "1396-٠७", "৭৩৯৬"])
def test_digits_of_other_scripts_are_not_digits(text: str) -> None:
    """Only Latin, Persian and Arabic-Indic digits make a period: Devanagari, fullwidth or Bengali
    digits, which int() would read, are an InvalidPeriodError."""
    with pytest.raises(InvalidPeriodError):
        JalaliPeriod.parse(text)


@given(st.one_of(non_text_values, st.text(max_size=10)))
def test_parse_raises_only_documented_errors_for_any_value(value: object) -> None:
    """Any value at all parses to a period or raises InvalidPeriodError / CalendarRangeError."""
    try:
        period = JalaliPeriod.parse(value)  # type: ignore[arg-type]
    except (InvalidPeriodError, CalendarRangeError):
        return
    assert isinstance(value, str)
    assert JalaliPeriod.parse(str(period)) == period


def test_period_kind_is_still_importable_from_the_periods_module() -> None:
    from citizenrights.calendar import period_kinds, periods

    assert periods.PeriodKind is period_kinds.PeriodKind is PeriodKind
    assert PeriodKind.__module__ == "citizenrights.calendar.period_kinds"
