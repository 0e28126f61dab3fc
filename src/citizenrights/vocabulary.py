"""Everything said to a person, in Persian (``fa``) or English (``en``), from one place.

The language check ([`check_lang`][citizenrights.vocabulary.check_lang], which raises
[`UnsupportedLanguageError`][citizenrights.errors.UnsupportedLanguageError] for anything but
``"fa"`` or ``"en"``), one way to say a sentence in two languages
([`say`][citizenrights.vocabulary.say]), numbers and percents with Persian digits and the Persian
decimal mark (``٫``), Jalali dates, lists joined with the language's comma (``،`` in Persian), and
the label of every enum member that is shown to a reader ([`label`][citizenrights.vocabulary.label]).

Labels of values that come from data (programme titles, agency names) are not here: they come
from the data. The peer groups (an agency's ``category``) that the reference data uses have their
labels in [`PEER_GROUPS`][citizenrights.vocabulary.PEER_GROUPS]
([`peer_group`][citizenrights.vocabulary.peer_group]); a code it does not know is shown as it is.

The label table is keyed by the enum's class name, so this module imports no record or scoring
code and every package may import it. How many places a number shows stays with each caller: it
differs on purpose.
"""

from __future__ import annotations

import enum
from collections.abc import Iterable, Mapping
from datetime import date
from decimal import ROUND_HALF_UP, Decimal
from types import MappingProxyType
from typing import Final, Literal

from citizenrights.calendar import format_jalali
from citizenrights.errors import UnsupportedLanguageError
from citizenrights.text import to_persian_digits

__all__ = [
    "LABELS",
    "LANGUAGES",
    "PEER_GROUPS",
    "RECIPIENTS",
    "TERMS",
    "Lang",
    "check_lang",
    "count",
    "fa_digits",
    "jalali",
    "join_list",
    "join_sentences",
    "label",
    "local_digits",
    "number",
    "peer_group",
    "percent",
    "role",
    "say",
    "term",
]

Lang = Literal["fa", "en"]
"""A language citizenrights speaks: ``"fa"`` (Persian) or ``"en"`` (English)."""

LANGUAGES: Final[tuple[Lang, ...]] = ("fa", "en")
"""The languages citizenrights speaks, Persian first (the default everywhere)."""


def check_lang(lang: object) -> Lang:
    """Return ``lang`` if it is ``"fa"`` or ``"en"``; raise otherwise.

    The check is case-sensitive and takes no default: ``"FA"``, ``""`` and ``None`` are refused.

    Args:
        lang: the language asked for.

    Returns:
        The language, typed as [`Lang`][citizenrights.vocabulary.Lang].

    Raises:
        UnsupportedLanguageError: for anything else (also a ``ValueError``).

    Examples:
        >>> check_lang("fa")
        'fa'
        >>> check_lang("de")
        Traceback (most recent call last):
        ...
        citizenrights.errors.UnsupportedLanguageError: lang must be 'fa' or 'en'; got 'de'.
    """
    if lang == "fa" and isinstance(lang, str):
        return "fa"
    if lang == "en" and isinstance(lang, str):
        return "en"
    raise UnsupportedLanguageError(lang)


def say(lang: Lang, *, fa: str, en: str) -> str:
    """The sentence in the language asked for: the one way to say something in two languages.

    Examples:
        >>> say("fa", fa="موردی نیست.", en="None."), say("en", fa="موردی نیست.", en="None.")
        ('موردی نیست.', 'None.')
    """
    return fa if check_lang(lang) == "fa" else en


def fa_digits(value: str | float) -> str:
    """A number, or number text, with Persian digits and the Persian decimal mark (``٫``).

    Examples:
        >>> fa_digits("12.5"), fa_digits(7), fa_digits("1396/07/15")
        ('۱۲٫۵', '۷', '۱۳۹۶/۰۷/۱۵')
    """
    return to_persian_digits(str(value)).replace(".", "٫")


def local_digits(value: str | float, lang: Lang) -> str:
    """A number, or number text, in the digits of the language: `fa_digits` in fa.

    Examples:
        >>> local_digits("0.5", "fa"), local_digits(0.5, "en"), local_digits(12, "fa")
        ('۰٫۵', '0.5', '۱۲')
    """
    return fa_digits(value) if lang == "fa" else str(value)


