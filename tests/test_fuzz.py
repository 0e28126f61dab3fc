"""Fuzzing the loader and the command line with mutants of the demo dataset (issue 10).

A seeded generator copies the demo dataset and applies one random mutation per mutant: byte
flips, truncation, deleted and duplicated lines, deep nesting, huge integers, lone surrogates,
control characters, byte-order marks, UTF-16, wrong types, unknown ids, files replaced by
folders, FIFOs and symbolic links, empty files, Persian digits and direction marks, a CSV
without its header, an endless line, and valid national ids planted in personal and other
fields. Each mutant goes through ``Dataset.validate`` and ``Dataset.load`` and, in turn, the
commands ``validate``, ``report``, ``score`` and ``eligibility``; only documented errors may come
out:

- no exception but ``DatasetError`` from ``load`` (none from ``validate``); no traceback, exit code
  0, 1 or 2 from the command line;
- every problem is one UTF-8 line starting with ``file:line:`` (``file:`` alone for a problem
  with a whole file or folder, field ``(file)`` or ``(folder)``);
- no planted national id appears unmasked in any output.

A second, cheaper run gives mutants of single JSON and JSONL files to ``read_records`` and
``iter_records``. The runs are bounded (about a minute together on a shared CI core); set
``CITIZENRIGHTS_FUZZ_MUTANTS``, ``CITIZENRIGHTS_FUZZ_FILE_MUTANTS``, the ``..._BUDGET`` seconds and
``CITIZENRIGHTS_FUZZ_SEED`` to run more or other mutants. The counts (mutants tried, handled,
failures by kind) are printed (``pytest -s`` or ``-rA``) and written to ``fuzz-counts.json`` in
the test's temporary folder.
"""

from __future__ import annotations

import collections
import contextlib
import csv
import io
import json
import os
import random
import re
import shutil
import signal
import time
import traceback
from collections.abc import Iterator
from pathlib import Path
from types import FrameType
from typing import Any

import pytest
from typer.testing import CliRunner

from citizenrights import Dataset, DatasetError
from citizenrights.cli._app import app
from citizenrights.dataset import demo_dataset_path, iter_records, read_records
from citizenrights.dataset._kinds import KINDS_BY_NAME

SEED = int(os.environ.get("CITIZENRIGHTS_FUZZ_SEED", "20250610"))
#: Mutants of the whole dataset (each validated, loaded, and given to some commands).
MUTANTS = int(os.environ.get("CITIZENRIGHTS_FUZZ_MUTANTS", "120"))
#: Mutants of single files given to the readers (``read_records``, ``iter_records``): cheap.
FILE_MUTANTS = int(os.environ.get("CITIZENRIGHTS_FUZZ_FILE_MUTANTS", "1500"))
#: Seconds after which no new mutant is started (the run stays near a minute on a slow machine).
BUDGET = float(os.environ.get("CITIZENRIGHTS_FUZZ_BUDGET", "40"))
FILE_BUDGET = float(os.environ.get("CITIZENRIGHTS_FUZZ_FILE_BUDGET", "15"))
#: Rows kept of the two large CSV files of the demo (7,000 and 4,800 rows), so that more mutants
#: fit in the minute; every other file is copied whole.
CSV_ROWS = 300
#: Seconds one call may take before it counts as a hang.
HANG = 60

DATA_FILES = (
    "agencies.json",
    "candidates.jsonl",
    "checklists/reference.json",
    "complaints.jsonl",
    "inspections.jsonl",
    "meetings.jsonl",
    "ngos.json",
    "programmes.json",
    "stats.csv",
    "surveys.csv",
    "trainings.csv",
    "working_groups.json",
)
CSV_FILES = tuple(f for f in DATA_FILES if f.endswith(".csv"))
# Fields whose value a report may print as it is (not personal): no national id is planted there.
_SHOWN_AS_IS = frozenset(
    {
        *("id", "agency_id", "parent_id", "checklist_id", "checklist_version", "version"),
        *("group_id", "programme_id", "item", "code", "title", "name", "name_en", "course"),
        *("text", "text_en", "description", "note", "evidence", "subject", "owner", "role"),
        *("registration_no", "legal_id", "category", "county", "reference", "fields"),
        *("staff", "services", "hours", "score", "weight", "number", "article"),
        *("meetings_per_year", "levels", "scale"),
    }
)
_CONTROLS = ("\n", "\r\n", "\x00", "\x1b[2J", "\u2028", "\x85", "\u202e")
DEEP = "[" * 1000 + "]" * 1000
HUGE = "9" * 5000
SURROGATE = '"a\\udfff"'

