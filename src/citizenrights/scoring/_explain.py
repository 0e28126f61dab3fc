"""The readable trace of an inspection score, in Persian or English (private).

Numbers are shown rounded half up (scores to the policy's places, values and weights to at most four),
with Persian digits and the Persian decimal separator in ``fa``. Item and section codes, ids and the
stamps stay as they are.
"""

from __future__ import annotations

import enum
from collections.abc import Mapping, Sequence
from datetime import date
from typing import Final, Protocol

from citizenrights.models.inspections import Answer
from citizenrights.scoring.policies import ScoringPolicy
from citizenrights.vocabulary import (
    Lang,
    check_lang,
    jalali,
    join_list,
    label,
    local_digits,
    number,
    percent,
    say,
    term,
)

__all__ = ["explain_inspection"]


# What the trace reads of the results of citizenrights.scoring.inspections, said here as
# protocols: that module imports this one, so this one may not import it (not even for types).
class _Item(Protocol):
    @property
    def code(self) -> str: ...
    @property
    def weight(self) -> float: ...
    @property
    def critical(self) -> bool: ...
    @property
    def answer(self) -> Answer | int | None: ...
    @property
    def value(self) -> float | None: ...
    @property
    def status(self) -> str: ...
    @property
    def counted(self) -> bool: ...
    @property
    def contribution(self) -> float | None: ...
    @property
    def lost(self) -> float | None: ...


class _Section(Protocol):
    @property
    def code(self) -> str: ...
    @property
    def title(self) -> str: ...
    @property
    def weight(self) -> float: ...
    @property
    def score(self) -> float | None: ...
    @property
    def status(self) -> str: ...
    @property
    def items(self) -> Sequence[_Item]: ...


class _Score(Protocol):
    @property
    def inspection_id(self) -> str: ...
    @property
    def agency_id(self) -> str: ...
    @property
    def date(self) -> date: ...
    @property
    def kind(self) -> enum.Enum: ...
    @property
    def joint(self) -> bool: ...
    @property
    def score(self) -> float | None: ...
    @property
    def grade(self) -> enum.Enum | None: ...
    @property
    def status(self) -> enum.Enum: ...
    @property
    def completeness(self) -> float | None: ...
    @property
    def capped_by(self) -> Sequence[str]: ...
    @property
    def raw_score(self) -> float | None: ...
    @property
    def reason(self) -> str | None: ...
    @property
    def checklist_id(self) -> str: ...
    @property
    def checklist_version(self) -> str: ...
    @property
    def checklist_fingerprint(self) -> str: ...
    @property
    def policy_version(self) -> str: ...
    @property
    def library_version(self) -> str: ...
    @property
    def policy(self) -> ScoringPolicy: ...
    @property
    def applicable_items(self) -> int: ...
    @property
    def answered_items(self) -> int: ...
    @property
    def sections(self) -> Sequence[_Section]: ...


