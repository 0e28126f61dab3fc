"""Partial results of the agency index: fold records one at a time, merge exactly, finish.

An [`AgencyPartial`][citizenrights.scoring.partials.AgencyPartial] holds what one agency's index for
one period needs, as counts, integer sums and exactly summed floats: records are folded into it one
at a time and then dropped, so memory grows with agencies × periods, not with records. Two partials
of the same agency, period and policy **merge**, and finishing a merge gives an index bit-identical
to folding every record into one partial, whatever the split and the order:

- inspection scores are kept as a few floats whose exact sum is the exact sum of the scores
  (compacted with ``math.fsum``), and finished with ``math.fsum``, which rounds the exact sum
  once, so no order or grouping changes a bit;
- complaint and survey figures are integer counts and sums (a survey mean is one division);
- training hours are kept per person and finished with ``fsum`` per person and over persons;
- working days to close a complaint are counted as it is folded, with the policy's calendar;
- the few stats rows are kept and finished by
  [`period_stats`][citizenrights.scoring.index.period_stats] (two rows for one period are a
  [`DatasetError`][citizenrights.errors.DatasetError], whichever partial each came in).

[`agency_index`][citizenrights.scoring.index.agency_index] folds its records into a partial and
finishes it: there is one code path. [`PartialResults`][citizenrights.scoring.partials.PartialResults]
routes records of any agency and date to the partial of their (agency, period) for one kind of
period, merges dict-wise and finishes every index.

A partial holds the person ids of training attendances (it counts distinct people); its ``repr``
shows none of them.

Examples:
    >>> from citizenrights import JalaliPeriod, SurveyResponse
    >>> q3 = JalaliPeriod.parse("1396-Q3")
    >>> a, b = AgencyPartial("A-1", q3), AgencyPartial("A-1", q3)
    >>> a.add_survey(SurveyResponse(agency_id="A-1", date="1396/07/20", score=4))
    >>> b.add_survey(SurveyResponse(agency_id="A-1", date="1396/09/01", score=5))
    >>> a.merge(b).finish().components["satisfaction"].value
    87.5
    >>> results = PartialResults("quarter")
    >>> results.fold_survey(SurveyResponse(agency_id="A-1", date="1396/07/20", score=4))
    >>> [(agency, str(period)) for agency, period in results]
    [('A-1', '1396-Q3')]
"""

from __future__ import annotations

from array import array
from collections.abc import Callable, Iterable, Iterator
from itertools import chain
from math import fsum
from typing import Final, NoReturn

from citizenrights._version import __version__
from citizenrights.calendar import JalaliPeriod, PeriodKind, period_of, working_days_between
from citizenrights.errors import DatasetError, InvalidPeriodError
from citizenrights.models.activity import AgencyStats, Complaint, SurveyResponse, TrainingRecord
from citizenrights.scoring.index_results import AgencyIndex, IndexComponent
from citizenrights.scoring.inspection_results import InspectionScore, InspectionStatus
from citizenrights.scoring.policies import ComponentName, IndexPolicy
from citizenrights.scoring.rates import Rate, wilson_interval

__all__ = ["AgencyPartial", "PartialResults", "period_stats", "satisfaction_points"]

_DEFAULT_POLICY: Final = IndexPolicy()
# Scores kept before they are compacted to their exact parts: big enough that compaction (a few
# C-speed passes of fsum) costs little per score, small enough that memory stays flat.
_COMPACT_AT: Final = 512
_NEEDS_STATS: Final = (ComponentName.COMPLAINTS, ComponentName.TRAINING)
_Part = tuple[float | None, tuple[Rate, ...], tuple[tuple[str, int | float], ...], str | None]


def satisfaction_points(mean: float) -> float:
    """The satisfaction component's points for a mean survey score: ``100 × (mean − 1) / 4``.

    Surveys score from 1 (worst) to 5 (best); the rule maps that scale onto 0–100 linearly, so a
    mean of 1 gives 0 points, 3 gives 50 and 5 gives 100 (DESIGN section 4; the reasons are on
    the methodology page, under "Satisfaction"). The report's pooled satisfaction figure uses the
    same rule.

    Args:
        mean: the mean survey score, 1 to 5.

    Returns:
        The points, 0–100 for a mean from 1 to 5.

    Examples:
        >>> satisfaction_points(4.0), satisfaction_points(1.0), satisfaction_points(5.0)
        (75.0, 0.0, 100.0)
    """
    return 100.0 * (mean - 1.0) / 4.0


