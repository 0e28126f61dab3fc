"""The typer application behind ``citizenrights`` (private; needs the ``cli`` extra)."""

from __future__ import annotations

import csv
import json
import sys
from collections import Counter
from collections.abc import Iterable, Iterator, Sequence
from contextlib import contextmanager
from enum import StrEnum
from pathlib import Path
from typing import Annotated, Any, TextIO, TypeVar

import typer
from pydantic import ValidationError
from rich.console import Console
from rich.progress import BarColumn, MofNCompleteColumn, Progress, SpinnerColumn, TextColumn
from rich.table import Table

from citizenrights._version import __version__
from citizenrights.calendar import (
    JalaliPeriod,
    PeriodKind,
    format_jalali,
    iter_periods,
    parse_date,
    period_of,
)
from citizenrights.cli._output import BadInputError, atomic_writer, fail, write_text
from citizenrights.dataset import Dataset, iter_inspections, iter_records, load_demo
from citizenrights.errors import (
    CalendarRangeError,
    CitizenRightsError,
    DatasetError,
    InvalidPeriodError,
)
from citizenrights.models import Checklist
from citizenrights.models.people import CandidateRecord, Post
from citizenrights.models.provinces import Province
from citizenrights.models.reference import reference_checklist
from citizenrights.models.schemas import json_schemas
from citizenrights.reporting import build_progress_report, build_report
from citizenrights.reporting._render import csv_text
from citizenrights.scoring.eligibility import (
    UnitScores,
    assess_eligibility,
    assess_many,
    eligibility_rows,
)
from citizenrights.scoring.index import agency_index
from citizenrights.scoring.inspections import InspectionScore, score_inspection
from citizenrights.scoring.rounding import round_half_up

app = typer.Typer(
    name="citizenrights",
    help="Citizens'-rights oversight: Jalali periods, records, scoring and reports.",
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
)

T = TypeVar("T")


class Format(StrEnum):
    """Output formats of the table-shaped commands."""

    TABLE = "table"
    JSON = "json"
    CSV = "csv"


OutOption = Annotated[
    Path | None,
    typer.Option("--output", "-o", help="Write to this file (atomically) instead of stdout."),
]
FormatOption = Annotated[Format, typer.Option("--format", "-f", help="Output format.")]


def _version(value: bool) -> None:
    if value:
        typer.echo(__version__)
        raise typer.Exit(0)


@app.callback()
def _root(
    version: Annotated[
        bool,
        typer.Option("--version", callback=_version, is_eager=True, help="Print the version."),
    ] = False,
) -> None:
    """Citizens'-rights oversight: Jalali periods, records, scoring and reports."""


@contextmanager
def _bad_input() -> Iterator[None]:
    """Turn the library's input errors into one line on stderr and exit code 2."""
    try:
        yield
    except DatasetError as exc:
        if len(exc.problems) == 1:
            fail(exc.problems[0])
        shown = exc.problems[:20]
        more = len(exc.problems) - len(shown)
        for problem in shown:
            typer.echo(problem, err=True)
        if more:
            typer.echo(f"... and {more} more", err=True)
        fail(f"{len(exc.problems)} problem(s) in the input; see above")
    except (CitizenRightsError, ValidationError, BadInputError, ValueError) as exc:
        fail(str(exc).splitlines()[0] if str(exc) else type(exc).__name__)
    except FileNotFoundError as exc:
        fail(f"no such file or folder: {exc.filename}")
    except IsADirectoryError as exc:
        fail(f"expected a file, got a folder: {exc.filename}")
    except PermissionError as exc:
        fail(f"permission denied: {exc.filename}")
    except UnicodeDecodeError as exc:
        fail(f"the input is not UTF-8 text ({exc.reason})")


def _table(title: str, rows: Sequence[dict[str, Any]], console: Console) -> None:
    table = Table(title=title)
    if not rows:
        console.print(f"{title}: nothing to show")
        return
    for column in rows[0]:
        table.add_column(column)
    for row in rows:
        table.add_row(*("" if v is None else str(v) for v in row.values()))
    console.print(table)


def _emit(rows: Sequence[dict[str, Any]], fmt: Format, output: Path | None, title: str) -> None:
    if fmt is Format.JSON:
        write_text(output, json.dumps(list(rows), ensure_ascii=False, indent=2) + "\n")
    elif fmt is Format.CSV:
        headers = list(rows[0]) if rows else []
        write_text(output, csv_text(headers, ([r[h] for h in headers] for r in rows)))
    elif output is None:
        _table(title, rows, Console())
    else:
        with atomic_writer(output) as handle:
            _table(title, rows, Console(file=handle, width=160))


