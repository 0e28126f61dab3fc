"""The database command: ``import`` a dataset folder into a database (needs the ``sql`` extra)."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from citizenrights.cli._common import bad_input, existing, is_url, shown
from citizenrights.cli._output import BadInputError, one_line
from citizenrights.dataset import Dataset
from citizenrights.errors import DatasetError

__all__ = ["import_"]


def _target(text: str) -> str:
    if not is_url(text):
        raise BadInputError(
            f"--to: expected a database URL such as sqlite:///records.db; got {shown(text)!r}"
        )
    return text


def import_(
    folder: Annotated[Path, typer.Argument(help="A dataset folder (agencies.json, ...).")],
    to: Annotated[
        str,
        typer.Option(
            "--to",
            help="The database URL: sqlite:///records.db (the file is created), or any "
            "SQLAlchemy URL such as postgresql+psycopg://user@host/db.",
            show_default=False,
        ),
    ],
    replace: Annotated[
        bool,
        typer.Option("--replace", help="Drop the dataset tables first if the database has them."),
    ] = False,
) -> None:
    """Validate a dataset folder and write it to a database, in one transaction.

    A folder with problems is not imported: every problem is listed and the command exits 1,
    as ``validate`` does. Every command that takes a dataset folder also takes the URL.
    """
    with bad_input():
        url = _target(to)
        source = existing(folder, folder=True)
        try:
            dataset = Dataset.load(source)
        except DatasetError as exc:
            for problem in exc.problems:
                typer.echo(one_line(problem))
            typer.echo(f"{len(exc.problems)} problem(s) in {folder}; nothing imported", err=True)
            raise typer.Exit(1) from None
        counts = dataset.to_sql(url, replace=replace)
    tables = ", ".join(f"{name} {count:,}" for name, count in counts.items() if count)
    typer.echo(f"{shown(url)}: imported {sum(counts.values()):,} records from {folder} ({tables})")
