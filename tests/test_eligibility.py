"""Appointment eligibility: the window, the policy, the decision, privacy, the score's properties."""

from __future__ import annotations

import json
import math
from datetime import date, datetime, timedelta

import pytest
from hypothesis import given
from hypothesis import strategies as st
from pydantic import BaseModel, TypeAdapter, ValidationError

import citizenrights
from citizenrights.calendar import (
    JalaliPeriod,
    format_jalali,
    from_jalali,
    is_leap_year,
    parse_jalali_date,
    to_jalali,
)
from citizenrights.errors import CalendarRangeError, InvalidDateError
from citizenrights.models.people import CandidateRecord, Post
from citizenrights.scoring.eligibility import assess_eligibility, assess_many
from citizenrights.scoring.eligibility_policy import EligibilityPolicy, eligibility_window
from citizenrights.scoring.eligibility_results import (
    EligibilityDecision,
    EligibilityStatus,
    Reason,
    ReasonCode,
    eligibility_rows,
)

from . import strategies as cst

MANAGERIAL = Post.parse("managerial:middle")
SENSITIVE = Post.parse("sensitive")
AS_OF = "1397/01/15"
NATIONAL_ID = "0499370899"


def _complaint(cid: str, received: str, **extra: object) -> dict[str, object]:
    base: dict[str, object] = {
        "id": cid,
        "agency_id": "A-1",
        "received": received,
        "channel": "web",
        "severity": "minor",
        "status": "open",
    }
    base.update(extra)
    return base


def _upheld(cid: str, received: str, severity: str = "minor") -> dict[str, object]:
    return _complaint(
        cid,
        received,
        severity=severity,
        status="closed",
        outcome="upheld",
        closed_on=received,
    )


def _training(hours: float, when: str, tid: str | None = "T-1") -> dict[str, object]:
    return {
        "id": tid,
        "person_id": NATIONAL_ID,
        "agency_id": "A-1",
        "course": "حقوق شهروندی",
        "audience": "manager",
        "hours": hours,
        "date": when,
    }


def _record(**fields: object) -> CandidateRecord:
    data: dict[str, object] = {"person_id": NATIONAL_ID, "name": "مریم احمدی"}
    data.update(fields)
    return CandidateRecord.model_validate(data)


# -- the window --------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("as_of", "years", "first"),
    [
        ("1397/01/15", 3, "1394/01/15"),
        ("1399/12/30", 3, "1396/12/29"),  # 1399 leap, 1396 not
        ("1399/12/30", 4, "1395/12/30"),  # 1395 leap: Esfand 30 kept
        ("1398/12/29", 3, "1395/12/29"),
        ("1397/07/30", 1, "1396/07/30"),
        ("1397/01/15", 0, "1397/01/15"),
    ],
)
def test_window_moves_back_whole_jalali_years(as_of: str, years: int, first: str) -> None:
    """The window starts on the same Jalali month and day; Esfand 30 becomes 29 in a common year."""
    start, last = eligibility_window(parse_jalali_date(as_of), years)
    assert format_jalali(start) == first
    assert format_jalali(last) == as_of


def test_window_years_are_checked_against_the_leap_table() -> None:
    """The Esfand 30 case rests on the official table: 1399 leap, 1396 not."""
    assert is_leap_year(1399)
    assert not is_leap_year(1396)


def test_window_rejects_negative_years_and_leaves_the_range_loudly() -> None:
    """A negative lookback is a ValueError; a window past 1206 AP is a CalendarRangeError."""
    with pytest.raises(ValueError, match="years must be 0 or more"):
        eligibility_window(date(2018, 4, 4), -1)
    with pytest.raises(CalendarRangeError):
        eligibility_window(from_jalali(1207, 5, 1), 3)


