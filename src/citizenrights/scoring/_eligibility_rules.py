"""The rules of an eligibility assessment: complaints, training, unit scores and commendations.

Private to [`citizenrights.scoring.eligibility`][citizenrights.scoring.eligibility], whose
docstring sets out what counts in the window; each rule gives the
[`Reason`][citizenrights.scoring.eligibility_results.Reason]s it finds, and `assess_record` puts
them together into a decision.
"""

from __future__ import annotations

import math
from collections.abc import Mapping
from datetime import date
from typing import Any

import attrs

from citizenrights import vocabulary
from citizenrights.calendar import JalaliPeriod, format_jalali
from citizenrights.models.activity import ComplaintSeverity, ComplaintStatus, TrainingRole
from citizenrights.models.people import CandidateRecord, Post
from citizenrights.scoring.eligibility_policy import EligibilityPolicy
from citizenrights.scoring.eligibility_results import (
    EligibilityDecision,
    EligibilityStatus,
    Reason,
    ReasonCode,
    _number,
)
from citizenrights.vocabulary import fa_digits

#: Unit index scores keyed by (agency id, period); ``None`` where the index could not be computed.
UnitScores = Mapping[tuple[str, JalaliPeriod], float | None]


def _deducted(points: float) -> tuple[str, str]:
    """The closing sentence of a reason's texts (fa, en) for the points it cost: none for 0."""
    if not points:
        return "", ""
    return f" {_number(points, 'fa')} امتیاز کسر شد.", f" {_number(points, 'en')} points deducted."


# Unit scores grouped by agency: (label, first day, last day, score), the None scores left out.
UnitIndex = dict[str, list[tuple[str, date, date, Any]]]


def index_unit_scores(unit_scores: UnitScores | None) -> UnitIndex:
    """Group the scores by agency once, so each candidate looks only at their own agencies."""
    index: UnitIndex = {}
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
    record: CandidateRecord, window: tuple[date, date], index: UnitIndex
) -> list[tuple[str, float]]:
    """The (evidence label, score) of the unit scores that count; see the docstring of citizenrights.scoring.eligibility."""
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


def assess_record(
    record: CandidateRecord,
    post: Post,
    policy: EligibilityPolicy,
    window: tuple[date, date],
    unit_index: UnitIndex,
) -> EligibilityDecision:
    reasons: list[Reason] = []
    reasons.extend(_complaint_reasons(record, policy, window))
    reasons.append(_training_reason(record, post, policy, window))
    reasons.append(_unit_reason(record, policy, window, unit_index))
    if policy.positive_cap > 0:
        reasons.append(_positive_reason(record, policy, window))
    status = max((r.effect for r in reasons), key=lambda s: s.rank)
    score = max(0.0, 100.0 - math.fsum(r.points for r in reasons))
    # What decided the status first, then the rest; each group in the order of the rules.
    if status is not EligibilityStatus.ELIGIBLE:
        reasons = [attrs.evolve(r, decisive=r.effect is status) for r in reasons]
        reasons.sort(key=lambda r: not r.decisive)
    return EligibilityDecision(
        person_id=record.person_id,
        status=status,
        record_score=score,
        reasons=tuple(reasons),
        policy_version=policy.version,
        window=window,
    )


#: The evidence of a positive record: (kind of evidence, the policy field of its weight).
_CREDITS = (
    ("commendation", "credit_commendation"),
    ("training_given", "credit_training_given"),
    ("working_group", "credit_working_group"),
    ("ngo_cooperation", "credit_ngo_cooperation"),
    ("other", "credit_other"),
)
_CREDIT_WORDS = {
    "commendation": ("تقدیرنامه", "commendation(s)"),
    "training_given": ("دورهٔ تدریس‌شده برای دیگران", "course(s) taught to others"),
    "working_group": ("عضویت در کارگروه", "working-group membership(s)"),
    "ngo_cooperation": ("همکاری با سازمان مردم‌نهاد", "cooperation(s) with an NGO"),
    "other": ("اقدام دیگر در اشاعهٔ حقوق شهروندی", "other contribution(s)"),
}


