"""Follow-up measures: a working group's progress, inspection coverage and overdue findings.

Three pure functions, each taking "today" as a parameter and ignoring anything dated after it:

- [`group_progress`][citizenrights.scoring.progress.group_progress]: meetings held per Jalali year against the group's quota, its resolutions
  done, dropped, open and overdue, the implementation rate and the delays in working days, and the
  state of each programme item;
- [`inspection_coverage`][citizenrights.scoring.progress.inspection_coverage]: which agencies had an inspection of the given kinds in a period;
- [`overdue_findings`][citizenrights.scoring.progress.overdue_findings]: inspection findings not resolved after a working day past their due
  date, with their age in working days (at least 1).

Resolutions and findings share one rule: something due on ``due`` is overdue at ``as_of`` (if not
done), or was late (if done on ``done_on``), when the working days in ``(due, day]`` are at least
1, and that count is its age or delay. Nothing is ever "overdue by 0 working days".

Examples:
    >>> from citizenrights.models.groups import Meeting, WorkingGroup
    >>> group = WorkingGroup.model_validate({"id": "WG", "name": "کارگروه", "scope": "national",
    ...     "members": [{"name": "نماینده", "affiliation": "areo"}], "meetings_per_year": 4})
    >>> meetings = [Meeting.model_validate({"id": "M1", "group_id": "WG", "date": "1396/02/10",
    ...     "resolutions": [
    ...         {"id": "R1", "text": "…", "owner": "آموزش", "due": "1396/03/01",
    ...          "status": "done", "done_on": "1396/03/03"},
    ...         {"id": "R2", "text": "…", "owner": "روابط عمومی", "due": "1396/04/01",
    ...          "status": "open"}]})]
    >>> p = group_progress(group, meetings, as_of="1396/12/29")
    >>> dict(p.meetings_held), p.meetings_short, p.overdue, p.implementation_rate
    ({1396: 1}, (1396,), ('R2',), 0.5)
    >>> dict(p.delays), p.max_delay_days
    ({'R1': 2}, 2)
"""

from __future__ import annotations

import enum
import math
from collections import Counter
from collections.abc import Iterable, Mapping
from datetime import date
from types import MappingProxyType
from typing import Any

import attrs

from citizenrights.calendar import (
    JalaliPeriod,
    WorkCalendar,
    as_date,
    days_in_month,
    from_jalali,
    parse_date,
    to_jalali,
    working_days_between,
)
from citizenrights.errors import DatasetError
from citizenrights.models.agencies import AgencyRegistry
from citizenrights.models.groups import (
    Meeting,
    Programme,
    Resolution,
    ResolutionStatus,
    WorkingGroup,
    check_programme_refs,
)
from citizenrights.models.inspections import Inspection, InspectionKind, Severity
from citizenrights.scoring._results import jsonable, pydantic_support
from citizenrights.scoring.rounding import round_half_up
from citizenrights.vocabulary import (
    Lang,
    check_lang,
    fa_digits,
    jalali,
    join_list,
    label,
    local_digits,
)

__all__ = [
    "Coverage",
    "GroupProgress",
    "OverdueFinding",
    "ProgrammeItemProgress",
    "ProgrammeItemStatus",
    "group_progress",
    "inspection_coverage",
    "overdue_findings",
]

_DEFAULT_CALENDAR = WorkCalendar()


# -- shared helpers ---------------------------------------------------------------------------


def _as_date(value: date | str, what: str) -> date:
    if isinstance(value, str):
        return parse_date(value)
    # Anything else by the calendar's one rule: a datetime stands for its day in Iran time (never
    # compared as is: a datetime cannot be ordered against the records' dates), a jdatetime.date
    # for the same day, and any other value is an InvalidDateError naming it.
    return value if type(value) is date else as_date(value, what)


