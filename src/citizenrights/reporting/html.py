"""Render reports as one self-contained HTML page: Persian right-to-left, or English; printable.

[`report_html`][citizenrights.reporting.html.report_html] (the periodic
[`Report`][citizenrights.reporting.report.Report]),
[`agency_report_html`][citizenrights.reporting.html.agency_report_html] (an
[`AgencyReport`][citizenrights.reporting.report.AgencyReport]) and
[`progress_report_html`][citizenrights.reporting.html.progress_report_html] (a
[`ProgressReport`][citizenrights.reporting.progress.ProgressReport]) return one HTML string that
holds everything it shows: the style sheet, the Vazirmatn font (SIL Open Font License, bundled in
``citizenrights/data/fonts``) as base64 ``@font-face`` rules, and the charts as inline SVG whose
text stays text, so that the browser shapes the Persian. Nothing is fetched when the page is
viewed. ``<html dir="rtl" lang="fa">`` for Persian, ``dir="ltr" lang="en"`` for English. A print
style sheet lays the page out on A4 (print to PDF from the browser).

The charts are drawn by matplotlib and the page is filled in by Jinja2 (autoescaping on): both
come with the optional extra ``html`` (``pip install -e ".[html]"`` in a clone); without it these
functions raise [`HtmlUnavailableError`][citizenrights.reporting.html.HtmlUnavailableError].

Like [`citizenrights.reporting.render`][citizenrights.reporting.render], rendering reads a report
by the parts it shows and does not import the report module, which calls it.
"""

from __future__ import annotations

import base64
from functools import cache
from importlib import resources
from typing import Any

from citizenrights.errors import CitizenRightsError
from citizenrights.reporting._fields import AgencyFields, PeriodicFields, ProgressFields
from citizenrights.reporting._html_pages import agency_page, progress_page
from citizenrights.reporting._html_parts import Page, check_bands
from citizenrights.reporting._html_periodic import periodic_page
from citizenrights.scoring.policies import GradeBands
from citizenrights.vocabulary import Lang, check_lang

__all__ = [
    "HtmlUnavailableError",
    "agency_report_html",
    "progress_report_html",
    "report_html",
    "require_html_extra",
]

# How to install what the HTML reports need (the extra ``html``: Jinja2 and matplotlib).
_EXTRA_HINT = 'pip install -e ".[html]" in a clone (or the wheel with [html])'

_FONTS = (("Vazirmatn-Regular.woff2", 400), ("Vazirmatn-Bold.woff2", 700))


class HtmlUnavailableError(CitizenRightsError, ImportError):
    """Jinja2 or matplotlib (the extra ``html``) is not installed."""


def require_html_extra() -> None:
    """Check that the extra ``html`` (Jinja2 and matplotlib) is installed.

    Raises:
        HtmlUnavailableError: naming the missing module and the ``pip install`` command.
    """
    try:
        import jinja2  # noqa: F401
        import matplotlib  # noqa: F401
    except ImportError as exc:
        raise HtmlUnavailableError(
            f"HTML reports need the extra 'html' ({exc.name} is missing); install it with: "
            f"{_EXTRA_HINT}"
        ) from None


@cache
def _font_faces() -> str:
    rules = []
    for name, weight in _FONTS:
        data = (resources.files("citizenrights") / "data" / "fonts" / name).read_bytes()
        encoded = base64.b64encode(data).decode("ascii")
        rules.append(
            "@font-face{font-family:'Vazirmatn';font-style:normal;"
            f"font-weight:{weight};font-display:block;"
            f"src:url(data:font/woff2;base64,{encoded}) format('woff2');}}"
        )
    return "\n".join(rules)


@cache
def _environment() -> Any:
    import jinja2

    return jinja2.Environment(
        loader=jinja2.PackageLoader("citizenrights.reporting", "templates"),
        autoescape=True,
        undefined=jinja2.StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,
    )


def _page(page: Page, lang: Lang) -> str:
    import markupsafe

    template = _environment().get_template("report.html.j2")
    text: str = template.render(
        page=page,
        lang=lang,
        dir="rtl" if lang == "fa" else "ltr",
        fonts=markupsafe.Markup(_font_faces()),  # noqa: S704 - our own base64 rules
    )
    return text


def report_html(
    report: PeriodicFields, lang: str = "fa", *, grade_bands: GradeBands | None = None
) -> str:
    """The periodic report as one self-contained HTML page.

    Args:
        report: the report.
        lang: ``fa`` (right-to-left, Persian digits and month names) or ``en``.
        grade_bands: the grade bands of the scoring policy the report was built with, drawn
            behind the ranking's bars; the default policy's bands by default.

    Returns:
        The page, starting ``<!DOCTYPE html>``.

    Raises:
        UnsupportedLanguageError: for another ``lang``.
        ValueError: when a ranked agency's grade is not the grade of its score by
            ``grade_bands`` (the report was built with other bands: pass them).
        HtmlUnavailableError: without the extra ``html``.
    """
    the_lang = check_lang(lang)
    require_html_extra()
    bands = grade_bands if grade_bands is not None else GradeBands()
    check_bands(report.ranking, bands)
    return _page(periodic_page(report, the_lang, bands), the_lang)


def agency_report_html(
    report: AgencyFields, lang: str = "fa", *, grade_bands: GradeBands | None = None
) -> str:
    """The report of one agency, for its head, as one self-contained HTML page.

    Args:
        report: the agency's report.
        lang: ``fa`` or ``en``.
        grade_bands: the grade bands of the scoring policy, drawn behind the index's bar; the
            default policy's bands by default.

    Raises:
        UnsupportedLanguageError: for another ``lang``.
        ValueError: when the agency's grade is not the grade of its score by ``grade_bands``.
        HtmlUnavailableError: without the extra ``html``.
    """
    the_lang = check_lang(lang)
    require_html_extra()
    bands = grade_bands if grade_bands is not None else GradeBands()
    check_bands([report.row], bands)
    return _page(agency_page(report, the_lang, bands), the_lang)


def progress_report_html(report: ProgressFields, lang: str = "fa") -> str:
    """A working group's documented progress report as one self-contained HTML page.

    Members' names appear only when the report was built with ``include_names=True``.

    Raises:
        UnsupportedLanguageError: for a ``lang`` other than ``fa`` or ``en``.
        HtmlUnavailableError: without the extra ``html``.
    """
    the_lang = check_lang(lang)
    require_html_extra()
    return _page(progress_page(report, the_lang), the_lang)