_SENTENCES = {
    "head": (
        "بازرسی {id} از دستگاه {agency} در {date} ({kind}، {joint})، چک‌لیست {cl} نسخه {ver}.",
        "Inspection {id} of agency {agency} on {date} ({kind}, {joint}), checklist {cl} version {ver}.",
    ),
    "joint": ("مشترک", "joint"),
    "not_joint": ("غیرمشترک", "not joint"),
    "rule": (
        "ارزش هر بند (رعایت‌شده ۱، تا حدودی ۰٫۵، رعایت‌نشده ۰، سطح k از n سطح: k/(n-1)) در وزنش ضرب "
        "می‌شود؛ امتیاز هر بخش ۱۰۰ × میانگین وزنی بندهای آن است و امتیاز بازرسی میانگین وزنی بخش‌ها.",
        "Each item's value (compliant 1, partial 0.5, non-compliant 0, level k of n levels: k/(n-1)) "
        "is weighted; a section scores 100 × the weighted mean of its items, the inspection the "
        "weighted mean of its sections.",
    ),
    "section": (
        "بخش {code} «{title}» (وزن {w}): {score} = ۱۰۰ × {num} / {den}",
        'Section {code} "{title}" (weight {w}): {score} = 100 × {num} / {den}',
    ),
    "section_na": (
        "بخش {code} «{title}» (وزن {w}): بدون امتیاز، همه بندها موضوعیت ندارند",
        'Section {code} "{title}" (weight {w}): no score, every item is not applicable',
    ),
    "section_un": (
        "بخش {code} «{title}» (وزن {w}): بدون امتیاز، هیچ بند دارای موضوعیتی پاسخ داده نشده",
        'Section {code} "{title}" (weight {w}): no score, no applicable item answered',
    ),
    "critical": ("[حیاتی] ", "[critical] "),
    "item": (
        "  {code} {crit}{answer}: ارزش {v} × وزن {w}؛ {points} امتیاز",
        "  {code} {crit}{answer}: value {v} × weight {w}; +{points} points",
    ),
    "lost": (" ({lost} امتیاز از دست رفته)", " ({lost} lost)"),
    "item_na": (
        "  {code} {crit}موضوعیت ندارد: کنار گذاشته شد",
        "  {code} {crit}not applicable: left out",
    ),
    "item_un_zero": (
        "  {code} {crit}بی‌پاسخ: صفر منظور شد × وزن {w}؛ {points} امتیاز",
        "  {code} {crit}unanswered: counted as 0 × weight {w}; +{points} points",
    ),
    "item_un_out": ("  {code} {crit}بی‌پاسخ: کنار گذاشته شد", "  {code} {crit}unanswered: left out"),
    "level": ("سطح {k} از ۰ تا {top}", "level {k} (of 0–{top})"),
    "raw": (
        "امتیاز پیش از سقف: {raw} = ({terms}) / {den}",
        "Score before the cap: {raw} = ({terms}) / {den}",
    ),
    "capped": (
        "بندهای حیاتی رعایت‌نشده: {codes}؛ امتیاز به سقف {cap} محدود شد: {raw} ← {score}.",
        "Critical items non-compliant: {codes}; the score is capped at {cap}: {raw} → {score}.",
    ),
    "cap_idle": (
        "بندهای حیاتی رعایت‌نشده: {codes}؛ سقف {cap} امتیاز {raw} را پایین نیاورد.",
        "Critical items non-compliant: {codes}; the cap of {cap} did not lower the score {raw}.",
    ),
    "score": (
        "امتیاز: {score}، درجه: {grade}. وضعیت: {status}.",
        "Score: {score}, grade: {grade}. Status: {status}.",
    ),
    "no_grade": ("ندارد", "none"),
    "completeness": (
        "میزان تکمیل: {pct} ({answered} از {applicable} بند دارای موضوعیت پاسخ داده شد).",
        "Completeness: {pct} ({answered} of {applicable} applicable items answered).",
    ),
    "no_applicable_item": (
        "بدون امتیاز: همه بندها «موضوعیت ندارد» پاسخ داده شدند.",
        "No score: every item was answered not applicable.",
    ),
    "no_answered_item": (
        "بدون امتیاز: هیچ بند دارای موضوعیتی پاسخ داده نشد و طبق ضوابط بندهای بی‌پاسخ کنار گذاشته می‌شوند.",
        "No score: no applicable item was answered, and the policy leaves unanswered items out.",
    ),
    "below_min_completeness": (
        "ناقص: میزان تکمیل {pct} کمتر از حداقل {min} مقرر در ضوابط است؛ امتیاز نشان داده می‌شود ولی درجه ندارد و "
        "در هیچ شاخص یا رتبه‌بندی وارد نمی‌شود.",
        "Incomplete: completeness {pct} is below the policy minimum of {min}; the score is shown "
        "but has no grade and enters no index or ranking.",
    ),
    "stamps": (
        "{criteria} · اثر انگشت چک‌لیست {fp}… · citizenrights {lib}",
        "Policy {policy} · checklist fingerprint {fp}… · citizenrights {lib}",
    ),
}


# Each sentence as say()'s keyword arguments: say(lang, **_TEXT["head"]).
_TEXT: Final[Mapping[str, Mapping[str, str]]] = {
    key: {"fa": fa, "en": en} for key, (fa, en) in _SENTENCES.items()
}


def _fixed(x: float, places: int, lang: Lang) -> str:
    """A score, a contribution or a cap: ``places`` decimals, as the policy shows scores."""
    return number(float(x), lang, places)


def _short(x: float, lang: Lang) -> str:
    """A weight, a value or a percent: at most four decimals, without trailing zeros."""
    return number(float(x), lang, 4, trim_zeros=True)


def _answer(item: _Item, levels: int | None, lang: Lang) -> str:
    if isinstance(item.answer, Answer):
        return label(item.answer, lang)
    top = (levels or 2) - 1
    return say(lang, **_TEXT["level"]).format(
        k=local_digits(str(item.answer), lang), top=local_digits(top, lang)
    )


