"""Why an agency index, a roll-up or a rank is what it is, in Persian or English (private).

The text behind [`AgencyIndex.explain`][citizenrights.scoring.index_results.AgencyIndex.explain],
[`IndexComponent.explain`][citizenrights.scoring.index_results.IndexComponent.explain],
[`RollUp.explain`][citizenrights.scoring.rollup.RollUp.explain] and
[`Ranked.explain`][citizenrights.scoring.ranking.Ranked.explain]. Those modules import this one,
so it reads their results through the protocols below and imports none of them. Everything is
said through [`citizenrights.vocabulary`][citizenrights.vocabulary]: scores with two places, weights
with up to four, shares as percents, Persian digits and the Persian comma in ``fa``.
"""

from __future__ import annotations

import enum
from collections.abc import Mapping, Sequence
from typing import Protocol

from citizenrights.calendar import JalaliPeriod
from citizenrights.vocabulary import (
    TERMS,
    Lang,
    check_lang,
    join_list,
    label,
    local_digits,
    number,
    say,
    term,
)
from citizenrights.vocabulary import percent as pct

__all__ = ["explain_component", "explain_index", "explain_ranked", "explain_roll_up"]


class _Rate(Protocol):
    @property
    def name(self) -> str: ...
    @property
    def numerator(self) -> int: ...
    @property
    def denominator(self) -> int: ...
    @property
    def points(self) -> float: ...
    @property
    def small_sample(self) -> bool: ...


class _Component(Protocol):
    @property
    def name(self) -> enum.Enum: ...
    @property
    def value(self) -> float | None: ...
    @property
    def weight(self) -> float: ...
    @property
    def share(self) -> float: ...
    @property
    def rates(self) -> Sequence[_Rate]: ...
    @property
    def evidence(self) -> Mapping[str, int | float]: ...


class _Index(Protocol):
    @property
    def agency_id(self) -> str: ...
    @property
    def period(self) -> JalaliPeriod: ...
    @property
    def score(self) -> float | None: ...
    @property
    def coverage(self) -> float: ...
    @property
    def missing(self) -> Sequence[enum.Enum]: ...
    @property
    def reason(self) -> str | None: ...
    @property
    def policy_version(self) -> str: ...


def _weight(x: float, lang: Lang) -> str:
    return number(float(x), lang, 4, trim_zeros=True)


def _criteria(version: str, lang: Lang) -> str:
    return term("scoring_rules", lang).format(version=local_digits(version, lang))


_RATES = {
    "upheld_per_service": (
        f"{TERMS['upheld_complaints'][0]} به ازای خدمات",
        "upheld complaints per service",
    ),
    "on_time": ("شکایات پاسخ‌داده‌شده در مهلت", "complaints closed on time"),
    "trained": ("کارکنان آموزش‌دیده", "staff trained"),
    "with_ngo": ("بازرسی‌های با عضو سازمان مردم‌نهاد", "inspections with an NGO member"),
}
# Why a component has no value, by component (the index's reason texts, in both languages).
_NO_DATA = {
    "inspection": ("هیچ بازرسی امتیازدار در دوره نیست", "no scored inspection in the period"),
    "complaints": (
        "نه تعداد خدمات دوره در آمار هست و نه شکایت مختومه‌ای",
        "no services in the period's stats and no closed complaint",
    ),
    "training": ("تعداد کارکنان دوره در آمار نیست", "no staff count in the period's stats"),
    "satisfaction": ("هیچ پاسخ نظرسنجی در دوره نیست", "no survey response in the period"),
    "ngo_participation": ("هیچ بازرسی در دوره نیست", "no inspection in the period"),
}


def explain_component(component: _Component, lang: Lang) -> str:
    """One component: its value, weight and share, the rates it rests on, or why it is missing."""
    lang = check_lang(lang)
    name = label(component.name, lang)
    w = _weight(component.weight, lang)
    if component.value is None:
        fa, en = _NO_DATA.get(str(component.name.value), ("داده ندارد", "no data"))
        why = say(lang, fa=fa, en=en)
        return say(
            lang,
            fa=f"- {name} (وزن {w}): بدون داده، کنار گذاشته شد ({why}).",
            en=f"- {name} (weight {w}): no data, left out ({why}).",
        )
    value, share = number(component.value, lang), pct(component.share, lang)
    lines = [
        say(
            lang,
            fa=f"- {name}: امتیاز {value}، وزن {w} (سهم پس از بازتقسیم {share})",
            en=f"- {name}: score {value}, weight {w} (share after re-normalising {share})",
        )
    ]
    for rate in component.rates:
        fa, en = _RATES.get(rate.name, (rate.name, rate.name))
        num, den = local_digits(rate.numerator, lang), local_digits(rate.denominator, lang)
        points = number(rate.points, lang)
        small = say(lang, fa="؛ نمونهٔ کوچک", en="; small sample") if rate.small_sample else ""
        lines.append(
            say(
                lang,
                fa=f"  {fa}: {num} از {den}، {points} امتیاز{small}",
                en=f"  {en}: {num} of {den}, {points} points{small}",
            )
        )
    return "\n".join(lines)


