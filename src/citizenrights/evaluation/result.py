"""The result of the evaluation step, and a scope's inspection coverage on its own.

[`Evaluation`][citizenrights.evaluation.result.Evaluation] is pure data;
[`coverage_of`][citizenrights.evaluation.result.coverage_of] is the coverage a report that is not
about one period of a scope asks for (a working group's progress report, taken on a day).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Mapping
from typing import TYPE_CHECKING, Any

import attrs

from citizenrights.calendar import JalaliPeriod
from citizenrights.evaluation.scope import ReportScope
from citizenrights.followup import Coverage, inspection_coverage
from citizenrights.models.inspections import InspectionKind
from citizenrights.results import pydantic_support
from citizenrights.scoring.index_results import AgencyIndex
from citizenrights.scoring.inspection_results import InspectionScore
from citizenrights.scoring.ranking import Ranked

if TYPE_CHECKING:
    from citizenrights.dataset import Dataset


__all__ = ["Evaluation", "coverage_of"]


@pydantic_support()
@attrs.frozen
class Evaluation:
    """The agencies of a scope scored, indexed and ranked for a period.

    Build it with [`evaluate`][citizenrights.evaluation.run.evaluate].

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
            (see [`coverage_of`][citizenrights.evaluation.result.coverage_of]); its ``scope`` is the
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

    The one place a report's inspection coverage is computed: [`evaluate`][citizenrights.evaluation.run.evaluate]
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