def _progress(items: Iterator[T], label: str) -> Iterator[T]:
    """Show a progress display on stderr while ``items`` is consumed, if stderr is a terminal."""
    if not sys.stderr.isatty():
        yield from items
        return
    columns = (SpinnerColumn(), TextColumn(label), BarColumn(), MofNCompleteColumn())
    with Progress(*columns, console=Console(stderr=True), transient=True) as progress:
        task = progress.add_task(label, total=None)
        for item in items:
            yield item
            progress.advance(task)


def _existing(path: Path, *, folder: bool) -> Path:
    if not path.exists():
        raise BadInputError(f"no such {'folder' if folder else 'file'}: {path}")
    if folder and not path.is_dir():
        raise BadInputError(f"expected a folder, got a file: {path}")
    if not folder and path.is_dir():
        raise BadInputError(f"expected a file, got a folder: {path}")
    return path


# -- demo -----------------------------------------------------------------------------------


def _demo_unit_scores(dataset: Dataset, scores: Sequence[InspectionScore]) -> UnitScores:
    """Every quarter's index of every agency a candidate was assigned to: the unit rule's input."""
    units = sorted({a.agency_id for c in dataset.candidates for a in c.assignments})
    dates = [i.date for i in dataset.inspections]
    first, last = (
        period_of(min(dates), PeriodKind.QUARTER),
        period_of(max(dates), PeriodKind.QUARTER),
    )
    out: dict[tuple[str, JalaliPeriod], float | None] = {}
    for agency_id in units:
        for quarter in iter_periods(first, last):
            out[(agency_id, quarter)] = agency_index(
                agency_id,
                quarter,
                inspections=[s for s in scores if s.agency_id == agency_id],
                complaints=[c for c in dataset.complaints if c.agency_id == agency_id],
                trainings=[t for t in dataset.trainings if t.agency_id == agency_id],
                surveys=[v for v in dataset.surveys if v.agency_id == agency_id],
                stats=[r for r in dataset.stats if r.agency_id == agency_id],
            ).score
    return out


def _post_of(record: CandidateRecord) -> Post:
    """The post a demo candidate is assessed for: that of their latest assignment."""
    posts = [a for a in record.assignments if a.post is not None]
    latest = max(posts, key=lambda a: a.start, default=None)
    return latest.post if latest is not None and latest.post else Post.parse("managerial:middle")