def _positive_reason(
    record: CandidateRecord, policy: EligibilityPolicy, window: tuple[date, date]
) -> Reason:
    """The positive part: the points of ``positive_cap`` that the evidence in the window earns."""
    first, last = window
    found: dict[str, list[str]] = {kind: [] for kind, _ in _CREDITS}
    # Evidence named by id where there is one, else by kind and Jalali date: never by position,
    # so that the order of the records does not matter.
    for commendation in record.commendations:
        if first <= commendation.date <= last:
            found["commendation"].append(f"commendation@{format_jalali(commendation.date)}")
    for training in record.trainings:
        if training.role is TrainingRole.INSTRUCTOR and first <= training.date <= last:
            found["training_given"].append(training.id or f"course@{format_jalali(training.date)}")
    for contribution in record.contributions:
        if first <= contribution.date <= last:
            kind = contribution.kind.value
            found[kind].append(contribution.ref or f"{kind}@{format_jalali(contribution.date)}")
    earned = math.fsum(
        len(found[kind]) * float(getattr(policy, weight)) for kind, weight in _CREDITS
    )
    cap = float(policy.positive_cap)
    credit = min(cap, earned)
    lost = cap - credit
    evidence = sorted(e for ids in found.values() for e in ids)
    if not evidence:
        return Reason(
            code=ReasonCode.NO_POSITIVE_RECORD,
            effect=EligibilityStatus.ELIGIBLE,
            text_fa="در بازهٔ بررسی سابقهٔ مثبتی در اشاعهٔ حقوق شهروندی (تقدیرنامه، تدریس، "
            "عضویت در کارگروه، همکاری با سازمان مردم‌نهاد) ثبت نشده است؛ "
            f"{_number(cap, 'fa')} امتیاز سابقهٔ مثبت کسب نشد.",
            text_en="No positive record of promoting citizens' rights (commendation, teaching, "
            "working-group membership, NGO cooperation) in the window: "
            f"the {_number(cap, 'en')} points of the positive record were not earned.",
            points=lost,
        )
    parts_fa = [f"{fa_digits(len(ids))} {_CREDIT_WORDS[k][0]}" for k, ids in found.items() if ids]
    parts_en = [f"{len(ids)} {_CREDIT_WORDS[k][1]}" for k, ids in found.items() if ids]
    return Reason(
        code=ReasonCode.POSITIVE_RECORD,
        effect=EligibilityStatus.ELIGIBLE,
        text_fa=f"سابقهٔ مثبت در بازهٔ بررسی: {vocabulary.join_list(parts_fa, 'fa')}؛ "
        f"{_number(credit, 'fa')} از {_number(cap, 'fa')} امتیاز سابقهٔ مثبت کسب شد.",
        text_en=f"Positive record in the window: {vocabulary.join_list(parts_en, 'en')}; "
        f"{_number(credit, 'en')} of the {_number(cap, 'en')} points of the positive record earned.",
        evidence=evidence,
        points=lost,
    )


