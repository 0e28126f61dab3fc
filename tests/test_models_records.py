"""Records: JSON round trips, immutability, unknown fields, and one bad record per error type."""

from __future__ import annotations

import inspect
from datetime import date
from typing import Any

import pytest
from hypothesis import given
from hypothesis import strategies as st
from pydantic import BaseModel, ValidationError

import citizenrights
import citizenrights.models
from citizenrights.models import (
    NGO,
    Agency,
    AgencyStats,
    Assignment,
    CandidateRecord,
    Checklist,
    Complaint,
    Inspection,
    Post,
    PostKind,
    PostLevel,
    SurveyResponse,
    TrainingRecord,
)
from citizenrights.models._base import Record

from . import strategies as s

# One strategy per record model, nested models included.
MODEL_STRATEGIES: dict[str, st.SearchStrategy[BaseModel]] = {
    "Agency": s.agencies(),
    "PeerGroup": s.peer_groups,
    "Checklist": s.checklists(),
    "ChecklistSection": s.checklists().map(lambda c: c.sections[0]),
    "ChecklistItem": s.checklists().map(lambda c: c.sections[0].items[0]),
    "Inspection": s.inspections(),
    "InspectionOfChecklist": s.checklists().flatmap(s.inspections),
    "TeamMember": s.team_members,
    "Response": s.inspections().filter(lambda i: bool(i.responses)).map(lambda i: i.responses[0]),
    "Finding": s.inspections().filter(lambda i: bool(i.findings)).map(lambda i: i.findings[0]),
    "Complaint": s.complaints(),
    "TrainingRecord": s.training_records(optional=True),
    "SurveyResponse": s.survey_responses,
    "AgencyStats": s.agency_stats,
    "NGO": s.ngos,
    "Post": s.posts,
    "Assignment": s.assignments(),
    "Commendation": s.commendations,
    "CandidateRecord": s.candidate_records(optional=True),
    "Contribution": s.contributions,
    "NGOReport": s.ngo_reports,
    "Publication": s.publications,
    "ProgrammeCourse": s.programme_courses,
    "TrainingProgramme": s.training_programmes(),
}


@pytest.mark.parametrize("name", sorted(MODEL_STRATEGIES))
@given(data=st.data())
def test_json_round_trip(name: str, data: st.DataObject) -> None:
    """`Model.model_validate_json(m.model_dump_json()) == m` for every record model."""
    record = data.draw(MODEL_STRATEGIES[name])
    again = type(record).model_validate_json(record.model_dump_json())
    assert again == record
    assert again.model_dump_json() == record.model_dump_json()
    # The python dump validates back too (what a backend does with a dict from its database).
    assert type(record).model_validate(record.model_dump()) == record


@pytest.mark.parametrize("name", sorted(MODEL_STRATEGIES))
@given(data=st.data())
def test_records_are_frozen_and_closed(name: str, data: st.DataObject) -> None:
    """No record can be changed after validation, and an unknown field is an `extra_forbidden`."""
    record = data.draw(MODEL_STRATEGIES[name])
    field = next(iter(type(record).model_fields))
    with pytest.raises(ValidationError) as frozen:
        setattr(record, field, getattr(record, field))
    assert frozen.value.errors()[0]["type"] == "frozen_instance"
    with pytest.raises(ValidationError) as extra:
        type(record).model_validate({**record.model_dump(), "unexpected": 1})
    assert [e["type"] for e in extra.value.errors()] == ["extra_forbidden"]


def _exported_records() -> list[type[BaseModel]]:
    return [
        obj
        for name in citizenrights.models.__all__
        if inspect.isclass(obj := getattr(citizenrights.models, name))
        and issubclass(obj, BaseModel)
    ]


