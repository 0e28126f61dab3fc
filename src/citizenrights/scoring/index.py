"""The agency index: a 0–100 composite of inspections, complaints, training and satisfaction.

[`agency_index`][citizenrights.scoring.index.agency_index] combines, for one agency and one Jalali period, four components (DESIGN
section 4; reasons on the methodology page):

- **inspection**: the mean score of the period's scored inspections (joint ones only by default;
  incomplete and not-applicable ones never count);
- **complaints**: the mean of a *rate half*, ``100 × (1 − min(1, upheld per 1,000 services ÷
  ceiling))``, and a *timeliness half*, 100 × the share of the period's closed complaints closed
  within ``answer_working_days`` working days of receipt; a half without data is left out;
- **training**: 100 × the share of staff (distinct ``person_id``) with at least ``training_hours``
  hours of training dated in the period, capped at 100; only courses whose audience is the
  agency's own staff count (``policy.staff_audiences``: managers and employees by default), so a
  course for inspectors or NGO members never raises an agency's coverage;
- **satisfaction**: ``100 × (mean survey score − 1) / 4``.

A component without data is left out and the weights of the others re-normalised; ``coverage`` is
the share of the policy's total weight that was present. Rates carry a 95% Wilson interval and
``small_sample`` when their denominator is below ``policy.min_sample``.

Only records dated inside the period count: inspections by ``date``, complaints by ``received``,
trainings and surveys by ``date``. The denominators come from [`AgencyStats`][citizenrights.models.activity.AgencyStats]: the row whose
``period`` is the asked period; failing that, rows of one finer kind that tile it exactly (every
quarter of a year, say), whose ``services`` add up and whose largest ``staff`` counts (staff is a
headcount, not a flow); failing that, none.

Examples:
    >>> from citizenrights import AgencyStats, JalaliPeriod, SurveyResponse
    >>> q3 = JalaliPeriod.parse("1396-Q3")
    >>> result = agency_index(
    ...     "A-1", q3, inspections=[], complaints=[], trainings=[],
    ...     surveys=[SurveyResponse(agency_id="A-1", date="1396/07/20", score=4)],
    ...     stats=[AgencyStats(agency_id="A-1", period="1396-Q3", services=1200, staff=40)])
    >>> {name: c.value for name, c in result.components.items()}
    {'inspection': None, 'complaints': 100.0, 'training': 0.0, 'satisfaction': 75.0}
    >>> result.score, result.coverage, [str(c) for c in result.missing]
    (62.5, 0.5, ['inspection'])
"""

from __future__ import annotations

from collections.abc import Iterable
from math import fsum, sqrt
from typing import Any, Final

import attrs

from citizenrights._version import __version__
from citizenrights.calendar import JalaliPeriod, working_days_between
from citizenrights.errors import DatasetError
from citizenrights.models.activity import AgencyStats, Complaint, SurveyResponse, TrainingRecord
from citizenrights.results import pydantic_support
from citizenrights.scoring._explain_index import explain_component, explain_index
from citizenrights.scoring.inspections import InspectionScore, InspectionStatus
from citizenrights.scoring.policies import ComponentName, IndexPolicy
from citizenrights.vocabulary import Lang

__all__ = [
    "DEFAULT_INDEX_POLICY",
    "Z_95",
    "AgencyIndex",
    "IndexComponent",
    "Rate",
    "agency_index",
    "period_stats",
    "wilson_interval",
]

#: The policy [`agency_index`][citizenrights.scoring.index.agency_index] uses when none is given: ``IndexPolicy()``.
DEFAULT_INDEX_POLICY: Final = IndexPolicy()
#: The standard normal quantile of 0.975: a two-sided 95% interval.
Z_95: Final = 1.959963984540054


def wilson_interval(successes: int, trials: int, z: float = Z_95) -> tuple[float, float]:
    """The Wilson score interval of a proportion (95% by default).

    Unlike the normal approximation it stays inside [0, 1] and does not collapse to a point at
    0 or 1 successes, which matters for the small counts of one agency in one quarter.

    Args:
        successes: the count of successes (0 to ``trials``).
        trials: the denominator (above 0).
        z: the normal quantile; `Z_95` by default.

    Returns:
        ``(low, high)``, both in [0, 1].

    Raises:
        ValueError: for ``trials`` below 1 or ``successes`` outside 0..``trials``.

    Examples:
        >>> [round(x, 4) for x in wilson_interval(0, 10)]
        [0.0, 0.2775]
        >>> [round(x, 4) for x in wilson_interval(27, 30)]
        [0.7438, 0.9654]
    """
    if trials < 1 or not 0 <= successes <= trials:
        raise ValueError(
            f"A Wilson interval needs 0 <= successes <= trials and trials >= 1; "
            f"got successes={successes}, trials={trials}."
        )
    p = successes / trials
    z2 = z * z
    denominator = 1.0 + z2 / trials
    centre = (p + z2 / (2 * trials)) / denominator
    half = z * sqrt(p * (1.0 - p) / trials + z2 / (4 * trials * trials)) / denominator
    # At 0 or all successes the exact bound is 0 or 1; floats would leave a last-bit residue.
    low = 0.0 if successes == 0 else max(0.0, centre - half)
    high = 1.0 if successes == trials else min(1.0, centre + half)
    return low, high


