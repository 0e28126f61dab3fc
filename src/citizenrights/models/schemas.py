"""JSON Schemas of the input records, for backends to publish.

Each top-level record a backend receives (an agency, a checklist, an inspection, a complaint …)
has a JSON Schema (draft 2020-12, as pydantic writes it); nested records (sections, responses,
assignments) appear inside their parent's schema under ``$defs``.

Examples:
    >>> schemas = json_schemas()
    >>> "Inspection" in schemas and "Agency" in schemas
    True
    >>> schemas["SurveyResponse"]["properties"]["score"]
    {'maximum': 5, 'minimum': 1, 'title': 'Score', 'type': 'integer'}
"""

from __future__ import annotations

import copy
import functools
from typing import Any, Literal

from pydantic import BaseModel

from citizenrights.models.activity import (
    NGO,
    AgencyStats,
    Complaint,
    SurveyResponse,
    TrainingRecord,
)
from citizenrights.models.agencies import Agency, PeerGroup
from citizenrights.models.checklists import Checklist
from citizenrights.models.groups import Meeting, Programme, WorkingGroup
from citizenrights.models.inspections import Inspection
from citizenrights.models.memorandum import NGOReport, Publication, TrainingProgramme
from citizenrights.models.people import CandidateRecord, Post

__all__ = ["RECORD_MODELS", "json_schemas"]

#: The top-level record models, in the order the docs and ``citizenrights schema`` list them. A new
#: record type joins [`json_schemas`][citizenrights.models.schemas.json_schemas] (and the CLI) by adding its class here: one line.
RECORD_MODELS: tuple[type[BaseModel], ...] = (
    Agency,
    Checklist,
    Inspection,
    Complaint,
    TrainingRecord,
    SurveyResponse,
    AgencyStats,
    NGO,
    Post,
    CandidateRecord,
    WorkingGroup,
    Meeting,
    Programme,
    NGOReport,
    TrainingProgramme,
    Publication,
    PeerGroup,
)


def json_schemas(
    mode: Literal["validation", "serialization"] = "validation",
) -> dict[str, dict[str, Any]]:
    """The JSON Schema of every record model, keyed by class name.

    Args:
        mode: ``validation`` (default) describes what the library accepts, such as Jalali date
            text; ``serialization`` describes what it writes (ISO dates, province codes).

    Returns:
        A fresh dict on each call (the caller may change it), in `RECORD_MODELS` order.
    """
    return copy.deepcopy(_schemas(mode))


@functools.cache
def _schemas(mode: Literal["validation", "serialization"]) -> dict[str, dict[str, Any]]:
    return {model.__name__: model.model_json_schema(mode=mode) for model in RECORD_MODELS}
