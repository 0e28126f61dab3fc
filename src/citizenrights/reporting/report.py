"""The periodic report: agencies ranked in their peer groups, with the figures behind them.

[`build_report`][citizenrights.reporting.report.build_report] assembles, for one Jalali period and one scope (the nation, a province, or an
agency such as a county governorate with everything under it), what the recipients the seed names
need: the provincial council and the national councils get the summary, the ranking within peer
groups, the grade distribution, critical findings, complaints, training, client satisfaction, the
corrective actions past due and the change against the previous period; an agency head gets
[`Report.for_agency`][citizenrights.reporting.report.Report.for_agency]. The figures are in
[`citizenrights.reporting.figures`][citizenrights.reporting.figures]; rendering is in
[`citizenrights.reporting.render`][citizenrights.reporting.render].

Reports hold no personal data: no names of people, no person ids.
"""

from __future__ import annotations

import datetime as dt
import os
from collections.abc import Mapping
from pathlib import Path
from typing import TYPE_CHECKING, Any, Literal

import attrs

from citizenrights._version import __version__
from citizenrights.calendar import JalaliPeriod
from citizenrights.errors import UnknownAgencyError
from citizenrights.evaluation import ReportPartial, ReportScope
from citizenrights.followup import (
    Coverage,
    GroupProgress,
    OverdueFinding,
    Transparency,
    transparency_record,
)
from citizenrights.models.agencies import Agency
from citizenrights.models.groups import GroupScope, Meeting, Programme, WorkingGroup
from citizenrights.models.memorandum import Publication
from citizenrights.models.provinces import Province
from citizenrights.reporting._figures import (
    complaint_figures,
    grade_counts,
    ranking_rows,
    report_summary,
    satisfaction_figures,
    training_figures,
)
from citizenrights.reporting._memorandum import agency_transparency_lines, with_sections
from citizenrights.reporting._programmes import groups_in_scope
from citizenrights.reporting.figures import (
    ComplaintFigures,
    CriticalFinding,
    RankedAgency,
    Recipient,
    ReportSummary,
    SatisfactionFigures,
    TrainingFigures,
)
from citizenrights.reporting.render import agency_report_markdown, ranking_csv, report_markdown
from citizenrights.results import pydantic_support
from citizenrights.scoring.index import DEFAULT_INDEX_POLICY, AgencyIndex
from citizenrights.scoring.inspections import DEFAULT_SCORING_POLICY, InspectionScore
from citizenrights.scoring.policies import GradeBands, IndexPolicy, ScoringPolicy
from citizenrights.scoring.rollup import RollUp, roll_up

if TYPE_CHECKING:
    from citizenrights.dataset import Dataset

__all__ = ["AgencyReport", "Report", "ReportScope", "assemble_report", "build_report"]

_SCORING_POLICY = DEFAULT_SCORING_POLICY
_INDEX_POLICY = DEFAULT_INDEX_POLICY


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
        overdue: its findings past due at the end of the period (its ``OVERDUE_PER_AGENCY``
            oldest when the report was folded with that bound).
        library_version: the version of citizenrights that made it.
        transparency: what it had published by the end of the period, and its working group's
            next meeting; ``None`` when the dataset has no publication of it.
        overdue_total: how many of its findings are past due, listed or not (``None``: as many
            as ``overdue`` lists).
        critical_total: how many critical failures it had in the period, listed or not
            (``None``: as many as ``critical`` lists).
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
    transparency: Transparency | None = None
    overdue_total: int | None = None
    critical_total: int | None = None

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
            "overdue_total": len(self.overdue)
            if self.overdue_total is None
            else self.overdue_total,
            "critical_total": (
                len(self.critical) if self.critical_total is None else self.critical_total
            ),
            "library_version": self.library_version,
            "transparency": None if self.transparency is None else self.transparency.to_dict(),
        }

    def to_markdown(self, lang: Literal["fa", "en"] = "fa") -> str:
        """The agency report as Markdown (Persian right-to-left, or English)."""
        extra = agency_transparency_lines(self.transparency, self.agency, self.inspections, lang)
        return with_sections(agency_report_markdown(self, lang), extra, lang)

    def to_xlsx(self, path: str | os.PathLike[str], lang: Literal["fa", "en"] = "fa") -> Path:
        """Write the agency report as an Excel workbook (extra ``xlsx``).

        Raises:
            XlsxUnavailableError: when openpyxl (the extra ``xlsx``) is not installed.
            UnsupportedLanguageError: for a ``lang`` other than ``fa`` or ``en``.
        """
        from citizenrights.reporting.xlsx import agency_workbook

        return agency_workbook(self, path, lang)

    def to_html(
        self, lang: Literal["fa", "en"] = "fa", *, grade_bands: GradeBands | None = None
    ) -> str:
        """The agency report as one self-contained HTML page with charts (extra ``html``).

        See [`agency_report_html`][citizenrights.reporting.html.agency_report_html].

        Raises:
            HtmlUnavailableError: when Jinja2 or matplotlib (the extra ``html``) is missing.
            UnsupportedLanguageError: for a ``lang`` other than ``fa`` or ``en``.
        """
        from citizenrights.reporting.html import agency_report_html

        return agency_report_html(self, lang, grade_bands=grade_bands)