_PROBLEM = re.compile(r"^(?P<file>[^:\n]+?)(?::(?P<line>\d+))?: (?P<field>[^:]+?): \S")
_LINE_BREAKS = re.compile("[\n\r\x0b\x0c\x1c-\x1e\x85\u2028\u2029]")


def national_id(rng: random.Random) -> str:
    """A random valid national id (check digit right, not all one digit)."""
    while True:
        body = [rng.randrange(10) for _ in range(9)]
        if len(set(body)) > 1:
            break
    rest = sum(d * (10 - i) for i, d in enumerate(body)) % 11
    return "".join(map(str, body)) + str(rest if rest < 2 else 11 - rest)


# -- mutations -------------------------------------------------------------------------------------


class Mutant:
    """One mutation applied to one file of a dataset folder."""

    def __init__(self, kind: str, target: str) -> None:
        self.kind = kind
        self.target = target
        self.planted: list[str] = []
        self.replaced_node = False


def _leaf(rng: random.Random, record: Any) -> tuple[Any, Any] | None:
    """A random (container, key) of a scalar (or small) value inside a record."""
    current, found = record, None
    for _ in range(8):
        if isinstance(current, dict) and current:
            key: Any = rng.choice(sorted(current))
        elif isinstance(current, list) and current:
            key = rng.randrange(len(current))
        else:
            break
        found = (current, key)
        child = current[key]
        if not isinstance(child, dict | list) or not child or rng.random() < 0.2:
            break
        current = child
    return found


def _persian(value: Any) -> str:
    return str(value).translate(str.maketrans("0123456789", "۰۱۲۳۴۵۶۷۸۹"))


def _new_value(rng: random.Random, kind: str, old: Any, key: Any, mutant: Mutant) -> Any:
    """The replacement of a value; sentinels are swapped for raw JSON text afterwards."""
    if kind == "deep_nesting":
        return "@@DEEP@@"
    if kind == "huge_int":
        return "@@HUGE@@"
    if kind == "lone_surrogate":
        return "@@SURROGATE@@"
    if kind == "control_char":
        return str(old) + rng.choice(_CONTROLS) + "x"
    if kind == "wrong_type":
        return rng.choice([12345, -1, 2.5, True, None, [], {}, "text", [1, 2], {"a": 1}])
    if kind == "unknown_id":
        return f"UNKNOWN-{rng.randrange(1000)}"
    if kind == "persian_digits":
        return _persian(old)
    if kind == "direction_marks":
        return f"\u200f{old}\u200e"
    if kind == "national_id":
        value = national_id(rng)
        if key not in _SHOWN_AS_IS and not isinstance(key, int):
            mutant.planted.append(value)
        return value
    raise AssertionError(kind)


def _raw_json(text: str) -> str:
    return (
        text.replace('"@@DEEP@@"', DEEP)
        .replace('"@@HUGE@@"', HUGE)
        .replace('"@@SURROGATE@@"', SURROGATE)
    )


def _mutate_value(rng: random.Random, path: Path, mutant: Mutant) -> None:
    """Change one value of one record (a JSON leaf, a CSV cell)."""
    if path.suffix == ".csv":
        rows = list(csv.reader(io.StringIO(path.read_text(encoding="utf-8"), newline="")))
        row, col = rng.randrange(1, len(rows)), rng.randrange(len(rows[0]))
        value = _new_value(rng, mutant.kind, rows[row][col], rows[0][col], mutant)
        rows[row][col] = {"@@DEEP@@": DEEP, "@@HUGE@@": HUGE}.get(str(value), str(value))
        out = io.StringIO(newline="")
        csv.writer(out).writerows(rows)
        text = out.getvalue().replace("@@SURROGATE@@", "a\udfff")
        path.write_bytes(text.encode("utf-8", "surrogatepass"))  # a surrogate: bad UTF-8
        return
    text = path.read_text(encoding="utf-8")
    if path.suffix == ".jsonl":
        lines = text.splitlines()
        n = rng.randrange(len(lines))
        record = json.loads(lines[n])
        found = _leaf(rng, record)
        if found is not None:
            container, key = found
            container[key] = _new_value(rng, mutant.kind, container[key], key, mutant)
        lines[n] = _raw_json(json.dumps(record, ensure_ascii=False))
        path.write_text("\n".join(lines) + "\n", encoding="utf-8")
        return
    document = json.loads(text)
    record = rng.choice(document) if isinstance(document, list) else document
    found = _leaf(rng, record)
    if found is not None:
        container, key = found
        container[key] = _new_value(rng, mutant.kind, container[key], key, mutant)
    path.write_text(_raw_json(json.dumps(document, ensure_ascii=False, indent=2)), "utf-8")


