"""The error tree, and validation errors without their input (`redact_errors`)."""

from __future__ import annotations

import json
import re
from pathlib import Path
from typing import Any

import pytest
from pydantic import BaseModel, ValidationError, field_validator

import citizenrights
from citizenrights import (
    Agency,
    AgencyStats,
    CandidateRecord,
    Checklist,
    SurveyResponse,
    TrainingRecord,
    errors,
    redact_errors,
)
from citizenrights.errors import CitizenRightsError, UnknownProvinceError

PERSON = "0499370899"
NAME = "مریم احمدی"
CANDIDATE = {"person_id": PERSON, "name": NAME}
TRAINING = {
    "person_id": PERSON,
    "agency_id": "A-1",
    "course": "آشنایی با حقوق شهروندی",
    "audience": "employee",
    "hours": 4,
    "date": "1396/09/01",
}


def _caught(model: type[BaseModel], data: dict[str, Any]) -> ValidationError:
    with pytest.raises(ValidationError) as caught:
        model.model_validate(data)
    return caught.value


# -- the tree ---------------------------------------------------------------------------------------


def test_every_error_is_in_the_tree_and_exported() -> None:
    """Each error class of `citizenrights.errors` derives from the root, subclasses a builtin,
    is drawn in the module's tree and is exported from the package root."""
    classes = [getattr(errors, n) for n in errors.__all__ if isinstance(getattr(errors, n), type)]
    assert UnknownProvinceError in classes
    for cls in classes:
        assert issubclass(cls, CitizenRightsError)
        assert cls.__name__ in (errors.__doc__ or "")
        assert cls.__name__ in citizenrights.__all__
        if cls is not CitizenRightsError:
            assert issubclass(cls, ValueError | LookupError), cls
    assert issubclass(UnknownProvinceError, ValueError)
    assert "redact_errors" in citizenrights.__all__


def test_the_error_tree_is_a_leaf() -> None:
    """`citizenrights.errors` imports nothing of citizenrights, so every module may import it;
    `redact_errors` lives above the identifiers it masks with, in `citizenrights.redaction`."""
    import ast

    tree = ast.parse(Path(errors.__file__ or "").read_text("utf-8"))
    imported = [
        node.module or "" for node in ast.walk(tree) if isinstance(node, ast.ImportFrom)
    ] + [
        alias.name
        for node in ast.walk(tree)
        if isinstance(node, ast.Import)
        for alias in node.names
    ]
    assert not [name for name in imported if name.startswith("citizenrights")]
    assert redact_errors.__module__ == "citizenrights.redaction"


def test_every_error_is_drawn_in_the_errors_page() -> None:
    """The tree on docs/reference/errors.md names every error class, with its builtin."""
    page = (Path(__file__).parents[1] / "docs" / "reference" / "errors.md").read_text("utf-8")
    for name in errors.__all__:
        cls = getattr(errors, name)
        if isinstance(cls, type) and cls is not CitizenRightsError:
            builtin = "ValueError" if issubclass(cls, ValueError) else "LookupError"
            assert re.search(rf"── {name} +\({builtin}\)", page), name


@pytest.mark.parametrize("lang", ["de", "FA", "", None])
def test_unsupported_language_error_keeps_the_value(lang: object) -> None:
    """`UnsupportedLanguageError` is a ``ValueError`` that names and keeps the language given."""
    error = errors.UnsupportedLanguageError(lang)
    assert isinstance(error, ValueError)
    assert error.value == lang
    assert str(error) == f"lang must be 'fa' or 'en'; got {lang!r}."


# -- redact_errors ------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("data", "error_type"),
    [
        ({"person_id": PERSON}, "missing"),  # the error's input is the whole record
        (
            {**CANDIDATE, "trainings": [{**TRAINING, "person_id": "0012345679"}]},
            "candidate_person_mismatch",
        ),
    ],
)
def test_redacted_errors_carry_no_input(data: dict[str, Any], error_type: str) -> None:
    """pydantic's `errors()` and `json()` carry the whole record (hide_input_in_errors hides it
    from `str()` only); the redacted errors keep type, loc, msg and ctx, and no personal data."""
    exc = _caught(CandidateRecord, data)
    assert PERSON not in str(exc)
    assert PERSON in exc.json()  # what redact_errors is for
    redacted = redact_errors(exc)
    assert [e["type"] for e in redacted] == [error_type]
    assert [e["type"] for e in redacted] == [e["type"] for e in exc.errors()]
    assert [e["loc"] for e in redacted] == [e["loc"] for e in exc.errors()]
    assert all(set(e) <= {"type", "loc", "msg", "ctx"} for e in redacted)
    text = json.dumps(redacted, ensure_ascii=False)
    assert PERSON not in text
    assert "0012345679" not in text
    assert NAME not in text


