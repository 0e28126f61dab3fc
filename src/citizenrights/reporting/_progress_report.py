"""The Markdown of a working group's documented progress report (private).

[`ProgressReport.to_markdown`][citizenrights.reporting.progress.ProgressReport.to_markdown] calls
it: members by affiliation and role (roles in the reader's language), the progress with the
group's and programmes' names, the coverage and the corrective actions past due with the agencies'
names, and one date style throughout.
"""

from __future__ import annotations

from collections.abc import Sequence

from citizenrights.reporting import _sections
from citizenrights.reporting._agency_md import tidy
from citizenrights.reporting._fields import ProgressFields
from citizenrights.reporting._headings import section_title
from citizenrights.reporting._progress_md import progress_lines
from citizenrights.reporting._render import day, md_table, page
from citizenrights.reporting._tables import members_table
from citizenrights.vocabulary import RECIPIENTS, Lang, check_lang, label, role, say

__all__ = ["progress_markdown", "progress_title"]


def progress_title(report: ProgressFields, lang: str = "fa") -> str:
    """The title: the group's documented progress report, and that it is for its members."""
    la = check_lang(lang)
    g = report.group
    name = say(la, fa=g.name, en=g.name_en or g.name)
    recipient = say(la, fa=RECIPIENTS["working_group"][0], en=RECIPIENTS["working_group"][1])
    return say(
        la,
        fa=f"گزارش مستند پیشرفت — {name} — {recipient}",
        en=f"Documented progress report — {name} — {recipient.lower()}",
    )


def progress_markdown(report: ProgressFields, lang: str = "fa", extra: Sequence[str] = ()) -> str:
    """The documented progress report as Markdown.

    ``extra`` are more sections (the memorandum's: transparency, NGOs, training), put after the
    report's own and before its footer, which always closes the page.

    Raises:
        UnsupportedLanguageError: for a ``lang`` other than ``fa`` or ``en``.
    """
    la: Lang = check_lang(lang)
    g = report.group
    lines = [
        f"# {progress_title(report, la)}",
        "",
        say(la, fa=f"تاریخ گزارش: {day(report.as_of, la)}", en=f"As of {day(report.as_of, la)}"),
        "",
        say(la, fa="## اعضا", en="## Members"),
        "",
    ]
    members = members_table(g, la)
    lines.extend([md_table(members.headers(la), members.text_rows(la)), ""])
    if report.include_names:
        lines.extend(
            f"- {m.name} ({label(m.affiliation, la)}، {role(m.role, la)})"
            if la == "fa"
            else f"- {m.name} ({label(m.affiliation, la)}, {role(m.role, la)})"
            for m in g.members
        )
        lines.append("")
    lines.extend([say(la, fa="## پیشرفت", en="## Progress"), ""])
    lines.extend(
        progress_lines(report.progress, {g.id: g}, report.programmes, la, heading=None, dated=False)
    )
    c = report.coverage
    period = c.period.label(la)
    if report.as_of < c.period.end:
        period = say(
            la,
            fa=f"{period} (تا {day(report.as_of, la)})",
            en=f"{period} (up to {day(report.as_of, la)})",
        )
    lines.extend(
        [
            say(la, fa=f"## پوشش بازرسی در {period}", en=f"## Inspection coverage in {period}"),
            "",
            *_sections.coverage(c, report.agencies, la),
            "",
            f"## {section_title('overdue', la)}",
            "",
            _sections.overdue(report.overdue, report.agencies, la, report.overdue_total),
            "",
            *extra,
            "",
            say(
                la,
                fa=f"سطح {label(g.scope, 'fa')}؛ citizenrights {report.library_version}.",
                en=f"{label(g.scope, 'en').capitalize()} scope; citizenrights "
                f"{report.library_version}.",
            ),
        ]
    )
    return page(tidy(lines), la)
