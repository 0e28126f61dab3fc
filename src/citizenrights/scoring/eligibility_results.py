"""The results of an eligibility assessment: the decision, its reasons and their codes, as words and rows.

[`assess_eligibility`][citizenrights.scoring.eligibility.assess_eligibility] returns an
[`EligibilityDecision`][citizenrights.scoring.eligibility_results.EligibilityDecision]: a status
([`EligibilityStatus`][citizenrights.scoring.eligibility_results.EligibilityStatus]), a
``record_score`` from 0 to 100, and the
[`Reason`][citizenrights.scoring.eligibility_results.Reason]s, each with a stable
[`ReasonCode`][citizenrights.scoring.eligibility_results.ReasonCode], Persian and English text and
the ids of the records it rests on. A decision says itself in words (`explain`), as JSON-ready data
(`to_dict`, `from_dict`) and, with
[`eligibility_rows`][citizenrights.scoring.eligibility_results.eligibility_rows], as a table row.
"""

from __future__ import annotations

import enum
from collections.abc import Iterable, Mapping, Sequence
from datetime import date
from typing import Any, Literal

import attrs

from citizenrights import vocabulary
from citizenrights._version import __version__
from citizenrights.calendar import format_jalali
from citizenrights.identifiers import mask_identifier
from citizenrights.results import pydantic_support
from citizenrights.scoring.rounding import round_half_up
from citizenrights.vocabulary import check_lang, join_list, local_digits, number, say

__all__ = [
    "EligibilityDecision",
    "EligibilityStatus",
    "Reason",
    "ReasonCode",
    "eligibility_rows",
]


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
    COMMENDATIONS = "ELIG_COMMENDATIONS"  # policy version 1 only: listed for information
    PENDING_GRAVE_COMPLAINT = "ELIG_PENDING_GRAVE_COMPLAINT"
    POSITIVE_RECORD = "ELIG_POSITIVE_RECORD"
    NO_POSITIVE_RECORD = "ELIG_NO_POSITIVE_RECORD"


def _str_tuple(value: Iterable[str]) -> tuple[str, ...]:
    return tuple(value)


@pydantic_support()
@attrs.frozen
class Reason:
    """One reason of a decision: what was found, what it did to the status and the score.

    Attributes:
        code: the stable code ([`ReasonCode`][citizenrights.scoring.eligibility_results.ReasonCode]).
        effect: the status this reason calls for; ``eligible`` for a reason given for information.
        text_fa: the reason in Persian.
        text_en: the reason in English.
        evidence: the ids of the records it rests on, sorted (for unit scores ``agency_id@period``).
        points: the record_score points it took away (0 for most reasons); for the positive
            record, the points of ``positive_cap`` it did not earn.
        decisive: whether it decided the status (its effect is the decision's status, and that
            is not ``eligible``); decisive reasons come first in a decision.
    """

    code: ReasonCode = attrs.field(converter=ReasonCode)
    effect: EligibilityStatus = attrs.field(converter=EligibilityStatus)
    text_fa: str
    text_en: str
    evidence: tuple[str, ...] = attrs.field(default=(), converter=_str_tuple)
    points: float = 0.0
    decisive: bool = False

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
            "decisive": self.decisive,
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
            decisive=bool(data.get("decisive", False)),
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
        reasons: the reasons: first those that decided the status (``decisive``), then the rest,
            each group in a fixed order of rules.
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
        """The decision in words: a heading line, the window and policy, then the reasons.

        The person appears masked. The reasons that decided the status come first under their own
        heading, the others after under a second one (a conditional finding in an ineligible
        decision is marked as not decisive). Each reason line gives its code, its effect, the
        points it cost and its evidence.

        Raises:
            UnsupportedLanguageError: for another ``lang``.
        """
        lang = check_lang(lang)
        who = mask_identifier(self.person_id)
        first, last = (format_jalali(d) for d in self.window)
        first, last = local_digits(first, lang), local_digits(last, lang)
        score = _number(self.record_score, lang)
        lines = [
            say(
                lang,
                fa=f"صلاحیت شخص {who} در تاریخ {last}: {self.status.label(lang)}، "
                f"امتیاز سابقه {score}.",
                en=f"Eligibility of person {who} as of {last}: {self.status.value}, "
                f"record score {score}.",
            ),
            say(
                lang,
                fa=f"بازهٔ بررسی {first} تا {last}؛ "
                f"ضوابط تعیین صلاحیت، نسخهٔ {local_digits(self.policy_version, lang)}؛ "
                f"citizenrights {self.library_version}.",
                en=f"Window {first} to {last}; policy {self.policy_version}; "
                f"citizenrights {self.library_version}.",
            ),
        ]
        decisive = any(reason.decisive for reason in self.reasons)
        for n, reason in enumerate(self.reasons):
            if decisive and n == 0:
                lines.append(
                    say(lang, fa="آنچه وضعیت را تعیین کرد:", en="What decided the status:")
                )
            elif decisive and not reason.decisive and self.reasons[n - 1].decisive:
                lines.append(say(lang, fa="موارد دیگر:", en="Also found:"))
            lines.append(
                f"- [{reason.code.value}] ({_effect_note(reason, lang)}) {reason.text(lang)}"
            )
            if reason.evidence:
                evidence = say(lang, fa="مستندات", en="Evidence")
                lines[-1] += f" {evidence}: {join_list(reason.evidence, lang)}."
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


def _number(value: float, lang: Literal["fa", "en"]) -> str:
    """A number for text: at most two decimals, no trailing zeros (``12``, ``11.5``, ``0.83``)."""
    return number(float(value), lang, 2, trim_zeros=True)


def _effect_note(reason: Reason, lang: Literal["fa", "en"]) -> str:
    """The parenthesis of a reason line: its effect on the status and the points it cost."""
    parts = [] if reason.effect is EligibilityStatus.ELIGIBLE else [reason.effect.label(lang)]
    if parts and not reason.decisive:
        parts = [say(lang, fa=f"{parts[0]}، بی‌اثر در این تصمیم", en=f"{parts[0]}, not decisive")]
    if reason.points:
        points = _number(reason.points, lang)
        parts.append(say(lang, fa=f"−{points} امتیاز", en=f"−{points} points"))
    if not parts:
        return say(lang, fa="برای آگاهی", en="for information")
    return join_list(parts, lang)


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
        >>> from citizenrights.scoring.eligibility import assess_many
        >>> people = [CandidateRecord(person_id="0499370899", name="ن")]
        >>> eligibility_rows(assess_many(people, Post.parse("managerial"), as_of="1397/01/15"))
        [{'person_id': '*******899', 'status': 'conditional', 'record_score': 70.0, 'reasons': 'ELIG_TRAINING_SHORTFALL, ELIG_NO_POSITIVE_RECORD', 'window': '1394/01/15–1397/01/15', 'policy_version': '2'}]
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
