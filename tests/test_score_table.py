"""The compact rows a report partial keeps of the period's scores: exact, mergeable, read back whole."""

from __future__ import annotations

import math
import pickle
import random
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from citizenrights import Checklist, Inspection, load_demo
from citizenrights.evaluation import ReportPartial, evaluate
from citizenrights.evaluation._scores import ScoreTable, ScoreView
from citizenrights.scoring.inspection_results import InspectionScore
from citizenrights.scoring.inspections import score_inspection
from tests import strategies


def _again(value: Any) -> Any:
    """A pickled round trip of our own objects."""
    return pickle.loads(pickle.dumps(value))  # noqa: S301 - our own objects


def _table(scores: list[InspectionScore]) -> ScoreTable:
    table = ScoreTable()
    for s in scores:
        table.append(s)
    return table


def _same(view: ScoreView, expected: dict[str, InspectionScore]) -> None:
    """The view reads as the sorted dict of the scores: equal fields, breakdowns and markers."""
    ordered = dict(sorted(expected.items()))
    assert list(view) == list(ordered)
    assert len(view) == len(ordered)
    assert dict(view) == ordered
    assert view == ordered
    for (key, got), want in zip(view.items(), ordered.values(), strict=True):
        assert got == want
        assert view[key] == want
        assert got.to_dict() == want.to_dict()
        assert got.explain("en") == want.explain("en")
        # The N/A and unanswered markers come back as themselves (NaN objects told by identity).
        assert all(a is b or a == b for a, b in zip(got._values, want._values, strict=True))
        for a, b in zip(got._means, want._means, strict=True):
            assert a == b
            assert a is None or math.copysign(1.0, a) == math.copysign(1.0, b)  # type: ignore[arg-type]


@st.composite
def scored(draw: st.DrawFn) -> list[InspectionScore]:
    """Scores of a few checklists and policies, each inspection with its own id."""
    out = []
    for n in range(draw(st.integers(min_value=0, max_value=12))):
        checklist, inspection = draw(strategies.checklists_with_inspections())
        policy = draw(strategies.scoring_policies())
        inspection = inspection.model_copy(update={"id": f"INS-{n:03d}"})
        out.append(score_inspection(inspection, checklist, policy))
    return out


@settings(max_examples=60, deadline=None)
@given(scores=scored(), seed=st.integers(min_value=0, max_value=2**16))
def test_rows_split_pickled_and_merged_in_any_order_read_back_every_score(
    scores: list[InspectionScore], seed: int
) -> None:
    rng = random.Random(seed)
    parts = [ScoreTable() for _ in range(rng.randint(1, 4))]
    for s in scores:
        parts[rng.randrange(len(parts))].append(s)
    parts = [_again(p) if rng.random() < 0.5 else p for p in parts]
    while len(parts) > 1:
        rng.shuffle(parts)
        a, b = parts.pop(), parts.pop()
        merged = a.copy()
        merged.extend(b)
        parts.append(merged)
    expected = {s.inspection_id: s for s in scores}
    _same(parts[0].view(), expected)
    _same(_again(parts[0].view()), expected)


def _wide_checklist() -> Checklist:
    """Items of 100, 99, 98, 97 and 96 levels: over 256 distinct values in all."""
    items = [
        {"code": f"W{levels}", "text": "t", "scale": levels, "allow_na": True}
        for levels in (100, 99, 98, 97, 96)
    ]
    return Checklist.model_validate(
        {
            "id": "wide",
            "version": "1",
            "title": "t",
            "sections": [{"code": "S", "title": "t", "items": items}],
        }
    )


def _wide_scores(count: int, first: int) -> list[InspectionScore]:
    checklist = _wide_checklist()
    out = []
    for n in range(first, first + count):
        responses = [
            {"item": item.code, "answer": "not_applicable" if n % 7 == 0 else n % item.levels}
            for item in checklist.items()
            if n % 5 != (item.levels % 5)  # some left unanswered
        ]
        inspection = Inspection.model_validate(
            {
                "id": f"W-{n:04d}",
                "agency_id": "A",
                "checklist_id": "wide",
                "checklist_version": "1",
                "kind": "periodic",
                "date": "1396/07/01",
                "team": [{"name": "x", "affiliation": "areo"}],
                "responses": responses,
            }
        )
        out.append(score_inspection(inspection, checklist))
    return out


