"""score_inspection: the rules of DESIGN section 4, the mismatch errors, the trace and the stamps."""

from __future__ import annotations

import json
from typing import Any

import pytest

from citizenrights import (
    Checklist,
    ChecklistMismatchError,
    Grade,
    Inspection,
    InspectionStatus,
    ScoringPolicy,
    reference_checklist,
    score_inspection,
)
from citizenrights._version import __version__
from citizenrights.scoring import _compiled
from citizenrights.scoring._compiled import compile_checklist

CHECKLIST = Checklist.model_validate(
    {
        "id": "demo",
        "version": "1",
        "title": "نمونه",
        "sections": [
            {
                "code": "S1",
                "title": "کرامت",
                "items": [
                    {"code": "S1.1", "text": "رفتار محترمانه", "critical": True},
                    {"code": "S1.2", "text": "سالن انتظار"},
                    {"code": "S1.3", "text": "راهنما", "scale": "binary", "allow_na": False},
                ],
            },
            {
                "code": "S2",
                "title": "دسترسی",
                "weight": 2,
                "items": [
                    {"code": "S2.1", "text": "میز خدمت", "scale": 5},
                    {"code": "S2.2", "text": "ساعات کار", "weight": 3},
                ],
            },
        ],
    }
)


def inspection(responses: dict[str, Any], **extra: Any) -> Inspection:
    """An inspection of CHECKLIST with the given answers by item code."""
    data: dict[str, Any] = {
        "id": "I-1",
        "agency_id": "A-1",
        "checklist_id": "demo",
        "checklist_version": "1",
        "kind": "periodic",
        "date": "1396/07/15",
        "team": [
            {"name": "مریم احمدی", "affiliation": "areo"},
            {"name": "علی رضایی", "affiliation": "moi"},
        ],
        "responses": [{"item": k, "answer": v} for k, v in responses.items()],
    }
    data.update(extra)
    return Inspection.model_validate(data)


ALL_COMPLIANT = {
    "S1.1": "compliant",
    "S1.2": "compliant",
    "S1.3": "compliant",
    "S2.1": 4,
    "S2.2": "compliant",
}


def test_all_compliant_scores_exactly_100() -> None:
    """Every item compliant (top level) gives exactly 100.0, grade excellent, status scored."""
    result = score_inspection(inspection(ALL_COMPLIANT), CHECKLIST)
    assert result.score == 100.0
    assert result.raw_score == 100.0
    assert result.grade is Grade.EXCELLENT
    assert result.status is InspectionStatus.SCORED
    assert result.completeness == 1.0
    assert result.capped_by == ()
    assert [s.score for s in result.sections] == [100.0, 100.0]


def test_answer_values_and_weights() -> None:
    """Partial is 0.5, level k of n is k/(n-1), weights are per item and per section."""
    answers = dict(ALL_COMPLIANT, **{"S1.2": "partial", "S2.1": 1, "S2.2": "non_compliant"})
    result = score_inspection(inspection(answers), CHECKLIST)
    s1, s2 = result.sections
    assert s1.score == pytest.approx(100 * 2.5 / 3)
    # S2: (1 x 0.25 + 3 x 0) / 4 = 0.0625
    assert s2.score == pytest.approx(6.25)
    assert result.score == pytest.approx((1 * 100 * 2.5 / 3 + 2 * 6.25) / 3)
    values = {i.code: i.value for i in result.items}
    assert values == {"S1.1": 1.0, "S1.2": 0.5, "S1.3": 1.0, "S2.1": 0.25, "S2.2": 0.0}


def test_contributions_add_up_to_the_raw_score() -> None:
    """Item contributions add up to the uncapped score; contribution + lost is each item's share."""
    answers = dict(ALL_COMPLIANT, **{"S1.2": "partial", "S2.1": 2})
    result = score_inspection(inspection(answers), CHECKLIST)
    assert sum(i.contribution or 0 for i in result.items) == pytest.approx(result.raw_score)
    assert sum((i.contribution or 0) + (i.lost or 0) for i in result.items) == pytest.approx(100)
    assert sum(s.contribution or 0 for s in result.sections) == pytest.approx(result.raw_score)


