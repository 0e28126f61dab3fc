"""Partial results of the agency index: any split, merged in any order, finishes bit-identical."""

from __future__ import annotations

import json
import pickle
from collections.abc import Iterator, Sequence
from datetime import date, timedelta
from math import fsum
from typing import Any, TypeVar

import attrs
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from citizenrights import (
    AgencyIndex,
    AgencyPartial,
    AgencyStats,
    Checklist,
    Complaint,
    DatasetError,
    IndexPolicy,
    Inspection,
    InvalidPeriodError,
    JalaliPeriod,
    PartialResults,
    PeriodKind,
    SurveyResponse,
    TrainingAudience,
    TrainingRecord,
    agency_index,
    period_of,
    score_inspection,
)
from citizenrights.scoring import InspectionScore, _agency_partial
from tests import strategies

T = TypeVar("T")

AGENCIES = ("A", "B")
#: 1396 AP and the first quarter of 1397: several periods of every kind, overlapping often.
FIRST, LAST = date(2017, 3, 21), date(2018, 6, 21)
DATES = strategies.supported_dates(FIRST, LAST)
KINDS = st.sampled_from(PeriodKind)
CHECKLIST = Checklist.model_validate(
    {
        "id": "c",
        "version": "1",
        "title": "t",
        "sections": [
            {
                "code": "S",
                "title": "t",
                "items": [{"code": c, "text": "t", "allow_na": True} for c in "abc"],
            }
        ],
    }
)
JOINT = [{"name": "الف", "affiliation": "areo"}, {"name": "ب", "affiliation": "moi"}]


def _score(answers: Sequence[str], *, joint: bool = True) -> InspectionScore:
    inspection = Inspection.model_validate(
        {
            "id": "i",
            "agency_id": "A",
            "checklist_id": "c",
            "checklist_version": "1",
            "kind": "periodic",
            "date": "1396/08/01",
            "team": JOINT if joint else JOINT[:1],
            "responses": [{"item": c, "answer": a} for c, a in zip("abc", answers, strict=False)],
        }
    )
    return score_inspection(inspection, CHECKLIST)


#: Real scores of each status (scored joint and not joint, incomplete, not applicable) that the
#: strategies re-date, move to another agency and, when scored, give any score of 0–100.
TEMPLATES = (
    _score(["compliant", "partial", "non_compliant"]),
    _score(["compliant", "compliant", "compliant"], joint=False),
    _score(["compliant"]),
    _score(["not_applicable"] * 3),
)
assert {t.status.value for t in TEMPLATES} == {"scored", "incomplete", "not_applicable"}
PERIODS_IN_RANGE = sorted(
    {period_of(FIRST + timedelta(days=d), kind) for d in range(0, 458, 9) for kind in PeriodKind}
)


@st.composite
def scores(draw: st.DrawFn) -> InspectionScore:
    """An inspection score of agency A or B dated in the range; scored ones with any 0–100 score."""
    template = draw(st.sampled_from(TEMPLATES))
    changes: dict[str, Any] = {"agency_id": draw(st.sampled_from(AGENCIES)), "date": draw(DATES)}
    if template.score is not None:
        changes["score"] = draw(st.floats(min_value=0, max_value=100))
    return attrs.evolve(template, **changes)


@st.composite
def complaints(draw: st.DrawFn) -> Complaint:
    """A complaint (strategies.complaints) of agency A or B received in the range."""
    base = draw(strategies.complaints())
    received = draw(DATES)
    closed_on = None
    if base.closed_on is not None:
        closed_on = draw(strategies.supported_dates(received, received + timedelta(days=40)))
    return base.model_copy(
        update={
            "agency_id": draw(st.sampled_from(AGENCIES)),
            "received": received,
            "closed_on": closed_on,
        }
    )


@st.composite
def trainings(draw: st.DrawFn, people: Sequence[str]) -> TrainingRecord:
    """A training attendance (strategies.training_records) of one of a few people, in the range."""
    base = draw(strategies.training_records(person_id=draw(st.sampled_from(people))))
    return base.model_copy(
        update={"agency_id": draw(st.sampled_from(AGENCIES)), "date": draw(DATES)}
    )


