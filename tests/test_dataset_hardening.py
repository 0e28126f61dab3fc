"""Hardening of the dataset loader (issue 10, rows 10–12, 14, 16–18, 20 and 28).

Every file kind is read through one set of rules (``citizenrights.dataset._source``): deep
nesting, huge numbers and lone surrogates are problems with file and line; every problem is one
line; a node that is not a regular file is a problem, never skipped; lines and documents are
bounded; person ids in column names and keys are masked; a record that fails validation still
has its references checked.
"""

from __future__ import annotations

import json
import os
import shutil
import threading
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from typer.testing import CliRunner

from citizenrights import Dataset, DatasetError, iter_inspections
from citizenrights.dataset import _loader, demo_dataset_path, read_records
from citizenrights.dataset._problems import Problem, one_line
from citizenrights.dataset._source import (
    MAX_DEPTH,
    MAX_LINE_BYTES,
    JsonProblemError,
    parse_json,
)
from citizenrights.models import CandidateRecord, Inspection

from .test_dataset import AGENCIES, complaint, inspection, jsonl, make, problems_of

NATIONAL_ID = "0499370899"  # a valid national id (check digit right)
DEEP = "[" * 1000 + "]" * 1000  # a 2 KB line nested 1,000 levels
HUGE = "1" * 5000  # an integer of 5,000 digits


def agency(**changes: Any) -> dict[str, Any]:
    return {"id": "O-9", "name": "اداره", "kind": "provincial_office", **changes}


def agencies_with(raw_record: str) -> str:
    """agencies.json with one more record, given as raw JSON text, on line 2."""
    rest = json.dumps(AGENCIES, ensure_ascii=False)[1:]
    return "[\n" + raw_record + ",\n" + rest


def located(problem: str, file: str) -> bool:
    """Whether a problem starts with ``file:line:``, one line."""
    head, _, rest = problem.partition(": ")
    name, _, line = head.rpartition(":")
    return name == file and line.isdigit() and bool(rest) and "\n" not in problem


# -- row 10: deep nesting --------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("name", "content"),
    [
        ("agencies.json", agencies_with('{"id": "X", "name": ' + DEEP + "}")),
        ("checklists__deep.json", '{"id": "deep", "sections": ' + DEEP + "}"),
        ("inspections.jsonl", '{"id": "I-1", "responses": ' + DEEP + "}\n"),
        ("candidates.jsonl", DEEP + "\n"),
        ("agencies.json", DEEP),
    ],
)
def test_deep_nesting_is_a_located_problem(tmp_path: Path, name: str, content: str) -> None:
    """JSON nested 1,000 levels deep in any .json/.jsonl file is one `[json_too_deep]` problem
    naming the file and line, never a RecursionError."""
    problems = problems_of(tmp_path, **{name: content})
    deep = [p for p in problems if p.endswith("[json_too_deep]")]
    assert len(deep) == 1, problems
    assert located(deep[0], name.replace("__", "/"))


@pytest.mark.parametrize(
    ("depth", "refused"),
    [(1, False), (4, False), (MAX_DEPTH, False), (MAX_DEPTH + 1, True), (150, True), (250, True)],
)
def test_the_nesting_limit(depth: int, refused: bool) -> None:
    """Up to MAX_DEPTH (64) levels parse; one more is refused, also when the parser itself
    could go deeper (150), so that validation never sees a deep structure."""
    text = '{"a": ' * (depth - 1) + "[]" + "}" * (depth - 1)
    if refused:
        with pytest.raises(JsonProblemError, match=r"\[json_too_deep\]"):
            parse_json(text)
    else:
        assert parse_json(text) is not None


