"""The festival indicator in the festival form's shape: Markdown, CSV, HTML and Excel.

The form has two parts: a **summary** ranked within each group and level (rank, body, score,
points of the maximum, band, data coverage), and **one row per body per measure** (indicator,
measure, weight, value, points, evidence). [`festival_markdown`][citizenrights.reporting.festival.festival_markdown]
writes both; [`festival_csv`][citizenrights.reporting.festival.festival_csv] writes the second with
the summary's columns on each row; [`festival_html`][citizenrights.reporting.festival.festival_html]
(extra ``html``) draws each group's scores against the festival's bands, and
[`festival_sheets`][citizenrights.reporting.festival.festival_sheets] (extra ``xlsx``) gives a
summary sheet and a measures sheet. Groups, levels, bands and measures are named in the reader's
language (the group names and measure titles come from the policy).

Examples:
    >>> from citizenrights import load_demo
    >>> from citizenrights.evaluation.festival import festival_indicator
    >>> result = festival_indicator(load_demo(), 1397)
    >>> print(festival_markdown(result, "en").splitlines()[0])
    # Shahid Rajaei Festival: the citizens'-rights indicator, 1397
    >>> festival_csv(result).splitlines()[0]  # doctest: +ELLIPSIS
    'year,group,group_name,level,rank,agency_id,name,score,points,max_points,band,coverage,indicator,measure,...'
"""

from __future__ import annotations

import os
from pathlib import Path

from citizenrights.reporting import _festival_words as words
from citizenrights.reporting._render import SHARE_PLACES, md_table, page, rounded
from citizenrights.reporting.render import csv_text
from citizenrights.scoring.festival import FestivalResult
from citizenrights.vocabulary import check_lang, say

__all__ = [
    "festival_csv",
    "festival_html",
    "festival_markdown",
    "festival_sheets",
    "festival_workbook",
]


def festival_markdown(result: FestivalResult, lang: str = "fa") -> str:
    """The festival form as Markdown: the summary by group and level, then the measures.

    Args:
        result: the year's festival indicator.
        lang: ``"fa"`` (Persian, right-to-left, Persian digits; the default) or ``"en"``.

    Returns:
        The Markdown page.

    Raises:
        UnsupportedLanguageError: for another ``lang``.
    """
    the_lang = check_lang(lang)
    policy = result.policy
    dec = policy.decimals
    out = ["# " + words.title(result, the_lang), "", words.intro(result, the_lang)]
    headers = words.summary_headers(the_lang)
    for (group, level), rows in words.blocks(result).items():
        out += [
            "",
            "## " + words.group_heading(policy, group, level, the_lang),
            "",
            md_table(headers, (words.summary_cells(r, the_lang, dec) for r in rows)),
        ]
    titles = words.measure_titles(policy, the_lang)
    out += [
        "",
        "## " + say(the_lang, fa="سنجه‌ها", en="Measures"),
        "",
        md_table(
            words.measure_headers(the_lang),
            (
                words.measure_cells(r, m, the_lang, titles, dec)
                for r in result.rows
                for m in r.measures
            ),
        ),
    ]
    if result.unassigned:
        out += [
            "",
            say(
                the_lang,
                fa="دستگاه‌های بدون گروه جشنواره (کنار گذاشته شدند): ",
                en="Bodies without a festival group (left out): ",
            )
            + ("، " if the_lang == "fa" else ", ").join(result.unassigned),
        ]
    return page("\n".join(out) + "\n", the_lang)


