"""A critical failure said once, as what was wrong (private).

An inspection that finds a critical item not met usually records a critical finding about the
same item: to the reader they are one failure. The checklist states what should be (a positive
statement); the failure is that it was not met, so the statement is quoted after
«عدم انطباق در بند حیاتی» ("critical item … not met"), and what the inspectors observed follows.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence

from citizenrights.reporting.figures import CriticalFinding
from citizenrights.vocabulary import Lang, join_list, say, term

__all__ = ["critical_resolved", "critical_text", "merged_critical"]


def critical_text(rows: Sequence[CriticalFinding], lang: Lang) -> str:
    """One critical failure said as what was wrong, from its rows (item not met, findings)."""
    item = next((r for r in rows if r.source == "critical_item"), None)
    parts: list[str] = []
    if item is not None:
        # The checklist states what should be: the failure is that it was not met.
        parts.append(
            say(
                lang,
                fa=f"{term('critical_non_compliance', 'fa')} {item.item}: «{item.text(lang)}»",
                en=f"Critical item {item.item} not met: “{item.text(lang)}”",
            )
        )
    observed = [r.text(lang) for r in rows if r.source == "finding"]
    if observed:
        seen = join_list(observed, lang)
        if item is None:
            where = say(lang, fa=f"بند {rows[0].item}: ", en=f"item {rows[0].item}: ")
            parts.append((where if rows[0].item else "") + seen)
        else:
            parts.append(say(lang, fa=f"مشاهده: {seen}", en=f"observed: {seen}"))
    return say(lang, fa="؛ ", en="; ").join(parts)


def merged_critical(
    findings: Sequence[CriticalFinding],
) -> list[tuple[CriticalFinding, list[CriticalFinding]]]:
    """The critical failures, one per inspection and item, each with its rows.

    A critical item not met and the critical finding about the same item are one failure (the
    first row stands for it).
    """
    merged: dict[tuple[str, str, str | None, int], list[CriticalFinding]] = {}
    for n, c in enumerate(findings):
        # A finding without an item stands alone.
        key = (c.agency_id, c.inspection_id, c.item, 0 if c.item is not None else n)
        merged.setdefault(key, []).append(c)
    return [(rows[0], rows) for rows in merged.values()]


def critical_resolved(rows: Sequence[CriticalFinding]) -> dt.date | None:
    """When the failure was resolved: the last resolution day, if every finding was resolved."""
    found = [r for r in rows if r.source == "finding"]
    if not found or any(r.resolved_on is None for r in found):
        return None
    return max(r.resolved_on for r in found if r.resolved_on is not None)
