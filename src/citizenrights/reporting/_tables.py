"""The tables that several formats show (private): headers and typed cells, built once.

A [`Table`][citizenrights.reporting._tables.Table] holds its columns (each a Persian and an
English header and the display format a spreadsheet gives it) and rows of typed cells: text, a
number with its places, a share, a signed change, a day, or a list of ids. The Markdown and HTML
reports show a cell as text in the reader's language (``text``: the vocabulary's ``number``,
``percent``, ``day``…); the Excel workbooks keep its value (``sheet_row``: numbers as numbers,
unrounded, a day as a date cell followed by its Jalali text), with the columns only a sheet has
(ids to filter by). So the same figures stand in the same columns of every format, and each
format only says how a cell looks.
"""

from __future__ import annotations

import datetime as dt
from collections import Counter
from collections.abc import Mapping, Sequence
from typing import TYPE_CHECKING, TypeVar

import attrs

from citizenrights.models.inspections import Affiliation
from citizenrights.reporting._critical_md import critical_resolved, critical_text
from citizenrights.reporting._render import agency_name, day, grade_text, ranked_name, signed
from citizenrights.vocabulary import (
    Lang,
    count,
    jalali,
    join_list,
    label,
    number,
    percent,
    role,
    say,
    term,
)

if TYPE_CHECKING:
    from citizenrights.followup import OverdueFinding
    from citizenrights.models.agencies import Agency
    from citizenrights.models.groups import WorkingGroup
    from citizenrights.reporting.figures import CriticalFinding, RankedAgency
    from citizenrights.scoring.index import AgencyIndex
    from citizenrights.scoring.inspections import InspectionScore

__all__ = [
    "DATE",
    "INT",
    "OVERDUE_ROWS",
    "RATE",
    "SCORE",
    "SHARE",
    "Change",
    "Col",
    "Day",
    "Ids",
    "Num",
    "Share",
    "Table",
    "by_peer_group",
    "components_table",
    "critical_table",
    "inspections_table",
    "members_table",
    "oldest_first",
    "overdue_table",
    "overdue_text",
    "ranking_table",
    "sheet_row",
    "text",
]

#: Display formats of a spreadsheet's cells, by the kind of value a column holds.
SCORE, INT, SHARE, DATE, RATE = "0.00", "0", "0.0%", "yyyy-mm-dd", "0.0000"


@attrs.frozen
class Num:
    """A number, said with ``decimals`` places (a whole number is said without)."""

    value: float | None
    decimals: int = 2


@attrs.frozen
class Share:
    """A share (0 to 1), said as a percentage with ``decimals`` places (``trim``: no ``.0``)."""

    value: float | None
    decimals: int = 1
    trim: bool = False


@attrs.frozen
class Change:
    """A change, said with its sign (``+`` when it rounds above zero)."""

    value: float | None
    decimals: int = 2


@attrs.frozen
class Day:
    """A day: its Jalali date in the text, a date cell and its Jalali text in a sheet."""

    value: dt.date | None


@attrs.frozen
class Ids:
    """Ids: listed in the text (``–`` for none), space-separated in a sheet (empty for none)."""

    ids: tuple[str, ...]


Cell = str | None | Num | Share | Change | Day | Ids


@attrs.frozen
class Col:
    """A column: its headers and the display format a spreadsheet gives it (None: text).

    ``jalali`` is the header of the column of Jalali text a sheet puts after a day's column;
    ``sheet_only`` a column a sheet has and a page leaves out (an id a spreadsheet filters by);
    ``page_only`` a column a page has and a sheet leaves out (a text joining figures a sheet
    keeps in columns of their own);
    ``sheet`` the sheet's headers where they differ (a day's column that says it holds a date).
    """

    fa: str
    en: str
    fmt: str | None = None
    jalali: tuple[str, str] | None = None
    sheet_only: bool = False
    sheet: tuple[str, str] | None = None
    page_only: bool = False

    def header(self, lang: Lang) -> str:
        return say(lang, fa=self.fa, en=self.en)

    @property
    def numeric(self) -> bool:
        """Whether the column holds numbers (aligned as numbers in a page)."""
        return self.fmt is not None and self.fmt != DATE


