"""The yearly national evaluation of Article 18 of the 1395 resolution.

Article 18 of resolution 1127128 of the High Administrative Council on citizens' rights in the
administrative system (communicated on 1395/12/28) makes each executive body (signed by its head) and each province (signed by the
governor) send a documented yearly report on carrying it out to the Administrative and
Recruitment Organization (AREO) by the end of Esfand; AREO reports to the President, the High
Administrative Council and the Council of Ministers.
[`build_annual_report`][citizenrights.reporting.annual.build_annual_report] assembles it for a
Jalali year and a scope: the year's periodic report (the index of every body, the ranking,
complaints, training, satisfaction, corrective actions past due, working-group progress and, for
the nation, the roll-up by province), the findings of the year's inspections and their
corrections, the due date (the last day of Esfand: the 29th, or the 30th in a leap year) and the
signature block naming the signing office. It is written as Markdown, JSON, CSV (the key
figures), an HTML page (`AnnualReport.to_html`, extra ``html``) and an Excel workbook
(`AnnualReport.to_xlsx` and [`annual_sheets`][citizenrights.reporting.annual.annual_sheets],
extra ``xlsx``), each the periodic report's own format with the yearly parts added.

Examples:
    >>> from citizenrights import load_demo
    >>> annual = build_annual_report(load_demo(), 1397, scope="IR-10")
    >>> annual.due.isoformat(), annual.signature.office_en
    ('2019-03-20', 'Governor of Isfahan')
    >>> annual.findings.total >= annual.findings.resolved
    True
"""

from __future__ import annotations

import datetime as dt
import os
from pathlib import Path
from typing import TYPE_CHECKING, Any, Literal

import attrs

from citizenrights.calendar import JalaliPeriod, days_in_month, from_jalali
from citizenrights.evaluation import ReportScope
from citizenrights.models.provinces import Province
from citizenrights.reporting import _annual_parts as parts
from citizenrights.reporting._render import SHARE_PLACES, columns, md_table, page, rounded
from citizenrights.reporting.render import csv_text
from citizenrights.reporting.report import Report, build_report
from citizenrights.results import pydantic_support
from citizenrights.scoring.index import DEFAULT_INDEX_POLICY
from citizenrights.scoring.inspections import DEFAULT_SCORING_POLICY
from citizenrights.scoring.policies import GradeBands, IndexPolicy, ScoringPolicy
from citizenrights.vocabulary import check_lang, local_digits, number, say

if TYPE_CHECKING:
    from citizenrights.dataset import Dataset

__all__ = [
    "AnnualReport",
    "FindingFigures",
    "Signature",
    "annual_due_date",
    "annual_sheets",
    "build_annual_report",
]

_AREO = ("سازمان اداری و استخدامی کشور", "the Administrative and Recruitment Organization")
_NATIONAL_RECIPIENTS = (
    ("رئیس‌جمهور", "the President"),
    ("شورای عالی اداری", "the High Administrative Council"),
    ("هیئت وزیران", "the Council of Ministers"),
)


def annual_due_date(year: int) -> dt.date:
    """The last day of Esfand of a Jalali year: when Article 18's yearly report is due.

    Examples:
        >>> annual_due_date(1397).isoformat(), annual_due_date(1399).isoformat()  # 1399 is leap
        ('2019-03-20', '2021-03-20')
    """
    return from_jalali(year, 12, days_in_month(year, 12))


@pydantic_support()
@attrs.frozen
class Signature:
    """Who signs the yearly report, and who receives it.

    Attributes:
        office_fa: the signing office in Persian (the body's head, the governor, or AREO's head).
        office_en: the signing office in English.
        recipients_fa: whom the report goes to, in Persian.
        recipients_en: whom the report goes to, in English.
    """

    office_fa: str
    office_en: str
    recipients_fa: tuple[str, ...]
    recipients_en: tuple[str, ...]

    def to_dict(self) -> dict[str, Any]:
        """JSON-ready data with stable keys."""
        return {
            "office_fa": self.office_fa,
            "office_en": self.office_en,
            "recipients_fa": list(self.recipients_fa),
            "recipients_en": list(self.recipients_en),
        }


@pydantic_support()
@attrs.frozen
class FindingFigures:
    """The findings of the year's inspections of the scope, and their corrections.

    Attributes:
        total: findings of inspections dated in the year.
        critical: those of critical severity.
        resolved: those corrected (with a ``resolved_on``), by the year's last day.
        resolved_on_time: those corrected on or before their ``due`` day.
        open: those not corrected by the year's last day.
        overdue: the open ones whose ``due`` day passed before the year's last day.
    """

    total: int
    critical: int
    resolved: int
    resolved_on_time: int
    open: int
    overdue: int

    def to_dict(self) -> dict[str, Any]:
        """JSON-ready data with stable keys."""
        return attrs.asdict(self)


