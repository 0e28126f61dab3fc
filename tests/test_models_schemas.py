"""JSON Schemas: one per top-level record, by class name, closed to unknown fields."""

from __future__ import annotations

from typing import Any

import pytest
from hypothesis import given
from hypothesis import strategies as st
from pydantic import BaseModel

import citizenrights
from citizenrights import RECORD_MODELS, json_schemas

from . import strategies as s

DESIGN_REQUIRED = {
    "Agency": {"id", "name", "kind"},
    "Checklist": {"id", "version", "title", "sections"},
    "Inspection": {
        "id",
        "agency_id",
        "checklist_id",
        "checklist_version",
        "kind",
        "date",
        "team",
        "responses",
    },
    "Complaint": {"id", "agency_id", "received", "channel", "severity", "status"},
    "TrainingRecord": {"person_id", "agency_id", "course", "audience", "hours", "date"},
    "SurveyResponse": {"agency_id", "date", "score"},
    "AgencyStats": {"agency_id", "period", "services", "staff"},
    "NGO": {"id", "name", "registration_no", "fields", "registered", "active"},
    "Post": {"title", "kind"},
    "CandidateRecord": {"person_id", "name"},
}


def test_json_schemas_names_every_record() -> None:
    """`json_schemas()` is keyed by class name and covers every record of DESIGN section 3."""
    schemas = json_schemas()
    assert set(DESIGN_REQUIRED) <= set(schemas)
    assert list(schemas) == [m.__name__ for m in RECORD_MODELS]
    assert citizenrights.json_schemas is json_schemas


@pytest.mark.parametrize("name", sorted(DESIGN_REQUIRED))
def test_schema_shape(name: str) -> None:
    """Each schema is a closed object whose required fields are DESIGN's non-optional ones."""
    schema = json_schemas()[name]
    assert schema["type"] == "object"
    assert schema["additionalProperties"] is False
    assert schema["title"] == name
    assert set(schema.get("required", ())) == DESIGN_REQUIRED[name]


def test_schemas_are_fresh_copies() -> None:
    """Changing a returned schema does not change what the next call returns."""
    first = json_schemas()
    first["Agency"]["title"] = "changed"
    del first["Post"]
    again = json_schemas()
    assert again["Agency"]["title"] == "Agency"
    assert "Post" in again


def test_dates_accept_jalali_text_and_are_written_as_iso() -> None:
    """Validation schemas accept Jalali or ISO text; serialization schemas promise ISO dates."""
    received = json_schemas()["Complaint"]["properties"]["received"]
    patterns = [alt.get("pattern") or alt.get("format") for alt in received["anyOf"]]
    assert "date" in patterns
    assert any(p and "/" in p for p in patterns)
    written = json_schemas("serialization")["Complaint"]["properties"]["received"]
    assert written == {"format": "date", "title": "Received", "type": "string"}


def test_nested_records_are_defined_in_their_parent() -> None:
    """A candidate's schema defines the complaint, training and assignment records it holds."""
    defs = json_schemas()["CandidateRecord"]["$defs"]
    assert {"Complaint", "TrainingRecord", "Assignment", "Post", "Commendation"} <= set(defs)


def _properties(schema: dict[str, Any], defs: dict[str, Any]) -> set[str]:
    if "$ref" in schema:
        schema = defs[schema["$ref"].rsplit("/", 1)[-1]]
    return set(schema.get("properties", {}))


STRATEGIES: dict[str, st.SearchStrategy[BaseModel]] = {
    "Agency": s.agencies(),
    "Checklist": s.checklists(),
    "Inspection": s.inspections(),
    "Complaint": s.complaints(),
    "TrainingRecord": s.training_records(),
    "SurveyResponse": s.survey_responses,
    "AgencyStats": s.agency_stats,
    "NGO": s.ngos,
    "PeerGroup": s.peer_groups,
    "Post": s.posts,
    "CandidateRecord": s.candidate_records(),
    "NGOReport": s.ngo_reports,
    "Publication": s.publications,
    "TrainingProgramme": s.training_programmes(),
    "WorkingGroup": s.working_groups(),
    "Programme": s.programmes(),
    "Meeting": s.meetings().filter(bool).map(lambda found: found[0]),
}


def test_every_record_model_has_a_strategy() -> None:
    """A new record model cannot slip past the schema-properties check below."""
    assert {m.__name__ for m in RECORD_MODELS} <= set(STRATEGIES)


@pytest.mark.parametrize("name", sorted(STRATEGIES))
@given(data=st.data())
def test_written_json_only_uses_schema_properties(name: str, data: st.DataObject) -> None:
    """Every key of a record's JSON is a property of its serialization schema."""
    record = data.draw(STRATEGIES[name])
    schema = json_schemas("serialization")[name]
    assert set(record.model_dump(mode="json")) <= _properties(schema, schema.get("$defs", {}))


def test_schemas_serve_through_fastapi_openapi() -> None:
    """The records work as FastAPI request bodies: the OpenAPI document names each of them."""
    fastapi = pytest.importorskip("fastapi")
    app = fastapi.FastAPI()
    for model in RECORD_MODELS:

        def handler(record: BaseModel) -> dict[str, str]:
            return {"ok": type(record).__name__}

        # The annotations are strings here (postponed evaluation); give FastAPI the class itself.
        handler.__annotations__ = {"record": model, "return": dict[str, str]}
        app.post(f"/{model.__name__.lower()}")(handler)
    components = app.openapi()["components"]["schemas"]
    assert {m.__name__ for m in RECORD_MODELS} <= set(components)
