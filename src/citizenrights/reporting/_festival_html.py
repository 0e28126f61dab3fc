"""The festival form as an HTML page (private): the summary by group and level, the measures.

[`festival_html`][citizenrights.reporting.festival.festival_html] renders what
[`festival_page`][citizenrights.reporting._festival_html.festival_page] puts together with the
periodic reports' page template, charts and style.
"""

from __future__ import annotations

from citizenrights._version import __version__
from citizenrights.reporting import _charts as charts
from citizenrights.reporting import _festival_words as words
from citizenrights.reporting._charts import Band, Bar
from citizenrights.reporting._html_parts import Block, Page, Section, chart_block, table, text_block
from citizenrights.scoring.festival import FestivalResult
from citizenrights.scoring.festival_policy import FestivalBand, FestivalPolicy
from citizenrights.vocabulary import Lang, join_list, local_digits, number, say

__all__ = ["band_colour", "festival_bands", "festival_page"]

# The festival's bands drawn in the colours of the grades they sit beside.
_COLOURS = {
    FestivalBand.EXCELLENT: charts.GRADE_COLOURS["excellent"],
    FestivalBand.GOOD: charts.GRADE_COLOURS["good"],
    FestivalBand.MEDIUM: charts.GRADE_COLOURS["acceptable"],
    FestivalBand.BELOW_MEDIUM: charts.GRADE_COLOURS["poor"],
}


def band_colour(band: FestivalBand | None) -> str:
    """The colour of a band's bars (grey without a score)."""
    return charts.GRADE_COLOURS["none"] if band is None else _COLOURS[band]


def festival_bands(policy: FestivalPolicy, lang: Lang) -> list[Band]:
    """The festival's bands on the 0–100 axis, lowest first, named in the festival's words."""
    b = policy.bands
    bounds = [
        (0.0, b.medium, FestivalBand.BELOW_MEDIUM),
        (b.medium, b.good, FestivalBand.MEDIUM),
        (b.good, b.excellent, FestivalBand.GOOD),
        (b.excellent, 100.0, FestivalBand.EXCELLENT),
    ]
    return [Band(lo, hi, band.label(lang), band_colour(band)) for lo, hi, band in bounds if hi > lo]


def _summary(result: FestivalResult, lang: Lang) -> Section:
    policy, dec = result.policy, result.policy.decimals
    bands = festival_bands(policy, lang)
    headers = words.summary_headers(lang)
    out: list[Block] = []
    for (group, level), rows in words.blocks(result).items():
        heading = words.group_heading(policy, group, level, lang)
        bars = [
            Bar(
                words.body_name(r, lang),
                r.score,
                number(r.score, lang, dec),
                band_colour(r.band),
            )
            for r in rows
        ]
        out.append(Block("h3", text=heading))
        out.append(
            chart_block(
                charts.bar_chart(bars, lang, title=heading, limit=100, bands=bands),
                say(
                    lang,
                    fa=f"امتیاز دستگاه‌های {heading} در برابر سطوح عملکرد جشنواره",
                    en=f"{heading}: each body's score against the festival's bands",
                ),
            )
        )
        out.append(
            table(
                headers,
                [words.summary_cells(r, lang, dec) for r in rows],
                numeric=(0, 2, 3, 5),
                id_last=True,
            )
        )
    if not out:
        out.append(
            text_block(
                say(
                    lang,
                    fa="هیچ دستگاهی از این حوزه گروه جشنواره ندارد.",
                    en="No body of the scope has a festival group.",
                )
            )
        )
    if result.unassigned:
        out.append(
            text_block(
                say(
                    lang,
                    fa="دستگاه‌های بدون گروه جشنواره (کنار گذاشته شدند): ",
                    en="Bodies without a festival group (left out): ",
                )
                + join_list(result.unassigned, lang)
            )
        )
    heading = say(lang, fa="رتبه‌بندی در گروه‌ها و سطوح", en="Ranked within groups and levels")
    return Section("summary", heading, tuple(out))


def _measures(result: FestivalResult, lang: Lang) -> Section:
    dec = result.policy.decimals
    titles = words.measure_titles(result.policy, lang)
    headers = words.measure_headers(lang)
    rows = [words.measure_cells(r, m, lang, titles, dec) for r in result.rows for m in r.measures]
    body: tuple[Block, ...] = (
        (table(headers, rows, numeric=(3, 4, 5), id_last=True),) if rows else ()
    )
    return Section("measures", say(lang, fa="سنجه‌ها", en="Measures"), body)


def festival_page(result: FestivalResult, lang: Lang) -> Page:
    """The page of the festival form: the summary ranked within groups, then the measures."""
    footer = say(
        lang,
        fa=f"ضوابط جشنواره، نسخهٔ {local_digits(result.policy_version, 'fa')}؛ citizenrights {__version__}.",
        en=f"Festival rules, version {result.policy_version}; citizenrights {__version__}.",
    )
    return Page(
        words.title(result, lang),
        (words.intro(result, lang),),
        (_summary(result, lang), _measures(result, lang)),
        footer,
    )