def _working_days_late(due: date, day: date, calendar: WorkCalendar) -> int:
    """How late something due on ``due`` is on ``day``: the working days in ``(due, day]``.

    The library's one rule for "overdue" and "late", for resolutions and findings alike: a thing
    not done by ``day`` is overdue, and one done on ``day`` was late, exactly when this is at least
    1, that is once the first working day after its due date has come. It is 0 when ``day`` is on
    or before ``due``, and when only weekend days and holidays follow ``due`` up to ``day``: due
    1397/12/28, nothing is late on 1397/12/29 (a holiday) nor through Nowruz, and it is 1 on
    1398/01/05. A due date on a day off is not moved: the next working day is already 1 late.

    Args:
        due: the due date.
        day: the day of the snapshot (``as_of``), or the day the thing was done.
        calendar: the working days.

    Returns:
        The working days late, 0 or more.
    """
    return working_days_between(due, day, calendar) if day > due else 0


def _percent(rate: float, lang: Lang) -> str:
    """A rate as a percentage to at most one decimal (``'62.5%'``, ``'۶۰٪'``): no trailing zeros."""
    return local_digits(f"{round_half_up(rate * 100, 1):g}", lang) + ("٪" if lang == "fa" else "%")


def _year_end(year: int) -> date:
    """The last day of a Jalali year (Esfand 29 or 30)."""
    return from_jalali(year, 12, days_in_month(year, 12))


def _frozen_mapping(value: Mapping[Any, Any]) -> Mapping[Any, Any]:
    return MappingProxyType(dict(value))


# -- working groups ---------------------------------------------------------------------------


class ProgrammeItemStatus(enum.StrEnum):
    """Where a programme item stands, from the resolutions that carry it out."""

    NO_RESOLUTION = "no_resolution"  # no resolution refers to the item
    OPEN = "open"  # every live resolution is still open
    IN_PROGRESS = "in_progress"  # work has started (some in progress or done), not all done
    DONE = "done"  # every live resolution is done
    DROPPED = "dropped"  # every resolution was dropped


@pydantic_support()
@attrs.frozen
class ProgrammeItemProgress:
    """The state of one programme item at ``as_of``: the resolutions that carry it out."""

    programme_id: str
    number: int
    title: str
    resolutions: tuple[str, ...]
    status: ProgrammeItemStatus
    overdue: tuple[str, ...]

    def to_dict(self) -> dict[str, Any]:
        """JSON-ready data with stable keys."""
        return {
            "programme_id": self.programme_id,
            "number": self.number,
            "title": self.title,
            "resolutions": list(self.resolutions),
            "status": self.status.value,
            "overdue": list(self.overdue),
        }

    def explain(self, lang: Lang = "fa") -> str:
        """One line: the item, its status and its resolutions."""
        lang = check_lang(lang)
        if lang == "fa":
            line = f"برنامه {self.programme_id}، بند {fa_digits(self.number)} «{self.title}»: "
            line += label(self.status, lang)
            if self.resolutions:
                line += f" (مصوبات: {join_list(self.resolutions, lang)})"
            if self.overdue:
                line += f"؛ معوق: {join_list(self.overdue, lang)}"
        else:
            line = f"programme {self.programme_id} item {self.number} «{self.title}»: "
            line += label(self.status, lang)
            if self.resolutions:
                line += f" (resolutions {join_list(self.resolutions, lang)})"
            if self.overdue:
                line += f"; overdue: {join_list(self.overdue, lang)}"
        return line


