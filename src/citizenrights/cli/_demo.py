"""The ``demo`` command: the whole pipeline on the bundled synthetic dataset, or a copy of it."""

from __future__ import annotations

import json
import os
import re
import shutil
from collections import Counter
from collections.abc import Sequence
from pathlib import Path
from typing import Annotated

import typer
from rich import box
from rich.console import Console
from rich.table import Table

from citizenrights._version import __version__
from citizenrights.calendar import PeriodKind, format_jalali, iter_periods, period_of
from citizenrights.cli._common import bad_input, parse_option
from citizenrights.cli._output import TABLE_WIDTH, BadInputError, atomic_folder, print_table
from citizenrights.dataset import Dataset, demo_dataset_path, load_demo
from citizenrights.evaluation import evaluate, evaluate_source, progress_source
from citizenrights.models.people import CandidateRecord, Post
from citizenrights.reporting import progress_report_from
from citizenrights.reporting.figures import RankedAgency
from citizenrights.reporting.report import assemble_report
from citizenrights.scoring.eligibility import UnitScores, assess_eligibility
from citizenrights.scoring.eligibility_results import EligibilityDecision, eligibility_rows
from citizenrights.scoring.inspections import score_inspection
from citizenrights.scoring.rounding import round_half_up

__all__ = ["candidate_decisions", "demo"]


def _post_of(record: CandidateRecord) -> Post:
    """The post a demo candidate is assessed for: that of their latest assignment."""
    posts = [a for a in record.assignments if a.post is not None]
    latest = max(posts, key=lambda a: a.start, default=None)
    return latest.post if latest is not None and latest.post else Post.parse("managerial:middle")


def candidate_decisions(dataset: Dataset) -> list[EligibilityDecision]:
    """The demo's decisions: each candidate for their own post, as of the data's last day.

    Each candidate is assessed for the post of their latest assignment (`_post_of`) as of the
    last day of the latest quarter with an inspection, with every quarter's index of every agency
    a candidate served in as the unit rule's input. The dataset README's claims are tested
    against these decisions.
    """
    latest = period_of(max(i.date for i in dataset.inspections), PeriodKind.QUARTER)
    first = period_of(min(i.date for i in dataset.inspections), PeriodKind.QUARTER)
    evaluations = [evaluate(dataset, quarter) for quarter in iter_periods(first, latest)]
    units = sorted({a.agency_id for c in dataset.candidates for a in c.assignments})
    unit_scores: UnitScores = {
        (agency_id, e.period): e.indices[agency_id].score
        for agency_id in units
        for e in evaluations
    }
    return [
        assess_eligibility(c, _post_of(c), as_of=latest.end, unit_scores=unit_scores)
        for c in dataset.candidates
    ]


def _print_decisions(
    console: Console,
    candidates: Sequence[CandidateRecord],
    decisions: Sequence[EligibilityDecision],
) -> None:
    """The decisions as a table that fits 80 columns.

    ``record`` is the candidate's position in ``candidates.jsonl`` (masked ids look alike); the
    post (kind and level) and the reason codes (one a line) wrap, nothing a reader copies is cut.
    """
    if not decisions:
        return
    as_of = decisions[0].as_of
    table = Table(
        title="Eligibility for managerial and sensitive posts as of "
        f"{format_jalali(as_of)} ({as_of.isoformat()}); person ids masked",
        box=box.SIMPLE_HEAD,
        pad_edge=False,
        collapse_padding=True,
    )
    for header in ("record", "person", "post", "status", "score", "reasons"):
        wraps = header == "post"
        table.add_column(
            header,
            no_wrap=not wraps,
            overflow="fold" if wraps else "ellipsis",
            justify="right" if header in ("record", "score") else "left",
        )
    rows = eligibility_rows(decisions, redact=True)
    for n, (c, d, row) in enumerate(zip(candidates, decisions, rows, strict=True), 1):
        post = _post_of(c)
        table.add_row(
            str(n),
            str(row["person_id"]),
            f"{post.kind.value} {post.level.value}" if post.level else post.kind.value,
            d.status.label("en"),
            f"{d.record_score:.2f}",
            # One code a line: the codes are what a program matches on.
            "\n".join(str(row["reasons"]).split(", ")) or "–",
        )
    if not console.is_terminal:
        columns = os.environ.get("COLUMNS", "")
        console = Console(width=int(columns) if columns.isdigit() else TABLE_WIDTH)
    console.print(table)


