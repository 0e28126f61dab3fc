"""Scenario files for the scoring rules: inputs and results worked out by hand.

Each file in ``tests/scenarios/scoring/`` has a ``title``, the ``rule`` it pins, a ``worked`` note
with the arithmetic done by hand, and a ``kind``:

- ``inspection``: a ``checklist`` (a checklist object, or ``"reference"`` for the bundled one), an
  optional scoring ``policy`` and an ``inspection``; ``expect`` holds any of ``status``, ``score``,
  ``raw_score``, ``score_display``, ``grade``, ``completeness``, ``capped_by``, ``reason`` and
  ``sections`` (section code -> score).
- ``index``: an ``agency_id``, a ``period``, a ``checklist`` and the ``inspections`` to score with
  it, ``complaints``, ``trainings``, ``surveys``, ``stats`` and an optional index ``policy``;
  ``expect`` holds any of ``score``, ``coverage``, ``missing``, ``reason``, ``components``
  (name -> value) and ``rates`` (``component.rate`` -> field -> value).
- ``rank``: ``scores``, optional ``groups`` and ``decimals``; ``expect`` is the list of
  ``[group, id, rank]`` in output order.

Numbers are compared to 1e-9 (a hand-worked 200/3 is written with ten decimals).
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from citizenrights import (
    AgencyStats,
    Checklist,
    Complaint,
    IndexPolicy,
    Inspection,
    JalaliPeriod,
    ScoringPolicy,
    SurveyResponse,
    TrainingRecord,
    agency_index,
    rank,
    reference_checklist,
    score_inspection,
)

SCENARIOS = sorted((Path(__file__).parent / "scenarios" / "scoring").glob("*.json"))


def _load(path: Path) -> dict[str, Any]:
    data: dict[str, Any] = json.loads(path.read_text(encoding="utf-8"))
    return data


def _checklist(data: Any) -> Checklist:
    return reference_checklist() if data == "reference" else Checklist.model_validate(data)


def _same(actual: Any, expected: Any, where: str) -> None:
    if isinstance(expected, float) and actual is not None:
        assert actual == pytest.approx(expected, abs=1e-9), where
    elif isinstance(expected, dict):
        assert isinstance(actual, dict), where
        assert set(actual) >= set(expected), where
        for key, value in expected.items():
            _same(actual[key], value, f"{where}.{key}")
    else:
        assert actual == expected, where


def test_there_are_scenarios() -> None:
    """At least ten scenarios, covering every rule and the second seed (guards a bad glob)."""
    rules = {_load(p)["rule"] for p in SCENARIOS}
    assert len(SCENARIOS) >= 10
    assert {
        "answer values",
        "not applicable",
        "section not applicable",
        "unanswered zero",
        "unanswered exclude",
        "critical cap",
        "no applicable item",
        "grade bands",
        "index",
        "rank",
    } <= rules
    assert any("seed 002" in _load(p)["title"] for p in SCENARIOS)


@pytest.mark.parametrize("path", SCENARIOS, ids=lambda p: p.stem)
def test_scenario(path: Path) -> None:
    """The result matches the hand-worked expectation of the scenario file."""
    data = _load(path)
    assert data["worked"], "every scenario shows its arithmetic"
    expect = data["expect"]
    if data["kind"] == "inspection":
        result = score_inspection(
            Inspection.model_validate(data["inspection"]),
            _checklist(data["checklist"]),
            ScoringPolicy.model_validate(data.get("policy", {})),
        )
        actual = result.to_dict()
        actual["sections"] = {s["code"]: s["score"] for s in actual["sections"]}
        _same(actual, expect, path.stem)
    elif data["kind"] == "index":
        checklist = _checklist(data["checklist"])
        scoring = ScoringPolicy.model_validate(data.get("scoring_policy", {}))
        index = agency_index(
            data["agency_id"],
            JalaliPeriod.parse(data["period"]),
            inspections=[
                score_inspection(Inspection.model_validate(i), checklist, scoring)
                for i in data["inspections"]
            ],
            complaints=[Complaint.model_validate(c) for c in data["complaints"]],
            trainings=[TrainingRecord.model_validate(t) for t in data["trainings"]],
            surveys=[SurveyResponse.model_validate(s) for s in data["surveys"]],
            stats=[AgencyStats.model_validate(s) for s in data["stats"]],
            policy=IndexPolicy.model_validate(data.get("policy", {})),
        )
        actual = index.to_dict()
        actual["rates"] = {
            f"{name}.{rate['name']}": rate
            for name, component in actual["components"].items()
            for rate in component["rates"]
        }
        actual["components"] = {n: c["value"] for n, c in actual["components"].items()}
        _same(actual, expect, path.stem)
    else:
        ranked = rank(data["scores"], groups=data.get("groups"), decimals=data.get("decimals", 2))
        assert [[r.group, r.id, r.rank] for r in ranked] == expect
