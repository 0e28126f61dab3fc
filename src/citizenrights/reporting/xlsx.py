"""Reports as Excel workbooks (extra ``xlsx``: openpyxl): a sheet per table.

A periodic [`Report`][citizenrights.reporting.report.Report] gives the sheets summary (the headline
figures, and every critical failure and corrective action past due counted, listed or not),
ranking, critical items not met, complaints, training, corrective actions past due and working-group progress (and,
for the nation, the provinces ranked); an
[`AgencyReport`][citizenrights.reporting.report.AgencyReport] its summary (with its own counts
in all), index components,
inspections, critical items not met and corrective actions past due, and (with a transparency
record) its memorandum figures (the working group's next meeting), publications next to the
checklist items and the kinds not published yet; a
[`ProgressReport`][citizenrights.reporting.progress.ProgressReport] its progress, programme items
and corrective actions past due, and the memorandum's sheets: its figures (NGO participation, the
next meeting), publications, kinds not published, NGOs active, and a sheet per training programme
(coverage by quarter, course and audience against the steady pace to the deadline).

Every sheet has its header row frozen and, in Persian, runs right to left. Numbers are stored as
numbers, unrounded, with a display format (``0.00`` for scores, ``0.0%`` for shares); every day is
a real date cell (ISO) with its Jalali date as text in the next column; ids are in the last
columns.
"""

from __future__ import annotations

import io
import os
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING

from citizenrights.errors import CitizenRightsError

# What the workbooks read of the reports (their fields): this module is called by the report
# modules and does not import them back.
from citizenrights.reporting._fields import AgencyFields, PeriodicFields, ProgressFields
from citizenrights.reporting._headings import report_title, section_pair
from citizenrights.reporting._memorandum_xlsx import agency_transparency_sheets, memorandum_sheets
from citizenrights.reporting._tables import components_table, inspections_table
from citizenrights.reporting._xlsx_sheets import (
    INT,
    RATE,
    SCORE,
    SHARE,
    Column,
    critical_sheet,
    figures_sheet,
    groups_sheet,
    make_sheet,
    overdue_sheet,
    provinces_sheet,
    ranking_sheet,
    table_sheet,
)
from citizenrights.vocabulary import check_lang, label, term

if TYPE_CHECKING:
    from openpyxl import Workbook


__all__ = [
    "XlsxUnavailableError",
    "agency_sheets",
    "agency_workbook",
    "progress_sheets",
    "progress_workbook",
    "report_sheets",
    "report_workbook",
]

_MISSING = "Excel output needs openpyxl; install citizenrights[xlsx]"


class XlsxUnavailableError(CitizenRightsError, ImportError):
    """openpyxl (the extra ``xlsx``) is not installed."""


def _workbook() -> Workbook:
    try:
        from openpyxl import Workbook
    except ImportError:
        raise XlsxUnavailableError(_MISSING) from None
    book = Workbook()
    if book.active is not None:
        book.remove(book.active)
    return book


def _workbook_bytes(fill: Callable[[Workbook], None]) -> bytes:
    """The ``.xlsx`` bytes of a new workbook that ``fill`` gives its sheets.

    Raises:
        XlsxUnavailableError: when openpyxl is not installed.
    """
    book = _workbook()
    fill(book)
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


def _save(data: bytes, path: str | os.PathLike[str]) -> Path:
    target = Path(path)
    target.write_bytes(data)
    return target


def _totals(critical: int, overdue: int) -> list[tuple[str, str, float | int | None, str]]:
    """Every critical failure and finding past due counted, listed in their sheets or not."""
    return [
        ("عدم انطباق در بند حیاتی (همه)", "Critical items not met (all)", critical, INT),
        ("اقدامات اصلاحی معوق (همه)", "Corrective actions past due (all)", overdue, INT),
    ]


