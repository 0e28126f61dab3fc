"""What a scope's report for a period needs, folded from records one at a time; mergeable.

[`ReportPartial`][citizenrights.evaluation.partial.ReportPartial] is what the streamed and the
distributed evaluation fold records into and merge.
"""

from __future__ import annotations

import datetime as dt
from collections import Counter
from collections.abc import Callable, Mapping
from typing import TYPE_CHECKING, Any

from citizenrights._version import __version__
from citizenrights.calendar import JalaliPeriod
from citizenrights.evaluation._critical import CriticalRow as CriticalRow
from citizenrights.evaluation._critical import critical_key, critical_rows_of
from citizenrights.evaluation._kept import (
    check_limit,
    keep,
    latest_key,
    listed,
    merged,
    oldest_key,
    overdue_key,
)
from citizenrights.evaluation._scores import ScoreTable
from citizenrights.evaluation.result import Evaluation
from citizenrights.evaluation.scope import resolve_scope
from citizenrights.followup import Coverage, OverdueFinding, inspection_coverage, overdue_findings
from citizenrights.models.activity import (
    AgencyStats,
    Complaint,
    ComplaintSeverity,
    SurveyResponse,
    TrainingRecord,
)
from citizenrights.models.inspections import Inspection, InspectionKind
from citizenrights.models.provinces import Province
from citizenrights.scoring.index import DEFAULT_INDEX_POLICY
from citizenrights.scoring.index_results import AgencyIndex
from citizenrights.scoring.inspection_results import InspectionScore
from citizenrights.scoring.inspections import DEFAULT_SCORING_POLICY, score_inspection
from citizenrights.scoring.partials import PartialResults
from citizenrights.scoring.policies import ComponentName, IndexPolicy, ScoringPolicy
from citizenrights.scoring.ranking import rank

if TYPE_CHECKING:
    from citizenrights.dataset import Dataset


__all__ = ["CRITICAL_PER_AGENCY", "OVERDUE_PER_AGENCY", "CriticalRow", "ReportPartial"]

OVERDUE_PER_AGENCY = 50
"""How many overdue findings a report partial keeps of each agency by default: the oldest (the
earliest due), so that a national dataset with many open findings does not keep them all. The
counts by agency and severity stay exact whatever the limit. Fifty is two Markdown pages of an
agency's report and more than any agency of the demo has; a library choice, not a rule of law."""


CRITICAL_PER_AGENCY = 50
"""How many critical failures of one agency a report partial keeps by default: the most recent. A
national period of a million inspections has tens of thousands; the counts by agency stay exact
whatever is kept. A library choice, like
[`OVERDUE_PER_AGENCY`][citizenrights.evaluation.partial.OVERDUE_PER_AGENCY]."""


