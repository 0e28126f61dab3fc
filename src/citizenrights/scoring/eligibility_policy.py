"""The rules of appointment eligibility, as a versioned policy, and the lookback window.

[`EligibilityPolicy`][citizenrights.scoring.eligibility_policy.EligibilityPolicy] holds every rule
of [`assess_eligibility`][citizenrights.scoring.eligibility.assess_eligibility] as a field with a
documented default;
[`eligibility_window`][citizenrights.scoring.eligibility_policy.eligibility_window] is the span of
days the rules look at.

Examples:
    >>> from citizenrights.calendar import format_jalali, parse_jalali_date
    >>> first, last = eligibility_window(parse_jalali_date("1397/01/15"))
    >>> format_jalali(first), format_jalali(last)
    ('1394/01/15', '1397/01/15')
    >>> policy = EligibilityPolicy(version="province-7", min_training_hours=20)
    >>> policy.positive_cap, policy.pending_grave_conditional
    (10.0, True)
    >>> policy.required_training_hours("managerial"), policy.penalty("grave")
    (20.0, 40.0)
"""

from __future__ import annotations

from datetime import date
from typing import Self

from pydantic import BaseModel, ConfigDict, Field, model_validator
from pydantic_core import PydanticCustomError

from citizenrights.calendar import days_in_month, from_jalali, to_jalali

__all__ = ["DEFAULT_ELIGIBILITY_POLICY", "EligibilityPolicy", "eligibility_window"]


def eligibility_window(as_of: date, years: int = 3) -> tuple[date, date]:
    """The lookback window: ``as_of`` moved back ``years`` Jalali years, to ``as_of``, inclusive.

    The first day has the month and day of ``as_of`` in the Jalali year ``years`` earlier; Esfand 30
    (which only leap years have) becomes Esfand 29 when that year is not leap. The window is counted
    on the calendar, not as ``365 × years`` days, so it always starts on the same Jalali date.

    Args:
        as_of: the last day of the window (the day of the assessment).
        years: how many Jalali years to look back (0 gives the one day ``as_of``).

    Returns:
        ``(first, last)``: the first and last day, both inclusive; ``last`` is ``as_of``.

    Raises:
        ValueError: for a negative ``years``.
        CalendarRangeError: when ``as_of`` or the first day is outside the supported range.

    Examples:
        >>> from citizenrights.calendar import format_jalali, parse_jalali_date
        >>> first, _ = eligibility_window(parse_jalali_date("1399/12/30"))  # 1396 is not leap
        >>> format_jalali(first)
        '1396/12/29'
        >>> first, _ = eligibility_window(parse_jalali_date("1399/12/30"), years=4)  # 1395 is
        >>> format_jalali(first)
        '1395/12/30'
    """
    if years < 0:
        raise ValueError(f"years must be 0 or more; got {years}.")
    year, month, day = to_jalali(as_of)
    target = year - years
    first = from_jalali(target, month, min(day, days_in_month(target, month)))
    return first, as_of


