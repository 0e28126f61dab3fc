"""An inspection's score as a result: [`InspectionScore`][citizenrights.scoring.inspection_results.InspectionScore], its sections and items.

[`score_inspection`][citizenrights.scoring.inspections.score_inspection] makes the score from the
item values; the section and item breakdown is built from those values on first use, for display
and explanation (no score depends on it).
"""

from __future__ import annotations

import enum
from datetime import date
from functools import cached_property
from math import fsum
from typing import Any, Final, Literal

import attrs

from citizenrights.models.inspections import Answer, InspectionKind
from citizenrights.results import pydantic_support
from citizenrights.scoring._basis import ScoreBasis
from citizenrights.scoring._compiled import NA, UNANSWERED, CompiledChecklist, Value
from citizenrights.scoring._explain import explain_inspection
from citizenrights.scoring.policies import Grade, ScoringPolicy
from citizenrights.scoring.rounding import round_half_up

__all__ = ["InspectionScore", "InspectionStatus", "ItemScore", "SectionScore"]


class InspectionStatus(enum.StrEnum):
    """Whether an inspection's score counts."""

    SCORED = "scored"  # graded; enters indices and rankings
    INCOMPLETE = "incomplete"  # too few applicable items answered: shown, never graded or ranked
    NOT_APPLICABLE = "not_applicable"  # no applicable item at all: no score


ItemStatus = Literal["answered", "not_applicable", "unanswered"]
SectionStatus = Literal["scored", "not_applicable", "unanswered"]


@pydantic_support()
@attrs.frozen
class ItemScore:
    """One item's part in a score.

    Attributes:
        code: the item's code.
        weight: its weight within its section.
        critical: whether the item is critical.
        answer: the answer given (a named answer or a level), ``None`` when unanswered.
        value: 0–1 as counted, ``None`` when the item is left out.
        status: ``answered``, ``not_applicable`` or ``unanswered``.
        counted: whether the item enters its section's score.
        contribution: points of the (uncapped) inspection score the item brings; ``None`` when it
            is left out. The contributions of all items add up to ``raw_score``.
        lost: points the item would add if it were fully compliant (``None`` when left out).
    """

    code: str
    weight: float
    critical: bool
    answer: Answer | int | None
    value: float | None
    status: ItemStatus
    counted: bool
    contribution: float | None
    lost: float | None

    def to_dict(self) -> dict[str, Any]:
        """JSON-ready data with stable keys."""
        answer = self.answer.value if isinstance(self.answer, Answer) else self.answer
        return {
            "code": self.code,
            "weight": self.weight,
            "critical": self.critical,
            "answer": answer,
            "value": self.value,
            "status": self.status,
            "counted": self.counted,
            "contribution": self.contribution,
            "lost": self.lost,
        }


@pydantic_support()
@attrs.frozen
class SectionScore:
    """One section's score: the weighted mean of its counted items × 100.

    Attributes:
        code: the section's code.
        title: its (Persian) title.
        weight: its weight among the sections.
        score: 0–100, ``None`` when no item of the section is counted.
        status: ``scored``; ``not_applicable`` when every item is N/A; ``unanswered`` when its
            applicable items are all unanswered and the policy leaves those out.
        applicable: items not answered N/A.
        answered: applicable items answered.
        not_applicable: items answered N/A.
        contribution: points of the (uncapped) inspection score the section brings.
        items: the items' breakdown, in checklist order.
    """

    code: str
    title: str
    weight: float
    score: float | None
    status: SectionStatus
    applicable: int
    answered: int
    not_applicable: int
    contribution: float | None
    items: tuple[ItemScore, ...]

    def to_dict(self) -> dict[str, Any]:
        """JSON-ready data with stable keys, the items included."""
        return {
            "code": self.code,
            "title": self.title,
            "weight": self.weight,
            "score": self.score,
            "status": self.status,
            "applicable": self.applicable,
            "answered": self.answered,
            "not_applicable": self.not_applicable,
            "contribution": self.contribution,
            "items": [i.to_dict() for i in self.items],
        }


