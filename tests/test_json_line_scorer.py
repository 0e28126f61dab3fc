"""The plain codes and answers of ``score_json_line``'s fast path, and `JsonLineScorer`.

The fast path keeps each response's item code and answer (and the checklist id and version) as
the JSON gives them, and lets the compiled checklist's look-ups check them: a value counts only
when it is exactly a code of the checklist, or an answer its item takes. These tests throw every
near miss at those fields (blanks, direction marks, Persian digits, other case, numbers as text,
floats, booleans, null, duplicate keys) and hold the fast path's outcome to the model path's,
bit for bit, error for error; then they check that `JsonLineScorer` scores as `score_json_line`
does and leaves the fast path only as documented.
"""

from __future__ import annotations

import json
import random
from typing import Any

import pytest

from citizenrights import (
    Inspection,
    InspectionScore,
    JsonLineScorer,
    ScoringPolicy,
    score_inspection,
    score_json_line,
)
from citizenrights import scoring as scoring_package
from citizenrights.scoring import inspections as scoring_inspections
from citizenrights.scoring.inspections import (
    DEFAULT_SCORING_POLICY,
    PROBE_MISSES,
    PROBED_LINES,
    _fast_score,
)
from tests.test_fast_path import dumps, mutate
from tests.test_speed_json_line_scoring import (
    CHECKLISTS,
    INSPECTIONS,
    SMALL,
    fast_path,
    model_path,
    mutated_lines,
    score_outcome,
    small_line,
)

RLM, LRM = "\u200f", "\u200e"


def near_codes(code: str) -> list[Any]:
    """A code as a person or a spreadsheet might mistype it: the model cleans some of these."""
    persian = code.translate(str.maketrans("0123456789", "۰۱۲۳۴۵۶۷۸۹"))
    arabic = code.translate(str.maketrans("0123456789", "٠١٢٣٤٥٦٧٨٩"))
    return [
        code,
        code + " ",
        " " + code,
        "\u00a0" + code,
        "\t" + code + "\n",
        code + RLM,
        LRM + code,
        "\ufeff" + code,
        "\u061c" + code,
        persian,
        arabic,
        code.lower(),
        code + "\x00",
        "",
        " ",
        "x" * 201,
        12,
        1.5,
        True,
        None,
        [code],
        {"code": code},
    ]


NEAR_ANSWERS: list[Any] = [
    "compliant",
    "partial",
    "non_compliant",
    "not_applicable",
    "compliant ",
    " partial",
    "COMPLIANT",
    "Compliant",
    "compliant" + RLM,
    LRM + "non_compliant",
    "\ufeffcompliant",
    "not applicable",
    "",
    0,
    1,
    2,
    3,
    4,
    5,
    -1,
    -0,
    10**20,
    0.0,
    1.0,
    2.0,
    "2",
    "۲",
    " 3",
    True,
    False,
    None,
    ["compliant"],
    {"level": 2},
]


def outcomes_alike(line: str, checklists: Any = CHECKLISTS) -> bool:
    """Whether the fast path took the line (scored it without a model); asserts the outcome is
    the model path's."""
    expected = score_outcome(lambda t: model_path(t, checklists), line)
    assert score_outcome(lambda t: fast_path(t, checklists), line) == expected, line
    fields = Inspection._scoring_dict(line)
    return isinstance(_fast_score(fields, checklists, DEFAULT_SCORING_POLICY), InspectionScore)


def test_near_miss_codes_score_as_the_model_path() -> None:
    """Every near miss of an item code: the same score or error, on the fast path or not."""
    rng = random.Random(5)
    taken = refused = 0
    for obj in rng.sample(INSPECTIONS, 6):
        for n in rng.sample(range(len(obj["responses"])), 4):
            for code in near_codes(obj["responses"][n]["item"]):
                changed = json.loads(json.dumps(obj))
                changed["responses"][n]["item"] = code
                for ascii_only in (False, True):
                    line = json.dumps(changed, ensure_ascii=ascii_only)
                    if outcomes_alike(line):
                        taken += 1
                    else:
                        refused += 1
    assert taken > 40
    assert refused > 400


@pytest.mark.parametrize("item", ["S1.1", "S1.2", "S2.1"])
def test_near_miss_answers_score_as_the_model_path(item: str) -> None:
    """Every near miss of an answer, on a named item and on a 5-level item."""
    base = {"S1.1": "compliant", "S1.2": "partial", "S2.1": 3}
    for answer in NEAR_ANSWERS:
        for ascii_only in (False, True):
            line = small_line({**base, item: answer})
            if ascii_only:
                line = json.dumps(json.loads(line), ensure_ascii=True)
            outcomes_alike(line, {SMALL.key: SMALL})
            assert score_outcome(lambda t: score_json_line(t, SMALL), line) == score_outcome(
                lambda t: model_path(t, {SMALL.key: SMALL}), line
            )