def test_deep_nesting_in_the_eligibility_input_and_the_stream(tmp_path: Path) -> None:
    """The eligibility input and the streamed inspections refuse deep nesting with file:line."""
    path = tmp_path / "in.jsonl"
    path.write_text("\n" + DEEP + "\n")
    with pytest.raises(DatasetError) as caught:
        read_records(path, CandidateRecord)
    assert caught.value.problems == (f"{path}:2: (json): {_too_deep()}",)
    problems: list[str] = []
    assert list(iter_inspections(path, on_error=problems.append)) == []
    assert problems == [f"{path}:2: (json): {_too_deep()}"]


def _too_deep() -> str:
    return f"nested deeper than {MAX_DEPTH} levels of arrays and objects [json_too_deep]"


# -- row 11: every parse error has a file and line ------------------------------------------------


@pytest.mark.parametrize(
    ("name", "content", "line"),
    [
        ("agencies.json", agencies_with('{"id": "X", "staff": ' + HUGE + "}"), 2),
        ("ngos.json", "[\n\n" + HUGE + "]", 3),
        ("checklists__big.json", '{\n"id": "big",\n"version": ' + HUGE + "}", 3),
        ("inspections.jsonl", jsonl(inspection(1)) + '{"id": ' + HUGE + "}\n", 2),
    ],
)
def test_huge_integers_are_located(tmp_path: Path, name: str, content: str, line: int) -> None:
    """An integer of more than 4,300 digits is a `[json_invalid]` problem at its file and line
    (not a bare ValueError), in .json and .jsonl alike."""
    problems = problems_of(tmp_path, **{name: content})
    file = name.replace("__", "/")
    assert f"{file}:{line}: (json): invalid JSON: a number of more than 4,300 digits" in "\n".join(
        problems
    ), problems


@pytest.mark.parametrize(
    ("text", "line", "code"),
    [
        ("[" + HUGE + "]", 1, "json_invalid"),
        ('\n[{"person_id": "E-1",\n "name": "x" "y"}]', 3, "json_invalid"),
        ("[\n" + DEEP + "]", 2, "json_too_deep"),
        ('{\n  "person_id": "E-1",\n  "name": "\\ud800"\n}', 3, "json_invalid"),
    ],
)
def test_every_parse_error_of_the_eligibility_input_is_located(
    tmp_path: Path, text: str, line: int, code: str
) -> None:
    """The eligibility input goes through the same parser: file, line and code for each fault."""
    path = tmp_path / "candidates.json"
    path.write_text(text)
    with pytest.raises(DatasetError) as caught:
        read_records(path, CandidateRecord)
    (problem,) = caught.value.problems
    assert problem.startswith(f"{path}:{line}: (json): ")
    assert problem.endswith(f"[{code}]")


# -- row 12: lone surrogates -----------------------------------------------------------------------


@pytest.mark.parametrize(
    ("name", "content"),
    [
        ("agencies.json", agencies_with('{"id": "X", "kind": "a\\udfff"}')),
        ("agencies.json", agencies_with('{"id": "X", "a\\udfff": 1}')),
        ("inspections.jsonl", '{"id": "I-1", "kind": "a\\udfff"}\n'),
        ("checklists__s.json", '{"id": "s", "title": "\\ud800x"}'),
    ],
)
def test_lone_surrogates_are_a_problem(tmp_path: Path, name: str, content: str) -> None:
    """A lone surrogate escape in a value or key is a located `[json_invalid]` problem, and
    every problem encodes as UTF-8 (no UnicodeEncodeError when printed)."""
    problems = problems_of(tmp_path, **{name: content})
    assert any(
        located(p, name.replace("__", "/")) and p.endswith("[json_invalid]") for p in problems
    )
    "\n".join(problems).encode("utf-8")


@pytest.mark.parametrize(
    "text", ["a\udfff", "\ud800", "x\udc00y\n", "\udfff" * 3, "ok", "اداره\u200cکل"]
)
def test_any_str_renders_as_utf8(text: str) -> None:
    """The problem translator and Problem render any str, lone surrogates included, as UTF-8;
    a surrogate shows as its `\\udfff` escape."""
    rendered = str(Problem(text, 1, text, text))
    rendered.encode("utf-8")
    if "\udfff" in text:
        assert "\\udfff" in rendered


