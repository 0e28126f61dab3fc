"""A dataset built from records in memory gets the cross-reference checks of a loaded folder."""

from __future__ import annotations

import json
from collections.abc import Callable
from typing import Any

import pytest

from citizenrights import build_report, evaluate, load_demo
from citizenrights.dataset import Dataset
from citizenrights.errors import DatasetError

DEMO = load_demo()
KINDS = (
    "inspections",
    "complaints",
    "trainings",
    "surveys",
    "stats",
    "ngos",
    "candidates",
    "working_groups",
    "meetings",
    "programmes",
)


def _records(**changed: Any) -> dict[str, Any]:
    records: dict[str, Any] = {kind: getattr(DEMO, kind) for kind in KINDS}
    records.update(changed)
    return records


def _first_with_programme() -> tuple[int, Any]:
    for n, meeting in enumerate(DEMO.meetings):
        if any(r.programme_item for r in meeting.resolutions):
            return n, meeting
    raise AssertionError("the demo has a resolution carrying out a programme item")


def _bad_agency() -> dict[str, Any]:
    stray = DEMO.inspections[0].model_copy(update={"agency_id": "nowhere"})
    return _records(inspections=(stray, *DEMO.inspections[1:]))


def _bad_checklist() -> dict[str, Any]:
    stray = DEMO.inspections[0].model_copy(update={"checklist_id": "elsewhere"})
    return _records(inspections=(stray, *DEMO.inspections[1:]))


def _bad_checklist_version() -> dict[str, Any]:
    stray = DEMO.inspections[0].model_copy(update={"checklist_version": "9.9"})
    return _records(inspections=(stray, *DEMO.inspections[1:]))


def _bad_item() -> dict[str, Any]:
    first = DEMO.inspections[0]
    response = first.responses[0].model_copy(update={"item": "Z99.9"})
    stray = first.model_copy(update={"responses": (response, *first.responses[1:])})
    return _records(inspections=(stray, *DEMO.inspections[1:]))


def _bad_group() -> dict[str, Any]:
    meeting = DEMO.meetings[0].model_copy(update={"group_id": "wg-nowhere"})
    return _records(meetings=(meeting, *DEMO.meetings[1:]))


def _bad_programme() -> dict[str, Any]:
    n, meeting = _first_with_programme()
    resolutions = list(meeting.resolutions)
    for i, r in enumerate(resolutions):
        if r.programme_item is not None:
            ref = r.programme_item.model_copy(update={"programme_id": "prg-nowhere"})
            resolutions[i] = r.model_copy(update={"programme_item": ref})
            break
    changed = meeting.model_copy(update={"resolutions": tuple(resolutions)})
    meetings = list(DEMO.meetings)
    meetings[n] = changed
    return _records(meetings=tuple(meetings))


def _duplicate() -> dict[str, Any]:
    return _records(complaints=(*DEMO.complaints, DEMO.complaints[3]))


def _unknown_complaint_agency() -> dict[str, Any]:
    stray = DEMO.complaints[5].model_copy(update={"agency_id": "nowhere"})
    return _records(complaints=(*DEMO.complaints[:5], stray, *DEMO.complaints[6:]))