def _complaint_reasons(
    record: CandidateRecord, policy: EligibilityPolicy, window: tuple[date, date]
) -> list[Reason]:
    first, last = window
    upheld: list[tuple[str, ComplaintSeverity]] = []
    pending: list[str] = []
    pending_grave: list[str] = []
    for complaint in record.complaints:
        if not first <= complaint.received <= last:
            continue
        # Judged as things stood on as_of: a complaint decided later was still open then.
        closed = complaint.status is ComplaintStatus.CLOSED and (
            complaint.closed_on is not None and complaint.closed_on <= last
        )
        if not closed:
            grave_open = complaint.severity is ComplaintSeverity.GRAVE
            (pending_grave if grave_open and policy.pending_grave_conditional else pending).append(
                complaint.id
            )
        elif complaint.is_upheld:
            upheld.append((complaint.id, complaint.severity))
    reasons: list[Reason] = []
    grave = sorted(cid for cid, severity in upheld if severity is ComplaintSeverity.GRAVE)
    if grave and policy.grave_complaint_ineligible:
        reasons.append(
            Reason(
                code=ReasonCode.GRAVE_COMPLAINT,
                effect=EligibilityStatus.INELIGIBLE,
                text_fa=f"{fa_digits(len(grave))} شکایت واردتشخیص‌داده‌شدهٔ مربوط به تخلف شدید در بازهٔ "
                "بررسی؛ طبق ضوابط، فاقد صلاحیت.",
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
                text_fa=f"{fa_digits(count)} شکایت واردتشخیص‌داده‌شده در بازهٔ بررسی (مشروط از "
                f"{fa_digits(conditional)} و فاقد صلاحیت از {fa_digits(ineligible)} مورد)؛ "
                f"{_number(points, 'fa')} امتیاز کسر شد.",
                text_en=f"{count} upheld complaint(s) in the window (conditional from "
                f"{conditional}, ineligible from {ineligible}); {_number(points, 'en')} points deducted.",
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
    if pending_grave:
        n = len(pending_grave)
        reasons.append(
            Reason(
                code=ReasonCode.PENDING_GRAVE_COMPLAINT,
                effect=EligibilityStatus.CONDITIONAL,
                text_fa=f"{fa_digits(n)} شکایت مربوط به تخلف شدید در تاریخ ارزیابی هنوز در جریان "
                "رسیدگی بوده است؛ تا روشن شدن نتیجه مشروط، بی‌کسر امتیاز.",
                text_en=f"{n} grave complaint(s) still open on the assessment date: conditional "
                "until decided; no points deducted.",
                evidence=sorted(pending_grave),
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
    counted = [
        t
        for t in record.trainings
        if first <= t.date <= last and t.role is not TrainingRole.INSTRUCTOR
    ]
    hours = math.fsum(t.hours for t in counted)
    evidence = sorted(t.id for t in counted if t.id is not None)
    required = policy.required_training_hours(post.kind)
    kind_fa = vocabulary.label(post.kind, "fa")
    if hours >= required:
        return Reason(
            code=ReasonCode.TRAINING_MET,
            effect=EligibilityStatus.ELIGIBLE,
            text_fa=f"{_number(hours, 'fa')} ساعت آموزش حقوق شهروندی در بازهٔ بررسی؛ حداقل "
            f"{_number(required, 'fa')} ساعت لازم برای پست {kind_fa} رعایت‌شده است.",
            text_en=f"{_number(hours, 'en')} hours of citizens'-rights training in the window meet the "
            f"{_number(required, 'en')} hours required for a {post.kind.value} post.",
            evidence=evidence,
        )
    points = policy.training_penalty * (required - hours) / required
    deducted_fa, deducted_en = _deducted(points)
    return Reason(
        code=ReasonCode.TRAINING_SHORTFALL,
        effect=EligibilityStatus.CONDITIONAL,
        text_fa=f"{_number(hours, 'fa')} ساعت آموزش حقوق شهروندی در بازهٔ بررسی، کمتر از "
        f"{_number(required, 'fa')} ساعت لازم برای پست {kind_fa}؛ تا تکمیل آموزش مشروط."
        f"{deducted_fa}",
        text_en=f"{_number(hours, 'en')} hours of citizens'-rights training in the window, below the "
        f"{_number(required, 'en')} hours required for a {post.kind.value} post: conditional until "
        f"the training is done.{deducted_en}",
        evidence=evidence,
        points=points,
    )


def _unit_reason(
    record: CandidateRecord,
    policy: EligibilityPolicy,
    window: tuple[date, date],
    unit_index: UnitIndex,
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
            f"{_number(mean, 'fa')} است ({fa_digits(n)} امتیاز)، "
            f"نه کمتر از حداقل {_number(minimum, 'fa')}.",
            text_en=f"The mean index of the units the person managed in the window is "
            f"{_number(mean, 'en')} ({n} score(s)), not below the minimum of {_number(minimum, 'en')}.",
            evidence=evidence,
        )
    points = policy.unit_index_penalty * (minimum - mean) / minimum
    deducted_fa, deducted_en = _deducted(points)
    return Reason(
        code=ReasonCode.LOW_UNIT_INDEX,
        effect=EligibilityStatus.CONDITIONAL,
        text_fa="میانگین شاخص واحدهای تحت مدیریت در بازهٔ بررسی "
        f"{_number(mean, 'fa')} است ({fa_digits(n)} امتیاز)، "
        f"کمتر از حداقل {_number(minimum, 'fa')}؛ مشروط.{deducted_fa}",
        text_en=f"The mean index of the units the person managed in the window is "
        f"{_number(mean, 'en')} ({n} score(s)), below the minimum of {_number(minimum, 'en')}: "
        f"conditional.{deducted_en}",
        evidence=evidence,
        points=points,
    )
