"""Iranian identifiers: the national id of a person and of a legal entity.

``NationalId`` (کد ملی) has 10 digits, the last a check digit: with ``s`` the sum of the first nine
digits weighted 10 down to 2 and ``r = s % 11``, the check digit is ``r`` when ``r < 2`` and
``11 - r`` otherwise. Ids of one repeated digit (``1111111111``) pass that sum but are not issued, so
they are rejected.

``LegalEntityId`` (شناسه ملی) has 11 digits, the last a check digit: with ``t`` the tenth digit
plus 2, each of the first ten digits plus ``t`` is weighted by 29, 27, 23, 19, 17 (repeating);
the sum modulo 11 is the check digit (a remainder of 10 gives 0). Its digits 4–9 are never all zero.

Both are ``str`` subclasses that keep every digit for storage, but print masked in ``repr`` so a log
line never shows them whole. Both are pydantic field types with stable error codes.

**In your own models.** A field of either type keeps its input out of the errors it raises: the
``input`` of the error (in ``str(exc)``, ``exc.errors()``, ``exc.json()`` and FastAPI's 422 body)
is the masked id (``'*******899'``), never the digits given. pydantic has no per-field way to do
more: an error of the *whole* model (a missing field, a model validator) carries the whole input
as its ``input``, ids included. So a model holding ids should set
``model_config = ConfigDict(hide_input_in_errors=True)`` (which hides the input from
``str(exc)``), as every record of this library does, and what goes back to a client or into a log
should pass through [`redact_errors`][citizenrights.redaction.redact_errors].

Examples:
    >>> NationalId("0499370899")
    NationalId('*******899')
    >>> str(NationalId("۰۴۹۹۳۷۰۸۹۹"))
    '0499370899'
    >>> LegalEntityId("10380284790").masked()
    '********790'
"""

from __future__ import annotations

import re
from typing import Any, ClassVar, Self

from pydantic import GetCoreSchemaHandler, GetJsonSchemaHandler
from pydantic.json_schema import JsonSchemaValue
from pydantic_core import CoreSchema, PydanticCustomError, core_schema

from citizenrights.errors import InvalidIdentifierError
from citizenrights.text import clean_value

__all__ = ["LegalEntityId", "NationalId", "mask_identifier", "mask_if_national_id"]

_SEPARATORS = re.compile(r"[\s-]")


def mask_identifier(value: str, *, keep: int = 3) -> str:
    """Mask an identifier for display: every character but the last ``keep`` becomes ``*``.

    Short values (up to twice ``keep`` characters) are masked entirely but for their last character,
    so that even a short employee number is never printed whole.

    Examples:
        >>> mask_identifier("0499370899")
        '*******899'
        >>> mask_identifier("E-17")
        '***7'
    """
    if len(value) <= 2 * keep:
        keep = 1 if len(value) > 1 else 0
    return "*" * (len(value) - keep) + value[len(value) - keep :]


def _digits_of(text: str) -> str:
    """The digits of an id as typed: the one cleaning step, then no spaces or dashes inside."""
    return _SEPARATORS.sub("", clean_value(text))


def _national_id_problem(digits: str) -> tuple[str, str] | None:
    if len(digits) != 10 or not digits.isascii() or not digits.isdigit():
        return (
            "national_id_format",
            "A national id has exactly 10 digits (keep leading zeros)",
        )
    if len(set(digits)) == 1:
        return ("national_id_repeated", "A national id of one repeated digit is not issued")
    total = sum(int(digits[i]) * (10 - i) for i in range(9))
    r = total % 11
    expected = r if r < 2 else 11 - r
    if int(digits[9]) != expected:
        return ("national_id_checksum", "The national id's check digit does not match")
    return None


def _legal_id_problem(digits: str) -> tuple[str, str] | None:
    if len(digits) != 11 or not digits.isascii() or not digits.isdigit():
        return ("legal_id_format", "A legal-entity id has exactly 11 digits")
    if digits[3:9] == "000000":
        return ("legal_id_format", "A legal-entity id's digits 4 to 9 are never all zero")
    t = int(digits[9]) + 2
    weights = (29, 27, 23, 19, 17)
    r = sum((int(digits[i]) + t) * weights[i % 5] for i in range(10)) % 11
    if int(digits[10]) != (0 if r == 10 else r):
        return ("legal_id_checksum", "The legal-entity id's check digit does not match")
    return None


class _WithheldInput(str):
    """What a validation error of an id field shows as its input: the masked text of the value.

    The value given is kept in ``given`` for the validator; it is not part of the text, the
    ``repr`` or the JSON of the error.
    """

    given: Any

    @classmethod
    def of(cls, value: Any) -> _WithheldInput:
        if isinstance(value, _CheckedId):  # already valid and normalised: nothing to hide
            masked = value.masked()
        elif isinstance(value, str):
            masked = mask_identifier(_digits_of(value))
        else:
            masked = mask_identifier(str(value))
        withheld = cls(masked)
        withheld.given = value
        return withheld


