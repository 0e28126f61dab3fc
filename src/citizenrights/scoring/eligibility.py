"""Appointment eligibility: a candidate's record on citizens' rights, as one index among many.

The seed's rule: executive bodies treat a person's positive record of observing and promoting
citizens' rights as an important index in appointments and promotions to managerial and sensitive
posts. [`assess_eligibility`][citizenrights.scoring.eligibility.assess_eligibility] reads a
`CandidateRecord` against an
[`EligibilityPolicy`][citizenrights.scoring.eligibility_policy.EligibilityPolicy] and returns an
[`EligibilityDecision`][citizenrights.scoring.eligibility.EligibilityDecision]: a status, a
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
- commendations by ``date``, listed for information only.

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
    (<EligibilityStatus.CONDITIONAL: 'conditional'>, 90.0, ('ELIG_UPHELD_COMPLAINTS', 'ELIG_TRAINING_MET', 'ELIG_NO_UNIT_SCORES'))
    >>> print(decision.explain("en").splitlines()[0])
    Eligibility of person *******899 as of 1397/01/15: conditional, record score 90.
"""

from __future__ import annotations

import enum
import math
from collections.abc import Iterable, Mapping, Sequence
from datetime import date
from typing import Any, Literal

import attrs

from citizenrights import vocabulary
from citizenrights._version import __version__
from citizenrights.calendar import JalaliPeriod, as_date, format_jalali, parse_date
from citizenrights.identifiers import mask_identifier
from citizenrights.models.activity import ComplaintSeverity, ComplaintStatus
from citizenrights.models.people import CandidateRecord, Post
from citizenrights.scoring._results import pydantic_support
from citizenrights.scoring.eligibility_policy import DEFAULT_ELIGIBILITY_POLICY, EligibilityPolicy
from citizenrights.scoring.rounding import round_half_up
from citizenrights.vocabulary import check_lang, fa_digits, join_list

__all__ = [
    "EligibilityDecision",
    "EligibilityStatus",
    "Reason",
    "ReasonCode",
    "assess_eligibility",
    "assess_many",
    "eligibility_rows",
]

#: Unit index scores keyed by (agency id, period); ``None`` where the index could not be computed.
UnitScores = Mapping[tuple[str, JalaliPeriod], float | None]


class EligibilityStatus(enum.StrEnum):
    """The outcome of an assessment, from best to worst."""

    ELIGIBLE = "eligible"  # واجد صلاحیت
    CONDITIONAL = "conditional"  # مشروط: a remediable gap, such as missing training
    INELIGIBLE = "ineligible"  # فاقد صلاحیت

    @property
    def rank(self) -> int:
        """0 for eligible, 1 for conditional, 2 for ineligible: the worst reason sets the status."""
        return _STATUS_RANK[self]

    def label(self, lang: Literal["fa", "en"] = "fa") -> str:
        """The status in words (``مشروط`` / ``conditional``).

        Raises:
            UnsupportedLanguageError: for another ``lang``.
        """
        return vocabulary.label(self, lang)


_STATUS_RANK = {
    EligibilityStatus.ELIGIBLE: 0,
    EligibilityStatus.CONDITIONAL: 1,
    EligibilityStatus.INELIGIBLE: 2,
}


class ReasonCode(enum.StrEnum):
    """The stable codes of the reasons; programs match on these, never on the text."""

    GRAVE_COMPLAINT = "ELIG_GRAVE_COMPLAINT"
    UPHELD_COMPLAINTS = "ELIG_UPHELD_COMPLAINTS"
    NO_UPHELD_COMPLAINTS = "ELIG_NO_UPHELD_COMPLAINTS"
    PENDING_COMPLAINTS = "ELIG_PENDING_COMPLAINTS"
    TRAINING_SHORTFALL = "ELIG_TRAINING_SHORTFALL"
    TRAINING_MET = "ELIG_TRAINING_MET"
    LOW_UNIT_INDEX = "ELIG_LOW_UNIT_INDEX"
    UNIT_INDEX_MET = "ELIG_UNIT_INDEX_MET"
    NO_UNIT_SCORES = "ELIG_NO_UNIT_SCORES"
    COMMENDATIONS = "ELIG_COMMENDATIONS"


