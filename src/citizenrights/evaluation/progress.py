"""What a working group's progress report needs from the large kinds, folded one record at a time.

A working group's documented progress report
([`build_progress_report`][citizenrights.reporting.progress.build_progress_report]) reads, besides
the reference records (the group, its meetings and programmes, NGOs and their reports,
publications), three large kinds: the inspections (the corrective actions past due, the quarter's
coverage, NGO participation), the training records and the stats (training coverage).
[`ProgressPartial`][citizenrights.evaluation.progress.ProgressPartial] folds those records one at
a time into small figures that merge exactly, and
[`progress_source`][citizenrights.evaluation.progress.progress_source] runs it over a dataset
folder or database in one streamed pass;
[`progress_report_from`][citizenrights.reporting.progress.progress_report_from] makes the report.
"""

from __future__ import annotations

import datetime as dt
import os
from collections import Counter
from collections.abc import Callable, Mapping
from typing import TYPE_CHECKING, Any

from citizenrights.calendar import (
    PeriodKind,
    WorkCalendar,
    as_date,
    parse_date,
    period_of,
)
from citizenrights.errors import DatasetError
from citizenrights.evaluation._kept import (
    check_limit,
    keep,
    listed,
    merged,
    oldest_key,
    overdue_key,
)
from citizenrights.evaluation.partial import OVERDUE_PER_AGENCY
from citizenrights.followup import (
    Coverage,
    NGOParticipation,
    NGOTally,
    OverdueFinding,
    TrainingCoverage,
    TrainingTally,
    inspection_coverage,
    overdue_findings,
)
from citizenrights.models.activity import AgencyStats, TrainingRecord
from citizenrights.models.agencies import AgencyRegistry
from citizenrights.models.groups import GroupScope, WorkingGroup
from citizenrights.models.inspections import Inspection, InspectionKind

if TYPE_CHECKING:
    from citizenrights.dataset import Dataset

__all__ = ["ProgressPartial", "group_agencies", "progress_source"]


def group_agencies(
    registry: AgencyRegistry, group: WorkingGroup
) -> tuple[str | None, frozenset[str]]:
    """The agencies a working group's progress report looks at, and the id its coverage names.

    An agency's group looks at the agency and everything under it (and names the agency); a
    province's group at the province's agencies; a national group at every agency (both name
    no agency: ``None``).

    Returns:
        ``(scope id, agency ids)``.
    """
    if group.scope is GroupScope.AGENCY and group.agency_id is not None:
        ids = {group.agency_id, *(a.id for a in registry.descendants(group.agency_id))}
        return group.agency_id, frozenset(ids)
    if group.scope is GroupScope.PROVINCE and group.province is not None:
        return None, frozenset(a.id for a in registry.in_province(group.province))
    return None, frozenset(a.id for a in registry)


def _group(reference: Dataset, group_id: str) -> WorkingGroup:
    groups = {g.id: g for g in reference.working_groups}
    group = groups.get(group_id)
    if group is None:
        known = ", ".join(sorted(groups)) or "none"
        raise DatasetError(
            [f"working_groups: no group {group_id!r}; the dataset has: {known}"],
            folder=None if reference.folder is None else str(reference.folder),
        )
    return group