def explain_index(index: _Index, components: Sequence[_Component], lang: Lang) -> str:
    """An agency index: the score, the weighted mean that made it, each component, the coverage."""
    lang = check_lang(lang)
    period, criteria = index.period.label(lang), _criteria(index.policy_version, lang)
    agency = index.agency_id
    if index.score is None:
        head = say(
            lang,
            fa=f"دستگاه {agency}، {period}: بدون امتیاز (طبق {criteria}).",
            en=f"Agency {agency}, {period}: no score (by the {criteria}).",
        )
    else:
        score = number(index.score, lang)
        head = say(
            lang,
            fa=f"دستگاه {agency}، {period}: امتیاز {score} از ۱۰۰، طبق {criteria}.",
            en=f"Agency {agency}, {period}: score {score} of 100, by the {criteria}.",
        )
    lines = [
        head,
        say(
            lang,
            fa="امتیاز میانگین وزنی امتیاز مؤلفه‌های دارای داده است؛ وزن مؤلفه‌های بی‌داده میان "
            "بقیه بازتقسیم می‌شود.",
            en="The score is the weighted mean of the components with data; the weight of a "
            "component without data is shared among the others.",
        ),
    ]
    lines.extend(explain_component(c, lang) for c in components)
    present = [c for c in components if c.value is not None]
    if index.score is not None:
        terms = " + ".join(f"{_weight(c.weight, lang)} × {number(c.value, lang)}" for c in present)
        total = _weight(sum(c.weight for c in present), lang)
        lines.append(f"{say(lang, fa='امتیاز', en='Score')} = ({terms}) / {total}")
    elif index.reason == "required_missing":
        lines.append(
            say(
                lang,
                fa="بدون امتیاز: مؤلفه‌ای که ضوابط الزامی می‌داند داده ندارد.",
                en="No score: a component the rules require has no data.",
            )
        )
    else:
        lines.append(
            say(
                lang,
                fa="بدون امتیاز: هیچ مؤلفه‌ای داده ندارد.",
                en="No score: no component has data.",
            )
        )
    coverage = pct(index.coverage, lang)
    missing = join_list((label(c, lang) for c in index.missing), lang)
    line = say(
        lang,
        fa=f"{term('data_coverage', lang)}: {coverage} از وزن کل",
        en=f"{term('data_coverage', lang)}: {coverage} of the total weight",
    )
    if index.missing:
        line += say(
            lang, fa=f"؛ مؤلفه‌های بی‌داده: {missing}.", en=f"; components without data: {missing}."
        )
    else:
        line += say(lang, fa="؛ همهٔ مؤلفه‌ها داده دارند.", en="; every component has data.")
    lines.append(line)
    return "\n".join(lines)


class _RollUp(Protocol):
    @property
    def level(self) -> str: ...
    @property
    def area(self) -> str: ...
    @property
    def period(self) -> JalaliPeriod: ...
    @property
    def score(self) -> float | None: ...
    @property
    def weights(self) -> str: ...
    @property
    def agencies(self) -> Sequence[str]: ...
    @property
    def left_out(self) -> Sequence[str]: ...
    @property
    def total_weight(self) -> float: ...
    @property
    def policy_versions(self) -> Sequence[str]: ...


