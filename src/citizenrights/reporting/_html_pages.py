"""The pages of an agency's report and of a working group's progress report (private).

[`agency_report_html`][citizenrights.reporting.html.agency_report_html] and
[`progress_report_html`][citizenrights.reporting.html.progress_report_html] render what
[`agency_page`][citizenrights.reporting._html_pages.agency_page] and
[`progress_page`][citizenrights.reporting._html_pages.progress_page] put together.
"""

from __future__ import annotations

from collections import Counter
from typing import TYPE_CHECKING

from citizenrights.reporting import _charts as charts
from citizenrights.reporting._agency_md import agency_report_title
from citizenrights.reporting._charts import Bar
from citizenrights.reporting._fields import AgencyFields, ProgressFields
from citizenrights.reporting._headings import section_title
from citizenrights.reporting._html_memorandum import (
    agency_transparency_sections,
    memorandum_sections,
)
from citizenrights.reporting._html_parts import (
    Block,
    Page,
    Section,
    bands_of,
    chart_block,
    colour,
    coverage_section,
    critical_section,
    overdue_section,
    share_parts,
    table,
    table_of,
    text_block,
)
from citizenrights.reporting._progress_md import item_title
from citizenrights.reporting._progress_report import progress_title
from citizenrights.reporting._render import day, grade_text, rate_text, signed
from citizenrights.reporting._tables import components_table, inspections_table, members_table
from citizenrights.scoring.policies import GradeBands
from citizenrights.vocabulary import Lang, label, number, say

if TYPE_CHECKING:
    pass

__all__ = ["agency_page", "progress_page"]


# -- an agency's report -----------------------------------------------------------------------


def agency_page(report: AgencyFields, lang: Lang, grade_bands: GradeBands) -> Page:
    """The page of an agency's report, for its head."""
    a, row, p = report.agency, report.row, report.period
    group = row.group_label(lang)
    d = 2
    cells = (
        (say(lang, fa="شاخص", en="Index"), number(row.score, lang, d), grade_text(row.grade, lang)),
        (
            say(lang, fa="رتبه در گروه همتا", en="Rank in the peer group"),
            say(
                lang,
                fa=f"{number(row.rank, lang)} از {number(report.peers, lang)}",
                en=f"{number(row.rank, lang)} of {report.peers}",
            ),
            group,
        ),
        (
            say(lang, fa="دوره قبل", en="Previous period"),
            number(row.previous, lang, d),
            say(
                lang,
                fa=f"تغییر: {signed(row.change, lang, d)}",
                en=f"change: {signed(row.change, lang, d)}",
            ),
        ),
    )
    bars = [
        Bar(label(c.name, lang), c.value, number(c.value, lang, d), charts.PRIMARY)
        for c in report.index.components.values()
    ]
    bars.insert(
        0,
        Bar(
            say(lang, fa="شاخص", en="Index"),
            row.score,
            number(row.score, lang, d),
            colour(row.grade),
            marker=row.previous,
        ),
    )
    title = section_title("components", lang)
    chart = charts.bar_chart(
        bars,
        lang,
        title=title,
        limit=100,
        bands=bands_of(grade_bands, lang),
        marker_label=say(lang, fa="دوره قبل", en="previous period"),
    )
    inspections = (
        (table_of(inspections_table(report.inspections, lang, capped=False), lang, id_last=True),)
        if report.inspections
        else (
            text_block(
                say(lang, fa="بازرسی‌ای در این دوره نبوده است.", en="No inspection in the period.")
            ),
        )
    )
    sections = (
        Section("summary", section_title("summary", lang), (Block("figures", cells=cells),)),
        Section(
            "components",
            title,
            (
                chart_block(
                    chart,
                    say(
                        lang,
                        fa="شاخص و اجزای آن در برابر درجه‌ها",
                        en="The index and its components against the grades",
                    ),
                ),
                table_of(components_table(report.index, lang), lang),
            ),
        ),
        Section("inspections", section_title("inspections", lang), inspections),
        critical_section(report.critical, {a.id: a}, lang, total=report.critical_total),
        overdue_section(report.overdue, {a.id: a}, lang, report.overdue_total),
        *agency_transparency_sections(report.transparency, a, report.inspections, lang),
    )
    # The title the Markdown gives it: whose, when, and that it is for the agency's head.
    page_title = agency_report_title(report, lang)
    lead = (
        say(
            lang,
            fa=f"دوره: {p.label('fa')}؛ گروه همتا: {group}.",
            en=f"Period: {p.label('en')}; peer group: {group}.",
        ),
    )
    return Page(page_title, lead, sections, f"citizenrights {report.library_version}")


# -- a working group's progress report --------------------------------------------------------