class ProgressPartial:
    """What a working group's progress report at one day needs, folded record by record; mergeable.

    It holds, for the group's agencies (see
    [`group_agencies`][citizenrights.evaluation.progress.group_agencies]) and nothing dated after
    ``as_of``: the corrective actions past due at ``as_of`` (each agency's ``overdue_limit``
    oldest, and exact counts of all of them by agency), the agencies with a periodic inspection
    in the quarter of ``as_of``, NGO participation in the Jalali year of ``as_of``
    ([`NGOTally`][citizenrights.followup.ngos.NGOTally]) and each training programme's coverage
    in that year ([`TrainingTally`][citizenrights.followup.training.TrainingTally]). Memory grows
    with the agencies, their stats rows and the people trained, not with the records. Records out
    of scope or of no use are dropped as they come.

    Two partials of the same reference data, group, day, calendar and limit **merge**
    ([`merge`][citizenrights.evaluation.progress.ProgressPartial.merge]): associative,
    commutative and exact, so folding parts of a dataset apart and merging, in any split and
    order, gives the same figures as folding it whole. Each inspection id must come in one part
    only (a dataset's ids are unique).

    Args:
        reference: the dataset whose agencies, working groups, meetings, programmes, NGOs, NGO
            reports, training programmes and publications are used (a loaded
            [`Dataset`][citizenrights.dataset._loader.Dataset], or the ``reference`` of a
            [`DatasetStream`][citizenrights.dataset._loader.DatasetStream]).
        as_of: the day of the report: a date, a datetime (its day in Iran time), or ISO or
            Jalali text.
        group_id: the working group.
        calendar: working days for the ages of findings; ``WorkCalendar()`` by default.
        overdue_limit: how many overdue findings are kept of each agency, the earliest due
            first ([`OVERDUE_PER_AGENCY`][citizenrights.evaluation.partial.OVERDUE_PER_AGENCY]
            by default); the counts are exact whatever it is.

    Raises:
        DatasetError: for a group id the reference lacks (naming the ids it has).
        InvalidDateError: for ``as_of`` text that is not a date, or a value that is neither a
            date nor text.
        ValueError: for an ``overdue_limit`` below 0.

    Attributes:
        reference: the reference data.
        group: the working group.
        as_of: the day of the report.
        calendar: the working days.
        scope_id: the agency the group's coverage names (its agency), or ``None``.
        agencies: the ids of the group's agencies.
        quarter: the quarter of ``as_of`` (the coverage's period).
        year: the Jalali year of ``as_of`` (NGO participation's and training's period).
        covered: the group's agencies with a periodic inspection dated in ``quarter`` up to
            ``as_of``.
        overdue_limit: how many overdue findings are kept of each agency.
        overdue: the overdue findings kept so far, by agency (at most twice ``overdue_limit``
            each; read them with
            [`overdue_findings`][citizenrights.evaluation.progress.ProgressPartial.overdue_findings]).
        overdue_counts: how many findings are past due at ``as_of``, by agency, every one counted.
        ngos: NGO participation's tally.
        training: each training programme's tally, in the reference's order.

    Examples:
        >>> from citizenrights import load_demo
        >>> from citizenrights.followup import overdue_findings
        >>> demo = load_demo()
        >>> a = ProgressPartial(demo, as_of="1397/12/29", group_id="wg-national")
        >>> b = ProgressPartial(demo, as_of="1397/12/29", group_id="wg-national")
        >>> for n, inspection in enumerate(demo.inspections):
        ...     (a if n % 2 else b).fold("inspections", inspection)
        >>> merged = b.merge(a)
        >>> merged.overdue_findings() == overdue_findings(demo.inspections, as_of="1397/12/29")
        True
        >>> merged.overdue_total == len(merged.overdue_findings()), merged.coverage().rate
        (True, 1.0)
    """

    def __init__(
        self,
        reference: Dataset,
        *,
        as_of: dt.date | str,
        group_id: str,
        calendar: WorkCalendar | None = None,
        overdue_limit: int = OVERDUE_PER_AGENCY,
    ) -> None:
        check_limit("overdue_limit", overdue_limit, "findings")
        # A datetime stands for its day in Iran time (the calendar's one rule), never compared as is.
        self.as_of = parse_date(as_of) if isinstance(as_of, str) else as_date(as_of, "as_of")
        self.reference = reference
        self.group = _group(reference, group_id)
        self.calendar = calendar if calendar is not None else WorkCalendar()
        self.overdue_limit = overdue_limit
        self.scope_id, self.agencies = group_agencies(reference.agencies, self.group)
        self.quarter = period_of(self.as_of, PeriodKind.QUARTER)
        self.year = period_of(self.as_of, PeriodKind.YEAR)
        self.covered: set[str] = set()
        self.overdue: dict[str, list[OverdueFinding]] = {}
        self.overdue_counts: Counter[str] = Counter()
        self.ngos = NGOTally(reference.agencies, reference.ngos, self.year, scope=self.agencies)
        self.training = tuple(
            TrainingTally(p, reference.agencies, self.year, scope=self.agencies)
            for p in reference.training_programmes
        )

    def fold_inspection(self, inspection: Inspection) -> None:
        """Fold an inspection of the group's agencies dated up to ``as_of``; others are dropped."""
        if inspection.agency_id not in self.agencies or inspection.date > self.as_of:
            return
        for late in overdue_findings([inspection], as_of=self.as_of, calendar=self.calendar):
            keep(self.overdue, late.agency_id, late, self.overdue_limit, oldest_key)
            self.overdue_counts[late.agency_id] += 1
        if inspection.kind is InspectionKind.PERIODIC and inspection.date in self.quarter:
            self.covered.add(inspection.agency_id)
        self.ngos.fold_inspection(inspection)

    def fold_training(self, training: TrainingRecord) -> None:
        """Fold a training record dated up to ``as_of`` into every programme's tally."""
        if training.date <= self.as_of:
            for tally in self.training:
                tally.fold_training(training)

    def fold_stats(self, row: AgencyStats) -> None:
        """Fold a stats row (staff counts, whatever their period) into every programme's tally."""
        for tally in self.training:
            tally.fold_stats(row)

    def fold(self, kind: str, record: Any) -> None:
        """Fold a record of a kind named as in a dataset (``inspections``, ``trainings``, ``stats``).

        Kinds a progress report does not read (``complaints``, ``surveys``, ``candidates``) are
        dropped.
        """
        folder = self._FOLDERS.get(kind)
        if folder is not None:
            folder(self, record)

    def fold_dataset(self, dataset: Dataset) -> None:
        """Fold every record of a dataset's large kinds (in memory).

        Raises:
            DatasetError: when the records do not hold together across kinds (see
                [`Dataset.check`][citizenrights.dataset._loader.Dataset.check]).
        """
        dataset.check()
        for kind in self._FOLDERS:
            for record in getattr(dataset, kind):
                self.fold(kind, record)

    _FOLDERS: Mapping[str, Callable[[ProgressPartial, Any], None]] = {
        "inspections": fold_inspection,
        "trainings": fold_training,
        "stats": fold_stats,
    }

    def merge(self, other: ProgressPartial) -> ProgressPartial:
        """A new partial holding both partials' records; neither is changed.

        Raises:
            ValueError: for a partial of another group, day, calendar or ``overdue_limit``.
        """
        mine = (self.group.id, self.as_of, self.calendar, self.overdue_limit)
        theirs = (other.group.id, other.as_of, other.calendar, other.overdue_limit)
        if mine != theirs:
            raise ValueError(
                f"Cannot merge the progress partial of {other.group.id!r} at {other.as_of} into "
                f"that of {self.group.id!r} at {self.as_of}: fold both with one group, day, "
                "calendar and overdue_limit."
            )
        out = ProgressPartial.__new__(ProgressPartial)
        out.__dict__.update(self.__dict__)
        out.covered = self.covered | other.covered
        out.overdue = merged(self.overdue, other.overdue, self.overdue_limit, oldest_key)
        out.overdue_counts = self.overdue_counts + other.overdue_counts
        out.ngos = self.ngos.merge(other.ngos)
        out.training = tuple(a.merge(b) for a, b in zip(self.training, other.training, strict=True))
        return out

    def overdue_findings(self) -> tuple[OverdueFinding, ...]:
        """The findings past due at ``as_of`` that are kept, in the order of `overdue_findings`.

        Each agency's ``overdue_limit`` oldest (the earliest due; ties by inspection id and the
        finding's position): the same findings whatever the split and order of the records, and
        all of them when no agency has more than ``overdue_limit``.
        [`overdue_total`][citizenrights.evaluation.progress.ProgressPartial.overdue_total] says
        how many there are in all.
        """
        return listed(self.overdue, self.overdue_limit, oldest_key, overdue_key)

    @property
    def overdue_total(self) -> int:
        """How many findings are past due at ``as_of``, every one counted (kept or not)."""
        return sum(self.overdue_counts.values())

    def coverage(self) -> Coverage:
        """Which of the group's agencies had a periodic inspection in the quarter, up to ``as_of``.

        The same as [`coverage_of`][citizenrights.evaluation.result.coverage_of] on the loaded
        dataset, for the group's agencies, the quarter of ``as_of`` and ``as_of``.
        """
        ids = self.agencies
        kinds = inspection_coverage(self.reference.agencies, (), self.quarter).kinds
        covered = tuple(sorted(self.covered))
        return Coverage(
            period=self.quarter,
            kinds=kinds,
            scope=self.scope_id,
            covered=covered,
            uncovered=tuple(sorted(ids - self.covered)),
            rate=len(covered) / len(ids) if ids else None,
        )

    def ngo_participation(self) -> NGOParticipation:
        """NGO participation in the year of ``as_of`` up to ``as_of``, with the NGOs' reports."""
        reports = (r for r in self.reference.ngo_reports if r.date <= self.as_of)
        return self.ngos.participation(reports)

    def training_coverage(self) -> tuple[TrainingCoverage, ...]:
        """Each training programme's coverage in the year of ``as_of`` (trainings up to it)."""
        return tuple(t.coverage() for t in self.training)


