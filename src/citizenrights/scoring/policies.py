"""Scoring policies: the versioned, configurable rules that scores are made with.

A policy is a frozen pydantic model, so it can be loaded from JSON, stored beside the results and
compared. Every result records ``policy.version``: change the version whenever you change a rule,
so that two different rule sets never share a version in a report. The defaults, and the reason for
each, are on the methodology page of the docs.

Examples:
    >>> p = ScoringPolicy()
    >>> p.unanswered, p.min_completeness, p.critical_cap, p.decimals
    ('zero', 0.8, 59.99, 2)
    >>> p.grade(89.999), p.grade(90.0), p.grade(None)
    (<Grade.GOOD: 'good'>, <Grade.EXCELLENT: 'excellent'>, None)
    >>> Grade.NEEDS_IMPROVEMENT.label("fa"), Grade.NEEDS_IMPROVEMENT.label("en")
    ('نیازمند بهبود', 'Needs improvement')
    >>> IndexPolicy().weights.as_dict()
    {'inspection': 0.5, 'complaints': 0.2, 'training': 0.15, 'satisfaction': 0.15, 'ngo_participation': 0.0}
    >>> [a.value for a in IndexPolicy().staff_audiences]
    ['manager', 'employee']
    >>> strict = ScoringPolicy(version="strict-1", unanswered="exclude", critical_cap=49.99)
    >>> strict.model_dump(mode="json")["unanswered"]
    'exclude'
"""

from __future__ import annotations

import enum
from functools import cached_property
from itertools import pairwise
from typing import Annotated, Literal

from pydantic import BaseModel, ConfigDict, Field, field_validator, model_validator
from pydantic_core import PydanticCustomError

from citizenrights import vocabulary
from citizenrights.calendar import FlexibleDate, WorkCalendar
from citizenrights.models.activity import TrainingAudience, TrainingRecord, TrainingRole

__all__ = [
    "OPTIONAL_COMPONENTS",
    "ComponentName",
    "ComponentWeights",
    "Grade",
    "GradeBands",
    "IndexPolicy",
    "ScoringPolicy",
    "WorkCalendarSpec",
]


class Grade(enum.StrEnum):
    """The grade of a score, from the policy's grade bands."""

    EXCELLENT = "excellent"  # عالی
    GOOD = "good"  # خوب
    ACCEPTABLE = "acceptable"  # قابل قبول
    NEEDS_IMPROVEMENT = "needs_improvement"  # نیازمند بهبود
    POOR = "poor"  # ضعیف

    def label(self, lang: Literal["fa", "en"] = "fa") -> str:
        """The grade's name in Persian (``fa``, the default) or English (``en``).

        Raises:
            UnsupportedLanguageError: for another ``lang``.
        """
        return vocabulary.label(self, lang)


class _Policy(BaseModel):
    model_config = ConfigDict(frozen=True, extra="forbid")


Score = Annotated[float, Field(ge=0, le=100, allow_inf_nan=False)]


class GradeBands(_Policy):
    """Inclusive lower bounds of the grades; a score below ``needs_improvement`` is ``poor``."""

    excellent: Score = 90.0
    good: Score = 75.0
    acceptable: Score = 60.0
    needs_improvement: Score = 40.0

    @model_validator(mode="after")
    def _descending(self) -> GradeBands:
        bounds = [self.excellent, self.good, self.acceptable, self.needs_improvement]
        if any(a <= b for a, b in pairwise(bounds)):
            raise PydanticCustomError(
                "grade_bands_order",
                "Grade bands must fall strictly from excellent to needs_improvement; got {bounds}",
                {"bounds": bounds},
            )
        return self

    def grade(self, score: float) -> Grade:
        """The grade of an (unrounded) score."""
        if score >= self.excellent:
            return Grade.EXCELLENT
        if score >= self.good:
            return Grade.GOOD
        if score >= self.acceptable:
            return Grade.ACCEPTABLE
        if score >= self.needs_improvement:
            return Grade.NEEDS_IMPROVEMENT
        return Grade.POOR


