"""Roll-ups: the mean index of the agencies of a province, or of the nation.

Article 18 of the resolution makes the provincial governor report on the province and AREO on the
nation; [`roll_up`][citizenrights.scoring.rollup.roll_up] gives those figures from the agencies' indices. Agencies without a score are
left out (and listed); by default each agency counts once, and with ``weights="staff"`` in
proportion to its staff, so that a large office weighs more than a small one.

Examples:
    >>> from citizenrights import Agency, AgencyRegistry, JalaliPeriod
    >>> from citizenrights.scoring.index import AgencyIndex
    >>> registry = AgencyRegistry([
    ...     Agency(id="A", name="الف", kind="provincial_office", province="IR-23", staff=30),
    ...     Agency(id="B", name="ب", kind="provincial_office", province="IR-23", staff=10),
    ...     Agency(id="C", name="پ", kind="provincial_office", province="IR-10", staff=50)])
    >>> q3 = JalaliPeriod.parse("1396-Q3")
    >>> def index(agency_id, score):
    ...     return AgencyIndex(agency_id=agency_id, period=q3, score=score, coverage=1.0,
    ...                        components=(), missing=(), reason=None, policy_version="1",
    ...                        library_version="0")
    >>> indices = [index("A", 80.0), index("B", 60.0), index("C", None)]
    >>> [(r.area, r.score, r.left_out) for r in roll_up(indices, registry)]
    [('IR-10', None, ('C',)), ('IR-23', 70.0, ())]
    >>> [(r.area, r.score) for r in roll_up(indices, registry, level="national", weights="staff")]
    [('IR', 75.0)]
"""

from __future__ import annotations

from collections.abc import Iterable
from math import fsum
from typing import Any, Literal

import attrs

from citizenrights.calendar import JalaliPeriod
from citizenrights.models.agencies import AgencyRegistry
from citizenrights.results import pydantic_support
from citizenrights.scoring._explain_index import explain_roll_up
from citizenrights.scoring.index_results import AgencyIndex
from citizenrights.vocabulary import Lang

__all__ = ["NATIONAL", "UNKNOWN_PROVINCE", "RollUp", "roll_up"]

#: The area code of a national roll-up.
NATIONAL = "IR"
#: The area code of agencies whose province the registry does not record.
UNKNOWN_PROVINCE = "unknown"


@pydantic_support()
@attrs.frozen
class RollUp:
    """The mean index of the agencies of one area for one period.

    Attributes:
        level: ``province`` or ``national``.
        area: the province's ISO code (``IR-23``), ``unknown`` for agencies without a province,
            or ``IR`` for the nation.
        period: the period of the indices.
        score: the (weighted) mean of the scores; ``None`` when no agency has one.
        weights: ``equal`` or ``staff``.
        agencies: the ids of the agencies whose scores were averaged, sorted.
        left_out: the ids of the agencies left out (no score, or no staff count when weighting by
            staff), sorted.
        total_weight: the sum of the weights used (the agency count, or their staff).
        policy_versions: the index policy versions of the indices combined, sorted.
    """

    level: Literal["province", "national"]
    area: str
    period: JalaliPeriod
    score: float | None
    weights: Literal["equal", "staff"]
    agencies: tuple[str, ...]
    left_out: tuple[str, ...]
    total_weight: float
    policy_versions: tuple[str, ...]

    def to_dict(self) -> dict[str, Any]:
        """JSON-ready data with stable keys."""
        return {
            "level": self.level,
            "area": self.area,
            "period": str(self.period),
            "score": self.score,
            "weights": self.weights,
            "agencies": list(self.agencies),
            "left_out": list(self.left_out),
            "total_weight": self.total_weight,
            "policy_versions": list(self.policy_versions),
        }

    def explain(self, lang: Lang = "fa") -> str:
        """How the roll-up was made.

        The area, the (weighted) mean, the agencies averaged and those left out, and the rules'
        versions.

        Args:
            lang: ``"fa"`` (Persian, Persian digits; the default) or ``"en"``.

        Returns:
            Lines of text.

        Raises:
            UnsupportedLanguageError: for another ``lang``.

        Examples:
            >>> r = RollUp(level="province", area="IR-23", period=JalaliPeriod.parse("1396-Q3"),
            ...            score=75.0, weights="staff", agencies=("A", "B"), left_out=("C",),
            ...            total_weight=40.0, policy_versions=("1",))
            >>> print(r.explain("en"))
            Province IR-23, Autumn 1396: score 75.00, the mean score of 2 agencies weighted by staff (40 people in all).
            Agencies: A, B.
            Left out (no score, or no staff count): C.
            By the scoring rules, version 1.
            >>> print(r.explain("fa").splitlines()[0])
            استان IR-23، پاییز ۱۳۹۶: امتیاز ۷۵٫۰۰، میانگین امتیاز ۲ دستگاه، وزن‌دار به تعداد کارکنان (مجموع ۴۰ نفر).
        """
        return explain_roll_up(self, lang, national=NATIONAL, unknown=UNKNOWN_PROVINCE)


