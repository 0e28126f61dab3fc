"""Agencies (دستگاه‌های اجرایی) and the registry that holds them as a forest.

Examples:
    >>> reg = AgencyRegistry([
    ...     Agency(id="GOV", name="استانداری البرز", kind="provincial_governorate",
    ...            province="Alborz"),
    ...     Agency(id="F-1", name="فرمانداری کرج", kind="county_governorate", parent_id="GOV"),
    ...     Agency(id="O-1", name="اداره کل ثبت", kind="provincial_office", parent_id="GOV",
    ...            province="IR-30", category="services"),
    ... ])
    >>> [a.id for a in reg.children("GOV")], [a.id for a in reg.ancestors("F-1")]
    (['F-1', 'O-1'], ['GOV'])
    >>> reg.get("O-1").province.name_en, len(reg), "X" in reg
    ('Alborz', 3, False)
"""

from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Iterable, Iterator
from functools import cached_property
from typing import NoReturn

from citizenrights.errors import RegistryError, UnknownAgencyError
from citizenrights.identifiers import LegalEntityId
from citizenrights.models._base import Count, Id, Label, Name, Record, ValueEnum
from citizenrights.models.provinces import Province
from citizenrights.text import normalize_persian

__all__ = ["Agency", "AgencyKind", "AgencyRegistry", "PeerGroup"]


class AgencyKind(ValueEnum):
    """The place of an agency in the administrative system."""

    MINISTRY = "ministry"  # وزارتخانه
    NATIONAL_ORGANIZATION = "national_organization"  # سازمان ملی
    PROVINCIAL_GOVERNORATE = "provincial_governorate"  # استانداری
    COUNTY_GOVERNORATE = "county_governorate"  # فرمانداری
    PROVINCIAL_OFFICE = "provincial_office"  # اداره کل استانی
    COUNTY_OFFICE = "county_office"  # اداره شهرستان
    OTHER = "other"


class Agency(Record):
    """An executive agency (دستگاه اجرایی).

    ``category`` is the peer group that rankings compare within; ``parent_id`` places the agency
    under another one (a county governorate under its provincial governorate, an office under its
    ministry or governorate). ``name`` is kept as given; [`name_key`][citizenrights.models.agencies.Agency.name_key] is the matching key.

    ``festival_group`` and ``festival_level`` place the agency in the Shahid Rajaei Festival: a
    group code and a level (``national``, ``provincial``) of the
    [`FestivalPolicy`][citizenrights.scoring.festival_policy.FestivalPolicy], checked against it when
    the festival indicator is computed; without a level, an agency with a province is
    ``provincial`` and one without ``national``.
    """

    id: Id
    name: Name
    kind: AgencyKind
    name_en: Label | None = None
    parent_id: Id | None = None
    province: Province | None = None
    county: Label | None = None
    category: Label | None = None
    staff: Count | None = None
    legal_id: LegalEntityId | None = None
    festival_group: Label | None = None
    festival_level: Label | None = None

    @cached_property
    def name_key(self) -> str:
        """The name normalised for matching: Arabic ي/ك, digits and spacing folded.

        Examples:
            >>> Agency(id="A", name="اداره كل  ثبت", kind="other").name_key
            'اداره کل ثبت'
        """
        return normalize_persian(self.name)


class PeerGroup(Record):
    """A peer group: the agencies a ranking compares with each other (an agency's ``category``).

    A dataset's ``peer_groups.json`` names its groups; an agency's ``category`` is then checked
    against it, and every report and export names a group as the data names it (Persian
    ``name``, English ``name_en``). Without the file, categories are not checked and reports name
    the groups of the reference data (``vocabulary.PEER_GROUPS``) or show the code.

    Examples:
        >>> PeerGroup(code="economic", name="دستگاه‌های اقتصادی", name_en="Economic agencies").code
        'economic'
    """

    code: Label
    name: Name
    name_en: Label | None = None