def test_not_applicable_leaves_numerator_and_denominator() -> None:
    """An N/A item is left out: the section is the mean of the other items."""
    answers = dict(ALL_COMPLIANT, **{"S1.1": "not_applicable", "S1.2": "non_compliant"})
    result = score_inspection(inspection(answers), CHECKLIST)
    assert result.sections[0].score == 50.0
    assert result.sections[0].not_applicable == 1
    assert result.completeness == 1.0
    item = result.items[0]
    assert (item.status, item.counted, item.value, item.contribution) == (
        "not_applicable",
        False,
        None,
        None,
    )


def test_section_with_every_item_na_is_not_applicable() -> None:
    """A section whose items are all N/A has no score and drops out of the inspection's mean."""
    answers = dict(ALL_COMPLIANT, **{"S2.1": "not_applicable", "S2.2": "not_applicable"})
    answers["S1.2"] = "non_compliant"
    result = score_inspection(inspection(answers), CHECKLIST)
    assert result.sections[1].status == "not_applicable"
    assert result.sections[1].score is None
    assert result.score == result.sections[0].score == pytest.approx(200 / 3)


def test_every_item_na_means_no_score_and_a_reason() -> None:
    """Nothing applicable: status not_applicable, no score, no grade, a reason; nothing divides."""
    na = {k: "not_applicable" for k in ALL_COMPLIANT if k != "S1.3"}
    checklist = CHECKLIST.model_copy(
        update={
            "sections": (
                CHECKLIST.sections[0].model_copy(update={"items": CHECKLIST.sections[0].items[:2]}),
                CHECKLIST.sections[1],
            )
        }
    )
    result = score_inspection(inspection(na), checklist)
    assert result.status is InspectionStatus.NOT_APPLICABLE
    assert (result.score, result.grade, result.completeness) == (None, None, None)
    assert result.reason == "no_applicable_item"
    assert "every item was answered not applicable" in result.explain("en")
    assert result.to_dict()["score_display"] is None


def test_unanswered_counts_zero_by_default() -> None:
    """An unanswered item counts 0 under unanswered='zero' and lowers completeness."""
    answers = dict(ALL_COMPLIANT)
    del answers["S1.2"]
    result = score_inspection(inspection(answers), CHECKLIST)
    assert result.sections[0].score == pytest.approx(200 / 3)
    assert result.completeness == 0.8
    assert result.status is InspectionStatus.SCORED  # 0.8 is not below the minimum 0.8
    item = result.items[1]
    assert (item.status, item.counted, item.value, item.contribution) == (
        "unanswered",
        True,
        0.0,
        0.0,
    )


def test_unanswered_excluded_by_policy() -> None:
    """Under unanswered='exclude' the item is left out of the score but still lowers completeness."""
    answers = dict(ALL_COMPLIANT)
    del answers["S1.2"]
    del answers["S2.2"]
    policy = ScoringPolicy(unanswered="exclude", version="x")
    result = score_inspection(inspection(answers), CHECKLIST, policy)
    assert result.score == 100.0
    assert result.completeness == 0.6
    assert result.status is InspectionStatus.INCOMPLETE
    assert result.reason == "below_min_completeness"
    assert result.grade is None
    assert result.policy_version == "x"


def test_exclude_with_nothing_answered_has_no_score() -> None:
    """Excluding unanswered items with none answered: incomplete, no score, reason, no division."""
    result = score_inspection(
        inspection({}), CHECKLIST, ScoringPolicy(unanswered="exclude", min_completeness=0)
    )
    assert result.status is InspectionStatus.INCOMPLETE
    assert result.score is None
    assert result.reason == "no_answered_item"
    assert result.completeness == 0.0
    assert {s.status for s in result.sections} == {"unanswered"}
    assert "no applicable item was answered" in result.explain("en")


