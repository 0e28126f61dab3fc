"""Checklists: sections of items that an inspection answers.

A checklist is identified by ``id`` and ``version`` (both text). Its ``fingerprint`` is the sha256 of
its canonical JSON, stamped on every score made with it, so a score can always be traced to the
exact checklist that produced it.

Examples:
    >>> cl = Checklist.model_validate({
    ...     "id": "demo", "version": "1", "title": "نمونه",
    ...     "sections": [{"code": "S1", "title": "کرامت", "items": [
    ...         {"code": "S1.1", "text": "رفتار محترمانه", "critical": True},
    ...         {"code": "S1.2", "text": "نشانی اتاق‌ها", "scale": "binary"},
    ...         {"code": "S1.3", "text": "سطح آموزش", "scale": 5}]}]})
    >>> [(i.code, i.levels, i.critical) for i in cl.items()]
    [('S1.1', 3, True), ('S1.2', 2, False), ('S1.3', 5, False)]
    >>> len(cl.fingerprint)
    64
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Iterator, Mapping
from functools import cached_property
from typing import Annotated, Any, Self

from pydantic import Field, field_validator, model_validator
from pydantic_core import PydanticCustomError

from citizenrights.calendar import FlexibleDate
from citizenrights.models._base import (
    NUMBER,
    Flag,
    Id,
    NonEmpty,
    Record,
    Text,
    UnionError,
    ValueEnum,
    Weight,
)

__all__ = ["Checklist", "ChecklistItem", "ChecklistSection", "Scale"]


class Scale(ValueEnum):
    """The named answer scales of an item; an int number of levels (≥ 2) is the third kind."""

    BINARY = "binary"
    TERNARY = "ternary"


class ChecklistItem(Record):
    """One observable check.

    ``scale`` is ``binary`` (compliant / non-compliant), ``ternary`` (also partial; the default) or
    an int number of levels, answered ``0 .. levels-1``.
    """

    code: Id
    text: Text
    weight: Weight = 1.0
    scale: Annotated[
        Scale | Annotated[int, Field(ge=2, le=100, strict=True), NUMBER],
        UnionError(
            "scale_invalid",
            "Expected a scale: {expected}",
            "'binary', 'ternary' or an integer number of levels from 2 to 100",
        ),
    ] = Scale.TERNARY
    critical: Flag = False
    allow_na: Flag = True
    reference: str | None = None
    text_en: str | None = None

    @property
    def levels(self) -> int:
        """The number of answer levels: 2 for binary, 3 for ternary, else ``scale``."""
        if self.scale is Scale.BINARY:
            return 2
        if self.scale is Scale.TERNARY:
            return 3
        return int(self.scale)


class ChecklistSection(Record):
    """A group of items, weighted within the checklist."""

    code: Id
    title: Text
    weight: Weight = 1.0
    items: Annotated[
        tuple[ChecklistItem, ...],
        NonEmpty("section_no_items", "A checklist section needs at least one item; got none"),
    ]
    title_en: str | None = None


class Checklist(Record):
    """A unified checklist (چک‌لیست واحد): versioned sections of items."""

    id: Id
    version: Id
    title: Text
    effective_from: FlexibleDate | None = None
    sections: Annotated[
        tuple[ChecklistSection, ...],
        NonEmpty("checklist_no_sections", "A checklist needs at least one section; got none"),
    ]
    title_en: str | None = None

    @field_validator("version", mode="before")
    @classmethod
    def _version_text(cls, value: Any) -> Any:
        # A version is text ("1", "1.2"); a bare JSON number would lose "1.10" vs "1.1".
        if isinstance(value, bool) or not isinstance(value, str):
            raise PydanticCustomError(
                "checklist_version_type",
                'A checklist version is text such as "1" or "1.2"; got {value}',
                {"value": value},
            )
        return value

    @model_validator(mode="after")
    def _unique_codes(self) -> Checklist:
        item_codes = [i.code for i in self.items()]
        dup_items = (
            sorted({c for c in item_codes if item_codes.count(c) > 1})
            if len(set(item_codes)) != len(item_codes)
            else []
        )
        section_codes = [s.code for s in self.sections]
        dup_sections = sorted({c for c in section_codes if section_codes.count(c) > 1})
        if dup_items or dup_sections:
            raise PydanticCustomError(
                "checklist_duplicate_code",
                "Checklist codes must be unique: duplicate item codes {items}, "
                "duplicate section codes {sections}",
                {"items": dup_items, "sections": dup_sections},
            )
        return self

    def items(self) -> Iterator[ChecklistItem]:
        """Every item, section by section, in checklist order."""
        for section in self.sections:
            yield from section.items

    def item(self, code: str) -> ChecklistItem:
        """The item with a code.

        Raises:
            KeyError: for a code the checklist lacks.
        """
        found = self._by_code.get(code)
        if found is None:
            raise KeyError(f"checklist {self.id!r} v{self.version} has no item {code!r}")
        return found

    def model_copy(self, *, update: Mapping[str, Any] | None = None, deep: bool = False) -> Self:
        """A copy, as pydantic makes it, whose fingerprint and item index are computed afresh.

        pydantic copies the instance ``__dict__``, where the cached properties live: without this
        a copy with ``update`` would keep the fingerprint of the checklist it was copied from.
        """
        copied = super().model_copy(update=update, deep=deep)
        for cached in ("fingerprint", "_by_code", "_accepts"):
            copied.__dict__.pop(cached, None)
        return copied

    @cached_property
    def _by_code(self) -> dict[str, ChecklistItem]:
        return {i.code: i for i in self.items()}

    @cached_property
    def _accepts(self) -> dict[str, frozenset[str | int]]:
        """Each item's accepted answers, by code: the named ones as text, or the levels as ints.

        ``not_applicable`` is in where the item allows it. ``Inspection.check_against`` reads it to
        clear a fitting inspection with one lookup per response.
        """
        named = {
            Scale.BINARY: ("compliant", "non_compliant"),
            Scale.TERNARY: ("compliant", "partial", "non_compliant"),
        }
        out: dict[str, frozenset[str | int]] = {}
        for item in self.items():
            accepted: list[str | int] = (
                list(named[item.scale])
                if isinstance(item.scale, Scale)
                else list(range(item.levels))
            )
            if item.allow_na:
                accepted.append("not_applicable")
            out[item.code] = frozenset(accepted)
        return out

    @cached_property
    def fingerprint(self) -> str:
        """Lowercase sha256 hex of the canonical JSON of the checklist (sorted keys, UTF-8)."""
        canonical = json.dumps(
            self.model_dump(mode="json"),
            sort_keys=True,
            separators=(",", ":"),
            ensure_ascii=False,
        )
        return hashlib.sha256(canonical.encode("utf-8")).hexdigest()

    @property
    def key(self) -> tuple[str, str]:
        """``(id, version)``, the key under which datasets hold checklists."""
        return (self.id, self.version)
