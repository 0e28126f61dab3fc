"""Text for people in Persian or English (private): the language check, digits, dates, lists.

Shared by the ``explain()`` texts of [`citizenrights.scoring`][citizenrights.scoring] and the reports of
[`citizenrights.reporting`][citizenrights.reporting]. It depends only on [`citizenrights.calendar`][citizenrights.calendar] and
[`citizenrights.text`][citizenrights.text], so either package may import it. How many places a number shows and
how it is rounded stay with each caller: they differ on purpose.
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date
from typing import Literal

from citizenrights.calendar import format_jalali
from citizenrights.text import to_persian_digits

__all__ = ["Lang", "check_lang", "fa_digits", "jalali", "join_list", "local_digits"]

Lang = Literal["fa", "en"]


def check_lang(lang: str) -> Lang:
    """Return ``lang`` if it is ``fa`` or ``en``; raise ``ValueError`` naming it otherwise.

    Examples:
        >>> check_lang("fa")
        'fa'
        >>> check_lang("de")
        Traceback (most recent call last):
        ...
        ValueError: lang must be 'fa' or 'en'; got 'de'.
    """
    if lang == "fa":
        return "fa"
    if lang == "en":
        return "en"
    raise ValueError(f"lang must be 'fa' or 'en'; got {lang!r}.")


def fa_digits(value: str | float) -> str:
    """A number, or number text, with Persian digits and the Persian decimal mark (``٫``).

    Examples:
        >>> fa_digits("12.5"), fa_digits(7), fa_digits("1396/07/15")
        ('۱۲٫۵', '۷', '۱۳۹۶/۰۷/۱۵')
    """
    return to_persian_digits(str(value)).replace(".", "٫")


def local_digits(value: str | float, lang: Lang) -> str:
    """A number, or number text, in the digits of the language: `fa_digits` in fa.

    Examples:
        >>> local_digits("0.5", "fa"), local_digits(0.5, "en"), local_digits(12, "fa")
        ('۰٫۵', '0.5', '۱۲')
    """
    return fa_digits(value) if lang == "fa" else str(value)


def jalali(d: date, lang: Lang) -> str:
    """A date as Jalali ``YYYY/MM/DD``, in Persian digits in fa.

    Examples:
        >>> jalali(date(2017, 10, 7), "fa"), jalali(date(2017, 10, 7), "en")
        ('۱۳۹۶/۰۷/۱۵', '1396/07/15')
    """
    return format_jalali(d, digits="persian" if lang == "fa" else "latin")


def join_list(texts: Iterable[str], lang: Lang) -> str:
    """Join a list with the language's comma (``،`` in fa).

    Examples:
        >>> join_list(["R1", "R2"], "fa"), join_list(["R1", "R2"], "en")
        ('R1، R2', 'R1, R2')
    """
    return ("، " if lang == "fa" else ", ").join(texts)
