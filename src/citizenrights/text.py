"""Persian text helpers: digits both ways, Arabic letter variants, spacing.

Persian text arrives with Persian digits (۰–۹), Arabic-Indic digits (٠–٩) or Latin ones, and with the
Arabic forms of yeh and kaf (ي, ك) where Persian uses ی and ک. These functions make such text safe to
compare and match; keep the text as given for display.

Examples:
    >>> to_latin_digits("۱۳۹۶/۰۷/۱۵")
    '1396/07/15'
    >>> to_persian_digits("1396/07/15")
    '۱۳۹۶/۰۷/۱۵'
    >>> normalize_persian("علي  كريمي")
    'علی کریمی'
"""

from __future__ import annotations

import re

__all__ = [
    "normalize_persian",
    "to_latin_digits",
    "to_persian_digits",
]

_PERSIAN_DIGITS = "۰۱۲۳۴۵۶۷۸۹"
_ARABIC_INDIC_DIGITS = "٠١٢٣٤٥٦٧٨٩"
_LATIN_DIGITS = "0123456789"

_TO_LATIN = str.maketrans(_PERSIAN_DIGITS + _ARABIC_INDIC_DIGITS, _LATIN_DIGITS * 2)
_TO_PERSIAN = str.maketrans(_LATIN_DIGITS + _ARABIC_INDIC_DIGITS, _PERSIAN_DIGITS * 2)
# Arabic yeh/kaf and the alef-maksura form of yeh become the Persian letters; Arabic teh marbuta and
# heh variants are left alone, because they change the word.
_LETTERS = str.maketrans({"ي": "ی", "ى": "ی", "ك": "ک"})
# Zero-width non-joiner runs collapse to one; tatweel (kashida) is decoration only.
_ZWNJ_RUN = re.compile("\u200c{2,}")
_SPACES = re.compile(r"[ \t\u00a0\u200f\u200e]+")


def to_latin_digits(text: str) -> str:
    """Replace Persian and Arabic-Indic digits with Latin ones.

    Args:
        text: any text.

    Returns:
        The text with ``۰–۹`` and ``٠–٩`` turned into ``0–9``; nothing else changes.
    """
    return text.translate(_TO_LATIN)


def to_persian_digits(text: str) -> str:
    """Replace Latin and Arabic-Indic digits with Persian ones (for display).

    Args:
        text: any text.

    Returns:
        The text with ``0–9`` and ``٠–٩`` turned into ``۰–۹``; nothing else changes.
    """
    return text.translate(_TO_PERSIAN)


def normalize_persian(text: str) -> str:
    """Normalise Persian text for matching: letters, digits and spacing.

    Arabic ``ي``/``ى``/``ك`` become Persian ``ی``/``ک``, every digit becomes Latin, tatweel is
    removed, runs of spaces (and of zero-width non-joiners) collapse to one, and the ends are
    stripped. Use the result for comparison and look-up keys, never to replace what a person typed.

    Args:
        text: any text.

    Returns:
        The normalised text.

    Examples:
        >>> normalize_persian(" آذربايجان  شرقي ") == "آذربایجان شرقی"
        True
        >>> normalize_persian("٢٣")
        '23'
    """
    out = text.translate(_LETTERS).translate(_TO_LATIN).replace("\u0640", "")
    out = _ZWNJ_RUN.sub("\u200c", out)
    return _SPACES.sub(" ", out).strip()