@pydantic_support()
@attrs.frozen
class Rate:
    """A proportion behind a component, with its 95% Wilson interval and its 0–100 points.

    Attributes:
        name: ``upheld_per_service`` (the complaints' rate half), ``on_time`` (their timeliness
            half) or ``trained`` (the training component).
        numerator: the count of successes (upheld complaints, complaints on time, staff trained).
        denominator: what they are counted out of (services, closed complaints, staff).
        value: ``numerator / denominator``.
        low: the lower end of the Wilson interval of ``value``.
        high: its upper end.
        small_sample: the denominator is below the policy's ``min_sample``.
        points: the 0–100 value the rate gives its component (or half).
        points_low: ``points`` at the end of the interval that gives the fewest points.
        points_high: ``points`` at the end that gives the most.
    """

    name: str
    numerator: int
    denominator: int
    value: float
    low: float
    high: float
    small_sample: bool
    points: float
    points_low: float
    points_high: float

    def to_dict(self) -> dict[str, Any]:
        """JSON-ready data with stable keys."""
        return {
            "name": self.name,
            "numerator": self.numerator,
            "denominator": self.denominator,
            "value": self.value,
            "low": self.low,
            "high": self.high,
            "small_sample": self.small_sample,
            "points": self.points,
            "points_low": self.points_low,
            "points_high": self.points_high,
        }


@pydantic_support()
@attrs.frozen
class IndexComponent:
    """One component of an agency index.

    Attributes:
        name: ``inspection``, ``complaints``, ``training`` or ``satisfaction``.
        value: 0–100, ``None`` when the component is missing.
        weight: the policy's weight for it.
        share: its weight after re-normalising over the components present (0 when missing).
        rates: the proportions it rests on, with their intervals.
        evidence: counts of the records it rests on and of those left out, by name.
        reason: why the component is missing (``None`` when present).
    """

    name: ComponentName
    value: float | None
    weight: float
    share: float
    rates: tuple[Rate, ...]
    _evidence: tuple[tuple[str, int | float], ...] = attrs.field(alias="evidence")
    reason: str | None

    @property
    def evidence(self) -> dict[str, int | float]:
        """Counts of the records the component rests on and of those left out."""
        return dict(self._evidence)

    def to_dict(self) -> dict[str, Any]:
        """JSON-ready data with stable keys."""
        return {
            "name": self.name.value,
            "value": self.value,
            "weight": self.weight,
            "share": self.share,
            "rates": [r.to_dict() for r in self.rates],
            "evidence": self.evidence,
            "reason": self.reason,
        }

    def explain(self, lang: Lang = "fa") -> str:
        """Why the component has its value, or why it is missing.

        Its weight and share, and the rates it rests on.

        Args:
            lang: ``"fa"`` (Persian, Persian digits; the default) or ``"en"``.

        Returns:
            One line, and a line per rate.

        Raises:
            UnsupportedLanguageError: for another ``lang``.
        """
        return explain_component(self, lang)


