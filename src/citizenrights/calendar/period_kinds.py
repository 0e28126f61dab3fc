"""The kinds of Jalali reporting period: [`PeriodKind`][citizenrights.calendar.period_kinds.PeriodKind].

A year, a half, a quarter (a season) or a month: how many months a period of the kind spans and how
many of them a year holds. [`JalaliPeriod`][citizenrights.calendar.periods.JalaliPeriod] is one
period of a kind.

Examples:
    >>> PeriodKind.QUARTER.months, PeriodKind.QUARTER.per_year
    (3, 4)
"""

from __future__ import annotations

import enum

__all__ = ["PeriodKind"]


class PeriodKind(enum.StrEnum):
    """The length of a reporting period."""

    YEAR = "year"
    HALF = "half"
    QUARTER = "quarter"
    MONTH = "month"

    @property
    def months(self) -> int:
        """How many months a period of this kind spans (12, 6, 3 or 1)."""
        return _MONTHS[self]

    @property
    def per_year(self) -> int:
        """How many periods of this kind a year holds (1, 2, 4 or 12)."""
        return 12 // _MONTHS[self]


_MONTHS = {PeriodKind.YEAR: 12, PeriodKind.HALF: 6, PeriodKind.QUARTER: 3, PeriodKind.MONTH: 1}
