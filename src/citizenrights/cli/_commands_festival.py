"""The yearly commands: ``festival`` (the festival form) and ``annual`` (Article 18's report).

Both write every format ``report`` writes, with its options and errors: ``xlsx`` refuses a
terminal before any work, ``html`` checks its extra before any work.
"""

from __future__ import annotations

import json
from enum import StrEnum
from pathlib import Path
from typing import Annotated, TypeVar

import typer

from citizenrights.calendar import JalaliPeriod
from citizenrights.cli._commands_reports import _check_binary_target, _scope
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
from citizenrights.cli._output import BadInputError, output_path, write_binary, write_text
from citizenrights.dataset import Dataset
from citizenrights.evaluation.festival import festival_indicator
from citizenrights.reporting.annual import annual_sheets, build_annual_report
from citizenrights.reporting.festival import (
    festival_csv,
    festival_html,
    festival_markdown,
    festival_sheets,
)
from citizenrights.reporting.html import require_html_extra

__all__ = ["annual", "festival"]

YearOption = Annotated[str, typer.Option("--year", "-y", help="The Jalali year, e.g. 1397.")]
ProvinceOption = Annotated[
    str | None,
    typer.Option("--province", help="A province: code (IR-10), English or Persian name."),
]


class FestivalFormat(StrEnum):
    """Output formats of ``festival``."""

    JSON = "json"
    CSV = "csv"
    MARKDOWN = "markdown"
    XLSX = "xlsx"
    HTML = "html"


class AnnualFormat(StrEnum):
    """Output formats of ``annual``."""

    MARKDOWN = "markdown"
    JSON = "json"
    CSV = "csv"
    XLSX = "xlsx"
    HTML = "html"


F = TypeVar("F", FestivalFormat, AnnualFormat)


def _options(
    year: str, fmt: str, formats: type[F], lang: str, output: str | None
) -> tuple[int, F, Lang, Path | None]:
    """Check the options both commands share, before any work.

    As with ``report``: a workbook is refused on a terminal, and ``html`` needs its extra.
    """
    the_year = parse_option("--year", year, _year)
    the_format = parse_option("--format", fmt, choice(formats))
    the_lang = parse_option("--lang", lang, choice(Lang))
    out_path = parse_option("--output", output, output_path)
    _check_binary_target(the_format.value == "xlsx", out_path)
    if the_format.value == "html":
        require_html_extra()
    return the_year, the_format, the_lang, out_path


def _year(text: str) -> int:
    period = JalaliPeriod.parse(text)
    if period.kind.value != "year":
        raise BadInputError(f"expected a Jalali year such as 1397; got {text!r}")
    return period.year


def festival(
    folder: SourceArgument,
    year: YearOption,
    province: ProvinceOption = None,
    fmt: Annotated[
        str,
        typer.Option(
            "--format",
            "-f",
            help="json ({year, policy_version, max_points, rows}), csv (one row per body per "
            "measure), markdown (the form: summary by group, then measures), xlsx (a summary "
            "and a measures sheet; needs --output or a redirect; extra xlsx) or html (one "
            "self-contained page with charts; extra html).",
        ),
    ] = "json",
    lang: LangOption = "fa",
    output: OutOption = None,
) -> None:
    """The Shahid Rajaei Festival's citizens'-rights indicator of a year, in the form's shape."""
    with bad_input():
        the_year, the_format, the_lang, out_path = _options(year, fmt, FestivalFormat, lang, output)
        dataset = Dataset.load(dataset_source(folder))
        scope = _scope(dataset, province, None)
        result = festival_indicator(dataset, the_year, scope=scope)
        if not result.rows:
            typer.echo(
                f"citizenrights: warning: no body of the scope has a festival group ({year}); "
                "give agencies a festival_group",
                err=True,
            )
        if the_format is FestivalFormat.XLSX:
            write_binary(out_path, festival_sheets(result, the_lang.value), what="--format xlsx")
            return
        if the_format is FestivalFormat.JSON:
            text = json.dumps(result.to_dict(), ensure_ascii=False, indent=2) + "\n"
        elif the_format is FestivalFormat.CSV:
            text = festival_csv(result, the_lang.value)
        elif the_format is FestivalFormat.HTML:
            text = festival_html(result, the_lang.value)
        else:
            text = festival_markdown(result, the_lang.value)
        write_text(out_path, text)


def annual(
    folder: SourceArgument,
    year: YearOption,
    province: ProvinceOption = None,
    agency: Annotated[
        str | None,
        typer.Option("--agency", help="An agency id: the agency and everything under it."),
    ] = None,
    fmt: Annotated[
        str,
        typer.Option(
            "--format",
            "-f",
            help="markdown, json, csv (the key figures), xlsx (a workbook; needs --output or a "
            "redirect; extra xlsx) or html (one self-contained page with charts; extra html).",
        ),
    ] = "markdown",
    lang: LangOption = "fa",
    output: OutOption = None,
) -> None:
    """Article 18's yearly report of the nation, a province or an agency, due by Esfand's end."""
    with bad_input():
        the_year, the_format, the_lang, out_path = _options(year, fmt, AnnualFormat, lang, output)
        dataset = Dataset.load(dataset_source(folder))
        built = build_annual_report(dataset, the_year, _scope(dataset, province, agency))
        if the_format is AnnualFormat.XLSX:
            write_binary(out_path, annual_sheets(built, the_lang.value), what="--format xlsx")
            return
        if the_format is AnnualFormat.JSON:
            text = json.dumps(built.to_dict(), ensure_ascii=False, indent=2) + "\n"
        elif the_format is AnnualFormat.CSV:
            text = built.to_csv()
        elif the_format is AnnualFormat.HTML:
            text = built.to_html(the_lang.value)
        else:
            text = built.to_markdown(the_lang.value)
        write_text(out_path, text)
