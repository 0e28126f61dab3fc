"""The report commands: ``report`` of a period for a scope, ``progress`` of a working group."""

from __future__ import annotations

import json
import sys
from pathlib import Path
from typing import Annotated

import typer

from citizenrights.calendar import JalaliPeriod, parse_date
from citizenrights.cli._common import (
    Lang,
    LangOption,
    OutOption,
    ReportFormat,
    SourceArgument,
    bad_input,
    choice,
    dataset_source,
    parse_option,
    progress_display,
)
from citizenrights.cli._output import BadInputError, output_path, write_binary, write_text
from citizenrights.dataset import Dataset
from citizenrights.evaluation import evaluate_source, progress_source
from citizenrights.models.provinces import Province
from citizenrights.reporting import progress_report_from
from citizenrights.reporting.html import require_html_extra
from citizenrights.reporting.report import Report, assemble_report
from citizenrights.reporting.xlsx import agency_sheets, progress_sheets, report_sheets
from citizenrights.text import clean_value
from citizenrights.vocabulary import check_lang

__all__ = ["progress", "report"]


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
        return parse_option("--agency", agency, lambda text: _agency(dataset, text))
    if province is not None:
        return parse_option("--province", province, Province.parse)
    return None


def _agency(dataset: Dataset, text: str) -> str:
    # The id as typed first; then cleaned of direction marks and Persian digits (copy-paste).
    for agency in (text, clean_value(text)):
        if agency in dataset.agencies:
            return agency
    raise BadInputError(f"unknown agency id {text!r} in {dataset.folder or dataset.source}")


def report(
    folder: SourceArgument,
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
        str,
        typer.Option(
            "--format",
            "-f",
            help="markdown, json, csv (the ranking, with a BOM for Excel), xlsx (a workbook; "
            "needs --output or a redirect; extra xlsx) or html (one self-contained page with "
            "charts; extra html).",
        ),
    ] = "markdown",
    output: OutOption = None,
    engine: Annotated[
        str,
        typer.Option(
            "--engine", help="local (one streamed pass) or dask (a Dask cluster; extra dask)."
        ),
    ] = "local",
    workers: Annotated[
        int | None,
        typer.Option(
            "--workers", help="--engine dask: worker processes of a local cluster (one per CPU)."
        ),
    ] = None,
    scheduler: Annotated[
        str | None,
        typer.Option("--scheduler", help="--engine dask: the address of a running scheduler."),
    ] = None,
    head: Annotated[
        bool,
        typer.Option(
            "--head",
            help="With --agency: the report for the agency's head (its rank among its peers in "
            "its province, its trend, what it must correct) instead of its subtree's report.",
        ),
    ] = False,
) -> None:
    """Build the report of a period for the nation, a province or an agency's subtree.

    With ``--head``, the report an agency's head receives: the report of the agency's province
    (the nation's, for an agency with no province) seen from the agency.
    """
    with bad_input():
        if head and agency is None:
            raise BadInputError("--head: only with --agency (the agency whose head reads it)")
        if head and province is not None:
            raise BadInputError("--head: give --agency alone; its province is taken from it")
        the_period = parse_option("--period", period, _period)
        the_lang = parse_option("--lang", lang, choice(Lang))
        xlsx = _is_xlsx(fmt)
        html = _is_html(fmt)
        the_format = ReportFormat.JSON if xlsx or html else parse_option("--format", fmt, _formats)
        if head and the_format is ReportFormat.CSV:
            raise BadInputError(
                "--format: csv is not available with --head; use markdown, json, html or xlsx"
            )
        out_path = parse_option("--output", output, output_path)
        _check_binary_target(xlsx, out_path)
        if html:
            require_html_extra()
        source = dataset_source(folder)

        chosen: list[str] = []

        def scope(reference: Dataset) -> Province | str | None:
            the_scope = _scope(reference, province, agency)
            if not head or not isinstance(the_scope, str):
                return the_scope
            # The head's agency is ranked among its peers in its province (or the nation).
            chosen.append(the_scope)
            return reference.agencies.get(the_scope).province

        if _engine(engine, workers, scheduler, source) == "dask":
            from citizenrights.distributed import dask_client, evaluate_on_dask

            with dask_client(workers, scheduler) as client:
                partial = evaluate_on_dask(source, the_period, client, scope=scope)
        else:
            # One streamed pass: the records are read, checked and folded one at a time.
            total = Dataset.source_bytes(source)
            with progress_display("report", total_bytes=total) as hook:
                partial = evaluate_source(source, the_period, scope=scope, on_progress=hook)
        built = assemble_report(partial)
        if not built.scope.agencies or (
            not built.summary.inspections and built.summary.indexed == 0
        ):
            typer.echo(
                f"citizenrights: warning: no agency or record of {built.scope.name_en} in "
                f"{the_period}; the report is empty",
                err=True,
            )
        if head:
            _write_head(built, chosen[0], the_lang.value, xlsx, html, the_format, out_path)
            return
        if xlsx:
            write_binary(out_path, report_sheets(built, the_lang.value), what="--format xlsx")
            return
        if html:
            write_text(out_path, built.to_html(the_lang.value))
            return
        if the_format is ReportFormat.JSON:
            text = json.dumps(built.to_dict(), ensure_ascii=False, indent=2) + "\n"
        elif the_format is ReportFormat.CSV:
            # A CSV file is for Excel, which needs the BOM to read UTF-8 (Persian names).
            text = built.to_csv(bom=True)
        else:
            text = built.to_markdown(the_lang.value)
        write_text(out_path, text)


