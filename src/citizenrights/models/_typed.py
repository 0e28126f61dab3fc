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
"""

from __future__ import annotations

import threading
from typing import Any, Final, cast

from pydantic import BaseModel
from pydantic_core import CoreConfig, SchemaValidator

from citizenrights.models._base import without_cleaning

__all__ = ["dict_validator"]

_MODEL_FUNCTIONS: Final = frozenset(
    {"function-after", "function-before", "function-wrap", "function-plain"}
)


def dict_validator(
    model: type[BaseModel], rechecked: frozenset[type[BaseModel]] = frozenset()
) -> SchemaValidator:
    """The validator of ``model``'s fast schema with typed dicts for models (built once).

    Args:
        model: a complete record model.
        rechecked: the models whose model validators the caller runs itself on the dicts.

    Returns:
        A validator whose ``validate_json(data)`` returns a ``dict`` of the model's fields.

    Raises:
        TypeError: when a model of the schema has a model validator not in ``rechecked``.
    """
    key = (model, rechecked)
    found = _DICTS.get(key)
    if found is None:
        with _BUILDING:
            found = _DICTS.get(key)
            if found is None:
                dropped: set[type[Any]] = set()
                schema = _as_dicts(without_cleaning(model.__pydantic_core_schema__), dropped)
                unchecked = sorted(c.__qualname__ for c in dropped - rechecked)
                if unchecked:
                    raise TypeError(
                        f"model validators of {', '.join(unchecked)} would not run on dicts; "
                        "re-check them and name the models in rechecked"
                    )
                found = SchemaValidator(schema)
                _DICTS[key] = found
    return found


def _as_dicts(node: Any, dropped: set[type[Any]]) -> Any:
    if isinstance(node, list):
        return [_as_dicts(v, dropped) for v in node]
    if not isinstance(node, dict):
        return node
    kind = node.get("type")
    if kind in _MODEL_FUNCTIONS and _is_model(node.get("schema")):
        # A model validator: it takes an instance, not a dict; the caller re-checks it.
        dropped.add(node["schema"]["cls"])
        inner = _as_dicts(node["schema"], dropped)
        if "ref" in node:
            inner["ref"] = node["ref"]
        return inner
    if kind == "model":
        return _typed_dict(node, dropped)
    return {k: _as_dicts(v, dropped) for k, v in node.items()}


def _is_model(node: Any) -> bool:
    return isinstance(node, dict) and node.get("type") == "model"


def _typed_dict(node: dict[str, Any], dropped: set[type[Any]]) -> dict[str, Any]:
    """A model node as a typed-dict node over the same fields, config and reference."""
    inner = node["schema"]
    if inner.get("type") != "model-fields":  # pragma: no cover - a record is a plain model
        raise TypeError(f"{node['cls'].__qualname__}: expected model fields, got {inner['type']}")
    config = cast("CoreConfig", node.get("config") or {})
    fields = {name: _typed_field(field, dropped) for name, field in inner["fields"].items()}
    result: dict[str, Any] = {
        "type": "typed-dict",
        "fields": fields,
        "extra_behavior": inner.get("extra_behavior")
        or config.get("extra_fields_behavior", "ignore"),
        "total": True,
        "config": config,
    }
    if "ref" in node:
        result["ref"] = node["ref"]
    return result


def _typed_field(field: dict[str, Any], dropped: set[type[Any]]) -> dict[str, Any]:
    """A model field as a typed-dict field; a field with a default is left out when not given.

    Filling in defaults would cost a fifth of the validation of a response, for fields (a note,
    an evidence link) that the scoring never reads: a dict holds what the line gives.
    """
    schema = field["schema"]
    required = schema.get("type") != "default"
    if not required:
        schema = schema["schema"]
    return {
        "type": "typed-dict-field",
        "schema": _as_dicts(schema, dropped),
        "required": required,
        **{k: field[k] for k in ("validation_alias", "serialization_alias") if k in field},
    }


_DICTS: dict[tuple[type[BaseModel], frozenset[type[BaseModel]]], SchemaValidator] = {}
_BUILDING: Final = threading.Lock()
