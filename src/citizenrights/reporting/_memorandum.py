"""The memorandum's sections of the reports: NGOs, training coverage, transparency (private).

[`memorandum_figures`][citizenrights.reporting._memorandum.memorandum_figures] gathers, for a set of
agencies, a period and a day, the NGO participation, the coverage of each training programme and
the transparency record (publications next to the checklist items that ask about them, and the
working group's next meeting); the functions ending in ``_lines`` render each as Markdown, and
[`with_sections`][citizenrights.reporting._memorandum.with_sections] adds them to a rendered page.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Collection, Mapping, Sequence
from typing import TYPE_CHECKING, Any

import attrs

from citizenrights.calendar import JalaliPeriod
from citizenrights.followup import (
    NGOParticipation,
    TrainingCoverage,
    Transparency,
    ngo_participation,
    training_coverage,
    transparency_record,
)
from citizenrights.models.agencies import Agency
from citizenrights.models.inspections import Answer
from citizenrights.models.memorandum import PublicationKind
from citizenrights.models.provinces import Province
from citizenrights.reporting._render import columns, day, md_table
from citizenrights.results import pydantic_support
from citizenrights.scoring.inspections import InspectionScore
from citizenrights.vocabulary import Lang, check_lang, join_list, label, number, percent, say

if TYPE_CHECKING:
    from citizenrights.dataset import Dataset

__all__ = [
    "CHECKLIST_ITEMS",
    "MemorandumFigures",
    "agency_transparency_lines",
    "latest_answers",
    "memorandum_figures",
    "memorandum_lines",
    "ngo_lines",
    "training_lines",
    "transparency_lines",
    "with_sections",
]

#: The items of the reference checklist that ask about what each kind of publication records.
CHECKLIST_ITEMS: Mapping[PublicationKind, str] = {
    PublicationKind.CHARTER: "ORG.2",
    PublicationKind.RESOLUTIONS: "ORG.1",
    PublicationKind.INSTRUCTIONS: "A08.3",
    PublicationKind.STRUCTURE: "A08.2",
}


@pydantic_support()
@attrs.frozen
class MemorandumFigures:
    """What the memorandum asks to follow, for a set of agencies, a period and a day.

    Attributes:
        ngos: NGO participation in the inspections and reports of the period.
        training: each training programme's coverage, quarter by quarter, in the period.
        transparency: the publications up to the day and the working group's next meeting.
    """

    ngos: NGOParticipation
    training: tuple[TrainingCoverage, ...]
    transparency: Transparency

    def to_dict(self) -> dict[str, Any]:
        """JSON-ready data with stable keys."""
        return {
            "ngos": self.ngos.to_dict(),
            "training": [t.to_dict() for t in self.training],
            "transparency": self.transparency.to_dict(),
        }


def memorandum_figures(
    dataset: Dataset,
    agencies: Collection[str],
    period: JalaliPeriod,
    as_of: dt.date,
    *,
    group_id: str | None = None,
) -> MemorandumFigures:
    """The memorandum's figures for some agencies, a period and a day.

    NGOs and training count in ``period`` (nothing dated after ``as_of``); publications up to
    ``as_of``; the next meeting of ``group_id`` after ``as_of``.
    """
    ids = frozenset(agencies)
    return MemorandumFigures(
        ngos=ngo_participation(
            dataset.agencies,
            (i for i in dataset.inspections if i.date <= as_of),
            dataset.ngos,
            (r for r in dataset.ngo_reports if r.date <= as_of),
            period,
            scope=ids,
        ),
        training=tuple(
            training_coverage(
                p,
                (t for t in dataset.trainings if t.date <= as_of),
                dataset.stats,
                dataset.agencies,
                period,
                scope=ids,
            )
            for p in dataset.training_programmes
        ),
        transparency=transparency_record(
            dataset.publications, ids, as_of, meetings=dataset.meetings, group_id=group_id
        ),
    )


def _province(code: str | None, lang: Lang) -> str:
    if code is None:
        return say(lang, fa="ملی", en="national")
    province = {p.code: p for p in Province}.get(code)
    if province is None:
        return code
    return province.name_fa if lang == "fa" else province.name_en


def ngo_lines(p: NGOParticipation, lang: Lang) -> list[str]:
    """The NGO section: the share of inspections with an NGO member, and the active NGOs."""
    lang = check_lang(lang)
    lines = [say(lang, fa="## سازمان‌های مردم‌نهاد در نظارت", en="## NGOs in monitoring"), ""]
    lines += [p.explain(lang), ""]
    if p.ngos:
        headers = columns(
            lang,
            ("سازمان مردم‌نهاد", "NGO"),
            ("استان", "Province"),
            ("بازرسی", "Inspections"),
            ("گزارش", "Reports"),
            ("شناسه", "Id"),
        )
        rows = [
            [a.name, _province(a.province, lang), number(a.inspections, lang, 0),
             number(a.reports, lang, 0), a.ngo_id]
            for a in p.ngos
        ]  # fmt: skip
        lines += [md_table(headers, rows), ""]
    return lines


_STATUS = {
    "met": ("تحقق‌یافته", "met"),
    "on_track": ("مطابق برنامه", "on track"),
    "behind": ("عقب از برنامه", "behind"),
    "unknown": ("نامعلوم (آمار کارکنان نیست)", "unknown (no staff count)"),
}


def training_lines(c: TrainingCoverage, lang: Lang) -> list[str]:
    """The section of one training programme: coverage by quarter, course and audience."""
    lang = check_lang(lang)
    title = c.title_en if lang == "en" and c.title_en else c.title
    lines = [say(lang, fa=f"## آموزش: {title}", en=f"## Training: {title}"), ""]
    audiences = join_list((label(a, lang) for a in c.audiences), lang)
    lines += [
        say(
            lang,
            fa=f"مهلت: {day(c.deadline, lang)}؛ مخاطبان: {audiences}؛ پوشش هر دوره تا پایان هر "
            "فصل، در برابر پیشرفت یکنواخت تا مهلت.",
            en=f"Deadline: {day(c.deadline, lang)}; audiences: {audiences}; each course's "
            "coverage at the end of each quarter, against a steady pace to the deadline.",
        ),
        "",
    ]
    audience_columns = [(label(a, "fa"), label(a, "en").capitalize()) for a in c.audiences]
    headers = columns(
        lang,
        ("فصل", "Quarter"),
        ("دوره", "Course"),
        *audience_columns,
        ("کارکنان", "Staff"),
        ("پوشش", "Coverage"),
        ("هدف", "Target"),
        ("وضعیت", "Status"),
    )
    rows = []
    for r in c.rows:
        fa, en = _STATUS[r.status]
        rows.append(
            [
                r.quarter.label(lang),
                c.course_titles.get(r.course, r.course),
                *(number(r.by_audience.get(a.value, 0), lang, 0) for a in c.audiences),
                "–" if r.staff is None else number(r.staff, lang, 0),
                percent(r.share, lang, trim_zeros=True),
                percent(r.target, lang, trim_zeros=True),
                say(lang, fa=fa, en=en),
            ]
        )
    lines += [md_table(headers, rows), ""]
    return lines


def transparency_lines(
    t: Transparency,
    agencies: Mapping[str, Agency],
    lang: Lang,
    *,
    answers: Mapping[str, str] | None = None,
) -> list[str]:
    """The transparency section: publications by kind next to the checklist item on the same thing.

    Args:
        t: the transparency record.
        agencies: the agencies by id, for their names.
        lang: ``fa`` or ``en``.
        answers: the checklist item's latest answer in words, by item code, when known (the
            agency report has them; the progress report does not).
    """
    lang = check_lang(lang)
    lines = [say(lang, fa="## شفافیت: آنچه منتشر شد", en="## Transparency: what was published"), ""]
    if t.published:
        headers = columns(
            lang,
            ("موضوع", "Kind"),
            ("بند چک‌لیست", "Checklist item"),
            ("عنوان", "Title"),
            ("کجا", "Where"),
            ("تاریخ", "Date"),
            ("دستگاه", "Agency"),
        )
        rows = []
        for p in t.published:
            item = CHECKLIST_ITEMS.get(p.kind, "–")
            if answers is not None and item in answers:
                item = f"{item} ({answers[item]})"
            agency = agencies.get(p.agency_id)
            rows.append(
                [
                    label(p.kind, lang),
                    item,
                    p.title,
                    p.where,
                    day(p.date, lang),
                    agency.name if agency is not None else p.agency_id,
                ]
            )
        lines += [md_table(headers, rows), ""]
    else:
        lines += [say(lang, fa="تا این تاریخ چیزی ثبت نشده است.", en="Nothing on record yet."), ""]
    if t.missing:
        words = answers or {}

        def answered(kind: PublicationKind) -> str:
            code = CHECKLIST_ITEMS[kind]
            return f"{code}: {words[code]}" if code in words else code

        kinds = join_list((f"{label(k, lang)} ({answered(k)})" for k in t.missing), lang)
        lines += [
            say(lang, fa=f"منتشرنشده: {kinds}.", en=f"Not published: {kinds}."),
            "",
        ]
    if t.next_meeting is not None:
        lines += [
            say(
                lang,
                fa=f"جلسهٔ بعدی کارگروه: {day(t.next_meeting, lang)}.",
                en=f"Next meeting of the working group: {day(t.next_meeting, lang)}.",
            ),
            "",
        ]
    return lines


def latest_answers(scores: Sequence[InspectionScore]) -> dict[str, Answer | int]:
    """The latest answer to each checklist item of `CHECKLIST_ITEMS`, over the scores by date."""
    wanted = set(CHECKLIST_ITEMS.values())
    answers: dict[str, Answer | int] = {}
    for score in sorted(scores, key=lambda s: (s.date, s.inspection_id)):
        for item in score.items:
            if item.code in wanted and item.answer is not None:
                answers[item.code] = item.answer
    return answers


def _answer_words(answers: Mapping[str, Answer | int], lang: Lang) -> dict[str, str]:
    return {
        code: label(a, lang) if isinstance(a, Answer) else number(a, lang, 0)
        for code, a in answers.items()
    }


def agency_transparency_lines(
    transparency: Transparency | None,
    agency: Agency,
    scores: Sequence[InspectionScore],
    lang: Lang,
) -> list[str]:
    """An agency report's transparency section, or nothing without a record.

    Its publications are shown next to the checklist items on the same things, with the latest
    answer of the period's inspections.
    """
    if transparency is None:
        return []
    answers = _answer_words(latest_answers(scores), check_lang(lang))
    return transparency_lines(transparency, {agency.id: agency}, lang, answers=answers)


def memorandum_lines(
    figures: MemorandumFigures, agencies: Mapping[str, Agency], lang: Lang
) -> list[str]:
    """All three sections: transparency, NGOs, then each training programme."""
    lines = transparency_lines(figures.transparency, agencies, lang)
    lines += ngo_lines(figures.ngos, lang)
    for coverage in figures.training:
        lines += training_lines(coverage, lang)
    return lines


def with_sections(page_text: str, lines: Sequence[str], lang: Lang) -> str:
    """A rendered Markdown page with more lines added at its end (inside the right-to-left wrap)."""
    if not lines:
        return page_text
    extra = "\n".join(lines).strip()
    closing = "\n\n</div>\n"
    if check_lang(lang) == "fa" and page_text.endswith(closing):
        return page_text[: -len(closing)] + "\n\n" + extra + closing
    return page_text.rstrip("\n") + "\n\n" + extra + "\n"
