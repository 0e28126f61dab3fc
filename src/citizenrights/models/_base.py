"""The base of every input record (private), and the one input-cleaning step of its fields.

**Cleaning.** Text copied from Persian documents and Excel sheets carries invisible direction marks
(U+200E, U+200F …), Persian or Arabic-Indic digits and the Arabic decimal and thousands separators.
Every field where text becomes a value is cleaned by one step, `Cleaning`, before its own
validation:

* values (ids, codes, enum members, booleans): [`clean_value`][citizenrights.text.clean_value];
* numbers (every int and float of a record): [`clean_number_text`][citizenrights.text.clean_number_text];
* names (`Name`, `Label`): direction marks and blanks at the ends are dropped, the
  display text is kept.

Free text (titles, descriptions, notes) is kept as given.

Clean input never reaches Python: enums try their plain schema first and only a refused value is
cleaned and looked up again; other fields run a pydantic-core union first that passes clean text
and JSON numbers unchanged, and only what it refuses goes to the Python cleaner. The field's own
validation runs after it, so its error types (``enum``, ``int_parsing``, ``string_too_short`` …)
and locations are pydantic's own.
"""

from __future__ import annotations

import dataclasses
import enum
import re
from collections.abc import Callable, Sized
from typing import Annotated, Any, Final, TypeVar, cast

from pydantic import (
    BaseModel,
    ConfigDict,
    Field,
    GetCoreSchemaHandler,
    GetJsonSchemaHandler,
    StringConstraints,
)
from pydantic.json_schema import JsonSchemaValue
from pydantic_core import CoreSchema, PydanticCustomError, core_schema

from citizenrights.text import DIRECTION_MARKS, clean_number_text, clean_value

__all__ = [
    "MAX_HOURS",
    "MAX_WEIGHT",
    "NAME",
    "NUMBER",
    "VALUE",
    "Cleaning",
    "Count",
    "Flag",
    "Hours",
    "Id",
    "Label",
    "Name",
    "NonEmpty",
    "Record",
    "Text",
    "UnionError",
    "ValueEnum",
    "Weight",
]

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


# -- the cleaning step ---------------------------------------------------------------------------

# What a cleaner would change; the guard patterns match text free of it. Literal characters, so
# that pydantic-core compiles them with its Rust regex engine.
_DIGITS = "۰-۹٠-٩"
_VALUE_CLEAN = f"^[^{DIRECTION_MARKS}{_DIGITS}]*$"
_NUMBER_CLEAN = f"^[^{DIRECTION_MARKS}{_DIGITS}\u066b\u066c]*$"
_NAME_CLEAN = f"^[^{DIRECTION_MARKS}]*$"
_NAME_ENDS = re.compile(f"^[\\s{DIRECTION_MARKS}]+|[\\s{DIRECTION_MARKS}]+$")


def _trim_marks(text: str) -> str:
    """Drop direction marks and white space at the ends of a name; keep the rest as typed."""
    return _NAME_ENDS.sub("", text)


@dataclasses.dataclass(frozen=True)
class Cleaning:
    """Annotation that runs the one cleaning step before a field's own validation.

    Use the instances `VALUE`, `NUMBER` and `NAME`; enums derive from
    `ValueEnum` instead. The JSON Schema is the field's own (the cleaning accepts more than
    it describes, never less).

    Attributes:
        clean: what cleans text (any other input passes unchanged).
        pattern: matches text that ``clean`` would leave as it is.
    """

    clean: Callable[[str], str]
    pattern: str

    def _clean_input(self, value: Any) -> Any:
        return self.clean(value) if isinstance(value, str) else value

    def wrap(self, inner: CoreSchema) -> CoreSchema:
        """``inner`` preceded by the cleaning step; a ``ref`` of ``inner`` moves to the result."""
        # An enum's schema carries its ``ref`` (its JSON Schema definition): the cleaned schema
        # takes it over, so every field of the enum shares one definition, cleaning included.
        fields = dict(cast("dict[str, Any]", inner))
        ref = cast("str | None", fields.pop("ref", None))
        inner = cast("CoreSchema", fields)
        # Clean text, and JSON numbers and booleans, pass in Rust; only the rest calls Python.
        guard = core_schema.union_schema(
            [
                core_schema.str_schema(strict=True, pattern=self.pattern),
                core_schema.int_schema(strict=True),
                core_schema.float_schema(strict=True),
                core_schema.bool_schema(strict=True),
                core_schema.no_info_plain_validator_function(self._clean_input),
            ],
            mode="left_to_right",
        )
        return core_schema.chain_schema(
            [guard, inner],
            ref=ref,
            metadata={"pydantic_js_functions": [_json_schema_of(inner)]},
        )

    def __get_pydantic_core_schema__(
        self, source: type[Any], handler: GetCoreSchemaHandler
    ) -> CoreSchema:
        return self.wrap(handler(source))