def _mutate_bytes(rng: random.Random, path: Path, kind: str) -> None:
    """Change the bytes or lines of a file."""
    data = path.read_bytes()
    lines = data.splitlines(keepends=True)
    if kind == "byte_flip":
        buf = bytearray(data)
        for _ in range(rng.randint(1, 4)):
            buf[rng.randrange(len(buf))] = rng.randrange(256)
        data = bytes(buf)
    elif kind == "truncate":
        data = data[: rng.randrange(len(data))]
    elif kind == "delete_line":
        del lines[rng.randrange(len(lines))]
        data = b"".join(lines)
    elif kind == "duplicate_line":
        n = rng.randrange(len(lines))
        lines.insert(n, lines[n])
        data = b"".join(lines)
    elif kind == "bom":
        data = b"\xef\xbb\xbf" + data
    elif kind == "utf16":
        data = data.decode("utf-8").encode(rng.choice(["utf-16", "utf-16-le", "utf-32"]))
    elif kind == "empty_file":
        data = rng.choice([b"", b"\n", b"  \r\n"])
    elif kind == "raw_control_char":
        n = rng.randrange(len(data))
        data = data[:n] + rng.choice([b"\x00", b"\r", b"\x1b", b"\xe2\x80\xa8"]) + data[n:]
    elif kind == "long_line":
        data = data + b"{" + b"x" * (1 << 20) + b"\n"
    else:
        raise AssertionError(kind)
    path.write_bytes(data)


def _replace_node(rng: random.Random, path: Path, kind: str) -> None:
    path.unlink()
    if kind == "dir":
        path.mkdir()
    elif kind == "fifo":
        os.mkfifo(path)
    elif kind == "dangling_symlink":
        path.symlink_to(path.parent / f"gone-{rng.randrange(100)}")
    else:
        path.symlink_to(path.name)


VALUE_KINDS = (
    "deep_nesting",
    "huge_int",
    "lone_surrogate",
    "control_char",
    "wrong_type",
    "unknown_id",
    "persian_digits",
    "direction_marks",
    "national_id",
)
BYTE_KINDS = (
    "byte_flip",
    "truncate",
    "delete_line",
    "duplicate_line",
    "bom",
    "utf16",
    "empty_file",
    "raw_control_char",
    "long_line",
)
NODE_KINDS = ("dir", "fifo", "dangling_symlink", "symlink_loop") if hasattr(os, "mkfifo") else ()
KINDS = (*VALUE_KINDS, *BYTE_KINDS, *NODE_KINDS, "csv_no_header")


def mutate(rng: random.Random, folder: Path, kind: str) -> Mutant:
    """Apply one mutation of ``kind`` to a random file of the dataset in ``folder``."""
    target = rng.choice(CSV_FILES if kind == "csv_no_header" else DATA_FILES)
    mutant = Mutant(kind, target)
    path = folder / target
    if kind in VALUE_KINDS:
        _mutate_value(rng, path, mutant)
    elif kind in BYTE_KINDS:
        _mutate_bytes(rng, path, kind)
    elif kind == "csv_no_header":
        lines = path.read_text(encoding="utf-8").splitlines(keepends=True)
        header = lines[0].rstrip("\r\n").split(",")
        if "person_id" in header:  # the first record's person id becomes a "column name"
            cells = lines[1].split(",")
            cells[header.index("person_id")] = value = national_id(rng)
            mutant.planted.append(value)
            lines[1] = ",".join(cells)
        path.write_text("".join(lines[1:]), encoding="utf-8")
    else:
        _replace_node(rng, path, kind)
        mutant.replaced_node = True
    return mutant


# -- checks ----------------------------------------------------------------------------------------


class HangError(Exception):
    """A call that took longer than HANG seconds (blocked on a FIFO, say)."""


