"""Whose report it is: the nation, a province, or an agency and everything under it.

[`resolve_scope`][citizenrights.evaluation.scope.resolve_scope] turns a scope's name into a
[`ReportScope`][citizenrights.evaluation.scope.ReportScope]: the agencies it covers.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any, Literal

import attrs

from citizenrights.errors import UnknownAgencyError
from citizenrights.models.agencies import AgencyRegistry
from citizenrights.models.provinces import Province
from citizenrights.results import pydantic_support

if TYPE_CHECKING:
    pass


__all__ = ["ReportScope", "resolve_scope"]

ScopeKind = Literal["national", "province", "agency"]


@pydantic_support()
@attrs.frozen
class ReportScope:
    """Whose report it is.

    Attributes:
        kind: ``national``, ``province`` or ``agency`` (an agency and everything under it).
        code: the province's ISO code or the agency id; ``None`` for the nation.
        name_fa: the Persian name of the scope.
        name_en: the English name of the scope.
        agencies: the ids of the agencies in scope, sorted.
    """

    kind: ScopeKind
    code: str | None
    name_fa: str
    name_en: str
    agencies: tuple[str, ...]

    def to_dict(self) -> dict[str, Any]:
        """JSON-ready data with stable keys."""
        return {
            "kind": self.kind,
            "code": self.code,
            "name_fa": self.name_fa,
            "name_en": self.name_en,
            "agencies": list(self.agencies),
        }


def resolve_scope(registry: AgencyRegistry, scope: Province | str | None) -> ReportScope:
    """Turn ``scope`` into the agencies it covers.

    Args:
        registry: the agencies.
        scope: ``None`` for the nation; a [`Province`][citizenrights.models.provinces.Province]
            or text naming one (``IR-10``, ``Isfahan``, ``اصفهان``); or the id of an agency (a
            county governorate, a ministry), which covers the agency and its descendants.

    Returns:
        The scope.

    Raises:
        UnknownAgencyError: for text that is neither an agency id nor a province.
    """
    if scope is None:
        ids = tuple(sorted(a.id for a in registry))
        return ReportScope("national", None, "کشور", "Nation", ids)
    if not isinstance(scope, Province) and scope in registry:
        agency = registry.get(scope)
        ids = tuple(sorted([agency.id, *(a.id for a in registry.descendants(agency.id))]))
        return ReportScope("agency", agency.id, agency.name, agency.name_en or agency.id, ids)
    try:
        province = scope if isinstance(scope, Province) else Province.parse(scope)
    except ValueError:
        raise UnknownAgencyError(str(scope), known=len(registry)) from None
    ids = tuple(sorted(a.id for a in registry.in_province(province)))
    return ReportScope(
        "province", province.code, f"استان {province.name_fa}", province.name_en, ids
    )
