"""Inspection coverage: which agencies in scope had an inspection of the given kinds in a period.

Examples:
    >>> from citizenrights import load_demo
    >>> demo = load_demo()
    >>> c = inspection_coverage(demo.agencies, demo.inspections, "1396-Q3", scope="isf-abfa")
    >>> c.kinds, c.covered, c.rate
    ((<InspectionKind.PERIODIC: 'periodic'>,), ('isf-abfa',), 1.0)
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

import attrs

from citizenrights.calendar import JalaliPeriod
from citizenrights.models.agencies import AgencyRegistry
from citizenrights.models.inspections import Inspection, InspectionKind
from citizenrights.results import pydantic_support
from citizenrights.vocabulary import Lang, check_lang, join_list, label, number, percent, say

__all__ = ["Coverage", "inspection_coverage"]


def _kinds(kinds: Iterable[InspectionKind | str]) -> tuple[InspectionKind, ...]:
    if isinstance(kinds, str):
        kinds = (kinds,)
    out: set[InspectionKind] = set()
    for kind in kinds:
        try:
            out.add(InspectionKind(kind))
        except ValueError:
            accepted = ", ".join(repr(k.value) for k in InspectionKind)
            raise ValueError(f"Unknown inspection kind {kind!r}; expected {accepted}") from None
    if not out:
        raise ValueError("kinds is empty; name at least one inspection kind")
    # In the enum's order (periodic, ad hoc, follow-up), whatever order they were given in.
    return tuple(k for k in InspectionKind if k in out)


@pydantic_support()
@attrs.frozen
class Coverage:
    """Which agencies in scope had an inspection of the given kinds in a period.

    Attributes:
        period: the period.
        kinds: the inspection kinds that count.
        scope: the agency whose subtree was looked at, or ``None`` for the whole registry.
        covered: ids of the agencies with at least one such inspection, sorted.
        uncovered: ids of the agencies without one, sorted.
        rate: ``len(covered) / (len(covered) + len(uncovered))``; ``None`` for an empty scope.
    """

    period: JalaliPeriod
    kinds: tuple[InspectionKind, ...]
    scope: str | None
    covered: tuple[str, ...]
    uncovered: tuple[str, ...]
    rate: float | None

    def to_dict(self) -> dict[str, Any]:
        """JSON-ready data with stable keys."""
        return {
            "period": str(self.period),
            "kinds": [k.value for k in self.kinds],
            "scope": self.scope,
            "covered": list(self.covered),
            "uncovered": list(self.uncovered),
            "rate": self.rate,
        }

    def explain(self, lang: Lang = "fa") -> str:
        """The coverage in one or two lines, in Persian (``fa``) or English (``en``).

        Examples:
            >>> c = Coverage(period=JalaliPeriod.parse("1396-Q3"), kinds=(InspectionKind.PERIODIC,),
            ...     scope=None, covered=("A1", "A2", "A3", "A4"), uncovered=("A5",), rate=0.8)
            >>> print(c.explain("en"))
            Agencies with a periodic inspection in Autumn 1396: 4 of 5 (80%)
            - not inspected: A5
        """
        lang = check_lang(lang)
        total = len(self.covered) + len(self.uncovered)
        period = self.period.label(lang)
        head = say(
            lang,
            fa=f"دستگاه‌های دارای بازرسی {' یا '.join(label(k, lang) for k in self.kinds)} در {period}",
            en=f"Agencies with a {' or '.join(k.value.replace('_', '-') for k in self.kinds)} "
            f"inspection in {period}",
        )
        if self.scope is not None:
            head += say(lang, fa=f" (زیرمجموعهٔ {self.scope})", en=f" (under {self.scope})")
        if self.rate is None:
            return head + say(
                lang, fa=": هیچ دستگاهی در این محدوده نیست", en=": no agency in scope"
            )
        covered, of = number(len(self.covered), lang), number(total, lang)
        rate = percent(self.rate, lang, trim_zeros=True)
        head += say(lang, fa=f": {covered} از {of} ({rate})", en=f": {covered} of {of} ({rate})")
        missing = join_list(self.uncovered, lang)
        tail = say(lang, fa=f"- بدون بازرسی: {missing}", en=f"- not inspected: {missing}")
        return f"{head}\n{tail}" if self.uncovered else head


def inspection_coverage(
    registry: AgencyRegistry,
    inspections: Iterable[Inspection],
    period: JalaliPeriod | str,
    *,
    kinds: Iterable[InspectionKind | str] = ("periodic",),
    scope: str | None = None,
) -> Coverage:
    """Which agencies had an inspection of the given kinds dated in the period.

    Args:
        registry: the agencies.
        inspections: inspections of any agencies and dates, in any order; those of agencies out of
            scope, of other kinds or dated outside the period are skipped.
        period: the reporting period (or its canonical text, such as ``1396-Q3``).
        kinds: the inspection kinds that count; periodic ones by default.
        scope: an agency id: only it and its descendants are looked at. ``None``: every agency of
            the registry.

    Returns:
        The covered and uncovered agencies, and the rate.

    Raises:
        UnknownAgencyError: for a ``scope`` the registry lacks.
        InvalidPeriodError: for period text that is not a period.
        ValueError: for an unknown or empty ``kinds``.
    """
    chosen = _kinds(kinds)
    the_period = period if isinstance(period, JalaliPeriod) else JalaliPeriod.parse(period)
    if scope is None:
        in_scope = {a.id for a in registry}
    else:
        in_scope = {registry.get(scope).id} | {a.id for a in registry.descendants(scope)}
    inspected = {
        i.agency_id
        for i in inspections
        if i.kind in chosen and i.agency_id in in_scope and i.date in the_period
    }
    return Coverage(
        period=the_period,
        kinds=chosen,
        scope=scope,
        covered=tuple(sorted(inspected)),
        uncovered=tuple(sorted(in_scope - inspected)),
        rate=len(inspected) / len(in_scope) if in_scope else None,
    )