def test_incomplete_still_shows_the_score() -> None:
    """Below min_completeness the score is computed and shown, with no grade."""
    result = score_inspection(inspection({"S1.1": "compliant", "S1.3": "compliant"}), CHECKLIST)
    assert result.status is InspectionStatus.INCOMPLETE
    assert result.completeness == 0.4
    assert result.score is not None
    assert result.grade is None


@pytest.mark.parametrize(
    ("answer", "capped"),
    [("non_compliant", True), ("partial", False), ("compliant", False)],
)
def test_critical_cap(answer: str, capped: bool) -> None:
    """Only a non-compliant critical item caps the score at 59.99, and is listed in capped_by."""
    result = score_inspection(inspection(dict(ALL_COMPLIANT, **{"S1.1": answer})), CHECKLIST)
    assert result.capped_by == (("S1.1",) if capped else ())
    if capped:
        assert result.raw_score is not None
        assert result.raw_score > 59.99
        assert result.score == 59.99
        assert result.grade is Grade.NEEDS_IMPROVEMENT
        assert "capped at 59.99" in result.explain("en")
    else:
        assert result.score == result.raw_score


def test_cap_listed_even_when_it_does_not_lower_the_score() -> None:
    """capped_by names the critical item even when the raw score is already below the cap."""
    answers = {"S1.1": "non_compliant", "S1.2": "non_compliant", "S1.3": "non_compliant", "S2.1": 0}
    answers["S2.2"] = "non_compliant"
    result = score_inspection(inspection(answers), CHECKLIST)
    assert result.capped_by == ("S1.1",)
    assert result.score == result.raw_score == 0.0
    assert "did not lower" in result.explain("en")


def test_levelled_critical_item_capped_at_level_zero() -> None:
    """A levelled critical item caps the score at level 0 only."""
    checklist = Checklist.model_validate(
        {
            "id": "lv",
            "version": "1",
            "title": "t",
            "sections": [
                {
                    "code": "S",
                    "title": "t",
                    "items": [
                        {"code": "a", "text": "t", "scale": 4, "critical": True},
                        {"code": "b", "text": "t"},
                    ],
                }
            ],
        }
    )
    for level, capped in [(0, ("a",)), (1, ())]:
        insp = inspection({"a": level, "b": "compliant"}, checklist_id="lv", checklist_version="1")
        result = score_inspection(insp, checklist)
        assert result.capped_by == capped


@pytest.mark.parametrize(
    ("score", "grade"),
    [
        (90.0, Grade.EXCELLENT),
        (89.99999, Grade.GOOD),
        (75.0, Grade.GOOD),
        (60.0, Grade.ACCEPTABLE),
        (59.99, Grade.NEEDS_IMPROVEMENT),
        (40.0, Grade.NEEDS_IMPROVEMENT),
        (39.999, Grade.POOR),
    ],
)
def test_grade_bands_are_inclusive_lower_bounds(score: float, grade: Grade) -> None:
    """The default bands: 90, 75, 60, 40, inclusive, on the unrounded score."""
    assert ScoringPolicy().grade(score) is grade


def test_score_display_rounds_half_up_to_policy_decimals() -> None:
    """score_display rounds half up; the score itself is never rounded."""
    answers = dict(ALL_COMPLIANT, **{"S1.2": "partial"})
    result = score_inspection(inspection(answers), CHECKLIST)
    assert result.score == pytest.approx(100 * (1 * 2.5 / 3 + 2) / 3)
    assert result.score_display == 94.44
    one = score_inspection(inspection(answers), CHECKLIST, ScoringPolicy(decimals=0))
    assert one.score_display == 94.0
    assert one.score == result.score


