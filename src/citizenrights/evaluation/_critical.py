"""A report's critical failures as plain rows: what an inspection failed that is critical.

Private to the evaluation step; [`ReportPartial`][citizenrights.evaluation.partial.ReportPartial]
keeps these rows and the report turns them into
[`CriticalFinding`][citizenrights.reporting.figures.CriticalFinding].
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from citizenrights.models.checklists import Checklist
from citizenrights.models.inspections import Inspection, Severity
from citizenrights.scoring.inspection_results import InspectionScore

__all__ = ["CriticalRow", "critical_key", "critical_rows_of"]

#: A critical failure of an inspection, in the fields of
#: [`CriticalFinding`][citizenrights.reporting.figures.CriticalFinding]: ``(agency_id,
#: inspection_id, date, item, source, description, resolved_on, description_en)``.
CriticalRow = tuple[str, str, dt.date, str | None, str, str, dt.date | None, str | None]


def critical_rows_of(
    inspection: Inspection, score: InspectionScore, checklist: Checklist
) -> list[CriticalRow]:
    """The critical failures of one inspection: critical items not met, critical findings."""
    rows: list[CriticalRow] = []
    for code in score.capped_by:
        # An item's text comes from the very checklist version the inspection was scored
        # against: two versions may give one code different texts.
        item = checklist.item(code)
        rows.append(
            (
                inspection.agency_id, inspection.id, inspection.date, code, "critical_item",
                item.text, None, item.text_en,
            )
        )  # fmt: skip
    for f in inspection.findings:
        if f.severity is Severity.CRITICAL:
            rows.append(
                (
                    inspection.agency_id, inspection.id, inspection.date, f.item, "finding",
                    f.description, f.resolved_on, None,
                )
            )  # fmt: skip
    return rows


def critical_key(row: CriticalRow) -> tuple[Any, ...]:
    # Agency, date, inspection, source, item; the rest only breaks ties, so that the order never
    # depends on the order the records came in.
    agency, inspection, date, item, source, text, resolved, text_en = row
    return (
        agency,
        date,
        inspection,
        source,
        item or "",
        text,
        resolved or dt.date.min,
        text_en or "",
    )