class _CheckedId(str):
    """A digit string with a check digit, masked in ``repr``."""

    __slots__ = ()
    _label: ClassVar[str]
    _type_prefix: ClassVar[str]

    @staticmethod
    def _problem(digits: str) -> tuple[str, str] | None:  # pragma: no cover - overridden
        raise AssertionError

    def __new__(cls, value: str) -> Self:
        if not isinstance(value, str):
            raise InvalidIdentifierError(
                f"A {cls._label} is text of digits; got {type(value).__name__}.",
                reason=f"{cls._type_prefix}_type",
            )
        digits = _digits_of(value)
        problem = cls._problem(digits)
        if problem is not None:
            code, text = problem
            raise InvalidIdentifierError(
                f"{text}; got {mask_identifier(digits)!r} ({len(digits)} characters).",
                reason=code,
            )
        return super().__new__(cls, digits)

    def masked(self) -> str:
        """The id with all but its last three digits replaced by ``*``."""
        return mask_identifier(str(self))

    def __repr__(self) -> str:
        return f"{type(self).__name__}({self.masked()!r})"

    @classmethod
    def is_valid(cls, value: str) -> bool:
        """Whether ``value`` is a valid id of this kind.

        Digits may be Persian or Arabic-Indic; spaces, dashes and direction marks are allowed.
        """
        try:
            cls(value)
        except InvalidIdentifierError:
            return False
        return True

    @classmethod
    def _validate(cls, value: Any) -> Self:
        if isinstance(value, cls):
            return value
        if not isinstance(value, str):
            raise PydanticCustomError(
                f"{cls._type_prefix}_type",
                "A {label} must be given as text; got {type_name}",
                {"label": cls._label, "type_name": type(value).__name__},
            )
        try:
            return cls(value)
        except InvalidIdentifierError as exc:
            # The message holds only the masked value: ids are personal data.
            raise PydanticCustomError(exc.reason, "{reason}", {"reason": str(exc)}) from None

    @classmethod
    def _validate_withheld(cls, value: _WithheldInput) -> Self:
        return cls._validate(value.given)

    @classmethod
    def __get_pydantic_core_schema__(
        cls, source: type[Any], handler: GetCoreSchemaHandler
    ) -> CoreSchema:
        # pydantic records the input of a step of a chain as what the step before gave it: the
        # first step withholds the id, so an error of the second shows only its masked form.
        return core_schema.chain_schema(
            [
                core_schema.no_info_plain_validator_function(_WithheldInput.of),
                core_schema.no_info_plain_validator_function(cls._validate_withheld),
            ],
            serialization=core_schema.plain_serializer_function_ser_schema(str),
        )


class NationalId(_CheckedId):
    """A person's national id (کد ملی): 10 digits with a check digit.

    Raises:
        InvalidIdentifierError: with ``reason`` ``national_id_type``, ``national_id_format``,
            ``national_id_repeated`` or ``national_id_checksum``.
    """

    __slots__ = ()
    _label = "national id"
    _type_prefix = "national_id"
    _problem = staticmethod(_national_id_problem)

    @classmethod
    def __get_pydantic_json_schema__(
        cls, schema: CoreSchema, handler: GetJsonSchemaHandler
    ) -> JsonSchemaValue:
        return {
            "type": "string",
            "pattern": "^[0-9]{10}$",
            "description": "Iranian national id (کد ملی): 10 digits, the last a check digit.",
        }


class LegalEntityId(_CheckedId):
    """A legal entity's national id (شناسه ملی): 11 digits with a check digit.

    Raises:
        InvalidIdentifierError: with ``reason`` ``legal_id_type``, ``legal_id_format`` or
            ``legal_id_checksum``.
    """

    __slots__ = ()
    _label = "legal-entity id"
    _type_prefix = "legal_id"
    _problem = staticmethod(_legal_id_problem)

    @classmethod
    def __get_pydantic_json_schema__(
        cls, schema: CoreSchema, handler: GetJsonSchemaHandler
    ) -> JsonSchemaValue:
        return {
            "type": "string",
            "pattern": "^[0-9]{11}$",
            "description": "Iranian legal-entity id (شناسه ملی): 11 digits, the last a check digit.",
        }


def mask_if_national_id(text: str) -> str:
    """Text to show in a message: masked when it is a valid national id, as it is otherwise.

    A person id typed into the wrong field (a date, a period, a column name) must not be echoed
    by the error that refuses it; anything else stays readable, so that a client sees which date
    or code was wrong. Only the value itself decides, never a digit pattern.

    Args:
        text: a value about to be quoted in a message.

    Returns:
        ``mask_identifier(text)`` when ``text`` is a valid national id (Persian digits, dashes and
        direction marks allowed), otherwise ``text`` unchanged.

    Examples:
        >>> mask_if_national_id("0499370899")
        '*******899'
        >>> mask_if_national_id("1397/12/30")
        '1397/12/30'
    """
    cleaned = _digits_of(text)
    if len(cleaned) == 10 and _national_id_problem(cleaned) is None:
        return mask_identifier(cleaned)
    return text
