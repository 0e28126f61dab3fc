"""Pure scoring: inspections, the agency index, rankings, roll-ups and eligibility.

Every function here is pure: no files, clocks, environment or globals; the same inputs give the same
result in any order. Results are attrs frozen classes with ``to_dict()``, stamped with the policy
version, the checklist fingerprint where one applies, and the library version.
"""

from citizenrights.scoring.rounding import round_half_up

__all__ = ["round_half_up"]
