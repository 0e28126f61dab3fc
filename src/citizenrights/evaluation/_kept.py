"""Bounded lists of a report partial: each agency's first ``limit`` rows by a total order.

Private to the evaluation step. The overdue findings (the earliest due first) and the critical
failures (the most recent first) of [`ReportPartial`][citizenrights.evaluation.partial.ReportPartial]
are both kept this way: rows are appended, a list is trimmed once it passes twice the limit
(amortised), and merges sort and cut. The order is total, so the rows kept never depend on the
order or the split the records came in.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from typing import Any, TypeVar

from citizenrights.evaluation._critical import CriticalRow, critical_key
from citizenrights.followup import OverdueFinding

__all__ = [
    "check_limit",
    "first",
    "keep",
    "latest_key",
    "listed",
    "merged",
    "oldest_key",
    "overdue_key",
]

T = TypeVar("T")
Key = Callable[[T], tuple[Any, ...]]


def overdue_key(o: OverdueFinding) -> tuple[Any, ...]:
    """The order a report lists overdue findings in."""
    return (
        o.agency_id, o.inspection_id, o.item is not None, o.item or "", o.index, o.due,
        o.severity.value, o.description,
    )  # fmt: skip


def oldest_key(o: OverdueFinding) -> tuple[Any, ...]:
    """Which findings of an agency are kept: the earliest due first, then a total order."""
    return (
        o.due, o.inspection_id, o.index, o.item is not None, o.item or "", o.severity.value,
        o.description,
    )  # fmt: skip


def latest_key(row: CriticalRow) -> tuple[Any, ...]:
    """Which critical failures of an agency are kept: the most recent first, then a total order."""
    return (-row[2].toordinal(), *critical_key(row))


def first(rows: list[T], limit: int, key: Key[T]) -> list[T]:
    """The first ``limit`` of ``rows`` in the order of ``key``."""
    return sorted(rows, key=key)[:limit]


def listed(store: Mapping[str, list[T]], limit: int, key: Key[T], order: Key[T]) -> tuple[T, ...]:
    """Each agency's first ``limit`` rows by ``key``, all of them sorted by ``order``."""
    kept = (row for rows in store.values() for row in first(rows, limit, key))
    return tuple(sorted(kept, key=order))


def keep(store: dict[str, list[T]], agency: str, row: T, limit: int, key: Key[T]) -> None:
    """Append ``row`` to ``agency``'s list; past twice ``limit``, cut it back to the first ones."""
    kept = store.setdefault(agency, [])
    kept.append(row)
    if len(kept) > 2 * limit:  # trimmed now and then: amortised, exact
        kept[:] = first(kept, limit, key)


def merged(
    a: Mapping[str, list[T]], b: Mapping[str, list[T]], limit: int, key: Key[T]
) -> dict[str, list[T]]:
    """Both stores' lists joined agency by agency, each cut to its first ``limit``."""
    return {
        agency: first([*a.get(agency, ()), *b.get(agency, ())], limit, key)
        for agency in sorted(a.keys() | b.keys())
    }


def check_limit(name: str, limit: int, what: str) -> None:
    """Refuse a limit below 0, naming the option and what it counts.

    Raises:
        ValueError: for ``limit`` below 0.
    """
    if limit < 0:
        raise ValueError(f"{name}: {limit} is not a number of {what} to keep; expected 0 or more")
