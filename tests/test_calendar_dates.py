"""Jalali dates: the official leap-year table, jdatetime on every day, the range, bad input."""

from __future__ import annotations

import itertools
from datetime import date, timedelta

import jdatetime
import pytest
from hypothesis import given
from hypothesis import strategies as st

from citizenrights.calendar import (
    FIRST_YEAR,
    LAST_YEAR,
    MONTH_NAMES_EN,
    MONTH_NAMES_FA,
    WEEKDAY_NAMES_FA,
    days_in_month,
    format_jalali,
    from_jalali,
    is_leap_year,
    parse_date,
    parse_jalali_date,
    to_jalali,
)
from citizenrights.calendar._yeartable import NOWRUZ
from citizenrights.errors import CalendarRangeError, CitizenRightsError, InvalidDateError
from citizenrights.text import to_persian_digits

from .conftest import DATA
from .strategies import (
    FIRST_DATE,
    LAST_DATE,
    foreign_digits,
    jalali_dates,
    non_text_values,
    supported_dates,
)

OFFICIAL_TABLE = DATA / "official-leap-years-1206-1498.txt"


def _official_table() -> dict[int, tuple[bool, date]]:
    """Parse the official table: year -> (leap, Gregorian date of 1 Farvardin)."""
    rows: dict[int, tuple[bool, date]] = {}
    for raw in OFFICIAL_TABLE.read_text(encoding="utf-8").splitlines():
        line = raw.strip()
        if not line or line.startswith("#"):
            continue
        year_text, iso = line.split()
        rows[int(year_text.rstrip("*"))] = (year_text.endswith("*"), date.fromisoformat(iso))
    return rows


TABLE = _official_table()


# -- the official table -------------------------------------------------------------------------


def test_official_table_keeps_its_source_note() -> None:
    """The shipped copy of the table still says where it comes from and under which licence."""
    header = OFFICIAL_TABLE.read_text(encoding="utf-8").split("\n1206 ", 1)[0]
    assert "Source:" in header
    assert "University of Tehran" in header
    assert "roozbehp/persiancalendar" in header
    assert "CC0" in header


def test_official_table_covers_the_supported_range() -> None:
    """The table lists every year 1206-1498 once, and they are the library's range."""
    assert list(TABLE) == list(range(1206, 1499))
    assert (FIRST_YEAR, LAST_YEAR) == (1206, 1498)


@pytest.mark.parametrize("year", range(1206, 1499))
def test_leap_years_and_nowruz_match_official_table(year: int) -> None:
    """Each year's leap mark and the Gregorian date of its 1 Farvardin are the table's."""
    leap, nowruz = TABLE[year]
    assert is_leap_year(year) is leap
    assert days_in_month(year, 12) == (30 if leap else 29)
    assert from_jalali(year, 1, 1) == nowruz
    assert to_jalali(nowruz) == (year, 1, 1)
    if year > FIRST_YEAR:
        last_of_previous = (year - 1, 12, 30 if TABLE[year - 1][0] else 29)
        assert to_jalali(nowruz - timedelta(days=1)) == last_of_previous


def test_year_table_module_is_the_official_table() -> None:
    """The generated day-number table holds exactly the table's 1 Farvardin dates, plus one past."""
    assert NOWRUZ[:-1] == tuple(TABLE[y][1].toordinal() for y in range(1206, 1499))
    assert NOWRUZ[-1] == TABLE[1498][1].toordinal() + 366  # 1498 is a leap year
    assert TABLE[1498][0]


def test_leap_cycles_are_four_or_five_years() -> None:
    """Consecutive leap years of the table are 4 or 5 years apart (the 33-year-ish cycles)."""
    leaps = [y for y in range(FIRST_YEAR, LAST_YEAR + 1) if is_leap_year(y)]
    gaps = {b - a for a, b in itertools.pairwise(leaps)}
    assert gaps == {4, 5}
    assert [y for y in leaps if 1390 <= y <= 1410] == [1391, 1395, 1399, 1403, 1408]


# -- jdatetime on every day ---------------------------------------------------------------------