@given(cst.eligibility_days, st.integers(min_value=0, max_value=10))
def test_window_is_calendar_years_not_day_counts(as_of: date, years: int) -> None:
    """The first day is `years` Jalali years back, same month and day but for Esfand 30."""
    first, last = eligibility_window(as_of, years)
    assert last == as_of
    y, m, d = to_jalali(as_of)
    fy, fm, fd = to_jalali(first)
    assert (fy, fm) == (y - years, m)
    assert fd == d or (m == 12 and d == 30 and fd == 29 and not is_leap_year(fy))
    assert 365 * years <= (last - first).days <= 366 * years


# -- the policy --------------------------------------------------------------------------------


def test_policy_defaults_are_the_design_rules() -> None:
    """Every default of DESIGN section 4 is a field of the default policy."""
    policy = EligibilityPolicy()
    assert policy.version == "2"
    assert policy.lookback_years == 3
    assert policy.grave_complaint_ineligible is True
    assert (policy.upheld_conditional_at, policy.upheld_ineligible_at) == (1, 3)
    assert (policy.min_training_hours, policy.min_training_hours_sensitive) == (12, 16)
    assert policy.min_unit_index == 60
    assert (policy.penalty_minor, policy.penalty_major, policy.penalty_grave) == (10, 20, 40)
    assert (policy.training_penalty, policy.unit_index_penalty) == (20, 20)


def test_every_policy_field_is_documented() -> None:
    """Each field has a description in the JSON Schema (from its docstring)."""
    properties = EligibilityPolicy.model_json_schema()["properties"]
    assert set(properties) == set(EligibilityPolicy.model_fields)
    for name, schema in properties.items():
        assert schema.get("description"), name


@pytest.mark.parametrize(
    ("fields", "error_type"),
    [
        ({"surprise": 1}, "extra_forbidden"),
        ({"version": ""}, "string_too_short"),
        ({"lookback_years": 0}, "greater_than_equal"),
        ({"penalty_minor": 0}, "greater_than"),
        ({"penalty_grave": 101}, "less_than_equal"),
        ({"min_unit_index": 120}, "less_than_equal"),
        ({"min_training_hours": -1}, "greater_than_equal"),
        ({"upheld_conditional_at": 4}, "eligibility_thresholds_order"),
        ({"penalty_minor": 30}, "eligibility_penalty_order"),
    ],
)
def test_policy_rejects_bad_rules(fields: dict[str, object], error_type: str) -> None:
    """Each kind of bad policy is a ValidationError with its stable error type."""
    with pytest.raises(ValidationError) as info:
        EligibilityPolicy.model_validate(fields)
    assert info.value.errors()[0]["type"] == error_type


def test_policy_is_frozen_and_helpers_work() -> None:
    """A policy cannot be changed in place; its helpers read the rules by post and severity."""
    policy = EligibilityPolicy()
    with pytest.raises(ValidationError):
        policy.lookback_years = 5  # type: ignore[misc]
    assert policy.required_training_hours("sensitive") == 16
    assert policy.required_training_hours(SENSITIVE.kind) == 16
    assert policy.required_training_hours("managerial") == 12
    assert policy.penalty("major") == 20
    with pytest.raises(ValueError, match="Unknown complaint severity 'critical'"):
        policy.penalty("critical")
    assert policy.window(date(2018, 4, 4)) == eligibility_window(date(2018, 4, 4), 3)


# -- the rules ---------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "as_of",
    [
        "1397/01/15",
        "۱۳۹۷/۰۱/۱۵",
        "2018-04-04",
        date(2018, 4, 4),
        datetime(2018, 4, 4, 23, 59),
    ],
)
def test_as_of_takes_dates_and_date_text(as_of: date | str) -> None:
    """as_of may be a date, a datetime (its day), Jalali text in any digits, or ISO text."""
    decision = assess_eligibility(_record(), MANAGERIAL, as_of=as_of)
    assert decision.window == (date(2015, 4, 4), date(2018, 4, 4))
    assert decision.as_of == date(2018, 4, 4)