def number(value: float | None, lang: Lang, decimals: int = 2, *, trim_zeros: bool = False) -> str:
    """A number for display: half-up rounded; Persian digits, decimal mark and minus sign in fa.

    A table shows a fixed number of places (``'2.50'``); a sentence says ``'2.5 days'``:
    ``trim_zeros=True`` drops the trailing zeros (and a zero that was negative before rounding
    shows as ``0``). An ``int`` shows as it is; ``None`` shows as an en dash, the mark of "no data"
    in both languages.

    Examples:
        >>> number(74.995, "en"), number(74.995, "fa"), number(None, "fa"), number(12, "fa")
        ('75.00', '۷۵٫۰۰', '–', '۱۲')
        >>> number(2.5, "en", trim_zeros=True), number(3.0, "fa", 4, trim_zeros=True)
        ('2.5', '۳')
    """
    if value is None:
        return "–"
    text = str(value) if isinstance(value, int) else _rounded(value, decimals)
    if trim_zeros and "." in text:
        text = text.rstrip("0").removesuffix(".")
        if text == "-0":
            text = "0"
    if lang == "fa":
        return fa_digits(text).replace("-", "−")
    return text


def count(value: int | None, lang: Lang) -> str:
    """A count for display, its thousands grouped: ``'12,345'`` in English, ``'۱۲٬۳۴۵'`` in Persian.

    For counts only (records, agencies, staff): years, ranks and ids are shown with `number`,
    ungrouped. ``None`` shows as an en dash.

    Examples:
        >>> count(1234567, "en"), count(1234567, "fa"), count(999, "fa"), count(None, "en")
        ('1,234,567', '۱٬۲۳۴٬۵۶۷', '۹۹۹', '–')
    """
    if value is None:
        return "–"
    text = f"{value:,}"
    if lang == "fa":
        # The Arabic thousands separator (U+066C), as Persian typesetting writes it.
        return fa_digits(text).replace(",", "\u066c").replace("-", "−")
    return text


def _rounded(value: float, decimals: int) -> str:
    # The rule of citizenrights.scoring.rounding.round_half_up (half away from zero, on the
    # shortest decimal form of the float), done here on the text: the scoring package imports
    # this module, so this module may not import it.
    if decimals < 0:
        raise ValueError(f"decimals must be 0 or more; got {decimals}.")
    exact = Decimal(repr(float(value)))
    if not exact.is_finite():
        raise ValueError(f"cannot round {value!r}: not a finite number.")
    return f"{exact.quantize(Decimal(1).scaleb(-decimals), rounding=ROUND_HALF_UP):f}"


def percent(share: float | None, lang: Lang, decimals: int = 1, *, trim_zeros: bool = False) -> str:
    """A share in [0, 1] as a percentage (``'62.5%'``, ``'۶۲٫۵٪'``); ``None`` as an en dash.

    ``trim_zeros`` as for [`number`][citizenrights.vocabulary.number]: ``'60%'``, not ``'60.0%'``.

    Examples:
        >>> percent(0.625, "en"), percent(0.625, "fa"), percent(None, "en")
        ('62.5%', '۶۲٫۵٪', '–')
        >>> percent(0.6, "fa", trim_zeros=True), percent(2 / 3, "en", trim_zeros=True)
        ('۶۰٪', '66.7%')
    """
    if share is None:
        return "–"
    text = number(share * 100, lang, decimals, trim_zeros=trim_zeros)
    return f"{text}٪" if lang == "fa" else f"{text}%"


def jalali(d: date, lang: Lang) -> str:
    """A date as Jalali ``YYYY/MM/DD``, in Persian digits in fa.

    Examples:
        >>> jalali(date(2017, 10, 7), "fa"), jalali(date(2017, 10, 7), "en")
        ('۱۳۹۶/۰۷/۱۵', '1396/07/15')
    """
    return format_jalali(d, digits="persian" if lang == "fa" else "latin")


def join_list(texts: Iterable[str], lang: Lang) -> str:
    """Join a list with the language's comma (``،`` in fa).

    Examples:
        >>> join_list(["R1", "R2"], "fa"), join_list(["R1", "R2"], "en")
        ('R1، R2', 'R1, R2')
    """
    return ("، " if lang == "fa" else ", ").join(texts)


def join_sentences(texts: Iterable[str], lang: Lang) -> str:
    """Join clauses or sentences with the language's semicolon (``؛`` in fa).

    Examples:
        >>> join_sentences(["الف", "ب"], "fa"), join_sentences(["a", "b"], "en")
        ('الف؛ ب', 'a; b')
    """
    return ("؛ " if lang == "fa" else "; ").join(texts)


def _table(rows: dict[str, tuple[str, str]]) -> Mapping[str, tuple[str, str]]:
    return MappingProxyType(rows)


