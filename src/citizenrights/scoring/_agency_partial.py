"""One agency's partial result for one period: records folded one at a time, merged exactly.

[`AgencyPartial`][citizenrights.scoring.partials.AgencyPartial] is public through
[`citizenrights.scoring.partials`][citizenrights.scoring.partials], whose description says how
its sums stay exact.
"""

from __future__ import annotations

from array import array
from collections.abc import Iterable
from itertools import chain
from math import fsum
from typing import Final, NoReturn

from citizenrights._version import __version__
from citizenrights.calendar import JalaliPeriod, working_days_between
from citizenrights.models.activity import AgencyStats, Complaint, SurveyResponse, TrainingRecord
from citizenrights.models.inspections import Inspection
from citizenrights.scoring._components import (
    NEEDS_STATS,
    complaints_part,
    inspection_part,
    ngo_part,
    period_stats,
    satisfaction_part,
    training_part,
)
from citizenrights.scoring.index_results import AgencyIndex, IndexComponent
from citizenrights.scoring.inspection_results import InspectionScore, InspectionStatus
from citizenrights.scoring.policies import ComponentName, IndexPolicy

__all__ = ["AgencyPartial", "check_score"]

DEFAULT_POLICY: Final = IndexPolicy()
# Scores kept before they are compacted to their exact parts: big enough that compaction (a few
# C-speed passes of fsum) costs little per score, small enough that memory stays flat.
_COMPACT_AT: Final = 512


def _exact_parts(values: array[float]) -> array[float]:
    """A few floats whose exact sum is the exact sum of ``values``.

    ``fsum`` rounds the exact sum of its inputs once, so each pass takes the rounded rest of what
    the parts so far miss; the rest of a sum of floats is a multiple of the smallest float, so it
    is never rounded to zero while it is not zero, and the loop ends with an exact decomposition.
    """
    parts: array[float] = array("d")
    while rest := fsum(chain(values, (-p for p in parts))):
        parts.append(rest)
    return parts


def check_inspection(i: object) -> None:
    if not isinstance(i, Inspection):
        raise TypeError(
            "The NGO participation component takes inspection records (Inspection, with their "
            f"team), not {type(i).__name__} records; pass the dataset's inspections."
        )


def check_score(s: object) -> None:
    if not isinstance(s, InspectionScore):
        raise TypeError(
            "agency_index takes inspection scores (the results of score_inspection), "
            f"not {type(s).__name__} records; score each inspection against its checklist first."
        )