@pydantic_support()
@attrs.frozen
class GroupProgress:
    """A working group's progress at ``as_of``: meetings, resolutions, delays, programme items.

    Attributes:
        group_id: the group.
        as_of: the day of the snapshot; records dated after it are left out.
        meetings_held: Jalali year → meetings held, every year from the first meeting's (or
            ``as_of``'s, when there is none) to ``as_of``'s, zeros included.
        meetings_required: the group's ``meetings_per_year``, or ``None``.
        meetings_short: the years that ended by ``as_of`` with fewer meetings than required.
        resolutions: resolutions passed at the meetings held by ``as_of``.
        done: those done on or before ``as_of``.
        dropped: those dropped.
        open: the rest: open, in progress, or done only after ``as_of``.
        overdue: ids of the resolutions neither done by ``as_of`` nor dropped although a working
            day has passed since their due date: ``working_days_between(due, as_of) >= 1``.
        late: ids of the resolutions done (by ``as_of``) a working day or more after their due
            date: ``working_days_between(due, done_on) >= 1`` (one done on a weekend day or a
            holiday right after its due date is on time).
        delays: resolution id → working days late (at least 1), for the ``late`` ones.
        due_count: the rate's denominator: resolutions with a due date on or before ``as_of``,
            dropped ones left out, that are done or overdue (one not yet done and not a working
            day late, being due on ``as_of`` itself or followed only by days off up to it, is
            still running and counts neither way).
        due_done: the rate's numerator: of those, the ones done by ``as_of``, on time or late.
        implementation_rate: ``due_done / due_count``, or ``None`` when ``due_count`` is 0.
        mean_delay_days: the mean of ``delays``, or ``None`` when nothing was late.
        max_delay_days: the largest of ``delays``, or ``None`` when nothing was late.
        programme_items: each item of the given programmes, in programme and number order.
    """

    group_id: str
    as_of: date
    meetings_held: Mapping[int, int] = attrs.field(converter=_frozen_mapping, hash=False)
    meetings_required: int | None
    meetings_short: tuple[int, ...]
    resolutions: int
    done: int
    dropped: int
    open: int
    overdue: tuple[str, ...]
    late: tuple[str, ...]
    delays: Mapping[str, int] = attrs.field(converter=_frozen_mapping, hash=False)
    due_count: int
    due_done: int
    implementation_rate: float | None
    mean_delay_days: float | None
    max_delay_days: int | None
    programme_items: tuple[ProgrammeItemProgress, ...]

    def __reduce__(self) -> tuple[type[GroupProgress], tuple[Any, ...]]:
        # Read-only mappings do not pickle: hand plain dicts to the constructor, which wraps them.
        values = attrs.astuple(self, recurse=False)
        return (GroupProgress, tuple(dict(v) if isinstance(v, Mapping) else v for v in values))

    def to_dict(self) -> dict[str, Any]:
        """JSON-ready data with stable keys (years as text keys, dates as ISO)."""
        return {
            "group_id": self.group_id,
            "as_of": self.as_of.isoformat(),
            "meetings_held": {str(y): n for y, n in sorted(self.meetings_held.items())},
            "meetings_required": self.meetings_required,
            "meetings_short": list(self.meetings_short),
            "resolutions": self.resolutions,
            "done": self.done,
            "dropped": self.dropped,
            "open": self.open,
            "overdue": list(self.overdue),
            "late": list(self.late),
            "delays": dict(sorted(self.delays.items())),
            "due_count": self.due_count,
            "due_done": self.due_done,
            "implementation_rate": self.implementation_rate,
            "mean_delay_days": self.mean_delay_days,
            "max_delay_days": self.max_delay_days,
            "programme_items": [item.to_dict() for item in self.programme_items],
        }

    def explain(self, lang: Lang = "fa") -> str:
        """The progress in words, one fact a line, in Persian (``fa``) or English (``en``).

        Examples:
            >>> p = GroupProgress(group_id="WG", as_of=date(2018, 4, 4), meetings_held={1396: 2},
            ...     meetings_required=4, meetings_short=(1396,), resolutions=3, done=1, dropped=1,
            ...     open=1, overdue=("R3",), late=(), delays={}, due_count=2, due_done=1,
            ...     implementation_rate=0.5, mean_delay_days=None, max_delay_days=None,
            ...     programme_items=())
            >>> print(p.explain("en"))
            Working group WG, as of 1397/01/15
            - meetings in 1396: 2 of 4 required (short by 2)
            - resolutions: 3 (done 1, dropped 1, open or in progress 1)
            - implementation rate: 50% (1 of the 2 resolutions due by 1397/01/15 done)
            - overdue: 1 (R3)
            - late: none
        """
        lang = check_lang(lang)
        fa = lang == "fa"
        lines = [
            f"کارگروه {self.group_id}، تا تاریخ {jalali(self.as_of, lang)}"
            if fa
            else f"Working group {self.group_id}, as of {jalali(self.as_of, lang)}"
        ]
        for year, held in sorted(self.meetings_held.items()):
            lines.append(self._meetings_line(year, held, self.as_of < _year_end(year), lang))
        if fa:
            lines.append(
                f"- مصوبات: {fa_digits(self.resolutions)} (انجام‌شده {fa_digits(self.done)}، "
                f"منتفی {fa_digits(self.dropped)}، باز یا در حال اجرا {fa_digits(self.open)})"
            )
        else:
            lines.append(
                f"- resolutions: {self.resolutions} (done {self.done}, dropped {self.dropped}, "
                f"open or in progress {self.open})"
            )
        lines.append(self._rate_line(lang))
        if fa:
            lines.append(
                f"- معوق: {fa_digits(len(self.overdue))} ({join_list(self.overdue, lang)})"
                if self.overdue
                else "- معوق: هیچ"
            )
        else:
            lines.append(
                f"- overdue: {len(self.overdue)} ({join_list(self.overdue, lang)})"
                if self.overdue
                else "- overdue: none"
            )
        lines.append(self._delay_line(lang))
        lines.extend(f"- {item.explain(lang)}" for item in self.programme_items)
        return "\n".join(lines)

    def _meetings_line(self, year: int, held: int, running: bool, lang: Lang) -> str:
        required = self.meetings_required
        if lang == "fa":
            line = f"- جلسات سال {fa_digits(year)}: {fa_digits(held)}"
            if required is not None:
                line += f" از {fa_digits(required)} جلسه لازم"
                if running:
                    line += " (سال هنوز تمام نشده)"
                elif held < required:
                    line += f" ({fa_digits(required - held)} جلسه کمتر)"
            return line
        line = f"- meetings in {year}: {held}"
        if required is not None:
            line += f" of {required} required"
            if running:
                line += " (year not over yet)"
            elif held < required:
                line += f" (short by {required - held})"
        return line

    def _rate_line(self, lang: Lang) -> str:
        as_of = jalali(self.as_of, lang)
        if self.implementation_rate is None:
            return (
                f"- نرخ اجرا: ندارد (هیچ مصوبه‌ای تا {as_of} سررسید نشده است)"
                if lang == "fa"
                else f"- implementation rate: none (no resolution was due by {as_of})"
            )
        rate = _percent(self.implementation_rate, lang)
        if lang == "fa":
            return (
                f"- نرخ اجرا: {rate} ({fa_digits(self.due_done)} از {fa_digits(self.due_count)} "
                f"مصوبهٔ سررسیدشده تا {as_of} انجام شده)"
            )
        return (
            f"- implementation rate: {rate} ({self.due_done} of the {self.due_count} "
            f"resolutions due by {as_of} done)"
        )

    def _delay_line(self, lang: Lang) -> str:
        if self.mean_delay_days is None or self.max_delay_days is None:
            return "- با تأخیر: هیچ" if lang == "fa" else "- late: none"
        mean = local_digits(f"{round_half_up(self.mean_delay_days, 2):g}", lang)
        if lang == "fa":
            return (
                f"- با تأخیر: {fa_digits(len(self.late))} ({join_list(self.late, lang)})؛ "
                f"میانگین تأخیر {mean} روز کاری، بیشترین {fa_digits(self.max_delay_days)} روز کاری"
            )
        return (
            f"- late: {len(self.late)} ({join_list(self.late, lang)}); delay in working days: "
            f"mean {mean}, longest {self.max_delay_days}"
        )


