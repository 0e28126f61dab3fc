"""The periodic report: agencies ranked in their peer groups, with the figures behind them.

[`build_report`][citizenrights.reporting.report.build_report] assembles, for one Jalali period and one scope (the nation, a province, or an
agency such as a county governorate with everything under it), what the recipients the seed names
need: the provincial council and the national councils get the summary, the ranking within peer
groups, the grade distribution, critical findings, complaints, training, client satisfaction, the
corrective actions past due and the change against the previous period; an agency head gets
[`Report.for_agency`][citizenrights.reporting.report.Report.for_agency]. Rendering is in [`citizenrights.reporting.render`][citizenrights.reporting.render].

Reports hold no personal data: no names of people, no person ids.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Mapping, Sequence
from math import fsum
from typing import TYPE_CHECKING, Any, Literal

import attrs

from citizenrights._version import __version__
from citizenrights.calendar import JalaliPeriod
from citizenrights.errors import UnknownAgencyError
from citizenrights.evaluation import ReportScope, evaluate
from citizenrights.models.activity import Complaint, ComplaintSeverity
from citizenrights.models.agencies import Agency
from citizenrights.models.checklists import Checklist
from citizenrights.models.inspections import Inspection, InspectionKind, Severity
from citizenrights.models.provinces import Province
from citizenrights.scoring._results import pydantic_support
from citizenrights.scoring.index import DEFAULT_INDEX_POLICY, AgencyIndex
from citizenrights.scoring.inspections import (
    DEFAULT_SCORING_POLICY,
    InspectionScore,
    InspectionStatus,
)
from citizenrights.scoring.policies import Grade, IndexPolicy, ScoringPolicy
from citizenrights.scoring.progress import (
    Coverage,
    GroupProgress,
    OverdueFinding,
    group_progress,
    inspection_coverage,
    overdue_findings,
)
from citizenrights.scoring.rollup import RollUp, roll_up
from citizenrights.vocabulary import check_lang

if TYPE_CHECKING:
    from citizenrights.dataset import Dataset

__all__ = [
    "AgencyReport",
    "ComplaintFigures",
    "CriticalFinding",
    "RankedAgency",
    "Report",
    "ReportScope",
    "ReportSummary",
    "SatisfactionFigures",
    "TrainingFigures",
    "build_report",
]

_SCORING_POLICY = DEFAULT_SCORING_POLICY
_INDEX_POLICY = DEFAULT_INDEX_POLICY


@pydantic_support()
@attrs.frozen
class RankedAgency:
    """One row of the ranking: an agency's index, grade, rank in its peer group and trend.

    Attributes:
        agency_id: the agency.
        name: its Persian name.
        name_en: its English name, when known.
        group: its peer group (``category``), ``None`` when it has none.
        rank: its competition rank within the group; ``None`` without a score.
        score: its index for the period (0–100), ``None`` when it has none.
        grade: the grade of the score by the scoring policy's bands.
        coverage: the share of the index weights that had data.
        inspection: the inspection component (mean inspection score), ``None`` when missing.
        previous: its index for the previous period.
        change: ``score - previous`` when both exist.
    """

    agency_id: str
    name: str
    name_en: str | None
    group: str | None
    rank: int | None
    score: float | None
    grade: Grade | None
    coverage: float
    inspection: float | None
    previous: float | None
    change: float | None

    def to_dict(self) -> dict[str, Any]:
        """JSON-ready data with stable keys."""
        return {
            "agency_id": self.agency_id,
            "name": self.name,
            "name_en": self.name_en,
            "group": self.group,
            "rank": self.rank,
            "score": self.score,
            "grade": None if self.grade is None else self.grade.value,
            "coverage": self.coverage,
            "inspection": self.inspection,
            "previous": self.previous,
            "change": self.change,
        }


@pydantic_support()
@attrs.frozen
class CriticalFinding:
    """A critical failure in the period: a non-compliant critical item or a critical finding.

    Attributes:
        agency_id: the agency inspected.
        inspection_id: the inspection.
        date: the inspection's date.
        item: the checklist item, when the finding names one.
        source: ``critical_item`` (a non-compliant critical item, which caps the score) or
            ``finding`` (a finding of severity ``critical``).
        description: the finding's text, or for a critical item its Persian text in the checklist
            version the inspection was scored against.
        resolved_on: when the finding was resolved (findings only).
        description_en: the English gloss (``text_en``) of a critical item in that same
            checklist version; ``None`` for findings and for items without a gloss.
    """

    agency_id: str
    inspection_id: str
    date: dt.date
    item: str | None
    source: Literal["critical_item", "finding"]
    description: str
    resolved_on: dt.date | None
    description_en: str | None = None

    def text(self, lang: Literal["fa", "en"] = "fa") -> str:
        """The description in ``lang``: the English gloss when asked and known, else the text.

        Raises:
            UnsupportedLanguageError: for another ``lang``.
        """
        if check_lang(lang) == "en" and self.description_en is not None:
            return self.description_en
        return self.description

    def to_dict(self) -> dict[str, Any]:
        """JSON-ready data with stable keys."""
        return {
            "agency_id": self.agency_id,
            "inspection_id": self.inspection_id,
            "date": self.date.isoformat(),
            "item": self.item,
            "source": self.source,
            "description": self.description,
            "description_en": self.description_en,
            "resolved_on": None if self.resolved_on is None else self.resolved_on.isoformat(),
        }


@pydantic_support()
@attrs.frozen
class ComplaintFigures:
    """Complaints received in the period (شکایات) and how they were handled.

    Attributes:
        received: complaints received in the period.
        closed: of those, closed (whenever; the index counts them the same way).
        open: of those, still open in the data.
        upheld: closed as upheld.
        grave_upheld: upheld and of severity ``grave``.
        dismissed: closed as dismissed or withdrawn.
        on_time: closed within the index policy's ``answer_working_days`` working days.
        on_time_share: ``on_time / closed``; ``None`` when none was closed.
        services: services delivered in the period by the agencies with statistics.
        upheld_per_1000: upheld complaints per 1,000 services; ``None`` without services.
    """

    received: int
    closed: int
    open: int
    upheld: int
    grave_upheld: int
    dismissed: int
    on_time: int
    on_time_share: float | None
    services: int | None
    upheld_per_1000: float | None

    def to_dict(self) -> dict[str, Any]:
        """JSON-ready data with stable keys."""
        return attrs.asdict(self)


@pydantic_support()
@attrs.frozen
class TrainingFigures:
    """Training coverage: staff who met the index policy's training hours in the period.

    Trainings are counted as the index counts them ([`IndexPolicy.counts_as_staff_training`][citizenrights.scoring.policies.IndexPolicy.counts_as_staff_training]):
    only courses for the agencies' own staff (managers and employees by default).

    Attributes:
        staff: staff of the agencies with statistics for the period.
        trained: staff with at least ``training_hours`` of citizens'-rights training in it.
        share: ``trained / staff`` (at most 1); ``None`` without staff figures.
        hours: the staff's training hours recorded in the period.
        people: distinct staff members trained at all in the period.
        left_out: training records of the period left out because their course was for another
            audience (inspectors, NGO members).
    """

    staff: int | None
    trained: int
    share: float | None
    hours: float
    people: int
    left_out: int = 0

    def to_dict(self) -> dict[str, Any]:
        """JSON-ready data with stable keys."""
        return attrs.asdict(self)


@pydantic_support()
@attrs.frozen
class SatisfactionFigures:
    """Client feedback (ارباب رجوع) in the period.

    Attributes:
        responses: survey responses dated in the period.
        mean: their mean score (1–5); ``None`` when there are none.
        points: ``100 × (mean − 1) / 4``, as the index counts it.
    """

    responses: int
    mean: float | None
    points: float | None

    def to_dict(self) -> dict[str, Any]:
        """JSON-ready data with stable keys."""
        return attrs.asdict(self)


@pydantic_support()
@attrs.frozen
class ReportSummary:
    """The headline figures of a report.

    Attributes:
        agencies: agencies in scope.
        indexed: agencies with an index score.
        inspections: inspections of agencies in scope dated in the period.
        joint: of those, by a joint AREO–Ministry of Interior team.
        by_kind: inspections by kind (``periodic``, ``ad_hoc``, ``follow_up``).
        scored: inspections with a score and grade.
        incomplete: inspections scored as ``incomplete``.
        mean_inspection: the mean score of the scored inspections.
        mean_index: the mean index of the agencies with one.
        previous_mean_index: the same for the previous period.
        change: ``mean_index - previous_mean_index`` when both exist.
    """

    agencies: int
    indexed: int
    inspections: int
    joint: int
    by_kind: Mapping[str, int]
    scored: int
    incomplete: int
    mean_inspection: float | None
    mean_index: float | None
    previous_mean_index: float | None
    change: float | None

    def to_dict(self) -> dict[str, Any]:
        """JSON-ready data with stable keys."""
        data = attrs.asdict(self)
        data["by_kind"] = dict(self.by_kind)
        return data


@pydantic_support()
@attrs.frozen
class AgencyReport:
    """What an agency head receives: the agency's index, its inspections and what is past due.

    Attributes:
        period: the period.
        agency: the agency.
        row: its row of the ranking (rank within its peer group, score, grade, trend).
        peers: how many agencies share its peer group in the report.
        index: its index, with every component.
        inspections: the scores of its inspections in the period, by date.
        critical: its critical failures in the period.
        overdue: its findings past due at the end of the period.
        library_version: the version of citizenrights that made it.
    """

    period: JalaliPeriod
    agency: Agency
    row: RankedAgency
    peers: int
    index: AgencyIndex
    inspections: tuple[InspectionScore, ...]
    critical: tuple[CriticalFinding, ...]
    overdue: tuple[OverdueFinding, ...]
    library_version: str

    def to_dict(self) -> dict[str, Any]:
        """JSON-ready data with stable keys."""
        return {
            "period": str(self.period),
            "agency": self.agency.model_dump(mode="json"),
            "row": self.row.to_dict(),
            "peers": self.peers,
            "index": self.index.to_dict(),
            "inspections": [s.to_dict() for s in self.inspections],
            "critical": [c.to_dict() for c in self.critical],
            "overdue": [o.to_dict() for o in self.overdue],
            "library_version": self.library_version,
        }

    def to_markdown(self, lang: Literal["fa", "en"] = "fa") -> str:
        """The agency report as Markdown (Persian right-to-left, or English)."""
        from citizenrights.reporting.render import agency_report_markdown

        return agency_report_markdown(self, lang)


@pydantic_support(exclude=("scores", "agencies", "decimals"))
@attrs.frozen
class Report:
    """A periodic report for a scope. Build it with [`build_report`][citizenrights.reporting.report.build_report].

    Attributes:
        period: the period reported on.
        previous_period: the period the trend compares with.
        scope: whose report it is.
        as_of: the day figures that depend on a date are taken at (the period's last day).
        summary: the headline figures.
        ranking: the agencies ranked within their peer groups (group, rank, id order).
        grades: how many agencies in scope got each grade (``none`` for no score).
        critical: critical failures in the period, by agency and date.
        complaints: complaint figures.
        training: training coverage.
        satisfaction: client feedback.
        overdue: corrective actions past due at ``as_of``.
        coverage: which agencies in scope had a periodic inspection in the period.
        groups: the progress of the working groups of the scope at ``as_of``.
        roll_ups: the mean index by province (national reports) or for the province.
        indices: each agency's index, by agency id.
        scores: the scores of the period's inspections, by inspection id.
        scoring_policy_version: the scoring policy's version.
        index_policy_version: the index policy's version.
        library_version: the version of citizenrights that made it.
    """

    period: JalaliPeriod
    previous_period: JalaliPeriod
    scope: ReportScope
    as_of: dt.date
    summary: ReportSummary
    ranking: tuple[RankedAgency, ...]
    grades: Mapping[str, int]
    critical: tuple[CriticalFinding, ...]
    complaints: ComplaintFigures
    training: TrainingFigures
    satisfaction: SatisfactionFigures
    overdue: tuple[OverdueFinding, ...]
    coverage: Coverage
    groups: tuple[GroupProgress, ...]
    roll_ups: tuple[RollUp, ...]
    indices: Mapping[str, AgencyIndex]
    scores: Mapping[str, InspectionScore]
    agencies: Mapping[str, Agency]
    decimals: int
    scoring_policy_version: str
    index_policy_version: str
    library_version: str

    def to_dict(self) -> dict[str, Any]:
        """JSON-ready data with stable keys (the per-agency indices included, item scores not)."""
        return {
            "period": str(self.period),
            "previous_period": str(self.previous_period),
            "scope": self.scope.to_dict(),
            "as_of": self.as_of.isoformat(),
            "summary": self.summary.to_dict(),
            "ranking": [r.to_dict() for r in self.ranking],
            "grades": dict(self.grades),
            "critical": [c.to_dict() for c in self.critical],
            "complaints": self.complaints.to_dict(),
            "training": self.training.to_dict(),
            "satisfaction": self.satisfaction.to_dict(),
            "overdue": [o.to_dict() for o in self.overdue],
            "coverage": self.coverage.to_dict(),
            "groups": [g.to_dict() for g in self.groups],
            "roll_ups": [r.to_dict() for r in self.roll_ups],
            "indices": {k: v.to_dict() for k, v in sorted(self.indices.items())},
            "scoring_policy_version": self.scoring_policy_version,
            "index_policy_version": self.index_policy_version,
            "library_version": self.library_version,
        }

    def to_markdown(self, lang: Literal["fa", "en"] = "fa") -> str:
        """The report as Markdown: Persian right-to-left with Persian digits, or English."""
        from citizenrights.reporting.render import report_markdown

        return report_markdown(self, lang)

    def to_csv(self) -> str:
        """The ranking as CSV (group, rank, agency, score, grade, coverage, previous, change)."""
        from citizenrights.reporting.render import ranking_csv

        return ranking_csv(self)

    def for_agency(self, agency_id: str) -> AgencyReport:
        """The report an agency head receives for one agency of the scope.

        Raises:
            UnknownAgencyError: for an agency that is not in the report's scope.
        """
        row = next((r for r in self.ranking if r.agency_id == agency_id), None)
        if row is None:
            raise UnknownAgencyError(agency_id, known=len(self.ranking))
        peers = sum(1 for r in self.ranking if r.group == row.group)
        scores = sorted(
            (s for s in self.scores.values() if s.agency_id == agency_id),
            key=lambda s: (s.date, s.inspection_id),
        )
        return AgencyReport(
            period=self.period,
            agency=self.agencies[agency_id],
            row=row,
            peers=peers,
            index=self.indices[agency_id],
            inspections=tuple(scores),
            critical=tuple(c for c in self.critical if c.agency_id == agency_id),
            overdue=tuple(o for o in self.overdue if o.agency_id == agency_id),
            library_version=self.library_version,
        )


# -- assembly ---------------------------------------------------------------------------------


def _mean(values: Sequence[float]) -> float | None:
    return fsum(values) / len(values) if values else None


def _change(now: float | None, before: float | None) -> float | None:
    return None if now is None or before is None else now - before


def _critical(
    inspections: Iterable[Inspection],
    scores: Mapping[str, InspectionScore],
    checklists: Mapping[tuple[str, str], Checklist],
) -> tuple[CriticalFinding, ...]:
    out: list[CriticalFinding] = []
    for insp in inspections:
        score = scores.get(insp.id)
        # An item's text comes from the very checklist version the inspection was scored
        # against: two versions may give one code different texts.
        checklist = checklists[(insp.checklist_id, insp.checklist_version)]
        for code in score.capped_by if score is not None else ():
            item = checklist.item(code)
            out.append(
                CriticalFinding(
                    insp.agency_id,
                    insp.id,
                    insp.date,
                    code,
                    "critical_item",
                    item.text,
                    None,
                    item.text_en,
                )
            )
        for f in insp.findings:
            if f.severity is Severity.CRITICAL:
                out.append(
                    CriticalFinding(
                        insp.agency_id,
                        insp.id,
                        insp.date,
                        f.item,
                        "finding",
                        f.description,
                        f.resolved_on,
                    )
                )
    out.sort(key=lambda c: (c.agency_id, c.date, c.inspection_id, c.source, c.item or ""))
    return tuple(out)


def _complaint_figures(
    complaints: Iterable[Complaint],
    period: JalaliPeriod,
    indices: Mapping[str, AgencyIndex],
) -> ComplaintFigures:
    # The counts are the indices' own (a complaint received in the period, with its outcome
    # whenever it was closed; on time by the index policy's working days): only the severity of
    # upheld complaints is read from the records, as the index does not count it.
    evidence = [i.components["complaints"].evidence for i in indices.values()]
    received = sum(int(e["complaints"]) for e in evidence)
    closed = sum(int(e["closed"]) for e in evidence)
    upheld = sum(int(e["upheld"]) for e in evidence)
    on_time = sum(int(e["closed_on_time"]) for e in evidence)
    grave = sum(
        1
        for c in complaints
        if c.received in period and c.is_upheld and c.severity is ComplaintSeverity.GRAVE
    )
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


def _training_figures(indices: Mapping[str, AgencyIndex]) -> TrainingFigures:
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


def _satisfaction(indices: Mapping[str, AgencyIndex]) -> SatisfactionFigures:
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
    return SatisfactionFigures(responses, mean, 100 * (mean - 1) / 4)


def _groups_in_scope(
    dataset: Dataset, scope: ReportScope, as_of: dt.date
) -> tuple[GroupProgress, ...]:
    groups = dataset.working_groups
    meetings = dataset.meetings
    programmes = dataset.programmes
    ids = frozenset(scope.agencies)
    chosen = []
    for g in groups:
        scope_of = g.scope.value
        if (
            scope.kind == "national"
            or (
                scope_of == "province"
                and scope.kind == "province"
                and g.province is not None
                and g.province.code == scope.code
            )
            or (scope_of == "agency" and g.agency_id in ids)
        ):
            chosen.append(g)
    out = []
    for g in sorted(chosen, key=lambda g: g.id):
        mine = [m for m in meetings if m.group_id == g.id]
        if not mine:
            continue
        out.append(group_progress(g, mine, as_of=as_of, programmes=programmes))
    return tuple(out)


def build_report(
    dataset: Dataset,
    period: JalaliPeriod | str,
    *,
    scope: Province | str | None = None,
    scoring_policy: ScoringPolicy = _SCORING_POLICY,
    index_policy: IndexPolicy = _INDEX_POLICY,
) -> Report:
    """Assemble the report of a scope for a Jalali period.

    Every inspection of the scope dated in the period (or the previous one, for the trend) is
    scored against its checklist; each agency's index is computed from its own records; agencies
    are ranked within their peer groups; and the figures of the period are gathered. The result is
    pure data: render it with [`Report.to_markdown`][citizenrights.reporting.report.Report.to_markdown], [`Report.to_dict`][citizenrights.reporting.report.Report.to_dict] or
    [`Report.to_csv`][citizenrights.reporting.report.Report.to_csv].

    Args:
        dataset: a loaded dataset ([`Dataset.load`][citizenrights.dataset._loader.Dataset.load]).
        period: the period, or its text (``1396-Q3``).
        scope: ``None`` for the nation; a province ([`Province`][citizenrights.models.provinces.Province] or text such as ``IR-10``,
            ``Isfahan``, ``اصفهان``); or an agency id (a county governorate covers itself and the
            agencies under it).
        scoring_policy: how inspections are scored.
        index_policy: how the agency index is made (its calendar also dates corrective actions).

    Returns:
        The report.

    Raises:
        InvalidPeriodError: for period text that is not a period.
        UnknownAgencyError: for a scope that is neither a province nor an agency id.
        ChecklistMismatchError: for an inspection that does not fit its checklist.
    """
    evaluation = evaluate(
        dataset, period, scope=scope, scoring_policy=scoring_policy, index_policy=index_policy
    )
    period, previous = evaluation.period, evaluation.previous_period
    registry = dataset.agencies
    the_scope = evaluation.scope
    ids = frozenset(the_scope.agencies)
    calendar = index_policy.calendar.calendar
    as_of = period.end
    inspections_now = [i for i in dataset.inspections if i.agency_id in ids and i.date in period]
    now, before, ranked = evaluation.indices, evaluation.previous, evaluation.ranking
    ordered = the_scope.agencies
    agencies = {a: registry.get(a) for a in ordered}
    rows = tuple(
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
        )
        for r in ranked
    )
    grades = dict.fromkeys([g.value for g in Grade], 0) | {"none": 0}
    for row in rows:
        grades["none" if row.grade is None else row.grade.value] += 1

    period_scores = evaluation.scores
    status_counts = dict.fromkeys(InspectionStatus, 0)
    for s in period_scores.values():
        status_counts[s.status] += 1
    index_now = [r.score for r in rows if r.score is not None]
    index_before = [r.previous for r in rows if r.previous is not None]
    mean_now, mean_before = _mean(index_now), _mean(index_before)
    summary = ReportSummary(
        agencies=len(ordered),
        indexed=len(index_now),
        inspections=len(inspections_now),
        joint=sum(1 for i in inspections_now if i.is_joint),
        by_kind={k.value: sum(1 for i in inspections_now if i.kind is k) for k in InspectionKind},
        scored=status_counts[InspectionStatus.SCORED],
        incomplete=status_counts[InspectionStatus.INCOMPLETE],
        mean_inspection=_mean(
            [
                s.score
                for s in period_scores.values()
                if s.status is InspectionStatus.SCORED and s.score is not None
            ]
        ),
        mean_index=mean_now,
        previous_mean_index=mean_before,
        change=_change(mean_now, mean_before),
    )

    in_scope = [i for i in dataset.inspections if i.agency_id in ids]
    whole = inspection_coverage(registry, in_scope, period)
    coverage = Coverage(
        period=whole.period,
        kinds=whole.kinds,
        scope=the_scope.code,
        covered=tuple(a for a in whole.covered if a in ids),
        uncovered=tuple(a for a in whole.uncovered if a in ids),
        rate=(sum(1 for a in whole.covered if a in ids) / len(ids) if ids else None),
    )
    roll_level: Literal["province", "national"] = (
        "province" if the_scope.kind != "agency" else "national"
    )
    return Report(
        period=period,
        previous_period=previous,
        scope=the_scope,
        as_of=as_of,
        summary=summary,
        ranking=rows,
        grades=grades,
        critical=_critical(inspections_now, period_scores, dataset.checklists),
        complaints=_complaint_figures(
            (c for c in dataset.complaints if c.agency_id in ids), period, now
        ),
        training=_training_figures(now),
        satisfaction=_satisfaction(now),
        overdue=overdue_findings(in_scope, as_of=as_of, calendar=calendar),
        coverage=coverage,
        groups=_groups_in_scope(dataset, the_scope, as_of),
        roll_ups=roll_up(now.values(), registry, level=roll_level),
        indices=now,
        scores=period_scores,
        agencies=agencies,
        decimals=scoring_policy.decimals,
        scoring_policy_version=scoring_policy.version,
        index_policy_version=index_policy.version,
        library_version=__version__,
    )
