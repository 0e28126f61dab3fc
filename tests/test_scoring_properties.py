"""Properties of score_inspection and agency_index that hold for every checklist and inspection."""

from __future__ import annotations

import math
import random
from typing import Any

import pytest
from hypothesis import assume, given
from hypothesis import strategies as st

from citizenrights import (
    Answer,
    Checklist,
    ChecklistItem,
    ChecklistMismatchError,
    IndexPolicy,
    Inspection,
    JalaliPeriod,
    Response,
    Scale,
    ScoringPolicy,
    agency_index,
    score_inspection,
)
from citizenrights.scoring import InspectionScore

from .strategies import checklists_with_inspections, inspections, scoring_policies

CASES = checklists_with_inspections()


def _upgrade(item: ChecklistItem, answer: Answer | int) -> Answer | int | None:
    """The answer one step toward compliance, or None when there is none."""
    if isinstance(answer, int):
        return answer + 1 if answer + 1 < item.levels else None
    if answer is Answer.NON_COMPLIANT:
        return Answer.PARTIAL if item.scale is Scale.TERNARY else Answer.COMPLIANT
    if answer is Answer.PARTIAL:
        return Answer.COMPLIANT
    return None


def _key(result: InspectionScore) -> dict[str, Any]:
    """What must not change, with section scores by code (independent of section order)."""
    return {
        "score": result.score,
        "raw": result.raw_score,
        "status": result.status,
        "grade": result.grade,
        "completeness": result.completeness,
        "capped_by": sorted(result.capped_by),
        "sections": {s.code: s.score for s in result.sections},
    }


@given(CASES, scoring_policies())
def test_scores_lie_between_0_and_100(
    case: tuple[Checklist, Inspection], policy: ScoringPolicy
) -> None:
    """The score, the raw score and every section score lie in [0, 100], and completeness in [0, 1]."""
    checklist, inspection = case
    result = score_inspection(inspection, checklist, policy)
    for value in (result.score, result.raw_score, *(s.score for s in result.sections)):
        assert value is None or 0.0 <= value <= 100.0
    assert result.completeness is None or 0.0 <= result.completeness <= 1.0
    assert (result.score is None) == (result.raw_score is None)


@given(CASES, scoring_policies(), st.data())
def test_an_answer_toward_compliance_never_lowers_the_score(
    case: tuple[Checklist, Inspection], policy: ScoringPolicy, data: st.DataObject
) -> None:
    """Non-compliant -> partial -> compliant, or a higher level, never lowers the score."""
    checklist, inspection = case
    upgradable = [
        n
        for n, r in enumerate(inspection.responses)
        if _upgrade(checklist.item(r.item), r.answer) is not None
    ]
    assume(upgradable)
    n = data.draw(st.sampled_from(upgradable))
    response = inspection.responses[n]
    better = _upgrade(checklist.item(response.item), response.answer)
    assert better is not None
    responses = list(inspection.responses)
    responses[n] = response.model_copy(update={"answer": better})
    improved = inspection.model_copy(update={"responses": tuple(responses)})
    before = score_inspection(inspection, checklist, policy)
    after = score_inspection(improved, checklist, policy)
    assert before.score is not None
    assert after.score is not None
    assert after.score >= before.score
    assert after.raw_score is not None
    assert before.raw_score is not None
    assert after.raw_score >= before.raw_score


@given(CASES, scoring_policies(), st.data())
def test_not_applicable_equals_removing_the_item(
    case: tuple[Checklist, Inspection], policy: ScoringPolicy, data: st.DataObject
) -> None:
    """An item answered N/A scores exactly as a checklist without that item, bit for bit."""
    checklist, inspection = case
    candidates = [i for i in checklist.items() if i.allow_na]
    assume(len(list(checklist.items())) > 1 and candidates)
    item = data.draw(st.sampled_from(candidates))
    others = [r for r in inspection.responses if r.item != item.code]
    with_na = inspection.model_copy(
        update={"responses": (*others, Response(item=item.code, answer=Answer.NOT_APPLICABLE))}
    )
    sections = []
    for section in checklist.sections:
        kept = tuple(i for i in section.items if i.code != item.code)
        if kept:
            sections.append(section.model_copy(update={"items": kept}))
    smaller = Checklist.model_validate(
        checklist.model_copy(update={"sections": tuple(sections)}).model_dump()
    )
    without = inspection.model_copy(update={"responses": tuple(others)})
    a = score_inspection(with_na, checklist, policy)
    b = score_inspection(without, smaller, policy)
    key_a, key_b = _key(a), _key(b)
    removed_section = [s.code for s in checklist.sections if s.code not in key_b["sections"]]
    for code in removed_section:
        assert key_a["sections"].pop(code) is None
    assert key_a == key_b


