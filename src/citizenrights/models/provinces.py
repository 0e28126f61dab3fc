"""Iran's 31 provinces (استان), keyed by their current ISO 3166-2:IR code.

**Code scheme.** The codes are those of ISO 3166-2:IR as changed on 2020-11-24 (ISO Online
Browsing Platform): ``IR-00`` Markazi to ``IR-30`` Alborz, a block numbered 00–30 with no gaps.
Lists made before that change number the same provinces differently (``IR-01`` East Azerbaijan
…, ``IR-07`` Tehran, ``IR-32`` Alborz, no ``IR-09``), and maps that mix the two schemes put data in
the wrong province. [`Province.parse`][citizenrights.models.provinces.Province.parse] reads only the current scheme;
[`Province.from_pre2020_code`][citizenrights.models.provinces.Province.from_pre2020_code] converts an old code explicitly.

Examples:
    >>> Province.parse("IR-23"), Province.parse("tehran"), Province.parse("تهران")
    (<Province.TEHRAN: 'IR-23'>, <Province.TEHRAN: 'IR-23'>, <Province.TEHRAN: 'IR-23'>)
    >>> Province.parse("آذربايجان شرقي").name_en  # Arabic yeh is matched
    'East Azerbaijan'
    >>> Province.ALBORZ.name_fa, Province.ALBORZ.number
    ('البرز', 30)
    >>> Province.from_pre2020_code("IR-07")
    <Province.TEHRAN: 'IR-23'>
"""

from __future__ import annotations

import enum
import re
import unicodedata
from typing import Any

from pydantic import GetCoreSchemaHandler, GetJsonSchemaHandler
from pydantic.json_schema import JsonSchemaValue
from pydantic_core import CoreSchema, PydanticCustomError, core_schema

from citizenrights.errors import UnknownProvinceError
from citizenrights.identifiers import mask_if_national_id
from citizenrights.text import clean_value, normalize_persian

__all__ = ["Province"]

ACCEPTED_PROVINCE_TEXT = (
    "an ISO 3166-2:IR code of the 2020 scheme ('IR-23' or '23', IR-00 to IR-30), "
    "an English name ('Tehran', any case, or as ISO 3166-2 spells it: 'Tehrān', "
    "'Khorāsān-e Raẕavī') or a Persian name ('تهران')"
)


