"""A record's schema as typed dicts (private): validation without building nested models.

Building a model per nested record is most of what validating a JSON line costs: an inspection
holds some forty responses. `dict_validator` compiles a copy of a record model's fast schema
(`without_cleaning`'s) in which every model node is a typed-dict node over the very same field
schemas: what a ``TypeAdapter`` over ``TypedDict`` copies of the models would compile to, derived
from the model, so that no hand-kept copy can drift. Where it accepts a line, each dict holds what
the model's fields hold (same values, same types), nested records as dicts; a field with a
default is in a dict only when the line gives it.

Model validators (``@model_validator``) need an instance and are dropped: the caller re-checks
them on the dicts, and names the models it re-checks (a model with a validator nobody re-checks
is refused, so a new validator cannot be skipped unnoticed).

A caller that checks some fields itself can name them ``plain``: such a field holds the JSON
value as the line gives it (text, or a whole number where the field takes one), unchecked and
unchanged (no trimming, no constraint, no enum member). Whatever the field would refuse or change,
the caller must refuse: the scoring does, by looking each item code and answer up in the
checklist, whose codes and answers the field keeps as they are.

A caller may also have unknown keys ignored instead of refused (``ignore_extra``): pydantic-core
then never walks an object's keys, about a fifth of the validation of an inspection line, and
the caller checks itself that the line has no unknown (or repeated) key, as
``Inspection._counted_scoring_dict`` does by counting.
"""

from __future__ import annotations

import threading
from typing import Any, Final, cast

from pydantic import BaseModel
from pydantic_core import CoreConfig, CoreSchema, SchemaValidator

from citizenrights.models._base import without_cleaning

__all__ = ["dict_validator"]

_MODEL_FUNCTIONS: Final = frozenset(
    {"function-after", "function-before", "function-wrap", "function-plain"}
)


#: A field of a model, as ``(model, field name)``.
FieldKey = tuple[type[BaseModel], str]


def dict_validator(
    model: type[BaseModel],
    rechecked: frozenset[type[BaseModel]] = frozenset(),
    plain: frozenset[FieldKey] = frozenset(),
    *,
    ignore_extra: bool = False,
) -> SchemaValidator:
    """The validator of ``model``'s fast schema with typed dicts for models (built once).

    Args:
        model: a complete record model.
        rechecked: the models whose model validators the caller runs itself on the dicts.
        plain: the fields the caller checks itself, kept as the JSON gives them (see above).
        ignore_extra: every typed dict ignores unknown keys, which the caller checks itself.

    Returns:
        A validator whose ``validate_json(data)`` returns a ``dict`` of the model's fields.

    Raises:
        TypeError: when a model of the schema has a model validator not in ``rechecked``, or a
            ``plain`` field is not a field of a model of the schema, or holds more than text and
            whole numbers.
    """
    key = (model, rechecked, plain, ignore_extra)
    found = _DICTS.get(key)
    if found is None:
        with _BUILDING:
            found = _DICTS.get(key)
            if found is None:
                found = SchemaValidator(_dict_schema(model, rechecked, plain, ignore_extra))
                _DICTS[key] = found
    return found


def _dict_schema(
    model: type[BaseModel],
    rechecked: frozenset[type[BaseModel]],
    plain: frozenset[FieldKey],
    ignore_extra: bool = False,
) -> CoreSchema:
    walk = _Walk(plain, ignore_extra)
    schema = walk.node(without_cleaning(model.__pydantic_core_schema__))
    unchecked = sorted(c.__qualname__ for c in walk.dropped - rechecked)
    if unchecked:
        raise TypeError(
            f"model validators of {', '.join(unchecked)} would not run on dicts; "
            "re-check them and name the models in rechecked"
        )
    missing = sorted(f"{m.__qualname__}.{name}" for m, name in plain - walk.made_plain)
    if missing:
        raise TypeError(f"plain fields not in {model.__qualname__}'s schema: {', '.join(missing)}")
    return cast("CoreSchema", schema)


