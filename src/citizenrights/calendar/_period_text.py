"""The text of Jalali periods, read and written: canonical text, labels and kind names.

[`JalaliPeriod.parse`][citizenrights.calendar.periods.JalaliPeriod.parse] reads a period's
canonical text (``1396-Q3``) or its label (``پاییز ۱۳۹۶``, ``Autumn 1396``) with `read_period`, and
[`JalaliPeriod.label`][citizenrights.calendar.periods.JalaliPeriod.label] writes the label with
`period_label`. Both work on a period's
``(kind, year, index)``; making the period, and its range check, is the caller's.
"""

from __future__ import annotations

import re
from typing import Literal

from citizenrights.calendar import _core
from citizenrights.calendar._period_schema import ACCEPTED_PERIOD_TEXT
from citizenrights.calendar.dates import MONTH_NAMES_EN, MONTH_NAMES_FA
from citizenrights.calendar.period_kinds import PeriodKind
from citizenrights.errors import InvalidPeriodError, UnsupportedLanguageError
from citizenrights.text import clean_value, normalize_persian, to_persian_digits

__all__ = ["period_label", "read_period", "to_kind"]

SEASONS_FA = ("بهار", "تابستان", "پاییز", "زمستان")
SEASONS_EN = ("Spring", "Summer", "Autumn", "Winter")
HALVES_FA = ("نیمه نخست", "نیمه دوم")
HALVES_EN = ("First half", "Second half")
# Other common ways of writing a label's name: a spelling of autumn with hamza, the other Persian
# "first", the older name of the fifth month, and the American autumn.
_LABEL_ALIASES = {
    "پائیز": (PeriodKind.QUARTER, 3),
    "نیمه اول": (PeriodKind.HALF, 1),
    "امرداد": (PeriodKind.MONTH, 5),
    "Fall": (PeriodKind.QUARTER, 3),
}


def to_kind(value: object) -> PeriodKind:
    """Convert a kind or its value to a PeriodKind, raising InvalidPeriodError for anything else."""
    if isinstance(value, PeriodKind):
        return value
    if isinstance(value, str):
        try:
            return PeriodKind(value)
        except ValueError:
            pass
    raise InvalidPeriodError(
        f"A period kind is 'year', 'half', 'quarter' or 'month'; got {_core.shown(value)}.",
        value=_core.masked(value),
    )


# Matched after clean_value, with an explicit class: \d would also take Devanagari, fullwidth and
# other Unicode digits, which int() reads but no Iranian text uses.
_PERIOD_TEXT = re.compile(r"([0-9]{4})(?:-(?:([HQ])([0-9]+)|([0-9]{1,2})))?", re.IGNORECASE)
# A label: a name, then the year (after clean_value and _label_key), as label() writes it.
_LABEL_TEXT = re.compile(r"(?:(\D+?) ?)?([0-9]{4})")


def _label_key(text: str) -> str:
    """A label's text as a look-up key: Persian letters normalised, case folded, one spacing.

    A zero-width non-joiner counts as a space, so that ``نیمه‌نخست`` and ``First  half`` find
    their label (in a label's name, a hyphen or underscore does too: ``first-half``).
    """
    text = normalize_persian(text).casefold()
    return " ".join(text.replace("\u200c", " ").split())


# Every label's name, as _label_key gives it, in both languages.
_LABELS: dict[str, tuple[PeriodKind, int]] = {
    _label_key(name): (kind, i)
    for names, kind in (
        (SEASONS_FA, PeriodKind.QUARTER),
        (SEASONS_EN, PeriodKind.QUARTER),
        (HALVES_FA, PeriodKind.HALF),
        (HALVES_EN, PeriodKind.HALF),
        (MONTH_NAMES_FA, PeriodKind.MONTH),
        (MONTH_NAMES_EN, PeriodKind.MONTH),
    )
    for i, name in enumerate(names, start=1)
} | {_label_key(name): value for name, value in _LABEL_ALIASES.items()}


def read_period(text: str) -> tuple[PeriodKind, int, int]:
    """The kind, year and index written in a period's canonical text or label.

    The index is checked against the kind; the year is not (the period's constructor does that).

    Raises:
        InvalidPeriodError: for text that is not a period, or an index that does not exist.
    """
    if not isinstance(text, str):
        raise InvalidPeriodError(
            f"Expected {ACCEPTED_PERIOD_TEXT} as text; got {type(text).__name__} "
            f"{_core.shown(text)}.",
            value=_core.masked(text),
        )
    cleaned = clean_value(text)
    match = _PERIOD_TEXT.fullmatch(cleaned)
    if match is None:
        kind, index, year = _parse_label(cleaned, text)
        return kind, year, index
    year = int(match[1])
    letter, number, month = match[2], match[3], match[4]
    if letter is not None:
        kind = PeriodKind.HALF if letter.upper() == "H" else PeriodKind.QUARTER
        index = int(number)
    elif month is not None:
        kind, index = PeriodKind.MONTH, int(month)
    else:
        kind, index = PeriodKind.YEAR, 1
    if not 1 <= index <= kind.per_year:
        raise InvalidPeriodError(
            f"Expected {ACCEPTED_PERIOD_TEXT}; got {_core.shown(text)}: a {kind.value} index "
            f"is 1 to {kind.per_year}.",
            value=_core.masked(text),
        )
    return kind, year, index


def _parse_label(cleaned: str, text: str) -> tuple[PeriodKind, int, int]:
    """The kind, index and year of a label (``cleaned`` is ``text`` after clean_value).

    Raises:
        InvalidPeriodError: naming ``text`` when it is no label either.
    """
    match = _LABEL_TEXT.fullmatch(_label_key(cleaned))
    if match is not None and match[1] is None:  # a year's label: its number alone
        return PeriodKind.YEAR, 1, int(match[2])
    found = None if match is None else _LABELS.get(_label_key(re.sub("[-_]", " ", match[1])))
    if match is None or found is None:
        raise InvalidPeriodError(
            f"Expected {ACCEPTED_PERIOD_TEXT}; got {_core.shown(text)}.", value=_core.masked(text)
        )
    return found[0], found[1], int(match[2])


def period_label(kind: PeriodKind, year: int, index: int, lang: Literal["fa", "en"]) -> str:
    """A period's label: ``پاییز ۱۳۹۶`` / ``Autumn 1396``, ``مهر ۱۳۹۶`` / ``Mehr 1396``.

    Raises:
        UnsupportedLanguageError: for a ``lang`` other than ``"fa"`` and ``"en"``.
    """
    if lang not in ("fa", "en"):
        raise UnsupportedLanguageError(lang)
    i = index - 1
    if kind is PeriodKind.YEAR:
        text = str(year)
    elif kind is PeriodKind.HALF:
        text = f"{(HALVES_FA if lang == 'fa' else HALVES_EN)[i]} {year}"
    elif kind is PeriodKind.QUARTER:
        text = f"{(SEASONS_FA if lang == 'fa' else SEASONS_EN)[i]} {year}"
    else:
        text = f"{(MONTH_NAMES_FA if lang == 'fa' else MONTH_NAMES_EN)[i]} {year}"
    return to_persian_digits(text) if lang == "fa" else text