def test_bad_as_of_is_a_documented_error() -> None:
    """Bad date text is an InvalidDateError; a number is a TypeError naming what is accepted."""
    with pytest.raises(InvalidDateError):
        assess_eligibility(_record(), MANAGERIAL, as_of="1397/12/30")
    with pytest.raises(TypeError, match="as_of must be a date"):
        assess_eligibility(_record(), MANAGERIAL, as_of=13970115)  # type: ignore[arg-type]


def test_grave_rule_can_be_switched_off() -> None:
    """With grave_complaint_ineligible off, one upheld grave complaint only makes it conditional."""
    record = _record(complaints=[_upheld("C-1", "1396/01/10", "grave")])
    policy = EligibilityPolicy(version="lenient", grave_complaint_ineligible=False)
    decision = assess_eligibility(record, MANAGERIAL, as_of=AS_OF, policy=policy)
    assert decision.status is EligibilityStatus.CONDITIONAL
    assert ReasonCode.GRAVE_COMPLAINT not in decision.codes
    # grave penalty, no training at all, and no positive record (the 10 points not earned)
    assert decision.record_score == 100 - 40 - 20 - 10


def test_upheld_below_the_conditional_threshold_costs_points_only() -> None:
    """An upheld complaint under upheld_conditional_at leaves the status alone but costs points."""
    record = _record(
        complaints=[_upheld("C-1", "1396/01/10")], trainings=[_training(12, "1396/02/01")]
    )
    policy = EligibilityPolicy(upheld_conditional_at=2)
    decision = assess_eligibility(record, MANAGERIAL, as_of=AS_OF, policy=policy)
    assert decision.status is EligibilityStatus.ELIGIBLE
    assert decision.record_score == 100 - 10 - 10  # the complaint; no positive record
    upheld = decision.reasons[0]
    assert (upheld.code, upheld.effect, upheld.points) == (
        ReasonCode.UPHELD_COMPLAINTS,
        EligibilityStatus.ELIGIBLE,
        10,
    )
    assert "(−10 points)" in decision.explain("en")


def test_zero_training_minimum_is_always_met() -> None:
    """A policy without a training minimum never reports a shortfall."""
    decision = assess_eligibility(
        _record(), SENSITIVE, as_of=AS_OF, policy=EligibilityPolicy(min_training_hours_sensitive=0)
    )
    assert ReasonCode.TRAINING_MET in decision.codes
    assert decision.record_score == 90  # the 10 points of a positive record not earned


def test_training_without_id_counts_but_is_not_evidence() -> None:
    """Hours of a training without an id add up; the evidence lists only ids that exist."""
    record = _record(trainings=[_training(6, "1396/01/01", None), _training(6, "1396/02/01")])
    decision = assess_eligibility(record, MANAGERIAL, as_of=AS_OF)
    training = decision.reasons[1]
    assert training.code is ReasonCode.TRAINING_MET
    assert training.evidence == ("T-1",)


def test_unit_scores_take_period_text_and_reject_bad_numbers() -> None:
    """A period key may be text; a counted score that is NaN or above 100 is a ValueError."""
    record = _record(assignments=[{"agency_id": "A-1", "start": "1394/01/01"}])
    decision = assess_eligibility(
        record,
        MANAGERIAL,
        as_of=AS_OF,
        unit_scores={("A-1", "1396-Q3"): 30.0},  # type: ignore[dict-item]
    )
    unit = next(r for r in decision.reasons if r.code is ReasonCode.LOW_UNIT_INDEX)
    assert unit.evidence == ("A-1@1396-Q3",)
    assert unit.points == pytest.approx(10.0)
    for bad in (math.nan, 100.5, -1.0):
        with pytest.raises(ValueError, match=r"unit_scores\[\('A-1', '1396'\)\]"):
            assess_eligibility(
                record,
                MANAGERIAL,
                as_of=AS_OF,
                unit_scores={("A-1", JalaliPeriod.parse("1396")): bad},
            )


