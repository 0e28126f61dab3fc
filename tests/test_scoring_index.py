"""agency_index: components, re-normalised weights, coverage, required components, periods, rates."""

from __future__ import annotations

from datetime import date
from typing import Any

import pytest

from citizenrights import (
    AgencyStats,
    Checklist,
    Complaint,
    DatasetError,
    IndexPolicy,
    Inspection,
    JalaliPeriod,
    ScoringPolicy,
    SurveyResponse,
    TrainingRecord,
    agency_index,
    period_stats,
    score_inspection,
    wilson_interval,
)
from citizenrights.scoring import InspectionScore

Q3 = JalaliPeriod.parse("1396-Q3")  # 1396/07/01 (2017-09-23) .. 1396/09/30 (2017-12-21)
CHECKLIST = Checklist.model_validate(
    {
        "id": "c",
        "version": "1",
        "title": "t",
        "sections": [
            {
                "code": "S",
                "title": "t",
                "items": [{"code": "a", "text": "t"}, {"code": "b", "text": "t"}],
            }
        ],
    }
)
JOINT = [{"name": "الف", "affiliation": "areo"}, {"name": "ب", "affiliation": "moi"}]


def scored(
    ident: str, answers: tuple[Any, Any], when: str = "1396/08/01", *, joint: bool = True
) -> InspectionScore:
    """An inspection score for agency A of CHECKLIST; an answer None leaves the item unanswered."""
    responses = [
        {"item": code, "answer": a} for code, a in zip("ab", answers, strict=True) if a is not None
    ]
    inspection = Inspection.model_validate(
        {
            "id": ident,
            "agency_id": "A",
            "checklist_id": "c",
            "checklist_version": "1",
            "kind": "periodic",
            "date": when,
            "team": JOINT if joint else JOINT[:1],
            "responses": responses,
        }
    )
    return score_inspection(inspection, CHECKLIST)


def complaint(ident: str, received: str, closed_on: str | None = None, **extra: Any) -> Complaint:
    """A complaint about agency A, closed (upheld by default) when closed_on is given."""
    data: dict[str, Any] = {
        "id": ident,
        "agency_id": "A",
        "received": received,
        "channel": "web",
        "severity": "minor",
        "status": "open",
    }
    if closed_on is not None:
        data.update(status="closed", closed_on=closed_on, outcome="upheld")
    data.update(extra)
    return Complaint.model_validate(data)


def index(**kwargs: Any) -> Any:
    """agency_index of A for 1396-Q3 with empty inputs unless given."""
    args: dict[str, Any] = {
        "inspections": [],
        "complaints": [],
        "trainings": [],
        "surveys": [],
        "stats": [],
    }
    args.update(kwargs)
    return agency_index("A", Q3, **args)


STATS = [AgencyStats(agency_id="A", period="1396-Q3", services=2000, staff=40)]


def test_nothing_at_all_gives_no_score() -> None:
    """No data: every component missing, no score, coverage 0, reason no_component."""
    result = index()
    assert result.score is None
    assert result.coverage == 0.0
    assert result.reason == "no_component"
    assert [c.value for c in result.missing] == [
        "inspection",
        "complaints",
        "training",
        "satisfaction",
    ]
    assert all(c.share == 0.0 for c in result.components.values())


def test_inspection_component_uses_joint_scored_inspections_of_the_period() -> None:
    """Mean of the period's joint, complete inspections; others left out and counted."""
    inspections = [
        scored("I-1", ("compliant", "compliant")),  # 100
        scored("I-2", ("compliant", "non_compliant")),  # 50
        scored("I-3", ("compliant", None)),  # incomplete (completeness 0.5)
        scored("I-4", ("non_compliant", "non_compliant"), joint=False),
        scored("I-5", ("compliant", "compliant"), when="1396/06/31"),  # Q2
        scored("I-6", ("not_applicable", "not_applicable")),
    ]
    result = index(inspections=inspections)
    component = result.components["inspection"]
    assert component.value == 75.0
    assert component.evidence == {
        "inspections": 2,
        "left_out_incomplete": 1,
        "left_out_not_joint": 1,
        "left_out_not_applicable": 1,
    }
    assert result.score == 75.0
    assert result.coverage == 0.5
    assert component.share == 1.0
    with_non_joint = index(inspections=inspections, policy=IndexPolicy(joint_only=False))
    assert with_non_joint.components["inspection"].value == 50.0


