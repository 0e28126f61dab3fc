"""Reports: assembly, figures and rendering (Markdown fa/en, JSON, CSV).

- [`report`][citizenrights.reporting.report]: [`build_report`][citizenrights.reporting.report.build_report]
  and the periodic [`Report`][citizenrights.reporting.report.Report] with an agency head's
  [`AgencyReport`][citizenrights.reporting.report.AgencyReport];
- [`figures`][citizenrights.reporting.figures]: the ranking rows, summary and topical figures a
  report holds;
- [`render`][citizenrights.reporting.render]: Markdown and CSV of a report, and
  [`csv_text`][citizenrights.reporting.render.csv_text] for any table;
- [`progress`][citizenrights.reporting.progress]: a working group's documented progress report;
- [`memorandum`][citizenrights.reporting.memorandum]: the memorandum's sections (NGOs, training
  coverage, transparency);
- [`annual`][citizenrights.reporting.annual]: Article 18's yearly report of an agency, a province
  or the nation;
- [`festival`][citizenrights.reporting.festival]: the festival indicator in the form's shape;
- [`html`][citizenrights.reporting.html]: a report as one self-contained HTML page with charts
  (extra ``html``);
- [`xlsx`][citizenrights.reporting.xlsx]: a report as an Excel workbook, a sheet per table (extra
  ``xlsx``).

The modules depend one way: ``report`` → ``render`` → ``figures``; rendering reads a report by the
parts it shows and never imports the report module.
"""

from citizenrights.reporting.annual import (
    AnnualReport,
    FindingFigures,
    Signature,
    annual_due_date,
    annual_sheets,
    build_annual_report,
)
from citizenrights.reporting.festival import (
    festival_csv,
    festival_html,
    festival_markdown,
    festival_sheets,
    festival_workbook,
)
from citizenrights.reporting.figures import (
    ComplaintFigures,
    CriticalFinding,
    RankedAgency,
    Recipient,
    ReportSummary,
    SatisfactionFigures,
    TrainingFigures,
)
from citizenrights.reporting.html import (
    HtmlUnavailableError,
    agency_report_html,
    progress_report_html,
    report_html,
    require_html_extra,
)
from citizenrights.reporting.memorandum import (
    MemorandumFigures,
    memorandum_figures,
    memorandum_markdown,
    training_markdown,
)
from citizenrights.reporting.progress import (
    ProgressReport,
    build_progress_report,
    progress_report_from,
)
from citizenrights.reporting.render import agency_report_title, csv_text, report_title
from citizenrights.reporting.report import AgencyReport, Report, ReportScope, build_report
from citizenrights.reporting.xlsx import (
    XlsxUnavailableError,
    agency_sheets,
    agency_workbook,
    progress_sheets,
    progress_workbook,
    report_sheets,
    report_workbook,
)

__all__ = [
    "AgencyReport",
    "AnnualReport",
    "ComplaintFigures",
    "CriticalFinding",
    "FindingFigures",
    "HtmlUnavailableError",
    "MemorandumFigures",
    "ProgressReport",
    "RankedAgency",
    "Recipient",
    "Report",
    "ReportScope",
    "ReportSummary",
    "SatisfactionFigures",
    "Signature",
    "TrainingFigures",
    "XlsxUnavailableError",
    "agency_report_html",
    "agency_report_title",
    "agency_sheets",
    "agency_workbook",
    "annual_due_date",
    "annual_sheets",
    "build_annual_report",
    "build_progress_report",
    "build_report",
    "csv_text",
    "festival_csv",
    "festival_html",
    "festival_markdown",
    "festival_sheets",
    "festival_workbook",
    "memorandum_figures",
    "memorandum_markdown",
    "progress_report_from",
    "progress_report_html",
    "progress_sheets",
    "progress_workbook",
    "report_html",
    "report_sheets",
    "report_title",
    "report_workbook",
    "require_html_extra",
    "training_markdown",
]
