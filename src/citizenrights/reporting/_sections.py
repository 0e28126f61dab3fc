"""The sections of the periodic report in Markdown (private), each from the parts it shows.

[`report_markdown`][citizenrights.reporting.render.report_markdown] puts them together; each
function takes only the figures of its section (and the agencies, to name them), not the report.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence

from citizenrights.followup import Coverage, GroupProgress, OverdueFinding
from citizenrights.models.agencies import Agency
from citizenrights.models.groups import Programme, WorkingGroup
from citizenrights.models.inspections import InspectionKind
from citizenrights.models.provinces import Province
from citizenrights.reporting import _tables
from citizenrights.reporting._critical_md import critical_resolved, critical_text, merged_critical
from citizenrights.reporting._progress_md import progress_lines
from citizenrights.reporting._render import (
    agency_name,
    columns,
    grade_text,
    hours_text,
    md_table,
    ranked_name,
    signed,
    significant,
)
from citizenrights.reporting._tables import (
    OVERDUE_ROWS,
    cut_note,
    oldest_first,
    overdue_table,
    overdue_text,
)
from citizenrights.reporting.figures import (
    ComplaintFigures,
    CriticalFinding,
    RankedAgency,
    ReportSummary,
    SatisfactionFigures,
    TrainingFigures,
)
from citizenrights.scoring.rollup import NATIONAL, RollUp
from citizenrights.vocabulary import (
    Lang,
    count,
    join_list,
    label,
    number,
    percent,
    say,
    term,
)

__all__ = [
    "OVERDUE_ROWS",
    "UNCOVERED_NAMES",
    "complaints",
    "coverage",
    "critical",
    "critical_resolved",
    "critical_text",
    "grades",
    "groups",
    "merged_critical",
    "overdue",
    "overdue_text",
    "ranking_table",
    "roll_ups",
    "satisfaction",
    "summary",
    "training",
]


def _more(rest: int, lang: Lang) -> str:
    # Under a table cut short: how many more rows the full outputs list.
    return say(
        lang,
        fa=f"و {count(rest, lang)} مورد دیگر (فهرست کامل در خروجی JSON و Excel).",
        en=f"And {count(rest, lang)} more (the JSON and Excel outputs list them all).",
    )


def ranking_table(ranking: Sequence[RankedAgency], lang: Lang, decimals: int) -> list[str]:
    """The ranking: one narrow table per peer group (under a ``###`` heading with its name).

    Each table has rank, agency, index, grade, previous index and change, and the agency id in
    its last column; the agencies whose index rests on part of the data are named after the
    tables. The inspection component is in the JSON, CSV and Excel outputs.
    """
    out: list[str] = []
    for name, rows in _tables.by_peer_group(ranking, lang):
        table = _tables.ranking_table(rows, lang, decimals)
        out.extend([f"### {name}", "", md_table(table.headers(lang), table.text_rows(lang)), ""])
    partial = [r for r in ranking if r.score is not None and r.coverage < 1]
    if partial:
        names = join_list(
            (f"{ranked_name(r, lang)} ({percent(r.coverage, lang, 0)})" for r in partial), lang
        )
        out.append(
            say(
                lang,
                fa=f"{term('data_coverage', lang)} کمتر از صد درصد (شاخص بر پایهٔ بخشی از "
                f"داده‌ها): {names}.",
                en=f"{term('data_coverage', lang)} below 100% (an index on part of the data): "
                f"{names}.",
            )
        )
    return out


def summary(s: ReportSummary, lang: Lang, decimals: int) -> list[str]:
    """The headline figures as a list."""
    d = decimals
    by_kind = join_list(
        (f"{label(InspectionKind(k), lang)} {count(n, lang)}" for k, n in s.by_kind.items() if n),
        lang,
    )
    n = {
        "agencies": count(s.agencies, lang),
        "indexed": count(s.indexed, lang),
        "inspections": count(s.inspections, lang),
        "joint": count(s.joint, lang),
        "scored": count(s.scored, lang),
        "incomplete": count(s.incomplete, lang),
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
    return md_table(headers, [[grade_text(g, lang), count(n, lang)] for g, n in counts.items()])


def critical(
    findings: Sequence[CriticalFinding],
    agencies: Mapping[str, Agency],
    lang: Lang,
    *,
    limit: int | None = None,
    total: int | None = None,
    counts: Mapping[str, int] | None = None,
) -> str:
    """The critical failures as a table, each once, said as what was wrong (at most ``limit``).

    ``total`` is how many there are in all when ``findings`` lists only some (a report partial
    keeps each agency's most recent: ``ReportPartial.critical_total``); the page then says so.
    With a ``limit`` (a national report), the agencies with the most failures come first (by
    ``counts``, the exact counts by agency, when given), then the most recent failures.
    """
    if not findings:
        return say(lang, fa="موردی ثبت نشده است.", en="None recorded.")
    merged = merged_critical(findings)
    lead = ""
    if limit is not None:
        most = _tables.most_critical_table(_tables.most_critical(findings, counts), agencies, lang)
        before, after = _tables.most_critical_lead(lang)
        table_text = md_table(most.headers(lang), most.text_rows(lang))
        lead = f"{before}\n\n{table_text}\n\n{after}\n\n"
        merged = _tables.latest_first(merged)
    shown = merged if limit is None else merged[:limit]
    rows = _tables.critical_table(shown, agencies, lang)
    table = lead + md_table(rows.headers(lang), rows.text_rows(lang))
    # ``total`` counts rows, ``merged`` joins an item's rows: compare rows with rows.
    cut = total if total is not None and total > len(findings) else None
    note = cut_note(len(shown), len(merged), cut, lang, kept="latest")
    if note:
        table += "\n\n" + note
    return table


def complaints(c: ComplaintFigures, lang: Lang, decimals: int) -> list[str]:
    """The complaint figures as a list."""
    received, closed, still_open = (count(n, lang) for n in (c.received, c.closed, c.open))
    upheld, grave, dismissed = (count(n, lang) for n in (c.upheld, c.grave_upheld, c.dismissed))
    on_time, share = count(c.on_time, lang), percent(c.on_time_share, lang)
    per_1000 = significant(c.upheld_per_1000, lang, 3, decimals=decimals)
    return [
        say(
            lang,
            fa=f"- شکایات دریافت‌شده: {received}؛ مختومه: {closed}؛ {term('still_open', lang)}: {still_open}",
            en=f"- Complaints received: {received}; closed: {closed}; still open: {still_open}",
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
    staff, trained, share = count(t.staff, lang), count(t.trained, lang), percent(t.share, lang)
    hours, people, left_out = (
        hours_text(t.hours, lang),
        count(t.people, lang),
        count(t.left_out, lang),
    )
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
            fa=f"- پاسخ‌ها: {count(s.responses, lang)}؛ میانگین (۱ تا ۵): {number(s.mean, lang)}؛ "
            f"امتیاز: {number(s.points, lang)}",
            en=f"- Responses: {count(s.responses, lang)}; mean (1 to 5): {number(s.mean, lang)}; points: "
            f"{number(s.points, lang)}",
        )
    ]


def overdue(
    findings: Sequence[OverdueFinding],
    agencies: Mapping[str, Agency],
    lang: Lang,
    total: int | None = None,
) -> str:
    """The corrective actions past due as a table, the oldest first and at most ``OVERDUE_ROWS``.

    ``total`` is how many are past due in all when ``findings`` lists only some (a report
    partial keeps each agency's oldest: ``ReportPartial.overdue_total``); the page then says so.
    """
    if not findings:
        return say(
            lang, fa="اقدام اصلاحی معوقی وجود ندارد.", en="No corrective action is past due."
        )
    # The oldest first; a long tail goes to the JSON output, not the page.
    shown = oldest_first(findings)[:OVERDUE_ROWS]
    rows = overdue_table(shown, agencies, lang)
    table = md_table(rows.headers(lang), rows.text_rows(lang))
    note = cut_note(len(shown), len(findings), total, lang, kept="oldest")
    if note:
        table += "\n\n" + note
    return table


#: At most this many agencies without an inspection are named in a report's prose.
UNCOVERED_NAMES = 20


def coverage(c: Coverage, agencies: Mapping[str, Agency], lang: Lang) -> list[str]:
    """The periodic-inspection coverage as a list (at most ``UNCOVERED_NAMES`` named)."""
    names = [agency_name(a, agencies, lang) for a in c.uncovered[:UNCOVERED_NAMES]]
    rest = len(c.uncovered) - len(names)
    if rest:
        names.append(
            say(lang, fa=f"و {count(rest, lang)} دستگاه دیگر", en=f"and {count(rest, lang)} more")
        )
    missing = join_list(names, lang)
    covered, total = count(len(c.covered), lang), count(len(c.covered) + len(c.uncovered), lang)
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


def groups(
    progress: Sequence[GroupProgress],
    names: Mapping[str, WorkingGroup],
    programmes: Mapping[str, Programme],
    lang: Lang,
) -> list[str]:
    """Each working group's progress under a ``###`` heading with its name."""
    if not progress:
        return [
            say(lang, fa="کارگروهی در این سطح ثبت نشده است.", en="No working group in this scope.")
        ]
    out: list[str] = []
    for g in progress:
        out.extend(progress_lines(g, names, programmes, lang))
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
        [_area(r.area, lang), number(r.score, lang, decimals), count(len(r.agencies), lang)]
        for r in areas
    ]
    return md_table(headers, rows)
