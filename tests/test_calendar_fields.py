"""Pydantic field types: FlexibleDate and JalaliPeriod fields, their error types and JSON Schema."""

from __future__ import annotations

import json
import re
from datetime import date, datetime, timedelta
from typing import Any

import pytest
from hypothesis import given
from hypothesis import strategies as st
from pydantic import BaseModel, ConfigDict, ValidationError

from citizenrights.calendar import FlexibleDate, JalaliPeriod, format_jalali
from citizenrights.text import to_persian_digits

from .strategies import FIRST_DATE, LAST_DATE, periods, supported_dates


class Visit(BaseModel):
    """A record with a date field and a period field, as a backend would declare it."""

    model_config = ConfigDict(frozen=True, extra="forbid")

    on: FlexibleDate
    period: JalaliPeriod
    follow_up: FlexibleDate | None = None


def _error_type(**fields: Any) -> str:
    """Validate a Visit and return the type of its single error."""
    data = {"on": "1396/07/15", "period": "1396-Q3", **fields}
    with pytest.raises(ValidationError) as info:
        Visit.model_validate(data)
    errors = info.value.errors()
    assert len(errors) == 1, errors
    return errors[0]["type"]


# -- reading ------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "value",
    [
        date(2017, 10, 7),
        "2017-10-07",
        "1396/07/15",
        "1396-7-15",
        "۱۳۹۶/۰۷/۱۵",
        "١٣٩٦-٠٧-١٥",
    ],
)
def test_flexible_date_accepts_every_documented_form(value: object) -> None:
    """A date, ISO text or Jalali text (any digits, / or -) all read as 2017-10-07."""
    assert Visit(on=value, period="1396-Q3").on == date(2017, 10, 7)  # type: ignore[arg-type]


def test_flexible_date_accepts_a_jdatetime_date() -> None:
    """A ``jdatetime.date`` is read as the same Gregorian day; a ``jdatetime.datetime`` gives its
    day in Iran time like a ``datetime``, and a day past the range is ``date_out_of_range``."""
    import jdatetime

    assert Visit(on=jdatetime.date(1396, 7, 15), period="1396-Q3").on == date(2017, 10, 7)
    assert Visit(on=jdatetime.date(1498, 12, 30), period="1396-Q3").on == LAST_DATE
    on = Visit(on=jdatetime.datetime(1396, 7, 15, 10, 30), period="1396-Q3").on
    assert (on, type(on)) == (date(2017, 10, 7), date)
    assert _error_type(on=jdatetime.date(1499, 1, 1)) == "date_out_of_range"


def test_importing_the_library_does_not_import_jdatetime() -> None:
    """jdatetime is imported only when a field meets a jdatetime value: import time stays low."""
    import subprocess
    import sys

    code = "import sys, citizenrights; print('jdatetime' in sys.modules)"
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "False"


@pytest.mark.parametrize("value", ["1396-Q3", "۱۳۹۶-Q۳", JalaliPeriod.parse("1396-Q3")])
def test_period_field_accepts_text_and_periods(value: object) -> None:
    """A period field reads canonical text (also with Persian digits) or a JalaliPeriod."""
    assert Visit(on="1396/07/15", period=value).period == JalaliPeriod.parse("1396-Q3")  # type: ignore[arg-type]


def test_serialisation() -> None:
    """JSON output is ISO for dates and canonical text for periods; Python output keeps objects."""
    visit = Visit(on="۱۳۹۶/۰۷/۱۵", period="1396-q3", follow_up="1396/08/01")
    assert json.loads(visit.model_dump_json()) == {
        "on": "2017-10-07",
        "period": "1396-Q3",
        "follow_up": "2017-10-23",
    }
    assert visit.model_dump() == {
        "on": date(2017, 10, 7),
        "period": JalaliPeriod.parse("1396-Q3"),
        "follow_up": date(2017, 10, 23),
    }
    assert visit.model_dump(mode="json")["period"] == "1396-Q3"