@app.command()
def demo(
    out: Annotated[
        Path,
        typer.Option("--out", "-o", help="Folder for the report files (created if missing)."),
    ] = Path("citizenrights-demo"),
) -> None:
    """Run the whole pipeline on the bundled synthetic demo dataset.

    Loads the dataset, scores every inspection, builds the province report for the latest
    quarter, assesses the candidates, shows the working groups' progress, prints the ranking and
    the decisions, and writes the reports (Persian and English Markdown, JSON, CSV) to a folder.
    """
    console = Console()
    with _bad_input():
        if out.exists() and not out.is_dir():
            raise BadInputError(f"--out: {out} exists and is not a folder")
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
        built = build_report(dataset, latest, scope=scope)

        table = Table(title=f"{built.scope.name_en}: agencies ranked within peer groups, {latest}")
        for column in ("group", "rank", "agency", "index", "grade", "change"):
            table.add_column(column, justify="right" if column in ("rank", "index") else "left")
        for r in built.ranking:
            table.add_row(
                r.group or "–",
                "–" if r.rank is None else str(r.rank),
                r.name_en or r.agency_id,
                "–" if r.score is None else f"{round_half_up(r.score, 2):.2f}",
                "–" if r.grade is None else r.grade.label("en"),
                "–" if r.change is None else f"{round_half_up(r.change, 2):+.2f}",
            )
        console.print(table)

        as_of = latest.end
        unit_scores = _demo_unit_scores(dataset, scores)
        decisions = [
            assess_eligibility(c, _post_of(c), as_of=as_of, unit_scores=unit_scores)
            for c in dataset.candidates
        ]
        elig = Table(
            title="Eligibility for managerial and sensitive posts as of "
            f"{format_jalali(as_of)} ({as_of.isoformat()}); person ids masked"
        )
        for column in ("#", "person", "post", "status", "record score", "reasons"):
            elig.add_column(column)
        rows = eligibility_rows(decisions, redact=True)
        for n, (c, d, row) in enumerate(zip(dataset.candidates, decisions, rows, strict=True), 1):
            post = _post_of(c)
            elig.add_row(
                str(n),
                str(row["person_id"]),
                f"{post.kind.value}:{post.level.value if post.level else '-'}",
                d.status.value,
                f"{d.record_score:.2f}",
                str(row["reasons"]) or "–",
            )
        console.print(elig)

        progress_reports = [
            build_progress_report(dataset, as_of=as_of, group_id=g.id)
            for g in dataset.working_groups
        ]
        for pr in progress_reports:
            p = pr.progress
            rate = "–" if p.implementation_rate is None else f"{100 * p.implementation_rate:.1f}%"
            console.print(
                f"Working group {pr.group.id}: {p.resolutions} resolutions, {p.done} done, "
                f"{len(p.overdue)} overdue, implementation rate {rate}, meetings "
                + ", ".join(f"{y}: {n}" for y, n in sorted(p.meetings_held.items()))
            )

        out.mkdir(parents=True, exist_ok=True)
        stem = f"report-{latest}"
        files = {
            f"{stem}.fa.md": built.to_markdown("fa"),
            f"{stem}.en.md": built.to_markdown("en"),
            f"{stem}.json": json.dumps(built.to_dict(), ensure_ascii=False, indent=2) + "\n",
            f"ranking-{latest}.csv": built.to_csv(),
            "eligibility.json": json.dumps(
                [d.to_dict(redact=True) for d in decisions], ensure_ascii=False, indent=2
            )
            + "\n",
        }
        for pr in progress_reports:
            files[f"progress-{pr.group.id}.fa.md"] = pr.to_markdown("fa")
            files[f"progress-{pr.group.id}.en.md"] = pr.to_markdown("en")
        for name, text in files.items():
            write_text(out / name, text)
        console.print(f"Wrote {len(files)} files to {out.resolve()}")


# -- validate ---------------------------------------------------------------------------------


@app.command()
def validate(
    folder: Annotated[Path, typer.Argument(help="A dataset folder (agencies.json, ...).")],
) -> None:
    """Check every record of a dataset folder; exit 1 and list the problems if there are any."""
    with _bad_input():
        problems = Dataset.validate(_existing(folder, folder=True))
    for problem in problems:
        typer.echo(problem)
    if problems:
        typer.echo(f"{len(problems)} problem(s) in {folder}", err=True)
        raise typer.Exit(1)
    typer.echo(f"{folder}: no problems")


# -- score ------------------------------------------------------------------------------------


def _checklist(spec: str) -> Checklist:
    if spec == "reference":
        return reference_checklist()
    path = _existing(Path(spec), folder=False)
    try:
        return Checklist.model_validate_json(path.read_bytes())
    except ValidationError as exc:
        first = exc.errors()[0]
        where = ".".join(str(p) for p in first["loc"]) or "(top level)"
        raise BadInputError(
            f"{path}: {where}: {first['msg']} [{first['type']}] ({exc.error_count()} error(s))"
        ) from None


@app.command()
def score(
    inspections: Annotated[Path, typer.Argument(help="A JSONL file, one inspection per line.")],
    checklist: Annotated[
        str, typer.Option("--checklist", "-c", help="'reference' or a checklist JSON file.")
    ] = "reference",
    fmt: FormatOption = Format.TABLE,
    output: OutOption = None,
) -> None:
    """Score every inspection of a JSONL file against a checklist.

    The file is streamed: memory stays flat however long it is, for the json and csv formats.
    """
    with _bad_input():
        cl = _checklist(checklist)
        problems: list[str] = []
        stream = iter_inspections(_existing(inspections, folder=False), on_error=problems.append)
        scores = (score_inspection(i, cl) for i in _progress(stream, "scoring"))
        if fmt is Format.TABLE:
            rows = [_score_row(s) for s in scores]
            if problems:
                raise DatasetError(problems, folder=str(inspections))
            _emit(rows, fmt, output, f"Scores ({cl.id} v{cl.version})")
            return
        # A bad line found mid-stream raises inside the writer, so no half file is left.
        with atomic_writer(output) as out:
            _stream_scores(scores, fmt, out, problems, inspections)


_SCORE_COLUMNS = (
    "inspection_id",
    "agency_id",
    "date",
    "status",
    "score",
    "grade",
    "completeness",
    "capped_by",
)


