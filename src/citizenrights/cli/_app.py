"""The typer application behind ``citizenrights`` (private; needs the ``cli`` extra)."""

from __future__ import annotations

import csv
import hashlib
import hmac
import json
import os
import re
import shutil
import stat
import sys
from collections import Counter
from collections.abc import Callable, Iterable, Iterator, Sequence
from contextlib import contextmanager
from enum import StrEnum
from pathlib import Path
from typing import Annotated, Any, TextIO, TypeVar

import typer
from pydantic import ValidationError
from rich.console import Console
from rich.progress import BarColumn, MofNCompleteColumn, Progress, SpinnerColumn, TextColumn
from rich.table import Table
from typer.core import TyperGroup

try:  # typer 0.2x carries its own copy of click
    from typer._click.exceptions import ClickException, NoArgsIsHelpError
except ImportError:  # pragma: no cover - older typer, on click itself
    from click.exceptions import (  # type: ignore[assignment]
        ClickException,
        NoArgsIsHelpError,
    )

from citizenrights._version import __version__
from citizenrights.calendar import (
    JalaliPeriod,
    PeriodKind,
    format_jalali,
    iter_periods,
    parse_date,
    period_of,
)
from citizenrights.cli._output import (
    BadInputError,
    atomic_folder,
    atomic_writer,
    fail,
    one_line,
    output_path,
    write_text,
)
from citizenrights.dataset import (
    Dataset,
    demo_dataset_path,
    iter_numbered,
    load_demo,
    read_records,
)
from citizenrights.errors import (
    ChecklistMismatchError,
    CitizenRightsError,
    DatasetError,
)
from citizenrights.evaluation import evaluate
from citizenrights.models import Checklist
from citizenrights.models.inspections import Inspection
from citizenrights.models.people import CandidateRecord, Post
from citizenrights.models.provinces import Province
from citizenrights.models.reference import reference_checklist
from citizenrights.models.schemas import json_schemas
from citizenrights.reporting import build_progress_report, build_report
from citizenrights.reporting._render import csv_text
from citizenrights.scoring.eligibility import (
    EligibilityDecision,
    UnitScores,
    assess_eligibility,
    assess_many,
    eligibility_rows,
)
from citizenrights.scoring.inspections import InspectionScore, score_inspection
from citizenrights.scoring.rounding import round_half_up
from citizenrights.text import clean_value


class _OneLineGroup(TyperGroup):
    """The command group, with click's usage errors printed as one line instead of a panel.

    A missing option, an unknown option or command, a missing argument: ``citizenrights: error:
    <what>  (see 'citizenrights CMD --help')`` on stderr, exit 2, the same shape as every other
    error of the command line.
    """

    def main(
        self,
        args: Sequence[str] | None = None,
        prog_name: str | None = None,
        complete_var: str | None = None,
        standalone_mode: bool = True,
        windows_expand_args: bool = True,
        **extra: Any,
    ) -> Any:
        """Run the command line; exit with its code (see [`citizenrights.cli.main`][citizenrights.cli.main])."""
        if not standalone_mode:  # pragma: no cover - only for embedding
            return super().main(args, prog_name, complete_var, False, windows_expand_args, **extra)
        try:
            code = super().main(args, prog_name, complete_var, False, windows_expand_args, **extra)
        except NoArgsIsHelpError as exc:
            # A bare ``citizenrights``: the help (typer's rich help is already printed by now).
            if exc.format_message().strip():
                typer.echo(exc.format_message(), err=True)
            sys.exit(exc.exit_code)
        except ClickException as exc:
            ctx = getattr(exc, "ctx", None)
            hint = f" (see '{ctx.command_path} --help')" if ctx is not None else ""
            typer.echo(f"citizenrights: error: {one_line(exc.format_message())}{hint}", err=True)
            sys.exit(exc.exit_code)
        except typer.Abort:
            typer.echo("citizenrights: aborted", err=True)
            sys.exit(1)
        sys.exit(code if isinstance(code, int) else 0)