def test_mismatch_lists_every_problem() -> None:
    """An unknown item, a duplicate, a bad answer and a forbidden N/A are all reported at once."""
    insp = Inspection.model_validate(
        {
            "id": "I-9",
            "agency_id": "A-1",
            "checklist_id": "demo",
            "checklist_version": "1",
            "kind": "periodic",
            "date": "1396/07/15",
            "team": [{"name": "مریم احمدی", "affiliation": "areo"}],
            "responses": [
                {"item": "S9.9", "answer": "compliant"},
                {"item": "S1.1", "answer": "compliant"},
                {"item": "S1.1", "answer": "partial"},
                {"item": "S1.3", "answer": "partial"},
                {"item": "S1.3", "answer": "not_applicable"},
                {"item": "S2.1", "answer": 5},
                {"item": "S2.2", "answer": 1},
            ],
        }
    )
    with pytest.raises(ChecklistMismatchError) as caught:
        score_inspection(insp, CHECKLIST)
    problems = caught.value.problems
    assert caught.value.inspection_id == "I-9"
    assert problems == tuple(insp.check_against(CHECKLIST))
    text = "\n".join(problems)
    for fragment in (
        "S9.9",
        "2 responses",
        "binary",
        "not_applicable is not allowed",
        "level 5",
        "level 1",
    ):
        assert fragment in text


@pytest.mark.parametrize(
    ("field", "value"), [("checklist_id", "other"), ("checklist_version", "2")]
)
def test_mismatch_of_checklist_id_or_version(field: str, value: str) -> None:
    """Scoring against another checklist id or version is a mismatch naming both."""
    with pytest.raises(ChecklistMismatchError, match="expected 'demo' version '1'"):
        score_inspection(inspection(ALL_COMPLIANT, **{field: value}), CHECKLIST)


def test_duplicate_alone_is_a_mismatch() -> None:
    """Two responses for one item (and nothing else wrong) are caught on the fast path too."""
    insp = inspection(ALL_COMPLIANT)
    doubled = insp.model_copy(update={"responses": (*insp.responses, insp.responses[0])})
    with pytest.raises(ChecklistMismatchError, match="2 responses for the same item"):
        score_inspection(doubled, CHECKLIST)


def test_stamps() -> None:
    """Every score records the policy version, the checklist fingerprint and the library version."""
    result = score_inspection(inspection(ALL_COMPLIANT), CHECKLIST, ScoringPolicy(version="2024-a"))
    assert result.policy_version == "2024-a"
    assert result.checklist_fingerprint == CHECKLIST.fingerprint
    assert result.library_version == __version__
    assert (result.checklist_id, result.checklist_version) == ("demo", "1")
    data = result.to_dict()
    assert (data["policy_version"], data["checklist_fingerprint"], data["library_version"]) == (
        "2024-a",
        CHECKLIST.fingerprint,
        __version__,
    )


def test_to_dict_is_json_ready_with_stable_keys() -> None:
    """to_dict has the documented keys, in a stable order, with the item breakdown, and dumps."""
    answers = dict(ALL_COMPLIANT, **{"S2.1": "not_applicable"})
    data = score_inspection(inspection(answers), CHECKLIST).to_dict()
    assert list(data) == [
        "inspection_id",
        "agency_id",
        "date",
        "kind",
        "joint",
        "checklist_id",
        "checklist_version",
        "status",
        "score",
        "score_display",
        "grade",
        "raw_score",
        "capped_by",
        "reason",
        "completeness",
        "applicable_items",
        "answered_items",
        "sections",
        "policy_version",
        "checklist_fingerprint",
        "library_version",
    ]
    assert data["date"] == "2017-10-07"
    assert data["joint"] is True
    assert list(data["sections"][0]) == [
        "code",
        "title",
        "weight",
        "score",
        "status",
        "applicable",
        "answered",
        "not_applicable",
        "contribution",
        "items",
    ]
    s2_items = data["sections"][1]["items"]
    assert s2_items[0]["answer"] == "not_applicable"
    assert s2_items[0]["status"] == "not_applicable"
    assert json.loads(json.dumps(data, ensure_ascii=False)) == data


