"""The one rule for a day coming in: [`as_date`][citizenrights.calendar.instants.as_date].

Every public function of the calendar package that takes a day passes anything that is not exactly
a ``datetime.date`` through it: a ``datetime`` is taken to its calendar day **in Iran time**
(Asia/Tehran, with its history of daylight saving time), a ``jdatetime`` value to the same day.
"""

from __future__ import annotations

from datetime import date, datetime

from citizenrights.calendar import _core
from citizenrights.errors import InvalidDateError

__all__ = ["as_date"]


def as_date(value: object, where: str = "a date") -> date:
    """The calendar day of a value given where a day is expected: the library's one rule.

    - a ``datetime.date`` is that day (a subclass becomes a plain ``date``);
    - an aware ``datetime`` is converted to Iran time (Asia/Tehran) and gives that day there:
      ``2017-10-07T23:30:00+00:00`` is 2017-10-08 (1396/07/16) in Tehran;
    - a naive ``datetime`` is taken to be Iran local time already: its ``.date()``;
    - a ``jdatetime.date`` is the same day, a ``jdatetime.datetime`` follows the datetime rule.

    Callers on a hot path test ``type(value) is date`` first and call this only otherwise.

    Args:
        value: the value given.
        where: the function or field it was given to, for the message.

    Returns:
        The day, a plain ``datetime.date`` (never a datetime).

    Raises:
        InvalidDateError: for anything else (text, a number, ``None``), naming it.
        CalendarRangeError: for an aware datetime whose Iran day is past year 9999.

    Examples:
        >>> from datetime import datetime, timezone
        >>> as_date(datetime(2017, 10, 7, 23, 30, tzinfo=timezone.utc))
        datetime.date(2017, 10, 8)
        >>> as_date(datetime(2017, 10, 7, 23, 30))
        datetime.date(2017, 10, 7)
    """
    if isinstance(value, datetime):
        return _core.iran_day(value, where)
    if isinstance(value, date):
        return value if type(value) is date else date(value.year, value.month, value.day)
    if type(value).__module__ == "jdatetime":
        # Imported only for a value of that module, so that importing the library stays fast.
        import jdatetime

        if isinstance(value, jdatetime.datetime):
            return _core.iran_day(value.togregorian(), where)
        if isinstance(value, jdatetime.date):
            return as_date(value.togregorian(), where)
    raise InvalidDateError(
        f"{where} expects a datetime.date, or a datetime (taken to its day in Iran time); got "
        f"{type(value).__name__} {_core.shown(value)}.",
        value=_core.masked(value),
    )
