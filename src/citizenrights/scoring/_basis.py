"""What every inspection score made with one compiled checklist and one policy shares.

A [`score_inspection`][citizenrights.scoring.inspections.score_inspection] result keeps its
stamps (checklist id, version and fingerprint, policy and library versions) and the rules it was
made with in one `ScoreBasis`, cached on the compiled checklist per policy, so that scoring in
bulk stores them once.
"""

from __future__ import annotations

from typing import Final

import attrs

from citizenrights._version import __version__
from citizenrights.scoring._compiled import CompiledChecklist
from citizenrights.scoring.policies import ScoringPolicy

__all__ = ["ScoreBasis"]


@attrs.frozen
class ScoreBasis:
    """What every score made with one compiled checklist and one policy shares."""

    checklist_id: str
    checklist_version: str
    checklist_fingerprint: str
    policy_version: str
    library_version: str
    zero_unanswered: bool
    policy: ScoringPolicy = attrs.field(eq=False)
    compiled: CompiledChecklist = attrs.field(eq=False)

    @classmethod
    def of(cls, compiled: CompiledChecklist, policy: ScoringPolicy) -> ScoreBasis:
        """The basis for a checklist and a policy, kept on the compiled checklist."""
        found = compiled.bases.get(id(policy))
        # The id is only a hint: a policy that died may have left its id to a new one.
        if found is None or found.policy is not policy:
            found = cls(
                checklist_id=compiled.key[0],
                checklist_version=compiled.key[1],
                checklist_fingerprint=compiled.fingerprint,
                policy_version=policy.version,
                library_version=__version__,
                zero_unanswered=policy.unanswered == "zero",
                policy=policy,
                compiled=compiled,
            )
            if len(compiled.bases) >= _BASES:
                compiled.bases.clear()
            compiled.bases[id(policy)] = found
        return found


_BASES: Final = 16
