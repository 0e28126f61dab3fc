"""The evaluation of a loaded dataset, and of a dataset folder or database in one streamed pass."""

from __future__ import annotations

import os
from collections.abc import Callable
from typing import TYPE_CHECKING

from citizenrights.calendar import JalaliPeriod
from citizenrights.errors import DatasetError
from citizenrights.evaluation.partial import ReportPartial
from citizenrights.evaluation.result import Evaluation
from citizenrights.models.provinces import Province
from citizenrights.scoring.index import DEFAULT_INDEX_POLICY
from citizenrights.scoring.inspections import DEFAULT_SCORING_POLICY
from citizenrights.scoring.policies import IndexPolicy, ScoringPolicy

if TYPE_CHECKING:
    from citizenrights.dataset import Dataset


__all__ = ["evaluate", "evaluate_source"]


def evaluate(
    dataset: Dataset,
    period: JalaliPeriod | str,
    *,
    scope: Province | str | None = None,
    scoring_policy: ScoringPolicy = DEFAULT_SCORING_POLICY,
    index_policy: IndexPolicy = DEFAULT_INDEX_POLICY,
) -> Evaluation:
    """Score, index and rank the agencies of a scope for a Jalali period.

    Every inspection of the scope dated in the period or the previous one is scored against the
    checklist version it names; each agency's index for both periods is computed from its own
    records; the agencies are ranked by this period's index within their peer groups; and the
    scope's periodic-inspection coverage of the period is found
    ([`coverage_of`][citizenrights.evaluation.result.coverage_of]). The result does not depend on the order
    of the dataset's records.

    Args:
        dataset: a loaded dataset ([`Dataset.load`][citizenrights.dataset._loader.Dataset.load]).
        period: the period, or its text (``1396-Q3``).
        scope: ``None`` for the nation; a province
            ([`Province`][citizenrights.models.provinces.Province] or text such as ``IR-10``,
            ``Isfahan``, ``اصفهان``); or an agency id (a county governorate covers itself and the
            agencies under it).
        scoring_policy: how inspections are scored (its ``decimals`` also settle ties in the
            ranking).
        index_policy: how the agency index is made.

    Returns:
        The evaluation.

    Raises:
        InvalidPeriodError: for period text that is not a period.
        UnknownAgencyError: for a scope that is neither a province nor an agency id.
        ChecklistMismatchError: for an inspection that does not fit its checklist.
        DatasetError: when the stats give one agency two rows for one period.
    """
    partial = ReportPartial(
        dataset, period, scope=scope, scoring_policy=scoring_policy, index_policy=index_policy
    )
    partial.fold_dataset(dataset)
    return partial.evaluation()


def evaluate_source(
    source: str | os.PathLike[str],
    period: JalaliPeriod | str,
    *,
    scope: Province | str | Callable[[Dataset], Province | str | None] | None = None,
    scoring_policy: ScoringPolicy = DEFAULT_SCORING_POLICY,
    index_policy: IndexPolicy = DEFAULT_INDEX_POLICY,
    on_progress: Callable[[str, int], None] | Callable[[str, int, int], None] | None = None,
) -> ReportPartial:
    """Evaluate a dataset folder or database in one streamed pass, in flat memory.

    The reference files are read whole; then every record is read once, validated, checked
    across files (with file and line, exactly as [`Dataset.validate`][citizenrights.dataset._loader.Dataset.validate]
    reports), scored against its checklist and folded into a
    [`ReportPartial`][citizenrights.evaluation.partial.ReportPartial], then dropped. Memory grows with
    the scope's agencies and the period's inspections, not with the records of the source.
    ``partial.evaluation()`` is [`evaluate`][citizenrights.evaluation.run.evaluate]'s result on the
    loaded dataset, and [`assemble_report`][citizenrights.reporting.report.assemble_report] its report.

    Args:
        source: a dataset folder, or a database URL (``sqlite:///records.db``; the extra ``sql``).
        period: the period, or its text (``1396-Q3``).
        scope: as for [`evaluate`][citizenrights.evaluation.run.evaluate]; or a function given the
            reference records (a [`Dataset`][citizenrights.dataset._loader.Dataset] of the small
            kinds) that returns one, called once they are read and found good (to check a scope
            a user typed against the registry).
        scoring_policy: how inspections are scored.
        index_policy: how the agency index is made.
        on_progress: called as ``on_progress(kind name, records read)`` every 1,000 records and
            at the end of each kind, with the bytes read as a third argument when it takes one
            (see [`Dataset.stream`][citizenrights.dataset._loader.Dataset.stream]).

    Returns:
        The folded partial, for the period and scope.

    Raises:
        DatasetError: listing every problem of the source (a bad scope is not looked at then), as [`Dataset.load`][citizenrights.dataset._loader.Dataset.load] would.
        InvalidPeriodError: for period text that is not a period.
        UnknownAgencyError: for a scope that is neither a province nor an agency id.

    Examples:
        >>> from citizenrights import demo_dataset_path, evaluate, load_demo
        >>> with demo_dataset_path() as folder:
        ...     streamed = evaluate_source(folder, "1396-Q3", scope="IR-10")
        >>> streamed.evaluation().to_dict() == evaluate(load_demo(), "1396-Q3", scope="IR-10").to_dict()
        True
    """
    from citizenrights.dataset import Dataset

    with Dataset.stream(source, on_progress=on_progress) as stream:
        reference = stream.reference
        partial: ReportPartial | None = None
        if reference is not None and stream.ok:  # else: report the problems, not the scope
            chosen = scope(reference) if callable(scope) else scope
            partial = ReportPartial(
                reference,
                period,
                scope=chosen,
                scoring_policy=scoring_policy,
                index_policy=index_policy,
            )
        for kind, record in stream:
            if partial is not None and stream.ok:
                partial.fold(kind, record)
        if partial is None or not stream.ok:
            raise DatasetError(stream.problems, folder=stream.where)
    return partial
