"""Render reports as Markdown (Persian right-to-left or English) and CSV.

Persian output uses Persian digits, the Persian decimal mark and Jalali dates with Persian month
names, and is wrapped in a right-to-left block. English output gives Jalali dates with their ISO
Gregorian equivalent.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

from citizenrights.models.inspections import InspectionKind
from citizenrights.models.provinces import Province
from citizenrights.reporting._render import (
    Lang,
    check_lang,
    csv_text,
    day,
    md_table,
    number,
    percent,
    rtl,
)
from citizenrights.scoring.policies import Grade
from citizenrights.scoring.rollup import NATIONAL
from citizenrights.scoring.rounding import round_half_up
from citizenrights.text import to_persian_digits
from citizenrights.vocabulary import join_list, label, say

if TYPE_CHECKING:
    from citizenrights.reporting.report import AgencyReport, RankedAgency, Report

__all__ = ["agency_report_markdown", "ranking_csv", "report_markdown"]

#: At most this many overdue corrective actions are listed in Markdown, the oldest first.
OVERDUE_ROWS = 25


def _t(lang: Lang, fa: str, en: str) -> str:
    return say(lang, fa=fa, en=en)


def _grade(grade: Grade | str | None, lang: Lang) -> str:
    if grade is None or grade == "none":
        return _t(lang, "بدون نمره", "no score")
    return Grade(grade).label(lang)


def _change(value: float | None, lang: Lang, decimals: int) -> str:
    if value is None:
        return "–"
    text = number(value, lang, decimals)
    return text if value < 0 else ("+" + text if round_half_up(value, decimals) > 0 else text)


def _int(value: int | None, lang: Lang) -> str:
    return number(value, lang)


def _name(row: RankedAgency, lang: Lang) -> str:
    return row.name if lang == "fa" or not row.name_en else row.name_en


def _ranking_table(report: Report, lang: Lang) -> str:
    d = report.decimals
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
            _name(r, lang),
            number(r.score, lang, d),
            _grade(r.grade, lang),
            number(r.inspection, lang, d),
            number(r.previous, lang, d),
            _change(r.change, lang, d),
            percent(r.coverage, lang, 0),
        ]
        for r in report.ranking
    ]
    return md_table(headers, rows)


def _summary(report: Report, lang: Lang) -> list[str]:
    s, d = report.summary, report.decimals
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
            f"(دوره قبل: {number(s.previous_mean_index, lang, d)}؛ تغییر: {_change(s.change, lang, d)})",
        ]
    return [
        f"- Agencies in scope: {s.agencies} (with an index: {s.indexed})",
        f"- Inspections: {s.inspections} (joint: {s.joint}; {by_kind or '–'})",
        f"- Scored inspections: {s.scored}; incomplete: {s.incomplete}",
        f"- Mean inspection score: {number(s.mean_inspection, lang, d)}",
        f"- Mean agency index: {number(s.mean_index, lang, d)} "
        f"(previous period: {number(s.previous_mean_index, lang, d)}; change: "
        f"{_change(s.change, lang, d)})",
    ]


def _grades(report: Report, lang: Lang) -> str:
    headers = ["درجه", "تعداد دستگاه"] if lang == "fa" else ["Grade", "Agencies"]
    return md_table(headers, [[_grade(g, lang), _int(n, lang)] for g, n in report.grades.items()])


def _critical(report: Report, lang: Lang) -> str:
    if not report.critical:
        return _t(lang, "موردی ثبت نشده است.", "None recorded.")
    names = report.agencies
    headers = (
        ["دستگاه", "بازرسی", "تاریخ", "بند", "نوع", "شرح", "رفع شده"]
        if lang == "fa"
        else ["Agency", "Inspection", "Date", "Item", "Source", "Description", "Resolved"]
    )
    rows = [
        [
            names[c.agency_id].name
            if lang == "fa"
            else (names[c.agency_id].name_en or c.agency_id),
            c.inspection_id,
            day(c.date, lang),
            c.item or "–",
            _t(lang, "بند حیاتی نامنطبق", "critical item not met")
            if c.source == "critical_item"
            else _t(lang, "یافته بحرانی", "critical finding"),
            c.text(lang),
            day(c.resolved_on, lang),
        ]
        for c in report.critical
    ]
    return md_table(headers, rows)


def _complaints(report: Report, lang: Lang) -> list[str]:
    c, d = report.complaints, report.decimals
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


def _training(report: Report, lang: Lang) -> list[str]:
    t = report.training
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


def _satisfaction(report: Report, lang: Lang) -> list[str]:
    s = report.satisfaction
    return [
        _t(
            lang,
            f"- پاسخ‌ها: {_int(s.responses, lang)}؛ میانگین (۱ تا ۵): {number(s.mean, lang)}؛ "
            f"امتیاز: {number(s.points, lang)}",
            f"- Responses: {s.responses}; mean (1 to 5): {number(s.mean, lang)}; points: "
            f"{number(s.points, lang)}",
        )
    ]


def _overdue(report: Report, lang: Lang) -> str:
    if not report.overdue:
        return _t(lang, "اقدام اصلاحی معوقی وجود ندارد.", "No corrective action is past due.")
    names = report.agencies
    # The oldest first; a long tail goes to the JSON output, not the page.
    shown = sorted(report.overdue, key=lambda o: (-o.age_days, o.agency_id, o.inspection_id))
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
            names[o.agency_id].name
            if lang == "fa"
            else (names[o.agency_id].name_en or o.agency_id),
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
    rest = len(report.overdue) - len(shown)
    if rest:
        table += "\n\n" + _t(
            lang,
            f"و {_int(rest, lang)} مورد دیگر (فهرست کامل در خروجی JSON).",
            f"And {rest} more (the JSON output lists them all).",
        )
    return table


def _coverage(report: Report, lang: Lang) -> list[str]:
    c = report.coverage
    names = report.agencies

    def label(agency_id: str) -> str:
        a = names[agency_id]
        return a.name if lang == "fa" else (a.name_en or a.id)

    missing = join_list((label(a) for a in c.uncovered), lang)
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


def _groups(report: Report, lang: Lang) -> list[str]:
    if not report.groups:
        return [_t(lang, "کارگروهی در این دامنه ثبت نشده است.", "No working group in this scope.")]
    out: list[str] = []
    for g in report.groups:
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


def _roll_ups(report: Report, lang: Lang) -> str:
    headers = (
        ["حوزه", "میانگین شاخص", "دستگاه‌ها"] if lang == "fa" else ["Area", "Mean index", "Agencies"]
    )
    rows = [
        [
            _area(r.area, lang),
            number(r.score, lang, report.decimals),
            _int(len(r.agencies), lang),
        ]
        for r in report.roll_ups
    ]
    return md_table(headers, rows)


def report_markdown(report: Report, lang: str = "fa") -> str:
    """The whole report as Markdown.

    Args:
        report: the report.
        lang: ``fa`` (right-to-left, Persian digits and month names) or ``en``.

    Raises:
        ValueError: for another ``lang``.
    """
    lang = check_lang(lang)
    p, scope = report.period, report.scope
    scope_name = scope.name_fa if lang == "fa" else scope.name_en
    sections: list[tuple[str, Callable[[], list[str] | str]]] = [
        (_t(lang, "خلاصه", "Summary"), lambda: _summary(report, lang)),
        (
            _t(lang, "رتبه‌بندی دستگاه‌ها در گروه‌های همتا", "Agencies ranked within peer groups"),
            lambda: _ranking_table(report, lang),
        ),
        (_t(lang, "توزیع درجه‌ها", "Grade distribution"), lambda: _grades(report, lang)),
        (_t(lang, "موارد بحرانی", "Critical findings"), lambda: _critical(report, lang)),
        (_t(lang, "شکایات", "Complaints"), lambda: _complaints(report, lang)),
        (
            _t(lang, "آموزش حقوق شهروندی", "Citizens'-rights training"),
            lambda: _training(report, lang),
        ),
        (_t(lang, "رضایت ارباب رجوع", "Client satisfaction"), lambda: _satisfaction(report, lang)),
        (
            _t(lang, "اقدامات اصلاحی معوق", "Corrective actions past due"),
            lambda: _overdue(report, lang),
        ),
        (_t(lang, "پوشش بازرسی", "Inspection coverage"), lambda: _coverage(report, lang)),
        (_t(lang, "پیشرفت کارگروه‌ها", "Working-group progress"), lambda: _groups(report, lang)),
        (_t(lang, "میانگین استانی", "Roll-up by area"), lambda: _roll_ups(report, lang)),
    ]
    title = _t(
        lang,
        f"# گزارش حقوق شهروندی در نظام اداری — {scope_name} — {p.label('fa')}",
        f"# Citizens' rights in the administrative system — {scope_name} — {p.label('en')}",
    )
    lines = [
        title,
        "",
        _t(
            lang,
            f"دوره: {p.label('fa')} ({day(p.start, lang)} تا {day(p.end, lang)})؛ "
            f"مقایسه با {report.previous_period.label('fa')}.",
            f"Period: {p.label('en')} ({p}; {day(p.start, lang)} to {day(p.end, lang)}); "
            f"compared with {report.previous_period.label('en')}.",
        ),
        "",
    ]
    for heading, body in sections:
        lines.extend([f"## {heading}", ""])
        content = body()
        lines.extend(content if isinstance(content, list) else [content])
        lines.append("")
    lines.append(
        _t(
            lang,
            f"سیاست نمره‌دهی {to_persian_digits(report.scoring_policy_version)}، سیاست شاخص "
            f"{to_persian_digits(report.index_policy_version)}، citizenrights "
            f"{report.library_version}.",
            f"Scoring policy {report.scoring_policy_version}, index policy "
            f"{report.index_policy_version}, citizenrights {report.library_version}.",
        )
    )
    text = "\n".join(lines).rstrip() + "\n"
    return rtl(text) if lang == "fa" else text


def agency_report_markdown(report: AgencyReport, lang: str = "fa") -> str:
    """The report of one agency, for its head, as Markdown.

    Raises:
        ValueError: for a ``lang`` other than ``fa`` or ``en``.
    """
    lang = check_lang(lang)
    a, row, p = report.agency, report.row, report.period
    name = a.name if lang == "fa" else (a.name_en or a.id)
    lines = [
        _t(lang, f"# گزارش {name} — {p.label('fa')}", f"# {name} — {p.label('en')}"),
        "",
        _t(
            lang,
            f"- شاخص: {number(row.score, lang)} ({_grade(row.grade, lang)})؛ رتبه "
            f"{_int(row.rank, lang)} از {_int(report.peers, lang)} در گروه «{row.group or '–'}»",
            f"- Index: {number(row.score, lang)} ({_grade(row.grade, lang)}); rank "
            f"{row.rank if row.rank is not None else '–'} of {report.peers} in group "
            f"'{row.group or '–'}'",
        ),
        _t(
            lang,
            f"- دوره قبل: {number(row.previous, lang)}؛ تغییر: {_change(row.change, lang, 2)}",
            f"- Previous period: {number(row.previous, lang)}; change: {_change(row.change, lang, 2)}",
        ),
        "",
        _t(lang, "## اجزای شاخص", "## Index components"),
        "",
    ]
    headers = (
        ["جزء", "مقدار", "وزن", "سهم"]
        if lang == "fa"
        else ["Component", "Value", "Weight", "Share"]
    )
    comp_rows = [
        [
            label(c.name, lang),
            number(c.value, lang),
            number(c.weight, lang),
            percent(c.share, lang, 0),
        ]
        for c in report.index.components.values()
    ]
    lines.extend([md_table(headers, comp_rows), ""])
    lines.extend([_t(lang, "## بازرسی‌ها", "## Inspections"), ""])
    if report.inspections:
        ins_headers = (
            ["بازرسی", "تاریخ", "نوع", "وضعیت", "نمره", "درجه", "سقف بحرانی"]
            if lang == "fa"
            else ["Inspection", "Date", "Kind", "Status", "Score", "Grade", "Critical cap"]
        )
        ins_rows = [
            [
                s.inspection_id,
                day(s.date, lang),
                label(s.kind, lang),
                s.status.value,
                number(s.score, lang),
                _grade(s.grade, lang),
                " ".join(s.capped_by) or "–",
            ]
            for s in report.inspections
        ]
        lines.extend([md_table(ins_headers, ins_rows), ""])
    else:
        lines.extend(
            [_t(lang, "بازرسی‌ای در این دوره نبوده است.", "No inspection in the period."), ""]
        )
    lines.extend([_t(lang, "## اقدامات اصلاحی معوق", "## Corrective actions past due"), ""])
    if report.overdue:
        lines.extend(f"- {o.explain(lang)}" for o in report.overdue)
    else:
        lines.append(_t(lang, "موردی نیست.", "None."))
    body = "\n".join(lines).rstrip() + "\n"
    return rtl(body) if lang == "fa" else body


def ranking_csv(report: Report) -> str:
    """The ranking as CSV text with a header row; numbers unrounded, dates ISO."""
    headers = (
        "group",
        "rank",
        "agency_id",
        "name",
        "name_en",
        "score",
        "score_display",
        "grade",
        "coverage",
        "inspection",
        "previous",
        "change",
    )
    rows = (
        (
            r.group,
            r.rank,
            r.agency_id,
            r.name,
            r.name_en,
            r.score,
            None
            if r.score is None
            else f"{round_half_up(r.score, report.decimals):.{report.decimals}f}",
            None if r.grade is None else r.grade.value,
            r.coverage,
            r.inspection,
            r.previous,
            r.change,
        )
        for r in report.ranking
    )
    return csv_text(headers, rows)
