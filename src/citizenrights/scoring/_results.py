"""What every computed result shares (private): JSON-ready ``to_dict`` and pydantic support.

Results are attrs frozen slotted classes. `pydantic_support` gives such a class the
``__get_pydantic_core_schema__`` / ``__get_pydantic_json_schema__`` hooks, so it can be a field of a
pydantic model, a ``TypeAdapter`` target and a FastAPI ``response_model``: it validates instances (and
dicts, when the class has a ``from_dict`` classmethod) and serialises to JSON through ``to_dict()``.
"""

from __future__ import annotations

import enum
from collections.abc import Callable, Mapping
from datetime import date
from typing import Any, Protocol, TypeVar

from pydantic import GetCoreSchemaHandler, GetJsonSchemaHandler
from pydantic.json_schema import JsonSchemaValue
from pydantic_core import CoreSchema, PydanticCustomError, core_schema

__all__ = ["jsonable", "pydantic_support"]


class _HasToDict(Protocol):
    def to_dict(self) -> dict[str, Any]: ...


T = TypeVar("T", bound=type[Any])


def jsonable(value: Any) -> Any:
    """Turn a computed value into JSON-ready data: dates to ISO, enums and periods to text."""
    if isinstance(value, enum.Enum):
        return value.value
    if value is None or isinstance(value, bool | int | float | str):
        return value
    if isinstance(value, date):
        return value.isoformat()
    to_dict = getattr(value, "to_dict", None)
    if callable(to_dict):
        return to_dict()
    if isinstance(value, Mapping):
        return {str(jsonable(k)): jsonable(v) for k, v in value.items()}
    if isinstance(value, tuple | list | frozenset | set):
        items = [jsonable(v) for v in value]
        return sorted(items) if isinstance(value, frozenset | set) else items
    # JalaliPeriod and other value types print as their canonical text.
    return str(value)


def pydantic_support(
    json_schema: Callable[[], dict[str, Any]] | None = None,
) -> Callable[[T], T]:
    """Class decorator adding pydantic hooks to an attrs result class with ``to_dict()``.

    Args:
        json_schema: returns the JSON Schema of ``to_dict()``'s output; by default an object
            schema titled with the class name and described by its docstring's first line.
    """

    def decorate(cls: T) -> T:
        from_dict = getattr(cls, "from_dict", None)

        def validate(value: Any) -> Any:
            if isinstance(value, cls):
                return value
            if from_dict is not None and isinstance(value, Mapping):
                return from_dict(value)
            raise PydanticCustomError(
                "result_type",
                "Expected a {name} (a computed result); got {type_name}",
                {"name": cls.__name__, "type_name": type(value).__name__},
            )

        def core(source: type[Any], handler: GetCoreSchemaHandler) -> CoreSchema:
            return core_schema.no_info_plain_validator_function(
                validate,
                serialization=core_schema.plain_serializer_function_ser_schema(
                    lambda v: v.to_dict()
                ),
            )

        def schema(core_: CoreSchema, handler: GetJsonSchemaHandler) -> JsonSchemaValue:
            if json_schema is not None:
                return json_schema()
            doc = (cls.__doc__ or "").strip().splitlines()
            return {
                "type": "object",
                "title": cls.__name__,
                "description": doc[0] if doc else cls.__name__,
                "additionalProperties": True,
            }

        cls.__get_pydantic_core_schema__ = classmethod(lambda c, s, h: core(s, h))
        cls.__get_pydantic_json_schema__ = classmethod(lambda c, s, h: schema(s, h))
        return cls

    return decorate
