"""Numbers for the follow-up sentences: half-up rounded, without trailing zeros."""

from __future__ import annotations

from citizenrights.vocabulary import Lang, local_digits, number

__all__ = ["short_number", "short_percent"]


def short_number(value: float, lang: Lang, decimals: int) -> str:
    """``value`` rounded half up to at most ``decimals`` places, without trailing zeros.

    Unlike [`number`][citizenrights.vocabulary.number] (a fixed number of decimals, for tables),
    a sentence says "2.5 days", not "2.50 days".

    Examples:
        >>> short_number(2.5, "en", 2), short_number(2.675, "en", 2), short_number(3.0, "fa", 2)
        ('2.5', '2.68', '۳')
    """
    text = number(float(value), "en", decimals)
    if "." in text:
        text = text.rstrip("0").removesuffix(".")
    return local_digits(text, lang)


def short_percent(rate: float, lang: Lang) -> str:
    """A rate as a percentage to at most one decimal (``'62.5%'``, ``'۶۰٪'``).

    Examples:
        >>> short_percent(0.625, "en"), short_percent(0.6, "fa"), short_percent(2 / 3, "en")
        ('62.5%', '۶۰٪', '66.7%')
    """
    return short_number(rate * 100, lang, 1) + ("٪" if lang == "fa" else "%")
