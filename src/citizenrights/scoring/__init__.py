"""Pure scoring: inspections, the agency index, rankings, roll-ups and eligibility.

Every function here is pure: no files, clocks, environment or globals; the same inputs give the same
result in any order. Results are attrs frozen classes with ``to_dict()``, stamped with the policy
version, the checklist fingerprint where one applies, and the library version.
"""

from citizenrights.scoring.eligibility import (
    EligibilityDecision,
    EligibilityStatus,
    Reason,
    ReasonCode,
    assess_eligibility,
    assess_many,
    eligibility_rows,
)
from citizenrights.scoring.eligibility_policy import EligibilityPolicy, eligibility_window
from citizenrights.scoring.index import (
    AgencyIndex,
    IndexComponent,
    Rate,
    agency_index,
    period_stats,
    wilson_interval,
)
from citizenrights.scoring.inspections import (
    InspectionScore,
    InspectionStatus,
    ItemScore,
    SectionScore,
    score_inspection,
)
from citizenrights.scoring.policies import (
    ComponentName,
    ComponentWeights,
    Grade,
    GradeBands,
    IndexPolicy,
    ScoringPolicy,
    WorkCalendarSpec,
)
from citizenrights.scoring.progress import (
    Coverage,
    GroupProgress,
    OverdueFinding,
    ProgrammeItemProgress,
    ProgrammeItemStatus,
    group_progress,
    inspection_coverage,
    overdue_findings,
)
from citizenrights.scoring.ranking import Ranked, rank
from citizenrights.scoring.rollup import RollUp, roll_up
from citizenrights.scoring.rounding import round_half_up

__all__ = [
    "AgencyIndex",
    "ComponentName",
    "ComponentWeights",
    "Coverage",
    "EligibilityDecision",
    "EligibilityPolicy",
    "EligibilityStatus",
    "Grade",
    "GradeBands",
    "GroupProgress",
    "IndexComponent",
    "IndexPolicy",
    "InspectionScore",
    "InspectionStatus",
    "ItemScore",
    "OverdueFinding",
    "ProgrammeItemProgress",
    "ProgrammeItemStatus",
    "Ranked",
    "Rate",
    "Reason",
    "ReasonCode",
    "RollUp",
    "ScoringPolicy",
    "SectionScore",
    "WorkCalendarSpec",
    "agency_index",
    "assess_eligibility",
    "assess_many",
    "eligibility_rows",
    "eligibility_window",
    "group_progress",
    "inspection_coverage",
    "overdue_findings",
    "period_stats",
    "rank",
    "roll_up",
    "round_half_up",
    "score_inspection",
    "wilson_interval",
]
