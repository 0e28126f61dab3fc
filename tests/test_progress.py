"""Follow-up measures: group_progress, inspection_coverage and overdue_findings.

The rules are pinned by hand-worked scenario files in ``tests/scenarios/progress/``; each file holds
its records once and one or more cases (arguments and the expected parts of ``to_dict()``), with
notes showing the working-day counts by hand.
"""

from __future__ import annotations

import ast
import importlib.util
import json
import random
from datetime import UTC, date, datetime, timedelta
from pathlib import Path
from typing import Any

import pytest
from hypothesis import given
from hypothesis import strategies as st
from pydantic import BaseModel, TypeAdapter

from citizenrights import (
    FRIDAY,
    Agency,
    AgencyRegistry,
    Coverage,
    DatasetError,
    GroupProgress,
    Inspection,
    InspectionKind,
    InvalidDateError,
    JalaliPeriod,
    Meeting,
    OverdueFinding,
    PeriodKind,
    Programme,
    ProgrammeItemStatus,
    Severity,
    UnknownAgencyError,
    WorkCalendar,
    WorkingGroup,
    group_progress,
    inspection_coverage,
    overdue_findings,
    parse_date,
    working_days_between,
)
from citizenrights.calendar import THURSDAY

from . import strategies as cst

SCENARIOS = Path(__file__).parent / "scenarios" / "progress"


# -- scenario runner --------------------------------------------------------------------------


def _cases() -> list[Any]:
    params = []
    for path in sorted(SCENARIOS.glob("*.json")):
        scenario = json.loads(path.read_text(encoding="utf-8"))
        for case in scenario["cases"]:
            params.append(pytest.param(scenario, case, id=f"{path.stem}: {case['name']}"))
    return params


def _inspections(data: dict[str, Any]) -> list[Inspection]:
    defaults = data.get("inspection_defaults", {})
    return [Inspection.model_validate({**defaults, **raw}) for raw in data["inspections"]]


def _calendar(args: dict[str, Any]) -> WorkCalendar:
    return WorkCalendar(holidays=frozenset(parse_date(d) for d in args.get("holidays", ())))


def _results(
    scenario: dict[str, Any], args: dict[str, Any]
) -> tuple[GroupProgress | Coverage | OverdueFinding, ...]:
    data = scenario["data"]
    function = scenario["function"]
    if function == "group_progress":
        progress = group_progress(
            WorkingGroup.model_validate(data["group"]),
            [Meeting.model_validate(m) for m in data["meetings"]],
            as_of=parse_date(args["as_of"]),
            calendar=_calendar(args),
            programmes=[Programme.model_validate(p) for p in data.get("programmes", ())],
        )
        return (progress,)
    if function == "inspection_coverage":
        registry = AgencyRegistry(Agency.model_validate(a) for a in data["agencies"])
        coverage = inspection_coverage(
            registry,
            _inspections(data),
            JalaliPeriod.parse(args["period"]),
            kinds=args.get("kinds", ("periodic",)),
            scope=args.get("scope"),
        )
        return (coverage,)
    assert function == "overdue_findings", function
    return overdue_findings(
        _inspections(data), as_of=parse_date(args["as_of"]), calendar=_calendar(args)
    )


def _run(scenario: dict[str, Any], args: dict[str, Any]) -> dict[str, Any]:
    results = _results(scenario, args)
    if scenario["function"] == "overdue_findings":
        return {"findings": [f.to_dict() for f in results]}
    return results[0].to_dict()


@pytest.mark.parametrize(("scenario", "case"), _cases())
def test_scenario(scenario: dict[str, Any], case: dict[str, Any]) -> None:
    """Each hand-worked scenario case gives the expected figures (only the keys it names)."""
    got = _run(scenario, case["args"])
    for key, expected in case["expected"].items():
        assert _same(got[key], expected), f"{key}: got {got[key]!r}, expected {expected!r}"


def _same(got: Any, expected: Any) -> bool:
    """Equal, with floats compared to 12 significant digits (the files hold decimal text)."""
    if isinstance(expected, float) and isinstance(got, float):
        return got == pytest.approx(expected, rel=1e-12)
    if isinstance(expected, dict) and isinstance(got, dict):
        return got.keys() == expected.keys() and all(_same(got[k], expected[k]) for k in got)
    if isinstance(expected, list) and isinstance(got, list):
        return len(got) == len(expected) and all(map(_same, got, expected))
    return type(got) is type(expected) and bool(got == expected)


