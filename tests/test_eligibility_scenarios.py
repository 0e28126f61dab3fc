"""Scenario files for appointment eligibility: one JSON file per rule and boundary, worked by hand.

Each file in ``tests/scenarios/eligibility/`` holds a candidate record, the post (``kind[:level]``
text), ``as_of`` (Jalali text), optionally a ``policy`` (EligibilityPolicy fields) and
``unit_scores`` (a list of ``{"agency_id", "period", "score"}``), and ``expect``: the status, the
record score (to 2 decimals), the window in Jalali text, the exact reason codes in order, and the
evidence of the reasons named under ``evidence``. The ``worked`` field shows the arithmetic.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from citizenrights.calendar import JalaliPeriod, format_jalali
from citizenrights.models.people import CandidateRecord, Post
from citizenrights.scoring.eligibility import assess_eligibility
from citizenrights.scoring.eligibility_policy import EligibilityPolicy

SCENARIOS = sorted((Path(__file__).parent / "scenarios" / "eligibility").glob("*.json"))


def _load(path: Path) -> dict[str, Any]:
    data: dict[str, Any] = json.loads(path.read_text(encoding="utf-8"))
    return data


def test_there_are_scenarios() -> None:
    """The scenario folder is found and holds the rule and boundary cases (guards a bad glob)."""
    names = {path.stem for path in SCENARIOS}
    assert {
        "complaint_first_day_of_window",
        "complaint_day_before_window",
        "leap_esfand_30",
        "training_exactly_12_hours",
        "training_11_5_hours",
        "sensitive_post_16_hours",
        "grave_upheld",
        "three_upheld",
        "two_upheld",
        "dismissed_and_withdrawn_ignored",
        "open_complaints_pending",
        "records_after_as_of_ignored",
        "unit_index_below_60",
        "no_unit_scores",
    } <= names


@pytest.mark.parametrize("path", SCENARIOS, ids=lambda p: p.stem)
def test_scenario(path: Path) -> None:
    """The decision matches the hand-worked expectation of the scenario file."""
    data = _load(path)
    record = CandidateRecord.model_validate(data["candidate"])
    policy = EligibilityPolicy.model_validate(data.get("policy", {}))
    unit_scores = (
        {
            (row["agency_id"], JalaliPeriod.parse(row["period"])): row["score"]
            for row in data["unit_scores"]
        }
        if "unit_scores" in data
        else None
    )
    decision = assess_eligibility(
        record,
        Post.parse(data["post"]),
        as_of=data["as_of"],
        policy=policy,
        unit_scores=unit_scores,
    )
    expect = data["expect"]
    assert decision.status.value == expect["status"]
    assert decision.record_score == pytest.approx(expect["record_score"], abs=0.005)
    assert [format_jalali(d) for d in decision.window] == expect["window"]
    assert list(decision.codes) == expect["codes"]
    assert decision.policy_version == expect.get("policy_version", "2")
    evidence = {reason.code.value: list(reason.evidence) for reason in decision.reasons}
    for code, ids in expect["evidence"].items():
        assert evidence[code] == ids, code
    assert decision.person_id == record.person_id
