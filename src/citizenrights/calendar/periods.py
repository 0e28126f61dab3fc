"""Jalali reporting periods: years, halves, quarters (seasons) and months.

Examples:
    >>> p = JalaliPeriod.parse("1396-Q3")
    >>> p.start, p.end
    (datetime.date(2017, 9, 23), datetime.date(2017, 12, 21))
    >>> str(p.next()), p.label("fa"), p.label("en")
    ('1396-Q4', 'پاییز ۱۳۹۶', 'Autumn 1396')
    >>> JalaliPeriod.parse("پاییز ۱۳۹۶") == JalaliPeriod.parse("Autumn 1396") == p
    True
    >>> from datetime import date
    >>> str(period_of(date(2017, 10, 7), PeriodKind.MONTH))
    '1396-07'
"""

from __future__ import annotations

from bisect import bisect_right
from collections.abc import Iterator
from datetime import date
from typing import TYPE_CHECKING, Any, Literal

import attrs

from citizenrights.calendar import _core
from citizenrights.calendar import _period_schema as period_schema
from citizenrights.calendar._period_schema import ACCEPTED_PERIOD_TEXT
from citizenrights.calendar._period_text import period_label, read_period, to_kind
from citizenrights.calendar._yeartable import FIRST_YEAR, NOWRUZ
from citizenrights.calendar.instants import as_date
from citizenrights.calendar.period_kinds import PeriodKind as PeriodKind
from citizenrights.errors import CalendarRangeError, InvalidPeriodError

if TYPE_CHECKING:
    from pydantic import GetCoreSchemaHandler, GetJsonSchemaHandler
    from pydantic.json_schema import JsonSchemaValue
    from pydantic_core import CoreSchema

# PeriodKind lived here before it had a module of its own: the `X as X` import above keeps it
# importable from here.
__all__ = ["JalaliPeriod", "iter_periods", "period_of"]