def test_more_than_256_distinct_item_values_widen_the_codes_and_still_merge() -> None:
    narrow = _wide_scores(60, 0)  # fewer than 256 distinct values
    wide = _wide_scores(140, 60)
    a, b = _table(narrow), _table(narrow + wide)
    assert a._values.typecode == "B"
    assert b._values.typecode == "H"
    _same(b.view(), {s.inspection_id: s for s in narrow + wide})
    for first, second in ((a, _table(wide)), (_table(wide), a)):
        merged = _again(first).copy()
        merged.extend(_again(second))
        _same(merged.view(), {s.inspection_id: s for s in narrow + wide})


def test_a_later_row_of_an_id_shadows_an_earlier_one_as_in_a_dict() -> None:
    scores = _wide_scores(3, 0)
    again = _wide_scores(1, 7)[0]
    clash = score_inspection(
        Inspection.model_validate(
            {
                "id": scores[1].inspection_id,
                "agency_id": "B",
                "checklist_id": "wide",
                "checklist_version": "1",
                "kind": "ad_hoc",
                "date": "1396/08/01",
                "team": [{"name": "x", "affiliation": "areo"}],
                "responses": [],
            }
        ),
        _wide_checklist(),
    )
    table = _table([*scores, again, clash])
    expected: dict[str, InspectionScore] = {}
    for s in (*scores, again, clash):
        expected[s.inspection_id] = s
    _same(table.view(), expected)
    first, second = _table(scores), _table([clash])
    first.extend(second)
    assert first.view()[clash.inspection_id] == clash


def test_a_view_reads_the_rows_it_was_made_with_and_pickles_only_them() -> None:
    scores = _wide_scores(20, 0)
    table = _table(scores[:12])
    view = table.view()
    for s in scores[12:]:
        table.append(s)
    expected = {s.inspection_id: s for s in scores[:12]}
    _same(view, expected)
    copy = _again(view)
    _same(copy, expected)
    assert len(copy._table) == 12
    assert "W-0019" not in view
    assert "W-0019" in table.view()
    assert 5 not in view
    with pytest.raises(KeyError):
        view["W-0019"]


def test_the_evaluation_reads_the_same_scores_and_the_rows_are_small() -> None:
    demo = load_demo()
    partial = ReportPartial(demo, "1396-Q3")
    partial.fold_dataset(demo)
    result = evaluate(demo, "1396-Q3")
    assert result.scores == partial.evaluation().scores
    full = dict(result.scores.items())
    assert len(full) > 20
    for s in full.values():
        assert s.sections  # the breakdown is rebuilt from the rows
    # Each row pickles to a fraction of the score it stands for (the checklist and the policy,
    # shared by every row, once).
    more = [
        score_inspection(
            i.model_copy(update={"id": f"{i.id}-{n}"}),
            demo.checklists[i.checklist_id, i.checklist_version],
        )
        for n in range(10)
        for i in demo.inspections
    ]
    small, large = _table(more[: len(more) // 2]), _table(more)
    per_row = (len(pickle.dumps(large)) - len(pickle.dumps(small))) / (len(more) - len(more) // 2)
    per_score = (len(pickle.dumps(more)) - len(pickle.dumps(more[: len(more) // 2]))) / (
        len(more) - len(more) // 2
    )
    assert per_row < min(256, per_score / 2), (per_row, per_score)


def test_merging_report_partials_keeps_neither_operands_rows() -> None:
    demo = load_demo()
    a, b = ReportPartial(demo, "1396-Q3"), ReportPartial(demo, "1396-Q3")
    for n, inspection in enumerate(demo.inspections):
        (a if n % 2 else b).fold("inspections", inspection)
    sizes = len(a.scores), len(b.scores)
    merged: Any = a.merge(b)
    assert (len(a.scores), len(b.scores)) == sizes
    assert len(merged.scores) == sum(sizes)
    whole = ReportPartial(demo, "1396-Q3")
    for inspection in demo.inspections:
        whole.fold("inspections", inspection)
    assert merged.scores == whole.scores