def test_a_float_or_a_bool_level_is_never_a_level() -> None:
    """``2.0`` and ``true`` hash like ``2`` and ``1``: the fast path must not find them."""
    for answer in (2.0, True, 1.0, False):
        line = small_line({"S1.1": "compliant", "S1.2": "partial", "S2.1": answer})
        with pytest.raises(Exception) as fast:  # noqa: PT011 - compared with the model's below
            score_json_line(line, SMALL)
        with pytest.raises(Exception) as model:  # noqa: PT011
            model_path(line, {SMALL.key: SMALL})
        assert type(fast.value) is type(model.value)
        assert str(fast.value) == str(model.value)


def test_duplicate_keys_read_as_the_model_reads_them() -> None:
    """A response object with a key twice: the fast path reads the same value as the model."""
    line = small_line({"S1.1": "compliant", "S1.2": "partial", "S2.1": 3})
    for old, new in [
        ('"answer": "compliant"', '"answer": "compliant", "answer": "non_compliant"'),
        ('"answer": "compliant"', '"answer": "non_compliant", "answer": "compliant"'),
        ('"item": "S1.2"', '"item": "S1.2", "item": "S9"'),
        ('"item": "S1.2"', '"item": "S9", "item": "S1.2"'),
        ('"answer": 3', '"answer": 3, "answer": 7'),
        ('"answer": 3', '"answer": 7, "answer": 3'),
        ('"checklist_id": "demo"', '"checklist_id": "demo", "checklist_id": "other"'),
        ('"checklist_id": "demo"', '"checklist_id": "other", "checklist_id": "demo"'),
    ]:
        changed = line.replace(old, new, 1)
        assert changed != line
        outcomes_alike(changed, {SMALL.key: SMALL})


@pytest.mark.parametrize("field", ["checklist_id", "checklist_version"])
def test_near_miss_checklist_keys_score_as_the_model_path(field: str) -> None:
    """The checklist's id and version are plain too: a near miss takes the model path, with
    one checklist, checklists by key, or checklists under keys that name another checklist."""
    line = small_line({"S1.1": "compliant", "S1.2": "partial", "S2.1": 3})
    value = json.loads(line)[field]
    by_other_key = {("demo", "9"): SMALL, ("other", "1"): SMALL, ("demo", "1 "): SMALL}
    taken = 0
    for near in near_codes(value):
        changed = json.loads(line)
        changed[field] = near
        text = json.dumps(changed, ensure_ascii=False)
        for checklists in ({SMALL.key: SMALL}, by_other_key):
            taken += outcomes_alike(text, checklists)
        assert score_outcome(lambda t: score_json_line(t, SMALL), text) == score_outcome(
            lambda t: score_inspection(Inspection.model_validate_json(t), SMALL), text
        )
    # Only the exact key, looked up in the first mapping (lower case or digits may leave it be).
    assert taken == sum(near == value for near in near_codes(value)) >= 1


def test_the_fast_path_takes_clean_lines() -> None:
    """The plain fields cost no fast path: every demo inspection is scored without a model."""
    for obj in INSPECTIONS:
        line = json.dumps(obj, ensure_ascii=False)
        assert outcomes_alike(line)


# -- JsonLineScorer ------------------------------------------------------------------------------


def test_the_scorer_is_exported() -> None:
    assert scoring_package.JsonLineScorer is JsonLineScorer
    assert "JsonLineScorer" in scoring_package.__all__


@pytest.mark.parametrize("seed", [21, 22])
def test_the_scorer_gives_score_json_lines_outcomes(seed: int) -> None:
    """On mutated lines (about half bad), each call's outcome is `score_json_line`'s, before
    and after the scorer leaves the fast path."""
    scorer = JsonLineScorer(CHECKLISTS)
    lines = list(mutated_lines(400, seed))
    for line in lines:
        assert score_outcome(scorer, line) == score_outcome(fast_path, line)
    assert scorer.lines == 400
    assert not scorer.fast  # half the lines are bad: the first 64 hold more than 8 of them
    assert scorer.refused == PROBE_MISSES


def counting_dicts(monkeypatch: pytest.MonkeyPatch) -> list[int]:
    """Count the lines that try the fast path (validated to dicts, then looked up)."""
    calls = [0]
    real = scoring_inspections._fast_score

    def counted(fields: Any, checklists: Any, policy: Any) -> Any:
        calls[0] += 1
        return real(fields, checklists, policy)

    monkeypatch.setattr(scoring_inspections, "_fast_score", counted)
    return calls


