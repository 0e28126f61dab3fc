"""Records and results pickle: what parallel scoring (processes, Dask, Spark) relies on.

The how-to "Run at national scale, in parallel" sends inspections to worker processes and gets
scores back; both cross a process boundary as pickles. Every record model and every result type
must come back equal to what was sent, with the same JSON. The objects are the library's own
(the demo dataset and the results of scoring it): pickle is never used here on untrusted data.
"""

from __future__ import annotations

import pickle
from collections import defaultdict
from collections.abc import Iterator
from concurrent.futures import ProcessPoolExecutor
from functools import cache
from itertools import repeat
from typing import Any

import attrs
import pytest
from pydantic import BaseModel

import citizenrights
import citizenrights.followup
import citizenrights.models
import citizenrights.scoring
from citizenrights import (
    AgencyRegistry,
    Answer,
    Dataset,
    EligibilityDecision,
    InspectionScore,
    JalaliPeriod,
    Meeting,
    Post,
    Programme,
    WorkCalendar,
    WorkingGroup,
    agency_index,
    assess_eligibility,
    festival_indicator,
    group_progress,
    inspection_coverage,
    load_demo,
    ngo_participation,
    overdue_findings,
    rank,
    reference_checklist,
    roll_up,
    score_inspection,
    training_coverage,
    transparency_record,
)
from citizenrights.scoring import (
    ComponentWeights,
    FestivalBands,
    FestivalResult,
    GradeBands,
    WorkCalendarSpec,
)

PROTOCOLS = sorted({2, pickle.DEFAULT_PROTOCOL, pickle.HIGHEST_PROTOCOL})


def _public_classes(module: Any, kind: Any) -> set[type]:
    found = (getattr(module, name) for name in module.__all__)
    return {c for c in found if isinstance(c, type) and kind(c)}


#: Every pydantic model the library exports: the records, and the policies that travel with them.
MODELS = _public_classes(citizenrights.models, lambda c: issubclass(c, BaseModel)) | (
    _public_classes(citizenrights.scoring, lambda c: issubclass(c, BaseModel))
)
#: Every computed result: the attrs classes of the scoring and follow-up packages, and the
#: calendar's values.
RESULTS = (
    _public_classes(citizenrights.scoring, attrs.has)
    | _public_classes(citizenrights.followup, attrs.has)
    | {JalaliPeriod, WorkCalendar}
)


@cache
def _demo() -> Dataset:
    return load_demo()


def _group_records() -> tuple[WorkingGroup, list[Meeting], Programme]:
    group = WorkingGroup.model_validate(
        {
            "id": "WG-1",
            "name": "کارگروه حقوق شهروندی",
            "scope": "national",
            "members": [
                {"name": "نماینده سازمان", "affiliation": "areo", "role": "chair"},
                {"name": "نماینده وزارت", "affiliation": "moi"},
                {"name": "دستیار ویژه", "affiliation": "presidency"},
                {"name": "نماینده سمن", "affiliation": "ngo"},
            ],
            "meetings_per_year": 4,
        }
    )
    meeting = Meeting.model_validate(
        {
            "id": "M-1",
            "group_id": "WG-1",
            "date": "1396/02/10",
            "resolutions": [
                {
                    "id": "R-1",
                    "text": "برگزاری دوره آموزشی",
                    "owner": "آموزش",
                    "due": "1396/03/01",
                    "status": "done",
                    "done_on": "1396/03/05",
                    "programme_item": {"programme_id": "P-9", "number": 1},
                },
                {"id": "R-2", "text": "انتشار منشور", "owner": "روابط عمومی", "status": "open"},
            ],
        }
    )
    programme = Programme.model_validate(
        {
            "id": "P-9",
            "title": "برنامه صیانت از حقوق شهروندی",
            "items": [{"number": n, "title": f"بند {n}"} for n in range(1, 10)],
        }
    )
    return group, [meeting], programme


