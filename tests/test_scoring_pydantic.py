"""Computed results work inside pydantic: TypeAdapters, model fields and FastAPI response models."""

from __future__ import annotations

import json
from typing import Any

import pytest
from pydantic import BaseModel, TypeAdapter, ValidationError

from citizenrights import (
    Agency,
    AgencyIndex,
    AgencyRegistry,
    AgencyStats,
    Inspection,
    InspectionScore,
    ItemScore,
    JalaliPeriod,
    Ranked,
    Rate,
    RollUp,
    SectionScore,
    agency_index,
    rank,
    reference_checklist,
    roll_up,
    score_inspection,
)
from citizenrights.scoring import IndexComponent

CHECKLIST = reference_checklist()


def _inspection() -> Inspection:
    answers = ["compliant", "partial", "non_compliant"]
    return Inspection.model_validate(
        {
            "id": "I-1",
            "agency_id": "A",
            "checklist_id": CHECKLIST.id,
            "checklist_version": CHECKLIST.version,
            "kind": "periodic",
            "date": "1396/08/01",
            "team": [{"name": "الف", "affiliation": "areo"}, {"name": "ب", "affiliation": "moi"}],
            "responses": [
                {
                    "item": item.code,
                    "answer": "compliant"
                    if item.critical
                    else answers[n % 3]
                    if item.scale == "ternary"
                    else "compliant",
                }
                for n, item in enumerate(CHECKLIST.items())
            ],
        }
    )


def _results() -> dict[type[Any], Any]:
    score = score_inspection(_inspection(), CHECKLIST)
    period = JalaliPeriod.parse("1396-Q3")
    stats = [AgencyStats(agency_id="A", period=period, services=900, staff=12)]
    index = agency_index(
        "A", period, inspections=[score], complaints=[], trainings=[], surveys=[], stats=stats
    )
    registry = AgencyRegistry([Agency(id="A", name="الف", kind="ministry", province="IR-23")])
    return {
        InspectionScore: score,
        SectionScore: score.sections[0],
        ItemScore: score.items[0],
        AgencyIndex: index,
        IndexComponent: index.components["complaints"],
        Rate: index.components["complaints"].rates[0],
        Ranked: rank({"A": index.score})[0],
        RollUp: roll_up([index], registry)[0],
    }


RESULTS = _results()


@pytest.mark.parametrize("kind", list(RESULTS), ids=lambda k: k.__name__)
def test_type_adapter_dumps_the_to_dict_json(kind: type[Any]) -> None:
    """A TypeAdapter of each result type validates the instance and dumps its to_dict() as JSON."""
    value = RESULTS[kind]
    adapter = TypeAdapter(kind)
    assert adapter.validate_python(value) is value
    dumped = json.loads(adapter.dump_json(value))
    assert dumped == json.loads(json.dumps(value.to_dict()))
    assert adapter.json_schema()["title"] == kind.__name__
    with pytest.raises(ValidationError) as caught:
        adapter.validate_python("not a result")
    assert caught.value.errors()[0]["type"] == "result_type"


def test_result_as_a_field_of_a_pydantic_model() -> None:
    """A pydantic model can hold a score and serialise it with the rest of its fields."""

    class Envelope(BaseModel):
        request_id: str
        result: InspectionScore

    score = RESULTS[InspectionScore]
    envelope = Envelope(request_id="r-1", result=score)
    data = json.loads(envelope.model_dump_json())
    assert data["result"]["score"] == score.score
    assert data["result"]["sections"][0]["items"][0]["code"] == CHECKLIST.sections[0].items[0].code


def test_fastapi_response_model() -> None:
    """A FastAPI endpoint with response_model=InspectionScore returns the score's to_dict JSON.

    The OpenAPI document refers to the score, and the score to its sections, as named components.
    """
    from fastapi import FastAPI
    from fastapi.testclient import TestClient

    app = FastAPI()

    @app.post("/inspections/score", response_model=InspectionScore)
    def score(inspection: Inspection) -> InspectionScore:
        return score_inspection(inspection, CHECKLIST)

    client = TestClient(app)
    response = client.post(
        "/inspections/score",
        content=_inspection().model_dump_json(),
        headers={"content-type": "application/json"},
    )
    assert response.status_code == 200
    body = response.json()
    expected = score_inspection(_inspection(), CHECKLIST).to_dict()
    assert body == json.loads(json.dumps(expected))
    assert body["checklist_fingerprint"] == CHECKLIST.fingerprint
    schema = client.get("/openapi.json").json()
    response_schema = schema["paths"]["/inspections/score"]["post"]["responses"]["200"]
    ref = response_schema["content"]["application/json"]["schema"]["$ref"]
    assert ref == "#/components/schemas/InspectionScore"
    components = schema["components"]["schemas"]
    properties = components["InspectionScore"]["properties"]
    assert set(properties) == set(expected)
    assert properties["sections"]["items"] == {"$ref": "#/components/schemas/SectionScore"}
    assert set(components["SectionScore"]["properties"]) == set(expected["sections"][0])
    bad = client.post("/inspections/score", json={"id": "x"})
    assert bad.status_code == 422