@pytest.mark.parametrize(
    ("model", "data", "secret"),
    [
        (SurveyResponse, {"agency_id": "A", "date": PERSON, "score": 4}, PERSON),
        (SurveyResponse, {"agency_id": "A", "date": "۰۴۹۹۳۷۰۸۹۹", "score": 4}, "۰۴۹۹۳۷۰۸۹۹"),
        (Agency, {"id": "A", "name": "اداره", "kind": "other", "province": PERSON}, PERSON),
        (Agency, {"id": "A", "name": "اداره", "kind": "other", "legal_id": "10380284791"}, None),
        (TrainingRecord, {**TRAINING, "date": 499370899}, None),
    ],
)
def test_national_ids_are_masked_whatever_the_field(
    model: type[BaseModel], data: dict[str, Any], secret: str | None
) -> None:
    """A valid national id typed into a field that is not personal (a date, a province) is
    masked wherever the message or the context names it; the stable type and the rest of the
    message stay."""
    exc = _caught(model, data)
    original = exc.errors()[0]
    (redacted,) = redact_errors(exc)
    assert redacted["type"] == original["type"]
    text = json.dumps(redacted, ensure_ascii=False)
    if secret is not None:
        assert secret not in text
        assert secret not in str(exc)
        assert "*******899" in redacted["msg"]
    assert "10380284791" not in text
    assert "499370899" not in text


@pytest.mark.parametrize(
    ("model", "data", "shown"),
    [
        (SurveyResponse, {"agency_id": "A", "date": "1397/12/30", "score": 4}, "1397/12/30"),
        (SurveyResponse, {"agency_id": "A", "date": "1396/13/01", "score": 4}, "1396/13/01"),
        (SurveyResponse, {"agency_id": "A", "date": "0499370890", "score": 4}, "0499370890"),
        (
            AgencyStats,
            {"agency_id": "A", "period": "1396-Q5", "services": 1, "staff": 1},
            "1396-Q5",
        ),
        (Agency, {"id": "A", "name": "اداره", "kind": "other", "province": "Tehrun"}, "Tehrun"),
    ],
)
def test_values_that_are_not_personal_stay_readable(
    model: type[BaseModel], data: dict[str, Any], shown: str
) -> None:
    """A wrong date, period or code is shown as given, so a client sees which value was wrong:
    masking goes by what a field is, never by a digit pattern (a ten-digit text whose check
    digit fails is no national id)."""
    exc = _caught(model, data)
    (redacted,) = redact_errors(exc)
    assert redacted["type"] == exc.errors()[0]["type"]
    assert shown in redacted["msg"]
    assert "*" not in redacted["msg"]


@pytest.mark.parametrize(
    ("loc", "value"),
    [
        (("person_id",), "E-12345"),
        (("trainings", 0, "person_id"), "E-12345"),
        (("complaints", 1, "respondent_id"), "E-12345"),
        (("team", 0, "name"), "مریم احمدی"),
        (("name",), "مریم احمدی"),
        (("resolutions", 0, "owner"), "علی رضایی"),
    ],
)
def test_personal_fields_are_masked(loc: tuple[str | int, ...], value: str) -> None:
    """An error of a personal field (a person id or a person's name, named by the error's `loc`)
    masks every echo of its input in the message and the context, whatever the value looks
    like (an employee number is no national id, but it is personal)."""
    error = {
        "type": "value_error",
        "loc": loc,
        "msg": f"Value error, unknown person {value!r}",
        "input": value,
        "ctx": {"error": f"unknown person {value!r}", "value": value},
    }
    (redacted,) = redact_errors([error])
    assert value not in json.dumps(redacted, ensure_ascii=False)
    assert redacted["loc"] == loc
    assert redacted["msg"].startswith("Value error, unknown person '")


