"""The dict fast path from a JSON line to its score (issue 12, item 6): same scores, same errors.

``score_json_line`` validates a line to plain dicts (``Inspection.fast_dict``: the fast schema
with typed dicts for the nested records, derived from the models) and scores them with the
compiled checklist; on anything it refuses it takes the model path. The proof that it changes
nothing: over the demo inspections and thousands of mutated lines (text to clean, wrong types,
answers an item does not take, duplicate and unknown items, another checklist version, findings
resolved too early), its outcome -- the score bit for bit, or the error with every detail -- is
that of ``score_inspection(Inspection.model_validate_json(line), ...)``.
"""

from __future__ import annotations

import datetime as dt
import json
import math
import random
from collections.abc import Callable, Iterator, Mapping
from importlib import resources
from typing import Any

import attrs
import pytest
from hypothesis import given, settings
from pydantic import ValidationError

from citizenrights import (
    Checklist,
    ChecklistMismatchError,
    Inspection,
    InspectionScore,
    ScoringPolicy,
    score_inspection,
    score_json_line,
)
from citizenrights.models._typed import dict_validator
from citizenrights.models.inspections import Affiliation
from tests.strategies import checklists_with_inspections, scoring_policies
from tests.test_fast_path import dumps, mutate, shape

DEMO = resources.files("citizenrights") / "data" / "demo"
Key = tuple[str, str]


def demo_checklists() -> dict[Key, Checklist]:
    checklist = Checklist.model_validate_json(
        DEMO.joinpath("checklists", "reference.json").read_text("utf-8")
    )
    return {checklist.key: checklist}


def demo_inspections() -> list[dict[str, Any]]:
    text = DEMO.joinpath("inspections.jsonl").read_text("utf-8")
    return [json.loads(line) for line in text.splitlines() if line.strip()]


CHECKLISTS = demo_checklists()
INSPECTIONS = demo_inspections()


def score_outcome(score: Callable[[str], InspectionScore], line: str) -> Any:
    """``("ok", ...)`` with every field of the score (floats by ``repr``: bit for bit), or the
    error with every detail of it."""
    try:
        result = score(line)
    except ValidationError as exc:
        return "invalid", exc.title, repr(exc.errors(include_url=False)), str(exc)
    except ChecklistMismatchError as exc:
        return "mismatch", exc.inspection_id, tuple(exc.problems), str(exc)
    except KeyError as exc:
        return "no checklist", repr(exc.args)
    fields = tuple(
        (f.name, shape(getattr(result, f.name))) for f in attrs.fields(InspectionScore)[:-1]
    )
    return "ok", fields, repr(result.to_dict())


def model_path(line: str, checklists: Mapping[Key, Checklist] = CHECKLISTS) -> InspectionScore:
    inspection = Inspection.model_validate_json(line)
    checklist = checklists[(inspection.checklist_id, inspection.checklist_version)]
    return score_inspection(inspection, checklist)


def fast_path(line: str, checklists: Mapping[Key, Checklist] = CHECKLISTS) -> InspectionScore:
    return score_json_line(line, checklists)


# -- mutations that matter to the scoring ---------------------------------------------------------

ANSWERS = ["compliant", "partial", "non_compliant", "not_applicable", 0, 1, 2, 3, 4, 7, -1, 2.0]


