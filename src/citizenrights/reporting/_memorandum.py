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
from citizenrights.reporting._memorandum_tables import (
    CHECKLIST_ITEMS,
    answer_words,
    latest_answers,
    missing_text,
    next_meeting_text,
    ngo_table,
    ngo_title,
    nothing_yet,
    publications_table,
    training_intro,
    training_table,
    training_title,
    transparency_title,
)
from citizenrights.reporting._render import md_table
from citizenrights.reporting._tables import Table
from citizenrights.results import pydantic_support
from citizenrights.scoring.inspections import InspectionScore
from citizenrights.vocabulary import Lang, check_lang

if TYPE_CHECKING:
    from citizenrights.dataset import Dataset
    from citizenrights.evaluation.progress import ProgressPartial

__all__ = [
    "CHECKLIST_ITEMS",
    "MemorandumFigures",
    "agency_transparency_lines",
    "latest_answers",
    "memorandum_figures",
    "memorandum_lines",
    "ngo_lines",
    "progress_memorandum",
    "training_lines",
    "transparency_lines",
    "with_sections",
]


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


def progress_memorandum(partial: ProgressPartial) -> MemorandumFigures:
    """The memorandum's figures of a working group's progress report, from its folded partial.

    The same as [`memorandum_figures`][citizenrights.reporting._memorandum.memorandum_figures]
    on the loaded dataset for the group's agencies, the Jalali year of ``as_of``, ``as_of`` and
    the group: NGO participation and training coverage come from the partial's tallies, the
    publications and the next meeting from its reference records.
    """
    reference = partial.reference
    return MemorandumFigures(
        ngos=partial.ngo_participation(),
        training=partial.training_coverage(),
        transparency=transparency_record(
            reference.publications,
            partial.agencies,
            partial.as_of,
            meetings=reference.meetings,
            group_id=partial.group.id,
        ),
    )


def _table(table: Table, lang: Lang) -> str:
    return md_table(table.headers(lang), table.text_rows(lang))


def ngo_lines(p: NGOParticipation, lang: Lang) -> list[str]:
    """The NGO section: the share of inspections with an NGO member, and the active NGOs."""
    lang = check_lang(lang)
    lines = [f"## {ngo_title(lang)}", "", p.explain(lang), ""]
    if p.ngos:
        lines += [_table(ngo_table(p, lang), lang), ""]
    return lines


def training_lines(c: TrainingCoverage, lang: Lang) -> list[str]:
    """The section of one training programme: coverage by quarter, course and audience."""
    lang = check_lang(lang)
    return [
        f"## {training_title(c, lang)}",
        "",
        training_intro(c, lang),
        "",
        _table(training_table(c, lang), lang),
        "",
    ]


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
    lines = [f"## {transparency_title(lang)}", ""]
    if t.published:
        lines += [_table(publications_table(t, agencies, lang, answers), lang), ""]
    else:
        lines += [nothing_yet(lang), ""]
    for sentence in (missing_text(t, lang, answers), next_meeting_text(t, lang)):
        if sentence is not None:
            lines += [sentence, ""]
    return lines


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
    answers = answer_words(scores, check_lang(lang))
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
