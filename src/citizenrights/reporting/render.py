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
from collections.abc import Callable, Iterable, Mapping, Sequence
from typing import Protocol

from citizenrights.calendar import JalaliPeriod
from citizenrights.evaluation import ReportScope
from citizenrights.followup import Coverage, GroupProgress, OverdueFinding
from citizenrights.models.agencies import Agency
from citizenrights.reporting import _sections
from citizenrights.reporting._render import columns, day, grade_text, md_table, page, signed
from citizenrights.reporting.figures import (
    ComplaintFigures,
    CriticalFinding,
    RankedAgency,
    ReportSummary,
    SatisfactionFigures,
    TrainingFigures,
)
from citizenrights.scoring.index import AgencyIndex
from citizenrights.scoring.inspections import InspectionScore
from citizenrights.scoring.rollup import RollUp
from citizenrights.scoring.rounding import round_half_up
from citizenrights.vocabulary import (
    Lang,
    check_lang,
    fa_digits,
    label,
    number,
    percent,
    say,
    term,
)

__all__ = ["agency_report_markdown", "csv_text", "ranking_csv", "report_markdown"]


class _Ranking(Protocol):
    """What the CSV of a ranking reads of a report."""

    @property
    def ranking(self) -> Sequence[RankedAgency]: ...
    @property
    def decimals(self) -> int: ...


class _PeriodicReport(_Ranking, Protocol):
    """What the Markdown of a periodic report reads of it (the fields of a ``Report``)."""

    @property
    def period(self) -> JalaliPeriod: ...
    @property
    def previous_period(self) -> JalaliPeriod: ...
    @property
    def scope(self) -> ReportScope: ...
    @property
    def summary(self) -> ReportSummary: ...
    @property
    def grades(self) -> Mapping[str, int]: ...
    @property
    def critical(self) -> Sequence[CriticalFinding]: ...
    @property
    def complaints(self) -> ComplaintFigures: ...
    @property
    def training(self) -> TrainingFigures: ...
    @property
    def satisfaction(self) -> SatisfactionFigures: ...
    @property
    def overdue(self) -> Sequence[OverdueFinding]: ...
    @property
    def coverage(self) -> Coverage: ...
    @property
    def groups(self) -> Sequence[GroupProgress]: ...
    @property
    def roll_ups(self) -> Sequence[RollUp]: ...
    @property
    def agencies(self) -> Mapping[str, Agency]: ...
    @property
    def scoring_policy_version(self) -> str: ...
    @property
    def index_policy_version(self) -> str: ...
    @property
    def library_version(self) -> str: ...


class _AgencyReport(Protocol):
    """What the Markdown of an agency's report reads of it (the fields of an ``AgencyReport``)."""

    @property
    def period(self) -> JalaliPeriod: ...
    @property
    def agency(self) -> Agency: ...
    @property
    def row(self) -> RankedAgency: ...
    @property
    def peers(self) -> int: ...
    @property
    def index(self) -> AgencyIndex: ...
    @property
    def inspections(self) -> Sequence[InspectionScore]: ...
    @property
    def overdue(self) -> Sequence[OverdueFinding]: ...


def _int(value: int | None, lang: Lang) -> str:
    return number(value, lang)