@pytest.mark.parametrize(("scenario", "case"), _cases())
def test_scenario_explains_itself(scenario: dict[str, Any], case: dict[str, Any]) -> None:
    """Every scenario result explains itself in both languages: Persian digits only in Persian,
    and never a team or group member's name."""
    persian_digits = set("۰۱۲۳۴۵۶۷۸۹")
    for result in _results(scenario, case["args"]):
        fa, en = result.explain("fa"), result.explain("en")
        assert persian_digits & set(fa)
        assert not persian_digits & set(en)
        for text in (fa, en):
            assert "بازرس" not in text.replace("بازرسی", "")
            assert "دبیر" not in text


def test_scenarios_are_found() -> None:
    """The scenario folder holds the documented files, so a glob typo cannot skip them all."""
    names = {p.stem for p in SCENARIOS.glob("*.json")}
    assert {
        "resolution_due_on_holiday",
        "resolution_one_day_late",
        "dropped_resolutions",
        "met_twice_needed_four",
        "one_agency_of_five_uncovered",
        "finding_resolved_on_due_date",
        "resolution_due_before_nowruz",
    } <= names


# -- group_progress ---------------------------------------------------------------------------

GROUP = WorkingGroup.model_validate(
    {
        "id": "WG",
        "name": "کارگروه",
        "scope": "national",
        "members": [{"name": "مریم احمدی", "affiliation": "areo"}],
        "meetings_per_year": 4,
    }
)


def _meeting(mid: str, day: str, *resolutions: dict[str, Any], group: str = "WG") -> Meeting:
    return Meeting.model_validate(
        {"id": mid, "group_id": group, "date": day, "resolutions": list(resolutions)}
    )


def _res(rid: str, status: str = "open", **more: Any) -> dict[str, Any]:
    return {"id": rid, "text": "اقدام", "owner": "آموزش", "status": status, **more}


SAMPLE = [
    _meeting(
        "M-1",
        "1396/02/10",
        _res("R-1", "done", due="1396/03/01", done_on="1396/03/03"),
        _res("R-2", due="1396/04/01"),
        _res("R-3", "dropped", due="1396/04/01"),
    ),
    _meeting("M-2", "1396/09/01", _res("R-4", "in_progress", due="1397/03/01")),
]


def test_group_progress_reads_as_of_text() -> None:
    """`as_of` may be a date or Jalali / ISO text, with the same result."""
    by_text = group_progress(GROUP, SAMPLE, as_of="1397/01/15")
    assert by_text == group_progress(GROUP, SAMPLE, as_of=date(2018, 4, 4))
    assert by_text == group_progress(GROUP, SAMPLE, as_of="2018-04-04")
    with pytest.raises(InvalidDateError):
        group_progress(GROUP, SAMPLE, as_of="1396/13/01")
    with pytest.raises(InvalidDateError, match=r"^as_of expects a datetime\.date.*got int"):
        group_progress(GROUP, SAMPLE, as_of=13970115)  # type: ignore[arg-type]


def test_group_progress_to_dict_is_json_ready_with_stable_keys() -> None:
    """`to_dict()` has the documented keys, in order, and survives a JSON round trip."""
    d = group_progress(GROUP, SAMPLE, as_of="1397/01/15").to_dict()
    assert list(d) == [
        "group_id",
        "as_of",
        "meetings_held",
        "meetings_required",
        "meetings_short",
        "resolutions",
        "done",
        "dropped",
        "open",
        "overdue",
        "late",
        "delays",
        "due_count",
        "due_done",
        "implementation_rate",
        "mean_delay_days",
        "max_delay_days",
        "programme_items",
    ]
    assert json.loads(json.dumps(d)) == d
    assert d["as_of"] == "2018-04-04"
    assert d["meetings_held"] == {"1396": 2, "1397": 0}
    assert (d["resolutions"], d["done"], d["dropped"], d["open"]) == (4, 1, 1, 2)
    assert (d["overdue"], d["late"], d["delays"]) == (["R-2"], ["R-1"], {"R-1": 2})


def test_group_progress_is_hashable_and_immutable() -> None:
    """The result is a frozen value: hashable, equal to a recomputation, not assignable."""
    p = group_progress(GROUP, SAMPLE, as_of="1397/01/15")
    assert hash(p) == hash(group_progress(GROUP, list(reversed(SAMPLE)), as_of="1397/01/15"))
    with pytest.raises(AttributeError):
        p.done = 5  # type: ignore[misc]
    with pytest.raises(TypeError):
        p.meetings_held[1396] = 9  # type: ignore[index]