def festival_csv(result: FestivalResult, lang: str = "fa") -> str:
    """One CSV row per body per measure, with the body's summary columns on each row.

    Columns: ``year, group, group_name, level, rank, agency_id, name, score, points,
    max_points, band, coverage, indicator, measure, measure_title, weight, value,
    measure_points, evidence_ids, evidence_counts``; ``name`` is the body's name in ``lang`` (its
    Persian name when it has no English one). As the report's CSV does, for Excel, numbers
    are rounded half-up to the policy's ``decimals`` (coverage and weights, shares, to 4 places;
    the JSON keeps them exact), with ``.`` for the decimal point; ``group_name`` and ``measure_title`` are in ``lang``; evidence ids are joined
    with spaces and counts written ``name=count`` joined with ``;``.

    Raises:
        UnsupportedLanguageError: for a ``lang`` other than ``fa`` or ``en``.
    """
    the_lang = check_lang(lang)
    policy = result.policy
    titles = words.measure_titles(policy, the_lang)
    dec = policy.decimals
    headers = [
        "year", "group", "group_name", "level", "rank", "agency_id", "name", "score", "points",
        "max_points", "band", "coverage", "indicator", "measure", "measure_title", "weight",
        "value", "measure_points", "evidence_ids", "evidence_counts",
    ]  # fmt: skip
    rows = (
        [
            result.year,
            r.group,
            words.group_name(policy, r.group, the_lang),
            r.level,
            r.rank,
            r.agency_id,
            words.body_name(r, the_lang),
            rounded(r.score, dec),
            rounded(r.points, dec),
            rounded(r.max_points, dec),
            None if r.band is None else r.band.value,
            rounded(r.coverage, SHARE_PLACES),
            words.INDICATOR,
            m.code,
            titles.get(m.code, m.code),
            rounded(m.weight, SHARE_PLACES),
            rounded(m.value, dec),
            rounded(m.points, dec),
            " ".join(m.evidence.ids),
            ";".join(f"{k}={v}" for k, v in m.evidence.counts.items()),
        ]
        for r in result.rows
        for m in r.measures
    )
    return csv_text(headers, rows)


def festival_html(result: FestivalResult, lang: str = "fa") -> str:
    """The festival form as one self-contained HTML page (extra ``html``).

    The summary ranked within each group and level, each group's scores drawn as bars against
    the festival's bands (excellent, good, medium), then the measures' table (indicator,
    measure, weight, value, points, evidence). Like the periodic reports' pages
    ([`report_html`][citizenrights.reporting.html.report_html]): the style sheet, the Vazirmatn
    font and the charts inline, nothing fetched when viewed; right-to-left for ``fa``.

    Args:
        result: the year's festival indicator.
        lang: ``"fa"`` (the default) or ``"en"``.

    Returns:
        The page, starting ``<!DOCTYPE html>``.

    Raises:
        UnsupportedLanguageError: for another ``lang``.
        HtmlUnavailableError: without the extra ``html`` (Jinja2 and matplotlib).
    """
    from citizenrights.reporting._festival_html import festival_page
    from citizenrights.reporting.html import _page, require_html_extra

    the_lang = check_lang(lang)
    require_html_extra()
    return _page(festival_page(result, the_lang), the_lang)


def festival_sheets(result: FestivalResult, lang: str = "fa") -> bytes:
    """The festival form as an Excel workbook's bytes (extra ``xlsx``).

    Two sheets: the summary (one row per body, ranked within group and level: group, level,
    rank, body, score, points, maximum points, band, data coverage, ids) and the measures (one
    row per body per measure: body, indicator, measure, weight, value, points, evidence, ids).
    Numbers are stored unrounded with a display format; headers are frozen; sheets run right to
    left for ``fa``.

    Raises:
        XlsxUnavailableError: when openpyxl is not installed.
        UnsupportedLanguageError: for a ``lang`` other than ``fa`` or ``en``.
    """
    from citizenrights.reporting._festival_xlsx import festival_fill
    from citizenrights.reporting.xlsx import _workbook_bytes

    the_lang = check_lang(lang)
    return _workbook_bytes(lambda book: festival_fill(book, result, the_lang))


def festival_workbook(
    result: FestivalResult, path: str | os.PathLike[str], lang: str = "fa"
) -> Path:
    """Write the festival form's workbook ([`festival_sheets`][citizenrights.reporting.festival.festival_sheets]) to ``path``; the path written."""
    target = Path(path)
    target.write_bytes(festival_sheets(result, lang))
    return target