app = typer.Typer(
    name="citizenrights",
    help="Citizens'-rights oversight: Jalali periods, records, scoring and reports.",
    cls=_OneLineGroup,
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
)

S = TypeVar("S")
T = TypeVar("T")
E = TypeVar("E", bound=StrEnum)

#: The environment variable holding the key of ``eligibility``'s keyed id hash (``--key-file``).
KEY_ENV = "CITIZENRIGHTS_ID_KEY"


class Format(StrEnum):
    """Output formats of the table-shaped commands."""

    TABLE = "table"
    JSON = "json"
    CSV = "csv"


class ReportFormat(StrEnum):
    """Output formats of ``report`` and ``progress``."""

    MARKDOWN = "markdown"
    JSON = "json"
    CSV = "csv"


class Lang(StrEnum):
    """Languages of the rendered reports and reasons."""

    FA = "fa"
    EN = "en"


# Every option that takes a value is read as text and parsed by ``_option``, so that each bad
# value fails the same way: one line ``--name: reason``, exit 2 (click's own checks would print
# a usage panel, and only for the types click knows).
OutOption = Annotated[
    str | None,
    typer.Option(
        "--output",
        "-o",
        help="Write to this file (atomically) instead of stdout.",
        show_default=False,
    ),
]
FormatOption = Annotated[str, typer.Option("--format", "-f", help="table, json or csv.")]
LangOption = Annotated[str, typer.Option("--lang", help="Language of the output: fa or en.")]


def _option(name: str, text: S, parse: Callable[[S], T]) -> T:
    """Parse the value of option ``name``; any error becomes one line ``name: reason`` (exit 2).

    The one place where option values are read: a bad ``--period``, ``--as-of``, ``--province``,
    ``--format``, ... all fail the same way.
    """
    try:
        return parse(text)
    except DatasetError as exc:
        # Every problem of a file given as an option, each on its own line, each naming the option.
        raise DatasetError([f"{name}: {p}" for p in exc.problems], folder=exc.folder) from None
    except (CitizenRightsError, BadInputError, ValueError, LookupError) as exc:
        raise BadInputError(f"{name}: {_first_line(exc)}") from None
    except OSError as exc:
        raise BadInputError(f"{name}: cannot read {exc.filename or text}: {exc.strerror}") from None


def _first_line(exc: BaseException) -> str:
    text = str(exc).strip()
    return text.splitlines()[0] if text else type(exc).__name__


def _choice(kind: type[E]) -> Callable[[str], E]:
    """A parser of one of ``kind``'s values (any case, cleaned of direction marks)."""

    def parse(text: str) -> E:
        try:
            return kind(clean_value(text).lower())
        except ValueError:
            accepted = ", ".join(m.value for m in kind)
            raise BadInputError(f"expected one of {accepted}; got {text!r}") from None

    return parse


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


def _show_problems(problems: Sequence[str], summary: str) -> None:
    """Print every problem on a line of its own on stderr, then fail with ``summary``."""
    for problem in problems:
        typer.echo(one_line(problem), err=True)
    fail(summary)


@contextmanager
def _bad_input() -> Iterator[None]:
    """Turn the library's input errors into one line on stderr and exit code 2."""
    try:
        yield
    except DatasetError as exc:
        if len(exc.problems) == 1:
            fail(exc.problems[0])
        _show_problems(exc.problems, f"{len(exc.problems)} problem(s) in the input; see above")
    except ChecklistMismatchError as exc:
        where = f"inspection {exc.inspection_id!r}" if exc.inspection_id else "an inspection"
        _show_problems(
            [f"{where}: {p}" for p in exc.problems],
            f"{where} does not match its checklist ({len(exc.problems)} problem(s)); see above",
        )
    except (CitizenRightsError, ValidationError, BadInputError, ValueError) as exc:
        fail(_first_line(exc))
    except FileNotFoundError as exc:
        fail(f"no such file or folder: {exc.filename}")
    except IsADirectoryError as exc:
        fail(f"expected a file, got a folder: {exc.filename}")
    except PermissionError as exc:
        fail(f"permission denied: {exc.filename}")
    except UnicodeDecodeError as exc:
        fail(f"the input is not UTF-8 text ({exc.reason})")
    except OSError as exc:
        fail(f"cannot read {exc.filename or 'the input'}: {exc.strerror or exc}")