def test_incomplete_inspection_never_counts_even_with_lenient_scoring() -> None:
    """Status decides: scored under a lenient policy counts, incomplete under the default does not."""
    lenient = score_inspection(
        _inspection_of("I-1", ("compliant", None)), CHECKLIST, ScoringPolicy(min_completeness=0.5)
    )
    assert lenient.status.value == "scored"
    result = index(inspections=[lenient, scored("I-2", ("compliant", None))])
    assert result.components["inspection"].evidence["inspections"] == 1


def _inspection_of(ident: str, answers: tuple[Any, Any]) -> Inspection:
    return Inspection.model_validate(
        {
            "id": ident,
            "agency_id": "A",
            "checklist_id": "c",
            "checklist_version": "1",
            "kind": "periodic",
            "date": "1396/08/01",
            "team": JOINT,
            "responses": [
                {"item": c, "answer": a}
                for c, a in zip("ab", answers, strict=True)
                if a is not None
            ],
        }
    )


def test_complaints_rate_half_and_timeliness_half() -> None:
    """Rate half from upheld per 1,000 services; timeliness from working days to closing."""
    complaints = [
        # Received Sat 1396/08/06 (2017-10-28); 10 working days later is Wed 1396/08/17.
        complaint("C-1", "1396/08/06", "1396/08/17"),
        complaint("C-2", "1396/08/06", "1396/08/18", outcome="dismissed"),  # 11 working days
        complaint("C-3", "1396/08/06"),  # open
        complaint("C-4", "1396/06/30", "1396/07/02"),  # received in Q2: left out
    ]
    result = index(complaints=complaints, stats=STATS)
    component = result.components["complaints"]
    upheld, on_time = component.rates
    # 1 upheld in 2000 services = 0.5 per 1000; 100 x (1 - 0.5 / 5) = 90.
    assert (upheld.name, upheld.numerator, upheld.denominator) == ("upheld_per_service", 1, 2000)
    assert upheld.points == pytest.approx(90.0)
    assert (on_time.name, on_time.numerator, on_time.denominator) == ("on_time", 1, 2)
    assert on_time.points == 50.0
    assert on_time.small_sample is True
    assert upheld.small_sample is False
    assert component.value == pytest.approx(70.0)
    assert component.evidence == {
        "complaints": 3,
        "upheld": 1,
        "closed": 2,
        "closed_on_time": 1,
        "services": 2000,
        "stats_rows": 1,
    }
    # The interval of the rate half runs the other way: more upheld complaints, fewer points.
    assert upheld.points_low <= upheld.points <= upheld.points_high
    assert on_time.points_low <= on_time.points <= on_time.points_high


def test_rate_half_bottoms_out_at_the_ceiling() -> None:
    """At or above the ceiling of upheld complaints per 1,000 services the rate half is 0."""
    stats = [AgencyStats(agency_id="A", period="1396-Q3", services=200, staff=10)]
    complaints = [complaint("C-1", "1396/08/06", "1396/08/07")]  # 5 per 1000
    rate = index(complaints=complaints, stats=stats).components["complaints"].rates[0]
    assert rate.points == 0.0


def test_no_complaints_with_services_is_a_full_rate_half() -> None:
    """An agency with services and no complaint gets 100 for complaints (the rate half alone)."""
    component = index(stats=STATS).components["complaints"]
    assert component.value == 100.0
    assert [r.name for r in component.rates] == ["upheld_per_service"]


def test_timeliness_uses_the_policy_calendar() -> None:
    """The policy's weekend and extra holidays decide how many working days a complaint took."""
    # Received Sat 1396/08/06, closed Sun 1396/08/18: 11 working days with the Friday weekend.
    late = [complaint("C-1", "1396/08/06", "1396/08/18")]
    assert index(complaints=late).components["complaints"].value == 0.0
    holiday = IndexPolicy.model_validate({"calendar": {"holidays": ["1396/08/08"]}})
    assert index(complaints=late, policy=holiday).components["complaints"].value == 100.0
    # Closed Wed 1396/08/17: 10 working days, on time; with no weekend at all, 11: late.
    on_time = [complaint("C-2", "1396/08/06", "1396/08/17")]
    assert index(complaints=on_time).components["complaints"].value == 100.0
    no_weekend = IndexPolicy.model_validate({"calendar": {"weekend": []}})
    assert index(complaints=on_time, policy=no_weekend).components["complaints"].value == 0.0


