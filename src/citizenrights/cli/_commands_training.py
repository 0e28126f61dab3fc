"""The ``training`` command: a training programme's coverage of a year, quarter by quarter."""

from __future__ import annotations

import csv
import io
import json
from enum import StrEnum
from typing import Annotated

import attrs
import typer

from citizenrights.calendar import JalaliPeriod
from citizenrights.cli._common import (
    Lang,
    LangOption,
    OutOption,
    SourceArgument,
    bad_input,
    choice,
    dataset_source,
    parse_option,
)
from citizenrights.cli._output import BadInputError, output_path, write_text
from citizenrights.dataset import Dataset
from citizenrights.evaluation import resolve_scope
from citizenrights.followup import TrainingCoverage, training_coverage
from citizenrights.models.provinces import Province
from citizenrights.reporting.memorandum import training_markdown

__all__ = ["training"]


class TrainingFormat(StrEnum):
    """Output formats of ``training``."""

    MARKDOWN = "markdown"
    JSON = "json"
    CSV = "csv"


def _year(text: str) -> JalaliPeriod:
    period = JalaliPeriod.parse(text)
    if period.kind.value != "year":
        raise BadInputError(f"expected a Jalali year such as 1397; got {text!r}")
    return period


#: The CSV columns: one row per programme, quarter, course and audience.
CSV_COLUMNS = (
    "programme", "quarter", "course", "audience", "persons", "course_persons", "staff", "share",
    "target", "status", "past_deadline",
)  # fmt: skip


def _csv(results: list[TrainingCoverage]) -> str:
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\n")
    writer.writerow(CSV_COLUMNS)
    for result in results:
        for r in result.rows:
            for audience, persons in r.by_audience.items():
                writer.writerow(
                    [
                        result.programme, r.quarter, r.course, audience, persons, r.persons,
                        "" if r.staff is None else r.staff,
                        "" if r.share is None else round(r.share, 4),
                        round(r.target, 4), r.status, str(r.past_deadline).lower(),
                    ]
                )  # fmt: skip
    return buffer.getvalue()


def training(
    folder: SourceArgument,
    year: Annotated[str, typer.Option("--year", "-y", help="The Jalali year, e.g. 1397.")],
    province: Annotated[
        str | None,
        typer.Option("--province", help="A province: code (IR-10), English or Persian name."),
    ] = None,
    programme: Annotated[
        str | None,
        typer.Option("--programme", help="A training programme's code; all of them by default."),
    ] = None,
    fmt: Annotated[
        str,
        typer.Option(
            "--format",
            "-f",
            help="markdown (a section per programme), json (a list of coverages) or csv (one "
            "row per programme, quarter, course and audience).",
        ),
    ] = "markdown",
    lang: LangOption = "fa",
    output: OutOption = None,
) -> None:
    """Coverage of the training programmes (training_programmes.json) in a year, by quarter."""
    with bad_input():
        the_year = parse_option("--year", year, _year)
        the_format = parse_option("--format", fmt, choice(TrainingFormat))
        the_lang = parse_option("--lang", lang, choice(Lang))
        out_path = parse_option("--output", output, output_path)
        the_province = (
            None if province is None else parse_option("--province", province, Province.parse)
        )
        dataset = Dataset.load(dataset_source(folder))
        programmes = list(dataset.training_programmes)
        if programme is not None:
            programmes = [p for p in programmes if p.code == programme]
            if not programmes:
                have = ", ".join(p.code for p in dataset.training_programmes) or "none"
                raise BadInputError(
                    f"--programme {programme!r}: no such training programme; the dataset has: "
                    f"{have}"
                )
        if not programmes:
            raise BadInputError(
                "the dataset has no training programme; add training_programmes.json "
                "(see the how-to 'Prepare a dataset')"
            )
        scope = resolve_scope(dataset.agencies, the_province)
        # The scope's agencies, named in the result by the province's code (None: the nation).
        results = [
            attrs.evolve(
                training_coverage(
                    p, dataset.trainings, dataset.stats, dataset.agencies, the_year,
                    scope=scope.agencies,
                ),
                scope=scope.code,
            )
            for p in programmes
        ]  # fmt: skip
        if the_format is TrainingFormat.JSON:
            data = [r.to_dict() for r in results]
            text = json.dumps(data, ensure_ascii=False, indent=2) + "\n"
        elif the_format is TrainingFormat.CSV:
            text = _csv(results)
        else:
            text = training_markdown(results, the_lang.value)
        write_text(out_path, text)
