"""The agency index's components, finished from the counts and sums a partial keeps.

[`AgencyPartial.finish`][citizenrights.scoring.partials.AgencyPartial.finish] hands each
component the figures it folded; these functions turn them into the component's value, rates and
evidence. [`satisfaction_points`][citizenrights.scoring.partials.satisfaction_points] and
[`period_stats`][citizenrights.scoring.partials.period_stats] are public through
[`citizenrights.scoring.partials`][citizenrights.scoring.partials].
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping, Sequence
from math import fsum
from typing import Final

from citizenrights.calendar import JalaliPeriod
from citizenrights.errors import DatasetError
from citizenrights.models.activity import AgencyStats
from citizenrights.scoring.policies import ComponentName, IndexPolicy
from citizenrights.scoring.rates import Rate, wilson_interval

__all__ = [
    "NEEDS_STATS",
    "Part",
    "complaints_part",
    "inspection_part",
    "ngo_part",
    "period_stats",
    "satisfaction_part",
    "satisfaction_points",
    "training_part",
]

#: The components whose rates need the period's stats row (services, staff).
NEEDS_STATS: Final = (ComponentName.COMPLAINTS, ComponentName.TRAINING)
#: A component before it is weighed: value, rates, evidence and the reason it has no value.
Part = tuple[float | None, tuple[Rate, ...], tuple[tuple[str, int | float], ...], str | None]


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


def inspection_part(
    scores: int, total: float, incomplete: int, not_joint: int, not_applicable: int
) -> Part:
    """The inspection component: the mean of the used scores (``total`` is their exact sum)."""
    evidence = (
        ("inspections", scores),
        ("left_out_incomplete", incomplete),
        ("left_out_not_joint", not_joint),
        ("left_out_not_applicable", not_applicable),
    )
    if not scores:
        return None, (), evidence, "no scored inspection in the period"
    return total / scores, (), evidence, None


def complaints_part(
    policy: IndexPolicy,
    counts: Sequence[int],
    services: int | None,
) -> Part:
    """The complaints component from ``(received, upheld, closed, closed on time)``."""
    received, upheld, closed, on_time = counts
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


def training_part(
    policy: IndexPolicy, hours: Mapping[str, Sequence[float]], not_staff: int, staff: int | None
) -> Part:
    """The training component from each staff member's hours."""
    totals = [fsum(h) for h in hours.values()]
    trained = sum(1 for total in totals if total >= policy.training_hours)
    evidence = (
        ("people_trained_any", len(totals)),
        ("people_trained_enough", trained),
        ("hours", fsum(totals)),
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


def satisfaction_part(policy: IndexPolicy, responses: int, total: int) -> Part:
    """The satisfaction component from the count and the integer sum of the survey scores."""
    evidence: tuple[tuple[str, int | float], ...] = (
        ("responses", responses),
        ("small_sample", int(responses < policy.min_sample)),
    )
    if not responses:
        return None, (), evidence, "no survey response in the period"
    mean = total / responses
    return satisfaction_points(mean), (), (*evidence, ("mean", mean)), None


def ngo_part(policy: IndexPolicy, inspections: int, with_ngo: int) -> Part:
    """The NGO participation component: 100 × the share of inspections with an NGO member.

    Every inspection of the agency dated in the period counts, whatever its status or team (as
    in [`ngo_participation`][citizenrights.followup.ngos.ngo_participation]); one counts as with
    an NGO member when a member has an ``ngo`` affiliation or an ``ngo_id``.
    """
    evidence = (("inspections", inspections), ("with_ngo", with_ngo))
    if not inspections:
        return None, (), evidence, "no inspection in the period"
    rate = _rate(
        "with_ngo", with_ngo, inspections, policy.min_sample, points_of=lambda p: 100.0 * p
    )
    return rate.points, (rate,), evidence, None