class EligibilityPolicy(BaseModel):
    """The rules of appointment eligibility; every default is the one DESIGN section 4 sets.

    Status rules (each gives ``conditional`` or ``ineligible``; the worst one wins):

    - an upheld ``grave`` complaint in the window makes the person ``ineligible``
      (``grave_complaint_ineligible``);
    - ``upheld_ineligible_at`` (3) or more upheld complaints make them ``ineligible``;
      from ``upheld_conditional_at`` (1) up to that, ``conditional``;
    - fewer than ``min_training_hours`` (12) hours of citizens'-rights training in the window, or
      ``min_training_hours_sensitive`` (16) for a sensitive post, make them ``conditional``;
    - a mean index of the units they managed below ``min_unit_index`` (60) makes them
      ``conditional``;
    - a grave complaint received in the window and still open on ``as_of`` makes them
      ``conditional`` until it is decided (``pending_grave_conditional``, on by default: the
      appointing body should wait for the decision rather than appoint over it; it costs no
      points, since pending is not guilty).

    ``record_score`` starts at 100 and loses points (never below 0):

    - each upheld complaint in the window: ``penalty_minor`` (10), ``penalty_major`` (20) or
      ``penalty_grave`` (40) by its severity;
    - a training shortfall: ``training_penalty × (required − hours) ÷ required`` (up to 20 when
      there was no training at all);
    - a low unit index: ``unit_index_penalty × (min_unit_index − mean) ÷ min_unit_index`` (up to 20
      for a mean of 0);
    - the positive part: ``positive_cap`` (10) points are kept for a *positive* record of
      observing and promoting (اشاعه) citizens' rights, which the first seed's memorandum asks
      executive bodies to weigh in appointments. Each piece of evidence in the window earns its
      weight: a commendation ``credit_commendation`` (4), a course taught to others
      ``credit_training_given`` (3), a working-group membership ``credit_working_group`` (3), a
      cooperation with an NGO ``credit_ngo_cooperation`` (3), anything else ``credit_other``
      (1); the points not earned, ``positive_cap − min(positive_cap, Σ credit)``, are lost. So
      a record with nothing against it and no positive evidence scores 90, and between two
      otherwise equal records the one with positive evidence scores higher (up to the cap).
      ``positive_cap=0`` turns the positive part off (the scores of policy version 1).

    The policy is frozen and rejects unknown fields; its ``version`` is stamped on every decision,
    so change it whenever a rule changes.
    """

    model_config = ConfigDict(frozen=True, extra="forbid", use_attribute_docstrings=True)

    version: str = Field(default="2", min_length=1)
    """Stamped on every decision; name your own policies (``"province-7/1403"``)."""

    lookback_years: int = Field(default=3, ge=1, le=30)
    """Jalali years the window reaches back from ``as_of`` (see ``eligibility_window``)."""

    grave_complaint_ineligible: bool = True
    """Whether one upheld grave complaint in the window makes the person ineligible."""

    upheld_conditional_at: int = Field(default=1, ge=1)
    """Upheld complaints in the window from which the person is conditional."""

    upheld_ineligible_at: int = Field(default=3, ge=1)
    """Upheld complaints in the window from which the person is ineligible."""

    min_training_hours: float = Field(default=12.0, ge=0, le=10_000, allow_inf_nan=False)
    """Training hours in the window below which a candidate for a managerial post is conditional."""

    min_training_hours_sensitive: float = Field(default=16.0, ge=0, le=10_000, allow_inf_nan=False)
    """The same minimum for a sensitive post."""

    min_unit_index: float = Field(default=60.0, ge=0, le=100)
    """Mean index of the person's units (0–100) below which the person is conditional."""

    penalty_minor: float = Field(default=10.0, gt=0, le=100)
    """record_score points lost for each upheld minor complaint."""

    penalty_major: float = Field(default=20.0, gt=0, le=100)
    """record_score points lost for each upheld major complaint."""

    penalty_grave: float = Field(default=40.0, gt=0, le=100)
    """record_score points lost for each upheld grave complaint."""

    training_penalty: float = Field(default=20.0, ge=0, le=100)
    """record_score points lost when all the required hours are missing (in proportion)."""

    unit_index_penalty: float = Field(default=20.0, ge=0, le=100)
    """record_score points lost for a unit index of 0 (in proportion to the gap below it)."""

    pending_grave_conditional: bool = True
    """Whether a grave complaint still open on ``as_of`` makes the person conditional."""

    positive_cap: float = Field(default=10.0, ge=0, le=50, allow_inf_nan=False)
    """record_score points kept for positive evidence; 0 turns the positive part off."""

    credit_commendation: float = Field(default=4.0, ge=0, le=50, allow_inf_nan=False)
    """Points each commendation (تقدیرنامه) in the window earns, up to ``positive_cap``."""

    credit_training_given: float = Field(default=3.0, ge=0, le=50, allow_inf_nan=False)
    """Points each course taught to others in the window earns (a training record with role
    ``instructor``, or a contribution of kind ``training_given``)."""

    credit_working_group: float = Field(default=3.0, ge=0, le=50, allow_inf_nan=False)
    """Points each working-group membership contribution in the window earns."""

    credit_ngo_cooperation: float = Field(default=3.0, ge=0, le=50, allow_inf_nan=False)
    """Points each NGO-cooperation contribution in the window earns."""

    credit_other: float = Field(default=1.0, ge=0, le=50, allow_inf_nan=False)
    """Points each other contribution in the window earns."""

    @model_validator(mode="after")
    def _ordered(self) -> Self:
        if self.upheld_conditional_at > self.upheld_ineligible_at:
            raise PydanticCustomError(
                "eligibility_thresholds_order",
                "upheld_conditional_at ({conditional}) must not exceed upheld_ineligible_at "
                "({ineligible})",
                {
                    "conditional": self.upheld_conditional_at,
                    "ineligible": self.upheld_ineligible_at,
                },
            )
        if not self.penalty_minor <= self.penalty_major <= self.penalty_grave:
            raise PydanticCustomError(
                "eligibility_penalty_order",
                "Complaint penalties must not fall with severity: got minor {minor}, "
                "major {major}, grave {grave}",
                {
                    "minor": self.penalty_minor,
                    "major": self.penalty_major,
                    "grave": self.penalty_grave,
                },
            )
        return self

    def window(self, as_of: date) -> tuple[date, date]:
        """The lookback window of this policy, ending on ``as_of``.

        See [`eligibility_window`][citizenrights.scoring.eligibility_policy.eligibility_window].
        """
        return eligibility_window(as_of, self.lookback_years)

    def required_training_hours(self, post_kind: str) -> float:
        """The minimum training hours for a post of a kind (``"managerial"`` or ``"sensitive"``)."""
        if str(post_kind) == "sensitive":
            return float(self.min_training_hours_sensitive)
        return float(self.min_training_hours)

    def penalty(self, severity: str) -> float:
        """The record_score points one upheld complaint of this severity costs.

        Raises:
            ValueError: for a severity other than ``minor``, ``major`` or ``grave``.
        """
        penalties = {
            "minor": self.penalty_minor,
            "major": self.penalty_major,
            "grave": self.penalty_grave,
        }
        try:
            return float(penalties[str(severity)])
        except KeyError:
            raise ValueError(
                f"Unknown complaint severity {severity!r}; expected 'minor', 'major' or 'grave'."
            ) from None


#: The policy with every default of DESIGN section 4 and the positive part (version ``"2"``): the default of
#: ``assess_eligibility`` and ``assess_many``.
DEFAULT_ELIGIBILITY_POLICY = EligibilityPolicy()
