"""The evaluation step: score, index and rank the agencies of a scope for a Jalali period.

[`evaluate`][citizenrights.evaluation.evaluate] is the one step every consumer of a dataset needs
(the periodic report, the CLI, exports): it resolves the scope (the nation, a province, or an agency
and everything under it), scores every inspection of the scope in the period and the previous one,
builds every agency's [`AgencyIndex`][citizenrights.scoring.index_results.AgencyIndex] for both periods,
ranks the agencies within their peer groups and finds which of them had a periodic inspection in the
period. The policies are arguments; the result, [`Evaluation`][citizenrights.evaluation.Evaluation],
is pure data. [`coverage_of`][citizenrights.evaluation.coverage_of] is the scope's inspection
coverage on its own, for a report that is not about one period of a scope (a working group's
progress report, taken on a day).

It sits above scoring and below reporting: it reads a loaded
[`Dataset`][citizenrights.dataset._loader.Dataset] and does no input or output itself.

Examples:
    >>> from citizenrights import evaluate, load_demo
    >>> result = evaluate(load_demo(), "1396-Q3", scope="IR-10")
    >>> result.scope.kind, str(result.period), str(result.previous_period)
    ('province', '1396-Q3', '1396-Q2')
    >>> len(result.indices) == len(result.scope.agencies) == len(result.ranking)
    True
    >>> result.coverage.period == result.period, result.coverage.scope
    (True, 'IR-10')
"""

from __future__ import annotations

import datetime as dt
import os
from collections import Counter
from collections.abc import Callable, Iterable, Mapping
from typing import TYPE_CHECKING, Any, Literal

import attrs

from citizenrights._version import __version__
from citizenrights.calendar import JalaliPeriod
from citizenrights.errors import DatasetError, UnknownAgencyError
from citizenrights.followup import Coverage, OverdueFinding, inspection_coverage, overdue_findings
from citizenrights.models.activity import (
    AgencyStats,
    Complaint,
    ComplaintSeverity,
    SurveyResponse,
    TrainingRecord,
)
from citizenrights.models.agencies import AgencyRegistry
from citizenrights.models.checklists import Checklist
from citizenrights.models.inspections import Inspection, InspectionKind, Severity
from citizenrights.models.provinces import Province
from citizenrights.results import pydantic_support
from citizenrights.scoring.index import DEFAULT_INDEX_POLICY
from citizenrights.scoring.index_results import AgencyIndex
from citizenrights.scoring.inspection_results import InspectionScore
from citizenrights.scoring.inspections import DEFAULT_SCORING_POLICY, score_inspection
from citizenrights.scoring.partials import PartialResults
from citizenrights.scoring.policies import IndexPolicy, ScoringPolicy
from citizenrights.scoring.ranking import Ranked, rank

if TYPE_CHECKING:
    from citizenrights.dataset import Dataset

__all__ = [
    "CriticalRow",
    "Evaluation",
    "ReportPartial",
    "ReportScope",
    "coverage_of",
    "evaluate",
    "evaluate_source",
    "resolve_scope",
]

ScopeKind = Literal["national", "province", "agency"]


@pydantic_support()
@attrs.frozen
class ReportScope:
    """Whose report it is.

    Attributes:
        kind: ``national``, ``province`` or ``agency`` (an agency and everything under it).
        code: the province's ISO code or the agency id; ``None`` for the nation.
        name_fa: the Persian name of the scope.
        name_en: the English name of the scope.
        agencies: the ids of the agencies in scope, sorted.
    """

    kind: ScopeKind
    code: str | None
    name_fa: str
    name_en: str
    agencies: tuple[str, ...]

    def to_dict(self) -> dict[str, Any]:
        """JSON-ready data with stable keys."""
        return {
            "kind": self.kind,
            "code": self.code,
            "name_fa": self.name_fa,
            "name_en": self.name_en,
            "agencies": list(self.agencies),
        }


