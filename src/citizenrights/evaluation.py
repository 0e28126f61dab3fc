"""The evaluation step: score, index and rank the agencies of a scope for a Jalali period.

[`evaluate`][citizenrights.evaluation.evaluate] is the one step every consumer of a dataset needs
(the periodic report, the CLI, exports): it resolves the scope (the nation, a province, or an agency
and everything under it), scores every inspection of the scope in the period and the previous one,
builds every agency's [`AgencyIndex`][citizenrights.scoring.index.AgencyIndex] for both periods and
ranks the agencies within their peer groups. The policies are arguments; the result,
[`Evaluation`][citizenrights.evaluation.Evaluation], is pure data.

It sits above scoring and below reporting: it reads a loaded
[`Dataset`][citizenrights.dataset._loader.Dataset] and does no input or output itself.

Examples:
    >>> from citizenrights import evaluate, load_demo
    >>> result = evaluate(load_demo(), "1396-Q3", scope="IR-10")
    >>> result.scope.kind, str(result.period), str(result.previous_period)
    ('province', '1396-Q3', '1396-Q2')
    >>> len(result.indices) == len(result.scope.agencies) == len(result.ranking)
    True
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Mapping
from typing import TYPE_CHECKING, Any, Literal

import attrs

from citizenrights._version import __version__
from citizenrights.calendar import JalaliPeriod
from citizenrights.errors import UnknownAgencyError
from citizenrights.models.agencies import AgencyRegistry
from citizenrights.models.provinces import Province
from citizenrights.results import pydantic_support
from citizenrights.scoring.index import DEFAULT_INDEX_POLICY, AgencyIndex, agency_index
from citizenrights.scoring.inspections import (
    DEFAULT_SCORING_POLICY,
    InspectionScore,
    score_inspection,
)
from citizenrights.scoring.policies import IndexPolicy, ScoringPolicy
from citizenrights.scoring.ranking import Ranked, rank

if TYPE_CHECKING:
    from citizenrights.dataset import Dataset

__all__ = ["Evaluation", "ReportScope", "evaluate", "resolve_scope"]

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
            "scoring_policy_version": self.scoring_policy_version,
            "index_policy_version": self.index_policy_version,
            "library_version": self.library_version,
        }


def _by_agency(records: Iterable[Any], ids: frozenset[str]) -> dict[str, list[Any]]:
    out: dict[str, list[Any]] = defaultdict(list)
    for record in records:
        if record.agency_id in ids:
            out[record.agency_id].append(record)
    return out


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
    records; the agencies are ranked by this period's index within their peer groups. The result
    does not depend on the order of the dataset's records.

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
    if isinstance(period, str):
        period = JalaliPeriod.parse(period)
    previous = period.previous()
    registry = dataset.agencies
    the_scope = resolve_scope(registry, scope)
    ids = frozenset(the_scope.agencies)

    scored: dict[str, InspectionScore] = {}
    for insp in dataset.inspections:
        if insp.agency_id not in ids or not (insp.date in period or insp.date in previous):
            continue
        checklist = dataset.checklists[(insp.checklist_id, insp.checklist_version)]
        scored[insp.id] = score_inspection(insp, checklist, scoring_policy)
    scores = _by_agency(scored.values(), ids)
    complaints = _by_agency(dataset.complaints, ids)
    trainings = _by_agency(dataset.trainings, ids)
    surveys = _by_agency(dataset.surveys, ids)
    stats = _by_agency(dataset.stats, ids)

    def indices(when: JalaliPeriod) -> dict[str, AgencyIndex]:
        # Records are grouped by agency first, so each index reads only its own agency's records.
        return {
            agency_id: agency_index(
                agency_id,
                when,
                inspections=scores.get(agency_id, ()),
                complaints=complaints.get(agency_id, ()),
                trainings=trainings.get(agency_id, ()),
                surveys=surveys.get(agency_id, ()),
                stats=stats.get(agency_id, ()),
                policy=index_policy,
            )
            for agency_id in the_scope.agencies
        }

    now = indices(period)
    ranking = rank(
        {a: now[a].score for a in the_scope.agencies},
        groups={a: registry.get(a).category for a in the_scope.agencies},
        decimals=scoring_policy.decimals,
    )
    return Evaluation(
        period=period,
        previous_period=previous,
        scope=the_scope,
        scores={k: v for k, v in sorted(scored.items()) if v.date in period},
        indices=now,
        previous=indices(previous),
        ranking=ranking,
        scoring_policy_version=scoring_policy.version,
        index_policy_version=index_policy.version,
        library_version=__version__,
    )