def test_only_none_unit_scores_mean_no_unit_scores() -> None:
    """Scores that are all None leave the unit rule unapplied, with its reason."""
    record = _record(assignments=[{"agency_id": "A-1", "start": "1394/01/01"}])
    decision = assess_eligibility(
        record, MANAGERIAL, as_of=AS_OF, unit_scores={("A-1", JalaliPeriod.parse("1396")): None}
    )
    assert decision.reasons[-2].code is ReasonCode.NO_UNIT_SCORES


def test_commendations_in_the_window_earn_the_positive_part() -> None:
    """A commendation in the window earns 4 of the 10 positive points; one before it nothing."""
    plain = _record(trainings=[_training(12, "1396/02/01")])
    commended = _record(
        trainings=[_training(12, "1396/02/01")],
        commendations=[
            {"date": "1396/01/20", "title": "تقدیر"},
            {"date": "1393/01/20", "title": "قدیمی"},
        ],
    )
    a = assess_eligibility(plain, MANAGERIAL, as_of=AS_OF)
    b = assess_eligibility(commended, MANAGERIAL, as_of=AS_OF)
    assert a.status is b.status is EligibilityStatus.ELIGIBLE
    assert (a.record_score, b.record_score) == (90, 94)
    assert (a.codes[-1], b.codes[-1]) == ("ELIG_NO_POSITIVE_RECORD", "ELIG_POSITIVE_RECORD")
    assert "1 commendation(s)" in b.reasons[-1].text_en
    assert b.reasons[-1].evidence == ("commendation@1396/01/20",)


# -- the decision ------------------------------------------------------------------------------


def _full_decision() -> EligibilityDecision:
    record = _record(
        assignments=[{"agency_id": "A-1", "start": "1393/01/01"}],
        complaints=[
            _upheld("C-1", "1396/02/01", "grave"),
            _complaint("C-2", "1396/12/01"),
        ],
        trainings=[_training(11.5, "1395/06/10")],
        commendations=[{"date": "1396/01/20", "title": "تقدیر"}],
    )
    return assess_eligibility(
        record,
        MANAGERIAL,
        as_of=AS_OF,
        unit_scores={("A-1", JalaliPeriod.parse("1396")): 50.0},
    )


def test_decision_to_dict_has_stable_keys_and_round_trips() -> None:
    """to_dict gives JSON-ready data with fixed keys; from_dict rebuilds the same decision."""
    decision = _full_decision()
    data = decision.to_dict()
    assert list(data) == [
        "person_id",
        "status",
        "record_score",
        "reasons",
        "policy_version",
        "window",
        "library_version",
    ]
    assert list(data["reasons"][0]) == [
        "code",
        "effect",
        "points",
        "decisive",
        "text_fa",
        "text_en",
        "evidence",
    ]
    assert data["window"] == ["2015-04-04", "2018-04-04"]
    assert data["library_version"] == citizenrights.__version__
    assert json.loads(json.dumps(data)) == data
    assert EligibilityDecision.from_dict(data) == decision


def test_record_score_is_100_less_the_points() -> None:
    """The score is 100 less the sum of the reasons' points, and the status their worst effect."""
    decision = _full_decision()
    assert decision.status is EligibilityStatus.INELIGIBLE
    # The positive part: one commendation earns 4 of 10 points, so 6 are not earned.
    assert decision.record_score == pytest.approx(100 - 40 - 20 * 0.5 / 12 - 20 * 10 / 60 - 6)
    assert decision.codes == (
        "ELIG_GRAVE_COMPLAINT",
        "ELIG_UPHELD_COMPLAINTS",
        "ELIG_PENDING_COMPLAINTS",
        "ELIG_TRAINING_SHORTFALL",
        "ELIG_LOW_UNIT_INDEX",
        "ELIG_POSITIVE_RECORD",
    )
    # Only the grave complaint decided the status; the conditional findings are grouped after it.
    assert [r.decisive for r in decision.reasons] == [True] + [False] * 5