@attrs.frozen
class Table:
    """Columns and rows of typed cells."""

    cols: tuple[Col, ...]
    rows: tuple[tuple[Cell, ...], ...]

    def _shown(self) -> list[int]:
        # The columns a page shows.
        return [n for n, c in enumerate(self.cols) if not c.sheet_only]

    def headers(self, lang: Lang) -> list[str]:
        """The headers a page shows."""
        return [self.cols[n].header(lang) for n in self._shown()]

    def text_rows(self, lang: Lang) -> list[list[str]]:
        """The rows as a page shows them: its columns, each cell as text."""
        shown = self._shown()
        return [[text(row[n], lang) for n in shown] for row in self.rows]

    @property
    def numeric(self) -> tuple[int, ...]:
        """The positions of the columns of numbers among those a page shows."""
        return tuple(i for i, n in enumerate(self._shown()) if self.cols[n].numeric)

    def sheet_cols(self) -> list[tuple[str, str, str | None]]:
        """The columns of a sheet: a day's column followed by its Jalali text's."""
        out: list[tuple[str, str, str | None]] = []
        for c in self.cols:
            if c.page_only:
                continue
            out.append((*(c.sheet or (c.fa, c.en)), c.fmt))
            if c.jalali is not None:
                out.append((*c.jalali, None))
        return out

    def sheet_rows(self, lang: Lang) -> list[list[object]]:
        kept = [n for n, c in enumerate(self.cols) if not c.page_only]
        return [sheet_row([row[n] for n in kept], lang) for row in self.rows]


def text(cell: Cell, lang: Lang) -> str:
    """A cell as a page shows it."""
    if isinstance(cell, str):
        return cell
    if cell is None:
        return "–"
    if isinstance(cell, Num):
        return number(cell.value, lang, cell.decimals)
    if isinstance(cell, Share):
        return percent(cell.value, lang, cell.decimals, trim_zeros=cell.trim)
    if isinstance(cell, Change):
        return signed(cell.value, lang, cell.decimals)
    if isinstance(cell, Day):
        return day(cell.value, lang)
    return join_list(cell.ids, lang) or "–"


def sheet_row(row: Sequence[Cell], lang: Lang) -> list[object]:
    """A row as a sheet keeps it: numbers unrounded, a day as a date and its Jalali text."""
    out: list[object] = []
    for cell in row:
        if cell is None or isinstance(cell, str):
            out.append(cell)
        elif isinstance(cell, Day):
            d = cell.value
            out.extend((d, None if d is None else jalali(d, lang)))
        elif isinstance(cell, Ids):
            out.append(" ".join(cell.ids) or None)
        else:
            out.append(cell.value)
    return out


# -- the tables --------------------------------------------------------------------------------


def components_table(index: AgencyIndex, lang: Lang) -> Table:
    """An agency's index components: value, weight and share of the index."""
    cols = (
        Col("جزء", "Component"),
        Col("مقدار", "Value", SCORE),
        Col("وزن", "Weight", SCORE),
        Col("سهم", "Share", SHARE),
    )
    rows = tuple(
        (label(c.name, lang), Num(c.value), Num(c.weight), Share(c.share, 0))
        for c in index.components.values()
    )
    return Table(cols, rows)


def inspections_table(
    inspections: Sequence[InspectionScore], lang: Lang, *, capped: bool = True
) -> Table:
    """An agency's inspections (``capped``: with the critical items not met that capped them)."""
    cols = [
        Col("تاریخ", "Date", DATE, jalali=("تاریخ شمسی", "Jalali date")),
        Col("نوع", "Kind"),
        Col("وضعیت", "Status"),
        Col(term("score", "fa"), "Score", SCORE),
        Col("درجه", "Grade"),
    ]
    if capped:
        cols.append(Col("بند حیاتی رعایت‌نشده", "Critical item not met"))
    cols.append(Col("بازرسی", "Inspection"))
    rows = tuple(
        (
            Day(s.date),
            label(s.kind, lang),
            label(s.status, lang),
            Num(s.score),
            grade_text(s.grade, lang),
            *((Ids(tuple(s.capped_by)),) if capped else ()),
            s.inspection_id,
        )
        for s in inspections
    )
    return Table(tuple(cols), rows)