class ScoringPolicy(_Policy):
    """How an inspection is scored (DESIGN section 4; reasons on the methodology page).

    Attributes:
        version: recorded on every score; change it whenever you change a rule.
        unanswered: ``"zero"`` counts an unanswered applicable item as non-compliant (value 0);
            ``"exclude"`` leaves it out of the score. Either way it lowers ``completeness``.
        min_completeness: below this share of answered applicable items the score is
            ``incomplete``: shown, but without a grade and kept out of indices and rankings.
        critical_cap: the highest score an inspection with a non-compliant critical item can get.
        grade_bands: inclusive lower bounds of the grades, applied to the unrounded score.
        decimals: places for ``score_display``, reports and rank ties (never inside a computation).
    """

    version: str = Field(default="1", min_length=1)
    unanswered: Literal["zero", "exclude"] = "zero"
    min_completeness: float = Field(default=0.8, ge=0, le=1, allow_inf_nan=False)
    critical_cap: Score = 59.99
    grade_bands: GradeBands = GradeBands()
    decimals: int = Field(default=2, ge=0, le=10)

    def grade(self, score: float | None) -> Grade | None:
        """The grade of an unrounded score by `grade_bands` (``None`` for no score)."""
        return None if score is None else self.grade_bands.grade(score)


class ComponentName(enum.StrEnum):
    """The components of the agency index.

    ``ngo_participation`` is optional: its weight is 0 by default, and a component of weight 0
    among the [`OPTIONAL_COMPONENTS`][citizenrights.scoring.policies.OPTIONAL_COMPONENTS] is not
    computed at all (it appears in no index, explanation or report).
    """

    INSPECTION = "inspection"
    COMPLAINTS = "complaints"
    TRAINING = "training"
    SATISFACTION = "satisfaction"
    NGO = "ngo_participation"


OPTIONAL_COMPONENTS: frozenset[ComponentName] = frozenset({ComponentName.NGO})
"""Components left out of every index while their weight is 0 (issue 15: NGO participation in
monitoring, the memorandum's first aim, is measured but weighs nothing unless a policy says so)."""


# Bounded so that no sum of weights can overflow math.fsum (issue 10, row 13).
Weight = Annotated[float, Field(ge=0, le=1_000_000, allow_inf_nan=False)]


class ComponentWeights(_Policy):
    """The weight of each component of the agency index (re-normalised over those present).

    ``ngo_participation`` weighs 0 by default, so the default index has the four components of
    DESIGN section 4; give it a weight to count the share of inspections with an NGO member.
    """

    inspection: Weight = 0.5
    complaints: Weight = 0.2
    training: Weight = 0.15
    satisfaction: Weight = 0.15
    ngo_participation: Weight = 0.0

    @model_validator(mode="after")
    def _some_weight(self) -> ComponentWeights:
        if not any(self.as_dict().values()):
            raise PydanticCustomError(
                "index_weights_zero", "At least one component weight must be above 0", {}
            )
        return self

    def as_dict(self) -> dict[str, float]:
        """The weights by component name, in the order of [`ComponentName`][citizenrights.scoring.policies.ComponentName]."""
        return {c.value: float(getattr(self, c.value)) for c in ComponentName}

    def computed(self) -> tuple[ComponentName, ...]:
        """The components an index computes: all but the optional ones of weight 0, in order.

        Examples:
            >>> [c.value for c in ComponentWeights().computed()]
            ['inspection', 'complaints', 'training', 'satisfaction']
            >>> ComponentWeights(ngo_participation=0.1).computed()[-1].value
            'ngo_participation'
        """
        return tuple(
            c for c in ComponentName if c not in OPTIONAL_COMPONENTS or getattr(self, c.value)
        )


class WorkCalendarSpec(_Policy):
    """A [`WorkCalendar`][citizenrights.calendar.workdays.WorkCalendar] as data: weekend weekdays and holidays.

    Attributes:
        weekend: weekday numbers as ``date.weekday()`` (Monday 0 … Friday 4 … Sunday 6).
        holidays: dates added to the fixed solar public holidays (the lunar holidays of the year).
    """

    weekend: tuple[Annotated[int, Field(ge=0, le=6, strict=True)], ...] = (4,)
    holidays: tuple[FlexibleDate, ...] = ()

    @field_validator("weekend")
    @classmethod
    def _not_every_day(cls, value: tuple[int, ...]) -> tuple[int, ...]:
        if len(set(value)) == 7:
            raise PydanticCustomError(
                "weekend_all_days", "A weekend of all seven days leaves no working day", {}
            )
        return value

    @cached_property
    def calendar(self) -> WorkCalendar:
        """The [`WorkCalendar`][citizenrights.calendar.workdays.WorkCalendar] these data describe."""
        return WorkCalendar(weekend=frozenset(self.weekend), holidays=frozenset(self.holidays))


