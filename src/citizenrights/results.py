"""The mechanism every computed result shares: JSON-ready data and pydantic support.

Results (inspection scores, agency indices, rankings, reports, ...) are attrs frozen slotted
classes with a ``to_dict()`` method. This module gives them what they share:

- [`pydantic_support`][citizenrights.results.pydantic_support], a class decorator adding the
  ``__get_pydantic_core_schema__`` / ``__get_pydantic_json_schema__`` hooks, so that a result can
  be a field of a pydantic model, a ``TypeAdapter`` target and a FastAPI ``response_model``: it
  validates instances (and dicts, when the class has a ``from_dict`` classmethod) and serialises
  to JSON through ``to_dict()``;
- [`jsonable`][citizenrights.results.jsonable], which turns a computed value into the JSON-ready
  data a ``to_dict()`` returns.

The JSON Schema is not written by hand: it is derived from the attrs fields and their annotations,
which describe what ``to_dict()`` returns (dates as ISO text, enums as their values, periods as their
text, tuples as arrays, mappings as objects, nested results by ``$ref``). Each result class is a
named definition (``$defs`` in a schema, ``components.schemas`` in OpenAPI) titled with its class
name; each property carries the field's line of the class docstring's ``Attributes:`` section.

A new result class is an attrs frozen class with ``to_dict()`` (and, where personal data can
appear, ``to_dict(redact=...)``), decorated with ``@pydantic_support()``.
"""

from __future__ import annotations

import enum
import inspect
import re
import typing
from collections.abc import Callable, Mapping
from datetime import date
from typing import Any, TypeVar

import attrs
from pydantic import GetCoreSchemaHandler, GetJsonSchemaHandler
from pydantic.json_schema import JsonSchemaValue
from pydantic_core import CoreSchema, PydanticCustomError, core_schema

__all__ = ["jsonable", "pydantic_support"]


T = TypeVar("T", bound=type[Any])


def jsonable(value: Any) -> Any:
    """Turn a computed value into JSON-ready data: dates to ISO, enums and periods to text.

    Results become their ``to_dict()``; mappings, tuples and lists are converted item by item
    (sets become sorted lists); anything else prints as its text.

    Examples:
        >>> from datetime import date
        >>> jsonable({"due": date(2017, 10, 7), "items": ("a", 1, None)})
        {'due': '2017-10-07', 'items': ['a', 1, None]}
    """
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


def _result_fields(cls: type[Any]) -> dict[str, Any]:
    """The keys of ``cls.to_dict()`` and the type each value is serialised from.

    The public attrs fields; a private field ``_x`` shown by a public property ``x`` under the
    property's return type; the ``computed`` properties named to
    [`pydantic_support`][citizenrights.results.pydantic_support]; less its ``exclude``
    names, with its ``overrides`` applied.
    """
    options: _Options = cls.__result_options__
    attrs.resolve_types(cls)
    hints = typing.get_type_hints(cls, include_extras=True)
    fields: dict[str, Any] = {}
    for field in attrs.fields(cls):
        name = field.name
        if name.startswith("_"):
            shown = getattr(cls, name[1:], None)
            if not isinstance(shown, property):
                continue
            name = name[1:]
            fields[name] = _returns(shown)
        else:
            fields[name] = hints[name]
    for name in options.computed:
        # attrs turns a cached_property of a slotted class into a slot and keeps its annotation.
        fields[name] = hints[name] if name in hints else _returns(getattr(cls, name))
    for name in options.exclude:
        fields.pop(name)
    fields.update(options.overrides)
    return fields


def _returns(member: property) -> Any:
    return typing.get_type_hints(member.fget, include_extras=True)["return"]


@attrs.frozen
class _Options:
    computed: tuple[str, ...]
    exclude: tuple[str, ...]
    overrides: Mapping[str, Any]


