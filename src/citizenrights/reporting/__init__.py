"""Reports: assembly, figures and rendering (Markdown fa/en, JSON, CSV).

- [`report`][citizenrights.reporting.report]: [`build_report`][citizenrights.reporting.report.build_report]
  and the periodic [`Report`][citizenrights.reporting.report.Report] with an agency head's
  [`AgencyReport`][citizenrights.reporting.report.AgencyReport];
- [`figures`][citizenrights.reporting.figures]: the ranking rows, summary and topical figures a
  report holds;
- [`render`][citizenrights.reporting.render]: Markdown and CSV of a report, and
  [`csv_text`][citizenrights.reporting.render.csv_text] for any table;
- [`progress`][citizenrights.reporting.progress]: a working group's documented progress report.

The modules depend one way: ``report`` → ``render`` → ``figures``; rendering reads a report by the
parts it shows and never imports the report module.
"""

from citizenrights.reporting.figures import (
    ComplaintFigures,
    CriticalFinding,
    RankedAgency,
    ReportSummary,
    SatisfactionFigures,
    TrainingFigures,
)
from citizenrights.reporting.progress import ProgressReport, build_progress_report
from citizenrights.reporting.render import csv_text
from citizenrights.reporting.report import AgencyReport, Report, ReportScope, build_report

__all__ = [
    "AgencyReport",
    "ComplaintFigures",
    "CriticalFinding",
    "ProgressReport",
    "RankedAgency",
    "Report",
    "ReportScope",
    "ReportSummary",
    "SatisfactionFigures",
    "TrainingFigures",
    "build_progress_report",
    "build_report",
    "csv_text",
]
