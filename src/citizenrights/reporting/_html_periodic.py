"""The page of a periodic report (private): summary, ranking, grades, trend and the figures.

[`report_html`][citizenrights.reporting.html.report_html] renders what
[`periodic_page`][citizenrights.reporting._html_periodic.periodic_page] puts together.
"""

from __future__ import annotations

from collections.abc import Sequence

from citizenrights.reporting import _charts as charts
from citizenrights.reporting._charts import Band, Bar
from citizenrights.reporting._fields import PeriodicFields
from citizenrights.reporting._headings import report_title, section_title
from citizenrights.reporting._html_parts import (
    Block,
    Page,
    Section,
    bands_of,
    chart_block,
    colour,
    coverage_section,
    critical_section,
    group_means,
    implementation_blocks,
    overdue_section,
    roll_ups_section,
    share_parts,
    table_of,
    text_block,
)
from citizenrights.reporting._national import province_rows, provinces_of
from citizenrights.reporting._render import (
    day,
    grade_text,
    hours_text,
    ranked_name,
    signed,
    significant,
)
from citizenrights.reporting._tables import (
    OVERDUE_ROWS,
    by_peer_group,
    ranking_table,
)
from citizenrights.scoring.policies import Grade, GradeBands
from citizenrights.vocabulary import Lang, count, fa_digits, number, percent, say, term

__all__ = ["periodic_page"]


# -- the periodic report ----------------------------------------------------------------------


def _heading(text: str) -> str:
    # A term used as a heading starts with a capital (Persian has none).
    return text[:1].upper() + text[1:]


def _summary(report: PeriodicFields, lang: Lang) -> Section:
    s, d = report.summary, report.decimals
    c, t, k = report.coverage, report.training, report.complaints
    change = signed(s.change, lang, d)
    cells = (
        (
            say(lang, fa="میانگین شاخص دستگاه‌ها", en="Mean agency index"),
            number(s.mean_index, lang, d),
            say(lang, fa=f"تغییر: {change}", en=f"change: {change}"),
        ),
        (
            say(lang, fa="میانگین امتیاز بازرسی", en="Mean inspection score"),
            number(s.mean_inspection, lang, d),
            say(
                lang,
                fa=f"{count(s.scored, lang)} بازرسی امتیازدار",
                en=f"{count(s.scored, lang)} scored inspections",
            ),
        ),
        (
            say(lang, fa="دستگاه‌های مشمول", en="Agencies in scope"),
            count(s.agencies, lang),
            say(
                lang,
                fa=f"دارای شاخص: {count(s.indexed, lang)}",
                en=f"with an index: {count(s.indexed, lang)}",
            ),
        ),
        (
            say(lang, fa="بازرسی‌ها", en="Inspections"),
            count(s.inspections, lang),
            say(lang, fa=f"مشترک: {count(s.joint, lang)}", en=f"joint: {count(s.joint, lang)}"),
        ),
        (
            say(lang, fa="پوشش بازرسی دوره‌ای", en="Periodic-inspection coverage"),
            percent(c.rate, lang),
            say(
                lang,
                fa=f"{count(len(c.covered), lang)} از {count(len(c.covered) + len(c.uncovered), lang)}",
                en=f"{count(len(c.covered), lang)} of {count(len(c.covered) + len(c.uncovered), lang)}",
            ),
        ),
        (
            _heading(term("upheld_complaints", lang)),
            count(k.upheld, lang),
            say(
                lang,
                fa=f"از {count(k.received, lang)} شکایت",
                en=f"of {count(k.received, lang)} complaints",
            ),
        ),
        (
            _heading(term("trained_to_minimum", lang)),
            percent(t.share, lang),
            say(
                lang,
                fa=f"{count(t.trained, lang)} از {count(t.staff, lang)} نفر",
                en=f"{count(t.trained, lang)} of {count(t.staff, lang)} staff",
            ),
        ),
    )
    return Section("summary", section_title("summary", lang), (Block("figures", cells=cells),))


def _ranking(report: PeriodicFields, lang: Lang, bands: Sequence[Band]) -> Section:
    d = report.decimals
    previous = say(lang, fa="دوره قبل", en="previous period")
    blocks: list[Block] = []
    for name, rows in by_peer_group(report.ranking, lang):
        bars = [
            Bar(
                ranked_name(r, lang),
                r.score,
                number(r.score, lang, d),
                colour(r.grade),
                marker=r.previous,
            )
            for r in rows
        ]
        blocks.append(Block("h3", text=name))
        blocks.append(
            chart_block(
                charts.bar_chart(
                    bars, lang, title=name, limit=100, bands=bands, marker_label=previous
                ),
                say(
                    lang,
                    fa=f"شاخص دستگاه‌های {name} در برابر درجه‌ها؛ خط سیاه: دوره قبل",
                    en=f"{name}: each agency's index against the grades; black mark: previous period",
                ),
            )
        )
        ranked = ranking_table(rows, lang, d, coverage=True)
        blocks.append(table_of(ranked, lang, id_last=True))
    heading = section_title("ranking", lang)
    return Section("ranking", heading, tuple(blocks))


