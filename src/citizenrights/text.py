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
    "DIRECTION_MARKS",
    "clean_number_text",
    "clean_value",
    "normalize_persian",
    "strip_direction_marks",
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
#: Invisible direction marks and isolates that copy-paste from Persian documents leaves around
#: values: LRM, RLM, the Arabic letter mark, the embeddings and overrides U+202A–U+202E, the isolates
#: U+2066–U+2069, and the byte-order mark / zero-width no-break space U+FEFF.
DIRECTION_MARKS = "\u200e\u200f\u061c\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069\ufeff"
_NO_MARKS = str.maketrans(dict.fromkeys(DIRECTION_MARKS))
_VALUE_MAP: dict[str | int, str | None] = {
    **dict.fromkeys(DIRECTION_MARKS),
    **{
        ord(k): v
        for k, v in zip(_PERSIAN_DIGITS + _ARABIC_INDIC_DIGITS, _LATIN_DIGITS * 2, strict=True)
    },
}
_VALUE = str.maketrans(_VALUE_MAP)
# For numbers: also the Arabic decimal separator (U+066B) and thousands separator (U+066C).
_NUMBER = str.maketrans({**_VALUE, 0x066B: ".", 0x066C: None})
# Zero-width non-joiner runs collapse to one; tatweel (kashida) is decoration only.
_ZWNJ_RUN = re.compile("\u200c{2,}")
# A ZWNJ beside a space, or at either end of the text, joins nothing: it is noise. A run of white
# space and such ZWNJs becomes one space.
_SPACES = re.compile(r"[\u200c\s]*\s[\u200c\s]*")


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


def strip_direction_marks(text: str) -> str:
    """Remove the invisible direction marks listed in `DIRECTION_MARKS`.

    Args:
        text: any text.

    Returns:
        The text without those characters; nothing else changes.

    Examples:
        >>> strip_direction_marks("\u200f1402/01/01\u200e")
        '1402/01/01'
    """
    return text.translate(_NO_MARKS)


def clean_value(text: str) -> str:
    """The one cleaning step for text that becomes a value (a date, period, id, number or code).

    Direction marks are removed, Persian and Arabic-Indic digits become Latin, and surrounding
    white space (including no-break spaces) is stripped. Parsers of dates, periods, identifiers,
    numbers and enum codes call this before they match, so that text copied from a Persian
    document reads the same as text typed in Latin digits.

    Args:
        text: any text.

    Returns:
        The cleaned text.

    Examples:
        >>> clean_value(" \u200f۱۳۹۶-Q3\u200f ")
        '1396-Q3'
    """
    return text.translate(_VALUE).strip()


def clean_number_text(text: str) -> str:
    """[clean_value][citizenrights.text.clean_value] for a number written the Persian way.

    Besides what ``clean_value`` does, the Arabic decimal separator ``٫`` (U+066B) becomes ``.`` and
    the Arabic thousands separator ``٬`` (U+066C) is dropped.

    Args:
        text: the number as text.

    Returns:
        Text that ``int()`` or ``float()`` reads, if the number was well formed.

    Examples:
        >>> clean_number_text("۵٬۲۰۰")
        '5200'
        >>> clean_number_text("۱۲٫۵")
        '12.5'
    """
    return text.translate(_NUMBER).strip()


def normalize_persian(text: str) -> str:
    """Normalise Persian text for matching: letters, digits and spacing.

    Arabic ``ي``/``ى``/``ك`` become Persian ``ی``/``ک``, every digit becomes Latin, tatweel and
    direction marks are removed, runs of white space (and of zero-width non-joiners) collapse to
    one, a zero-width non-joiner beside a space or at an end is dropped (it joins nothing), and the
    ends are stripped. Use the result for comparison and look-up keys, never to replace what a person typed.

    Args:
        text: any text.

    Returns:
        The normalised text.

    Examples:
        >>> normalize_persian(" آذربايجان  شرقي ") == "آذربایجان شرقی"
        True
        >>> normalize_persian("٢٣")
        '23'
        >>> normalize_persian("اداره\u200c کل ثبت\u200c") == normalize_persian("اداره کل ثبت")
        True
    """
    out = text.translate(_LETTERS).translate(_VALUE).replace("\u0640", "")
    out = _ZWNJ_RUN.sub("\u200c", _SPACES.sub(" ", out))
    return out.strip(" \u200c")
