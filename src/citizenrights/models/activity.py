"""What happens around the inspections: complaints, trainings, client feedback, denominators, NGOs.

Ids of people (``person_id``, ``respondent_id``) are plain text, a national id where the backend has
one, an employee number elsewhere. They are kept whole for storage but masked in ``repr`` and left
out of validation error messages, so a log line never shows them.

Examples:
    >>> c = Complaint.model_validate({
    ...     "id": "C-1", "agency_id": "A-1", "received": "1396/07/15", "channel": "web",
    ...     "severity": "major", "status": "closed", "outcome": "upheld",
    ...     "closed_on": "1396/07/25", "respondent_id": "0499370899"})
    >>> c.closed_on, c.is_upheld
    (datetime.date(2017, 10, 17), True)
    >>> "0499370899" in repr(c)
    False
    >>> AgencyStats.model_validate(
    ...     {"agency_id": "A-1", "period": "1396-Q3", "services": 1200, "staff": 40}
    ... ).model_dump_json()
    '{"agency_id":"A-1","period":"1396-Q3","services":1200,"staff":40}'
"""

from __future__ import annotations

from typing import Annotated, Any

from pydantic import Field, StringConstraints, model_validator
from pydantic_core import PydanticCustomError

from citizenrights.calendar import FlexibleDate, JalaliPeriod
from citizenrights.models._base import (
    NUMBER,
    VALUE,
    Count,
    Flag,
    Hours,
    Id,
    Name,
    Record,
    Text,
    ValueEnum,
)
from citizenrights.models._masking import masked_repr_args
from citizenrights.models.provinces import Province
from citizenrights.text import normalize_persian

__all__ = [
    "NGO",
    "AgencyStats",
    "Complaint",
    "ComplaintChannel",
    "ComplaintOutcome",
    "ComplaintSeverity",
    "ComplaintStatus",
    "PersonId",
    "SurveyResponse",
    "TrainingAudience",
    "TrainingRecord",
    "TrainingRole",
]

#: The id of a person: non-empty text (a national id, an employee number); never printed whole.
PersonId = Annotated[
    str, StringConstraints(strip_whitespace=True, min_length=1, max_length=200), VALUE
]


class ComplaintChannel(ValueEnum):
    """How a complaint reached the agency."""

    IN_PERSON = "in_person"
    PHONE = "phone"
    WEB = "web"
    LETTER = "letter"
    OTHER = "other"


class ComplaintSeverity(ValueEnum):
    """How serious the conduct complained of is; an upheld ``grave`` complaint bars appointment."""

    MINOR = "minor"
    MAJOR = "major"
    GRAVE = "grave"


class ComplaintStatus(ValueEnum):
    """Whether the complaint has been decided."""

    OPEN = "open"
    CLOSED = "closed"


class ComplaintOutcome(ValueEnum):
    """The decision on a closed complaint."""

    UPHELD = "upheld"
    DISMISSED = "dismissed"
    WITHDRAWN = "withdrawn"


