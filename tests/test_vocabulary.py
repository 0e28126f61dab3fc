"""The vocabulary: one language check everywhere, every enum label in both languages, and the
formatting of numbers, percents, dates and lists."""

from __future__ import annotations

import enum
import inspect
import random
import re
from collections.abc import Callable
from datetime import date
from decimal import Decimal
from typing import Any

import pytest

import citizenrights
from citizenrights import (
    Affiliation,
    Answer,
    ComplaintOutcome,
    ComplaintSeverity,
    ComplaintStatus,
    ComponentName,
    ContributionKind,
    EligibilityStatus,
    FestivalBand,
    Grade,
    GroupScope,
    InspectionKind,
    InspectionStatus,
    JalaliPeriod,
    Post,
    PostKind,
    PostLevel,
    ProgrammeItemProgress,
    ProgrammeItemStatus,
    PublicationKind,
    ReportingEvery,
    ResolutionStatus,
    Severity,
    TrainingAudience,
    TrainingRole,
    UnsupportedLanguageError,
    assess_eligibility,
    build_annual_report,
    build_progress_report,
    build_report,
    festival_csv,
    festival_html,
    festival_indicator,
    festival_markdown,
    load_demo,
    memorandum_markdown,
    ngo_participation,
    training_markdown,
    vocabulary,
)
from citizenrights.calendar import PeriodKind, period_of
from citizenrights.models.people import CandidateRecord
from citizenrights.reporting.render import agency_report_markdown, report_markdown
from citizenrights.scoring.rounding import round_half_up
from citizenrights.vocabulary import (
    LABELS,
    LANGUAGES,
    Lang,
    check_lang,
    fa_digits,
    jalali,
    join_list,
    label,
    local_digits,
    number,
    percent,
    say,
    term,
)

#: Every enum whose members are said to a person.
LABELLED: tuple[type[enum.Enum], ...] = (
    Affiliation,
    Answer,
    ComplaintOutcome,
    ComplaintSeverity,
    ComplaintStatus,
    ComponentName,
    ContributionKind,
    EligibilityStatus,
    FestivalBand,
    Grade,
    GroupScope,
    InspectionKind,
    InspectionStatus,
    PostKind,
    PostLevel,
    ProgrammeItemStatus,
    PublicationKind,
    ReportingEvery,
    ResolutionStatus,
    Severity,
    TrainingAudience,
    TrainingRole,
)
#: Public enums that are never said to a person as a label: codes, or named by the data.
NOT_LABELLED = {
    "AgencyKind",  # a registry code
    "ComplaintChannel",  # never shown
    "Format",  # CLI option values
    "PeriodKind",  # periods are said by JalaliPeriod.label
    "Province",  # names come from the province table
    "ReasonCode",  # stable codes programs match on
    "Scale",  # checklist scale codes
}
BAD_LANGS: tuple[object, ...] = ("de", "", "FA", "En", " fa", None, 1)


# -- the entry points ------------------------------------------------------------------------------