LABELS: Final[Mapping[str, Mapping[str, tuple[str, str]]]] = MappingProxyType(
    {
        # citizenrights.models
        "InspectionKind": _table(
            {
                "periodic": ("دوره‌ای", "periodic"),
                "ad_hoc": ("نوبه‌ای", "ad hoc"),
                "follow_up": ("پیگیری", "follow-up"),
            }
        ),
        "Answer": _table(
            {
                "compliant": ("رعایت‌شده", "compliant"),
                "partial": ("تا حدودی رعایت‌شده", "partial"),
                "non_compliant": ("رعایت‌نشده", "non-compliant"),
                "not_applicable": ("موضوعیت ندارد", "not applicable"),
            }
        ),
        "Severity": _table(
            {
                "minor": ("جزئی", "minor"),
                "major": ("عمده", "major"),
                "critical": ("بحرانی", "critical"),
            }
        ),
        "Affiliation": _table(
            {
                "areo": (
                    "سازمان اداری و استخدامی کشور",
                    "Administrative and Recruitment Organization",
                ),
                "moi": ("وزارت کشور", "Ministry of Interior"),
                "ngo": ("سازمان مردم‌نهاد", "NGO"),
                "agency": ("دستگاه اجرایی", "Executive body"),
                "presidency": (
                    "دستیار ویژه رئیس‌جمهور در امور حقوق شهروندی",
                    "President's special assistant for citizens' rights",
                ),
                "other": ("سایر", "Other"),
            }
        ),
        "ComplaintSeverity": _table(
            {
                "minor": ("جزئی", "minor"),
                "major": ("عمده", "major"),
                "grave": ("مربوط به تخلف شدید", "grave"),
            }
        ),
        "ComplaintStatus": _table(
            {"open": ("در جریان رسیدگی", "open"), "closed": ("مختومه", "closed")}
        ),
        "ComplaintOutcome": _table(
            {
                "upheld": ("واردتشخیص‌داده‌شده", "upheld"),
                "dismissed": ("ردشده", "dismissed"),
                "withdrawn": ("مستردشده", "withdrawn"),
            }
        ),
        "TrainingAudience": _table(
            {
                "manager": ("مدیر", "manager"),
                "employee": ("کارمند", "employee"),
                "inspector": ("بازرس", "inspector"),
                "ngo": ("سازمان مردم‌نهاد", "NGO"),
            }
        ),
        "TrainingRole": _table(
            {
                "attendee": ("فراگیر", "attendee"),
                "instructor": ("مدرس", "instructor"),
            }
        ),
        "ContributionKind": _table(
            {
                "working_group": ("عضویت در کارگروه حقوق شهروندی", "working-group membership"),
                "ngo_cooperation": ("همکاری با سازمان مردم‌نهاد", "cooperation with an NGO"),
                "training_given": ("تدریس دورهٔ حقوق شهروندی", "course taught"),
                "other": ("سایر", "other"),
            }
        ),
        "PublicationKind": _table(
            {
                "charter": ("منشور حقوق شهروندی دستگاه", "the agency's charter"),
                "resolutions": ("مصوبات کارگروه", "working-group resolutions"),
                "instructions": ("دستورالعمل‌ها", "instructions"),
                "structure": ("ساختار و چیدمان کارکنان", "structure and staff layout"),
                "other": ("سایر", "other"),
            }
        ),
        "ReportingEvery": _table(
            {
                "quarter": ("فصلی", "every quarter"),
                "year": ("سالانه", "every year"),
            }
        ),
        "GroupScope": _table(
            {
                "national": ("ملی", "national"),
                "province": ("استانی", "province"),
                "agency": ("دستگاهی", "agency"),
            }
        ),
        "ResolutionStatus": _table(
            {
                "open": ("باز", "open"),
                "in_progress": ("در حال اجرا", "in progress"),
                "done": ("انجام‌شده", "done"),
                "dropped": ("منتفی", "dropped"),
            }
        ),
        "PostKind": _table(
            {"managerial": ("مدیریتی", "managerial"), "sensitive": ("حساس", "sensitive")}
        ),
        "PostLevel": _table(
            {
                "basic": ("پایه", "basic"),
                "middle": ("میانی", "middle"),
                "senior": ("ارشد", "senior"),
            }
        ),
        # citizenrights.scoring
        "Grade": _table(
            {
                "excellent": ("عالی", "Excellent"),
                "good": ("خوب", "Good"),
                "acceptable": ("قابل قبول", "Acceptable"),
                "needs_improvement": ("نیازمند بهبود", "Needs improvement"),
                "poor": ("ضعیف", "Poor"),
            }
        ),
        "ComponentName": _table(
            {
                "inspection": ("بازرسی", "inspection"),
                "complaints": ("شکایات", "complaints"),
                "training": ("آموزش", "training"),
                "satisfaction": ("رضایت ارباب رجوع", "satisfaction"),
                "ngo_participation": ("مشارکت سازمان‌های مردم‌نهاد", "NGO participation"),
            }
        ),
        "InspectionStatus": _table(
            {
                "scored": ("امتیازدهی شده", "scored"),
                "incomplete": ("ناقص", "incomplete"),
                "not_applicable": ("بدون بند دارای موضوعیت", "not applicable"),
            }
        ),
        "EligibilityStatus": _table(
            {
                "eligible": ("واجد صلاحیت", "eligible"),
                "conditional": ("مشروط", "conditional"),
                "ineligible": ("فاقد صلاحیت", "ineligible"),
            }
        ),
        "ProgrammeItemStatus": _table(
            {
                "no_resolution": ("بدون مصوبه", "no resolution"),
                "open": ("باز", "open"),
                "in_progress": ("در حال اجرا", "in progress"),
                "done": ("انجام‌شده", "done"),
                "dropped": ("منتفی", "dropped"),
            }
        ),
        "FestivalBand": _table(
            {
                "excellent": ("عالی", "Excellent"),
                "good": ("خوب", "Good"),
                "medium": ("متوسط", "Medium"),
                "below_medium": ("پایین‌تر از متوسط", "Below medium"),
            }
        ),
    }
)
"""The (Persian, English) label of each enum member said to a person: by enum class name, then by
member value. A test checks that every member of every labelled enum has both."""


