"""The evaluation step: score, index and rank the agencies of a scope for a Jalali period.

[`evaluate`][citizenrights.evaluation.run.evaluate] is the one step every consumer of a dataset needs
(the periodic report, the CLI, exports): it resolves the scope (the nation, a province, or an agency
and everything under it), scores every inspection of the scope in the period and the previous one,
builds every agency's [`AgencyIndex`][citizenrights.scoring.index_results.AgencyIndex] for both periods,
ranks the agencies within their peer groups and finds which of them had a periodic inspection in the
period. The policies are arguments; the result, [`Evaluation`][citizenrights.evaluation.result.Evaluation],
is pure data. [`coverage_of`][citizenrights.evaluation.result.coverage_of] is the scope's inspection
coverage on its own, for a report that is not about one period of a scope (a working group's
progress report, taken on a day); [`progress_source`][citizenrights.evaluation.progress.progress_source]
folds what that report needs from a dataset folder or database in one streamed pass.

It sits above scoring and below reporting: it reads a loaded
[`Dataset`][citizenrights.dataset._loader.Dataset] and does no input or output itself.

Examples:
    >>> from citizenrights import evaluate, load_demo
    >>> result = evaluate(load_demo(), "1396-Q3", scope="IR-10")
    >>> result.scope.kind, str(result.period), str(result.previous_period)
    ('province', '1396-Q3', '1396-Q2')
    >>> len(result.indices) == len(result.scope.agencies) == len(result.ranking)
    True
    >>> result.coverage.period == result.period, result.coverage.scope
    (True, 'IR-10')
"""

from citizenrights.evaluation.festival import festival_indicator, festival_level, festival_problems
from citizenrights.evaluation.partial import (
    CRITICAL_PER_AGENCY,
    OVERDUE_PER_AGENCY,
    CriticalRow,
    ReportPartial,
)
from citizenrights.evaluation.progress import ProgressPartial, group_agencies, progress_source
from citizenrights.evaluation.result import Evaluation, coverage_of
from citizenrights.evaluation.run import evaluate, evaluate_source
from citizenrights.evaluation.scope import ReportScope, resolve_scope

__all__ = [
    "CRITICAL_PER_AGENCY",
    "OVERDUE_PER_AGENCY",
    "CriticalRow",
    "Evaluation",
    "ProgressPartial",
    "ReportPartial",
    "ReportScope",
    "coverage_of",
    "evaluate",
    "evaluate_source",
    "festival_indicator",
    "festival_level",
    "festival_problems",
    "group_agencies",
    "progress_source",
    "resolve_scope",
]
