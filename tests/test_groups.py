"""Working-group records: WorkingGroup, Meeting, Resolution, Programme and their rules."""

from __future__ import annotations

import json
from datetime import date
from typing import Any

import pytest
from pydantic import TypeAdapter, ValidationError

from citizenrights.models.groups import (
    GroupMember,
    GroupScope,
    Meeting,
    Programme,
    ProgrammeItem,
    Resolution,
    ResolutionStatus,
    WorkingGroup,
    check_programme_refs,
)
from citizenrights.models.inspections import Affiliation
from citizenrights.models.provinces import Province

MEMBERS = [{"name": "مریم احمدی", "affiliation": "areo"}]


def group(**changes: Any) -> dict[str, Any]:
    data: dict[str, Any] = {"id": "WG", "name": "کارگروه", "scope": "national", "members": MEMBERS}
    data.update(changes)
    return data


def resolution(**changes: Any) -> dict[str, Any]:
    data: dict[str, Any] = {"id": "R-1", "text": "اقدام", "owner": "آموزش", "status": "open"}
    data.update(changes)
    return data


def meeting(*resolutions: dict[str, Any], **changes: Any) -> dict[str, Any]:
    data: dict[str, Any] = {
        "id": "M-1",
        "group_id": "WG",
        "date": "1396/07/01",
        "resolutions": list(resolutions),
    }
    data.update(changes)
    return data


def programme(*numbers: Any) -> dict[str, Any]:
    return {
        "id": "P",
        "title": "برنامه",
        "items": [{"number": n, "title": f"بند {n}"} for n in numbers],
    }


# -- valid records ----------------------------------------------------------------------------


def test_working_group_reads_the_documented_shape() -> None:
    """The DESIGN JSON shape validates; scope and province are parsed into their enums."""
    g = WorkingGroup.model_validate(
        group(
            scope="province",
            province="البرز",
            members=[
                {"name": "الف", "affiliation": "areo"},
                {"name": "ب", "affiliation": "moi", "role": "chair"},
                {"name": "پ", "affiliation": "presidency"},
                {"name": "ت", "affiliation": "ngo"},
            ],
            meetings_per_year=4,
        )
    )
    assert g.scope is GroupScope.PROVINCE
    assert g.province is Province.ALBORZ
    assert [m.affiliation for m in g.members] == [
        Affiliation.AREO,
        Affiliation.MOI,
        Affiliation.PRESIDENCY,
        Affiliation.NGO,
    ]
    assert g.meetings_per_year == 4
    assert json.loads(g.model_dump_json())["province"] == "IR-30"


def test_agency_group_and_national_group_need_no_province() -> None:
    """An agency group names its agency; a national group needs neither province nor agency."""
    assert (
        WorkingGroup.model_validate(group(scope="agency", agency_id="IMIDRO")).agency_id == "IMIDRO"
    )
    national = WorkingGroup.model_validate(group())
    assert (national.province, national.agency_id, national.meetings_per_year) == (None, None, None)


def test_meeting_dates_accept_jalali_and_iso_and_dump_iso() -> None:
    """Meeting, due and done dates take Jalali or ISO text and serialise as ISO."""
    m = Meeting.model_validate(
        meeting(
            resolution(due="2017-10-22", status="done", done_on="۱۳۹۶/۰۷/۲۵"),
            date="1396/07/10",
        )
    )
    r = m.resolutions[0]
    assert (m.date, r.due, r.done_on) == (date(2017, 10, 2), date(2017, 10, 22), date(2017, 10, 17))
    dumped = json.loads(m.model_dump_json())
    assert dumped["date"] == "2017-10-02"
    assert dumped["resolutions"][0]["done_on"] == "2017-10-17"


def test_round_trip_through_json() -> None:
    """Dumping a meeting to JSON and reading it back gives an equal record."""
    m = Meeting.model_validate(
        meeting(
            resolution(programme_item={"programme_id": "P", "number": 2}, due="1396/08/01"),
            resolution(id="R-2", status="done", done_on="1396/07/01"),
        )
    )
    assert Meeting.model_validate_json(m.model_dump_json()) == m