def _records() -> Iterator[BaseModel]:
    """Every record of the demo dataset, the records nested in them, and a working group's."""
    demo = _demo()
    yield from demo.agencies
    yield from demo.peer_groups
    for checklist in demo.checklists.values():
        yield checklist
        for section in checklist.sections:
            yield section
            yield from section.items
    for inspection in demo.inspections:
        yield inspection
        yield from inspection.team
        yield from inspection.responses
        yield from inspection.findings
    yield from (*demo.complaints, *demo.trainings[:200], *demo.surveys[:200], *demo.stats)
    yield from demo.ngos
    for candidate in demo.candidates:
        yield candidate
        yield from candidate.assignments
        yield from candidate.commendations
        yield from candidate.contributions
    yield from (*demo.ngo_reports, *demo.publications)
    for training_programme in demo.training_programmes:
        yield training_programme
        yield from training_programme.courses
    group, meetings, programme = _group_records()
    yield from (group, *group.members, *meetings, programme, *programme.items)
    for meeting in meetings:
        for resolution in meeting.resolutions:
            yield resolution
            if resolution.programme_item is not None:
                yield resolution.programme_item
    yield Post.parse("managerial:middle")
    policies = (
        citizenrights.ScoringPolicy(unanswered="exclude", critical_cap=50),
        citizenrights.IndexPolicy(required=("inspection",)),
        citizenrights.EligibilityPolicy(),
    )
    yield from policies
    yield from (
        ComponentWeights(training=0.3),
        GradeBands(),
        WorkCalendarSpec(holidays=("1396/07/15",)),
    )
    festival = _festival().policy
    yield from (festival, *festival.groups, *festival.measures, festival.bands)
    yield festival.model_copy(update={"bands": FestivalBands(excellent=85, good=70, medium=50)})


@cache
def _festival() -> FestivalResult:
    return festival_indicator(_demo(), 1397)


def _results() -> Iterator[Any]:
    """Every kind of result, made from the demo dataset."""
    demo = _demo()
    checklist = reference_checklist()
    scores = [score_inspection(i, checklist) for i in demo.inspections]
    yield from scores
    for score in scores[:20]:
        yield from score.sections
        yield from score.items
    period = JalaliPeriod.parse("1397-Q4")
    indices = [
        agency_index(
            agency.id,
            period,
            inspections=scores,
            complaints=demo.complaints,
            trainings=demo.trainings,
            surveys=demo.surveys,
            stats=demo.stats,
        )
        for agency in demo.agencies
    ]
    yield from indices
    for index in indices:
        for component in index.components.values():
            yield component
            yield from component.rates
    yield from rank(
        {i.agency_id: i.score for i in indices},
        groups={a.id: a.category for a in demo.agencies},
    )
    yield from roll_up(indices, demo.agencies)
    yield from roll_up(indices, demo.agencies, level="national", weights="staff")
    post = Post.parse("managerial:middle")
    decisions = [assess_eligibility(c, post, as_of="1397/12/29") for c in demo.candidates]
    yield from decisions
    yield from (reason for d in decisions for reason in d.reasons)
    yield inspection_coverage(demo.agencies, demo.inspections, period)
    yield from overdue_findings(demo.inspections, as_of="1397/12/29")
    group, meetings, programme = _group_records()
    progress = group_progress(group, meetings, as_of="1396/12/29", programmes=[programme])
    yield progress
    yield from progress.programme_items
    yield period
    yield WorkCalendar(holidays=frozenset({period.start}))
    festival = _festival()
    yield festival
    for row in festival.rows:
        yield row
        yield from row.measures
        yield from (m.evidence for m in row.measures)
    ngos = ngo_participation(demo.agencies, demo.inspections, demo.ngos, demo.ngo_reports, "1397")
    yield from (ngos, *ngos.ngos, *ngos.provinces)
    for training_programme in demo.training_programmes:
        coverage = training_coverage(
            training_programme, demo.trainings, demo.stats, demo.agencies, "1397"
        )
        yield coverage
        yield from coverage.rows
    transparency = transparency_record(
        demo.publications,
        [a.id for a in demo.agencies],
        "1397/12/29",
        meetings=demo.meetings,
        group_id="wg-national",
    )
    yield from (transparency, *transparency.published)


def _by_type(objects: Iterator[Any]) -> dict[type, list[Any]]:
    found: defaultdict[type, list[Any]] = defaultdict(list)
    for obj in objects:
        found[type(obj)].append(obj)
    return found


@cache
def _records_by_type() -> dict[type, list[Any]]:
    return _by_type(_records())


@cache
def _results_by_type() -> dict[type, list[Any]]:
    return _by_type(_results())


def _round_trip(obj: Any, protocol: int) -> Any:
    return pickle.loads(pickle.dumps(obj, protocol=protocol))  # noqa: S301 - our own objects


def test_every_public_record_and_result_type_is_covered() -> None:
    """The examples below hold every exported pydantic model and every result type."""
    assert set(_records_by_type()) >= MODELS
    assert set(_results_by_type()) >= RESULTS


