"""The nation by province (private): what the national councils read of a national report.

The seed's national councils get the inspections "summed up from the provinces of the whole
country": the provinces ranked by their agencies' mean index, with how many of their agencies had
a periodic inspection in the period.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence

import attrs

from citizenrights.followup import Coverage
from citizenrights.models.agencies import Agency
from citizenrights.models.provinces import Province
from citizenrights.reporting._render import md_table
from citizenrights.reporting._tables import INT, SCORE, SHARE, Col, Num, Share, Table
from citizenrights.scoring.rollup import RollUp
from citizenrights.vocabulary import Lang, number, percent, say

__all__ = ["ProvinceRow", "province_rows", "provinces_of", "provinces_table"]


@attrs.frozen
class ProvinceRow:
    """One province of the nation: its rank by mean index and its inspection coverage."""

    code: str
    name_fa: str
    name_en: str
    rank: int | None
    score: float | None
    agencies: int
    covered: int
    in_scope: int

    @property
    def rate(self) -> float | None:
        """The share of its agencies with a periodic inspection in the period."""
        return self.covered / self.in_scope if self.in_scope else None


def _province(code: str) -> tuple[str, str]:
    try:
        p = Province.parse(code)
    except ValueError:
        return ("نامعلوم", "unknown")
    return (p.name_fa, p.name_en)


def province_rows(
    roll_ups: Sequence[RollUp], coverage: Coverage, agencies: Mapping[str, Agency]
) -> list[ProvinceRow]:
    """The provinces ranked by mean index (competition rank; none last), with coverage."""
    in_scope: dict[str, int] = {}
    covered: dict[str, int] = {}
    for ids, counts in ((coverage.covered, covered), (coverage.uncovered, None)):
        for a in ids:
            agency = agencies.get(a)
            code = "unknown" if agency is None or agency.province is None else agency.province.code
            in_scope[code] = in_scope.get(code, 0) + 1
            if counts is not None:
                counts[code] = counts.get(code, 0) + 1
    ordered = sorted(
        (r for r in roll_ups if r.level == "province"),
        key=lambda r: (r.score is None, -(r.score or 0.0), r.area),
    )
    rows: list[ProvinceRow] = []
    for n, r in enumerate(ordered):
        rank: int | None = None
        if r.score is not None:
            rank = n + 1
            if rows and rows[-1].score == r.score:
                rank = rows[-1].rank
        fa, en = _province(r.area)
        rows.append(
            ProvinceRow(
                code=r.area,
                name_fa=fa,
                name_en=en,
                rank=rank,
                score=r.score,
                agencies=len(r.agencies),
                covered=covered.get(r.area, 0),
                in_scope=in_scope.get(r.area, 0),
            )
        )
    return rows


def provinces_of(rows: Sequence[ProvinceRow], lang: Lang, decimals: int) -> Table:
    """The provinces ranked, as a table every format shows (the province code last).

    A page says how many of a province's agencies had a periodic inspection in one cell
    (``3 of 4 (75.0%)``); a sheet keeps the two counts and the share in columns of their own.
    """
    cols = (
        Col("رتبه", "Rank", INT),
        Col("استان", "Province"),
        Col("میانگین شاخص", "Mean index", SCORE),
        Col("دستگاه‌ها", "Agencies", INT),
        Col("دارای بازرسی دوره‌ای", "With a periodic inspection", page_only=True),
        Col("دارای بازرسی دوره‌ای", "With a periodic inspection", INT, sheet_only=True),
        Col("دستگاه‌های مشمول", "Agencies in scope", INT, sheet_only=True),
        Col("پوشش بازرسی", "Inspection coverage", SHARE, sheet_only=True),
        Col("کد", "Code"),
    )
    body = tuple(
        (
            Num(r.rank, 0),
            say(lang, fa=r.name_fa, en=r.name_en),
            Num(r.score, decimals),
            Num(r.agencies, 0),
            say(
                lang,
                fa=f"{number(r.covered, lang)} از {number(r.in_scope, lang)} "
                f"({percent(r.rate, lang)})",
                en=f"{r.covered} of {r.in_scope} ({percent(r.rate, lang)})",
            ),
            Num(r.covered, 0),
            Num(r.in_scope, 0),
            Share(r.rate),
            r.code,
        )
        for r in rows
    )
    return Table(cols, body)


def provinces_table(rows: Sequence[ProvinceRow], lang: Lang, decimals: int) -> str:
    """The provinces ranked, as a Markdown table (the province code in the last column)."""
    if not rows:
        return say(lang, fa="استانی در این گزارش نیست.", en="No province in this report.")
    table = provinces_of(rows, lang, decimals)
    return md_table(table.headers(lang), table.text_rows(lang))
