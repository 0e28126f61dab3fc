"""Partial results of the agency index: fold records one at a time, merge exactly, finish.

An [`AgencyPartial`][citizenrights.scoring.partials.AgencyPartial] holds what one agency's index for
one period needs, as counts, integer sums and exactly summed floats: records are folded into it one
at a time and then dropped, so memory grows with agencies × periods, not with records. Two partials
of the same agency, period and policy **merge**, and finishing a merge gives an index bit-identical
to folding every record into one partial, whatever the split and the order:

- inspection scores are kept as a few floats whose exact sum is the exact sum of the scores
  (compacted with ``math.fsum``), and finished with ``math.fsum``, which rounds the exact sum
  once, so no order or grouping changes a bit;
- complaint and survey figures are integer counts and sums (a survey mean is one division);
- training hours are kept per person and finished with ``fsum`` per person and over persons;
- NGO participation is two integer counts (inspection records, and those with an NGO member);
- working days to close a complaint are counted as it is folded, with the policy's calendar;
- the few stats rows are kept and finished by
  [`period_stats`][citizenrights.scoring.index.period_stats] (two rows for one period are a
  [`DatasetError`][citizenrights.errors.DatasetError], whichever partial each came in).

[`agency_index`][citizenrights.scoring.index.agency_index] folds its records into a partial and
finishes it: there is one code path. [`PartialResults`][citizenrights.scoring.partials.PartialResults]
routes records of any agency and date to the partial of their (agency, period) for one kind of
period, merges dict-wise and finishes every index.

A partial holds the person ids of training attendances (it counts distinct people); its ``repr``
shows none of them.

Examples:
    >>> from citizenrights import JalaliPeriod, SurveyResponse
    >>> q3 = JalaliPeriod.parse("1396-Q3")
    >>> a, b = AgencyPartial("A-1", q3), AgencyPartial("A-1", q3)
    >>> a.add_survey(SurveyResponse(agency_id="A-1", date="1396/07/20", score=4))
    >>> b.add_survey(SurveyResponse(agency_id="A-1", date="1396/09/01", score=5))
    >>> a.merge(b).finish().components["satisfaction"].value
    87.5
    >>> results = PartialResults("quarter")
    >>> results.fold_survey(SurveyResponse(agency_id="A-1", date="1396/07/20", score=4))
    >>> [(agency, str(period)) for agency, period in results]
    [('A-1', '1396-Q3')]
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from itertools import chain

from citizenrights.calendar import JalaliPeriod, PeriodKind, period_of
from citizenrights.errors import InvalidPeriodError
from citizenrights.models.activity import AgencyStats, Complaint, SurveyResponse, TrainingRecord
from citizenrights.models.inspections import Inspection
from citizenrights.scoring._agency_partial import DEFAULT_POLICY, check_inspection, check_score
from citizenrights.scoring._agency_partial import AgencyPartial as AgencyPartial
from citizenrights.scoring._components import period_stats as period_stats
from citizenrights.scoring._components import satisfaction_points as satisfaction_points
from citizenrights.scoring.index_results import AgencyIndex
from citizenrights.scoring.inspection_results import InspectionScore
from citizenrights.scoring.policies import IndexPolicy

__all__ = ["AgencyPartial", "PartialResults", "period_stats", "satisfaction_points"]


def _period_kind(value: PeriodKind | str) -> PeriodKind:
    if isinstance(value, PeriodKind):
        return value
    try:
        return PeriodKind(value)
    except ValueError:
        raise InvalidPeriodError(
            f"A period kind is 'year', 'half', 'quarter' or 'month'; got {value!r}.", value=value
        ) from None


class PartialResults:
    """Partial results of every (agency, period) for one kind of period, folded from any records.

    Each ``fold_*`` routes a record to the partial of its agency and the period of ``kind`` that
    holds its date (``period_of(date, kind)``), creating it on first use; a stats row goes to the
    period that holds its own period (a row of a longer period is left out: no index of this kind
    can use it). Memory grows with agencies × periods, not with records.

    Args:
        kind: the kind of period indexed (``"quarter"`` or a
            [`PeriodKind`][citizenrights.calendar.period_kinds.PeriodKind]).
        policy: the index's rules, used for every partial; ``IndexPolicy()`` by default.

    Raises:
        InvalidPeriodError: for an unknown kind.

    Attributes:
        kind: the kind of period.
        policy: the rules.
    """

    __slots__ = ("_partials", "kind", "policy")

    def __init__(self, kind: PeriodKind | str, policy: IndexPolicy = DEFAULT_POLICY) -> None:
        self.kind = _period_kind(kind)
        self.policy = policy
        self._partials: dict[tuple[str, JalaliPeriod], AgencyPartial] = {}

    def __repr__(self) -> str:
        return f"PartialResults({self.kind.value!r}, partials={len(self._partials)})"

    def __getstate__(self) -> dict[str, object]:
        return {"kind": self.kind, "policy": self.policy, "_partials": self._partials}

    def __setstate__(self, state: dict[str, object]) -> None:
        for name, value in state.items():
            setattr(self, name, value)

    def __len__(self) -> int:
        return len(self._partials)

    def __iter__(self) -> Iterator[tuple[str, JalaliPeriod]]:
        """The (agency id, period) keys, in the order they were first folded."""
        return iter(self._partials)

    def partial(self, agency_id: str, period: JalaliPeriod) -> AgencyPartial:
        """The partial of an agency and period (an empty one when nothing was folded for it).

        Raises:
            ValueError: for a period of another kind than this collection's.
        """
        if period.kind is not self.kind:
            raise ValueError(
                f"These partial results fold {self.kind.value} periods; got {period} "
                f"({period.kind.value}); build PartialResults({period.kind.value!r}) for it."
            )
        found = self._partials.get((agency_id, period))
        return found if found is not None else AgencyPartial(agency_id, period, self.policy)

    def _at(self, agency_id: str, when: object) -> AgencyPartial:
        period = period_of(when, self.kind)  # type: ignore[arg-type]
        key = (agency_id, period)
        found = self._partials.get(key)
        if found is None:
            found = self._partials[key] = AgencyPartial(agency_id, period, self.policy)
        return found

    def fold_score(self, s: InspectionScore) -> None:
        """Fold an inspection score into its agency's partial for the period of its date.

        Raises:
            TypeError: for anything but an inspection score.
        """
        check_score(s)
        self._at(s.agency_id, s.date)._take_score(s)

    def fold_inspection(self, i: Inspection) -> None:
        """Fold an inspection record (for NGO participation) into its agency's partial.

        Raises:
            TypeError: for anything but an inspection.
        """
        check_inspection(i)
        self._at(i.agency_id, i.date)._take_inspection(i)

    def fold_complaint(self, c: Complaint) -> None:
        """Fold a complaint into its agency's partial for the period it was received in."""
        self._at(c.agency_id, c.received)._take_complaint(c)

    def fold_training(self, t: TrainingRecord) -> None:
        """Fold a training attendance into its agency's partial for the period of its date."""
        self._at(t.agency_id, t.date)._take_training(t)

    def fold_survey(self, s: SurveyResponse) -> None:
        """Fold a survey response into its agency's partial for the period of its date."""
        self._at(s.agency_id, s.date)._take_survey(s)

    def fold_stats(self, row: AgencyStats) -> None:
        """Keep a stats row in the partial of the period that holds its own period, if any."""
        if row.period.kind.months <= self.kind.months:
            self._at(row.agency_id, row.period.start)._stats.append(row)

    def fold(
        self,
        *,
        inspections: Iterable[InspectionScore] = (),
        complaints: Iterable[Complaint] = (),
        trainings: Iterable[TrainingRecord] = (),
        surveys: Iterable[SurveyResponse] = (),
        stats: Iterable[AgencyStats] = (),
        inspection_records: Iterable[Inspection] = (),
    ) -> None:
        """Fold every record of the iterables, each into its own partial.

        Raises:
            TypeError: for an item of ``inspections`` that is not an inspection score, or of
                ``inspection_records`` that is not an inspection.
        """
        for row in stats:
            self.fold_stats(row)
        for s in inspections:
            self.fold_score(s)
        for c in complaints:
            self.fold_complaint(c)
        for t in trainings:
            self.fold_training(t)
        for r in surveys:
            self.fold_survey(r)
        for i in inspection_records:
            self.fold_inspection(i)

    def merge(self, other: PartialResults) -> PartialResults:
        """New partial results holding both collections' records; neither is changed.

        Partials of one (agency, period) are merged with
        [`AgencyPartial.merge`][citizenrights.scoring.partials.AgencyPartial.merge]; the others
        are copied, so folding into the result never changes either collection.

        Raises:
            ValueError: for another kind of period or another policy.
        """
        if other.kind is not self.kind:
            raise ValueError(
                f"Cannot merge partial results of {other.kind.value} periods into those of "
                f"{self.kind.value} periods; fold both with one kind."
            )
        if other.policy is not self.policy and other.policy != self.policy:
            raise ValueError(
                f"Cannot merge partial results folded with different index policies (versions "
                f"{self.policy.version!r} and {other.policy.version!r}); fold both with one policy."
            )
        out = PartialResults(self.kind, self.policy)
        for key, partial in chain(self._partials.items(), other._partials.items()):
            found = out._partials.get(key)
            out._partials[key] = partial._copy() if found is None else found.merge(partial)
        return out

    def indices(
        self, policy: IndexPolicy | None = None
    ) -> dict[tuple[str, JalaliPeriod], AgencyIndex]:
        """Every (agency, period)'s index, finished from its partial.

        Args:
            policy: the policy the records were folded with (the default); another is refused.

        Returns:
            The indices by (agency id, period), in the order the keys were first folded.

        Raises:
            ValueError: for a policy other than the collection's.
            DatasetError: when the stats give one agency two rows for one period.
        """
        return {key: partial.finish(policy) for key, partial in self._partials.items()}