def _json_schema_of(
    inner: CoreSchema,
) -> Callable[[CoreSchema, GetJsonSchemaHandler], JsonSchemaValue]:
    """A JSON Schema hook that describes a cleaned field by its own schema."""

    def js(_schema: CoreSchema, handler: GetJsonSchemaHandler) -> JsonSchemaValue:
        return handler(inner)

    return js


#: Cleaning of ids, codes, enum members and booleans: direction marks, digits, blanks.
VALUE: Final = Cleaning(clean_value, _VALUE_CLEAN)
#: Cleaning of numbers: also the Arabic decimal (٫) and thousands (٬) separators.
NUMBER: Final = Cleaning(clean_number_text, _NUMBER_CLEAN)
#: Cleaning of names: direction marks and blanks at the ends only.
NAME: Final = Cleaning(_trim_marks, _NAME_CLEAN)


class ValueEnum(enum.StrEnum):
    """Base of the records' enums: a member is read from its value after the cleaning step.

    ``periodic`` followed by a right-to-left mark reads as ``periodic``; an unknown value is
    pydantic's own ``enum`` error, with the same message and ``ctx``.
    """

    @classmethod
    def __get_pydantic_core_schema__(
        cls, source: type[Any], handler: GetCoreSchemaHandler
    ) -> CoreSchema:
        fields = dict(cast("dict[str, Any]", handler(source)))
        ref = cast("str | None", fields.pop("ref", None))
        inner = cast("CoreSchema", fields)
        # Enums are the hottest fields (every answer): the plain enum schema goes first, in Rust,
        # and only a value it refuses is cleaned and looked up again. Every failure of an enum is
        # the one error type ``enum``, so the union's own error is pydantic's, exactly.
        dirty = core_schema.chain_schema(  # text only: a number or null never calls Python
            [
                core_schema.str_schema(strict=True),
                core_schema.no_info_plain_validator_function(cls._from_dirty),
            ]
        )
        return core_schema.union_schema(
            [inner, dirty],
            mode="left_to_right",
            custom_error_type="enum",
            custom_error_context={"expected": _expected(cls)},
            ref=ref,
            metadata={"pydantic_js_functions": [_json_schema_of(inner)]},
        )

    @classmethod
    def _from_dirty(cls, value: str) -> Any:
        return cls(clean_value(value))  # a ValueError for an unknown value: the union's error


def _expected(cls: type[enum.Enum]) -> str:
    """The ``expected`` text of pydantic's ``enum`` error: ``'a', 'b' or 'c'``."""
    values = [repr(m.value) for m in cls]
    return values[0] if len(values) == 1 else f"{', '.join(values[:-1])} or {values[-1]}"


#: A record id or code: non-empty text without surrounding blanks or direction marks, digits Latin.
Id = Annotated[str, StringConstraints(strip_whitespace=True, min_length=1, max_length=200), VALUE]
#: Non-empty free text (a title, a description), kept as given but for blanks at the ends.
Text = Annotated[str, StringConstraints(strip_whitespace=True, min_length=1)]
#: A name (of a person, an agency, a group): non-empty, kept as given for display but for blanks
#: and direction marks at the ends. Match names by ``normalize_persian`` keys, never by this text.
Name = Annotated[str, StringConstraints(strip_whitespace=True, min_length=1), NAME]
#: Optional short text shown as given (an English name, a county, a peer group), trimmed of blanks
#: and direction marks at the ends; it may be empty.
Label = Annotated[str, NAME]
#: A yes/no field (``true``, ``false``, and pydantic's other spellings), after cleaning.
Flag = Annotated[bool, VALUE]
#: A count (services, staff): an int ≥ 0, Persian digits and separators accepted.
Count = Annotated[int, Field(ge=0), NUMBER]

#: The largest weight of a checklist item or section. With every weight at most 10⁶, no sum of
#: weights (or of weighted values in 0..1) over a checklist can overflow a float.
MAX_WEIGHT: Final = 1_000_000.0
#: The largest number of hours of one training record (more than five years of full-time work):
#: larger is a typing error, and sums of hours stay far from overflow.
MAX_HOURS: Final = 10_000.0

#: A weight: a finite float above 0 and at most `MAX_WEIGHT`.
Weight = Annotated[float, Field(gt=0, le=MAX_WEIGHT, allow_inf_nan=False), NUMBER]
#: Training hours: a finite float above 0 and at most `MAX_HOURS`.
Hours = Annotated[float, Field(gt=0, le=MAX_HOURS, allow_inf_nan=False), NUMBER]


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