def test_training_share_of_staff() -> None:
    """Distinct people whose hours in the period add up to 4 or more, out of staff, capped at 100."""

    def record(person: str, hours: float, when: str = "1396/08/01") -> TrainingRecord:
        return TrainingRecord(
            person_id=person,
            agency_id="A",
            course="حقوق شهروندی",
            audience="employee",
            hours=hours,
            date=when,
        )

    trainings = [
        record("p1", 2),
        record("p1", 2),  # p1: 4 hours in two records
        record("p2", 3.5),
        record("p3", 8, when="1396/06/01"),  # Q2: does not count
        record("p4", 6),
    ]
    stats = [AgencyStats(agency_id="A", period="1396-Q3", services=10, staff=4)]
    component = index(trainings=trainings, stats=stats).components["training"]
    assert component.value == 50.0
    assert component.rates[0].small_sample is True
    assert component.evidence["people_trained_enough"] == 2
    small = [AgencyStats(agency_id="A", period="1396-Q3", services=10, staff=1)]
    assert index(trainings=trainings, stats=small).components["training"].value == 100.0
    assert index(trainings=trainings).components["training"].value is None


def test_satisfaction() -> None:
    """100 x (mean - 1) / 4 over the period's survey responses."""
    surveys = [
        SurveyResponse(agency_id="A", date="1396/08/01", score=5),
        SurveyResponse(agency_id="A", date="1396/08/02", score=2),
        SurveyResponse(agency_id="A", date="1396/10/02", score=1),  # Q4
        SurveyResponse(agency_id="B", date="1396/08/02", score=1),
    ]
    component = index(surveys=surveys).components["satisfaction"]
    assert component.value == 62.5
    assert component.evidence == {"responses": 2, "small_sample": 1, "mean": 3.5}


def test_weights_renormalised_and_coverage() -> None:
    """Missing components are left out; the others' weights are re-normalised."""
    surveys = [SurveyResponse(agency_id="A", date="1396/08/01", score=3)]
    result = index(inspections=[scored("I-1", ("compliant", "compliant"))], surveys=surveys)
    # (0.5 x 100 + 0.15 x 50) / 0.65
    assert result.score == pytest.approx(57.5 / 0.65)
    assert result.coverage == pytest.approx(0.65)
    assert result.components["inspection"].share == pytest.approx(0.5 / 0.65)


def test_required_component_missing_means_no_score() -> None:
    """A component named in policy.required that is missing leaves the index without a score."""
    surveys = [SurveyResponse(agency_id="A", date="1396/08/01", score=3)]
    policy = IndexPolicy(required=("inspection",))
    result = index(surveys=surveys, policy=policy)
    assert result.score is None
    assert result.reason == "required_missing"
    assert result.components["satisfaction"].value == 50.0


def test_to_dict_shape() -> None:
    """to_dict names the period in canonical text and every component by name."""
    data = index(stats=STATS).to_dict()
    assert data["period"] == "1396-Q3"
    assert list(data["components"]) == ["inspection", "complaints", "training", "satisfaction"]
    assert data["components"]["complaints"]["rates"][0]["name"] == "upheld_per_service"
    assert data["missing"] == ["inspection", "satisfaction"]


def test_period_stats_exact_tiled_or_none() -> None:
    """The exact period's row wins; else a complete tiling by one finer kind; else None."""
    months = [
        AgencyStats(agency_id="A", period=f"1396-{m:02d}", services=10 * m, staff=m)
        for m in (7, 8, 9)
    ]
    assert period_stats("A", Q3, months) == (240, 9, 3)
    assert period_stats("A", Q3, months[:2]) is None
    assert period_stats("A", Q3, [*months, *STATS]) == (2000, 40, 1)
    assert period_stats("B", Q3, STATS) is None
    with pytest.raises(DatasetError, match="two rows"):
        period_stats("A", Q3, [*STATS, *STATS])


def test_wilson_interval() -> None:
    """Known values of the 95% Wilson interval, and its bounds."""
    low, high = wilson_interval(5, 10)
    assert (round(low, 4), round(high, 4)) == (0.2366, 0.7634)
    assert wilson_interval(10, 10)[1] == 1.0
    assert wilson_interval(0, 1)[0] == 0.0
    with pytest.raises(ValueError, match="trials"):
        wilson_interval(0, 0)
    with pytest.raises(ValueError, match="successes"):
        wilson_interval(3, 2)