def _state_at(r: Resolution, as_of: date) -> ResolutionStatus:
    """A resolution's status at ``as_of``: one done later was not done yet (taken as open)."""
    if r.status is ResolutionStatus.DONE and r.done_on is not None and r.done_on > as_of:
        return ResolutionStatus.OPEN
    return r.status


def _record_problems(meetings: list[Meeting]) -> list[str]:
    problems: list[str] = []
    meeting_ids = Counter(m.id for m in meetings)
    problems.extend(
        f"meeting id {mid!r} is used {n} times; each meeting is given once"
        for mid, n in sorted(meeting_ids.items())
        if n > 1
    )
    seen: dict[str, str] = {}
    for m in sorted(meetings, key=lambda m: (m.date, m.id)):
        for r in m.resolutions:
            first = seen.setdefault(r.id, m.id)
            if first != m.id:
                problems.append(
                    f"resolution id {r.id!r} is used in meetings {first!r} and {m.id!r}; "
                    "resolution ids must be unique within a working group"
                )
    return problems


def _item_status(states: list[ResolutionStatus]) -> ProgrammeItemStatus:
    if not states:
        return ProgrammeItemStatus.NO_RESOLUTION
    live = [s for s in states if s is not ResolutionStatus.DROPPED]
    if not live:
        return ProgrammeItemStatus.DROPPED
    if all(s is ResolutionStatus.DONE for s in live):
        return ProgrammeItemStatus.DONE
    if any(s is not ResolutionStatus.OPEN for s in live):
        return ProgrammeItemStatus.IN_PROGRESS
    return ProgrammeItemStatus.OPEN


