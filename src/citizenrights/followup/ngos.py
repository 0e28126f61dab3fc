"""NGO participation in monitoring: the memorandum's first aim, measured for a scope and period.

The first seed's memorandum exists to widen the part that NGOs (سازمان‌های مردم‌نهاد) play in
securing citizens' rights in offices: NGO representatives sit on inspection teams
(``TeamMember.ngo_id``) and report their own observations of agencies
([`NGOReport`][citizenrights.models.memorandum.NGOReport]).
[`ngo_participation`][citizenrights.followup.ngos.ngo_participation] counts, for the agencies of a
scope and a period:

- the share of inspections whose team has an NGO member (an ``ngo`` affiliation or an
  ``ngo_id``);
- each NGO active in the period (on a team, or the author of a report), with its inspections and
  reports;
- per province of the NGOs (``None``: national NGOs), the registered active NGOs, those active in
  the period, and their inspections and reports.

Examples:
    >>> from citizenrights import load_demo
    >>> demo = load_demo()
    >>> p = ngo_participation(demo.agencies, demo.inspections, demo.ngos, demo.ngo_reports,
    ...                       "1397")
    >>> p.inspections, p.with_ngo, round(p.share, 3), p.reports, len(p.ngos)
    (167, 55, 0.329, 34, 5)
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Collection, Iterable, Mapping
from typing import Any

import attrs

from citizenrights.calendar import JalaliPeriod
from citizenrights.followup._scope import Scope, scope_ids
from citizenrights.models.activity import NGO
from citizenrights.models.agencies import AgencyRegistry
from citizenrights.models.inspections import Inspection
from citizenrights.models.memorandum import NGOReport
from citizenrights.results import pydantic_support
from citizenrights.vocabulary import Lang, check_lang, number, percent, say

__all__ = ["NGOActivity", "NGOParticipation", "NGOProvinceRow", "NGOTally", "ngo_participation"]


@pydantic_support()
@attrs.frozen
class NGOActivity:
    """One NGO's part in the period.

    Attributes:
        ngo_id: the NGO's id.
        name: the NGO's name.
        province: the code of its province (``IR-23``); ``None`` for a national NGO.
        inspections: the inspections in scope and period whose team had a member of it.
        reports: its reports on agencies in scope, dated in the period.
    """

    ngo_id: str
    name: str
    province: str | None
    inspections: int
    reports: int

    def to_dict(self) -> dict[str, Any]:
        """JSON-ready data with stable keys."""
        return {
            "ngo_id": self.ngo_id,
            "name": self.name,
            "province": self.province,
            "inspections": self.inspections,
            "reports": self.reports,
        }


@pydantic_support()
@attrs.frozen
class NGOProvinceRow:
    """The NGOs of one province in the period.

    Attributes:
        province: the province code; ``None`` for the national NGOs.
        registered: the registered NGOs of the province that are ``active``.
        active: those that were on a team or reported in the period.
        inspections: inspections in scope and period with a member of one of them (each once).
        reports: their reports in scope and period.
    """

    province: str | None
    registered: int
    active: int
    inspections: int
    reports: int

    def to_dict(self) -> dict[str, Any]:
        """JSON-ready data with stable keys."""
        return {
            "province": self.province,
            "registered": self.registered,
            "active": self.active,
            "inspections": self.inspections,
            "reports": self.reports,
        }


@pydantic_support()
@attrs.frozen
class NGOParticipation:
    """NGO participation in monitoring the agencies of a scope in a period.

    Attributes:
        period: the period.
        scope: the agency whose subtree was looked at, or ``None`` for every agency.
        inspections: the inspections in scope dated in the period.
        with_ngo: those whose team had an NGO member.
        share: ``with_ngo ÷ inspections``; ``None`` when there was no inspection.
        reports: the NGO reports on agencies in scope dated in the period.
        ngos: the NGOs active in the period, by id.
        provinces: per province of the NGOs, in province-code order (national last).
    """

    period: JalaliPeriod
    scope: str | None
    inspections: int
    with_ngo: int
    share: float | None
    reports: int
    ngos: tuple[NGOActivity, ...]
    provinces: tuple[NGOProvinceRow, ...]

    def to_dict(self) -> dict[str, Any]:
        """JSON-ready data with stable keys."""
        return {
            "period": str(self.period),
            "scope": self.scope,
            "inspections": self.inspections,
            "with_ngo": self.with_ngo,
            "share": self.share,
            "reports": self.reports,
            "ngos": [n.to_dict() for n in self.ngos],
            "provinces": [p.to_dict() for p in self.provinces],
        }

    def explain(self, lang: Lang = "fa") -> str:
        """One line: the share of inspections with an NGO member, the reports and active NGOs.

        Examples:
            >>> p = NGOParticipation(period=JalaliPeriod.parse("1397"), scope=None,
            ...     inspections=8, with_ngo=2, share=0.25, reports=3, ngos=(), provinces=())
            >>> print(p.explain("en"))
            NGOs in 1397: 2 of 8 inspections had an NGO member (25%); 3 NGO reports; 0 NGOs active.
        """
        lang = check_lang(lang)

        def n(value: int) -> str:
            return number(value, lang, 0)

        share = percent(self.share, lang, trim_zeros=True)
        period = self.period.label(lang)
        return say(
            lang,
            fa=f"سازمان‌های مردم‌نهاد در {period}: {n(self.with_ngo)} از {n(self.inspections)} "
            f"بازرسی با عضو سازمان مردم‌نهاد ({share})؛ {n(self.reports)} گزارش سازمان‌های "
            f"مردم‌نهاد؛ {n(len(self.ngos))} سازمان فعال.",
            en=f"NGOs in {period}: {self.with_ngo} of {self.inspections} inspections had an NGO "
            f"member ({share}); {self.reports} NGO reports; {len(self.ngos)} NGOs active.",
        )


def ngo_participation(
    registry: AgencyRegistry,
    inspections: Iterable[Inspection],
    ngos: Iterable[NGO],
    reports: Iterable[NGOReport],
    period: JalaliPeriod | str,
    *,
    scope: Scope = None,
) -> NGOParticipation:
    """NGO participation in the monitoring of a scope's agencies in a period.

    Args:
        registry: the agencies.
        inspections: inspections of any agencies and dates; those out of scope or period are
            skipped.
        ngos: the registered NGOs (``ngos.json``).
        reports: the NGOs' reports (``ngo_reports.jsonl``); those out of scope or period skipped.
        period: the period (or its text: ``1397``, ``1397-Q2``).
        scope: an agency id: only it and its descendants; a collection of agency ids: those
            (the result's ``scope`` is then ``None``); ``None``: every agency.

    Returns:
        The participation. An ``ngo_id`` that is not among ``ngos`` (a dataset loaded with
        checks has none) is counted under its id, with no name or province.

    Raises:
        UnknownAgencyError: for a ``scope`` the registry lacks.
        InvalidPeriodError: for period text that is not a period.
    """
    the_period = period if isinstance(period, JalaliPeriod) else JalaliPeriod.parse(period)
    label, in_scope = scope_ids(registry, scope)
    known = {n.id: n for n in ngos}
    teams: dict[str, set[str]] = {}
    counted = with_ngo = 0
    for inspection in inspections:
        if inspection.agency_id not in in_scope or inspection.date not in the_period:
            continue
        counted += 1
        with_ngo += inspection.has_ngo_member
        for ngo_id in inspection.ngo_ids:
            teams.setdefault(ngo_id, set()).add(inspection.id)
    by_province: dict[str | None, set[str]] = {}
    for ngo_id, ids in teams.items():
        by_province.setdefault(_province_of(known, ngo_id), set()).update(ids)
    return _participation(
        the_period,
        label,
        in_scope,
        known,
        (counted, with_ngo),
        {ngo_id: len(ids) for ngo_id, ids in teams.items()},
        {code: len(ids) for code, ids in by_province.items()},
        reports,
    )


def _province_of(known: Mapping[str, NGO], ngo_id: str) -> str | None:
    ngo = known.get(ngo_id)
    return None if ngo is None or ngo.province is None else ngo.province.code


def _participation(
    period: JalaliPeriod,
    label: str | None,
    in_scope: Collection[str],
    known: Mapping[str, NGO],
    counts: tuple[int, int],
    teams: Mapping[str, int],
    team_provinces: Mapping[str | None, int],
    reports: Iterable[NGOReport],
) -> NGOParticipation:
    """The participation from the inspections' counts and the reports.

    ``counts`` is (inspections, those with an NGO member); ``teams`` the inspections of each NGO
    on a team; ``team_provinces`` the inspections with a member of an NGO of each province (each
    inspection once per province).
    """
    counted, with_ngo = counts
    reported: dict[str, int] = {}
    for report in reports:
        if report.agency_id in in_scope and report.date in period:
            reported[report.ngo_id] = reported.get(report.ngo_id, 0) + 1
    active = sorted(set(teams) | set(reported))
    activity = tuple(
        NGOActivity(
            ngo_id=ngo_id,
            name=known[ngo_id].name if ngo_id in known else ngo_id,
            province=_province_of(known, ngo_id),
            inspections=teams.get(ngo_id, 0),
            reports=reported.get(ngo_id, 0),
        )
        for ngo_id in active
    )
    provinces: dict[str | None, dict[str, int]] = {}

    def row(code: str | None) -> dict[str, int]:
        return provinces.setdefault(code, {"registered": 0, "active": 0, "reports": 0})

    for ngo in known.values():
        if ngo.active:
            row(None if ngo.province is None else ngo.province.code)["registered"] += 1
    for a in activity:
        r = row(a.province)
        r["active"] += 1
        r["reports"] += a.reports
    rows = tuple(
        NGOProvinceRow(
            province=code,
            registered=r["registered"],
            active=r["active"],
            inspections=team_provinces.get(code, 0),
            reports=r["reports"],
        )
        for code, r in sorted(provinces.items(), key=lambda kv: (kv[0] is None, kv[0] or ""))
    )
    return NGOParticipation(
        period=period,
        scope=label,
        inspections=counted,
        with_ngo=with_ngo,
        share=with_ngo / counted if counted else None,
        reports=sum(reported.values()),
        ngos=activity,
        provinces=rows,
    )


class NGOTally:
    """NGO participation folded from inspections one at a time; mergeable.

    What [`ngo_participation`][citizenrights.followup.ngos.ngo_participation] reads from the
    inspections, as counts: the inspections in scope and period, those with an NGO member, the
    inspections of each NGO on a team and of each province's NGOs. Memory grows with the NGOs and
    provinces, not with the inspections. Folded over the inspections of a dataset (each id once,
    as a dataset has them), in any split and order, and merged,
    [`participation`][citizenrights.followup.ngos.NGOTally.participation] is
    ``ngo_participation``'s result.

    Args:
        registry: the agencies.
        ngos: the registered NGOs (``ngos.json``): each NGO's province is read as it is folded.
        period: the period (or its text: ``1397``, ``1397-Q2``).
        scope: as for ``ngo_participation``.

    Raises:
        UnknownAgencyError: for a ``scope`` the registry lacks.
        InvalidPeriodError: for period text that is not a period.

    Examples:
        >>> from citizenrights import load_demo
        >>> demo = load_demo()
        >>> a, b = NGOTally(demo.agencies, demo.ngos, "1397"), NGOTally(demo.agencies, demo.ngos, "1397")
        >>> for n, inspection in enumerate(demo.inspections):
        ...     (a if n % 2 else b).fold_inspection(inspection)
        >>> a.merge(b).participation(demo.ngo_reports) == ngo_participation(
        ...     demo.agencies, demo.inspections, demo.ngos, demo.ngo_reports, "1397")
        True
    """

    def __init__(
        self,
        registry: AgencyRegistry,
        ngos: Iterable[NGO],
        period: JalaliPeriod | str,
        *,
        scope: Scope = None,
    ) -> None:
        self.period = period if isinstance(period, JalaliPeriod) else JalaliPeriod.parse(period)
        self.label, self._in_scope = scope_ids(registry, scope)
        self._known = {n.id: n for n in ngos}
        self.inspections = 0
        self.with_ngo = 0
        self.teams: Counter[str] = Counter()
        self.team_provinces: Counter[str | None] = Counter()

    def fold_inspection(self, inspection: Inspection) -> None:
        """Count an inspection of the scope dated in the period; others are dropped."""
        if inspection.agency_id not in self._in_scope or inspection.date not in self.period:
            return
        self.inspections += 1
        self.with_ngo += inspection.has_ngo_member
        ngo_ids = inspection.ngo_ids  # each NGO once
        self.teams.update(ngo_ids)
        self.team_provinces.update({_province_of(self._known, n) for n in ngo_ids})

    def merge(self, other: NGOTally) -> NGOTally:
        """A new tally holding both tallies' inspections; neither is changed.

        Raises:
            ValueError: for a tally of another period or scope.
        """
        if (self.period, self.label, self._in_scope) != (
            other.period,
            other.label,
            other._in_scope,
        ):
            raise ValueError(
                f"Cannot merge the NGO tally of {other.period} into that of {self.period}: "
                "fold both with one period and scope."
            )
        out = NGOTally.__new__(NGOTally)
        out.__dict__.update(self.__dict__)
        out.inspections = self.inspections + other.inspections
        out.with_ngo = self.with_ngo + other.with_ngo
        out.teams = self.teams + other.teams
        out.team_provinces = self.team_provinces + other.team_provinces
        return out

    def participation(self, reports: Iterable[NGOReport]) -> NGOParticipation:
        """The participation, with the NGOs' reports (those out of scope or period skipped)."""
        return _participation(
            self.period,
            self.label,
            self._in_scope,
            self._known,
            (self.inspections, self.with_ngo),
            self.teams,
            self.team_provinces,
            reports,
        )