def test_records_dated_outside_the_period_never_count() -> None:
    """Only records dated inside the JalaliPeriod count: the day before and after are left out."""
    before, after = date(2017, 9, 22), date(2017, 12, 22)
    assert before not in Q3
    assert after not in Q3
    surveys = [SurveyResponse(agency_id="A", date=d, score=1) for d in (before, after)]
    surveys.append(SurveyResponse(agency_id="A", date=Q3.start, score=5))
    surveys.append(SurveyResponse(agency_id="A", date=Q3.end, score=5))
    assert index(surveys=surveys).components["satisfaction"].value == 100.0


def test_raw_inspections_are_refused_with_a_clear_error() -> None:
    """Passing Inspection records instead of their scores is a TypeError that says what to do."""
    from citizenrights import load_demo

    demo = load_demo()
    with pytest.raises(TypeError, match="score_inspection"):
        agency_index(
            demo.inspections[0].agency_id,
            JalaliPeriod.parse("1396"),
            inspections=demo.inspections[:3],
            complaints=(),
            trainings=(),
            surveys=(),
            stats=(),
        )


def _attendance(person: str, audience: str, hours: float = 4) -> TrainingRecord:
    return TrainingRecord(
        person_id=person,
        agency_id="A",
        course="حقوق شهروندی",
        audience=audience,
        hours=hours,
        date="1396/08/01",
    )


@pytest.mark.parametrize(
    ("audiences", "expected", "left_out"),
    [
        # Issue 10 row 8: ten NGO-audience records in an agency of ten staff gave "training = 100".
        (["ngo"] * 10, 0.0, 10),
        (["inspector"] * 10, 0.0, 10),
        (["employee"] * 10, 100.0, 0),
        (["manager"] * 10, 100.0, 0),
        (["manager"] * 2 + ["employee"] * 3, 50.0, 0),
        (["employee"] * 5 + ["ngo"] * 5, 50.0, 5),
        (["employee"] * 3 + ["inspector"] * 2 + ["ngo"] * 5, 30.0, 7),
    ],
)
def test_training_counts_only_the_agencys_own_staff(
    audiences: list[str], expected: float, left_out: int
) -> None:
    """Only courses for managers and employees count toward the staff trained; others are left out.

    Each record is one distinct person's 4-hour course; the agency has 10 staff.
    """
    trainings = [_attendance(f"p{n}", a) for n, a in enumerate(audiences)]
    stats = [AgencyStats(agency_id="A", period="1396-Q3", services=10, staff=10)]
    component = index(trainings=trainings, stats=stats).components["training"]
    assert component.value == expected
    assert component.evidence["left_out_not_staff"] == left_out
    assert component.evidence["people_trained_any"] == len(audiences) - left_out


def test_training_hours_of_other_audiences_never_add_to_a_staff_members_hours() -> None:
    """A staff member's NGO-audience course does not top up their staff hours to the threshold."""
    trainings = [_attendance("p1", "employee", 2), _attendance("p1", "ngo", 2)]
    stats = [AgencyStats(agency_id="A", period="1396-Q3", services=10, staff=1)]
    component = index(trainings=trainings, stats=stats).components["training"]
    assert component.value == 0.0
    assert component.evidence["hours"] == 2


@pytest.mark.parametrize(
    ("staff_audiences", "expected"),
    [
        (["manager", "employee"], 20.0),
        (["manager", "employee", "inspector"], 30.0),
        (["manager"], 10.0),
    ],
)
def test_staff_audiences_is_a_policy_choice(staff_audiences: list[str], expected: float) -> None:
    """`IndexPolicy.staff_audiences` decides which audiences count (one of each, 10 staff)."""
    trainings = [
        _attendance(f"p{n}", a) for n, a in enumerate(["manager", "employee", "inspector", "ngo"])
    ]
    stats = [AgencyStats(agency_id="A", period="1396-Q3", services=10, staff=10)]
    policy = IndexPolicy.model_validate({"staff_audiences": staff_audiences})
    assert index(trainings=trainings, stats=stats, policy=policy).components[
        "training"
    ].value == pytest.approx(expected)


def test_staff_audiences_cannot_be_empty() -> None:
    """An empty `staff_audiences` would make the component 0 for everyone: refused."""
    from pydantic import ValidationError

    with pytest.raises(ValidationError) as info:
        IndexPolicy.model_validate({"staff_audiences": []})
    assert info.value.errors()[0]["type"] == "too_short"