def period_stats(
    agency_id: str, period: JalaliPeriod, stats: Iterable[AgencyStats]
) -> tuple[int, int, int] | None:
    """The services and staff of an agency for a period, and how many rows they came from.

    The row of exactly that period wins; else the rows of one finer kind (halves, quarters or
    months, the coarsest that works) that tile the period with no gap; else ``None``. Services
    add up across the rows; staff is the largest headcount among them.

    Args:
        agency_id: the agency.
        period: the period asked for.
        stats: rows of any agencies and periods.

    Returns:
        ``(services, staff, rows)``, or ``None`` when no row or tiling exists.

    Raises:
        DatasetError: when two rows give the same agency and period.

    Examples:
        >>> rows = [AgencyStats(agency_id="A", period=f"1396-Q{q}", services=100 * q, staff=30 + q)
        ...         for q in (1, 2, 3, 4)]
        >>> period_stats("A", JalaliPeriod.parse("1396"), rows)
        (1000, 34, 4)
        >>> period_stats("A", JalaliPeriod.parse("1396-Q2"), rows)
        (200, 32, 1)
        >>> period_stats("A", JalaliPeriod.parse("1396-H1"), rows[:1]) is None
        True
    """
    rows: dict[JalaliPeriod, AgencyStats] = {}
    duplicates: list[str] = []
    for row in stats:
        if row.agency_id != agency_id or not period.contains_period(row.period):
            continue
        if row.period in rows:
            duplicates.append(
                f"stats: two rows for agency {agency_id!r} and period {row.period}; keep one"
            )
        rows[row.period] = row
    if duplicates:
        raise DatasetError(duplicates)
    exact = rows.get(period)
    if exact is not None:
        return exact.services, exact.staff, 1
    months = period.kind.months
    for kind_months, kind in ((6, "half"), (3, "quarter"), (1, "month")):
        if kind_months >= months:
            continue
        tiles = [p for p in rows if p.kind.value == kind]
        if sum(p.days for p in tiles) == period.days:
            chosen = [rows[p] for p in tiles]
            return sum(r.services for r in chosen), max(r.staff for r in chosen), len(chosen)
    return None


def _exact_parts(values: array[float]) -> array[float]:
    """A few floats whose exact sum is the exact sum of ``values``.

    ``fsum`` rounds the exact sum of its inputs once, so each pass takes the rounded rest of what
    the parts so far miss; the rest of a sum of floats is a multiple of the smallest float, so it
    is never rounded to zero while it is not zero, and the loop ends with an exact decomposition.
    """
    parts: array[float] = array("d")
    while rest := fsum(chain(values, (-p for p in parts))):
        parts.append(rest)
    return parts


def _rate(
    name: str,
    numerator: int,
    denominator: int,
    min_sample: int,
    *,
    points_of: Callable[[float], float],
) -> Rate:
    low, high = wilson_interval(numerator, denominator)
    value = numerator / denominator
    ends = (points_of(low), points_of(high))
    return Rate(
        name=name,
        numerator=numerator,
        denominator=denominator,
        value=value,
        low=low,
        high=high,
        small_sample=denominator < min_sample,
        points=points_of(value),
        points_low=min(ends),
        points_high=max(ends),
    )


def _check_score(s: object) -> None:
    if not isinstance(s, InspectionScore):
        raise TypeError(
            "agency_index takes inspection scores (the results of score_inspection), "
            f"not {type(s).__name__} records; score each inspection against its checklist first."
        )


def _period_kind(value: PeriodKind | str) -> PeriodKind:
    if isinstance(value, PeriodKind):
        return value
    try:
        return PeriodKind(value)
    except ValueError:
        raise InvalidPeriodError(
            f"A period kind is 'year', 'half', 'quarter' or 'month'; got {value!r}.", value=value
        ) from None