def resolve_scope(registry: AgencyRegistry, scope: Province | str | None) -> ReportScope:
    """Turn ``scope`` into the agencies it covers.

    Args:
        registry: the agencies.
        scope: ``None`` for the nation; a [`Province`][citizenrights.models.provinces.Province]
            or text naming one (``IR-10``, ``Isfahan``, ``اصفهان``); or the id of an agency (a
            county governorate, a ministry), which covers the agency and its descendants.

    Returns:
        The scope.

    Raises:
        UnknownAgencyError: for text that is neither an agency id nor a province.
    """
    if scope is None:
        ids = tuple(sorted(a.id for a in registry))
        return ReportScope("national", None, "کشور", "Nation", ids)
    if not isinstance(scope, Province) and scope in registry:
        agency = registry.get(scope)
        ids = tuple(sorted([agency.id, *(a.id for a in registry.descendants(agency.id))]))
        return ReportScope("agency", agency.id, agency.name, agency.name_en or agency.id, ids)
    try:
        province = scope if isinstance(scope, Province) else Province.parse(scope)
    except ValueError:
        raise UnknownAgencyError(str(scope), known=len(registry)) from None
    ids = tuple(sorted(a.id for a in registry.in_province(province)))
    return ReportScope(
        "province", province.code, f"استان {province.name_fa}", province.name_en, ids
    )


@pydantic_support()
@attrs.frozen
class Evaluation:
    """The agencies of a scope scored, indexed and ranked for a period.

    Build it with [`evaluate`][citizenrights.evaluation.evaluate].

    Attributes:
        period: the period evaluated.
        previous_period: the period before it, whose indices give the trend.
        scope: whose agencies were evaluated.
        scores: the scores of the scope's inspections dated in ``period``, by inspection id.
        indices: every agency's index for ``period``, by agency id (every agency of the scope).
        previous: every agency's index for ``previous_period``, by agency id.
        ranking: the agencies ranked by their index within their peer groups (``category``),
            in group, rank and id order (see [`rank`][citizenrights.scoring.ranking.rank]).
        coverage: which agencies of the scope had a periodic inspection dated in ``period``
            (see [`coverage_of`][citizenrights.evaluation.coverage_of]); its ``scope`` is the
            scope's ``code``.
        scoring_policy_version: the scoring policy's version.
        index_policy_version: the index policy's version.
        library_version: the version of citizenrights that made it.
    """

    period: JalaliPeriod
    previous_period: JalaliPeriod
    scope: ReportScope
    scores: Mapping[str, InspectionScore]
    indices: Mapping[str, AgencyIndex]
    previous: Mapping[str, AgencyIndex]
    ranking: tuple[Ranked, ...]
    coverage: Coverage
    scoring_policy_version: str
    index_policy_version: str
    library_version: str

    def to_dict(self) -> dict[str, Any]:
        """JSON-ready data with stable keys (mappings in key order)."""
        return {
            "period": str(self.period),
            "previous_period": str(self.previous_period),
            "scope": self.scope.to_dict(),
            "scores": {k: v.to_dict() for k, v in sorted(self.scores.items())},
            "indices": {k: v.to_dict() for k, v in sorted(self.indices.items())},
            "previous": {k: v.to_dict() for k, v in sorted(self.previous.items())},
            "ranking": [r.to_dict() for r in self.ranking],
            "coverage": self.coverage.to_dict(),
            "scoring_policy_version": self.scoring_policy_version,
            "index_policy_version": self.index_policy_version,
            "library_version": self.library_version,
        }


def coverage_of(
    dataset: Dataset,
    agencies: Iterable[str],
    period: JalaliPeriod | str,
    *,
    scope: str | None = None,
    as_of: dt.date | None = None,
    kinds: Iterable[InspectionKind | str] = ("periodic",),
) -> Coverage:
    """Which of the given agencies had an inspection of the given kinds dated in the period.

    The one place a report's inspection coverage is computed: [`evaluate`][citizenrights.evaluation.evaluate]
    calls it for its scope and period, and a working group's progress report for the group's
    agencies and the quarter of its day. It is
    [`inspection_coverage`][citizenrights.followup.coverage.inspection_coverage] over the dataset's
    inspections, kept to ``agencies`` (a province, an agency and its descendants, or any set).

    Args:
        dataset: a loaded dataset.
        agencies: the ids of the agencies looked at (every one must be in the dataset's registry).
        period: the period, or its text (``1396-Q3``).
        scope: what the result names as its scope
            ([`Coverage.scope`][citizenrights.followup.coverage.Coverage]): a report scope's code,
            a group's agency id, or ``None``. It does not choose the agencies.
        as_of: when given, inspections dated after this day do not count (a period covered only
            up to a day).
        kinds: the inspection kinds that count; periodic ones by default.

    Returns:
        The covered and uncovered agencies among ``agencies``, and the rate (``None`` when
        ``agencies`` is empty).

    Raises:
        UnknownAgencyError: for an agency id the registry lacks.
        InvalidPeriodError: for period text that is not a period.
        ValueError: for an unknown or empty ``kinds``.

    Examples:
        >>> from citizenrights import load_demo
        >>> demo = load_demo()
        >>> c = coverage_of(demo, ["isf-abfa"], "1396-Q3", scope="isf-abfa")
        >>> c.covered, c.uncovered, c.rate
        (('isf-abfa',), (), 1.0)
    """
    registry = dataset.agencies
    ids = frozenset(registry.get(a).id for a in agencies)
    inspections = [
        i for i in dataset.inspections if i.agency_id in ids and (as_of is None or i.date <= as_of)
    ]
    whole = inspection_coverage(registry, inspections, period, kinds=kinds)
    covered = tuple(a for a in whole.covered if a in ids)
    uncovered = tuple(a for a in whole.uncovered if a in ids)
    return Coverage(
        period=whole.period,
        kinds=whole.kinds,
        scope=scope,
        covered=covered,
        uncovered=uncovered,
        rate=len(covered) / len(ids) if ids else None,
    )