def _table(title: str, rows: Sequence[dict[str, Any]], console: Console) -> None:
    table = Table(title=title)
    if not rows:
        console.print(f"{title}: nothing to show")
        return
    for column in rows[0]:
        # Fold long words rather than cut them: a reason code or a row key must stay whole.
        table.add_column(column, overflow="fold")
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
    """``path`` if it is a readable folder (``folder=True``) or file; else one line, exit 2.

    Checked here rather than by click, whose path checks print a usage panel.
    """
    want = "folder" if folder else "file"
    try:
        mode = path.stat().st_mode
    except FileNotFoundError:
        if path.is_symlink():
            raise BadInputError(
                f"{path} is a symbolic link to nothing; expected a {want}"
            ) from None
        raise BadInputError(f"no such {want}: {path}") from None
    except OSError as exc:
        raise BadInputError(
            f"cannot open {path}: {exc.strerror or exc}; expected a {want}"
        ) from None
    if folder and not stat.S_ISDIR(mode):
        raise BadInputError(f"expected a folder, got a file: {path}")
    if not folder and stat.S_ISDIR(mode):
        raise BadInputError(f"expected a file, got a folder: {path}")
    if not os.access(path, os.R_OK | (os.X_OK if folder else 0)):
        raise BadInputError(f"permission denied: cannot read the {want} {path}")
    return path


# -- demo -----------------------------------------------------------------------------------


def _post_of(record: CandidateRecord) -> Post:
    """The post a demo candidate is assessed for: that of their latest assignment."""
    posts = [a for a in record.assignments if a.post is not None]
    latest = max(posts, key=lambda a: a.start, default=None)
    return latest.post if latest is not None and latest.post else Post.parse("managerial:middle")