class AgencyPartial:
    """What one agency's index for one period needs, folded from records one at a time.

    Build one per (agency, period), fold records with the ``add_*`` methods (each refuses a
    record of another agency or dated outside the period), [`merge`][citizenrights.scoring.partials.AgencyPartial.merge]
    partials built apart, and [`finish`][citizenrights.scoring.partials.AgencyPartial.finish].
    Records are dated as [`agency_index`][citizenrights.scoring.index.agency_index] dates them:
    inspections and surveys and trainings by ``date``, complaints by ``received``. The policy is
    applied as records fold (which inspections count, which trainings are staff training, the
    calendar of working days), so a partial is finished with the policy it was built with.

    A partial is plain data (floats, ints, lists, dicts, the period and the policy) and pickles;
    its size grows with the agency's trained people and stats rows, not with its records.

    Args:
        agency_id: the agency.
        period: the period (a year, half, quarter or month).
        policy: the index's rules; ``IndexPolicy()`` by default.

    Attributes:
        agency_id: the agency.
        period: the period.
        policy: the rules the records are folded with.
    """

    __slots__ = (
        "_closed",
        "_hours",
        "_incomplete",
        "_not_applicable",
        "_not_joint",
        "_not_staff",
        "_on_time",
        "_received",
        "_responses",
        "_score_parts",
        "_scores",
        "_stats",
        "_survey_total",
        "_upheld",
        "agency_id",
        "period",
        "policy",
    )

    def __init__(
        self, agency_id: str, period: JalaliPeriod, policy: IndexPolicy = _DEFAULT_POLICY
    ) -> None:
        self.agency_id = agency_id
        self.period = period
        self.policy = policy
        # Inspections: the used scores' exact parts, their count, and the counts left out.
        self._score_parts: array[float] = array("d")
        self._scores = self._incomplete = self._not_joint = self._not_applicable = 0
        # Complaints: received, upheld, closed and closed on time.
        self._received = self._upheld = self._closed = self._on_time = 0
        # Trainings: each staff member's hours, and the attendances that are not staff training.
        self._hours: dict[str, list[float]] = {}
        self._not_staff = 0
        # Surveys: the count and the integer sum of the scores.
        self._responses = self._survey_total = 0
        self._stats: list[AgencyStats] = []

    def __repr__(self) -> str:
        return (
            f"AgencyPartial({self.agency_id!r}, {str(self.period)!r}, inspections={self._scores}, "
            f"complaints={self._received}, people_trained={len(self._hours)}, "
            f"responses={self._responses}, stats_rows={len(self._stats)})"
        )

    def __getstate__(self) -> dict[str, object]:
        return {name: getattr(self, name) for name in self.__slots__}

    def __setstate__(self, state: dict[str, object]) -> None:
        for name, value in state.items():
            setattr(self, name, value)

    # -- folding ------------------------------------------------------------------------------

    def _refuse(self, what: str, agency_id: str, when: object) -> NoReturn:
        raise ValueError(
            f"A {what} of agency {agency_id!r} dated {when} does not belong to the partial of "
            f"agency {self.agency_id!r} for {self.period}; fold it into its own agency and "
            "period's partial (PartialResults routes records)."
        )

    def add_score(self, s: InspectionScore) -> None:
        """Fold an inspection score (from `score_inspection`).

        Raises:
            TypeError: for anything but an [`InspectionScore`][citizenrights.scoring.inspection_results.InspectionScore].
            ValueError: for a score of another agency or dated outside the period.
        """
        _check_score(s)
        if s.agency_id != self.agency_id or s.date not in self.period:
            self._refuse("inspection score", s.agency_id, s.date)
        self._take_score(s)

    def add_complaint(self, c: Complaint) -> None:
        """Fold a complaint (dated by ``received``).

        Raises:
            ValueError: for a complaint of another agency or received outside the period.
        """
        if c.agency_id != self.agency_id or c.received not in self.period:
            self._refuse("complaint", c.agency_id, c.received)
        self._take_complaint(c)

    def add_training(self, t: TrainingRecord) -> None:
        """Fold a training attendance (dated by ``date``).

        Raises:
            ValueError: for an attendance of another agency or dated outside the period.
        """
        if t.agency_id != self.agency_id or t.date not in self.period:
            self._refuse("training record", t.agency_id, t.date)
        self._take_training(t)

    def add_survey(self, s: SurveyResponse) -> None:
        """Fold a survey response (dated by ``date``).

        Raises:
            ValueError: for a response of another agency or dated outside the period.
        """
        if s.agency_id != self.agency_id or s.date not in self.period:
            self._refuse("survey response", s.agency_id, s.date)
        self._take_survey(s)

    def add_stats(self, row: AgencyStats) -> None:
        """Keep a stats row of the agency for the period or a period inside it.

        Raises:
            ValueError: for a row of another agency or of a period not inside this one.
        """
        if row.agency_id != self.agency_id or not self.period.contains_period(row.period):
            self._refuse("stats row", row.agency_id, row.period)
        self._stats.append(row)

    def add_matching(
        self,
        *,
        inspections: Iterable[InspectionScore] = (),
        complaints: Iterable[Complaint] = (),
        trainings: Iterable[TrainingRecord] = (),
        surveys: Iterable[SurveyResponse] = (),
        stats: Iterable[AgencyStats] = (),
    ) -> None:
        """Fold the records of this agency and period from iterables that may hold others.

        Records of other agencies or dated outside the period are left out, as
        [`agency_index`][citizenrights.scoring.index.agency_index] leaves them out.

        Raises:
            TypeError: for an item of ``inspections`` that is not an inspection score.
        """
        agency_id, period = self.agency_id, self.period
        for row in stats:
            if row.agency_id == agency_id and period.contains_period(row.period):
                self._stats.append(row)
        for s in inspections:
            _check_score(s)
            if s.agency_id == agency_id and s.date in period:
                self._take_score(s)
        for c in complaints:
            if c.agency_id == agency_id and c.received in period:
                self._take_complaint(c)
        for t in trainings:
            if t.agency_id == agency_id and t.date in period:
                self._take_training(t)
        for r in surveys:
            if r.agency_id == agency_id and r.date in period:
                self._take_survey(r)

    def _take_score(self, s: InspectionScore) -> None:
        if s.status is InspectionStatus.NOT_APPLICABLE:
            self._not_applicable += 1
        elif s.status is not InspectionStatus.SCORED or s.score is None:
            self._incomplete += 1
        elif self.policy.joint_only and not s.joint:
            self._not_joint += 1
        else:
            self._scores += 1
            self._score_parts.append(s.score)
            if len(self._score_parts) >= _COMPACT_AT:
                self._score_parts = _exact_parts(self._score_parts)

    def _take_complaint(self, c: Complaint) -> None:
        self._received += 1
        self._upheld += c.is_upheld
        if c.closed_on is not None:
            self._closed += 1
            days = working_days_between(c.received, c.closed_on, self.policy.calendar.calendar)
            self._on_time += days <= self.policy.answer_working_days

    def _take_training(self, t: TrainingRecord) -> None:
        # Courses for inspectors or NGO members train people outside the staff headcount.
        if self.policy.counts_as_staff_training(t):
            self._hours.setdefault(t.person_id, []).append(t.hours)
        else:
            self._not_staff += 1

    def _take_survey(self, s: SurveyResponse) -> None:
        self._responses += 1
        self._survey_total += s.score

    # -- merging ------------------------------------------------------------------------------

    def merge(self, other: AgencyPartial) -> AgencyPartial:
        """A new partial holding both partials' records; neither is changed.

        Merging is associative and commutative as far as
        [`finish`][citizenrights.scoring.partials.AgencyPartial.finish] can tell: any split of the
        records merged in any order finishes bit-identical to one partial of them all.

        Raises:
            ValueError: when the partials differ in agency, period or policy.
        """
        if not isinstance(other, AgencyPartial):
            raise TypeError(
                f"An AgencyPartial merges with an AgencyPartial, not {type(other).__name__}."
            )
        if (other.agency_id, other.period) != (self.agency_id, self.period):
            raise ValueError(
                f"Cannot merge the partial of agency {other.agency_id!r} for {other.period} into "
                f"that of agency {self.agency_id!r} for {self.period}; only partials of one agency "
                "and period merge (PartialResults.merge pairs them)."
            )
        if other.policy is not self.policy and other.policy != self.policy:
            raise ValueError(
                f"Cannot merge partials folded with different index policies (versions "
                f"{self.policy.version!r} and {other.policy.version!r}) for agency "
                f"{self.agency_id!r} and {self.period}; fold every part with one policy."
            )
        out = AgencyPartial(self.agency_id, self.period, self.policy)
        parts = self._score_parts + other._score_parts
        out._score_parts = _exact_parts(parts) if len(parts) >= _COMPACT_AT else parts
        out._hours = {person: list(hours) for person, hours in self._hours.items()}
        for person, hours in other._hours.items():
            out._hours.setdefault(person, []).extend(hours)
        out._stats = self._stats + other._stats
        for name in (
            "_scores",
            "_incomplete",
            "_not_joint",
            "_not_applicable",
            "_received",
            "_upheld",
            "_closed",
            "_on_time",
            "_not_staff",
            "_responses",
            "_survey_total",
        ):
            setattr(out, name, getattr(self, name) + getattr(other, name))
        return out

    def _copy(self) -> AgencyPartial:
        return self.merge(AgencyPartial(self.agency_id, self.period, self.policy))

    # -- finishing ----------------------------------------------------------------------------

    def finish(self, policy: IndexPolicy | None = None) -> AgencyIndex:
        """The agency's index for the period from everything folded.

        Args:
            policy: the policy the records were folded with (the default); another one is
                refused, since the partial already applied its rules.

        Returns:
            The index with its four components, as
            [`agency_index`][citizenrights.scoring.index.agency_index] documents it.

        Raises:
            ValueError: for a policy other than the partial's.
            DatasetError: when the stats rows give one period twice.
        """
        if policy is not None and policy is not self.policy and policy != self.policy:
            raise ValueError(
                f"This partial was folded with index policy {self.policy.version!r}; finish it "
                f"with that policy, not {policy.version!r} (fold the records again to change rules)."
            )
        policy = self.policy
        # Sorted so that the error for duplicate rows lists them in one order whatever the merges.
        found = period_stats(
            self.agency_id, self.period, sorted(self._stats, key=lambda r: r.period)
        )
        services, staff = (found[0], found[1]) if found is not None else (None, None)
        parts = {
            ComponentName.INSPECTION: self._inspection_part(),
            ComponentName.COMPLAINTS: self._complaints_part(services),
            ComponentName.TRAINING: self._training_part(staff),
            ComponentName.SATISFACTION: self._satisfaction_part(),
        }
        weights = policy.weights.as_dict()
        values = {c: part[0] for c, part in parts.items() if part[0] is not None}
        present_weight = fsum(weights[c.value] for c in values)
        rows = ("stats_rows", 0 if found is None else found[2])
        components = tuple(
            IndexComponent(
                name=c,
                value=value,
                weight=weights[c.value],
                share=weights[c.value] / present_weight
                if value is not None and present_weight
                else 0.0,
                rates=rates,
                evidence=(*evidence, rows) if c in _NEEDS_STATS else evidence,
                reason=reason,
            )
            for c, (value, rates, evidence, reason) in parts.items()
        )
        missing = tuple(c for c in ComponentName if c not in values)
        score: float | None = None
        reason: str | None = None
        if any(c in missing for c in policy.required):
            reason = "required_missing"
        elif not present_weight:
            reason = "no_component"
        else:
            score = fsum(weights[c.value] * v for c, v in values.items()) / present_weight
        return AgencyIndex(
            agency_id=self.agency_id,
            period=self.period,
            score=score,
            coverage=present_weight / fsum(weights.values()),
            components=components,
            missing=missing,
            reason=reason,
            policy_version=policy.version,
            library_version=__version__,
        )

    def _inspection_part(self) -> _Part:
        evidence = (
            ("inspections", self._scores),
            ("left_out_incomplete", self._incomplete),
            ("left_out_not_joint", self._not_joint),
            ("left_out_not_applicable", self._not_applicable),
        )
        if not self._scores:
            return None, (), evidence, "no scored inspection in the period"
        return fsum(self._score_parts) / self._scores, (), evidence, None

    def _complaints_part(self, services: int | None) -> _Part:
        policy = self.policy
        rates: list[Rate] = []
        if services:
            ceiling = policy.upheld_per_1000_ceiling
            rates.append(
                _rate(
                    "upheld_per_service",
                    min(self._upheld, services),
                    services,
                    policy.min_sample,
                    points_of=lambda p: 100.0 * (1.0 - min(1.0, 1000.0 * p / ceiling)),
                )
            )
        if self._closed:
            rates.append(
                _rate(
                    "on_time",
                    self._on_time,
                    self._closed,
                    policy.min_sample,
                    points_of=lambda p: 100.0 * p,
                )
            )
        evidence = (
            ("complaints", self._received),
            ("upheld", self._upheld),
            ("closed", self._closed),
            ("closed_on_time", self._on_time),
            ("services", services or 0),
        )
        if not rates:
            return None, (), evidence, "no services in the period's stats and no closed complaint"
        return fsum(r.points for r in rates) / len(rates), tuple(rates), evidence, None

    def _training_part(self, staff: int | None) -> _Part:
        policy = self.policy
        totals = [fsum(h) for h in self._hours.values()]
        trained = sum(1 for total in totals if total >= policy.training_hours)
        evidence = (
            ("people_trained_any", len(totals)),
            ("people_trained_enough", trained),
            ("hours", fsum(totals)),
            ("left_out_not_staff", self._not_staff),
            ("staff", staff or 0),
        )
        if not staff:
            return None, (), evidence, "no staff count in the period's stats"
        # More trained people than the headcount (staff who left, a stale count) caps at 100.
        rate = _rate(
            "trained", min(trained, staff), staff, policy.min_sample, points_of=lambda p: 100.0 * p
        )
        return rate.points, (rate,), evidence, None

    def _satisfaction_part(self) -> _Part:
        n = self._responses
        evidence: tuple[tuple[str, int | float], ...] = (
            ("responses", n),
            ("small_sample", int(n < self.policy.min_sample)),
        )
        if not n:
            return None, (), evidence, "no survey response in the period"
        mean = self._survey_total / n
        return satisfaction_points(mean), (), (*evidence, ("mean", mean)), None