@pydantic_support()
@attrs.frozen
class AgencyIndex:
    """An agency's index for a period, with each component and the data it rests on.

    Attributes:
        agency_id: the agency.
        period: the Jalali period.
        score: 0–100; ``None`` when no component is present or a required one is missing.
        coverage: the share of the policy's total weight present (with the default weights,
            which add up to 1, the sum of the weights present).
        missing: the components left out for want of data, in component order.
        reason: why ``score`` is ``None``: ``no_component`` or ``required_missing``.
        policy_version: the index policy's version.
        library_version: the version of citizenrights that made the index.
    """

    agency_id: str
    period: JalaliPeriod
    score: float | None
    coverage: float
    _components: tuple[IndexComponent, ...] = attrs.field(alias="components")
    missing: tuple[ComponentName, ...]
    reason: str | None
    policy_version: str
    library_version: str

    @property
    def components(self) -> dict[str, IndexComponent]:
        """Every component by name, the missing ones included with ``value=None``."""
        return {c.name.value: c for c in self._components}

    def to_dict(self) -> dict[str, Any]:
        """JSON-ready data with stable keys."""
        return {
            "agency_id": self.agency_id,
            "period": str(self.period),
            "score": self.score,
            "coverage": self.coverage,
            "missing": [c.value for c in self.missing],
            "reason": self.reason,
            "components": {c.name.value: c.to_dict() for c in self._components},
            "policy_version": self.policy_version,
            "library_version": self.library_version,
        }

    def explain(self, lang: Lang = "fa") -> str:
        """Why the index is what it is.

        Each component with its weight, value and share, the weighted mean, the data coverage and
        what was missing.

        Args:
            lang: ``"fa"`` (Persian, Persian digits; the default) or ``"en"``.

        Returns:
            Lines of text: the score and the rules' version, how the mean is taken, a line per
            component (and per rate), the sum that gives the score (or why there is none), and
            the data coverage.

        Raises:
            UnsupportedLanguageError: for another ``lang``.

        Examples:
            >>> from citizenrights import AgencyStats, SurveyResponse
            >>> index = agency_index(
            ...     "A-1", JalaliPeriod.parse("1396-Q3"), inspections=[], complaints=[],
            ...     trainings=[], surveys=[SurveyResponse(agency_id="A-1", date="1396/07/20", score=4)],
            ...     stats=[AgencyStats(agency_id="A-1", period="1396-Q3", services=1200, staff=40)])
            >>> print(index.explain("en"))  # doctest: +NORMALIZE_WHITESPACE
            Agency A-1, Autumn 1396: score 62.50 of 100, by the scoring rules, version 1.
            The score is the weighted mean of the components with data; the weight of a
            component without data is shared among the others.
            - inspection (weight 0.5): no data, left out (no scored inspection in the period).
            - complaints: score 100.00, weight 0.2 (share after re-normalising 40.0%)
              upheld complaints per service: 0 of 1200, 100.00 points
            - training: score 0.00, weight 0.15 (share after re-normalising 30.0%)
              staff trained: 0 of 40, 0.00 points
            - satisfaction: score 75.00, weight 0.15 (share after re-normalising 30.0%)
            Score = (0.2 × 100.00 + 0.15 × 0.00 + 0.15 × 75.00) / 0.5
            Data coverage: 50.0% of the total weight; components without data: inspection.
            >>> print(index.explain("fa").splitlines()[0])
            دستگاه A-1، پاییز ۱۳۹۶: امتیاز ۶۲٫۵۰ از ۱۰۰، طبق ضوابط امتیازدهی، نسخهٔ ۱.
        """
        return explain_index(self, self._components, lang)


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


def _rate(name: str, numerator: int, denominator: int, min_sample: int, *, points_of: Any) -> Rate:
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


_NEEDS_STATS: Final = (ComponentName.COMPLAINTS, ComponentName.TRAINING)
_Part = tuple[float | None, tuple[Rate, ...], tuple[tuple[str, int | float], ...], str | None]


def _inspection_part(
    agency_id: str, period: JalaliPeriod, scores: Iterable[InspectionScore], policy: IndexPolicy
) -> _Part:
    used: list[float] = []
    incomplete = not_joint = not_applicable = 0
    for s in scores:
        if not isinstance(s, InspectionScore):
            raise TypeError(
                "agency_index takes inspection scores (the results of score_inspection), "
                f"not {type(s).__name__} records; score each inspection against its checklist first."
            )
        if s.agency_id != agency_id or s.date not in period:
            continue
        if s.status is InspectionStatus.NOT_APPLICABLE:
            not_applicable += 1
        elif s.status is not InspectionStatus.SCORED or s.score is None:
            incomplete += 1
        elif policy.joint_only and not s.joint:
            not_joint += 1
        else:
            used.append(s.score)
    evidence = (
        ("inspections", len(used)),
        ("left_out_incomplete", incomplete),
        ("left_out_not_joint", not_joint),
        ("left_out_not_applicable", not_applicable),
    )
    if not used:
        return None, (), evidence, "no scored inspection in the period"
    return fsum(used) / len(used), (), evidence, None


