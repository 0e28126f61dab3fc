"""Render reports as Markdown (Persian right-to-left or English) and CSV.

Persian output uses Persian digits, the Persian decimal mark and Jalali dates with Persian month
names, and is wrapped in a right-to-left block. English output gives Jalali dates with their ISO
Gregorian equivalent.

Rendering reads a report, it does not build one: the functions take any object with the parts they
show (a [`Report`][citizenrights.reporting.report.Report] or an
[`AgencyReport`][citizenrights.reporting.report.AgencyReport]), so this module does not import the
report module, which calls it.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Callable, Iterable, Sequence
from typing import Protocol

from citizenrights.reporting import _sections
from citizenrights.reporting._agency_md import agency_report_markdown, agency_report_title, tidy
from citizenrights.reporting._fields import PeriodicFields
from citizenrights.reporting._headings import report_title, section_title
from citizenrights.reporting._national import province_rows, provinces_table
from citizenrights.reporting._render import day, page
from citizenrights.reporting.figures import (
    RankedAgency,
)
from citizenrights.scoring.rounding import round_half_up
from citizenrights.vocabulary import (
    Lang,
    check_lang,
    fa_digits,
    say,
    term,
)

__all__ = [
    "agency_report_markdown",
    "agency_report_title",
    "csv_text",
    "ranking_csv",
    "report_markdown",
    "report_title",
]


class _Ranking(Protocol):
    """What the CSV of a ranking reads of a report."""

    @property
    def ranking(self) -> Sequence[RankedAgency]: ...
    @property
    def decimals(self) -> int: ...


def _sections_of(
    report: PeriodicFields, lang: Lang
) -> list[tuple[str, Callable[[], list[str] | str]]]:
    d, names = report.decimals, report.agencies
    national = report.scope.kind == "national"
    ranked: tuple[str, Callable[[], list[str] | str]]
    if national:
        ranked = (
            section_title("provinces", lang),
            lambda: [
                provinces_table(province_rows(report.roll_ups, report.coverage, names), lang, d),
                "",
                say(
                    lang,
                    fa="رتبه‌بندی دستگاه‌ها در گروه‌های همتا در خروجی‌های CSV، JSON و Excel است.",
                    en="The agencies ranked within peer groups are in the CSV, JSON and Excel "
                    "outputs.",
                ),
            ],
        )
    else:
        ranked = (
            section_title("ranking", lang),
            lambda: _sections.ranking_table(report.ranking, lang, d),
        )
    sections: list[tuple[str, Callable[[], list[str] | str]]] = [
        (section_title("summary", lang), lambda: _sections.summary(report.summary, lang, d)),
        ranked,
        (
            section_title("grades", lang),
            lambda: _sections.grades(report.grades, lang),
        ),
        (
            section_title("critical", lang),
            lambda: _sections.critical(
                report.critical,
                names,
                lang,
                limit=_sections.OVERDUE_ROWS if national else None,
                total=report.critical_total,
                counts=report.critical_by_agency,
            ),
        ),
        (
            section_title("complaints", lang),
            lambda: _sections.complaints(report.complaints, lang, d),
        ),
        (
            section_title("training", lang),
            lambda: _sections.training(report.training, lang),
        ),
        (
            section_title("satisfaction", lang),
            lambda: _sections.satisfaction(report.satisfaction, lang),
        ),
        (
            section_title("overdue", lang),
            lambda: _sections.overdue(report.overdue, names, lang, report.overdue_total),
        ),
        (
            section_title("coverage", lang),
            lambda: _sections.coverage(report.coverage, names, lang),
        ),
        (
            section_title("groups", lang),
            lambda: _sections.groups(report.groups, report.group_names, report.programmes, lang),
        ),
    ]
    if not national and report.roll_ups:  # an agency's subtree has no area mean of its own
        sections.append(
            (
                section_title("roll_ups", lang),
                lambda: _sections.roll_ups(report.roll_ups, lang, d),
            )
        )
    return sections


def report_markdown(report: PeriodicFields, lang: str = "fa") -> str:
    """The whole report as Markdown.

    A province's report is for the provincial steering council and headquarters; the nation's,
    for the national councils (the provinces ranked instead of every agency); an agency's subtree,
    for its head. Every day is written one way (``15 مهر 1396`` in Persian,
    ``1396/07/15 (2017-10-07)`` in English).

    Args:
        report: the report.
        lang: ``fa`` (right-to-left, Persian digits and month names) or ``en``.

    Raises:
        UnsupportedLanguageError: for another ``lang``.
    """
    lang = check_lang(lang)
    p = report.period
    lines = [
        f"# {report_title(report, lang)}",
        "",
        say(
            lang,
            fa=f"دوره: {p.label('fa')} ({day(p.start, lang)} تا {day(p.end, lang)})؛ "
            f"مقایسه با {report.previous_period.label('fa')}.",
            en=f"Period: {p.label('en')} ({p}; {day(p.start, lang)} to {day(p.end, lang)}); "
            f"compared with {report.previous_period.label('en')}.",
        ),
        "",
    ]
    for heading, body in _sections_of(report, lang):
        lines.extend([f"## {heading}", ""])
        content = body()
        lines.extend(content if isinstance(content, list) else [content])
        lines.append("")
    scoring_version = fa_digits(report.scoring_policy_version)
    lines.append(
        say(
            lang,
            fa=f"{term('scoring_rules', lang).format(version=scoring_version)}؛ ضوابط شاخص، "
            f"نسخهٔ {fa_digits(report.index_policy_version)}؛ citizenrights "
            f"{report.library_version}.",
            en=f"Scoring rules, version {report.scoring_policy_version}; index rules, version "
            f"{report.index_policy_version}; citizenrights {report.library_version}.",
        )
    )
    return page(tidy(lines), lang)


def _rounded(value: float | None, decimals: int) -> float | None:
    return None if value is None else round_half_up(value, decimals)


#: The byte order mark that tells Excel a CSV file is UTF-8 (without it, Excel on Windows reads
#: the Persian names in the ANSI code page and garbles them).
_BOM = "\ufeff"


def ranking_csv(report: _Ranking, *, bom: bool = False) -> str:
    """The ranking as CSV text with a header row; dates ISO.

    Scores, the inspection component, the previous index and the change are rounded half-up to
    the report's display places (``81.36``, not ``81.36010529019003``); coverage to 4 places (a
    share). ``bom=True`` starts the text with a UTF-8 byte order mark, for Excel; the command
    line writes it (``report --format csv``).
    """
    d = report.decimals
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
            _rounded(r.score, d),
            None if r.score is None else f"{round_half_up(r.score, d):.{d}f}",
            None if r.grade is None else r.grade.value,
            _rounded(r.coverage, 4),
            _rounded(r.inspection, d),
            _rounded(r.previous, d),
            _rounded(r.change, d),
        )
        for r in report.ranking
    )
    return (_BOM if bom else "") + csv_text(headers, rows)


def csv_text(headers: Sequence[str], rows: Iterable[Sequence[object]]) -> str:
    r"""CSV text with a header row (``\r\n`` line ends, as the csv module writes by default).

    ``None`` is written as an empty cell.

    Examples:
        >>> csv_text(["a", "b"], [[1, None], ["x,y", 2.5]])
        'a,b\r\n1,\r\n"x,y",2.5\r\n'
    """
    out = io.StringIO()
    writer = csv.writer(out)
    writer.writerow(headers)
    for row in rows:
        writer.writerow(["" if v is None else v for v in row])
    return out.getvalue()
