"""Records of the AREO–Ministry of Interior memorandum: NGO reports, training programmes, publications.

The first seed's memorandum widens NGOs' part in monitoring citizens' rights in offices
([`NGOReport`][citizenrights.models.memorandum.NGOReport]: an NGO's observation of an agency), has
citizens'-rights courses given to managers, employees, inspectors and NGOs
([`TrainingProgramme`][citizenrights.models.memorandum.TrainingProgramme]: the courses a circular
requires, for whom and by when); the second seed counts what an agency published
([`Publication`][citizenrights.models.memorandum.Publication]: its charter in Mehr 1396, the
working group's resolutions, its instructions and structure on the website).

Examples:
    >>> report = NGOReport.model_validate({
    ...     "id": "NR-1", "ngo_id": "NGO-01", "date": "1397/02/10", "agency_id": "A-1",
    ...     "observations": "تابلوی راهنما در طبقهٔ دوم نصب نشده است."})
    >>> report.date, report.inspection_id
    (datetime.date(2018, 4, 30), None)
    >>> Publication.model_validate({
    ...     "id": "P-1", "agency_id": "A-1", "kind": "charter", "date": "1396/07/01",
    ...     "title": "منشور حقوق شهروندی سازمان", "where": "وب‌سایت سازمان"}).kind
    <PublicationKind.CHARTER: 'charter'>
"""

from __future__ import annotations

from typing import Annotated

from pydantic import Field, StringConstraints, model_validator
from pydantic_core import PydanticCustomError

from citizenrights.calendar import FlexibleDate
from citizenrights.models._base import (
    NUMBER,
    VALUE,
    Id,
    Label,
    Name,
    NonEmpty,
    Record,
    Text,
    ValueEnum,
)
from citizenrights.models.activity import TrainingAudience

__all__ = [
    "NGOReport",
    "ProgrammeCourse",
    "Publication",
    "PublicationKind",
    "ReportingEvery",
    "TrainingProgramme",
]


#: A web address: text without blanks at the ends, cleaned as a value (direction marks dropped).
Url = Annotated[str, StringConstraints(strip_whitespace=True, min_length=1, max_length=2000), VALUE]


class NGOReport(Record):
    """An NGO's observation of an agency (گزارش سازمان مردم‌نهاد), with or without an inspection.

    ``inspection_id`` links the report to the inspection the NGO took part in, when it did; a
    dataset loaded whole checks that the NGO, the agency and the inspection exist.
    """

    id: Id
    ngo_id: Id
    date: FlexibleDate
    agency_id: Id
    observations: Text
    inspection_id: Id | None = None


class ProgrammeCourse(Record):
    """A course a training programme requires: its code and its titles."""

    code: Id
    title: Text
    title_en: Label | None = None
    min_hours: Annotated[float, Field(gt=0, le=1000, allow_inf_nan=False), NUMBER] | None = None


class ReportingEvery(ValueEnum):
    """How often progress on a training programme is reported."""

    QUARTER = "quarter"
    YEAR = "year"


class TrainingProgramme(Record):
    """The courses a circular requires, for whom and by when, and how often progress is reported.

    The documented example is circular 1091808 of 1395/12/22: the two courses «منشور حقوق
    شهروندی» and «حقوق شهروندی در نظام اداری», for all managers and staff (audiences ``manager``
    and ``employee``), by the end of 1397 (deadline 1397/12/29), reported every quarter.
    A training counts toward a course when its ``course_code`` is the course's code or, without a
    code, when its ``course`` title is the course's title (after Persian normalisation).
    """

    code: Id
    title: Text
    title_en: Label | None = None
    circular: Name | None = None
    issued: FlexibleDate
    courses: Annotated[
        tuple[ProgrammeCourse, ...],
        NonEmpty("programme_no_courses", "A training programme needs at least one course"),
    ]
    audiences: Annotated[
        tuple[TrainingAudience, ...],
        NonEmpty("programme_no_audiences", "A training programme needs at least one audience"),
    ]
    deadline: FlexibleDate
    reporting: ReportingEvery = ReportingEvery.QUARTER

    @model_validator(mode="after")
    def _consistent(self) -> TrainingProgramme:
        if self.deadline < self.issued:
            raise PydanticCustomError(
                "programme_deadline_before_issue",
                "training programme {code}: deadline {deadline} is before issued {issued}",
                {
                    "code": self.code,
                    "deadline": self.deadline.isoformat(),
                    "issued": self.issued.isoformat(),
                },
            )
        codes = [c.code for c in self.courses]
        twice = sorted({c for c in codes if codes.count(c) > 1})
        if twice:
            raise PydanticCustomError(
                "programme_course_twice",
                "training programme {code}: course code(s) {twice} given more than once",
                {"code": self.code, "twice": ", ".join(twice)},
            )
        return self


class PublicationKind(ValueEnum):
    """What an agency published for transparency (the second seed's list)."""

    CHARTER = "charter"  # the agency's own charter of citizens' rights
    RESOLUTIONS = "resolutions"  # the working group's resolutions
    INSTRUCTIONS = "instructions"  # the agency's instructions (دستورالعمل‌ها)
    STRUCTURE = "structure"  # its structure, staff layout and goals
    OTHER = "other"


class Publication(Record):
    """Something an agency published: what, where (a website, a notice board) and when."""

    id: Id
    agency_id: Id
    kind: PublicationKind
    date: FlexibleDate
    title: Text
    where: Name
    url: Url | None = None