def test_a_name_in_a_candidates_record_is_never_echoed() -> None:
    """The whole-record errors of a candidate (a missing name, a name of the wrong type) carry
    neither the person id nor the name once redacted, nor in `str(exc)`."""
    for data in ({"person_id": PERSON, "name": 12345}, {"person_id": PERSON, "name": NAME, "x": 1}):
        exc = _caught(CandidateRecord, data)
        text = json.dumps(redact_errors(exc), ensure_ascii=False) + str(exc)
        assert PERSON not in text
        assert NAME not in text


def test_short_values_and_the_rest_of_the_message_are_kept() -> None:
    """A short value (a version given as the number 1) is nobody's personal data: the message is
    left whole, not with every '1' masked."""
    exc = _caught(
        Checklist,
        {
            "id": "d",
            "version": 1,
            "title": "ت",
            "sections": [{"code": "S", "title": "ب", "items": [{"code": "S.1", "text": "پ"}]}],
        },
    )
    (redacted,) = redact_errors(exc)
    assert redacted["msg"] == exc.errors()[0]["msg"]
    assert redacted["ctx"] == {"value": 1}


class Form(BaseModel):
    """A backend's own model, whose validator raises a plain ValueError naming the input."""

    code: str

    @field_validator("code")
    @classmethod
    def _known(cls, value: str) -> str:
        raise ValueError(f"unknown code {value!r}")


def test_context_is_json_ready_and_masked() -> None:
    """An exception in `ctx` (pydantic's `value_error`) becomes its masked text, so the result
    goes to `json.dumps` or a JSONResponse as it is."""
    exc = _caught(Form, {"code": PERSON})
    assert isinstance(exc.errors()[0]["ctx"]["error"], ValueError)
    (redacted,) = redact_errors(exc)
    assert redacted["ctx"] == {"error": "unknown code '*******899'"}
    assert PERSON not in json.dumps(redacted)


def test_takes_error_dicts_and_anything_with_errors() -> None:
    """Besides a ValidationError: a list of pydantic's error dicts, or an object with `errors()`
    (FastAPI's RequestValidationError), give the same result."""
    exc = _caught(SurveyResponse, {"agency_id": "A", "date": PERSON, "score": 4})
    expected = redact_errors(exc)

    class Carrier:
        def errors(self) -> list[Any]:
            return exc.errors()

    assert redact_errors(exc.errors()) == expected
    assert redact_errors(Carrier()) == expected


def test_fastapi_exception_handler() -> None:
    """A FastAPI handler for RequestValidationError built on redact_errors answers 422 with the
    stable types and locations, and none of the personal data of the body."""
    from fastapi import FastAPI, Request
    from fastapi.exceptions import RequestValidationError
    from fastapi.responses import JSONResponse
    from fastapi.testclient import TestClient

    def make_app() -> FastAPI:
        app = FastAPI()

        @app.post("/candidates")
        def create(candidate: CandidateRecord) -> dict[str, str]:
            return {"status": "ok"}

        return app

    app = make_app()

    @app.exception_handler(RequestValidationError)
    def invalid(request: Request, exc: RequestValidationError) -> JSONResponse:
        return JSONResponse(status_code=422, content={"detail": redact_errors(exc)})

    client = TestClient(app)
    body = {**CANDIDATE, "trainings": [{**TRAINING, "person_id": "0012345679"}]}
    # FastAPI's own handler sends the whole record back in each error's "input"
    assert PERSON in TestClient(make_app()).post("/candidates", json=body).text
    response = client.post("/candidates", json=body)
    assert response.status_code == 422
    detail = response.json()["detail"]
    assert [(e["type"], e["loc"]) for e in detail] == [("candidate_person_mismatch", ["body"])]
    assert PERSON not in response.text
    assert "0012345679" not in response.text
    missing = client.post("/candidates", json={"person_id": PERSON})
    assert [(e["type"], e["loc"]) for e in missing.json()["detail"]] == [
        ("missing", ["body", "name"])
    ]
    assert PERSON not in missing.text
