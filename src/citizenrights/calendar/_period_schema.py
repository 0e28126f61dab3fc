"""The pydantic schemas of a period field (private): the JSON Schemas and the validator.

[`JalaliPeriod`][citizenrights.calendar.periods.JalaliPeriod]'s pydantic hooks and
[`citizenrights.calendar.fields`][citizenrights.calendar.fields] both read them from here. This
module imports neither of those: the validator is given the period class, so that ``periods``
depends on this module and ``fields`` on both, with no circle.
"""

from __future__ import annotations

from typing import Any, Protocol, Self

from pydantic_core import CoreSchema, PydanticCustomError, core_schema

from citizenrights.calendar import _core
from citizenrights.errors import CalendarRangeError, InvalidPeriodError

__all__ = [
    "ACCEPTED_PERIOD_TEXT",
    "PERIOD_INPUT_JSON_SCHEMA",
    "PERIOD_JSON_SCHEMA",
    "core_schema_of",
]

#: What a period is read from, as error messages name it.
ACCEPTED_PERIOD_TEXT = (
    "a period like '1396', '1396-H1', '1396-Q3' or '1396-07', or its label like "
    "'پاییز ۱۳۹۶', 'Autumn 1396', 'First half 1396' or 'Mehr 1396'"
)
#: The JSON Schema of a period as written: its canonical text.
PERIOD_JSON_SCHEMA: dict[str, Any] = {
    "type": "string",
    "pattern": r"^[0-9]{4}(-(H[12]|Q[1-4]|(0[1-9]|1[0-2])))?$",
    "description": "A Jalali reporting period: '1396', '1396-H1', '1396-Q3' or '1396-07'.",
    "examples": ["1396", "1396-H2", "1396-Q3", "1396-07"],
}
# What JalaliPeriod.parse reads: Latin, Persian or Arabic-Indic digits (mixed, digit by digit),
# h/q in either case with an index that may have leading zeros, a month of one or two digits.
_D, _ZERO = "[0-9۰-۹٠-٩]", "[0۰٠]"
_PERIOD_INPUT_PATTERN = (
    f"^{_D}{{4}}(-([Hh]{_ZERO}*[12۱۲١٢]|[Qq]{_ZERO}*[1-4۱-۴١-٤]"
    f"|{_ZERO}?[1-9۱-۹١-٩]|[1۱١][0-2۰-۲٠-٢]))?$"
)
#: The JSON Schema of a period as read (validation mode): the canonical text and its variants.
PERIOD_INPUT_JSON_SCHEMA: dict[str, Any] = {
    "type": "string",
    "pattern": _PERIOD_INPUT_PATTERN,
    "description": (
        "A Jalali reporting period: '1396', '1396-H1', '1396-Q3' or '1396-07' (also with Persian "
        "digits, a lower-case h or q, or a one-digit month). Written back as the canonical text."
    ),
    "examples": ["1396", "1396-H2", "1396-Q3", "1396-07"],
}


class _Parsable(Protocol):
    @classmethod
    def parse(cls, text: str) -> Self: ...


def core_schema_of(period_type: type[_Parsable]) -> CoreSchema:
    """The core schema of a period field: an instance, or text read by ``period_type.parse``.

    It is written back as its canonical text (``str``).
    """

    def validate(value: Any) -> _Parsable:
        if isinstance(value, period_type):
            return value
        if not isinstance(value, str):
            raise PydanticCustomError(
                "period_type",
                "Expected {accepted} as text; got {type_name}",
                {"accepted": ACCEPTED_PERIOD_TEXT, "type_name": type(value).__name__},
            )
        try:
            return period_type.parse(value)
        except CalendarRangeError as exc:
            raise PydanticCustomError(
                "period_out_of_range",
                "{reason}",
                {"value": _core.masked(value), "reason": str(exc)},
            ) from None
        except InvalidPeriodError as exc:
            raise PydanticCustomError(
                "period_invalid", "{reason}", {"value": _core.masked(value), "reason": str(exc)}
            ) from None

    return core_schema.no_info_plain_validator_function(
        validate,
        serialization=core_schema.plain_serializer_function_ser_schema(str, when_used="json"),
    )
