"""The typer application behind ``citizenrights`` (private; needs the ``cli`` extra)."""

from __future__ import annotations

import typer
from rich.console import Console
from rich.table import Table

from citizenrights._version import __version__
from citizenrights.calendar import (
    JalaliPeriod,
    WorkCalendar,
    format_jalali,
    iter_periods,
    working_days_between,
)

app = typer.Typer(
    name="citizenrights",
    help="Citizens'-rights oversight: Jalali periods, records, scoring and reports.",
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
)


@app.callback()
def _root(
    version: bool = typer.Option(False, "--version", help="Print the version and exit."),
) -> None:
    if version:
        typer.echo(__version__)
        raise typer.Exit(0)


@app.command()
def demo() -> None:
    """Run the pipeline on the bundled (synthetic) demo data and print what it finds."""
    console = Console()
    console.print(f"[bold]citizenrights {__version__} demo[/bold] (synthetic data)")
    cal = WorkCalendar()
    table = Table(title="Reporting quarters 1396–1397")
    for column in ("period", "label (fa)", "label (en)", "first day", "last day", "working days"):
        table.add_column(column)
    for q in iter_periods(JalaliPeriod.parse("1396-Q1"), JalaliPeriod.parse("1397-Q4")):
        table.add_row(
            str(q),
            q.label("fa"),
            q.label("en"),
            f"{format_jalali(q.start)} ({q.start.isoformat()})",
            f"{format_jalali(q.end)} ({q.end.isoformat()})",
            str(working_days_between(q.previous().end, q.end, cal)),
        )
    console.print(table)
