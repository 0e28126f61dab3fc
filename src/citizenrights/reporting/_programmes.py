"""Which programmes a working group's report follows (private): one rule for every report.

A programme belongs to a group through what the group resolved: the programmes whose items its
resolutions carry out (``programme_item``). A group whose resolutions name no programme item has
no programme in its report, so no item of another body's programme is listed under it as having
"no resolution". The periodic report, the documented progress report and every format they are
written in (Markdown, HTML, JSON, Excel) take the group's programmes from here.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from typing import TYPE_CHECKING

from citizenrights.evaluation import ReportScope
from citizenrights.followup import GroupProgress, group_progress
from citizenrights.models.groups import Meeting, Programme

if TYPE_CHECKING:
    from citizenrights.dataset import Dataset

__all__ = ["group_programmes", "groups_in_scope"]


def group_programmes(
    group_id: str, meetings: Iterable[Meeting], programmes: Iterable[Programme]
) -> list[Programme]:
    """The programmes whose items the resolutions of ``group_id``'s meetings carry out.

    Args:
        group_id: the working group.
        meetings: meetings of any groups (those of other groups are skipped).
        programmes: every programme of the dataset.

    Returns:
        The group's programmes, in the order ``programmes`` gives them.
    """
    used = {
        r.programme_item.programme_id
        for m in meetings
        if m.group_id == group_id
        for r in m.resolutions
        if r.programme_item is not None
    }
    return [p for p in programmes if p.id in used]


def groups_in_scope(
    dataset: Dataset, scope: ReportScope, as_of: dt.date
) -> tuple[GroupProgress, ...]:
    """The progress at ``as_of`` of the working groups of a report's scope that have met.

    The nation's report has every group; a province's, the groups of that province; an agency's
    subtree, the groups of its agencies. Each group follows only its own programmes
    ([`group_programmes`][citizenrights.reporting._programmes.group_programmes]).
    """
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
        own = group_programmes(g.id, mine, programmes)
        out.append(group_progress(g, mine, as_of=as_of, programmes=own))
    return tuple(out)
