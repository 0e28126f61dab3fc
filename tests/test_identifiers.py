"""National ids and legal-entity ids: check digits, normalisation, masking, pydantic errors."""

from __future__ import annotations

import json

import pytest
from hypothesis import given
from hypothesis import strategies as st
from pydantic import BaseModel, ValidationError

from citizenrights.errors import CitizenRightsError, InvalidIdentifierError
from citizenrights.identifiers import (
    LegalEntityId,
    NationalId,
    mask_identifier,
    mask_if_national_id,
)
from citizenrights.text import to_persian_digits

from .strategies import (
    legal_entity_ids,
    legal_id_check_digit,
    national_id_check_digit,
    national_ids,
)

# Valid ids published as examples by public validators (persian-tools `verifyIranianNationalId`
# and `verifyIranianLegalId` tests, rust-persian-tools docs); none belongs to a known person.
PUBLISHED_NATIONAL_IDS = [
    "0499370899",
    "0790419904",
    "1583250689",
    "0684159414",
    "4400276201",
    "2540201288",
    "7400076205",
    "7340416501",
    "0076229645",
]
PUBLISHED_LEGAL_IDS = ["10380284790"]


# -- national id --------------------------------------------------------------------------------


@pytest.mark.parametrize("value", PUBLISHED_NATIONAL_IDS)
def test_published_national_ids_are_valid(value: str) -> None:
    """Ids that public validators publish as valid pass, and their check digit is the rule's."""
    assert NationalId(value) == value
    assert NationalId.is_valid(value)
    assert int(value[9]) == national_id_check_digit(value[:9])


def test_check_digit_by_hand() -> None:
    """0499370899: the weighted sum 0*10+4*9+9*8+9*7+3*6+7*5+0*4+8*3+9*2 = 266, 266 % 11 = 2, 11-2 = 9."""
    assert sum(int(d) * (10 - i) for i, d in enumerate("049937089")) == 266
    assert national_id_check_digit("049937089") == 9
    assert NationalId("0499370899")


@pytest.mark.parametrize(
    ("value", "remainder"),
    [
        ("0100000010", 0),  # 1*9 + 1*2 = 11: remainder 0, check digit 0
        ("1000000011", 1),  # 1*10 + 1*2 = 12: remainder 1, check digit 1
        ("1000000001", 10),  # 1*10 = 10: remainder 10, check digit 11 - 10 = 1
        ("0000000027", 4),  # 2*2 = 4: remainder 4, check digit 11 - 4 = 7
    ],
)
def test_check_digit_edge_remainders(value: str, remainder: int) -> None:
    """A remainder below 2 is the check digit itself; from 2 on, the check digit is 11 - r."""
    total = sum(int(d) * (10 - i) for i, d in enumerate(value[:9]))
    assert total % 11 == remainder
    assert NationalId(value) == value


@given(national_ids)
def test_every_correctly_built_national_id_is_accepted(value: str) -> None:
    """Nine digits plus their computed check digit (not all one digit) is a valid national id."""
    assert NationalId(value) == value
    assert str(NationalId(to_persian_digits(value))) == value


@given(national_ids, st.integers(min_value=1, max_value=9))
def test_any_other_check_digit_is_rejected(value: str, delta: int) -> None:
    """Changing the check digit to any other digit gives national_id_checksum."""
    wrong = value[:9] + str((int(value[9]) + delta) % 10)
    with pytest.raises(InvalidIdentifierError) as info:
        NationalId(wrong)
    assert info.value.reason == "national_id_checksum"


@pytest.mark.parametrize("digit", "0123456789")
def test_repeated_digit_national_ids_are_rejected(digit: str) -> None:
    """An id of one repeated digit passes the sum but is not issued, so it is rejected."""
    value = digit * 10
    assert national_id_check_digit(value[:9]) == int(digit)  # the sum alone would pass it
    with pytest.raises(InvalidIdentifierError) as info:
        NationalId(value)
    assert info.value.reason == "national_id_repeated"


@pytest.mark.parametrize(
    ("value", "reason"),
    [
        ("1234567890", "national_id_checksum"),
        ("0499370898", "national_id_checksum"),
        ("049937089", "national_id_format"),
        ("04993708990", "national_id_format"),
        ("", "national_id_format"),
        ("04993708a9", "national_id_format"),
        ("0499370899.", "national_id_format"),
        ("9999999999", "national_id_repeated"),
    ],
)
def test_bad_national_ids(value: str, reason: str) -> None:
    """Each bad national id raises InvalidIdentifierError (a ValueError) with a stable reason."""
    with pytest.raises(InvalidIdentifierError) as info:
        NationalId(value)
    assert isinstance(info.value, CitizenRightsError)
    assert isinstance(info.value, ValueError)
    assert info.value.reason == reason
    assert not NationalId.is_valid(value)


def test_national_id_type_error() -> None:
    """A national id given as a number (which would lose leading zeros) is refused."""
    with pytest.raises(InvalidIdentifierError) as info:
        NationalId(499370899)  # type: ignore[arg-type]
    assert info.value.reason == "national_id_type"


