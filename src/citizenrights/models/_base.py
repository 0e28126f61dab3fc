"""The base of every input record (private)."""

from __future__ import annotations

from typing import Annotated

from pydantic import BaseModel, ConfigDict, StringConstraints

__all__ = ["Id", "Record", "Text"]


class Record(BaseModel):
    """An input record: immutable, no unknown fields, whitespace-trimmed text."""

    model_config = ConfigDict(
        frozen=True,
        extra="forbid",
        str_strip_whitespace=True,
        validate_default=False,
        use_enum_values=False,
        # Records carry personal data (names, national ids): a ValidationError must not echo it.
        hide_input_in_errors=True,
    )


#: A record id: non-empty text without surrounding blanks.
Id = Annotated[str, StringConstraints(strip_whitespace=True, min_length=1, max_length=200)]
#: Non-empty free text, kept as given (trimmed) for display.
Text = Annotated[str, StringConstraints(strip_whitespace=True, min_length=1)]