def scoring_mutation(obj: dict[str, Any], rng: random.Random) -> dict[str, Any]:
    """A copy of an inspection with one change the scoring (not only the validation) sees."""
    obj = json.loads(json.dumps(obj))
    responses = obj["responses"]
    action = rng.randrange(9)
    if action == 0 and responses:  # another answer, maybe one the item does not take
        rng.choice(responses)["answer"] = rng.choice(ANSWERS)
    elif action == 1 and responses:  # an item answered twice
        responses.append(dict(rng.choice(responses)))
    elif action == 2 and responses:  # an item left unanswered
        responses.pop(rng.randrange(len(responses)))
    elif action == 3 and responses:  # an item the checklist lacks
        rng.choice(responses)["item"] = rng.choice(["Z9.9", "A03.1 ", "a03.1"])
    elif action == 4:  # another checklist version (or an unknown checklist)
        obj[rng.choice(["checklist_version", "checklist_id"])] += rng.choice(["", "x", "\u200f"])
    elif action == 5 and obj.get("findings"):  # a finding resolved before the inspection
        obj["findings"][0]["resolved_on"] = "1390/01/01"
    elif action == 6:  # every item answered not_applicable
        for r in responses:
            r["answer"] = "not_applicable"
    elif action == 7:  # a team that is joint, or not
        obj["team"] = [
            {"name": "مریم احمدی", "affiliation": a}
            for a in rng.sample(["areo", "moi", "ngo", "agency"], rng.randrange(1, 4))
        ]
    else:  # half of the items unanswered
        del responses[: len(responses) // 2]
    return obj


def mutated_lines(count: int, seed: int) -> Iterator[str]:
    rng = random.Random(seed)
    for _ in range(count):
        obj = rng.choice(INSPECTIONS)
        if rng.random() < 0.5:
            obj = scoring_mutation(obj, rng)
        if rng.random() < 0.6:
            obj = mutate(obj, rng)
        yield dumps(obj, rng)


# -- the proofs ----------------------------------------------------------------------------------


def test_the_demo_inspections_score_alike_on_the_fast_path() -> None:
    """Every demo inspection is taken by the fast path, with the model path's score."""
    assert len(INSPECTIONS) > 100
    for obj in INSPECTIONS:
        line = json.dumps(obj, ensure_ascii=False)
        fields = Inspection.fast_dict(line)
        assert fields is not None
        assert Inspection.model_validate(fields) == Inspection.model_validate_json(line)
        assert score_outcome(fast_path, line) == score_outcome(model_path, line)


@pytest.mark.parametrize("seed", [1, 2, 3])
def test_mutated_lines_give_the_model_paths_scores_and_errors(seed: int) -> None:
    """On 2,000 mutated lines a seed, the fast path's outcome is the model path's, exactly."""
    outcomes: dict[str, int] = {}
    taken = 0
    for line in mutated_lines(2_000, seed):
        expected = score_outcome(model_path, line)
        assert score_outcome(fast_path, line) == expected, line
        outcomes[expected[0]] = outcomes.get(expected[0], 0) + 1
        taken += Inspection.fast_dict(line) is not None
    # Every kind of outcome is exercised, and both branches of the fast path.
    assert all(outcomes.get(k, 0) > 100 for k in ("ok", "invalid", "mismatch")), outcomes
    assert outcomes.get("no checklist", 0) > 5, outcomes
    assert 400 < taken < 1_800, (taken, outcomes)


def test_a_fast_dict_holds_the_model_fields() -> None:
    """Where ``fast_dict`` takes a line, its values are the model's, nested records as dicts."""
    rng = random.Random(7)
    compared = 0
    for obj in INSPECTIONS * 4:
        line = dumps(mutate(obj, rng), rng)
        fields = Inspection.fast_dict(line)
        if fields is None:
            continue
        model = Inspection.model_validate_json(line)
        compared += 1
        for name, value in fields.items():
            given = getattr(model, name)
            if name in ("team", "responses", "findings"):
                assert all(
                    shape(v) == shape(getattr(m, k))
                    for d, m in zip(value, given, strict=True)
                    for k, v in d.items()
                )
            else:
                assert shape(value) == shape(given), name
    assert compared > 100, compared


# -- table cases -------------------------------------------------------------------------------

SMALL = Checklist.model_validate(
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
                ],
            },
            {
                "code": "S2",
                "title": "دسترسی",
                "weight": 2,
                "items": [{"code": "S2.1", "text": "میز خدمت", "scale": 5}],
            },
        ],
    }
)


def small_line(answers: dict[str, Any], **changes: Any) -> str:
    obj: dict[str, Any] = {
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
        "responses": [{"item": k, "answer": v} for k, v in answers.items()],
    }
    obj.update(changes)
    return json.dumps(obj, ensure_ascii=False)


# Scores by hand: S1 = mean of its items, S2 = level/4; the inspection = (S1 + 2*S2) / 3; a
# non-compliant critical item caps at 59.99.
@pytest.mark.parametrize(
    ("answers", "score", "status", "capped"),
    [
        ({"S1.1": "compliant", "S1.2": "partial", "S2.1": 3}, 75.0, "scored", ()),
        ({"S1.1": "compliant", "S1.2": "compliant", "S2.1": 4}, 100.0, "scored", ()),
        # S1 = 0.5, S2 = 1: (50 + 200) / 3 = 83.33..., capped by the critical item.
        ({"S1.1": "non_compliant", "S1.2": "compliant", "S2.1": 4}, 59.99, "scored", ("S1.1",)),
        # S1.2 N/A: S1 = 1, S2 = 0.5: (100 + 100) / 3.
        ({"S1.1": "compliant", "S1.2": "not_applicable", "S2.1": 2}, 200 / 3, "scored", ()),
        # S2.1 unanswered counts 0 and lowers completeness to 2/3 (below 0.8): incomplete.
        ({"S1.1": "compliant", "S1.2": "compliant"}, 100 / 3, "incomplete", ()),
    ],
)
def test_hand_computed_scores(
    answers: dict[str, Any], score: float, status: str, capped: tuple[str, ...]
) -> None:
    line = small_line(answers)
    result = score_json_line(line, SMALL)
    assert result.score == pytest.approx(score, abs=1e-12)
    assert (result.status.value, result.capped_by, result.joint) == (status, capped, True)
    assert result == score_inspection(Inspection.model_validate_json(line), SMALL)


@pytest.mark.parametrize(
    ("team", "joint"),
    [
        (["areo", "moi"], True),
        (["moi", "ngo", "areo"], True),
        (["areo", "areo"], False),
        (["moi"], False),
        (["ngo", "agency"], False),
    ],
)
def test_a_team_is_joint_with_an_areo_and_a_moi_member(team: list[str], joint: bool) -> None:
    members = [{"name": "مریم احمدی", "affiliation": a} for a in team]
    line = small_line({"S1.1": "compliant", "S1.2": "compliant", "S2.1": 1}, team=members)
    assert score_json_line(line, SMALL).joint is joint
    assert Inspection.model_validate_json(line).is_joint is joint
    assert Inspection.joint([Affiliation(a) for a in team]) is joint


