"""The agency index as a result: [`AgencyIndex`][citizenrights.scoring.index_results.AgencyIndex] and its components.

[`agency_index`][citizenrights.scoring.index.agency_index] computes them; each component carries
the [`Rate`][citizenrights.scoring.rates.Rate]s it rests on and counts of the records behind it,
and both explain themselves in Persian or English.
"""

from __future__ import annotations

from typing import Any

import attrs

from citizenrights.calendar import JalaliPeriod
from citizenrights.results import pydantic_support
from citizenrights.scoring._explain_index import explain_component, explain_index
from citizenrights.scoring.policies import ComponentName
from citizenrights.scoring.rates import Rate
from citizenrights.vocabulary import Lang

__all__ = ["AgencyIndex", "IndexComponent"]


@pydantic_support()
@attrs.frozen
class IndexComponent:
    """One component of an agency index.

    Attributes:
        name: ``inspection``, ``complaints``, ``training``, ``satisfaction`` or (when the policy
            weighs it above 0) ``ngo_participation``.
        value: 0–100, ``None`` when the component is missing.
        weight: the policy's weight for it.
        share: its weight after re-normalising over the components present (0 when missing).
        rates: the proportions it rests on, with their intervals.
        evidence: counts of the records it rests on and of those left out, by name.
        reason: why the component is missing (``None`` when present).
    """

    name: ComponentName
    value: float | None
    weight: float
    share: float
    rates: tuple[Rate, ...]
    _evidence: tuple[tuple[str, int | float], ...] = attrs.field(alias="evidence")
    reason: str | None

    @property
    def evidence(self) -> dict[str, int | float]:
        """Counts of the records the component rests on and of those left out."""
        return dict(self._evidence)

    def to_dict(self) -> dict[str, Any]:
        """JSON-ready data with stable keys."""
        return {
            "name": self.name.value,
            "value": self.value,
            "weight": self.weight,
            "share": self.share,
            "rates": [r.to_dict() for r in self.rates],
            "evidence": self.evidence,
            "reason": self.reason,
        }

    def explain(self, lang: Lang = "fa") -> str:
        """Why the component has its value, or why it is missing.

        Its weight and share, and the rates it rests on.

        Args:
            lang: ``"fa"`` (Persian, Persian digits; the default) or ``"en"``.

        Returns:
            One line, and a line per rate.

        Raises:
            UnsupportedLanguageError: for another ``lang``.
        """
        return explain_component(self, lang)


@pydantic_support()
@attrs.frozen
class AgencyIndex:
    """An agency's index for a period, with each component and the data it rests on.

    Attributes:
        agency_id: the agency.
        period: the Jalali period.
        score: 0–100; ``None`` when no component is present or a required one is missing.
        coverage: the share of the policy's total weight present (with the default weights,
            which add up to 1, the sum of the weights present).
        missing: the components left out for want of data, in component order.
        reason: why ``score`` is ``None``: ``no_component`` or ``required_missing``.
        policy_version: the index policy's version.
        library_version: the version of citizenrights that made the index.
    """

    agency_id: str
    period: JalaliPeriod
    score: float | None
    coverage: float
    _components: tuple[IndexComponent, ...] = attrs.field(alias="components")
    missing: tuple[ComponentName, ...]
    reason: str | None
    policy_version: str
    library_version: str

    @property
    def components(self) -> dict[str, IndexComponent]:
        """Every component by name, the missing ones included with ``value=None``.

        An optional component of weight 0 (``ngo_participation`` by default) is not computed and
        is not here.
        """
        return {c.name.value: c for c in self._components}

    def to_dict(self) -> dict[str, Any]:
        """JSON-ready data with stable keys."""
        return {
            "agency_id": self.agency_id,
            "period": str(self.period),
            "score": self.score,
            "coverage": self.coverage,
            "missing": [c.value for c in self.missing],
            "reason": self.reason,
            "components": {c.name.value: c.to_dict() for c in self._components},
            "policy_version": self.policy_version,
            "library_version": self.library_version,
        }

    def explain(self, lang: Lang = "fa") -> str:
        """Why the index is what it is.

        Each component with its weight, value and share, the weighted mean, the data coverage and
        what was missing.

        Args:
            lang: ``"fa"`` (Persian, Persian digits; the default) or ``"en"``.

        Returns:
            Lines of text: the score and the rules' version, how the mean is taken, a line per
            component (and per rate), the sum that gives the score (or why there is none), and
            the data coverage.

        Raises:
            UnsupportedLanguageError: for another ``lang``.

        Examples:
            >>> from citizenrights import AgencyStats, SurveyResponse, agency_index
            >>> index = agency_index(
            ...     "A-1", JalaliPeriod.parse("1396-Q3"), inspections=[], complaints=[],
            ...     trainings=[], surveys=[SurveyResponse(agency_id="A-1", date="1396/07/20", score=4)],
            ...     stats=[AgencyStats(agency_id="A-1", period="1396-Q3", services=1200, staff=40)])
            >>> print(index.explain("en"))  # doctest: +NORMALIZE_WHITESPACE
            Agency A-1, Autumn 1396: score 62.50 of 100, by the scoring rules, version 1.
            The score is the weighted mean of the components with data; the weight of a
            component without data is shared among the others.
            - inspection (weight 0.5): no data, left out (no scored inspection in the period).
            - complaints: score 100.00, weight 0.2 (share after re-normalising 40.0%)
              upheld complaints per service: 0 of 1200, 100.00 points
            - training: score 0.00, weight 0.15 (share after re-normalising 30.0%)
              staff trained: 0 of 40, 0.00 points
            - satisfaction: score 75.00, weight 0.15 (share after re-normalising 30.0%)
            Score = (0.2 × 100.00 + 0.15 × 0.00 + 0.15 × 75.00) / 0.5
            Data coverage: 50.0% of the total weight; components without data: inspection.
            >>> print(index.explain("fa").splitlines()[0])
            دستگاه A-1، پاییز ۱۳۹۶: امتیاز ۶۲٫۵۰ از ۱۰۰، طبق ضوابط امتیازدهی، نسخهٔ ۱.
        """
        return explain_index(self, self._components, lang)