# -- explain ---------------------------------------------------------------------------------------


def test_explain_gives_the_components_the_sum_and_the_coverage() -> None:
    """The index is explained by its components (weight, value, share, rates), the weighted mean,
    and the data coverage with what was missing, in Persian (امتیاز, طبق ضوابط, Persian digits,
    «، ») and in English."""
    surveys = [SurveyResponse(agency_id="A", date="1396/08/01", score=3)]
    result = index(inspections=[scored("I-1", ("compliant", "compliant"))], surveys=surveys)
    fa = result.explain("fa").splitlines()
    assert fa[0] == "دستگاه A، پاییز ۱۳۹۶: امتیاز ۸۸٫۴۶ از ۱۰۰، طبق ضوابط امتیازدهی، نسخهٔ ۱."
    assert fa[2] == "- بازرسی: امتیاز ۱۰۰٫۰۰، وزن ۰٫۵ (سهم پس از بازتقسیم ۷۶٫۹٪)"
    assert "- شکایات (وزن ۰٫۲): بدون داده، کنار گذاشته شد" in fa[3]
    assert fa[-2] == "امتیاز = (۰٫۵ × ۱۰۰٫۰۰ + ۰٫۱۵ × ۵۰٫۰۰) / ۰٫۶۵"
    assert fa[-1] == "پوشش داده‌ها: ۶۵٫۰٪ از وزن کل؛ مؤلفه‌های بی‌داده: شکایات، آموزش."
    assert "نمره" not in result.explain("fa")
    en = result.explain("en").splitlines()
    assert en[0] == "Agency A, Autumn 1396: score 88.46 of 100, by the scoring rules, version 1."
    assert en[-2] == "Score = (0.5 × 100.00 + 0.15 × 50.00) / 0.65"
    assert (
        en[-1]
        == "Data coverage: 65.0% of the total weight; components without data: complaints, training."
    )


def test_explain_of_rates_and_of_an_index_without_a_score() -> None:
    """A component lists its rates (with a small sample flagged); an index without a score says
    why: no component with data, or a required one missing."""
    component = index(stats=STATS).components["training"]
    assert component.explain("en").splitlines()[1] == "  staff trained: 0 of 40, 0.00 points"
    assert component.explain("fa").splitlines()[1] == "  کارکنان آموزش‌دیده: ۰ از ۴۰، ۰٫۰۰ امتیاز"
    nothing = index()
    assert "No score: no component has data." in nothing.explain("en")
    assert "بدون امتیاز: هیچ مؤلفه‌ای داده ندارد." in nothing.explain("fa")
    assert nothing.explain("en").splitlines()[-1] == (
        "Data coverage: 0.0% of the total weight; components without data: "
        "inspection, complaints, training, satisfaction."
    )
    surveys = [SurveyResponse(agency_id="A", date="1396/08/01", score=3)]
    required = index(surveys=surveys, policy=IndexPolicy(required=("inspection",)))
    assert "مؤلفه‌ای که ضوابط الزامی می‌داند داده ندارد" in required.explain("fa")
    small = index(complaints=[complaint("K-1", "1396/07/02", "1396/07/03")])
    assert "; small sample" in small.components["complaints"].explain("en")


@pytest.mark.parametrize(("mean", "points"), [(1.0, 0.0), (3.0, 50.0), (4.0, 75.0), (5.0, 100.0)])
def test_satisfaction_points_is_the_components_rule(mean: float, points: float) -> None:
    from citizenrights import satisfaction_points

    assert satisfaction_points(mean) == points
    surveys = [SurveyResponse(agency_id="A-1", date="1396/07/20", score=int(mean))]
    index = agency_index(
        "A-1", Q3, inspections=[], complaints=[], trainings=[], surveys=surveys, stats=[]
    )
    assert index.components["satisfaction"].value == satisfaction_points(mean)


def test_the_results_and_rates_are_still_importable_from_their_old_module() -> None:
    from citizenrights.scoring import index, index_results, rates

    assert index.AgencyIndex is index_results.AgencyIndex
    assert index.IndexComponent is index_results.IndexComponent
    assert index.Rate is rates.Rate
    assert index.wilson_interval is rates.wilson_interval
    assert index.Z_95 == rates.Z_95
    assert index_results.AgencyIndex.__module__ == "citizenrights.scoring.index_results"
