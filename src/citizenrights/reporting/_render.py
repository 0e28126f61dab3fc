"""Rendering helpers shared by the reports (private): dates, tables and right-to-left blocks."""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from datetime import date
from math import floor, log10
from typing import TYPE_CHECKING

from citizenrights.calendar import format_jalali
from citizenrights.scoring.policies import Grade
from citizenrights.scoring.rounding import round_half_up
from citizenrights.vocabulary import Lang, count, local_digits, number, percent, say

if TYPE_CHECKING:
    from citizenrights.models.agencies import Agency
    from citizenrights.reporting.figures import RankedAgency

__all__ = [
    "SHARE_PLACES",
    "agency_name",
    "columns",
    "day",
    "grade_text",
    "hours_text",
    "md_table",
    "page",
    "ranked_name",
    "rate_text",
    "rounded",
    "rtl",
    "signed",
    "significant",
]


def day(d: date | None, lang: Lang) -> str:
    """A date for display: Jalali with Persian month name in fa, Jalali and ISO in en.

    Examples:
        >>> day(date(2017, 10, 7), "fa"), day(date(2017, 10, 7), "en")
        ('۱۵ مهر ۱۳۹۶', '1396/07/15 (2017-10-07)')
    """
    if d is None:
        return "–"
    return say(
        lang,
        fa=format_jalali(d, "%d %B %Y", digits="persian").lstrip("۰"),
        en=f"{format_jalali(d)} ({d.isoformat()})",
    )


def agency_name(agency_id: str, agencies: Mapping[str, Agency], lang: Lang) -> str:
    """An agency's name in ``lang`` (its id only when the report does not know the agency)."""
    agency = agencies.get(agency_id)
    if agency is None:
        return agency_id
    return say(lang, fa=agency.name, en=agency.name_en or agency.name)


def ranked_name(row: RankedAgency, lang: Lang) -> str:
    """A ranked agency's name in ``lang``."""
    return say(lang, fa=row.name, en=row.name_en or row.name)


def grade_text(grade: Grade | str | None, lang: Lang) -> str:
    """A grade's label, or "no score" for none.

    Examples:
        >>> grade_text(None, "en"), grade_text("none", "fa")
        ('no score', 'بدون امتیاز')
    """
    if grade is None or grade == "none":
        return say(lang, fa="بدون امتیاز", en="no score")
    return Grade(grade).label(lang)


def hours_text(value: float | None, lang: Lang) -> str:
    """Hours of training, to a tenth and without a needless ``.0``, thousands grouped as counts are.

    Examples:
        >>> hours_text(3430.0, "fa"), hours_text(12345.5, "en"), hours_text(None, "en")
        ('۳٬۴۳۰', '12,345.5', '–')
    """
    text = number(value, "en", 1, trim_zeros=True)
    if value is None:
        return text
    whole, _, tenth = text.partition(".")
    mark = "٫" if lang == "fa" else "."
    return count(int(whole), lang) + (mark + local_digits(tenth, lang) if tenth else "")


def rate_text(share: float | None, lang: Lang) -> str:
    """An implementation rate (resolutions done of those due): every format says it so.

    Examples:
        >>> rate_text(0.75, "fa"), rate_text(11 / 14, "en"), rate_text(None, "en")
        ('۷۵٪', '78.6%', '–')
    """
    return percent(share, lang, 1, trim_zeros=True)


#: The places a share (0 to 1) keeps in a CSV file: a tenth of a percentage point and one more.
SHARE_PLACES = 4


def rounded(value: object, decimals: int) -> object:
    """A CSV cell as the report CSV writes it: a float rounded half-up to ``decimals``.

    Other values (whole numbers, text, ``None``) are kept as they are; the JSON keeps them exact.

    Examples:
        >>> rounded(81.6848544973545, 2), rounded(3, 2), rounded(None, 2), rounded("x", 2)
        (81.68, 3, None, 'x')
    """
    if isinstance(value, float):
        return round_half_up(value, decimals)
    return value


def signed(value: float | None, lang: Lang, decimals: int) -> str:
    """A change with its sign: ``+`` when it rounds above zero.

    Examples:
        >>> signed(1.234, "en", 2), signed(-0.5, "en", 1), signed(0.001, "en", 2), signed(None, "en", 2)
        ('+1.23', '-0.5', '0.00', '–')
    """
    if value is None:
        return "–"
    text = number(value, lang, decimals)
    return text if value < 0 else ("+" + text if round_half_up(value, decimals) > 0 else text)


def significant(value: float | None, lang: Lang, digits: int = 3, *, decimals: int = 2) -> str:
    """A small rate with ``digits`` significant digits; ``decimals`` places at 1 and above.

    A rate such as upheld complaints per 1,000 services is often well below 1: shown with a
    report's two places, 0.0118 would read 0.01.

    Examples:
        >>> significant(0.0118, "en"), significant(0.5, "en"), significant(12.345, "en")
        ('0.0118', '0.500', '12.35')
        >>> significant(0.0, "en"), significant(None, "fa"), significant(0.0118, "fa")
        ('0.00', '–', '۰٫۰۱۱۸')
    """
    if value is None:
        return "–"
    if value == 0 or abs(value) >= 1:
        return number(value, lang, decimals)
    places = digits - 1 - floor(log10(abs(value)))
    return number(value, lang, min(max(places, decimals), 8))


def _cell(text: str) -> str:
    return text.replace("|", "\\|").replace("\n", " ")


def md_table(headers: Sequence[str], rows: Iterable[Sequence[str]]) -> str:
    r"""A GitHub-flavoured Markdown table.

    Examples:
        >>> print(md_table(["a", "b"], [["1", "x|y"]]))
        | a | b |
        |---|---|
        | 1 | x\|y |
    """
    lines = [
        "| " + " | ".join(_cell(h) for h in headers) + " |",
        "|" + "|".join("---" for _ in headers) + "|",
    ]
    lines.extend("| " + " | ".join(_cell(c) for c in row) + " |" for row in rows)
    return "\n".join(lines)


def columns(lang: Lang, *names: tuple[str, str]) -> list[str]:
    """The headers of a table, each column given as its (Persian, English) pair.

    Examples:
        >>> columns("en", ("دستگاه", "Agency"), ("شاخص", "Index"))
        ['Agency', 'Index']
    """
    return [say(lang, fa=fa, en=en) for fa, en in names]


def page(body: str, lang: Lang) -> str:
    """A whole Markdown page: wrapped right-to-left (`rtl`) in fa, as it is in en."""
    # The one branch on the language here is layout, not wording: only Persian is wrapped.
    return rtl(body) if lang == "fa" else body


def rtl(body: str) -> str:
    """Wrap Persian Markdown so that it renders right-to-left (HTML block with ``dir="rtl"``)."""
    return f'<div dir="rtl" lang="fa" markdown="1">\n\n{body.strip()}\n\n</div>\n'
