"""What every format of the festival form says (private): names, headings, the evidence.

[`citizenrights.reporting.festival`][citizenrights.reporting.festival] (Markdown, CSV) and the
HTML page and workbook modules take their words from here, so that each format names groups,
levels, bands and measures alike, in the reader's language.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence

from citizenrights.scoring.festival import FestivalMeasureResult, FestivalResult, FestivalRow
from citizenrights.scoring.festival_policy import FestivalPolicy
from citizenrights.vocabulary import Lang, local_digits, number, percent, say, term

__all__ = [
    "INDICATOR",
    "band_text",
    "blocks",
    "body_name",
    "evidence_text",
    "group_heading",
    "group_name",
    "indicator_name",
    "intro",
    "level_name",
    "measure_cells",
    "measure_headers",
    "measure_titles",
    "summary_cells",
    "summary_headers",
    "title",
]

#: The code of the indicator on the form's measure rows.
INDICATOR = "citizens_rights"


def indicator_name(lang: Lang) -> str:
    """The indicator's name on the form's measure rows (its code is `INDICATOR`)."""
    return say(lang, fa="حقوق شهروندی", en="Citizens' rights")


def level_name(level: str, lang: Lang = "fa") -> str:
    """A festival level in the reader's language (a level the vocabulary lacks: its code).

    Examples:
        >>> level_name("provincial", "fa"), level_name("national", "en")
        ('استانی', 'national')
    """
    key = f"festival_level_{level}"
    try:
        return term(key, lang)
    except KeyError:
        return level


def group_name(policy: FestivalPolicy, code: str, lang: Lang) -> str:
    """A festival group's name from the policy (a group the policy lacks: its code)."""
    try:
        return policy.group(code).name(lang)
    except KeyError:
        return code


def group_heading(policy: FestivalPolicy, group: str, level: str, lang: Lang) -> str:
    """The heading of a group's block of the summary: the group and its level."""
    return say(
        lang,
        fa=f"گروه {group_name(policy, group, 'fa')} (سطح {level_name(level, 'fa')})",
        en=f"Group: {group_name(policy, group, 'en')} ({level_name(level, 'en')} level)",
    )


def body_name(row: FestivalRow, lang: Lang) -> str:
    """A body's name in the reader's language (its Persian name when it has no English one)."""
    return say(lang, fa=row.name, en=row.name_en or row.name)


def band_text(row: FestivalRow, lang: Lang) -> str:
    """The body's band in the festival's words; ``–`` without a score."""
    return "–" if row.band is None else row.band.label(lang)


def evidence_text(counts: Mapping[str, int | float], ids: Sequence[str], lang: Lang) -> str:
    """Counts named in the reader's language (a name the vocabulary lacks: as it is), then ids."""
    parts = []
    for key, value in counts.items():
        try:
            name = term(f"evidence_{key}", lang)
        except KeyError:
            name = key
        shown = number(value, lang, 2, trim_zeros=True) if isinstance(value, float) else value
        parts.append(f"{name}: {local_digits(shown, lang)}")
    if ids:
        parts.append(say(lang, fa="شناسه‌ها: ", en="ids: ") + " ".join(ids))
    return "؛ ".join(parts) if lang == "fa" else "; ".join(parts)


def summary_headers(lang: Lang) -> list[str]:
    """The headers of a group's block of the summary (the form's columns)."""
    return [
        say(lang, fa=fa, en=en)
        for fa, en in (
            ("رتبه", "Rank"),
            ("دستگاه", "Body"),
            ("امتیاز (از ۱۰۰)", "Score (of 100)"),
            ("امتیاز کسب‌شده", "Points"),
            ("سطح عملکرد", "Band"),
            (term("data_coverage", "fa"), term("data_coverage", "en")),
            ("شناسه", "Id"),
        )
    ]


def summary_cells(row: FestivalRow, lang: Lang, decimals: int) -> list[str]:
    """A body's line of the summary, as `summary_headers` name them; ``–`` where none."""
    return [
        "–" if row.rank is None else local_digits(row.rank, lang),
        body_name(row, lang),
        number(row.score, lang, decimals),
        number(row.points, lang, decimals)
        + " / "
        + number(row.max_points, lang, decimals, trim_zeros=True),
        band_text(row, lang),
        percent(row.coverage, lang),
        row.agency_id,
    ]


def measure_headers(lang: Lang) -> list[str]:
    """The headers of the form's measure rows: one row per body per measure."""
    return [
        say(lang, fa=fa, en=en)
        for fa, en in (
            ("دستگاه", "Body"),
            ("شاخص", "Indicator"),
            ("سنجه", "Measure"),
            ("وزن", "Weight"),
            ("مقدار", "Value"),
            ("امتیاز", "Points"),
            ("مستندات", "Evidence"),
            ("شناسه", "Id"),
        )
    ]


def measure_cells(
    row: FestivalRow,
    measure: FestivalMeasureResult,
    lang: Lang,
    titles: Mapping[str, str],
    dec: int,
) -> list[str]:
    """A measure row of the form, as `measure_headers` name them (``titles`` by measure code)."""
    return [
        body_name(row, lang),
        indicator_name(lang),
        titles.get(measure.code, measure.code),
        number(measure.weight, lang, dec, trim_zeros=True),
        number(measure.value, lang, dec),
        number(measure.points, lang, dec),
        evidence_text(dict(measure.evidence.counts), measure.evidence.ids, lang),
        row.agency_id,
    ]


def measure_titles(policy: FestivalPolicy, lang: Lang) -> dict[str, str]:
    """Each measure's title in the reader's language, by code."""
    return {m.code: m.title(lang) for m in policy.measures}


def blocks(result: FestivalResult) -> dict[tuple[str, str], list[FestivalRow]]:
    """The rows by (group, level), in the result's order (ranked within each)."""
    out: dict[tuple[str, str], list[FestivalRow]] = {}
    for row in result.rows:
        out.setdefault((row.group, row.level), []).append(row)
    return out


def title(result: FestivalResult, lang: Lang) -> str:
    """The form's title: the festival, the indicator and the year."""
    year = local_digits(result.year, lang)
    return say(
        lang,
        fa=f"جشنواره شهید رجایی: شاخص حقوق شهروندی، سال {year}",
        en=f"Shahid Rajaei Festival: the citizens'-rights indicator, {year}",
    )


def intro(result: FestivalResult, lang: Lang) -> str:
    """The line under the title: the maximum points, the rules' version and how a score is made."""
    dec = result.policy.decimals
    return say(
        lang,
        fa=f"حداکثر امتیاز شاخص: {number(result.max_points, 'fa', dec, trim_zeros=True)}؛ "
        f"ضوابط جشنواره، نسخهٔ {local_digits(result.policy_version, 'fa')}. امتیاز هر دستگاه مجموع «مقدار × وزن ÷ "
        "۱۰۰» سنجه‌هاست؛ وزن سنجهٔ بدون داده میان سنجه‌های دیگر تقسیم می‌شود.",
        en=f"The indicator's maximum: {number(result.max_points, 'en', dec, trim_zeros=True)} "
        f"points; festival rules, version {result.policy_version}. A body's score is the sum "
        "of value × weight ÷ 100 over the measures; the weight of a measure without data is "
        "shared among the others.",
    )