@pytest.mark.parametrize(
    "model", sorted(MODELS, key=lambda c: c.__name__), ids=lambda c: c.__name__
)
def test_record_models_pickle_to_equal_objects(model: type[BaseModel]) -> None:
    """Each record (and policy) unpickles, with every protocol, equal and of the same type."""
    examples = _records_by_type()[model]
    for protocol in PROTOCOLS:
        for obj in examples:
            copy = _round_trip(obj, protocol)
            assert type(copy) is model
            assert copy == obj
            assert copy.model_dump(mode="json") == obj.model_dump(mode="json")


@pytest.mark.parametrize(
    "kind", sorted(RESULTS, key=lambda c: c.__name__), ids=lambda c: c.__name__
)
def test_results_pickle_to_equal_objects(kind: type) -> None:
    """Each result unpickles, with every protocol, equal, with the same JSON and the same hash."""
    examples = _results_by_type()[kind]
    for protocol in PROTOCOLS:
        for obj in examples:
            copy = _round_trip(obj, protocol)
            assert type(copy) is kind
            assert copy == obj
            if hasattr(obj, "to_dict"):
                assert copy.to_dict() == obj.to_dict()
            assert hash(copy) == hash(obj)


def test_memorandum_figures_and_the_annual_report_pickle_to_equal_objects() -> None:
    """The reporting layer's new figures (the memorandum's, Article 18's yearly report) come back
    equal, with the same JSON and, in both languages, the same Markdown. (Reports hold
    dictionaries, so unlike the results above they are not hashed.)"""
    demo = _demo()
    progress = citizenrights.build_progress_report(demo, as_of="1397/12/29", group_id="wg-national")
    annual = citizenrights.build_annual_report(demo, 1397, "IR-10")
    assert progress.memorandum is not None
    for obj in (progress.memorandum, annual):
        for protocol in PROTOCOLS:
            copy = _round_trip(obj, protocol)
            assert type(copy) is type(obj)
            assert copy == obj
            assert copy.to_dict() == obj.to_dict()
    assert _round_trip(annual, pickle.DEFAULT_PROTOCOL).to_markdown("en") == annual.to_markdown(
        "en"
    )


def test_scores_survive_any_answers() -> None:
    """Scores of inspections with N/A and unanswered items unpickle with the same breakdown."""
    checklist = reference_checklist()
    inspection = _demo().inspections[0]
    responses = []
    for n, response in enumerate(inspection.responses[:-5]):  # the last five left unanswered
        if n < 6 and checklist.item(response.item).allow_na:
            response = response.model_copy(update={"answer": Answer.NOT_APPLICABLE})
        responses.append(response)
    sparse = inspection.model_copy(update={"responses": tuple(responses)})
    score = score_inspection(sparse, checklist)
    assert score.applicable_items < len(responses)
    assert score.answered_items < score.applicable_items
    copy = _round_trip(score, pickle.DEFAULT_PROTOCOL)
    assert (copy.applicable_items, copy.answered_items) == (
        score.applicable_items,
        score.answered_items,
    )
    assert copy.explain("en") == score.explain("en")
    assert copy == score


def test_scores_made_in_worker_processes_equal_local_ones() -> None:
    """Scoring in a process pool gives the scores, and the indices, that scoring here gives."""
    demo = _demo()
    checklist = reference_checklist()
    inspections = demo.inspections[:60]
    local = [score_inspection(i, checklist) for i in inspections]
    with ProcessPoolExecutor(max_workers=2) as pool:
        remote = list(pool.map(score_inspection, inspections, repeat(checklist), chunksize=15))
    assert all(isinstance(s, InspectionScore) for s in remote)
    assert remote == local
    assert [s.to_dict() for s in remote] == [s.to_dict() for s in local]


def test_eligibility_decision_masks_nothing_new_when_pickled() -> None:
    """A decision's redacted JSON is the same after a round trip: no personal data reappears."""
    post = Post.parse("managerial:middle")
    decision = assess_eligibility(_demo().candidates[0], post, as_of="1397/12/29")
    copy = _round_trip(decision, pickle.HIGHEST_PROTOCOL)
    assert isinstance(copy, EligibilityDecision)
    assert copy.to_dict(redact=True) == decision.to_dict(redact=True)
    assert repr(copy) == repr(decision)


def test_agency_registry_pickles() -> None:
    """A registry (shipped to workers that roll up or check coverage) unpickles with its indexes."""
    registry = _demo().agencies
    copy = _round_trip(registry, pickle.DEFAULT_PROTOCOL)
    assert isinstance(copy, AgencyRegistry)
    assert list(copy) == list(registry)
    root = registry.roots()[0]
    assert copy.descendants(root.id) == registry.descendants(root.id)
