"""A working group's progress at a day: meetings against the quota, resolutions, delays, items.

[`group_progress`][citizenrights.followup.groups.group_progress] counts the meetings held per
Jalali year against the group's quota, its resolutions done, dropped, open and overdue, the
implementation rate and the delays in working days, and the state of each programme item
([`ProgrammeItemProgress`][citizenrights.followup.programmes.ProgrammeItemProgress]). "Overdue" and
"late" follow the rule that [`overdue_findings`][citizenrights.followup.findings.overdue_findings]
applies to findings.

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

import math
from collections import Counter
from collections.abc import Iterable, Mapping
from datetime import date
from types import MappingProxyType
from typing import Any

import attrs

from citizenrights.calendar import WorkCalendar, days_in_month, from_jalali, to_jalali
from citizenrights.errors import DatasetError
from citizenrights.followup._items import ItemKey, programme_items
from citizenrights.followup._late import DEFAULT_CALENDAR, as_day, working_days_late
from citizenrights.followup.programmes import ProgrammeItemProgress
from citizenrights.models.groups import (
    Meeting,
    Programme,
    Resolution,
    ResolutionStatus,
    WorkingGroup,
    check_programme_refs,
)
from citizenrights.results import pydantic_support
from citizenrights.vocabulary import Lang, check_lang, jalali, join_list, number, percent, say

__all__ = ["GroupProgress", "group_progress"]


def _year_end(year: int) -> date:
    """The last day of a Jalali year (Esfand 29 or 30)."""
    return from_jalali(year, 12, days_in_month(year, 12))


def _frozen_mapping(value: Mapping[Any, Any]) -> Mapping[Any, Any]:
    return MappingProxyType(dict(value))


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
        as_of = jalali(self.as_of, lang)
        lines = [
            say(
                lang,
                fa=f"کارگروه {self.group_id}، تا تاریخ {as_of}",
                en=f"Working group {self.group_id}, as of {as_of}",
            )
        ]
        for year, held in sorted(self.meetings_held.items()):
            lines.append(self._meetings_line(year, held, self.as_of < _year_end(year), lang))
        n, done, dropped, still_open = (
            number(k, lang) for k in (self.resolutions, self.done, self.dropped, self.open)
        )
        lines.append(
            say(
                lang,
                fa=f"- مصوبات: {n} (انجام‌شده {done}، منتفی {dropped}، باز یا در حال اجرا {still_open})",
                en=f"- resolutions: {n} (done {done}, dropped {dropped}, "
                f"open or in progress {still_open})",
            )
        )
        lines.append(self._rate_line(lang))
        if self.overdue:
            overdue = f"{number(len(self.overdue), lang)} ({join_list(self.overdue, lang)})"
            lines.append(say(lang, fa=f"- معوق: {overdue}", en=f"- overdue: {overdue}"))
        else:
            lines.append(say(lang, fa="- معوق: هیچ", en="- overdue: none"))
        lines.append(self._delay_line(lang))
        lines.extend(f"- {item.explain(lang)}" for item in self.programme_items)
        return "\n".join(lines)

    def _meetings_line(self, year: int, held: int, running: bool, lang: Lang) -> str:
        required = self.meetings_required
        y, n = number(year, lang), number(held, lang)
        line = say(lang, fa=f"- جلسات سال {y}: {n}", en=f"- meetings in {y}: {n}")
        if required is not None:
            r = number(required, lang)
            line += say(lang, fa=f" از {r} جلسه لازم", en=f" of {r} required")
            if running:
                line += say(lang, fa=" (سال هنوز تمام نشده)", en=" (year not over yet)")
            elif held < required:
                short = number(required - held, lang)
                fa = f" ({_HOW_MANY.get(required - held, short)} جلسه کمتر از حد لازم)"
                line += say(lang, fa=fa, en=f" (short by {short})")
        return line

    def _rate_line(self, lang: Lang) -> str:
        as_of = jalali(self.as_of, lang)
        if self.implementation_rate is None:
            return say(
                lang,
                fa=f"- نرخ اجرا: ندارد (هیچ مصوبه‌ای تا {as_of} سررسید نشده است)",
                en=f"- implementation rate: none (no resolution was due by {as_of})",
            )
        rate = percent(self.implementation_rate, lang, trim_zeros=True)
        done, due = number(self.due_done, lang), number(self.due_count, lang)
        return say(
            lang,
            fa=f"- نرخ اجرا: {rate} ({done} از {due} مصوبهٔ سررسیدشده تا {as_of} انجام شده)",
            en=f"- implementation rate: {rate} ({done} of the {due} resolutions due by {as_of} done)",
        )

    def _delay_line(self, lang: Lang) -> str:
        if self.mean_delay_days is None or self.max_delay_days is None:
            return say(lang, fa="- با تأخیر: هیچ", en="- late: none")
        mean = number(self.mean_delay_days, lang, 2, trim_zeros=True)
        late = f"{number(len(self.late), lang)} ({join_list(self.late, lang)})"
        longest = number(self.max_delay_days, lang)
        return say(
            lang,
            fa=f"- با تأخیر: {late}؛ میانگین تأخیر {mean} روز کاری، بیشترین {longest} روز کاری",
            en=f"- late: {late}; delay in working days: mean {mean}, longest {longest}",
        )


# A small count said in words in a Persian sentence: «(یک جلسه کمتر از حد لازم)».
_HOW_MANY = {1: "یک", 2: "دو", 3: "سه", 4: "چهار", 5: "پنج"}


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


def group_progress(
    group: WorkingGroup,
    meetings: Iterable[Meeting],
    *,
    as_of: date | str,
    calendar: WorkCalendar = DEFAULT_CALENDAR,
    programmes: Iterable[Programme] = (),
) -> GroupProgress:
    """A working group's progress at ``as_of``, from its meetings and their resolutions.

    Only the meetings of ``group`` (by ``group_id``) dated on or before ``as_of`` count; a
    resolution done after ``as_of`` counts as not done yet. The implementation rate is the share of
    the resolutions that fell due by ``as_of`` (dropped ones left out) that were done by then, on
    time or late: ``due_done / due_count``, where ``due_count`` is ``due_done`` plus the overdue
    ones.

    "Overdue" and "late" are one rule, the one
    [`overdue_findings`][citizenrights.followup.findings.overdue_findings] applies to findings: the
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
    day = as_day(as_of, "as_of")
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
    by_item: dict[ItemKey, list[tuple[str, ResolutionStatus]]] = {}
    for m in held:
        for r in m.resolutions:
            state = _state_at(r, day)
            counts[state] += 1
            if r.due is not None and state is not ResolutionStatus.DROPPED:
                if state is ResolutionStatus.DONE:
                    if r.due <= day:
                        due_done += 1
                elif working_days_late(r.due, day, calendar) >= 1:
                    overdue.append(r.id)
            done_on = r.done_on if state is ResolutionStatus.DONE else None
            if done_on is not None and r.due is not None:
                late = working_days_late(r.due, done_on, calendar)
                if late >= 1:
                    delays[r.id] = late
            if r.programme_item is not None:
                key = (r.programme_item.programme_id, r.programme_item.number)
                by_item.setdefault(key, []).append((r.id, state))

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
        programme_items=programme_items(programme_list, by_item, overdue),
    )