def _provinces(report: PeriodicFields, lang: Lang) -> Section:
    rows = province_rows(report.roll_ups, report.coverage, report.agencies)
    title = section_title("provinces", lang)
    if not rows:
        empty = say(lang, fa="استانی در این گزارش نیست.", en="No province in this report.")
        return Section("provinces", title, (text_block(empty),))
    table = provinces_of(rows, lang, report.decimals)
    return Section("provinces", title, (table_of(table, lang, id_last=True),))


def _grades(report: PeriodicFields, lang: Lang) -> Section:
    bars = [
        Bar(
            grade_text(g, lang),
            float(n),
            number(n, lang),
            colour(None if g == "none" else Grade(g)),
        )
        for g, n in report.grades.items()
    ]
    title = section_title("grades", lang)
    caption = say(lang, fa="تعداد دستگاه‌ها در هر درجه", en="Agencies by grade")
    return Section(
        "grades", title, (chart_block(charts.bar_chart(bars, lang, title=title), caption),)
    )


def _trend(report: PeriodicFields, lang: Lang) -> Section:
    s, p, q = report.summary, report.period, report.previous_period
    means = group_means(report.ranking)
    labels = [say(lang, fa="همهٔ دستگاه‌ها", en="All agencies")]
    named = {r.group: r.group_label(lang) for r in report.ranking}
    labels += [named[g] for g, _, _ in means]
    before = [s.previous_mean_index, *(b for _, b, _ in means)]
    after = [s.mean_index, *(a for _, _, a in means)]
    title = section_title("trend", lang)
    svg = charts.paired_chart(
        labels, before, after, lang, title=title, legend=(q.label(lang), p.label(lang))
    )
    caption = say(
        lang,
        fa=f"میانگین شاخص در {q.label('fa')} و {p.label('fa')}، به تفکیک گروه همتا",
        en=f"Mean index in {q.label('en')} and {p.label('en')}, by peer group",
    )
    return Section("trend", title, (chart_block(svg, caption),))


def _critical(report: PeriodicFields, lang: Lang) -> Section:
    # A national report lists the first rows; the JSON and Excel outputs hold the rest.
    limit = OVERDUE_ROWS if report.scope.kind == "national" else None
    return critical_section(
        report.critical,
        report.agencies,
        lang,
        limit=limit,
        total=report.critical_total,
        counts=report.critical_by_agency,
    )


def _complaints(report: PeriodicFields, lang: Lang) -> Section:
    c, d = report.complaints, report.decimals
    title = section_title("complaints", lang)
    parts = share_parts(
        [
            (
                f"{term('upheld_complaints', lang)}: {count(c.upheld, lang)}",
                float(c.upheld),
                charts.GRADE_COLOURS["poor"],
            ),
            (
                say(
                    lang,
                    fa=f"ردشده یا مستردشده: {count(c.dismissed, lang)}",
                    en=f"Dismissed or withdrawn: {count(c.dismissed, lang)}",
                ),
                float(c.dismissed),
                charts.SECONDARY,
            ),
            (
                f"{term('still_open', lang)}: {count(c.open, lang)}",
                float(c.open),
                charts.GRADE_COLOURS["none"],
            ),
        ]
    )
    items = (
        say(
            lang,
            fa=f"شکایات دوره: {count(c.received, lang)}؛ مختومه: {count(c.closed, lang)}",
            en=f"Complaints in the period: {count(c.received, lang)}; closed: {count(c.closed, lang)}",
        ),
        say(
            lang,
            fa=f"{term('grave_complaints', lang)}: {count(c.grave_upheld, lang)}",
            en=f"Upheld and grave: {count(c.grave_upheld, lang)}",
        ),
        say(
            lang,
            fa=f"پاسخ به‌موقع: {count(c.on_time, lang)} ({percent(c.on_time_share, lang)})",
            en=f"Answered in time: {count(c.on_time, lang)} ({percent(c.on_time_share, lang)})",
        ),
        say(
            lang,
            fa=f"{term('upheld_complaints', lang)} در هر هزار خدمت: {significant(c.upheld_per_1000, lang, decimals=d)}",
            en=f"Upheld per 1,000 services: {significant(c.upheld_per_1000, lang, decimals=d)}",
        ),
    )
    caption = say(
        lang,
        fa=f"{count(c.received, lang)} شکایت دوره به تفکیک نتیجه",
        en=f"The period's {count(c.received, lang)} complaints by outcome",
    )
    blocks = (
        chart_block(charts.share_chart(parts, lang, title=title), caption),
        Block("list", items=items),
    )
    return Section("complaints", title, blocks)


