"""Appointment eligibility: a candidate's record on citizens' rights, as one index among many.

The seed's rule: executive bodies treat a person's positive record of observing and promoting
citizens' rights as an important index in appointments and promotions to managerial and sensitive
posts. [`assess_eligibility`][citizenrights.scoring.eligibility.assess_eligibility] reads a
`CandidateRecord` against an
[`EligibilityPolicy`][citizenrights.scoring.eligibility_policy.EligibilityPolicy] and returns an
[`EligibilityDecision`][citizenrights.scoring.eligibility_results.EligibilityDecision]: a status, a
``record_score`` from 0 to 100, and the reasons, each with a stable code, Persian and English text,
and the ids of the records it rests on.

What counts, in the window
([`eligibility_window`][citizenrights.scoring.eligibility_policy.eligibility_window], both ends
inclusive):

- complaints by ``received``; a complaint counts against the person only when it was closed as
  ``upheld`` on or before ``as_of``. One still open on ``as_of`` (including one closed later) is
  listed as pending and not counted; dismissed and withdrawn complaints are not counted or listed.
- trainings by ``date``; their hours add up.
- unit scores: an entry ``(agency_id, period)`` of ``unit_scores`` counts when the period overlaps a
  stretch of days that is both in the window and inside one of the person's assignments to that
  agency (an open assignment lasting to ``as_of``). Entries whose score is ``None`` are left out;
  the counted scores are averaged with equal weight (give periods of one kind).
- the positive record (policy version 2): commendations by ``date``, courses the person taught
  (training records with role ``instructor``) and contributions (working-group membership, NGO
  cooperation, ...) by ``date``; each earns its policy weight, up to ``positive_cap`` points.

The reasons that decided the status (``Reason.decisive``) come first, then the others.

Records dated after ``as_of`` never count.

Examples:
    >>> from citizenrights.models.people import CandidateRecord, Post
    >>> record = CandidateRecord.model_validate({
    ...     "person_id": "0499370899", "name": "مریم احمدی",
    ...     "complaints": [{"id": "C-1", "agency_id": "A-1", "received": "1396/02/01",
    ...                     "channel": "web", "severity": "minor", "status": "closed",
    ...                     "outcome": "upheld", "closed_on": "1396/03/01"}],
    ...     "trainings": [{"id": "T-1", "person_id": "0499370899", "agency_id": "A-1",
    ...                    "course": "حقوق شهروندی", "audience": "manager", "hours": 12,
    ...                    "date": "1395/06/10"}]})
    >>> decision = assess_eligibility(record, Post.parse("managerial:middle"), as_of="1397/01/15")
    >>> decision.status, decision.record_score, decision.codes
    (<EligibilityStatus.CONDITIONAL: 'conditional'>, 80.0, ('ELIG_UPHELD_COMPLAINTS', 'ELIG_TRAINING_MET', 'ELIG_NO_UNIT_SCORES', 'ELIG_NO_POSITIVE_RECORD'))
    >>> print(decision.explain("en").splitlines()[0])
    Eligibility of person *******899 as of 1397/01/15: conditional, record score 80.
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date

from citizenrights.calendar import as_date, parse_date
from citizenrights.models.people import CandidateRecord, Post
from citizenrights.scoring._eligibility_rules import UnitScores as UnitScores
from citizenrights.scoring._eligibility_rules import assess_record, index_unit_scores
from citizenrights.scoring.eligibility_policy import DEFAULT_ELIGIBILITY_POLICY, EligibilityPolicy

# The results lived here before they had a module of their own; still importable from here.
from citizenrights.scoring.eligibility_results import EligibilityDecision as EligibilityDecision
from citizenrights.scoring.eligibility_results import EligibilityStatus as EligibilityStatus
from citizenrights.scoring.eligibility_results import Reason as Reason
from citizenrights.scoring.eligibility_results import ReasonCode as ReasonCode
from citizenrights.scoring.eligibility_results import eligibility_rows as eligibility_rows

__all__ = ["assess_eligibility", "assess_many"]


def _as_date(value: date | str) -> date:
    if isinstance(value, date):
        # A datetime is taken to its day in Iran time, as everywhere in the library.
        return as_date(value, "as_of")
    if isinstance(value, str):
        return parse_date(value)
    raise TypeError(
        "as_of must be a date or date text ('1397/01/15', '2018-04-04'); "
        f"got {type(value).__name__}."
    )


def assess_eligibility(
    record: CandidateRecord,
    post: Post,
    *,
    as_of: date | str,
    policy: EligibilityPolicy = DEFAULT_ELIGIBILITY_POLICY,
    unit_scores: UnitScores | None = None,
) -> EligibilityDecision:
    """Assess a candidate's record on citizens' rights for a managerial or sensitive post.

    The rules and their defaults are the fields of
    [`EligibilityPolicy`][citizenrights.scoring.eligibility_policy.EligibilityPolicy]; what counts
    in the window is set out in this module's docstring. The status is the worst ``effect`` of the
    reasons; ``record_score`` is 100 less the points of the reasons (``math.fsum``), never below 0.
    The result depends only on the arguments: the order of the records does not matter.

    Args:
        record: the candidate's record.
        post: the post considered; a sensitive post needs more training hours.
        as_of: the day of the assessment, the last day of the window: a ``datetime.date`` or date
            text read by [`parse_date`][citizenrights.calendar.dates.parse_date] (Jalali
            ``1397/01/15`` or ISO ``2018-04-04``).
        policy: the rules; the defaults of DESIGN section 4 when not given.
        unit_scores: index scores (0–100, or ``None`` when unknown) keyed by ``(agency_id,
            period)``; a period may be given as its text (``"1396-Q3"``). Without scores for the
            person's units in the window the unit rule is not applied (``ELIG_NO_UNIT_SCORES``).

    Returns:
        The decision.

    Raises:
        InvalidDateError: for ``as_of`` text that is not a date.
        CalendarRangeError: when the window leaves the supported calendar range.
        TypeError: for an ``as_of`` that is neither a date nor text.
        ValueError: for a unit score that counts and is not a number from 0 to 100.

    Examples:
        >>> from citizenrights.models.people import CandidateRecord, Post
        >>> clean = CandidateRecord.model_validate({"person_id": "E-1024", "name": "علی رضایی"})
        >>> d = assess_eligibility(clean, Post.parse("sensitive"), as_of="1397/01/15")
        >>> d.status.value, d.record_score, d.codes
        ('conditional', 70.0, ('ELIG_TRAINING_SHORTFALL', 'ELIG_NO_UPHELD_COMPLAINTS', 'ELIG_NO_UNIT_SCORES', 'ELIG_NO_POSITIVE_RECORD'))
        >>> print(d.reasons[0].text_en)
        0 hours of citizens'-rights training in the window, below the 16 hours required for a sensitive post: conditional until the training is done. 20 points deducted.
    """
    window = policy.window(_as_date(as_of))
    return assess_record(record, post, policy, window, index_unit_scores(unit_scores))


def assess_many(
    records: Iterable[CandidateRecord],
    post: Post,
    *,
    as_of: date | str,
    policy: EligibilityPolicy = DEFAULT_ELIGIBILITY_POLICY,
    unit_scores: UnitScores | None = None,
) -> tuple[EligibilityDecision, ...]:
    """Assess a list of candidates for one post, keeping the order of the input.

    Args:
        records: the candidates' records (any iterable, read once).
        post: the post considered.
        as_of: the day of the assessment (a date or date text), the same for everyone.
        policy: the rules.
        unit_scores: index scores of units, as for
            [`assess_eligibility`][citizenrights.scoring.eligibility.assess_eligibility].

    Returns:
        One decision per record, in the order of ``records``.

    Examples:
        >>> from citizenrights.models.people import CandidateRecord, Post
        >>> people = [CandidateRecord(person_id=p, name="ن") for p in ("E-2", "E-1")]
        >>> [d.person_id for d in assess_many(people, Post.parse("managerial"), as_of="1397/01/15")]
        ['E-2', 'E-1']
    """
    window = policy.window(_as_date(as_of))
    unit_index = index_unit_scores(unit_scores)
    return tuple(assess_record(record, post, policy, window, unit_index) for record in records)
