"""The public evaluation step: score, index and rank a scope for a period."""

from __future__ import annotations

import json
import random
from typing import TypeVar

import attrs
import pytest

from citizenrights import Evaluation, coverage_of, evaluate, inspection_coverage
from citizenrights.calendar import JalaliPeriod
from citizenrights.dataset import Dataset, load_demo
from citizenrights.errors import InvalidPeriodError, UnknownAgencyError
from citizenrights.models.provinces import Province
from citizenrights.reporting import build_progress_report, build_report
from citizenrights.scoring.index import agency_index
from citizenrights.scoring.inspections import score_inspection

T = TypeVar("T")
Q4 = JalaliPeriod.parse("1397-Q4")

# (scope, period): a province by code, by Province, the nation, and period text.
CASES = [
    ("IR-10", Q4),
    (Province.parse("IR-10"), JalaliPeriod.parse("1397-Q3")),
    (None, Q4),
    (None, "1396-Q3"),
]


@pytest.fixture(scope="module")
def demo() -> Dataset:
    return load_demo()


@pytest.mark.parametrize(("scope", "period"), CASES)
def test_matches_the_report(
    demo: Dataset, scope: Province | str | None, period: JalaliPeriod | str
) -> None:
    """The indices, ranking, trend and period scores are exactly those the report shows."""
    result = evaluate(demo, period, scope=scope)
    report = build_report(demo, period, scope=scope)
    assert isinstance(result, Evaluation)
    assert (result.period, result.previous_period) == (report.period, report.previous_period)
    assert result.scope == report.scope
    assert dict(result.indices) == dict(report.indices)
    assert dict(result.scores) == dict(report.scores)
    assert [(r.id, r.group, r.rank, r.score) for r in result.ranking] == [
        (r.agency_id, r.group, r.rank, r.score) for r in report.ranking
    ]
    assert {a: i.score for a, i in result.previous.items()} == {
        r.agency_id: r.previous for r in report.ranking
    }


def test_indices_are_each_agencys_own(demo: Dataset) -> None:
    """Each index equals agency_index over the whole dataset's records (no record is lost)."""
    result = evaluate(demo, Q4, scope="IR-10")
    scores = [
        score_inspection(i, demo.checklists[(i.checklist_id, i.checklist_version)])
        for i in demo.inspections
    ]
    assert set(result.indices) == set(result.scope.agencies)
    for agency_id, index in result.indices.items():
        assert index == agency_index(
            agency_id,
            Q4,
            inspections=scores,
            complaints=demo.complaints,
            trainings=demo.trainings,
            surveys=demo.surveys,
            stats=demo.stats,
        )
    assert all(s.date in Q4 and s.agency_id in result.indices for s in result.scores.values())


@pytest.mark.parametrize("seed", [1, 2, 3])
@pytest.mark.parametrize("scope", ["IR-10", None])
def test_order_of_records_does_not_matter(demo: Dataset, seed: int, scope: str | None) -> None:
    """Shuffling every kind of record gives an equal evaluation, to the last bit of JSON."""
    rng = random.Random(seed)

    def shuffled(records: tuple[T, ...]) -> tuple[T, ...]:
        out = list(records)
        rng.shuffle(out)
        return tuple(out)

    mixed = attrs.evolve(
        demo,
        inspections=shuffled(demo.inspections),
        complaints=shuffled(demo.complaints),
        trainings=shuffled(demo.trainings),
        surveys=shuffled(demo.surveys),
        stats=shuffled(demo.stats),
    )
    before, after = evaluate(demo, Q4, scope=scope), evaluate(mixed, Q4, scope=scope)
    assert after == before
    assert json.dumps(after.to_dict()) == json.dumps(before.to_dict())


def test_agency_scope_covers_its_descendants(demo: Dataset) -> None:
    """An agency id evaluates the agency and everything under it, and nothing else."""
    parent = next(a for a in demo.agencies if demo.agencies.descendants(a.id))
    result = evaluate(demo, Q4, scope=parent.id)
    expected = {parent.id, *(a.id for a in demo.agencies.descendants(parent.id))}
    assert result.scope.kind == "agency"
    assert set(result.indices) == expected == {r.id for r in result.ranking}


