"""Follow-up: what happened after the inspections and the meetings, at a given day.

Not scoring: these measures judge no agency; they show whether what was decided is being done.
Pure functions, each taking "today" (``as_of`` or a period) as a parameter and ignoring
anything dated after it:

- [`group_progress`][citizenrights.followup.groups.group_progress]
  ([`groups`][citizenrights.followup.groups]): a working group's meetings per Jalali year against
  its quota, its resolutions done, dropped, open and overdue, the implementation rate, the delays
  in working days, and the state of each programme item
  ([`programmes`][citizenrights.followup.programmes]);
- [`inspection_coverage`][citizenrights.followup.coverage.inspection_coverage]
  ([`coverage`][citizenrights.followup.coverage]): which agencies had an inspection of the given
  kinds in a period;
- [`overdue_findings`][citizenrights.followup.findings.overdue_findings]
  ([`findings`][citizenrights.followup.findings]): inspection findings not resolved a working day
  or more after their due date, with their age in working days;
- [`ngo_participation`][citizenrights.followup.ngos.ngo_participation]
  ([`ngos`][citizenrights.followup.ngos]): the share of inspections with an NGO member, and the
  NGOs active per province with their inspections and reports
  ([`NGOTally`][citizenrights.followup.ngos.NGOTally] folds it one inspection at a time);
- [`training_coverage`][citizenrights.followup.training.training_coverage]
  ([`training`][citizenrights.followup.training]): a training programme's coverage by course and
  audience, quarter by quarter, against its deadline
  ([`TrainingTally`][citizenrights.followup.training.TrainingTally] folds it record by record);
- [`transparency_record`][citizenrights.followup.transparency.transparency_record]
  ([`transparency`][citizenrights.followup.transparency]): what agencies published, and their
  working group's next meeting.

Resolutions and findings share one rule: something due on ``due`` is overdue at ``as_of`` (if not
done), or was late (if done on ``done_on``), when the working days in ``(due, day]`` are at least
1, and that count is its age or delay. Nothing is ever "overdue by 0 working days".

The package reads records (``citizenrights.models``), the calendar and the vocabulary; the progress
report (``citizenrights.reporting``) reads it, never the other way round.

Examples:
    >>> from citizenrights import load_demo
    >>> from citizenrights.followup import group_progress, inspection_coverage, overdue_findings
    >>> demo = load_demo()
    >>> group = next(g for g in demo.working_groups if g.id == "wg-national")
    >>> progress = group_progress(group, demo.meetings, as_of="1397/03/31")
    >>> dict(progress.meetings_held), progress.resolutions, progress.implementation_rate
    ({1396: 4, 1397: 1}, 12, 1.0)
    >>> inspection_coverage(demo.agencies, demo.inspections, "1397-Q1").rate
    1.0
    >>> late = overdue_findings(demo.inspections, as_of="1397/03/31")
    >>> len(late), late[0].explain("en")
    (49, 'isf-abfa, inspection INS-1396Q1-020, item A03.3 (major): due 1396/04/13, 293 working days overdue')
"""

from citizenrights.followup.coverage import Coverage, inspection_coverage
from citizenrights.followup.findings import OverdueFinding, overdue_findings
from citizenrights.followup.groups import GroupProgress, group_progress
from citizenrights.followup.ngos import (
    NGOActivity,
    NGOParticipation,
    NGOProvinceRow,
    NGOTally,
    ngo_participation,
)
from citizenrights.followup.programmes import ProgrammeItemProgress, ProgrammeItemStatus
from citizenrights.followup.training import (
    CourseQuarter,
    TrainingCoverage,
    TrainingTally,
    training_coverage,
)
from citizenrights.followup.transparency import (
    PublishedItem,
    Transparency,
    transparency_record,
)

__all__ = [
    "CourseQuarter",
    "Coverage",
    "GroupProgress",
    "NGOActivity",
    "NGOParticipation",
    "NGOProvinceRow",
    "NGOTally",
    "OverdueFinding",
    "ProgrammeItemProgress",
    "ProgrammeItemStatus",
    "PublishedItem",
    "TrainingCoverage",
    "TrainingTally",
    "Transparency",
    "group_progress",
    "inspection_coverage",
    "ngo_participation",
    "overdue_findings",
    "training_coverage",
    "transparency_record",
]