def test_to_jalali_agrees_with_jdatetime_on_every_day() -> None:
    """to_jalali equals jdatetime.date.fromgregorian on each day from 1206/01/01 to 1498/12/30."""
    mismatches = []
    day, one, count = FIRST_DATE, timedelta(days=1), 0
    while day <= LAST_DATE:
        j = jdatetime.date.fromgregorian(date=day)
        if to_jalali(day) != (j.year, j.month, j.day):
            mismatches.append((day, to_jalali(day), (j.year, j.month, j.day)))
        day += one
        count += 1
    assert mismatches == []
    assert count == (LAST_DATE - FIRST_DATE).days + 1 == 107_016


def test_from_jalali_agrees_with_jdatetime_on_every_day() -> None:
    """from_jalali equals jdatetime.date(y, m, d).togregorian() on each Jalali day of the range.

    The days are enumerated from jdatetime's own month lengths, so a leap year that only one side
    knows would show up as a missing or extra day.
    """
    mismatches = []
    count = 0
    for year in range(FIRST_YEAR, LAST_YEAR + 1):
        leap = jdatetime.date(year, 1, 1).isleap()
        for month in range(1, 13):
            length = jdatetime.j_days_in_month[month - 1] + (1 if month == 12 and leap else 0)
            assert days_in_month(year, month) == length
            for day in range(1, length + 1):
                expected = jdatetime.date(year, month, day).togregorian()
                if from_jalali(year, month, day) != expected:
                    mismatches.append(((year, month, day), from_jalali(year, month, day), expected))
                count += 1
    assert mismatches == []
    assert count == 107_016


# -- round trips ----------------------------------------------------------------------------------


@given(supported_dates())
def test_from_jalali_inverts_to_jalali(d: date) -> None:
    """from_jalali(*to_jalali(d)) == d for every supported day."""
    assert from_jalali(*to_jalali(d)) == d


@given(jalali_dates())
def test_to_jalali_inverts_from_jalali(ymd: tuple[int, int, int]) -> None:
    """to_jalali(from_jalali(y, m, d)) == (y, m, d) for every Jalali day that exists."""
    assert to_jalali(from_jalali(*ymd)) == ymd


@given(
    supported_dates(),
    st.sampled_from(["%Y/%m/%d", "%Y-%m-%d"]),
    st.sampled_from(["latin", "persian"]),
)
def test_format_round_trips_through_parse(d: date, fmt: str, digits: str) -> None:
    """format_jalali's date text parses back to the same day, with Latin or Persian digits."""
    text = format_jalali(d, fmt, digits=digits)  # type: ignore[arg-type]
    assert parse_jalali_date(text) == d
    assert parse_date(text) == d


@given(supported_dates())
def test_parse_date_reads_iso_and_jalali_alike(d: date) -> None:
    """parse_date reads the ISO text and the Jalali text of a day as the same date."""
    y, m, day = to_jalali(d)
    assert parse_date(d.isoformat()) == d
    assert parse_date(f"{y}/{m}/{day}") == d
    assert parse_date(to_persian_digits(f"{y}-{m:02d}-{day:02d}")) == d


# -- examples -------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("1396/07/15", date(2017, 10, 7)),
        ("1396-7-15", date(2017, 10, 7)),
        ("۱۳۹۶/۰۷/۱۵", date(2017, 10, 7)),
        ("١٣٩٦/٠٧/١٥", date(2017, 10, 7)),
        ("  1396/07/15 ", date(2017, 10, 7)),
        ("1395/12/30", date(2017, 3, 20)),
        ("1403/12/30", date(2025, 3, 20)),
        ("1397/01/01", date(2018, 3, 21)),
        ("1206/01/01", date(1827, 3, 22)),
        ("1498/12/30", date(2120, 3, 20)),
    ],
)
def test_parse_jalali_date_examples(text: str, expected: date) -> None:
    """Known Jalali dates, in every accepted spelling, parse to their Gregorian day."""
    assert parse_jalali_date(text) == expected


