"""The agencies a follow-up measure looks at (private)."""

from __future__ import annotations

from collections.abc import Collection

from citizenrights.models.agencies import AgencyRegistry

#: A scope: an agency id (it and its descendants), a collection of agency ids, or ``None`` (all).
Scope = str | Collection[str] | None


def scope_ids(registry: AgencyRegistry, scope: Scope) -> tuple[str | None, set[str]]:
    """The scope's label (the root agency's id; ``None`` for all or a set) and its agency ids.

    Raises:
        UnknownAgencyError: for a root agency id the registry lacks.
    """
    if scope is None:
        return None, {a.id for a in registry}
    if isinstance(scope, str):
        return scope, {registry.get(scope).id} | {a.id for a in registry.descendants(scope)}
    return None, set(scope)
