"""The festival's citizens'-rights indicator, computed from agency indices: pure.

For each executive body, each measure of the
[`FestivalPolicy`][citizenrights.scoring.festival_policy.FestivalPolicy] takes the value (0–100)
of the index component it reads, and earns ``value × weight ÷ 100`` points (never more than
its weight). The body's **score** is the sum of the points when every measure has data; a
measure without data is left out and the weights of the others re-normalised, as the agency
index does with a component without data, so

    score = Σ (value × weight) ÷ Σ weight present,    coverage = Σ weight present ÷ 100,

and ``points = score × max_points ÷ 100``. The **band** comes from the unrounded score; the
**rank** is a competition rank (1, 2, 2, 4) within the body's group and level, scores compared
at the policy's ``decimals`` (see [`rank`][citizenrights.scoring.ranking.rank]). A body with no
measure present has no score, points, band or rank.

Examples:
    >>> from citizenrights import AgencyStats, JalaliPeriod, SurveyResponse, agency_index
    >>> index = agency_index(
    ...     "A-1", JalaliPeriod.parse("1397"), inspections=[], complaints=[], trainings=[],
    ...     surveys=[SurveyResponse(agency_id="A-1", date="1397/07/20", score=4)],
    ...     stats=[AgencyStats(agency_id="A-1", period="1397", services=1200, staff=40)])
    >>> row = festival_row("A-1", "اداره کل نمونه", index, group="banks", level="provincial")
    >>> [(m.code, m.value, m.points) for m in row.measures]
    [('inspection', None, None), ('complaints', 100.0, 20.0), ('training', 0.0, 0.0), ('satisfaction', 75.0, 11.25)]
    >>> row.score, row.coverage, row.points, row.band.value
    (62.5, 0.5, 62.5, 'medium')
"""

from __future__ import annotations

import math
from collections.abc import Iterable, Mapping
from typing import Any

import attrs

from citizenrights.results import pydantic_support
from citizenrights.scoring.festival_policy import (
    DEFAULT_FESTIVAL_POLICY,
    FestivalBand,
    FestivalPolicy,
)
from citizenrights.scoring.index_results import AgencyIndex
from citizenrights.scoring.ranking import rank

__all__ = [
    "FestivalMeasureResult",
    "FestivalResult",
    "FestivalRow",
    "MeasureEvidence",
    "festival_result",
    "festival_row",
]


@pydantic_support()
@attrs.frozen
class MeasureEvidence:
    """What a measure rests on.

    Attributes:
        ids: the ids of the records behind it (inspections counted, complaints received), sorted;
            empty for measures whose records carry no id of their own (trainings are kept by
            person, surveys are anonymous).
        counts: counts of the records it rests on and of those left out, by name (those of the
            index component it reads).
    """

    ids: tuple[str, ...]
    counts: Mapping[str, int | float] = attrs.field(hash=False)  # a dict: hashed by ids

    def to_dict(self) -> dict[str, Any]:
        """JSON-ready data with stable keys."""
        return {"ids": list(self.ids), "counts": dict(self.counts)}


@pydantic_support()
@attrs.frozen
class FestivalMeasureResult:
    """One measure of a body's indicator, as on the festival form.

    Attributes:
        code: the measure's code.
        weight: its weight out of 100.
        value: 0–100, the value of the index component it reads; ``None`` when missing.
        points: ``value × weight ÷ 100`` (at most ``weight``); ``None`` when missing.
        evidence: the ids and counts it rests on.
    """

    code: str
    weight: float
    value: float | None
    points: float | None
    evidence: MeasureEvidence

    def to_dict(self) -> dict[str, Any]:
        """JSON-ready data with stable keys."""
        return {
            "code": self.code,
            "weight": self.weight,
            "value": self.value,
            "points": self.points,
            "evidence": self.evidence.to_dict(),
        }


@pydantic_support(exclude=("name_en",))
@attrs.frozen
class FestivalRow:
    """One executive body's citizens'-rights indicator for a festival year.

    Attributes:
        agency_id: the body.
        name: its Persian name.
        name_en: its English name (``None`` when the registry has none); not in ``to_dict``.
        group: the code of its festival group.
        level: its festival level (``national`` or ``provincial``).
        score: 0–100: ``Σ value × weight ÷ Σ weight present``; ``None`` when no measure has data.
        coverage: the share of the measures' weight (out of 100) that had data, 0–1.
        points: ``score × max_points ÷ 100``; ``None`` without a score.
        max_points: the indicator's maximum points.
        band: the band of the unrounded score; ``None`` without a score.
        rank: competition rank within group and level (ties at the policy's decimals); ``None``
            without a score.
        measures: each measure, in the policy's order.
    """

    agency_id: str
    name: str
    name_en: str | None
    group: str
    level: str
    score: float | None
    coverage: float
    points: float | None
    max_points: float
    band: FestivalBand | None
    rank: int | None
    measures: tuple[FestivalMeasureResult, ...]

    def to_dict(self) -> dict[str, Any]:
        """JSON-ready data with stable keys."""
        return {
            "agency_id": self.agency_id,
            "name": self.name,
            "group": self.group,
            "level": self.level,
            "score": self.score,
            "coverage": self.coverage,
            "points": self.points,
            "max_points": self.max_points,
            "band": None if self.band is None else self.band.value,
            "rank": self.rank,
            "measures": [m.to_dict() for m in self.measures],
        }


