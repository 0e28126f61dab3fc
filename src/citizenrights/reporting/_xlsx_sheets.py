"""The sheets of the Excel workbooks (private): one function per table, and the sheet maker.

[`citizenrights.reporting.xlsx`][citizenrights.reporting.xlsx] puts them together. Each sheet
has a bold, frozen header row, runs right to left in Persian, keeps numbers as numbers with a
display format, and dates as date cells with their Jalali text in the next column.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Mapping, Sequence
from typing import TYPE_CHECKING, Any

from citizenrights.followup import Coverage, GroupProgress, OverdueFinding
from citizenrights.models.agencies import Agency
from citizenrights.models.groups import WorkingGroup
from citizenrights.reporting._critical_md import merged_critical
from citizenrights.reporting._headings import section_pair
from citizenrights.reporting._national import province_rows, provinces_of
from citizenrights.reporting._progress_md import group_name
from citizenrights.reporting._render import grade_text
from citizenrights.reporting._tables import (
    DATE,
    INT,
    RATE,
    SCORE,
    SHARE,
    Table,
    critical_table,
    overdue_table,
)
from citizenrights.reporting.figures import CriticalFinding, RankedAgency
from citizenrights.scoring.policies import Grade
from citizenrights.scoring.rollup import RollUp
from citizenrights.vocabulary import Lang, jalali, say, term

if TYPE_CHECKING:
    from openpyxl import Workbook

__all__ = [
    "DATE",
    "DATE_COLS",
    "INT",
    "RATE",
    "SCORE",
    "SHARE",
    "Column",
    "critical_sheet",
    "figures_sheet",
    "groups_sheet",
    "jalali_text",
    "make_sheet",
    "overdue_sheet",
    "provinces_sheet",
    "ranking_sheet",
    "table_sheet",
]


# A column: (Persian header, English header, display format or None for text).
Column = tuple[str, str, str | None]


def make_sheet(
    book: Workbook,
    title: tuple[str, str],
    cols: Sequence[Column],
    rows: Iterable[Sequence[Any]],
    lang: Lang,
) -> None:
    from openpyxl.styles import Font

    sheet = book.create_sheet(say(lang, fa=title[0], en=title[1])[:31])
    sheet.sheet_view.rightToLeft = lang == "fa"
    sheet.append([say(lang, fa=fa, en=en) for fa, en, _ in cols])
    for cell in sheet[1]:
        cell.font = Font(bold=True)
    widths = [len(say(lang, fa=fa, en=en)) for fa, en, _ in cols]
    for row in rows:
        sheet.append(list(row))
        for n, value in enumerate(row):
            if isinstance(value, str):
                widths[n] = max(widths[n], min(len(value), 60))
            elif value is not None:
                widths[n] = max(widths[n], 12)
    for n, (_fa, _en, fmt) in enumerate(cols):
        letter = sheet.cell(row=1, column=n + 1).column_letter
        sheet.column_dimensions[letter].width = widths[n] + 2
        if fmt is None:
            continue
        for (cell,) in sheet.iter_rows(min_row=2, min_col=n + 1, max_col=n + 1):
            if cell.value is not None:
                cell.number_format = fmt
    sheet.freeze_panes = "A2"


def table_sheet(book: Workbook, title: tuple[str, str], table: Table, lang: Lang) -> None:
    """A sheet of a table built once for every format (numbers as numbers, days as dates)."""
    make_sheet(book, title, table.sheet_cols(), table.sheet_rows(lang), lang)


def jalali_text(d: dt.date | None, lang: Lang) -> str | None:
    return None if d is None else jalali(d, lang)


def _grade(grade: Grade | None, lang: Lang) -> str:
    return grade_text(grade, lang)


# The columns of the sheets a report and an agency's report share.
DATE_COLS: tuple[Column, Column] = (("تاریخ", "Date", DATE), ("تاریخ شمسی", "Jalali date", None))


def ranking_sheet(book: Workbook, rows: Sequence[RankedAgency], lang: Lang) -> None:
    cols: list[Column] = [
        ("گروه همتا", "Peer group", None),
        ("رتبه", "Rank", INT),
        ("دستگاه", "Agency", None),
        ("شاخص", "Index", SCORE),
        ("درجه", "Grade", None),
        ("بازرسی", "Inspection", SCORE),
        ("دوره قبل", "Previous", SCORE),
        ("تغییر", "Change", SCORE),
        (term("data_coverage", "fa"), term("data_coverage", "en"), SHARE),
        ("شناسه دستگاه", "Agency id", None),
        ("کد گروه", "Group code", None),
    ]
    body = (
        (
            r.group_label(lang),
            r.rank,
            say(lang, fa=r.name, en=r.name_en or r.name),
            r.score,
            _grade(r.grade, lang),
            r.inspection,
            r.previous,
            r.change,
            r.coverage,
            r.agency_id,
            r.group,
        )
        for r in rows
    )
    make_sheet(book, ("رتبه‌بندی", "Ranking"), cols, body, lang)


def critical_sheet(
    book: Workbook, findings: Sequence[CriticalFinding], agencies: Mapping[str, Agency], lang: Lang
) -> None:
    table = critical_table(merged_critical(findings), agencies, lang)
    table_sheet(book, section_pair("critical"), table, lang)


def overdue_sheet(
    book: Workbook, findings: Sequence[OverdueFinding], agencies: Mapping[str, Agency], lang: Lang
) -> None:
    # All of them, each inspection's findings in their order.
    ordered = sorted(findings, key=lambda o: (-o.age_days, o.agency_id, o.inspection_id, o.index))
    table = overdue_table(ordered, agencies, lang)
    table_sheet(book, section_pair("overdue"), table, lang)


def figures_sheet(
    book: Workbook,
    title: tuple[str, str],
    figures: Sequence[tuple[str, str, float | int | None, str]],
    lang: Lang,
) -> None:
    cols: list[Column] = [("شاخص", "Figure", None), ("مقدار", "Value", None)]
    make_sheet(book, title, cols, ((say(lang, fa=fa, en=en), v) for fa, en, v, _ in figures), lang)
    sheet = book[say(lang, fa=title[0], en=title[1])[:31]]
    for n, (_fa, _en, value, fmt) in enumerate(figures):
        if value is not None:
            sheet.cell(row=n + 2, column=2).number_format = fmt


def groups_sheet(
    book: Workbook,
    progress: Sequence[GroupProgress],
    names: Mapping[str, WorkingGroup],
    lang: Lang,
) -> None:
    cols: list[Column] = [
        ("کارگروه", "Working group", None),
        *DATE_COLS,
        ("جلسات سال جاری", "Meetings this year", INT),
        ("جلسات لازم در سال", "Meetings required a year", INT),
        ("مصوبات", "Resolutions", INT),
        ("انجام‌شده", "Done", INT),
        ("منتفی", "Dropped", INT),
        ("باز یا در حال اجرا", "Open or in progress", INT),
        ("معوق", "Overdue", INT),
        ("میزان اجرا", "Implementation rate", SHARE),
        ("میانگین تأخیر (روز کاری)", "Mean delay (working days)", SCORE),
        ("بیشترین تأخیر (روز کاری)", "Longest delay (working days)", INT),
        ("شناسه کارگروه", "Group id", None),
    ]
    body = (
        (
            group_name(g.group_id, names, lang),
            g.as_of,
            jalali_text(g.as_of, lang),
            g.meetings_held[max(g.meetings_held)] if g.meetings_held else 0,
            g.meetings_required,
            g.resolutions,
            g.done,
            g.dropped,
            g.open,
            len(g.overdue),
            g.implementation_rate,
            g.mean_delay_days,
            g.max_delay_days,
            g.group_id,
        )
        for g in progress
    )
    make_sheet(book, section_pair("groups"), cols, body, lang)


def provinces_sheet(
    book: Workbook,
    roll_ups: Sequence[RollUp],
    coverage: Coverage,
    agencies: Mapping[str, Agency],
    lang: Lang,
) -> None:
    """The provinces ranked by mean index, with their inspection coverage (national reports)."""
    rows = province_rows(roll_ups, coverage, agencies)
    table_sheet(book, section_pair("provinces"), provinces_of(rows, lang, 2), lang)