class IndexPolicy(_Policy):
    """How the agency index is made (DESIGN section 4; reasons on the methodology page).

    Attributes:
        version: recorded on every index; change it whenever you change a rule.
        weights: component weights, re-normalised over the components present
            (``ngo_participation`` weighs 0 by default and is then not computed).
        joint_only: only joint inspections (an AREO and a Ministry of Interior member) count.
        required: components without which the index has no score.
        upheld_per_1000_ceiling: upheld complaints per 1,000 services at which the rate half is 0.
        answer_working_days: a closed complaint answered within this many working days of its
            receipt is on time.
        training_hours: the hours of training in the period that make a staff member trained.
        staff_audiences: the course audiences whose attendees are the agency's own staff
            (managers and employees by default); only their records count toward the training
            component and the training figures of reports (see [`counts_as_staff_training`][citizenrights.scoring.policies.IndexPolicy.counts_as_staff_training]).
        min_sample: a rate whose denominator is below this is flagged ``small_sample``.
        calendar: the working days used for the timeliness half.
    """

    version: str = Field(default="1", min_length=1)
    weights: ComponentWeights = ComponentWeights()
    joint_only: bool = True
    required: tuple[ComponentName, ...] = ()
    upheld_per_1000_ceiling: float = Field(default=5.0, gt=0, allow_inf_nan=False)
    answer_working_days: int = Field(default=10, ge=0)
    training_hours: float = Field(default=4.0, gt=0, allow_inf_nan=False)
    staff_audiences: tuple[TrainingAudience, ...] = Field(
        default=(TrainingAudience.MANAGER, TrainingAudience.EMPLOYEE), min_length=1
    )
    min_sample: int = Field(default=30, ge=1)
    calendar: WorkCalendarSpec = WorkCalendarSpec()

    @model_validator(mode="after")
    def _required_weighed(self) -> IndexPolicy:
        # An optional component of weight 0 is never computed, so requiring it would be ignored.
        unweighed = [c.value for c in self.required if c not in self.weights.computed()]
        if unweighed:
            raise PydanticCustomError(
                "index_required_unweighed",
                "Required components {components} have weight 0 and are never computed; "
                "give them a weight above 0 or leave them out of required",
                {"components": unweighed},
            )
        return self

    def counts_as_staff_training(self, record: TrainingRecord) -> bool:
        """Whether a training record counts toward its agency's staff coverage.

        The one rule for every count of trained staff (the index's training component and a
        report's training figures): a record counts when its course's ``audience`` is one of
        `staff_audiences` and the person attended it (``role`` ``attendee``, the default: a
        course they taught is training given to others). By default those are managers and employees, the agency's own
        staff; a course for inspectors (the joint teams' members) or for NGO members trains
        people outside the agency's headcount, so it would inflate the share of staff trained.

        Args:
            record: a training attendance.

        Returns:
            ``True`` when the record counts toward staff coverage.

        Examples:
            >>> from citizenrights import TrainingRecord
            >>> def attendance(audience):
            ...     return TrainingRecord(person_id="p-1", agency_id="A-1", course="منشور",
            ...                           audience=audience, hours=4, date="1396/08/01")
            >>> [IndexPolicy().counts_as_staff_training(attendance(a))
            ...  for a in ("manager", "employee", "inspector", "ngo")]
            [True, True, False, False]
            >>> taught = attendance("manager").model_copy(update={"role": "instructor"})
            >>> IndexPolicy().counts_as_staff_training(taught)
            False
        """
        # A course the person taught (role ``instructor``) trains others, not them.
        return record.audience in self.staff_audiences and record.role == TrainingRole.ATTENDEE
