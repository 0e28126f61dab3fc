"""Jalali dates: conversion, parsing and formatting.

A date inside the library is always a `datetime.date`; Jalali is for the edges. A
``datetime`` given where a day is expected is taken to its day in Iran time (an aware one converted
to Asia/Tehran, a naive one read as Iran local time), and text is cleaned first (direction marks
removed, Persian and Arabic-Indic digits read as Latin) by [`citizenrights.text.clean_value`][citizenrights.text.clean_value].

Examples:
    >>> from datetime import date
    >>> to_jalali(date(2017, 10, 7))
    (1396, 7, 15)
    >>> from_jalali(1396, 7, 15)
    datetime.date(2017, 10, 7)
    >>> parse_jalali_date("۱۳۹۶/۰۷/۱۵")
    datetime.date(2017, 10, 7)
    >>> format_jalali(date(2017, 10, 7), "%d %B %Y", digits="persian")
    '۱۵ مهر ۱۳۹۶'
"""

from __future__ import annotations

import operator
import re
from bisect import bisect_right
from datetime import date
from typing import Any, Literal

from citizenrights.calendar import _core
from citizenrights.calendar._yeartable import FIRST_YEAR, NOWRUZ
from citizenrights.calendar.instants import as_date
from citizenrights.errors import CalendarRangeError, InvalidDateError
from citizenrights.text import clean_value, to_persian_digits

__all__ = [
    "MONTH_NAMES_EN",
    "MONTH_NAMES_FA",
    "WEEKDAY_NAMES_FA",
    "format_jalali",
    "from_jalali",
    "parse_date",
    "parse_jalali_date",
    "to_jalali",
]

#: Persian month names, Farvardin first.
MONTH_NAMES_FA: tuple[str, ...] = (
    "فروردین",
    "اردیبهشت",
    "خرداد",
    "تیر",
    "مرداد",
    "شهریور",
    "مهر",
    "آبان",
    "آذر",
    "دی",
    "بهمن",
    "اسفند",
)
#: The month names as usually written in English.
MONTH_NAMES_EN: tuple[str, ...] = (
    "Farvardin",
    "Ordibehesht",
    "Khordad",
    "Tir",
    "Mordad",
    "Shahrivar",
    "Mehr",
    "Aban",
    "Azar",
    "Dey",
    "Bahman",
    "Esfand",
)
#: Persian weekday names indexed like ``date.weekday()`` (Monday is 0).
WEEKDAY_NAMES_FA: tuple[str, ...] = (
    "دوشنبه",
    "سه‌شنبه",
    "چهارشنبه",
    "پنجشنبه",
    "جمعه",
    "شنبه",
    "یکشنبه",
)

# Latin, Persian or Arabic-Indic digits only: \d would also take Devanagari, fullwidth and every
# other Unicode digit, which int() reads but DESIGN does not accept.
_DIGIT = "[0-9\u06f0-\u06f9\u0660-\u0669]"
_DATE_TEXT = re.compile(rf"({_DIGIT}{{4}})([/-])({_DIGIT}{{1,2}})\2({_DIGIT}{{1,2}})")
#: Years below this in a date string are Jalali; from it on, Gregorian.
JALALI_YEAR_LIMIT = _core.JALALI_YEAR_LIMIT
_ACCEPTED = "a Jalali date like '1396/07/15', '1396-7-15' or '۱۳۹۶/۰۷/۱۵'"
_EITHER = f"{_ACCEPTED}, an ISO Gregorian date like '2017-10-07', or {_core.TIMESTAMP_TEXT}"


def to_jalali(d: date) -> tuple[int, int, int]:
    """Convert a Gregorian date to a Jalali (year, month, day).

    Args:
        d: a date between 1827-03-22 and 2120-03-20 (1206/01/01 to 1498/12/30 AP); a
            ``datetime`` gives its day in Iran time (aware: converted to Asia/Tehran; naive: as is).

    Returns:
        The Jalali year, month (1–12) and day.

    Raises:
        CalendarRangeError: for a date outside the supported range.
        InvalidDateError: for a value that is not a date or datetime.

    Examples:
        >>> to_jalali(date(2018, 3, 21))
        (1397, 1, 1)
        >>> from datetime import datetime, timezone
        >>> to_jalali(datetime(2017, 10, 7, 23, 30, tzinfo=timezone.utc))  # 03:00 on the 8th in Tehran
        (1396, 7, 16)
    """
    if type(d) is not date:
        d = as_date(d, "to_jalali")
    # Inlined from _core.ordinal_to_jalali: this is the hot path of every report.
    ordinal = d.toordinal()
    i = bisect_right(NOWRUZ, ordinal) - 1
    if not 0 <= i < _core.YEARS:
        raise _core.date_range_error(d.isoformat())
    month, day = _core.MONTH_DAY[ordinal - NOWRUZ[i]]
    return FIRST_YEAR + i, month, day