CASES: dict[str, tuple[Callable[[], dict[str, Any]], str, str]] = {
    # name: (records, the record named, the message)
    "unknown agency": (
        _bad_agency,
        f"inspections[0] (inspection {DEMO.inspections[0].id!r}): agency_id:",
        "unknown agency 'nowhere': not among the dataset's agencies",
    ),
    "unknown agency of a complaint": (
        _unknown_complaint_agency,
        f"complaints[5] (complaint {DEMO.complaints[5].id!r}): agency_id:",
        "unknown agency 'nowhere'",
    ),
    "unknown checklist": (
        _bad_checklist,
        f"inspections[0] (inspection {DEMO.inspections[0].id!r}):",
        "unknown checklist",
    ),
    "unknown checklist version": (
        _bad_checklist_version,
        f"inspections[0] (inspection {DEMO.inspections[0].id!r}): checklist_version:",
        "has no version '9.9' among the dataset's checklists",
    ),
    "item not in the checklist": (
        _bad_item,
        f"inspections[0] (inspection {DEMO.inspections[0].id!r}):",
        "Z99.9",
    ),
    "unknown working group": (
        _bad_group,
        f"meetings[0] (meeting {DEMO.meetings[0].id!r}): group_id:",
        "unknown working group 'wg-nowhere'",
    ),
    "unknown programme": (_bad_programme, "meetings[", "prg-nowhere"),
    "duplicate id": (
        _duplicate,
        f"complaints[{len(DEMO.complaints)}] (complaint {DEMO.complaints[3].id!r}): id:",
        "(first at complaints[3])",
    ),
}


@pytest.mark.parametrize("case", sorted(CASES))
def test_each_bad_reference_in_memory_is_refused(case: str) -> None:
    make, where, message = CASES[case]
    records = make()
    with pytest.raises(DatasetError) as caught:
        Dataset.from_records(DEMO.agencies, checklists=DEMO.checklists, **records)
    problems = caught.value.problems
    assert len(problems) == 1, problems
    assert problems[0].startswith(where), problems[0]
    assert message in problems[0], problems[0]
    assert caught.value.folder == "(in memory)"
    # The constructor checks nothing; evaluate and build_report refuse the same way.
    built = Dataset(agencies=DEMO.agencies, checklists=DEMO.checklists, **records)
    assert built.problems() == list(problems)
    for run in (lambda: evaluate(built, "1396-Q3"), lambda: build_report(built, "1396-Q3")):
        with pytest.raises(DatasetError) as again:
            run()
        assert again.value.problems == problems


def test_an_unknown_agency_is_no_longer_dropped_in_silence() -> None:
    """The issue's case: an inspection of an unknown agency used to vanish from the report."""
    built = Dataset(agencies=DEMO.agencies, checklists=DEMO.checklists, **_bad_agency())
    with pytest.raises(DatasetError, match="unknown agency 'nowhere'"):
        build_report(built, "1396-Q1")


def test_a_personal_key_is_masked() -> None:
    candidate = DEMO.candidates[0]
    records = _records(candidates=(*DEMO.candidates, candidate))
    with pytest.raises(DatasetError) as caught:
        Dataset.from_records(DEMO.agencies, checklists=DEMO.checklists, **records)
    (problem,) = caught.value.problems
    assert candidate.person_id not in problem
    assert problem.startswith(f"candidates[{len(DEMO.candidates)}] (")


def test_the_demo_built_in_memory_reports_identically() -> None:
    again = Dataset.from_records(
        DEMO.agencies, checklists=list(DEMO.checklists.values()), **_records()
    )
    assert again.problems() == []
    assert DEMO.problems() == []
    for period, scope in (("1396-Q3", None), ("1396-Q3", "IR-10"), ("1397", None)):
        a, b = build_report(DEMO, period, scope=scope), build_report(again, period, scope=scope)
        assert json.dumps(a.to_dict(), ensure_ascii=False) == json.dumps(
            b.to_dict(), ensure_ascii=False
        )
        assert a.to_markdown("fa") == b.to_markdown("fa")
        assert (
            evaluate(DEMO, period, scope=scope).to_dict()
            == evaluate(again, period, scope=scope).to_dict()
        )


def test_a_keyword_that_is_not_a_kind_is_refused() -> None:
    with pytest.raises(TypeError, match="'inspection'"):
        Dataset.from_records(DEMO.agencies, inspection=DEMO.inspections)


def test_check_is_remembered() -> None:
    built = Dataset(agencies=DEMO.agencies, checklists=DEMO.checklists, **_records())
    built.check()
    assert built.problems() == []