TERMS: Final[Mapping[str, tuple[str, str]]] = MappingProxyType(
    {
        "applicable_item": ("بند دارای موضوعیت", "applicable item"),
        "completeness": ("میزان تکمیل", "Completeness"),
        "critical_non_compliance": ("عدم انطباق در بند حیاتی", "critical item not met"),
        "data_coverage": ("پوشش داده‌ها", "Data coverage"),
        "festival_level_national": ("ملی", "national"),
        "festival_level_provincial": ("استانی", "provincial"),
        "evidence_closed": ("شکایات مختومه", "closed"),
        "evidence_closed_on_time": ("مختومه در مهلت", "closed on time"),
        "evidence_complaints": ("شکایات", "complaints"),
        "evidence_hours": ("ساعات آموزش", "hours"),
        "evidence_inspections": ("بازرسی‌های محاسبه‌شده", "inspections counted"),
        "evidence_left_out_incomplete": ("ناقص (کنار گذاشته)", "left out: incomplete"),
        "evidence_left_out_not_applicable": (
            "بدون بند دارای موضوعیت (کنار گذاشته)",
            "left out: not applicable",
        ),
        "evidence_left_out_not_joint": ("غیرمشترک (کنار گذاشته)", "left out: not joint"),
        "evidence_left_out_not_staff": ("غیرکارکنان (کنار گذاشته)", "left out: not staff"),
        "evidence_mean": ("میانگین", "mean"),
        "evidence_people_trained_any": ("آموزش‌دیدگان", "people trained"),
        "evidence_people_trained_enough": (
            "دارای حداقل ساعات آموزش لازم",
            "trained to the threshold",
        ),
        "evidence_responses": ("پاسخ‌های نظرسنجی", "survey responses"),
        "evidence_services": ("خدمات ارائه‌شده", "services"),
        "evidence_small_sample": ("نمونهٔ کوچک", "small sample"),
        "evidence_staff": ("کارکنان", "staff"),
        "evidence_stats_rows": ("ردیف‌های آمار", "stats rows"),
        "evidence_upheld": ("واردتشخیص‌داده‌شده", "upheld"),
        "grave_complaints": ("شکایات مربوط به تخلف شدید", "grave"),
        "per_rules": ("طبق ضوابط", "by the rules"),
        "scoring_rules": ("ضوابط امتیازدهی، نسخهٔ {version}", "scoring rules, version {version}"),
        "score": ("امتیاز", "score"),
        "still_open": ("در جریان رسیدگی", "still open"),
        "trained_to_minimum": ("دارای حداقل ساعات آموزش لازم", "trained to the threshold"),
        "upheld_complaints": ("شکایات واردتشخیص‌داده‌شده", "upheld complaints"),
    }
)
"""The (Persian, English) wording of a term said in more than one place, by key: each is said
once, here (for example "a critical item not met" is one term, in the reports and in the
explanations). A ``{version}`` in a term is for the caller to fill."""