@contextlib.contextmanager
def deadline(seconds: int) -> Iterator[None]:
    """Raise HangError in the main thread after ``seconds`` (where SIGALRM exists)."""
    if not hasattr(signal, "SIGALRM"):
        yield
        return

    def ring(signum: int, frame: FrameType | None) -> None:
        raise HangError(f"no answer after {seconds} s")

    previous = signal.signal(signal.SIGALRM, ring)
    signal.alarm(seconds)
    try:
        yield
    finally:
        signal.alarm(0)
        signal.signal(signal.SIGALRM, previous)


def problem_faults(line: str, files: set[str]) -> list[str]:
    """What is wrong with one problem line: not one line, no file:line, not UTF-8, ..."""
    faults = []
    if _LINE_BREAKS.search(line):
        faults.append("not one line")
    try:
        line.encode("utf-8")
    except UnicodeEncodeError:
        faults.append("not UTF-8")
    match = _PROBLEM.match(line)
    if match is None:
        faults.append("not file:line: field: message")
    else:
        if match["file"] not in files:
            faults.append(f"unknown file {match['file'][:40]!r}")
        if match["line"] is None and match["field"] not in ("(file)", "(folder)"):
            faults.append("no line number")
    return faults


def leaks(text: str, mutant: Mutant) -> list[str]:
    return [f"unmasked national id {v[-3:]}" for v in mutant.planted if v in text]


def check_cli(args: list[str], mutant: Mutant, files: set[str]) -> list[str]:
    """Run one command; the faults of its outcome (empty when only documented errors came)."""
    with deadline(HANG):
        result = CliRunner().invoke(app, args)
    faults: list[str] = []
    if result.exit_code not in (0, 1, 2):
        faults.append(f"exit code {result.exit_code}")
    if result.exception is not None and not isinstance(result.exception, SystemExit):
        name = type(result.exception).__name__
        where = traceback.extract_tb(result.exception.__traceback__)[-1]
        faults.append(f"{name} at {Path(where.filename).name}:{where.lineno}")
    out, err = result.stdout, result.stderr
    if "Traceback" in out + err:
        faults.append("traceback")
    faults += leaks(out + err, mutant)
    lines = err.splitlines() + (out.splitlines() if args[0] == "validate" else [])
    for line in lines:
        if not line.strip() or line.startswith("citizenrights: error: "):
            continue
        if re.match(r"^(\.\.\. and \d+ more|\d+ problem\(s\) in .*|.*: no problems)$", line):
            continue
        faults += problem_faults(line, files)
    return [f"{args[0]}: {f}" for f in faults]


def check_library(folder: Path, mutant: Mutant, files: set[str], *, load: bool) -> list[str]:
    """Dataset.validate (and Dataset.load when ``load``): the faults of their outcome."""
    faults: list[str] = []
    try:
        with deadline(HANG):
            problems = Dataset.validate(folder)
    except Exception as exc:  # any escape is the finding
        return [f"Dataset.validate raised {type(exc).__name__}"]
    for problem in problems:
        faults += [f"validate: {f}" for f in problem_faults(problem, files)]
    faults += [f"validate: {f}" for f in leaks("\n".join(problems), mutant)]
    if not load:
        return faults
    try:
        with deadline(HANG):
            Dataset.load(folder)
    except DatasetError as exc:
        if list(exc.problems) != problems:
            faults.append("load: problems differ from validate")
    except Exception as exc:
        faults.append(f"Dataset.load raised {type(exc).__name__}")
    else:
        if problems:
            faults.append("load: loaded although validate found problems")
    return faults


# -- the run ---------------------------------------------------------------------------------------


def _restore(folder: Path, original: Path, target: str) -> None:
    path = folder / target
    if path.is_symlink() or path.is_file() or path.is_fifo():
        path.unlink()
    elif path.is_dir():
        shutil.rmtree(path)
    shutil.copy2(original / target, path)


def demo_copy(folder: Path) -> Path:
    """A copy of the demo dataset, its two large CSV files cut to CSV_ROWS rows."""
    with demo_dataset_path() as demo:
        shutil.copytree(demo, folder)
    for name in ("surveys.csv", "trainings.csv"):
        path = folder / name
        lines = path.read_text(encoding="utf-8").splitlines(keepends=True)
        path.write_text("".join(lines[: CSV_ROWS + 1]), encoding="utf-8")
    return folder


