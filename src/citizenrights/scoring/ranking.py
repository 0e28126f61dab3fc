"""Rankings within peer groups: competition ranks (1, 2, 2, 4) at the displayed precision.

The festival compares agencies within groups (their ``category``). Two scores that print the same
after [`round_half_up`][citizenrights.scoring.rounding.round_half_up] share a rank, so a ranking never
separates agencies by a difference nobody can see; the next rank skips as many places as tied.

Examples:
    >>> for r in rank({"A": 91.234, "B": 88.0, "C": 88.004, "D": None, "E": 70.0}):
    ...     print(r.rank, r.id, r.display)
    1 A 91.23
    2 B 88.0
    2 C 88.0
    4 E 70.0
    None D None
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

import attrs

from citizenrights.results import pydantic_support
from citizenrights.scoring._explain_index import explain_ranked
from citizenrights.scoring.rounding import round_half_up
from citizenrights.vocabulary import Lang

__all__ = ["Ranked", "rank"]


@pydantic_support()
@attrs.frozen
class Ranked:
    """One entry of a ranking.

    Attributes:
        id: what is ranked (an agency id).
        group: its peer group, ``None`` when rankings are not grouped.
        rank: 1 for the best in its group; ``None`` for a missing score.
        score: the unrounded score (``None`` when missing).
        display: the score rounded half up to the ranking's decimals: what ties are decided on.

    [`rank`][citizenrights.scoring.ranking.rank] also records, for ``explain`` only (they are not
    part of ``to_dict``), the ids tied with the entry, how many entries of its group have a score,
    and the decimals compared at.
    """

    id: str
    group: str | None
    rank: int | None
    score: float | None
    display: float | None
    _tied_with: tuple[str, ...] = attrs.field(default=(), alias="tied_with", repr=False)
    _scored: int = attrs.field(default=0, alias="scored", repr=False)
    _decimals: int = attrs.field(default=2, alias="decimals", repr=False)

    def to_dict(self) -> dict[str, Any]:
        """JSON-ready data with stable keys."""
        return {
            "id": self.id,
            "group": self.group,
            "rank": self.rank,
            "score": self.score,
            "display": self.display,
        }

    def explain(self, lang: Lang = "fa") -> str:
        """Why the entry has its rank.

        The group, the rounded score the rank was decided on, the entries tied with it and the
        competition-ranking rule.

        Args:
            lang: ``"fa"`` (Persian, Persian digits; the default) or ``"en"``.

        Returns:
            Lines of text.

        Raises:
            UnsupportedLanguageError: for another ``lang``.

        Examples:
            >>> b = rank({"A": 91.234, "B": 88.0, "C": 88.004}, groups={"A": "g", "B": "g", "C": "g"})[1]
            >>> print(b.explain("en"))
            B: rank 2 of 3 in group "g", with score 88.00 (88 rounded to 2 places).
            Tied with C: the same rounded score.
            Competition ranking (1, 2, 2, 4): scores equal once rounded share a rank, and the next rank skips as many places as tied.
            >>> print(b.explain("fa").splitlines()[0])
            B: رتبهٔ ۲ از ۳ در گروه «g»، با امتیاز ۸۸٫۰۰ (۸۸ گرد‌شده به ۲ رقم اعشار).
        """
        return explain_ranked(
            self, lang, tied_with=self._tied_with, scored=self._scored, decimals=self._decimals
        )


def rank(
    scores: Mapping[str, float | None],
    *,
    groups: Mapping[str, str | None] | None = None,
    decimals: int = 2,
) -> tuple[Ranked, ...]:
    """Rank scores within peer groups, best first, with competition ties at ``decimals`` places.

    Args:
        scores: a score (0–100, or ``None`` when there is none) by id.
        groups: the peer group of each id; without it, or for an id it lacks, the group is
            ``None``, a group of its own.
        decimals: the places the scores are compared at (2 by default, as they are displayed).

    Returns:
        Every id, ordered by group (named groups in text order, then ``None``), then rank (missing
        scores last, with ``rank=None``), then id.

    Raises:
        ValueError: for a score that is not a finite number.

    Examples:
        >>> ranked = rank({"A": 80.0, "B": 90.0, "C": 85.0},
        ...               groups={"A": "ministry", "B": "ministry", "C": "governorate"})
        >>> [(r.group, r.rank, r.id) for r in ranked]
        [('governorate', 1, 'C'), ('ministry', 1, 'B'), ('ministry', 2, 'A')]
    """
    by_group: dict[str | None, list[tuple[str, float | None, float | None]]] = {}
    for key, score in scores.items():
        display = None if score is None else round_half_up(score, decimals)
        group = None if groups is None else groups.get(key)
        by_group.setdefault(group, []).append((key, score, display))
    out: list[Ranked] = []
    for group in sorted(by_group, key=lambda g: (g is None, g or "")):
        entries = by_group[group]
        scored = sorted(
            ((d, key, s) for key, s, d in entries if d is not None), key=lambda e: (-e[0], e[1])
        )
        ties: dict[float, list[str]] = {}
        for display, key, _ in scored:
            ties.setdefault(display, []).append(key)
        place = 0
        previous: float | None = None
        for n, (display, key, score) in enumerate(scored, 1):
            if display != previous:
                place, previous = n, display
            out.append(
                Ranked(
                    id=key,
                    group=group,
                    rank=place,
                    score=score,
                    display=display,
                    tied_with=tuple(k for k in ties[display] if k != key),
                    scored=len(scored),
                    decimals=decimals,
                )
            )
        out.extend(
            Ranked(
                id=key,
                group=group,
                rank=None,
                score=None,
                display=None,
                scored=len(scored),
                decimals=decimals,
            )
            for key in sorted(key for key, _, d in entries if d is None)
        )
    return tuple(out)