class Province(enum.StrEnum):
    """A province of Iran; the value is its current ISO 3166-2:IR code (``IR-00`` … ``IR-30``).

    As a pydantic field a province is read from the code, the English name or the Persian name
    and written as the code; anything else is a ``province_unknown`` error (``province_type``
    for a value that is not text).
    """

    MARKAZI = "IR-00"
    GILAN = "IR-01"
    MAZANDARAN = "IR-02"
    EAST_AZERBAIJAN = "IR-03"
    WEST_AZERBAIJAN = "IR-04"
    KERMANSHAH = "IR-05"
    KHUZESTAN = "IR-06"
    FARS = "IR-07"
    KERMAN = "IR-08"
    RAZAVI_KHORASAN = "IR-09"
    ISFAHAN = "IR-10"
    SISTAN_AND_BALUCHESTAN = "IR-11"
    KURDISTAN = "IR-12"
    HAMADAN = "IR-13"
    CHAHARMAHAL_AND_BAKHTIARI = "IR-14"
    LORESTAN = "IR-15"
    ILAM = "IR-16"
    KOHGILUYEH_AND_BOYER_AHMAD = "IR-17"
    BUSHEHR = "IR-18"
    ZANJAN = "IR-19"
    SEMNAN = "IR-20"
    YAZD = "IR-21"
    HORMOZGAN = "IR-22"
    TEHRAN = "IR-23"
    ARDABIL = "IR-24"
    QOM = "IR-25"
    QAZVIN = "IR-26"
    GOLESTAN = "IR-27"
    NORTH_KHORASAN = "IR-28"
    SOUTH_KHORASAN = "IR-29"
    ALBORZ = "IR-30"

    @property
    def code(self) -> str:
        """The ISO 3166-2:IR code of the 2020 scheme, such as ``IR-23``."""
        return self.value

    @property
    def number(self) -> int:
        """The two digits of the code as an int (0–30)."""
        return int(self.value[3:])

    @property
    def name_fa(self) -> str:
        """The Persian name, such as ``تهران``."""
        return _NAMES[self][0]

    @property
    def name_en(self) -> str:
        """The English name, such as ``Tehran``."""
        return _NAMES[self][1]

    @property
    def name_iso(self) -> str:
        """The name as ISO 3166-2:IR (2020 edition) romanises it, such as ``Khorāsān-e Raẕavī``."""
        return _ISO_NAMES[self]

    @classmethod
    def parse(cls, text: str) -> Province:
        """Read a province from its code, English name or Persian name.

        Names are matched by rule, not by a list of spellings: diacritics are folded (``ā`` is
        ``a``, ``ẕ`` is ``z``), case, spaces, hyphens and apostrophes do not matter, the ezafe
        (``-e``, ``-ye``) and the word ``province`` are optional, ``va``, ``and`` and ``&`` are
        the same, and common transliteration variants match (``gh``/``q``, doubled vowels,
        ``ou``/``u``, ``w``/``v``). Persian names match with Arabic ``ي``/``ك``, without ``آ``'s
        madda, with or without ``و`` and ``استان``, whatever the spacing.

        Args:
            text: ``IR-23``, ``ir-23`` or ``23`` (digits may be Persian; direction marks are
                ignored); an English name (``Tehran``, ``Razavi Khorasan``); the ISO 3166-2 name
                (``Khorāsān-e Raẕavī``, ``Khorasan-e Razavi``); a Persian name (``تهران``,
                ``استان تهران``, ``چهارمحال بختیاری``).

        Returns:
            The province.

        Raises:
            UnknownProvinceError: (a ``ValueError``) naming the text and the accepted forms; also
                for a value that is not text.

        Examples:
            >>> Province.parse("۲۳"), Province.parse("Kohgiluyeh and Boyer-Ahmad").code
            (<Province.TEHRAN: 'IR-23'>, 'IR-17')
            >>> Province.parse("Sīstān va Balūchestān").code, Province.parse("Ghazvin").code
            ('IR-11', 'IR-26')
        """
        if not isinstance(text, str):
            raise UnknownProvinceError(
                f"A province is given as text: {ACCEPTED_PROVINCE_TEXT}; "
                f"got {type(text).__name__} {text!r}.",
                value=text,
            )
        found = _lookup(text)
        if found is None:
            raise UnknownProvinceError(
                f"Unknown province {mask_if_national_id(text)!r}; expected {ACCEPTED_PROVINCE_TEXT}.",
                value=text,
            )
        return found

    @classmethod
    def from_pre2020_code(cls, code: str) -> Province:
        """Convert a code of the ISO 3166-2:IR scheme used before 2020-11-24.

        Args:
            code: an old code such as ``IR-07`` (Tehran) or ``IR-32`` (Alborz), or its digits.

        Raises:
            UnknownProvinceError: (a ``ValueError``) for a code the old scheme did not have
                (``IR-00``, ``IR-09``, > ``IR-32``), or a value that is not text.

        Examples:
            >>> Province.from_pre2020_code("IR-32").name_en
            'Alborz'
        """
        given: object = code  # callers may pass anything; only text is read
        match = _CODE.fullmatch(clean_value(given)) if isinstance(given, str) else None
        new = _PRE2020.get(int(match.group(1))) if match else None
        if new is None:
            shown = mask_if_national_id(given) if isinstance(given, str) else given
            raise UnknownProvinceError(
                f"Unknown pre-2020 ISO 3166-2:IR code {shown!r}; expected IR-01 to IR-32 "
                "without IR-09.",
                value=code,
            )
        return cls(f"IR-{new:02d}")

    @classmethod
    def __get_pydantic_core_schema__(
        cls, source: type[Any], handler: GetCoreSchemaHandler
    ) -> CoreSchema:
        return core_schema.no_info_plain_validator_function(
            _validate,
            serialization=core_schema.plain_serializer_function_ser_schema(
                _code_of, when_used="json"
            ),
        )

    @classmethod
    def __get_pydantic_json_schema__(
        cls, schema: CoreSchema, handler: GetJsonSchemaHandler
    ) -> JsonSchemaValue:
        codes = [p.value for p in cls]
        if handler.mode == "serialization":
            return {"type": "string", "enum": codes, "description": "ISO 3166-2:IR code (2020)."}
        return {
            "type": "string",
            "description": (
                "A province of Iran: its ISO 3166-2:IR code of the 2020 scheme (IR-00 to IR-30), "
                "its English name or its Persian name. Written back as the code."
            ),
            "examples": ["IR-23", "Tehran", "تهران"],
        }