def by_peer_group(
    ranking: Sequence[RankedAgency], lang: Lang
) -> list[tuple[str, list[RankedAgency]]]:
    """The ranking's rows by peer group (in ranking order), under the group's name."""
    groups: dict[str | None, list[RankedAgency]] = {}
    for r in ranking:
        groups.setdefault(r.group, []).append(r)
    return [(rows[0].group_label(lang), rows) for rows in groups.values()]


def ranking_table(
    rows: Sequence[RankedAgency], lang: Lang, decimals: int, *, coverage: bool = False
) -> Table:
    """A peer group's ranking, the agency id last.

    Rank, agency, index, grade, previous index and change; with ``coverage``, the data coverage.
    """
    d = decimals
    cols = [
        Col("رتبه", "Rank", INT),
        Col("دستگاه", "Agency"),
        Col("شاخص", "Index", SCORE),
        Col("درجه", "Grade"),
        Col("دوره قبل", "Previous", SCORE),
        Col("تغییر", "Change", SCORE),
    ]
    if coverage:
        cols.append(Col(term("data_coverage", "fa"), term("data_coverage", "en"), SHARE))
    cols.append(Col("شناسه", "Id"))
    body = tuple(
        (
            Num(r.rank),
            ranked_name(r, lang),
            Num(r.score, d),
            grade_text(r.grade, lang),
            Num(r.previous, d),
            Change(r.change, d),
            *((Share(r.coverage, 0),) if coverage else ()),
            r.agency_id,
        )
        for r in rows
    )
    return Table(tuple(cols), body)


def members_table(group: WorkingGroup, lang: Lang) -> Table:
    """A working group's members counted by affiliation and role (roles in ``lang``)."""
    counts = Counter((m.affiliation.value, m.role or "") for m in group.members)
    cols = (Col("نهاد", "Affiliation"), Col("نقش", "Role"), Col("تعداد", "Members", INT))
    rows = tuple(
        (label(Affiliation(aff), lang), role(r or None, lang), Num(n))
        for (aff, r), n in sorted(counts.items())
    )
    return Table(cols, rows)


#: At most this many corrective actions past due are listed on a page, the oldest first.
OVERDUE_ROWS = 25


def cut_note(shown: int, listed: int, total: int | None, lang: Lang, *, kept: str) -> str | None:
    """Under a table cut short: how many rows there are and where the rest are; ``None`` if none.

    ``listed`` rows were given, ``shown`` of them are in the table, and ``total`` (when known)
    is how many there are in all: a report partial keeps only some of each agency (``kept``
    says which, e.g. "oldest"); the JSON and Excel outputs list every row the report holds.
    """
    if total is not None and total > listed:
        which = {"oldest": ("قدیمی‌ترین", "oldest"), "latest": ("تازه‌ترین", "most recent")}[kept]
        n_total, n_shown, n_listed = (count(n, lang) for n in (total, shown, listed))
        return say(
            lang,
            fa=f"در مجموع {n_total} مورد است؛ {n_shown} مورد در این جدول و {n_listed} مورد "
            f"({which[0]} موارد هر دستگاه) در خروجی‌های JSON و Excel آمده است.",
            en=f"{n_total} in all; {n_shown} are in this table and {n_listed} (the {which[1]} of "
            "each agency) in the JSON and Excel outputs.",
        )
    if listed > shown:
        return say(
            lang,
            fa=f"و {count(listed - shown, lang)} مورد دیگر (فهرست کامل در خروجی JSON و Excel).",
            en=f"And {count(listed - shown, lang)} more (the JSON and Excel outputs list them all).",
        )
    return None


def oldest_first(findings: Sequence[OverdueFinding]) -> list[OverdueFinding]:
    """The corrective actions past due, the longest overdue first (then by agency, inspection)."""
    return sorted(findings, key=lambda o: (-o.age_days, o.agency_id, o.inspection_id))


def overdue_text(o: OverdueFinding, lang: Lang) -> str:
    """What is to be corrected: the finding's text, with its checklist item when it omits it."""
    if o.item is None or o.item in o.description:
        return o.description
    return say(lang, fa=f"بند {o.item}: {o.description}", en=f"item {o.item}: {o.description}")