def _str_tuple(value: Iterable[str]) -> tuple[str, ...]:
    return tuple(value)


@pydantic_support()
@attrs.frozen
class Reason:
    """One reason of a decision: what was found, what it did to the status and the score.

    Attributes:
        code: the stable code ([`ReasonCode`][citizenrights.scoring.eligibility.ReasonCode]).
        effect: the status this reason calls for; ``eligible`` for a reason given for information.
        text_fa: the reason in Persian.
        text_en: the reason in English.
        evidence: the ids of the records it rests on, sorted (for unit scores ``agency_id@period``).
        points: the record_score points it took away (0 for most reasons).
    """

    code: ReasonCode = attrs.field(converter=ReasonCode)
    effect: EligibilityStatus = attrs.field(converter=EligibilityStatus)
    text_fa: str
    text_en: str
    evidence: tuple[str, ...] = attrs.field(default=(), converter=_str_tuple)
    points: float = 0.0

    def text(self, lang: Literal["fa", "en"] = "fa") -> str:
        """The reason's text in ``fa`` or ``en``.

        Raises:
            UnsupportedLanguageError: for another ``lang``.
        """
        return self.text_fa if check_lang(lang) == "fa" else self.text_en

    def to_dict(self) -> dict[str, Any]:
        """JSON-ready data with stable keys."""
        return {
            "code": self.code.value,
            "effect": self.effect.value,
            "points": self.points,
            "text_fa": self.text_fa,
            "text_en": self.text_en,
            "evidence": list(self.evidence),
        }

    @classmethod
    def from_dict(cls, data: Mapping[str, Any]) -> Reason:
        """Rebuild a reason from `to_dict()` output."""
        return cls(
            code=data["code"],
            effect=data["effect"],
            text_fa=data["text_fa"],
            text_en=data["text_en"],
            evidence=tuple(data.get("evidence", ())),
            points=float(data.get("points", 0.0)),
        )


def _reason_tuple(value: Iterable[Reason]) -> tuple[Reason, ...]:
    return tuple(value)


def _window_converter(value: Sequence[Any]) -> tuple[date, date]:
    first, last = (v if isinstance(v, date) else date.fromisoformat(v) for v in value)
    return first, last


