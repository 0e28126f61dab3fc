"""Training coverage: how far a training programme has reached its audiences, quarter by quarter.

Circular 1091808 of 1395/12/22 requires two courses, «منشور حقوق شهروندی» and «حقوق شهروندی در
نظام اداری», for all managers and staff by the end of 1397, with a report every quarter; the first
seed's memorandum has such courses given through the public-management training centres of the
provinces. [`training_coverage`][citizenrights.followup.training.training_coverage] reads a
[`TrainingProgramme`][citizenrights.models.memorandum.TrainingProgramme], the training records and
the agencies' staff counts, and gives for every quarter of a period and every course of the
programme:

- the people of each audience of the programme who had attended the course by the end of the
  quarter (counted from the programme's ``issued`` day; each person once, by ``person_id``);
- ``persons``: the people of any of the programme's audiences who had attended it;
- ``staff``: the staff of the agencies in scope (the latest ``stats`` row of each agency whose
  period starts by the end of the quarter; agencies without one are left out, and ``None`` when no
  agency has one);
- ``share``: ``persons ÷ staff``, at most 1;
- ``target``: the share a steady pace from ``issued`` to ``deadline`` would have reached by the end
  of the quarter (1 from the deadline on);
- ``status``: ``met`` (share 1), ``on_track`` (share ≥ target), ``behind``, or ``unknown``
  (no staff count).

A training counts toward a course when its ``course_code`` is the course's code, or, without a
code, when its ``course`` title is the course's title (after Persian normalisation); only
attendance counts (role ``attendee``), in the agencies of the scope.

Examples:
    >>> from citizenrights import load_demo
    >>> demo = load_demo()
    >>> (programme,) = demo.training_programmes
    >>> c = training_coverage(programme, demo.trainings, demo.stats, demo.agencies, "1397")
    >>> c.courses
    ('CR-CHARTER', 'CR-ADMIN')
    >>> [(str(r.quarter), r.course, r.persons, r.staff, r.status) for r in c.latest()]
    [('1397-Q4', 'CR-CHARTER', 2364, 4223, 'behind'), ('1397-Q4', 'CR-ADMIN', 231, 4223, 'behind')]
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Mapping
from types import MappingProxyType
from typing import Any

import attrs

from citizenrights.calendar import JalaliPeriod, PeriodKind, iter_periods, period_of
from citizenrights.followup._scope import Scope, scope_ids
from citizenrights.models.activity import (
    AgencyStats,
    TrainingAudience,
    TrainingRecord,
    TrainingRole,
)
from citizenrights.models.agencies import AgencyRegistry
from citizenrights.models.memorandum import TrainingProgramme
from citizenrights.results import pydantic_support
from citizenrights.text import normalize_persian

__all__ = ["CourseQuarter", "TrainingCoverage", "TrainingTally", "training_coverage"]

#: The statuses of a course in a quarter, from best to worst.
STATUSES = ("met", "on_track", "behind", "unknown")


def _audiences(value: Mapping[str, int]) -> Mapping[str, int]:
    return MappingProxyType(dict(value))


def _titles(value: Mapping[str, str]) -> Mapping[str, str]:
    return MappingProxyType(dict(value))


def _plain(values: tuple[Any, ...]) -> tuple[Any, ...]:
    # Read-only mappings do not pickle: hand plain dicts to the constructor, which wraps them.
    return tuple(dict(v) if isinstance(v, Mapping) else v for v in values)


@pydantic_support()
@attrs.frozen
class CourseQuarter:
    """One course of a programme at the end of one quarter.

    Attributes:
        quarter: the quarter.
        course: the course's code.
        by_audience: people who had attended it, by audience (``manager``, ``employee``, ...).
        persons: people of any of the programme's audiences who had attended it.
        staff: the staff of the agencies in scope; ``None`` when unknown.
        share: ``persons ÷ staff``, at most 1; ``None`` when the staff is unknown.
        target: the share a steady pace to the deadline would have reached (0 to 1).
        status: ``met``, ``on_track``, ``behind`` or ``unknown``.
        past_deadline: whether the quarter ends after the programme's deadline.
    """

    quarter: JalaliPeriod
    course: str
    by_audience: Mapping[str, int] = attrs.field(converter=_audiences, hash=False)
    persons: int
    staff: int | None
    share: float | None
    target: float
    status: str
    past_deadline: bool

    def __reduce__(self) -> tuple[type[CourseQuarter], tuple[Any, ...]]:
        return (CourseQuarter, _plain(attrs.astuple(self, recurse=False)))

    def to_dict(self) -> dict[str, Any]:
        """JSON-ready data with stable keys."""
        return {
            "quarter": str(self.quarter),
            "course": self.course,
            "by_audience": dict(self.by_audience),
            "persons": self.persons,
            "staff": self.staff,
            "share": self.share,
            "target": self.target,
            "status": self.status,
            "past_deadline": self.past_deadline,
        }


@pydantic_support()
@attrs.frozen
class TrainingCoverage:
    """A training programme's coverage of a scope's staff, quarter by quarter.

    Attributes:
        programme: the programme's code.
        title: the programme's title (Persian).
        title_en: its English title, if the data gives one.
        period: the period looked at.
        scope: the agency whose subtree was looked at, or ``None`` for every agency.
        deadline: the programme's deadline.
        courses: the programme's course codes, in its order.
        course_titles: each course's Persian title, by code.
        audiences: the programme's audiences.
        rows: one row per quarter of the period and course, by quarter then course.
    """

    programme: str
    title: str
    title_en: str | None
    period: JalaliPeriod
    scope: str | None
    deadline: dt.date
    courses: tuple[str, ...]
    course_titles: Mapping[str, str] = attrs.field(converter=_titles, hash=False)
    audiences: tuple[TrainingAudience, ...]
    rows: tuple[CourseQuarter, ...]

    def __reduce__(self) -> tuple[type[TrainingCoverage], tuple[Any, ...]]:
        return (TrainingCoverage, _plain(attrs.astuple(self, recurse=False)))

    @property
    def quarters(self) -> tuple[JalaliPeriod, ...]:
        """The quarter of each row, in row order."""
        return tuple(r.quarter for r in self.rows)

    def latest(self) -> tuple[CourseQuarter, ...]:
        """The rows of the last quarter of the period, one per course."""
        if not self.rows:
            return ()
        last = self.rows[-1].quarter
        return tuple(r for r in self.rows if r.quarter == last)

    def to_dict(self) -> dict[str, Any]:
        """JSON-ready data with stable keys."""
        return {
            "programme": self.programme,
            "title": self.title,
            "title_en": self.title_en,
            "period": str(self.period),
            "scope": self.scope,
            "deadline": self.deadline.isoformat(),
            "courses": list(self.courses),
            "course_titles": dict(self.course_titles),
            "audiences": [a.value for a in self.audiences],
            "rows": [r.to_dict() for r in self.rows],
        }


def training_coverage(
    programme: TrainingProgramme,
    trainings: Iterable[TrainingRecord],
    stats: Iterable[AgencyStats],
    registry: AgencyRegistry,
    period: JalaliPeriod | str,
    *,
    scope: Scope = None,
) -> TrainingCoverage:
    """A programme's coverage of the staff of a scope, for every quarter of a period.

    Args:
        programme: the training programme (its courses, audiences, issue day and deadline).
        trainings: training records of any agencies and dates (``trainings.csv``).
        stats: the agencies' staff counts per period (``stats.csv``).
        registry: the agencies.
        period: the period whose quarters are reported (``1397``, ``1397-H1``, ``1397-Q2``), or
            its text.
        scope: an agency id: only it and its descendants; a collection of agency ids: those
            (the result's ``scope`` is then ``None``); ``None``: every agency.

    Returns:
        The coverage, one row per quarter and course; see the module docstring for each figure.

    Raises:
        UnknownAgencyError: for a ``scope`` the registry lacks.
        InvalidPeriodError: for period text that is not a period.
    """
    tally = TrainingTally(programme, registry, period, scope=scope)
    for t in trainings:
        tally.fold_training(t)
    for row in stats:
        tally.fold_stats(row)
    return tally.coverage()


class TrainingTally:
    """A programme's training coverage folded from records one at a time; mergeable.

    It keeps what [`training_coverage`][citizenrights.followup.training.training_coverage] reads:
    each person's first attendance of each course (by audience) from the programme's issue day,
    and the staff counts of the scope's agencies that start by the end of the period's last
    quarter. Memory grows with the people trained and the agencies' stats rows, not with the
    training records. Folded in any split and order and merged, its
    [`coverage`][citizenrights.followup.training.TrainingTally.coverage] is
    ``training_coverage``'s result (``training_coverage`` is this tally over its arguments).

    Args:
        programme: the training programme.
        registry: the agencies.
        period: the period whose quarters are reported, or its text.
        scope: as for ``training_coverage``.

    Raises:
        UnknownAgencyError: for a ``scope`` the registry lacks.
        InvalidPeriodError: for period text that is not a period.

    Examples:
        >>> from citizenrights import load_demo
        >>> demo = load_demo()
        >>> (programme,) = demo.training_programmes
        >>> a = TrainingTally(programme, demo.agencies, "1397")
        >>> b = TrainingTally(programme, demo.agencies, "1397")
        >>> for n, t in enumerate(demo.trainings):
        ...     (a if n % 2 else b).fold_training(t)
        >>> for row in demo.stats:
        ...     b.fold_stats(row)
        >>> a.merge(b).coverage() == training_coverage(
        ...     programme, demo.trainings, demo.stats, demo.agencies, "1397")
        True
    """

    def __init__(
        self,
        programme: TrainingProgramme,
        registry: AgencyRegistry,
        period: JalaliPeriod | str,
        *,
        scope: Scope = None,
    ) -> None:
        self.programme = programme
        self.period = period if isinstance(period, JalaliPeriod) else JalaliPeriod.parse(period)
        self.label, self._in_scope = scope_ids(registry, scope)
        self._codes = {c.code: c.code for c in programme.courses}
        self._titles = {normalize_persian(c.title): c.code for c in programme.courses}
        self._audiences = set(programme.audiences)
        # A stats row starting after the last quarter's end is never read.
        self._until = period_of(self.period.end, PeriodKind.QUARTER).end
        #: Each person's first attendance of each course, by (course code, person, audience).
        self.first: dict[tuple[str, str, TrainingAudience], dt.date] = {}
        #: (period start, agency, staff) of the scope's stats rows, in the order folded.
        self.staff: list[tuple[dt.date, str, int]] = []

    def fold_training(self, t: TrainingRecord) -> None:
        """Fold a training record: an attendance of one of the courses in scope, or dropped."""
        if t.role is not TrainingRole.ATTENDEE or t.agency_id not in self._in_scope:
            return
        if t.date < self.programme.issued or t.audience not in self._audiences:
            return
        code = (
            self._codes.get(t.course_code)
            if t.course_code
            else self._titles.get(normalize_persian(t.course))
        )
        if code is None:
            return
        key = (code, t.person_id, t.audience)
        known = self.first.get(key)
        if known is None or t.date < known:
            self.first[key] = t.date

    def fold_stats(self, row: AgencyStats) -> None:
        """Fold a stats row of the scope starting by the period's last quarter's end."""
        if row.agency_id in self._in_scope and row.period.start <= self._until:
            self.staff.append((row.period.start, row.agency_id, row.staff))

    def merge(self, other: TrainingTally) -> TrainingTally:
        """A new tally holding both tallies' records; neither is changed.

        Raises:
            ValueError: for a tally of another programme, period or scope.
        """
        mine = (self.programme.code, self.period, self.label, self._in_scope)
        if mine != (other.programme.code, other.period, other.label, other._in_scope):
            raise ValueError(
                f"Cannot merge the training tally of {other.programme.code} in {other.period} "
                f"into that of {self.programme.code} in {self.period}: fold both with one "
                "programme, period and scope."
            )
        out = TrainingTally.__new__(TrainingTally)
        out.__dict__.update(self.__dict__)
        first = dict(self.first)
        for key, day in other.first.items():
            if key not in first or day < first[key]:
                first[key] = day
        out.first = first
        out.staff = [*self.staff, *other.staff]
        return out

    def coverage(self) -> TrainingCoverage:
        """The coverage, one row per quarter of the period and course."""
        programme, the_period = self.programme, self.period
        staff_rows = sorted(self.staff)
        span = (programme.deadline - programme.issued).days
        rows: list[CourseQuarter] = []
        quarters = iter_periods(
            period_of(the_period.start, PeriodKind.QUARTER),
            period_of(the_period.end, PeriodKind.QUARTER),
        )
        for quarter in quarters:
            latest: dict[str, int] = {}
            for start, agency_id, count in staff_rows:
                if start <= quarter.end:
                    latest[agency_id] = count
            staff = sum(latest.values()) if latest else None
            elapsed = (quarter.end - programme.issued).days
            target = 1.0 if span <= 0 or elapsed >= span else max(0.0, elapsed / span)
            for course in programme.courses:
                rows.append(self._row(quarter, course.code, staff, target))
        return TrainingCoverage(
            programme=programme.code,
            title=programme.title,
            title_en=programme.title_en,
            period=the_period,
            scope=self.label,
            deadline=programme.deadline,
            courses=tuple(c.code for c in programme.courses),
            course_titles={c.code: c.title for c in programme.courses},
            audiences=programme.audiences,
            rows=tuple(rows),
        )

    def _row(
        self, quarter: JalaliPeriod, course: str, staff: int | None, target: float
    ) -> CourseQuarter:
        by_audience = {a.value: set[str]() for a in self.programme.audiences}
        for (code, person, audience), day in self.first.items():
            if code == course and day <= quarter.end:
                by_audience[audience.value].add(person)
        persons = len(set().union(*by_audience.values()))
        share = None if not staff else min(1.0, persons / staff)
        if share is None:
            status = "unknown"
        elif share >= 1.0:
            status = "met"
        else:
            status = "on_track" if share >= target else "behind"
        return CourseQuarter(
            quarter=quarter,
            course=course,
            by_audience={k: len(v) for k, v in by_audience.items()},
            persons=persons,
            staff=staff,
            share=share,
            target=target,
            status=status,
            past_deadline=quarter.end > self.programme.deadline,
        )