def evaluate(
    dataset: Dataset,
    period: JalaliPeriod | str,
    *,
    scope: Province | str | None = None,
    scoring_policy: ScoringPolicy = DEFAULT_SCORING_POLICY,
    index_policy: IndexPolicy = DEFAULT_INDEX_POLICY,
) -> Evaluation:
    """Score, index and rank the agencies of a scope for a Jalali period.

    Every inspection of the scope dated in the period or the previous one is scored against the
    checklist version it names; each agency's index for both periods is computed from its own
    records; the agencies are ranked by this period's index within their peer groups; and the
    scope's periodic-inspection coverage of the period is found
    ([`coverage_of`][citizenrights.evaluation.coverage_of]). The result does not depend on the order
    of the dataset's records.

    Args:
        dataset: a loaded dataset ([`Dataset.load`][citizenrights.dataset._loader.Dataset.load]).
        period: the period, or its text (``1396-Q3``).
        scope: ``None`` for the nation; a province
            ([`Province`][citizenrights.models.provinces.Province] or text such as ``IR-10``,
            ``Isfahan``, ``اصفهان``); or an agency id (a county governorate covers itself and the
            agencies under it).
        scoring_policy: how inspections are scored (its ``decimals`` also settle ties in the
            ranking).
        index_policy: how the agency index is made.

    Returns:
        The evaluation.

    Raises:
        InvalidPeriodError: for period text that is not a period.
        UnknownAgencyError: for a scope that is neither a province nor an agency id.
        ChecklistMismatchError: for an inspection that does not fit its checklist.
        DatasetError: when the stats give one agency two rows for one period.
    """
    partial = ReportPartial(
        dataset, period, scope=scope, scoring_policy=scoring_policy, index_policy=index_policy
    )
    partial.fold_dataset(dataset)
    return partial.evaluation()


#: A critical failure of an inspection, in the fields of
#: [`CriticalFinding`][citizenrights.reporting.figures.CriticalFinding]: ``(agency_id,
#: inspection_id, date, item, source, description, resolved_on, description_en)``.
CriticalRow = tuple[str, str, dt.date, str | None, str, str, dt.date | None, str | None]


def _critical_rows(
    inspection: Inspection, score: InspectionScore, checklist: Checklist
) -> list[CriticalRow]:
    """The critical failures of one inspection: critical items not met, critical findings."""
    rows: list[CriticalRow] = []
    for code in score.capped_by:
        # An item's text comes from the very checklist version the inspection was scored
        # against: two versions may give one code different texts.
        item = checklist.item(code)
        rows.append(
            (
                inspection.agency_id, inspection.id, inspection.date, code, "critical_item",
                item.text, None, item.text_en,
            )
        )  # fmt: skip
    for f in inspection.findings:
        if f.severity is Severity.CRITICAL:
            rows.append(
                (
                    inspection.agency_id, inspection.id, inspection.date, f.item, "finding",
                    f.description, f.resolved_on, None,
                )
            )  # fmt: skip
    return rows


def _critical_key(row: CriticalRow) -> tuple[Any, ...]:
    # Agency, date, inspection, source, item; the rest only breaks ties, so that the order never
    # depends on the order the records came in.
    agency, inspection, date, item, source, text, resolved, text_en = row
    return (
        agency,
        date,
        inspection,
        source,
        item or "",
        text,
        resolved or dt.date.min,
        text_en or "",
    )


def _overdue_key(o: OverdueFinding) -> tuple[Any, ...]:
    # The order of overdue_findings.
    return (
        o.agency_id, o.inspection_id, o.item is not None, o.item or "", o.index, o.due,
        o.severity.value, o.description,
    )  # fmt: skip