def from_jalali(year: int, month: int, day: int) -> date:
    """Convert a Jalali date to a Gregorian `date`.

    Args:
        year: Jalali year, 1206 to 1498.
        month: 1 (Farvardin) to 12 (Esfand).
        day: 1 to the length of the month.

    Returns:
        The same day as a ``datetime.date``.

    Raises:
        InvalidDateError: for a day that does not exist, such as 1397/12/30 or 1396/07/31, or a
            part that is not an integer (``"15"``, ``15.0``, ``True``).
        CalendarRangeError: for a year outside the supported range.

    Examples:
        >>> from_jalali(1395, 12, 30)
        datetime.date(2017, 3, 20)
    """
    # The fast path checks no types: text, floats and the like fail in its arithmetic or indexing
    # (a float index, a float ordinal), and go on to the full check, which names them. Only True
    # would pass as 1, and is tested for by identity, which costs next to nothing.
    try:
        i = year - FIRST_YEAR
        if (
            0 <= i < _core.YEARS
            and 1 <= month <= 12
            and 1 <= day <= _core.MONTH_LIMIT[month - 1]
            and month is not True
            and day is not True
        ):
            return date.fromordinal(NOWRUZ[i] + _core.MONTH_START[month - 1] + day - 1)
    except (TypeError, ValueError, ArithmeticError):
        pass
    # Esfand 30, a date that does not exist, or parts that are not integers: the full check says
    # which.
    if not (type(year) is int and type(month) is int and type(day) is int):
        year, month, day = _integers(year, month, day)
    return date.fromordinal(_core.jalali_to_ordinal(year, month, day))


def _integers(year: object, month: object, day: object) -> tuple[int, int, int]:
    """The parts of a Jalali date as ints: any integer type but bool (numpy's too), not text.

    Raises:
        InvalidDateError: naming the first part that is not an integer.
    """
    parts: list[int] = []
    given: tuple[tuple[str, Any], ...] = (("year", year), ("month", month), ("day", day))
    for name, value in given:
        try:
            if isinstance(value, bool):
                raise TypeError
            parts.append(operator.index(value))
        except TypeError:
            raise InvalidDateError(
                f"A Jalali {name} is an integer; got {type(value).__name__} {_core.shown(value)} "
                f"in from_jalali({_core.shown(year)}, {_core.shown(month)}, {_core.shown(day)}).",
                value=(_core.masked(year), _core.masked(month), _core.masked(day)),
            ) from None
    return parts[0], parts[1], parts[2]


def _match_date(text: str, what: str) -> tuple[re.Match[str] | None, str]:
    """The parts of date text (year, separator, month, day), and the text as matched.

    Plain date text matches as given: Persian and Arabic-Indic digits need no translation first
    (the pattern's digit class matches them, and only them, and ``int`` reads them). Only text that
    does not is cleaned by ``clean_value`` (direction marks, surrounding space) and matched again.

    Returns:
        The match, or ``None`` with the cleaned text when even that is no date.

    Raises:
        InvalidDateError: for a value that is not text.
    """
    if type(text) is str:
        match = _DATE_TEXT.fullmatch(text)
        if match is not None:
            return match, text
    elif not isinstance(text, str):  # not text: None, a number, bytes
        raise InvalidDateError(
            f"Expected {what} as text; got {type(text).__name__} {_core.shown(text)}.",
            value=_core.masked(text),
        )
    cleaned = clean_value(text)
    return _DATE_TEXT.fullmatch(cleaned), cleaned


def _no_date(text: str, what: str) -> InvalidDateError:
    return InvalidDateError(f"Expected {what}; got {_core.shown(text)}.", value=_core.masked(text))


def _jalali_date(year: int, month: int, day: int, text: str) -> date:
    try:
        return from_jalali(year, month, day)
    except (InvalidDateError, CalendarRangeError) as exc:
        # Re-raise with the text as the caller gave it, keeping the reason.
        raise type(exc)(f"{exc} (parsing {_core.shown(text)})", value=_core.masked(text)) from None


def parse_jalali_date(text: str) -> date:
    """Parse Jalali date text: ``1396/07/15``, ``1396-7-15``, ``۱۳۹۶/۰۷/۱۵`` or ``١٣٩٦/٠٧/١٥``.

    Month and day take one or two digits; the separator is ``/`` or ``-`` (the same one twice).
    Direction marks and surrounding space copied from a Persian document are ignored.

    Args:
        text: the date text.

    Returns:
        The day as a ``datetime.date``.

    Raises:
        InvalidDateError: for empty or malformed text, a Gregorian-looking year, a day that does
            not exist (1396/13/01, 1397/12/30), or a value that is not text.
        CalendarRangeError: for a year outside 1206–1498.

    Examples:
        >>> parse_jalali_date("1396-7-15")
        datetime.date(2017, 10, 7)
    """
    match, _ = _match_date(text, _ACCEPTED)
    if match is None:
        raise _no_date(text, _ACCEPTED)
    year = int(match[1])
    if year >= JALALI_YEAR_LIMIT:
        raise InvalidDateError(
            f"Expected {_ACCEPTED}; got {_core.shown(text)}, whose year {year} looks Gregorian "
            "(use parse_date for text that may be either).",
            value=_core.masked(text),
        )
    return _jalali_date(year, int(match[3]), int(match[4]), text)