def test_group_progress_explains_itself_in_both_languages() -> None:
    """`explain` gives the figures in English with Latin digits and in Persian with Persian ones."""
    p = group_progress(GROUP, SAMPLE, as_of="1397/01/15")
    en = p.explain("en")
    assert en.splitlines() == [
        "Working group WG, as of 1397/01/15",
        "- meetings in 1396: 2 of 4 required (short by 2)",
        "- meetings in 1397: 0 of 4 required (year not over yet)",
        "- resolutions: 4 (done 1, dropped 1, open or in progress 2)",
        "- implementation rate: 50% (1 of the 2 resolutions due by 1397/01/15 done)",
        "- overdue: 1 (R-2)",
        "- late: 1 (R-1); delay in working days: mean 2, longest 2",
    ]
    fa = p.explain("fa")
    assert "۱۳۹۷/۰۱/۱۵" in fa
    assert "۵۰٪" in fa
    assert "R-2" in fa
    assert "مریم" not in fa + en
    with pytest.raises(ValueError, match="'fa' or 'en'"):
        p.explain("de")  # type: ignore[arg-type]


def test_programme_items_explained() -> None:
    """Programme items appear in `explain` with their status in the chosen language."""
    programme = Programme.model_validate(
        {"id": "P-9", "title": "برنامه", "items": [{"number": 1, "title": "منشور"}]}
    )
    meetings = [
        _meeting(
            "M-1",
            "1396/02/10",
            _res("R-1", due="1396/03/01", programme_item={"programme_id": "P-9", "number": 1}),
        )
    ]
    p = group_progress(GROUP, meetings, as_of="1396/05/01", programmes=[programme])
    assert p.programme_items[0].status is ProgrammeItemStatus.OPEN
    assert "programme P-9 item 1 «منشور»: open (resolutions R-1); overdue: R-1" in p.explain("en")
    assert "برنامه P-9، بند ۱ «منشور»: باز" in p.explain("fa")


def test_group_without_a_quota_has_no_short_years() -> None:
    """Without `meetings_per_year` nothing is short and `explain` shows the bare counts."""
    free = GROUP.model_copy(update={"meetings_per_year": None})
    p = group_progress(free, SAMPLE, as_of="1397/01/15")
    assert (p.meetings_required, p.meetings_short) == (None, ())
    assert "- meetings in 1396: 2" in p.explain("en").splitlines()


def test_inconsistent_meetings_are_reported_all_at_once() -> None:
    """Duplicate meeting ids, a resolution id in two meetings and a bad programme reference are
    one DatasetError listing every problem; another group's records are not checked."""
    programme = Programme.model_validate(
        {"id": "P", "title": "برنامه", "items": [{"number": 1, "title": "الف"}]}
    )
    meetings = [
        _meeting("M-1", "1396/02/10", _res("R-1")),
        _meeting("M-1", "1396/03/10"),
        _meeting(
            "M-2",
            "1396/04/10",
            _res("R-1"),
            _res("R-2", programme_item={"programme_id": "P", "number": 2}),
        ),
        _meeting("M-1", "1396/04/10", _res("R-1"), group="OTHER"),
    ]
    with pytest.raises(DatasetError) as info:
        group_progress(GROUP, meetings, as_of="1397/01/15", programmes=[programme])
    assert info.value.problems == (
        "meeting id 'M-1' is used 2 times; each meeting is given once",
        "resolution id 'R-1' is used in meetings 'M-1' and 'M-2'; "
        "resolution ids must be unique within a working group",
        "meeting 'M-2' resolution 'R-2': programme 'P' has no item 2 (its items are 1..1)",
    )
    # Without programmes the references are not checked, but duplicates still are.
    with pytest.raises(DatasetError) as info:
        group_progress(GROUP, meetings, as_of="1397/01/15")
    assert len(info.value.problems) == 2


def test_results_work_as_pydantic_fields() -> None:
    """A GroupProgress, Coverage or OverdueFinding can be a pydantic field; JSON is `to_dict()`."""

    class Envelope(BaseModel):
        progress: GroupProgress
        coverage: Coverage
        findings: tuple[OverdueFinding, ...]

    progress = group_progress(GROUP, SAMPLE, as_of="1397/01/15")
    coverage = Coverage(
        period=JalaliPeriod.parse("1396-Q3"),
        kinds=(InspectionKind.PERIODIC,),
        scope=None,
        covered=("A",),
        uncovered=(),
        rate=1.0,
    )
    finding = OverdueFinding(
        agency_id="A",
        inspection_id="I",
        index=0,
        item=None,
        severity=Severity.MINOR,
        description="…",
        due=date(2017, 10, 23),
        age_days=3,
    )
    env = Envelope(progress=progress, coverage=coverage, findings=(finding,))
    dumped = json.loads(env.model_dump_json())
    assert dumped == {
        "progress": progress.to_dict(),
        "coverage": coverage.to_dict(),
        "findings": [finding.to_dict()],
    }
    assert TypeAdapter(GroupProgress).validate_python(progress) is progress


# -- inspection_coverage ----------------------------------------------------------------------

REGISTRY = AgencyRegistry(
    [
        Agency(id="GOV", name="استانداری", kind="provincial_governorate"),
        Agency(id="O-1", name="اداره", kind="provincial_office", parent_id="GOV"),
    ]
)