# Indexed by month - 1: the index of the half / quarter a month falls in.
_HALF_OF_MONTH = tuple(m // 6 + 1 for m in range(12))
_QUARTER_OF_MONTH = tuple(m // 3 + 1 for m in range(12))


@attrs.frozen(eq=True, order=False, repr=False)
class JalaliPeriod:
    """A Jalali reporting period: ``JalaliPeriod(kind, year, index)``.

    ``index`` is 1 for a year, 1–2 for a half, 1–4 for a quarter and 1–12 for a month. Periods are
    immutable and hashable, and ordered by start day (a longer period first when two start together).
    The canonical text is ``1396``, ``1396-H2``, ``1396-Q3`` or ``1396-07``; ``str(p)`` gives it and
    [`parse`][citizenrights.calendar.periods.JalaliPeriod.parse] reads it. In a pydantic model a period field is read from that text and written
    back to it.

    Raises:
        InvalidPeriodError: for an unknown kind, a non-integer year or index, or an index that the
            kind does not have.
        CalendarRangeError: for a year outside 1206–1498.

    Examples:
        >>> JalaliPeriod(PeriodKind.HALF, 1396, 2)
        JalaliPeriod.parse('1396-H2')
        >>> JalaliPeriod.parse("1396-Q3").contains_period(JalaliPeriod.parse("1396-08"))
        True
    """

    kind: PeriodKind = attrs.field(converter=to_kind)
    year: int
    index: int = 1
    # Set once by __attrs_post_init__: the first and last day, as ordinals and as dates, so that
    # start, end and `in` cost an attribute read in hot loops. Not part of equality or hashing.
    _start_ordinal: int = attrs.field(init=False, eq=False, repr=False)
    _end_ordinal: int = attrs.field(init=False, eq=False, repr=False)
    _start: date = attrs.field(init=False, eq=False, repr=False)
    _end: date = attrs.field(init=False, eq=False, repr=False)

    def __attrs_post_init__(self) -> None:
        if type(self.year) is not int or type(self.index) is not int:
            raise InvalidPeriodError(
                f"A period's year and index must be integers; got year={_core.shown(self.year)}, "
                f"index={_core.shown(self.index)}.",
                value=(self.kind, _core.masked(self.year), _core.masked(self.index)),
            )
        per_year = self.kind.per_year
        if not 1 <= self.index <= per_year:
            raise InvalidPeriodError(
                f"A {self.kind.value} period has index 1 to {per_year}; got {self.index} "
                f"(year {self.year}). Expected {ACCEPTED_PERIOD_TEXT}.",
                value=(self.kind, self.year, self.index),
            )
        _core.check_year(self.year)
        i = self.year - FIRST_YEAR
        months = self.kind.months
        first_month = (self.index - 1) * months + 1
        start = NOWRUZ[i] + _core.MONTH_START[first_month - 1]
        last_month = first_month + months - 1
        if last_month == 12:
            end = NOWRUZ[i + 1] - 1
        else:
            end = NOWRUZ[i] + _core.MONTH_START[last_month] - 1
        object.__setattr__(self, "_start_ordinal", start)
        object.__setattr__(self, "_end_ordinal", end)
        object.__setattr__(self, "_start", date.fromordinal(start))
        object.__setattr__(self, "_end", date.fromordinal(end))

    # -- text ---------------------------------------------------------------------------------

    @classmethod
    def parse(cls, text: str) -> JalaliPeriod:
        r"""Read a period from its canonical text or from its label, in Persian or English.

        The text is first cleaned by [`citizenrights.text.clean_value`][citizenrights.text.clean_value]: direction marks
        (U+200E, U+200F, …) and surrounding space are dropped and Persian or Arabic-Indic digits
        read as Latin. A label is read the way [`label`][citizenrights.calendar.periods.JalaliPeriod.label] writes it, in either language, with
        any letter case, spacing, zero-width non-joiners and Arabic ``ي``/``ك``; a few common
        variants are read too (``پائیز``, ``نیمه اول``, ``امرداد``, ``Fall``).

        Args:
            text: ``1396``, ``1396-H2``, ``1396-Q3`` or ``1396-07`` (``h``/``q`` in any case, a
                one-digit month), or a label: ``پاییز ۱۳۹۶``, ``Autumn 1396``, ``نیمه نخست ۱۳۹۶``,
                ``First half 1396``, ``مهر ۱۳۹۶``, ``Mehr 1396``, ``۱۳۹۶``.

        Returns:
            The period.

        Raises:
            InvalidPeriodError: for text that is not a period, or an index that does not exist.
            CalendarRangeError: for a year outside 1206–1498.

        Examples:
            >>> JalaliPeriod.parse("۱۳۹۶-Q۳") == JalaliPeriod(PeriodKind.QUARTER, 1396, 3)
            True
            >>> JalaliPeriod.parse("1396-Q3\u200f"), JalaliPeriod.parse("نیمه دوم ۱۳۹۶")
            (JalaliPeriod.parse('1396-Q3'), JalaliPeriod.parse('1396-H2'))
        """
        kind, year, index = read_period(text)
        try:
            return _make(kind, year, index)
        except CalendarRangeError as exc:
            raise CalendarRangeError(
                f"{exc} (parsing {_core.shown(text)})", value=_core.masked(text)
            ) from None

    def __str__(self) -> str:
        kind = self.kind
        if kind is PeriodKind.YEAR:
            return str(self.year)
        if kind is PeriodKind.HALF:
            return f"{self.year}-H{self.index}"
        if kind is PeriodKind.QUARTER:
            return f"{self.year}-Q{self.index}"
        return f"{self.year}-{self.index:02d}"

    def __repr__(self) -> str:
        return f"JalaliPeriod.parse({str(self)!r})"

    def label(self, lang: Literal["fa", "en"] = "fa") -> str:
        """A human label: ``پاییز ۱۳۹۶`` / ``Autumn 1396``, ``مهر ۱۳۹۶`` / ``Mehr 1396``.

        Args:
            lang: ``"fa"`` (Persian, Persian digits) or ``"en"``.

        Returns:
            The label.

        Raises:
            UnsupportedLanguageError: for another ``lang`` (the calendar does not import
                [`check_lang`][citizenrights.vocabulary.check_lang], which imports the calendar).
        """
        return period_label(self.kind, self.year, self.index, lang)

    # -- days ---------------------------------------------------------------------------------

    @property
    def first_month(self) -> int:
        """The Jalali month (1–12) the period starts in."""
        return (self.index - 1) * self.kind.months + 1

    @property
    def start(self) -> date:
        """The first day of the period."""
        return self._start

    @property
    def end(self) -> date:
        """The last day of the period (inclusive)."""
        return self._end

    @property
    def days(self) -> int:
        """The number of days in the period."""
        return self._end_ordinal - self._start_ordinal + 1

    def __contains__(self, d: object) -> bool:
        if type(d) is not date:
            if not isinstance(d, date):
                return False
            d = as_date(d, "JalaliPeriod.__contains__")  # a datetime: its day in Iran
        return self._start_ordinal <= d.toordinal() <= self._end_ordinal

    def contains_period(self, other: JalaliPeriod) -> bool:
        """Whether ``other`` lies wholly inside this period."""
        return (
            self._start_ordinal <= other._start_ordinal and other._end_ordinal <= self._end_ordinal
        )

    # -- steps --------------------------------------------------------------------------------

    def shift(self, n: int) -> JalaliPeriod:
        """The period ``n`` steps of the same kind later (earlier for negative ``n``).

        Raises:
            CalendarRangeError: when the result would leave the supported range.

        Examples:
            >>> str(JalaliPeriod.parse("1396-Q4").shift(1)), str(JalaliPeriod.parse("1396-01").shift(-1))
            ('1397-Q1', '1395-12')
        """
        per_year = self.kind.per_year
        year, i = divmod(self.year * per_year + self.index - 1 + n, per_year)
        return _make(self.kind, year, i + 1)

    def next(self) -> JalaliPeriod:
        """The following period of the same kind."""
        return self.shift(1)

    def previous(self) -> JalaliPeriod:
        """The preceding period of the same kind."""
        return self.shift(-1)

    # -- order --------------------------------------------------------------------------------

    def _key(self) -> tuple[int, int]:
        return (self._start_ordinal, -self.kind.months)

    def __lt__(self, other: object) -> bool:
        if not isinstance(other, JalaliPeriod):
            return NotImplemented
        return self._key() < other._key()

    def __le__(self, other: object) -> bool:
        if not isinstance(other, JalaliPeriod):
            return NotImplemented
        return self._key() <= other._key()

    def __gt__(self, other: object) -> bool:
        if not isinstance(other, JalaliPeriod):
            return NotImplemented
        return self._key() > other._key()

    def __ge__(self, other: object) -> bool:
        if not isinstance(other, JalaliPeriod):
            return NotImplemented
        return self._key() >= other._key()

    # -- pydantic -----------------------------------------------------------------------------

    @classmethod
    def __get_pydantic_core_schema__(
        cls, source: type[Any], handler: GetCoreSchemaHandler
    ) -> CoreSchema:
        return period_schema.core_schema_of(cls)

    @classmethod
    def __get_pydantic_json_schema__(
        cls, schema: CoreSchema, handler: GetJsonSchemaHandler
    ) -> JsonSchemaValue:
        if handler.mode == "serialization":
            return dict(period_schema.PERIOD_JSON_SCHEMA)
        return dict(period_schema.PERIOD_INPUT_JSON_SCHEMA)


# Periods are immutable: share one instance per (kind, year, index) so that period_of in a hot
# loop builds nothing. Each kind has a flat table, slot (year - FIRST_YEAR) * per_year + index - 1,
# filled on first use; an int index is cheaper than hashing a (kind, year, index) key.
_TABLES: dict[PeriodKind, list[JalaliPeriod | None]] = {
    kind: [None] * (_core.YEARS * kind.per_year) for kind in PeriodKind
}
_YEAR_TABLE = _TABLES[PeriodKind.YEAR]
_HALF_TABLE = _TABLES[PeriodKind.HALF]
_QUARTER_TABLE = _TABLES[PeriodKind.QUARTER]
_MONTH_TABLE = _TABLES[PeriodKind.MONTH]


def _make(kind: PeriodKind, year: int, index: int) -> JalaliPeriod:
    """The shared period (kind, year, index); the constructor's errors for one that does not exist."""
    per_year = kind.per_year
    i = year - FIRST_YEAR
    if type(year) is not int or not 0 <= i < _core.YEARS or not 1 <= index <= per_year:
        return JalaliPeriod(kind, year, index)  # raises the precise error
    return _TABLES[kind][i * per_year + index - 1] or _fill(kind, year, index)


def _fill(kind: PeriodKind, year: int, index: int) -> JalaliPeriod:
    period = JalaliPeriod(kind, year, index)
    _TABLES[kind][(year - FIRST_YEAR) * kind.per_year + index - 1] = period
    return period


def period_of(d: date, kind: PeriodKind | str) -> JalaliPeriod:
    """The period of the given kind that contains a day.

    Args:
        d: the day; a ``datetime`` gives its day in Iran time (aware: converted to Asia/Tehran;
            naive: as is).
        kind: a [`PeriodKind`][citizenrights.calendar.period_kinds.PeriodKind] or its value (``"quarter"``).

    Returns:
        The period.

    Raises:
        InvalidPeriodError: for an unknown kind.
        CalendarRangeError: for a day outside the supported range.
        InvalidDateError: for a ``d`` that is not a date or datetime.

    Examples:
        >>> str(period_of(date(2017, 10, 7), PeriodKind.QUARTER))
        '1396-Q3'
    """
    if type(d) is not date:
        d = as_date(d, "period_of")
    ordinal = d.toordinal()
    i = bisect_right(NOWRUZ, ordinal) - 1
    if not 0 <= i < _core.YEARS:
        raise _core.date_range_error(d.isoformat())
    month = _core.MONTH_DAY[ordinal - NOWRUZ[i]][0]
    if kind is PeriodKind.QUARTER:
        index = _QUARTER_OF_MONTH[month - 1]
        period = _QUARTER_TABLE[i * 4 + index - 1]
    elif kind is PeriodKind.MONTH:
        index = month
        period = _MONTH_TABLE[i * 12 + index - 1]
    elif kind is PeriodKind.HALF:
        index = _HALF_OF_MONTH[month - 1]
        period = _HALF_TABLE[i * 2 + index - 1]
    elif kind is PeriodKind.YEAR:
        index = 1
        period = _YEAR_TABLE[i]
    else:
        return period_of(d, to_kind(kind))
    return period or _fill(kind, FIRST_YEAR + i, index)


def iter_periods(first: JalaliPeriod, last: JalaliPeriod) -> Iterator[JalaliPeriod]:
    """Every period from ``first`` to ``last``, both included, in order.

    Args:
        first: the first period.
        last: the last period, of the same kind; nothing is yielded when it is before ``first``.

    Yields:
        The periods.

    Raises:
        InvalidPeriodError: when the two periods are of different kinds.

    Examples:
        >>> [str(p) for p in iter_periods(JalaliPeriod.parse("1396-Q3"), JalaliPeriod.parse("1397-Q2"))]
        ['1396-Q3', '1396-Q4', '1397-Q1', '1397-Q2']
    """
    if first.kind is not last.kind:
        raise InvalidPeriodError(
            f"iter_periods needs two periods of one kind; got {first} ({first.kind.value}) and "
            f"{last} ({last.kind.value}).",
            value=(str(first), str(last)),
        )
    per_year = first.kind.per_year
    start = first.year * per_year + first.index - 1
    stop = last.year * per_year + last.index - 1
    for n in range(start, stop + 1):
        year, i = divmod(n, per_year)
        yield _make(first.kind, year, i + 1)