def group_progress(
    group: WorkingGroup,
    meetings: Iterable[Meeting],
    *,
    as_of: date | str,
    calendar: WorkCalendar = _DEFAULT_CALENDAR,
    programmes: Iterable[Programme] = (),
) -> GroupProgress:
    """A working group's progress at ``as_of``, from its meetings and their resolutions.

    Only the meetings of ``group`` (by ``group_id``) dated on or before ``as_of`` count; a
    resolution done after ``as_of`` counts as not done yet. The implementation rate is the share of
    the resolutions that fell due by ``as_of`` (dropped ones left out) that were done by then, on
    time or late: ``due_done / due_count``, where ``due_count`` is ``due_done`` plus the overdue
    ones.

    "Overdue" and "late" are one rule, the one [`overdue_findings`][citizenrights.scoring.progress.overdue_findings] applies to findings: the
    working days in ``(due, day]`` (``working_days_between(due, day, calendar)``), with ``day``
    the snapshot's ``as_of`` for a resolution not done by then and its ``done_on`` for one done.
    A resolution not done is overdue, and one done was late, when that count is at least 1, and
    the count is its delay. So nothing is ever overdue or late "by 0 working days": a resolution
    due 1397/12/28 and not done is not overdue on 1397/12/29 (a holiday) nor through Nowruz, and is
    1 working day overdue on 1398/01/05; until then it counts neither way in the rate, like one due
    on ``as_of`` itself. A due date on a holiday is not moved: done the next working day, it is
    1 working day late.

    Args:
        group: the working group.
        meetings: meetings of any groups, in any order; others' are skipped.
        as_of: the day of the snapshot (a date, or ISO or Jalali text).
        calendar: the working days, for "overdue", "late" and the delays.
        programmes: programmes whose items to report; each resolution's programme reference must
            then name one of them and an item it has. Without programmes, references are not
            checked and ``programme_items`` is empty.

    Returns:
        The progress; the same whatever the order of ``meetings`` and ``programmes``.

    Raises:
        DatasetError: listing every inconsistency among the group's meetings: a meeting id given
            twice, a resolution id used in two meetings, a programme reference to a programme or
            item that does not exist.
        InvalidDateError: for ``as_of`` text that is not a date.
    """
    day = _as_date(as_of, "as_of")
    programme_list = sorted(programmes, key=lambda p: p.id)
    own = [m for m in meetings if m.group_id == group.id]
    problems = _record_problems(own)
    if programme_list:
        problems.extend(check_programme_refs(own, programme_list))
    if problems:
        raise DatasetError(problems)

    held = [m for m in own if m.date <= day]
    as_of_year = to_jalali(day)[0]
    years = Counter(to_jalali(m.date)[0] for m in held)
    first_year = min(years, default=as_of_year)
    meetings_held = {y: years.get(y, 0) for y in range(first_year, as_of_year + 1)}
    required = group.meetings_per_year
    short: tuple[int, ...] = ()
    if required is not None:
        # A year counts as short only once it is over; the running year may still catch up.
        short = tuple(y for y, n in meetings_held.items() if n < required and _year_end(y) <= day)

    counts: Counter[ResolutionStatus] = Counter()
    overdue: list[str] = []
    delays: dict[str, int] = {}
    due_done = 0
    by_item: dict[tuple[str, int], list[tuple[str, ResolutionStatus]]] = {}
    for m in held:
        for r in m.resolutions:
            state = _state_at(r, day)
            counts[state] += 1
            if r.due is not None and state is not ResolutionStatus.DROPPED:
                if state is ResolutionStatus.DONE:
                    if r.due <= day:
                        due_done += 1
                elif _working_days_late(r.due, day, calendar) >= 1:
                    overdue.append(r.id)
            done_on = r.done_on if state is ResolutionStatus.DONE else None
            if done_on is not None and r.due is not None:
                late = _working_days_late(r.due, done_on, calendar)
                if late >= 1:
                    delays[r.id] = late
            if r.programme_item is not None:
                key = (r.programme_item.programme_id, r.programme_item.number)
                by_item.setdefault(key, []).append((r.id, state))

    overdue_set = frozenset(overdue)
    items: list[ProgrammeItemProgress] = []
    for programme in programme_list:
        for item in sorted(programme.items, key=lambda i: i.number):
            refs = sorted(by_item.get((programme.id, item.number), []))
            items.append(
                ProgrammeItemProgress(
                    programme_id=programme.id,
                    number=item.number,
                    title=item.title,
                    resolutions=tuple(rid for rid, _ in refs),
                    status=_item_status([s for _, s in refs]),
                    overdue=tuple(rid for rid, _ in refs if rid in overdue_set),
                )
            )

    due_count = due_done + len(overdue)
    delay_values = list(delays.values())
    return GroupProgress(
        group_id=group.id,
        as_of=day,
        meetings_held=meetings_held,
        meetings_required=required,
        meetings_short=short,
        resolutions=sum(counts.values()),
        done=counts[ResolutionStatus.DONE],
        dropped=counts[ResolutionStatus.DROPPED],
        open=counts[ResolutionStatus.OPEN] + counts[ResolutionStatus.IN_PROGRESS],
        overdue=tuple(sorted(overdue)),
        late=tuple(sorted(delays)),
        delays=dict(sorted(delays.items())),
        due_count=due_count,
        due_done=due_done,
        implementation_rate=due_done / due_count if due_count else None,
        mean_delay_days=math.fsum(delay_values) / len(delay_values) if delay_values else None,
        max_delay_days=max(delay_values) if delay_values else None,
        programme_items=tuple(items),
    )