def test_coverage_of_an_empty_scope_has_no_rate() -> None:
    """An empty registry gives rate None, not 0 or a division error."""
    c = inspection_coverage(AgencyRegistry([]), [], "1396-Q3")
    assert (c.covered, c.uncovered, c.rate) == ((), (), None)
    assert (
        c.explain("en") == "Agencies with a periodic inspection in Autumn 1396: no agency in scope"
    )


def test_coverage_arguments_are_checked() -> None:
    """An unknown scope, kind or period is a clear, documented error."""
    with pytest.raises(UnknownAgencyError):
        inspection_coverage(REGISTRY, [], "1396-Q3", scope="NOPE")
    with pytest.raises(ValueError, match="Unknown inspection kind 'yearly'"):
        inspection_coverage(REGISTRY, [], "1396-Q3", kinds=["yearly"])
    with pytest.raises(ValueError, match="kinds is empty"):
        inspection_coverage(REGISTRY, [], "1396-Q3", kinds=[])
    with pytest.raises(ValueError, match="1396-Q5"):
        inspection_coverage(REGISTRY, [], "1396-Q5")


def test_coverage_accepts_one_kind_as_text() -> None:
    """`kinds="ad_hoc"` means the one kind, not its letters."""
    assert inspection_coverage(REGISTRY, [], "1396", kinds="ad_hoc").kinds == (
        InspectionKind.AD_HOC,
    )


def test_coverage_explains_itself() -> None:
    """`explain` names the period, the share and the agencies not inspected, in fa and en."""
    c = inspection_coverage(REGISTRY, [], JalaliPeriod.parse("1396-Q3"), scope="GOV")
    assert c.explain("en").splitlines() == [
        "Agencies with a periodic inspection in Autumn 1396 (under GOV): 0 of 2 (0%)",
        "- not inspected: GOV, O-1",
    ]
    assert c.explain("fa").splitlines() == [
        "دستگاه‌های دارای بازرسی دوره‌ای در پاییز ۱۳۹۶ (زیرمجموعهٔ GOV): ۰ از ۲ (۰٪)",
        "- بدون بازرسی: GOV، O-1",
    ]


# -- overdue_findings -------------------------------------------------------------------------


def test_overdue_finding_explains_itself() -> None:
    """`explain` gives agency, inspection, severity, due date and age in both languages."""
    f = OverdueFinding(
        agency_id="A-1",
        inspection_id="I-1",
        index=2,
        item=None,
        severity=Severity.CRITICAL,
        description="…",
        due=date(2017, 10, 23),
        age_days=8,
    )
    assert (
        f.explain("en") == "A-1, inspection I-1 (critical): due 1396/08/01, 8 working days overdue"
    )
    assert f.explain("fa") == "A-1، بازرسی I-1 (بحرانی): سررسید ۱۳۹۶/۰۸/۰۱، ۸ روز کاری تأخیر"


_TEAM = [{"name": "بازرس", "affiliation": "areo"}, {"name": "بازرس", "affiliation": "moi"}]


def _one_finding(due: str, resolved_on: str | None = None) -> Inspection:
    """An inspection of 1396/01/20 with one finding due on ``due``."""
    finding: dict[str, Any] = {"severity": "major", "description": "…", "due": due}
    if resolved_on is not None:
        finding["resolved_on"] = resolved_on
    return Inspection.model_validate(
        {
            "id": "I-1",
            "agency_id": "A-1",
            "checklist_id": "ref",
            "checklist_version": "1",
            "kind": "periodic",
            "date": "1396/01/20",
            "team": _TEAM,
            "responses": [],
            "findings": [finding],
        }
    )


@pytest.mark.parametrize(
    ("due", "as_of", "age"),
    [
        # Issue 10 row 3: 1397/12/29 is a holiday, so on it nothing has been missed yet.
        ("1397/12/28", "1397/12/28", None),  # due on as_of itself: still running
        ("1397/12/28", "1397/12/29", None),  # 29 Esfand: a holiday
        ("1397/12/28", "1398/01/04", None),  # Nowruz 1-4 Farvardin, Friday 01/02 among them
        ("1397/12/28", "1398/01/05", 1),  # Monday 1398/01/05: the first working day after
        ("1397/12/28", "1398/01/06", 2),
        # Due on a Thursday: the Friday after is not a working day.
        ("1396/07/13", "1396/07/14", None),
        ("1396/07/13", "1396/07/15", 1),
        # Due on a day off (Friday 1396/07/14): Saturday is the first working day after.
        ("1396/07/14", "1396/07/15", 1),
        # Leap year 1403: 29 and 30 Esfand and 1-4 Farvardin are holidays.
        ("1403/12/28", "1403/12/30", None),
        ("1403/12/28", "1404/01/04", None),
        ("1403/12/28", "1404/01/05", 1),
        # An ordinary week: Monday 1396/08/01 to Wednesday 08/10 is 8 working days.
        ("1396/08/01", "1396/08/10", 8),
    ],
)
def test_overdue_rule_and_age_are_one_rule(due: str, as_of: str, age: int | None) -> None:
    """A finding is overdue exactly when a working day has passed since its due date without it
    being resolved; its age is the working days in (due, as_of], never 0 (issue 10, row 3)."""
    found = overdue_findings([_one_finding(due)], as_of=as_of)
    assert [f.age_days for f in found] == ([] if age is None else [age])