@pytest.mark.parametrize(
    "value", ["۰۴۹۹۳۷۰۸۹۹", "٠٤٩٩٣٧٠٨٩٩", "049-937089-9", " 0499370899 ", "049 937 0899"]
)
def test_national_id_normalises_digits_and_separators(value: str) -> None:
    """Persian or Arabic-Indic digits, dashes and spaces are accepted; the value keeps digits only."""
    assert str(NationalId(value)) == "0499370899"


# -- legal-entity id ------------------------------------------------------------------------------


@pytest.mark.parametrize("value", PUBLISHED_LEGAL_IDS)
def test_published_legal_ids_are_valid(value: str) -> None:
    """The widely published example 10380284790 passes, with the rule's check digit 0."""
    assert LegalEntityId(value) == value
    assert int(value[10]) == legal_id_check_digit(value[:10])


def test_legal_check_digit_by_hand() -> None:
    """10380284790: t = 9 + 2; sum of (digit + t) * (29, 27, 23, 19, 17, ...) = 3432 = 312 * 11."""
    weights = (29, 27, 23, 19, 17) * 2
    assert sum((int(d) + 11) * w for d, w in zip("1038028479", weights, strict=True)) == 3432
    assert 3432 % 11 == 0


@given(legal_entity_ids)
def test_every_correctly_built_legal_id_is_accepted(value: str) -> None:
    """Ten digits (digits 4-9 not all zero) plus their check digit is a valid legal-entity id."""
    assert LegalEntityId(value) == value


@given(legal_entity_ids, st.integers(min_value=1, max_value=9))
def test_any_other_legal_check_digit_is_rejected(value: str, delta: int) -> None:
    """Changing the legal-entity id's check digit to any other digit gives legal_id_checksum."""
    wrong = value[:10] + str((int(value[10]) + delta) % 10)
    with pytest.raises(InvalidIdentifierError) as info:
        LegalEntityId(wrong)
    assert info.value.reason == "legal_id_checksum"


@pytest.mark.parametrize(
    ("value", "reason"),
    [
        ("10380284792", "legal_id_checksum"),  # persian-tools' invalid examples
        ("10380285692", "legal_id_checksum"),
        ("09748208301", "legal_id_checksum"),
        ("11111111111", "legal_id_checksum"),
        ("1038028479", "legal_id_format"),
        ("123000000", "legal_id_format"),
        ("12300000045", "legal_id_format"),  # digits 4-9 all zero
        ("1038028479x", "legal_id_format"),
    ],
)
def test_bad_legal_ids(value: str, reason: str) -> None:
    """Each bad legal-entity id raises InvalidIdentifierError with a stable reason."""
    with pytest.raises(InvalidIdentifierError) as info:
        LegalEntityId(value)
    assert info.value.reason == reason
    assert not LegalEntityId.is_valid(value)


# -- masking --------------------------------------------------------------------------------------


@given(national_ids)
def test_masked_repr_never_shows_the_whole_id(value: str) -> None:
    """repr and masked() show only the last three digits."""
    nid = NationalId(value)
    assert value not in repr(nid)
    assert value not in nid.masked()
    assert nid.masked() == "*******" + value[7:]
    assert repr(nid) == f"NationalId('*******{value[7:]}')"


@given(legal_entity_ids)
def test_masked_repr_of_legal_ids(value: str) -> None:
    """A legal-entity id's repr shows its last three digits only."""
    assert value not in repr(LegalEntityId(value))
    assert repr(LegalEntityId(value)).endswith(f"{value[8:]}')")


@given(national_ids, st.integers(min_value=1, max_value=9))
def test_error_messages_never_show_the_whole_id(value: str, delta: int) -> None:
    """An InvalidIdentifierError's message holds only the masked id."""
    wrong = value[:9] + str((int(value[9]) + delta) % 10)
    with pytest.raises(InvalidIdentifierError) as info:
        NationalId(wrong)
    assert wrong not in str(info.value)
    assert wrong[:7] not in str(info.value)
    assert mask_identifier(wrong) in str(info.value)


@pytest.mark.parametrize(
    ("value", "keep", "expected"),
    [
        ("0499370899", 3, "*******899"),
        ("10380284790", 3, "********790"),
        ("E-17", 3, "***7"),
        ("1234567", 3, "****567"),
        ("123456", 3, "*****6"),
        ("7", 3, "*"),
        ("", 3, ""),
        ("0499370899", 4, "******0899"),
    ],
)
def test_mask_identifier(value: str, keep: int, expected: str) -> None:
    """Everything but the last `keep` characters is masked; short values show one character."""
    assert mask_identifier(value, keep=keep) == expected
    assert len(mask_identifier(value, keep=keep)) == len(value)


# -- pydantic -------------------------------------------------------------------------------------


class Person(BaseModel):
    """A record with both identifier types."""

    national_id: NationalId
    employer_id: LegalEntityId | None = None