def test_text_to_clean_takes_the_model_path_and_is_cleaned() -> None:
    """An id with a right-to-left mark and Persian digits is refused by the fast path, then
    cleaned by the model path: the score carries the clean id."""
    line = small_line({"S1.1": "compliant", "S1.2": "partial", "S2.1": 3}, id="I-۱\u200f")
    assert Inspection.fast_dict(line) is None
    assert score_json_line(line, SMALL).inspection_id == "I-1"


def test_a_finding_resolved_before_the_inspection_is_the_models_error() -> None:
    finding = {"severity": "minor", "description": "x", "resolved_on": "1396/07/14"}
    line = small_line({"S1.1": "compliant"}, findings=[finding])
    assert Inspection.fast_dict(line) is None
    with pytest.raises(ValidationError) as caught:
        score_json_line(line, SMALL)
    error = caught.value.errors()[0]
    assert error["type"] == "finding_resolved_before_inspection"
    assert error["msg"] == (
        "findings[0]: resolved_on 2017-10-06 is before the inspection date 2017-10-07"
    )


def test_a_line_that_does_not_fit_lists_every_problem() -> None:
    line = small_line({"S1.1": "partial", "S1.2": 1, "S9": "compliant", "S2.1": 5})
    assert Inspection.fast_dict(line) is not None  # valid: the checklist is what it misses
    with pytest.raises(ChecklistMismatchError) as caught:
        score_json_line(line, SMALL)
    assert list(caught.value.problems) == [
        "responses[1] (item 'S1.2'): level 1 given for a ternary item; expected compliant, "
        "partial, non_compliant or not_applicable",
        "responses[2] (item 'S9'): the checklist has no such item",
        "responses[3] (item 'S2.1'): level 5 is past the item's 5 levels (0..4)",
    ]


def test_an_unknown_checklist_is_a_key_error_on_both_paths() -> None:
    line = small_line({"S1.1": "compliant"}, checklist_version="2")
    with pytest.raises(KeyError, match="'demo', '2'"):
        score_json_line(line, {SMALL.key: SMALL})


def test_a_fast_dict_leaves_defaults_out_and_keeps_types() -> None:
    fields = Inspection.fast_dict(small_line({"S1.1": "compliant", "S2.1": 2}))
    assert fields is not None
    assert "findings" not in fields
    assert fields["date"] == dt.date(2017, 10, 7)
    assert fields["responses"] == (
        {"item": "S1.1", "answer": "compliant"},
        {"item": "S2.1", "answer": 2},
    )
    assert type(fields["responses"][0]["answer"]).__name__ == "Answer"


def test_a_model_validator_nobody_rechecks_is_refused() -> None:
    """The inspection's own check runs on the dicts only because ``fast_dict`` re-checks it."""
    with pytest.raises(TypeError, match="model validators of Inspection would not run"):
        dict_validator(Inspection)


def test_scores_are_built_positionally_in_field_order() -> None:
    """``_score`` passes InspectionScore's fields by position: their order is this one."""
    assert [f.alias or f.name for f in attrs.fields(InspectionScore)] == [
        "inspection_id", "agency_id", "date", "kind", "joint", "score", "grade", "status",
        "completeness", "capped_by", "raw_score", "reason", "values", "means", "basis",
    ]  # fmt: skip


# -- properties over any checklist -------------------------------------------------------------


@settings(max_examples=150, deadline=None)
@given(checklists_with_inspections(), scoring_policies())
def test_any_inspection_scores_alike_from_its_line(
    case: tuple[Checklist, Inspection], policy: ScoringPolicy
) -> None:
    """For any checklist (any weights, scales, N/A and unanswered items) and policy, the fast
    path's score is the model path's, bit for bit."""
    checklist, inspection = case
    line = inspection.model_dump_json()
    expected = score_outcome(
        lambda t: score_inspection(Inspection.model_validate_json(t), checklist, policy), line
    )
    assert score_outcome(lambda t: score_json_line(t, checklist, policy), line) == expected


@settings(max_examples=150, deadline=None)
@given(checklists_with_inspections(), scoring_policies())
def test_section_means_are_the_exact_weighted_means(
    case: tuple[Checklist, Inspection], policy: ScoringPolicy
) -> None:
    """Each section's score is 100 × fsum(weight × value) / fsum(weight) over its counted items,
    bit for bit (the shortcut for unit weights included)."""
    checklist, inspection = case
    try:
        result = score_inspection(inspection, checklist, policy)
    except ChecklistMismatchError:
        return
    for section, scored in zip(checklist.sections, result.sections, strict=True):
        counted = [
            (i.weight, s.value)
            for i, s in zip(section.items, scored.items, strict=True)
            if s.value is not None
        ]
        if not counted:
            assert scored.score is None
            continue
        mean = math.fsum(w * v for w, v in counted) / math.fsum(w for w, _ in counted)
        assert scored.score == 100.0 * mean