def roll_up(
    indices: Iterable[AgencyIndex],
    registry: AgencyRegistry,
    *,
    level: Literal["province", "national"] = "province",
    weights: Literal["equal", "staff"] = "equal",
) -> tuple[RollUp, ...]:
    """Average agencies' indices by province or for the nation, per period.

    Args:
        indices: agency indices, of one period or several (each period is rolled up apart).
        registry: the agencies, for their province and staff.
        level: ``province`` (one result per province) or ``national`` (one for the nation).
        weights: ``equal`` (each agency once) or ``staff`` (by the agency's ``staff``; an
            agency without a staff count, or with 0, is left out).

    Returns:
        One result per period and area, ordered by period then area code.

    Raises:
        UnknownAgencyError: for an index of an agency the registry does not hold.
        ValueError: for an unknown ``level`` or ``weights``, or two indices of one agency and
            period.
    """
    if level not in ("province", "national"):
        raise ValueError(f"level must be 'province' or 'national'; got {level!r}.")
    if weights not in ("equal", "staff"):
        raise ValueError(f"weights must be 'equal' or 'staff'; got {weights!r}.")
    groups: dict[tuple[JalaliPeriod, str], list[AgencyIndex]] = {}
    seen: set[tuple[str, JalaliPeriod]] = set()
    for index in indices:
        key = (index.agency_id, index.period)
        if key in seen:
            raise ValueError(
                f"two indices for agency {index.agency_id!r} and period {index.period}; "
                "roll up one index per agency and period."
            )
        seen.add(key)
        agency = registry.get(index.agency_id)
        if level == "national":
            area = NATIONAL
        else:
            area = UNKNOWN_PROVINCE if agency.province is None else agency.province.value
        groups.setdefault((index.period, area), []).append(index)
    out: list[RollUp] = []
    for (period, area), members in sorted(groups.items(), key=lambda kv: (kv[0][0], kv[0][1])):
        used: list[tuple[str, float, float]] = []
        left_out: list[str] = []
        for index in members:
            staff = registry.get(index.agency_id).staff
            weight = 1.0 if weights == "equal" else float(staff or 0)
            if index.score is None or not weight:
                left_out.append(index.agency_id)
            else:
                used.append((index.agency_id, weight, index.score))
        total = fsum(w for _, w, _ in used)
        out.append(
            RollUp(
                level=level,
                area=area,
                period=period,
                score=fsum(w * s for _, w, s in used) / total if used else None,
                weights=weights,
                agencies=tuple(sorted(a for a, _, _ in used)),
                left_out=tuple(sorted(left_out)),
                total_weight=total,
                policy_versions=tuple(sorted({m.policy_version for m in members})),
            )
        )
    return tuple(out)