class AgencyRegistry:
    """An immutable forest of agencies, with indexes for the questions reports ask.

    The registry checks, all at once, that ids are unique, that every ``parent_id`` is an agency of
    the registry and that no agency is its own ancestor, and raises one [`RegistryError`][citizenrights.errors.RegistryError]
    naming every id involved. Look-ups are dictionary reads; [`descendants`][citizenrights.models.agencies.AgencyRegistry.descendants] is a slice of a
    precomputed depth-first order, so a registry of 10⁵ agencies answers in time proportional to
    the answer.

    Iteration, [`children`][citizenrights.models.agencies.AgencyRegistry.children], [`in_province`][citizenrights.models.agencies.AgencyRegistry.in_province] and [`by_category`][citizenrights.models.agencies.AgencyRegistry.by_category] are in id order;
    [`descendants`][citizenrights.models.agencies.AgencyRegistry.descendants] is depth-first (children in id order); [`ancestors`][citizenrights.models.agencies.AgencyRegistry.ancestors] goes from the
    parent up to the root.

    Args:
        agencies: the agencies, in any order.

    Raises:
        RegistryError: for duplicate ids, unknown parents or cycles; ``ids`` holds every id
            involved.
    """

    __slots__ = (
        "_by_category",
        "_by_id",
        "_by_province",
        "_children",
        "_order",
        "_position",
        "_preorder",
        "_subtree_end",
    )

    _by_id: dict[str, Agency]
    _order: tuple[str, ...]
    _children: dict[str, tuple[str, ...]]
    _preorder: tuple[str, ...]
    _position: dict[str, int]
    _subtree_end: dict[str, int]
    _by_province: dict[Province, tuple[str, ...]]
    _by_category: dict[str, tuple[str, ...]]

    def __init__(self, agencies: Iterable[Agency]) -> None:
        records = list(agencies)
        by_id: dict[str, Agency] = {}
        for agency in records:
            by_id.setdefault(agency.id, agency)
        _check_forest(records, by_id)

        order = tuple(sorted(by_id))
        children: defaultdict[str, list[str]] = defaultdict(list)
        by_province: defaultdict[Province, list[str]] = defaultdict(list)
        by_category: defaultdict[str, list[str]] = defaultdict(list)
        for agency_id in order:  # id order, so every list below comes out sorted
            agency = by_id[agency_id]
            if agency.parent_id is not None:
                children[agency.parent_id].append(agency_id)
            if agency.province is not None:
                by_province[agency.province].append(agency_id)
            if agency.category is not None:
                by_category[agency.category].append(agency_id)
        frozen_children = {k: tuple(v) for k, v in children.items()}

        # Depth-first order with each subtree's end: descendants(x) is preorder[pos+1 : end].
        preorder: list[str] = []
        position: dict[str, int] = {}
        subtree_end: dict[str, int] = {}
        for root in (i for i in order if by_id[i].parent_id is None):
            stack: list[tuple[str, bool]] = [(root, False)]
            while stack:
                node, done = stack.pop()
                if done:
                    subtree_end[node] = len(preorder)
                    continue
                position[node] = len(preorder)
                preorder.append(node)
                stack.append((node, True))
                stack.extend((c, False) for c in reversed(frozen_children.get(node, ())))

        setattr_ = object.__setattr__
        setattr_(self, "_by_id", by_id)
        setattr_(self, "_order", order)
        setattr_(self, "_children", frozen_children)
        setattr_(self, "_preorder", tuple(preorder))
        setattr_(self, "_position", position)
        setattr_(self, "_subtree_end", subtree_end)
        setattr_(self, "_by_province", {k: tuple(v) for k, v in by_province.items()})
        setattr_(self, "_by_category", {k: tuple(v) for k, v in by_category.items()})

    def __setattr__(self, name: str, value: object) -> NoReturn:
        raise AttributeError(f"AgencyRegistry is immutable; cannot set {name!r}")

    def __delattr__(self, name: str) -> NoReturn:
        raise AttributeError(f"AgencyRegistry is immutable; cannot delete {name!r}")

    def __reduce__(self) -> tuple[type[AgencyRegistry], tuple[tuple[Agency, ...]]]:
        # Pickle rebuilds the registry from its agencies (re-checked), so it can go to workers.
        return (AgencyRegistry, (tuple(self),))

    def __repr__(self) -> str:
        return f"<AgencyRegistry of {len(self._order)} agencies>"

    def __len__(self) -> int:
        return len(self._order)

    def __contains__(self, agency_id: object) -> bool:
        return agency_id in self._by_id

    def __iter__(self) -> Iterator[Agency]:
        """The agencies in id order."""
        by_id = self._by_id
        return (by_id[i] for i in self._order)

    def get(self, agency_id: str) -> Agency:
        """The agency with an id.

        Raises:
            UnknownAgencyError: for an id the registry does not hold.
        """
        try:
            return self._by_id[agency_id]
        except KeyError:
            raise UnknownAgencyError(agency_id, known=len(self._order)) from None

    def _agencies(self, ids: Iterable[str]) -> tuple[Agency, ...]:
        by_id = self._by_id
        return tuple(by_id[i] for i in ids)

    def roots(self) -> tuple[Agency, ...]:
        """The agencies without a parent, in id order."""
        return self._agencies(i for i in self._order if self._by_id[i].parent_id is None)

    def children(self, agency_id: str) -> tuple[Agency, ...]:
        """The agencies directly under an agency, in id order.

        Raises:
            UnknownAgencyError: for an id the registry does not hold.
        """
        self.get(agency_id)
        return self._agencies(self._children.get(agency_id, ()))

    def descendants(self, agency_id: str) -> tuple[Agency, ...]:
        """Every agency under an agency (not the agency itself), depth first.

        Raises:
            UnknownAgencyError: for an id the registry does not hold.
        """
        self.get(agency_id)
        start = self._position[agency_id] + 1
        return self._agencies(self._preorder[start : self._subtree_end[agency_id]])

    def ancestors(self, agency_id: str) -> tuple[Agency, ...]:
        """The agency's parent, its parent's parent, and so on up to the root.

        Raises:
            UnknownAgencyError: for an id the registry does not hold.
        """
        out: list[Agency] = []
        parent_id = self.get(agency_id).parent_id
        while parent_id is not None:
            parent = self._by_id[parent_id]
            out.append(parent)
            parent_id = parent.parent_id
        return tuple(out)

    def in_province(self, province: Province | str) -> tuple[Agency, ...]:
        """The agencies whose ``province`` is the given one, in id order.

        Args:
            province: a [`Province`][citizenrights.models.provinces.Province] or any text [`Province.parse`][citizenrights.models.provinces.Province.parse] reads.

        Raises:
            ValueError: for text that is not a province.
        """
        key = province if isinstance(province, Province) else Province.parse(province)
        return self._agencies(self._by_province.get(key, ()))

    def by_category(self, category: str) -> tuple[Agency, ...]:
        """The agencies of a peer group (``category``), in id order; empty for an unknown one."""
        return self._agencies(self._by_category.get(category, ()))

    def categories(self) -> tuple[str, ...]:
        """The peer groups used by the registry's agencies, sorted."""
        return tuple(sorted(self._by_category))