@pydantic_support()
@attrs.frozen
class EligibilityDecision:
    """The assessment of one candidate's record on citizens' rights for one post.

    The person is identified by ``person_id`` only; it is masked in ``repr``, in `explain()`
    and, with ``redact=True``, in `to_dict()`.

    Attributes:
        person_id: the candidate's id, as in the record.
        status: eligible, conditional or ineligible (the worst ``effect`` of the reasons).
        record_score: 0 to 100: 100 less the ``points`` of the reasons, never below 0.
        reasons: the reasons, in a fixed order of rules.
        policy_version: the version of the policy applied.
        window: the first and last day looked at, both inclusive (the last is ``as_of``).
        library_version: the citizenrights version that made the decision.
    """

    person_id: str = attrs.field(repr=lambda value: repr(mask_identifier(value)))
    status: EligibilityStatus = attrs.field(converter=EligibilityStatus)
    record_score: float
    reasons: tuple[Reason, ...] = attrs.field(converter=_reason_tuple)
    policy_version: str
    window: tuple[date, date] = attrs.field(converter=_window_converter)
    library_version: str = __version__

    @property
    def codes(self) -> tuple[str, ...]:
        """The codes of the reasons, in order."""
        return tuple(reason.code.value for reason in self.reasons)

    @property
    def as_of(self) -> date:
        """The day of the assessment: the last day of the window."""
        return self.window[1]

    def explain(self, lang: Literal["fa", "en"] = "fa") -> str:
        """The decision in words: a heading line, the window and policy, then one line per reason.

        The person appears masked. Each reason line gives its code, its effect, the points it cost
        and its evidence.

        Raises:
            UnsupportedLanguageError: for another ``lang``.
        """
        lang = check_lang(lang)
        who = mask_identifier(self.person_id)
        first, last = (format_jalali(d) for d in self.window)
        score = _number(self.record_score)
        if lang == "fa":
            lines = [
                f"صلاحیت شخص {who} در تاریخ {fa_digits(last)}: {self.status.label('fa')}، "
                f"امتیاز سابقه {fa_digits(score)}.",
                f"بازهٔ بررسی {fa_digits(first)} تا {fa_digits(last)}؛ "
                f"نسخهٔ سیاست {self.policy_version}؛ citizenrights {self.library_version}.",
            ]
        else:
            lines = [
                f"Eligibility of person {who} as of {last}: {self.status.value}, "
                f"record score {score}.",
                f"Window {first} to {last}; policy {self.policy_version}; "
                f"citizenrights {self.library_version}.",
            ]
        for reason in self.reasons:
            lines.append(
                f"- [{reason.code.value}] ({_effect_note(reason, lang)}) {reason.text(lang)}"
            )
            if reason.evidence:
                label = "مستندات" if lang == "fa" else "Evidence"
                lines[-1] += f" {label}: {join_list(reason.evidence, lang)}."
        return "\n".join(lines)

    def to_dict(self, redact: bool = False) -> dict[str, Any]:
        """JSON-ready data with stable keys; ``redact=True`` masks ``person_id``."""
        return {
            "person_id": mask_identifier(self.person_id) if redact else self.person_id,
            "status": self.status.value,
            "record_score": self.record_score,
            "reasons": [reason.to_dict() for reason in self.reasons],
            "policy_version": self.policy_version,
            "window": [d.isoformat() for d in self.window],
            "library_version": self.library_version,
        }

    @classmethod
    def from_dict(cls, data: Mapping[str, Any]) -> EligibilityDecision:
        """Rebuild a decision from `to_dict()` output (lets pydantic validate stored JSON)."""
        return cls(
            person_id=data["person_id"],
            status=data["status"],
            record_score=float(data["record_score"]),
            reasons=tuple(Reason.from_dict(r) for r in data["reasons"]),
            policy_version=data["policy_version"],
            window=tuple(data["window"]),
            library_version=data.get("library_version", __version__),
        )


def _number(value: float) -> str:
    """A number for text: at most two decimals, no trailing zeros (``12``, ``11.5``, ``0.83``)."""
    text = f"{round_half_up(value, 2):.2f}".rstrip("0").rstrip(".")
    return "0" if text == "-0" else text


def _deducted(points: float) -> tuple[str, str]:
    """The closing sentence of a reason's texts (fa, en) for the points it cost: none for 0."""
    if not points:
        return "", ""
    return f" {fa_digits(_number(points))} امتیاز کسر شد.", f" {_number(points)} points deducted."


def _effect_note(reason: Reason, lang: Literal["fa", "en"]) -> str:
    """The parenthesis of a reason line: its effect on the status and the points it cost."""
    parts = [] if reason.effect is EligibilityStatus.ELIGIBLE else [reason.effect.label(lang)]
    if reason.points:
        points = _number(reason.points)
        parts.append(f"−{fa_digits(points)} امتیاز" if lang == "fa" else f"−{points} points")
    if not parts:
        return "برای آگاهی" if lang == "fa" else "for information"
    return join_list(parts, lang)


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


# Unit scores grouped by agency: (label, first day, last day, score), the None scores left out.
_UnitIndex = dict[str, list[tuple[str, date, date, Any]]]


def _index_unit_scores(unit_scores: UnitScores | None) -> _UnitIndex:
    """Group the scores by agency once, so each candidate looks only at their own agencies."""
    index: _UnitIndex = {}
    for (agency_id, given), score in (unit_scores or {}).items():
        if score is None:
            continue
        # Period text ("1396-Q3") is accepted too, though the type names JalaliPeriod only.
        raw: object = given
        period = raw if isinstance(raw, JalaliPeriod) else JalaliPeriod.parse(str(raw))
        label = f"{agency_id}@{period}"
        index.setdefault(str(agency_id), []).append((label, period.start, period.end, score))
    return index


