"""The state of a programme item: the resolutions of a working group that carry it out.

[`group_progress`][citizenrights.followup.groups.group_progress] reports one
[`ProgrammeItemProgress`][citizenrights.followup.programmes.ProgrammeItemProgress] for each item of
the programmes it is given, in programme and number order.
"""

from __future__ import annotations

import enum
from typing import Any

import attrs

from citizenrights.results import pydantic_support
from citizenrights.vocabulary import Lang, check_lang, join_list, label, number, say

__all__ = ["ProgrammeItemProgress", "ProgrammeItemStatus"]


class ProgrammeItemStatus(enum.StrEnum):
    """Where a programme item stands, from the resolutions that carry it out."""

    NO_RESOLUTION = "no_resolution"  # no resolution refers to the item
    OPEN = "open"  # every live resolution is still open
    IN_PROGRESS = "in_progress"  # work has started (some in progress or done), not all done
    DONE = "done"  # every live resolution is done
    DROPPED = "dropped"  # every resolution was dropped


@pydantic_support()
@attrs.frozen
class ProgrammeItemProgress:
    """The state of one programme item at ``as_of``: the resolutions that carry it out."""

    programme_id: str
    number: int
    title: str
    resolutions: tuple[str, ...]
    status: ProgrammeItemStatus
    overdue: tuple[str, ...]

    def to_dict(self) -> dict[str, Any]:
        """JSON-ready data with stable keys."""
        return {
            "programme_id": self.programme_id,
            "number": self.number,
            "title": self.title,
            "resolutions": list(self.resolutions),
            "status": self.status.value,
            "overdue": list(self.overdue),
        }

    def explain(self, lang: Lang = "fa") -> str:
        """One line: the item, its status and its resolutions."""
        lang = check_lang(lang)
        n = number(self.number, lang)
        line = say(
            lang,
            fa=f"برنامه {self.programme_id}، بند {n} «{self.title}»: ",
            en=f"programme {self.programme_id} item {n} «{self.title}»: ",
        )
        line += label(self.status, lang)
        if self.resolutions:
            ids = join_list(self.resolutions, lang)
            line += say(lang, fa=f" (مصوبات: {ids})", en=f" (resolutions {ids})")
        if self.overdue:
            ids = join_list(self.overdue, lang)
            line += say(lang, fa=f"؛ معوق: {ids}", en=f"; overdue: {ids}")
        return line