def test_decision_works_in_pydantic_and_fastapi() -> None:
    """The decision is a pydantic field and a FastAPI response model, serialised via to_dict."""
    import asyncio

    import httpx
    from fastapi import FastAPI

    decision = _full_decision()

    class Envelope(BaseModel):
        decision: EligibilityDecision
        reasons: tuple[Reason, ...]

    envelope = Envelope(decision=decision, reasons=decision.reasons)
    dumped = json.loads(envelope.model_dump_json())
    assert dumped["decision"] == decision.to_dict()
    assert Envelope.model_validate(dumped).decision == decision
    with pytest.raises(ValidationError) as info:
        TypeAdapter(EligibilityDecision).validate_python(42)
    assert info.value.errors()[0]["type"] == "result_type"

    app = FastAPI()

    @app.get("/decision", response_model=EligibilityDecision)
    def get_decision() -> EligibilityDecision:
        return decision

    async def fetch() -> httpx.Response:
        transport = httpx.ASGITransport(app=app)
        async with httpx.AsyncClient(transport=transport, base_url="http://test") as client:
            return await client.get("/decision")

    response = asyncio.run(fetch())
    assert response.status_code == 200
    assert response.json() == decision.to_dict()
    schema = TypeAdapter(EligibilityDecision).json_schema(mode="serialization")
    assert set(schema["required"]) == set(decision.to_dict())
    assert set(schema["$defs"]["Reason"]["required"]) == set(decision.reasons[0].to_dict())
    assert "record_score" in json.dumps(app.openapi())


def test_explain_in_both_languages() -> None:
    """explain gives a heading, the window and policy, and one line per reason in fa and en."""
    decision = _full_decision()
    en = decision.explain("en").splitlines()
    fa = decision.explain("fa").splitlines()
    assert (
        en[0]
        == "Eligibility of person *******899 as of 1397/01/15: ineligible, record score 49.83."
    )
    assert en[1].startswith("Window 1394/01/15 to 1397/01/15; policy 2;")
    assert len(en) == len(fa) == 2 + len(decision.reasons) + 2  # and the two group headings
    assert en[2] == "What decided the status:"
    assert en[3] == (
        "- [ELIG_GRAVE_COMPLAINT] (ineligible) 1 upheld grave complaint(s) in the window: "
        "ineligible under the policy. Evidence: C-1."
    )
    assert en[4] == "Also found:"
    assert "(conditional, not decisive, −40 points)" in en[5]
    assert "(for information)" in en[6]
    assert fa[0] == "صلاحیت شخص *******899 در تاریخ ۱۳۹۷/۰۱/۱۵: فاقد صلاحیت، امتیاز سابقه ۴۹٫۸۳."
    assert fa[2] == "آنچه وضعیت را تعیین کرد:"
    assert "(مشروط، بی‌اثر در این تصمیم، −۴۰ امتیاز)" in fa[5]
    assert "مستندات: C-1." in fa[5]


@given(cst.candidate_records(), cst.national_ids, cst.posts, cst.eligibility_days)
def test_text_never_shows_the_person(
    record: CandidateRecord, national_id: str, post: Post, as_of: date
) -> None:
    """No text of a decision (explain, reasons, repr, redacted dict, rows) holds the id or name."""
    record = record.model_copy(update={"person_id": national_id})

    def texts_of(decision: EligibilityDecision) -> list[str]:
        return [
            decision.explain("fa"),
            decision.explain("en"),
            repr(decision),
            json.dumps(decision.to_dict(redact=True), ensure_ascii=False),
            json.dumps(eligibility_rows([decision]), ensure_ascii=False),
            *(reason.text_fa + reason.text_en for reason in decision.reasons),
        ]

    decision = assess_eligibility(record, post, as_of=as_of)
    texts = texts_of(decision)
    # The same decision for a person named "X": words of a generated name can occur in the
    # reasons' own wording by chance ("آموزش حق…"); only a name the wording lacks must be absent.
    wording = texts_of(
        assess_eligibility(record.model_copy(update={"name": "X"}), post, as_of=as_of)
    )
    for text, own in zip(texts, wording, strict=True):
        assert national_id not in text
        assert record.name in own or record.name not in text
    assert decision.to_dict()["person_id"] == national_id