# -- inspection coverage ----------------------------------------------------------------------


def _kinds(kinds: Iterable[InspectionKind | str]) -> tuple[InspectionKind, ...]:
    if isinstance(kinds, str):
        kinds = (kinds,)
    out: set[InspectionKind] = set()
    for kind in kinds:
        try:
            out.add(InspectionKind(kind))
        except ValueError:
            accepted = ", ".join(repr(k.value) for k in InspectionKind)
            raise ValueError(f"Unknown inspection kind {kind!r}; expected {accepted}") from None
    if not out:
        raise ValueError("kinds is empty; name at least one inspection kind")
    # In the enum's order (periodic, ad hoc, follow-up), whatever order they were given in.
    return tuple(k for k in InspectionKind if k in out)


@pydantic_support()
@attrs.frozen
class Coverage:
    """Which agencies in scope had an inspection of the given kinds in a period.

    Attributes:
        period: the period.
        kinds: the inspection kinds that count.
        scope: the agency whose subtree was looked at, or ``None`` for the whole registry.
        covered: ids of the agencies with at least one such inspection, sorted.
        uncovered: ids of the agencies without one, sorted.
        rate: ``len(covered) / (len(covered) + len(uncovered))``; ``None`` for an empty scope.
    """

    period: JalaliPeriod
    kinds: tuple[InspectionKind, ...]
    scope: str | None
    covered: tuple[str, ...]
    uncovered: tuple[str, ...]
    rate: float | None

    def to_dict(self) -> dict[str, Any]:
        """JSON-ready data with stable keys."""
        return {
            "period": str(self.period),
            "kinds": [k.value for k in self.kinds],
            "scope": self.scope,
            "covered": list(self.covered),
            "uncovered": list(self.uncovered),
            "rate": self.rate,
        }

    def explain(self, lang: Lang = "fa") -> str:
        """The coverage in one or two lines, in Persian (``fa``) or English (``en``).

        Examples:
            >>> c = Coverage(period=JalaliPeriod.parse("1396-Q3"), kinds=(InspectionKind.PERIODIC,),
            ...     scope=None, covered=("A1", "A2", "A3", "A4"), uncovered=("A5",), rate=0.8)
            >>> print(c.explain("en"))
            Agencies with a periodic inspection in Autumn 1396: 4 of 5 (80%)
            - not inspected: A5
        """
        lang = check_lang(lang)
        total = len(self.covered) + len(self.uncovered)
        if lang == "fa":
            kinds = " یا ".join(label(k, "fa") for k in self.kinds)
            head = f"دستگاه‌های دارای بازرسی {kinds} در {self.period.label('fa')}"
            if self.scope is not None:
                head += f" (زیرمجموعهٔ {self.scope})"
            if self.rate is None:
                return f"{head}: هیچ دستگاهی در این محدوده نیست"
            head += (
                f": {fa_digits(len(self.covered))} از {fa_digits(total)} "
                f"({_percent(self.rate, lang)})"
            )
            tail = f"- بدون بازرسی: {join_list(self.uncovered, lang)}"
        else:
            kinds = " or ".join(k.value.replace("_", "-") for k in self.kinds)
            head = f"Agencies with a {kinds} inspection in {self.period.label('en')}"
            if self.scope is not None:
                head += f" (under {self.scope})"
            if self.rate is None:
                return f"{head}: no agency in scope"
            head += f": {len(self.covered)} of {total} ({_percent(self.rate, lang)})"
            tail = f"- not inspected: {join_list(self.uncovered, lang)}"
        return f"{head}\n{tail}" if self.uncovered else head