def dirty_lines(count: int) -> list[str]:
    """Valid lines with an agency id to clean (a right-to-left mark): the model path cleans it."""
    lines = []
    for obj in INSPECTIONS[:count]:
        changed = json.loads(json.dumps(obj))
        changed["agency_id"] += RLM
        lines.append(json.dumps(changed, ensure_ascii=False))
    return lines


def test_the_scorer_leaves_the_fast_path_after_its_misses(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """Refused lines at the start: after ``misses`` of them, no line tries the fast path; the
    scores are the model path's (ids cleaned)."""
    calls = counting_dicts(monkeypatch)
    scorer = JsonLineScorer(CHECKLISTS, misses=3)
    lines = dirty_lines(20)
    results = [scorer(line) for line in lines]
    assert calls[0] == 3
    assert (scorer.lines, scorer.refused, scorer.fast) == (20, 3, False)
    assert results == [model_path(line) for line in lines]
    assert all(RLM not in r.agency_id for r in results)
    assert repr(scorer) == "JsonLineScorer(lines=20, refused=3, uncounted=0, path='model')"


def test_refusals_after_the_probe_never_switch(monkeypatch: pytest.MonkeyPatch) -> None:
    """Clean first lines, then text to clean: every line keeps trying the fast path."""
    calls = counting_dicts(monkeypatch)
    clean = [json.dumps(obj, ensure_ascii=False) for obj in INSPECTIONS[:10]]
    lines = clean + dirty_lines(30)
    scorer = JsonLineScorer(CHECKLISTS, probe=10, misses=1)
    results = [scorer(line) for line in lines]
    assert (calls[0], scorer.refused, scorer.fast) == (40, 0, True)
    assert results == [model_path(line) for line in lines]
    assert repr(scorer) == "JsonLineScorer(lines=40, refused=0, uncounted=0, path='fast')"


def test_mismatches_and_errors_are_refusals_too(monkeypatch: pytest.MonkeyPatch) -> None:
    """Lines that do not fit the checklist, and invalid lines, count as refused (each would be
    validated twice), and raise what `score_json_line` raises."""
    calls = counting_dicts(monkeypatch)
    scorer = JsonLineScorer(SMALL, probe=PROBED_LINES, misses=2)
    bad = [small_line({"S9": "compliant"}), '{"id": 1}', small_line({"S1.1": "compliant"})]
    outcomes = [score_outcome(scorer, line) for line in bad]
    assert [o[0] for o in outcomes] == ["mismatch", "invalid", "ok"]
    assert (calls[0], scorer.refused, scorer.fast) == (2, 2, False)


def test_the_scorer_takes_a_policy_and_checklists_by_key() -> None:
    policy = ScoringPolicy(unanswered="exclude", min_completeness=0.0)
    line = small_line({"S1.1": "compliant", "S1.2": "partial"})
    scorer = JsonLineScorer({SMALL.key: SMALL}, policy)
    result = scorer(line)
    assert isinstance(result, InspectionScore)
    assert result == score_json_line(line, SMALL, policy)
    assert result.score == 75.0  # S2.1 left out: S1 alone
    with pytest.raises(KeyError):
        scorer(small_line({"S1.1": "compliant"}, checklist_version="2"))


def test_the_scorer_takes_mutated_demo_lines_like_the_model() -> None:
    """Random mutations anywhere in a line (not only the scored fields), one scorer for all."""
    rng = random.Random(3)
    scorer = JsonLineScorer(CHECKLISTS, probe=0)  # never leaves the fast path
    for _ in range(300):
        line = dumps(mutate(rng.choice(INSPECTIONS), rng), rng)
        assert score_outcome(scorer, line) == score_outcome(model_path, line)
    assert scorer.fast


# -- the colon count -----------------------------------------------------------------------------


def spaced(obj: Any, rng: random.Random) -> str:
    """JSON text with one of several spacings (the count must not depend on it)."""
    separators = rng.choice([(", ", ": "), (",", ":"), (" , ", " : "), (",\t", ":\t")])
    return json.dumps(obj, ensure_ascii=rng.random() < 0.3, separators=separators)


def with_extras(obj: Any, rng: random.Random) -> Any:
    """A copy with an unknown key (maybe one with a colon in it) in a random object, or none."""
    obj = json.loads(json.dumps(obj))
    holders = [obj]
    for key in ("team", "responses", "findings"):
        if isinstance(obj.get(key), list):
            holders += [h for h in obj[key] if isinstance(h, dict)]
    if rng.random() < 0.5:
        rng.choice(holders)[rng.choice(["x", "note_", "a:b", "ITEM"])] = rng.choice([1, "v", None])
    if len(holders) > 1 and rng.random() < 0.3:  # a colon in a note (or an unknown key)
        rng.choice(holders[1:])["note"] = rng.choice(["ساعت ۱۰:۳۰", "https://x.ir/a", ":"])
    return obj


@pytest.mark.parametrize("seed", [31, 32])
def test_the_colon_count_gives_scoring_dicts_or_cannot_tell(seed: int) -> None:
    """Where the count tells, the dicts are `_scoring_dict`'s; an unknown key never passes."""
    rng = random.Random(seed)
    told = untold = 0
    for line in mutated_lines(1_500, seed):
        obj = json.loads(line)
        if isinstance(obj, dict):
            line = spaced(with_extras(obj, rng), rng)
        counted = Inspection._counted_scoring_dict(line)
        full = Inspection._scoring_dict(line)
        if counted is False:
            untold += 1
        else:
            told += 1
            assert counted == full, line
            if counted is not None:
                assert [type(v) for v in counted.values()] == [type(v) for v in full.values()]
    assert told > 500
    assert untold > 200


def test_unknown_and_repeated_keys_are_never_counted_as_known() -> None:
    line = small_line({"S1.1": "compliant", "S1.2": "partial", "S2.1": 3})
    assert Inspection._counted_scoring_dict(line) == Inspection._scoring_dict(line)
    assert Inspection._scoring_dict(line) is not None
    for old, new in [
        ('"answer": 3', '"answer": 3, "extra": 1'),
        ('"answer": 3', '"answer": 3, "answer": 3'),
        ('"kind": "periodic"', '"kind": "periodic", "kind": "periodic"'),
        ('"affiliation": "areo"', '"affiliation": "areo", "x": {"y": 1}'),
        ('"id": "I-1"', '"id": "I-1", "": []'),
    ]:
        changed = line.replace(old, new, 1)
        assert changed != line
        assert Inspection._counted_scoring_dict(changed) is False, changed
    noted = line.replace('"answer": 3', '"answer": 3, "note": "a: b"', 1)
    assert Inspection._counted_scoring_dict(noted) is False
    assert Inspection._scoring_dict(noted) is not None


def noted_lines(count: int) -> list[str]:
    """Valid lines whose first response has a note with a colon: the count cannot tell."""
    lines = []
    for obj in INSPECTIONS[:count]:
        changed = json.loads(json.dumps(obj))
        changed["responses"][0]["note"] = "ساعت ۱۰:۳۰"
        lines.append(json.dumps(changed, ensure_ascii=False))
    return lines


def test_the_scorer_stops_counting_when_the_count_cannot_tell(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """Colons in the notes of the first lines: after ``misses`` of them, no line is counted,
    and every line is still scored on the fast path, as the model path scores it."""
    counts = [0]
    real = Inspection._counted_scoring_dict.__func__  # type: ignore[attr-defined]

    def counted(cls: type[Inspection], data: Any) -> Any:
        counts[0] += 1
        return real(cls, data)

    monkeypatch.setattr(Inspection, "_counted_scoring_dict", classmethod(counted))
    calls = counting_dicts(monkeypatch)
    scorer = JsonLineScorer(CHECKLISTS, misses=4)
    lines = noted_lines(30)
    results = [scorer(line) for line in lines]
    assert (counts[0], calls[0]) == (4, 30)
    assert (scorer.uncounted, scorer.refused, scorer.fast) == (4, 0, True)
    assert results == [model_path(line) for line in lines]
    assert repr(scorer) == "JsonLineScorer(lines=30, refused=0, uncounted=4, path='fast')"


def test_each_key_read_is_one_entry() -> None:
    """The count holds because every field is read from one key of its own object: no alias."""

    def aliases(node: Any) -> list[Any]:
        if isinstance(node, dict):
            found = [node["validation_alias"]] if "validation_alias" in node else []
            return found + [a for v in node.values() for a in aliases(v)]
        if isinstance(node, list):
            return [a for v in node for a in aliases(v)]
        return []

    assert aliases(Inspection.__pydantic_core_schema__) == []


def test_plain_fields_must_exist_and_hold_text_or_numbers() -> None:
    from citizenrights.models._typed import dict_validator
    from citizenrights.models.inspections import Response

    with pytest.raises(TypeError, match=r"plain fields not in Inspection's schema: Response\.x"):
        dict_validator(Inspection, frozenset({Inspection}), frozenset({(Response, "x")}))
    with pytest.raises(TypeError, match="a plain field holds text or whole numbers"):
        dict_validator(Inspection, frozenset({Inspection}), frozenset({(Inspection, "date")}))