def _entry_points() -> dict[str, Callable[[Any], str]]:
    """Every public ``label``/``explain``/``text``/``to_markdown`` that takes a language."""
    demo = load_demo()
    report = build_report(demo, "1397-Q4", scope="IR-10")
    agency = report.for_agency(report.ranking[0].agency_id)
    progress = build_progress_report(demo, as_of="1397/12/29", group_id="wg-national")
    record = CandidateRecord.model_validate({"person_id": "0499370899", "name": "مریم احمدی"})
    decision = assess_eligibility(record, Post.parse("managerial:middle"), as_of="1397/01/15")
    score = next(iter(report_scores(demo)))
    critical = report.critical[0]
    item = ProgrammeItemProgress(
        programme_id="P-1",
        number=1,
        title="آموزش",
        resolutions=("R-1",),
        status=ProgrammeItemStatus.OPEN,
        overdue=(),
    )
    overdue = progress.overdue[0]
    evaluation = citizenrights.evaluate(demo, "1397-Q4", scope="IR-10")
    index = next(iter(evaluation.indices.values()))
    roll_up = citizenrights.roll_up(evaluation.indices.values(), demo.agencies)[0]
    annual = build_annual_report(demo, 1397, "IR-10")
    festival = festival_indicator(demo, 1397)
    group, measure = festival.policy.groups[0], festival.policy.measures[0]
    ngos = ngo_participation(demo.agencies, demo.inspections, demo.ngos, demo.ngo_reports, "1397")
    memorandum = progress.memorandum
    assert memorandum is not None
    by_id = {a.id: a for a in demo.agencies}
    return {
        "vocabulary.label": lambda lang: label(Grade.GOOD, lang),
        "vocabulary.say": lambda lang: say(lang, fa="بله", en="yes"),
        "Grade.label": Grade.GOOD.label,
        "EligibilityStatus.label": EligibilityStatus.CONDITIONAL.label,
        "JalaliPeriod.label": JalaliPeriod.parse("1396-Q3").label,
        "InspectionScore.explain": score.explain,
        "EligibilityDecision.explain": decision.explain,
        "Reason.text": decision.reasons[0].text,
        "ProgrammeItemProgress.explain": item.explain,
        "GroupProgress.explain": progress.progress.explain,
        "Coverage.explain": progress.coverage.explain,
        "OverdueFinding.explain": overdue.explain,
        "AgencyIndex.explain": index.explain,
        "IndexComponent.explain": index.components["inspection"].explain,
        "RollUp.explain": roll_up.explain,
        "Ranked.explain": evaluation.ranking[0].explain,
        "CriticalFinding.text": critical.text,
        "Report.to_markdown": report.to_markdown,
        "AgencyReport.to_markdown": agency.to_markdown,
        "ProgressReport.to_markdown": progress.to_markdown,
        "report_markdown": lambda lang: report_markdown(report, lang),
        "agency_report_markdown": lambda lang: agency_report_markdown(agency, lang),
        "FestivalBand.label": FestivalBand.GOOD.label,
        "FestivalGroup.name": group.name,
        "FestivalMeasure.title": measure.title,
        "festival_markdown": lambda lang: festival_markdown(festival, lang),
        "festival_html": lambda lang: festival_html(festival, lang),
        "festival_csv": lambda lang: festival_csv(festival, lang),
        "AnnualReport.to_markdown": annual.to_markdown,
        "AnnualReport.to_html": annual.to_html,
        "NGOParticipation.explain": ngos.explain,
        "training_markdown": lambda lang: training_markdown(memorandum.training, lang),
        "memorandum_markdown": lambda lang: memorandum_markdown(memorandum, by_id, lang),
    }


def report_scores(demo: citizenrights.Dataset) -> list[citizenrights.InspectionScore]:
    """Scores of the demo's inspections, each against its own checklist."""
    return [
        citizenrights.score_inspection(i, demo.checklists[(i.checklist_id, i.checklist_version)])
        for i in demo.inspections[:1]
    ]


@pytest.fixture(scope="module")
def entry_points() -> dict[str, Callable[[Any], str]]:
    return _entry_points()


def test_every_entry_point_speaks_both_languages(
    entry_points: dict[str, Callable[[Any], str]],
) -> None:
    """Each entry point gives a non-empty text in ``fa`` and in ``en``."""
    for name, call in entry_points.items():
        for lang in LANGUAGES:
            assert call(lang), (name, lang)


@pytest.mark.parametrize("lang", BAD_LANGS)
def test_every_entry_point_refuses_an_unknown_language_the_same_way(
    entry_points: dict[str, Callable[[Any], str]], lang: object
) -> None:
    """``"de"``, ``""``, ``"FA"`` (the codes are case-sensitive), ``None`` and a number raise
    `UnsupportedLanguageError`, a ``ValueError``, with one message naming the value, from every
    entry point: none silently falls back to English."""
    for name, call in entry_points.items():
        with pytest.raises(UnsupportedLanguageError) as caught:
            call(lang)
        assert isinstance(caught.value, ValueError), name
        assert isinstance(caught.value, citizenrights.CitizenRightsError), name
        assert caught.value.value == lang, name
        assert str(caught.value) == f"lang must be 'fa' or 'en'; got {lang!r}.", name