class PartialResults:
    """Partial results of every (agency, period) for one kind of period, folded from any records.

    Each ``fold_*`` routes a record to the partial of its agency and the period of ``kind`` that
    holds its date (``period_of(date, kind)``), creating it on first use; a stats row goes to the
    period that holds its own period (a row of a longer period is left out: no index of this kind
    can use it). Memory grows with agencies × periods, not with records.

    Args:
        kind: the kind of period indexed (``"quarter"`` or a
            [`PeriodKind`][citizenrights.calendar.period_kinds.PeriodKind]).
        policy: the index's rules, used for every partial; ``IndexPolicy()`` by default.

    Raises:
        InvalidPeriodError: for an unknown kind.

    Attributes:
        kind: the kind of period.
        policy: the rules.
    """

    __slots__ = ("_partials", "kind", "policy")

    def __init__(self, kind: PeriodKind | str, policy: IndexPolicy = _DEFAULT_POLICY) -> None:
        self.kind = _period_kind(kind)
        self.policy = policy
        self._partials: dict[tuple[str, JalaliPeriod], AgencyPartial] = {}

    def __repr__(self) -> str:
        return f"PartialResults({self.kind.value!r}, partials={len(self._partials)})"

    def __getstate__(self) -> dict[str, object]:
        return {"kind": self.kind, "policy": self.policy, "_partials": self._partials}

    def __setstate__(self, state: dict[str, object]) -> None:
        for name, value in state.items():
            setattr(self, name, value)

    def __len__(self) -> int:
        return len(self._partials)

    def __iter__(self) -> Iterator[tuple[str, JalaliPeriod]]:
        """The (agency id, period) keys, in the order they were first folded."""
        return iter(self._partials)

    def partial(self, agency_id: str, period: JalaliPeriod) -> AgencyPartial:
        """The partial of an agency and period (an empty one when nothing was folded for it).

        Raises:
            ValueError: for a period of another kind than this collection's.
        """
        if period.kind is not self.kind:
            raise ValueError(
                f"These partial results fold {self.kind.value} periods; got {period} "
                f"({period.kind.value}); build PartialResults({period.kind.value!r}) for it."
            )
        found = self._partials.get((agency_id, period))
        return found if found is not None else AgencyPartial(agency_id, period, self.policy)

    def _at(self, agency_id: str, when: object) -> AgencyPartial:
        period = period_of(when, self.kind)  # type: ignore[arg-type]
        key = (agency_id, period)
        found = self._partials.get(key)
        if found is None:
            found = self._partials[key] = AgencyPartial(agency_id, period, self.policy)
        return found

    def fold_score(self, s: InspectionScore) -> None:
        """Fold an inspection score into its agency's partial for the period of its date.

        Raises:
            TypeError: for anything but an inspection score.
        """
        _check_score(s)
        self._at(s.agency_id, s.date)._take_score(s)

    def fold_complaint(self, c: Complaint) -> None:
        """Fold a complaint into its agency's partial for the period it was received in."""
        self._at(c.agency_id, c.received)._take_complaint(c)

    def fold_training(self, t: TrainingRecord) -> None:
        """Fold a training attendance into its agency's partial for the period of its date."""
        self._at(t.agency_id, t.date)._take_training(t)

    def fold_survey(self, s: SurveyResponse) -> None:
        """Fold a survey response into its agency's partial for the period of its date."""
        self._at(s.agency_id, s.date)._take_survey(s)

    def fold_stats(self, row: AgencyStats) -> None:
        """Keep a stats row in the partial of the period that holds its own period, if any."""
        if row.period.kind.months <= self.kind.months:
            self._at(row.agency_id, row.period.start)._stats.append(row)

    def fold(
        self,
        *,
        inspections: Iterable[InspectionScore] = (),
        complaints: Iterable[Complaint] = (),
        trainings: Iterable[TrainingRecord] = (),
        surveys: Iterable[SurveyResponse] = (),
        stats: Iterable[AgencyStats] = (),
    ) -> None:
        """Fold every record of the iterables, each into its own partial.

        Raises:
            TypeError: for an item of ``inspections`` that is not an inspection score.
        """
        for row in stats:
            self.fold_stats(row)
        for s in inspections:
            self.fold_score(s)
        for c in complaints:
            self.fold_complaint(c)
        for t in trainings:
            self.fold_training(t)
        for r in surveys:
            self.fold_survey(r)

    def merge(self, other: PartialResults) -> PartialResults:
        """New partial results holding both collections' records; neither is changed.

        Partials of one (agency, period) are merged with
        [`AgencyPartial.merge`][citizenrights.scoring.partials.AgencyPartial.merge]; the others
        are copied, so folding into the result never changes either collection.

        Raises:
            ValueError: for another kind of period or another policy.
        """
        if other.kind is not self.kind:
            raise ValueError(
                f"Cannot merge partial results of {other.kind.value} periods into those of "
                f"{self.kind.value} periods; fold both with one kind."
            )
        if other.policy is not self.policy and other.policy != self.policy:
            raise ValueError(
                f"Cannot merge partial results folded with different index policies (versions "
                f"{self.policy.version!r} and {other.policy.version!r}); fold both with one policy."
            )
        out = PartialResults(self.kind, self.policy)
        for key, partial in chain(self._partials.items(), other._partials.items()):
            found = out._partials.get(key)
            out._partials[key] = partial._copy() if found is None else found.merge(partial)
        return out

    def indices(
        self, policy: IndexPolicy | None = None
    ) -> dict[tuple[str, JalaliPeriod], AgencyIndex]:
        """Every (agency, period)'s index, finished from its partial.

        Args:
            policy: the policy the records were folded with (the default); another is refused.

        Returns:
            The indices by (agency id, period), in the order the keys were first folded.

        Raises:
            ValueError: for a policy other than the collection's.
            DatasetError: when the stats give one agency two rows for one period.
        """
        return {key: partial.finish(policy) for key, partial in self._partials.items()}
