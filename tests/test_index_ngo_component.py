"""The optional NGO participation component of the agency index (issue 15, item 1).

The component is 100 × the share of an agency's inspections in the period whose team has an NGO
member. It weighs 0 by default and is then not computed at all, so the default index is exactly
what it was; with a weight above 0 it counts like the other components.
"""

from __future__ import annotations

import json
import pickle
import random
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from pydantic import ValidationError

from citizenrights import (
    AgencyStats,
    Checklist,
    IndexPolicy,
    Inspection,
    JalaliPeriod,
    SurveyResponse,
    TrainingRecord,
    agency_index,
    score_inspection,
)
from citizenrights.scoring import ComponentName, ComponentWeights
from citizenrights.scoring.index_results import AgencyIndex
from citizenrights.scoring.partials import AgencyPartial, PartialResults

Q3 = JalaliPeriod.parse("1396-Q3")  # 1396/07/01 .. 1396/09/30
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
NGO_MEMBER = {"name": "پ", "affiliation": "ngo", "ngo_id": "NGO-01"}
#: Weights 40/20/15/15/10 (inspection, complaints, training, satisfaction, NGO participation).
WEIGHTED = IndexPolicy(
    version="ngo-10",
    weights=ComponentWeights(
        inspection=40, complaints=20, training=15, satisfaction=15, ngo_participation=10
    ),
)
DEFAULT_NAMES = ["inspection", "complaints", "training", "satisfaction"]


def inspection(
    ident: str, answers: tuple[str, str], *, ngo: bool, when: str = "1396/08/01"
) -> Inspection:
    """A joint inspection of agency A, with an NGO member on the team when ``ngo``."""
    return Inspection.model_validate(
        {
            "id": ident,
            "agency_id": "A",
            "checklist_id": "c",
            "checklist_version": "1",
            "kind": "periodic",
            "date": when,
            "team": [*JOINT, NGO_MEMBER] if ngo else JOINT,
            "responses": [{"item": c, "answer": a} for c, a in zip("ab", answers, strict=True)],
        }
    )


# Four inspections in Q3, three with an NGO member: scores 100, 50, 0 and 100 (mean 62.5), and
# NGO participation 3 ÷ 4 = 75.
INSPECTIONS = [
    inspection("I-1", ("compliant", "compliant"), ngo=True),  # 100
    inspection("I-2", ("compliant", "non_compliant"), ngo=True),  # 50
    inspection("I-3", ("non_compliant", "non_compliant"), ngo=True),  # 0
    inspection("I-4", ("compliant", "compliant"), ngo=False),  # 100
]
SCORES = [score_inspection(i, CHECKLIST) for i in INSPECTIONS]
# 1,000 services and no complaint: the rate half is 100, there is no timeliness half.
STATS = [AgencyStats(agency_id="A", period="1396-Q3", services=1000, staff=10)]
# Five of ten staff with 4 hours: training 50.
TRAININGS = [
    TrainingRecord(
        person_id=f"p-{n}",
        agency_id="A",
        course="منشور",
        audience="employee",
        hours=4,
        date="1396/08/10",
    )
    for n in range(5)
]
# Scores 4 and 5: mean 4.5, satisfaction 100 × 3.5 / 4 = 87.5.
SURVEYS = [
    SurveyResponse(agency_id="A", date="1396/07/20", score=4),
    SurveyResponse(agency_id="A", date="1396/09/01", score=5),
]


def index(policy: IndexPolicy | None = None, **records: Any) -> AgencyIndex:
    data: dict[str, Any] = {
        "inspections": SCORES,
        "complaints": [],
        "trainings": TRAININGS,
        "surveys": SURVEYS,
        "stats": STATS,
        "inspection_records": INSPECTIONS,
    }
    data.update(records)
    if policy is not None:
        data["policy"] = policy
    return agency_index("A", Q3, **data)


def as_json(result: AgencyIndex) -> str:
    """The index as JSON; float reprs round-trip, so equal JSON means every float to the bit."""
    return json.dumps(result.to_dict(), sort_keys=True, ensure_ascii=False)


# -- weight above 0: a component like the others -----------------------------------------------


def test_weighted_scenario_by_hand() -> None:
    result = index(WEIGHTED)
    values = {name: c.value for name, c in result.components.items()}
    assert values == {
        "inspection": 62.5,
        "complaints": 100.0,
        "training": 50.0,
        "satisfaction": 87.5,
        "ngo_participation": 75.0,
    }
    # (40 × 62.5 + 20 × 100 + 15 × 50 + 15 × 87.5 + 10 × 75) / 100 = 7312.5 / 100
    assert result.score == 73.125
    assert result.coverage == 1.0
    assert result.missing == ()
    ngo = result.components["ngo_participation"]
    assert (ngo.weight, ngo.share) == (10.0, 0.1)
    assert ngo.evidence == {"inspections": 4, "with_ngo": 3}
    (rate,) = ngo.rates
    assert (rate.name, rate.numerator, rate.denominator, rate.points) == ("with_ngo", 3, 4, 75.0)
    assert rate.small_sample  # 4 < min_sample 30
    assert result.to_dict()["components"]["ngo_participation"]["value"] == 75.0


