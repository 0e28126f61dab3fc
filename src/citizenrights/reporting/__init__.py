"""Reports: assembly ([`build_report`][citizenrights.reporting.report.build_report]) and rendering (Markdown fa/en, JSON, CSV)."""

from citizenrights.reporting.progress import ProgressReport, build_progress_report
from citizenrights.reporting.report import (
    AgencyReport,
    ComplaintFigures,
    CriticalFinding,
    RankedAgency,
    Report,
    ReportScope,
    ReportSummary,
    SatisfactionFigures,
    TrainingFigures,
    build_report,
)

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
]