def test_parse_date_decides_by_the_year() -> None:
    """A year below 1700 is Jalali, from 1700 on Gregorian ISO (and only ISO)."""
    with pytest.raises(CalendarRangeError, match="Jalali year 1699"):
        parse_date("1699/01/01")
    with pytest.raises(CalendarRangeError, match=r"'1700-01-01'.*1827-03-22"):
        parse_date("1700-01-01")
    assert parse_date("2017-10-07") == date(2017, 10, 7)
    assert parse_date("1396-07-15") == date(2017, 10, 7)
    with pytest.raises(InvalidDateError, match="ISO"):
        parse_date("2017/10/07")
    with pytest.raises(InvalidDateError, match="ISO"):
        parse_date("2017-1-7")
    with pytest.raises(InvalidDateError, match="Gregorian"):
        parse_jalali_date("2017-10-07")


@pytest.mark.parametrize(
    ("fmt", "digits", "expected"),
    [
        ("%Y/%m/%d", "latin", "1396/07/15"),
        ("%Y/%m/%d", "persian", "۱۳۹۶/۰۷/۱۵"),
        ("%d %B %Y", "persian", "۱۵ مهر ۱۳۹۶"),
        ("%d %b %Y", "latin", "15 Mehr 1396"),
        ("%A", "latin", "شنبه"),
        ("%j", "latin", "201"),
        ("100%% %Y", "latin", "100% 1396"),
    ],
)
def test_format_jalali_directives(fmt: str, digits: str, expected: str) -> None:
    """Each directive of format_jalali, on Saturday 1396/07/15 (day 201 of the year)."""
    assert format_jalali(date(2017, 10, 7), fmt, digits=digits) == expected  # type: ignore[arg-type]


def test_format_jalali_rejects_unknown_directive_and_digits() -> None:
    """An unknown directive or digits value is a ValueError naming it."""
    with pytest.raises(ValueError, match="%q"):
        format_jalali(date(2017, 10, 7), "%q")
    with pytest.raises(ValueError, match="arabic"):
        format_jalali(date(2017, 10, 7), digits="arabic")  # type: ignore[arg-type]


def test_name_tables() -> None:
    """Month names run Farvardin..Esfand; weekday names follow date.weekday() (Monday first)."""
    assert len(MONTH_NAMES_FA) == len(MONTH_NAMES_EN) == 12
    assert (MONTH_NAMES_FA[0], MONTH_NAMES_EN[0]) == ("فروردین", "Farvardin")
    assert (MONTH_NAMES_FA[11], MONTH_NAMES_EN[11]) == ("اسفند", "Esfand")
    assert WEEKDAY_NAMES_FA[date(2017, 10, 7).weekday()] == "شنبه"  # a Saturday
    assert WEEKDAY_NAMES_FA[4] == "جمعه"  # Friday


# -- the range ------------------------------------------------------------------------------------

BEFORE = FIRST_DATE - timedelta(days=1)
AFTER = LAST_DATE + timedelta(days=1)


def test_range_ends_are_supported() -> None:
    """1206/01/01 (1827-03-22) and 1498/12/30 (2120-03-20) are the first and last days."""
    assert date(1827, 3, 22) == FIRST_DATE
    assert date(2120, 3, 20) == LAST_DATE
    assert to_jalali(FIRST_DATE) == (1206, 1, 1)
    assert to_jalali(LAST_DATE) == (1498, 12, 30)
    assert parse_date("1827-03-22") == FIRST_DATE
    assert parse_date("2120-03-20") == LAST_DATE


