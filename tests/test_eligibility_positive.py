"""The positive part of the eligibility record score, pending grave complaints, and reason order.

Every figure is worked by hand from the policy defaults: ``positive_cap`` 10, a commendation 4, a
course taught 3, a working-group membership 3, an NGO cooperation 3, another contribution 1; the
points of the cap not earned are lost. The window of ``as_of`` 1397/01/15 is 1394/01/15–1397/01/15.
"""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from citizenrights.models.people import CandidateRecord, Post
from citizenrights.scoring.eligibility import assess_eligibility
from citizenrights.scoring.eligibility_policy import EligibilityPolicy
from citizenrights.scoring.eligibility_results import EligibilityDecision, EligibilityStatus

from . import strategies as cst

MANAGERIAL = Post.parse("managerial:middle")
AS_OF = "1397/01/15"
PERSON = "E-3001"


def _training(
    hours: float, day: str, role: str = "attendee", tid: str = "T-1"
) -> dict[str, object]:
    return {
        "id": tid, "person_id": PERSON, "agency_id": "A-1", "course": "منشور حقوق شهروندی",
        "audience": "manager", "hours": hours, "date": day, "role": role,
    }  # fmt: skip


def _record(**fields: object) -> CandidateRecord:
    data: dict[str, object] = {
        "person_id": PERSON,
        "name": "زهرا کریمی",
        "trainings": [_training(12, "1396/02/01")],
    }
    data.update(fields)
    return CandidateRecord.model_validate(data)


def _commendation(day: str) -> dict[str, str]:
    return {"date": day, "title": "تقدیر برای رعایت حقوق شهروندی"}


def _decide(record: CandidateRecord, **policy: object) -> EligibilityDecision:
    return assess_eligibility(
        record, MANAGERIAL, as_of=AS_OF, policy=EligibilityPolicy.model_validate(policy)
    )


@pytest.mark.parametrize(
    ("fields", "score", "evidence"),
    [
        # nothing positive: 100 − 10 (the cap not earned)
        ({}, 90.0, ()),
        # one commendation in the window: 4 of 10 earned → 100 − 6
        ({"commendations": [_commendation("1396/05/01")]}, 94.0, ("commendation@1396/05/01",)),
        # a commendation the day before the window earns nothing
        ({"commendations": [_commendation("1394/01/14")]}, 90.0, ()),
        # three commendations: 12, capped at 10 → 100
        (
            {"commendations": [_commendation(d) for d in ("1395/01/01", "1395/06/01", "1396/01/01")]},
            100.0,
            ("commendation@1395/01/01", "commendation@1395/06/01", "commendation@1396/01/01"),
        ),
        # a course taught to others: 3 earned → 93; its hours are not the person's attendance
        (
            {"trainings": [_training(12, "1396/02/01"), _training(8, "1396/03/01", "instructor", "T-9")]},
            93.0,
            ("T-9",),
        ),
        # working group 3 + NGO cooperation 3 + other 1 = 7 → 97
        (
            {"contributions": [
                {"kind": "working_group", "date": "1395/03/01", "title": "عضو کارگروه", "ref": "wg-1"},
                {"kind": "ngo_cooperation", "date": "1396/08/01", "title": "همکاری با انجمن", "ref": "NGO-24"},
                {"kind": "other", "date": "1396/09/01", "title": "سخنرانی"},
            ]},
            97.0,
            ("NGO-24", "other@1396/09/01", "wg-1"),
        ),
    ],
)  # fmt: skip
def test_positive_part_by_hand(
    fields: dict[str, object], score: float, evidence: tuple[str, ...]
) -> None:
    """Each kind of positive evidence earns its weight, up to the cap; the rest of the cap is lost."""
    decision = _decide(_record(**fields))
    assert decision.status is EligibilityStatus.ELIGIBLE
    assert decision.record_score == score
    positive = decision.reasons[-1]
    expected = "ELIG_POSITIVE_RECORD" if evidence else "ELIG_NO_POSITIVE_RECORD"
    assert positive.code.value == expected
    assert positive.points == 100.0 - score
    assert positive.evidence == evidence


def test_instructor_hours_are_not_attendance() -> None:
    """12 hours taught and none attended: the training rule sees 0 hours (conditional, −20)."""
    record = _record(trainings=[_training(12, "1396/02/01", "instructor")])
    decision = _decide(record)
    assert decision.status is EligibilityStatus.CONDITIONAL
    # 100 − 20 (no training attended) − 7 (3 of the 10 positive points earned)
    assert decision.record_score == 73.0
    assert decision.codes[0] == "ELIG_TRAINING_SHORTFALL"


def test_the_record_with_positive_evidence_scores_higher() -> None:
    """Between two otherwise equal records, the one with positive evidence scores higher, in
    every status: clean, conditional (a training gap) and ineligible (three upheld complaints)."""
    upheld = [
        {"id": f"C-{n}", "agency_id": "A-1", "received": "1396/02/01", "channel": "web",
         "severity": "minor", "status": "closed", "outcome": "upheld", "closed_on": "1396/03/01"}
        for n in range(3)
    ]  # fmt: skip
    cases = [{}, {"trainings": []}, {"complaints": upheld}]
    for fields in cases:
        plain = _decide(_record(**fields))
        better = _decide(_record(**fields, commendations=[_commendation("1396/05/01")]))
        assert better.status is plain.status
        assert better.record_score == plain.record_score + 4