@pytest.mark.parametrize(
    ("resolved_on", "listed"),
    [
        (None, True),
        ("1398/01/05", False),  # resolved on as_of
        ("1397/12/29", False),  # resolved on the holiday after its due date
        ("1398/01/06", True),  # resolved after as_of: still open on that day
    ],
)
def test_overdue_respects_resolution_at_as_of(resolved_on: str | None, listed: bool) -> None:
    """At 1398/01/05 a finding due 1397/12/28 is overdue unless it was resolved by then."""
    found = overdue_findings([_one_finding("1397/12/28", resolved_on)], as_of="1398/01/05")
    assert bool(found) is listed


@pytest.mark.parametrize(
    ("as_of", "listed"),
    [
        (datetime(2019, 3, 25, 9, 0), True),  # naive: 09:00 on Monday 1398/01/05 in Iran
        # Daylight saving time (+04:30) began with 1398: 19:30 UTC was already 00:00 the next day.
        (datetime(2019, 3, 24, 20, 0, tzinfo=UTC), True),  # 00:30 on 1398/01/05 in Tehran
        (datetime(2019, 3, 24, 19, 0, tzinfo=UTC), False),  # 23:30 on 1398/01/04 in Tehran
        ("2019-03-24T20:00:00Z", True),
        ("2019-03-24T23:30:00+04:30", False),
    ],
)
def test_overdue_as_of_takes_the_iran_day(as_of: datetime | str, listed: bool) -> None:
    """A datetime or timestamp as_of stands for its day in Iran time (issue 10, row 2)."""
    assert bool(overdue_findings([_one_finding("1397/12/28")], as_of=as_of)) is listed


def test_overdue_never_explains_zero_working_days() -> None:
    """No listed finding reads "overdue by 0 working days", on any day around Nowruz 1398."""
    inspections = [_one_finding("1397/12/28")]
    day = parse_date("1397/12/20")
    while day <= parse_date("1398/01/20"):
        for f in overdue_findings(inspections, as_of=day):
            assert f.age_days >= 1
            assert " 0 working days" not in f.explain("en")
            assert "، ۰ روز کاری" not in f.explain("fa")
        day += timedelta(days=1)


# -- one rule for resolutions and findings (issue 10, row 3) ----------------------------------

_THURSDAY_OFF = WorkCalendar(weekend=frozenset({THURSDAY, FRIDAY}))


def _one_resolution(due: str, done_on: str | None = None) -> list[Meeting]:
    """A meeting of 1396/01/20 with one resolution due on ``due``, open or done on ``done_on``."""
    if done_on is None:
        return [_meeting("M-1", "1396/01/20", _res("R-1", due=due))]
    return [_meeting("M-1", "1396/01/20", _res("R-1", "done", due=due, done_on=done_on))]


@pytest.mark.parametrize(
    ("due", "as_of", "calendar", "overdue"),
    [
        # Due on a Wednesday: Thursday is a working day, and the Friday after adds none.
        ("1396/07/12", "1396/07/12", WorkCalendar(), False),  # due on as_of itself
        ("1396/07/12", "1396/07/13", WorkCalendar(), True),
        ("1396/07/12", "1396/07/14", WorkCalendar(), True),
        # ... where the office closes on Thursdays too, nothing is missed until Saturday.
        ("1396/07/12", "1396/07/13", _THURSDAY_OFF, False),
        ("1396/07/12", "1396/07/14", _THURSDAY_OFF, False),
        ("1396/07/12", "1396/07/15", _THURSDAY_OFF, True),
        # Due on a Thursday: the Friday after is the weekend.
        ("1396/07/13", "1396/07/14", WorkCalendar(), False),
        ("1396/07/13", "1396/07/15", WorkCalendar(), True),
        # Due Tuesday 1397/12/28: 29 Esfand and Nowruz (1-4 Farvardin) are holidays.
        ("1397/12/28", "1397/12/29", WorkCalendar(), False),
        ("1397/12/28", "1398/01/04", WorkCalendar(), False),
        ("1397/12/28", "1398/01/05", WorkCalendar(), True),
        # Due on a holiday (22 Bahman, Sunday): not moved, so Monday is already a day late.
        ("1396/11/21", "1396/11/22", WorkCalendar(), False),
        ("1396/11/22", "1396/11/23", WorkCalendar(), True),
        # Not due yet.
        ("1398/01/05", "1398/01/04", WorkCalendar(), False),
    ],
)
def test_resolution_overdue_rule(
    due: str, as_of: str, calendar: WorkCalendar, overdue: bool
) -> None:
    """An open resolution is overdue exactly when a working day has passed since its due date; one
    due but not yet a working day late counts neither way in the rate (issue 10, row 3)."""
    p = group_progress(GROUP, _one_resolution(due), as_of=as_of, calendar=calendar)
    assert p.overdue == (("R-1",) if overdue else ())
    assert (p.due_done, p.due_count) == ((0, 1) if overdue else (0, 0))
    assert p.implementation_rate == (0.0 if overdue else None)


