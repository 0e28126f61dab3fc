"""The report an agency head receives, as Markdown (private; public through ``render``).

Its index and grade, its rank among the agencies of its peer group and the change against the
previous period; the index's components; its inspections; its critical items not met; and its
corrective actions past due with their due dates and working days late.
"""

from __future__ import annotations

from collections.abc import Sequence

from citizenrights.reporting import _sections
from citizenrights.reporting._fields import AgencyFields
from citizenrights.reporting._headings import section_title
from citizenrights.reporting._render import grade_text, md_table, page, signed
from citizenrights.reporting._tables import components_table, inspections_table
from citizenrights.vocabulary import (
    RECIPIENTS,
    check_lang,
    count,
    number,
    percent,
    say,
    term,
)

__all__ = ["agency_report_markdown", "agency_report_title", "tidy"]


def tidy(lines: Sequence[str]) -> str:
    """The lines as one text: runs of blank lines made one, and a blank line before every list."""
    out: list[str] = []
    for line in "\n".join(lines).splitlines():
        item = line.startswith("- ")
        if item and out and out[-1] and not out[-1].startswith("- "):
            out.append("")
        if not line.strip() and out and not out[-1].strip():
            continue
        out.append(line)
    return "\n".join(out).strip() + "\n"


def agency_report_title(report: AgencyFields, lang: str = "fa") -> str:
    """The title of an agency's report: the agency, the period, and that it is for its head."""
    lang = check_lang(lang)
    a, p = report.agency, report.period
    name = say(lang, fa=a.name, en=a.name_en or a.name)
    recipient = say(lang, fa=RECIPIENTS["agency_head"][0], en=RECIPIENTS["agency_head"][1])
    return say(
        lang,
        fa=f"گزارش حقوق شهروندی {name} — {p.label('fa')} — {recipient}",
        en=f"Citizens' rights at {name} — {p.label('en')} — {recipient.lower()}",
    )


def agency_report_markdown(report: AgencyFields, lang: str = "fa") -> str:
    """The report of one agency, for its head, as Markdown.

    Its index and grade, its rank among the agencies of its peer group and the change against the
    previous period; the index's components; its inspections; its critical items not met; and
    its corrective actions past due with their due dates and working days late.

    Raises:
        UnsupportedLanguageError: for a ``lang`` other than ``fa`` or ``en``.
    """
    lang = check_lang(lang)
    row = report.row
    group = row.group_label(lang)
    lines = [
        f"# {agency_report_title(report, lang)}",
        "",
        say(
            lang,
            fa=f"- شاخص: {number(row.score, lang)} ({grade_text(row.grade, lang)})",
            en=f"- Index: {number(row.score, lang)} ({grade_text(row.grade, lang)})",
        ),
        say(
            lang,
            fa=f"- رتبه: {count(row.rank, lang)} از {count(report.peers, lang)} دستگاه گروه «{group}»",
            en=f"- Rank: {count(row.rank, lang)} of {count(report.peers, lang)} agencies in “{group}”",
        ),
        say(
            lang,
            fa=f"- دوره قبل: {number(row.previous, lang)}؛ تغییر: {signed(row.change, lang, 2)}",
            en=f"- Previous period: {number(row.previous, lang)}; change: "
            f"{signed(row.change, lang, 2)}",
        ),
        say(
            lang,
            fa=f"- {term('data_coverage', lang)}: {percent(row.coverage, lang, 0)}",
            en=f"- {term('data_coverage', lang)}: {percent(row.coverage, lang, 0)}",
        ),
        "",
        f"## {section_title('components', lang)}",
        "",
    ]
    components = components_table(report.index, lang)
    lines.extend([md_table(components.headers(lang), components.text_rows(lang)), ""])
    lines.extend([f"## {section_title('inspections', lang)}", ""])
    if report.inspections:
        inspections = inspections_table(report.inspections, lang)
        lines.extend([md_table(inspections.headers(lang), inspections.text_rows(lang)), ""])
    else:
        lines.extend(
            [say(lang, fa="بازرسی‌ای در این دوره نبوده است.", en="No inspection in the period."), ""]
        )
    names = {report.agency.id: report.agency}
    lines.extend(
        [
            f"## {section_title('critical', lang)}",
            "",
            _sections.critical(report.critical, names, lang, total=report.critical_total),
            "",
            f"## {section_title('overdue', lang)}",
            "",
            _sections.overdue(report.overdue, names, lang, report.overdue_total),
        ]
    )
    return page(tidy(lines), lang)