def test_every_exported_record_is_frozen_and_forbids_extra() -> None:
    """Every pydantic model the package exports is a `Record`: frozen, `extra="forbid"`."""
    records = _exported_records()
    assert len(records) >= 17
    for model in records:
        assert issubclass(model, Record), model
        assert model.model_config.get("frozen") is True, model
        assert model.model_config.get("extra") == "forbid", model


def test_every_record_model_has_a_round_trip_strategy() -> None:
    """The round-trip property covers every exported record model (a new one needs a strategy)."""
    covered = set(MODEL_STRATEGIES)
    groups = {"GroupMember", "Meeting", "Programme", "ProgrammeItem", "ProgrammeRef"}
    groups |= {"Resolution", "WorkingGroup"}  # tested by the working-group tests
    missing = {m.__name__ for m in _exported_records()} - covered - groups
    assert not missing


# -- bad records: one row per error type ------------------------------------------------------

AGENCY = {"id": "A-1", "name": "اداره کل ثبت", "kind": "provincial_office"}
COMPLAINT = {
    "id": "C-1",
    "agency_id": "A-1",
    "received": "1396/07/15",
    "channel": "web",
    "severity": "minor",
    "status": "open",
}
CLOSED = {**COMPLAINT, "status": "closed", "outcome": "upheld", "closed_on": "1396/08/01"}
TRAINING = {
    "person_id": "0499370899",
    "agency_id": "A-1",
    "course": "آشنایی با حقوق شهروندی",
    "audience": "employee",
    "hours": 4,
    "date": "1396/09/01",
}
SURVEY = {"agency_id": "A-1", "date": "1396/07/15", "score": 4}
STATS = {"agency_id": "A-1", "period": "1396-Q3", "services": 10, "staff": 3}
NGO_ = {
    "id": "N-1",
    "name": "انجمن حامیان حقوق شهروندی",
    "registration_no": "1234",
    "fields": ["حقوق شهروندی"],
    "registered": "1390/01/15",
    "active": True,
}
POST = {"title": "معاون", "kind": "managerial", "level": "middle"}
ASSIGNMENT = {"agency_id": "A-1", "start": "1394/01/01", "end": "1395/01/01"}
CANDIDATE = {"person_id": "0499370899", "name": "مریم احمدی"}
CHECKLIST = {
    "id": "demo",
    "version": "1",
    "title": "نمونه",
    "sections": [{"code": "S1", "title": "کرامت", "items": [{"code": "S1.1", "text": "رفتار"}]}],
}
INSPECTION = {
    "id": "I-1",
    "agency_id": "A-1",
    "checklist_id": "demo",
    "checklist_version": "1",
    "kind": "periodic",
    "date": "1396/07/15",
    "team": [{"name": "مریم احمدی", "affiliation": "areo"}],
    "responses": [{"item": "S1.1", "answer": "compliant"}],
}

ITEM_CODELESS = {"text": "رفتار"}


def checklist_with_scale(scale: object) -> dict[str, Any]:
    item = {"code": "S1.1", "text": "رفتار", "scale": scale}
    return {**CHECKLIST, "sections": [{"code": "S1", "title": "کرامت", "items": [item]}]}


def inspection_with_answer(answer: object) -> dict[str, Any]:
    return {**INSPECTION, "responses": [{"item": "S1.1", "answer": answer}]}