@pytest.mark.parametrize(
    ("due", "done_on", "calendar", "delay"),
    [
        ("1396/07/12", "1396/07/12", WorkCalendar(), None),  # done on its due date
        ("1396/07/12", "1396/07/13", WorkCalendar(), 1),  # Wednesday, done Thursday
        ("1396/07/12", "1396/07/14", WorkCalendar(), 1),  # ... done Friday: still 1
        ("1396/07/12", "1396/07/14", _THURSDAY_OFF, None),  # Thursday and Friday off: on time
        ("1396/07/13", "1396/07/14", WorkCalendar(), None),  # Thursday, done Friday: on time
        ("1396/07/13", "1396/07/15", WorkCalendar(), 1),  # ... done Saturday
        ("1397/12/28", "1397/12/29", WorkCalendar(), None),  # done on the holiday after: on time
        ("1397/12/28", "1398/01/04", WorkCalendar(), None),  # done during Nowruz: on time
        ("1397/12/28", "1398/01/05", WorkCalendar(), 1),  # the first working day after
        ("1397/12/28", "1398/01/06", WorkCalendar(), 2),
        ("1396/11/22", "1396/11/23", WorkCalendar(), 1),  # due on a holiday: not moved
        ("1396/11/21", "1396/11/22", WorkCalendar(), None),  # done on the holiday after
        ("1397/12/28", "1397/12/20", WorkCalendar(), None),  # done early
    ],
)
def test_resolution_late_rule(
    due: str, done_on: str, calendar: WorkCalendar, delay: int | None
) -> None:
    """A done resolution was late exactly when a working day passed between its due date and the
    day it was done, and its delay is that count, never 0; late or not, it counts as done."""
    p = group_progress(GROUP, _one_resolution(due, done_on), as_of="1398/02/01", calendar=calendar)
    assert dict(p.delays) == ({} if delay is None else {"R-1": delay})
    assert p.late == (() if delay is None else ("R-1",))
    assert (p.due_done, p.due_count, p.overdue) == (1, 1, ())
    assert p.max_delay_days == delay


def test_resolutions_and_findings_share_one_rule() -> None:
    """On every day around Nowruz 1398, with and without Thursdays off, an open resolution and an
    unresolved finding with the same due date are overdue on the same days; a resolution done on
    a day is late exactly when a finding is overdue on it, by the same count."""
    for calendar in (WorkCalendar(), _THURSDAY_OFF):
        for due in ("1397/12/26", "1397/12/27", "1397/12/28", "1397/12/29"):
            day = parse_date("1397/12/20")
            while day <= parse_date("1398/01/12"):
                ages = [
                    f.age_days
                    for f in overdue_findings([_one_finding(due)], as_of=day, calendar=calendar)
                ]
                p = group_progress(GROUP, _one_resolution(due), as_of=day, calendar=calendar)
                assert bool(p.overdue) is bool(ages), (due, day)
                done = group_progress(
                    GROUP,
                    _one_resolution(due, day.isoformat()),
                    as_of="1398/02/01",
                    calendar=calendar,
                )
                assert dict(done.delays) == ({"R-1": ages[0]} if ages else {}), (due, day)
                day += timedelta(days=1)


def test_explanations_never_say_zero_working_days_for_resolutions() -> None:
    """No progress explanation around Nowruz 1398 reads "0 working days" or a delay of 0."""
    meetings = [
        _meeting(
            "M-1",
            "1397/12/01",
            _res("R-1", due="1397/12/28"),
            _res("R-2", "done", due="1397/12/28", done_on="1397/12/29"),
            _res("R-3", "done", due="1397/12/27", done_on="1398/01/05"),
        )
    ]
    day = parse_date("1397/12/20")
    while day <= parse_date("1398/01/12"):
        p = group_progress(GROUP, meetings, as_of=day)
        assert all(d >= 1 for d in p.delays.values())
        assert "R-2" not in p.late
        day += timedelta(days=1)