# -- row 14: one line per problem ------------------------------------------------------------------

BREAKERS = ["\n", "\r", "\r\n", "\x00", "\x1b[31m", "\x85", "\u2028", "\u2029", "\u202e", "\t"]


@pytest.mark.parametrize("breaker", BREAKERS)
def test_a_line_break_in_a_value_or_key_stays_on_one_line(tmp_path: Path, breaker: str) -> None:
    """A newline, a control character, U+2028/U+2029 or a bidi override inside a value or a key
    leaves every problem on one line (escaped)."""
    problems = problems_of(
        tmp_path,
        **{
            "complaints.jsonl": jsonl(complaint(1, channel=f"fa{breaker}x", **{f"k{breaker}": 1})),
            "surveys.csv": f'agency_id,date,score\nO-1,"1396{breaker}/07/15",4\n',
        },
    )
    assert len(problems) >= 2  # a direction mark in a date is cleaned away, not a problem
    for problem in problems:
        assert one_line(problem) == problem
        assert len(problem.splitlines()) == 1
        assert located(problem, problem.split(":")[0])


@pytest.mark.parametrize(
    ("text", "shown"),
    [
        ("a\nb", "a\\nb"),
        ("a\u2028b", "a\\u2028b"),
        ("\x07", "\\x07"),
        ("\u202eabc", "\\u202eabc"),
        ("دو\u200cخط", "دو\u200cخط"),  # a ZWNJ is Persian text, kept
    ],
)
def test_one_line_escapes(text: str, shown: str) -> None:
    """Line breaks, controls and bidi overrides are escaped; Persian text is kept as it is."""
    assert one_line(text) == shown


# -- row 16: nodes that are not files --------------------------------------------------------------


def _dir(path: Path) -> None:
    path.mkdir()


def _fifo(path: Path) -> None:
    os.mkfifo(path)


def _dangling(path: Path) -> None:
    path.symlink_to(path.parent / "nowhere")


def _loop(path: Path) -> None:
    path.symlink_to(path.name)


NODES: dict[str, Callable[[Path], None]] = {
    "folder": _dir,
    "fifo": _fifo,
    "dangling symlink": _dangling,
    "symlink loop": _loop,
}


def _validate_in_time(folder: Path) -> list[str]:
    """Dataset.validate, failing (not hanging) if it blocks on a FIFO."""
    result: list[list[str]] = []
    thread = threading.Thread(target=lambda: result.append(Dataset.validate(folder)), daemon=True)
    thread.start()
    thread.join(timeout=30)
    assert result, "Dataset.validate blocked"
    return result[0]


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="needs FIFOs")
@pytest.mark.parametrize("node", NODES)
@pytest.mark.parametrize(
    "name", ["inspections.jsonl", "agencies.json", "checklists/demo.json", "stats.csv"]
)
def test_a_node_that_is_not_a_file_is_a_problem(tmp_path: Path, node: str, name: str) -> None:
    """A dataset file that is a folder, a FIFO, a dangling symlink or a symlink loop is one
    `[not_a_file]` problem naming it (never skipped, a FIFO never opened)."""
    folder = make(tmp_path, {"inspections.jsonl": jsonl(inspection(1))})
    path = folder / name
    path.unlink(missing_ok=True)
    NODES[node](path)
    problems = _validate_in_time(folder)
    assert [p for p in problems if p.startswith(f"{name}: (file): ")] == problems[:1]
    assert problems[0].endswith("[not_a_file]")
    with pytest.raises(DatasetError):
        Dataset.load(folder)