def test_the_entry_point_table_is_complete(entry_points: dict[str, Callable[[Any], str]]) -> None:
    """Every public class with an ``explain``, ``label``, ``text`` or ``to_markdown`` taking a
    ``lang`` is in the table above, so a new one must be added (and so checked)."""
    found = set()
    for name in citizenrights.__all__:
        obj = getattr(citizenrights, name)
        if not isinstance(obj, type):
            continue
        for method in ("explain", "label", "text", "to_markdown"):
            fn = getattr(obj, method, None)
            if callable(fn) and "lang" in inspect.signature(fn).parameters:
                found.add(f"{name}.{method}")
    assert found <= set(entry_points), found - set(entry_points)


def test_check_lang() -> None:
    """`check_lang` returns the two codes and refuses the rest."""
    assert [check_lang(lang) for lang in LANGUAGES] == ["fa", "en"]
    with pytest.raises(UnsupportedLanguageError, match="'de'"):
        check_lang("de")


# -- labels ---------------------------------------------------------------------------------------


@pytest.mark.parametrize("enum_cls", LABELLED, ids=lambda c: c.__name__)
def test_every_member_has_both_labels(enum_cls: type[enum.Enum]) -> None:
    """Each member of each labelled enum has a Persian and an English label, the Persian one in
    Persian script; a new member without labels fails here."""
    for member in enum_cls:
        fa, en = label(member, "fa"), label(member, "en")
        assert fa, member
        assert en, member
        assert any("\u0600" <= ch <= "\u06ff" for ch in fa), (member, fa)
        assert en.isascii(), (member, en)
    assert set(LABELS[enum_cls.__name__]) == {m.value for m in enum_cls}


def test_every_public_enum_is_labelled_or_listed_as_not_said() -> None:
    """Every public enum of the package is labelled or listed as never said to a person, and the
    label table holds no enum that does not exist."""
    public = {
        name
        for name in citizenrights.__all__
        if isinstance(getattr(citizenrights, name), type)
        and issubclass(getattr(citizenrights, name), enum.Enum)
    }
    labelled = {c.__name__ for c in LABELLED}
    assert public - NOT_LABELLED == labelled
    assert set(LABELS) == labelled


@pytest.mark.parametrize(
    ("member", "fa", "en"),
    [
        (Grade.NEEDS_IMPROVEMENT, "نیازمند بهبود", "Needs improvement"),
        (InspectionKind.AD_HOC, "نوبه‌ای", "ad hoc"),
        (InspectionKind.FOLLOW_UP, "پیگیری", "follow-up"),
        (Severity.CRITICAL, "بحرانی", "critical"),
        (EligibilityStatus.CONDITIONAL, "مشروط", "conditional"),
        (ProgrammeItemStatus.NO_RESOLUTION, "بدون مصوبه", "no resolution"),
        (Affiliation.NGO, "سازمان مردم‌نهاد", "NGO"),
        (GroupScope.AGENCY, "دستگاهی", "agency"),
        (Answer.NON_COMPLIANT, "رعایت‌نشده", "non-compliant"),
        (ComponentName.SATISFACTION, "رضایت ارباب رجوع", "satisfaction"),
    ],
)
def test_labels_keep_the_wording_the_reports_use(member: enum.Enum, fa: str, en: str) -> None:
    """The labels are the words the reports and explanations printed before the vocabulary, and
    the enums' own ``label`` methods read them."""
    assert (label(member, "fa"), label(member, "en")) == (fa, en)
    own = getattr(member, "label", None)
    if callable(own):
        assert (own("fa"), own("en")) == (fa, en)


def test_label_of_an_enum_not_in_the_vocabulary_is_a_lookup_error() -> None:
    """An enum that has no labels is refused, never shown as its raw value."""

    class Colour(enum.Enum):
        RED = "red"

    with pytest.raises(LookupError, match="Colour"):
        label(Colour.RED, "fa")


# -- numbers, percents, dates and lists -----------------------------------------------------------


