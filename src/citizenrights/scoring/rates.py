"""Proportions behind the agency index: a rate, its 95% Wilson interval and its points.

A [`Rate`][citizenrights.scoring.rates.Rate] is what a component of the
[`AgencyIndex`][citizenrights.scoring.index_results.AgencyIndex] rests on when it counts
successes out of a denominator (upheld complaints per service, complaints closed on time, staff
trained); [`wilson_interval`][citizenrights.scoring.rates.wilson_interval] gives its interval.
"""

from __future__ import annotations

from math import sqrt
from typing import Any, Final

import attrs

from citizenrights.results import pydantic_support

__all__ = ["Z_95", "Rate", "wilson_interval"]

#: The standard normal quantile of 0.975: a two-sided 95% interval.
Z_95: Final = 1.959963984540054


def wilson_interval(successes: int, trials: int, z: float = Z_95) -> tuple[float, float]:
    """The Wilson score interval of a proportion (95% by default).

    Unlike the normal approximation it stays inside [0, 1] and does not collapse to a point at
    0 or 1 successes, which matters for the small counts of one agency in one quarter.

    Args:
        successes: the count of successes (0 to ``trials``).
        trials: the denominator (above 0).
        z: the normal quantile; `Z_95` by default.

    Returns:
        ``(low, high)``, both in [0, 1].

    Raises:
        ValueError: for ``trials`` below 1 or ``successes`` outside 0..``trials``.

    Examples:
        >>> [round(x, 4) for x in wilson_interval(0, 10)]
        [0.0, 0.2775]
        >>> [round(x, 4) for x in wilson_interval(27, 30)]
        [0.7438, 0.9654]
    """
    if trials < 1 or not 0 <= successes <= trials:
        raise ValueError(
            f"A Wilson interval needs 0 <= successes <= trials and trials >= 1; "
            f"got successes={successes}, trials={trials}."
        )
    p = successes / trials
    z2 = z * z
    denominator = 1.0 + z2 / trials
    centre = (p + z2 / (2 * trials)) / denominator
    half = z * sqrt(p * (1.0 - p) / trials + z2 / (4 * trials * trials)) / denominator
    # At 0 or all successes the exact bound is 0 or 1; floats would leave a last-bit residue.
    low = 0.0 if successes == 0 else max(0.0, centre - half)
    high = 1.0 if successes == trials else min(1.0, centre + half)
    return low, high


@pydantic_support()
@attrs.frozen
class Rate:
    """A proportion behind a component, with its 95% Wilson interval and its 0–100 points.

    Attributes:
        name: ``upheld_per_service`` (the complaints' rate half), ``on_time`` (their timeliness
            half) or ``trained`` (the training component).
        numerator: the count of successes (upheld complaints, complaints on time, staff trained).
        denominator: what they are counted out of (services, closed complaints, staff).
        value: ``numerator / denominator``.
        low: the lower end of the Wilson interval of ``value``.
        high: its upper end.
        small_sample: the denominator is below the policy's ``min_sample``.
        points: the 0–100 value the rate gives its component (or half).
        points_low: ``points`` at the end of the interval that gives the fewest points.
        points_high: ``points`` at the end that gives the most.
    """

    name: str
    numerator: int
    denominator: int
    value: float
    low: float
    high: float
    small_sample: bool
    points: float
    points_low: float
    points_high: float

    def to_dict(self) -> dict[str, Any]:
        """JSON-ready data with stable keys."""
        return {
            "name": self.name,
            "numerator": self.numerator,
            "denominator": self.denominator,
            "value": self.value,
            "low": self.low,
            "high": self.high,
            "small_sample": self.small_sample,
            "points": self.points,
            "points_low": self.points_low,
            "points_high": self.points_high,
        }
