"""Issue 10, calendar rows: 30 Esfand, the date/datetime rule, input cleaning, masking, labels.

Each table pins a row of the issue to its right value:

- row 1: 30 Esfand of a leap year is an official holiday;
- row 2: one rule for every place a date enters the calendar: a datetime (object or ISO 8601
  timestamp text) gives its calendar day in Iran time, and results are plain dates;
- row 4: direction marks copied from Persian documents are ignored by every date and period parser;
- row 19: a national id typed into a date or period is masked in every error, while a bad date
  stays readable;
- row 25: ``JalaliPeriod.parse`` reads the labels ``JalaliPeriod.label`` prints.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import UTC, date, datetime, timedelta, timezone
from typing import Any

import pytest
from dateutil import tz
from hypothesis import given
from hypothesis import strategies as st
from pydantic import BaseModel, ConfigDict, ValidationError

from citizenrights.calendar import (
    FlexibleDate,
    JalaliPeriod,
    PeriodKind,
    WorkCalendar,
    add_working_days,
    format_jalali,
    from_jalali,
    is_leap_year,
    parse_date,
    parse_jalali_date,
    period_of,
    to_jalali,
    working_days_between,
)
from citizenrights.errors import CalendarRangeError, InvalidDateError, InvalidPeriodError

from .strategies import periods

IRST = timezone(timedelta(hours=3, minutes=30))
TEHRAN = tz.gettz("Asia/Tehran")
NATIONAL_ID = "0499370899"  # a valid national id (check digit 9)
MASKED = "*******899"


class Visit(BaseModel):
    """A record with a date and a period field, hiding input in errors as the library's records do."""

    model_config = ConfigDict(frozen=True, extra="forbid", hide_input_in_errors=True)

    on: FlexibleDate
    period: JalaliPeriod


# -- row 1: 30 Esfand ---------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("jalali", "holiday"),
    [
        ((1399, 12, 30), True),  # the issue's example
        ((1395, 12, 30), True),
        ((1403, 12, 30), True),
        ((1408, 12, 30), True),
        ((1399, 12, 29), True),
        ((1399, 12, 28), False),
        ((1400, 1, 5), False),
    ],
)
def test_esfand_30_of_a_leap_year_is_a_holiday(jalali: tuple[int, int, int], holiday: bool) -> None:
    """30 Esfand, which only leap years have, is a holiday like 29 Esfand (law of 1359/04/08)."""
    assert WorkCalendar().is_holiday(from_jalali(*jalali)) is holiday


@pytest.mark.parametrize(
    ("start", "n", "expected"),
    [
        ((1403, 12, 28), 1, date(2025, 3, 25)),  # the issue's example: 1404/01/05
        ((1399, 12, 28), 1, from_jalali(1400, 1, 5)),  # Thursday 1399/12/28; 12/30 is Friday too
        ((1395, 12, 28), 1, from_jalali(1396, 1, 5)),
        ((1396, 12, 28), 1, from_jalali(1397, 1, 5)),  # a common year: no 30 Esfand at all
    ],
)
def test_first_working_day_after_the_year_end(
    start: tuple[int, int, int], n: int, expected: date
) -> None:
    """The first working day after 28 Esfand skips 29 and 30 Esfand and Nowruz."""
    assert add_working_days(from_jalali(*start), n) == expected


def test_esfand_30_holiday_in_every_leap_year() -> None:
    """In every leap year of the range 30 Esfand is a holiday, and it counts in no deadline."""
    cal = WorkCalendar()
    for year in range(1206, 1499):
        if is_leap_year(year):
            esfand_30 = from_jalali(year, 12, 30)
            assert cal.is_holiday(esfand_30)
            assert working_days_between(esfand_30 - timedelta(days=1), esfand_30, cal) == 0


# -- row 2: the date / datetime rule ------------------------------------------------------------