# (Persian name, English name), in code order.
_NAMES: dict[Province, tuple[str, str]] = {
    Province.MARKAZI: ("مرکزی", "Markazi"),
    Province.GILAN: ("گیلان", "Gilan"),
    Province.MAZANDARAN: ("مازندران", "Mazandaran"),
    Province.EAST_AZERBAIJAN: ("آذربایجان شرقی", "East Azerbaijan"),
    Province.WEST_AZERBAIJAN: ("آذربایجان غربی", "West Azerbaijan"),
    Province.KERMANSHAH: ("کرمانشاه", "Kermanshah"),
    Province.KHUZESTAN: ("خوزستان", "Khuzestan"),
    Province.FARS: ("فارس", "Fars"),
    Province.KERMAN: ("کرمان", "Kerman"),
    Province.RAZAVI_KHORASAN: ("خراسان رضوی", "Razavi Khorasan"),
    Province.ISFAHAN: ("اصفهان", "Isfahan"),
    Province.SISTAN_AND_BALUCHESTAN: ("سیستان و بلوچستان", "Sistan and Baluchestan"),
    Province.KURDISTAN: ("کردستان", "Kurdistan"),
    Province.HAMADAN: ("همدان", "Hamadan"),
    Province.CHAHARMAHAL_AND_BAKHTIARI: ("چهارمحال و بختیاری", "Chaharmahal and Bakhtiari"),
    Province.LORESTAN: ("لرستان", "Lorestan"),
    Province.ILAM: ("ایلام", "Ilam"),
    Province.KOHGILUYEH_AND_BOYER_AHMAD: ("کهگیلویه و بویراحمد", "Kohgiluyeh and Boyer-Ahmad"),
    Province.BUSHEHR: ("بوشهر", "Bushehr"),
    Province.ZANJAN: ("زنجان", "Zanjan"),
    Province.SEMNAN: ("سمنان", "Semnan"),
    Province.YAZD: ("یزد", "Yazd"),
    Province.HORMOZGAN: ("هرمزگان", "Hormozgan"),
    Province.TEHRAN: ("تهران", "Tehran"),
    Province.ARDABIL: ("اردبیل", "Ardabil"),
    Province.QOM: ("قم", "Qom"),
    Province.QAZVIN: ("قزوین", "Qazvin"),
    Province.GOLESTAN: ("گلستان", "Golestan"),
    Province.NORTH_KHORASAN: ("خراسان شمالی", "North Khorasan"),
    Province.SOUTH_KHORASAN: ("خراسان جنوبی", "South Khorasan"),
    Province.ALBORZ: ("البرز", "Alborz"),
}

# The names of ISO 3166-2:IR (2020 edition), romanised with diacritics, as pycountry spells them.
_ISO_NAMES: dict[Province, str] = {
    Province.MARKAZI: "Markazī",
    Province.GILAN: "Gīlān",
    Province.MAZANDARAN: "Māzandarān",
    Province.EAST_AZERBAIJAN: "Āz̄ārbāyjān-e Shārqī",
    Province.WEST_AZERBAIJAN: "Āz̄ārbāyjān-e Ghārbī",
    Province.KERMANSHAH: "Kermānshāh",
    Province.KHUZESTAN: "Khūzestān",
    Province.FARS: "Fārs",
    Province.KERMAN: "Kermān",
    Province.RAZAVI_KHORASAN: "Khorāsān-e Raẕavī",
    Province.ISFAHAN: "Eşfahān",
    Province.SISTAN_AND_BALUCHESTAN: "Sīstān va Balūchestān",
    Province.KURDISTAN: "Kordestān",
    Province.HAMADAN: "Hamadān",
    Province.CHAHARMAHAL_AND_BAKHTIARI: "Chahār Maḩāl va Bakhtīārī",
    Province.LORESTAN: "Lorestān",
    Province.ILAM: "Īlām",
    Province.KOHGILUYEH_AND_BOYER_AHMAD: "Kohgīlūyeh va Bowyer Aḩmad",
    Province.BUSHEHR: "Būshehr",
    Province.ZANJAN: "Zanjān",
    Province.SEMNAN: "Semnān",
    Province.YAZD: "Yazd",
    Province.HORMOZGAN: "Hormozgān",
    Province.TEHRAN: "Tehrān",
    Province.ARDABIL: "Ardabīl",
    Province.QOM: "Qom",
    Province.QAZVIN: "Qazvīn",
    Province.GOLESTAN: "Golestān",
    Province.NORTH_KHORASAN: "Khorāsān-e Shomālī",
    Province.SOUTH_KHORASAN: "Khorāsān-e Jonūbī",
    Province.ALBORZ: "Alborz",
}

# English names in common use that are other words, not other spellings: everything that differs
# only by diacritics, ezafe, "va"/"and", spacing or the transliteration rules of _fold_latin
# needs no entry here.
_OTHER_NAMES: dict[Province, tuple[str, ...]] = {
    Province.EAST_AZERBAIJAN: ("East Azarbaijan",),
    Province.WEST_AZERBAIJAN: ("West Azarbaijan",),
    Province.SISTAN_AND_BALUCHESTAN: ("Sistan and Baluchistan",),
    Province.HAMADAN: ("Hamedan",),
    Province.ARDABIL: ("Ardebil",),
    Province.LORESTAN: ("Luristan",),
}

