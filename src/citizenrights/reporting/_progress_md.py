"""A working group's progress in Markdown (private): names, not ids, and one date style.

[`GroupProgress.explain`][citizenrights.followup.groups.GroupProgress.explain] says the progress
in plain text under the group's id, with numeric dates; a report names the group and its
programmes, dates every day the way the rest of the report does (``day``), and puts the programme
items in a table.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence

from citizenrights.followup import GroupProgress, ProgrammeItemProgress
from citizenrights.models.groups import Programme, WorkingGroup
from citizenrights.reporting._render import columns, day, md_table, rate_text
from citizenrights.vocabulary import Lang, join_list, label, number, say

__all__ = ["group_name", "item_title", "progress_lines"]

# A small count said in words in a Persian sentence: «(یک جلسه کمتر از حد لازم)».
_HOW_MANY = {1: "یک", 2: "دو", 3: "سه", 4: "چهار", 5: "پنج"}


def group_name(group_id: str, groups: Mapping[str, WorkingGroup], lang: Lang) -> str:
    """The group's name in ``lang`` (its id only when the report does not know the group)."""
    group = groups.get(group_id)
    if group is None:
        return group_id
    return say(lang, fa=group.name, en=group.name_en or group.name)


def _short(resolution_id: str, group_id: str) -> str:
    # A resolution is known by its number in the group's minutes: ``wg-x-R05`` is ``R05``.
    return resolution_id.removeprefix(f"{group_id}-")


def _ids(ids: Sequence[str], group_id: str, lang: Lang) -> str:
    return join_list((_short(i, group_id) for i in ids), lang)


def _meetings(p: GroupProgress, year: int, held: int, lang: Lang) -> str:
    y, n = number(year, lang), number(held, lang)
    line = say(lang, fa=f"- جلسات سال {y}: {n}", en=f"- Meetings in {y}: {n}")
    required = p.meetings_required
    if required is None:
        return line
    line += say(lang, fa=f" از {number(required, lang)} جلسهٔ لازم", en=f" of {required} required")
    if year not in p.meetings_short and held < required:
        line += say(lang, fa=" (سال هنوز تمام نشده است)", en=" (the year is not over yet)")
    elif held < required:
        short = required - held
        words = _HOW_MANY.get(short, number(short, lang))
        line += say(
            lang,
            fa=f" ({words} جلسه کمتر از حد لازم)",
            en=f" ({short} short of the required number)",
        )
    return line


def progress_lines(
    p: GroupProgress,
    groups: Mapping[str, WorkingGroup],
    programmes: Mapping[str, Programme],
    lang: Lang,
    *,
    heading: str | None = "###",
    dated: bool = True,
) -> list[str]:
    """The progress of one group as Markdown lines (a heading with its name, a list, a table).

    Args:
        p: the group's progress.
        groups: the working groups by id (for the group's name).
        programmes: the programmes by id (for their titles).
        lang: ``fa`` or ``en``.
        heading: the heading mark of the group's name (``None``: no heading).
        dated: whether to say the day of the snapshot (a report dated that day need not).
    """
    out: list[str] = []
    if heading is not None:
        out.extend([f"{heading} {group_name(p.group_id, groups, lang)}", ""])
    if dated:
        out.extend(
            [
                say(
                    lang,
                    fa=f"وضعیت تا {day(p.as_of, lang)}:",
                    en=f"As of {day(p.as_of, lang)}:",
                ),
                "",
            ]
        )
    out.extend(_meetings(p, y, n, lang) for y, n in sorted(p.meetings_held.items()))
    n, done, dropped, still_open = (
        number(k, lang) for k in (p.resolutions, p.done, p.dropped, p.open)
    )
    out.append(
        say(
            lang,
            fa=f"- مصوبات: {n} (انجام‌شده {done}، منتفی {dropped}، باز یا در حال اجرا {still_open})",
            en=f"- Resolutions: {n} (done {done}, dropped {dropped}, open or in progress "
            f"{still_open})",
        )
    )
    if p.implementation_rate is None:
        out.append(
            say(
                lang,
                fa="- میزان اجرا: هنوز مصوبه‌ای سررسید نشده است",
                en="- Implementation rate: no resolution was due yet",
            )
        )
    else:
        rate = rate_text(p.implementation_rate, lang)
        out.append(
            say(
                lang,
                fa=f"- میزان اجرا: {rate} ({number(p.due_done, lang)} از "
                f"{number(p.due_count, lang)} مصوبهٔ سررسیدشده انجام شده است)",
                en=f"- Implementation rate: {rate} ({p.due_done} of the {p.due_count} "
                f"resolutions due done)",
            )
        )
    if p.overdue:
        ids = _ids(p.overdue, p.group_id, lang)
        out.append(
            say(
                lang,
                fa=f"- مصوبات معوق: {number(len(p.overdue), lang)} ({ids})",
                en=f"- Overdue resolutions: {len(p.overdue)} ({ids})",
            )
        )
    else:
        out.append(say(lang, fa="- مصوبهٔ معوقی نیست", en="- No resolution is overdue"))
    if p.late and p.mean_delay_days is not None and p.max_delay_days is not None:
        ids = _ids(p.late, p.group_id, lang)
        mean = number(p.mean_delay_days, lang, 1, trim_zeros=True)
        longest = number(p.max_delay_days, lang)
        out.append(
            say(
                lang,
                fa=f"- انجام‌شده با تأخیر: {number(len(p.late), lang)} ({ids})؛ میانگین تأخیر "
                f"{mean} روز کاری، بیشترین {longest} روز کاری",
                en=f"- Done late: {len(p.late)} ({ids}); mean delay {mean} working days, "
                f"longest {longest}",
            )
        )
    out.append("")
    out.extend(_programme_tables(p, programmes, lang))
    return out


def item_title(item: ProgrammeItemProgress, programmes: Mapping[str, Programme], lang: Lang) -> str:
    """A programme item's title: in English when its programme gives one and ``lang`` is en."""
    programme = programmes.get(item.programme_id)
    if lang == "fa" or programme is None:
        return item.title
    return next(
        (i.title_en or i.title for i in programme.items if i.number == item.number), item.title
    )


def _programme_tables(
    p: GroupProgress, programmes: Mapping[str, Programme], lang: Lang
) -> list[str]:
    out: list[str] = []
    by_programme: dict[str, list[list[str]]] = {}
    for item in p.programme_items:
        resolutions = _ids(item.resolutions, p.group_id, lang) or "–"
        if item.overdue:
            late = _ids(item.overdue, p.group_id, lang)
            resolutions += say(lang, fa=f" (معوق: {late})", en=f" (overdue: {late})")
        title = item_title(item, programmes, lang)
        by_programme.setdefault(item.programme_id, []).append(
            [number(item.number, lang), title, label(item.status, lang), resolutions]
        )
    headers = columns(
        lang, ("بند", "Item"), ("عنوان", "Title"), ("وضعیت", "Status"), ("مصوبات", "Resolutions")
    )
    for programme_id, rows in by_programme.items():
        programme = programmes.get(programme_id)
        name = (
            programme_id
            if programme is None
            else say(lang, fa=programme.title, en=programme.title_en or programme.title)
        )
        out.extend(
            [
                say(lang, fa=f"اجرای «{name}»:", en=f"Carrying out “{name}”:"),
                "",
                md_table(headers, rows),
                "",
            ]
        )
    return out