surveys = st.builds(
    SurveyResponse,
    agency_id=st.sampled_from(AGENCIES),
    date=DATES,
    score=st.integers(min_value=1, max_value=5),
)
stats_rows = st.builds(
    AgencyStats,
    agency_id=st.sampled_from(AGENCIES),
    period=st.sampled_from(PERIODS_IN_RANGE),
    services=st.integers(min_value=0, max_value=10**6),
    staff=st.integers(min_value=0, max_value=200),
)
policies = st.builds(
    IndexPolicy,
    joint_only=st.booleans(),
    answer_working_days=st.integers(min_value=0, max_value=25),
    staff_audiences=st.lists(st.sampled_from(TrainingAudience), min_size=1, unique=True).map(tuple),
    min_sample=st.integers(min_value=1, max_value=40),
    training_hours=st.sampled_from([0.5, 4.0, 12.0]),
)


@st.composite
def records(draw: st.DrawFn) -> dict[str, list[Any]]:
    """Records of every kind for agencies A and B, keyed as agency_index takes them."""
    people = draw(st.lists(strategies.person_ids, min_size=1, max_size=4, unique=True))
    return {
        "inspections": draw(st.lists(scores(), max_size=25)),
        "complaints": draw(st.lists(complaints(), max_size=15)),
        "trainings": draw(st.lists(trainings(people), max_size=15)),
        "surveys": draw(st.lists(surveys, max_size=15)),
        "stats": draw(st.lists(stats_rows, max_size=4)),
    }


def _split(draw: st.DrawFn, data: dict[str, list[Any]], parts: int) -> list[dict[str, list[Any]]]:
    """Every record given to one of ``parts`` parts at random."""
    out: list[dict[str, list[Any]]] = [{name: [] for name in data} for _ in range(parts)]
    for name, items in data.items():
        for item in items:
            out[draw(st.integers(min_value=0, max_value=parts - 1))][name].append(item)
    return out


def _merge_randomly(draw: st.DrawFn, pieces: list[T]) -> T:
    """Merge pieces pairwise in a random order and tree shape, either side first."""
    pending = list(pieces)
    while len(pending) > 1:
        i, j = draw(st.lists(st.integers(0, len(pending) - 1), min_size=2, max_size=2, unique=True))
        a, b = pending[i], pending[j]
        pending = [p for k, p in enumerate(pending) if k not in (i, j)]
        pending.append(a.merge(b) if draw(st.booleans()) else b.merge(a))  # type: ignore[attr-defined]
    return pending[0]


def _floats(value: object, path: str = "") -> Iterator[tuple[str, str]]:
    """Every float of a to_dict() tree, by path, as float.hex: equal only when bit-identical."""
    if isinstance(value, float):
        yield path, value.hex()
    elif isinstance(value, dict):
        for key, item in value.items():
            yield from _floats(item, f"{path}/{key}")
    elif isinstance(value, list | tuple):
        for n, item in enumerate(value):
            yield from _floats(item, f"{path}/{n}")


def assert_identical(got: AgencyIndex, expected: AgencyIndex) -> None:
    """The same JSON and every float the same to the bit (math.isclose would hide a last bit)."""
    a, b = got.to_dict(), expected.to_dict()
    assert json.dumps(a, sort_keys=True, ensure_ascii=False) == json.dumps(
        b, sort_keys=True, ensure_ascii=False
    )
    assert list(_floats(a)) == list(_floats(b))


def _outcome(make: Any) -> AgencyIndex | str:
    """The index, or the DatasetError's message (two stats rows for one period)."""
    try:
        result: AgencyIndex = make()
    except DatasetError as e:
        return f"DatasetError: {e}"
    return result


def _same(got: AgencyIndex | str, expected: AgencyIndex | str) -> None:
    if isinstance(expected, str) or isinstance(got, str):
        assert got == expected
    else:
        assert_identical(got, expected)