@pydantic_support(
    computed=(
        "checklist_id",
        "checklist_version",
        "score_display",
        "applicable_items",
        "answered_items",
        "sections",
        "policy_version",
        "checklist_fingerprint",
        "library_version",
    )
)
@attrs.frozen
class InspectionScore:
    """The score of one inspection, with its trace from items to sections to the score.

    Attributes:
        inspection_id: the inspection scored.
        agency_id: the agency inspected.
        date: the inspection's date.
        kind: periodic, ad hoc or follow-up.
        joint: whether the team was joint (an AREO and a Ministry of Interior member).
        score: 0–100 after the critical cap; ``None`` when nothing could be scored.
        grade: by the policy's bands on the unrounded score; ``None`` unless ``status`` is
            ``scored``.
        status: ``scored``, ``incomplete`` or ``not_applicable``.
        completeness: answered applicable items ÷ applicable items (``None`` with none applicable).
        capped_by: every critical item answered non-compliant (level 0), whether or not the cap
            lowered the score.
        raw_score: the score before the cap.
        reason: why the score is missing or does not count: ``no_applicable_item``,
            ``no_answered_item`` or ``below_min_completeness``; ``None`` when scored.
        checklist_id: the checklist's id (like the four stamps below, a read-only property).
        checklist_version: the checklist's version.
        policy_version: the scoring policy's version.
        checklist_fingerprint: the checklist's fingerprint.
        library_version: the version of citizenrights that made the score.
    """

    inspection_id: str
    agency_id: str
    date: date
    kind: InspectionKind
    joint: bool
    score: float | None
    grade: Grade | None
    status: InspectionStatus
    completeness: float | None
    capped_by: tuple[str, ...]
    raw_score: float | None
    reason: str | None
    # The item values in checklist order and the section means: the breakdown is built from them
    # (and the compiled checklist) on first use, so scoring in bulk builds no per-item objects.
    _values: tuple[Value, ...] = attrs.field(alias="values", repr=False)
    _means: tuple[float | None, ...] = attrs.field(alias="means", repr=False, eq=False)
    # The stamps and the rules, shared by every score made with one checklist and one policy.
    _basis: ScoreBasis = attrs.field(alias="basis", repr=False)

    def __reduce__(self) -> tuple[Any, ...]:
        # The markers of N/A and unanswered items are NaN objects told apart by identity, which
        # pickling does not keep: they travel as "na" and None and come back as the markers.
        fields = [getattr(self, f.name) for f in attrs.fields(InspectionScore)]
        return (_unpickle_score, (*fields[:-3], plain_values(self._values), *fields[-2:]))

    @property
    def checklist_id(self) -> str:
        """The id of the checklist the score was made with."""
        return self._basis.checklist_id

    @property
    def checklist_version(self) -> str:
        """The version of the checklist the score was made with."""
        return self._basis.checklist_version

    @property
    def checklist_fingerprint(self) -> str:
        """The fingerprint of the checklist the score was made with."""
        return self._basis.checklist_fingerprint

    @property
    def policy_version(self) -> str:
        """The version of the scoring policy the score was made with."""
        return self._basis.policy_version

    @property
    def library_version(self) -> str:
        """The version of citizenrights that made the score."""
        return self._basis.library_version

    @property
    def policy(self) -> ScoringPolicy:
        """The policy the score was made with."""
        return self._basis.policy

    @property
    def score_display(self) -> float | None:
        """The score rounded half up to the policy's ``decimals``: for display and rank ties."""
        return (
            None if self.score is None else round_half_up(self.score, self._basis.policy.decimals)
        )

    @property
    def applicable_items(self) -> int:
        """How many items were not answered N/A."""
        return len(self._values) - self._values.count(NA)

    @property
    def answered_items(self) -> int:
        """How many applicable items were answered."""
        return self.applicable_items - self._values.count(UNANSWERED)

    @cached_property
    def sections(self) -> tuple[SectionScore, ...]:
        """Every section of the checklist, in checklist order, with its items."""
        basis = self._basis
        return _breakdown(basis.compiled, self._values, self._means, basis.zero_unanswered)

    @property
    def items(self) -> tuple[ItemScore, ...]:
        """Every item of the checklist, in checklist order."""
        return tuple(i for s in self.sections for i in s.items)

    def to_dict(self) -> dict[str, Any]:
        """JSON-ready data with stable keys, including the section and item breakdown."""
        return {
            "inspection_id": self.inspection_id,
            "agency_id": self.agency_id,
            "date": self.date.isoformat(),
            "kind": self.kind.value,
            "joint": self.joint,
            "checklist_id": self.checklist_id,
            "checklist_version": self.checklist_version,
            "status": self.status.value,
            "score": self.score,
            "score_display": self.score_display,
            "grade": None if self.grade is None else self.grade.value,
            "raw_score": self.raw_score,
            "capped_by": list(self.capped_by),
            "reason": self.reason,
            "completeness": self.completeness,
            "applicable_items": self.applicable_items,
            "answered_items": self.answered_items,
            "sections": [s.to_dict() for s in self.sections],
            "policy_version": self.policy_version,
            "checklist_fingerprint": self.checklist_fingerprint,
            "library_version": self.library_version,
        }

    def explain(self, lang: Literal["fa", "en"] = "fa") -> str:
        """A readable trace from the items to the sections to the score.

        Args:
            lang: ``"en"`` for English, ``"fa"`` for Persian (with Persian digits).

        Returns:
            Lines of text: each section with its items' values, weights and points, the weighted
            mean of the sections, the critical cap when a critical item was non-compliant, the
            score, grade and completeness, and the stamps.

        Raises:
            UnsupportedLanguageError: for another ``lang``.
        """
        compiled = self._basis.compiled  # the result's own compiled checklist
        return explain_inspection(
            self, lang, levels=dict(zip(compiled.codes, compiled.levels, strict=True))
        )


