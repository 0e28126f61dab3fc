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

**Fast path.** Even on clean text the guards cost about a tenth of a JSON line's validation.
`Record.validate_json_line` (which the JSONL readers use) validates with a copy of the schema
without them (`without_cleaning`), whose text fields refuse what a cleaner would change, and
falls back to ``model_validate_json`` on any error: the same record, and the model's own errors.
"""

from __future__ import annotations

import dataclasses
import enum
import re
import threading
from collections.abc import Callable, Iterator, Sized
from typing import Annotated, Any, Final, Self, TypeVar, cast

from pydantic import (
    BaseModel,
    ConfigDict,
    Field,
    GetCoreSchemaHandler,
    GetJsonSchemaHandler,
    StringConstraints,
    ValidationError,
)
from pydantic.json_schema import JsonSchemaValue
from pydantic_core import (
    CoreConfig,
    CoreSchema,
    PydanticCustomError,
    SchemaValidator,
    core_schema,
)

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
    "without_cleaning",
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

    @classmethod
    def validate_json_line(cls, data: str | bytes | bytearray) -> Self:
        """``model_validate_json`` with a fast path for clean text: the same record, same errors.

        The line is validated first by `fast_json_validator`, about 10 % faster on clean text;
        what it refuses (text to clean, or an invalid record) is validated again by
        ``model_validate_json``, so every error is the model's own. A refused line costs two
        validations: for a file whose every line has text to clean, call ``model_validate_json``
        (the JSONL readers leave the fast path after a few refused lines).

        Args:
            data: one JSON document (a JSONL line), UTF-8 when bytes.

        Returns:
            The record, equal to ``cls.model_validate_json(data)`` (same fields set).

        Raises:
            pydantic.ValidationError: exactly as ``cls.model_validate_json(data)`` raises it.
        """
        try:
            return cast("Self", cls.fast_json_validator().validate_json(data))
        except ValidationError:
            return cls.model_validate_json(data)

    @classmethod
    def fast_json_validator(cls) -> SchemaValidator:
        """The model's validator without the cleaning step, for JSON of clean text (built once).

        Its schema is `without_cleaning`'s: a text field refuses a direction mark, a Persian or
        Arabic-Indic digit or an Arabic separator instead of cleaning it, an enum refuses what its
        plain schema refuses, a number reads text as pydantic does, and a `NonEmpty` list is
        checked in Rust. A record it returns equals (``==``, same fields set) what
        ``model_validate_json`` returns for the same text; its errors are not the model's: on a
        ``ValidationError``, validate again with ``model_validate_json``. Thread-safe.

        Returns:
            A ``pydantic_core.SchemaValidator`` whose ``validate_json(data)`` returns an instance
            of the model.
        """
        fast = _FAST.get(cls)
        if fast is None:
            with _BUILDING:
                fast = _FAST.get(cls) or _fast_validator(cls)
                _FAST[cls] = fast
        return fast


# -- the cleaning step ---------------------------------------------------------------------------

# What a cleaner would change; the guard patterns match text free of it. Literal characters, so
# that pydantic-core compiles them with its Rust regex engine.
_DIGITS = "۰-۹٠-٩"
_VALUE_CLEAN = f"^[^{DIRECTION_MARKS}{_DIGITS}]*$"
_NUMBER_CLEAN = f"^[^{DIRECTION_MARKS}{_DIGITS}\u066b\u066c]*$"
_NAME_CLEAN = f"^[^{DIRECTION_MARKS}]*$"
_NAME_ENDS = re.compile(f"^[\\s{DIRECTION_MARKS}]+|[\\s{DIRECTION_MARKS}]+$")


# The metadata key that marks the chain of a cleaned field (its value: the guard's pattern), so
# that `without_cleaning` finds it.
_CLEANING: Final = "citizenrights_cleaning"
# The metadata key of a `NonEmpty` check: the fast schema checks the length in Rust instead.
_NON_EMPTY: Final = "citizenrights_non_empty"


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
            metadata={"pydantic_js_functions": [_json_schema_of(inner)], _CLEANING: self.pattern},
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


def without_cleaning(schema: CoreSchema) -> CoreSchema:
    """A copy of a core schema whose cleaned fields refuse what the cleaning would change.

    Each chain of the cleaning step becomes the field's own schema; a text field gets the guard's
    pattern, so text with a direction mark or a Persian digit fails instead of being cleaned.
    Other fields (numbers, booleans) read such text as an error too, or as the value the cleaning
    would give. Where this schema accepts a value, it gives what the full schema gives: only
    refused values differ. Enums keep their schema (their cleaning costs nothing on clean text).

    Args:
        schema: a model's ``__pydantic_core_schema__``.

    Returns:
        A new schema (the given one is not changed).
    """
    return cast("CoreSchema", _strip_cleaning(schema))


def _strip_cleaning(node: Any) -> Any:
    if isinstance(node, list):
        return [_strip_cleaning(v) for v in node]
    if not isinstance(node, dict):
        return node
    metadata = node.get("metadata")
    if not isinstance(metadata, dict) or not (_CLEANING in metadata or _NON_EMPTY in metadata):
        return {k: _strip_cleaning(v) for k, v in node.items()}
    if _NON_EMPTY in metadata:  # the length in Rust: an empty list fails (and falls back)
        inner = _strip_cleaning(node["schema"])
        if inner["type"] in ("tuple", "list"):
            inner["min_length"] = max(1, inner.get("min_length", 0))
            return cast("dict[str, Any]", inner)
        return {k: _strip_cleaning(v) for k, v in node.items()}  # pragma: no cover
    if node["type"] == "union":  # an enum: its plain schema, without the cleaned retry
        inner = _strip_cleaning(node["choices"][0])
    else:  # a cleaned field: its own schema; text refuses what the cleaning would change
        inner = _strip_cleaning(node["steps"][1])
        if inner["type"] == "str":
            if "pattern" in inner:  # pragma: no cover - no field has both
                return {k: _strip_cleaning(v) for k, v in node.items()}
            inner["pattern"] = metadata[_CLEANING]
    if "ref" in node:
        inner["ref"] = node["ref"]
    return cast("dict[str, Any]", inner)


def _fast_validator(model: type[BaseModel]) -> SchemaValidator:
    """The validator of ``model`` without the cleaning step (built once per model)."""
    if not model.__pydantic_complete__:  # pragma: no cover - every record model is complete
        model.model_rebuild(raise_errors=True)
    schema = model.__pydantic_core_schema__
    fast = without_cleaning(schema)
    # pydantic-core reuses the validator of a complete model class for its nodes (its cleaning
    # included): the classes read as incomplete while the fast schema is built.
    classes = {c for c in _model_classes(fast) if c.__dict__.get("__pydantic_complete__")}
    try:
        for cls in classes:
            cls.__pydantic_complete__ = False
        return SchemaValidator(fast, _model_config(schema, model))
    finally:
        for cls in classes:
            cls.__pydantic_complete__ = True


def _model_classes(node: Any) -> Iterator[type[Any]]:
    """The classes of the model nodes of a core schema."""
    if isinstance(node, list):
        for item in node:
            yield from _model_classes(item)
    elif isinstance(node, dict):
        if node.get("type") == "model":
            yield node["cls"]
        for value in node.values():
            yield from _model_classes(value)


def _model_config(node: Any, model: type[BaseModel]) -> CoreConfig | None:
    """The core config of ``model`` in its schema (under its ``after`` validators, if any)."""
    while isinstance(node, dict):
        if node.get("type") == "model" and node.get("cls") is model:
            return cast("CoreConfig | None", node.get("config"))
        node = node.get("schema")
    return None  # pragma: no cover - a model's schema holds its model node


_FAST: dict[type[BaseModel], SchemaValidator] = {}
# One build at a time: a build marks model classes incomplete for a moment.
_BUILDING: Final = threading.Lock()


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
            metadata={"pydantic_js_functions": [_json_schema_of(inner)], _CLEANING: None},
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
        return core_schema.no_info_after_validator_function(
            self._check, handler(source), metadata={_NON_EMPTY: True}
        )

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
