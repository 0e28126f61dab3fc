"""Rounding for display and for rank ties: half up, on the decimal value as printed.

Scores are never rounded inside a computation; [`round_half_up`][citizenrights.scoring.rounding.round_half_up] is for ``score_display``,
reports and deciding which scores tie in a ranking.
"""

from __future__ import annotations

from decimal import ROUND_HALF_UP, Decimal

__all__ = ["round_half_up"]


def round_half_up(value: float, decimals: int = 2) -> float:
    """Round half away from zero at ``decimals`` places, as a person rounds the printed number.

    Python's ``round`` rounds half to even and works on the binary value, so ``round(2.675, 2)`` is
    ``2.67``; this function reads the shortest decimal form of the float (``'2.675'``) and rounds
    that, giving ``2.68``.

    Args:
        value: a finite float.
        decimals: places after the point (0 or more).

    Returns:
        The rounded value.

    Raises:
        ValueError: for a negative ``decimals`` or a value that is not finite.

    Examples:
        >>> round_half_up(2.675), round_half_up(74.995), round_half_up(0.125, 2), round_half_up(-1.5, 0)
        (2.68, 75.0, 0.13, -2.0)
    """
    if decimals < 0:
        raise ValueError(f"decimals must be 0 or more; got {decimals}.")
    exact = Decimal(repr(float(value)))
    if not exact.is_finite():
        raise ValueError(f"cannot round {value!r}: not a finite number.")
    return float(exact.quantize(Decimal(1).scaleb(-decimals), rounding=ROUND_HALF_UP))
