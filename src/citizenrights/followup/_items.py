"""Each programme item's state at ``as_of``, from the states of the resolutions that refer to it."""

from __future__ import annotations

from collections.abc import Iterable, Mapping

from citizenrights.followup.programmes import ProgrammeItemProgress, ProgrammeItemStatus
from citizenrights.models.groups import Programme, ResolutionStatus

__all__ = ["ItemKey", "programme_items"]

ItemKey = tuple[str, int]
"""A programme item: its programme's id and its number."""


def _item_status(states: list[ResolutionStatus]) -> ProgrammeItemStatus:
    if not states:
        return ProgrammeItemStatus.NO_RESOLUTION
    live = [s for s in states if s is not ResolutionStatus.DROPPED]
    if not live:
        return ProgrammeItemStatus.DROPPED
    if all(s is ResolutionStatus.DONE for s in live):
        return ProgrammeItemStatus.DONE
    if any(s is not ResolutionStatus.OPEN for s in live):
        return ProgrammeItemStatus.IN_PROGRESS
    return ProgrammeItemStatus.OPEN


def programme_items(
    programmes: Iterable[Programme],
    by_item: Mapping[ItemKey, list[tuple[str, ResolutionStatus]]],
    overdue: Iterable[str],
) -> tuple[ProgrammeItemProgress, ...]:
    """Every item of ``programmes``, in the programmes' order and by number.

    Args:
        programmes: the programmes, already in the order to report them.
        by_item: item → the (resolution id, state at ``as_of``) of each resolution referring to it.
        overdue: the ids of the overdue resolutions.

    Returns:
        One progress per item.
    """
    overdue_set = frozenset(overdue)
    items: list[ProgrammeItemProgress] = []
    for programme in programmes:
        for item in sorted(programme.items, key=lambda i: i.number):
            refs = sorted(by_item.get((programme.id, item.number), []))
            items.append(
                ProgrammeItemProgress(
                    programme_id=programme.id,
                    number=item.number,
                    title=item.title,
                    resolutions=tuple(rid for rid, _ in refs),
                    status=_item_status([s for _, s in refs]),
                    overdue=tuple(rid for rid, _ in refs if rid in overdue_set),
                )
            )
    return tuple(items)