def test_redacted_dict_and_repr_mask_a_national_id() -> None:
    """to_dict(redact=True) and repr mask the national id; to_dict() keeps it for storage."""
    decision = _full_decision()
    assert decision.to_dict(redact=True)["person_id"] == "*******899"
    assert NATIONAL_ID not in repr(decision)
    assert NATIONAL_ID not in json.dumps(decision.to_dict(redact=True))
    assert decision.to_dict()["person_id"] == NATIONAL_ID


def test_assess_many_keeps_order_and_matches_one_by_one() -> None:
    """assess_many gives one decision per record, in input order, equal to assessing each."""
    records = [
        _record(person_id=f"E-{n}", trainings=[]) if n % 2 else _record(person_id=f"E-{n}")
        for n in (3, 1, 2)
    ]
    decisions = assess_many(iter(records), MANAGERIAL, as_of=AS_OF)
    assert [d.person_id for d in decisions] == ["E-3", "E-1", "E-2"]
    assert decisions == tuple(assess_eligibility(r, MANAGERIAL, as_of=AS_OF) for r in records)
    assert assess_many([], MANAGERIAL, as_of=AS_OF) == ()


def test_rows_for_a_table() -> None:
    """eligibility_rows gives one dict per decision with fixed keys, masked unless asked not to."""
    decision = _full_decision()
    (row,) = eligibility_rows([decision])
    assert row == {
        "person_id": "*******899",
        "status": "ineligible",
        "record_score": 49.83,
        "reasons": "ELIG_GRAVE_COMPLAINT, ELIG_UPHELD_COMPLAINTS, ELIG_TRAINING_SHORTFALL, "
        "ELIG_LOW_UNIT_INDEX, ELIG_POSITIVE_RECORD",
        "window": "1394/01/15–1397/01/15",
        "policy_version": "2",
    }
    assert eligibility_rows([decision], redact=False)[0]["person_id"] == NATIONAL_ID
    assert eligibility_rows([]) == []


def test_public_names_are_exported() -> None:
    """The eligibility API is importable from the package root and from citizenrights.scoring."""
    import citizenrights.scoring

    for name in (
        "EligibilityDecision",
        "EligibilityPolicy",
        "EligibilityStatus",
        "Reason",
        "ReasonCode",
        "assess_eligibility",
        "assess_many",
        "eligibility_rows",
        "eligibility_window",
    ):
        assert name in citizenrights.__all__, name
        assert name in citizenrights.scoring.__all__, name


def test_results_are_still_importable_from_the_eligibility_module() -> None:
    """The results moved to eligibility_results; the old import path gives the same objects."""
    from citizenrights.scoring import eligibility, eligibility_results

    for name in eligibility_results.__all__:
        assert getattr(eligibility, name) is getattr(eligibility_results, name), name


# -- properties --------------------------------------------------------------------------------


@given(cst.candidate_records(), cst.posts, cst.eligibility_days, st.data())
def test_score_bounds_status_and_points_agree(
    record: CandidateRecord, post: Post, as_of: date, data: st.DataObject
) -> None:
    """0 ≤ score ≤ 100, score = max(0, 100 − Σ points), status = the worst effect of the reasons."""
    scores = data.draw(cst.unit_scores(tuple({a.agency_id for a in record.assignments})))
    decision = assess_eligibility(record, post, as_of=as_of, unit_scores=scores)
    assert 0 <= decision.record_score <= 100
    assert decision.record_score == max(0.0, 100 - math.fsum(r.points for r in decision.reasons))
    worst = max((r.effect for r in decision.reasons), key=lambda s: s.rank)
    assert decision.status is worst
    assert all(r.points >= 0 for r in decision.reasons)
    assert decision.window == eligibility_window(as_of, 3)


