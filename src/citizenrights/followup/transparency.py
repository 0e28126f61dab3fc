"""Transparency on record: what agencies published, and when their working group meets next.

The second seed counts an agency's transparency in dated acts: its charter of citizens' rights
published in Mehr 1396, the working group's resolutions published, every instruction and the
structure put on the website, and the next meeting of the working group set for Ordibehesht.
The checklist asks about the same things as items; a
[`Publication`][citizenrights.models.memorandum.Publication] is the dated record beside them.
[`transparency_record`][citizenrights.followup.transparency.transparency_record] gathers, at a day,
the publications of a set of agencies (nothing dated after the day) and the next meeting of a
working group (the first of its meetings dated after the day: a meeting on file with a later
date is a scheduled one).

Examples:
    >>> from citizenrights import load_demo
    >>> demo = load_demo()
    >>> t = transparency_record(demo.publications, {"isf-smt"}, "1397/12/29",
    ...                         meetings=demo.meetings, group_id="wg-isf-smt")
    >>> len(t.published), [k.value for k in t.missing], t.next_meeting
    (5, ['resolutions'], datetime.date(2019, 5, 6))
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from typing import Any

import attrs

from citizenrights.calendar import as_date, parse_date
from citizenrights.models.groups import Meeting
from citizenrights.models.memorandum import Publication, PublicationKind
from citizenrights.results import pydantic_support

__all__ = ["PublishedItem", "Transparency", "transparency_record"]

#: The kinds the second seed names; ``other`` is never "missing".
EXPECTED_KINDS = (
    PublicationKind.CHARTER,
    PublicationKind.RESOLUTIONS,
    PublicationKind.INSTRUCTIONS,
    PublicationKind.STRUCTURE,
)


@pydantic_support()
@attrs.frozen
class PublishedItem:
    """One publication, as the reports list it.

    Attributes:
        id: the publication's id.
        agency_id: the agency that published it.
        kind: what it is (charter, resolutions, instructions, structure, other).
        date: when it was published.
        title: its title.
        where: where it was published (a website, a notice board).
        url: its address, when it has one.
    """

    id: str
    agency_id: str
    kind: PublicationKind
    date: dt.date
    title: str
    where: str
    url: str | None

    def to_dict(self) -> dict[str, Any]:
        """JSON-ready data with stable keys."""
        return {
            "id": self.id,
            "agency_id": self.agency_id,
            "kind": self.kind.value,
            "date": self.date.isoformat(),
            "title": self.title,
            "where": self.where,
            "url": self.url,
        }


@pydantic_support()
@attrs.frozen
class Transparency:
    """What a set of agencies had published by a day, and their working group's next meeting.

    Attributes:
        as_of: the day.
        published: the publications dated up to ``as_of``, by date then id.
        missing: the kinds the second seed names (charter, resolutions, instructions, structure)
            with no publication yet.
        next_meeting: the first meeting of the working group dated after ``as_of``; ``None``
            when none is scheduled (or no group was given).
    """

    as_of: dt.date
    published: tuple[PublishedItem, ...]
    missing: tuple[PublicationKind, ...]
    next_meeting: dt.date | None

    def to_dict(self) -> dict[str, Any]:
        """JSON-ready data with stable keys."""
        return {
            "as_of": self.as_of.isoformat(),
            "published": [p.to_dict() for p in self.published],
            "missing": [k.value for k in self.missing],
            "next_meeting": None if self.next_meeting is None else self.next_meeting.isoformat(),
        }


def transparency_record(
    publications: Iterable[Publication],
    agencies: Iterable[str],
    as_of: dt.date | str,
    *,
    meetings: Iterable[Meeting] = (),
    group_id: str | None = None,
) -> Transparency:
    """The publications of some agencies up to a day, and a working group's next meeting.

    Args:
        publications: publications of any agencies and dates (``publications.jsonl``).
        agencies: the ids of the agencies whose publications count.
        as_of: the day (a date, or Jalali or ISO text); later publications do not count.
        meetings: the meetings of any groups (``meetings.jsonl``).
        group_id: the working group whose next meeting is sought; ``None``: none.

    Returns:
        The transparency record.

    Raises:
        InvalidDateError: for ``as_of`` text that is not a date.
    """
    day = parse_date(as_of) if isinstance(as_of, str) else as_date(as_of, "as_of")
    ids = set(agencies)
    items = sorted(
        (p for p in publications if p.agency_id in ids and p.date <= day),
        key=lambda p: (p.date, p.id),
    )
    published = tuple(
        PublishedItem(
            id=p.id,
            agency_id=p.agency_id,
            kind=p.kind,
            date=p.date,
            title=p.title,
            where=p.where,
            url=p.url,
        )
        for p in items
    )
    have = {p.kind for p in items}
    later = [m.date for m in meetings if group_id is not None and m.group_id == group_id]
    upcoming = [d for d in later if d > day]
    return Transparency(
        as_of=day,
        published=published,
        missing=tuple(k for k in EXPECTED_KINDS if k not in have),
        next_meeting=min(upcoming) if upcoming else None,
    )