@given(CASES, scoring_policies(), st.randoms(use_true_random=False))
def test_order_of_responses_sections_and_items_never_matters(
    case: tuple[Checklist, Inspection], policy: ScoringPolicy, rnd: random.Random
) -> None:
    """Shuffling responses, sections and items within sections gives the same numbers, bit for bit."""
    checklist, inspection = case
    responses = list(inspection.responses)
    rnd.shuffle(responses)
    sections = []
    for section in checklist.sections:
        items = list(section.items)
        rnd.shuffle(items)
        sections.append(section.model_copy(update={"items": tuple(items)}))
    rnd.shuffle(sections)
    shuffled = Checklist.model_validate(
        checklist.model_copy(update={"sections": tuple(sections)}).model_dump()
    )
    a = score_inspection(inspection, checklist, policy)
    b = score_inspection(
        inspection.model_copy(update={"responses": tuple(responses)}), shuffled, policy
    )
    assert _key(a) == _key(b)
    c = score_inspection(
        inspection.model_copy(update={"responses": tuple(responses)}), checklist, policy
    )
    assert a == c
    assert a.to_dict() == c.to_dict()


@given(CASES, scoring_policies())
def test_a_cap_never_raises_a_score(
    case: tuple[Checklist, Inspection], policy: ScoringPolicy
) -> None:
    """The capped score is at most the raw score, and no higher than without the cap."""
    checklist, inspection = case
    result = score_inspection(inspection, checklist, policy)
    uncapped = score_inspection(
        inspection, checklist, policy.model_copy(update={"critical_cap": 100.0})
    )
    if result.score is not None:
        assert result.raw_score is not None
        assert uncapped.score is not None
        assert result.score <= result.raw_score
        assert result.score <= uncapped.score
        if result.capped_by:
            assert result.score <= policy.critical_cap
        else:
            assert result.score == result.raw_score


def _reweighted(checklist: Checklist, factor: float) -> Checklist:
    sections = tuple(s.model_copy(update={"weight": s.weight * factor}) for s in checklist.sections)
    return Checklist.model_validate(
        checklist.model_copy(update={"sections": sections}).model_dump()
    )


@given(CASES, scoring_policies(), st.sampled_from([0.25, 0.5, 2.0, 4.0, 1024.0]))
def test_scaling_every_section_weight_by_a_power_of_two_changes_nothing(
    case: tuple[Checklist, Inspection], policy: ScoringPolicy, factor: float
) -> None:
    """Section weights all scaled by a power of two: the same result, bit for bit."""
    checklist, inspection = case
    a = score_inspection(inspection, checklist, policy)
    b = score_inspection(inspection, _reweighted(checklist, factor), policy)
    assert _key(a) == _key(b)


@given(CASES, scoring_policies(), st.floats(min_value=0.01, max_value=100))
def test_scaling_every_section_weight_by_any_factor_changes_nothing(
    case: tuple[Checklist, Inspection], policy: ScoringPolicy, factor: float
) -> None:
    """Section weights all scaled by one factor: the same score, up to the rounding of w × factor."""
    checklist, inspection = case
    a = score_inspection(inspection, checklist, policy)
    b = score_inspection(inspection, _reweighted(checklist, factor), policy)
    assert (a.status, a.capped_by, a.completeness) == (b.status, b.capped_by, b.completeness)
    if a.raw_score is None:
        assert b.raw_score is None
    else:
        assert b.raw_score is not None
        assert math.isclose(a.raw_score, b.raw_score, rel_tol=1e-12, abs_tol=1e-9)


@given(inspections(), CASES)
def test_only_documented_errors_come_out(
    stray: Inspection, case: tuple[Checklist, Inspection]
) -> None:
    """Any inspection scored against any checklist scores or raises ChecklistMismatchError."""
    checklist, _ = case
    problems = stray.check_against(checklist)
    if problems:
        with pytest.raises(ChecklistMismatchError) as caught:
            score_inspection(stray, checklist)
        assert list(caught.value.problems) == problems
    else:
        assert score_inspection(stray, checklist).inspection_id == stray.id


@given(st.lists(CASES, min_size=1, max_size=6), st.randoms(use_true_random=False))
def test_order_of_inspections_never_changes_the_index(
    cases: list[tuple[Checklist, Inspection]], rnd: random.Random
) -> None:
    """The agency index of a period is the same, bit for bit, whatever the order of inspections."""
    period = JalaliPeriod.parse("1396")
    scores = [
        score_inspection(
            inspection.model_copy(update={"agency_id": "A", "date": period.start}),
            checklist,
            ScoringPolicy(min_completeness=0),
        )
        for checklist, inspection in cases
    ]
    shuffled = list(scores)
    rnd.shuffle(shuffled)
    policy_kwargs: dict[str, Any] = {"complaints": [], "trainings": [], "surveys": [], "stats": []}
    policy = IndexPolicy(joint_only=False)
    a = agency_index("A", period, inspections=scores, policy=policy, **policy_kwargs)
    b = agency_index("A", period, inspections=shuffled, policy=policy, **policy_kwargs)
    assert a == b
    assert a.to_dict() == b.to_dict()
