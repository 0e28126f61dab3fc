"""Every computed result behaves alike: to_dict(), a derived JSON Schema, a named OpenAPI component."""

from __future__ import annotations

import importlib
import inspect
import json
import pkgutil
from typing import Any

import attrs
import pytest
from pydantic import TypeAdapter

import citizenrights.followup
import citizenrights.reporting
import citizenrights.scoring
from citizenrights import JalaliPeriod, Post, assess_many, build_report, load_demo
from citizenrights.reporting import build_progress_report
from citizenrights.scoring import InspectionScore

#: attrs classes of scoring/ and reporting/ that are not results (none today).
NOT_RESULTS: frozenset[str] = frozenset()


def _result_types() -> list[type[Any]]:
    found: dict[str, type[Any]] = {}
    for package in (citizenrights.scoring, citizenrights.followup, citizenrights.reporting):
        for info in pkgutil.iter_modules(package.__path__, package.__name__ + "."):
            if info.name.rsplit(".", 1)[1].startswith("_"):
                continue
            module = importlib.import_module(info.name)
            for name, value in vars(module).items():
                if (
                    inspect.isclass(value)
                    and attrs.has(value)
                    and value.__module__ == module.__name__
                    and not name.startswith("_")
                    and name not in NOT_RESULTS
                ):
                    found[name] = value
    return [found[name] for name in sorted(found)]


RESULT_TYPES = _result_types()


def _demo_results() -> list[Any]:
    demo = load_demo()
    report = build_report(demo, JalaliPeriod.parse("1397-Q4"))
    agency = report.for_agency(report.ranking[0].agency_id)
    decisions = assess_many(demo.candidates, Post.parse("managerial:middle"), as_of="1397/01/15")
    progress = build_progress_report(demo, as_of="1397/03/31", group_id="wg-national")
    return [report, agency, progress, *decisions]


def _check(schema: dict[str, Any], value: Any, defs: dict[str, Any], at: str = "$") -> None:
    """A minimal JSON Schema check for the subset the derived schemas use."""
    if "$ref" in schema:
        _check(defs[schema["$ref"].rsplit("/", 1)[1]], value, defs, at)
        return
    if "anyOf" in schema:
        errors = []
        for option in schema["anyOf"]:
            try:
                _check(option, value, defs, at)
            except AssertionError as error:
                errors.append(error)
            else:
                return
        raise AssertionError(f"{at}: {value!r} matches no option: {errors}")
    if "enum" in schema:
        assert value in schema["enum"], f"{at}: {value!r} not in {schema['enum']}"
    kinds = {
        "string": str,
        "integer": int,
        "number": (int, float),
        "boolean": bool,
        "null": type(None),
        "object": dict,
        "array": list,
    }
    kind = schema.get("type")
    if kind is not None:
        assert isinstance(value, kinds[kind]), f"{at}: {value!r} is not {kind}"
        assert kind in {"boolean", "null"} or not isinstance(value, bool), f"{at}: a boolean"
    if kind == "array":
        for n, item in enumerate(value):
            _check(schema.get("items", {}), item, defs, f"{at}[{n}]")
    if kind == "object":
        properties = schema.get("properties", {})
        missing = set(schema.get("required", ())) - set(value)
        assert not missing, f"{at}: missing {sorted(missing)}"
        extra = schema.get("additionalProperties", True)
        for key, item in value.items():
            if key in properties:
                _check(properties[key], item, defs, f"{at}.{key}")
            else:
                assert extra is not False, f"{at}: unexpected key {key!r}"
                if isinstance(extra, dict):
                    _check(extra, item, defs, f"{at}.{key}")


def test_every_result_type_is_found() -> None:
    """The enumeration sees the result types the issue names (a guard for the tests below)."""
    names = {kind.__name__ for kind in RESULT_TYPES}
    expected = {"InspectionScore", "SectionScore", "ItemScore", "AgencyIndex", "IndexComponent"}
    expected |= {"Rate", "Ranked", "RollUp", "EligibilityDecision", "Reason", "GroupProgress"}
    expected |= {"Coverage", "OverdueFinding", "Report", "AgencyReport", "ProgressReport"}
    assert expected <= names


@pytest.mark.parametrize("kind", RESULT_TYPES, ids=lambda k: k.__name__)
def test_schema_has_properties(kind: type[Any]) -> None:
    """Each public attrs class of scoring/ and reporting/ has to_dict() and a derived schema."""
    assert callable(getattr(kind, "to_dict", None))
    for mode in ("serialization", "validation"):
        schema = TypeAdapter(kind).json_schema(mode=mode)
        assert schema["title"] == kind.__name__
        assert schema["properties"], kind
        assert schema["additionalProperties"] is False
        assert set(schema["required"]) <= set(schema["properties"])


@pytest.mark.parametrize("kind", RESULT_TYPES, ids=lambda k: k.__name__)
def test_named_openapi_component(kind: type[Any]) -> None:
    """As a FastAPI response model each result is a component named by its class, used by $ref."""
    from fastapi import FastAPI
    from fastapi.testclient import TestClient

    app = FastAPI()

    @app.get("/result", response_model=kind)
    def result() -> Any:  # pragma: no cover - only the schema is read
        raise NotImplementedError

    openapi = TestClient(app).get("/openapi.json").json()
    components = openapi["components"]["schemas"]
    assert components[kind.__name__]["properties"]
    response = openapi["paths"]["/result"]["get"]["responses"]["200"]
    ref = response["content"]["application/json"]["schema"]["$ref"]
    assert ref == f"#/components/schemas/{kind.__name__}"


def test_grade_enum_does_not_list_null() -> None:
    """An inspection's grade is a $ref to the Grade enum or null, and the enum has no null."""
    schema = TypeAdapter(InspectionScore).json_schema(mode="serialization")
    grade = schema["properties"]["grade"]
    assert {"type": "null"} in grade["anyOf"]
    assert None not in schema["$defs"]["Grade"]["enum"]


@pytest.mark.parametrize("value", _demo_results(), ids=lambda v: type(v).__name__)
def test_to_dict_matches_the_schema(value: Any) -> None:
    """to_dict() of real results (the demo dataset) validates against the derived schema."""
    schema = TypeAdapter(type(value)).json_schema(mode="serialization")
    data = json.loads(json.dumps(value.to_dict()))
    _check(schema, data, schema.get("$defs", {}))
    if "redact" in inspect.signature(value.to_dict).parameters:
        _check(schema, json.loads(json.dumps(value.to_dict(redact=True))), schema.get("$defs", {}))


def test_progress_report_redacts_names() -> None:
    """ProgressReport.to_dict(redact=...) overrides include_names either way."""
    demo = load_demo()
    named = build_progress_report(
        demo, as_of="1397/03/31", group_id="wg-national", include_names=True
    )
    members = named.to_dict()["group"]["members"]
    assert all("name" in m for m in members)
    assert all("name" not in m for m in named.to_dict(redact=True)["group"]["members"])
    hidden = build_progress_report(demo, as_of="1397/03/31", group_id="wg-national")
    assert all("name" not in m for m in hidden.to_dict()["group"]["members"])
    assert all("name" in m for m in hidden.to_dict(redact=False)["group"]["members"])
