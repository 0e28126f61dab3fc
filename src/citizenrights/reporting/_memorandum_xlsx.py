"""The memorandum's sheets of the Excel workbooks (private): NGOs, training, transparency.

A progress report's workbook gains the memorandum's figures (inspections with an NGO member,
NGO reports, NGOs active, the working group's next meeting), the publications next to the
checklist items, the kinds not published yet, the NGOs active and a sheet per training programme;
an agency report's workbook its publications, the kinds not published and its group's next
meeting. The tables are those of the Markdown and HTML (``_memorandum_tables``), with numbers
kept as numbers and days as date cells with their Jalali text beside.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Mapping, Sequence
from typing import TYPE_CHECKING

from citizenrights.followup import NGOParticipation, TrainingCoverage, Transparency
from citizenrights.models.agencies import Agency
from citizenrights.reporting._memorandum import MemorandumFigures
from citizenrights.reporting._memorandum_tables import (
    answer_words,
    missing_table,
    ngo_table,
    publications_table,
    training_table,
)
from citizenrights.reporting._tables import DATE, INT, SHARE
from citizenrights.reporting._xlsx_sheets import Column, make_sheet, table_sheet
from citizenrights.scoring.inspections import InspectionScore
from citizenrights.vocabulary import Lang, jalali, say

if TYPE_CHECKING:
    from openpyxl import Workbook

__all__ = ["agency_transparency_sheets", "memorandum_sheets"]

# A figure: Persian and English names, its value and its display format.
Figure = tuple[str, str, int | float | dt.date | None, str]

_FIGURES = ("ارقام تفاهم‌نامه", "Memorandum figures")

# Characters a sheet's title may not hold.
_NOT_IN_TITLES = re.compile(r"[\[\]:*?/\\]")


def _figures_sheet(book: Workbook, figures: Sequence[Figure], lang: Lang) -> None:
    """Figure, value (a number or a date cell, with its format) and a day's Jalali text."""
    cols: list[Column] = [
        ("شاخص", "Figure", None),
        ("مقدار", "Value", None),
        ("تاریخ شمسی", "Jalali date", None),
    ]
    rows = (
        (
            say(lang, fa=fa, en=en),
            value,
            jalali(value, lang) if isinstance(value, dt.date) else None,
        )
        for fa, en, value, _ in figures
    )
    make_sheet(book, _FIGURES, cols, rows, lang)
    sheet = book.worksheets[-1]
    for n, (_fa, _en, value, fmt) in enumerate(figures):
        if value is not None:
            sheet.cell(row=n + 2, column=2).number_format = fmt


def _next_meeting(t: Transparency) -> Figure:
    return ("جلسهٔ بعدی کارگروه", "Next meeting of the working group", t.next_meeting, DATE)


def _ngo_figures(p: NGOParticipation) -> list[Figure]:
    return [
        ("بازرسی‌های دوره", "Inspections in the period", p.inspections, INT),
        ("بازرسی با عضو سازمان مردم‌نهاد", "Inspections with an NGO member", p.with_ngo, INT),
        ("سهم بازرسی با عضو سازمان مردم‌نهاد", "Share with an NGO member", p.share, SHARE),
        ("گزارش‌های سازمان‌های مردم‌نهاد", "NGO reports", p.reports, INT),
        ("سازمان‌های مردم‌نهاد فعال", "NGOs active", len(p.ngos), INT),
    ]


def _transparency_sheets(
    book: Workbook,
    t: Transparency,
    agencies: Mapping[str, Agency],
    lang: Lang,
    answers: Mapping[str, str] | None = None,
) -> None:
    publications = publications_table(t, agencies, lang, answers)
    table_sheet(book, ("انتشارها", "Publications"), publications, lang)
    table_sheet(book, ("منتشرنشده", "Not published"), missing_table(t, lang, answers), lang)


def _training_sheet(book: Workbook, c: TrainingCoverage, lang: Lang) -> None:
    code = _NOT_IN_TITLES.sub("-", c.programme)
    table_sheet(book, (f"آموزش {code}", f"Training {code}"), training_table(c, lang), lang)


def memorandum_sheets(
    book: Workbook, figures: MemorandumFigures | None, agencies: Mapping[str, Agency], lang: Lang
) -> None:
    """A progress report's memorandum sheets; none without figures."""
    if figures is None:
        return
    _figures_sheet(book, [*_ngo_figures(figures.ngos), _next_meeting(figures.transparency)], lang)
    _transparency_sheets(book, figures.transparency, agencies, lang)
    table_sheet(book, ("سازمان‌های مردم‌نهاد", "NGOs"), ngo_table(figures.ngos, lang), lang)
    for coverage in figures.training:
        _training_sheet(book, coverage, lang)


def agency_transparency_sheets(
    book: Workbook,
    t: Transparency | None,
    agency: Agency,
    scores: Sequence[InspectionScore],
    lang: Lang,
) -> None:
    """An agency's transparency sheets; none without a record.

    Its publications (with its inspections' latest answers), the kinds not published and its
    group's next meeting.
    """
    if t is None:
        return
    _figures_sheet(book, [_next_meeting(t)], lang)
    _transparency_sheets(book, t, {agency.id: agency}, lang, answer_words(scores, lang))
