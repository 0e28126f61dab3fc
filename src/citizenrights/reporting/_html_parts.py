"""The content of the HTML reports (private): sections of figures, charts, tables and lists.

A page is a [`Page`][citizenrights.reporting._html_parts.Page] of sections of blocks, which
``_html_periodic`` and ``_html_pages`` put together from a report and
[`citizenrights.reporting.html`][citizenrights.reporting.html] fills the template with. Every
word comes from the vocabulary (``say``, ``term``, ``label``, ``peer_group``) and every number
and date through its formatters, so the page says what the Markdown says, in the same words.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from math import fsum
from typing import TYPE_CHECKING

import attrs

from citizenrights.models.agencies import Agency
from citizenrights.models.provinces import Province
from citizenrights.reporting import _charts as charts
from citizenrights.reporting._charts import Band, Bar
from citizenrights.reporting._critical_md import critical_resolved, critical_text, merged_critical
from citizenrights.reporting._headings import section_title
from citizenrights.reporting._progress_md import group_name
from citizenrights.reporting._render import agency_name, day, rate_text
from citizenrights.reporting._tables import (
    OVERDUE_ROWS,
    Table,
    cut_note,
    latest_first,
    most_critical,
    most_critical_lead,
    most_critical_table,
    oldest_first,
    overdue_table,
)
from citizenrights.reporting.figures import CriticalFinding, RankedAgency
from citizenrights.scoring.policies import Grade, GradeBands
from citizenrights.scoring.rollup import NATIONAL
from citizenrights.vocabulary import (
    Lang,
    join_list,
    label,
    number,
    percent,
    say,
)

if TYPE_CHECKING:
    from citizenrights.followup import Coverage, GroupProgress, OverdueFinding
    from citizenrights.models.groups import WorkingGroup
    from citizenrights.scoring.rollup import RollUp

__all__ = [
    "Block",
    "Page",
    "Section",
    "bands_of",
    "chart_block",
    "check_bands",
    "colour",
    "coverage_section",
    "group_means",
    "implementation_blocks",
    "overdue_section",
    "roll_ups_section",
    "share_parts",
    "table",
    "table_of",
    "text_block",
]


@attrs.frozen
class Block:
    """A piece of a section: ``figures`` (cards), ``chart``, ``table``, ``list``, ``text``, ``h3``.

    ``cells`` holds the cards (label, value, note) of ``figures``; ``headers`` and ``rows`` a
    table (``numeric`` the columns aligned as numbers, ``id_last`` when the last column holds
    ids); ``items`` a list; ``svg`` a chart.
    """

    kind: str
    text: str = ""
    svg: str = ""
    headers: tuple[str, ...] = ()
    rows: tuple[tuple[str, ...], ...] = ()
    numeric: frozenset[int] = frozenset()
    items: tuple[str, ...] = ()
    cells: tuple[tuple[str, str, str], ...] = ()
    id_last: bool = False


@attrs.frozen
class Section:
    """A section of the page under its ``<h2>``."""

    id: str
    heading: str
    blocks: tuple[Block, ...]


@attrs.frozen
class Page:
    """A whole page: title, the lines under it, sections and the closing line."""

    title: str
    lead: tuple[str, ...]
    sections: tuple[Section, ...]
    footer: str


def table(
    headers: Sequence[str],
    rows: Sequence[Sequence[str]],
    numeric: Sequence[int] = (),
    *,
    id_last: bool = False,
) -> Block:
    return Block(
        "table",
        headers=tuple(headers),
        rows=tuple(tuple(r) for r in rows),
        numeric=frozenset(numeric),
        id_last=id_last,
    )


def table_of(t: Table, lang: Lang, *, id_last: bool = False) -> Block:
    """A table built once for every format, as a block of the page."""
    return table(t.headers(lang), t.text_rows(lang), numeric=t.numeric, id_last=id_last)


def share_parts(parts: Sequence[tuple[str, float, str]]) -> list[Bar]:
    """The parts of a share chart from (label, value, colour): each says its label on itself."""
    return [Bar(text, value, text, colour) for text, value, colour in parts]


def chart_block(svg: str, caption: str) -> Block:
    return Block("chart", svg=svg, text=caption)


def text_block(text: str) -> Block:
    return Block("text", text=text)


def colour(grade: Grade | None) -> str:
    return charts.GRADE_COLOURS["none" if grade is None else grade.value]


def bands_of(grade_bands: GradeBands, lang: Lang) -> list[Band]:
    """The grades as bands on the 0–100 axis, lowest first."""
    bounds = [
        (0.0, grade_bands.needs_improvement, Grade.POOR),
        (grade_bands.needs_improvement, grade_bands.acceptable, Grade.NEEDS_IMPROVEMENT),
        (grade_bands.acceptable, grade_bands.good, Grade.ACCEPTABLE),
        (grade_bands.good, grade_bands.excellent, Grade.GOOD),
        (grade_bands.excellent, 100.0, Grade.EXCELLENT),
    ]
    return [Band(lo, hi, label(g, lang), colour(g)) for lo, hi, g in bounds if hi > lo]


def check_bands(rows: Sequence[RankedAgency], grade_bands: GradeBands) -> None:
    """Raise ``ValueError`` when a row's grade is not its score's grade by ``grade_bands``."""
    for r in rows:
        if r.score is not None and r.grade is not None and grade_bands.grade(r.score) != r.grade:
            raise ValueError(
                f"grade_bands: agency {r.agency_id!r} has grade {r.grade.value!r} for score "
                f"{r.score:.2f}, but these bands give {grade_bands.grade(r.score).value!r}; "
                "pass the grade bands of the scoring policy the report was built with"
            )


def critical_section(
    critical: Sequence[CriticalFinding],
    agencies: Mapping[str, Agency],
    lang: Lang,
    *,
    limit: int | None = None,
    total: int | None = None,
    counts: Mapping[str, int] | None = None,
) -> Section:
    """The critical items not met: each once, said as what was wrong (at most ``limit`` rows).

    ``total`` is how many critical failures there are in all when ``critical`` lists only some.
    With a ``limit`` (a national report), the agencies with the most failures come first (by
    ``counts`` when given), then the most recent failures.
    """
    title = section_title("critical", lang)
    if not critical:
        none = say(lang, fa="موردی ثبت نشده است.", en="None recorded.")
        return Section("critical", title, (text_block(none),))
    headers = (
        say(lang, fa="دستگاه", en="Agency"),
        say(lang, fa="تاریخ", en="Date"),
        say(lang, fa="شرح عدم انطباق", en="What was wrong"),
        say(lang, fa="رفع", en="Resolved"),
        say(lang, fa="بازرسی", en="Inspection"),
    )
    merged = merged_critical(critical)
    lead: list[Block] = []
    if limit is not None:
        most = most_critical_table(most_critical(critical, counts), agencies, lang)
        before, after = most_critical_lead(lang)
        lead = [text_block(before), table_of(most, lang, id_last=True), text_block(after)]
        merged = latest_first(merged)
    shown = merged if limit is None else merged[:limit]
    rows = [
        (
            agency_name(first.agency_id, agencies, lang),
            day(first.date, lang),
            critical_text(group, lang),
            day(critical_resolved(group), lang),
            first.inspection_id,
        )
        for first, group in shown
    ]
    blocks: list[Block] = [*lead, table(headers, rows, id_last=True)]
    # The total counts rows, ``merged`` joins an item's rows: compare rows with rows.
    cut = total if total is not None and total > len(critical) else None
    note = cut_note(len(shown), len(merged), cut, lang, kept="latest")
    if note:
        blocks.append(text_block(note))
    return Section("critical", title, tuple(blocks))


def overdue_section(
    findings: Sequence[OverdueFinding],
    agencies: Mapping[str, Agency],
    lang: Lang,
    total: int | None = None,
) -> Section:
    """The corrective actions past due: a table of the oldest, and how many more.

    ``total`` is how many are past due in all when ``findings`` lists only some.
    """
    title = section_title("overdue", lang)
    return Section("overdue", title, _overdue_blocks(findings, agencies, lang, total))


def _overdue_blocks(
    findings: Sequence[OverdueFinding],
    agencies: Mapping[str, Agency],
    lang: Lang,
    total: int | None,
) -> tuple[Block, ...]:
    if not findings:
        return (
            text_block(
                say(
                    lang,
                    fa="اقدام اصلاحی معوقی وجود ندارد.",
                    en="No corrective action is past due.",
                )
            ),
        )
    # The table the Markdown and the workbook give: one wording of each column for every format.
    shown = oldest_first(findings)[:OVERDUE_ROWS]
    blocks = [table_of(overdue_table(shown, agencies, lang), lang, id_last=True)]
    note = cut_note(len(shown), len(findings), total, lang, kept="oldest")
    if note:
        blocks.append(text_block(note))
    return tuple(blocks)


def coverage_section(c: Coverage, agencies: Mapping[str, Agency], lang: Lang) -> Section:
    """The periodic-inspection coverage: a bar of covered and not, and who was not inspected."""
    title = section_title("coverage", lang)
    return Section("coverage", title, _coverage_blocks(c, agencies, title, lang))


def _coverage_blocks(
    c: Coverage, agencies: Mapping[str, Agency], title: str, lang: Lang
) -> tuple[Block, ...]:
    covered, missing = len(c.covered), len(c.uncovered)
    parts = share_parts(
        [
            (
                say(
                    lang,
                    fa=f"دارای بازرسی دوره‌ای: {number(covered, lang)}",
                    en=f"With a periodic inspection: {covered}",
                ),
                float(covered),
                charts.PRIMARY,
            ),
            (
                say(
                    lang,
                    fa=f"بدون بازرسی دوره‌ای: {number(missing, lang)}",
                    en=f"Without one: {missing}",
                ),
                float(missing),
                charts.GRADE_COLOURS["needs_improvement"],
            ),
        ]
    )
    caption = say(
        lang,
        fa=f"دستگاه‌ها در {c.period.label('fa')} ({percent(c.rate, lang)} دارای بازرسی دوره‌ای)",
        en=f"Agencies in {c.period.label('en')} ({percent(c.rate, lang)} with a periodic inspection)",
    )
    blocks: list[Block] = []
    if covered + missing:
        blocks.append(chart_block(charts.share_chart(parts, lang, title=title), caption))
    names = join_list((agency_name(a, agencies, lang) for a in c.uncovered), lang)
    blocks.append(
        text_block(
            say(lang, fa=f"بدون بازرسی دوره‌ای: {names or '–'}", en=f"Without one: {names or '–'}")
        )
    )
    return tuple(blocks)


def implementation_blocks(
    progress: Sequence[GroupProgress], groups: Mapping[str, WorkingGroup], lang: Lang
) -> tuple[Block, ...]:
    """Resolutions done by their due date, per group: a chart and a table."""
    bars = [
        Bar(
            group_name(g.group_id, groups, lang),
            None if g.implementation_rate is None else 100 * g.implementation_rate,
            rate_text(g.implementation_rate, lang),
            charts.PRIMARY,
        )
        for g in progress
    ]
    title = say(lang, fa="اجرای مصوبات", en="Resolutions carried out")
    caption = say(
        lang,
        fa="سهم مصوباتِ سررسیدشده که انجام شده‌اند (درصد)",
        en="Share of the resolutions due that were done (percent)",
    )
    headers = (
        say(lang, fa="کارگروه", en="Working group"),
        say(lang, fa="مصوبات", en="Resolutions"),
        say(lang, fa="انجام‌شده", en="Done"),
        say(lang, fa="در جریان", en="Open"),
        say(lang, fa="منتفی", en="Dropped"),
        say(lang, fa="معوق", en="Overdue"),
        say(lang, fa="نرخ اجرا", en="Implementation"),
    )
    rows = [
        (
            group_name(g.group_id, groups, lang),
            number(g.resolutions, lang),
            number(g.done, lang),
            number(g.open, lang),
            number(g.dropped, lang),
            number(len(g.overdue), lang),
            rate_text(g.implementation_rate, lang),
        )
        for g in progress
    ]
    chart = chart_block(charts.bar_chart(bars, lang, title=title, limit=100), caption)
    return (chart, table(headers, rows, numeric=(1, 2, 3, 4, 5, 6)))


def group_means(
    ranking: Sequence[RankedAgency],
) -> list[tuple[str | None, float | None, float | None]]:
    """Each peer group's mean index in the previous period and in this one, in ranking order."""
    by_group: dict[str | None, list[RankedAgency]] = {}
    for r in ranking:
        by_group.setdefault(r.group, []).append(r)

    def mean(values: list[float]) -> float | None:
        return fsum(values) / len(values) if values else None

    return [
        (
            g,
            mean([r.previous for r in rows if r.previous is not None]),
            mean([r.score for r in rows if r.score is not None]),
        )
        for g, rows in by_group.items()
    ]


def roll_ups_section(areas: Sequence[RollUp], decimals: int, lang: Lang) -> Section:
    """The mean index by area (the nation, or each province) as a table."""

    def area(code: str) -> str:
        if code == NATIONAL:
            return say(lang, fa="کشور", en="Nation")
        try:
            p = Province.parse(code)
        except ValueError:
            return code
        return say(lang, fa=p.name_fa, en=p.name_en)

    headers = (
        say(lang, fa="حوزه", en="Area"),
        say(lang, fa="میانگین شاخص", en="Mean index"),
        say(lang, fa="دستگاه‌ها", en="Agencies"),
    )
    rows = [
        (area(r.area), number(r.score, lang, decimals), number(len(r.agencies), lang))
        for r in areas
    ]
    title = section_title("roll_ups", lang)
    return Section("roll-ups", title, (table(headers, rows, numeric=(1, 2)),))
