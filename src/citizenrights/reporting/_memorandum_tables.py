"""The memorandum's tables and sentences, built once for every format (private).

The Markdown (``_memorandum``), HTML (``_html_memorandum``) and Excel (``_memorandum_xlsx``)
renderings of the memorandum's sections read their headings, sentences and
[`Table`][citizenrights.reporting._tables.Table]s from here: the NGOs active in the period, each
training programme's coverage by quarter, course and audience, the publications next to the
checklist items that ask about them, and the kinds not yet published.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence

from citizenrights.followup import NGOParticipation, TrainingCoverage, Transparency
from citizenrights.models.agencies import Agency
from citizenrights.models.inspections import Answer
from citizenrights.models.memorandum import PublicationKind
from citizenrights.models.provinces import Province
from citizenrights.reporting._render import agency_name, day
from citizenrights.reporting._tables import DATE, INT, SHARE, Col, Day, Num, Share, Table
from citizenrights.scoring.inspections import InspectionScore
from citizenrights.vocabulary import Lang, join_list, label, number, say

__all__ = [
    "CHECKLIST_ITEMS",
    "STATUS",
    "answer_words",
    "course_title",
    "latest_answers",
    "missing_table",
    "missing_text",
    "next_meeting_text",
    "ngo_table",
    "ngo_title",
    "nothing_yet",
    "province_name",
    "publications_table",
    "training_intro",
    "training_table",
    "training_title",
    "transparency_title",
]

#: The items of the reference checklist that ask about what each kind of publication records.
CHECKLIST_ITEMS: Mapping[PublicationKind, str] = {
    PublicationKind.CHARTER: "ORG.2",
    PublicationKind.RESOLUTIONS: "ORG.1",
    PublicationKind.INSTRUCTIONS: "A08.3",
    PublicationKind.STRUCTURE: "A08.2",
}

#: A course's status in a quarter, in Persian and English.
STATUS: Mapping[str, tuple[str, str]] = {
    "met": ("تحقق‌یافته", "met"),
    "on_track": ("مطابق برنامه", "on track"),
    "behind": ("عقب از برنامه", "behind"),
    "unknown": ("نامعلوم (آمار کارکنان نیست)", "unknown (no staff count)"),
}


def province_name(code: str | None, lang: Lang) -> str:
    """A province's name from its code (``national`` for none; the code if unknown)."""
    if code is None:
        return say(lang, fa="ملی", en="national")
    province = {p.code: p for p in Province}.get(code)
    if province is None:
        return code
    return province.name_fa if lang == "fa" else province.name_en


# -- NGOs --------------------------------------------------------------------------------------


def ngo_title(lang: Lang) -> str:
    return say(lang, fa="سازمان‌های مردم‌نهاد در نظارت", en="NGOs in monitoring")


def ngo_table(p: NGOParticipation, lang: Lang) -> Table:
    """The NGOs active in the period: province, inspections and reports (a sheet adds codes)."""
    cols = (
        Col("سازمان مردم‌نهاد", "NGO"),
        Col("استان", "Province"),
        Col("بازرسی", "Inspections", INT),
        Col("گزارش", "Reports", INT),
        Col("شناسه", "Id"),
        Col("کد استان", "Province code", sheet_only=True),
    )
    rows = tuple(
        (
            a.name,
            province_name(a.province, lang),
            Num(a.inspections, 0),
            Num(a.reports, 0),
            a.ngo_id,
            a.province,
        )
        for a in p.ngos
    )
    return Table(cols, rows)


# -- training ----------------------------------------------------------------------------------


def training_title(c: TrainingCoverage, lang: Lang) -> str:
    title = c.title_en if lang == "en" and c.title_en else c.title
    return say(lang, fa=f"آموزش: {title}", en=f"Training: {title}")


def training_intro(c: TrainingCoverage, lang: Lang) -> str:
    """The deadline and audiences of a programme, and what its table shows."""
    audiences = join_list((label(a, lang) for a in c.audiences), lang)
    return say(
        lang,
        fa=f"مهلت: {day(c.deadline, lang)}؛ مخاطبان: {audiences}؛ پوشش هر دوره تا پایان هر "
        "فصل، در برابر پیشرفت یکنواخت تا مهلت.",
        en=f"Deadline: {day(c.deadline, lang)}; audiences: {audiences}; each course's "
        "coverage at the end of each quarter, against a steady pace to the deadline.",
    )


def course_title(c: TrainingCoverage, course: str) -> str:
    return c.course_titles.get(course, course)


