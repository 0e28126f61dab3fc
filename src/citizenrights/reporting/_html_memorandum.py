"""The memorandum's sections of the HTML reports (private): NGOs, training, transparency.

The progress page ends with the transparency record, the NGOs in monitoring and each training
programme's coverage; an agency's page with its transparency record. The tables and sentences
are those of the Markdown (``_memorandum_tables``); a training programme adds a chart of each
course's coverage at the end of the period against the steady pace to the deadline.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence

from citizenrights.followup import NGOParticipation, TrainingCoverage, Transparency
from citizenrights.models.agencies import Agency
from citizenrights.reporting import _charts as charts
from citizenrights.reporting._charts import Bar
from citizenrights.reporting._html_parts import Block, Section, chart_block, table_of, text_block
from citizenrights.reporting._memorandum import MemorandumFigures
from citizenrights.reporting._memorandum_tables import (
    answer_words,
    course_title,
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
from citizenrights.scoring.inspections import InspectionScore
from citizenrights.vocabulary import Lang, percent, say

__all__ = [
    "agency_transparency_sections",
    "memorandum_sections",
    "ngo_section",
    "training_section",
    "transparency_section",
]

# The colour of a course's bar by its status in the last quarter.
_COLOURS = {
    "met": charts.GRADE_COLOURS["good"],
    "on_track": charts.PRIMARY,
    "behind": charts.GRADE_COLOURS["needs_improvement"],
    "unknown": charts.GRADE_COLOURS["none"],
}


def transparency_section(
    t: Transparency,
    agencies: Mapping[str, Agency],
    lang: Lang,
    answers: Mapping[str, str] | None = None,
) -> Section:
    """The publications next to the checklist items, the kinds not published, the next meeting."""
    blocks: list[Block] = []
    if t.published:
        blocks.append(table_of(publications_table(t, agencies, lang, answers), lang))
    else:
        blocks.append(text_block(nothing_yet(lang)))
    for sentence in (missing_text(t, lang, answers), next_meeting_text(t, lang)):
        if sentence is not None:
            blocks.append(text_block(sentence))
    return Section("transparency", transparency_title(lang), tuple(blocks))


def ngo_section(p: NGOParticipation, lang: Lang) -> Section:
    """The share of inspections with an NGO member, and the NGOs active in the period."""
    blocks = [text_block(p.explain(lang))]
    if p.ngos:
        blocks.append(table_of(ngo_table(p, lang), lang, id_last=True))
    return Section("ngos", ngo_title(lang), tuple(blocks))


def _coverage_chart(c: TrainingCoverage, lang: Lang) -> Block | None:
    latest = c.latest()
    if not latest:
        return None
    bars = [
        Bar(
            course_title(c, r.course),
            None if r.share is None else 100 * r.share,
            percent(r.share, lang, trim_zeros=True),
            _COLOURS[r.status],
            marker=100 * r.target,
        )
        for r in latest
    ]
    title = say(lang, fa="پوشش هر دوره", en="Coverage of each course")
    pace = say(lang, fa="پیشرفت یکنواخت تا مهلت", en="steady pace to the deadline")
    quarter = latest[0].quarter
    caption = say(
        lang,
        fa=f"سهم کارکنانی که هر دوره را تا پایان {quarter.label('fa')} گذرانده‌اند (درصد)؛ "
        "خط سیاه: پیشرفت یکنواخت تا مهلت",
        en=f"Share of the staff who had taken each course by the end of {quarter.label('en')} "
        "(percent); black mark: a steady pace to the deadline",
    )
    svg = charts.bar_chart(bars, lang, title=title, limit=100, marker_label=pace)
    return chart_block(svg, caption)


def training_section(c: TrainingCoverage, lang: Lang) -> Section:
    """A training programme: its deadline, a chart of the last quarter, the table by quarter."""
    blocks: list[Block] = [text_block(training_intro(c, lang))]
    chart = _coverage_chart(c, lang)
    if chart is not None:
        blocks.append(chart)
    blocks.append(table_of(training_table(c, lang), lang))
    return Section(f"training-{c.programme}", training_title(c, lang), tuple(blocks))


def memorandum_sections(
    figures: MemorandumFigures | None, agencies: Mapping[str, Agency], lang: Lang
) -> tuple[Section, ...]:
    """The memorandum's sections in the Markdown's order; none without figures."""
    if figures is None:
        return ()
    return (
        transparency_section(figures.transparency, agencies, lang),
        ngo_section(figures.ngos, lang),
        *(training_section(c, lang) for c in figures.training),
    )


def agency_transparency_sections(
    t: Transparency | None, agency: Agency, scores: Sequence[InspectionScore], lang: Lang
) -> tuple[Section, ...]:
    """An agency's transparency section, with the latest answers of its inspections; or none."""
    if t is None:
        return ()
    return (transparency_section(t, {agency.id: agency}, lang, answer_words(scores, lang)),)