def overdue_table(
    findings: Sequence[OverdueFinding], agencies: Mapping[str, Agency], lang: Lang
) -> Table:
    """The corrective actions past due, in the order given (a sheet adds item and agency id)."""
    cols = (
        Col("دستگاه", "Agency"),
        Col("شدت", "Severity"),
        Col("اقدام لازم", "To correct"),
        Col("مهلت", "Due", DATE, jalali=("مهلت (شمسی)", "Due (Jalali)")),
        Col("تأخیر (روز کاری)", "Late (working days)", INT),
        Col("بند", "Item", sheet_only=True),
        Col("بازرسی", "Inspection"),
        Col("شناسه دستگاه", "Agency id", sheet_only=True),
    )
    rows = tuple(
        (
            agency_name(o.agency_id, agencies, lang),
            label(o.severity, lang),
            overdue_text(o, lang),
            Day(o.due),
            Num(o.age_days),
            o.item,
            o.inspection_id,
            o.agency_id,
        )
        for o in findings
    )
    return Table(cols, rows)


_Merged = TypeVar("_Merged", bound="tuple[CriticalFinding, Sequence[CriticalFinding]]")

#: How many agencies a national report's count of critical failures names.
CRITICAL_AGENCIES = 10


def most_critical(
    findings: Sequence[CriticalFinding], counts: Mapping[str, int] | None = None
) -> list[tuple[str, int]]:
    """The agencies with the most critical records: ``(agency id, count)``, most first.

    A record is a critical item not met or a critical finding, counted as ``critical_total``
    counts them. ``counts`` are the exact counts by agency (a report partial's, kept rows or
    not); without them, the rows of ``findings`` are counted.
    """
    if counts is None:
        tally: dict[str, int] = {}
        for row in findings:
            tally[row.agency_id] = tally.get(row.agency_id, 0) + 1
        counts = tally
    ranked = sorted(((a, n) for a, n in counts.items() if n), key=lambda an: (-an[1], an[0]))
    return ranked[:CRITICAL_AGENCIES]


def most_critical_table(
    ranked: Sequence[tuple[str, int]], agencies: Mapping[str, Agency], lang: Lang
) -> Table:
    """The agencies with the most critical failures, and how many each had."""
    cols = (
        Col("دستگاه", "Agency"),
        Col("موارد حیاتی ثبت‌شده", "Critical records", INT),
        Col("شناسه دستگاه", "Agency id"),
    )
    rows = tuple((agency_name(a, agencies, lang), Num(n), a) for a, n in ranked)
    return Table(cols, rows)


def most_critical_lead(lang: Lang) -> tuple[str, str]:
    """The two lines a national critical section says: before the counts, before the rows."""
    return (
        say(
            lang,
            fa="دستگاه‌های دارای بیشترین موارد حیاتی ثبت‌شده (عدم انطباق در بند حیاتی و یافتهٔ حیاتی):",
            en="The agencies with the most critical records (items not met and critical findings):",
        ),
        say(lang, fa="تازه‌ترین موارد:", en="The most recent:"),
    )


def latest_first(merged: Sequence[_Merged]) -> list[_Merged]:
    """Critical failures the most recent first, across agencies (then by agency, inspection)."""
    by_agency = sorted(merged, key=lambda m: (m[0].agency_id, m[0].inspection_id))
    return sorted(by_agency, key=lambda m: m[0].date, reverse=True)


def critical_table(
    merged: Sequence[tuple[CriticalFinding, Sequence[CriticalFinding]]],
    agencies: Mapping[str, Agency],
    lang: Lang,
) -> Table:
    """The critical items not met, each once (``merged_critical``), said as what was wrong."""
    cols = (
        Col("دستگاه", "Agency"),
        Col("تاریخ", "Date", DATE, jalali=("تاریخ شمسی", "Jalali date")),
        Col("بند", "Item", sheet_only=True),
        Col("شرح عدم انطباق", "What was wrong"),
        Col(
            "رفع",
            "Resolved",
            DATE,
            jalali=("تاریخ رفع (شمسی)", "Resolved (Jalali)"),
            sheet=("تاریخ رفع", "Resolved"),
        ),
        Col("بازرسی", "Inspection"),
        Col("شناسه دستگاه", "Agency id", sheet_only=True),
    )
    rows = tuple(
        (
            agency_name(first.agency_id, agencies, lang),
            Day(first.date),
            first.item,
            critical_text(group, lang),
            Day(critical_resolved(group)),
            first.inspection_id,
            first.agency_id,
        )
        for first, group in merged
    )
    return Table(cols, rows)