class AgencyPartial:
    """What one agency's index for one period needs, folded from records one at a time.

    Build one per (agency, period), fold records with the ``add_*`` methods (each refuses a
    record of another agency or dated outside the period), [`merge`][citizenrights.scoring.partials.AgencyPartial.merge]
    partials built apart, and [`finish`][citizenrights.scoring.partials.AgencyPartial.finish].
    Records are dated as [`agency_index`][citizenrights.scoring.index.agency_index] dates them:
    inspections and surveys and trainings by ``date``, complaints by ``received``. The policy is
    applied as records fold (which inspections count, which trainings are staff training, the
    calendar of working days), so a partial is finished with the policy it was built with.

    A partial is plain data (floats, ints, lists, dicts, the period and the policy) and pickles;
    its size grows with the agency's trained people and stats rows, not with its records.

    Args:
        agency_id: the agency.
        period: the period (a year, half, quarter or month).
        policy: the index's rules; ``IndexPolicy()`` by default.

    Attributes:
        agency_id: the agency.
        period: the period.
        policy: the rules the records are folded with.
    """

    __slots__ = (
        "_closed",
        "_hours",
        "_incomplete",
        "_ngo_inspections",
        "_ngo_with",
        "_not_applicable",
        "_not_joint",
        "_not_staff",
        "_on_time",
        "_received",
        "_responses",
        "_score_parts",
        "_scores",
        "_stats",
        "_survey_total",
        "_upheld",
        "agency_id",
        "period",
        "policy",
    )

    def __init__(
        self, agency_id: str, period: JalaliPeriod, policy: IndexPolicy = DEFAULT_POLICY
    ) -> None:
        self.agency_id = agency_id
        self.period = period
        self.policy = policy
        # Inspections: the used scores' exact parts, their count, and the counts left out.
        self._score_parts: array[float] = array("d")
        self._scores = self._incomplete = self._not_joint = self._not_applicable = 0
        # Complaints: received, upheld, closed and closed on time.
        self._received = self._upheld = self._closed = self._on_time = 0
        # Trainings: each staff member's hours, and the attendances that are not staff training.
        self._hours: dict[str, list[float]] = {}
        self._not_staff = 0
        # Surveys: the count and the integer sum of the scores.
        self._responses = self._survey_total = 0
        # Inspection records (NGO participation): how many, and how many with an NGO member.
        self._ngo_inspections = self._ngo_with = 0
        self._stats: list[AgencyStats] = []

    def __repr__(self) -> str:
        return (
            f"AgencyPartial({self.agency_id!r}, {str(self.period)!r}, inspections={self._scores}, "
            f"complaints={self._received}, people_trained={len(self._hours)}, "
            f"responses={self._responses}, stats_rows={len(self._stats)})"
        )

    def __getstate__(self) -> dict[str, object]:
        return {name: getattr(self, name) for name in self.__slots__}

    def __setstate__(self, state: dict[str, object]) -> None:
        for name, value in state.items():
            setattr(self, name, value)

    # -- folding ------------------------------------------------------------------------------

    def _refuse(self, what: str, agency_id: str, when: object) -> NoReturn:
        raise ValueError(
            f"A {what} of agency {agency_id!r} dated {when} does not belong to the partial of "
            f"agency {self.agency_id!r} for {self.period}; fold it into its own agency and "
            "period's partial (PartialResults routes records)."
        )

    def add_score(self, s: InspectionScore) -> None:
        """Fold an inspection score (from `score_inspection`).

        Raises:
            TypeError: for anything but an [`InspectionScore`][citizenrights.scoring.inspection_results.InspectionScore].
            ValueError: for a score of another agency or dated outside the period.
        """
        check_score(s)
        if s.agency_id != self.agency_id or s.date not in self.period:
            self._refuse("inspection score", s.agency_id, s.date)
        self._take_score(s)

    def add_inspection(self, i: Inspection) -> None:
        """Fold an inspection record (not its score) for the NGO participation component.

        Only its date, agency and team are read: whether a member represents an NGO.

        Raises:
            TypeError: for anything but an [`Inspection`][citizenrights.models.inspections.Inspection].
            ValueError: for an inspection of another agency or dated outside the period.
        """
        check_inspection(i)
        if i.agency_id != self.agency_id or i.date not in self.period:
            self._refuse("inspection", i.agency_id, i.date)
        self._take_inspection(i)

    def add_complaint(self, c: Complaint) -> None:
        """Fold a complaint (dated by ``received``).

        Raises:
            ValueError: for a complaint of another agency or received outside the period.
        """
        if c.agency_id != self.agency_id or c.received not in self.period:
            self._refuse("complaint", c.agency_id, c.received)
        self._take_complaint(c)

    def add_training(self, t: TrainingRecord) -> None:
        """Fold a training attendance (dated by ``date``).

        Raises:
            ValueError: for an attendance of another agency or dated outside the period.
        """
        if t.agency_id != self.agency_id or t.date not in self.period:
            self._refuse("training record", t.agency_id, t.date)
        self._take_training(t)

    def add_survey(self, s: SurveyResponse) -> None:
        """Fold a survey response (dated by ``date``).

        Raises:
            ValueError: for a response of another agency or dated outside the period.
        """
        if s.agency_id != self.agency_id or s.date not in self.period:
            self._refuse("survey response", s.agency_id, s.date)
        self._take_survey(s)

    def add_stats(self, row: AgencyStats) -> None:
        """Keep a stats row of the agency for the period or a period inside it.

        Raises:
            ValueError: for a row of another agency or of a period not inside this one.
        """
        if row.agency_id != self.agency_id or not self.period.contains_period(row.period):
            self._refuse("stats row", row.agency_id, row.period)
        self._stats.append(row)

    def add_matching(
        self,
        *,
        inspections: Iterable[InspectionScore] = (),
        complaints: Iterable[Complaint] = (),
        trainings: Iterable[TrainingRecord] = (),
        surveys: Iterable[SurveyResponse] = (),
        stats: Iterable[AgencyStats] = (),
        inspection_records: Iterable[Inspection] = (),
    ) -> None:
        """Fold the records of this agency and period from iterables that may hold others.

        Records of other agencies or dated outside the period are left out, as
        [`agency_index`][citizenrights.scoring.index.agency_index] leaves them out.

        Raises:
            TypeError: for an item of ``inspections`` that is not an inspection score, or of
                ``inspection_records`` that is not an inspection.
        """
        agency_id, period = self.agency_id, self.period
        for row in stats:
            if row.agency_id == agency_id and period.contains_period(row.period):
                self._stats.append(row)
        for s in inspections:
            check_score(s)
            if s.agency_id == agency_id and s.date in period:
                self._take_score(s)
        for c in complaints:
            if c.agency_id == agency_id and c.received in period:
                self._take_complaint(c)
        for t in trainings:
            if t.agency_id == agency_id and t.date in period:
                self._take_training(t)
        for r in surveys:
            if r.agency_id == agency_id and r.date in period:
                self._take_survey(r)
        for i in inspection_records:
            check_inspection(i)
            if i.agency_id == agency_id and i.date in period:
                self._take_inspection(i)

    def _take_score(self, s: InspectionScore) -> None:
        if s.status is InspectionStatus.NOT_APPLICABLE:
            self._not_applicable += 1
        elif s.status is not InspectionStatus.SCORED or s.score is None:
            self._incomplete += 1
        elif self.policy.joint_only and not s.joint:
            self._not_joint += 1
        else:
            self._scores += 1
            self._score_parts.append(s.score)
            if len(self._score_parts) >= _COMPACT_AT:
                self._score_parts = _exact_parts(self._score_parts)

    def _take_inspection(self, i: Inspection) -> None:
        self._ngo_inspections += 1
        self._ngo_with += i.has_ngo_member

    def _take_complaint(self, c: Complaint) -> None:
        self._received += 1
        self._upheld += c.is_upheld
        if c.closed_on is not None:
            self._closed += 1
            days = working_days_between(c.received, c.closed_on, self.policy.calendar.calendar)
            self._on_time += days <= self.policy.answer_working_days

    def _take_training(self, t: TrainingRecord) -> None:
        # Courses for inspectors or NGO members train people outside the staff headcount.
        if self.policy.counts_as_staff_training(t):
            self._hours.setdefault(t.person_id, []).append(t.hours)
        else:
            self._not_staff += 1

    def _take_survey(self, s: SurveyResponse) -> None:
        self._responses += 1
        self._survey_total += s.score

    # -- merging ------------------------------------------------------------------------------

    def merge(self, other: AgencyPartial) -> AgencyPartial:
        """A new partial holding both partials' records; neither is changed.

        Merging is associative and commutative as far as
        [`finish`][citizenrights.scoring.partials.AgencyPartial.finish] can tell: any split of the
        records merged in any order finishes bit-identical to one partial of them all.

        Raises:
            ValueError: when the partials differ in agency, period or policy.
        """
        if not isinstance(other, AgencyPartial):
            raise TypeError(
                f"An AgencyPartial merges with an AgencyPartial, not {type(other).__name__}."
            )
        if (other.agency_id, other.period) != (self.agency_id, self.period):
            raise ValueError(
                f"Cannot merge the partial of agency {other.agency_id!r} for {other.period} into "
                f"that of agency {self.agency_id!r} for {self.period}; only partials of one agency "
                "and period merge (PartialResults.merge pairs them)."
            )
        if other.policy is not self.policy and other.policy != self.policy:
            raise ValueError(
                f"Cannot merge partials folded with different index policies (versions "
                f"{self.policy.version!r} and {other.policy.version!r}) for agency "
                f"{self.agency_id!r} and {self.period}; fold every part with one policy."
            )
        out = AgencyPartial(self.agency_id, self.period, self.policy)
        parts = self._score_parts + other._score_parts
        out._score_parts = _exact_parts(parts) if len(parts) >= _COMPACT_AT else parts
        out._hours = {person: list(hours) for person, hours in self._hours.items()}
        for person, hours in other._hours.items():
            out._hours.setdefault(person, []).extend(hours)
        out._stats = self._stats + other._stats
        for name in (
            "_scores",
            "_incomplete",
            "_not_joint",
            "_not_applicable",
            "_received",
            "_upheld",
            "_closed",
            "_on_time",
            "_not_staff",
            "_responses",
            "_survey_total",
            "_ngo_inspections",
            "_ngo_with",
        ):
            setattr(out, name, getattr(self, name) + getattr(other, name))
        return out

    def _copy(self) -> AgencyPartial:
        return self.merge(AgencyPartial(self.agency_id, self.period, self.policy))

    # -- finishing ----------------------------------------------------------------------------

    def finish(self, policy: IndexPolicy | None = None) -> AgencyIndex:
        """The agency's index for the period from everything folded.

        Args:
            policy: the policy the records were folded with (the default); another one is
                refused, since the partial already applied its rules.

        Returns:
            The index with its four components (five when ``ngo_participation`` weighs more
            than 0), as
            [`agency_index`][citizenrights.scoring.index.agency_index] documents it.

        Raises:
            ValueError: for a policy other than the partial's.
            DatasetError: when the stats rows give one period twice.
        """
        if policy is not None and policy is not self.policy and policy != self.policy:
            raise ValueError(
                f"This partial was folded with index policy {self.policy.version!r}; finish it "
                f"with that policy, not {policy.version!r} (fold the records again to change rules)."
            )
        policy = self.policy
        # Sorted so that the error for duplicate rows lists them in one order whatever the merges.
        found = period_stats(
            self.agency_id, self.period, sorted(self._stats, key=lambda r: r.period)
        )
        services, staff = (found[0], found[1]) if found is not None else (None, None)
        complaints = (self._received, self._upheld, self._closed, self._on_time)
        weights = policy.weights.as_dict()
        parts = {
            ComponentName.INSPECTION: inspection_part(
                self._scores,
                fsum(self._score_parts),
                self._incomplete,
                self._not_joint,
                self._not_applicable,
            ),
            ComponentName.COMPLAINTS: complaints_part(policy, complaints, services),
            ComponentName.TRAINING: training_part(policy, self._hours, self._not_staff, staff),
            ComponentName.SATISFACTION: satisfaction_part(
                policy, self._responses, self._survey_total
            ),
        }
        if ComponentName.NGO in policy.weights.computed():
            parts[ComponentName.NGO] = ngo_part(policy, self._ngo_inspections, self._ngo_with)
        values = {c: part[0] for c, part in parts.items() if part[0] is not None}
        present_weight = fsum(weights[c.value] for c in values)
        rows = ("stats_rows", 0 if found is None else found[2])
        components = tuple(
            IndexComponent(
                name=c,
                value=value,
                weight=weights[c.value],
                share=weights[c.value] / present_weight
                if value is not None and present_weight
                else 0.0,
                rates=rates,
                evidence=(*evidence, rows) if c in NEEDS_STATS else evidence,
                reason=reason,
            )
            for c, (value, rates, evidence, reason) in parts.items()
        )
        missing = tuple(c for c in parts if c not in values)
        score: float | None = None
        reason: str | None = None
        if any(c in missing for c in policy.required):
            reason = "required_missing"
        elif not present_weight:
            reason = "no_component"
        else:
            score = fsum(weights[c.value] * v for c, v in values.items()) / present_weight
        return AgencyIndex(
            agency_id=self.agency_id,
            period=self.period,
            score=score,
            coverage=present_weight / fsum(weights.values()),
            components=components,
            missing=missing,
            reason=reason,
            policy_version=policy.version,
            library_version=__version__,
        )