def run_fuzz(tmp_path: Path, mutants: int, seed: int) -> dict[str, Any]:
    """Make and check ``mutants`` mutants; the counts, and the failures by kind."""
    rng = random.Random(seed)
    original = demo_copy(tmp_path / "original")
    folder = tmp_path / "mutant"
    shutil.copytree(original, folder)
    files = {*DATA_FILES, "checklists", "agencies.json", str(folder)}
    files |= {f"{f.split('.')[0]}.{ext}" for f in DATA_FILES for ext in ("json", "jsonl", "csv")}
    tried, handled = 0, 0
    failures: collections.Counter[str] = collections.Counter()
    examples: dict[str, str] = {}
    by_kind: collections.Counter[str] = collections.Counter()
    start = time.monotonic()
    for n in range(mutants):
        if time.monotonic() - start > BUDGET:
            break
        kind = KINDS[n % len(KINDS)] if n < len(KINDS) else rng.choice(KINDS)
        mutant = mutate(rng, folder, kind)
        tried += 1
        by_kind[kind] += 1
        faults = check_library(folder, mutant, files, load=n % 2 == 0)
        if n % 5 == 0:
            faults += check_cli(["validate", str(folder)], mutant, files)
        if n % 9 == 0:
            args = ["report", str(folder), "--period", "1396-Q3"]
            faults += check_cli(args, mutant, files)
        target = folder / mutant.target
        if not mutant.replaced_node and mutant.target == "inspections.jsonl":
            faults += check_cli(["score", str(target), "-f", "csv"], mutant, files | {str(target)})
        if not mutant.replaced_node and mutant.target == "candidates.jsonl":
            args = ["eligibility", str(target), "--as-of", "1397/06/01", "-f", "json"]
            faults += check_cli(args, mutant, files | {str(target)})
        if faults:
            for fault in dict.fromkeys(faults):
                failures[f"{kind}: {fault}"] += 1
                examples.setdefault(f"{kind}: {fault}", f"seed {seed}, mutant {n}: {mutant.target}")
        else:
            handled += 1
        _restore(folder, original, mutant.target)
    return {
        "seed": seed,
        "tried": tried,
        "handled": handled,
        "seconds": round(time.monotonic() - start, 1),
        "mutants_by_kind": dict(sorted(by_kind.items())),
        "failures_by_kind": dict(sorted(failures.items())),
        "examples": examples,
    }


def run_file_fuzz(tmp_path: Path, mutants: int, seed: int) -> dict[str, Any]:
    """Mutants of single JSON and JSONL files, read by ``read_records`` and ``iter_records``."""
    rng = random.Random(seed)
    original = demo_copy(tmp_path / "original")
    folder = tmp_path / "mutant"
    shutil.copytree(original, folder)
    targets = [f for f in DATA_FILES if not f.endswith(".csv")]
    kinds = [k for k in KINDS if k not in NODE_KINDS and k != "csv_no_header"]
    tried, handled = 0, 0
    failures: collections.Counter[str] = collections.Counter()
    examples: dict[str, str] = {}
    by_kind: collections.Counter[str] = collections.Counter()
    start = time.monotonic()
    for n in range(mutants):
        if time.monotonic() - start > FILE_BUDGET:
            break
        kind = kinds[n % len(kinds)] if n < len(kinds) else rng.choice(kinds)
        mutant = Mutant(kind, rng.choice(targets))
        path = folder / mutant.target
        if kind in VALUE_KINDS:
            _mutate_value(rng, path, mutant)
        else:
            _mutate_bytes(rng, path, kind)
        tried += 1
        by_kind[kind] += 1
        faults = check_readers(path, mutant)
        for fault in dict.fromkeys(faults):
            failures[f"{kind}: {fault}"] += 1
            examples.setdefault(f"{kind}: {fault}", f"seed {seed}, mutant {n}: {mutant.target}")
        handled += not faults
        _restore(folder, original, mutant.target)
    return {
        "seed": seed,
        "tried": tried,
        "handled": handled,
        "seconds": round(time.monotonic() - start, 1),
        "mutants_by_kind": dict(sorted(by_kind.items())),
        "failures_by_kind": dict(sorted(failures.items())),
        "examples": examples,
    }