def parse_date(text: str) -> date:
    r"""Parse date text that is either Jalali or ISO Gregorian, or an ISO 8601 timestamp.

    The rule: a year below 1700 is Jalali (``1396/07/15``, ``۱۳۹۶-۰۷-۱۵``), otherwise the text must be
    an ISO Gregorian date (``2017-10-07``). Either way the date must lie in the supported range.
    Timestamp text, as backends send it (``2017-10-07T23:30:00+00:00``, ``...Z``, or without an
    offset), gives its day in Iran time: with an offset it is converted to Asia/Tehran first (that
    one is 2017-10-08, 1396/07/16); without one it is taken as Iran local time. Direction marks and
    surrounding space are ignored, and Persian or Arabic-Indic digits read as Latin.

    Args:
        text: the date text.

    Returns:
        The day as a ``datetime.date``.

    Raises:
        InvalidDateError: for text that is neither, a day that does not exist, or a value that
            is not text.
        CalendarRangeError: for a date outside the supported range.

    Examples:
        >>> parse_date("2017-10-07") == parse_date("1396/07/15")
        True
        >>> parse_date("\u200f1402/01/01")
        datetime.date(2023, 3, 21)
        >>> parse_date("2017-10-07T23:30:00+00:00")
        datetime.date(2017, 10, 8)
    """
    match, cleaned = _match_date(text, _EITHER)
    if match is None:
        day_ = _core.timestamp_day(cleaned, "parse_date")
        if day_ is None:
            raise _no_date(text, _EITHER)
        return _gregorian_in_range(day_, text)
    year, month, day = int(match[1]), int(match[3]), int(match[4])
    if year < JALALI_YEAR_LIMIT:
        return _jalali_date(year, month, day, text)
    # ISO is YYYY-MM-DD exactly: '-' and two-digit month and day.
    if match[2] != "-" or len(match[3]) != 2 or len(match[4]) != 2:
        raise InvalidDateError(
            "Expected an ISO Gregorian date like '2017-10-07' (YYYY-MM-DD); got "
            f"{_core.shown(text)}.",
            value=_core.masked(text),
        )
    try:
        result = date(year, month, day)
    except ValueError:
        raise InvalidDateError(
            f"Gregorian date {_core.shown(text)} does not exist (month {month}, day {day}).",
            value=_core.masked(text),
        ) from None
    return _gregorian_in_range(result, text)


def _gregorian_in_range(result: date, text: str) -> date:
    if not _core.FIRST_ORDINAL <= result.toordinal() < _core.END_ORDINAL:
        raise CalendarRangeError(
            f"Date {_core.shown(text)} is outside the supported range {_core.RANGE_TEXT}.",
            value=_core.masked(text),
        )
    return result


_DIRECTIVE = re.compile(r"%(.)")


def format_jalali(
    d: date, fmt: str = "%Y/%m/%d", *, digits: Literal["latin", "persian"] = "latin"
) -> str:
    """Format a date in the Jalali calendar.

    Directives: ``%Y`` year, ``%m`` month (two digits), ``%d`` day (two digits), ``%B`` Persian month
    name, ``%b`` month name in English letters, ``%A`` Persian weekday name, ``%j`` day of the year
    (three digits), ``%%`` a percent sign.

    Args:
        d: the date (a ``datetime`` gives its day in Iran time).
        fmt: the format.
        digits: ``"latin"`` (default) or ``"persian"`` for ۰–۹.

    Returns:
        The formatted text.

    Raises:
        ValueError: for an unknown directive or ``digits`` value.
        CalendarRangeError: for a date outside the supported range.
        InvalidDateError: for a value that is not a date or datetime.

    Examples:
        >>> format_jalali(date(2017, 10, 7))
        '1396/07/15'
        >>> format_jalali(date(2017, 10, 7), "%A %d %B %Y")
        'شنبه 15 مهر 1396'
    """
    if digits not in ("latin", "persian"):
        raise ValueError(f"digits must be 'latin' or 'persian'; got {digits!r}.")
    if type(d) is not date:
        d = as_date(d, "format_jalali")
    year, month, day = to_jalali(d)

    def field(match: re.Match[str]) -> str:
        code = match[1]
        if code == "Y":
            return str(year)
        if code == "m":
            return f"{month:02d}"
        if code == "d":
            return f"{day:02d}"
        if code == "B":
            return MONTH_NAMES_FA[month - 1]
        if code == "b":
            return MONTH_NAMES_EN[month - 1]
        if code == "A":
            return WEEKDAY_NAMES_FA[d.weekday()]
        if code == "j":
            return f"{_core.MONTH_START[month - 1] + day:03d}"
        if code == "%":
            return "%"
        raise ValueError(
            f"Unknown directive %{code} in format {fmt!r}; use %Y %m %d %B %b %A %j or %%."
        )

    out = _DIRECTIVE.sub(field, fmt)
    return to_persian_digits(out) if digits == "persian" else out