BAD: list[tuple[str, type[BaseModel], dict[str, Any], str]] = [
    # our own codes
    ("province_unknown", Agency, {**AGENCY, "province": "IR-31"}, "province_unknown"),
    ("province_type", Agency, {**AGENCY, "province": 23}, "province_type"),
    ("legal_id_checksum", Agency, {**AGENCY, "legal_id": "10380284791"}, "legal_id_checksum"),
    (
        "closed_incomplete",
        Complaint,
        {**COMPLAINT, "status": "closed", "outcome": "upheld"},
        "complaint_closed_incomplete",
    ),
    (
        "closed_before_received",
        Complaint,
        {**CLOSED, "closed_on": "1396/07/14"},
        "complaint_closed_before_received",
    ),
    (
        "open_with_outcome",
        Complaint,
        {**COMPLAINT, "outcome": "dismissed"},
        "complaint_open_with_outcome",
    ),
    (
        "open_with_closed_on",
        Complaint,
        {**COMPLAINT, "closed_on": "1396/08/01"},
        "complaint_open_with_outcome",
    ),
    (
        "assignment_order",
        Assignment,
        {**ASSIGNMENT, "end": "1393/12/29"},
        "assignment_end_before_start",
    ),
    (
        "candidate_mixes_people",
        CandidateRecord,
        {**CANDIDATE, "trainings": [{**TRAINING, "person_id": "E-17"}]},
        "candidate_person_mismatch",
    ),
    (
        "candidate_complaint_other_person",
        CandidateRecord,
        {**CANDIDATE, "complaints": [{**COMPLAINT, "respondent_id": "E-17"}]},
        "candidate_person_mismatch",
    ),
    ("checklist_version_number", Checklist, {**CHECKLIST, "version": 1}, "checklist_version_type"),
    (
        "checklist_duplicate_code",
        Checklist,
        {**CHECKLIST, "sections": [CHECKLIST["sections"][0], CHECKLIST["sections"][0]]},
        "checklist_duplicate_code",
    ),
    (
        "finding_resolved_early",
        Inspection,
        {
            **INSPECTION,
            "findings": [
                {"severity": "minor", "description": "تابلو", "resolved_on": "1396/07/14"}
            ],
        },
        "finding_resolved_before_inspection",
    ),
    ("date_invalid", SurveyResponse, {**SURVEY, "date": "1397/12/30"}, "date_invalid"),
    ("date_type", SurveyResponse, {**SURVEY, "date": 13960715}, "date_type"),
    ("date_out_of_range", SurveyResponse, {**SURVEY, "date": "1500/01/01"}, "date_out_of_range"),
    ("period_invalid", AgencyStats, {**STATS, "period": "1396-Q5"}, "period_invalid"),
    ("period_type", AgencyStats, {**STATS, "period": 1396}, "period_type"),
    # key builtin codes
    ("missing", Complaint, {k: v for k, v in COMPLAINT.items() if k != "channel"}, "missing"),
    ("extra", NGO, {**NGO_, "website": "example.org"}, "extra_forbidden"),
    ("empty_id", Agency, {**AGENCY, "id": "  "}, "string_too_short"),
    ("empty_person_id", TrainingRecord, {**TRAINING, "person_id": ""}, "string_too_short"),
    ("person_id_number", TrainingRecord, {**TRAINING, "person_id": 499370899}, "string_type"),
    ("enum", Complaint, {**COMPLAINT, "severity": "serious"}, "enum"),
    ("kind_enum", Agency, {**AGENCY, "kind": "office"}, "enum"),
    ("hours_zero", TrainingRecord, {**TRAINING, "hours": 0}, "greater_than"),
    ("hours_infinite", TrainingRecord, {**TRAINING, "hours": float("inf")}, "finite_number"),
    ("score_high", SurveyResponse, {**SURVEY, "score": 6}, "less_than_equal"),
    ("score_low", SurveyResponse, {**SURVEY, "score": 0}, "greater_than_equal"),
    ("score_fraction", SurveyResponse, {**SURVEY, "score": 4.5}, "int_from_float"),
    ("staff_negative", AgencyStats, {**STATS, "staff": -1}, "greater_than_equal"),
    ("services_text", AgencyStats, {**STATS, "services": "many"}, "int_parsing"),
    ("article", Complaint, {**COMPLAINT, "article": 20}, "less_than_equal"),
    ("active_text", NGO, {**NGO_, "active": "perhaps"}, "bool_parsing"),
    ("post_kind", Post, {**POST, "kind": "elected"}, "enum"),
    ("no_sections", Checklist, {**CHECKLIST, "sections": []}, "checklist_no_sections"),
    (
        "section_no_items",
        Checklist,
        {**CHECKLIST, "sections": [{"code": "S1", "title": "کرامت", "items": []}]},
        "section_no_items",
    ),
    ("empty_team", Inspection, {**INSPECTION, "team": []}, "inspection_no_team"),
    # one bad child is that child's error only, not also a "too short" list around it
    (
        "bad_member_only",
        Inspection,
        {**INSPECTION, "team": [{"name": "مریم احمدی", "affiliation": "police"}]},
        "enum",
    ),
    (
        "bad_item_only",
        Checklist,
        {**CHECKLIST, "sections": [{"code": "S1", "title": "کرامت", "items": [ITEM_CODELESS]}]},
        "missing",
    ),
    # unions: one stable type, whatever the input
    ("scale_text", Checklist, checklist_with_scale("quinary"), "scale_invalid"),
    ("scale_one_level", Checklist, checklist_with_scale(1), "scale_invalid"),
    ("scale_too_many", Checklist, checklist_with_scale(101), "scale_invalid"),
    ("scale_float", Checklist, checklist_with_scale(3.0), "scale_invalid"),
    ("scale_bool", Checklist, checklist_with_scale(True), "scale_invalid"),
    ("answer_text", Inspection, inspection_with_answer("yes"), "answer_invalid"),
    ("answer_negative", Inspection, inspection_with_answer(-1), "answer_invalid"),
    ("answer_float", Inspection, inspection_with_answer(1.5), "answer_invalid"),
    ("answer_bool", Inspection, inspection_with_answer(True), "answer_invalid"),
    ("answer_null", Inspection, inspection_with_answer(None), "answer_invalid"),
    ("staff_negative_agency", Agency, {**AGENCY, "staff": -5}, "greater_than_equal"),
]


