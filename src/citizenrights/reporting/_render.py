"""Rendering helpers shared by the reports (private): numbers, dates and tables in fa and en."""

from __future__ import annotations

import csv
import io
from collections.abc import Iterable, Sequence
from datetime import date

from citizenrights.calendar import format_jalali
from citizenrights.vocabulary import Lang, check_lang, number, percent

__all__ = ["Lang", "check_lang", "csv_text", "day", "md_table", "number", "percent", "rtl"]


def day(d: date | None, lang: Lang) -> str:
    """A date for display: Jalali with Persian month name in fa, Jalali and ISO in en.

    Examples:
        >>> day(date(2017, 10, 7), "fa"), day(date(2017, 10, 7), "en")
        ('۱۵ مهر ۱۳۹۶', '1396/07/15 (2017-10-07)')
    """
    if d is None:
        return "–"
    if lang == "fa":
        return format_jalali(d, "%d %B %Y", digits="persian").lstrip("۰")
    return f"{format_jalali(d)} ({d.isoformat()})"


def _cell(text: str) -> str:
    return text.replace("|", "\\|").replace("\n", " ")


def md_table(headers: Sequence[str], rows: Iterable[Sequence[str]]) -> str:
    r"""A GitHub-flavoured Markdown table.

    Examples:
        >>> print(md_table(["a", "b"], [["1", "x|y"]]))
        | a | b |
        |---|---|
        | 1 | x\|y |
    """
    lines = [
        "| " + " | ".join(_cell(h) for h in headers) + " |",
        "|" + "|".join("---" for _ in headers) + "|",
    ]
    lines.extend("| " + " | ".join(_cell(c) for c in row) + " |" for row in rows)
    return "\n".join(lines)


def rtl(body: str) -> str:
    """Wrap Persian Markdown so that it renders right-to-left (HTML block with ``dir="rtl"``)."""
    return f'<div dir="rtl" lang="fa" markdown="1">\n\n{body.strip()}\n\n</div>\n'


def csv_text(headers: Sequence[str], rows: Iterable[Sequence[object]]) -> str:
    r"""CSV text with a header row (``\r\n`` line ends, as the csv module writes by default)."""
    out = io.StringIO()
    writer = csv.writer(out)
    writer.writerow(headers)
    for row in rows:
        writer.writerow(["" if v is None else v for v in row])
    return out.getvalue()