_PICKLED: Final = {id(NA): "na", id(UNANSWERED): None}
_UNPICKLED: Final = {"na": NA, None: UNANSWERED}


def plain_values(values: tuple[Value, ...]) -> tuple[float | str | None, ...]:
    """Item values with the N/A and unanswered markers as ``"na"`` and ``None``, to pickle.

    The markers are NaN objects told apart by identity, which pickling does not keep;
    [`marked_values`][citizenrights.scoring.inspection_results.marked_values] turns the result
    back into the values, markers included.
    """
    return tuple(_PICKLED.get(id(v), v) for v in values)


def marked_values(plain: tuple[float | str | None, ...]) -> tuple[Value, ...]:
    """The values [`plain_values`][citizenrights.scoring.inspection_results.plain_values] made, markers back.

    Raises:
        KeyError: for an item of ``plain`` that is neither a float, ``"na"`` nor ``None``.
    """
    return tuple(v if isinstance(v, float) else _UNPICKLED[v] for v in plain)


def _unpickle_score(*fields: Any) -> InspectionScore:
    names = [f.alias or f.name for f in attrs.fields(InspectionScore)]
    data: dict[str, Any] = dict(zip(names, fields, strict=True))
    data["values"] = marked_values(data["values"])
    return InspectionScore(**data)


def _breakdown(
    compiled: CompiledChecklist,
    vals: tuple[Value, ...],
    means: tuple[float | None, ...],
    zero_unanswered: bool,
) -> tuple[SectionScore, ...]:
    """Build the section and item results from the values (for display: no score depends on it)."""
    weights = compiled.weights
    present = fsum(w for w, m in zip(compiled.section_weights, means, strict=True) if m is not None)
    sections: list[SectionScore] = []
    for s, section in enumerate(compiled.sections):
        mean = means[s]
        span = range(section.start, section.stop)
        counted = [
            i for i in span if vals[i] is not NA and (zero_unanswered or vals[i] is not UNANSWERED)
        ]
        # The section's share of the inspection score, and the weight its items are divided by.
        share = section.weight / present if mean is not None else 0.0
        den = fsum(weights[i] for i in counted)
        items: list[ItemScore] = []
        for i in span:
            v = vals[i]
            answer: Answer | int | None
            value: float | None
            if v is NA:
                status: ItemStatus = "not_applicable"
                answer, value = Answer.NOT_APPLICABLE, None
            elif v is UNANSWERED:
                status, answer, value = "unanswered", None, 0.0 if zero_unanswered else None
            else:
                status, answer, value = "answered", compiled.answers[i][v], v
            points = lost = None
            if value is not None and mean is not None:
                points = 100.0 * share * weights[i] * value / den
                lost = 100.0 * share * weights[i] * (1.0 - value) / den
            items.append(
                ItemScore(
                    code=compiled.codes[i],
                    weight=weights[i],
                    critical=i in compiled.critical,
                    answer=answer,
                    value=value,
                    status=status,
                    counted=value is not None,
                    contribution=points,
                    lost=lost,
                )
            )
        not_applicable = sum(1 for i in span if vals[i] is NA)
        applicable = len(span) - not_applicable
        section_status: SectionStatus = (
            "scored" if mean is not None else "unanswered" if applicable else "not_applicable"
        )
        sections.append(
            SectionScore(
                code=section.code,
                title=section.title,
                weight=section.weight,
                score=None if mean is None else 100.0 * mean,
                status=section_status,
                applicable=applicable,
                answered=sum(1 for i in span if vals[i] is not NA and vals[i] is not UNANSWERED),
                not_applicable=not_applicable,
                contribution=None if mean is None else 100.0 * share * mean,
                items=tuple(items),
            )
        )
    return tuple(sections)