@pydantic_support()
@attrs.frozen
class AnnualReport:
    """Article 18's yearly report for a scope. Build it with `build_annual_report`.

    Attributes:
        year: the Jalali year reported on.
        scope: whose report it is (an agency and everything under it, a province, the nation).
        due: the day it is due: the last day of Esfand of ``year``.
        signature: the signing office and the recipients.
        findings: the year's findings and corrections.
        report: the year's periodic report (index, ranking, complaints, training, corrective
            actions past due, working groups, roll-up by province).
    """

    year: int
    scope: ReportScope
    due: dt.date
    signature: Signature
    findings: FindingFigures
    report: Report

    def to_dict(self) -> dict[str, Any]:
        """JSON-ready data with stable keys."""
        return {
            "year": self.year,
            "scope": self.scope.to_dict(),
            "due": self.due.isoformat(),
            "signature": self.signature.to_dict(),
            "findings": self.findings.to_dict(),
            "report": self.report.to_dict(),
        }

    def to_markdown(self, lang: Literal["fa", "en"] = "fa") -> str:
        """The report as Markdown, Persian right-to-left or English.

        A head (Article 18, recipients, due date), the findings and corrections, the roll-up by
        province (for the nation), the year's periodic report, and the signature block.

        Raises:
            UnsupportedLanguageError: for a ``lang`` other than ``fa`` or ``en``.
        """
        return _markdown(self, check_lang(lang))

    def to_html(
        self, lang: Literal["fa", "en"] = "fa", *, grade_bands: GradeBands | None = None
    ) -> str:
        """The report as one self-contained HTML page with charts (extra ``html``).

        The year's periodic report page ([`report_html`][citizenrights.reporting.html.report_html]:
        its figures, charts and, for the nation, the roll-up by province) under the yearly
        report's title, Article 18's line with the recipients and the due date, with the
        findings and corrections first and the signature block naming the signing office last.

        Args:
            lang: ``fa`` (right-to-left) or ``en``.
            grade_bands: the grade bands of the scoring policy the report was built with (drawn
                behind the ranking's bars); the default policy's by default.

        Raises:
            UnsupportedLanguageError: for a ``lang`` other than ``fa`` or ``en``.
            ValueError: when a ranked agency's grade is not its score's grade by ``grade_bands``.
            HtmlUnavailableError: when Jinja2 or matplotlib (the extra ``html``) is missing.
        """
        from citizenrights.reporting._annual_html import annual_html

        return annual_html(self, lang, grade_bands=grade_bands)

    def to_xlsx(self, path: str | os.PathLike[str], lang: Literal["fa", "en"] = "fa") -> Path:
        """Write the report as an Excel workbook (extra ``xlsx``); the path written.

        See [`annual_sheets`][citizenrights.reporting.annual.annual_sheets] for its sheets.

        Raises:
            XlsxUnavailableError: when openpyxl (the extra ``xlsx``) is not installed.
            UnsupportedLanguageError: for a ``lang`` other than ``fa`` or ``en``.
        """
        target = Path(path)
        target.write_bytes(annual_sheets(self, lang))
        return target

    def to_csv(self) -> str:
        """The key figures as CSV: ``section, figure, area, value`` (the roll-up by area too).

        As the report's CSV does, a share (``*_share``, ``share``) is rounded half-up to 4 places
        and any other fraction to the report's display places (``81.68``, not
        ``81.6848544973545``); [`to_dict`][citizenrights.reporting.annual.AnnualReport.to_dict]
        keeps them exact.
        """
        s = self.report.summary
        c = self.report.complaints
        t = self.report.training
        rows: list[list[object]] = [
            ["report", "due", "", self.due.isoformat()],
            ["index", "agencies", "", s.agencies],
            ["index", "indexed", "", s.indexed],
            ["index", "mean_index", "", s.mean_index],
            ["inspections", "inspections", "", s.inspections],
            ["inspections", "joint", "", s.joint],
            *([["findings", k, "", v] for k, v in self.findings.to_dict().items()]),
            ["complaints", "received", "", c.received],
            ["complaints", "upheld", "", c.upheld],
            ["complaints", "on_time_share", "", c.on_time_share],
            ["training", "trained", "", t.trained],
            ["training", "share", "", t.share],
            ["training", "hours", "", t.hours],
            ["corrective_actions", "overdue", "", len(self.report.overdue)],
            ["working_groups", "groups", "", len(self.report.groups)],
        ]
        rows.extend(["roll_up", "mean_index", r.area, r.score] for r in self.report.roll_ups)
        # As the report's CSV, for Excel: a share to 4 places, any other figure to the report's.
        d = self.report.decimals
        for row in rows:
            row[3] = rounded(row[3], SHARE_PLACES if str(row[1]).endswith("share") else d)
        return csv_text(["section", "figure", "area", "value"], rows)


def annual_sheets(annual: AnnualReport, lang: str = "fa") -> bytes:
    """The yearly report's Excel workbook as bytes (extra ``xlsx``).

    Two sheets first: the yearly report (whose it is, the year, the due date as a date cell with
    its Jalali text, the signing office, the recipients) and the findings and corrections; then
    the year's periodic report sheets ([`report_sheets`][citizenrights.reporting.xlsx.report_sheets]:
    ranking, provinces for the nation, critical items not met, complaints, training, corrective
    actions past due, working groups). Sheets run right to left for ``fa``; headers are frozen.

    Raises:
        XlsxUnavailableError: when openpyxl is not installed.
        UnsupportedLanguageError: for a ``lang`` other than ``fa`` or ``en``.
    """
    from citizenrights.reporting._annual_xlsx import annual_workbook_bytes

    return annual_workbook_bytes(annual, lang)


