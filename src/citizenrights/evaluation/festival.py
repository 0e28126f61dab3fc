"""The festival indicator of a dataset's executive bodies for a Jalali year.

[`festival_indicator`][citizenrights.evaluation.festival.festival_indicator] checks every agency's
``festival_group`` and ``festival_level`` against the
[`FestivalPolicy`][citizenrights.scoring.festival_policy.FestivalPolicy], evaluates the scope for
the year ([`evaluate`][citizenrights.evaluation.run.evaluate]) and turns each body's index into
its row ([`festival_row`][citizenrights.scoring.festival.festival_row]), ranked within group and
level.

Examples:
    >>> from citizenrights import load_demo
    >>> result = festival_indicator(load_demo(), 1397)
    >>> sorted(result.to_dict()), result.year, len(result.rows)
    (['max_points', 'policy_version', 'rows', 'year'], 1397, 35)
    >>> top = result.rows[0]
    >>> top.group, top.level, top.rank
    ('production_services', 'provincial', 1)
"""

from __future__ import annotations

import json
import re
from collections import defaultdict
from typing import TYPE_CHECKING

from citizenrights.calendar import JalaliPeriod
from citizenrights.errors import DatasetError
from citizenrights.evaluation.run import evaluate
from citizenrights.models.agencies import Agency
from citizenrights.models.provinces import Province
from citizenrights.scoring.festival import FestivalResult, festival_result, festival_row
from citizenrights.scoring.festival_policy import DEFAULT_FESTIVAL_POLICY, FestivalPolicy
from citizenrights.scoring.index import DEFAULT_INDEX_POLICY
from citizenrights.scoring.inspection_results import InspectionStatus
from citizenrights.scoring.inspections import DEFAULT_SCORING_POLICY
from citizenrights.scoring.policies import IndexPolicy, ScoringPolicy

if TYPE_CHECKING:
    from citizenrights.dataset import Dataset

__all__ = ["festival_indicator", "festival_level", "festival_problems"]


def festival_level(agency: Agency) -> str:
    """The festival level of an agency.

    Its ``festival_level``; else ``provincial`` for an agency with a province and ``national``
    for one without.

    Examples:
        >>> festival_level(Agency(id="A", name="الف", kind="ministry"))
        'national'
    """
    if agency.festival_level is not None:
        return agency.festival_level
    return "provincial" if agency.province is not None else "national"


def _lines(dataset: Dataset) -> dict[str, int]:
    """The line where each agency's record opens in the folder's ``agencies.json``."""
    folder = dataset.folder
    path = None if folder is None else folder / "agencies.json"
    if path is None or not path.is_file():
        return {}
    text = path.read_text(encoding="utf-8-sig")
    found: dict[str, int] = {}
    for match in re.finditer(r'"id"\s*:\s*("(?:[^"\\]|\\.)*")', text):
        agency_id = json.loads(match[1])
        # The line where the agency's record opens, as the dataset loader names records.
        opens = max(text.rfind("{", 0, match.start()), 0)
        found.setdefault(agency_id, text.count("\n", 0, opens) + 1)
    return found


def festival_problems(
    dataset: Dataset, policy: FestivalPolicy = DEFAULT_FESTIVAL_POLICY
) -> list[str]:
    """Every agency whose festival group or level the policy does not know, one line each.

    Each line names the file and line of the agency's record (``agencies.json:12``; the file alone
    for a dataset read from a database or built in memory), the agency, the value, and what the
    policy accepts.

    Args:
        dataset: a loaded dataset.
        policy: the festival rules.

    Returns:
        The problems, in agency id order; an empty list when every agency fits.

    Examples:
        >>> from citizenrights import Dataset
        >>> from citizenrights.models.agencies import AgencyRegistry
        >>> odd = Agency(id="B-1", name="بانک نمونه", kind="other", festival_group="bank")
        >>> festival_problems(Dataset(agencies=AgencyRegistry([odd])))[0]  # doctest: +ELLIPSIS
        "agencies.json: festival_group: agency 'B-1' (بانک نمونه) has unknown festival group 'bank'; accepted: production_services, ..., banks"
    """
    lines = _lines(dataset)
    groups = [g.code for g in policy.groups]
    problems: list[str] = []
    for agency in dataset.agencies:
        where = "agencies.json" + (f":{lines[agency.id]}" if agency.id in lines else "")
        named = f"agency {agency.id!r} ({agency.name})"
        if agency.festival_group is not None and agency.festival_group not in groups:
            problems.append(
                f"{where}: festival_group: {named} has unknown festival group "
                f"{agency.festival_group!r}; accepted: {', '.join(groups)}"
            )
        level = festival_level(agency)
        if agency.festival_group is not None and level not in policy.levels:
            problems.append(
                f"{where}: festival_level: {named} has unknown festival level {level!r}; "
                f"accepted: {', '.join(policy.levels)}"
            )
    return problems