#: (a value entering the library, the calendar day it stands for in Iran).
DATETIME_CASES = [
    pytest.param(datetime(2025, 3, 30, 10), date(2025, 3, 30), id="naive: Iran local time"),
    pytest.param(datetime(2025, 3, 30, 23, 59), date(2025, 3, 30), id="naive late evening"),
    pytest.param(
        datetime(2017, 10, 7, 23, 30, tzinfo=UTC), date(2017, 10, 8), id="UTC, next day in Tehran"
    ),
    pytest.param(datetime(2017, 10, 7, 20, 0, tzinfo=UTC), date(2017, 10, 7), id="UTC, same day"),
    pytest.param(datetime(2017, 10, 7, 23, 30, tzinfo=IRST), date(2017, 10, 7), id="aware +03:30"),
    pytest.param(
        datetime(2017, 10, 7, 23, 30, tzinfo=TEHRAN), date(2017, 10, 7), id="aware Asia/Tehran"
    ),
    pytest.param(
        datetime(2017, 10, 8, 1, 0, tzinfo=timezone(timedelta(hours=9))),
        date(2017, 10, 7),
        id="aware +09:00, previous day in Tehran",
    ),
    # Iran kept daylight saving time (+04:30) until 1401: 20:00 UTC was already the next day.
    pytest.param(
        datetime(2017, 7, 1, 20, 0, tzinfo=UTC), date(2017, 7, 2), id="1396 summer, DST +04:30"
    ),
    pytest.param(
        datetime(2022, 7, 1, 20, 0, tzinfo=UTC), date(2022, 7, 2), id="1401 summer, DST +04:30"
    ),
    # From 1402 on there is no daylight saving time: 20:00 UTC is 23:30 the same day.
    pytest.param(
        datetime(2023, 7, 1, 20, 0, tzinfo=UTC), date(2023, 7, 1), id="1402 summer, no DST"
    ),
    pytest.param(date(2017, 10, 7), date(2017, 10, 7), id="a plain date"),
]

CAL = WorkCalendar(holidays={from_jalali(1404, 1, 11)})

#: Each entry point, as a function of the value given, with what it returns for the day itself.
ENTRY_POINTS: dict[str, Callable[[Any], object]] = {
    "to_jalali": to_jalali,
    "format_jalali": lambda v: format_jalali(v, "%Y/%m/%d %A"),
    "period_of": lambda v: period_of(v, PeriodKind.MONTH),
    "is_holiday": CAL.is_holiday,
    "is_working_day": CAL.is_working_day,
    "add_working_days": lambda v: add_working_days(v, 1, CAL),
    "add_working_days back": lambda v: add_working_days(v, -3, CAL),
    "working_days_between from": lambda v: working_days_between(v, date(2030, 1, 1), CAL),
    "working_days_between to": lambda v: working_days_between(date(2000, 1, 1), v, CAL),
    "WorkCalendar holidays": lambda v: WorkCalendar(holidays={v}).holidays,
    "FlexibleDate": lambda v: Visit.model_validate({"on": v, "period": "1396"}).on,
}


@pytest.mark.parametrize("entry", sorted(ENTRY_POINTS))
@pytest.mark.parametrize(("value", "day"), DATETIME_CASES)
def test_every_entry_point_takes_the_iran_day(entry: str, value: object, day: date) -> None:
    """Each entry point gives for a datetime exactly what it gives for its calendar day in Iran
    time (aware: converted to Asia/Tehran; naive: taken as Iran local time)."""
    function = ENTRY_POINTS[entry]
    assert function(value) == function(day)


@pytest.mark.parametrize(("value", "day"), DATETIME_CASES)
def test_days_returned_are_plain_dates(value: object, day: date) -> None:
    """No entry point returns a datetime: the days it gives back are ``datetime.date`` values."""
    for result in (
        add_working_days(value, 0, CAL),  # type: ignore[arg-type]
        add_working_days(value, 2, CAL),  # type: ignore[arg-type]
        Visit.model_validate({"on": value, "period": "1396"}).on,
        *WorkCalendar(holidays={value}).holidays,  # type: ignore[arg-type]
    ):
        assert type(result) is date
    assert add_working_days(value, 0, CAL) == day  # type: ignore[arg-type]


def test_issue_example_datetime_with_a_supplied_holiday() -> None:
    """The issue's example: from 10:00 on 1404/01/10 the next working day is 2025-04-03, past the
    supplied holiday 1404/01/11 and 12-13 Farvardin."""
    result = add_working_days(datetime(2025, 3, 30, 10), 1, CAL)
    assert (result, type(result)) == (date(2025, 4, 3), date)
    assert CAL.is_holiday(datetime(2025, 3, 31, 10))
    assert not CAL.is_working_day(datetime(2025, 3, 31, 10))