class _Walk:
    """One walk over a model's schema, turning models into typed dicts."""

    def __init__(self, plain: frozenset[FieldKey], ignore_extra: bool) -> None:
        self.plain = plain
        self.ignore_extra = ignore_extra
        self.dropped: set[type[Any]] = set()  # the models whose validators were dropped
        self.made_plain: set[FieldKey] = set()

    def node(self, node: Any) -> Any:
        if isinstance(node, list):
            return [self.node(v) for v in node]
        if not isinstance(node, dict):
            return node
        kind = node.get("type")
        if kind in _MODEL_FUNCTIONS and _is_model(node.get("schema")):
            # A model validator: it takes an instance, not a dict; the caller re-checks it.
            self.dropped.add(node["schema"]["cls"])
            inner = self.node(node["schema"])
            if "ref" in node:
                inner["ref"] = node["ref"]
            return inner
        if kind == "model":
            return self.typed_dict(node)
        return {k: self.node(v) for k, v in node.items()}

    def typed_dict(self, node: dict[str, Any]) -> dict[str, Any]:
        """A model node as a typed-dict node over the same fields, config and reference."""
        inner = node["schema"]
        cls = node["cls"]
        if inner.get("type") != "model-fields":  # pragma: no cover - a record is a plain model
            raise TypeError(f"{cls.__qualname__}: expected model fields, got {inner['type']}")
        config = cast("CoreConfig", node.get("config") or {})
        fields = {}
        for name, field in inner["fields"].items():
            fields[name] = self.field(field, (cls, name) in self.plain)
            if (cls, name) in self.plain:
                self.made_plain.add((cls, name))
        extra = inner.get("extra_behavior") or config.get("extra_fields_behavior", "ignore")
        if self.ignore_extra:
            extra = "ignore"
            config = cast("CoreConfig", {**config, "extra_fields_behavior": "ignore"})
        result: dict[str, Any] = {
            "type": "typed-dict",
            "fields": fields,
            "extra_behavior": extra,
            "total": True,
            "config": config,
        }
        if "ref" in node:
            result["ref"] = node["ref"]
        return result

    def field(self, field: dict[str, Any], plain: bool) -> dict[str, Any]:
        """A model field as a typed-dict field; a field with a default is left out when not given.

        Filling in defaults would cost a fifth of the validation of a response, for fields (a
        note, an evidence link) that the scoring never reads: a dict holds what the line gives.
        """
        schema = field["schema"]
        required = schema.get("type") != "default"
        if not required:
            schema = schema["schema"]
        return {
            "type": "typed-dict-field",
            "schema": _plain(schema) if plain else self.node(schema),
            "required": required,
            **{k: field[k] for k in ("validation_alias", "serialization_alias") if k in field},
        }


def _is_model(node: Any) -> bool:
    return isinstance(node, dict) and node.get("type") == "model"


# The JSON value of a plain field: strict (a JSON string, or a JSON integer; never a float, a
# bool or null), untrimmed whatever the model's config says.
_PLAIN: Final[dict[str, dict[str, Any]]] = {
    "str": {"type": "str", "strict": True, "strip_whitespace": False},
    "int": {"type": "int", "strict": True},
}


def _plain(schema: dict[str, Any]) -> dict[str, Any]:
    """The schema of a plain field: the JSON kinds (text, whole number) the field reads."""
    kinds = sorted(_kinds(schema), key=list(_PLAIN).index)
    if len(kinds) == 1:
        return dict(_PLAIN[kinds[0]])
    return {"type": "union", "choices": [dict(_PLAIN[k]) for k in kinds], "mode": "left_to_right"}


def _kinds(schema: dict[str, Any]) -> set[str]:
    kind = schema.get("type")
    if kind == "union":
        return set().union(
            *(_kinds(c[0] if isinstance(c, tuple) else c) for c in schema["choices"])
        )
    if kind == "enum" and schema.get("sub_type") == "str":
        return {"str"}
    if kind in _PLAIN:
        return {kind}
    raise TypeError(f"a plain field holds text or whole numbers; got a {kind} schema")


_DICTS: dict[
    tuple[type[BaseModel], frozenset[type[BaseModel]], frozenset[FieldKey], bool], SchemaValidator
] = {}
_BUILDING: Final = threading.Lock()