@pytest.mark.parametrize(
    "call",
    [
        pytest.param(lambda: to_jalali(BEFORE), id="to_jalali-before"),
        pytest.param(lambda: to_jalali(AFTER), id="to_jalali-after"),
        pytest.param(lambda: from_jalali(1205, 12, 29), id="from_jalali-before"),
        pytest.param(lambda: from_jalali(1499, 1, 1), id="from_jalali-after"),
        pytest.param(lambda: parse_date("1827-03-21"), id="parse_date-iso-before"),
        pytest.param(lambda: parse_date("2120-03-21"), id="parse_date-iso-after"),
        pytest.param(lambda: parse_date("1205/12/29"), id="parse_date-jalali-before"),
        pytest.param(lambda: parse_date("1499/01/01"), id="parse_date-jalali-after"),
        pytest.param(lambda: parse_jalali_date("1499/01/01"), id="parse_jalali_date-after"),
        pytest.param(lambda: format_jalali(AFTER), id="format_jalali-after"),
        pytest.param(lambda: is_leap_year(1499), id="is_leap_year-after"),
        pytest.param(lambda: days_in_month(1205, 1), id="days_in_month-before"),
    ],
)
def test_one_day_past_the_range_raises(call: object) -> None:
    """A day (or year) just outside 1206-1498 raises CalendarRangeError, never a guess."""
    with pytest.raises(CalendarRangeError, match="supported range") as info:
        call()  # type: ignore[operator]
    assert isinstance(info.value, ValueError)


# -- bad input ------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("parse", "text", "error", "hint"),
    [
        (parse_jalali_date, "1396/13/01", InvalidDateError, "month must be 1 to 12"),
        (parse_jalali_date, "1397/12/30", InvalidDateError, "1397 is not a leap year"),
        (parse_jalali_date, "1396/00/10", InvalidDateError, "month must be 1 to 12"),
        (parse_jalali_date, "1396/07/31", InvalidDateError, "days 1 to 30"),
        (parse_jalali_date, "1396/07/00", InvalidDateError, "days 1 to 30"),
        (parse_jalali_date, "", InvalidDateError, "1396/07/15"),
        (parse_jalali_date, "abc", InvalidDateError, "1396/07/15"),
        (parse_jalali_date, "1396/07-15", InvalidDateError, "1396/07/15"),
        (parse_jalali_date, "1396/07/15/1", InvalidDateError, "1396/07/15"),
        (parse_jalali_date, "1499/01/01", CalendarRangeError, "supported range"),
        (parse_date, "", InvalidDateError, "2017-10-07"),
        (parse_date, "abc", InvalidDateError, "2017-10-07"),
        (parse_date, "2017-02-30", InvalidDateError, "does not exist"),
        (parse_date, "2017-13-01", InvalidDateError, "does not exist"),
        (parse_date, "1397/12/30", InvalidDateError, "not a leap year"),
        (parse_date, "2120-03-21", CalendarRangeError, "supported range"),
        (parse_date, "1205/12/29", CalendarRangeError, "supported range"),
    ],
)
def test_bad_date_text(parse: object, text: str, error: type[Exception], hint: str) -> None:
    """Each bad date text raises its CitizenRightsError leaf, a ValueError naming the text."""
    with pytest.raises(error) as info:
        parse(text)  # type: ignore[operator]
    exc = info.value
    assert isinstance(exc, CitizenRightsError)
    assert isinstance(exc, ValueError)
    assert repr(text) in str(exc)
    assert hint in str(exc)
    assert exc.value == text  # type: ignore[attr-defined]


@pytest.mark.parametrize(
    ("ymd", "hint"),
    [
        ((1397, 12, 30), "1397 is not a leap year"),
        ((1396, 7, 31), "days 1 to 30"),
        ((1396, 13, 1), "month must be 1 to 12"),
        ((1396, 0, 10), "month must be 1 to 12"),
        ((1396, 1, 32), "days 1 to 31"),
        ((1396, 1, 0), "days 1 to 31"),
    ],
)
def test_from_jalali_rejects_days_that_do_not_exist(ymd: tuple[int, int, int], hint: str) -> None:
    """from_jalali raises InvalidDateError with the date and the valid days for a missing day."""
    with pytest.raises(InvalidDateError) as info:
        from_jalali(*ymd)
    assert f"{ymd[0]}/{ymd[1]:02d}/{ymd[2]:02d}" in str(info.value)
    assert hint in str(info.value)
    assert info.value.value == ymd


@given(st.text(max_size=20))
def test_parsers_raise_only_documented_errors(text: str) -> None:
    """Any text either parses to a supported day or raises InvalidDateError / CalendarRangeError."""
    for parse in (parse_jalali_date, parse_date):
        try:
            result = parse(text)
        except (InvalidDateError, CalendarRangeError):
            continue
        assert FIRST_DATE <= result <= LAST_DATE