@pytest.mark.parametrize(
    ("value", "inside", "outside"),
    [
        (datetime(2017, 9, 22, 21, 0, tzinfo=UTC), "1396-Q3", "1396-Q2"),  # 00:30 on 1396/07/01
        (datetime(2017, 9, 22, 21, 0), "1396-Q2", "1396-Q3"),  # naive: 21:00 on 1396/06/31
    ],
)
def test_period_membership_uses_the_iran_day(value: datetime, inside: str, outside: str) -> None:
    """``d in period`` takes a datetime's day in Iran time, like every other entry point."""
    assert value in JalaliPeriod.parse(inside)
    assert value not in JalaliPeriod.parse(outside)


@pytest.mark.parametrize(
    ("text", "day"),
    [
        ("2017-10-07T23:30:00+00:00", date(2017, 10, 8)),  # the issue's example: 1396/07/16
        ("2017-10-07T23:30:00Z", date(2017, 10, 8)),
        ("2017-10-07t23:30z", date(2017, 10, 8)),
        ("2017-10-07 23:30:00+00:00", date(2017, 10, 8)),
        ("2017-10-07T23:30:00.123456+00:00", date(2017, 10, 8)),
        ("2017-10-07T23:30:00+03:30", date(2017, 10, 7)),
        ("2017-10-07T23:30:00+0330", date(2017, 10, 7)),
        ("2017-10-07T23:30:00", date(2017, 10, 7)),  # no offset: Iran local time
        ("2017-10-07T20:00", date(2017, 10, 7)),
        ("2017-07-01T20:00:00Z", date(2017, 7, 2)),  # 1396 summer, DST +04:30
        ("2023-07-01T20:00:00Z", date(2023, 7, 1)),  # 1402 summer, no DST
        ("۲۰۱۷-۱۰-۰۷T۲۳:۳۰:۰۰+۰۰:۰۰", date(2017, 10, 8)),
        ("\u200f2017-10-07T23:30:00Z\u200e", date(2017, 10, 8)),
    ],
)
def test_timestamp_text_gives_its_iran_day(text: str, day: date) -> None:
    """ISO 8601 timestamp text gives its day in Iran time, in parse_date and in a date field."""
    assert parse_date(text) == day
    assert Visit.model_validate({"on": text, "period": "1396"}).on == day
    assert to_jalali(parse_date("2017-10-07T23:30:00+00:00")) == (1396, 7, 16)


@pytest.mark.parametrize(
    ("text", "error"),
    [
        ("2017-10-07T", InvalidDateError),
        ("2017-10-07 late", InvalidDateError),
        ("2017-10-07T25:00:00Z", InvalidDateError),
        ("2017-02-30T10:00:00Z", InvalidDateError),
        ("2017-10-07T10:00:00+25:00", InvalidDateError),
        ("1396-07-15T10:00:00", InvalidDateError),  # a Jalali date takes no time
        ("2017", InvalidDateError),
        ("2017-W40", InvalidDateError),
        ("yesterday", InvalidDateError),
        ("2120-03-21T10:00:00Z", CalendarRangeError),
        ("2120-03-20T21:00:00Z", CalendarRangeError),  # 2120-03-21 in Tehran: past the range
    ],
)
def test_text_that_is_no_date_or_timestamp_still_fails(text: str, error: type[Exception]) -> None:
    """Text that is neither a date nor a valid timestamp is refused, as date_invalid in a field."""
    with pytest.raises(error):
        parse_date(text)
    with pytest.raises(ValidationError) as info:
        Visit.model_validate({"on": text, "period": "1396"})
    expected = "date_invalid" if error is InvalidDateError else "date_out_of_range"
    assert [e["type"] for e in info.value.errors()] == [expected]


@pytest.mark.parametrize("entry", sorted(set(ENTRY_POINTS) - {"FlexibleDate"}))
@pytest.mark.parametrize("value", ["2017-10-07", 20171007, None])
def test_entry_points_refuse_what_is_no_date(entry: str, value: object) -> None:
    """A value that is neither a date nor a datetime is an InvalidDateError naming the function."""
    with pytest.raises(InvalidDateError, match=r"expects a datetime\.date"):
        ENTRY_POINTS[entry](value)


# -- row 4: direction marks -------------------------------------------------------------------

MARKS = ["\u200e", "\u200f", "\u061c", "\u202a", "\u202b", "\u202c", "\u202d", "\u202e"]
MARKS += ["\u2066", "\u2067", "\u2068", "\u2069", "\ufeff", "\u00a0", " "]