@app.command()
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
    With ``--export DIR``, copies the demo dataset itself into ``DIR`` instead.
    """
    console = Console()
    with _bad_input():
        if export is not None:
            target = _option("--export", export, _new_folder)
            count = _export_demo(target)
            typer.echo(
                f"Copied the demo dataset ({count} files) to {target}; check it with: "
                f"citizenrights validate {target}"
            )
            return
        out_dir = _option("--out", out, _demo_folder)
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
        # The unit rule's input: every quarter's index of every agency a candidate served in.
        first = period_of(min(i.date for i in dataset.inspections), PeriodKind.QUARTER)
        evaluations = [evaluate(dataset, quarter) for quarter in iter_periods(first, latest)]
        units = sorted({a.agency_id for c in dataset.candidates for a in c.assignments})
        unit_scores: UnitScores = {
            (agency_id, e.period): e.indices[agency_id].score
            for agency_id in units
            for e in evaluations
        }
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


# -- validate ---------------------------------------------------------------------------------


@app.command()
def validate(
    folder: Annotated[Path, typer.Argument(help="A dataset folder (agencies.json, ...).")],
) -> None:
    """Check every record of a dataset folder; exit 1 and list the problems if there are any."""
    with _bad_input():
        problems = Dataset.validate(_existing(folder, folder=True))
    for problem in problems:
        typer.echo(one_line(problem))
    if problems:
        typer.echo(f"{len(problems)} problem(s) in {folder}", err=True)
        raise typer.Exit(1)
    typer.echo(f"{folder}: no problems")


# -- score ------------------------------------------------------------------------------------


def _checklist(spec: str) -> Checklist:
    if spec == "reference":
        return reference_checklist()
    path = _existing(Path(spec), folder=False)
    # The same bounded reader as dataset files: a huge or endless file is a problem, not a hang.
    found = read_records(path, Checklist)
    if len(found) != 1:
        raise BadInputError(f"{path}: expected one checklist (a JSON object); got {len(found)}")
    return found[0]


@app.command()
def score(
    inspections: Annotated[Path, typer.Argument(help="A JSONL file, one inspection per line.")],
    checklist: Annotated[
        str, typer.Option("--checklist", "-c", help="'reference' or a checklist JSON file.")
    ] = "reference",
    fmt: FormatOption = "table",
    output: OutOption = None,
) -> None:
    """Score every inspection of a JSONL file against a checklist.

    The file is streamed: memory stays flat however long it is, for the json and csv formats.
    A line that is not a valid inspection, or an inspection that does not match the checklist,
    is reported as ``file:line: ...`` (every problem, one a line) and the command exits 2.
    """
    with _bad_input():
        the_format = _option("--format", fmt, _choice(Format))
        out_path = _option("--output", output, output_path)
        cl = _option("--checklist", checklist, _checklist)
        problems: list[str] = []
        source = _existing(inspections, folder=False)
        scores = _scored(_progress(_numbered(source, problems.append), "scoring"), cl, problems)
        if the_format is Format.TABLE:
            rows = [_score_row(s) for s in scores]
            if problems:
                raise DatasetError(problems, folder=str(inspections))
            _emit(rows, the_format, out_path, f"Scores ({cl.id} v{cl.version})")
            return
        # A bad line found mid-stream raises inside the writer, so no half file is left.
        with atomic_writer(out_path) as out:
            _stream_scores(scores, the_format, out, problems, inspections)


def _numbered(path: Path, on_error: Callable[[str], object]) -> Iterator[tuple[str, Inspection]]:
    """The inspections of a JSONL file with their ``file:line``, streamed (bad lines to ``on_error``)."""
    name = os.fspath(path)
    for line, record in iter_numbered(path, Inspection, on_error=on_error):
        yield f"{name}:{line}", record


def _scored(
    numbered: Iterable[tuple[str, Inspection]], checklist: Checklist, problems: list[str]
) -> Iterator[InspectionScore]:
    """Score each inspection; a mismatch adds one problem per line, naming the checklist used."""
    used = f"checklist {checklist.id!r} version {checklist.version!r}"
    for where, inspection in numbered:
        try:
            yield score_inspection(inspection, checklist)
        except ChecklistMismatchError as exc:
            problems.extend(
                f"{where}: inspection {inspection.id!r} does not match {used}: {p}"
                for p in exc.problems
            )


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
    """The candidate records of a JSON object, a JSON array or JSON Lines (read as dataset files)."""
    return read_records(_existing(path, folder=False), CandidateRecord)


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
    fmt: FormatOption = "table",
    output: OutOption = None,
    lang: LangOption = "fa",
    key_file: Annotated[
        Path | None,
        typer.Option(
            "--key-file",
            help="A file holding a secret key: adds an id_key column, a keyed hash of the person "
            f"id (HMAC-SHA256) that matches rows across runs without showing the id. The key may "
            f"also come from the environment variable {KEY_ENV}.",
            show_default=False,
        ),
    ] = None,
    unmask: Annotated[
        bool, typer.Option("--unmask", help="Show person ids whole (they are masked by default).")
    ] = False,
) -> None:
    """Assess candidates for a managerial or sensitive post on their citizens'-rights record.

    Each row starts with ``record``, the position of the candidate in the input (1 for the first
    record), which matches it to its input even when the masked ids look alike.
    """
    with _bad_input():
        if not as_of:
            raise BadInputError("--as-of is required (the day of the assessment, e.g. 1397/01/15)")
        day = _option("--as-of", as_of, parse_date)
        the_post = _option("--post", post, _post)
        the_format = _option("--format", fmt, _choice(Format))
        the_lang = _option("--lang", lang, _choice(Lang))
        out_path = _option("--output", output, output_path)
        key = _id_key(key_file)
        decisions = assess_many(_candidates(candidates), the_post, as_of=day)
        if the_format is Format.JSON:
            data = [
                {**_keys(n, d, key), **d.to_dict(redact=not unmask)}
                for n, d in enumerate(decisions, 1)
            ]
            write_text(out_path, json.dumps(data, ensure_ascii=False, indent=2) + "\n")
        else:
            rows = _eligibility_rows(decisions, the_lang, key, redact=not unmask)
            _emit(rows, the_format, out_path, f"Eligibility for {the_post.title} as of {as_of}")


def _post(text: str) -> Post:
    try:
        return Post.parse(text)
    except ValueError:
        raise BadInputError(
            "expected managerial or sensitive, optionally with a level "
            f"(managerial:basic, managerial:middle, sensitive:senior, ...); got {text!r}"
        ) from None


def _id_key(key_file: Path | None) -> bytes | None:
    """The key of the keyed id hash: from ``--key-file``, else the environment, else none."""
    if key_file is not None:
        return _option("--key-file", str(key_file), _read_key)
    key = os.environ.get(KEY_ENV, "").strip()
    return key.encode("utf-8") if key else None


def _read_key(text: str) -> bytes:
    key = _existing(Path(text), folder=False).read_bytes().strip()
    if not key:
        raise BadInputError(f"{text} is empty; put a secret key in it")
    return key


def _id_hash(key: bytes, person_id: str) -> str:
    """The first 16 hex digits of HMAC-SHA256(key, person_id): stable, not reversible."""
    return hmac.new(key, person_id.encode("utf-8"), hashlib.sha256).hexdigest()[:16]


def _keys(n: int, decision: EligibilityDecision, key: bytes | None) -> dict[str, Any]:
    """The columns that match an output row to its input: position, and the keyed hash."""
    out: dict[str, Any] = {"record": n}
    if key is not None:
        out["id_key"] = _id_hash(key, decision.person_id)
    return out


def _eligibility_rows(
    decisions: Sequence[EligibilityDecision], lang: Lang, key: bytes | None, *, redact: bool
) -> list[dict[str, Any]]:
    """The table and CSV rows: the record's position first, each reason as ``text (CODE)``."""
    out: list[dict[str, Any]] = []
    for n, (decision, row) in enumerate(
        zip(decisions, eligibility_rows(decisions, redact=redact), strict=True), 1
    ):
        shown = {**_keys(n, decision, key), **row}
        shown["reasons"] = "; ".join(_reason_texts(decision, str(row["reasons"]), lang))
        out.append(shown)
    return out


