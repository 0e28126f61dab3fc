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
- **satisfaction**: ``100 × (mean survey score − 1) / 4``
  ([`satisfaction_points`][citizenrights.scoring.partials.satisfaction_points]);
- **ngo_participation** (optional, weight 0 by default and then not computed): 100 × the share of
  the period's inspection records (``inspection_records``, any status) whose team has an NGO
  member.

A component without data is left out and the weights of the others re-normalised; ``coverage`` is
the share of the policy's total weight that was present. Rates carry a 95% Wilson interval and
``small_sample`` when their denominator is below ``policy.min_sample``.

Only records dated inside the period count: inspections by ``date``, complaints by ``received``,
trainings and surveys by ``date``. The records fold into an
[`AgencyPartial`][citizenrights.scoring.partials.AgencyPartial], whose partial results merge
exactly (a streamed or split evaluation gives the same index to the bit). The denominators come from [`AgencyStats`][citizenrights.models.activity.AgencyStats]: the row whose
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
from typing import Final

from citizenrights.calendar import JalaliPeriod
from citizenrights.models.activity import AgencyStats, Complaint, SurveyResponse, TrainingRecord
from citizenrights.models.inspections import Inspection
from citizenrights.scoring.index_results import AgencyIndex as AgencyIndex
from citizenrights.scoring.index_results import IndexComponent as IndexComponent
from citizenrights.scoring.inspection_results import InspectionScore
from citizenrights.scoring.partials import AgencyPartial
from citizenrights.scoring.partials import period_stats as period_stats
from citizenrights.scoring.partials import satisfaction_points as satisfaction_points
from citizenrights.scoring.policies import IndexPolicy
from citizenrights.scoring.rates import Z_95 as Z_95
from citizenrights.scoring.rates import Rate as Rate
from citizenrights.scoring.rates import wilson_interval as wilson_interval

# AgencyIndex, IndexComponent, Rate, wilson_interval and Z_95 lived here before they had modules
# of their own, and period_stats and satisfaction_points before partial results needed them below
# this module: the `X as X` imports above keep them importable from here.
__all__ = ["DEFAULT_INDEX_POLICY", "agency_index", "period_stats", "satisfaction_points"]

#: The policy [`agency_index`][citizenrights.scoring.index.agency_index] uses when none is given: ``IndexPolicy()``.
DEFAULT_INDEX_POLICY: Final = IndexPolicy()


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
    inspection_records: Iterable[Inspection] = (),
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
        stats: denominators (see [`period_stats`][citizenrights.scoring.partials.period_stats]).
        policy: the rules; ``IndexPolicy()`` by default.
        inspection_records: the inspections themselves (dated by ``date``), read only for the
            ``ngo_participation`` component and only when the policy weighs it above 0.

    Returns:
        The index with its four components (and ``ngo_participation`` when it weighs above 0).

    Raises:
        TypeError: for an item of ``inspections`` that is not an inspection score, or of
            ``inspection_records`` that is not an inspection.
        DatasetError: when ``stats`` has two rows for the agency and one period.
    """
    partial = AgencyPartial(agency_id, period, policy)
    partial.add_matching(
        inspections=inspections,
        complaints=complaints,
        trainings=trainings,
        surveys=surveys,
        stats=stats,
        inspection_records=inspection_records,
    )
    return partial.finish()