def _score_row(s: InspectionScore) -> dict[str, Any]:
    return {
        "inspection_id": s.inspection_id,
        "agency_id": s.agency_id,
        "date": s.date.isoformat(),
        "status": s.status.value,
        "score": s.score_display,
        "grade": s.grade.value if s.grade else None,
        "completeness": None if s.completeness is None else round_half_up(s.completeness, 4),
        "capped_by": " ".join(s.capped_by),
    }


def _stream_scores(
    scores: Iterable[InspectionScore],
    fmt: Format,
    out: TextIO,
    problems: list[str],
    source: Path,
) -> None:
    writer = csv.writer(out)
    if fmt is Format.CSV:
        writer.writerow(_SCORE_COLUMNS)
    else:
        out.write("[")
    first = True
    for s in scores:
        if fmt is Format.CSV:
            row = _score_row(s)
            writer.writerow(["" if row[c] is None else row[c] for c in _SCORE_COLUMNS])
        else:
            out.write(("\n" if first else ",\n") + json.dumps(s.to_dict(), ensure_ascii=False))
        first = False
    if fmt is Format.JSON:
        out.write("\n]\n")
    if problems:
        raise DatasetError(problems, folder=str(source))


# -- eligibility ------------------------------------------------------------------------------


def _candidates(path: Path) -> list[CandidateRecord]:
    text = _existing(path, folder=False).read_text(encoding="utf-8")
    stripped = text.lstrip()
    if stripped.startswith("[") or (stripped.startswith("{") and "\n{" not in stripped.strip()):
        try:
            data = json.loads(text)
        except json.JSONDecodeError as exc:
            raise BadInputError(f"{path}:{exc.lineno}: not valid JSON ({exc.msg})") from None
        records = data if isinstance(data, list) else [data]
        problems: list[str] = []
        out: list[CandidateRecord] = []
        for n, record in enumerate(records):
            try:
                out.append(CandidateRecord.model_validate(record))
            except ValidationError as exc:
                problems.extend(
                    f"{path}: [{n}].{'.'.join(str(p) for p in e['loc'])}: {e['msg']} [{e['type']}]"
                    for e in exc.errors(include_input=False)
                )
        if problems:
            raise DatasetError(problems, folder=str(path))
        return out
    problems = []
    found = list(iter_records(path, CandidateRecord, on_error=problems.append))
    if problems:
        raise DatasetError(problems, folder=str(path))
    return found


@app.command()
def eligibility(
    candidates: Annotated[
        Path, typer.Argument(help="Candidate records: a JSON object, a JSON array or JSONL.")
    ],
    post: Annotated[
        str, typer.Option("--post", help="kind[:level], e.g. managerial:middle or sensitive.")
    ] = "managerial",
    as_of: Annotated[
        str, typer.Option("--as-of", help="Day of the assessment, Jalali or ISO (1397/01/15).")
    ] = "",
    fmt: FormatOption = Format.TABLE,
    output: OutOption = None,
    unmask: Annotated[
        bool, typer.Option("--unmask", help="Show person ids whole (they are masked by default).")
    ] = False,
) -> None:
    """Assess candidates for a managerial or sensitive post on their citizens'-rights record."""
    with _bad_input():
        if not as_of:
            raise BadInputError("--as-of is required (the day of the assessment, e.g. 1397/01/15)")
        day = parse_date(as_of)
        try:
            the_post = Post.parse(post)
        except ValueError:
            raise BadInputError(
                f"--post: expected managerial or sensitive, optionally with a level "
                f"(managerial:basic, managerial:middle, sensitive:senior, ...); got {post!r}"
            ) from None
        decisions = assess_many(_candidates(candidates), the_post, as_of=day)
        if fmt is Format.JSON:
            data = [d.to_dict(redact=not unmask) for d in decisions]
            write_text(output, json.dumps(data, ensure_ascii=False, indent=2) + "\n")
        else:
            rows = eligibility_rows(decisions, redact=not unmask)
            _emit(rows, fmt, output, f"Eligibility for {the_post.title} as of {as_of}")


# -- report -----------------------------------------------------------------------------------


class ReportFormat(StrEnum):
    """Output formats of ``report`` and ``progress``."""

    MARKDOWN = "markdown"
    JSON = "json"
    CSV = "csv"


class Lang(StrEnum):
    """Languages of the rendered reports."""

    FA = "fa"
    EN = "en"


