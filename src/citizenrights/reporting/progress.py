"""The documented progress report of a working group (گزارش مستند پیشرفت).

The national joint working group of the first seed compiles a documented progress report for the
parties; an agency's own group (the second seed) reports its meetings, resolutions and numbered
programme. [`build_progress_report`][citizenrights.reporting.progress.build_progress_report] gathers, at a given day, the group's progress
([`group_progress`][citizenrights.followup.groups.group_progress]), the periodic-inspection coverage of the
group's scope in the quarter of that day, and the corrective actions past due in that scope.

Members are listed by affiliation and role; their names are personal data and appear only when
asked for (``include_names=True``).
"""

from __future__ import annotations

import datetime as dt
import os
from collections.abc import Mapping
from pathlib import Path
from typing import TYPE_CHECKING, Any, Literal, NotRequired

import attrs
from typing_extensions import TypedDict  # pydantic needs it below Python 3.12

from citizenrights._version import __version__
from citizenrights.calendar import WorkCalendar
from citizenrights.evaluation import ProgressPartial, coverage_of
from citizenrights.followup import (
    Coverage,
    GroupProgress,
    OverdueFinding,
    group_progress,
    overdue_findings,
)
from citizenrights.models.agencies import Agency
from citizenrights.models.groups import GroupScope, Programme, WorkingGroup
from citizenrights.models.inspections import Affiliation
from citizenrights.reporting._memorandum import (
    MemorandumFigures,
    memorandum_figures,
    memorandum_lines,
    progress_memorandum,
)
from citizenrights.reporting._programmes import group_programmes
from citizenrights.reporting._progress_report import progress_markdown
from citizenrights.results import pydantic_support

if TYPE_CHECKING:
    from citizenrights.dataset import Dataset

__all__ = ["ProgressReport", "build_progress_report", "progress_report_from"]


class _MemberData(TypedDict):
    """A member in ``ProgressReport.to_dict()``: the name only when names are included."""

    affiliation: Affiliation
    role: str | None
    name: NotRequired[str]


class _GroupData(TypedDict):
    """The working group in ``ProgressReport.to_dict()``."""

    id: str
    name: str
    name_en: str | None
    scope: GroupScope
    province: str | None
    agency_id: str | None
    meetings_per_year: int | None
    members: list[_MemberData]


@pydantic_support(
    exclude=("include_names", "agencies", "programmes"), overrides={"group": _GroupData}
)
@attrs.frozen
class ProgressReport:
    """A working group's documented progress report at one day.

    Attributes:
        group: the working group.
        as_of: the day of the report.
        progress: meetings, resolutions, delays and programme items.
        coverage: periodic-inspection coverage of the group's scope in the quarter of ``as_of``,
            counting the inspections dated up to ``as_of`` only.
        overdue: corrective actions past due at ``as_of`` in the group's scope: all of them
            from a loaded dataset; from a streamed one
            ([`progress_report_from`][citizenrights.reporting.progress.progress_report_from]),
            each agency's oldest (``overdue_limit``, 50 by default), all of them when no agency
            has more.
        include_names: whether members' names are shown.
        library_version: the version of citizenrights that made it.
        memorandum: the memorandum's figures for the group's scope: the publications up to
            ``as_of`` and the group's next meeting, NGO participation and training coverage in
            the Jalali year of ``as_of`` (up to ``as_of``).
        overdue_total: how many corrective actions are past due at ``as_of`` in the group's
            scope, listed in ``overdue`` or not; ``None`` (a report built by hand) stands for
            ``len(overdue)``.
    """

    group: WorkingGroup
    as_of: dt.date
    progress: GroupProgress
    coverage: Coverage
    overdue: tuple[OverdueFinding, ...]
    include_names: bool
    library_version: str
    agencies: Mapping[str, Agency] = attrs.field(factory=dict, repr=False)
    programmes: Mapping[str, Programme] = attrs.field(factory=dict, repr=False)
    memorandum: MemorandumFigures | None = None
    overdue_total: int | None = None

    def to_dict(self, redact: bool | None = None) -> dict[str, Any]:
        """JSON-ready data with stable keys.

        Args:
            redact: leave members' names out (``True``) or show them (``False``); by default
                they are shown only with ``include_names``.
        """
        named = not redact if redact is not None else self.include_names
        members = [
            {
                "affiliation": m.affiliation.value,
                "role": m.role,
                **({"name": m.name} if named else {}),
            }
            for m in self.group.members
        ]
        return {
            "group": {
                "id": self.group.id,
                "name": self.group.name,
                "name_en": self.group.name_en,
                "scope": self.group.scope.value,
                "province": None if self.group.province is None else self.group.province.code,
                "agency_id": self.group.agency_id,
                "meetings_per_year": self.group.meetings_per_year,
                "members": members,
            },
            "as_of": self.as_of.isoformat(),
            "progress": self.progress.to_dict(),
            "coverage": self.coverage.to_dict(),
            "overdue": [o.to_dict() for o in self.overdue],
            "overdue_total": len(self.overdue)
            if self.overdue_total is None
            else self.overdue_total,
            "library_version": self.library_version,
            "memorandum": None if self.memorandum is None else self.memorandum.to_dict(),
        }

    def to_markdown(self, lang: Literal["fa", "en"] = "fa") -> str:
        """The report as Markdown: Persian right-to-left with Persian digits, or English.

        Raises:
            UnsupportedLanguageError: for a ``lang`` other than ``fa`` or ``en``.
        """
        extra = memorandum_lines(self.memorandum, self.agencies, lang) if self.memorandum else []
        return progress_markdown(self, lang, extra)

    def to_xlsx(self, path: str | os.PathLike[str], lang: Literal["fa", "en"] = "fa") -> Path:
        """Write the report as an Excel workbook (extra ``xlsx``).

        Raises:
            XlsxUnavailableError: when openpyxl (the extra ``xlsx``) is not installed.
            UnsupportedLanguageError: for a ``lang`` other than ``fa`` or ``en``.
        """
        from citizenrights.reporting.xlsx import progress_workbook

        return progress_workbook(self, path, lang)

    def to_html(self, lang: Literal["fa", "en"] = "fa") -> str:
        """The report as one self-contained HTML page with charts (extra ``html``).

        See [`progress_report_html`][citizenrights.reporting.html.progress_report_html].

        Raises:
            HtmlUnavailableError: when Jinja2 or matplotlib (the extra ``html``) is missing.
            UnsupportedLanguageError: for a ``lang`` other than ``fa`` or ``en``.
        """
        from citizenrights.reporting.html import progress_report_html

        return progress_report_html(self, lang)