# -- values that are not text or integers ---------------------------------------------------------


@pytest.mark.parametrize(
    ("ymd", "shown"),
    [
        ((1396, 7, "15"), "day is an integer; got str '15'"),
        ((1396.0, 7, 15), "year is an integer; got float 1396.0"),
        ((True, 1, 1), "year is an integer; got bool True"),
        ((1396, True, 1), "month is an integer; got bool True"),
        ((1396, 7, 15.0), "day is an integer; got float 15.0"),
        ((None, 1, 1), "year is an integer; got NoneType None"),
    ],
)
def test_from_jalali_rejects_parts_that_are_not_integers(
    ymd: tuple[object, object, object], shown: str
) -> None:
    """A part given as text, a float or a bool is an InvalidDateError naming its type and value,
    not a TypeError, and never read as a number (True is not month 1)."""
    with pytest.raises(InvalidDateError) as info:
        from_jalali(*ymd)  # type: ignore[arg-type]
    assert shown in str(info.value)
    assert info.value.value == ymd


def test_from_jalali_takes_any_integer_type() -> None:
    """An int subclass or an object with ``__index__`` (numpy's ints) is an integer."""
    import enum

    class Month(enum.IntEnum):
        MEHR = 7

    assert from_jalali(1396, Month.MEHR, 15) == date(2017, 10, 7)


@pytest.mark.parametrize("parse", [parse_jalali_date, parse_date])
@pytest.mark.parametrize("value", [None, 13960715, b"1396/07/15", date(2017, 10, 7)])
def test_parsers_reject_values_that_are_not_text(parse: object, value: object) -> None:
    """A value that is not text is an InvalidDateError naming its type, not an AttributeError."""
    with pytest.raises(InvalidDateError) as info:
        parse(value)  # type: ignore[operator]
    assert f"got {type(value).__name__} {value!r}" in str(info.value)
    assert info.value.value == value


@given(st.one_of(non_text_values, st.text(max_size=12)))
def test_parsers_raise_only_documented_errors_for_any_value(value: object) -> None:
    """Any value at all (None, numbers, bytes, dates, containers) parses or raises a documented
    error: InvalidDateError or CalendarRangeError."""
    for parse in (parse_jalali_date, parse_date):
        try:
            result = parse(value)  # type: ignore[arg-type]
        except (InvalidDateError, CalendarRangeError):
            continue
        assert isinstance(value, str)
        assert FIRST_DATE <= result <= LAST_DATE


date_parts = st.one_of(
    st.integers(min_value=-3, max_value=1600), non_text_values, st.text(max_size=4)
)


@given(date_parts, date_parts, date_parts)
def test_from_jalali_raises_only_documented_errors(
    year: object, month: object, day: object
) -> None:
    """from_jalali of any three values gives a supported day (for three ints) or raises
    InvalidDateError / CalendarRangeError."""
    try:
        result = from_jalali(year, month, day)  # type: ignore[arg-type]
    except (InvalidDateError, CalendarRangeError):
        return
    assert all(type(part) is int for part in (year, month, day))
    assert FIRST_DATE <= result <= LAST_DATE


@given(st.lists(foreign_digits, min_size=1, max_size=2), st.sampled_from(["/", "-"]))
def test_digits_of_other_scripts_are_not_digits(digits: list[str], sep: str) -> None:
    """Only Latin, Persian and Arabic-Indic digits make a date: Devanagari or fullwidth digits,
    which int() would read, are rejected, in any position."""
    day = "".join(digits).rjust(2, "1")[-2:]
    for text in (f"1396{sep}07{sep}{day}", f"{day}96{sep}07{sep}15"):
        for parse in (parse_jalali_date, parse_date):
            with pytest.raises(InvalidDateError):
                parse(text)


def test_mixed_latin_and_persian_digits_still_parse() -> None:
    """The three accepted scripts may be mixed, digit by digit, as typed text sometimes is."""
    assert parse_date("۱۳96/0۷/15") == parse_jalali_date("١٣٩٦-7-۱۵") == date(2017, 10, 7)
