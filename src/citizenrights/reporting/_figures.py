"""How the figures of a periodic report are computed from an evaluation (private).

The counts are the agency indices' own (their components' evidence and rates), so that a report
never counts a record differently from the index it ranks by.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from math import fsum

from citizenrights.evaluation import Evaluation
from citizenrights.models.agencies import Agency, PeerGroup
from citizenrights.models.inspections import InspectionKind
from citizenrights.reporting.figures import (
    ComplaintFigures,
    RankedAgency,
    ReportSummary,
    SatisfactionFigures,
    TrainingFigures,
)
from citizenrights.scoring.index import satisfaction_points
from citizenrights.scoring.index_results import AgencyIndex
from citizenrights.scoring.inspection_results import InspectionScore, InspectionStatus
from citizenrights.scoring.policies import Grade, ScoringPolicy
from citizenrights.vocabulary import PEER_GROUPS

__all__ = [
    "complaint_figures",
    "grade_counts",
    "ranking_rows",
    "report_summary",
    "satisfaction_figures",
    "training_figures",
]


def _mean(values: Sequence[float]) -> float | None:
    return fsum(values) / len(values) if values else None


def _change(now: float | None, before: float | None) -> float | None:
    return None if now is None or before is None else now - before


def ranking_rows(
    evaluation: Evaluation,
    agencies: Mapping[str, Agency],
    scoring_policy: ScoringPolicy,
    peer_groups: Iterable[PeerGroup] = (),
) -> tuple[RankedAgency, ...]:
    """The rows of the ranking, in the evaluation's order (group, rank, id).

    A group is named as ``peer_groups`` (the dataset's) names it, else as the reference data does.
    """
    now, before = evaluation.indices, evaluation.previous
    names: dict[str, tuple[str, str | None]] = dict(PEER_GROUPS)
    names.update({g.code: (g.name, g.name_en) for g in peer_groups})
    return tuple(
        RankedAgency(
            agency_id=r.id,
            name=agencies[r.id].name,
            name_en=agencies[r.id].name_en,
            group=r.group,
            rank=r.rank,
            score=now[r.id].score,
            grade=scoring_policy.grade(now[r.id].score),
            coverage=now[r.id].coverage,
            inspection=now[r.id].components["inspection"].value,
            previous=before[r.id].score,
            change=_change(now[r.id].score, before[r.id].score),
            group_name=names.get(r.group, (None, None))[0] if r.group else None,
            group_name_en=names.get(r.group, (None, None))[1] if r.group else None,
        )
        for r in evaluation.ranking
    )


def grade_counts(rows: Iterable[RankedAgency]) -> dict[str, int]:
    """How many rows got each grade, every grade listed; ``none`` counts the rows without one."""
    grades = dict.fromkeys([g.value for g in Grade], 0) | {"none": 0}
    for row in rows:
        grades["none" if row.grade is None else row.grade.value] += 1
    return grades


def report_summary(
    rows: Sequence[RankedAgency],
    scores: Iterable[InspectionScore],
    *,
    inspections: int,
    joint: int,
    by_kind: Mapping[str, int],
) -> ReportSummary:
    """The headline figures: ``rows`` of the ranking, the period's scores and inspection counts."""
    status_counts = dict.fromkeys(InspectionStatus, 0)
    scored: list[float] = []
    for s in scores:
        status_counts[s.status] += 1
        if s.status is InspectionStatus.SCORED and s.score is not None:
            scored.append(s.score)
    index_now = [r.score for r in rows if r.score is not None]
    index_before = [r.previous for r in rows if r.previous is not None]
    mean_now, mean_before = _mean(index_now), _mean(index_before)
    return ReportSummary(
        agencies=len(rows),
        indexed=len(index_now),
        inspections=inspections,
        joint=joint,
        by_kind={k.value: by_kind.get(k.value, 0) for k in InspectionKind},
        scored=status_counts[InspectionStatus.SCORED],
        incomplete=status_counts[InspectionStatus.INCOMPLETE],
        mean_inspection=_mean(scored),
        mean_index=mean_now,
        previous_mean_index=mean_before,
        change=_change(mean_now, mean_before),
    )


def complaint_figures(grave: int, indices: Mapping[str, AgencyIndex]) -> ComplaintFigures:
    """The complaint figures of the period, counted as the indices count them.

    ``grave`` is the number of grave complaints received in the period and upheld (folded by
    [`ReportPartial`][citizenrights.evaluation.partial.ReportPartial]).
    """
    # The counts are the indices' own (a complaint received in the period, with its outcome
    # whenever it was closed; on time by the index policy's working days): only the severity of
    # upheld complaints is read from the records, as the index does not count it.
    evidence = [i.components["complaints"].evidence for i in indices.values()]
    received = sum(int(e["complaints"]) for e in evidence)
    closed = sum(int(e["closed"]) for e in evidence)
    upheld = sum(int(e["upheld"]) for e in evidence)
    on_time = sum(int(e["closed_on_time"]) for e in evidence)
    still_open, dismissed = received - closed, closed - upheld
    services_known = [
        rate.denominator
        for i in indices.values()
        for rate in i.components["complaints"].rates
        if rate.name == "upheld_per_service"
    ]
    services = sum(services_known) if services_known else None
    return ComplaintFigures(
        received=received,
        closed=closed,
        open=still_open,
        upheld=upheld,
        grave_upheld=grave,
        dismissed=dismissed,
        on_time=on_time,
        on_time_share=on_time / closed if closed else None,
        services=services,
        upheld_per_1000=1000 * upheld / services if services else None,
    )


def training_figures(indices: Mapping[str, AgencyIndex]) -> TrainingFigures:
    """The training coverage of the period, from the indices' training components."""
    # Every figure comes from the indices' training components, so the report counts trainings
    # by exactly the index's rule (the period, the agency, staff audiences only).
    staff = trained = people = left_out = 0
    hours: list[float] = []
    with_staff = False
    for index in indices.values():
        component = index.components["training"]
        evidence = component.evidence
        hours.append(evidence["hours"])
        people += int(evidence["people_trained_any"])
        left_out += int(evidence["left_out_not_staff"])
        for rate in component.rates:
            if rate.name == "trained":
                with_staff = True
                staff += rate.denominator
                trained += rate.numerator
    return TrainingFigures(
        staff=staff if with_staff else None,
        trained=trained,
        share=min(1.0, trained / staff) if with_staff and staff else None,
        hours=fsum(hours),
        people=people,
        left_out=left_out,
    )


def satisfaction_figures(indices: Mapping[str, AgencyIndex]) -> SatisfactionFigures:
    """The client feedback of the period, from the indices' satisfaction components."""
    # The indices' satisfaction evidence pooled: the mean of every response of the scope.
    parts = [
        (int(c.evidence["responses"]), c.evidence["mean"])
        for c in (i.components["satisfaction"] for i in indices.values())
        if c.value is not None
    ]
    responses = sum(n for n, _ in parts)
    if not responses:
        return SatisfactionFigures(0, None, None)
    # Responses are whole scores (1–5), so each agency's total is its mean × responses, exactly.
    mean = sum(round(n * m) for n, m in parts) / responses
    # The points of the pooled mean by the satisfaction component's rule. (A response-weighted
    # mean of the components' values is the same number in exact arithmetic, not in floats.)
    return SatisfactionFigures(responses, mean, satisfaction_points(mean))
