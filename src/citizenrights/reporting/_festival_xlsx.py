"""The festival form's sheets (private): the summary ranked within groups, and the measures.

[`festival_sheets`][citizenrights.reporting.festival.festival_sheets] gives a workbook these
sheets with the periodic reports' sheet maker: a bold, frozen header row, right to left in
Persian, numbers kept as numbers (unrounded) with a display format.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from citizenrights.reporting import _festival_words as words
from citizenrights.reporting._xlsx_sheets import INT, SCORE, SHARE, Column, make_sheet
from citizenrights.scoring.festival import FestivalResult
from citizenrights.vocabulary import Lang, term

if TYPE_CHECKING:
    from openpyxl import Workbook

__all__ = ["MEASURE_COLUMNS", "SUMMARY_COLUMNS", "festival_fill"]

#: The columns of the summary sheet: one row per body, in the result's order.
SUMMARY_COLUMNS: tuple[Column, ...] = (
    ("گروه", "Group", None),
    ("سطح", "Level", None),
    ("رتبه", "Rank", INT),
    ("دستگاه", "Body", None),
    ("امتیاز (از ۱۰۰)", "Score (of 100)", SCORE),
    ("امتیاز کسب‌شده", "Points", SCORE),
    ("حداکثر امتیاز", "Maximum points", SCORE),
    ("سطح عملکرد", "Band", None),
    (term("data_coverage", "fa"), term("data_coverage", "en"), SHARE),
    ("شناسه دستگاه", "Body id", None),
    ("کد گروه", "Group code", None),
)

#: The columns of the measures sheet: one row per body per measure.
MEASURE_COLUMNS: tuple[Column, ...] = (
    ("دستگاه", "Body", None),
    ("شاخص", "Indicator", None),
    ("سنجه", "Measure", None),
    ("وزن", "Weight", SCORE),
    ("مقدار", "Value", SCORE),
    ("امتیاز", "Points", SCORE),
    ("مستندات", "Evidence", None),
    ("شناسه دستگاه", "Body id", None),
    ("کد سنجه", "Measure code", None),
)


def festival_fill(book: Workbook, result: FestivalResult, lang: Lang) -> None:
    """Add the summary and the measures sheets of a festival result to ``book``."""
    policy = result.policy
    summary = (
        (
            words.group_name(policy, r.group, lang),
            words.level_name(r.level, lang),
            r.rank,
            words.body_name(r, lang),
            r.score,
            r.points,
            r.max_points,
            None if r.band is None else r.band.label(lang),
            r.coverage,
            r.agency_id,
            r.group,
        )
        for r in result.rows
    )
    make_sheet(book, ("خلاصه", "Summary"), SUMMARY_COLUMNS, summary, lang)
    titles = words.measure_titles(policy, lang)
    indicator = words.indicator_name(lang)
    measures = (
        (
            words.body_name(r, lang),
            indicator,
            titles.get(m.code, m.code),
            m.weight,
            m.value,
            m.points,
            words.evidence_text(dict(m.evidence.counts), m.evidence.ids, lang) or None,
            r.agency_id,
            m.code,
        )
        for r in result.rows
        for m in r.measures
    )
    make_sheet(book, ("سنجه‌ها", "Measures"), MEASURE_COLUMNS, measures, lang)