def _period(text: str) -> JalaliPeriod:
    try:
        return JalaliPeriod.parse(text)
    except (InvalidPeriodError, CalendarRangeError) as exc:
        raise BadInputError(f"--period: {exc}") from None


def _scope(dataset: Dataset, province: str | None, agency: str | None) -> Province | str | None:
    if province and agency:
        raise BadInputError("give --province or --agency, not both")
    if agency is not None:
        if agency not in dataset.agencies:
            raise BadInputError(f"--agency: unknown agency id {agency!r} in {dataset.folder}")
        return agency
    if province is not None:
        try:
            return Province.parse(province)
        except ValueError as exc:
            raise BadInputError(f"--province: {exc}") from None
    return None


def _load(folder: Path) -> Dataset:
    return Dataset.load(_existing(folder, folder=True))


@app.command()
def report(
    folder: Annotated[Path, typer.Argument(help="A dataset folder.")],
    period: Annotated[str, typer.Option("--period", "-p", help="e.g. 1396-Q3, 1396-H1, 1396.")],
    province: Annotated[
        str | None,
        typer.Option("--province", help="A province: code (IR-10), English or Persian name."),
    ] = None,
    agency: Annotated[
        str | None,
        typer.Option("--agency", help="An agency id: the agency and everything under it."),
    ] = None,
    lang: Annotated[Lang, typer.Option("--lang", help="Language of the Markdown.")] = Lang.FA,
    fmt: Annotated[
        ReportFormat, typer.Option("--format", "-f", help="markdown, json or csv (the ranking).")
    ] = ReportFormat.MARKDOWN,
    output: OutOption = None,
) -> None:
    """Build the report of a period for the nation, a province or an agency's subtree."""
    with _bad_input():
        the_period = _period(period)
        dataset = _load(folder)
        built = build_report(dataset, the_period, scope=_scope(dataset, province, agency))
        if not built.scope.agencies or (
            not built.summary.inspections and built.summary.indexed == 0
        ):
            typer.echo(
                f"citizenrights: warning: no agency or record of {built.scope.name_en} in "
                f"{the_period}; the report is empty",
                err=True,
            )
        if fmt is ReportFormat.JSON:
            text = json.dumps(built.to_dict(), ensure_ascii=False, indent=2) + "\n"
        elif fmt is ReportFormat.CSV:
            text = built.to_csv()
        else:
            text = built.to_markdown(lang.value)
        write_text(output, text)


# -- progress ---------------------------------------------------------------------------------


@app.command()
def progress(
    folder: Annotated[Path, typer.Argument(help="A dataset folder with working_groups.json.")],
    group: Annotated[str, typer.Option("--group", "-g", help="The working group's id.")],
    as_of: Annotated[
        str, typer.Option("--as-of", help="Day of the report, Jalali or ISO (1397/01/15).")
    ],
    lang: Annotated[Lang, typer.Option("--lang", help="Language of the Markdown.")] = Lang.FA,
    fmt: Annotated[
        ReportFormat, typer.Option("--format", "-f", help="markdown or json.")
    ] = ReportFormat.MARKDOWN,
    output: OutOption = None,
) -> None:
    """The documented progress report of a working group."""
    with _bad_input():
        if fmt is ReportFormat.CSV:
            raise BadInputError("--format csv is not available for progress; use markdown or json")
        day_ = parse_date(as_of)
        built = build_progress_report(_load(folder), as_of=day_, group_id=group)
        if fmt is ReportFormat.JSON:
            text = json.dumps(built.to_dict(), ensure_ascii=False, indent=2) + "\n"
        else:
            text = built.to_markdown(lang.value)
        write_text(output, text)


# -- schema -----------------------------------------------------------------------------------


@app.command()
def schema(
    model: Annotated[
        str | None, typer.Argument(help="A record name (Inspection, ...); all when omitted.")
    ] = None,
    output: OutOption = None,
) -> None:
    """Print the JSON Schema of a record model, or of all of them keyed by name."""
    schemas = json_schemas()
    with _bad_input():
        if model is None:
            data: Any = schemas
        else:
            match = {k.lower(): k for k in schemas}.get(model.lower())
            if match is None:
                raise BadInputError(
                    f"unknown model {model!r}; expected one of {', '.join(schemas)}"
                )
            data = schemas[match]
        write_text(output, json.dumps(data, ensure_ascii=False, indent=2) + "\n")
