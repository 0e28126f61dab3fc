"""The figures of a periodic report: its ranking rows, headline summary and topical figures.

Each is a result ([`pydantic_support`][citizenrights.results.pydantic_support]) that a
[`Report`][citizenrights.reporting.report.Report] holds: a row of the ranking
([`RankedAgency`][citizenrights.reporting.figures.RankedAgency]), the headline figures
([`ReportSummary`][citizenrights.reporting.figures.ReportSummary]), the critical failures
([`CriticalFinding`][citizenrights.reporting.figures.CriticalFinding]), and the complaint, training
and satisfaction figures. They are computed by
[`build_report`][citizenrights.reporting.report.build_report] from the agencies' indices, so that
the report counts as the index counts.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from typing import Any, Literal

import attrs

from citizenrights.results import pydantic_support
from citizenrights.scoring.policies import Grade
from citizenrights.vocabulary import RECIPIENTS, Lang, check_lang, say

__all__ = [
    "ComplaintFigures",
    "CriticalFinding",
    "RankedAgency",
    "Recipient",
    "ReportSummary",
    "SatisfactionFigures",
    "TrainingFigures",
]


@pydantic_support()
@attrs.frozen
class Recipient:
    """Whom a report is for, as its title says it (the recipients the first seed names).

    Attributes:
        code: ``national`` (the High Administrative Council, the Council of Ministers and the
            National Social Council), ``province`` (the provincial steering council and
            headquarters) or ``agency_head``.
        name_fa: the recipients in Persian, as the title says them.
        name_en: the recipients in English.
    """

    code: str
    name_fa: str
    name_en: str

    @classmethod
    def of_scope(cls, kind: str) -> Recipient:
        """The recipients of the report of a scope ``kind`` (``national``, ``province``, ``agency``).

        Examples:
            >>> Recipient.of_scope("agency").name_en
            'For the head of the agency'
        """
        code = kind if kind in ("national", "province") else "agency_head"
        fa, en = RECIPIENTS[code]
        return cls(code, fa, en)

    def to_dict(self) -> dict[str, Any]:
        """JSON-ready data with stable keys."""
        return {"code": self.code, "name_fa": self.name_fa, "name_en": self.name_en}


@pydantic_support()
@attrs.frozen
class RankedAgency:
    """One row of the ranking: an agency's index, grade, rank in its peer group and trend.

    Attributes:
        agency_id: the agency.
        name: its Persian name.
        name_en: its English name, when known.
        group: its peer group (``category``), ``None`` when it has none.
        rank: its competition rank within the group; ``None`` without a score.
        score: its index for the period (0–100), ``None`` when it has none.
        grade: the grade of the score by the scoring policy's bands.
        coverage: the share of the index weights that had data.
        inspection: the inspection component (mean inspection score), ``None`` when missing.
        previous: its index for the previous period.
        change: ``score - previous`` when both exist.
        group_name: the peer group's Persian name, as the dataset's ``peer_groups.json`` gives
            it; else the reference data's name (``vocabulary.PEER_GROUPS``); else ``None``.
        group_name_en: its English name, likewise.
    """

    agency_id: str
    name: str
    name_en: str | None
    group: str | None
    rank: int | None
    score: float | None
    grade: Grade | None
    coverage: float
    inspection: float | None
    previous: float | None
    change: float | None
    group_name: str | None = None
    group_name_en: str | None = None

    def group_label(self, lang: Lang) -> str:
        """The peer group's name in ``lang`` (its code when no name is known; "No peer group")."""
        if self.group is None:
            return say(lang, fa="بدون گروه همتا", en="No peer group")
        if lang == "en" and self.group_name_en:
            return self.group_name_en
        return self.group_name or self.group

    def to_dict(self) -> dict[str, Any]:
        """JSON-ready data with stable keys."""
        return {
            "agency_id": self.agency_id,
            "name": self.name,
            "name_en": self.name_en,
            "group": self.group,
            "rank": self.rank,
            "score": self.score,
            "grade": None if self.grade is None else self.grade.value,
            "coverage": self.coverage,
            "inspection": self.inspection,
            "previous": self.previous,
            "change": self.change,
            "group_name": self.group_name,
            "group_name_en": self.group_name_en,
        }