def _section_lines(
    score: _Score, section: _Section, levels: Mapping[str, int | None], lang: Lang
) -> list[str]:
    fx = score.policy.decimals
    head = {"code": section.code, "title": section.title, "w": _short(section.weight, lang)}
    if section.status == "not_applicable":
        lines = [say(lang, **_TEXT["section_na"]).format(**head)]
    elif section.status == "unanswered":
        lines = [say(lang, **_TEXT["section_un"]).format(**head)]
    else:
        counted = [i for i in section.items if i.counted]
        num = sum(i.weight * (i.value or 0.0) for i in counted)
        den = sum(i.weight for i in counted)
        lines = [
            say(lang, **_TEXT["section"]).format(
                **head,
                score=_fixed(section.score or 0.0, fx, lang),
                num=_short(num, lang),
                den=_short(den, lang),
            )
        ]
    for item in section.items:
        fields = {
            "code": item.code,
            "crit": say(lang, **_TEXT["critical"]) if item.critical else "",
            "w": _short(item.weight, lang),
            "points": _fixed(item.contribution or 0.0, fx, lang),
        }
        if item.status == "not_applicable":
            lines.append(say(lang, **_TEXT["item_na"]).format(**fields))
        elif item.status == "unanswered":
            key = "item_un_zero" if item.counted else "item_un_out"
            lines.append(say(lang, **_TEXT[key]).format(**fields))
        else:
            line = say(lang, **_TEXT["item"]).format(
                **fields,
                answer=_answer(item, levels.get(item.code), lang),
                v=_short(item.value or 0.0, lang),
            )
            if item.lost:
                line += say(lang, **_TEXT["lost"]).format(lost=_fixed(item.lost, fx, lang))
            lines.append(line)
    return lines


def explain_inspection(score: _Score, lang: Lang, *, levels: Mapping[str, int | None]) -> str:
    """The trace of [`InspectionScore.explain`][citizenrights.scoring.inspection_results.InspectionScore.explain].

    ``levels`` gives the number of levels of each graded item by code (``None`` for the named
    scales), from the checklist the score was made against.
    """
    lang = check_lang(lang)
    fx = score.policy.decimals
    lines = [
        say(lang, **_TEXT["head"]).format(
            id=score.inspection_id,
            agency=score.agency_id,
            date=jalali(score.date, lang),
            kind=label(score.kind, lang),
            joint=say(lang, **_TEXT["joint" if score.joint else "not_joint"]),
            cl=score.checklist_id,
            ver=score.checklist_version,
        ),
        say(lang, **_TEXT["rule"]),
        "",
    ]
    for section in score.sections:
        lines.extend(_section_lines(score, section, levels, lang))
    lines.append("")
    if score.reason in ("no_applicable_item", "no_answered_item"):
        lines.append(say(lang, **_TEXT[score.reason]))
    else:
        present = [s for s in score.sections if s.score is not None]
        terms = " + ".join(
            f"{_short(s.weight, lang)} × {_fixed(s.score or 0.0, fx, lang)}" for s in present
        )
        lines.append(
            say(lang, **_TEXT["raw"]).format(
                raw=_fixed(score.raw_score or 0.0, fx, lang),
                terms=terms,
                den=_short(sum(s.weight for s in present), lang),
            )
        )
        if score.capped_by:
            lowered = (score.raw_score or 0.0) > score.policy.critical_cap
            lines.append(
                say(lang, **_TEXT["capped" if lowered else "cap_idle"]).format(
                    codes=join_list(score.capped_by, lang),
                    cap=_fixed(score.policy.critical_cap, fx, lang),
                    raw=_fixed(score.raw_score or 0.0, fx, lang),
                    score=_fixed(score.score or 0.0, fx, lang),
                )
            )
        grade = (
            label(score.grade, lang) if score.grade is not None else say(lang, **_TEXT["no_grade"])
        )
        lines.append(
            say(lang, **_TEXT["score"]).format(
                score=_fixed(score.score or 0.0, fx, lang),
                grade=grade,
                status=label(score.status, lang),
            )
        )
    if score.completeness is not None:
        pct = percent(score.completeness, lang, 1, trim_zeros=True)
        lines.append(
            say(lang, **_TEXT["completeness"]).format(
                pct=pct,
                answered=local_digits(score.answered_items, lang),
                applicable=local_digits(score.applicable_items, lang),
            )
        )
        if score.reason == "below_min_completeness":
            lines.append(
                say(lang, **_TEXT["below_min_completeness"]).format(
                    pct=pct, min=percent(score.policy.min_completeness, lang, 1, trim_zeros=True)
                )
            )
    lines.append(
        say(lang, **_TEXT["stamps"]).format(
            policy=score.policy_version,
            criteria=term("scoring_rules", lang).format(
                version=local_digits(score.policy_version, lang)
            ),
            fp=score.checklist_fingerprint[:12],
            lib=score.library_version,
        )
    )
    return "\n".join(lines)