def progress_page(report: ProgressFields, lang: Lang) -> Page:
    """The page of a working group's documented progress report."""
    g, p = report.group, report.progress
    members = [table_of(members_table(g, lang), lang)]
    if report.include_names:
        members.append(
            Block(
                "list", items=tuple(f"{m.name} ({label(m.affiliation, lang)})" for m in g.members)
            )
        )
    years = sorted(p.meetings_held)
    meeting_bars = [
        Bar(
            number(y, lang),
            float(p.meetings_held[y]),
            number(p.meetings_held[y], lang),
            charts.PRIMARY,
            marker=None if p.meetings_required is None else float(p.meetings_required),
        )
        for y in years
    ]
    meetings_title = say(lang, fa="جلسات در هر سال", en="Meetings a year")
    status_parts = share_parts(
        [
            (
                say(lang, fa=f"انجام‌شده: {number(p.done, lang)}", en=f"Done: {p.done}"),
                float(p.done),
                charts.GRADE_COLOURS["good"],
            ),
            (
                say(lang, fa=f"در جریان: {number(p.open, lang)}", en=f"Open: {p.open}"),
                float(p.open),
                charts.GRADE_COLOURS["acceptable"],
            ),
            (
                say(lang, fa=f"منتفی: {number(p.dropped, lang)}", en=f"Dropped: {p.dropped}"),
                float(p.dropped),
                charts.GRADE_COLOURS["none"],
            ),
        ]
    )
    carried_title = say(lang, fa="اجرای مصوبات", en="Resolutions carried out")
    blocks: list[Block] = [Block("h3", text=carried_title)]
    if p.resolutions:
        blocks.append(
            chart_block(
                charts.share_chart(status_parts, lang, title=carried_title),
                say(
                    lang,
                    fa=f"{number(p.resolutions, lang)} مصوبه به تفکیک وضعیت",
                    en=f"The {p.resolutions} resolutions by status",
                ),
            )
        )
    blocks.append(
        Block(
            "list",
            items=(
                say(
                    lang,
                    fa=f"نرخ اجرا: {rate_text(p.implementation_rate, lang)} ({number(p.due_done, lang)} از {number(p.due_count, lang)} مصوبهٔ سررسیدشده)",
                    en=f"Implementation: {rate_text(p.implementation_rate, lang)} ({p.due_done} of the {p.due_count} resolutions due)",
                ),
                say(
                    lang,
                    fa=f"مصوبات معوق: {number(len(p.overdue), lang)}؛ انجام‌شده با تأخیر: {number(len(p.late), lang)}",
                    en=f"Overdue resolutions: {len(p.overdue)}; done late: {len(p.late)}",
                ),
            ),
        )
    )
    if meeting_bars:
        required = say(lang, fa="حد لازم", en="required")
        blocks.append(Block("h3", text=meetings_title))
        blocks.append(
            chart_block(
                charts.bar_chart(meeting_bars, lang, title=meetings_title, marker_label=required),
                say(
                    lang,
                    fa="جلسات برگزارشده در هر سال؛ خط سیاه: حد لازم",
                    en="Meetings held each year; black mark: the required number",
                ),
            )
        )
    if p.programme_items:
        statuses = Counter(i.status for i in p.programme_items)
        item_bars = [
            Bar(label(s, lang), float(n), number(n, lang), charts.PRIMARY)
            for s, n in sorted(statuses.items(), key=lambda kv: kv[0].value)
        ]
        items_title = say(lang, fa="بندهای برنامه", en="Programme items")
        blocks.append(Block("h3", text=items_title))
        blocks.append(
            chart_block(
                charts.bar_chart(item_bars, lang, title=items_title),
                say(lang, fa="بندهای برنامه به تفکیک وضعیت", en="Programme items by status"),
            )
        )
        blocks.append(
            table(
                (
                    say(lang, fa="شماره", en="No."),
                    say(lang, fa="عنوان", en="Title"),
                    say(lang, fa="وضعیت", en="Status"),
                ),
                [
                    (
                        number(i.number, lang),
                        item_title(i, report.programmes, lang),
                        label(i.status, lang),
                    )
                    for i in p.programme_items
                ],
                numeric=(0,),
            )
        )
    sections = (
        Section("members", say(lang, fa="اعضا", en="Members"), tuple(members)),
        Section("progress", say(lang, fa="پیشرفت", en="Progress"), tuple(blocks)),
        coverage_section(report.coverage, report.agencies, lang),
        overdue_section(report.overdue, report.agencies, lang, report.overdue_total),
        *memorandum_sections(report.memorandum, report.agencies, lang),
    )
    title = progress_title(report, lang)
    lead = (
        say(
            lang,
            fa=f"تاریخ گزارش: {day(report.as_of, lang)}",
            en=f"As of {day(report.as_of, lang)}",
        ),
    )
    footer = say(
        lang,
        fa=f"citizenrights {report.library_version}؛ سطح {label(g.scope, 'fa')}.",
        en=f"citizenrights {report.library_version}; {label(g.scope, 'en')} scope.",
    )
    return Page(title, lead, sections, footer)