@pydantic_support()
@attrs.frozen
class CriticalFinding:
    """A critical failure in the period: a non-compliant critical item or a critical finding.

    Attributes:
        agency_id: the agency inspected.
        inspection_id: the inspection.
        date: the inspection's date.
        item: the checklist item, when the finding names one.
        source: ``critical_item`` (a non-compliant critical item, which caps the score) or
            ``finding`` (a finding of severity ``critical``).
        description: the finding's text, or for a critical item its Persian text in the checklist
            version the inspection was scored against.
        resolved_on: when the finding was resolved (findings only).
        description_en: the English gloss (``text_en``) of a critical item in that same
            checklist version; ``None`` for findings and for items without a gloss.
    """

    agency_id: str
    inspection_id: str
    date: dt.date
    item: str | None
    source: Literal["critical_item", "finding"]
    description: str
    resolved_on: dt.date | None
    description_en: str | None = None

    def text(self, lang: Literal["fa", "en"] = "fa") -> str:
        """The description in ``lang``: the English gloss when asked and known, else the text.

        Raises:
            UnsupportedLanguageError: for another ``lang``.
        """
        if check_lang(lang) == "en" and self.description_en is not None:
            return self.description_en
        return self.description

    def to_dict(self) -> dict[str, Any]:
        """JSON-ready data with stable keys."""
        return {
            "agency_id": self.agency_id,
            "inspection_id": self.inspection_id,
            "date": self.date.isoformat(),
            "item": self.item,
            "source": self.source,
            "description": self.description,
            "description_en": self.description_en,
            "resolved_on": None if self.resolved_on is None else self.resolved_on.isoformat(),
        }


@pydantic_support()
@attrs.frozen
class ComplaintFigures:
    """Complaints received in the period (شکایات) and how they were handled.

    Attributes:
        received: complaints received in the period.
        closed: of those, closed (whenever; the index counts them the same way).
        open: of those, still open in the data.
        upheld: closed as upheld.
        grave_upheld: upheld and of severity ``grave``.
        dismissed: closed as dismissed or withdrawn.
        on_time: closed within the index policy's ``answer_working_days`` working days.
        on_time_share: ``on_time / closed``; ``None`` when none was closed.
        services: services delivered in the period by the agencies with statistics.
        upheld_per_1000: upheld complaints per 1,000 services; ``None`` without services.
    """

    received: int
    closed: int
    open: int
    upheld: int
    grave_upheld: int
    dismissed: int
    on_time: int
    on_time_share: float | None
    services: int | None
    upheld_per_1000: float | None

    def to_dict(self) -> dict[str, Any]:
        """JSON-ready data with stable keys."""
        return attrs.asdict(self)


@pydantic_support()
@attrs.frozen
class TrainingFigures:
    """Training coverage: staff who met the index policy's training hours in the period.

    Trainings are counted as the index counts them ([`IndexPolicy.counts_as_staff_training`][citizenrights.scoring.policies.IndexPolicy.counts_as_staff_training]):
    only courses for the agencies' own staff (managers and employees by default).

    Attributes:
        staff: staff of the agencies with statistics for the period.
        trained: staff with at least ``training_hours`` of citizens'-rights training in it.
        share: ``trained / staff`` (at most 1); ``None`` without staff figures.
        hours: the staff's training hours recorded in the period.
        people: distinct staff members trained at all in the period.
        left_out: training records of the period left out because their course was for another
            audience (inspectors, NGO members).
    """

    staff: int | None
    trained: int
    share: float | None
    hours: float
    people: int
    left_out: int = 0

    def to_dict(self) -> dict[str, Any]:
        """JSON-ready data with stable keys."""
        return attrs.asdict(self)


@pydantic_support()
@attrs.frozen
class SatisfactionFigures:
    """Client feedback (ارباب رجوع) in the period.

    Attributes:
        responses: survey responses dated in the period.
        mean: their mean score (1–5); ``None`` when there are none.
        points: ``100 × (mean − 1) / 4``, as the index counts it.
    """

    responses: int
    mean: float | None
    points: float | None

    def to_dict(self) -> dict[str, Any]:
        """JSON-ready data with stable keys."""
        return attrs.asdict(self)


@pydantic_support()
@attrs.frozen
class ReportSummary:
    """The headline figures of a report.

    Attributes:
        agencies: agencies in scope.
        indexed: agencies with an index score.
        inspections: inspections of agencies in scope dated in the period.
        joint: of those, by a joint AREO–Ministry of Interior team.
        by_kind: inspections by kind (``periodic``, ``ad_hoc``, ``follow_up``).
        scored: inspections with a score and grade.
        incomplete: inspections scored as ``incomplete``.
        mean_inspection: the mean score of the scored inspections.
        mean_index: the mean index of the agencies with one.
        previous_mean_index: the same for the previous period.
        change: ``mean_index - previous_mean_index`` when both exist.
    """

    agencies: int
    indexed: int
    inspections: int
    joint: int
    by_kind: Mapping[str, int]
    scored: int
    incomplete: int
    mean_inspection: float | None
    mean_index: float | None
    previous_mean_index: float | None
    change: float | None

    def to_dict(self) -> dict[str, Any]:
        """JSON-ready data with stable keys."""
        data = attrs.asdict(self)
        data["by_kind"] = dict(self.by_kind)
        return data