def _check_forest(records: list[Agency], by_id: dict[str, Agency]) -> None:
    """Raise one RegistryError naming every duplicate id, unknown parent and cycle."""
    problems: list[str] = []
    involved: list[str] = []

    counts = Counter(a.id for a in records)
    duplicates = sorted(i for i, n in counts.items() if n > 1)
    for agency_id in duplicates:
        problems.append(f"duplicate id {agency_id!r} ({counts[agency_id]} agencies)")
    involved.extend(duplicates)

    orphans = sorted(
        (a.id, a.parent_id)
        for a in by_id.values()
        if a.parent_id is not None and a.parent_id not in by_id
    )
    for agency_id, parent_id in orphans:
        problems.append(f"agency {agency_id!r} has unknown parent {parent_id!r}")
        involved.append(agency_id)

    for cycle in _cycles(by_id):
        problems.append("cycle " + " -> ".join(repr(i) for i in (*cycle, cycle[0])))
        involved.extend(cycle)

    if problems:
        ids = list(dict.fromkeys(involved))
        raise RegistryError(
            f"The agencies are not a valid registry ({len(problems)} problem(s)): "
            + "; ".join(problems)
            + ". Each id must be unique, each parent_id must be a registered agency, and no "
            "agency may be its own ancestor.",
            ids=ids,
        )


def _cycles(by_id: dict[str, Agency]) -> list[tuple[str, ...]]:
    """Every cycle of parent links, each starting at its smallest id, sorted."""
    state: dict[str, int] = {}  # 1: on the current path, 2: finished
    found: list[tuple[str, ...]] = []
    for start in sorted(by_id):
        path: list[str] = []
        node: str | None = start
        while node is not None and node in by_id and node not in state:
            state[node] = 1
            path.append(node)
            node = by_id[node].parent_id
        if node is not None and state.get(node) == 1:
            cycle = path[path.index(node) :]
            smallest = cycle.index(min(cycle))
            found.append(tuple(cycle[smallest:] + cycle[:smallest]))
        for visited in path:
            state[visited] = 2
    return sorted(found)