@pytest.mark.parametrize(
    ("call", "expected"),
    [
        (lambda: fa_digits("12.5"), "۱۲٫۵"),
        (lambda: fa_digits(7), "۷"),
        (lambda: local_digits("0.5", "fa"), "۰٫۵"),
        (lambda: local_digits(0.5, "en"), "0.5"),
        (lambda: number(74.995, "en"), "75.00"),
        (lambda: number(74.995, "fa"), "۷۵٫۰۰"),
        (lambda: number(2.675, "en"), "2.68"),  # half up on the printed value, not half even
        (lambda: number(-1.5, "fa", 0), "−۲"),  # Persian minus sign
        (lambda: number(12, "fa"), "۱۲"),  # an int as it is
        (lambda: number(None, "fa"), "–"),
        (lambda: number(0.125, "en", 2), "0.13"),
        (lambda: percent(0.625, "en"), "62.5%"),
        (lambda: percent(0.625, "fa"), "۶۲٫۵٪"),
        (lambda: percent(1, "fa", 0), "۱۰۰٪"),
        (lambda: percent(None, "en"), "–"),
        (lambda: jalali(date(2017, 10, 7), "fa"), "۱۳۹۶/۰۷/۱۵"),
        (lambda: jalali(date(2017, 10, 7), "en"), "1396/07/15"),
        (lambda: jalali(date(2021, 3, 20), "en"), "1399/12/30"),  # a leap Esfand 30
        (lambda: join_list(["R1", "R2"], "fa"), "R1، R2"),
        (lambda: join_list(["R1", "R2"], "en"), "R1, R2"),
        (lambda: join_list([], "fa"), ""),
        (lambda: say("fa", fa="بله", en="yes"), "بله"),
        (lambda: say("en", fa="بله", en="yes"), "yes"),
    ],
)
def test_formatting(call: Callable[[], str], expected: str) -> None:
    """Numbers, percents, dates and lists in each language."""
    assert call() == expected


@pytest.mark.parametrize("value", [float("nan"), float("inf")])
def test_number_refuses_what_is_not_finite(value: float) -> None:
    """A number that is not finite is an error, as in ``round_half_up``, not ``'nan'``."""
    with pytest.raises(ValueError, match="finite"):
        number(value, "en")


def test_the_module_is_public() -> None:
    """The vocabulary is a public module whose main names are exported from the package."""
    assert vocabulary.__name__ == "citizenrights.vocabulary"
    for name in ("LANGUAGES", "Lang", "UnsupportedLanguageError", "check_lang", "label", "say"):
        assert name in citizenrights.__all__


# -- one number formatter: the helpers it replaced, kept here as they were -------------------------
# scoring/_explain.py had _fixed and _short, scoring/_explain_index.py _weight,
# scoring/eligibility_results.py _number, followup/_short.py short_number and short_percent.
# Each now calls `number` or `percent`; these tests compare old and new on many values.


def _old_fixed(x: float, places: int, lang: Lang) -> str:
    return local_digits(f"{round_half_up(x, places):.{places}f}", lang)


def _old_short(x: float, lang: Lang) -> str:
    return local_digits(f"{round_half_up(x, 4):.4f}".rstrip("0").rstrip("."), lang)


def _old_weight(x: float, lang: Lang) -> str:
    return local_digits(f"{round(x, 4):.4f}".rstrip("0").rstrip("."), lang)


def _old_eligibility_number(value: float) -> str:
    text = f"{round_half_up(value, 2):.2f}".rstrip("0").rstrip(".")
    return "0" if text == "-0" else text


def _old_short_number(value: float, lang: Lang, decimals: int) -> str:
    text = number(float(value), "en", decimals)
    if "." in text:
        text = text.rstrip("0").removesuffix(".")
    return local_digits(text, lang)


def _old_short_percent(rate: float, lang: Lang) -> str:
    return _old_short_number(rate * 100, lang, 1) + ("٪" if lang == "fa" else "%")


def _no_negative_zero(old: str) -> str:
    """short_number said ``-0`` for a tiny negative; `number` says ``0``, as `_number` did."""
    return old[1:] if old in ("-0", "-0%", "-۰", "-۰٪") else old


