"""The ``eligibility`` command: candidates assessed for a post, one row each, ids masked or keyed."""

from __future__ import annotations

import hashlib
import hmac
import json
import os
from collections.abc import Sequence
from datetime import date
from pathlib import Path
from typing import Annotated, Any

import typer

from citizenrights.calendar import parse_date
from citizenrights.cli._common import (
    Format,
    FormatOption,
    Lang,
    LangOption,
    OutOption,
    bad_input,
    choice,
    emit,
    existing,
    parse_option,
)
from citizenrights.cli._output import BadInputError, one_line, output_path, write_text
from citizenrights.dataset import read_records
from citizenrights.models.people import CandidateRecord, Post
from citizenrights.scoring.eligibility import assess_many
from citizenrights.scoring.eligibility_results import (
    EligibilityDecision,
    EligibilityStatus,
    eligibility_rows,
)
from citizenrights.vocabulary import Lang as Words
from citizenrights.vocabulary import (
    check_lang,
    jalali,
    join_sentences,
    label,
    local_digits,
    number,
    say,
)

__all__ = ["KEY_ENV", "eligibility"]

#: The environment variable holding the key of ``eligibility``'s keyed id hash (``--key-file``).
KEY_ENV = "CITIZENRIGHTS_ID_KEY"


def _candidates(path: Path) -> list[CandidateRecord]:
    """The candidate records of a JSON object, a JSON array or JSON Lines (read as dataset files)."""
    return read_records(existing(path, folder=False), CandidateRecord)


def eligibility(
    candidates: Annotated[
        Path, typer.Argument(help="Candidate records: a JSON object, a JSON array or JSONL.")
    ],
    post: Annotated[
        str,
        typer.Option(
            "--post",
            help="The post every candidate is assessed for: kind[:level], e.g. managerial:middle "
            "or sensitive.",
        ),
    ] = "managerial",
    as_of: Annotated[
        str,
        typer.Option(
            "--as-of", help="Required: the day of the assessment, Jalali or ISO (1397/01/15)."
        ),
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

    Every candidate is assessed for the post ``--post`` names. Each row starts with ``record``, the
    position of the candidate in the input (1 for the first record), which matches it to its input
    even when the masked ids look alike. The table speaks ``--lang`` (title, headers, statuses);
    CSV and JSON keep their keys and status codes in every language.
    """
    with bad_input():
        if not as_of:
            raise BadInputError("--as-of is required (the day of the assessment, e.g. 1397/01/15)")
        day = parse_option("--as-of", as_of, parse_date)
        the_post = parse_option("--post", post, _post)
        the_format = parse_option("--format", fmt, choice(Format))
        the_lang = parse_option("--lang", lang, choice(Lang))
        out_path = parse_option("--output", output, output_path)
        key = _id_key(key_file)
        decisions = assess_many(_candidates(candidates), the_post, as_of=day)
        if the_format is Format.JSON:
            data = [
                {**_keys(n, d, key), **d.to_dict(redact=not unmask)}
                for n, d in enumerate(decisions, 1)
            ]
            write_text(out_path, json.dumps(data, ensure_ascii=False, indent=2) + "\n")
        elif the_format is Format.CSV:
            rows = _eligibility_rows(decisions, the_lang, key, redact=not unmask)
            emit(rows, the_format, out_path, "")
        else:
            words = check_lang(the_lang.value)
            rows = _eligibility_rows(decisions, the_lang, key, redact=not unmask, table=True)
            title = _title(the_post, decisions, day, words)
            emit(
                rows and _table_rows(rows, words),
                the_format,
                out_path,
                title,
                headers=_headers(words),
            )


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
        return parse_option("--key-file", str(key_file), _read_key)
    key = os.environ.get(KEY_ENV, "").strip()
    return key.encode("utf-8") if key else None


def _read_key(text: str) -> bytes:
    key = existing(Path(text), folder=False).read_bytes().strip()
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
    decisions: Sequence[EligibilityDecision],
    lang: Lang,
    key: bytes | None,
    *,
    redact: bool,
    table: bool = False,
) -> list[dict[str, Any]]:
    """The table and CSV rows: the record's position first, each reason as ``text (CODE)``.

    The reasons are joined with the language's semicolon (``؛`` in fa) in CSV, and one a line in
    the table view (``table=True``).
    """
    words = check_lang(lang.value)
    out: list[dict[str, Any]] = []
    for n, (decision, row) in enumerate(
        zip(decisions, eligibility_rows(decisions, redact=redact), strict=True), 1
    ):
        shown = {**_keys(n, decision, key), **row}
        texts = _reason_texts(decision, str(row["reasons"]), lang)
        shown["reasons"] = "\n".join(texts) if table else join_sentences(texts, words)
        out.append(shown)
    return out


def _reason_texts(decision: EligibilityDecision, codes: str, lang: Lang) -> list[str]:
    """``text (CODE)`` for each code [`eligibility_rows`][citizenrights.scoring.eligibility_results.eligibility_rows] listed, in its order."""
    pending = list(decision.reasons)
    texts: list[str] = []
    for code in filter(None, codes.split(", ")):
        reason = next(r for r in pending if r.code.value == code)
        pending.remove(reason)
        text = reason.text_fa if lang is Lang.FA else reason.text_en
        texts.append(f"{one_line(text)} ({code})")
    return texts


#: The columns of the table view whose values are the same on every row of a run (one day, one
#: policy): the title says them once, so that the reasons get the width.
_IN_TITLE = ("window", "policy_version")


def _headers(lang: Words) -> dict[str, str]:
    """The words shown over the table's columns; CSV and JSON keep the keys."""
    return {
        "record": say(lang, fa="ردیف", en="record"),
        "id_key": say(lang, fa="کلید شناسه", en="id key"),
        "person_id": say(lang, fa="شناسه", en="person"),
        "status": say(lang, fa="وضعیت", en="status"),
        "record_score": say(lang, fa="امتیاز", en="score"),
        "reasons": say(lang, fa="دلایل", en="reasons"),
    }


def _table_rows(rows: Sequence[dict[str, Any]], lang: Words) -> list[dict[str, Any]]:
    """The rows of the table view: the status in words, the score in the reader's digits."""
    return [
        {
            **{k: v for k, v in row.items() if k not in _IN_TITLE},
            "status": label(EligibilityStatus(row["status"]), lang),
            "record_score": number(float(row["record_score"]), lang),
        }
        for row in rows
    ]


def _post_words(post: Post, lang: Words) -> str:
    """``پست مدیریتی (سطح میانی)`` / ``managerial post (middle level)``."""
    kind = label(post.kind, lang)
    if post.level is None:
        return say(lang, fa=f"پست {kind}", en=f"{kind} post")
    level = label(post.level, lang)
    return say(lang, fa=f"پست {kind} (سطح {level})", en=f"{kind} post ({level} level)")


def _title(post: Post, decisions: Sequence[EligibilityDecision], day: date, lang: Words) -> str:
    """The table's title: the post, the day, and the window and policy every row shares."""
    what = _post_words(post, lang)
    title = say(
        lang,
        fa=f"صلاحیت نامزدها برای {what} در {jalali(day, lang)}",
        en=f"Eligibility for a {what} as of {jalali(day, lang)}",
    )
    if not decisions:
        return title
    first, last = (jalali(d, lang) for d in decisions[0].window)
    version = local_digits(decisions[0].policy_version, lang)
    return title + say(
        lang,
        fa=f"؛ بازهٔ بررسی {first}–{last}، ضوابط نسخهٔ {version}",
        en=f"; window {first}–{last}, policy version {version}",
    )