def training_table(c: TrainingCoverage, lang: Lang) -> Table:
    """A programme's coverage: a row per quarter and course, people by audience, share, target.

    A sheet adds the quarter's and the course's codes.
    """
    cols = (
        Col("فصل", "Quarter"),
        Col("دوره", "Course"),
        *(Col(label(a, "fa"), label(a, "en").capitalize(), INT) for a in c.audiences),
        Col("کارکنان", "Staff", INT),
        Col("پوشش", "Coverage", SHARE),
        Col("هدف", "Target", SHARE),
        Col("وضعیت", "Status"),
        Col("کد فصل", "Quarter code", sheet_only=True),
        Col("کد دوره", "Course code", sheet_only=True),
    )
    rows = tuple(
        (
            r.quarter.label(lang),
            course_title(c, r.course),
            *(Num(r.by_audience.get(a.value, 0), 0) for a in c.audiences),
            None if r.staff is None else Num(r.staff, 0),
            Share(r.share, trim=True),
            Share(r.target, trim=True),
            say(lang, fa=STATUS[r.status][0], en=STATUS[r.status][1]),
            str(r.quarter),
            r.course,
        )
        for r in c.rows
    )
    return Table(cols, rows)


# -- transparency ------------------------------------------------------------------------------


def transparency_title(lang: Lang) -> str:
    return say(lang, fa="شفافیت: آنچه منتشر شد", en="Transparency: what was published")


def publications_table(
    t: Transparency,
    agencies: Mapping[str, Agency],
    lang: Lang,
    answers: Mapping[str, str] | None = None,
) -> Table:
    """The publications, each next to the checklist item on the same thing (and its answer).

    ``answers`` holds the item's latest answer in words, by item code, when known. A sheet adds
    the address and the agency's id.
    """
    cols = (
        Col("موضوع", "Kind"),
        Col("بند چک‌لیست", "Checklist item"),
        Col("عنوان", "Title"),
        Col("کجا", "Where"),
        Col("تاریخ", "Date", DATE, jalali=("تاریخ شمسی", "Jalali date")),
        Col("دستگاه", "Agency"),
        Col("نشانی", "Address", sheet_only=True),
        Col("شناسه دستگاه", "Agency id", sheet_only=True),
    )
    rows = []
    for p in t.published:
        item = CHECKLIST_ITEMS.get(p.kind, "–")
        if answers is not None and item in answers:
            item = f"{item} ({answers[item]})"
        rows.append(
            (
                label(p.kind, lang),
                item,
                p.title,
                p.where,
                Day(p.date),
                agency_name(p.agency_id, agencies, lang),
                p.url,
                p.agency_id,
            )
        )
    return Table(cols, tuple(rows))


def missing_table(t: Transparency, lang: Lang, answers: Mapping[str, str] | None = None) -> Table:
    """The kinds not published yet, with the checklist item on each and its latest answer."""
    words = answers or {}
    cols = (
        Col("موضوع", "Kind"),
        Col("بند چک‌لیست", "Checklist item"),
        Col("آخرین پاسخ", "Latest answer"),
        Col("کد موضوع", "Kind code", sheet_only=True),
    )
    rows = tuple(
        (
            label(k, lang),
            CHECKLIST_ITEMS[k],
            words.get(CHECKLIST_ITEMS[k]),
            k.value,
        )
        for k in t.missing
    )
    return Table(cols, rows)


def missing_text(
    t: Transparency, lang: Lang, answers: Mapping[str, str] | None = None
) -> str | None:
    """The kinds not published yet in one sentence; ``None`` when every kind is."""
    if not t.missing:
        return None
    words = answers or {}

    def answered(kind: PublicationKind) -> str:
        code = CHECKLIST_ITEMS[kind]
        return f"{code}: {words[code]}" if code in words else code

    kinds = join_list((f"{label(k, lang)} ({answered(k)})" for k in t.missing), lang)
    return say(lang, fa=f"منتشرنشده: {kinds}.", en=f"Not published: {kinds}.")


def next_meeting_text(t: Transparency, lang: Lang) -> str | None:
    """The working group's next meeting in one sentence; ``None`` when none is scheduled."""
    if t.next_meeting is None:
        return None
    return say(
        lang,
        fa=f"جلسهٔ بعدی کارگروه: {day(t.next_meeting, lang)}.",
        en=f"Next meeting of the working group: {day(t.next_meeting, lang)}.",
    )


def nothing_yet(lang: Lang) -> str:
    return say(lang, fa="تا این تاریخ چیزی ثبت نشده است.", en="Nothing on record yet.")


def latest_answers(scores: Sequence[InspectionScore]) -> dict[str, Answer | int]:
    """The latest answer to each checklist item of `CHECKLIST_ITEMS`, over the scores by date."""
    wanted = set(CHECKLIST_ITEMS.values())
    answers: dict[str, Answer | int] = {}
    for score in sorted(scores, key=lambda s: (s.date, s.inspection_id)):
        for item in score.items:
            if item.code in wanted and item.answer is not None:
                answers[item.code] = item.answer
    return answers


def answer_words(scores: Sequence[InspectionScore], lang: Lang) -> dict[str, str]:
    """The latest answers (`latest_answers`) in words, by item code."""
    return {
        code: label(a, lang) if isinstance(a, Answer) else number(a, lang, 0)
        for code, a in latest_answers(scores).items()
    }
