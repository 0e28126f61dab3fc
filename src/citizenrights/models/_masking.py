"""Masked ``repr`` for records that hold personal data (private).

A record's ``repr`` (and ``str``) is what ends up in logs and tracebacks, so person ids and names
are masked there; ``model_dump`` still gives every character, for storage. Which fields are
personal is said once, in [`citizenrights.redaction.PERSONAL_FIELDS`][citizenrights.redaction.PERSONAL_FIELDS].
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from citizenrights.identifiers import mask_identifier

__all__ = ["mask_name", "masked_repr_args"]


def mask_name(name: str) -> str:
    """Mask a person's name for display: the first letter of each word, then ``*``.

    Examples:
        >>> mask_name("مریم احمدی")
        'م* ا*'
    """
    return " ".join(f"{word[0]}*" for word in name.split())


def masked_repr_args(
    args: Iterable[tuple[str | None, Any]],
    *,
    ids: Iterable[str] = (),
    names: Iterable[str] = (),
) -> list[tuple[str | None, Any]]:
    """The ``(field, value)`` pairs of a pydantic ``repr`` with person ids and names masked."""
    id_fields, name_fields = frozenset(ids), frozenset(names)
    out: list[tuple[str | None, Any]] = []
    for key, value in args:
        if isinstance(value, str) and key in id_fields:
            value = mask_identifier(value)
        elif isinstance(value, str) and key in name_fields:
            value = mask_name(value)
        out.append((key, value))
    return out