_HALVES = [0.125, 2.5, 2.675, 74.995, 0.00015, 1.00005, 0.5, 1.5, 0.05, 0.0005, 66.66665]
_VALUES = sorted(
    {
        *_HALVES,
        *(-v for v in _HALVES),
        0.0,
        -0.0,
        -0.001,
        -0.004,
        1.0,
        3,
        12,
        100.0,
        2 / 3,
        1 / 3,
        0.1 + 0.2,
        123456.789,
        987654321.123456,
        1e12 + 0.5,
        *(random.Random(11).uniform(-1000, 1000) for _ in range(400)),
        *(
            random.Random(12).randint(-(10**6), 10**6) / 10**k
            for k in range(1, 7)
            for _ in range(50)
        ),
    }
)


def _fa_minus(old: str, lang: Lang) -> str:
    """The old helpers wrote a Latin hyphen before Persian digits; `number` writes a minus sign."""
    return old.replace("-", "−") if lang == "fa" else old


@pytest.mark.parametrize("lang", ["fa", "en"])
def test_number_says_what_the_old_helpers_said(lang: Lang) -> None:
    """Same text as every replaced helper, on halves, negatives, zero and large values.

    The one difference, for a negative number in Persian, is the Persian minus sign ``−`` in place
    of a hyphen (every number now shows as `number` shows it); no explained or reported number
    is negative but a change, which already used `number`.
    """
    for x in _VALUES:
        for places in (0, 1, 2, 4):
            assert number(float(x), lang, places) == _fa_minus(_old_fixed(x, places, lang), lang)
        assert number(float(x), lang, 4, trim_zeros=True) == _fa_minus(_old_short(x, lang), lang)
        for places in (1, 2):
            assert number(x, lang, places, trim_zeros=True) == _fa_minus(
                _no_negative_zero(_old_short_number(x, lang, places)), lang
            )
        old = _old_eligibility_number(x)
        assert number(float(x), lang, 2, trim_zeros=True) == _fa_minus(
            local_digits(old, lang), lang
        )
        rate = x / 1000
        assert percent(rate, lang, trim_zeros=True) == _fa_minus(
            _no_negative_zero(_old_short_percent(rate, lang)), lang
        )


@pytest.mark.parametrize("lang", ["fa", "en"])
def test_weights_are_now_rounded_half_up_like_every_other_number(lang: Lang) -> None:
    """`_weight` rounded with Python's ``round`` (on the binary value); now half up, as printed.

    They agree except on a printed half at the fifth place that the binary value falls short of.
    """
    for x in _VALUES:
        new = number(float(x), lang, 4, trim_zeros=True)
        exact = Decimal(repr(float(x)))
        if exact.as_tuple().exponent >= -5 and exact.scaleb(5) % 10 in (5, -5):
            continue  # a printed half at the fifth place: half up now
        assert new == _fa_minus(_old_weight(x, lang), lang), x
    assert _old_weight(0.00015, "en") == "0.0001"
    assert number(0.00015, "en", 4, trim_zeros=True) == "0.0002"


def test_trim_zeros() -> None:
    """A sentence's number: no trailing zeros, no point without decimals, no negative zero."""
    assert number(2.50, "en", 2, trim_zeros=True) == "2.5"
    assert number(3.0, "fa", 2, trim_zeros=True) == "۳"
    assert number(-0.001, "en", 2, trim_zeros=True) == "0"
    assert number(-0.001, "en", 2) == "-0.00"
    assert number(1200.0, "en", 0, trim_zeros=True) == "1200"
    assert percent(0.6, "fa", trim_zeros=True) == "۶۰٪"


# -- the Persian wording (the reporting issue's list): no old phrase in any Persian output ---------