@pytest.mark.parametrize(
    ("field", "value", "error_type"),
    [
        ("national_id", "0499370898", "national_id_checksum"),
        ("national_id", "049937089", "national_id_format"),
        ("national_id", "1111111111", "national_id_repeated"),
        ("national_id", 499370899, "national_id_type"),
        ("national_id", None, "national_id_type"),
        ("employer_id", "10380284792", "legal_id_checksum"),
        ("employer_id", "1038028479", "legal_id_format"),
        ("employer_id", 10380284790, "legal_id_type"),
    ],
)
def test_pydantic_error_types(field: str, value: object, error_type: str) -> None:
    """Identifier fields fail with stable error types, and the message shows only a masked id."""
    data: dict[str, object] = {"national_id": "0499370899", field: value}
    with pytest.raises(ValidationError) as info:
        Person.model_validate(data)
    errors = info.value.errors()
    assert [e["type"] for e in errors] == [error_type]
    if isinstance(value, str) and len(value) >= 9:
        assert value not in errors[0]["msg"]


def test_pydantic_fields_read_and_write_digits() -> None:
    """Fields normalise Persian digits and serialise as plain digit strings; schema has patterns."""
    person = Person(national_id="۰۴۹۹۳۷۰۸۹۹", employer_id="10380284790")  # type: ignore[arg-type]
    assert isinstance(person.national_id, NationalId)
    assert json.loads(person.model_dump_json()) == {
        "national_id": "0499370899",
        "employer_id": "10380284790",
    }
    assert "0499370899" not in repr(person)
    schema = Person.model_json_schema()
    assert schema["properties"]["national_id"]["pattern"] == "^[0-9]{10}$"
    assert {"type": "string", "pattern": "^[0-9]{11}$"}.items() <= (
        schema["properties"]["employer_id"]["anyOf"][0].items()
    )


@pytest.mark.parametrize(
    ("field", "value"),
    [
        ("national_id", "0499370898"),
        ("national_id", "۰۴۹۹-۳۷۰۸۹۸"),
        ("national_id", 499370898),
        ("employer_id", "10380284792"),
        ("employer_id", 10380284792),
    ],
)
def test_a_field_error_keeps_the_id_out_of_its_input(field: str, value: object) -> None:
    """In a model that does not hide its input (Person), an identifier field's error shows only
    the masked id as its input: in str(exc) (input_value=...), errors() and json()."""
    digits = str(value).replace("-", "").translate(str.maketrans("۰۱۲۳۴۵۶۷۸۹", "0123456789"))
    data: dict[str, object] = {"national_id": "0499370899", field: value}
    with pytest.raises(ValidationError) as info:
        Person.model_validate(data)
    exc = info.value
    (error,) = exc.errors()
    assert error["input"] == mask_identifier(digits)
    for text in (str(exc), exc.json(), repr(exc.errors())):
        assert digits[-9:-3] not in text
        assert str(value) not in text
    assert mask_identifier(digits) in str(exc)


def test_a_model_error_still_carries_the_whole_input() -> None:
    """What no field type can do: an error of the whole model (a missing field) carries the whole
    input, ids included; hide_input_in_errors keeps it out of str(exc), not out of errors()."""
    from pydantic import ConfigDict

    class Staff(BaseModel):
        national_id: NationalId
        name: str

    class HiddenStaff(Staff):
        model_config = ConfigDict(hide_input_in_errors=True)

    for model in (Staff, HiddenStaff):
        with pytest.raises(ValidationError) as info:
            model.model_validate({"national_id": "0499370899"})
        assert "0499370899" in info.value.json()
        assert ("0499370899" in str(info.value)) is (model is Staff)


# -- direction marks (issue 10, row 4) ------------------------------------------------------------

MARKS = ["\u200e", "\u200f", "\u061c", "\u202a", "\u202b", "\u202c", "\u202d", "\u202e"]
MARKS += ["\u2066", "\u2067", "\u2068", "\u2069", "\ufeff"]


@pytest.mark.parametrize("mark", MARKS, ids=lambda m: f"U+{ord(m):04X}")
@pytest.mark.parametrize(
    ("cls", "value"), [(NationalId, "0499370899"), (LegalEntityId, "10380284790")]
)
def test_ids_with_direction_marks_validate(
    cls: type[NationalId | LegalEntityId], value: str, mark: str
) -> None:
    """An id copied from a Persian document with a direction mark after it, before it, or around
    its Persian-digit form is the same id (it was refused as '11 characters'), as a type and as
    a pydantic field; `is_valid` and `mask_if_national_id` agree."""
    for typed in (f"{value}{mark}", f"{mark}{value}", f"{mark}{to_persian_digits(value)}{mark}"):
        assert str(cls(typed)) == value
        assert cls.is_valid(typed)
    assert str(Person(national_id=f"0499370899{mark}").national_id) == "0499370899"
    assert mask_if_national_id(f"0499370899{mark}") == "*******899"