def report_markdown(report: _PeriodicReport, lang: str = "fa") -> str:
    """The whole report as Markdown.

    Args:
        report: the report.
        lang: ``fa`` (right-to-left, Persian digits and month names) or ``en``.

    Raises:
        UnsupportedLanguageError: for another ``lang``.
    """
    lang = check_lang(lang)
    p, scope = report.period, report.scope
    scope_name = say(lang, fa=scope.name_fa, en=scope.name_en)
    d, names = report.decimals, report.agencies
    sections: list[tuple[str, Callable[[], list[str] | str]]] = [
        (say(lang, fa="خلاصه", en="Summary"), lambda: _sections.summary(report.summary, lang, d)),
        (
            say(
                lang,
                fa="رتبه‌بندی دستگاه‌ها در گروه‌های همتا",
                en="Agencies ranked within peer groups",
            ),
            lambda: _sections.ranking_table(report.ranking, lang, d),
        ),
        (
            say(lang, fa="توزیع درجه‌ها", en="Grade distribution"),
            lambda: _sections.grades(report.grades, lang),
        ),
        (
            say(lang, fa="موارد بحرانی", en="Critical findings"),
            lambda: _sections.critical(report.critical, names, lang),
        ),
        (
            say(lang, fa="شکایات", en="Complaints"),
            lambda: _sections.complaints(report.complaints, lang, d),
        ),
        (
            say(lang, fa="آموزش حقوق شهروندی", en="Citizens'-rights training"),
            lambda: _sections.training(report.training, lang),
        ),
        (
            say(lang, fa="رضایت ارباب رجوع", en="Client satisfaction"),
            lambda: _sections.satisfaction(report.satisfaction, lang),
        ),
        (
            say(lang, fa="اقدامات اصلاحی معوق", en="Corrective actions past due"),
            lambda: _sections.overdue(report.overdue, names, lang),
        ),
        (
            say(lang, fa="پوشش بازرسی", en="Inspection coverage"),
            lambda: _sections.coverage(report.coverage, names, lang),
        ),
        (
            say(lang, fa="پیشرفت کارگروه‌ها", en="Working-group progress"),
            lambda: _sections.groups(report.groups, lang),
        ),
        (
            say(lang, fa="میانگین استانی", en="Roll-up by area"),
            lambda: _sections.roll_ups(report.roll_ups, lang, d),
        ),
    ]
    title = say(
        lang,
        fa=f"# گزارش حقوق شهروندی در نظام اداری — {scope_name} — {p.label('fa')}",
        en=f"# Citizens' rights in the administrative system — {scope_name} — {p.label('en')}",
    )
    lines = [
        title,
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
    for heading, body in sections:
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
            en=f"Scoring policy {report.scoring_policy_version}, index policy "
            f"{report.index_policy_version}, citizenrights {report.library_version}.",
        )
    )
    text = "\n".join(lines).rstrip() + "\n"
    return page(text, lang)


def agency_report_markdown(report: _AgencyReport, lang: str = "fa") -> str:
    """The report of one agency, for its head, as Markdown.

    Raises:
        UnsupportedLanguageError: for a ``lang`` other than ``fa`` or ``en``.
    """
    lang = check_lang(lang)
    a, row, p = report.agency, report.row, report.period
    name = say(lang, fa=a.name, en=a.name_en or a.id)
    lines = [
        say(lang, fa=f"# گزارش {name} — {p.label('fa')}", en=f"# {name} — {p.label('en')}"),
        "",
        say(
            lang,
            fa=f"- شاخص: {number(row.score, lang)} ({grade_text(row.grade, lang)})؛ رتبه "
            f"{_int(row.rank, lang)} از {_int(report.peers, lang)} در گروه «{row.group or '–'}»",
            en=f"- Index: {number(row.score, lang)} ({grade_text(row.grade, lang)}); rank "
            f"{row.rank if row.rank is not None else '–'} of {report.peers} in group "
            f"'{row.group or '–'}'",
        ),
        say(
            lang,
            fa=f"- دوره قبل: {number(row.previous, lang)}؛ تغییر: {signed(row.change, lang, 2)}",
            en=f"- Previous period: {number(row.previous, lang)}; change: {signed(row.change, lang, 2)}",
        ),
        "",
        say(lang, fa="## اجزای شاخص", en="## Index components"),
        "",
    ]
    headers = columns(
        lang, ("جزء", "Component"), ("مقدار", "Value"), ("وزن", "Weight"), ("سهم", "Share")
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
    lines.extend([say(lang, fa="## بازرسی‌ها", en="## Inspections"), ""])
    if report.inspections:
        ins_headers = columns(
            lang,
            ("بازرسی", "Inspection"),
            ("تاریخ", "Date"),
            ("نوع", "Kind"),
            ("وضعیت", "Status"),
            ("امتیاز", "Score"),
            ("درجه", "Grade"),
            ("سقف بحرانی", "Critical cap"),
        )
        ins_rows = [
            [
                s.inspection_id,
                day(s.date, lang),
                label(s.kind, lang),
                s.status.value,
                number(s.score, lang),
                grade_text(s.grade, lang),
                " ".join(s.capped_by) or "–",
            ]
            for s in report.inspections
        ]
        lines.extend([md_table(ins_headers, ins_rows), ""])
    else:
        lines.extend(
            [say(lang, fa="بازرسی‌ای در این دوره نبوده است.", en="No inspection in the period."), ""]
        )
    lines.extend([say(lang, fa="## اقدامات اصلاحی معوق", en="## Corrective actions past due"), ""])
    if report.overdue:
        lines.extend(f"- {o.explain(lang)}" for o in report.overdue)
    else:
        lines.append(say(lang, fa="موردی نیست.", en="None."))
    body = "\n".join(lines).rstrip() + "\n"
    return page(body, lang)


def ranking_csv(report: _Ranking) -> str:
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