@given(supported_dates(), periods())
def test_json_round_trip(d: date, period: JalaliPeriod) -> None:
    """A record written to JSON reads back equal, whether the date came as Jalali or ISO text."""
    jalali = format_jalali(d, digits="persian")
    visit = Visit(on=jalali, period=to_persian_digits(str(period)))
    assert visit.on == d
    assert visit.period == period
    assert Visit.model_validate_json(visit.model_dump_json()) == visit


# -- errors ---------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("value", "error_type"),
    [
        ("1396/13/01", "date_invalid"),
        ("1397/12/30", "date_invalid"),
        ("1396/00/10", "date_invalid"),
        ("1396/07/31", "date_invalid"),
        ("", "date_invalid"),
        ("abc", "date_invalid"),
        ("2017-02-30", "date_invalid"),
        ("2017/10/07", "date_invalid"),
        ("1499/01/01", "date_out_of_range"),
        ("1205/12/29", "date_out_of_range"),
        ("2120-03-21", "date_out_of_range"),
        (LAST_DATE + timedelta(days=1), "date_out_of_range"),
        (FIRST_DATE - timedelta(days=1), "date_out_of_range"),
        (datetime(2120, 3, 21, 12, 0), "date_out_of_range"),
        ("2017-10-07T25:00:00Z", "date_invalid"),
        ("1396-07-15T10:00:00", "date_invalid"),
        (20171007, "date_type"),
        (None, "date_type"),
        (b"2017-10-07", "date_type"),
    ],
)
def test_date_field_error_types(value: object, error_type: str) -> None:
    """Each bad date value fails with its stable error type."""
    assert _error_type(on=value) == error_type


@pytest.mark.parametrize(
    ("value", "error_type"),
    [
        ("1396-Q5", "period_invalid"),
        ("1396-13", "period_invalid"),
        ("1396-H3", "period_invalid"),
        ("1396-00", "period_invalid"),
        ("", "period_invalid"),
        ("abc", "period_invalid"),
        ("1499-Q1", "period_out_of_range"),
        ("1205", "period_out_of_range"),
        (1396, "period_type"),
        (None, "period_type"),
        (("quarter", 1396, 3), "period_type"),
    ],
)
def test_period_field_error_types(value: object, error_type: str) -> None:
    """Each bad period value fails with its stable error type."""
    assert _error_type(period=value) == error_type


def test_error_messages_name_the_value() -> None:
    """The validation message shows the bad text and what is accepted."""
    with pytest.raises(ValidationError) as info:
        Visit(on="1397/12/30", period="1396-Q5")  # type: ignore[arg-type]
    by_field = {e["loc"][0]: e["msg"] for e in info.value.errors()}
    assert "1397/12/30" in by_field["on"]
    assert "not a leap year" in by_field["on"]
    assert "1396-Q5" in by_field["period"]
    assert "1396-Q3" in by_field["period"]


# -- JSON Schema ----------------------------------------------------------------------------------


def test_validation_schema() -> None:
    """In validation mode a date field takes ISO or Jalali text and a period field canonical text."""
    schema = Visit.model_json_schema(mode="validation")
    json.dumps(schema)  # JSON-ready
    assert schema["required"] == ["on", "period"]
    on = schema["properties"]["on"]
    assert {"type": "string", "format": "date"} in on["anyOf"]
    jalali = next(s["pattern"] for s in on["anyOf"] if "pattern" in s)
    for text in ("1396/07/15", "1396-7-15", "۱۳۹۶/۰۷/۱۵", "١٣٩٦-٠٧-١٥"):
        assert re.search(jalali, text), text
    for text in ("1396/07", "abc", "1396/07/15x"):
        assert not re.search(jalali, text), text
    follow_up = schema["properties"]["follow_up"]
    assert {"type": "null"} in follow_up["anyOf"]
    period = schema["properties"]["period"]
    assert period["type"] == "string"
    assert all(re.search(period["pattern"], example) for example in period["examples"])