def test_done_on_the_meeting_day_is_allowed() -> None:
    """A resolution done on the day of its meeting is valid (done_on >= the meeting date)."""
    m = Meeting.model_validate(meeting(resolution(status="done", done_on="1396/07/01")))
    assert m.resolutions[0].status is ResolutionStatus.DONE


def test_programme_numbers_may_come_in_any_order() -> None:
    """Programme items numbered 1..n validate in any order; `item(n)` finds them."""
    p = Programme.model_validate(programme(3, 1, 2))
    assert p.item(2).title == "بند 2"
    with pytest.raises(KeyError, match="no item 4"):
        p.item(4)


def test_records_are_frozen() -> None:
    """Records cannot be changed after validation."""
    g = WorkingGroup.model_validate(group())
    with pytest.raises(ValidationError) as info:
        g.name = "دیگر"  # type: ignore[misc]
    assert info.value.errors()[0]["type"] == "frozen_instance"


def test_member_names_are_masked_in_repr() -> None:
    """A member's name is personal data: `repr` masks it, `model_dump` keeps it."""
    member = GroupMember(name="مریم احمدی", affiliation=Affiliation.NGO)
    assert "مریم احمدی" not in repr(member)
    assert "مریم احمدی" not in repr(WorkingGroup.model_validate(group(members=[member])))
    assert member.model_dump()["name"] == "مریم احمدی"


def test_resolution_owners_are_masked_in_repr() -> None:
    """A resolution's owner may be a person's name: the `repr` of a resolution, and of the
    meeting holding it, masks it like a name; `model_dump` keeps it."""
    data = meeting(resolution(owner="مریم احمدی"))
    held = Meeting.model_validate(data)
    for text in (repr(held), str(held), repr(held.resolutions[0]), str(held.resolutions[0])):
        assert "مریم احمدی" not in text
        assert "owner='م* ا*'" in text
    assert held.resolutions[0].owner == "مریم احمدی"
    assert held.model_dump()["resolutions"][0]["owner"] == "مریم احمدی"


def test_json_schemas_exist() -> None:
    """The three records have JSON Schemas naming their required fields."""
    for model, required in [
        (WorkingGroup, {"id", "name", "scope", "members"}),
        (Meeting, {"id", "group_id", "date"}),
        (Programme, {"id", "title", "items"}),
    ]:
        schema = model.model_json_schema()
        assert required <= set(schema["required"]), model.__name__
        assert schema["additionalProperties"] is False


# -- invalid records: one row per error type --------------------------------------------------

BAD: list[tuple[str, type[Any], dict[str, Any], str]] = [
    (
        "done without done_on",
        Resolution,
        resolution(status="done"),
        "resolution_done_without_date",
    ),
    (
        "done_on on an open resolution",
        Resolution,
        resolution(done_on="1396/07/05"),
        "resolution_done_on_not_done",
    ),
    (
        "done_on on a dropped resolution",
        Resolution,
        resolution(status="dropped", done_on="1396/07/05"),
        "resolution_done_on_not_done",
    ),
    ("unknown status", Resolution, resolution(status="finished"), "enum"),
    (
        "done before the meeting",
        Meeting,
        meeting(resolution(status="done", done_on="1396/06/31")),
        "resolution_done_before_meeting",
    ),
    (
        "resolution id twice in a meeting",
        Meeting,
        meeting(resolution(), resolution(text="دیگر")),
        "meeting_duplicate_resolution",
    ),
    ("meeting on a day that does not exist", Meeting, meeting(date="1396/07/31"), "date_invalid"),
    ("programme number twice", Programme, programme(1, 2, 2), "programme_duplicate_item"),
    ("programme numbers with a gap", Programme, programme(1, 2, 4), "programme_item_numbers"),
    ("programme numbers from 0", Programme, programme(0, 1), "greater_than_equal"),
    (
        "programme without items",
        Programme,
        {"id": "P", "title": "ب", "items": []},
        "programme_no_items",
    ),
    (
        "programme reference to item 0",
        Resolution,
        resolution(programme_item={"programme_id": "P", "number": 0}),
        "greater_than_equal",
    ),
    (
        "province group without a province",
        WorkingGroup,
        group(scope="province"),
        "group_province_missing",
    ),
    ("agency group without an agency", WorkingGroup, group(scope="agency"), "group_agency_missing"),
    (
        "unknown province",
        WorkingGroup,
        group(scope="province", province="Atlantis"),
        "province_unknown",
    ),
    ("unknown scope", WorkingGroup, group(scope="city"), "enum"),
    ("meetings_per_year 0", WorkingGroup, group(meetings_per_year=0), "greater_than_equal"),
    ("meetings_per_year as text", WorkingGroup, group(meetings_per_year="4"), "int_type"),
    ("no members", WorkingGroup, group(members=[]), "group_no_members"),
    (
        "unknown affiliation",
        WorkingGroup,
        group(members=[{"name": "الف", "affiliation": "council"}, *MEMBERS]),
        "enum",
    ),
    ("an unknown field", WorkingGroup, group(chair="الف"), "extra_forbidden"),
]


