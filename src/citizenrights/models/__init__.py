"""Input records: pydantic v2 models, frozen, with no unknown fields and a JSON Schema each."""

from citizenrights.models.checklists import Checklist, ChecklistItem, ChecklistSection, Scale
from citizenrights.models.inspections import (
    Affiliation,
    Answer,
    Finding,
    Inspection,
    InspectionKind,
    Response,
    Severity,
    TeamMember,
)

__all__ = [
    "Affiliation",
    "Answer",
    "Checklist",
    "ChecklistItem",
    "ChecklistSection",
    "Finding",
    "Inspection",
    "InspectionKind",
    "Response",
    "Scale",
    "Severity",
    "TeamMember",
]
