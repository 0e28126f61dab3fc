"""The typer application behind ``citizenrights`` (private; needs the ``cli`` extra).

This module builds the one ``app``: the command group, the root options, and the commands,
registered here in the order ``--help`` lists them. The commands live in modules of their own: ``_demo`` (demo), ``_commands_data`` (validate, score, schema),
``_commands_db`` (import), ``_commands_eligibility`` (eligibility), ``_commands_reports``
(report, progress), ``_commands_festival`` (festival, annual) and ``_commands_training``
(training); what they share is in ``_common``.
"""

from __future__ import annotations

import sys
from collections.abc import Sequence
from typing import Annotated, Any

import typer
from typer.core import TyperGroup

try:  # typer 0.2x carries its own copy of click
    from typer._click.exceptions import ClickException, NoArgsIsHelpError
except ImportError:  # pragma: no cover - older typer, on click itself
    from click.exceptions import (  # type: ignore[assignment]
        ClickException,
        NoArgsIsHelpError,
    )

from citizenrights._version import __version__
from citizenrights.cli import (
    _commands_data,
    _commands_db,
    _commands_eligibility,
    _commands_festival,
    _commands_reports,
    _commands_training,
    _demo,
)
from citizenrights.cli._commands_eligibility import KEY_ENV
from citizenrights.cli._output import one_line

__all__ = ["KEY_ENV", "app"]


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


# Registered in this order, the order of --help.
for name, command in (
    ("demo", _demo.demo),
    ("validate", _commands_data.validate),
    ("import", _commands_db.import_),
    ("score", _commands_data.score),
    ("eligibility", _commands_eligibility.eligibility),
    ("report", _commands_reports.report),
    ("progress", _commands_reports.progress),
    ("festival", _commands_festival.festival),
    ("annual", _commands_festival.annual),
    ("training", _commands_training.training),
    ("schema", _commands_data.schema),
):
    app.command(name=name)(command)
