"""Overdue findings: inspection findings not resolved a working day or more after their due date.

A finding's age is the working days from its due date to ``as_of``, by the rule that
[`group_progress`][citizenrights.followup.groups.group_progress] applies to resolutions; a listed
finding is at least 1 working day overdue.

Examples:
    >>> from citizenrights import load_demo
    >>> late = overdue_findings(load_demo().inspections, as_of="1397/12/29")
    >>> all(f.age_days >= 1 for f in late)
    True
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date
from typing import Any

import attrs

from citizenrights.calendar import WorkCalendar
from citizenrights.followup._late import DEFAULT_CALENDAR, as_day, working_days_late
from citizenrights.models.inspections import Inspection, Severity
from citizenrights.results import jsonable, pydantic_support
from citizenrights.vocabulary import Lang, check_lang, jalali, label, number, say

__all__ = ["OverdueFinding", "overdue_findings"]


@pydantic_support()
@attrs.frozen
class OverdueFinding:
    """An inspection finding past its due date and not resolved at ``as_of``.

    Attributes:
        agency_id: the inspected agency.
        inspection_id: the inspection that made the finding.
        index: the finding's position in the inspection's ``findings`` (from 0).
        item: the checklist item the finding is about, if any.
        severity: how serious it is.
        description: what was found.
        due: the corrective action's due date.
        age_days: working days from ``due`` to ``as_of``: ``working_days_between(due, as_of)``,
            the working days in ``(due, as_of]``; at least 1 for a finding that
            [`overdue_findings`][citizenrights.followup.findings.overdue_findings] lists.
    """

    agency_id: str
    inspection_id: str
    index: int
    item: str | None
    severity: Severity
    description: str
    due: date
    age_days: int

    def to_dict(self) -> dict[str, Any]:
        """JSON-ready data with stable keys."""
        return {
            "agency_id": self.agency_id,
            "inspection_id": self.inspection_id,
            "index": self.index,
            "item": self.item,
            "severity": self.severity.value,
            "description": self.description,
            "due": jsonable(self.due),
            "age_days": self.age_days,
        }

    def explain(self, lang: Lang = "fa") -> str:
        """One line: where the finding is, how serious, and how long overdue.

        Examples:
            >>> f = OverdueFinding(agency_id="A1", inspection_id="I1", index=0, item="S1.1",
            ...     severity=Severity.MAJOR, description="…", due=date(2017, 11, 22), age_days=12)
            >>> f.explain("en")
            'A1, inspection I1, item S1.1 (major): due 1396/09/01, 12 working days overdue'
        """
        lang = check_lang(lang)
        item = (
            ""
            if self.item is None
            else say(lang, fa=f"، بند {self.item}", en=f", item {self.item}")
        )
        due, age = jalali(self.due, lang), number(self.age_days, lang)
        severity = label(self.severity, lang)
        return say(
            lang,
            fa=f"{self.agency_id}، بازرسی {self.inspection_id}{item} ({severity}): "
            f"سررسید {due}، {age} روز کاری تأخیر",
            en=f"{self.agency_id}, inspection {self.inspection_id}{item} ({severity}): "
            f"due {due}, {age} working {'day' if self.age_days == 1 else 'days'} overdue",
        )


def overdue_findings(
    inspections: Iterable[Inspection],
    *,
    as_of: date | str,
    calendar: WorkCalendar = DEFAULT_CALENDAR,
) -> tuple[OverdueFinding, ...]:
    """The findings not resolved by ``as_of`` although a working day has passed since they fell due.

    One rule gives both "overdue" and its age, the same as for a working group's resolutions in
    [`group_progress`][citizenrights.followup.groups.group_progress]: the age is
    ``working_days_between(due, as_of, calendar)``, the working days after the due date up to and including ``as_of``, and a finding is overdue when it is
    unresolved at ``as_of`` and its age is at least 1. So a finding is never
    "overdue by 0 working days": one due on ``as_of`` itself, or whose due date is followed only by
    weekend days and holidays up to ``as_of`` (due 1397/12/28, at 1397/12/29, a holiday), is not
    overdue yet. A finding resolved after ``as_of`` counts as unresolved at ``as_of``; one resolved
    on or before ``as_of`` is not overdue. Inspections dated after ``as_of`` are skipped.

    Args:
        inspections: inspections in any order.
        as_of: the day of the snapshot (a date, or ISO or Jalali text).
        calendar: the working days, for the age.

    Returns:
        The overdue findings, sorted by agency, inspection, item and position.

    Raises:
        InvalidDateError: for ``as_of`` text that is not a date.
    """
    day = as_day(as_of, "as_of")
    out: list[OverdueFinding] = []
    for inspection in inspections:
        if inspection.date > day:
            continue
        for index, f in enumerate(inspection.findings):
            if f.due is None or (f.resolved_on is not None and f.resolved_on <= day):
                continue
            age = working_days_late(f.due, day, calendar)
            if age < 1:  # no working day has passed since the due date: not overdue yet
                continue
            out.append(
                OverdueFinding(
                    agency_id=inspection.agency_id,
                    inspection_id=inspection.id,
                    index=index,
                    item=f.item,
                    severity=f.severity,
                    description=f.description,
                    due=f.due,
                    age_days=age,
                )
            )
    # The later keys only break ties between inspections that share an id (a data error, but the
    # order must not depend on the input's); findings equal on every key are identical.
    out.sort(
        key=lambda o: (
            o.agency_id,
            o.inspection_id,
            o.item is not None,
            o.item or "",
            o.index,
            o.due,
            o.severity.value,
            o.description,
        )
    )
    return tuple(out)