@pytest.mark.parametrize("unreadable", ["checklists", "dataset"])
def test_an_unreadable_folder_is_one_problem(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, unreadable: str
) -> None:
    """An unreadable checklists/ folder is one problem (not one per inspection); an unreadable
    dataset folder is one problem from validate and one DatasetError from load."""
    folder = make(tmp_path, {"inspections.jsonl": jsonl(*(inspection(n) for n in range(1, 6)))})
    target = folder / "checklists" if unreadable == "checklists" else folder
    real = os.listdir

    def refuse(path: Any) -> list[str]:
        if Path(path) == target:
            raise PermissionError(13, "Permission denied")
        return real(path)

    monkeypatch.setattr(_loader.os, "listdir", refuse)
    where = "checklists" if unreadable == "checklists" else str(folder)
    expected = [f"{where}: (folder): cannot be read: Permission denied"]
    assert Dataset.validate(folder) == expected
    with pytest.raises(DatasetError) as caught:
        Dataset.load(folder)
    assert caught.value.problems == tuple(expected)


# -- row 17: the eligibility input -----------------------------------------------------------------


def _candidates() -> list[dict[str, Any]]:
    with demo_dataset_path() as folder:
        text = (folder / "candidates.jsonl").read_text(encoding="utf-8")
    return [json.loads(line) for line in text.splitlines() if line.strip()]


@pytest.mark.parametrize(
    ("encode", "count"),
    [
        (lambda r: ("\ufeff" + json.dumps(r, ensure_ascii=False, indent=1)).encode(), 12),
        (lambda r: json.dumps(r, ensure_ascii=False).encode(), 12),
        (lambda r: ("\ufeff" + json.dumps(r[0], ensure_ascii=False, indent=2)).encode(), 1),
        (lambda r: ("\ufeff" + json.dumps(r[0], ensure_ascii=False)).encode(), 1),
        (lambda r: "".join(json.dumps(c) + "\r\n" for c in r).encode("utf-8-sig"), 12),
        (lambda r: b"", 0),
    ],
    ids=["bom-array", "array", "bom-object", "bom-one-line", "bom-jsonl", "empty"],
)
def test_eligibility_input_shapes(
    tmp_path: Path, encode: Callable[[list[dict[str, Any]]], bytes], count: int
) -> None:
    """A JSON array, a JSON object or JSONL, with or without a UTF-8 BOM, is read whole (a
    BOM-prefixed array is not mistaken for JSONL)."""
    path = tmp_path / "candidates"
    path.write_bytes(encode(_candidates()))
    assert len(read_records(path, CandidateRecord)) == count


@pytest.mark.parametrize(
    ("codec", "encoding"),
    [("utf-16", "UTF-16"), ("utf-16-le", "UTF-16"), ("utf-16-be", "UTF-16"), ("utf-32", "UTF-32")],
)
def test_utf16_input_is_named(tmp_path: Path, codec: str, encoding: str) -> None:
    """UTF-16/UTF-32 text (with or without BOM) is one problem naming the file and encoding, in
    the eligibility input and in dataset files."""
    path = tmp_path / "candidates.json"
    path.write_bytes(json.dumps(_candidates(), ensure_ascii=False).encode(codec))
    with pytest.raises(DatasetError) as caught:
        read_records(path, CandidateRecord)
    assert caught.value.problems == (
        f"{path}: (file): {encoding} text, not UTF-8; save the file as UTF-8 [not_utf8]",
    )
    folder = tmp_path / "ds"
    problems = problems_of(folder, **{"inspections.jsonl": jsonl(inspection(1)).encode(codec)})
    assert problems == [
        f"inspections.jsonl: (file): {encoding} text, not UTF-8; save the file as UTF-8 [not_utf8]"
    ]