@settings(max_examples=150)
@given(data=records(), policy=policies, period=st.sampled_from(PERIODS_IN_RANGE), draw=st.data())
def test_agency_partials_split_and_merged_in_any_order_finish_bit_identical(
    data: dict[str, list[Any]], policy: IndexPolicy, period: JalaliPeriod, draw: st.DataObject
) -> None:
    """Folding all at once == any split merged in any order == agency_index over the lists."""
    whole = AgencyPartial("A", period, policy)
    whole.add_matching(**data)
    expected = _outcome(lambda: agency_index("A", period, policy=policy, **data))
    _same(_outcome(whole.finish), expected)

    pieces = []
    for part in _split(draw.draw, data, draw.draw(st.integers(min_value=1, max_value=5))):
        piece = AgencyPartial("A", period, policy)
        piece.add_matching(**part)
        pieces.append(piece)
    merged = _merge_randomly(draw.draw, pieces)
    _same(_outcome(merged.finish), expected)


@settings(max_examples=100)
@given(data=records(), policy=policies, kind=KINDS, draw=st.data())
def test_partial_results_split_and_merged_equal_the_whole_and_agency_index(
    data: dict[str, list[Any]], policy: IndexPolicy, kind: PeriodKind, draw: st.DataObject
) -> None:
    """PartialResults routes every record to its (agency, period); splits merge bit-identically."""
    whole = PartialResults(kind, policy)
    whole.fold(**data)
    pieces = []
    for part in _split(draw.draw, data, draw.draw(st.integers(min_value=1, max_value=4))):
        piece = PartialResults(kind, policy)
        piece.fold(**part)
        pieces.append(piece)
    merged = _merge_randomly(draw.draw, pieces)
    assert set(merged) == set(whole)
    for agency_id, period in whole:
        expected = _outcome(lambda: agency_index(agency_id, period, policy=policy, **data))  # noqa: B023
        _same(_outcome(lambda: whole.partial(agency_id, period).finish()), expected)  # noqa: B023
        _same(_outcome(lambda: merged.partial(agency_id, period).finish()), expected)  # noqa: B023
    # Every (agency, period) with a record of its own has a partial.
    dated = [(s.agency_id, s.date) for s in data["inspections"]]
    dated += [(c.agency_id, c.received) for c in data["complaints"]]
    dated += [(r.agency_id, r.date) for r in data["trainings"] + data["surveys"]]
    assert {(a, period_of(d, kind)) for a, d in dated} <= set(whole)


@settings(max_examples=60)
@given(
    values=st.lists(st.floats(min_value=0, max_value=100), max_size=60),
    more=st.lists(st.floats(min_value=0, max_value=100), max_size=20),
)
def test_exact_parts_keep_the_exact_sum(values: list[float], more: list[float]) -> None:
    """The compacted parts sum, exactly, to the values: fsum with anything added is unchanged."""
    from array import array

    parts = _agency_partial._exact_parts(array("d", values))
    assert len(parts) <= 40
    assert fsum(parts).hex() == fsum(values).hex()
    assert fsum([*parts, *more]).hex() == fsum([*values, *more]).hex()


@settings(max_examples=40)
@given(
    values=st.lists(st.floats(min_value=0, max_value=100), min_size=1, max_size=80),
    draw=st.data(),
)
def test_compaction_in_folds_and_merges_changes_no_bit(
    values: list[float], draw: st.DataObject
) -> None:
    """With compaction after every few scores, splits still finish like agency_index."""
    q3 = JalaliPeriod.parse("1396-Q3")
    template = TEMPLATES[0]
    items = [attrs.evolve(template, score=v, date=q3.start) for v in values]
    expected = agency_index(
        "A", q3, inspections=items, complaints=(), trainings=(), surveys=(), stats=()
    )
    with pytest.MonkeyPatch.context() as mp:
        mp.setattr(_agency_partial, "_COMPACT_AT", 3)
        pieces = []
        for part in _split(draw.draw, {"inspections": items}, 3):
            piece = AgencyPartial("A", q3)
            for s in part["inspections"]:
                piece.add_score(s)
            pieces.append(piece)
        assert_identical(_merge_randomly(draw.draw, pieces).finish(), expected)