def test_serialization_schema() -> None:
    """In serialization mode a date field is an ISO date string and a period its canonical text."""
    schema = Visit.model_json_schema(mode="serialization")
    json.dumps(schema)
    assert schema["properties"]["on"] == {"type": "string", "format": "date", "title": "On"}
    assert schema["properties"]["period"]["type"] == "string"


PERIOD_PATTERN = re.compile(Visit.model_json_schema()["properties"]["period"]["pattern"])
PERIOD_OUTPUT_PATTERN = re.compile(
    Visit.model_json_schema(mode="serialization")["properties"]["period"]["pattern"]
)


@given(periods())
def test_period_pattern_matches_every_canonical_text(period: JalaliPeriod) -> None:
    """Both schema patterns of a period field (input and output) match str(p) for every period."""
    assert PERIOD_PATTERN.search(str(period))
    assert PERIOD_OUTPUT_PATTERN.search(str(period))


@pytest.mark.parametrize(
    "text",
    ["1396-Q5", "1396-13", "1396-H3", "1396-00", "1396-0", "96", "१३९६-Q3", "1396-q", "1396/07"],
)
def test_period_pattern_rejects_bad_text(text: str) -> None:
    """The schema patterns refuse the texts that are not periods."""
    assert not PERIOD_PATTERN.search(text)
    assert not PERIOD_OUTPUT_PATTERN.search(text)


@pytest.mark.parametrize(
    "text", ["1396-7", "1396-q3", "1396-h1", "۱۳۹۶-Q۳", "١٣٩٦-٠٧", "۱۳۹۶-۷", "1396-Q03", "1396-۱۲"]
)
def test_input_period_pattern_accepts_what_the_validator_accepts(text: str) -> None:
    """In validation mode the pattern takes every variant the field reads (Persian digits, a
    lower-case h or q, a one-digit month); in serialization mode only the canonical text."""
    JalaliPeriod.parse(text)
    assert PERIOD_PATTERN.search(text)
    assert not PERIOD_OUTPUT_PATTERN.search(text)


@given(periods(), st.sampled_from(["latin", "persian"]), st.booleans(), st.booleans())
def test_input_period_pattern_matches_every_variant(
    period: JalaliPeriod, digits: str, lower: bool, short_month: bool
) -> None:
    """Every variant of every period that the field reads matches the validation pattern."""
    text = str(period)
    if short_month and period.kind.value == "month":
        text = f"{period.year}-{period.index}"
    text = text.lower() if lower else text
    text = to_persian_digits(text) if digits == "persian" else text
    assert JalaliPeriod.parse(text) == period
    assert PERIOD_PATTERN.search(text)


def test_fastapi_request_body() -> None:
    """Behind FastAPI, a bad period is a 422 with the stable type; a good one echoes canonically."""
    import asyncio

    import httpx
    from fastapi import FastAPI

    app = FastAPI()

    @app.post("/visits")
    def create(visit: Visit) -> Visit:
        return visit

    async def post(body: dict[str, str]) -> httpx.Response:
        transport = httpx.ASGITransport(app=app)
        async with httpx.AsyncClient(transport=transport, base_url="http://test") as client:
            return await client.post("/visits", json=body)

    ok = asyncio.run(post({"on": "۱۳۹۶/۰۷/۱۵", "period": "1396-q3"}))
    assert ok.status_code == 200
    assert ok.json() == {"on": "2017-10-07", "period": "1396-Q3", "follow_up": None}
    bad = asyncio.run(post({"on": "1396/07/15", "period": "1396-Q5"}))
    assert bad.status_code == 422
    assert [e["type"] for e in bad.json()["detail"]] == ["period_invalid"]
    assert "Visit" in json.dumps(app.openapi())