def test_weighted_explain_shows_the_component() -> None:
    en = index(WEIGHTED).explain("en").splitlines()
    assert "- NGO participation: score 75.00, weight 10 (share after re-normalising 10.0%)" in en
    assert "  inspections with an NGO member: 3 of 4, 75.00 points; small sample" in en
    assert en[-2] == (
        "Score = (40 × 62.50 + 20 × 100.00 + 15 × 50.00 + 15 × 87.50 + 10 × 75.00) / 100"
    )
    fa = index(WEIGHTED).explain("fa")
    assert "- مشارکت سازمان‌های مردم‌نهاد: امتیاز ۷۵٫۰۰، وزن ۱۰" in fa
    assert "بازرسی‌های با عضو سازمان مردم‌نهاد: ۳ از ۴، ۷۵٫۰۰ امتیاز؛ نمونهٔ کوچک" in fa


def test_missing_without_inspections_is_re_weighted() -> None:
    # No inspection in the period: inspection and NGO participation are both missing, and the
    # other three share the weight: (20 × 100 + 15 × 50 + 15 × 87.5) / 50 = 4062.5 / 50.
    result = index(WEIGHTED, inspections=[], inspection_records=[])
    assert result.missing == (ComponentName.INSPECTION, ComponentName.NGO)
    assert result.score == 81.25
    assert result.coverage == 0.5
    ngo = result.components["ngo_participation"]
    assert (ngo.value, ngo.share, ngo.reason) == (None, 0.0, "no inspection in the period")
    assert ngo.evidence == {"inspections": 0, "with_ngo": 0}
    assert (
        "- NGO participation (weight 10): no data, left out (no inspection in the period)."
        in result.explain("en").splitlines()
    )


def test_only_the_period_and_agency_count() -> None:
    other_agency = inspection("I-9", ("compliant", "compliant"), ngo=True).model_copy(
        update={"agency_id": "B"}
    )
    q4 = inspection("I-8", ("compliant", "compliant"), ngo=True, when="1396/10/02")
    result = index(WEIGHTED, inspection_records=[*INSPECTIONS, other_agency, q4])
    assert result.components["ngo_participation"].evidence == {"inspections": 4, "with_ngo": 3}


def test_every_inspection_counts_whatever_its_score() -> None:
    # The component reads the records, not the scores: an incomplete or non-joint inspection
    # still had a team.
    lone = Inspection.model_validate(
        {**INSPECTIONS[3].model_dump(mode="json"), "id": "I-5", "team": [NGO_MEMBER]}
    )
    result = index(WEIGHTED, inspection_records=[*INSPECTIONS, lone])
    assert result.components["ngo_participation"].value == 80.0  # 4 of 5


def test_required_ngo_component() -> None:
    policy = WEIGHTED.model_copy(update={"required": (ComponentName.NGO,)})
    assert index(policy).score == 73.125
    empty = index(policy, inspection_records=[])
    assert (empty.score, empty.reason) == (None, "required_missing")


# -- weight 0 (the default): nothing changes ----------------------------------------------------


def test_default_policy_has_no_ngo_component() -> None:
    assert IndexPolicy().weights.ngo_participation == 0.0
    result = index()
    assert list(result.components) == DEFAULT_NAMES
    assert list(result.to_dict()["components"]) == DEFAULT_NAMES
    assert "ngo" not in result.explain("en").lower()
    assert "مردم‌نهاد" not in result.explain("fa")
    # 0.5 × 62.5 + 0.2 × 100 + 0.15 × 50 + 0.15 × 87.5 = 31.25 + 20 + 7.5 + 13.125
    assert result.score == pytest.approx(71.875)


@pytest.mark.parametrize("records", [INSPECTIONS, []])
def test_weight_zero_gives_exactly_the_default_results(records: list[Inspection]) -> None:
    zero = IndexPolicy(weights=ComponentWeights(ngo_participation=0.0))
    plain = agency_index(
        "A",
        Q3,
        inspections=SCORES,
        complaints=[],
        trainings=TRAININGS,
        surveys=SURVEYS,
        stats=STATS,
    )
    for got in (index(zero, inspection_records=records), index(inspection_records=records)):
        assert as_json(got) == as_json(plain)
        for lang in ("fa", "en"):
            assert got.explain(lang) == plain.explain(lang)
    assert zero == IndexPolicy()  # the same rules, so the same version is right


def test_weight_zero_without_inspections() -> None:
    result = index(inspections=[], inspection_records=[])
    assert result.missing == (ComponentName.INSPECTION,)
    assert result.coverage == pytest.approx(0.5)


# -- validation ------------------------------------------------------------------------------------


@pytest.mark.parametrize("weight", [-1, float("nan"), float("inf"), 2_000_000])
def test_weight_validated_like_the_others(weight: float) -> None:
    with pytest.raises(ValidationError, match="ngo_participation"):
        ComponentWeights(ngo_participation=weight)