@pytest.mark.parametrize(
    ("model", "data", "error_type"), [row[1:] for row in BAD], ids=[row[0] for row in BAD]
)
def test_bad_record_has_stable_error_type(
    model: type[BaseModel], data: dict[str, Any], error_type: str
) -> None:
    """Each kind of bad record fails with its documented error `type`, and only that error."""
    with pytest.raises(ValidationError) as caught:
        model.model_validate(data)
    assert [e["type"] for e in caught.value.errors()] == [error_type]


def test_good_rows_of_the_table_are_valid() -> None:
    """The base records of the bad-record table are themselves valid (so each row tests one thing)."""
    for model, data in [
        (Agency, AGENCY),
        (Complaint, COMPLAINT),
        (Complaint, CLOSED),
        (TrainingRecord, TRAINING),
        (SurveyResponse, SURVEY),
        (AgencyStats, STATS),
        (NGO, NGO_),
        (Post, POST),
        (Assignment, ASSIGNMENT),
        (CandidateRecord, CANDIDATE),
        (Checklist, CHECKLIST),
        (Inspection, INSPECTION),
    ]:
        model.model_validate(data)


def test_closed_complaint_may_close_on_the_day_received() -> None:
    """`closed_on == received` is allowed: the boundary of `closed_on >= received`."""
    c = Complaint.model_validate({**CLOSED, "closed_on": COMPLAINT["received"]})
    assert c.closed_on == c.received == date(2017, 10, 7)
    assert c.is_upheld


# -- personal data ------------------------------------------------------------------------------


def test_person_ids_and_names_are_masked_in_repr_and_str() -> None:
    """`repr`/`str` of records with personal data never show a person id or name whole."""
    training = TrainingRecord.model_validate(TRAINING)
    complaint = Complaint.model_validate({**COMPLAINT, "respondent_id": "0499370899"})
    candidate = CandidateRecord.model_validate(
        {**CANDIDATE, "trainings": [TRAINING], "complaints": [complaint.model_dump()]}
    )
    for record in (training, complaint, candidate):
        for text in (repr(record), str(record)):
            assert "0499370899" not in text
            assert "مریم احمدی" not in text
            assert "*******899" in text
    assert candidate.model_dump()["person_id"] == "0499370899"  # kept whole for storage