def _complaints_part(
    agency_id: str,
    period: JalaliPeriod,
    complaints: Iterable[Complaint],
    services: int | None,
    policy: IndexPolicy,
) -> _Part:
    received = upheld = closed = on_time = 0
    calendar = policy.calendar.calendar
    for c in complaints:
        if c.agency_id != agency_id or c.received not in period:
            continue
        received += 1
        upheld += c.is_upheld
        if c.closed_on is not None:
            closed += 1
            on_time += (
                working_days_between(c.received, c.closed_on, calendar)
                <= policy.answer_working_days
            )
    rates: list[Rate] = []
    if services:
        ceiling = policy.upheld_per_1000_ceiling
        rates.append(
            _rate(
                "upheld_per_service",
                min(upheld, services),
                services,
                policy.min_sample,
                points_of=lambda p: 100.0 * (1.0 - min(1.0, 1000.0 * p / ceiling)),
            )
        )
    if closed:
        rates.append(
            _rate("on_time", on_time, closed, policy.min_sample, points_of=lambda p: 100.0 * p)
        )
    evidence = (
        ("complaints", received),
        ("upheld", upheld),
        ("closed", closed),
        ("closed_on_time", on_time),
        ("services", services or 0),
    )
    if not rates:
        return None, (), evidence, "no services in the period's stats and no closed complaint"
    return fsum(r.points for r in rates) / len(rates), tuple(rates), evidence, None


def _training_part(
    agency_id: str,
    period: JalaliPeriod,
    trainings: Iterable[TrainingRecord],
    staff: int | None,
    policy: IndexPolicy,
) -> _Part:
    hours: dict[str, list[float]] = {}
    not_staff = 0
    for t in trainings:
        if t.agency_id != agency_id or t.date not in period:
            continue
        # Courses for inspectors or NGO members train people outside the staff headcount.
        if not policy.counts_as_staff_training(t):
            not_staff += 1
            continue
        hours.setdefault(t.person_id, []).append(t.hours)
    trained = sum(1 for h in hours.values() if fsum(h) >= policy.training_hours)
    evidence = (
        ("people_trained_any", len(hours)),
        ("people_trained_enough", trained),
        ("hours", fsum(fsum(h) for h in hours.values())),
        ("left_out_not_staff", not_staff),
        ("staff", staff or 0),
    )
    if not staff:
        return None, (), evidence, "no staff count in the period's stats"
    # More trained people than the headcount (staff who left, a stale count) caps at 100.
    rate = _rate(
        "trained", min(trained, staff), staff, policy.min_sample, points_of=lambda p: 100.0 * p
    )
    return rate.points, (rate,), evidence, None


def _satisfaction_part(
    agency_id: str, period: JalaliPeriod, surveys: Iterable[SurveyResponse], policy: IndexPolicy
) -> _Part:
    scores = [s.score for s in surveys if s.agency_id == agency_id and s.date in period]
    evidence: tuple[tuple[str, int | float], ...] = (
        ("responses", len(scores)),
        ("small_sample", int(len(scores) < policy.min_sample)),
    )
    if not scores:
        return None, (), evidence, "no survey response in the period"
    mean = sum(scores) / len(scores)
    return 100.0 * (mean - 1.0) / 4.0, (), (*evidence, ("mean", mean)), None


def agency_index(
    agency_id: str,
    period: JalaliPeriod,
    *,
    inspections: Iterable[InspectionScore],
    complaints: Iterable[Complaint],
    trainings: Iterable[TrainingRecord],
    surveys: Iterable[SurveyResponse],
    stats: Iterable[AgencyStats],
    policy: IndexPolicy = DEFAULT_INDEX_POLICY,
) -> AgencyIndex:
    """An agency's citizens'-rights index for a Jalali period.

    Each iterable may hold records of other agencies and periods: only the agency's records dated
    in the period count. Inspections come as scores (from `score_inspection`), which carry
    their date, agency, status and whether the team was joint.

    Args:
        agency_id: the agency.
        period: the period (a year, half, quarter or month).
        inspections: inspection scores.
        complaints: complaints (dated by ``received``).
        trainings: training attendances (dated by ``date``; only staff audiences count, see
            [`IndexPolicy.counts_as_staff_training`][citizenrights.scoring.policies.IndexPolicy.counts_as_staff_training]).
        surveys: client feedback (dated by ``date``).
        stats: denominators (see [`period_stats`][citizenrights.scoring.index.period_stats]).
        policy: the rules; ``IndexPolicy()`` by default.

    Returns:
        The index with its four components.

    Raises:
        DatasetError: when ``stats`` has two rows for the agency and one period.
    """
    found = period_stats(agency_id, period, stats)
    services, staff = (found[0], found[1]) if found is not None else (None, None)
    parts = {
        ComponentName.INSPECTION: _inspection_part(agency_id, period, inspections, policy),
        ComponentName.COMPLAINTS: _complaints_part(agency_id, period, complaints, services, policy),
        ComponentName.TRAINING: _training_part(agency_id, period, trainings, staff, policy),
        ComponentName.SATISFACTION: _satisfaction_part(agency_id, period, surveys, policy),
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
        agency_id=agency_id,
        period=period,
        score=score,
        coverage=present_weight / fsum(weights.values()),
        components=components,
        missing=missing,
        reason=reason,
        policy_version=policy.version,
        library_version=__version__,
    )