def build_progress_report(
    dataset: Dataset,
    *,
    as_of: dt.date | str,
    group_id: str,
    calendar: WorkCalendar | None = None,
    include_names: bool = False,
) -> ProgressReport:
    """The documented progress report of one working group at ``as_of``, from a loaded dataset.

    For a dataset folder or database too large to load, fold it with
    [`progress_source`][citizenrights.evaluation.progress.progress_source] and make the report
    with [`progress_report_from`][citizenrights.reporting.progress.progress_report_from]: the
    same report, but for the bound on the overdue rows kept.

    Args:
        dataset: a loaded dataset with ``working_groups`` and ``meetings`` (and, optionally,
            ``programmes``).
        as_of: the day of the report: a date, a datetime (its day in Iran time: an aware one is
            converted to Asia/Tehran, a naive one is taken as Iran time), or ISO or Jalali text.
        group_id: the working group.
        calendar: working days for delays and ages; ``WorkCalendar()`` by default.
        include_names: show members' names (personal data) in the report.

    Returns:
        The report, listing every corrective action past due.

    Raises:
        DatasetError: for a group id the dataset lacks (naming the ids it has), or resolutions
            that refer to programme items that do not exist.
        InvalidDateError: for ``as_of`` text that is not a date, or a value that is neither a
            date nor text.
    """
    # The partial reads the day, the group and the scope; the large kinds are read whole below.
    shell = ProgressPartial(dataset, as_of=as_of, group_id=group_id, calendar=calendar)
    day_, cal, group = shell.as_of, shell.calendar, shell.group
    ids = shell.agencies
    # Nothing dated after the report's day counts: the quarter is covered only up to as_of.
    in_scope = [i for i in dataset.inspections if i.agency_id in ids and i.date <= day_]
    overdue = overdue_findings(in_scope, as_of=day_, calendar=cal)
    return _assemble(
        shell,
        coverage=coverage_of(dataset, ids, shell.quarter, scope=shell.scope_id, as_of=day_),
        overdue=overdue,
        overdue_total=len(overdue),
        memorandum=memorandum_figures(dataset, ids, shell.year, day_, group_id=group.id),
        include_names=include_names,
    )


def progress_report_from(
    partial: ProgressPartial, *, include_names: bool = False
) -> ProgressReport:
    """The documented progress report of a folded [`ProgressPartial`][citizenrights.evaluation.progress.ProgressPartial].

    The report [`build_progress_report`][citizenrights.reporting.progress.build_progress_report]
    makes from the loaded dataset (``to_dict`` equal, every format the same), except that
    ``overdue`` lists each agency's ``overdue_limit`` oldest corrective actions past due (all of
    them when no agency has more); ``overdue_total`` counts every one.

    Args:
        partial: the folded partial (from
            [`progress_source`][citizenrights.evaluation.progress.progress_source], or folded and
            merged by hand).
        include_names: show members' names (personal data) in the report.

    Returns:
        The report.

    Raises:
        DatasetError: for resolutions that refer to programme items that do not exist.

    Examples:
        >>> from citizenrights import demo_dataset_path, load_demo, progress_source
        >>> with demo_dataset_path() as folder:
        ...     partial = progress_source(folder, as_of="1397/12/29", group_id="wg-national")
        >>> streamed = progress_report_from(partial)
        >>> loaded = build_progress_report(load_demo(), as_of="1397/12/29", group_id="wg-national")
        >>> streamed.to_dict() == loaded.to_dict(), streamed.to_markdown("en") == loaded.to_markdown("en")
        (True, True)
    """
    return _assemble(
        partial,
        coverage=partial.coverage(),
        overdue=partial.overdue_findings(),
        overdue_total=partial.overdue_total,
        memorandum=progress_memorandum(partial),
        include_names=include_names,
    )


def _assemble(
    partial: ProgressPartial,
    *,
    coverage: Coverage,
    overdue: tuple[OverdueFinding, ...],
    overdue_total: int,
    memorandum: MemorandumFigures,
    include_names: bool,
) -> ProgressReport:
    """The report from the figures of the large kinds and the partial's reference records."""
    reference, group, day_ = partial.reference, partial.group, partial.as_of
    meetings = [m for m in reference.meetings if m.group_id == group.id]
    # Only the programmes this group's resolutions carry out belong in its report.
    mine = group_programmes(group.id, meetings, reference.programmes)
    progress = group_progress(
        group, meetings, as_of=day_, calendar=partial.calendar, programmes=mine
    )
    registry = reference.agencies
    return ProgressReport(
        group=group,
        as_of=day_,
        progress=progress,
        coverage=coverage,
        overdue=overdue,
        include_names=include_names,
        library_version=__version__,
        agencies={a: registry.get(a) for a in sorted(partial.agencies) if a in registry},
        programmes={p.id: p for p in mine},
        memorandum=memorandum,
        overdue_total=overdue_total,
    )