def _reason_texts(decision: EligibilityDecision, codes: str, lang: Lang) -> list[str]:
    """``text (CODE)`` for each code [`eligibility_rows`][citizenrights.scoring.eligibility.eligibility_rows] listed, in its order."""
    pending = list(decision.reasons)
    texts: list[str] = []
    for code in filter(None, codes.split(", ")):
        reason = next(r for r in pending if r.code.value == code)
        pending.remove(reason)
        text = reason.text_fa if lang is Lang.FA else reason.text_en
        texts.append(f"{one_line(text)} ({code})")
    return texts


# -- report -----------------------------------------------------------------------------------


def _period(text: str) -> JalaliPeriod:
    """A reporting period: the text goes to [`JalaliPeriod.parse`][citizenrights.calendar.periods.JalaliPeriod.parse] unchanged.

    So every form the library reads is accepted here too: ``1396``, ``1396-H1``, ``1396-Q3``,
    ``1396-07`` and the labels the library prints (``Autumn 1397``, ``پاییز ۱۳۹۷``).
    """
    return JalaliPeriod.parse(text)


def _scope(dataset: Dataset, province: str | None, agency: str | None) -> Province | str | None:
    if province and agency:
        raise BadInputError("give --province or --agency, not both")
    if agency is not None:
        return _option("--agency", agency, lambda text: _agency(dataset, text))
    if province is not None:
        return _option("--province", province, Province.parse)
    return None


