"""Persian text helpers: digits both ways and normalisation for matching."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from citizenrights.text import normalize_persian, to_latin_digits, to_persian_digits

from .strategies import (
    arabic_indic_digit_strings,
    latin_digit_strings,
    persian_digit_strings,
    persianish_text,
)


def test_digit_tables() -> None:
    """Each of the ten Persian and Arabic-Indic digits maps to its Latin digit, in order."""
    assert to_latin_digits("۰۱۲۳۴۵۶۷۸۹") == "0123456789"
    assert to_latin_digits("٠١٢٣٤٥٦٧٨٩") == "0123456789"
    assert to_persian_digits("0123456789") == "۰۱۲۳۴۵۶۷۸۹"
    assert to_persian_digits("٠١٢٣٤٥٦٧٨٩") == "۰۱۲۳۴۵۶۷۸۹"


def test_digits_leave_other_characters_alone() -> None:
    """Only digits change: letters, punctuation and spaces are kept as they are."""
    assert to_latin_digits("مهر ۱۳۹۶-Q۳ ok") == "مهر 1396-Q3 ok"
    assert to_persian_digits("Q3 مهر 1396/07") == "Q۳ مهر ۱۳۹۶/۰۷"


@given(latin_digit_strings)
def test_persian_then_latin_is_identity(text: str) -> None:
    """to_latin_digits(to_persian_digits(s)) == s for Latin digit strings."""
    assert to_latin_digits(to_persian_digits(text)) == text


@given(persian_digit_strings)
def test_latin_then_persian_is_identity(text: str) -> None:
    """to_persian_digits(to_latin_digits(s)) == s for Persian digit strings."""
    assert to_persian_digits(to_latin_digits(text)) == text


@given(arabic_indic_digit_strings)
def test_arabic_indic_digits_have_the_same_values(text: str) -> None:
    """Arabic-Indic digits read as the same numbers as Persian ones."""
    assert int(to_latin_digits(text)) == int(text)
    assert to_latin_digits(to_persian_digits(text)) == to_latin_digits(text)


@given(st.text(max_size=30))
def test_digit_conversion_keeps_length_and_non_digits(text: str) -> None:
    """Conversion is character by character: same length, non-digits untouched."""
    latin = to_latin_digits(text)
    assert len(latin) == len(text)
    for before, after in zip(text, latin, strict=True):
        assert after == before or (before in "۰۱۲۳۴۵۶۷۸۹٠١٢٣٤٥٦٧٨٩" and after.isascii())


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("علي  كريمي", "علی کریمی"),
        (" آذربايجان  شرقي ", "آذربایجان شرقی"),
        ("مصطفى", "مصطفی"),
        ("۱۳۹۶ و ١٣٩٧", "1396 و 1397"),
        ("حقوق\u200c\u200cشهروندی", "حقوق\u200cشهروندی"),
        ("شهـــروندی", "شهروندی"),
        ("a\t\u00a0b", "a b"),
        ("", ""),
    ],
)
def test_normalize_persian_examples(text: str, expected: str) -> None:
    """Arabic yeh/kaf, digits, tatweel, ZWNJ runs and spaces are normalised."""
    assert normalize_persian(text) == expected


@given(persianish_text)
def test_normalize_persian_is_idempotent(text: str) -> None:
    """Normalising twice gives the same text as normalising once."""
    once = normalize_persian(text)
    assert normalize_persian(once) == once


@given(persianish_text)
def test_normalized_text_has_no_variants_left(text: str) -> None:
    """The result has no Arabic yeh/kaf, no non-Latin digit, no tatweel and no double space."""
    out = normalize_persian(text)
    assert not set(out) & set("يكى۰۱۲۳۴۵۶۷۸۹٠١٢٣٤٥٦٧٨٩\u0640")
    assert "  " not in out
    assert "\u200c\u200c" not in out
    assert out == out.strip()


ZWNJ = "\u200c"


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (f"اداره{ZWNJ} کل ثبت{ZWNJ}", "اداره کل ثبت"),  # the row of the issue
        (f"اداره {ZWNJ}کل", "اداره کل"),  # before a word, after a space
        (f"{ZWNJ}اداره کل", "اداره کل"),  # at the start
        (f"اداره کل{ZWNJ}{ZWNJ}", "اداره کل"),  # a run at the end
        (f"اداره{ZWNJ} {ZWNJ} کل", "اداره کل"),  # spaces and ZWNJs between words
        (f"اداره{ZWNJ}\t{ZWNJ}کل", "اداره کل"),  # a tab counts as a space
        (f"می{ZWNJ}شود", f"می{ZWNJ}شود"),  # inside a word it joins: kept
        (f"می{ZWNJ}{ZWNJ}شود", f"می{ZWNJ}شود"),  # a run inside a word: one
        (f"حقوق{ZWNJ}شهروندی {ZWNJ}", f"حقوق{ZWNJ}شهروندی"),
        (ZWNJ, ""),
        (f" {ZWNJ} ", ""),
        (f"\u200fاداره{ZWNJ}\u200f کل", "اداره کل"),  # a direction mark between them
    ],
)
def test_zwnj_beside_a_space_or_at_an_end_is_noise(text: str, expected: str) -> None:
    """A zero-width non-joiner next to a space or at either end joins nothing and is dropped; one
    inside a word (between two letters) is kept, a run of them collapsed to one."""
    assert normalize_persian(text) == expected


@pytest.mark.parametrize(
    ("stray", "clean"),
    [
        (f"اداره{ZWNJ} کل ثبت{ZWNJ}", "اداره کل ثبت"),
        (f"{ZWNJ}انجمن حامیان {ZWNJ}", "انجمن حامیان"),
        (f"آذربایجان{ZWNJ} شرقی", "آذربایجان شرقی"),
    ],
)
def test_name_keys_match_with_and_without_stray_zwnj(stray: str, clean: str) -> None:
    """The matching keys of agencies, NGOs and provinces ignore a stray ZWNJ: the same name typed
    with one and without one has the same key, and names the same province."""
    from citizenrights import NGO, Agency, Province

    assert Agency(id="A", name=stray, kind="other").name_key == (
        Agency(id="A", name=clean, kind="other").name_key
    )
    ngo = {"id": "N", "registration_no": "1", "fields": [], "registered": "1395/01/01"}
    assert (
        NGO(**ngo, name=stray, active=True).name_key == NGO(**ngo, name=clean, active=True).name_key
    )
    if "آذربایجان" in clean:
        assert Province.parse(stray) is Province.parse(clean) is Province.EAST_AZERBAIJAN
