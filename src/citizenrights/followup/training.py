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

__all__ = ["CourseQuarter", "TrainingCoverage", "training_coverage"]

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


def _staff_at(stats: Iterable[AgencyStats], agencies: set[str]) -> list[tuple[dt.date, str, int]]:
    """(period start, agency, staff) of the stats rows in scope, by start."""
    return sorted((s.period.start, s.agency_id, s.staff) for s in stats if s.agency_id in agencies)


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
    the_period = period if isinstance(period, JalaliPeriod) else JalaliPeriod.parse(period)
    label, in_scope = scope_ids(registry, scope)
    codes = {c.code: c.code for c in programme.courses}
    titles = {normalize_persian(c.title): c.code for c in programme.courses}
    audiences = set(programme.audiences)
    # Each person's first attendance of each course (by audience), from the programme's issue.
    first: dict[tuple[str, str, TrainingAudience], dt.date] = {}
    for t in trainings:
        if t.role is not TrainingRole.ATTENDEE or t.agency_id not in in_scope:
            continue
        if t.date < programme.issued or t.audience not in audiences:
            continue
        code = (
            codes.get(t.course_code) if t.course_code else titles.get(normalize_persian(t.course))
        )
        if code is None:
            continue
        key = (code, t.person_id, t.audience)
        if key not in first or t.date < first[key]:
            first[key] = t.date
    staff_rows = _staff_at(stats, in_scope)
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
            by_audience = {a.value: set[str]() for a in programme.audiences}
            for (code, person, audience), day in first.items():
                if code == course.code and day <= quarter.end:
                    by_audience[audience.value].add(person)
            persons = len(set().union(*by_audience.values()))
            share = None if not staff else min(1.0, persons / staff)
            if share is None:
                status = "unknown"
            elif share >= 1.0:
                status = "met"
            else:
                status = "on_track" if share >= target else "behind"
            rows.append(
                CourseQuarter(
                    quarter=quarter,
                    course=course.code,
                    by_audience={k: len(v) for k, v in by_audience.items()},
                    persons=persons,
                    staff=staff,
                    share=share,
                    target=target,
                    status=status,
                    past_deadline=quarter.end > programme.deadline,
                )
            )
    return TrainingCoverage(
        programme=programme.code,
        title=programme.title,
        title_en=programme.title_en,
        period=the_period,
        scope=label,
        deadline=programme.deadline,
        courses=tuple(c.code for c in programme.courses),
        course_titles={c.code: c.title for c in programme.courses},
        audiences=programme.audiences,
        rows=tuple(rows),
    )