def demo(
    out: Annotated[
        str,
        typer.Option(
            "--out", "-o", help="Folder for the report files (written whole, or not at all)."
        ),
    ] = "citizenrights-demo",
    export: Annotated[
        str | None,
        typer.Option(
            "--export",
            help="Copy the bundled demo dataset into this new (or empty) folder and stop: a "
            "starting point for one's own data.",
            show_default=False,
        ),
    ] = None,
) -> None:
    """Run the whole pipeline on the bundled synthetic demo dataset.

    Loads the dataset, scores every inspection, builds the province report for the latest
    quarter, assesses the candidates, shows the working groups' progress, prints the ranking and
    the decisions, and writes the reports (Persian and English Markdown, JSON, CSV) to a folder.
    The reports and progress reports are built by the streamed evaluation
    ([`evaluate_source`][citizenrights.evaluation.run.evaluate_source],
    [`progress_source`][citizenrights.evaluation.progress.progress_source]) from the bundled
    folder, as the ``report`` and ``progress`` commands build them.
    With ``--export DIR``, copies the demo dataset itself into ``DIR`` instead.
    """
    console = Console()
    with bad_input():
        if export is not None:
            target = parse_option("--export", export, _new_folder)
            count = _export_demo(target)
            typer.echo(
                f"Copied the demo dataset ({count} files) to {target}; check it with: "
                f"citizenrights validate {target}"
            )
            return
        out_dir = parse_option("--out", out, _demo_folder)
        dataset = load_demo()
        console.print(
            f"[bold]citizenrights {__version__}[/bold]: demo on the bundled [italic]synthetic[/]"
            f" dataset ({len(dataset.agencies)} agencies, {len(dataset.inspections)} inspections,"
            f" {len(dataset.complaints)} complaints, {len(dataset.candidates)} candidates)"
        )
        scores = [
            score_inspection(i, dataset.checklists[(i.checklist_id, i.checklist_version)])
            for i in dataset.inspections
        ]
        statuses = Counter(s.status.value for s in scores)
        console.print(
            f"Scored {len(scores)} inspections: "
            + ", ".join(f"{n} {k}" for k, n in sorted(statuses.items()))
        )
        latest = period_of(max(i.date for i in dataset.inspections), PeriodKind.QUARTER)
        provinces = sorted({a.province for a in dataset.agencies if a.province is not None})
        scope = provinces[0] if len(provinces) == 1 else None
        as_of = latest.end
        # The reports take the streamed path a large dataset takes: the folder read once per
        # report, one record at a time (the same reports as from the loaded dataset).
        with demo_dataset_path() as folder:
            built = assemble_report(evaluate_source(folder, latest, scope=scope))
            progress_reports = [
                progress_report_from(progress_source(folder, as_of=as_of, group_id=g.id))
                for g in dataset.working_groups
            ]

        console.print(f"{built.scope.name_en}: agencies ranked within peer groups, {latest}")
        firsts: dict[str | None, RankedAgency] = {}
        for r in built.ranking:
            firsts.setdefault(r.group, r)
        for group, first in firsts.items():
            print_table(
                first.group_label("en"),
                ("rank", "agency", "index", "grade", "change", "id"),
                (
                    (
                        "–" if r.rank is None else str(r.rank),
                        r.name_en or r.agency_id,
                        "–" if r.score is None else f"{round_half_up(r.score, 2):.2f}",
                        "–" if r.grade is None else r.grade.label("en"),
                        "–" if r.change is None else f"{round_half_up(r.change, 2):+.2f}",
                        r.agency_id,
                    )
                    for r in built.ranking
                    if r.group == group
                ),
                keep=("id",),
            )

        decisions = candidate_decisions(dataset)
        _print_decisions(console, dataset.candidates, decisions)

        for pr in progress_reports:
            p = pr.progress
            rate = "–" if p.implementation_rate is None else f"{100 * p.implementation_rate:.1f}%"
            console.print(
                f"Working group {pr.group.id}: {p.resolutions} resolutions, {p.done} done, "
                f"{len(p.overdue)} overdue, implementation rate {rate}, meetings "
                + ", ".join(f"{y}: {n}" for y, n in sorted(p.meetings_held.items()))
            )

        stem = f"report-{latest}"
        files = {
            f"{stem}.fa.md": built.to_markdown("fa"),
            f"{stem}.en.md": built.to_markdown("en"),
            f"{stem}.json": json.dumps(built.to_dict(), ensure_ascii=False, indent=2) + "\n",
            f"ranking-{latest}.csv": built.to_csv(bom=True),
            "eligibility.json": json.dumps(
                [d.to_dict(redact=True) for d in decisions], ensure_ascii=False, indent=2
            )
            + "\n",
        }
        for pr in progress_reports:
            files[f"progress-{pr.group.id}.fa.md"] = pr.to_markdown("fa")
            files[f"progress-{pr.group.id}.en.md"] = pr.to_markdown("en")
        # The whole set goes into a temporary folder that then takes the target's place, so a
        # killed run leaves the previous set (or nothing), never a mix.
        with atomic_folder(out_dir, replace=_is_demo_output) as tmp:
            for name, text in files.items():
                (tmp / name).write_text(text, encoding="utf-8", newline="")
        typer.echo(f"Wrote {len(files)} files to {out_dir.resolve()}")