def explain_roll_up(roll_up: _RollUp, lang: Lang, *, national: str, unknown: str) -> str:
    """A roll-up: the area, the mean and how it was weighted, the agencies in it and left out."""
    lang = check_lang(lang)
    if roll_up.area == national:
        area = say(lang, fa="کل کشور", en="The whole country")
    elif roll_up.area == unknown:
        area = say(lang, fa="دستگاه‌های بدون استان", en="Agencies without a province")
    else:
        area = say(lang, fa=f"استان {roll_up.area}", en=f"Province {roll_up.area}")
    period = roll_up.period.label(lang)
    n = local_digits(len(roll_up.agencies), lang)
    if roll_up.score is None:
        lines = [
            say(
                lang,
                fa=f"{area}، {period}: بدون امتیاز؛ هیچ دستگاهی امتیاز ندارد.",
                en=f"{area}, {period}: no score; no agency has one.",
            )
        ]
    else:
        score = number(roll_up.score, lang)
        if roll_up.weights == "staff":
            people = local_digits(int(roll_up.total_weight), lang)
            how = say(
                lang,
                fa=f"میانگین امتیاز {n} دستگاه، وزن‌دار به تعداد کارکنان (مجموع {people} نفر)",
                en=f"the mean score of {n} agencies weighted by staff ({people} people in all)",
            )
        else:
            how = say(
                lang,
                fa=f"میانگین ساده امتیاز {n} دستگاه (هر دستگاه یک بار)",
                en=f"the plain mean score of {n} agencies (each once)",
            )
        lines = [
            say(
                lang,
                fa=f"{area}، {period}: امتیاز {score}، {how}.",
                en=f"{area}, {period}: score {score}, {how}.",
            )
        ]
        lines.append(
            f"{say(lang, fa='دستگاه‌ها', en='Agencies')}: {join_list(roll_up.agencies, lang)}."
        )
    if roll_up.left_out:
        ids = join_list(roll_up.left_out, lang)
        staff = roll_up.weights == "staff"
        lines.append(
            say(
                lang,
                fa=f"کنار گذاشته ({'بدون امتیاز یا بدون تعداد کارکنان' if staff else 'بدون امتیاز'}): {ids}.",
                en=f"Left out ({'no score, or no staff count' if staff else 'no score'}): {ids}.",
            )
        )
    versions = join_list((_criteria(v, lang) for v in roll_up.policy_versions), lang)
    lines.append(say(lang, fa=f"طبق {versions}.", en=f"By the {versions}."))
    return "\n".join(lines)


class _Ranked(Protocol):
    @property
    def id(self) -> str: ...
    @property
    def group(self) -> str | None: ...
    @property
    def rank(self) -> int | None: ...
    @property
    def score(self) -> float | None: ...
    @property
    def display(self) -> float | None: ...


def explain_ranked(
    entry: _Ranked, lang: Lang, *, tied_with: Sequence[str], scored: int, decimals: int
) -> str:
    """A rank: the group, the score it was decided on, the ties and the competition rule."""
    lang = check_lang(lang)
    if entry.group is None:
        group = say(lang, fa="بدون گروه همتا", en="no peer group")
    else:
        group = say(lang, fa=f"گروه «{entry.group}»", en=f'group "{entry.group}"')
    if entry.rank is None or entry.display is None:
        return say(
            lang,
            fa=f"{entry.id}، {group}: بدون امتیاز؛ رتبه ندارد و پس از دستگاه‌های رتبه‌دار می‌آید.",
            en=f"{entry.id}, {group}: no score; no rank, listed after the ranked ones.",
        )
    places = local_digits(decimals, lang)
    rank, of = local_digits(entry.rank, lang), local_digits(scored, lang)
    shown, exact = number(entry.display, lang, decimals), _weight(entry.score or 0.0, lang)
    lines = [
        say(
            lang,
            fa=f"{entry.id}: رتبهٔ {rank} از {of} در {group}، با امتیاز {shown} "
            f"({exact} گرد‌شده به {places} رقم اعشار).",
            en=f"{entry.id}: rank {rank} of {of} in {group}, with score {shown} "
            f"({exact} rounded to {places} places).",
        )
    ]
    if tied_with:
        ids = join_list(tied_with, lang)
        lines.append(
            say(
                lang,
                fa=f"هم‌رتبه با {ids}: امتیاز گرد‌شدهٔ برابر.",
                en=f"Tied with {ids}: the same rounded score.",
            )
        )
    lines.append(
        say(
            lang,
            fa="رتبه‌بندی رقابتی (۱، ۲، ۲، ۴): امتیازهایی که پس از گرد کردن برابرند رتبهٔ مشترک "
            "می‌گیرند و رتبهٔ بعدی به تعداد هم‌رتبه‌ها جلو می‌رود.",
            en="Competition ranking (1, 2, 2, 4): scores equal once rounded share a rank, and the "
            "next rank skips as many places as tied.",
        )
    )
    return "\n".join(lines)