class Complaint(Record):
    """A client's complaint (شکایت) about an agency, and about a member of its staff if named.

    A closed complaint has an ``outcome`` and a ``closed_on`` date no earlier than ``received``; an
    open one has neither. ``article`` is the article of Resolution 1127128 (1–19) the complaint
    invokes, when known.
    """

    id: Id
    agency_id: Id
    received: FlexibleDate
    channel: ComplaintChannel
    severity: ComplaintSeverity
    status: ComplaintStatus
    subject: str | None = None
    article: Annotated[int, Field(ge=1, le=19), NUMBER] | None = None
    respondent_id: PersonId | None = None
    outcome: ComplaintOutcome | None = None
    closed_on: FlexibleDate | None = None

    @model_validator(mode="after")
    def _status_consistent(self) -> Complaint:
        if self.status is ComplaintStatus.CLOSED:
            if self.outcome is None or self.closed_on is None:
                missing = "outcome" if self.outcome is None else ""
                if self.closed_on is None:
                    missing = f"{missing} and closed_on" if missing else "closed_on"
                raise PydanticCustomError(
                    "complaint_closed_incomplete",
                    "complaint {id}: a closed complaint needs {missing}",
                    {"id": self.id, "missing": missing},
                )
            if self.closed_on < self.received:
                raise PydanticCustomError(
                    "complaint_closed_before_received",
                    "complaint {id}: closed_on {closed_on} is before received {received}",
                    {
                        "id": self.id,
                        "closed_on": self.closed_on.isoformat(),
                        "received": self.received.isoformat(),
                    },
                )
        elif self.outcome is not None or self.closed_on is not None:
            raise PydanticCustomError(
                "complaint_open_with_outcome",
                "complaint {id}: an open complaint has no outcome or closed_on; "
                "set status to 'closed' or remove them",
                {"id": self.id},
            )
        return self

    @property
    def is_upheld(self) -> bool:
        """Whether the complaint was closed as upheld (the only outcome that counts against)."""
        return self.outcome is ComplaintOutcome.UPHELD

    def __repr_args__(self) -> Any:
        return masked_repr_args(super().__repr_args__(), ids=("respondent_id",))


class TrainingAudience(ValueEnum):
    """Whom a citizens'-rights course was for."""

    MANAGER = "manager"
    EMPLOYEE = "employee"
    INSPECTOR = "inspector"
    NGO = "ngo"


class TrainingRole(ValueEnum):
    """Whether the person attended a course or taught it."""

    ATTENDEE = "attendee"  # فراگیر
    INSTRUCTOR = "instructor"  # مدرس


class TrainingRecord(Record):
    """One person's attendance (or teaching) of a citizens'-rights course.

    Hours of attendance add up across records. ``course`` is the course's title as the certificate
    gives it; ``course_code`` the code of a course of a
    [`TrainingProgramme`][citizenrights.models.memorandum.TrainingProgramme] (circular 1091808 of
    1395/12/22 names two), matched by title when absent; ``provider`` who gave the course (the
    province's public-management training centre, مرکز آموزش مدیریت دولتی, in the first seed).
    ``role`` ``instructor`` records training given to others: it counts toward the positive
    record of appointment eligibility, never as the person's own attendance. All three are
    optional, so data written before they existed loads unchanged.
    """

    person_id: PersonId
    agency_id: Id
    course: Text
    audience: TrainingAudience
    hours: Hours
    date: FlexibleDate
    id: Id | None = None
    course_code: Id | None = None
    provider: Name | None = None
    role: TrainingRole = TrainingRole.ATTENDEE

    def __repr_args__(self) -> Any:
        return masked_repr_args(super().__repr_args__(), ids=("person_id",))


class SurveyResponse(Record):
    """One client's answer to the feedback form (فرم نظرسنجی): a score from 1 to 5."""

    agency_id: Id
    date: FlexibleDate
    score: Annotated[int, Field(ge=1, le=5), NUMBER]


class AgencyStats(Record):
    """An agency's denominators for a period: services delivered and staff employed."""

    agency_id: Id
    period: JalaliPeriod
    services: Count
    staff: Count


class NGO(Record):
    """A registered non-governmental organisation (سازمان مردم‌نهاد) active on citizens' rights.

    What a registry keeps: the registration number and date, the authority that registered it
    (``registration_authority``: the Ministry of Interior for the first seed's 56 NGOs, or a
    provincial governorate), the province it works in (``None``: national) and its fields of
    work (``fields``: codes such as ``citizens_rights``).
    """

    id: Id
    name: Name
    registration_no: Id
    fields: tuple[Text, ...]
    registered: FlexibleDate
    active: Flag
    province: Province | None = None
    registration_authority: Name | None = None

    @property
    def name_key(self) -> str:
        """The name normalised for matching (Arabic letters, digits, spacing)."""
        return normalize_persian(self.name)