class ReportPartial:
    """What a scope's report for a period needs, folded from records one at a time; mergeable.

    It holds the [`PartialResults`][citizenrights.scoring.partials.PartialResults] of the
    scope's agencies for the period and the previous one, and the figures a report reads from
    records beyond the indices: the period's inspection scores (bounded by the period's
    inspections of the scope), their counts by kind and the joint ones, which agencies had a
    periodic inspection in the period, the period's critical failures, the findings past due at
    the period's end (of inspections of any date), and the grave upheld complaints received in
    the period. Records outside the scope, or of no use to the period, are dropped as they come.

    Two partials of the same dataset's reference data, period, scope and policies **merge**
    ([`merge`][citizenrights.evaluation.ReportPartial.merge]): associative, commutative and
    exact, so folding parts of a dataset apart and merging, in any split and order, gives the
    same [`evaluation`][citizenrights.evaluation.ReportPartial.evaluation] and report as folding
    it whole. Each inspection id must come in one part only (a dataset's ids are unique).

    Args:
        reference: the dataset whose agencies, checklists, working groups, meetings and
            programmes are used (a loaded [`Dataset`][citizenrights.dataset._loader.Dataset],
            or the ``reference`` of a [`DatasetStream`][citizenrights.dataset._loader.DatasetStream]).
        period: the period, or its text (``1396-Q3``).
        scope: as for [`evaluate`][citizenrights.evaluation.evaluate].
        scoring_policy: how inspections are scored.
        index_policy: how the agency index is made (its calendar also dates corrective actions).

    Raises:
        InvalidPeriodError: for period text that is not a period.
        UnknownAgencyError: for a scope that is neither a province nor an agency id.

    Attributes:
        reference: the reference data.
        period: the period.
        previous_period: the period before it.
        scope: the scope.
        scoring_policy: the scoring policy.
        index_policy: the index policy.
        partials: the partial results of the scope's agencies for both periods.
        scores: the scores of the scope's inspections dated in the period, by inspection id.
        inspections: how many of the scope's inspections are dated in the period.
        joint: how many of those are joint inspections.
        by_kind: those inspections counted by kind (every kind listed).
        covered: the agencies of the scope with a periodic inspection in the period.
        critical: the period's critical failures, as `CriticalRow` tuples.
        overdue: the findings past due at the period's last day.
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
    ) -> None:
        self.reference = reference
        self.period = JalaliPeriod.parse(period) if isinstance(period, str) else period
        self.previous_period = self.period.previous()
        self.scope = resolve_scope(reference.agencies, scope)
        self.scoring_policy = scoring_policy
        self.index_policy = index_policy
        self.partials = PartialResults(self.period.kind, index_policy)
        self.scores: dict[str, InspectionScore] = {}
        self.inspections = 0
        self.joint = 0
        self.by_kind: Counter[str] = Counter({k.value: 0 for k in InspectionKind})
        self.covered: set[str] = set()
        self.critical: list[CriticalRow] = []
        self.overdue: list[OverdueFinding] = []
        self.grave_upheld = 0
        self._ids = frozenset(self.scope.agencies)

    def __repr__(self) -> str:
        return (
            f"<ReportPartial {self.period} {self.scope.kind} {self.scope.code or ''}: "
            f"{self.inspections} inspections, {len(self.partials)} partials>"
        )

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
            self.overdue.extend(overdue_findings([inspection], as_of=as_of, calendar=calendar))
        if not self._when(inspection.date):
            return
        key = (inspection.checklist_id, inspection.checklist_version)
        checklist = self.reference.checklists[key]
        score = score_inspection(inspection, checklist, self.scoring_policy)
        self.partials.fold_score(score)
        if inspection.date not in self.period:
            return
        self.scores[inspection.id] = score
        self.inspections += 1
        self.joint += inspection.is_joint
        self.by_kind[inspection.kind.value] += 1
        if inspection.kind is InspectionKind.PERIODIC:
            self.covered.add(inspection.agency_id)
        self.critical.extend(_critical_rows(inspection, score, checklist))

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
        mine = (self.period, self.scope, self.scoring_policy.version, self.index_policy.version)
        theirs = (
            other.period,
            other.scope,
            other.scoring_policy.version,
            other.index_policy.version,
        )
        if mine != theirs:
            raise ValueError(
                f"Cannot merge the report partial of {other.period} for {other.scope.code or 'the nation'} "
                f"into that of {self.period} for {self.scope.code or 'the nation'}: fold both "
                "with one period, scope and pair of policies."
            )
        out = ReportPartial.__new__(ReportPartial)
        out.__dict__.update(self.__dict__)
        out.partials = self.partials.merge(other.partials)
        out.scores = {**self.scores, **other.scores}
        out.inspections = self.inspections + other.inspections
        out.joint = self.joint + other.joint
        out.by_kind = self.by_kind + other.by_kind
        out.by_kind.update({k.value: 0 for k in InspectionKind if k.value not in out.by_kind})
        out.covered = self.covered | other.covered
        out.critical = [*self.critical, *other.critical]
        out.overdue = [*self.overdue, *other.overdue]
        out.grave_upheld = self.grave_upheld + other.grave_upheld
        return out

    def critical_rows(self) -> tuple[CriticalRow, ...]:
        """The period's critical failures, by agency, date, inspection, source and item."""
        return tuple(sorted(self.critical, key=_critical_key))

    def overdue_findings(self) -> tuple[OverdueFinding, ...]:
        """The findings past due at the period's end, in the order of `overdue_findings`."""
        return tuple(sorted(self.overdue, key=_overdue_key))

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
            scores=dict(sorted(self.scores.items())),
            indices=now,
            previous=indices(self.previous_period),
            ranking=ranking,
            coverage=self.coverage(),
            scoring_policy_version=self.scoring_policy.version,
            index_policy_version=self.index_policy.version,
            library_version=__version__,
        )


