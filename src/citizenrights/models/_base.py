"""The base of every input record (private)."""

from __future__ import annotations

import dataclasses
from collections.abc import Sized
from typing import Annotated, Any, TypeVar, cast

from pydantic import (
    BaseModel,
    ConfigDict,
    GetCoreSchemaHandler,
    GetJsonSchemaHandler,
    StringConstraints,
)
from pydantic.json_schema import JsonSchemaValue
from pydantic_core import CoreSchema, PydanticCustomError, core_schema

__all__ = ["Id", "NonEmpty", "Record", "Text", "UnionError"]

S = TypeVar("S", bound=Sized)


class Record(BaseModel):
    """An input record: immutable, no unknown fields, whitespace-trimmed text."""

    model_config = ConfigDict(
        frozen=True,
        extra="forbid",
        str_strip_whitespace=True,
        validate_default=False,
        use_enum_values=False,
        # Records carry personal data (names, national ids): a ValidationError must not echo it.
        hide_input_in_errors=True,
    )


#: A record id: non-empty text without surrounding blanks.
Id = Annotated[str, StringConstraints(strip_whitespace=True, min_length=1, max_length=200)]
#: Non-empty free text, kept as given (trimmed) for display.
Text = Annotated[str, StringConstraints(strip_whitespace=True, min_length=1)]


@dataclasses.dataclass(frozen=True)
class NonEmpty:
    """Annotation for a list field that must hold at least one item, with a stable error type.

    ``Field(min_length=1)`` would do, but pydantic checks the length of what validated, so one
    bad item also reports a misleading ``too_short`` on the list. This check runs only when every
    item is valid, and fails only for a list that is truly empty. The JSON Schema keeps
    ``minItems: 1``.

    Attributes:
        error_type: the ``type`` of the error, such as ``inspection_no_team``.
        message: its message.
    """

    error_type: str
    message: str

    def _check(self, value: S) -> S:
        if not len(value):
            raise PydanticCustomError(self.error_type, self.message)
        return value

    def __get_pydantic_core_schema__(
        self, source: type[Any], handler: GetCoreSchemaHandler
    ) -> CoreSchema:
        return core_schema.no_info_after_validator_function(self._check, handler(source))

    def __get_pydantic_json_schema__(
        self, schema: CoreSchema, handler: GetJsonSchemaHandler
    ) -> JsonSchemaValue:
        json_schema = handler(schema)
        json_schema["minItems"] = 1
        return json_schema


@dataclasses.dataclass(frozen=True)
class UnionError:
    """Annotation giving a union field one stable error type, whatever the members said.

    A value that no member of ``Scale | int`` accepts would fail with one error per member, of
    types that depend on the input (``enum`` and ``int_type`` for text, ``enum`` and
    ``greater_than_equal`` for a number). The union's own ``custom_error_type`` replaces them with
    one error, inside pydantic-core: a valid value costs nothing more.

    Attributes:
        error_type: the ``type`` of the error, such as ``answer_invalid``.
        message: its message; ``{expected}`` is replaced by ``expected``.
        expected: what the field accepts, in words (the error's ``ctx``).
    """

    error_type: str
    message: str
    expected: str

    def __get_pydantic_core_schema__(
        self, source: type[Any], handler: GetCoreSchemaHandler
    ) -> CoreSchema:
        schema = handler(source)
        if schema["type"] != "union":  # pragma: no cover - a misuse, caught by the tests
            raise TypeError(f"UnionError annotates a union; got a {schema['type']} schema")
        return cast(
            "CoreSchema",
            {
                **schema,
                "custom_error_type": self.error_type,
                "custom_error_message": self.message,
                "custom_error_context": {"expected": self.expected},
            },
        )