# The 2020-11-24 change, old number → new number (ISO OBP); 09 was the dissolved Khorasan.
_PRE2020: dict[int, int] = {
    1: 3, 2: 4, 3: 24, 4: 10, 5: 16, 6: 18, 7: 23, 8: 14, 10: 6, 11: 19, 12: 20, 13: 11,
    14: 7, 15: 8, 16: 12, 17: 5, 18: 17, 19: 1, 20: 15, 21: 2, 22: 0, 23: 22, 24: 13, 25: 21,
    26: 25, 27: 27, 28: 26, 29: 29, 30: 9, 31: 28, 32: 30,
}  # fmt: skip

# Matched after clean_value: an explicit class, since \d would also take Devanagari or fullwidth
# digits, which int() reads but no Iranian text uses.
_CODE = re.compile(r"(?:IR-?)?([0-9]{1,2})", re.IGNORECASE)
_LATIN_WORD = re.compile(r"[a-z]+")
_APOSTROPHES = str.maketrans(dict.fromkeys("'\u2019\u2018\u02bc\u02bb`"))
# Words that carry no meaning in a province's name: the ezafe (-e, -ye), "and" in its three forms,
# and "province" in English and Persian.
_FILLER_LATIN = frozenset({"e", "ye", "va", "and", "province", "ostan"})
_FILLER_PERSIAN = frozenset({"و", "استان"})
# Transliteration variants, applied in order to the joined letters: gh/q (Ghazvin), doubled
# vowels (Ilaam, Qazveen, Booshehr), ou/u (Balouchestan), w/v (Bowyer, Qazwin), ai/ay.
_VARIANTS = (("gh", "q"), ("aa", "a"), ("ee", "i"), ("oo", "u"), ("ou", "u"), ("ii", "i"),
             ("uu", "u"), ("w", "v"), ("ai", "ay"))  # fmt: skip


def _without_marks(text: str) -> str:
    """NFKD with the combining marks dropped: ā, ẕ, ḩ, ş become a, z, h, s; آ becomes ا."""
    decomposed = unicodedata.normalize("NFKD", text)
    return "".join(ch for ch in decomposed if not unicodedata.combining(ch))


def _fold(text: str) -> str:
    """The matching key of a province name: Latin or Persian, spelled any common way."""
    bare = _without_marks(text)
    if bare.isascii():
        words = _LATIN_WORD.findall(bare.lower().replace("&", " and ").translate(_APOSTROPHES))
        key = "".join(w for w in words if w not in _FILLER_LATIN)
        for variant, canonical in _VARIANTS:
            key = key.replace(variant, canonical)
        return key
    words = normalize_persian(bare).replace("\u200c", " ").split()
    return "".join(w for w in words if w not in _FILLER_PERSIAN)


def _accepted_names(province: Province) -> tuple[str, ...]:
    """The names a province is known by: English, ISO 3166-2, other English names, Persian."""
    fa, en = _NAMES[province]
    return (en, _ISO_NAMES[province], *_OTHER_NAMES.get(province, ()), fa)


def _index() -> dict[str, Province]:
    """Every folded name → its province; two provinces sharing a key is a bug, caught here."""
    by_key: dict[str, Province] = {}
    for province in Province:
        for name in _accepted_names(province):
            key = _fold(name)
            if by_key.setdefault(key, province) is not province:  # pragma: no cover - a bug
                raise AssertionError(f"{name!r} folds to {key!r}, taken by {by_key[key]}")
    return by_key


_EXACT: dict[str, Province] = {}
for _p, (_fa, _en) in _NAMES.items():
    _EXACT.update({_p.value: _p, _en: _p, _fa: _p})
_BY_KEY = _index()
_BY_NUMBER = {p.number: p for p in Province}


def _lookup(text: str) -> Province | None:
    # The exact forms (what our own JSON holds) first: one dict look-up on the hot path.
    found = _EXACT.get(text)
    if found is not None:
        return found
    cleaned = clean_value(text)
    match = _CODE.fullmatch(cleaned)
    if match:
        return _BY_NUMBER.get(int(match.group(1)))
    key = _fold(cleaned)
    return _BY_KEY.get(key) if key else None


def _validate(value: Any) -> Province:
    if isinstance(value, Province):
        return value
    if not isinstance(value, str):
        raise PydanticCustomError(
            "province_type",
            "A province is given as text: {accepted}; got {type_name}",
            {"accepted": ACCEPTED_PROVINCE_TEXT, "type_name": type(value).__name__},
        )
    found = _lookup(value)
    if found is None:
        raise PydanticCustomError(
            "province_unknown",
            "Unknown province '{value}'; expected {accepted}",
            # a person id typed into the field is not echoed; anything else is, to be fixed
            {"value": mask_if_national_id(value), "accepted": ACCEPTED_PROVINCE_TEXT},
        )
    return found


def _code_of(province: Province) -> str:
    return province.value
