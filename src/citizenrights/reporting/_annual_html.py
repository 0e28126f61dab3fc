"""Article 18's yearly report as an HTML page (private): the periodic report's page, framed.

The page is the year's periodic report page
([`periodic_page`][citizenrights.reporting._html_periodic.periodic_page]: summary, ranking,
grades, trend, findings, complaints, training, coverage, working groups and, for the nation,
the roll-up by province) under the yearly report's title and lead (Article 18, the recipients,
the due date), with the findings and corrections first and the signature block last.
"""

from __future__ import annotations

from citizenrights.reporting import _annual_parts as parts
from citizenrights.reporting._html_parts import Block, Page, Section, check_bands, table
from citizenrights.reporting._html_periodic import periodic_page
from citizenrights.reporting.html import _page, require_html_extra
from citizenrights.scoring.policies import GradeBands
from citizenrights.vocabulary import Lang, check_lang, number, say

__all__ = ["annual_html", "annual_page"]


def annual_page(annual: parts.AnnualParts, lang: Lang, grade_bands: GradeBands) -> Page:
    """The page of the yearly report."""
    inner = periodic_page(annual.report, lang, grade_bands)
    findings = Section(
        "findings",
        say(lang, fa="یافته‌های بازرسی و اقدامات اصلاحی", en="Findings and corrections"),
        (
            table(
                (say(lang, fa="شرح", en="Figure"), say(lang, fa="تعداد", en="Count")),
                [(text, number(count, lang)) for text, count in parts.finding_rows(annual, lang)],
                numeric=(1,),
            ),
        ),
    )
    office, blank = parts.signature_lines(annual, lang)
    signature = Section(
        "signature",
        say(lang, fa="امضا", en="Signature"),
        (Block("h3", text=office), Block("text", text=blank)),
    )
    return Page(
        parts.title(annual, lang),
        (parts.lead(annual, lang), *inner.lead),
        (findings, *inner.sections, signature),
        inner.footer,
    )


def annual_html(
    annual: parts.AnnualParts, lang: str = "fa", *, grade_bands: GradeBands | None = None
) -> str:
    """The yearly report as one self-contained HTML page (see the module docstring).

    Raises:
        UnsupportedLanguageError: for a ``lang`` other than ``fa`` or ``en``.
        ValueError: when a ranked agency's grade is not its score's grade by ``grade_bands``.
        HtmlUnavailableError: without the extra ``html``.
    """
    the_lang = check_lang(lang)
    require_html_extra()
    bands = grade_bands if grade_bands is not None else GradeBands()
    check_bands(annual.report.ranking, bands)
    return _page(annual_page(annual, the_lang, bands), the_lang)