@pytest.mark.parametrize(
    ("make_input", "code", "stderr"),
    [
        (lambda r: ("\ufeff" + json.dumps(r, ensure_ascii=False)).encode(), 0, ""),
        (lambda r: json.dumps(r).encode("utf-16"), 2, "UTF-16 text, not UTF-8"),
    ],
    ids=["bom-array", "utf-16"],
)
def test_eligibility_command_reads_the_input(
    tmp_path: Path, make_input: Callable[[list[dict[str, Any]]], bytes], code: int, stderr: str
) -> None:
    """`citizenrights eligibility` reads a BOM-prefixed array (no bogus problems) and names a
    UTF-16 file in one line, exit 2."""
    from citizenrights.cli._app import app

    path = tmp_path / "in.json"
    path.write_bytes(make_input(_candidates()))
    result = CliRunner().invoke(app, ["eligibility", str(path), "--as-of", "1397/06/01"])
    assert result.exit_code == code, result.output
    if stderr:
        assert stderr in result.stderr
        assert str(path) in result.stderr
        assert len(result.stderr.strip().splitlines()) == 1


# -- row 18: bounded lines -------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("name", "content"),
    [
        ("inspections.jsonl", jsonl(inspection(1)) + "x" * (MAX_LINE_BYTES + 10) + "\n"),
        ("surveys.csv", "agency_id,date,score\n" + "y" * (MAX_LINE_BYTES + 1)),
        ("candidates.jsonl", " " * (2 * MAX_LINE_BYTES)),
    ],
)
def test_a_line_too_long_is_a_problem(tmp_path: Path, name: str, content: str) -> None:
    """A line over 1 MiB in any line reader is one `[line_too_long]` problem naming its line."""
    problems = problems_of(tmp_path, **{name: content})
    too_long = [p for p in problems if p.endswith("[line_too_long]")]
    assert len(too_long) == 1
    assert too_long[0].startswith(f"{name}:{2 if name != 'candidates.jsonl' else 1}: (file): ")


def test_a_line_of_exactly_the_limit_is_read(tmp_path: Path) -> None:
    """A record line padded to exactly MAX_LINE_BYTES (plus CRLF) is read."""
    line = json.dumps(inspection(1)).encode()
    line = line[:-1] + b" " * (MAX_LINE_BYTES - len(line)) + b"}"
    path = tmp_path / "inspections.jsonl"
    path.write_bytes(line + b"\r\n" + line.replace(b'"I-1"', b'"I-2"') + b"\n")
    assert [i.id for i in iter_inspections(path)] == ["I-1", "I-2"]


@pytest.mark.skipif(not Path("/dev/zero").exists(), reason="needs /dev/zero")
@pytest.mark.parametrize("reader", ["stream", "records"])
def test_dev_zero_is_refused_in_bounded_memory(reader: str) -> None:
    """`/dev/zero` (an endless line) is one `[line_too_long]` problem at line 1, read in bounded
    memory, by the stream `score` uses and by the eligibility reader."""
    read: Callable[[], object] = (
        (lambda: list(iter_inspections("/dev/zero")))
        if reader == "stream"
        else (lambda: read_records("/dev/zero", CandidateRecord))
    )
    with pytest.raises(DatasetError) as caught:
        read()
    (problem,) = caught.value.problems
    assert problem.startswith("/dev/zero:1: (file): a line longer than 1,048,576 bytes")
    assert problem.endswith("[line_too_long]")


# -- row 20: unknown keys and headers --------------------------------------------------------------


def test_a_csv_without_its_header_is_one_problem(tmp_path: Path) -> None:
    """A CSV whose first row is a record (mostly not column names) is ONE `[csv_no_header]`
    problem listing the expected columns, without echoing the row's values."""
    rows = f"{NATIONAL_ID},O-1,منشور,employee,4,1396/08/01\nE-2,O-1,منشور,employee,4,1396/08/01\n"
    problems = problems_of(tmp_path, **{"trainings.csv": rows})
    assert len(problems) == 1
    assert problems[0].startswith("trainings.csv:1: (header): no header row? ")
    assert "expected columns person_id, agency_id, course" in problems[0]
    assert problems[0].endswith("[csv_no_header]")
    assert NATIONAL_ID not in problems[0]
    assert "منشور" not in problems[0]