def inspection_coverage(
    registry: AgencyRegistry,
    inspections: Iterable[Inspection],
    period: JalaliPeriod | str,
    *,
    kinds: Iterable[InspectionKind | str] = ("periodic",),
    scope: str | None = None,
) -> Coverage:
    """Which agencies had an inspection of the given kinds dated in the period.

    Args:
        registry: the agencies.
        inspections: inspections of any agencies and dates, in any order; those of agencies out of
            scope, of other kinds or dated outside the period are skipped.
        period: the reporting period (or its canonical text, such as ``1396-Q3``).
        kinds: the inspection kinds that count; periodic ones by default.
        scope: an agency id: only it and its descendants are looked at. ``None``: every agency of
            the registry.

    Returns:
        The covered and uncovered agencies, and the rate.

    Raises:
        UnknownAgencyError: for a ``scope`` the registry lacks.
        InvalidPeriodError: for period text that is not a period.
        ValueError: for an unknown or empty ``kinds``.
    """
    chosen = _kinds(kinds)
    the_period = period if isinstance(period, JalaliPeriod) else JalaliPeriod.parse(period)
    if scope is None:
        in_scope = {a.id for a in registry}
    else:
        in_scope = {registry.get(scope).id} | {a.id for a in registry.descendants(scope)}
    inspected = {
        i.agency_id
        for i in inspections
        if i.kind in chosen and i.agency_id in in_scope and i.date in the_period
    }
    return Coverage(
        period=the_period,
        kinds=chosen,
        scope=scope,
        covered=tuple(sorted(inspected)),
        uncovered=tuple(sorted(in_scope - inspected)),
        rate=len(inspected) / len(in_scope) if in_scope else None,
    )


# -- overdue findings -------------------------------------------------------------------------


