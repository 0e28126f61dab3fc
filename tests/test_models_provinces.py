"""Provinces: the 31 provinces, the current ISO 3166-2:IR codes, and parsing from any form."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st
from pydantic import BaseModel, ValidationError

from citizenrights import CitizenRightsError, Province, UnknownProvinceError
from citizenrights.text import to_persian_digits

from .strategies import non_text_values, provinces

# The ISO 3166-2:IR codes since the change of 2020-11-24, written out independently of the module.
CURRENT_CODES = {
    "IR-00": "Markazi",
    "IR-01": "Gilan",
    "IR-02": "Mazandaran",
    "IR-03": "East Azerbaijan",
    "IR-04": "West Azerbaijan",
    "IR-05": "Kermanshah",
    "IR-06": "Khuzestan",
    "IR-07": "Fars",
    "IR-08": "Kerman",
    "IR-09": "Razavi Khorasan",
    "IR-10": "Isfahan",
    "IR-11": "Sistan and Baluchestan",
    "IR-12": "Kurdistan",
    "IR-13": "Hamadan",
    "IR-14": "Chaharmahal and Bakhtiari",
    "IR-15": "Lorestan",
    "IR-16": "Ilam",
    "IR-17": "Kohgiluyeh and Boyer-Ahmad",
    "IR-18": "Bushehr",
    "IR-19": "Zanjan",
    "IR-20": "Semnan",
    "IR-21": "Yazd",
    "IR-22": "Hormozgan",
    "IR-23": "Tehran",
    "IR-24": "Ardabil",
    "IR-25": "Qom",
    "IR-26": "Qazvin",
    "IR-27": "Golestan",
    "IR-28": "North Khorasan",
    "IR-29": "South Khorasan",
    "IR-30": "Alborz",
}


class Place(BaseModel):
    province: Province


def test_thirty_one_provinces_with_codes_00_to_30() -> None:
    """There are 31 provinces whose codes are exactly IR-00 … IR-30, each once."""
    assert len(Province) == 31
    assert [p.code for p in Province] == [f"IR-{n:02d}" for n in range(31)]
    assert len({p.name_fa for p in Province}) == 31
    assert len({p.name_en for p in Province}) == 31


def test_codes_are_the_current_iso_scheme() -> None:
    """Each code names the province the 2020 ISO 3166-2:IR scheme gives it (not the old one)."""
    assert {p.code: p.name_en for p in Province} == CURRENT_CODES
    assert Province.TEHRAN.code == "IR-23"
    assert Province.ALBORZ.code == "IR-30"
    assert Province.MARKAZI.number == 0


def test_persian_names_are_persian_letters() -> None:
    """Persian names use Persian ی/ک (never Arabic ي/ك) and no digits."""
    for p in Province:
        assert "ي" not in p.name_fa
        assert "ك" not in p.name_fa
        assert not any(ch.isdigit() for ch in p.name_fa)


@pytest.mark.parametrize("province", list(Province), ids=lambda p: p.code)
def test_parse_from_each_form(province: Province) -> None:
    """Every province parses from its code, its digits, its English name and its Persian name."""
    forms = [
        province.code,
        province.code.lower(),
        province.code[3:],
        to_persian_digits(province.code[3:]),
        province.name_en,
        province.name_en.upper(),
        province.name_en.lower(),
        f"  {province.name_en} Province ",
        province.name_fa,
        f"استان {province.name_fa}",
        province.name_fa.replace("ی", "ي").replace("ک", "ك"),
        province.name_fa.replace(" ", "  "),
    ]
    for text in forms:
        assert Province.parse(text) is province, text
        assert Place(province=text).province is province, text


@pytest.mark.parametrize(
    ("text", "province"),
    [
        ("Esfahan", Province.ISFAHAN),
        ("kohgiluyeh and boyer ahmad", Province.KOHGILUYEH_AND_BOYER_AHMAD),
        ("کهگیلویه و بویر احمد", Province.KOHGILUYEH_AND_BOYER_AHMAD),
        ("اذربایجان شرقی", Province.EAST_AZERBAIJAN),  # آ typed as ا
        ("چهار\u200cمحال و بختیاری", Province.CHAHARMAHAL_AND_BAKHTIARI),
        ("Khorasan Razavi", Province.RAZAVI_KHORASAN),
        ("IR23", Province.TEHRAN),
    ],
)
def test_parse_common_variants(text: str, province: Province) -> None:
    """Common spellings, spacing and letter variants find the province."""
    assert Province.parse(text) is province


@pytest.mark.parametrize("text", ["IR-31", "IR-32", "99", "", "Tehrun", "تهرانی", "IR-", "Persia"])
def test_parse_rejects_unknown(text: str) -> None:
    """Unknown text (including the old scheme's IR-31/IR-32) is rejected, naming accepted forms."""
    with pytest.raises(ValueError, match="IR-00 to IR-30"):
        Province.parse(text)
    with pytest.raises(ValidationError) as caught:
        Place(province=text)
    assert caught.value.errors()[0]["type"] == "province_unknown"


def test_unknown_province_is_a_documented_error() -> None:
    """`Province.parse` raises UnknownProvinceError: a CitizenRightsError and a ValueError, with
    the text kept as ``value``; so does `from_pre2020_code` for a code the old scheme lacked."""
    with pytest.raises(UnknownProvinceError) as caught:
        Province.parse("Tehrun")
    assert isinstance(caught.value, CitizenRightsError)
    assert isinstance(caught.value, ValueError)
    assert caught.value.value == "Tehrun"
    assert "'Tehrun'" in str(caught.value)
    with pytest.raises(UnknownProvinceError) as caught:
        Province.from_pre2020_code("IR-09")
    assert caught.value.value == "IR-09"


@pytest.mark.parametrize("text", ["IR-२३", "२३", "IR-２３", "১০"])
def test_digits_of_other_scripts_are_not_a_code(text: str) -> None:
    """Only Latin, Persian and Arabic-Indic digits make a code: Devanagari, fullwidth or Bengali
    digits, which int() would read, are unknown."""
    with pytest.raises(UnknownProvinceError):
        Province.parse(text)
    with pytest.raises(UnknownProvinceError):
        Province.from_pre2020_code(text)


@given(st.one_of(non_text_values, st.text(max_size=12)))
def test_parse_raises_only_documented_errors_for_any_value(value: object) -> None:
    """Any value at all is a province or an UnknownProvinceError (never AttributeError)."""
    for parse in (Province.parse, Province.from_pre2020_code):
        try:
            found = parse(value)  # type: ignore[arg-type]
        except UnknownProvinceError:
            continue
        assert isinstance(value, str)
        assert found in Province


@given(provinces)
def test_field_serialises_to_the_code(province: Province) -> None:
    """As a field, a province is written as its code and read back to the same member."""
    dumped = Place(province=province.name_fa).model_dump_json()
    assert dumped == f'{{"province":"{province.code}"}}'
    assert Place.model_validate_json(dumped).province is province


def test_pre2020_codes_convert_explicitly() -> None:
    """`from_pre2020_code` maps the old scheme onto the current one; it is a bijection."""
    assert Province.from_pre2020_code("IR-07") is Province.TEHRAN
    assert Province.from_pre2020_code("IR-32") is Province.ALBORZ
    assert Province.from_pre2020_code("22") is Province.MARKAZI
    assert Province.from_pre2020_code("IR-27") is Province.GOLESTAN
    old = [f"IR-{n:02d}" for n in range(1, 33) if n != 9]
    assert {Province.from_pre2020_code(code) for code in old} == set(Province)
    for bad in ("IR-09", "IR-00", "IR-33", "Tehran"):
        with pytest.raises(ValueError, match="pre-2020"):
            Province.from_pre2020_code(bad)


def test_json_schema_lists_accepted_forms_and_written_codes() -> None:
    """Validation schema takes text; serialization schema lists the 31 codes."""
    validation = Place.model_json_schema()["properties"]["province"]
    assert validation["type"] == "string"
    assert "IR-23" in validation["examples"]
    serialization = Place.model_json_schema(mode="serialization")["properties"]["province"]
    assert serialization["enum"] == [f"IR-{n:02d}" for n in range(31)]


# ISO 3166-2:IR (2020 edition) subdivision names, romanised with diacritics as pycountry spells
# them, written out independently of the module. The two Azerbaijans are spelled both ways
# pycountry has used (Sharqī / Shārqī).
ISO_NAMES = {
    "IR-00": ["Markazī"],
    "IR-01": ["Gīlān"],
    "IR-02": ["Māzandarān"],
    "IR-03": ["Āz̄ārbāyjān-e Shārqī", "Āz̄arbāyjān-e Sharqī"],
    "IR-04": ["Āz̄ārbāyjān-e Ghārbī", "Āz̄arbāyjān-e Gharbī"],
    "IR-05": ["Kermānshāh"],
    "IR-06": ["Khūzestān"],
    "IR-07": ["Fārs"],
    "IR-08": ["Kermān"],
    "IR-09": ["Khorāsān-e Raẕavī"],
    "IR-10": ["Eşfahān"],
    "IR-11": ["Sīstān va Balūchestān"],
    "IR-12": ["Kordestān"],
    "IR-13": ["Hamadān"],
    "IR-14": ["Chahār Maḩāl va Bakhtīārī"],
    "IR-15": ["Lorestān"],
    "IR-16": ["Īlām"],
    "IR-17": ["Kohgīlūyeh va Bowyer Aḩmad"],
    "IR-18": ["Būshehr"],
    "IR-19": ["Zanjān"],
    "IR-20": ["Semnān"],
    "IR-21": ["Yazd"],
    "IR-22": ["Hormozgān"],
    "IR-23": ["Tehrān"],
    "IR-24": ["Ardabīl"],
    "IR-25": ["Qom"],
    "IR-26": ["Qazvīn"],
    "IR-27": ["Golestān"],
    "IR-28": ["Khorāsān-e Shomālī"],
    "IR-29": ["Khorāsān-e Jonūbī"],
    "IR-30": ["Alborz"],
}
ISO_CASES = [(name, code) for code, names in ISO_NAMES.items() for name in names]


@pytest.mark.parametrize(("name", "code"), ISO_CASES, ids=[n for n, _ in ISO_CASES])
def test_every_iso_name_parses_to_its_code(name: str, code: str) -> None:
    """Each of the 31 ISO 3166-2:IR names, with its diacritics or without them, in any case,
    parses to its code (28 of them were refused before)."""
    import unicodedata

    plain = "".join(c for c in unicodedata.normalize("NFKD", name) if not unicodedata.combining(c))
    for text in (name, plain, plain.lower(), plain.upper(), f"{name}\u200f"):
        assert Province.parse(text).code == code, text
        assert Place(province=text).province.code == code, text
    assert Province(code).name_iso in ISO_NAMES[code]


@pytest.mark.parametrize(
    ("text", "code"),
    [
        ("Khorasan-e Razavi", "IR-09"),  # the spellings of the issue
        ("Sistan va Baluchestan", "IR-11"),
        ("Ghazvin", "IR-26"),
        ("Ilaam", "IR-16"),
        ("چهارمحال بختیاری", "IR-14"),
        ("Khorasan e Razavi", "IR-09"),  # ezafe as a word, glued, or left out
        ("Khorasan-ye Razavi", "IR-09"),
        ("Khorasan Shomali", "IR-28"),
        ("Khorasan-e Jonubi", "IR-29"),
        ("Sistan & Baluchestan", "IR-11"),  # va / and / &
        ("Sistan and Baluchestan Province", "IR-11"),
        ("Chahar Mahal and Bakhtiari", "IR-14"),  # spacing
        ("Chaharmahal-Bakhtiari", "IR-14"),
        ("Kohgiluyeh va Boyer-Ahmad", "IR-17"),
        ("Kohgiluyeh & Bowyer Ahmad", "IR-17"),
        ("Azarbayjan-e Gharbi", "IR-04"),
        ("Azarbaijan-e Sharqi", "IR-03"),  # ai / ay
        ("Qazvin", "IR-26"),
        ("Qazwin", "IR-26"),  # w / v
        ("Qazveen", "IR-26"),  # ee / i
        ("Booshehr", "IR-18"),  # oo / u
        ("Balouchestan va Sistan", None),  # words in another order are not a name
        ("Esfahan", "IR-10"),
        ("Kordestan", "IR-12"),
        ("Ostan-e Tehran", "IR-23"),
        ("Tehran's", None),
        ("خراسانِ رضوی", "IR-09"),  # Persian with a written ezafe (kasra)
        ("سیستان و بلوچستان", "IR-11"),
        ("سیستان بلوچستان", "IR-11"),
        ("کهگیلویه و بویراحمد", "IR-17"),
        ("استان کهگیلویه بویر احمد", "IR-17"),
        ("آذربایجان‌غربی", "IR-04"),
        ("IR-04\u200f", "IR-04"),
        ("\u200fIR-۰۴", "IR-04"),
    ],
)
def test_common_spellings_parse_by_rule(text: str, code: str | None) -> None:
    """Spellings that differ by diacritics, ezafe, `va`/`and`/`&`, hyphens, spaces,
    apostrophes or a common transliteration variant (gh/q, doubled vowels, ou/u, w/v) name the
    province; Persian names with or without `و`, `استان` and the ezafe too."""
    if code is None:
        with pytest.raises(UnknownProvinceError):
            Province.parse(text)
    else:
        assert Province.parse(text).code == code


def test_folded_names_never_collide() -> None:
    """Every accepted name (English, ISO, other English names, Persian) folds to a key that
    names one province only: the three Khorasans and the two Azerbaijans stay apart."""
    from citizenrights.models import provinces as module

    keys: dict[str, set[str]] = {}
    for province in Province:
        for name in (*module._accepted_names(province), *ISO_NAMES[province.code]):
            keys.setdefault(module._fold(name), set()).add(province.code)
    assert {k: v for k, v in keys.items() if len(v) > 1} == {}
    khorasans = {Province.parse(f"Khorasan-e {w}") for w in ("Razavi", "Shomali", "Jonubi")}
    assert len(khorasans) == 3
    assert Province.parse("Azarbayjan-e Sharqi") is not Province.parse("Azarbayjan-e Gharbi")


@pytest.mark.parametrize("text", ["Khorasan", "Khorasan-e", "Azarbayjan", "Sistan", "va", "and"])
def test_partial_names_are_unknown(text: str) -> None:
    """A part of a name (a Khorasan without its direction, a lone filler word) is no province:
    the error lists what is accepted."""
    with pytest.raises(UnknownProvinceError, match="ISO 3166-2"):
        Province.parse(text)
