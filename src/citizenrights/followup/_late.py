"""The one rule for "overdue" and "late" that resolutions and findings share, and the snapshot day.

Something due on ``due`` is overdue at ``as_of`` (if not done), or was late (if done on
``done_on``), when the working days in ``(due, day]`` are at least 1, and that count is its age or
delay. Nothing is ever "overdue by 0 working days".
"""

from __future__ import annotations

from datetime import date

from citizenrights.calendar import WorkCalendar, as_date, parse_date, working_days_between

__all__ = ["DEFAULT_CALENDAR", "as_day", "working_days_late"]

DEFAULT_CALENDAR = WorkCalendar()
"""The working days when none are given: Iran's default week and holidays."""


def as_day(value: date | str, what: str) -> date:
    """The snapshot day ``value`` (a date, or ISO or Jalali text) as a ``date``."""
    if isinstance(value, str):
        return parse_date(value)
    # Anything else by the calendar's one rule: a datetime stands for its day in Iran time (never
    # compared as is: a datetime cannot be ordered against the records' dates), a jdatetime.date
    # for the same day, and any other value is an InvalidDateError naming it.
    return value if type(value) is date else as_date(value, what)


def working_days_late(due: date, day: date, calendar: WorkCalendar) -> int:
    """How late something due on ``due`` is on ``day``: the working days in ``(due, day]``.

    The library's one rule for "overdue" and "late", for resolutions and findings alike: a thing
    not done by ``day`` is overdue, and one done on ``day`` was late, exactly when this is at least
    1, that is once the first working day after its due date has come. It is 0 when ``day`` is on
    or before ``due``, and when only weekend days and holidays follow ``due`` up to ``day``: due
    1397/12/28, nothing is late on 1397/12/29 (a holiday) nor through Nowruz, and it is 1 on
    1398/01/05. A due date on a day off is not moved: the next working day is already 1 late.

    Args:
        due: the due date.
        day: the day of the snapshot (``as_of``), or the day the thing was done.
        calendar: the working days.

    Returns:
        The working days late, 0 or more.
    """
    return working_days_between(due, day, calendar) if day > due else 0