def progress_source(
    source: str | os.PathLike[str],
    *,
    as_of: dt.date | str,
    group_id: str | Callable[[Dataset], str],
    calendar: WorkCalendar | None = None,
    overdue_limit: int = OVERDUE_PER_AGENCY,
    on_progress: Callable[[str, int], None] | Callable[[str, int, int], None] | None = None,
) -> ProgressPartial:
    """Fold a dataset folder or database for a working group's progress report, in one streamed pass.

    The reference files are read whole; then every record is read once, validated, checked
    across files (with file and line, exactly as
    [`Dataset.validate`][citizenrights.dataset._loader.Dataset.validate] reports), folded into a
    [`ProgressPartial`][citizenrights.evaluation.progress.ProgressPartial] and dropped. Memory
    grows with the agencies, their stats rows and the people trained, not with the records.
    [`progress_report_from`][citizenrights.reporting.progress.progress_report_from] makes the
    report from the result.

    Args:
        source: a dataset folder, or a database URL (``sqlite:///records.db``; the extra ``sql``).
        as_of: the day of the report: a date, a datetime (its day in Iran time), or ISO or
            Jalali text.
        group_id: the working group; or a function given the reference records (a
            [`Dataset`][citizenrights.dataset._loader.Dataset] of the small kinds) that returns
            it, called once they are read and found good (to check an id a user typed).
        calendar: working days for the ages of findings; ``WorkCalendar()`` by default.
        overdue_limit: how many overdue findings are kept of each agency (see
            [`ProgressPartial`][citizenrights.evaluation.progress.ProgressPartial]).
        on_progress: called as ``on_progress(kind name, records read)`` every 1,000 records and
            at the end of each kind, with the bytes read as a third argument when it takes one
            (see [`Dataset.stream`][citizenrights.dataset._loader.Dataset.stream]).

    Returns:
        The folded partial.

    Raises:
        DatasetError: listing every problem of the source, as
            [`Dataset.load`][citizenrights.dataset._loader.Dataset.load] would; or, for a source
            without problems, naming a group id it lacks and the ids it has. (What the
            ``group_id`` function raises is raised the same way: after the records are read, when
            they have no problem.)
        InvalidDateError: for ``as_of`` text that is not a date (before anything is read).
        ValueError: for an ``overdue_limit`` below 0 (before anything is read).

    Examples:
        >>> from citizenrights import demo_dataset_path, load_demo
        >>> with demo_dataset_path() as folder:
        ...     streamed = progress_source(folder, as_of="1397/12/29", group_id="wg-isf-smt")
        >>> whole = ProgressPartial(load_demo(), as_of="1397/12/29", group_id="wg-isf-smt")
        >>> whole.fold_dataset(load_demo())
        >>> streamed.overdue_findings() == whole.overdue_findings()
        True
        >>> streamed.training_coverage() == whole.training_coverage()
        True
    """
    from citizenrights.dataset import Dataset

    # Checked before the source is read: a typo in the day costs no pass over the records.
    day_ = parse_date(as_of) if isinstance(as_of, str) else as_date(as_of, "as_of")
    check_limit("overdue_limit", overdue_limit, "findings")
    with Dataset.stream(source, on_progress=on_progress) as stream:
        reference = stream.reference
        partial: ProgressPartial | None = None
        refused: Exception | None = None
        if reference is not None and stream.ok:  # else: report the problems, not the group
            try:
                chosen = group_id(reference) if callable(group_id) else group_id
                partial = ProgressPartial(
                    reference,
                    as_of=day_,
                    group_id=chosen,
                    calendar=calendar,
                    overdue_limit=overdue_limit,
                )
            # Raised after the records are read: their problems come first, as with load.
            except Exception as exc:
                refused = exc
        for kind, record in stream:
            if partial is not None and stream.ok:
                partial.fold(kind, record)
        if reference is None or not stream.ok:
            raise DatasetError(stream.problems, folder=stream.where)
    if partial is None:  # a good reference makes a partial, or the group was refused
        raise refused if refused is not None else DatasetError(stream.problems, folder=stream.where)
    return partial