@pydantic_support(
    exclude=(
        "scores", "agencies", "decimals", "group_names", "programmes", "publications", "meetings",
        "overdue_by_agency", "critical_by_agency",
    ),
    computed=("recipients",),
)  # fmt: skip
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
        overdue: corrective actions past due at ``as_of``: each agency's oldest
            (``OVERDUE_PER_AGENCY``, the earliest due first) when it has more.
        overdue_total: how many corrective actions are past due at ``as_of``, listed or not.
        critical_total: how many critical failures the period has, listed or not (``critical``
            lists each agency's most recent, ``CRITICAL_PER_AGENCY``, when it has more).
        coverage: which agencies in scope had a periodic inspection in the period.
        groups: the progress of the working groups of the scope at ``as_of``.
        roll_ups: the mean index by province (national reports) or for the province.
        indices: each agency's index, by agency id.
        scores: the scores of the period's inspections, by inspection id.
        scoring_policy_version: the scoring policy's version.
        index_policy_version: the index policy's version.
        library_version: the version of citizenrights that made it.
        recipients: whom the report is for, as its title says (a read-only property): the
            national councils, the provincial council and headquarters, or the agency's head.
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
    overdue_total: int
    critical_total: int
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
    group_names: Mapping[str, WorkingGroup] = attrs.field(factory=dict, repr=False)
    programmes: Mapping[str, Programme] = attrs.field(factory=dict, repr=False)
    # What the agency reports' transparency sections read (not in to_dict).
    publications: tuple[Publication, ...] = attrs.field(default=(), repr=False)
    meetings: tuple[Meeting, ...] = attrs.field(default=(), repr=False)
    # Every finding past due and every critical failure counted by agency, listed or not: the
    # agency reports say how many there are in all (not in to_dict).
    overdue_by_agency: Mapping[str, int] = attrs.field(factory=dict, repr=False)
    critical_by_agency: Mapping[str, int] = attrs.field(factory=dict, repr=False)

    @property
    def recipients(self) -> tuple[Recipient, ...]:
        """Whom the report is for, by its scope (the title names them)."""
        return (Recipient.of_scope(self.scope.kind),)

    def to_dict(self) -> dict[str, Any]:
        """JSON-ready data with stable keys (the per-agency indices included, item scores not)."""
        return {
            "period": str(self.period),
            "previous_period": str(self.previous_period),
            "scope": self.scope.to_dict(),
            "recipients": [r.to_dict() for r in self.recipients],
            "as_of": self.as_of.isoformat(),
            "summary": self.summary.to_dict(),
            "ranking": [r.to_dict() for r in self.ranking],
            "grades": dict(self.grades),
            "critical": [c.to_dict() for c in self.critical],
            "complaints": self.complaints.to_dict(),
            "training": self.training.to_dict(),
            "satisfaction": self.satisfaction.to_dict(),
            "overdue": [o.to_dict() for o in self.overdue],
            "overdue_total": self.overdue_total,
            "critical_total": self.critical_total,
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
        return report_markdown(self, lang)

    def to_csv(self, *, bom: bool = False) -> str:
        """The ranking as CSV (group, rank, agency, score, grade, coverage, previous, change).

        Numbers are rounded to the report's display places; ``bom=True`` starts the text with a
        UTF-8 byte order mark so that Excel reads the Persian names right.
        """
        return ranking_csv(self, bom=bom)

    def to_xlsx(self, path: str | os.PathLike[str], lang: Literal["fa", "en"] = "fa") -> Path:
        """Write the report as an Excel workbook (extra ``xlsx``); see [`citizenrights.reporting.xlsx`][citizenrights.reporting.xlsx].

        Raises:
            XlsxUnavailableError: when openpyxl (the extra ``xlsx``) is not installed.
            UnsupportedLanguageError: for a ``lang`` other than ``fa`` or ``en``.
        """
        from citizenrights.reporting.xlsx import report_workbook

        return report_workbook(self, path, lang)

    def to_html(
        self, lang: Literal["fa", "en"] = "fa", *, grade_bands: GradeBands | None = None
    ) -> str:
        """The report as one self-contained HTML page with charts (extra ``html``).

        See [`report_html`][citizenrights.reporting.html.report_html]: ``grade_bands`` are the
        bands of the scoring policy the report was built with (the default policy's by default).

        Raises:
            HtmlUnavailableError: when Jinja2 or matplotlib (the extra ``html``) is missing.
            UnsupportedLanguageError: for a ``lang`` other than ``fa`` or ``en``.
        """
        from citizenrights.reporting.html import report_html

        return report_html(self, lang, grade_bands=grade_bands)

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
            transparency=self._transparency(agency_id),
            overdue_total=self.overdue_by_agency.get(agency_id, 0),
            critical_total=self.critical_by_agency.get(agency_id, 0),
        )

    def _transparency(self, agency_id: str) -> Transparency | None:
        """The agency's publications by the end of the period and its own group's next meeting."""
        if not any(p.agency_id == agency_id for p in self.publications):
            return None
        group = next(
            (
                g.id
                for g in self.group_names.values()
                if g.scope is GroupScope.AGENCY and g.agency_id == agency_id
            ),
            None,
        )
        return transparency_record(
            self.publications, {agency_id}, self.as_of, meetings=self.meetings, group_id=group
        )


# -- assembly ---------------------------------------------------------------------------------


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
    partial = ReportPartial(
        dataset, period, scope=scope, scoring_policy=scoring_policy, index_policy=index_policy
    )
    partial.fold_dataset(dataset)
    return assemble_report(partial)


def assemble_report(partial: ReportPartial) -> Report:
    """Assemble the report from a folded [`ReportPartial`][citizenrights.evaluation.partial.ReportPartial].

    [`build_report`][citizenrights.reporting.report.build_report] folds a loaded dataset into a
    partial and calls this; [`evaluate_source`][citizenrights.evaluation.run.evaluate_source] folds a
    folder or database in one streamed pass. Both give the same report, to the byte.

    Args:
        partial: the partial of the period and scope, with every record folded (or the merge of
            partials of every part of a dataset).

    Returns:
        The report.

    Raises:
        DatasetError: when the stats give one agency two rows for one period.

    Examples:
        >>> from citizenrights import demo_dataset_path, evaluate_source, build_report, load_demo
        >>> with demo_dataset_path() as folder:
        ...     streamed = assemble_report(evaluate_source(folder, "1396-Q3", scope="IR-10"))
        >>> streamed.to_dict() == build_report(load_demo(), "1396-Q3", scope="IR-10").to_dict()
        True
    """
    evaluation = partial.evaluation()
    scoring_policy, index_policy = partial.scoring_policy, partial.index_policy
    dataset = partial.reference
    period, previous = evaluation.period, evaluation.previous_period
    registry = dataset.agencies
    the_scope = evaluation.scope
    as_of = period.end
    now = evaluation.indices
    agencies = {a: registry.get(a) for a in the_scope.agencies}
    rows = ranking_rows(evaluation, agencies, scoring_policy, dataset.peer_groups)
    period_scores = evaluation.scores
    return Report(
        period=period,
        previous_period=previous,
        scope=the_scope,
        as_of=as_of,
        summary=report_summary(
            rows,
            period_scores.values(),
            inspections=partial.inspections,
            joint=partial.joint,
            by_kind=partial.by_kind,
        ),
        ranking=rows,
        grades=grade_counts(rows),
        critical=tuple(CriticalFinding(*row) for row in partial.critical_rows()),  # type: ignore[arg-type]
        complaints=complaint_figures(partial.grave_upheld, now),
        training=training_figures(now),
        satisfaction=satisfaction_figures(now),
        overdue=partial.overdue_findings(),
        overdue_total=partial.overdue_total,
        critical_total=partial.critical_total,
        coverage=evaluation.coverage,
        groups=groups_in_scope(dataset, the_scope, as_of),
        # By province for the nation and a province; an agency's subtree is no area of its own
        # (rolled up "for the nation" it read as the national mean).
        roll_ups=() if the_scope.kind == "agency" else roll_up(now.values(), registry),
        indices=now,
        scores=period_scores,
        agencies=agencies,
        decimals=scoring_policy.decimals,
        scoring_policy_version=scoring_policy.version,
        index_policy_version=index_policy.version,
        library_version=__version__,
        group_names={g.id: g for g in dataset.working_groups},
        programmes={p.id: p for p in dataset.programmes},
        publications=dataset.publications,
        meetings=dataset.meetings,
        overdue_by_agency={a: sum(n.values()) for a, n in partial.overdue_by_agency().items()},
        critical_by_agency=partial.critical_by_agency(),
    )
