"""Working groups (کارگروه), their meetings and resolutions (مصوبات), and numbered programmes.

A working group meets, passes resolutions with an owner and a due date, and follows them up until
they are done or dropped. A resolution may carry out one item of a numbered programme (برنامه), such as
a 9-item programme on protecting citizens' rights. No programme's content is built in: programmes are
data, like checklists.

Rules checked on each record: a ``done`` resolution needs ``done_on``, only a ``done`` one has it, and
it is not before the meeting; resolution ids are unique within a meeting; programme item numbers run
1..n; a ``province`` group names its province and an ``agency`` group its agency. Checks across records
(a programme reference to an item that does not exist) are [`check_programme_refs`][citizenrights.models.groups.check_programme_refs].

Examples:
    >>> meeting = Meeting.model_validate({
    ...     "id": "M-1", "group_id": "WG-1", "date": "1396/07/10",
    ...     "resolutions": [
    ...         {"id": "R-1", "text": "انتشار منشور", "owner": "روابط عمومی", "due": "1396/07/30",
    ...          "status": "done", "done_on": "1396/07/25",
    ...          "programme_item": {"programme_id": "P-9", "number": 1}},
    ...         {"id": "R-2", "text": "نصب تابلوهای راهنما", "owner": "پشتیبانی",
    ...          "due": "1396/08/15", "status": "open"}]})
    >>> [(r.id, r.status.value, r.done_on) for r in meeting.resolutions]
    [('R-1', 'done', datetime.date(2017, 10, 17)), ('R-2', 'open', None)]
    >>> programme = Programme.model_validate({"id": "P-9", "title": "صیانت از حقوق شهروندی",
    ...     "items": [{"number": 1, "title": "انتشار منشور"}, {"number": 2, "title": "آموزش"}]})
    >>> check_programme_refs([meeting], [programme])
    []
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable
from typing import Annotated, Any

from pydantic import Field, model_validator
from pydantic_core import PydanticCustomError

from citizenrights.calendar import FlexibleDate
from citizenrights.models._base import NUMBER, Id, Label, Name, NonEmpty, Record, Text, ValueEnum
from citizenrights.models._masking import masked_repr_args
from citizenrights.models.inspections import Affiliation
from citizenrights.models.provinces import Province

__all__ = [
    "GroupMember",
    "GroupScope",
    "Meeting",
    "Programme",
    "ProgrammeItem",
    "ProgrammeRef",
    "Resolution",
    "ResolutionStatus",
    "WorkingGroup",
    "check_programme_refs",
]

#: A positive count or number, given as a JSON integer (not ``true``, ``"4"`` or ``4.5``).
PositiveInt = Annotated[int, Field(ge=1, strict=True), NUMBER]


class GroupScope(ValueEnum):
    """Where a working group works: the nation, one province, or one agency."""

    NATIONAL = "national"  # ملی
    PROVINCE = "province"  # استانی
    AGENCY = "agency"  # دستگاه اجرایی


class GroupMember(Record):
    """A member of a working group.

    The name is personal data: masked in ``repr`` and kept out of validation errors.
    """

    name: Name
    affiliation: Affiliation
    role: str | None = None

    def __repr_args__(self) -> Any:
        return masked_repr_args(super().__repr_args__(), names=("name",))


class WorkingGroup(Record):
    """A citizens'-rights working group (کارگروه حقوق شهروندی).

    ``meetings_per_year`` is how many meetings the group must hold in each Jalali year, when a rule
    sets one. A ``province`` group names its ``province``; an ``agency`` group its ``agency_id``.
    Its members' names are kept out of validation errors.
    """

    id: Id
    name: Name
    name_en: Label | None = None
    scope: GroupScope
    province: Province | None = None
    agency_id: Id | None = None
    members: Annotated[
        tuple[GroupMember, ...],
        NonEmpty("group_no_members", "A working group needs at least one member; got none"),
    ]
    meetings_per_year: PositiveInt | None = None

    @model_validator(mode="after")
    def _scope_needs(self) -> WorkingGroup:
        if self.scope is GroupScope.PROVINCE and self.province is None:
            raise PydanticCustomError(
                "group_province_missing",
                "Working group '{id}' has scope 'province' but no 'province'; "
                "name the province (a code like 'IR-23' or its name)",
                {"id": self.id},
            )
        if self.scope is GroupScope.AGENCY and self.agency_id is None:
            raise PydanticCustomError(
                "group_agency_missing",
                "Working group '{id}' has scope 'agency' but no 'agency_id'; "
                "give the id of the agency it belongs to",
                {"id": self.id},
            )
        return self


class ResolutionStatus(ValueEnum):
    """Where a resolution stands."""

    OPEN = "open"  # باز
    IN_PROGRESS = "in_progress"  # در حال اجرا
    DONE = "done"  # انجام‌شده
    DROPPED = "dropped"  # منتفی


class ProgrammeRef(Record):
    """A pointer from a resolution to the programme item it carries out."""

    programme_id: Id
    number: PositiveInt


class Resolution(Record):
    """A resolution (مصوبه) of a meeting: what is to be done, by whom, and by when.

    ``owner`` is who is responsible: usually a unit or post (روابط عمومی), but it may be a person's
    name, so it is masked in ``repr`` like a name and never echoed in validation errors. ``done_on``
    is given exactly when ``status`` is ``done``.
    """

    id: Id
    text: Text
    owner: Name
    due: FlexibleDate | None = None
    status: ResolutionStatus
    done_on: FlexibleDate | None = None
    programme_item: ProgrammeRef | None = None

    @model_validator(mode="after")
    def _done_date(self) -> Resolution:
        if self.status is ResolutionStatus.DONE and self.done_on is None:
            raise PydanticCustomError(
                "resolution_done_without_date",
                "Resolution '{id}' is 'done' but has no 'done_on'; give the day it was done",
                {"id": self.id},
            )
        if self.status is not ResolutionStatus.DONE and self.done_on is not None:
            raise PydanticCustomError(
                "resolution_done_on_not_done",
                "Resolution '{id}' has 'done_on' {done_on} but status '{status}'; "
                "set the status to 'done' or leave 'done_on' out",
                {"id": self.id, "done_on": self.done_on.isoformat(), "status": self.status.value},
            )
        return self

    def __repr_args__(self) -> Any:
        # A meeting's repr shows its resolutions through this one.
        return masked_repr_args(super().__repr_args__(), names=("owner",))


class Meeting(Record):
    """A meeting (جلسه) of a working group and the resolutions it passed."""

    id: Id
    group_id: Id
    date: FlexibleDate
    resolutions: tuple[Resolution, ...] = ()

    @model_validator(mode="after")
    def _resolutions_fit(self) -> Meeting:
        counts = Counter(r.id for r in self.resolutions)
        duplicates = sorted(rid for rid, n in counts.items() if n > 1)
        if duplicates:
            raise PydanticCustomError(
                "meeting_duplicate_resolution",
                "Meeting '{id}' has more than one resolution with id {ids}; "
                "resolution ids must be unique",
                {"id": self.id, "ids": duplicates},
            )
        for n, r in enumerate(self.resolutions):
            if r.done_on is not None and r.done_on < self.date:
                raise PydanticCustomError(
                    "resolution_done_before_meeting",
                    "resolutions[{n}] ('{rid}'): done_on {done_on} is before the meeting "
                    "date {date}; a resolution is done on or after the meeting that passed it",
                    {
                        "n": n,
                        "rid": r.id,
                        "done_on": r.done_on.isoformat(),
                        "date": self.date.isoformat(),
                    },
                )
        return self


class ProgrammeItem(Record):
    """One numbered item of a programme."""

    number: PositiveInt
    title: Text
    title_en: str | None = None


class Programme(Record):
    """A numbered programme (برنامه), such as a 9-item citizens'-rights protection programme.

    Item numbers are 1..n, each once, in any order.
    """

    id: Id
    title: Text
    title_en: str | None = None
    items: Annotated[
        tuple[ProgrammeItem, ...],
        NonEmpty("programme_no_items", "A programme needs at least one item; got none"),
    ]

    @model_validator(mode="after")
    def _numbered(self) -> Programme:
        numbers = [i.number for i in self.items]
        counts = Counter(numbers)
        duplicates = sorted(n for n, c in counts.items() if c > 1)
        if duplicates:
            raise PydanticCustomError(
                "programme_duplicate_item",
                "Programme '{id}' numbers more than one item {numbers}; each number is used once",
                {"id": self.id, "numbers": duplicates},
            )
        missing = sorted(set(range(1, len(numbers) + 1)) - set(numbers))
        if missing:
            raise PydanticCustomError(
                "programme_item_numbers",
                "Programme '{id}' has {count} items, so they are numbered 1..{count}; "
                "missing {missing}, found {numbers}",
                {
                    "id": self.id,
                    "count": len(numbers),
                    "missing": missing,
                    "numbers": sorted(numbers),
                },
            )
        return self

    def item(self, number: int) -> ProgrammeItem:
        """The item with a number.

        Raises:
            KeyError: for a number the programme lacks.
        """
        for item in self.items:
            if item.number == number:
                return item
        raise KeyError(f"programme {self.id!r} has no item {number} (items 1..{len(self.items)})")


def check_programme_refs(meetings: Iterable[Meeting], programmes: Iterable[Programme]) -> list[str]:
    """Every resolution that points at a programme or item that does not exist.

    Also reports programmes that share an id, since a reference to them is ambiguous.

    Args:
        meetings: the meetings whose resolutions are checked.
        programmes: the programmes the references may name.

    Returns:
        One readable line per problem, in meeting and resolution order (empty when all fit).

    Examples:
        >>> p = Programme(id="P", title="برنامه", items=(ProgrammeItem(number=1, title="آموزش"),))
        >>> m = Meeting.model_validate({"id": "M", "group_id": "G", "date": "1396/01/20",
        ...     "resolutions": [{"id": "R", "text": "…", "owner": "آموزش", "status": "open",
        ...                      "programme_item": {"programme_id": "P", "number": 3}}]})
        >>> check_programme_refs([m], [p])
        ["meeting 'M' resolution 'R': programme 'P' has no item 3 (its items are 1..1)"]
    """
    problems: list[str] = []
    by_id: dict[str, Programme] = {}
    for programme in programmes:
        if programme.id in by_id:
            problems.append(f"programme id {programme.id!r} is used by more than one programme")
        by_id[programme.id] = programme
    for meeting in meetings:
        for r in meeting.resolutions:
            ref = r.programme_item
            if ref is None:
                continue
            where = f"meeting {meeting.id!r} resolution {r.id!r}"
            found = by_id.get(ref.programme_id)
            if found is None:
                known = ", ".join(repr(p) for p in sorted(by_id)) or "none"
                problems.append(
                    f"{where}: unknown programme {ref.programme_id!r} (known programmes: {known})"
                )
            elif not 1 <= ref.number <= len(found.items):
                problems.append(
                    f"{where}: programme {found.id!r} has no item {ref.number} "
                    f"(its items are 1..{len(found.items)})"
                )
    return problems