def report_sheets(report: PeriodicFields, lang: str = "fa") -> bytes:
    """A periodic report's workbook as bytes (see the module docstring for its sheets).

    Raises:
        XlsxUnavailableError: when openpyxl is not installed.
        UnsupportedLanguageError: for a ``lang`` other than ``fa`` or ``en``.
    """
    la = check_lang(lang)

    def fill(book: Workbook) -> None:
        # The workbook's title (its document properties) is the report's, whom it is for too.
        book.properties.title = report_title(report, la)
        s = report.summary
        figures_sheet(
            book,
            ("خلاصه", "Summary"),
            [
                ("دستگاه‌های مشمول", "Agencies in scope", s.agencies, INT),
                ("دستگاه‌های دارای شاخص", "Agencies with an index", s.indexed, INT),
                ("بازرسی‌ها", "Inspections", s.inspections, INT),
                ("بازرسی‌های مشترک", "Joint inspections", s.joint, INT),
                ("بازرسی‌های امتیازدار", "Scored inspections", s.scored, INT),
                ("بازرسی‌های ناقص", "Incomplete inspections", s.incomplete, INT),
                ("میانگین امتیاز بازرسی", "Mean inspection score", s.mean_inspection, SCORE),
                ("میانگین شاخص دستگاه‌ها", "Mean agency index", s.mean_index, SCORE),
                ("دوره قبل", "Previous period", s.previous_mean_index, SCORE),
                ("تغییر", "Change", s.change, SCORE),
                *_totals(report.critical_total, report.overdue_total),
            ],
            la,
        )
        ranking_sheet(book, report.ranking, la)
        if report.scope.kind == "national":
            provinces_sheet(book, report.roll_ups, report.coverage, report.agencies, la)
        critical_sheet(book, report.critical, report.agencies, la)
        c, t = report.complaints, report.training
        figures_sheet(
            book,
            section_pair("complaints"),
            [
                ("شکایات دریافت‌شده", "Received", c.received, INT),
                ("مختومه", "Closed", c.closed, INT),
                (term("still_open", "fa"), "Still open", c.open, INT),
                (term("upheld_complaints", "fa"), "Upheld", c.upheld, INT),
                (term("grave_complaints", "fa"), "Grave, upheld", c.grave_upheld, INT),
                ("رد یا مسترد", "Dismissed or withdrawn", c.dismissed, INT),
                ("پاسخ به‌موقع", "Answered in time", c.on_time, INT),
                ("سهم پاسخ به‌موقع", "Share answered in time", c.on_time_share, SHARE),
                ("خدمات ارائه‌شده", "Services delivered", c.services, INT),
                (
                    f"{term('upheld_complaints', 'fa')} در هر هزار خدمت",
                    "Upheld per 1,000 services",
                    c.upheld_per_1000,
                    RATE,
                ),
            ],
            la,
        )
        figures_sheet(
            book,
            section_pair("training"),
            [
                ("کارکنان", "Staff", t.staff, INT),
                (term("trained_to_minimum", "fa"), "Trained to the threshold", t.trained, INT),
                ("سهم", "Share", t.share, SHARE),
                ("ساعات آموزش", "Training hours", t.hours, "0.0"),
                ("افراد آموزش‌دیده", "People trained", t.people, INT),
                ("سوابق شمرده‌نشده (مخاطبان دیگر)", "Records of other audiences", t.left_out, INT),
            ],
            la,
        )
        overdue_sheet(book, report.overdue, report.agencies, la)
        groups_sheet(book, report.groups, report.group_names, la)

    return _workbook_bytes(fill)


def report_workbook(report: PeriodicFields, path: str | os.PathLike[str], lang: str = "fa") -> Path:
    """Write a periodic report's workbook to ``path``; the path written."""
    return _save(report_sheets(report, lang), path)


def agency_sheets(report: AgencyFields, lang: str = "fa") -> bytes:
    """An agency report's workbook as bytes.

    Raises:
        XlsxUnavailableError: when openpyxl is not installed.
        UnsupportedLanguageError: for a ``lang`` other than ``fa`` or ``en``.
    """
    la = check_lang(lang)
    names = {report.agency.id: report.agency}
    row = report.row

    def fill(book: Workbook) -> None:
        figures_sheet(
            book,
            ("خلاصه", "Summary"),
            [
                ("شاخص", "Index", row.score, SCORE),
                ("رتبه در گروه همتا", "Rank in the peer group", row.rank, INT),
                ("دستگاه‌های گروه همتا", "Agencies in the peer group", report.peers, INT),
                ("دوره قبل", "Previous period", row.previous, SCORE),
                ("تغییر", "Change", row.change, SCORE),
                (term("data_coverage", "fa"), term("data_coverage", "en"), row.coverage, SHARE),
                *_totals(
                    len(report.critical)
                    if report.critical_total is None
                    else report.critical_total,
                    len(report.overdue) if report.overdue_total is None else report.overdue_total,
                ),
            ],
            la,
        )
        components = components_table(report.index, la)
        table_sheet(book, section_pair("components"), components, la)
        inspections = inspections_table(report.inspections, la)
        table_sheet(book, section_pair("inspections"), inspections, la)
        critical_sheet(book, report.critical, names, la)
        overdue_sheet(book, report.overdue, names, la)
        agency_transparency_sheets(book, report.transparency, report.agency, report.inspections, la)

    return _workbook_bytes(fill)


def agency_workbook(report: AgencyFields, path: str | os.PathLike[str], lang: str = "fa") -> Path:
    """Write an agency report's workbook to ``path``; the path written."""
    return _save(agency_sheets(report, lang), path)


def progress_sheets(report: ProgressFields, lang: str = "fa") -> bytes:
    """A working group's progress report as workbook bytes.

    Raises:
        XlsxUnavailableError: when openpyxl is not installed.
        UnsupportedLanguageError: for a ``lang`` other than ``fa`` or ``en``.
    """
    la = check_lang(lang)
    names = {report.group.id: report.group}

    def fill(book: Workbook) -> None:
        groups_sheet(book, [report.progress], names, la)
        cols: list[Column] = [
            ("برنامه", "Programme", None),
            ("بند", "Item", INT),
            ("عنوان", "Title", None),
            ("وضعیت", "Status", None),
            ("مصوبات", "Resolutions", None),
            ("معوق", "Overdue", None),
        ]
        items = (
            (
                i.programme_id,
                i.number,
                i.title,
                label(i.status, la),
                " ".join(i.resolutions) or None,
                " ".join(i.overdue) or None,
            )
            for i in report.progress.programme_items
        )
        make_sheet(book, ("بندهای برنامه", "Programme items"), cols, items, la)
        overdue_sheet(book, report.overdue, report.agencies, la)
        memorandum_sheets(book, report.memorandum, report.agencies, la)

    return _workbook_bytes(fill)


def progress_workbook(
    report: ProgressFields, path: str | os.PathLike[str], lang: str = "fa"
) -> Path:
    """Write a progress report's workbook to ``path``; the path written."""
    return _save(progress_sheets(report, lang), path)
