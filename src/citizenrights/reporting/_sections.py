"""The sections of the periodic report in Markdown (private), each from the parts it shows.

[`report_markdown`][citizenrights.reporting.render.report_markdown] puts them together; each
function takes only the figures of its section (and the agencies, to name them), not the report.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence

from citizenrights.followup import Coverage, GroupProgress, OverdueFinding
from citizenrights.models.agencies import Agency
from citizenrights.models.inspections import InspectionKind
from citizenrights.models.provinces import Province
from citizenrights.reporting._render import day, grade_text, md_table, signed
from citizenrights.reporting.figures import (
    ComplaintFigures,
    CriticalFinding,
    RankedAgency,
    ReportSummary,
    SatisfactionFigures,
    TrainingFigures,
)
from citizenrights.scoring.rollup import NATIONAL, RollUp
from citizenrights.vocabulary import Lang, join_list, label, number, percent, say

__all__ = [
    "OVERDUE_ROWS",
    "complaints",
    "coverage",
    "critical",
    "grades",
    "groups",
    "overdue",
    "ranking_table",
    "roll_ups",
    "satisfaction",
    "summary",
    "training",
]

#: At most this many overdue corrective actions are listed in Markdown, the oldest first.
OVERDUE_ROWS = 25


def _t(lang: Lang, fa: str, en: str) -> str:
    return say(lang, fa=fa, en=en)


def _int(value: int | None, lang: Lang) -> str:
    return number(value, lang)


def _row_name(row: RankedAgency, lang: Lang) -> str:
    return row.name if lang == "fa" or not row.name_en else row.name_en


def _agency_name(agency: Agency, lang: Lang) -> str:
    return agency.name if lang == "fa" else (agency.name_en or agency.id)


def ranking_table(ranking: Sequence[RankedAgency], lang: Lang, decimals: int) -> str:
    """The ranking within peer groups as a table."""
    d = decimals
    headers = (
        ["گروه", "رتبه", "دستگاه", "شاخص", "درجه", "بازرسی", "دوره قبل", "تغییر", "پوشش داده"]
        if lang == "fa"
        else [
            "Group",
            "Rank",
            "Agency",
            "Index",
            "Grade",
            "Inspection",
            "Previous",
            "Change",
            "Data coverage",
        ]
    )
    rows = [
        [
            r.group or "–",
            _int(r.rank, lang),
            _row_name(r, lang),
            number(r.score, lang, d),
            grade_text(r.grade, lang),
            number(r.inspection, lang, d),
            number(r.previous, lang, d),
            signed(r.change, lang, d),
            percent(r.coverage, lang, 0),
        ]
        for r in ranking
    ]
    return md_table(headers, rows)


def summary(s: ReportSummary, lang: Lang, decimals: int) -> list[str]:
    """The headline figures as a list."""
    d = decimals
    by_kind = join_list(
        (f"{label(InspectionKind(k), lang)} {_int(n, lang)}" for k, n in s.by_kind.items() if n),
        lang,
    )
    if lang == "fa":
        return [
            f"- دستگاه‌های مشمول: {_int(s.agencies, lang)} (دارای شاخص: {_int(s.indexed, lang)})",
            f"- بازرسی‌ها: {_int(s.inspections, lang)} (مشترک: {_int(s.joint, lang)}؛ {by_kind or '–'})",
            f"- بازرسی‌های نمره‌دار: {_int(s.scored, lang)}؛ ناقص: {_int(s.incomplete, lang)}",
            f"- میانگین نمره بازرسی: {number(s.mean_inspection, lang, d)}",
            f"- میانگین شاخص دستگاه‌ها: {number(s.mean_index, lang, d)} "
            f"(دوره قبل: {number(s.previous_mean_index, lang, d)}؛ تغییر: {signed(s.change, lang, d)})",
        ]
    return [
        f"- Agencies in scope: {s.agencies} (with an index: {s.indexed})",
        f"- Inspections: {s.inspections} (joint: {s.joint}; {by_kind or '–'})",
        f"- Scored inspections: {s.scored}; incomplete: {s.incomplete}",
        f"- Mean inspection score: {number(s.mean_inspection, lang, d)}",
        f"- Mean agency index: {number(s.mean_index, lang, d)} "
        f"(previous period: {number(s.previous_mean_index, lang, d)}; change: "
        f"{signed(s.change, lang, d)})",
    ]


def grades(counts: Mapping[str, int], lang: Lang) -> str:
    """How many agencies got each grade, as a table."""
    headers = ["درجه", "تعداد دستگاه"] if lang == "fa" else ["Grade", "Agencies"]
    return md_table(headers, [[grade_text(g, lang), _int(n, lang)] for g, n in counts.items()])


def critical(
    findings: Sequence[CriticalFinding], agencies: Mapping[str, Agency], lang: Lang
) -> str:
    """The critical failures as a table."""
    if not findings:
        return _t(lang, "موردی ثبت نشده است.", "None recorded.")
    headers = (
        ["دستگاه", "بازرسی", "تاریخ", "بند", "نوع", "شرح", "رفع شده"]
        if lang == "fa"
        else ["Agency", "Inspection", "Date", "Item", "Source", "Description", "Resolved"]
    )
    rows = [
        [
            _agency_name(agencies[c.agency_id], lang),
            c.inspection_id,
            day(c.date, lang),
            c.item or "–",
            _t(lang, "بند حیاتی نامنطبق", "critical item not met")
            if c.source == "critical_item"
            else _t(lang, "یافته بحرانی", "critical finding"),
            c.text(lang),
            day(c.resolved_on, lang),
        ]
        for c in findings
    ]
    return md_table(headers, rows)


def complaints(c: ComplaintFigures, lang: Lang, decimals: int) -> list[str]:
    """The complaint figures as a list."""
    d = decimals
    if lang == "fa":
        return [
            f"- دریافت‌شده: {_int(c.received, lang)}؛ مختومه: {_int(c.closed, lang)}؛ "
            f"هنوز باز: {_int(c.open, lang)}",
            f"- وارد شناخته‌شده: {_int(c.upheld, lang)} (شدید: {_int(c.grave_upheld, lang)})؛ "
            f"رد یا مسترد: {_int(c.dismissed, lang)}",
            f"- پاسخ به‌موقع: {_int(c.on_time, lang)} ({percent(c.on_time_share, lang)})",
            f"- شکایات وارد در هر هزار خدمت: {number(c.upheld_per_1000, lang, d)}",
        ]
    return [
        f"- Received: {c.received}; closed: {c.closed}; still open: {c.open}",
        f"- Upheld: {c.upheld} (grave: {c.grave_upheld}); dismissed or withdrawn: {c.dismissed}",
        f"- Answered in time: {c.on_time} ({percent(c.on_time_share, lang)})",
        f"- Upheld per 1,000 services: {number(c.upheld_per_1000, lang, d)}",
    ]


def training(t: TrainingFigures, lang: Lang) -> list[str]:
    """The training coverage as a list."""
    if lang == "fa":
        lines = [
            f"- کارکنان: {_int(t.staff, lang)}؛ آموزش‌دیده به حد نصاب: {_int(t.trained, lang)} "
            f"({percent(t.share, lang)})",
            f"- ساعات آموزش: {number(t.hours, lang, 1)}؛ افراد آموزش‌دیده: {_int(t.people, lang)}",
        ]
        if t.left_out:
            lines.append(
                f"- سوابق آموزشی مخاطبان دیگر (بازرسان، سازمان‌های مردم‌نهاد)، شمرده‌نشده: "
                f"{_int(t.left_out, lang)}"
            )
        return lines
    lines = [
        f"- Staff: {t.staff if t.staff is not None else '–'}; trained to the threshold: "
        f"{t.trained} ({percent(t.share, lang)})",
        f"- Training hours: {number(t.hours, lang, 1)}; people trained: {t.people}",
    ]
    if t.left_out:
        lines.append(
            f"- Training records of other audiences (inspectors, NGOs), not counted: {t.left_out}"
        )
    return lines


def satisfaction(s: SatisfactionFigures, lang: Lang) -> list[str]:
    """The client feedback as a list."""
    return [
        _t(
            lang,
            f"- پاسخ‌ها: {_int(s.responses, lang)}؛ میانگین (۱ تا ۵): {number(s.mean, lang)}؛ "
            f"امتیاز: {number(s.points, lang)}",
            f"- Responses: {s.responses}; mean (1 to 5): {number(s.mean, lang)}; points: "
            f"{number(s.points, lang)}",
        )
    ]


def overdue(findings: Sequence[OverdueFinding], agencies: Mapping[str, Agency], lang: Lang) -> str:
    """The corrective actions past due as a table, the oldest first and at most ``OVERDUE_ROWS``."""
    if not findings:
        return _t(lang, "اقدام اصلاحی معوقی وجود ندارد.", "No corrective action is past due.")
    # The oldest first; a long tail goes to the JSON output, not the page.
    shown = sorted(findings, key=lambda o: (-o.age_days, o.agency_id, o.inspection_id))
    shown = shown[:OVERDUE_ROWS]
    headers = (
        ["دستگاه", "بازرسی", "بند", "شدت", "شرح", "مهلت", "تأخیر (روز کاری)"]
        if lang == "fa"
        else [
            "Agency",
            "Inspection",
            "Item",
            "Severity",
            "Description",
            "Due",
            "Late (working days)",
        ]
    )
    rows = [
        [
            _agency_name(agencies[o.agency_id], lang),
            o.inspection_id,
            o.item or "–",
            label(o.severity, lang),
            o.description,
            day(o.due, lang),
            _int(o.age_days, lang),
        ]
        for o in shown
    ]
    table = md_table(headers, rows)
    rest = len(findings) - len(shown)
    if rest:
        table += "\n\n" + _t(
            lang,
            f"و {_int(rest, lang)} مورد دیگر (فهرست کامل در خروجی JSON).",
            f"And {rest} more (the JSON output lists them all).",
        )
    return table


def coverage(c: Coverage, agencies: Mapping[str, Agency], lang: Lang) -> list[str]:
    """The periodic-inspection coverage as a list."""
    missing = join_list((_agency_name(agencies[a], lang) for a in c.uncovered), lang)
    if lang == "fa":
        return [
            f"- دستگاه‌های دارای بازرسی دوره‌ای: {_int(len(c.covered), lang)} از "
            f"{_int(len(c.covered) + len(c.uncovered), lang)} ({percent(c.rate, lang)})",
            f"- بدون بازرسی دوره‌ای: {missing or '–'}",
        ]
    return [
        f"- Agencies with a periodic inspection: {len(c.covered)} of "
        f"{len(c.covered) + len(c.uncovered)} ({percent(c.rate, lang)})",
        f"- Without one: {missing or '–'}",
    ]


def groups(progress: Sequence[GroupProgress], lang: Lang) -> list[str]:
    """Each working group's progress, explained under its id."""
    if not progress:
        return [_t(lang, "کارگروهی در این دامنه ثبت نشده است.", "No working group in this scope.")]
    out: list[str] = []
    for g in progress:
        out.append(f"#### {g.group_id}")
        out.append("")
        out.extend(g.explain(lang).splitlines())
        out.append("")
    return out


def _area(code: str, lang: Lang) -> str:
    if code == NATIONAL:
        return _t(lang, "کشور", "Nation")
    try:
        province = Province.parse(code)
    except ValueError:
        return _t(lang, "نامعلوم", "unknown")
    return province.name_fa if lang == "fa" else f"{province.name_en} ({province.code})"


def roll_ups(areas: Sequence[RollUp], lang: Lang, decimals: int) -> str:
    """The mean index by area as a table."""
    headers = (
        ["حوزه", "میانگین شاخص", "دستگاه‌ها"] if lang == "fa" else ["Area", "Mean index", "Agencies"]
    )
    rows = [
        [_area(r.area, lang), number(r.score, lang, decimals), _int(len(r.agencies), lang)]
        for r in areas
    ]
    return md_table(headers, rows)