@pydantic_support(exclude=("policy", "scope", "unassigned"))
@attrs.frozen
class FestivalResult:
    """The festival indicator of the bodies of a scope for a Jalali year.

    ``to_dict()`` is exactly ``{"year", "policy_version", "max_points", "rows"}``.

    Attributes:
        year: the Jalali year.
        policy_version: the festival policy's version.
        max_points: the indicator's maximum points.
        rows: one row per body with a festival group, by group (in the policy's order), level,
            rank and id.
        policy: the festival policy (its group names and measure titles); not in ``to_dict``.
        scope: the code of the scope (a province's code or an agency id; ``None`` for the
            nation); not in ``to_dict``.
        unassigned: the bodies of the scope without a festival group, left out; not in
            ``to_dict``.
    """

    year: int
    policy_version: str
    max_points: float
    rows: tuple[FestivalRow, ...]
    policy: FestivalPolicy = attrs.field(default=DEFAULT_FESTIVAL_POLICY, repr=False)
    scope: str | None = None
    unassigned: tuple[str, ...] = ()

    def to_dict(self) -> dict[str, Any]:
        """JSON-ready data: ``{"year", "policy_version", "max_points", "rows"}``."""
        return {
            "year": self.year,
            "policy_version": self.policy_version,
            "max_points": self.max_points,
            "rows": [r.to_dict() for r in self.rows],
        }


def festival_row(
    agency_id: str,
    name: str,
    index: AgencyIndex,
    *,
    group: str,
    level: str,
    policy: FestivalPolicy = DEFAULT_FESTIVAL_POLICY,
    ids: Mapping[str, Iterable[str]] | None = None,
    name_en: str | None = None,
) -> FestivalRow:
    """A body's indicator from its agency index for the year (unranked: ``rank`` is ``None``).

    Args:
        agency_id: the body.
        name: its Persian name.
        index: its agency index for the festival year.
        group: the code of its festival group (checked by the caller against the policy).
        level: its festival level.
        policy: the festival rules.
        ids: the record ids behind each index component, by component name (``inspection``,
            ``complaints``, ...); components it lacks have none.
        name_en: its English name.

    Returns:
        The row, with ``rank=None``.
    """
    components = index.components
    measures: list[FestivalMeasureResult] = []
    for measure in policy.measures:
        # A component the index did not compute (an optional one of weight 0) is missing.
        component = components.get(measure.reads.value)
        value = None if component is None else component.value
        points = None if value is None else value * measure.weight / 100
        evidence = MeasureEvidence(
            ids=tuple(sorted((ids or {}).get(measure.reads.value, ()))),
            counts={} if component is None else component.evidence,
        )
        measures.append(
            FestivalMeasureResult(measure.code, measure.weight, value, points, evidence)
        )
    present = [m for m in measures if m.value is not None]
    weight = math.fsum(m.weight for m in present)
    score = (
        math.fsum(m.value * m.weight for m in present if m.value is not None) / weight
        if present
        else None
    )
    return FestivalRow(
        agency_id=agency_id,
        name=name,
        name_en=name_en,
        group=group,
        level=level,
        score=score,
        coverage=weight / 100,
        points=None if score is None else score * policy.max_points / 100,
        max_points=policy.max_points,
        band=policy.band(score),
        rank=None,
        measures=tuple(measures),
    )


def festival_result(
    year: int,
    rows: Iterable[FestivalRow],
    *,
    policy: FestivalPolicy = DEFAULT_FESTIVAL_POLICY,
    scope: str | None = None,
    unassigned: Iterable[str] = (),
) -> FestivalResult:
    """Rank rows within their group and level and gather them as the year's result.

    Args:
        year: the Jalali year.
        rows: the bodies' rows (from [`festival_row`][citizenrights.scoring.festival.festival_row]).
        policy: the festival rules (their ``decimals`` decide ties).
        scope: the code of the scope, for the record.
        unassigned: the bodies of the scope without a festival group.

    Returns:
        The result, rows by group (policy order), level (policy order), rank and id.

    Examples:
        >>> from citizenrights import JalaliPeriod, agency_index
        >>> empty = agency_index("A", JalaliPeriod.parse("1397"), inspections=[], complaints=[],
        ...                      trainings=[], surveys=[], stats=[])
        >>> result = festival_result(1397, [festival_row("A", "الف", empty, group="banks",
        ...                                              level="national")])
        >>> result.rows[0].score, result.rows[0].rank, sorted(result.to_dict())
        (None, None, ['max_points', 'policy_version', 'rows', 'year'])
    """
    held = {r.agency_id: r for r in rows}
    ranked = rank(
        {k: r.score for k, r in held.items()},
        groups={k: f"{r.group}\x1f{r.level}" for k, r in held.items()},
        decimals=policy.decimals,
    )
    places = {r.id: r.rank for r in ranked}
    group_order = {g.code: n for n, g in enumerate(policy.groups)}
    level_order = {lv: n for n, lv in enumerate(policy.levels)}
    out = sorted(
        (attrs.evolve(r, rank=places[k]) for k, r in held.items()),
        key=lambda r: (
            group_order.get(r.group, len(group_order)),
            r.group,
            level_order.get(r.level, len(level_order)),
            r.level,
            r.rank is None,
            r.rank or 0,
            r.agency_id,
        ),
    )
    return FestivalResult(
        year=year,
        policy_version=policy.version,
        max_points=policy.max_points,
        rows=tuple(out),
        policy=policy,
        scope=scope,
        unassigned=tuple(sorted(unassigned)),
    )