_DEMO_OUTPUT = re.compile(
    r"(report-[^/]+\.(fa\.md|en\.md|json)|ranking-[^/]+\.csv|eligibility\.json"
    r"|progress-[^/]+\.(fa|en)\.md)"
)


def _is_demo_output(folder: Path) -> bool:
    """Whether ``folder`` holds only files ``demo`` writes (so a new run may replace it whole)."""
    return all(p.is_file() and _DEMO_OUTPUT.fullmatch(p.name) for p in folder.iterdir())


def _demo_folder(text: str) -> Path:
    """The ``--out`` folder of ``demo``: new, empty, or an earlier demo output (replaced whole)."""
    path = _folder_name(text)
    if path.exists() and not path.is_dir():
        raise BadInputError(f"{path} exists and is not a folder")
    if path.is_dir() and any(path.iterdir()) and not _is_demo_output(path):
        raise BadInputError(
            f"{path} holds files that demo did not write; give a new or empty folder"
        )
    return path


def _new_folder(text: str) -> Path:
    """A folder to create: it must not exist, or be an empty folder."""
    path = _folder_name(text)
    if path.exists() and not path.is_dir():
        raise BadInputError(f"{path} exists and is not a folder")
    if path.is_dir() and any(path.iterdir()):
        raise BadInputError(f"{path} is not empty; give a new or empty folder")
    return path


def _folder_name(text: str) -> Path:
    if not text.strip():
        raise BadInputError("empty folder name")
    return Path(text)


def _export_demo(target: Path) -> int:
    """Copy the bundled demo dataset to ``target`` whole (atomically); the number of files."""
    with demo_dataset_path() as source, atomic_folder(target, replace=lambda _: False) as tmp:
        shutil.copytree(source, tmp, dirs_exist_ok=True, copy_function=shutil.copyfile)
        return sum(1 for p in tmp.rglob("*") if p.is_file())
