"""What every format of Article 18's yearly report says (private): its head, findings, signature.

[`citizenrights.reporting.annual`][citizenrights.reporting.annual] (Markdown, CSV) and the HTML
page and workbook modules take their words from here. They read the report by the fields they
show (`AnnualParts`), so that none of them imports the module that defines it.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Protocol

from citizenrights.models.provinces import Province
from citizenrights.reporting._render import day
from citizenrights.vocabulary import Lang, join_list, local_digits, say

if TYPE_CHECKING:
    import datetime as dt

    from citizenrights.evaluation import ReportScope
    from citizenrights.reporting.report import Report

__all__ = [
    "FINDINGS",
    "AnnualParts",
    "area_name",
    "finding_rows",
    "lead",
    "signature_lines",
    "title",
]


class _Signature(Protocol):
    @property
    def office_fa(self) -> str: ...
    @property
    def office_en(self) -> str: ...
    @property
    def recipients_fa(self) -> tuple[str, ...]: ...
    @property
    def recipients_en(self) -> tuple[str, ...]: ...


class _Findings(Protocol):
    @property
    def total(self) -> int: ...
    @property
    def critical(self) -> int: ...
    @property
    def resolved(self) -> int: ...
    @property
    def resolved_on_time(self) -> int: ...
    @property
    def open(self) -> int: ...
    @property
    def overdue(self) -> int: ...


class AnnualParts(Protocol):
    """The fields of an [`AnnualReport`][citizenrights.reporting.annual.AnnualReport] read here."""

    @property
    def year(self) -> int: ...
    @property
    def scope(self) -> ReportScope: ...
    @property
    def due(self) -> dt.date: ...
    @property
    def signature(self) -> _Signature: ...
    @property
    def findings(self) -> _Findings: ...
    @property
    def report(self) -> Report: ...


#: The findings' figures: (field, Persian label, English label), in the order shown.
FINDINGS: tuple[tuple[str, str, str], ...] = (
    ("total", "یافته‌های بازرسی‌های سال", "Findings of the year's inspections"),
    ("critical", "یافته‌های بحرانی", "Critical findings"),
    ("resolved", "اصلاح‌شده تا پایان سال", "Corrected by the year's end"),
    ("resolved_on_time", "اصلاح‌شده در مهلت", "Corrected within their due day"),
    ("open", "اصلاح‌نشده", "Not corrected"),
    ("overdue", "اصلاح‌نشده با مهلت گذشته", "Not corrected, past due"),
)


def finding_rows(annual: AnnualParts, lang: Lang) -> list[tuple[str, int]]:
    """Each figure of the findings and corrections: its label in ``lang`` and its count."""
    return [
        (say(lang, fa=fa, en=en), getattr(annual.findings, field)) for field, fa, en in FINDINGS
    ]


def title(annual: AnnualParts, lang: Lang) -> str:
    """The report's title: what it is, the year and whose it is."""
    year = local_digits(annual.year, lang)
    scope = say(lang, fa=annual.scope.name_fa, en=annual.scope.name_en)
    return say(
        lang,
        fa=f"گزارش سالانه اجرای مصوبه حقوق شهروندی در نظام اداری، سال {year}: {scope}",
        en=f"Yearly report on citizens' rights in the administrative system, {year}: {scope}",
    )


def lead(annual: AnnualParts, lang: Lang) -> str:
    """The line under the title: Article 18, the recipients and the due date."""
    sig = annual.signature
    recipients = join_list(sig.recipients_fa if lang == "fa" else sig.recipients_en, lang)
    return say(
        lang,
        fa=f"به استناد مادهٔ ۱۸ مصوبهٔ شمارهٔ ۱۱۲۷۱۲۸ شورای عالی اداری (۱۳۹۵)؛ گیرنده: {recipients}؛ "
        f"مهلت ارسال: {day(annual.due, 'fa')} (پایان اسفند).",
        en=f"Under Article 18 of resolution 1127128 of the High Administrative Council (1395); for "
        f"{recipients}; due by {day(annual.due, 'en')} (the end of Esfand).",
    )


def signature_lines(annual: AnnualParts, lang: Lang) -> tuple[str, str]:
    """The signature block: the signing office, and the line to sign and date."""
    sig = annual.signature
    return (
        say(lang, fa=sig.office_fa, en=sig.office_en),
        say(
            lang,
            fa="نام و امضا: ………………  تاریخ: ………………",
            en="Name and signature: ………………  Date: ………………",
        ),
    )


def area_name(code: str, lang: Lang) -> str:
    """A province's name in ``lang`` by its code (another code: as it is)."""
    try:
        province = Province.parse(code)
    except ValueError:
        return code
    return say(lang, fa=province.name_fa, en=province.name_en)
