"""Pure scoring: inspections, the agency index, rankings, roll-ups and eligibility.

Every function here is pure: no files, clocks, environment or globals; the same inputs give the same
result in any order. Results are attrs frozen classes with ``to_dict()``, stamped with the policy
version, the checklist fingerprint where one applies, and the library version.

Follow-up measures (working groups' progress, inspection coverage, overdue findings) judge no
agency and are not scoring: they live in [`citizenrights.followup`][citizenrights.followup].
"""

from citizenrights.scoring.eligibility import assess_eligibility, assess_many
from citizenrights.scoring.eligibility_policy import EligibilityPolicy, eligibility_window
from citizenrights.scoring.eligibility_results import (
    EligibilityDecision,
    EligibilityStatus,
    Reason,
    ReasonCode,
    eligibility_rows,
)
from citizenrights.scoring.festival import (
    FestivalMeasureResult,
    FestivalResult,
    FestivalRow,
    MeasureEvidence,
    festival_result,
    festival_row,
)
from citizenrights.scoring.festival_policy import (
    FestivalBand,
    FestivalBands,
    FestivalGroup,
    FestivalMeasure,
    FestivalPolicy,
)
from citizenrights.scoring.index import agency_index, period_stats, satisfaction_points
from citizenrights.scoring.index_results import AgencyIndex, IndexComponent
from citizenrights.scoring.inspection_results import (
    InspectionScore,
    InspectionStatus,
    ItemScore,
    SectionScore,
)
from citizenrights.scoring.inspections import JsonLineScorer, score_inspection, score_json_line
from citizenrights.scoring.partials import AgencyPartial, PartialResults
from citizenrights.scoring.policies import (
    OPTIONAL_COMPONENTS,
    ComponentName,
    ComponentWeights,
    Grade,
    GradeBands,
    IndexPolicy,
    ScoringPolicy,
    WorkCalendarSpec,
)
from citizenrights.scoring.ranking import Ranked, rank
from citizenrights.scoring.rates import Rate, wilson_interval
from citizenrights.scoring.rollup import RollUp, roll_up
from citizenrights.scoring.rounding import round_half_up

__all__ = [
    "OPTIONAL_COMPONENTS",
    "AgencyIndex",
    "AgencyPartial",
    "ComponentName",
    "ComponentWeights",
    "EligibilityDecision",
    "EligibilityPolicy",
    "EligibilityStatus",
    "FestivalBand",
    "FestivalBands",
    "FestivalGroup",
    "FestivalMeasure",
    "FestivalMeasureResult",
    "FestivalPolicy",
    "FestivalResult",
    "FestivalRow",
    "Grade",
    "GradeBands",
    "IndexComponent",
    "IndexPolicy",
    "InspectionScore",
    "InspectionStatus",
    "ItemScore",
    "JsonLineScorer",
    "MeasureEvidence",
    "PartialResults",
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
    "festival_result",
    "festival_row",
    "period_stats",
    "rank",
    "roll_up",
    "round_half_up",
    "satisfaction_points",
    "score_inspection",
    "score_json_line",
    "wilson_interval",
]