# -- properties -------------------------------------------------------------------------------

as_of_days = cst.group_dates


@given(
    group=cst.working_groups(),
    data=st.data(),
    as_of=as_of_days,
    calendar=cst.work_calendars(),
)
def test_group_progress_invariants(
    group: WorkingGroup, data: st.DataObject, as_of: date, calendar: WorkCalendar
) -> None:
    """Counts add up, the rate is in [0, 1] and equals done ÷ (done + overdue), overdue ones are
    exactly those neither done nor dropped by as_of and a working day or more past due, delays
    are working_days_between(due, done_on) and at least 1, and meeting order does not matter."""
    programme = data.draw(cst.programmes())
    meetings = data.draw(cst.meetings(group_ids=("WG", "OTHER"), programme=programme))
    p = group_progress(group, meetings, as_of=as_of, calendar=calendar, programmes=[programme])
    assert p.done + p.dropped + p.open == p.resolutions
    assert p.due_count == p.due_done + len(p.overdue)
    if p.implementation_rate is None:
        assert p.due_count == 0
    else:
        assert 0.0 <= p.implementation_rate <= 1.0
        assert p.implementation_rate == p.due_done / p.due_count
    by_id = {r.id: (m, r) for m in meetings for r in m.resolutions}
    expected_overdue = sorted(
        r.id
        for m in meetings
        if m.group_id == "WG" and m.date <= as_of
        for r in m.resolutions
        if r.due is not None
        and r.due < as_of
        and r.status.value != "dropped"
        and not (r.status.value == "done" and r.done_on is not None and r.done_on <= as_of)
        and working_days_between(r.due, as_of, calendar) >= 1
    )
    assert list(p.overdue) == expected_overdue
    for rid, delay in p.delays.items():
        _, r = by_id[rid]
        assert r.due is not None
        assert r.done_on is not None
        assert r.done_on <= as_of
        assert delay == working_days_between(r.due, r.done_on, calendar) >= 1
    if p.delays:
        assert p.max_delay_days is not None
        assert p.mean_delay_days is not None
        assert 0 <= p.mean_delay_days <= p.max_delay_days
    else:
        assert p.mean_delay_days is None
        assert p.max_delay_days is None
    assert sum(p.meetings_held.values()) == sum(
        1 for m in meetings if m.group_id == "WG" and m.date <= as_of
    )
    assert [i.number for i in p.programme_items] == list(range(1, len(programme.items) + 1))
    shuffled = data.draw(st.permutations(meetings))
    assert (
        group_progress(group, shuffled, as_of=as_of, calendar=calendar, programmes=[programme]) == p
    )


@given(forest=cst.agency_forests(max_size=12), data=st.data())
def test_coverage_invariants(forest: list[Agency], data: st.DataObject) -> None:
    """Covered and uncovered split the scope, the rate is in [0, 1], and order does not matter."""
    registry = AgencyRegistry(forest)
    ids = [a.id for a in forest]
    period = data.draw(cst.periods(PeriodKind.QUARTER) | st.just(JalaliPeriod.parse("1396")))
    near = cst.supported_dates(period.start - timedelta(days=40), period.end + timedelta(days=40))
    inspections = data.draw(
        st.lists(cst.follow_up_inspections(agency_ids=tuple(ids), dates=near), max_size=10)
    )
    scope = data.draw(st.none() | st.sampled_from(ids))
    kinds = data.draw(st.lists(st.sampled_from(InspectionKind), min_size=1, unique=True))
    c = inspection_coverage(registry, inspections, period, kinds=kinds, scope=scope)
    expected_scope = (
        set(ids) if scope is None else {scope} | {a.id for a in registry.descendants(scope)}
    )
    assert set(c.covered) | set(c.uncovered) == expected_scope
    assert not set(c.covered) & set(c.uncovered)
    assert list(c.covered) == sorted(c.covered)
    assert list(c.uncovered) == sorted(c.uncovered)
    assert c.rate is not None
    assert 0.0 <= c.rate <= 1.0
    for agency_id in c.covered:
        assert any(
            i.agency_id == agency_id and i.kind in kinds and i.date in period for i in inspections
        )
    reordered = inspection_coverage(
        registry, list(reversed(inspections)), period, kinds=list(reversed(kinds)), scope=scope
    )
    assert reordered == c