def _demo_partials() -> tuple[PartialResults, JalaliPeriod]:
    from citizenrights import load_demo

    demo = load_demo()
    results = PartialResults("year")
    results.fold(
        inspections=[
            score_inspection(i, demo.checklists[(i.checklist_id, i.checklist_version)])
            for i in demo.inspections
        ],
        complaints=demo.complaints,
        trainings=demo.trainings,
        surveys=demo.surveys,
        stats=demo.stats,
    )
    return results, JalaliPeriod.parse("1396")


def test_pickled_partials_round_trip_and_still_merge() -> None:
    """A partial and a collection pickle and come back finishing and merging the same."""
    results, year = _demo_partials()
    back = pickle.loads(pickle.dumps(results))  # noqa: S301 - our own objects
    assert list(back) == list(results)
    for key, index in results.indices().items():
        assert_identical(back.indices()[key], index)
    agency_id = next(a for a, p in results if p == year)
    partial = results.partial(agency_id, year)
    copy = pickle.loads(pickle.dumps(partial))  # noqa: S301 - our own objects
    assert_identical(copy.finish(), partial.finish())
    more = AgencyPartial(agency_id, year)
    more.add_survey(SurveyResponse(agency_id=agency_id, date=year.start, score=2))
    assert_identical(copy.merge(more).finish(), partial.merge(more).finish())
    assert agency_id in repr(partial)


def test_a_partial_stays_small_however_many_scores_fold() -> None:
    """Memory grows with agencies × periods, not records: 20,000 scores pickle in a few KB."""
    q3 = JalaliPeriod.parse("1396-Q3")
    partial = AgencyPartial("A", q3)
    for n in range(20_000):
        partial.add_score(attrs.evolve(TEMPLATES[0], score=n % 997 / 9.97, date=q3.start))
    assert len(pickle.dumps(partial)) < 4_000
    assert partial.finish().components["inspection"].evidence["inspections"] == 20_000


def test_merging_with_an_empty_partial_is_the_identity() -> None:
    """An empty partial on either side of a merge changes nothing."""
    results, _ = _demo_partials()
    for (agency_id, period), partial in ((k, results.partial(*k)) for k in results):
        empty = AgencyPartial(agency_id, period)
        assert_identical(partial.merge(empty).finish(), partial.finish())
        assert_identical(empty.merge(partial).finish(), partial.finish())
    merged = results.merge(PartialResults("year"))
    assert list(merged) == list(results)
    for key, index in results.indices().items():
        assert_identical(merged.indices()[key], index)
    assert PartialResults("year").merge(results).indices().keys() == results.indices().keys()


def test_merging_folds_into_neither_operand() -> None:
    """A merge is a new value: later folds into it leave both operands as they were."""
    results, year = _demo_partials()
    before = {k: v.to_dict() for k, v in results.indices().items()}
    merged = results.merge(results)
    merged.fold_survey(SurveyResponse(agency_id=next(iter(results))[0], date=year.start, score=1))
    assert {k: v.to_dict() for k, v in results.indices().items()} == before


@pytest.mark.parametrize(
    ("other", "match"),
    [
        (AgencyPartial("B", JalaliPeriod.parse("1396-Q3")), r"agency 'B' for 1396-Q3 into .*'A'"),
        (AgencyPartial("A", JalaliPeriod.parse("1396-Q4")), r"1396-Q4 into .* for 1396-Q3"),
        (AgencyPartial("A", JalaliPeriod.parse("1396")), r"only partials of one agency"),
        (
            AgencyPartial("A", JalaliPeriod.parse("1396-Q3"), IndexPolicy(version="what-if")),
            r"different index policies \(versions '1' and 'what-if'\)",
        ),
    ],
)
def test_merging_partials_of_different_agencies_periods_or_policies_is_refused(
    other: AgencyPartial, match: str
) -> None:
    """Only partials of one agency, period and policy merge; the error names both sides."""
    with pytest.raises(ValueError, match=match):
        AgencyPartial("A", JalaliPeriod.parse("1396-Q3")).merge(other)