@pytest.mark.parametrize(
    ("model", "data", "error_type"), [row[1:] for row in BAD], ids=[row[0] for row in BAD]
)
def test_bad_records_fail_with_a_stable_type(
    model: type[Any], data: dict[str, Any], error_type: str
) -> None:
    """Each broken rule of section 8 is a ValidationError with its stable error type."""
    with pytest.raises(ValidationError) as info:
        TypeAdapter(model).validate_python(data)
    assert [e["type"] for e in info.value.errors()] == [error_type]


def test_validation_messages_name_the_value_not_the_member() -> None:
    """Messages name the resolution and the dates, and never a member's name."""
    with pytest.raises(ValidationError) as info:
        Meeting.model_validate(meeting(resolution(status="done", done_on="1396/06/31")))
    text = str(info.value)
    assert "'R-1'" in text
    assert "2017-09-22" in text  # the done_on that is too early
    assert "2017-09-23" in text  # the meeting date


def test_duplicate_resolutions_are_named() -> None:
    """The duplicate-resolution error lists the repeated ids in its context."""
    with pytest.raises(ValidationError) as info:
        Meeting.model_validate(meeting(resolution(id="R-2"), resolution(id="R-2"), resolution()))
    error = info.value.errors()[0]
    assert error["ctx"]["ids"] == ["R-2"]


# -- programme references ---------------------------------------------------------------------


def test_programme_refs_that_fit_give_no_problem() -> None:
    """References to existing items of given programmes are fine."""
    m = Meeting.model_validate(
        meeting(resolution(programme_item={"programme_id": "P", "number": 3}))
    )
    assert check_programme_refs([m], [Programme.model_validate(programme(1, 2, 3))]) == []


def test_programme_refs_report_every_problem() -> None:
    """Unknown programmes, missing items and shared programme ids are all reported, in order."""
    m1 = Meeting.model_validate(
        meeting(
            resolution(programme_item={"programme_id": "P", "number": 4}),
            resolution(id="R-2", programme_item={"programme_id": "Q", "number": 1}),
            resolution(id="R-3"),
        )
    )
    p = Programme.model_validate(programme(1, 2, 3))
    problems = check_programme_refs([m1], [p, p])
    assert problems == [
        "programme id 'P' is used by more than one programme",
        "meeting 'M-1' resolution 'R-1': programme 'P' has no item 4 (its items are 1..3)",
        "meeting 'M-1' resolution 'R-2': unknown programme 'Q' (known programmes: 'P')",
    ]


def test_programme_item_defaults() -> None:
    """A programme item needs a number and a title; its English title is optional."""
    item = ProgrammeItem(number=1, title="آموزش")
    assert item.title_en is None


def test_member_names_stay_out_of_validation_errors() -> None:
    """A broken working group's error message does not echo its members' names."""
    with pytest.raises(ValidationError) as info:
        WorkingGroup.model_validate(group(scope="agency"))
    assert "مریم" not in str(info.value)
    with pytest.raises(ValidationError) as info:
        WorkingGroup.model_validate(group(members=[{"name": "مریم احمدی", "affiliation": "x"}]))
    assert "مریم" not in str(info.value)


def test_one_bad_member_is_one_error() -> None:
    """A bad member is reported once, at the member, without a misleading error on the list."""
    bad = group(members=[{"name": "الف", "affiliation": "nobody"}])
    with pytest.raises(ValidationError) as info:
        WorkingGroup.model_validate(bad)
    errors = info.value.errors()
    assert [e["loc"][:2] for e in errors] == [("members", 0)]