def test_to_dict_is_json_ready(demo: Dataset) -> None:
    """to_dict() has stable keys, text periods and every agency's index."""
    result = evaluate(demo, Q4, scope="IR-10")
    data = json.loads(json.dumps(result.to_dict(), ensure_ascii=False))
    assert list(data) == [
        "period",
        "previous_period",
        "scope",
        "scores",
        "indices",
        "previous",
        "ranking",
        "coverage",
        "scoring_policy_version",
        "index_policy_version",
        "library_version",
    ]
    assert (data["period"], data["previous_period"]) == ("1397-Q4", "1397-Q3")
    assert list(data["indices"]) == sorted(result.scope.agencies)


@pytest.mark.parametrize(
    ("period", "scope", "error"),
    [
        ("1396-Q5", None, InvalidPeriodError),
        ("not a period", "IR-10", InvalidPeriodError),
        (Q4, "no-such-agency", UnknownAgencyError),
        (Q4, "Atlantis", UnknownAgencyError),
    ],
)
def test_bad_input_fails_with_typed_errors(
    demo: Dataset, period: JalaliPeriod | str, scope: str | None, error: type[Exception]
) -> None:
    """A bad period or an unknown scope raises the library's typed error."""
    with pytest.raises(error):
        evaluate(demo, period, scope=scope)


# -- inspection coverage: computed once, in the evaluation -------------------------------------


@pytest.mark.parametrize(("scope", "period"), CASES)
def test_coverage_is_inspection_coverage_of_the_scope(
    demo: Dataset, scope: Province | str | None, period: JalaliPeriod | str
) -> None:
    """Evaluation.coverage is inspection_coverage over the registry, kept to the scope."""
    result = evaluate(demo, period, scope=scope)
    whole = inspection_coverage(demo.agencies, demo.inspections, period)
    ids = set(result.scope.agencies)
    c = result.coverage
    assert (c.period, c.kinds, c.scope) == (result.period, whole.kinds, result.scope.code)
    assert c.covered == tuple(a for a in whole.covered if a in ids)
    assert c.uncovered == tuple(a for a in whole.uncovered if a in ids)
    assert c.rate == len(c.covered) / len(ids)
    if scope is None:
        assert c == whole


def test_coverage_of_an_agency_scope_is_its_subtrees(demo: Dataset) -> None:
    """For an agency, the coverage is exactly inspection_coverage of its subtree."""
    parent = next(a for a in demo.agencies if demo.agencies.descendants(a.id))
    for period in ("1396-Q3", Q4):
        result = evaluate(demo, period, scope=parent.id)
        expected = inspection_coverage(demo.agencies, demo.inspections, period, scope=parent.id)
        assert result.coverage == expected


@pytest.mark.parametrize(("scope", "period"), CASES)
def test_the_report_shows_the_evaluations_coverage(
    demo: Dataset, scope: Province | str | None, period: JalaliPeriod | str
) -> None:
    """The periodic report's coverage is the evaluation's, not a second count."""
    report = build_report(demo, period, scope=scope)
    assert report.coverage == evaluate(demo, period, scope=scope).coverage


@pytest.mark.parametrize(("group_id", "scope"), [("wg-national", None), ("wg-isf-smt", "isf-smt")])
@pytest.mark.parametrize("period", ["1396-Q3", "1397-Q2", "1397-Q4"])
def test_the_progress_report_at_a_quarters_end_shows_the_evaluations_coverage(
    demo: Dataset, group_id: str, scope: str | None, period: str
) -> None:
    """On a quarter's last day a group's coverage is the evaluation of its scope for the quarter."""
    quarter = JalaliPeriod.parse(period)
    report = build_progress_report(demo, as_of=quarter.end, group_id=group_id)
    assert report.coverage == evaluate(demo, quarter, scope=scope).coverage


def test_the_progress_report_mid_quarter_counts_up_to_its_day(demo: Dataset) -> None:
    """Mid-quarter, the group's coverage is coverage_of up to the day; later visits do not count."""
    quarter = JalaliPeriod.parse("1397-Q4")
    covered = evaluate(demo, quarter).coverage.covered
    first = min(i.date for i in demo.inspections if i.date in quarter and i.agency_id in covered)
    report = build_progress_report(demo, as_of=first, group_id="wg-national")
    ids = [a.id for a in demo.agencies]
    assert report.coverage == coverage_of(demo, ids, quarter, as_of=first)
    assert len(report.coverage.covered) < len(covered)


def test_coverage_of_checks_its_agencies(demo: Dataset) -> None:
    """An unknown agency is a typed error; no agencies give no rate."""
    with pytest.raises(UnknownAgencyError):
        coverage_of(demo, ["no-such-agency"], Q4)
    empty = coverage_of(demo, [], Q4)
    assert (empty.covered, empty.uncovered, empty.rate) == ((), (), None)
