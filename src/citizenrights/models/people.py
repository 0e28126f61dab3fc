"""People considered for managerial and sensitive posts, and their record on citizens' rights.

A [`CandidateRecord`][citizenrights.models.people.CandidateRecord] gathers what the appointment rule weighs: the posts a person held
([`Assignment`][citizenrights.models.people.Assignment]), the complaints against them, their citizens'-rights training, their
commendations and their contributions to promoting citizens' rights
([`Contribution`][citizenrights.models.people.Contribution]). The name and ``person_id`` are personal data: masked in ``repr``, left out of
validation error messages.

Examples:
    >>> Post.parse("managerial:middle")
    Post(title='managerial:middle', kind=<PostKind.MANAGERIAL: 'managerial'>, level=<PostLevel.MIDDLE: 'middle'>)
    >>> rec = CandidateRecord.model_validate({
    ...     "person_id": "0499370899", "name": "مریم احمدی",
    ...     "assignments": [{"agency_id": "A-1", "start": "1394/01/01", "end": "1396/12/29",
    ...                      "post": {"title": "معاون", "kind": "managerial", "level": "middle"}}],
    ...     "complaints": [], "trainings": []})
    >>> repr(rec)[:60]
    "CandidateRecord(person_id='*******899', name='م* ا*', assign"
"""

from __future__ import annotations

from typing import Any

from pydantic import ConfigDict, model_validator
from pydantic_core import PydanticCustomError

from citizenrights.calendar import FlexibleDate
from citizenrights.models._base import Id, Name, Record, Text, ValueEnum
from citizenrights.models._masking import masked_repr_args
from citizenrights.models.activity import Complaint, PersonId, TrainingRecord
from citizenrights.text import normalize_persian

__all__ = [
    "Assignment",
    "CandidateRecord",
    "Commendation",
    "Contribution",
    "ContributionKind",
    "Post",
    "PostKind",
    "PostLevel",
]


class PostKind(ValueEnum):
    """The posts the appointment rule applies to."""

    MANAGERIAL = "managerial"  # مدیریتی
    SENSITIVE = "sensitive"  # حساس


class PostLevel(ValueEnum):
    """Managerial levels (سطوح مدیریتی)."""

    BASIC = "basic"  # پایه
    MIDDLE = "middle"  # میانی
    SENIOR = "senior"  # ارشد


# Persian words accepted by Post.parse, after normalize_persian.
_KIND_WORDS = {"مدیریتی": PostKind.MANAGERIAL, "حساس": PostKind.SENSITIVE}
_LEVEL_WORDS = {"پایه": PostLevel.BASIC, "میانی": PostLevel.MIDDLE, "ارشد": PostLevel.SENIOR}


class Post(Record):
    """A post someone is appointed to: managerial or sensitive, with a managerial level."""

    title: Text
    kind: PostKind
    level: PostLevel | None = None

    @classmethod
    def parse(cls, text: str, *, title: str | None = None) -> Post:
        """Read a post from ``kind[:level]`` text, as the CLI takes it.

        Args:
            text: ``managerial``, ``managerial:middle``, ``sensitive:senior``; any case, and the
                Persian words مدیریتی/حساس and پایه/میانی/ارشد are accepted too.
            title: the post's title; the text itself when not given.

        Returns:
            The post.

        Raises:
            pydantic.ValidationError: (a ``ValueError``) for an unknown kind or level.

        Examples:
            >>> Post.parse("Sensitive").kind, Post.parse("مدیریتی:ارشد").level
            (<PostKind.SENSITIVE: 'sensitive'>, <PostLevel.SENIOR: 'senior'>)
        """
        kind_text, _, level_text = (normalize_persian(part) for part in text.partition(":"))
        kind: Any = _KIND_WORDS.get(kind_text, kind_text.lower())
        level: Any = _LEVEL_WORDS.get(level_text, level_text.lower()) if level_text else None
        return cls.model_validate({"title": title or text.strip(), "kind": kind, "level": level})


class Assignment(Record):
    """A period in which a person held a post in an agency; ``end`` is absent while it lasts."""

    agency_id: Id
    start: FlexibleDate
    end: FlexibleDate | None = None
    post: Post | None = None

    @model_validator(mode="after")
    def _ordered(self) -> Assignment:
        if self.end is not None and self.end < self.start:
            raise PydanticCustomError(
                "assignment_end_before_start",
                "assignment in agency {agency_id}: end {end} is before start {start}",
                {
                    "agency_id": self.agency_id,
                    "end": self.end.isoformat(),
                    "start": self.start.isoformat(),
                },
            )
        return self


class Commendation(Record):
    """A commendation (تقدیرنامه) for observing citizens' rights."""

    date: FlexibleDate
    title: Text


class ContributionKind(ValueEnum):
    """What a person did to promote (اشاعه) citizens' rights, beyond observing them."""

    WORKING_GROUP = "working_group"  # membership of a citizens'-rights working group
    NGO_COOPERATION = "ngo_cooperation"  # work with an NGO active on citizens' rights
    TRAINING_GIVEN = "training_given"  # a citizens'-rights course taught to others
    OTHER = "other"


class Contribution(Record):
    """A dated piece of positive evidence: the person promoted citizens' rights.

    ``ref`` names what it rests on where there is one: a working group's id, an NGO's id, a course
    code. The positive part of the eligibility ``record_score`` weighs these by ``kind``.
    """

    kind: ContributionKind
    date: FlexibleDate
    title: Text
    ref: Id | None = None


class CandidateRecord(Record):
    """A person's record on citizens' rights, weighed for managerial and sensitive posts.

    Every training belongs to the person (its ``person_id`` is the record's), and a complaint that
    names a respondent names the person; a record that mixes people is a
    ``candidate_person_mismatch`` error.
    """

    model_config = ConfigDict(hide_input_in_errors=True)

    person_id: PersonId
    name: Name
    assignments: tuple[Assignment, ...] = ()
    complaints: tuple[Complaint, ...] = ()
    trainings: tuple[TrainingRecord, ...] = ()
    commendations: tuple[Commendation, ...] = ()
    contributions: tuple[Contribution, ...] = ()

    @model_validator(mode="after")
    def _one_person(self) -> CandidateRecord:
        # Positions only: the ids themselves are personal data and stay out of the message.
        wrong = [
            f"trainings[{n}]"
            for n, training in enumerate(self.trainings)
            if training.person_id != self.person_id
        ] + [
            f"complaints[{n}]"
            for n, complaint in enumerate(self.complaints)
            if complaint.respondent_id is not None and complaint.respondent_id != self.person_id
        ]
        if wrong:
            raise PydanticCustomError(
                "candidate_person_mismatch",
                "{where}: the person id differs from the record's person_id",
                {"where": ", ".join(wrong)},
            )
        return self

    def __repr_args__(self) -> Any:
        return masked_repr_args(super().__repr_args__(), ids=("person_id",), names=("name",))