def term(key: str, lang: Lang = "fa") -> str:
    """A term of ``TERMS`` in the language asked for.

    Raises:
        UnsupportedLanguageError: for a ``lang`` other than ``fa`` or ``en``.
        KeyError: for a key not in the table.

    Examples:
        >>> term("critical_non_compliance", "fa"), term("completeness", "en")
        ('عدم انطباق در بند حیاتی', 'Completeness')
    """
    fa, en = TERMS[key]
    return say(lang, fa=fa, en=en)


def label(member: enum.Enum, lang: Lang = "fa") -> str:
    """The label of an enum member in Persian (``fa``, the default) or English (``en``).

    Args:
        member: a member of an enum listed in [`LABELS`][citizenrights.vocabulary.LABELS].
        lang: ``"fa"`` or ``"en"``.

    Returns:
        The label.

    Raises:
        UnsupportedLanguageError: for another ``lang``.
        LookupError: for a member of an enum that has no labels.

    Examples:
        >>> from citizenrights import Grade, InspectionKind
        >>> label(Grade.GOOD, "fa"), label(Grade.GOOD, "en"), label(InspectionKind.AD_HOC, "en")
        ('خوب', 'Good', 'ad hoc')
    """
    which = 0 if check_lang(lang) == "fa" else 1
    table = LABELS.get(type(member).__name__)
    if table is None or member.value not in table:
        raise LookupError(f"no label for {member!r}: its enum is not in the vocabulary.")
    return table[member.value][which]


PEER_GROUPS: Final[Mapping[str, tuple[str, str]]] = MappingProxyType(
    {
        "economic": ("دستگاه‌های اقتصادی", "Economic agencies"),
        "governorate": ("استانداری و فرمانداری‌ها", "Governorates"),
        "health_welfare": ("دستگاه‌های بهداشتی و رفاهی", "Health and welfare agencies"),
        "infrastructure": ("دستگاه‌های زیربنایی", "Infrastructure agencies"),
        "registration": ("دستگاه‌های ثبتی، نظارتی و حفاظتی", "Registration and regulation"),
        "social": ("دستگاه‌های اجتماعی و فرهنگی", "Social and cultural agencies"),
        "services": ("دستگاه‌های خدماتی", "Service agencies"),
    }
)
"""The (Persian, English) name of each peer group (an agency's ``category``) of the reference
and demo data, by code."""


def peer_group(code: str | None, lang: Lang = "fa") -> str:
    """The name of a peer group in ``lang``; an unknown code as it is; ``None`` as an en dash.

    Examples:
        >>> peer_group("economic", "fa"), peer_group("economic", "en"), peer_group("x1", "fa")
        ('دستگاه‌های اقتصادی', 'Economic agencies', 'x1')
    """
    if code is None:
        return "–"
    names = PEER_GROUPS.get(code)
    if names is None:
        return code
    return say(check_lang(lang), fa=names[0], en=names[1])


_ROLES: Final[Mapping[str, tuple[str, str]]] = MappingProxyType(
    {
        "chair": ("رئیس کارگروه", "chair"),
        "deputy": ("نایب‌رئیس کارگروه", "deputy chair"),
        "secretary": ("دبیر کارگروه", "secretary"),
        "member": ("عضو", "member"),
    }
)


def role(text: str | None, lang: Lang = "fa") -> str:
    """A working-group member's role as a reader reads it: the usual English codes in Persian.

    Roles come from the data, usually in Persian already; ``chair``, ``deputy``, ``secretary``
    and ``member`` are said in the reader's language; anything else is shown as it is.

    Examples:
        >>> role("chair", "fa"), role("chair", "en"), role("حراست", "fa"), role(None, "en")
        ('رئیس کارگروه', 'chair', 'حراست', '–')
    """
    if not text:
        return "–"
    names = _ROLES.get(text.strip().lower())
    return text if names is None else say(check_lang(lang), fa=names[0], en=names[1])


RECIPIENTS: Final[Mapping[str, tuple[str, str]]] = MappingProxyType(
    {
        "agency_head": ("برای رئیس دستگاه", "For the head of the agency"),
        "province": (
            "برای شورای راهبری توسعه مدیریت استان و ستاد صیانت از حریم امنیت عمومی و حقوق "
            "شهروندی استان",
            "For the provincial management-development steering council and the provincial "
            "headquarters for public security and citizens' rights",
        ),
        "national": (
            "برای شورای عالی اداری، هیئت وزیران و شورای اجتماعی کشور",
            "For the High Administrative Council, the Council of Ministers and the National "
            "Social Council",
        ),
        "working_group": ("برای اعضای کارگروه", "For the members of the working group"),
    }
)
"""Whom each report is for, as its title says it (the recipients the first seed names: the heads
of agencies, the provincial steering council and headquarters, and, aggregated, the national
councils)."""