@given(
    found=st.lists(cst.follow_up_inspections(), max_size=8),
    as_of=cst.group_dates,
    calendar=cst.work_calendars(),
)
def test_overdue_findings_invariants(
    found: list[Inspection], as_of: date, calendar: WorkCalendar
) -> None:
    """Every listed finding is due before as_of, unresolved then and at least one working day late,
    its age is working_days_between(due, as_of), the output is sorted and does not depend on input
    order, and nothing overdue is left out."""
    result = overdue_findings(found, as_of=as_of, calendar=calendar)
    expected = 0
    for inspection in found:
        if inspection.date > as_of:
            continue
        for f in inspection.findings:
            if (
                f.due is not None
                and f.due < as_of
                and not (f.resolved_on and f.resolved_on <= as_of)
                and working_days_between(f.due, as_of, calendar) >= 1
            ):
                expected += 1
    assert len(result) == expected
    for o in result:
        assert o.due < as_of
        assert o.age_days == working_days_between(o.due, as_of, calendar) >= 1
    keys = [
        (o.agency_id, o.inspection_id, o.item is not None, o.item or "", o.index) for o in result
    ]
    assert keys == sorted(keys)
    shuffled = list(found)
    random.Random(len(found)).shuffle(shuffled)
    assert overdue_findings(shuffled, as_of=as_of, calendar=calendar) == result


# -- the progress report's as_of (issue 10, row 2) --------------------------------------------


@pytest.mark.parametrize(
    ("as_of", "day"),
    [
        (date(2018, 4, 4), date(2018, 4, 4)),
        ("1397/01/15", date(2018, 4, 4)),
        (datetime(2018, 4, 4, 10, 0), date(2018, 4, 4)),  # naive: Iran local time
        # Tehran was on +04:30 from 1397/01/02: 20:00 UTC was 00:30 the next day there.
        (datetime(2018, 4, 3, 20, 0, tzinfo=UTC), date(2018, 4, 4)),
        (datetime(2018, 4, 3, 19, 0, tzinfo=UTC), date(2018, 4, 3)),
    ],
)
def test_progress_report_as_of_is_a_day(as_of: date | str, day: date) -> None:
    """build_progress_report takes a datetime's day in Iran time, so the report and its figures
    are of a plain date, never a datetime that leaks into JSON or comparisons."""
    from citizenrights import build_progress_report, load_demo

    report = build_progress_report(load_demo(), as_of=as_of, group_id="wg-national")
    assert type(report.as_of) is date
    assert report.as_of == day
    assert report.progress.as_of == day
    assert report.to_dict()["as_of"] == day.isoformat()


@pytest.mark.parametrize("as_of", [13970115, None, 2018.04])
def test_progress_report_refuses_a_non_date_as_of(as_of: object) -> None:
    """An as_of that is neither a date nor text is refused with a typed error naming as_of."""
    from citizenrights import build_progress_report, load_demo

    with pytest.raises(InvalidDateError, match=r"^as_of ") as caught:
        build_progress_report(load_demo(), as_of=as_of, group_id="wg-national")  # type: ignore[arg-type]
    assert "\n" not in str(caught.value)


FOLLOWUP_NAMES = (
    "CourseQuarter",
    "Coverage",
    "GroupProgress",
    "NGOActivity",
    "NGOParticipation",
    "NGOProvinceRow",
    "NGOTally",
    "OverdueFinding",
    "ProgrammeItemProgress",
    "ProgrammeItemStatus",
    "PublishedItem",
    "TrainingCoverage",
    "TrainingTally",
    "Transparency",
    "group_progress",
    "inspection_coverage",
    "ngo_participation",
    "overdue_findings",
    "training_coverage",
    "transparency_record",
)


def test_followup_is_its_own_package() -> None:
    """The follow-up API lives in citizenrights.followup and is the same object at the root;
    scoring no longer holds it (follow-up judges no agency)."""
    import citizenrights
    import citizenrights.followup
    import citizenrights.scoring

    assert sorted(citizenrights.followup.__all__) == sorted(FOLLOWUP_NAMES)
    for name in FOLLOWUP_NAMES:
        value = getattr(citizenrights.followup, name)
        assert getattr(citizenrights, name) is value
        assert value.__module__.startswith("citizenrights.followup."), name
        assert name not in citizenrights.scoring.__all__
    assert importlib.util.find_spec("citizenrights.scoring.progress") is None


def test_followup_imports_no_scoring_or_reporting() -> None:
    """The follow-up package sits beside scoring, below reporting: it reads records, the calendar,
    the vocabulary and the result helpers, never scoring, evaluation, reporting or the CLI."""
    import citizenrights.followup

    forbidden = tuple(
        f"citizenrights.{package}"
        for package in ("scoring", "evaluation", "reporting", "cli", "dataset")
    )
    folder = Path(citizenrights.followup.__file__).parent
    for path in sorted(folder.glob("*.py")):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.ImportFrom) and node.module:
                names = [node.module]
            elif isinstance(node, ast.Import):
                names = [alias.name for alias in node.names]
            else:
                continue
            for name in names:
                assert not name.startswith(forbidden), f"{path.name} imports {name}"