@pytest.fixture(scope="module")
def persian_outputs() -> dict[str, str]:
    """Every Persian text the demo gives: reports (a province and the nation), each agency's
    report, each working group's progress report, and every explanation."""
    demo = load_demo()
    latest = period_of(max(i.date for i in demo.inspections), PeriodKind.QUARTER)
    texts: dict[str, str] = {}
    for scope in ("IR-10", None):
        report = build_report(demo, latest, scope=scope)
        texts[f"report {scope}"] = report.to_markdown("fa")
        for row in report.ranking:
            agency = report.for_agency(row.agency_id)
            texts[f"agency report {row.agency_id} {scope}"] = agency.to_markdown("fa")
    for group in demo.working_groups:
        progress = build_progress_report(demo, as_of=latest.end, group_id=group.id)
        texts[f"progress {group.id}"] = progress.to_markdown("fa")
    for i in demo.inspections:
        checklist = demo.checklists[(i.checklist_id, i.checklist_version)]
        texts[f"inspection {i.id}"] = citizenrights.score_inspection(i, checklist).explain("fa")
    evaluation = citizenrights.evaluate(demo, latest)
    for key, index in evaluation.indices.items():
        texts[f"index {key}"] = index.explain("fa")
    for ranked in evaluation.ranking:
        texts[f"rank {ranked.id}"] = ranked.explain("fa")
    for area in citizenrights.roll_up(evaluation.indices.values(), demo.agencies):
        texts[f"roll-up {area.area}"] = area.explain("fa")
    post = Post.parse("managerial:middle")
    for decision in citizenrights.assess_many(demo.candidates, post, as_of=latest.end):
        texts[f"eligibility {decision.person_id}"] = decision.explain("fa")
    return texts


# (old wording as a pattern, the wording now)
OLD_PERSIAN = [
    (r"شکایات? واردشده", "شکایت واردتشخیص‌داده‌شده"),
    (r"شکایات? شدید", "شکایت مربوط به تخلف شدید"),
    (r"وارد شناخته‌شده", "شکایات واردتشخیص‌داده‌شده"),
    (r"به‌موجب سیاست", "طبق ضوابط"),
    (r"سیاست نمره‌دهی", "ضوابط امتیازدهی، نسخهٔ ۱"),
    (r"سیاست \d", "ضوابط امتیازدهی، نسخهٔ ۱ (Persian digits)"),
    (r"بند کاربردی", "بند دارای موضوعیت"),
    (r"(?<!میزان )تکمیل:", "میزان تکمیل:"),
    (r"٫[۰-۹]{2,}٪", "a percent with one decimal: ۶۶٫۷٪"),
    (r"[\u0600-\u06ff], |, [\u0600-\u06ff]", "the Persian comma «،» in a list"),
    (r"بند حیاتی نامنطبق", "عدم انطباق در بند حیاتی"),
    (r"یافته بحرانی", "عدم انطباق در بند حیاتی"),
    (r"هنوز باز", "در جریان رسیدگی"),
    (r"آموزش‌دیده به حد نصاب", "دارای حداقل ساعات آموزش لازم"),
    (r"پوشش داده(?!‌ها)", "پوشش داده‌ها"),
    (r"نمره", "امتیاز"),
    (r"دامنه ملی", "سطح ملی"),
    (r"\([۰-۹]+ جلسه کمتر\)", "(یک جلسه کمتر از حد لازم)"),
    (r"رعایت شده|رعایت نشده", "رعایت‌شده / رعایت‌نشده (with a ZWNJ)"),
]


@pytest.mark.parametrize(("old", "now"), OLD_PERSIAN, ids=[now for _, now in OLD_PERSIAN])
def test_no_old_persian_wording_in_any_output(
    persian_outputs: dict[str, str], old: str, now: str
) -> None:
    """The reviewed Persian wording is said everywhere; the old phrase nowhere."""
    hits = [
        f"{where}: …{text[max(0, m.start() - 30) : m.end() + 30]}…"
        for where, text in persian_outputs.items()
        for m in re.finditer(old, text)
    ]
    assert not hits, f"say {now!r} instead:\n" + "\n".join(hits[:5])


def test_the_new_wording_is_said(persian_outputs: dict[str, str]) -> None:
    """The outputs do say the corrected terms (so the test above is not passing on empty text)."""
    everything = "\n".join(persian_outputs.values())
    for phrase in (
        term("critical_non_compliance", "fa"),
        "میزان تکمیل: ",
        "طبق ضوابط امتیازدهی، نسخهٔ ۱",
        "(یک جلسه کمتر از حد لازم)",
        term("upheld_complaints", "fa"),
        term("trained_to_minimum", "fa"),
        term("still_open", "fa"),
        "پوشش داده‌ها",
    ):
        assert phrase in everything, phrase