def _write_head(
    built: Report,
    agency_id: str,
    lang: str,
    xlsx: bool,
    html: bool,
    the_format: ReportFormat,
    out_path: Path | None,
) -> None:
    """Write the agency head's report (``--head``) in the format asked for."""
    mine = built.for_agency(agency_id)
    the_lang = check_lang(lang)
    if xlsx:
        write_binary(out_path, agency_sheets(mine, the_lang), what="--format xlsx")
    elif html:
        write_text(out_path, mine.to_html(the_lang))
    elif the_format is ReportFormat.JSON:
        write_text(out_path, json.dumps(mine.to_dict(), ensure_ascii=False, indent=2) + "\n")
    else:
        write_text(out_path, mine.to_markdown(the_lang))


def _check_binary_target(xlsx: bool, out_path: Path | None) -> None:
    """Refuse a workbook for a terminal before any work is done (one line, exit 2)."""
    if xlsx and out_path is None and sys.stdout.isatty():
        raise BadInputError(
            "--format xlsx writes a binary workbook and standard output is a terminal; give "
            "--output FILE.xlsx, or redirect standard output to a file"
        )


def _is_xlsx(fmt: str) -> bool:
    return clean_value(fmt).lower() == "xlsx"


def _is_html(fmt: str) -> bool:
    return clean_value(fmt).lower() == "html"


def _formats(text: str) -> ReportFormat:
    # ``xlsx`` is read before this (it writes bytes, not text); the message lists it too.
    try:
        return choice(ReportFormat)(text)
    except BadInputError:
        known = ", ".join([*(f.value for f in ReportFormat), "xlsx", "html"])
        raise BadInputError(f"expected one of {known}; got {text!r}") from None


def _engine(engine: str, workers: int | None, scheduler: str | None, source: object) -> str:
    """Check ``--engine`` and the options that go with it; the engine's name."""
    if engine not in ("local", "dask"):
        raise BadInputError(f"--engine: {engine!r} is not an engine; use local or dask")
    if engine == "local" and (workers is not None or scheduler is not None):
        given = "--workers" if workers is not None else "--scheduler"
        raise BadInputError(f"{given}: only with --engine dask")
    if engine == "dask":
        if workers is not None and scheduler is not None:
            raise BadInputError("give --workers or --scheduler, not both")
        if workers is not None and workers < 1:
            raise BadInputError(f"--workers: {workers} is not a number of workers; use 1 or more")
        if isinstance(source, str):
            raise BadInputError("--engine dask: reads a dataset folder, not a database URL")
    return engine


def progress(
    folder: SourceArgument,
    group: Annotated[str, typer.Option("--group", "-g", help="The working group's id.")],
    as_of: Annotated[
        str, typer.Option("--as-of", help="Day of the report, Jalali or ISO (1397/01/15).")
    ],
    lang: LangOption = "fa",
    fmt: Annotated[
        str,
        typer.Option(
            "--format",
            "-f",
            help="markdown, json, xlsx (needs --output or a redirect) or html (extra html).",
        ),
    ] = "markdown",
    output: OutOption = None,
) -> None:
    """The documented progress report of a working group.

    The dataset (a folder or a database URL) is read in one streamed pass, in flat memory; each
    agency's 50 oldest corrective actions past due are listed, and how many there are in all.
    """
    with bad_input():
        xlsx = _is_xlsx(fmt)
        html = _is_html(fmt)
        the_format = ReportFormat.JSON if xlsx or html else parse_option("--format", fmt, _formats)
        if html:
            require_html_extra()
        if the_format is ReportFormat.CSV:
            raise BadInputError("--format: csv is not available for progress; use markdown or json")
        day_ = parse_option("--as-of", as_of, parse_date)
        the_lang = parse_option("--lang", lang, choice(Lang))
        out_path = parse_option("--output", output, output_path)
        _check_binary_target(xlsx, out_path)
        source = dataset_source(folder)

        def chosen(reference: Dataset) -> str:
            return parse_option("--group", group, lambda text: _group(reference, text))

        # One streamed pass: the records are read, checked and folded one at a time.
        with progress_display("progress", total_bytes=Dataset.source_bytes(source)) as hook:
            partial = progress_source(source, as_of=day_, group_id=chosen, on_progress=hook)
        built = progress_report_from(partial)
        if xlsx:
            write_binary(out_path, progress_sheets(built, the_lang.value), what="--format xlsx")
            return
        if html:
            write_text(out_path, built.to_html(the_lang.value))
            return
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
        f"unknown working group {text!r} in {dataset.folder or dataset.source}; "
        f"the groups are: {listed}"
    )
