"""Article 18's yearly report as a workbook (private): the periodic report's sheets, framed.

The workbook is the year's periodic report workbook
([`report_sheets`][citizenrights.reporting.xlsx.report_sheets]: ranking, provinces for the nation,
critical items not met, complaints, training, corrective actions past due, working groups) with
two sheets put first: the yearly report (whose it is, the due date as a date cell and its Jalali
text, the signing office, the recipients) and the findings and corrections.
"""

from __future__ import annotations

import io

from citizenrights.reporting import _annual_parts as parts
from citizenrights.reporting._xlsx_sheets import (
    DATE,
    INT,
    Column,
    figures_sheet,
    jalali_text,
    make_sheet,
)
from citizenrights.reporting.xlsx import report_sheets
from citizenrights.vocabulary import Lang, check_lang, join_list, say

__all__ = ["annual_workbook_bytes"]

_HEAD: tuple[Column, ...] = (
    ("گزارش", "Report", None),
    ("سال", "Year", INT),
    ("مهلت ارسال", "Due", DATE),
    ("مهلت ارسال (شمسی)", "Due (Jalali)", None),
    ("مقام امضاکننده", "Signing office", None),
    ("گیرندگان", "Recipients", None),
    ("حوزه", "Scope", None),
    ("کد حوزه", "Scope code", None),
)


def annual_workbook_bytes(annual: parts.AnnualParts, lang: str = "fa") -> bytes:
    """The yearly report's workbook as bytes (see the module docstring for its sheets).

    Raises:
        XlsxUnavailableError: when openpyxl is not installed.
        UnsupportedLanguageError: for a ``lang`` other than ``fa`` or ``en``.
    """
    la: Lang = check_lang(lang)
    data = report_sheets(annual.report, la)  # raises XlsxUnavailableError without openpyxl
    from openpyxl import load_workbook

    book = load_workbook(io.BytesIO(data))
    before = len(book.sheetnames)
    sig = annual.signature
    head = (
        parts.title(annual, la),
        annual.year,
        annual.due,
        jalali_text(annual.due, la),
        say(la, fa=sig.office_fa, en=sig.office_en),
        join_list(sig.recipients_fa if la == "fa" else sig.recipients_en, la),
        say(la, fa=annual.scope.name_fa, en=annual.scope.name_en),
        annual.scope.code,
    )
    make_sheet(book, ("گزارش سالانه", "Yearly report"), _HEAD, [head], la)
    figures_sheet(
        book,
        ("یافته‌ها و اصلاح", "Findings and corrections"),
        [(fa, en, getattr(annual.findings, field), INT) for field, fa, en in parts.FINDINGS],
        la,
    )
    for sheet in book.worksheets[before:]:
        book.move_sheet(sheet, offset=-before)
    for sheet in book.worksheets:
        sheet.sheet_view.tabSelected = False
    book.active = 0
    book.worksheets[0].sheet_view.tabSelected = True
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()
