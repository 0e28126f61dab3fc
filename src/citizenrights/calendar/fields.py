"""Pydantic field types for dates and periods.

``FlexibleDate`` is a ``datetime.date`` field that also takes ISO text (``2017-10-07``), Jalali
text (``1396/07/15``, ``۱۳۹۶-۰۷-۱۵``; a year below 1700 is Jalali) and a ``jdatetime.date`` (read
as the same day). A ``datetime``, a ``jdatetime.datetime`` or ISO 8601 timestamp text
(``2017-10-07T23:30:00+00:00``) gives its day in Iran time: an aware one is converted to
Asia/Tehran first (that one is 1396/07/16), a naive one is taken as Iran local time. It always
serialises to ISO.
[`JalaliPeriod`][citizenrights.calendar.periods.JalaliPeriod] is a field type itself: read from its canonical text
(``1396-Q3``) or its label (``پاییز ۱۳۹۶``, ``Autumn 1396``) and written back as the canonical text.
Text is cleaned first ([`citizenrights.text.clean_value`][citizenrights.text.clean_value]): direction marks copied from a
Persian document are ignored.

Validation errors have stable ``type`` codes: ``date_type`` (not text or a date), ``date_invalid``
(not a date, or a day that does not exist), ``date_out_of_range`` (outside 1206–1498 AP),
``period_type``, ``period_invalid`` and ``period_out_of_range``. A value quoted in an error's
message or context that is a valid national id is masked (``*******899``): a person id typed into
a date field is not echoed.

Examples:
    >>> from pydantic import BaseModel
    >>> class Visit(BaseModel):
    ...     on: FlexibleDate
    ...     period: JalaliPeriod
    >>> v = Visit(on="۱۳۹۶/۰۷/۱۵", period="1396-Q3")
    >>> v.on, v.model_dump_json()
    (datetime.date(2017, 10, 7), '{"on":"2017-10-07","period":"1396-Q3"}')
"""

from __future__ import annotations

import functools
from datetime import date
from typing import Annotated, Any

from pydantic import GetCoreSchemaHandler, GetJsonSchemaHandler
from pydantic.json_schema import JsonSchemaValue
from pydantic_core import CoreSchema, PydanticCustomError, core_schema

from citizenrights.calendar import _core
from citizenrights.calendar import _period_schema as period_schema
from citizenrights.calendar.dates import parse_date
from citizenrights.calendar.instants import as_date
from citizenrights.calendar.periods import JalaliPeriod
from citizenrights.errors import CalendarRangeError, InvalidDateError

__all__ = ["PERIOD_JSON_SCHEMA", "FlexibleDate", "period_core_schema"]

#: The JSON Schema of a period as written: its canonical text.
PERIOD_JSON_SCHEMA: dict[str, Any] = period_schema.PERIOD_JSON_SCHEMA

_JALALI_PATTERN = r"^[0-9۰-۹٠-٩]{4}[/-][0-9۰-۹٠-٩]{1,2}[/-][0-9۰-۹٠-٩]{1,2}$"


# Records repeat the same few hundred days (an inspection's date, its findings' due dates), and
# parsing is pure: memoise the text → date step so a JSONL stream does not parse each day anew.
# Errors are not cached, so a bad value is still reported by parse_date itself.
_parse_date_text = functools.lru_cache(maxsize=4096)(parse_date)


def _validate_date(value: Any) -> date:
    if type(value) is date:
        return _in_range(value)
    if isinstance(value, str):
        try:
            return _parse_date_text(value)
        except CalendarRangeError as exc:
            raise PydanticCustomError(
                "date_out_of_range",
                "Date '{value}' is outside the supported range {range}",
                {"value": _core.masked(value), "range": _core.RANGE_TEXT, "reason": str(exc)},
            ) from None
        except InvalidDateError as exc:
            raise PydanticCustomError(
                "date_invalid",
                "{reason}",
                {"value": _core.masked(value), "reason": str(exc)},
            ) from None
    if isinstance(value, date) or type(value).__module__ == "jdatetime":
        # A datetime (or jdatetime value): its day in Iran time, by the calendar's one rule.
        try:
            return _in_range(as_date(value, "a date field"))
        except CalendarRangeError as exc:
            raise PydanticCustomError(
                "date_out_of_range", "{reason}", {"value": str(value), "reason": str(exc)}
            ) from None
        except InvalidDateError:
            pass  # a jdatetime value that is neither a date nor a datetime
    raise PydanticCustomError(
        "date_type",
        "Expected a date, ISO text like '2017-10-07', Jalali text like '1396/07/15' or an ISO "
        "timestamp like '2017-10-07T23:30:00+00:00'; got {type_name}",
        {"type_name": type(value).__name__},
    )


def _in_range(value: date) -> date:
    if not _core.FIRST_ORDINAL <= value.toordinal() < _core.END_ORDINAL:
        raise PydanticCustomError(
            "date_out_of_range",
            "Date {value} is outside the supported range {range}",
            {"value": value.isoformat(), "range": _core.RANGE_TEXT},
        )
    return value


class _FlexibleDateMarker:
    """Annotation that makes a ``date`` field accept ISO and Jalali text."""

    @classmethod
    def __get_pydantic_core_schema__(
        cls, source: type[Any], handler: GetCoreSchemaHandler
    ) -> CoreSchema:
        return core_schema.no_info_plain_validator_function(
            _validate_date,
            serialization=core_schema.plain_serializer_function_ser_schema(
                date.isoformat, when_used="json"
            ),
        )

    @classmethod
    def __get_pydantic_json_schema__(
        cls, schema: CoreSchema, handler: GetJsonSchemaHandler
    ) -> JsonSchemaValue:
        if handler.mode == "serialization":
            return {"type": "string", "format": "date"}
        return {
            "anyOf": [
                {"type": "string", "format": "date"},
                {"type": "string", "pattern": _JALALI_PATTERN},
                {"type": "string", "format": "date-time"},
            ],
            "description": (
                "An ISO date (2017-10-07), a Jalali date (1396/07/15, 1396-7-15, ۱۳۹۶/۰۷/۱۵; "
                "a year below 1700 is Jalali) or an ISO 8601 timestamp, taken as its day in Iran "
                "time (2017-10-07T23:30:00+00:00 is 2017-10-08)."
            ),
        }


#: A ``datetime.date`` field that takes a date, a ``jdatetime.date``, ISO text or Jalali text, or
#: a datetime or ISO 8601 timestamp text (its day in Iran time); serialised as ISO.
FlexibleDate = Annotated[date, _FlexibleDateMarker]


def period_core_schema() -> CoreSchema:
    """The pydantic core schema of a [`JalaliPeriod`][citizenrights.calendar.periods.JalaliPeriod] field: canonical text both ways."""
    return period_schema.core_schema_of(JalaliPeriod)