def test_explain_in_both_languages_names_items_sections_and_cap() -> None:
    """explain('en') and explain('fa') trace every item and section, the cap and the score."""
    answers = dict(ALL_COMPLIANT, **{"S1.1": "non_compliant", "S2.1": 3})
    result = score_inspection(inspection(answers), CHECKLIST)
    en, fa = result.explain("en"), result.explain("fa")
    for code in ("S1.1", "S1.2", "S1.3", "S2.1", "S2.2", "S1", "S2"):
        assert code in en
        assert code in fa
    assert "[critical]" in en
    assert "capped at 59.99" in en
    assert "Score: 59.99, grade: Needs improvement" in en
    assert "۵۹٫۹۹" in fa
    assert "حیاتی" in fa
    assert "نیازمند بهبود" in fa
    assert "level 3 (of 0–4)" in en
    with pytest.raises(ValueError, match="lang"):
        result.explain("de")  # type: ignore[arg-type]


def test_order_of_responses_does_not_matter() -> None:
    """Shuffled responses give an equal result, bit for bit."""
    insp = inspection(dict(ALL_COMPLIANT, **{"S1.2": "partial", "S2.1": 1}))
    reversed_ = insp.model_copy(update={"responses": tuple(reversed(insp.responses))})
    a, b = score_inspection(insp, CHECKLIST), score_inspection(reversed_, CHECKLIST)
    assert a == b
    assert a.to_dict() == b.to_dict()


def test_compiled_checklist_is_cached_by_fingerprint_and_bounded() -> None:
    """Equal checklists share one compiled form; the cache never holds more than its bound."""
    copy = Checklist.model_validate_json(CHECKLIST.model_dump_json())
    assert compile_checklist(copy) is compile_checklist(CHECKLIST)
    for n in range(_compiled.CACHE_SIZE + 5):
        compile_checklist(CHECKLIST.model_copy(update={"version": f"v{n}"}))
    assert len(_compiled._CACHE) <= _compiled.CACHE_SIZE


def test_results_are_frozen_and_hashable() -> None:
    """Results cannot be changed and can be hashed and compared."""
    result = score_inspection(inspection(ALL_COMPLIANT), CHECKLIST)
    with pytest.raises(AttributeError):
        result.score = 1.0  # type: ignore[misc]
    assert hash(result) == hash(score_inspection(inspection(ALL_COMPLIANT), CHECKLIST))
    assert len({result, result.sections[0], result.items[0]}) == 3


def test_reference_checklist_scores() -> None:
    """The bundled reference checklist scores an all-compliant inspection at 100."""
    cl = reference_checklist()
    insp = Inspection.model_validate(
        {
            "id": "R",
            "agency_id": "A",
            "checklist_id": cl.id,
            "checklist_version": cl.version,
            "kind": "ad_hoc",
            "date": "2018-01-01",
            "team": [{"name": "x", "affiliation": "ngo"}],
            "responses": [{"item": i.code, "answer": "compliant"} for i in cl.items()],
        }
    )
    result = score_inspection(insp, cl)
    assert (result.score, result.joint, len(result.sections)) == (100.0, False, len(cl.sections))


def test_pickled_score_restores_its_markers_even_without_the_cache(monkeypatch: Any) -> None:
    """A score unpickled where its checklist was never compiled keeps N/A and unanswered apart."""
    import pickle

    answers = dict(ALL_COMPLIANT, **{"S1.2": "not_applicable"})
    del answers["S2.2"]
    result = score_inspection(inspection(answers), CHECKLIST)
    data = pickle.dumps(result)
    monkeypatch.setattr(_compiled, "_CACHE", {})
    copy = pickle.loads(data)  # noqa: S301 - our own object
    assert copy == result
    assert copy.to_dict() == result.to_dict()
    assert (copy.applicable_items, copy.answered_items) == (4, 3)
    compiled = _compiled._CACHE[CHECKLIST.fingerprint]
    assert compiled.lookup["S1.2"][1]["not_applicable"] is _compiled.NA
    assert score_inspection(inspection(answers), CHECKLIST) == result


def test_the_results_are_still_importable_from_their_old_module() -> None:
    from citizenrights.scoring import inspection_results, inspections

    for name in ("InspectionScore", "InspectionStatus", "ItemScore", "SectionScore"):
        assert getattr(inspections, name) is getattr(inspection_results, name)
        assert getattr(inspections, name).__module__ == "citizenrights.scoring.inspection_results"