def pydantic_support(
    *,
    computed: tuple[str, ...] = (),
    exclude: tuple[str, ...] = (),
    overrides: Mapping[str, Any] | None = None,
) -> Callable[[T], T]:
    """Class decorator adding pydantic hooks and a derived JSON Schema to an attrs result class.

    Args:
        computed: properties that ``to_dict()`` adds to the fields (their return annotations give
            their schemas).
        exclude: fields that ``to_dict()`` leaves out.
        overrides: the type to describe a key by when ``to_dict()`` reshapes the field (a
            ``TypedDict`` for a dict built by hand).

    Returns:
        The decorator; it returns the class itself, with the hooks set.

    Examples:
        >>> import attrs
        >>> from pydantic import TypeAdapter
        >>> @pydantic_support()
        ... @attrs.frozen
        ... class Tally:
        ...     '''A count.
        ...
        ...     Attributes:
        ...         n: how many.
        ...     '''
        ...
        ...     n: int
        ...
        ...     def to_dict(self) -> dict[str, int]:
        ...         return {"n": self.n}
        >>> TypeAdapter(Tally).dump_python(Tally(3), mode="json")
        {'n': 3}
        >>> TypeAdapter(Tally).json_schema()["properties"]
        {'n': {'description': 'how many.', 'title': 'N', 'type': 'integer'}}
    """

    def decorate(cls: T) -> T:
        cls.__result_options__ = _Options(computed, exclude, dict(overrides or {}))
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

        def core(handler: GetCoreSchemaHandler) -> CoreSchema:
            # The shape of to_dict(): what the JSON Schema shows in both modes.
            fields = _result_fields(cls)
            for kind in fields.values():
                _adopt(kind)
            shape = core_schema.typed_dict_schema(
                {
                    name: core_schema.typed_dict_field(handler.generate_schema(kind))
                    for name, kind in fields.items()
                },
                extra_behavior="forbid",
            )
            # Validation takes an instance, or (with from_dict) its to_dict() data. In JSON the
            # shape is wrapped but never called: it is there for the JSON Schema of both modes.
            python = core_schema.no_info_plain_validator_function(validate)
            return core_schema.json_or_python_schema(
                json_schema=core_schema.no_info_wrap_validator_function(
                    lambda value, _: validate(value), shape
                ),
                python_schema=python,
                serialization=core_schema.plain_serializer_function_ser_schema(
                    lambda v: v.to_dict()
                ),
                # The ref makes the class one named definition: a component in OpenAPI.
                ref=f"{cls.__module__}.{cls.__qualname__}",
            )

        def schema(core_: CoreSchema, handler: GetJsonSchemaHandler) -> JsonSchemaValue:
            json_schema = handler(core_)
            target = handler.resolve_ref_schema(json_schema)
            summary, docs = _docs(cls)
            target["title"] = cls.__name__
            target["description"] = summary
            for name, prop in target.get("properties", {}).items():
                if name in docs:
                    prop.setdefault("description", docs[name])
            return json_schema

        cls.__get_pydantic_core_schema__ = classmethod(lambda c, s, h: core(h))
        cls.__get_pydantic_json_schema__ = classmethod(lambda c, s, h: schema(s, h))
        return cls

    return decorate


def _adopt(kind: Any) -> None:
    """Give a nested attrs class with ``to_dict()`` that lacks the hooks the default ones."""
    if isinstance(kind, type) and attrs.has(kind) and hasattr(kind, "to_dict"):
        if "__result_options__" not in vars(kind):
            pydantic_support()(kind)
        return
    for arg in typing.get_args(kind):
        _adopt(arg)


_ATTRIBUTE = re.compile(r"^(\w+): (.*)$")


def _docs(cls: type[Any]) -> tuple[str, dict[str, str]]:
    """The docstring's first paragraph and its ``Attributes:`` lines by name, one line each."""
    doc = inspect.cleandoc(cls.__doc__ or cls.__name__)
    summary = " ".join(doc.split("\n\n", 1)[0].split())
    docs: dict[str, str] = {}
    _, found, section = doc.partition("Attributes:\n")
    if found:
        name = None
        for line in section.splitlines():
            if not line.startswith(" "):
                break
            match = (
                _ATTRIBUTE.match(line.strip())
                if line.startswith("    ") and not line.startswith("     ")
                else None
            )
            if match:
                name = match[1]
                docs[name] = match[2]
            elif name is not None:
                docs[name] += " " + line.strip()
    return summary, docs