@pydantic_support()
@attrs.frozen
class OverdueFinding:
    """An inspection finding past its due date and not resolved at ``as_of``.

    Attributes:
        agency_id: the inspected agency.
        inspection_id: the inspection that made the finding.
        index: the finding's position in the inspection's ``findings`` (from 0).
        item: the checklist item the finding is about, if any.
        severity: how serious it is.
        description: what was found.
        due: the corrective action's due date.
        age_days: working days from ``due`` to ``as_of``: ``working_days_between(due, as_of)``,
            the working days in ``(due, as_of]``; at least 1 for a finding that
            [`overdue_findings`][citizenrights.scoring.progress.overdue_findings] lists.
    """

    agency_id: str
    inspection_id: str
    index: int
    item: str | None
    severity: Severity
    description: str
    due: date
    age_days: int

    def to_dict(self) -> dict[str, Any]:
        """JSON-ready data with stable keys."""
        return {
            "agency_id": self.agency_id,
            "inspection_id": self.inspection_id,
            "index": self.index,
            "item": self.item,
            "severity": self.severity.value,
            "description": self.description,
            "due": jsonable(self.due),
            "age_days": self.age_days,
        }

    def explain(self, lang: Lang = "fa") -> str:
        """One line: where the finding is, how serious, and how long overdue.

        Examples:
            >>> f = OverdueFinding(agency_id="A1", inspection_id="I1", index=0, item="S1.1",
            ...     severity=Severity.MAJOR, description="…", due=date(2017, 11, 22), age_days=12)
            >>> f.explain("en")
            'A1, inspection I1, item S1.1 (major): due 1396/09/01, 12 working days overdue'
        """
        lang = check_lang(lang)
        if lang == "fa":
            item = f"، بند {self.item}" if self.item is not None else ""
            return (
                f"{self.agency_id}، بازرسی {self.inspection_id}{item} "
                f"({label(self.severity, 'fa')}): سررسید {jalali(self.due, lang)}، "
                f"{fa_digits(self.age_days)} روز کاری تأخیر"
            )
        item = f", item {self.item}" if self.item is not None else ""
        return (
            f"{self.agency_id}, inspection {self.inspection_id}{item} ({self.severity.value}): "
            f"due {jalali(self.due, lang)}, {self.age_days} working "
            f"{'day' if self.age_days == 1 else 'days'} overdue"
        )


def overdue_findings(
    inspections: Iterable[Inspection],
    *,
    as_of: date | str,
    calendar: WorkCalendar = _DEFAULT_CALENDAR,
) -> tuple[OverdueFinding, ...]:
    """The findings not resolved by ``as_of`` although a working day has passed since they fell due.

    One rule gives both "overdue" and its age, the same as for a working group's resolutions in
    [`group_progress`][citizenrights.scoring.progress.group_progress]: the age is ``working_days_between(due, as_of, calendar)``, the working
    days after the due date up to and including ``as_of``, and a finding is overdue when it is
    unresolved at ``as_of`` and its age is at least 1. So a finding is never
    "overdue by 0 working days": one due on ``as_of`` itself, or whose due date is followed only by
    weekend days and holidays up to ``as_of`` (due 1397/12/28, at 1397/12/29, a holiday), is not
    overdue yet. A finding resolved after ``as_of`` counts as unresolved at ``as_of``; one resolved
    on or before ``as_of`` is not overdue. Inspections dated after ``as_of`` are skipped.

    Args:
        inspections: inspections in any order.
        as_of: the day of the snapshot (a date, or ISO or Jalali text).
        calendar: the working days, for the age.

    Returns:
        The overdue findings, sorted by agency, inspection, item and position.

    Raises:
        InvalidDateError: for ``as_of`` text that is not a date.
    """
    day = _as_date(as_of, "as_of")
    out: list[OverdueFinding] = []
    for inspection in inspections:
        if inspection.date > day:
            continue
        for index, f in enumerate(inspection.findings):
            if f.due is None or (f.resolved_on is not None and f.resolved_on <= day):
                continue
            age = _working_days_late(f.due, day, calendar)
            if age < 1:  # no working day has passed since the due date: not overdue yet
                continue
            out.append(
                OverdueFinding(
                    agency_id=inspection.agency_id,
                    inspection_id=inspection.id,
                    index=index,
                    item=f.item,
                    severity=f.severity,
                    description=f.description,
                    due=f.due,
                    age_days=age,
                )
            )
    # The later keys only break ties between inspections that share an id (a data error, but the
    # order must not depend on the input's); findings equal on every key are identical.
    out.sort(
        key=lambda o: (
            o.agency_id,
            o.inspection_id,
            o.item is not None,
            o.item or "",
            o.index,
            o.due,
            o.severity.value,
            o.description,
        )
    )
    return tuple(out)