@pytest.mark.parametrize("mark", MARKS)
def test_direction_marks_around_dates_and_periods(mark: str) -> None:
    """A direction mark (or space) before or after a value is ignored by every date and period
    parser and by both field types."""
    day = date(2023, 3, 21)
    for text in (f"{mark}1402/01/01", f"1402/01/01{mark}", f"{mark}۱۴۰۲/۰۱/۰۱{mark}"):
        assert parse_date(text) == day
        assert parse_jalali_date(text) == day
        assert Visit.model_validate({"on": text, "period": "1396"}).on == day
    q3 = JalaliPeriod(PeriodKind.QUARTER, 1396, 3)
    for text in (f"1396-Q3{mark}", f"{mark}1396-Q3", f"{mark}پاییز ۱۳۹۶{mark}"):
        assert JalaliPeriod.parse(text) == q3
        assert Visit.model_validate({"on": day, "period": text}).period == q3


def test_issue_examples_for_direction_marks() -> None:
    """The issue's two examples."""
    assert parse_date("\u200f1402/01/01") == date(2023, 3, 21)
    assert JalaliPeriod.parse("1396-Q3\u200f") == JalaliPeriod(PeriodKind.QUARTER, 1396, 3)


# -- row 19: masking --------------------------------------------------------------------------

ID_FORMS = [NATIONAL_ID, "۰۴۹۹۳۷۰۸۹۹", f"\u200f{NATIONAL_ID}", "049-937089-9"]


def _raising(call: Callable[[], object]) -> Exception:
    try:
        call()
    except Exception as exc:
        return exc
    raise AssertionError("expected an error")


CALLS: dict[str, Callable[[str], object]] = {
    "parse_date": parse_date,
    "parse_jalali_date": parse_jalali_date,
    "JalaliPeriod.parse": JalaliPeriod.parse,
    "to_jalali": to_jalali,
    "WorkCalendar holidays": lambda v: WorkCalendar(holidays={v}),
    "from_jalali": lambda v: from_jalali(v, 1, 1),  # type: ignore[arg-type]
    "JalaliPeriod()": lambda v: JalaliPeriod(PeriodKind.YEAR, v),  # type: ignore[arg-type]
    "PeriodKind": lambda v: period_of(date(2017, 10, 7), v),
}


@pytest.mark.parametrize("call", sorted(CALLS))
@pytest.mark.parametrize("value", ID_FORMS)
def test_a_national_id_is_masked_in_calendar_errors(call: str, value: str) -> None:
    """A national id given as a date or period is masked in the error message and attribute."""
    exc = _raising(lambda: CALLS[call](value))
    assert isinstance(exc, InvalidDateError | InvalidPeriodError)
    assert MASKED in str(exc)
    assert "499370" not in str(exc)
    assert "۴۹۹۳۷۰" not in str(exc)
    assert "499370" not in repr(getattr(exc, "value", None))


@pytest.mark.parametrize("value", ID_FORMS)
def test_a_national_id_is_masked_in_field_errors(value: str) -> None:
    """In a date or period field, the id is masked in str(ValidationError) and in each error's
    message and context."""
    with pytest.raises(ValidationError) as info:
        Visit.model_validate({"on": value, "period": value})
    errors = info.value.errors()
    assert sorted(e["type"] for e in errors) == ["date_invalid", "period_invalid"]
    shown = str(info.value) + repr([(e["msg"], e.get("ctx")) for e in errors])
    assert MASKED in shown
    assert "499370" not in shown
    assert "۴۹۹۳۷۰" not in shown


@pytest.mark.parametrize(
    ("value", "call"),
    [
        ("1397/12/30", parse_date),  # not a leap year: the date must stay readable
        ("1397/12/30", parse_jalali_date),
        ("1234567890", parse_date),  # ten digits, but no valid national id
        ("1396-Q5", JalaliPeriod.parse),
        ("1499-Q1", JalaliPeriod.parse),
    ],
)
def test_other_bad_values_stay_readable(value: str, call: Callable[[str], object]) -> None:
    """Only a valid national id is masked: a date that does not exist is shown as typed."""
    exc = _raising(lambda: call(value))
    assert value in str(exc)
    assert "*" not in str(exc)


# -- row 25: labels ---------------------------------------------------------------------------


@given(period=periods(), lang=st.sampled_from(["fa", "en"]))
def test_labels_round_trip(period: JalaliPeriod, lang: str) -> None:
    """Every period's label, in either language, parses back to the period."""
    assert JalaliPeriod.parse(period.label(lang)) == period  # type: ignore[arg-type]


