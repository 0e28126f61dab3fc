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
from citizenrights.reporting._render import columns, day, grade_text, md_table, signed
from citizenrights.reporting.figures import (
    ComplaintFigures,
    CriticalFinding,
    RankedAgency,
    ReportSummary,
    SatisfactionFigures,
    TrainingFigures,
)
from citizenrights.scoring.rollup import NATIONAL, RollUp
from citizenrights.vocabulary import TERMS, Lang, join_list, label, number, percent, say, term

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


def _int(value: int | None, lang: Lang) -> str:
    return number(value, lang)


def _row_name(row: RankedAgency, lang: Lang) -> str:
    return say(lang, fa=row.name, en=row.name_en or row.name)


def _agency_name(agency: Agency, lang: Lang) -> str:
    return say(lang, fa=agency.name, en=agency.name_en or agency.id)


def ranking_table(ranking: Sequence[RankedAgency], lang: Lang, decimals: int) -> str:
    """The ranking within peer groups as a table."""
    d = decimals
    headers = columns(
        lang,
        ("گروه", "Group"),
        ("رتبه", "Rank"),
        ("دستگاه", "Agency"),
        ("شاخص", "Index"),
        ("درجه", "Grade"),
        ("بازرسی", "Inspection"),
        ("دوره قبل", "Previous"),
        ("تغییر", "Change"),
        TERMS["data_coverage"],
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
    n = {
        "agencies": _int(s.agencies, lang),
        "indexed": _int(s.indexed, lang),
        "inspections": _int(s.inspections, lang),
        "joint": _int(s.joint, lang),
        "scored": _int(s.scored, lang),
        "incomplete": _int(s.incomplete, lang),
    }
    mean_inspection, mean_index = number(s.mean_inspection, lang, d), number(s.mean_index, lang, d)
    previous, change = number(s.previous_mean_index, lang, d), signed(s.change, lang, d)
    return [
        say(
            lang,
            fa=f"- دستگاه‌های مشمول: {n['agencies']} (دارای شاخص: {n['indexed']})",
            en=f"- Agencies in scope: {n['agencies']} (with an index: {n['indexed']})",
        ),
        say(
            lang,
            fa=f"- بازرسی‌ها: {n['inspections']} (مشترک: {n['joint']}؛ {by_kind or '–'})",
            en=f"- Inspections: {n['inspections']} (joint: {n['joint']}; {by_kind or '–'})",
        ),
        say(
            lang,
            fa=f"- بازرسی‌های امتیازدار: {n['scored']}؛ ناقص: {n['incomplete']}",
            en=f"- Scored inspections: {n['scored']}; incomplete: {n['incomplete']}",
        ),
        say(
            lang,
            fa=f"- میانگین امتیاز بازرسی: {mean_inspection}",
            en=f"- Mean inspection score: {mean_inspection}",
        ),
        say(
            lang,
            fa=f"- میانگین شاخص دستگاه‌ها: {mean_index} (دوره قبل: {previous}؛ تغییر: {change})",
            en=f"- Mean agency index: {mean_index} (previous period: {previous}; change: {change})",
        ),
    ]


def grades(counts: Mapping[str, int], lang: Lang) -> str:
    """How many agencies got each grade, as a table."""
    headers = columns(lang, ("درجه", "Grade"), ("تعداد دستگاه", "Agencies"))
    return md_table(headers, [[grade_text(g, lang), _int(n, lang)] for g, n in counts.items()])


def critical(
    findings: Sequence[CriticalFinding], agencies: Mapping[str, Agency], lang: Lang
) -> str:
    """The critical failures as a table."""
    if not findings:
        return say(lang, fa="موردی ثبت نشده است.", en="None recorded.")
    headers = columns(
        lang,
        ("دستگاه", "Agency"),
        ("بازرسی", "Inspection"),
        ("تاریخ", "Date"),
        ("بند", "Item"),
        ("نوع", "Source"),
        ("شرح", "Description"),
        ("رفع شده", "Resolved"),
    )
    rows = [
        [
            _agency_name(agencies[c.agency_id], lang),
            c.inspection_id,
            day(c.date, lang),
            c.item or "–",
            # A critical item not met and a critical finding are one thing to the reader.
            term("critical_non_compliance", lang),
            c.text(lang),
            day(c.resolved_on, lang),
        ]
        for c in findings
    ]
    return md_table(headers, rows)


def complaints(c: ComplaintFigures, lang: Lang, decimals: int) -> list[str]:
    """The complaint figures as a list."""
    received, closed, still_open = (_int(n, lang) for n in (c.received, c.closed, c.open))
    upheld, grave, dismissed = (_int(n, lang) for n in (c.upheld, c.grave_upheld, c.dismissed))
    on_time, share = _int(c.on_time, lang), percent(c.on_time_share, lang)
    per_1000 = number(c.upheld_per_1000, lang, decimals)
    return [
        say(
            lang,
            fa=f"- دریافت‌شده: {received}؛ مختومه: {closed}؛ {term('still_open', lang)}: {still_open}",
            en=f"- Received: {received}; closed: {closed}; still open: {still_open}",
        ),
        say(
            lang,
            fa=f"- {term('upheld_complaints', lang)}: {upheld} "
            f"({term('grave_complaints', lang)}: {grave})؛ رد یا مسترد: {dismissed}",
            en=f"- Upheld: {upheld} (grave: {grave}); dismissed or withdrawn: {dismissed}",
        ),
        say(
            lang,
            fa=f"- پاسخ به‌موقع: {on_time} ({share})",
            en=f"- Answered in time: {on_time} ({share})",
        ),
        say(
            lang,
            fa=f"- {term('upheld_complaints', lang)} در هر هزار خدمت: {per_1000}",
            en=f"- Upheld per 1,000 services: {per_1000}",
        ),
    ]


def training(t: TrainingFigures, lang: Lang) -> list[str]:
    """The training coverage as a list."""
    staff, trained, share = _int(t.staff, lang), _int(t.trained, lang), percent(t.share, lang)
    hours, people, left_out = number(t.hours, lang, 1), _int(t.people, lang), _int(t.left_out, lang)
    lines = [
        say(
            lang,
            fa=f"- کارکنان: {staff}؛ {term('trained_to_minimum', lang)}: {trained} ({share})",
            en=f"- Staff: {staff}; trained to the threshold: {trained} ({share})",
        ),
        say(
            lang,
            fa=f"- ساعات آموزش: {hours}؛ افراد آموزش‌دیده: {people}",
            en=f"- Training hours: {hours}; people trained: {people}",
        ),
    ]
    if t.left_out:
        lines.append(
            say(
                lang,
                fa="- سوابق آموزشی مخاطبان دیگر (بازرسان، سازمان‌های مردم‌نهاد)، شمرده‌نشده: "
                f"{left_out}",
                en=f"- Training records of other audiences (inspectors, NGOs), not counted: "
                f"{left_out}",
            )
        )
    return lines


def satisfaction(s: SatisfactionFigures, lang: Lang) -> list[str]:
    """The client feedback as a list."""
    return [
        say(
            lang,
            fa=f"- پاسخ‌ها: {_int(s.responses, lang)}؛ میانگین (۱ تا ۵): {number(s.mean, lang)}؛ "
            f"امتیاز: {number(s.points, lang)}",
            en=f"- Responses: {s.responses}; mean (1 to 5): {number(s.mean, lang)}; points: "
            f"{number(s.points, lang)}",
        )
    ]


def overdue(findings: Sequence[OverdueFinding], agencies: Mapping[str, Agency], lang: Lang) -> str:
    """The corrective actions past due as a table, the oldest first and at most ``OVERDUE_ROWS``."""
    if not findings:
        return say(
            lang, fa="اقدام اصلاحی معوقی وجود ندارد.", en="No corrective action is past due."
        )
    # The oldest first; a long tail goes to the JSON output, not the page.
    shown = sorted(findings, key=lambda o: (-o.age_days, o.agency_id, o.inspection_id))
    shown = shown[:OVERDUE_ROWS]
    headers = columns(
        lang,
        ("دستگاه", "Agency"),
        ("بازرسی", "Inspection"),
        ("بند", "Item"),
        ("شدت", "Severity"),
        ("شرح", "Description"),
        ("مهلت", "Due"),
        ("تأخیر (روز کاری)", "Late (working days)"),
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
        table += "\n\n" + say(
            lang,
            fa=f"و {_int(rest, lang)} مورد دیگر (فهرست کامل در خروجی JSON).",
            en=f"And {rest} more (the JSON output lists them all).",
        )
    return table


def coverage(c: Coverage, agencies: Mapping[str, Agency], lang: Lang) -> list[str]:
    """The periodic-inspection coverage as a list."""
    missing = join_list((_agency_name(agencies[a], lang) for a in c.uncovered), lang)
    covered, total = _int(len(c.covered), lang), _int(len(c.covered) + len(c.uncovered), lang)
    rate = percent(c.rate, lang)
    return [
        say(
            lang,
            fa=f"- دستگاه‌های دارای بازرسی دوره‌ای: {covered} از {total} ({rate})",
            en=f"- Agencies with a periodic inspection: {covered} of {total} ({rate})",
        ),
        say(
            lang,
            fa=f"- بدون بازرسی دوره‌ای: {missing or '–'}",
            en=f"- Without one: {missing or '–'}",
        ),
    ]


def groups(progress: Sequence[GroupProgress], lang: Lang) -> list[str]:
    """Each working group's progress, explained under its id."""
    if not progress:
        return [
            say(
                lang, fa="کارگروهی در این دامنه ثبت نشده است.", en="No working group in this scope."
            )
        ]
    out: list[str] = []
    for g in progress:
        out.append(f"#### {g.group_id}")
        out.append("")
        out.extend(g.explain(lang).splitlines())
        out.append("")
    return out


def _area(code: str, lang: Lang) -> str:
    if code == NATIONAL:
        return say(lang, fa="کشور", en="Nation")
    try:
        province = Province.parse(code)
    except ValueError:
        return say(lang, fa="نامعلوم", en="unknown")
    return say(lang, fa=province.name_fa, en=f"{province.name_en} ({province.code})")


def roll_ups(areas: Sequence[RollUp], lang: Lang, decimals: int) -> str:
    """The mean index by area as a table."""
    headers = columns(
        lang, ("حوزه", "Area"), ("میانگین شاخص", "Mean index"), ("دستگاه‌ها", "Agencies")
    )
    rows = [
        [_area(r.area, lang), number(r.score, lang, decimals), _int(len(r.agencies), lang)]
        for r in areas
    ]
    return md_table(headers, rows)