@pytest.mark.parametrize(
    ("name", "content"),
    [
        ("stats.csv", f"agency_id,period,services,staff,{NATIONAL_ID}\nO-1,1396-Q1,1,1,x\n"),
        ("complaints.jsonl", jsonl(complaint(1, **{NATIONAL_ID: 1}))),
        ("agencies.json", json.dumps([*AGENCIES, agency(**{NATIONAL_ID: "x"})])),
        ("complaints.jsonl", jsonl(complaint(1, agency_id=NATIONAL_ID))),
        ("complaints.jsonl", jsonl(complaint(1, channel=NATIONAL_ID))),
    ],
    ids=["csv-column", "jsonl-key", "json-key", "unknown-agency", "enum-value"],
)
def test_national_ids_in_keys_and_values_are_masked(
    tmp_path: Path, name: str, content: str
) -> None:
    """A national id shown as a column name, a key, an unknown id or a bad value is masked."""
    problems = problems_of(tmp_path, **{name: content})
    text = "\n".join(problems)
    assert problems
    assert NATIONAL_ID not in text
    assert "*******899" in text


# -- row 28: every problem of a record in one run --------------------------------------------------


@pytest.mark.parametrize(
    ("name", "content", "expected"),
    [
        (
            "inspections.jsonl",
            jsonl(
                inspection(
                    1,
                    date="1396/07/31",
                    agency_id="nowhere",
                    responses=[
                        {"item": "S1.1", "answer": "compliant"},
                        {"item": "ZZ.9", "answer": "compliant"},
                        {"item": "S1.2", "answer": "maybe"},
                        {"item": "S1.2", "answer": "partial"},
                    ],
                )
            ),
            [
                ("inspections.jsonl:1", "date"),
                ("inspections.jsonl:1", "responses[2].answer"),
                ("inspections.jsonl:1", "agency_id"),
                ("inspections.jsonl:1", "responses[1]"),
                ("inspections.jsonl:1", "responses[3]"),
            ],
        ),
        (
            "inspections.jsonl",
            jsonl(inspection(1, kind="visit", checklist_id="other")),
            [("inspections.jsonl:1", "kind"), ("inspections.jsonl:1", "checklist_id")],
        ),
        (
            "complaints.csv",
            "id,agency_id,received,channel,severity,status\nC-1,nowhere,1396/13/01,web,minor,open\n",
            [("complaints.csv:2", "received"), ("complaints.csv:2", "agency_id")],
        ),
        (
            "candidates.jsonl",
            jsonl(
                {
                    "person_id": "E-1",
                    "name": 5,
                    "assignments": [{"agency_id": "nowhere", "start": "1396/01/01"}],
                }
            ),
            [("candidates.jsonl:1", "name"), ("candidates.jsonl:1", "assignments[0].agency_id")],
        ),
        (
            "agencies.json",
            json.dumps([*AGENCIES, agency(kind="bad", parent_id="nowhere")]),
            [("agencies.json:1", "kind"), ("agencies.json:1", "parent_id")],
        ),
    ],
)
def test_a_failed_record_shows_all_its_problems(
    tmp_path: Path, name: str, content: str, expected: list[tuple[str, str]]
) -> None:
    """A record that fails validation still has its agency, checklist and item codes checked in
    the same run (each problem once, not again for a field already reported)."""
    problems = problems_of(tmp_path, **{name: content})
    assert [tuple(p.split(": ")[:2]) for p in problems] == expected


# -- the demo dataset still loads ------------------------------------------------------------------


def test_the_demo_dataset_has_no_problems(tmp_path: Path) -> None:
    """The hardening refuses nothing of the demo dataset."""
    with demo_dataset_path() as folder:
        shutil.copytree(folder, tmp_path / "demo")
    assert Dataset.validate(tmp_path / "demo") == []
    assert len(read_records(tmp_path / "demo" / "candidates.jsonl", CandidateRecord)) == 12
    assert all(
        isinstance(i, Inspection) for i in iter_inspections(tmp_path / "demo" / "inspections.jsonl")
    )