@given(cst.candidate_records(), cst.posts, cst.eligibility_days, st.data())
def test_extra_upheld_complaint_strictly_lowers_the_score(
    record: CandidateRecord, post: Post, as_of: date, data: st.DataObject
) -> None:
    """An extra upheld complaint in the window lowers the score (until 0), never helps the status."""
    first, last = eligibility_window(as_of)
    extra = data.draw(cst.upheld_complaints(first, last, respondent_id=record.person_id))
    worse = record.model_copy(update={"complaints": (*record.complaints, extra)})
    before = assess_eligibility(record, post, as_of=as_of)
    after = assess_eligibility(worse, post, as_of=as_of)
    assert (
        after.record_score < before.record_score or before.record_score == after.record_score == 0
    )
    assert after.status.rank >= before.status.rank


@given(cst.candidate_records(), cst.posts, cst.eligibility_days, st.data())
def test_extra_training_never_lowers_the_score(
    record: CandidateRecord, post: Post, as_of: date, data: st.DataObject
) -> None:
    """Adding a training record (dated anywhere) never lowers the score nor worsens the status."""
    extra = data.draw(cst.training_records(person_id=record.person_id))
    better = record.model_copy(update={"trainings": (*record.trainings, extra)})
    before = assess_eligibility(record, post, as_of=as_of)
    after = assess_eligibility(better, post, as_of=as_of)
    assert after.record_score >= before.record_score
    assert after.status.rank <= before.status.rank


@given(cst.candidate_records(), cst.posts, cst.eligibility_days, st.data())
def test_order_of_records_does_not_matter(
    record: CandidateRecord, post: Post, as_of: date, data: st.DataObject
) -> None:
    """Shuffling complaints, trainings, assignments, commendations, unit scores changes nothing."""
    scores = data.draw(cst.unit_scores(tuple({a.agency_id for a in record.assignments})))
    shuffled = record.model_copy(
        update={
            field: tuple(data.draw(st.permutations(getattr(record, field))))
            for field in ("complaints", "trainings", "assignments", "commendations")
        }
    )
    reordered = dict(reversed(list(scores.items())))
    a = assess_eligibility(record, post, as_of=as_of, unit_scores=scores)
    b = assess_eligibility(shuffled, post, as_of=as_of, unit_scores=reordered)
    assert a == b
    assert a.to_dict() == b.to_dict()


@given(cst.candidate_records(), cst.posts, cst.eligibility_days)
def test_records_after_as_of_never_count(record: CandidateRecord, post: Post, as_of: date) -> None:
    """Dropping every complaint received and training dated after as_of changes nothing."""
    trimmed = record.model_copy(
        update={
            "complaints": tuple(c for c in record.complaints if c.received <= as_of),
            "trainings": tuple(t for t in record.trainings if t.date <= as_of),
        }
    )
    assert assess_eligibility(record, post, as_of=as_of) == assess_eligibility(
        trimmed, post, as_of=as_of
    )


def test_a_day_later_a_closed_complaint_counts() -> None:
    """A complaint upheld the day after as_of is pending on as_of and counted the next day."""
    complaint = _upheld("C-1", "1396/12/01")
    complaint["closed_on"] = "1397/01/16"
    record = _record(complaints=[complaint], trainings=[_training(12, "1396/02/01")])
    on_day = assess_eligibility(record, MANAGERIAL, as_of=AS_OF)
    next_day = assess_eligibility(
        record, MANAGERIAL, as_of=parse_jalali_date(AS_OF) + timedelta(days=1)
    )
    assert ReasonCode.PENDING_COMPLAINTS in on_day.codes
    assert on_day.status is EligibilityStatus.ELIGIBLE
    assert next_day.codes[0] == ReasonCode.UPHELD_COMPLAINTS
    assert next_day.record_score == 80  # the complaint, and no positive record