def festival_indicator(
    dataset: Dataset,
    year: int | str,
    *,
    scope: Province | str | None = None,
    policy: FestivalPolicy = DEFAULT_FESTIVAL_POLICY,
    scoring_policy: ScoringPolicy = DEFAULT_SCORING_POLICY,
    index_policy: IndexPolicy = DEFAULT_INDEX_POLICY,
) -> FestivalResult:
    """The festival's citizens'-rights indicator of the bodies of a scope for a Jalali year.

    Every body of the scope with a ``festival_group`` gets a row: its index for the year
    ([`evaluate`][citizenrights.evaluation.run.evaluate] of the year as the period) read measure
    by measure, its score, points, band and rank within group and level. The evidence of the
    ``inspection`` measure lists the inspections its index counted (scored, and joint when the
    index policy counts only joint ones); that of ``complaints`` the complaints received in the
    year. Bodies without a group are left out and listed in ``unassigned``.

    Args:
        dataset: a loaded dataset.
        year: the Jalali year (``1397`` or ``"1397"``).
        scope: ``None`` for the nation, a province, or an agency id (as for ``evaluate``).
        policy: the festival rules.
        scoring_policy: how inspections are scored.
        index_policy: how the agency index is made.

    Returns:
        The year's result.

    Raises:
        DatasetError: listing every agency whose festival group or level the policy does not
            know (see [`festival_problems`][citizenrights.evaluation.festival.festival_problems]).
        InvalidPeriodError: for a year that is not a Jalali year.
        UnknownAgencyError: for a scope that is neither a province nor an agency id.
    """
    period = JalaliPeriod.parse(str(year))
    if period.kind.value != "year":
        raise ValueError(f"year must be a Jalali year such as 1397; got {year!r}")
    problems = festival_problems(dataset, policy)
    if problems:
        where = dataset.folder or dataset.source or "(in memory)"
        raise DatasetError(problems, folder=str(where))
    evaluation = evaluate(
        dataset,
        period,
        scope=scope,
        scoring_policy=scoring_policy,
        index_policy=index_policy,
    )
    ids: defaultdict[str, defaultdict[str, list[str]]] = defaultdict(lambda: defaultdict(list))
    for score in evaluation.scores.values():
        if score.status is InspectionStatus.SCORED and (score.joint or not index_policy.joint_only):
            ids[score.agency_id]["inspection"].append(score.inspection_id)
    in_scope = frozenset(evaluation.scope.agencies)
    for complaint in dataset.complaints:
        if complaint.agency_id in in_scope and complaint.received in period:
            ids[complaint.agency_id]["complaints"].append(complaint.id)
    rows = []
    unassigned = []
    for agency_id in evaluation.scope.agencies:
        agency = dataset.agencies.get(agency_id)
        if agency.festival_group is None:
            unassigned.append(agency_id)
            continue
        rows.append(
            festival_row(
                agency_id,
                agency.name,
                evaluation.indices[agency_id],
                group=agency.festival_group,
                level=festival_level(agency),
                policy=policy,
                ids=ids.get(agency_id, {}),
                name_en=agency.name_en,
            )
        )
    return festival_result(
        period.year,
        rows,
        policy=policy,
        scope=evaluation.scope.code,
        unassigned=unassigned,
    )
