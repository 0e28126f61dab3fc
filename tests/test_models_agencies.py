"""Agencies and the agency registry: a forest, checked all at once, with fast look-ups."""

from __future__ import annotations

import pytest
from hypothesis import given

from citizenrights import (
    Agency,
    AgencyKind,
    AgencyRegistry,
    Province,
    RegistryError,
    UnknownAgencyError,
)

from .strategies import agency_forests


def agency(agency_id: str, parent: str | None = None, **extra: object) -> Agency:
    return Agency.model_validate(
        {"id": agency_id, "name": f"دستگاه {agency_id}", "kind": "other", "parent_id": parent}
        | extra
    )


@pytest.fixture
def province() -> AgencyRegistry:
    """A provincial governorate with two county governorates and offices under them."""
    return AgencyRegistry(
        [
            agency("GOV", kind="provincial_governorate", province="Alborz"),
            agency("F-2", "GOV", kind="county_governorate", province="IR-30"),
            agency("F-1", "GOV", kind="county_governorate", province="البرز"),
            agency("O-12", "F-1", category="health", province="Alborz"),
            agency("O-11", "F-1", category="services"),
            agency("O-21", "F-2", category="services", province="Tehran"),
            agency("MIN", kind="ministry"),
        ]
    )


def test_navigation(province: AgencyRegistry) -> None:
    """children/descendants/ancestors/roots follow the parent links in the documented orders."""
    ids = lambda agencies: [a.id for a in agencies]  # noqa: E731
    assert ids(province.roots()) == ["GOV", "MIN"]
    assert ids(province.children("GOV")) == ["F-1", "F-2"]
    assert ids(province.children("O-11")) == []
    assert ids(province.descendants("GOV")) == ["F-1", "O-11", "O-12", "F-2", "O-21"]
    assert ids(province.descendants("F-2")) == ["O-21"]
    assert ids(province.descendants("MIN")) == []
    assert ids(province.ancestors("O-12")) == ["F-1", "GOV"]
    assert ids(province.ancestors("GOV")) == []


def test_indexes(province: AgencyRegistry) -> None:
    """in_province takes a Province or any text for it; by_category groups peers; id order."""
    ids = lambda agencies: [a.id for a in agencies]  # noqa: E731
    assert ids(province.in_province(Province.ALBORZ)) == ["F-1", "F-2", "GOV", "O-12"]
    assert ids(province.in_province("البرز")) == ["F-1", "F-2", "GOV", "O-12"]
    assert ids(province.in_province("Qom")) == []
    assert ids(province.by_category("services")) == ["O-11", "O-21"]
    assert ids(province.by_category("unknown")) == []
    assert province.categories() == ("health", "services")
    with pytest.raises(ValueError, match="province"):
        province.in_province("Atlantis")


def test_container_protocol(province: AgencyRegistry) -> None:
    """len, in, iteration in id order, get."""
    assert len(province) == 7
    assert "F-1" in province
    assert "X" not in province
    assert 3 not in province
    assert [a.id for a in province] == sorted(["GOV", "F-1", "F-2", "O-11", "O-12", "O-21", "MIN"])
    assert province.get("GOV").kind is AgencyKind.PROVINCIAL_GOVERNORATE
    assert repr(province) == "<AgencyRegistry of 7 agencies>"


@pytest.mark.parametrize("method", ["get", "children", "descendants", "ancestors"])
def test_unknown_id_is_unknown_agency_error(province: AgencyRegistry, method: str) -> None:
    """Asking about an id the registry lacks raises UnknownAgencyError (a LookupError)."""
    with pytest.raises(UnknownAgencyError) as caught:
        getattr(province, method)("NOPE")
    assert caught.value.agency_id == "NOPE"
    assert isinstance(caught.value, LookupError)
    assert "'NOPE'" in str(caught.value)


def test_registry_is_immutable(province: AgencyRegistry) -> None:
    """No attribute of a registry can be set or deleted."""
    with pytest.raises(AttributeError):
        province._by_id = {}  # type: ignore[misc]
    with pytest.raises(AttributeError):
        province.extra = 1  # type: ignore[attr-defined]
    with pytest.raises(AttributeError):
        del province._order