def _unit_scores_in_window(
    record: CandidateRecord, window: tuple[date, date], index: _UnitIndex
) -> list[tuple[str, float]]:
    """The (evidence label, score) of the unit scores that count; see the module docstring."""
    first, last = window
    spans: dict[str, list[tuple[date, date]]] = {}
    for assignment in record.assignments:
        start = max(assignment.start, first)
        end = min(assignment.end or last, last)
        if start <= end:
            spans.setdefault(assignment.agency_id, []).append((start, end))
    counted: list[tuple[str, float]] = []
    for agency_id, agency_spans in spans.items():
        for label, period_start, period_end, score in index.get(agency_id, ()):
            if not any(period_start <= end and start <= period_end for start, end in agency_spans):
                continue
            value = float(score)
            if not (math.isfinite(value) and 0.0 <= value <= 100.0):
                period = label.rpartition("@")[2]
                raise ValueError(
                    f"unit_scores[({agency_id!r}, '{period}')] is {score!r}; "
                    "a unit index is a number from 0 to 100, or None when unknown."
                )
            counted.append((label, value))
    return sorted(counted)


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
        ('conditional', 80.0, ('ELIG_NO_UPHELD_COMPLAINTS', 'ELIG_TRAINING_SHORTFALL', 'ELIG_NO_UNIT_SCORES'))
        >>> print(d.reasons[1].text_en)
        0 hours of citizens'-rights training in the window, below the 16 hours required for a sensitive post: conditional until the training is done. 20 points deducted.
    """
    window = policy.window(_as_date(as_of))
    return _assess(record, post, policy, window, _index_unit_scores(unit_scores))


def _assess(
    record: CandidateRecord,
    post: Post,
    policy: EligibilityPolicy,
    window: tuple[date, date],
    unit_index: _UnitIndex,
) -> EligibilityDecision:
    first, last = window
    reasons: list[Reason] = []
    reasons.extend(_complaint_reasons(record, policy, window))
    reasons.append(_training_reason(record, post, policy, window))
    reasons.append(_unit_reason(record, policy, window, unit_index))
    commended = sum(1 for c in record.commendations if first <= c.date <= last)
    if commended:
        reasons.append(
            Reason(
                code=ReasonCode.COMMENDATIONS,
                effect=EligibilityStatus.ELIGIBLE,
                text_fa=f"{fa_digits(commended)} تقدیرنامه در بازهٔ بررسی؛ برای آگاهی، "
                "بی‌اثر در وضعیت و امتیاز.",
                text_en=f"{commended} commendation(s) in the window, listed for information: "
                "they change neither the status nor the score.",
            )
        )
    status = max((r.effect for r in reasons), key=lambda s: s.rank)
    score = max(0.0, 100.0 - math.fsum(r.points for r in reasons))
    return EligibilityDecision(
        person_id=record.person_id,
        status=status,
        record_score=score,
        reasons=tuple(reasons),
        policy_version=policy.version,
        window=window,
    )


def _complaint_reasons(
    record: CandidateRecord, policy: EligibilityPolicy, window: tuple[date, date]
) -> list[Reason]:
    first, last = window
    upheld: list[tuple[str, ComplaintSeverity]] = []
    pending: list[str] = []
    for complaint in record.complaints:
        if not first <= complaint.received <= last:
            continue
        # Judged as things stood on as_of: a complaint decided later was still open then.
        closed = complaint.status is ComplaintStatus.CLOSED and (
            complaint.closed_on is not None and complaint.closed_on <= last
        )
        if not closed:
            pending.append(complaint.id)
        elif complaint.is_upheld:
            upheld.append((complaint.id, complaint.severity))
    reasons: list[Reason] = []
    grave = sorted(cid for cid, severity in upheld if severity is ComplaintSeverity.GRAVE)
    if grave and policy.grave_complaint_ineligible:
        reasons.append(
            Reason(
                code=ReasonCode.GRAVE_COMPLAINT,
                effect=EligibilityStatus.INELIGIBLE,
                text_fa=f"{fa_digits(len(grave))} شکایت شدید واردشده در بازهٔ بررسی؛ "
                "به‌موجب سیاست، فاقد صلاحیت.",
                text_en=f"{len(grave)} upheld grave complaint(s) in the window: "
                "ineligible under the policy.",
                evidence=grave,
            )
        )
    if upheld:
        count = len(upheld)
        points = math.fsum(policy.penalty(severity) for _, severity in upheld)
        if count >= policy.upheld_ineligible_at:
            effect = EligibilityStatus.INELIGIBLE
        elif count >= policy.upheld_conditional_at:
            effect = EligibilityStatus.CONDITIONAL
        else:
            effect = EligibilityStatus.ELIGIBLE
        conditional, ineligible = policy.upheld_conditional_at, policy.upheld_ineligible_at
        reasons.append(
            Reason(
                code=ReasonCode.UPHELD_COMPLAINTS,
                effect=effect,
                text_fa=f"{fa_digits(count)} شکایت واردشده در بازهٔ بررسی (مشروط از "
                f"{fa_digits(conditional)} و فاقد صلاحیت از {fa_digits(ineligible)} مورد)؛ "
                f"{fa_digits(_number(points))} امتیاز کسر شد.",
                text_en=f"{count} upheld complaint(s) in the window (conditional from "
                f"{conditional}, ineligible from {ineligible}); {_number(points)} points deducted.",
                evidence=sorted(cid for cid, _ in upheld),
                points=points,
            )
        )
    else:
        reasons.append(
            Reason(
                code=ReasonCode.NO_UPHELD_COMPLAINTS,
                effect=EligibilityStatus.ELIGIBLE,
                text_fa="در بازهٔ بررسی هیچ شکایتی علیه شخص وارد تشخیص داده نشده است.",
                text_en="No complaint against the person was upheld in the window.",
            )
        )
    if pending:
        n = len(pending)
        reasons.append(
            Reason(
                code=ReasonCode.PENDING_COMPLAINTS,
                effect=EligibilityStatus.ELIGIBLE,
                text_fa=f"{fa_digits(n)} شکایت دریافت‌شده در بازهٔ بررسی در تاریخ ارزیابی هنوز "
                "در جریان رسیدگی بوده است؛ فهرست شد و شمرده نشد.",
                text_en=f"{n} complaint(s) received in the window were still open on the "
                "assessment date: listed as pending, not counted.",
                evidence=sorted(pending),
            )
        )
    return reasons


def _training_reason(
    record: CandidateRecord, post: Post, policy: EligibilityPolicy, window: tuple[date, date]
) -> Reason:
    first, last = window
    counted = [t for t in record.trainings if first <= t.date <= last]
    hours = math.fsum(t.hours for t in counted)
    evidence = sorted(t.id for t in counted if t.id is not None)
    required = policy.required_training_hours(post.kind)
    kind_fa = vocabulary.label(post.kind, "fa")
    if hours >= required:
        return Reason(
            code=ReasonCode.TRAINING_MET,
            effect=EligibilityStatus.ELIGIBLE,
            text_fa=f"{fa_digits(_number(hours))} ساعت آموزش حقوق شهروندی در بازهٔ بررسی؛ حداقل "
            f"{fa_digits(_number(required))} ساعت لازم برای پست {kind_fa} رعایت شده است.",
            text_en=f"{_number(hours)} hours of citizens'-rights training in the window meet the "
            f"{_number(required)} hours required for a {post.kind.value} post.",
            evidence=evidence,
        )
    points = policy.training_penalty * (required - hours) / required
    deducted_fa, deducted_en = _deducted(points)
    return Reason(
        code=ReasonCode.TRAINING_SHORTFALL,
        effect=EligibilityStatus.CONDITIONAL,
        text_fa=f"{fa_digits(_number(hours))} ساعت آموزش حقوق شهروندی در بازهٔ بررسی، کمتر از "
        f"{fa_digits(_number(required))} ساعت لازم برای پست {kind_fa}؛ تا تکمیل آموزش مشروط."
        f"{deducted_fa}",
        text_en=f"{_number(hours)} hours of citizens'-rights training in the window, below the "
        f"{_number(required)} hours required for a {post.kind.value} post: conditional until "
        f"the training is done.{deducted_en}",
        evidence=evidence,
        points=points,
    )


def _unit_reason(
    record: CandidateRecord,
    policy: EligibilityPolicy,
    window: tuple[date, date],
    unit_index: _UnitIndex,
) -> Reason:
    counted = _unit_scores_in_window(record, window, unit_index)
    if not counted:
        return Reason(
            code=ReasonCode.NO_UNIT_SCORES,
            effect=EligibilityStatus.ELIGIBLE,
            text_fa="برای واحدهای تحت مدیریت شخص در بازهٔ بررسی امتیاز شاخصی در دست نیست؛ "
            "قاعدهٔ شاخص واحد اعمال نشد.",
            text_en="No index score of the units the person managed falls in the window: "
            "the unit-index rule was not applied.",
        )
    mean = math.fsum(score for _, score in counted) / len(counted)
    n = len(counted)
    evidence = [label for label, _ in counted]
    minimum = policy.min_unit_index
    if mean >= minimum:
        return Reason(
            code=ReasonCode.UNIT_INDEX_MET,
            effect=EligibilityStatus.ELIGIBLE,
            text_fa="میانگین شاخص واحدهای تحت مدیریت در بازهٔ بررسی "
            f"{fa_digits(_number(mean))} است ({fa_digits(n)} امتیاز)، "
            f"نه کمتر از حداقل {fa_digits(_number(minimum))}.",
            text_en=f"The mean index of the units the person managed in the window is "
            f"{_number(mean)} ({n} score(s)), not below the minimum of {_number(minimum)}.",
            evidence=evidence,
        )
    points = policy.unit_index_penalty * (minimum - mean) / minimum
    deducted_fa, deducted_en = _deducted(points)
    return Reason(
        code=ReasonCode.LOW_UNIT_INDEX,
        effect=EligibilityStatus.CONDITIONAL,
        text_fa="میانگین شاخص واحدهای تحت مدیریت در بازهٔ بررسی "
        f"{fa_digits(_number(mean))} است ({fa_digits(n)} امتیاز)، "
        f"کمتر از حداقل {fa_digits(_number(minimum))}؛ مشروط.{deducted_fa}",
        text_en=f"The mean index of the units the person managed in the window is "
        f"{_number(mean)} ({n} score(s)), below the minimum of {_number(minimum)}: "
        f"conditional.{deducted_en}",
        evidence=evidence,
        points=points,
    )


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
    unit_index = _index_unit_scores(unit_scores)
    return tuple(_assess(record, post, policy, window, unit_index) for record in records)


def eligibility_rows(
    decisions: Iterable[EligibilityDecision], *, redact: bool = True
) -> list[dict[str, str | float]]:
    """Table rows for a list of decisions, one dict per decision with the same keys in order.

    Keys: ``person_id`` (masked unless ``redact=False``), ``status``, ``record_score`` (rounded half
    up to 2 decimals), ``reasons`` (the codes of the reasons that lowered the status or the score,
    joined by ``", "``; empty when none did), ``window`` (Jalali, ``1394/01/15–1397/01/15``) and
    ``policy_version``. Nothing is printed; the CLI renders the rows.

    Examples:
        >>> from citizenrights.models.people import CandidateRecord, Post
        >>> people = [CandidateRecord(person_id="0499370899", name="ن")]
        >>> eligibility_rows(assess_many(people, Post.parse("managerial"), as_of="1397/01/15"))
        [{'person_id': '*******899', 'status': 'conditional', 'record_score': 80.0, 'reasons': 'ELIG_TRAINING_SHORTFALL', 'window': '1394/01/15–1397/01/15', 'policy_version': '1'}]
    """
    rows: list[dict[str, str | float]] = []
    for decision in decisions:
        first, last = (format_jalali(d) for d in decision.window)
        rows.append(
            {
                "person_id": mask_identifier(decision.person_id) if redact else decision.person_id,
                "status": decision.status.value,
                "record_score": round_half_up(decision.record_score, 2),
                "reasons": ", ".join(
                    r.code.value
                    for r in decision.reasons
                    if r.points or r.effect is not EligibilityStatus.ELIGIBLE
                ),
                "window": f"{first}–{last}",
                "policy_version": decision.policy_version,
            }
        )
    return rows
