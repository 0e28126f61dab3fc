"""Scoring one inspection against its checklist: [`score_inspection`][citizenrights.scoring.inspections.score_inspection].

The rules (DESIGN section 4; reasons on the methodology page): an answer's value is 1 for compliant,
0.5 for partial, 0 for non-compliant and ``k/(n-1)`` for level ``k`` of ``n``; ``not_applicable``
leaves the item out; an unanswered item counts 0 (or is left out, by policy) and lowers
completeness; a section's score is the weighted mean of its items × 100 and the inspection's the
weighted mean of the sections that have a counted item; a non-compliant critical item caps the score.

Examples:
    >>> from citizenrights import Checklist, Inspection
    >>> checklist = Checklist.model_validate({"id": "demo", "version": "1", "title": "نمونه",
    ...     "sections": [
    ...         {"code": "S1", "title": "کرامت", "items": [
    ...             {"code": "S1.1", "text": "رفتار محترمانه", "critical": True},
    ...             {"code": "S1.2", "text": "سالن انتظار"}]},
    ...         {"code": "S2", "title": "دسترسی", "weight": 2, "items": [
    ...             {"code": "S2.1", "text": "میز خدمت", "scale": 5}]}]})
    >>> inspection = Inspection.model_validate({"id": "I-1", "agency_id": "A-1",
    ...     "checklist_id": "demo", "checklist_version": "1", "kind": "periodic",
    ...     "date": "1396/07/15", "team": [{"name": "مریم احمدی", "affiliation": "areo"}],
    ...     "responses": [{"item": "S1.1", "answer": "compliant"},
    ...                   {"item": "S1.2", "answer": "partial"}, {"item": "S2.1", "answer": 3}]})
    >>> result = score_inspection(inspection, checklist)
    >>> [(s.code, s.score) for s in result.sections]
    [('S1', 75.0), ('S2', 75.0)]
    >>> result.score, result.grade, result.status, result.score_display
    (75.0, <Grade.GOOD: 'good'>, <InspectionStatus.SCORED: 'scored'>, 75.0)
"""

from __future__ import annotations

from typing import Final

from citizenrights.errors import ChecklistMismatchError
from citizenrights.models.checklists import Checklist
from citizenrights.models.inspections import Inspection
from citizenrights.scoring._basis import ScoreBasis
from citizenrights.scoring._compiled import NA, compile_checklist
from citizenrights.scoring.inspection_results import InspectionScore as InspectionScore
from citizenrights.scoring.inspection_results import InspectionStatus as InspectionStatus
from citizenrights.scoring.inspection_results import ItemScore as ItemScore
from citizenrights.scoring.inspection_results import SectionScore as SectionScore
from citizenrights.scoring.policies import ScoringPolicy

# The results lived here before they had a module of their own: the `X as X` imports above keep
# them importable from here.
__all__ = ["DEFAULT_SCORING_POLICY", "score_inspection"]

#: The policy [`score_inspection`][citizenrights.scoring.inspections.score_inspection] uses when none is given: ``ScoringPolicy()``.
DEFAULT_SCORING_POLICY: Final = ScoringPolicy()


def score_inspection(
    inspection: Inspection, checklist: Checklist, policy: ScoringPolicy = DEFAULT_SCORING_POLICY
) -> InspectionScore:
    """Score one inspection against the checklist it answers.

    The checklist is compiled once per fingerprint (and cached), so scoring is a single pass over
    the responses. Sums use ``math.fsum`` (correctly rounded), so the order of the responses, items
    and sections never changes a result, bit for bit; nothing is rounded inside.

    Args:
        inspection: a validated inspection.
        checklist: the checklist version the inspection answers.
        policy: the scoring rules; ``ScoringPolicy()`` by default.

    Returns:
        The score with its section and item breakdown.

    Raises:
        ChecklistMismatchError: when the inspection does not fit the checklist (another checklist
            id or version, an unknown item, two responses for one item, an answer the item's scale
            does not take, or N/A where the item forbids it), listing every problem.
    """
    compiled = compile_checklist(checklist)
    found = None
    if (inspection.checklist_id, inspection.checklist_version) == compiled.key:
        found = compiled.values(inspection.responses)
    if found is None:
        problems = inspection.check_against(checklist)
        raise ChecklistMismatchError(
            problems or ["a response does not fit the checklist"], inspection_id=inspection.id
        )
    vals, n_unanswered = found
    n_na = vals.count(NA)
    basis = ScoreBasis.of(compiled, policy)
    means, raw = compiled.outcome(
        vals, na=n_na, unanswered=n_unanswered, zero_unanswered=basis.zero_unanswered
    )
    applicable = len(vals) - n_na
    score = grade = reason = completeness = None
    capped_by: tuple[str, ...] = ()
    if not applicable:
        status, reason = InspectionStatus.NOT_APPLICABLE, "no_applicable_item"
    else:
        completeness = (applicable - n_unanswered) / applicable
        capped_by = compiled.capped_by(vals)
        if raw is None:
            status, reason = InspectionStatus.INCOMPLETE, "no_answered_item"
        else:
            score = min(raw, policy.critical_cap) if capped_by else raw
            if completeness < policy.min_completeness:
                status, reason = InspectionStatus.INCOMPLETE, "below_min_completeness"
            else:
                status, grade = InspectionStatus.SCORED, policy.grade_bands.grade(score)
    return InspectionScore(
        inspection_id=inspection.id,
        agency_id=inspection.agency_id,
        date=inspection.date,
        kind=inspection.kind,
        joint=inspection.is_joint,
        score=score,
        grade=grade,
        status=status,
        completeness=completeness,
        capped_by=capped_by,
        raw_score=raw,
        reason=reason,
        values=tuple(vals),
        means=means,
        basis=basis,
    )