def _training(report: PeriodicFields, lang: Lang) -> Section:
    t = report.training
    title = section_title("training", lang)
    items = [
        say(
            lang,
            fa=f"کارکنان: {count(t.staff, lang)}؛ {term('trained_to_minimum', lang)}: {count(t.trained, lang)} ({percent(t.share, lang)})",
            en=f"Staff: {count(t.staff, lang)}; trained to the threshold: {count(t.trained, lang)} ({percent(t.share, lang)})",
        ),
        say(
            lang,
            fa=f"ساعات آموزش: {hours_text(t.hours, lang)}؛ افراد آموزش‌دیده: {count(t.people, lang)}",
            en=f"Training hours: {hours_text(t.hours, lang)}; people trained: {count(t.people, lang)}",
        ),
    ]
    blocks: list[Block] = []
    if t.staff:
        rest = max(t.staff - t.trained, 0)
        parts = share_parts(
            [
                (
                    f"{term('trained_to_minimum', lang)}: {count(t.trained, lang)}",
                    float(t.trained),
                    charts.GRADE_COLOURS["good"],
                ),
                (
                    say(
                        lang,
                        fa=f"سایر کارکنان: {count(rest, lang)}",
                        en=f"Other staff: {count(rest, lang)}",
                    ),
                    float(rest),
                    charts.GRADE_COLOURS["none"],
                ),
            ]
        )
        caption = say(lang, fa="کارکنان به تفکیک آموزش", en="Staff by training")
        blocks.append(chart_block(charts.share_chart(parts, lang, title=title), caption))
    blocks.append(Block("list", items=tuple(items)))
    return Section("training", title, tuple(blocks))


def _satisfaction(report: PeriodicFields, lang: Lang) -> Section:
    s = report.satisfaction
    title = section_title("satisfaction", lang)
    item = say(
        lang,
        fa=f"پاسخ‌ها: {count(s.responses, lang)}؛ میانگین (۱ تا ۵): {number(s.mean, lang)}؛ {term('score', lang)}: {number(s.points, lang)}",
        en=f"Responses: {count(s.responses, lang)}; mean (1 to 5): {number(s.mean, lang)}; points: {number(s.points, lang)}",
    )
    return Section("satisfaction", title, (Block("list", items=(item,)),))


def _groups(report: PeriodicFields, lang: Lang) -> Section:
    title = section_title("groups", lang)
    if not report.groups:
        return Section(
            "groups",
            title,
            (
                text_block(
                    say(
                        lang,
                        fa="کارگروهی در این سطح ثبت نشده است.",
                        en="No working group in this scope.",
                    )
                ),
            ),
        )
    return Section("groups", title, implementation_blocks(report.groups, report.group_names, lang))


def periodic_page(report: PeriodicFields, lang: Lang, grade_bands: GradeBands) -> Page:
    """The page of a periodic report."""
    p, q = report.period, report.previous_period
    bands = bands_of(grade_bands, lang)
    sections = (
        _summary(report, lang),
        _ranking(report, lang, bands),
        # The national councils read the provinces ranked (as in the Markdown and the workbook).
        *((_provinces(report, lang),) if report.scope.kind == "national" else ()),
        _grades(report, lang),
        _trend(report, lang),
        _critical(report, lang),
        _complaints(report, lang),
        _training(report, lang),
        _satisfaction(report, lang),
        overdue_section(report.overdue, report.agencies, lang, report.overdue_total),
        coverage_section(report.coverage, report.agencies, lang),
        _groups(report, lang),
        # An agency's subtree has no area mean of its own (no roll-ups).
        *((roll_ups_section(report.roll_ups, report.decimals, lang),) if report.roll_ups else ()),
    )
    title = report_title(report, lang)
    lead = (
        say(
            lang,
            fa=f"دوره: {p.label('fa')} ({day(p.start, lang)} تا {day(p.end, lang)})؛ مقایسه با {q.label('fa')}.",
            en=f"Period: {p.label('en')} ({day(p.start, lang)} to {day(p.end, lang)}); compared with {q.label('en')}.",
        ),
    )
    return Page(title, lead, sections, _footer(report, lang))


def _footer(report: PeriodicFields, lang: Lang) -> str:

    return say(
        lang,
        fa=f"{term('scoring_rules', lang).format(version=fa_digits(report.scoring_policy_version))}؛ "
        f"ضوابط شاخص، نسخهٔ {fa_digits(report.index_policy_version)}؛ citizenrights {report.library_version}.",
        en=f"Scoring policy {report.scoring_policy_version}, index policy "
        f"{report.index_policy_version}, citizenrights {report.library_version}.",
    )