def test_team_member_names_are_masked_in_an_inspections_repr() -> None:
    """An inspection's `repr` shows its team members' names masked (they are personal data)."""
    insp = Inspection.model_validate(INSPECTION)
    assert "مریم احمدی" not in repr(insp)
    assert "م* ا*" in repr(insp)
    assert insp.team[0].name == "مریم احمدی"


@pytest.mark.parametrize(
    ("model", "data"),
    [
        (TrainingRecord, {**TRAINING, "person_id": 499370899}),
        (Complaint, {**COMPLAINT, "respondent_id": 499370899}),
        (CandidateRecord, {**CANDIDATE, "person_id": 499370899}),
        (CandidateRecord, {**CANDIDATE, "name": 499370899}),
    ],
)
def test_validation_errors_do_not_echo_personal_data(
    model: type[BaseModel], data: dict[str, Any]
) -> None:
    """A rejected person id or name does not appear in the error message."""
    with pytest.raises(ValidationError) as caught:
        model.model_validate(data)
    assert "499370899" not in str(caught.value)


def test_candidate_mismatch_message_names_positions_not_ids() -> None:
    """The mismatch error says which trainings/complaints differ, without the ids themselves."""
    with pytest.raises(ValidationError) as caught:
        CandidateRecord.model_validate(
            {**CANDIDATE, "trainings": [TRAINING, {**TRAINING, "person_id": "0012345679"}]}
        )
    message = str(caught.value)
    assert "trainings[1]" in message
    assert "0012345679" not in message
    assert "0499370899" not in message


# -- posts --------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "kind", "level"),
    [
        ("managerial:middle", PostKind.MANAGERIAL, PostLevel.MIDDLE),
        ("MANAGERIAL:Senior", PostKind.MANAGERIAL, PostLevel.SENIOR),
        ("sensitive", PostKind.SENSITIVE, None),
        (" sensitive : basic ", PostKind.SENSITIVE, PostLevel.BASIC),
        ("مدیریتی:پایه", PostKind.MANAGERIAL, PostLevel.BASIC),
        ("حساس:ميانی", PostKind.SENSITIVE, PostLevel.MIDDLE),  # Arabic yeh
    ],
)
def test_post_parse(text: str, kind: PostKind, level: PostLevel | None) -> None:
    """`Post.parse` reads the CLI's `kind[:level]` text, English or Persian, any case."""
    post = Post.parse(text)
    assert (post.kind, post.level) == (kind, level)
    assert post.title == text.strip()
    assert Post.parse(text, title="معاون").title == "معاون"


@pytest.mark.parametrize("text", ["", "boss", "managerial:top", "managerial:middle:x"])
def test_post_parse_rejects_unknown_kinds_and_levels(text: str) -> None:
    """Unknown kinds or levels are a `ValidationError` (a `ValueError`) with an `enum` type."""
    with pytest.raises(ValueError, match="validation error") as caught:
        Post.parse(text)
    assert isinstance(caught.value, ValidationError)
    assert {e["type"] for e in caught.value.errors()} <= {"enum", "string_too_short"}


def test_ngo_name_key_normalises_for_matching_only() -> None:
    """`NGO.name` keeps the text as typed; `name_key` folds Arabic letters and spacing."""
    ngo = NGO.model_validate({**NGO_, "name": "انجمن  حاميان كودك"})
    assert ngo.name == "انجمن  حاميان كودك"
    assert ngo.name_key == "انجمن حامیان کودک"


def test_models_are_exported_from_the_package_root() -> None:
    """Every name of `citizenrights.models.__all__` is also exported from `citizenrights`."""
    missing = set(citizenrights.models.__all__) - set(citizenrights.__all__)
    assert not missing