class ReportPartial:
    """What a scope's report for a period needs, folded from records one at a time; mergeable.

    It holds the [`PartialResults`][citizenrights.scoring.partials.PartialResults] of the
    scope's agencies for the period and the previous one, and the figures a report reads from
    records beyond the indices: the period's inspection scores (one compact row of about 200
    bytes per inspection of the scope in the period, read back as scores), their counts by
    kind and the joint ones, which agencies had a periodic inspection in the period, the
    period's critical failures, the findings past due at the period's end (of inspections of
    any date: each agency's ``overdue_limit`` oldest, and exact counts of all of them by agency
    and severity), and the grave upheld complaints received in the period. Records outside the
    scope, or of no use to the period, are dropped as they come.

    Two partials of the same dataset's reference data, period, scope and policies **merge**
    ([`merge`][citizenrights.evaluation.partial.ReportPartial.merge]): associative, commutative and
    exact, so folding parts of a dataset apart and merging, in any split and order, gives the
    same [`evaluation`][citizenrights.evaluation.partial.ReportPartial.evaluation] and report as folding
    it whole. Each inspection id must come in one part only (a dataset's ids are unique).

    Args:
        reference: the dataset whose agencies, checklists, working groups, meetings and
            programmes are used (a loaded [`Dataset`][citizenrights.dataset._loader.Dataset],
            or the ``reference`` of a [`DatasetStream`][citizenrights.dataset._loader.DatasetStream]).
        period: the period, or its text (``1396-Q3``).
        scope: as for [`evaluate`][citizenrights.evaluation.run.evaluate].
        scoring_policy: how inspections are scored.
        index_policy: how the agency index is made (its calendar also dates corrective actions).
        overdue_limit: how many overdue findings are kept of each agency, the earliest due
            first ([`OVERDUE_PER_AGENCY`][citizenrights.evaluation.partial.OVERDUE_PER_AGENCY]
            by default); the counts are exact whatever it is.
        critical_limit: how many critical failures are kept of each agency, the most recent
            first ([`CRITICAL_PER_AGENCY`][citizenrights.evaluation.partial.CRITICAL_PER_AGENCY]
            by default); the counts are exact whatever it is.

    Raises:
        InvalidPeriodError: for period text that is not a period.
        UnknownAgencyError: for a scope that is neither a province nor an agency id.
        ValueError: for an ``overdue_limit`` or ``critical_limit`` below 0.

    Attributes:
        reference: the reference data.
        period: the period.
        previous_period: the period before it.
        scope: the scope.
        scoring_policy: the scoring policy.
        index_policy: the index policy.
        partials: the partial results of the scope's agencies for both periods.
        scores: the scores of the scope's inspections dated in the period, by inspection id
            (a read-only mapping in id order that rebuilds each score when it is read).
        inspections: how many of the scope's inspections are dated in the period.
        joint: how many of those are joint inspections.
        by_kind: those inspections counted by kind (every kind listed).
        covered: the agencies of the scope with a periodic inspection in the period.
        critical_limit: how many critical failures are kept of each agency.
        critical: the period's critical failures kept so far, as `CriticalRow` tuples by agency
            (at most twice ``critical_limit`` each; read them with
            [`critical_rows`][citizenrights.evaluation.partial.ReportPartial.critical_rows]).
        critical_counts: how many critical failures the period has, by agency, every one counted.
        overdue_limit: how many overdue findings are kept of each agency.
        overdue: the findings past due at the period's last day kept so far, by agency (at most
            twice ``overdue_limit`` each; read them with
            [`overdue_findings`][citizenrights.evaluation.partial.ReportPartial.overdue_findings]).
        overdue_counts: how many findings are past due at the period's last day, by (agency id,
            severity), every one counted.
        grave_upheld: the grave complaints received in the period and upheld.

    Examples:
        >>> from citizenrights import load_demo
        >>> demo = load_demo()
        >>> whole = ReportPartial(demo, "1396-Q3", scope="IR-10")
        >>> whole.fold_dataset(demo)
        >>> a, b = ReportPartial(demo, "1396-Q3", scope="IR-10"), ReportPartial(demo, "1396-Q3", scope="IR-10")
        >>> for n, inspection in enumerate(demo.inspections):
        ...     (a if n % 2 else b).fold("inspections", inspection)
        >>> for kind in ("complaints", "trainings", "surveys", "stats"):
        ...     for record in getattr(demo, kind):
        ...         a.fold(kind, record)
        >>> b.merge(a).evaluation().to_dict() == whole.evaluation().to_dict()
        True
    """

    def __init__(
        self,
        reference: Dataset,
        period: JalaliPeriod | str,
        *,
        scope: Province | str | None = None,
        scoring_policy: ScoringPolicy = DEFAULT_SCORING_POLICY,
        index_policy: IndexPolicy = DEFAULT_INDEX_POLICY,
        overdue_limit: int = OVERDUE_PER_AGENCY,
        critical_limit: int = CRITICAL_PER_AGENCY,
    ) -> None:
        check_limit("overdue_limit", overdue_limit, "findings")
        check_limit("critical_limit", critical_limit, "critical failures")
        self.reference = reference
        self.period = JalaliPeriod.parse(period) if isinstance(period, str) else period
        self.previous_period = self.period.previous()
        self.scope = resolve_scope(reference.agencies, scope)
        self.scoring_policy = scoring_policy
        self.index_policy = index_policy
        self.partials = PartialResults(self.period.kind, index_policy)
        self._table = ScoreTable()
        self.inspections = 0
        self.joint = 0
        self.by_kind: Counter[str] = Counter({k.value: 0 for k in InspectionKind})
        self.covered: set[str] = set()
        self.critical_limit = critical_limit
        self.critical: dict[str, list[CriticalRow]] = {}
        self.critical_counts: Counter[str] = Counter()
        self.overdue_limit = overdue_limit
        self.overdue: dict[str, list[OverdueFinding]] = {}
        self.overdue_counts: Counter[tuple[str, str]] = Counter()
        self.grave_upheld = 0
        self._ids = frozenset(self.scope.agencies)
        self._ngo_weighted = ComponentName.NGO in index_policy.weights.computed()

    def __repr__(self) -> str:
        return (
            f"<ReportPartial {self.period} {self.scope.kind} {self.scope.code or ''}: "
            f"{self.inspections} inspections, {len(self.partials)} partials>"
        )

    @property
    def scores(self) -> Mapping[str, InspectionScore]:
        """The scores of the scope's inspections dated in the period so far, by inspection id.

        A read-only mapping in inspection id order, each score rebuilt when it is read: the
        partial keeps them as compact rows (about 200 bytes each for 42 items, not a score
        object each).
        """
        return self._table.view()

    def _keep_overdue(self, late: OverdueFinding) -> None:
        self.overdue_counts[late.agency_id, late.severity.value] += 1
        keep(self.overdue, late.agency_id, late, self.overdue_limit, oldest_key)

    def _keep_critical(self, rows: list[CriticalRow]) -> None:
        for row in rows:
            self.critical_counts[row[0]] += 1
            keep(self.critical, row[0], row, self.critical_limit, latest_key)

    def _when(self, day: dt.date) -> bool:
        return day in self.period or day in self.previous_period

    def fold_inspection(self, inspection: Inspection) -> None:
        """Score an inspection of the scope against its checklist and fold it; others are dropped.

        Raises:
            KeyError: for a checklist the reference lacks (a loaded dataset has every one).
            ChecklistMismatchError: for an inspection that does not fit its checklist.
        """
        if inspection.agency_id not in self._ids:
            return
        as_of = self.period.end
        if inspection.date <= as_of and any(f.due is not None for f in inspection.findings):
            calendar = self.index_policy.calendar.calendar
            for late in overdue_findings([inspection], as_of=as_of, calendar=calendar):
                self._keep_overdue(late)
        if not self._when(inspection.date):
            return
        if self._ngo_weighted:  # the optional NGO component reads the team, not the score
            self.partials.fold_inspection(inspection)
        key = (inspection.checklist_id, inspection.checklist_version)
        checklist = self.reference.checklists[key]
        score = score_inspection(inspection, checklist, self.scoring_policy)
        self.partials.fold_score(score)
        if inspection.date not in self.period:
            return
        self._table.append(score)
        self.inspections += 1
        self.joint += inspection.is_joint
        self.by_kind[inspection.kind.value] += 1
        if inspection.kind is InspectionKind.PERIODIC:
            self.covered.add(inspection.agency_id)
        self._keep_critical(critical_rows_of(inspection, score, checklist))

    def fold_complaint(self, complaint: Complaint) -> None:
        """Fold a complaint of the scope received in either period; others are dropped."""
        if complaint.agency_id in self._ids and self._when(complaint.received):
            self.partials.fold_complaint(complaint)
            if (
                complaint.received in self.period
                and complaint.is_upheld
                and complaint.severity is ComplaintSeverity.GRAVE
            ):
                self.grave_upheld += 1

    def fold_training(self, training: TrainingRecord) -> None:
        """Fold a training record of the scope dated in either period; others are dropped."""
        if training.agency_id in self._ids and self._when(training.date):
            self.partials.fold_training(training)

    def fold_survey(self, survey: SurveyResponse) -> None:
        """Fold a survey response of the scope dated in either period; others are dropped."""
        if survey.agency_id in self._ids and self._when(survey.date):
            self.partials.fold_survey(survey)

    def fold_stats(self, row: AgencyStats) -> None:
        """Fold a stats row of the scope within either period; others are dropped."""
        if row.agency_id in self._ids and (
            self.period.contains_period(row.period)
            or self.previous_period.contains_period(row.period)
        ):
            self.partials.fold_stats(row)

    def fold(self, kind: str, record: Any) -> None:
        """Fold a record of a kind named as in a dataset (``inspections``, ``complaints``, ...).

        Kinds a report does not read (``candidates``) are dropped.
        """
        folder = self._FOLDERS.get(kind)
        if folder is not None:
            folder(self, record)

    def fold_dataset(self, dataset: Dataset) -> None:
        """Fold every record of a dataset's large kinds (in memory).

        Raises:
            DatasetError: when the records do not hold together across kinds (an inspection of
                an unknown agency, ...; see [`Dataset.check`][citizenrights.dataset._loader.Dataset.check]).
        """
        dataset.check()
        for kind in ("inspections", "complaints", "trainings", "surveys", "stats"):
            for record in getattr(dataset, kind):
                self.fold(kind, record)

    _FOLDERS: Mapping[str, Callable[[ReportPartial, Any], None]] = {
        "inspections": fold_inspection,
        "complaints": fold_complaint,
        "trainings": fold_training,
        "surveys": fold_survey,
        "stats": fold_stats,
    }

    def merge(self, other: ReportPartial) -> ReportPartial:
        """A new partial holding both partials' records; neither is changed.

        Raises:
            ValueError: for partials of another period, scope or policy.
        """
        return self._merged(other, self._table.copy())

    def _absorb(self, other: ReportPartial) -> ReportPartial:
        """`merge`, taking over this partial's score rows rather than copying them.

        The result holds both partials' records; this partial must not be used afterwards (its
        rows are the result's). For a loop that merges many parts into one without copying the
        growing rows each time.
        """
        return self._merged(other, self._table)

    def _merged(self, other: ReportPartial, table: ScoreTable) -> ReportPartial:
        mine = (
            self.period,
            self.scope,
            self.scoring_policy.version,
            self.index_policy.version,
            self.overdue_limit,
            self.critical_limit,
        )
        theirs = (
            other.period,
            other.scope,
            other.scoring_policy.version,
            other.index_policy.version,
            other.overdue_limit,
            other.critical_limit,
        )
        if mine != theirs:
            raise ValueError(
                f"Cannot merge the report partial of {other.period} for {other.scope.code or 'the nation'} "
                f"into that of {self.period} for {self.scope.code or 'the nation'}: fold both "
                "with one period, scope, pair of policies, overdue_limit and critical_limit."
            )
        out = ReportPartial.__new__(ReportPartial)
        out.__dict__.update(self.__dict__)
        out.partials = self.partials.merge(other.partials)
        table.extend(other._table)
        out._table = table
        out.inspections = self.inspections + other.inspections
        out.joint = self.joint + other.joint
        out.by_kind = self.by_kind + other.by_kind
        out.by_kind.update({k.value: 0 for k in InspectionKind if k.value not in out.by_kind})
        out.covered = self.covered | other.covered
        out.critical = merged(self.critical, other.critical, self.critical_limit, latest_key)
        out.critical_counts = self.critical_counts + other.critical_counts
        out.overdue = merged(self.overdue, other.overdue, self.overdue_limit, oldest_key)
        out.overdue_counts = self.overdue_counts + other.overdue_counts
        out.grave_upheld = self.grave_upheld + other.grave_upheld
        return out

    def critical_rows(self) -> tuple[CriticalRow, ...]:
        """The period's critical failures kept, by agency, date, inspection, source and item.

        Each agency's ``critical_limit`` most recent: the same rows whatever the split and order
        of the records. [`critical_total`][citizenrights.evaluation.partial.ReportPartial.critical_total]
        says how many there are in all.
        """
        return listed(self.critical, self.critical_limit, latest_key, critical_key)

    @property
    def critical_total(self) -> int:
        """How many critical failures the period has, every one counted (kept or not)."""
        return sum(self.critical_counts.values())

    def critical_by_agency(self) -> dict[str, int]:
        """How many critical failures each agency has in the period (agencies sorted, counts > 0)."""
        return {a: n for a, n in sorted(self.critical_counts.items()) if n}

    def overdue_findings(self) -> tuple[OverdueFinding, ...]:
        """The findings past due at the period's end that are kept, in the order of `overdue_findings`.

        Each agency's ``overdue_limit`` oldest (the earliest due; ties by inspection id and the
        finding's position): the same findings whatever the split and order of the records.
        [`overdue_total`][citizenrights.evaluation.partial.ReportPartial.overdue_total] says
        how many there are in all.
        """
        return listed(self.overdue, self.overdue_limit, oldest_key, overdue_key)

    @property
    def overdue_total(self) -> int:
        """How many findings are past due at the period's end, every one counted (kept or not)."""
        return sum(self.overdue_counts.values())

    def overdue_by_agency(self) -> dict[str, dict[str, int]]:
        """How many findings of each agency are past due at the period's end, by severity.

        Returns:
            ``{agency id: {severity: count}}``, agencies and severities sorted, only counts
            above 0: every finding counted, kept or not.
        """
        out: dict[str, dict[str, int]] = {}
        for (agency, severity), count in sorted(self.overdue_counts.items()):
            if count:
                out.setdefault(agency, {})[severity] = count
        return out

    def coverage(self) -> Coverage:
        """Which agencies of the scope had a periodic inspection in the period."""
        ids = self.scope.agencies
        kinds = inspection_coverage(self.reference.agencies, (), self.period).kinds
        covered = tuple(sorted(self.covered))
        return Coverage(
            period=self.period,
            kinds=kinds,
            scope=self.scope.code,
            covered=covered,
            uncovered=tuple(a for a in ids if a not in self.covered),
            rate=len(covered) / len(ids) if ids else None,
        )

    def evaluation(self) -> Evaluation:
        """The evaluation: every agency's index for both periods, the ranking and the coverage.

        Raises:
            DatasetError: when the stats give one agency two rows for one period.
        """
        agencies = self.scope.agencies
        registry = self.reference.agencies

        def indices(when: JalaliPeriod) -> dict[str, AgencyIndex]:
            return {a: self.partials.partial(a, when).finish() for a in agencies}

        now = indices(self.period)
        ranking = rank(
            {a: now[a].score for a in agencies},
            groups={a: registry.get(a).category for a in agencies},
            decimals=self.scoring_policy.decimals,
        )
        return Evaluation(
            period=self.period,
            previous_period=self.previous_period,
            scope=self.scope,
            scores=self._table.view(),
            indices=now,
            previous=indices(self.previous_period),
            ranking=ranking,
            coverage=self.coverage(),
            scoring_policy_version=self.scoring_policy.version,
            index_policy_version=self.index_policy.version,
            library_version=__version__,
        )
