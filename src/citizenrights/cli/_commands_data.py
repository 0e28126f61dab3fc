"""The commands on records: ``validate`` a dataset, ``score`` inspections, print a ``schema``."""

from __future__ import annotations

import csv
import json
import os
from collections.abc import Callable, Iterable, Iterator
from pathlib import Path
from typing import Annotated, Any, TextIO

import typer

from citizenrights.cli._common import (
    Format,
    FormatOption,
    LineFollower,
    OutOption,
    SourceArgument,
    bad_input,
    choice,
    dataset_source,
    existing,
    parse_option,
    progress_display,
    show_progress,
    shown,
)
from citizenrights.cli._output import (
    BadInputError,
    atomic_writer,
    one_line,
    output_path,
    print_table,
    write_text,
)
from citizenrights.dataset import Dataset, iter_numbered, read_records
from citizenrights.errors import ChecklistMismatchError, DatasetError
from citizenrights.models import Checklist
from citizenrights.models.inspections import Inspection
from citizenrights.models.reference import reference_checklist
from citizenrights.models.schemas import json_schemas
from citizenrights.scoring.inspections import (
    InspectionScore,
    JsonLineScorer,
    score_inspection,
)
from citizenrights.scoring.rounding import round_half_up
from citizenrights.vocabulary import jalali, label

__all__ = ["schema", "score", "validate"]


def validate(source: SourceArgument) -> None:
    """Check every record of a dataset folder or database; exit 1 and list the problems if any."""
    with bad_input():
        where = dataset_source(source)
        total = Dataset.source_bytes(where)
        # Dataset.validate, with a progress display on a terminal.
        with (
            progress_display("validate", total_bytes=total) as hook,
            Dataset.stream(where, on_progress=hook) as stream,
        ):
            for _ in stream:
                pass
        problems = stream.problems
        if len(problems) == 1 and problems[0].startswith(f"{shown(source)}: (database): "):
            # The database itself cannot be used (as a missing folder): bad input, not a finding.
            raise BadInputError(problems[0])
    for problem in problems:
        typer.echo(one_line(problem))
    if problems:
        typer.echo(f"{len(problems)} problem(s) in {shown(source)}", err=True)
        raise typer.Exit(1)
    typer.echo(f"{shown(source)}: no problems")


def _checklist(spec: str) -> Checklist:
    if spec == "reference":
        return reference_checklist()
    path = existing(Path(spec), folder=False)
    # The same bounded reader as dataset files: a huge or endless file is a problem, not a hang.
    found = read_records(path, Checklist)
    if len(found) != 1:
        raise BadInputError(f"{path}: expected one checklist (a JSON object); got {len(found)}")
    return found[0]


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
    with bad_input():
        the_format = parse_option("--format", fmt, choice(Format))
        out_path = parse_option("--output", output, output_path)
        cl = parse_option("--checklist", checklist, _checklist)
        problems: list[str] = []
        source = existing(inspections, folder=False)
        follower = LineFollower(source)
        try:
            numbered = show_progress(
                _numbered(source, cl, problems.append),
                "score",
                total_bytes=source.stat().st_size,
                position=lambda item: follower.upto(int(item[0].rsplit(":", 1)[1])),
            )
            _score_all(_scored(numbered, cl, problems), the_format, out_path, problems, source, cl)
        finally:
            follower.close()


def _score_all(
    scores: Iterable[InspectionScore],
    the_format: Format,
    out_path: Path | None,
    problems: list[str],
    inspections: Path,
    cl: Checklist,
) -> None:
    if the_format is Format.TABLE:
        rows = [_score_table_row(s) for s in scores]
        if problems:
            raise DatasetError(problems, folder=str(inspections))
        title = f"Scores ({cl.id} v{cl.version})"
        headers = ("inspection", "agency", "date", "score", "grade", "critical")
        if out_path is None:
            print_table(title, headers, rows, keep=("inspection",))
        else:
            with atomic_writer(out_path) as handle:
                print_table(title, headers, rows, keep=("inspection",), file=handle, width=160)
        return
    # A bad line found mid-stream raises inside the writer, so no half file is left.
    with atomic_writer(out_path) as out:
        _stream_scores(scores, the_format, out, problems, inspections)


#: What a line of the file becomes: its score, or why it does not fit the checklist, or (on the
#: model path the tests compare with) the inspection itself, scored in `_scored`.
Read = InspectionScore | ChecklistMismatchError | Inspection


def _line_scorer(checklist: Checklist) -> Callable[[bytes], Read] | None:
    """The reader of each line of ``score``: a `JsonLineScorer`, mismatches returned.

    No model is built for a clean line, and the file takes the model path alone once its first
    lines keep being refused. ``None`` would read the lines to `Inspection` models: the model
    path the tests compare with.
    """
    scorer = JsonLineScorer(checklist)

    def read(line: bytes) -> Read:
        try:
            return scorer(line)
        except ChecklistMismatchError as exc:
            return exc

    return read


def _numbered(
    path: Path, checklist: Checklist, on_error: Callable[[str], object]
) -> Iterator[tuple[str, Read]]:
    """Each line of a JSONL file read with its ``file:line``, streamed (bad lines to ``on_error``)."""
    name = os.fspath(path)
    read = _line_scorer(checklist)
    if read is None:
        lines: Iterator[tuple[int, Read]] = iter_numbered(path, Inspection, on_error=on_error)
    else:
        lines = iter_numbered(path, Inspection, on_error=on_error, read=read)
    for line, item in lines:
        yield f"{name}:{line}", item


def _scored(
    numbered: Iterable[tuple[str, Read]], checklist: Checklist, problems: list[str]
) -> Iterator[InspectionScore]:
    """The scores; a mismatch adds one problem per line, naming the checklist used."""
    used = f"checklist {checklist.id!r} version {checklist.version!r}"
    for where, item in numbered:
        found = item
        if isinstance(found, Inspection):
            try:
                found = score_inspection(found, checklist)
            except ChecklistMismatchError as exc:
                found = exc
        if isinstance(found, ChecklistMismatchError):
            problems.extend(
                f"{where}: inspection {found.inspection_id!r} does not match {used}: {p}"
                for p in found.problems
            )
            continue
        yield found


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


def _score_table_row(s: InspectionScore) -> tuple[str, ...]:
    """A score as a reader reads it: the Jalali date, the grade's label (or the status)."""
    grade = s.grade.label("en") if s.grade else label(s.status, "en")
    return (
        s.inspection_id,
        s.agency_id,
        jalali(s.date, "en"),
        "–" if s.score_display is None else str(s.score_display),
        grade,
        " ".join(s.capped_by) or "–",
    )


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


def schema(
    model: Annotated[
        str | None, typer.Argument(help="A record name (Inspection, ...); all when omitted.")
    ] = None,
    output: OutOption = None,
) -> None:
    """Print the JSON Schema of a record model, or of all of them keyed by name."""
    schemas = json_schemas()
    with bad_input():
        out_path = parse_option("--output", output, output_path)
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
