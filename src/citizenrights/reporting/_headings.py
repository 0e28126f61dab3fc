"""The headings every format gives a report (private): one title, one name per section.

The Markdown, the HTML page and the Excel workbook name the same section the same way: each
takes its heading from [`SECTIONS`][citizenrights.reporting._headings.SECTIONS] (a sheet's name
too, where a sheet holds that section), and the periodic report's title, which says whom the
report is for, from [`report_title`][citizenrights.reporting._headings.report_title].
"""

from __future__ import annotations

from types import MappingProxyType
from typing import Final

from citizenrights.reporting._fields import PeriodicFields
from citizenrights.reporting.figures import Recipient
from citizenrights.vocabulary import Lang, check_lang, say, term

__all__ = ["SECTIONS", "report_title", "section_pair", "section_title"]

#: Each section's heading, Persian and English, by the section's key.
SECTIONS: Final = MappingProxyType(
    {
        "summary": ("خلاصه", "Summary"),
        "ranking": ("رتبه‌بندی دستگاه‌ها در گروه‌های همتا", "Agencies ranked within peer groups"),
        "provinces": ("رتبه‌بندی استان‌ها", "Provinces ranked"),
        "grades": ("توزیع درجه‌ها", "Grade distribution"),
        "trend": ("روند شاخص", "Index trend"),
        # The seed's term for a critical item not met, one term in every report.
        "critical": (term("critical_non_compliance", "fa"), "Critical items not met"),
        "complaints": ("شکایات", "Complaints"),
        "training": ("آموزش حقوق شهروندی", "Citizens'-rights training"),
        "satisfaction": ("رضایت ارباب رجوع", "Client satisfaction"),
        "overdue": ("اقدامات اصلاحی معوق", "Corrective actions past due"),
        "coverage": ("پوشش بازرسی", "Inspection coverage"),
        "groups": ("پیشرفت کارگروه‌ها", "Working-group progress"),
        "roll_ups": ("میانگین شاخص به تفکیک حوزه", "Mean index by area"),
        "components": ("اجزای شاخص", "Index components"),
        "inspections": ("بازرسی‌ها", "Inspections"),
    }
)


def section_pair(key: str) -> tuple[str, str]:
    """A section's heading as its (Persian, English) pair (a sheet's title takes the pair)."""
    return SECTIONS[key]


def section_title(key: str, lang: Lang) -> str:
    """A section's heading in ``lang``.

    Examples:
        >>> section_title("critical", "fa"), section_title("critical", "en")
        ('عدم انطباق در بند حیاتی', 'Critical items not met')
    """
    fa, en = SECTIONS[key]
    return say(lang, fa=fa, en=en)


def _recipient(kind: str, lang: Lang) -> str:
    r = Recipient.of_scope(kind)
    # In the middle of a title: "… — Winter 1397 — for the provincial council …".
    return say(lang, fa=r.name_fa, en=r.name_en[0].lower() + r.name_en[1:])


def report_title(report: PeriodicFields, lang: str = "fa") -> str:
    """The title of a periodic report: what, whose, when, and whom it is for.

    Raises:
        UnsupportedLanguageError: for a ``lang`` other than ``fa`` or ``en``.
    """
    la = check_lang(lang)
    p, scope = report.period, report.scope
    scope_name = say(la, fa=scope.name_fa, en=scope.name_en)
    return say(
        la,
        fa=f"گزارش حقوق شهروندی در نظام اداری — {scope_name} — {p.label('fa')} — "
        f"{_recipient(scope.kind, la)}",
        en=f"Citizens' rights in the administrative system — {scope_name} — {p.label('en')} — "
        f"{_recipient(scope.kind, la)}",
    )