def evaluate_source(
    source: str | os.PathLike[str],
    period: JalaliPeriod | str,
    *,
    scope: Province | str | Callable[[Dataset], Province | str | None] | None = None,
    scoring_policy: ScoringPolicy = DEFAULT_SCORING_POLICY,
    index_policy: IndexPolicy = DEFAULT_INDEX_POLICY,
    on_progress: Callable[[str, int], None] | Callable[[str, int, int], None] | None = None,
) -> ReportPartial:
    """Evaluate a dataset folder or database in one streamed pass, in flat memory.

    The reference files are read whole; then every record is read once, validated, checked
    across files (with file and line, exactly as [`Dataset.validate`][citizenrights.dataset._loader.Dataset.validate]
    reports), scored against its checklist and folded into a
    [`ReportPartial`][citizenrights.evaluation.ReportPartial], then dropped. Memory grows with
    the scope's agencies and the period's inspections, not with the records of the source.
    ``partial.evaluation()`` is [`evaluate`][citizenrights.evaluation.evaluate]'s result on the
    loaded dataset, and [`assemble_report`][citizenrights.reporting.report.assemble_report] its report.

    Args:
        source: a dataset folder, or a database URL (``sqlite:///records.db``; the extra ``sql``).
        period: the period, or its text (``1396-Q3``).
        scope: as for [`evaluate`][citizenrights.evaluation.evaluate]; or a function given the
            reference records (a [`Dataset`][citizenrights.dataset._loader.Dataset] of the small
            kinds) that returns one, called once they are read and found good (to check a scope
            a user typed against the registry).
        scoring_policy: how inspections are scored.
        index_policy: how the agency index is made.
        on_progress: called as ``on_progress(kind name, records read)`` every 1,000 records and
            at the end of each kind, with the bytes read as a third argument when it takes one
            (see [`Dataset.stream`][citizenrights.dataset._loader.Dataset.stream]).

    Returns:
        The folded partial, for the period and scope.

    Raises:
        DatasetError: listing every problem of the source (a bad scope is not looked at then), as [`Dataset.load`][citizenrights.dataset._loader.Dataset.load] would.
        InvalidPeriodError: for period text that is not a period.
        UnknownAgencyError: for a scope that is neither a province nor an agency id.

    Examples:
        >>> from citizenrights import demo_dataset_path, evaluate, load_demo
        >>> with demo_dataset_path() as folder:
        ...     streamed = evaluate_source(folder, "1396-Q3", scope="IR-10")
        >>> streamed.evaluation().to_dict() == evaluate(load_demo(), "1396-Q3", scope="IR-10").to_dict()
        True
    """
    from citizenrights.dataset import Dataset

    with Dataset.stream(source, on_progress=on_progress) as stream:
        reference = stream.reference
        partial: ReportPartial | None = None
        if reference is not None and stream.ok:  # else: report the problems, not the scope
            chosen = scope(reference) if callable(scope) else scope
            partial = ReportPartial(
                reference,
                period,
                scope=chosen,
                scoring_policy=scoring_policy,
                index_policy=index_policy,
            )
        for kind, record in stream:
            if partial is not None and stream.ok:
                partial.fold(kind, record)
        if partial is None or not stream.ok:
            raise DatasetError(stream.problems, folder=stream.where)
    return partial