def _signature(scope: ReportScope) -> Signature:
    recipients: tuple[tuple[str, str], ...]
    if scope.kind == "agency":
        office = (f"رئیس {scope.name_fa}", f"Head of {scope.name_en}")
        recipients = (_AREO,)
    elif scope.kind == "province":
        province = Province.parse(scope.code or "")
        office = (f"استاندار {province.name_fa}", f"Governor of {province.name_en}")
        recipients = (_AREO,)
    else:
        office = (f"رئیس {_AREO[0]}", "Head of the Administrative and Recruitment Organization")
        recipients = _NATIONAL_RECIPIENTS
    return Signature(
        office_fa=office[0],
        office_en=office[1],
        recipients_fa=tuple(fa for fa, _ in recipients),
        recipients_en=tuple(en for _, en in recipients),
    )


def _findings(dataset: Dataset, scope: ReportScope, year: JalaliPeriod) -> FindingFigures:
    ids = frozenset(scope.agencies)
    end = year.end
    total = critical = resolved = on_time = overdue = 0
    for inspection in dataset.inspections:
        if inspection.agency_id not in ids or inspection.date not in year:
            continue
        for f in inspection.findings:
            total += 1
            critical += f.severity.value == "critical"
            done = f.resolved_on is not None and f.resolved_on <= end
            resolved += done
            on_time += (
                done and f.due is not None and f.resolved_on is not None and f.resolved_on <= f.due
            )
            overdue += not done and f.due is not None and f.due < end
    return FindingFigures(total, critical, resolved, on_time, total - resolved, overdue)


def build_annual_report(
    dataset: Dataset,
    year: int | str,
    scope: Province | str | None = None,
    *,
    scoring_policy: ScoringPolicy = DEFAULT_SCORING_POLICY,
    index_policy: IndexPolicy = DEFAULT_INDEX_POLICY,
) -> AnnualReport:
    """Assemble Article 18's yearly report of a scope for a Jalali year.

    Args:
        dataset: a loaded dataset.
        year: the Jalali year (``1397`` or ``"1397"``).
        scope: ``None`` for the nation (signed for AREO), a province (signed by the governor) or
            an agency id (signed by its head; the agency and everything under it).
        scoring_policy: how inspections are scored.
        index_policy: how the agency index is made.

    Returns:
        The report.

    Raises:
        ValueError: for a year that is not a Jalali year (``1397-Q1``).
        InvalidPeriodError: for text that is not a period.
        UnknownAgencyError: for a scope that is neither a province nor an agency id.
    """
    period = JalaliPeriod.parse(str(year))
    if period.kind.value != "year":
        raise ValueError(f"year must be a Jalali year such as 1397; got {year!r}")
    report = build_report(
        dataset, period, scope=scope, scoring_policy=scoring_policy, index_policy=index_policy
    )
    return AnnualReport(
        year=period.year,
        scope=report.scope,
        due=annual_due_date(period.year),
        signature=_signature(report.scope),
        findings=_findings(dataset, report.scope, period),
        report=report,
    )


def _demoted(markdown: str) -> str:
    """The periodic report's Markdown with every heading one level down (it is a section here)."""
    return "\n".join("#" + line if line.startswith("#") else line for line in markdown.split("\n"))


def _markdown(annual: AnnualReport, lang: Literal["fa", "en"]) -> str:
    head = [
        "# " + parts.title(annual, lang),
        "",
        parts.lead(annual, lang),
        "",
        "## " + say(lang, fa="یافته‌های بازرسی و اقدامات اصلاحی", en="Findings and corrections"),
        "",
        md_table(
            columns(lang, ("شرح", "Figure"), ("تعداد", "Count")),
            [[text, local_digits(count, lang)] for text, count in parts.finding_rows(annual, lang)],
        ),
    ]
    if annual.scope.kind == "national" and annual.report.roll_ups:
        head += [
            "",
            "## " + say(lang, fa="جمع‌بندی به تفکیک استان", en="Roll-up by province"),
            "",
            md_table(
                columns(lang, ("استان", "Province"), ("میانگین شاخص", "Mean index"), ("دستگاه‌ها", "Agencies")),
                [
                    [parts.area_name(r.area, lang), number(r.score, lang, annual.report.decimals), local_digits(len(r.agencies), lang)]
                    for r in annual.report.roll_ups
                ],
            ),
        ]  # fmt: skip
    office, blank = parts.signature_lines(annual, lang)
    signature = ["## " + say(lang, fa="امضا", en="Signature"), "", office, "", blank]
    return (
        page("\n".join(head) + "\n", lang)
        + "\n"
        + _demoted(annual.report.to_markdown(lang))
        + "\n"
        + page("\n".join(signature) + "\n", lang)
    )