def test_duplicate_ids() -> None:
    """Duplicate ids are a RegistryError naming each duplicated id."""
    with pytest.raises(RegistryError) as caught:
        AgencyRegistry([agency("A"), agency("A"), agency("B"), agency("B"), agency("C")])
    assert caught.value.ids == ("A", "B")
    assert "duplicate id 'A'" in str(caught.value)


def test_unknown_parents() -> None:
    """Each agency with an unknown parent is named, with the parent it names."""
    with pytest.raises(RegistryError) as caught:
        AgencyRegistry([agency("A", "X"), agency("B", "Y"), agency("C", "A")])
    assert caught.value.ids == ("A", "B")
    assert "agency 'A' has unknown parent 'X'" in str(caught.value)
    assert "agency 'B' has unknown parent 'Y'" in str(caught.value)


def test_cycles() -> None:
    """Every cycle is reported with all its ids, self-parents included."""
    with pytest.raises(RegistryError) as caught:
        AgencyRegistry(
            [
                agency("C", "D"),
                agency("D", "E"),
                agency("E", "C"),
                agency("S", "S"),
                agency("U", "C"),
            ]
        )
    assert set(caught.value.ids) == {"C", "D", "E", "S"}
    message = str(caught.value)
    assert "cycle 'C' -> 'D' -> 'E' -> 'C'" in message
    assert "cycle 'S' -> 'S'" in message


def test_all_problems_reported_at_once() -> None:
    """A registry with every kind of problem reports them all in one error."""
    with pytest.raises(RegistryError) as caught:
        AgencyRegistry(
            [agency("A"), agency("A"), agency("B", "GHOST"), agency("C", "D"), agency("D", "C")]
        )
    assert set(caught.value.ids) == {"A", "B", "C", "D"}
    assert "3 problem(s)" in str(caught.value)  # a duplicate, an orphan, a cycle
    assert isinstance(caught.value, ValueError)


@given(agency_forests())
def test_any_forest_is_accepted_and_consistent(agencies: list[Agency]) -> None:
    """For any valid forest: descendants agree with ancestors, and children with parent_id."""
    registry = AgencyRegistry(agencies)
    assert len(registry) == len(agencies)
    for a in agencies:
        for d in registry.descendants(a.id):
            assert a in registry.ancestors(d.id)
        assert all(c.parent_id == a.id for c in registry.children(a.id))
        chain = registry.ancestors(a.id)
        assert (chain[0].id if chain else None) == a.parent_id
    assert sum(len(registry.descendants(r.id)) + 1 for r in registry.roots()) == len(agencies)


def test_large_registry_builds_and_answers() -> None:
    """A registry of 10^5 agencies in a deep, wide tree builds, and answers look-ups."""
    n = 100_000
    agencies = [
        Agency.model_construct(
            id=f"N{i:06d}",
            name="اداره",
            kind=AgencyKind.OTHER,
            parent_id=f"N{(i - 1) // 4:06d}" if i else None,
            province=Province.TEHRAN if i % 2 else None,
            category=f"g{i % 5}",
        )
        for i in range(n)
    ]
    registry = AgencyRegistry(reversed(agencies))
    assert len(registry) == n
    assert len(registry.descendants("N000000")) == n - 1
    assert len(registry.in_province(Province.TEHRAN)) == n // 2
    assert len(registry.by_category("g0")) == n // 5
    assert registry.ancestors(f"N{n - 1:06d}")[-1].id == "N000000"


def test_name_key_normalises_but_name_is_kept() -> None:
    """`name` is kept as typed; `name_key` folds Arabic letters, digits and spacing."""
    a = Agency(id="A", name="اداره كل  ثبت ۲", kind="other")
    assert a.name == "اداره كل  ثبت ۲"
    assert a.name_key == "اداره کل ثبت 2"
    assert a == Agency(id="A", name="اداره كل  ثبت ۲", kind="other")  # the cache is not a field