def _agency(dataset: Dataset, text: str) -> str:
    # The id as typed first; then cleaned of direction marks and Persian digits (copy-paste).
    for agency in (text, clean_value(text)):
        if agency in dataset.agencies:
            return agency
    raise BadInputError(f"unknown agency id {text!r} in {dataset.folder}")


def _load(folder: Path) -> Dataset:
    return Dataset.load(_existing(folder, folder=True))


@app.command()
def report(
    folder: Annotated[Path, typer.Argument(help="A dataset folder.")],
    period: Annotated[
        str,
        typer.Option(
            "--period",
            "-p",
            help="e.g. 1396-Q3, 1396-H1, 1396, 1396-07, or a label: 'Autumn 1397', 'پاییز ۱۳۹۷'.",
        ),
    ],
    province: Annotated[
        str | None,
        typer.Option("--province", help="A province: code (IR-10), English or Persian name."),
    ] = None,
    agency: Annotated[
        str | None,
        typer.Option("--agency", help="An agency id: the agency and everything under it."),
    ] = None,
    lang: LangOption = "fa",
    fmt: Annotated[
        str, typer.Option("--format", "-f", help="markdown, json or csv (the ranking).")
    ] = "markdown",
    output: OutOption = None,
) -> None:
    """Build the report of a period for the nation, a province or an agency's subtree."""
    with _bad_input():
        the_period = _option("--period", period, _period)
        the_lang = _option("--lang", lang, _choice(Lang))
        the_format = _option("--format", fmt, _choice(ReportFormat))
        out_path = _option("--output", output, output_path)
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
        if the_format is ReportFormat.JSON:
            text = json.dumps(built.to_dict(), ensure_ascii=False, indent=2) + "\n"
        elif the_format is ReportFormat.CSV:
            text = built.to_csv()
        else:
            text = built.to_markdown(the_lang.value)
        write_text(out_path, text)


# -- progress ---------------------------------------------------------------------------------


@app.command()
def progress(
    folder: Annotated[Path, typer.Argument(help="A dataset folder with working_groups.json.")],
    group: Annotated[str, typer.Option("--group", "-g", help="The working group's id.")],
    as_of: Annotated[
        str, typer.Option("--as-of", help="Day of the report, Jalali or ISO (1397/01/15).")
    ],
    lang: LangOption = "fa",
    fmt: Annotated[str, typer.Option("--format", "-f", help="markdown or json.")] = "markdown",
    output: OutOption = None,
) -> None:
    """The documented progress report of a working group."""
    with _bad_input():
        the_format = _option("--format", fmt, _choice(ReportFormat))
        if the_format is ReportFormat.CSV:
            raise BadInputError("--format: csv is not available for progress; use markdown or json")
        day_ = _option("--as-of", as_of, parse_date)
        the_lang = _option("--lang", lang, _choice(Lang))
        out_path = _option("--output", output, output_path)
        dataset = _load(folder)
        group_id = _option("--group", group, lambda text: _group(dataset, text))
        built = build_progress_report(dataset, as_of=day_, group_id=group_id)
        if the_format is ReportFormat.JSON:
            text = json.dumps(built.to_dict(), ensure_ascii=False, indent=2) + "\n"
        else:
            text = built.to_markdown(the_lang.value)
        write_text(out_path, text)


def _group(dataset: Dataset, text: str) -> str:
    known = sorted(g.id for g in dataset.working_groups)
    for group in (text, clean_value(text)):
        if group in known:
            return group
    listed = ", ".join(known) if known else "none"
    raise BadInputError(
        f"unknown working group {text!r} in {dataset.folder}; the groups are: {listed}"
    )


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
        out_path = _option("--output", output, output_path)
        if model is None:
            data: Any = schemas
        else:
            match = {k.lower(): k for k in schemas}.get(model.lower())
            if match is None:
                raise BadInputError(
                    f"unknown model {model!r}; expected one of {', '.join(schemas)}"
                )
            data = schemas[match]
        write_text(out_path, json.dumps(data, ensure_ascii=False, indent=2) + "\n")