def test_merging_partial_results_of_different_kinds_or_policies_is_refused() -> None:
    """Collections merge only with the same period kind and policy."""
    with pytest.raises(ValueError, match="month periods into those of quarter periods"):
        PartialResults("quarter").merge(PartialResults("month"))
    with pytest.raises(ValueError, match="different index policies"):
        PartialResults("quarter").merge(PartialResults("quarter", IndexPolicy(joint_only=False)))
    with pytest.raises(TypeError, match="merges with an AgencyPartial"):
        AgencyPartial("A", JalaliPeriod.parse("1396")).merge(PartialResults("year"))  # type: ignore[arg-type]


def test_records_of_another_agency_or_period_are_refused() -> None:
    """add_* refuse a record that belongs to another partial, naming it and the partial."""
    q3 = JalaliPeriod.parse("1396-Q3")
    partial = AgencyPartial("A", q3)
    outside = attrs.evolve(TEMPLATES[0], date=date(2017, 9, 22))
    with pytest.raises(ValueError, match=r"agency 'A' dated 2017-09-22 .* agency 'A' for 1396-Q3"):
        partial.add_score(outside)
    with pytest.raises(ValueError, match="survey response of agency 'B'"):
        partial.add_survey(SurveyResponse(agency_id="B", date=q3.start, score=3))
    with pytest.raises(ValueError, match="stats row of agency 'A' dated 1396 "):
        partial.add_stats(AgencyStats(agency_id="A", period="1396", services=1, staff=1))
    with pytest.raises(TypeError, match="score_inspection"):
        partial.add_score("not a score")  # type: ignore[arg-type]
    with pytest.raises(InvalidPeriodError, match="got 'week'"):
        PartialResults("week")
    with pytest.raises(ValueError, match="fold quarter periods; got 1396"):
        PartialResults("quarter").partial("A", JalaliPeriod.parse("1396"))


def test_each_add_method_folds_like_agency_index() -> None:
    """The public add_* methods and add_matching fold the same records the same way."""
    results, year = _demo_partials()
    from citizenrights import load_demo

    demo = load_demo()
    agency_id = demo.inspections[0].agency_id
    partial = AgencyPartial(agency_id, year)
    for i in demo.inspections:
        if i.agency_id == agency_id and i.date in year:
            partial.add_score(
                score_inspection(i, demo.checklists[(i.checklist_id, i.checklist_version)])
            )
    for c in demo.complaints:
        if c.agency_id == agency_id and c.received in year:
            partial.add_complaint(c)
    for t in demo.trainings:
        if t.agency_id == agency_id and t.date in year:
            partial.add_training(t)
    for s in demo.surveys:
        if s.agency_id == agency_id and s.date in year:
            partial.add_survey(s)
    for row in demo.stats:
        if row.agency_id == agency_id and year.contains_period(row.period):
            partial.add_stats(row)
    assert_identical(partial.finish(), results.partial(agency_id, year).finish())


def test_a_partial_finishes_only_with_its_own_policy() -> None:
    """The policy applied while folding is the one that finishes; another is refused."""
    partial = AgencyPartial("A", JalaliPeriod.parse("1396"))
    assert partial.finish(IndexPolicy()).policy_version == "1"
    with pytest.raises(ValueError, match="folded with index policy '1'; finish it"):
        partial.finish(IndexPolicy(version="2"))


def test_duplicate_stats_rows_in_different_parts_are_the_same_error() -> None:
    """Two rows for one period are found at finish, whichever parts they came in."""
    q3 = JalaliPeriod.parse("1396-Q3")
    rows = [
        AgencyStats(agency_id="A", period=p, services=10, staff=2)
        for p in ("1396-08", "1396-Q3", "1396-08", "1396-Q3")
    ]
    a, b = AgencyPartial("A", q3), AgencyPartial("A", q3)
    a.add_matching(stats=rows[:2])
    b.add_matching(stats=rows[2:])
    with pytest.raises(DatasetError) as whole:
        agency_index("A", q3, inspections=(), complaints=(), trainings=(), surveys=(), stats=rows)
    for merged in (a.merge(b), b.merge(a)):
        with pytest.raises(DatasetError) as split:
            merged.finish()
        assert str(split.value) == str(whole.value)