def _variants(label: str) -> list[str]:
    """Ways a label reaches a program: marks, extra or missing spaces, ZWNJ, Arabic letters."""
    name, _, year = label.rpartition(" ")
    return [
        label,
        f"\u200f{label}\u200f",
        f"  {name}   {year} ",
        f"{name}{year}",
        f"{name}\u00a0{year}",
        f"{name}\u200c {year}",
        f"{name.replace(' ', chr(0x200C))} {year}",
        label.replace("ی", "ي").replace("ک", "ك"),
        label.upper(),
        label.lower(),
    ]


@given(period=periods(), lang=st.sampled_from(["fa", "en"]), data=st.data())
def test_label_variants_round_trip(period: JalaliPeriod, lang: str, data: st.DataObject) -> None:
    """Spacing, ZWNJ, direction marks, letter case and Arabic yeh/kaf do not stop a label."""
    label = period.label(lang)  # type: ignore[arg-type]
    variant = data.draw(st.sampled_from(_variants(label)))
    assert JalaliPeriod.parse(variant) == period


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("پاییز ۱۳۹۷", "1397-Q3"),  # the issue's examples
        ("Autumn 1397", "1397-Q3"),
        ("بهار ۱۳۹۶", "1396-Q1"),
        ("تابستان ۱۳۹۶", "1396-Q2"),
        ("زمستان ۱۳۹۶", "1396-Q4"),
        ("Winter 1396", "1396-Q4"),
        ("نیمه نخست ۱۳۹۶", "1396-H1"),
        ("نیمه‌نخست ۱۳۹۶", "1396-H1"),
        ("نیمه دوم ۱۳۹۶", "1396-H2"),
        ("First half 1396", "1396-H1"),
        ("second half 1396", "1396-H2"),
        ("مهر ۱۳۹۶", "1396-07"),
        ("Mehr 1396", "1396-07"),
        ("اسفند ۱۴۰۳", "1403-12"),
        ("Esfand 1403", "1403-12"),
        ("۱۳۹۶", "1396"),
        ("پائیز ۱۳۹۷", "1397-Q3"),
        ("Fall 1397", "1397-Q3"),
        ("نیمه اول ۱۳۹۶", "1396-H1"),
        ("امرداد ۱۳۹۶", "1396-05"),
    ],
)
def test_label_table(text: str, expected: str) -> None:
    """Labels in Persian and English, and a few common variants, parse to their period."""
    assert str(JalaliPeriod.parse(text)) == expected


@pytest.mark.parametrize(
    ("text", "error"),
    [
        ("Autum 1397", InvalidPeriodError),
        ("پاییز", InvalidPeriodError),
        ("پاییز ۹۷", InvalidPeriodError),
        ("1397 Autumn", InvalidPeriodError),
        ("Autumn 1397-Q3", InvalidPeriodError),
        ("پاییز ۱۴۹۹", CalendarRangeError),
        ("Mehr 1205", CalendarRangeError),
    ],
)
def test_bad_labels_fail_with_the_accepted_forms(text: str, error: type[Exception]) -> None:
    """A label with an unknown name or no year is an InvalidPeriodError listing the accepted forms,
    labels included; one past the range is a CalendarRangeError."""
    with pytest.raises(error) as info:
        JalaliPeriod.parse(text)
    if error is InvalidPeriodError:
        assert "1396-Q3" in str(info.value)
        assert "Autumn 1396" in str(info.value)
        assert "\n" not in str(info.value)


# -- fuzz: only documented errors come out ----------------------------------------------------

_ALPHABET = st.sampled_from(
    list("0123456789۰۱۲۳۴۵۶۷۸۹٠١٢٣٤٥٦٧٨٩/-:TZ+ .QqHh") + MARKS + ["پاییز", "Autumn", "\u200c"]
)


@given(text=st.lists(_ALPHABET, max_size=14).map("".join) | st.text(max_size=30))
def test_parsers_raise_only_documented_errors(text: str) -> None:
    """Any text gives a date/period or a documented error (one line): never another exception."""
    for parse, errors in (
        (parse_date, (InvalidDateError, CalendarRangeError)),
        (parse_jalali_date, (InvalidDateError, CalendarRangeError)),
        (JalaliPeriod.parse, (InvalidPeriodError, CalendarRangeError)),
    ):
        try:
            result: object = parse(text)
        except errors as exc:
            result = str(exc)
            assert "\n" not in result, result
        assert type(result) in (date, JalaliPeriod, str)