def test_the_ngo_weight_alone_is_a_weight() -> None:
    weights = ComponentWeights(
        inspection=0, complaints=0, training=0, satisfaction=0, ngo_participation=1
    )
    result = index(IndexPolicy(weights=weights))
    assert (result.score, result.coverage) == (75.0, 1.0)


def test_requiring_an_unweighed_component_is_refused() -> None:
    with pytest.raises(ValidationError, match=r"\['ngo_participation'\] have weight 0"):
        IndexPolicy(required=(ComponentName.NGO,))


def test_records_of_the_wrong_kind_or_place_are_refused() -> None:
    with pytest.raises(TypeError, match="not InspectionScore records"):
        index(WEIGHTED, inspection_records=SCORES)
    partial = AgencyPartial("A", Q3, WEIGHTED)
    with pytest.raises(ValueError, match="dated 2017-12-23"):
        partial.add_inspection(
            inspection("I-8", ("compliant", "compliant"), ngo=True, when="1396/10/02")
        )
    with pytest.raises(TypeError, match="not InspectionScore records"):
        PartialResults("quarter", WEIGHTED).fold_inspection(SCORES[0])  # type: ignore[arg-type]


# -- exact merges --------------------------------------------------------------------------------


@settings(max_examples=60, deadline=None)
@given(
    ngo=st.lists(st.booleans(), min_size=0, max_size=12),
    parts=st.integers(min_value=1, max_value=5),
    seed=st.integers(min_value=0, max_value=2**32 - 1),
)
def test_any_split_and_merge_order_is_bit_identical(ngo: list[bool], parts: int, seed: int) -> None:
    rng = random.Random(seed)
    answers = [("compliant", "compliant"), ("compliant", "non_compliant"), ("partial", "compliant")]
    records = [
        inspection(f"I-{n}", rng.choice(answers), ngo=with_ngo) for n, with_ngo in enumerate(ngo)
    ]
    scores = [score_inspection(i, CHECKLIST) for i in records]
    expected = index(WEIGHTED, inspections=scores, inspection_records=records)
    # Every record to one of ``parts`` partials (stats, trainings and surveys to the first).
    pieces = [AgencyPartial("A", Q3, WEIGHTED) for _ in range(parts)]
    pieces[0].add_matching(trainings=TRAININGS, surveys=SURVEYS, stats=STATS)
    for s, i in zip(scores, records, strict=True):
        pieces[rng.randrange(parts)].add_score(s)
        pieces[rng.randrange(parts)].add_inspection(i)
    while len(pieces) > 1:
        a = pieces.pop(rng.randrange(len(pieces)))
        b = pieces.pop(rng.randrange(len(pieces)))
        pieces.append(a.merge(b) if rng.random() < 0.5 else b.merge(a))
    got = pieces[0].finish()
    assert as_json(got) == as_json(expected)
    assert got.explain("en") == expected.explain("en")
    share = got.components["ngo_participation"].value
    assert share == (100.0 * (sum(ngo) / len(ngo)) if ngo else None)  # 100 × the share


def test_partial_results_route_and_merge() -> None:
    a, b = PartialResults("quarter", WEIGHTED), PartialResults("quarter", WEIGHTED)
    a.fold(inspections=SCORES[:2], inspection_records=INSPECTIONS[2:], trainings=TRAININGS)
    b.fold(inspections=SCORES[2:], inspection_records=INSPECTIONS[:2], surveys=SURVEYS)
    b.fold_stats(STATS[0])
    merged = a.merge(b).indices()
    assert as_json(merged[("A", Q3)]) == as_json(index(WEIGHTED))
    # Pickled and back (a partial is plain data), the counts survive.
    again = pickle.loads(pickle.dumps(a.merge(b)))  # noqa: S301 - our own objects
    assert as_json(again.indices()[("A", Q3)]) == as_json(index(WEIGHTED))


def test_the_evaluation_folds_the_teams_when_the_component_is_weighted() -> None:
    """``evaluate`` with NGO participation weighted: each agency's value is its share of
    inspections with an NGO member in the period (as ``Inspection.has_ngo_member`` counts), and a
    festival measure reading a component of weight 0 is missing, not an error."""
    from citizenrights import evaluate, load_demo
    from citizenrights.calendar import JalaliPeriod
    from citizenrights.scoring.policies import ComponentWeights, IndexPolicy

    demo = load_demo()
    weights = ComponentWeights(
        inspection=0.4, complaints=0.2, training=0.15, satisfaction=0.15, ngo_participation=0.1
    )
    policy = IndexPolicy(version="ngo-test", weights=weights)
    period = JalaliPeriod.parse("1397-Q4")
    evaluation = evaluate(demo, period, scope="IR-10", index_policy=policy)
    checked = 0
    for agency_id, index in evaluation.indices.items():
        mine = [i for i in demo.inspections if i.agency_id == agency_id and i.date in period]
        component = index.components["ngo_participation"]
        if not mine:
            assert component.value is None
            continue
        with_ngo = sum(1 for i in mine if i.has_ngo_member)
        assert component.value == 100 * with_ngo / len(mine)
        checked += 1
    assert checked > 10
    default = evaluate(demo, period, scope="IR-10")
    assert all("ngo_participation" not in i.components for i in default.indices.values())