def test_positive_cap_zero_is_the_old_score() -> None:
    """With positive_cap 0 there is no positive reason and a clean, trained record scores 100."""
    decision = _decide(_record(commendations=[_commendation("1396/05/01")]), positive_cap=0)
    assert decision.record_score == 100.0
    assert all("POSITIVE" not in code for code in decision.codes)


def test_policy_weights_are_the_policy_s() -> None:
    """A custom weight and cap: a commendation worth 8 of a cap of 5 gives the full 5."""
    record = _record(commendations=[_commendation("1396/05/01")])
    assert _decide(record, credit_commendation=8, positive_cap=5).record_score == 100.0
    assert _decide(record, credit_commendation=2, positive_cap=5).record_score == 97.0


def _open_grave() -> dict[str, object]:
    return {
        "id": "C-G", "agency_id": "A-1", "received": "1396/11/01", "channel": "letter",
        "severity": "grave", "status": "open",
    }  # fmt: skip


def test_pending_grave_complaint_is_conditional_by_default() -> None:
    """An open grave complaint makes the person conditional, first reason, at no cost in points."""
    decision = _decide(_record(complaints=[_open_grave()]))
    assert decision.status is EligibilityStatus.CONDITIONAL
    assert decision.record_score == 90.0  # only the positive part not earned
    first = decision.reasons[0]
    assert (first.code.value, first.points, first.evidence, first.decisive) == (
        "ELIG_PENDING_GRAVE_COMPLAINT",
        0.0,
        ("C-G",),
        True,
    )
    assert "ELIG_PENDING_COMPLAINTS" not in decision.codes


def test_pending_grave_option_off_lists_it_as_pending() -> None:
    """With pending_grave_conditional off, the open grave complaint is only listed as pending."""
    decision = _decide(_record(complaints=[_open_grave()]), pending_grave_conditional=False)
    assert decision.status is EligibilityStatus.ELIGIBLE
    assert "ELIG_PENDING_COMPLAINTS" in decision.codes
    assert "ELIG_PENDING_GRAVE_COMPLAINT" not in decision.codes


def test_ineligible_decision_groups_what_decided_it_first() -> None:
    """An upheld grave complaint with a training gap: the grave reason first (decisive), then the
    conditional findings, marked as not decisive, in explain and to_dict."""
    grave = {
        "id": "C-1", "agency_id": "A-1", "received": "1396/02/01", "channel": "web",
        "severity": "grave", "status": "closed", "outcome": "upheld", "closed_on": "1396/03/01",
    }  # fmt: skip
    decision = _decide(_record(complaints=[grave], trainings=[]))
    assert decision.status is EligibilityStatus.INELIGIBLE
    assert decision.codes[:3] == (
        "ELIG_GRAVE_COMPLAINT",
        "ELIG_UPHELD_COMPLAINTS",
        "ELIG_TRAINING_SHORTFALL",
    )
    assert [r["decisive"] for r in decision.to_dict()["reasons"]] == [
        True,
        False,
        False,
        False,
        False,
    ]
    lines = decision.explain("en").splitlines()
    assert lines[2] == "What decided the status:"
    assert lines[3].startswith("- [ELIG_GRAVE_COMPLAINT] (ineligible)")
    assert lines[4] == "Also found:"
    assert lines[5].startswith("- [ELIG_UPHELD_COMPLAINTS] (conditional, not decisive, −40 points)")
    assert lines[6].startswith(
        "- [ELIG_TRAINING_SHORTFALL] (conditional, not decisive, −20 points)"
    )
    # 100 − 40 − 20 − 10
    assert decision.record_score == 30.0
    assert EligibilityDecision.from_dict(decision.to_dict()) == decision


def test_conditional_decision_puts_the_conditional_reasons_first() -> None:
    """A training gap decides a conditional status: its reason comes before the others."""
    decision = _decide(_record(trainings=[_training(6, "1396/02/01")]))
    assert decision.codes[0] == "ELIG_TRAINING_SHORTFALL"
    assert decision.reasons[0].decisive
    assert not any(r.decisive for r in decision.reasons[1:])


@given(cst.candidate_records(), cst.posts, cst.eligibility_days, st.integers(0, 5))
def test_positive_evidence_never_lowers_the_score_or_the_status(
    record: CandidateRecord, post: Post, as_of: object, extra: int
) -> None:
    """Adding commendations (dated anywhere) never lowers the score nor changes the status."""
    from datetime import date

    assert isinstance(as_of, date)
    before = assess_eligibility(record, post, as_of=as_of)
    more = tuple(record.commendations) + tuple(
        CandidateRecord.model_validate(
            {"person_id": "x", "name": "ن", "commendations": [{"date": as_of, "title": "ت"}]}
        ).commendations
        * extra
    )
    after = assess_eligibility(record.model_copy(update={"commendations": more}), post, as_of=as_of)
    assert after.status is before.status
    assert after.record_score >= before.record_score