def check_readers(path: Path, mutant: Mutant) -> list[str]:
    """read_records and iter_records on one file: only DatasetError, problems well formed."""
    model = KINDS_BY_NAME[mutant.target.split("/")[0].split(".")[0]].model
    faults: list[str] = []
    problems: list[str] = []
    for name, read in (
        ("read_records", lambda: read_records(path, model)),
        ("iter_records", lambda: list(iter_records(path, model, on_error=problems.append))),
    ):
        try:
            with deadline(HANG):
                read()
        except DatasetError as exc:
            problems.extend(exc.problems)
        except Exception as exc:  # any escape is the finding
            faults.append(f"{name} raised {type(exc).__name__}")
    for problem in problems:
        faults += problem_faults(problem, {str(path)})
    faults += leaks("\n".join(problems), mutant)
    return faults


def _report(name: str, counts: dict[str, Any], tmp_path: Path) -> None:
    (tmp_path / "fuzz-counts.json").write_text(json.dumps(counts, indent=2), encoding="utf-8")
    print(f"\nfuzz ({name}):", json.dumps(counts, ensure_ascii=False, indent=2))


def test_dataset_mutants_give_only_documented_errors(tmp_path: Path) -> None:
    """Every mutant of the demo dataset gives only documented errors, from Dataset.validate and
    Dataset.load and from the commands validate, report, score and eligibility: problems of one
    line with file and line, no traceback, exit codes 0/1/2, no unmasked national id. The counts
    are printed and written to fuzz-counts.json."""
    counts = run_fuzz(tmp_path, MUTANTS, SEED)
    _report("dataset", counts, tmp_path)
    assert counts["tried"] >= min(MUTANTS, len(KINDS)), counts
    assert counts["failures_by_kind"] == {}, json.dumps(counts, indent=2)


def test_file_mutants_give_only_documented_errors(tmp_path: Path) -> None:
    """Every mutant of a JSON or JSONL file of the demo, read with read_records (a JSON object,
    array or JSONL) and iter_records, gives only DatasetError with well-formed problems."""
    counts = run_file_fuzz(tmp_path, FILE_MUTANTS, SEED + 1)
    _report("files", counts, tmp_path)
    assert counts["tried"] >= min(FILE_MUTANTS, len(KINDS)), counts
    assert counts["failures_by_kind"] == {}, json.dumps(counts, indent=2)


@pytest.mark.parametrize("kind", KINDS)
def test_each_mutation_changes_the_dataset(tmp_path: Path, kind: str) -> None:
    """Each mutation kind really changes a file (so the fuzz run tests what it claims)."""
    with demo_dataset_path() as demo:
        shutil.copytree(demo, tmp_path / "d")
    before = {p: (p.read_bytes() if p.is_file() else None) for p in (tmp_path / "d").rglob("*")}
    mutant = mutate(random.Random(SEED), tmp_path / "d", kind)
    path = tmp_path / "d" / mutant.target
    changed = mutant.replaced_node or (
        path.is_file() and path.read_bytes() != before.get(path, b"")
    )
    assert changed or kind in ("persian_digits", "direction_marks", "unknown_id"), kind


@pytest.mark.parametrize(
    ("line", "fault"),
    [
        ("inspections.jsonl:3: date: bad\nrest", "not one line"),
        ("inspections.jsonl:3: date: bad\u2028rest", "not one line"),
        ("date:3: field: bad value", "unknown file 'date'"),
        ("inspections.jsonl: date: bad", "no line number"),
        ("no structure at all", "not file:line: field: message"),
        ("inspections.jsonl:3: date: a\udfff", "not UTF-8"),
    ],
)
def test_the_checks_catch_faults(line: str, fault: str) -> None:
    """The fuzz checks flag what they claim to: a problem over two lines, without file and line,
    naming an unknown file, or not encodable; and accept a well-formed one."""
    assert fault in problem_faults(line, {"inspections.jsonl"})
    assert problem_faults("inspections.jsonl:3: date: bad", {"inspections.jsonl"}) == []
    assert problem_faults("agencies.json: (file): missing", {"agencies.json"}) == []


def test_the_checks_catch_a_leak() -> None:
    """A planted national id found unmasked in an output is a fault; masked, it is not."""
    mutant = Mutant("national_id", "trainings.csv")
    mutant.planted.append("0499370899")
    assert leaks("x 0499370899 y", mutant) == ["unmasked national id 899"]
    assert leaks("x *******899 y", mutant) == []
