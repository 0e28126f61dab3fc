"""Benchmark ``citizenrights report`` at national scale: wall time and peak memory, one subprocess each.

Usage::

    python benchmarks/bench_national.py                  # 20,000 / 40,000 / 100,000 records
    python benchmarks/bench_national.py --quick          # a smoke run: 200 / 400 / 1,000, local only
    python benchmarks/bench_national.py \\
        --inspections 1000000 --complaints 2000000 --surveys 5000000 --out /tmp/national --keep

It writes a dataset folder (streamed to disk in blocks, never holding every line): the demo's
``agencies.json``, ``checklists/`` and ``stats.csv`` (35 agencies of one province, Jalali years
1396–1397), ``inspections.jsonl`` (the lines of ``_inspections.make_lines``, about 2 KB a line,
with the demo's agency ids and the findings' corrective actions: ``RESOLVED_ON_TIME`` = 85% done
by their due date, ``RESOLVED_LATE`` = 12% done 1–60 days after it, the other 3% never done; so
the report's past-due list holds what a real one would, not every finding), ``complaints.jsonl`` and ``surveys.csv`` (agency, date, channel, severity, status,
outcome and score drawn from a seeded random, dates over the same two years). The folder is
``--out DIR`` (kept) or a temp folder (removed unless ``--keep``, which also keeps the reports);
``--reuse DIR`` runs on a folder written before (its sizes are counted from its files).

Then each run below is its own subprocess, a small wrapper that runs the command line in-process and
reports, at exit, its own ``ru_maxrss`` and its reaped descendants' largest ``ru_maxrss`` (Dask's
worker processes); while it runs, the summed RSS of its process tree is sampled every 0.2 s
(needs ``psutil``; otherwise that column reads ``n/a``):

1. ``local``: ``citizenrights report DIR --period P --format json -o FILE`` (one process);
2. ``dask x2``: the same with ``--engine dask --workers 2`` (a ``LocalCluster`` on 127.0.0.1; the
   client runs in the wrapper, the workers in processes of their own);
3. ``validate``: ``citizenrights validate DIR`` (skip with ``--no-validate``).

``--max-rss MB`` makes a process over MB of peak RSS a failure (the memory target is 500 MB for
every process at 1M / 2M / 5M records). Memory that stays flat shows by running two sizes: the Dask
workers' peak should not grow with the records (each holds one range's partial at a time), and the
client's only by about 200 bytes per inspection of the period and 8 bytes per keyed record.

Wall time includes the interpreter's start and imports (and the cluster's start for Dask); records/s
is (inspections + complaints + surveys) / wall time. The JSON reports of 1 and 2 must be identical
byte for byte: the script exits 1 if they differ, if a run fails, or if the report ranks no agency.

The peers (DuckDB, polars, pandas) score the inspections part only; run them on the same number of
lines with ``python benchmarks/bench_peers.py --lines N``.
"""

from __future__ import annotations

import argparse
import contextlib
import csv
import importlib
import importlib.util
import json
import random
import re
import shutil
import subprocess
import sys
import tempfile
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from _inspections import _use_agencies, make_lines
from citizenrights import Checklist, format_jalali, from_jalali
from citizenrights.dataset import demo_dataset_path

BLOCK = 50_000
FIRST_DAY = (1396, 1, 1)
DAYS = 700  # as _inspections.make_lines: 1396/01/01 to late 1397, the years the demo's stats cover
PERIOD = "1397-Q1"
DUE_AFTER = 30  # as _inspections.make_lines: a finding is due 30 days after the inspection
RESOLVED_ON_TIME = 0.85  # the share of findings corrected by their due date
RESOLVED_LATE = 0.12  # the share corrected 1-60 days after it; the rest (3%) stay open
_DUE = re.compile(rb'"due": "(\d{4}/\d{2}/\d{2})"\}')

CHANNELS = ["in_person", "web", "phone", "letter", "other"]
SEVERITIES = ["minor", "major", "grave"]
OUTCOMES = ["dismissed", "upheld", "withdrawn"]
SUBJECTS = [
    "عدم رعایت نوبت در ارائه خدمت",
    "درخواست مدارک غیرضروری",
    "تبعیض در ارائه خدمات",
    "تأخیر در رسیدگی به درخواست",
    "افشای اطلاعات شخصی بدون مجوز",
]

# Runs the command line in this process, then writes its own and its reaped descendants' peak RSS
# (KiB on Linux) to the file named by argv[1]; argv[2:] are the command's arguments.
WRAPPER = """\
import json, resource, sys
from citizenrights.cli import main
code = 0
try:
    main(sys.argv[2:])
except SystemExit as exc:
    code = exc.code if isinstance(exc.code, int) else (0 if exc.code is None else 1)
with open(sys.argv[1], "w") as out:
    json.dump({"self": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss,
               "children": resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss}, out)
sys.exit(code)
"""


def jalali_days() -> list[str]:
    """The ``DAYS`` dates from 1396/01/01 as Jalali text (``1396/01/01``), made once."""
    first = from_jalali(*FIRST_DAY)
    return [format_jalali(first.fromordinal(first.toordinal() + n)) for n in range(DAYS)]


def complaint_lines(count: int, agencies: list[str], days: list[str], seed: int) -> Iterator[str]:
    """``count`` complaint JSON lines (with the newline), deterministic for a seed.

    About 95% closed (with an outcome and a closing date 0–59 days after receipt, within the
    dates), the rest open; a respondent id on about 60%.
    """
    rng = random.Random(seed)
    for n in range(count):
        day = rng.randrange(len(days))
        record: dict[str, Any] = {
            "id": f"CMP-{n:09d}",
            "agency_id": rng.choice(agencies),
            "received": days[day],
            "channel": rng.choice(CHANNELS),
            "subject": rng.choice(SUBJECTS),
            "article": rng.randint(3, 13),
            "severity": rng.choices(SEVERITIES, [6, 4, 1])[0],
        }
        if rng.random() < 0.6:
            record["respondent_id"] = f"DEMO-{rng.randrange(100_000):05d}"
        if rng.random() < 0.95:
            record["status"] = "closed"
            record["outcome"] = rng.choices(OUTCOMES, [10, 4, 1])[0]
            record["closed_on"] = days[min(day + rng.randrange(60), len(days) - 1)]
        else:
            record["status"] = "open"
        yield json.dumps(record, ensure_ascii=False) + "\n"


def survey_rows(
    count: int, agencies: list[str], days: list[str], seed: int
) -> Iterator[tuple[str, str, int]]:
    """``count`` survey rows ``(agency_id, date, score)``, score 1–5 leaning to 4 and 5."""
    rng = random.Random(seed)
    weights = {
        agency: rng.choice([[1, 1, 2, 3, 3], [2, 2, 3, 2, 1], [1, 1, 1, 3, 4]])
        for agency in agencies
    }
    for _ in range(count):
        agency = rng.choice(agencies)
        yield agency, days[rng.randrange(len(days))], rng.choices(range(1, 6), weights[agency])[0]


def inspection_lines(
    path: Path, count: int, checklist: Checklist, agencies: list[str], seed: int
) -> None:
    """Write ``count`` inspection lines to a JSONL file in blocks of 10,000 (flat memory).

    The lines of ``_inspections.make_lines`` (each block from its own seed, the block number in
    each id so that ids stay distinct), with the demo's agency ids, and a ``resolved_on`` date on
    each finding that was corrected (see ``RESOLVED_ON_TIME`` and ``RESOLVED_LATE``).
    """
    first = from_jalali(*FIRST_DAY)
    texts = [format_jalali(first.fromordinal(first.toordinal() + n)) for n in range(DAYS + 200)]
    day_of = {text.encode(): n for n, text in enumerate(texts)}
    rng = random.Random(seed)

    def resolve(match: re.Match[bytes]) -> bytes:
        due = day_of[match[1]]
        chance = rng.random()
        if chance < RESOLVED_ON_TIME:
            done = due - rng.randrange(DUE_AFTER + 1)  # on the inspection day or up to the due day
        elif chance < RESOLVED_ON_TIME + RESOLVED_LATE:
            done = due + 1 + rng.randrange(60)
        else:
            return match[0]
        return b'"due": "%s", "resolved_on": "%s"}' % (match[1], texts[done].encode())

    block = 10_000
    old = b'{"id": "INS-1396-'
    with path.open("wb") as out:
        for start in range(0, count, block):
            lines = make_lines(min(block, count - start), checklist, seed + start // block)
            tag = b'{"id": "INS-1396-%03d' % (start // block)
            out.writelines(
                tag + _DUE.sub(resolve, _use_agencies(line, agencies))[len(old) :] + b"\n"
                for line in lines
            )


def write_dataset(folder: Path, inspections: int, complaints: int, surveys: int, seed: int) -> None:
    """Write the dataset folder, each file in blocks of ``BLOCK`` records (flat memory)."""
    folder.mkdir(parents=True, exist_ok=True)
    with demo_dataset_path() as demo:
        shutil.copy(demo / "agencies.json", folder / "agencies.json")
        shutil.copy(demo / "stats.csv", folder / "stats.csv")
        shutil.copytree(demo / "checklists", folder / "checklists", dirs_exist_ok=True)
    agencies = [a["id"] for a in json.loads((folder / "agencies.json").read_text(encoding="utf-8"))]
    checklist = Checklist.model_validate_json(
        (folder / "checklists" / "reference.json").read_bytes()
    )
    days = jalali_days()
    inspection_lines(folder / "inspections.jsonl", inspections, checklist, agencies, seed)
    with (folder / "complaints.jsonl").open("w", encoding="utf-8") as out:
        lines = complaint_lines(complaints, agencies, days, seed + 1)
        while block := [line for _, line in zip(range(BLOCK), lines, strict=False)]:
            out.writelines(block)
    with (folder / "surveys.csv").open("w", encoding="utf-8", newline="") as out:
        writer = csv.writer(out, lineterminator="\n")
        writer.writerow(["agency_id", "date", "score"])
        rows = survey_rows(surveys, agencies, days, seed + 2)
        while block_rows := [row for _, row in zip(range(BLOCK), rows, strict=False)]:
            writer.writerows(block_rows)


def count_records(folder: Path) -> tuple[int, int, int]:
    """Inspections, complaints and survey rows in a folder (lines of its files, CSV header left out)."""

    def lines(name: str) -> int:
        path = folder / name
        if not path.exists():
            return 0
        with path.open("rb") as f:
            return sum(chunk.count(b"\n") for chunk in iter(lambda: f.read(1 << 20), b""))

    return lines("inspections.jsonl"), lines("complaints.jsonl"), max(lines("surveys.csv") - 1, 0)


def tree_rss(pid: int) -> int:
    """The summed RSS of a process and its descendants, in bytes (0 if it has gone)."""
    psutil: Any = importlib.import_module("psutil")  # optional (no stubs): only if installed

    try:
        root = psutil.Process(pid)
        total = 0
        for proc in [root, *root.children(recursive=True)]:
            with contextlib.suppress(psutil.Error):  # it ended meanwhile
                total += proc.memory_info().rss
        return total
    except psutil.Error:
        return 0


def run(name: str, args: list[str], scratch: Path) -> dict[str, Any]:
    """Run ``citizenrights ARGS`` in the wrapper subprocess; its wall time, peak RSS and exit code."""
    usage = scratch / f"rusage-{name.replace(' ', '-')}.json"
    sample = importlib.util.find_spec("psutil") is not None
    start = time.perf_counter()
    with tempfile.TemporaryFile() as out, tempfile.TemporaryFile() as err:
        proc = subprocess.Popen(  # noqa: S603 - our own interpreter and arguments
            [sys.executable, "-c", WRAPPER, str(usage), *args], stdout=out, stderr=err
        )
        peak_tree = 0
        while proc.poll() is None:
            if sample:
                peak_tree = max(peak_tree, tree_rss(proc.pid))
            time.sleep(0.2)
        wall = time.perf_counter() - start
        err.seek(0)
        stderr = err.read().decode("utf-8", "replace")
    rss = json.loads(usage.read_text()) if usage.exists() else {"self": 0, "children": 0}
    return {
        "name": name,
        "code": proc.returncode,
        "wall": wall,
        "self_mb": rss["self"] / 1024,
        "children_mb": rss["children"] / 1024,
        "tree_mb": peak_tree / 2**20 if sample else None,
        "stderr": stderr,
    }


def main() -> int:
    """Parse the options, write or reuse the dataset, time the runs, print the table; the exit code."""
    parser = argparse.ArgumentParser(description=__doc__.split("\n", 1)[0])
    parser.add_argument("--inspections", type=int, default=20_000)
    parser.add_argument("--complaints", type=int, default=40_000)
    parser.add_argument("--surveys", type=int, default=100_000)
    parser.add_argument(
        "--quick", action="store_true", help="200 / 400 / 1,000 records, local only"
    )
    parser.add_argument(
        "--out", type=Path, help="the dataset folder to write (default: a temp folder)"
    )
    parser.add_argument("--keep", action="store_true", help="keep the temp dataset and the reports")
    parser.add_argument("--reuse", type=Path, help="a dataset folder written before: skip writing")
    parser.add_argument("--period", default=PERIOD, help=f"the report's period (default {PERIOD})")
    parser.add_argument("--seed", type=int, default=1396)
    parser.add_argument("--workers", type=int, default=2, help="Dask workers (default 2)")
    parser.add_argument("--engines", default="local,dask", help="local, dask or both (default)")
    parser.add_argument("--no-validate", action="store_true", help="skip the validate run")
    parser.add_argument(
        "--max-rss",
        type=float,
        metavar="MB",
        help="fail (exit 1) when a process's peak RSS exceeds MB: the wrapper (local, or the Dask"
        " client) or a Dask worker; the target at 1M / 2M / 5M records is 500",
    )
    options = parser.parse_args()
    engines = ["local"] if options.quick else [e.strip() for e in options.engines.split(",")]
    if unknown := set(engines) - {"local", "dask"}:
        parser.error(f"--engines: {', '.join(sorted(unknown))} is not local or dask")
    if options.quick:
        options.inspections, options.complaints, options.surveys = 200, 400, 1_000

    temporary = None
    if options.reuse is not None:
        folder = options.reuse
        if not (folder / "agencies.json").is_file():
            parser.error(f"--reuse {folder}: no agencies.json there; give a dataset folder")
    else:
        if options.out is None:
            temporary = Path(tempfile.mkdtemp(prefix="bench-national-"))
            folder = temporary / "dataset"
        else:
            folder = options.out
        start = time.perf_counter()
        write_dataset(
            folder, options.inspections, options.complaints, options.surveys, options.seed
        )
        print(f"wrote {folder} in {time.perf_counter() - start:.1f} s")
    scratch = Path(tempfile.mkdtemp(prefix="bench-national-runs-"))
    try:
        return measure(folder, scratch, engines, options)
    finally:
        if options.keep:
            print(f"kept: dataset {folder}, reports {scratch}")
        else:
            shutil.rmtree(scratch, ignore_errors=True)
            if temporary is not None:
                shutil.rmtree(temporary, ignore_errors=True)


def measure(folder: Path, scratch: Path, engines: list[str], options: argparse.Namespace) -> int:
    """Time each run on the folder, print the table and the checks; 0 when all is well, else 1."""
    inspections, complaints, surveys = count_records(folder)
    total = inspections + complaints + surveys
    size = sum(p.stat().st_size for p in folder.rglob("*") if p.is_file())
    print(
        f"dataset: {inspections:,} inspections + {complaints:,} complaints + {surveys:,} survey rows"
        f" = {total:,} records, {size / 2**20:,.1f} MiB; report period {options.period}"
    )
    report = ["report", str(folder), "--period", options.period, "--format", "json"]
    plan: list[tuple[str, list[str]]] = []
    if "local" in engines:
        plan.append(("local", [*report, "-o", str(scratch / "local.json")]))
    if "dask" in engines:
        if importlib.util.find_spec("distributed") is None:
            print("dask: skipped: distributed is not installed (pip install citizenrights[dask])")
        else:
            dask = ["--engine", "dask", "--workers", str(options.workers)]
            plan.append(
                (f"dask x{options.workers}", [*report, *dask, "-o", str(scratch / "dask.json")])
            )
    if not options.no_validate:
        plan.append(("validate", ["validate", str(folder)]))

    results = [run(name, args, scratch) for name, args in plan]
    failed = False
    print()
    print(
        f"{'run':<10} {'wall s':>8} {'records/s':>11} {'peak RSS MB':>12} {'children MB':>12} {'tree MB':>9}"
    )
    for r in results:
        tree = "n/a" if r["tree_mb"] is None else f"{r['tree_mb']:.0f}"
        print(
            f"{r['name']:<10} {r['wall']:>8.1f} {total / r['wall']:>11,.0f} {r['self_mb']:>12.0f}"
            f" {r['children_mb']:>12.0f} {tree:>9}"
        )
    print()
    print("peak RSS: the wrapper process (the Dask client for dask); children: the largest reaped")
    print("descendant (a Dask worker); tree: the process tree's summed RSS, sampled every 0.2 s.")
    for r in results:
        if r["code"] != 0:
            failed = True
            print(f"{r['name']}: exit code {r['code']}: {r['stderr'].strip()[-1500:]}")
    if options.max_rss is not None:
        for r in results:
            peak = max(r["self_mb"], r["children_mb"])
            if peak > options.max_rss:
                failed = True
                print(
                    f"{r['name']}: a process peaked at {peak:.0f} MB, over --max-rss {options.max_rss:.0f}"
                )

    local = scratch / "local.json"
    if local.exists():
        ranked = ranked_agencies(json.loads(local.read_text(encoding="utf-8")))
        print(f"local report: {ranked} agencies ranked")
        if ranked == 0:
            failed = True
            print("local report: no agency ranked: the dataset does not fit the period")
    dask_out = scratch / "dask.json"
    if local.exists() and dask_out.exists():
        same = local.read_bytes() == dask_out.read_bytes()
        print(f"local and dask reports: {'identical' if same else 'DIFFERENT'}")
        failed = failed or not same
    print(f"peers (inspections only): python benchmarks/bench_peers.py --lines {inspections}")
    return 1 if failed else 0


def ranked_agencies(report: Any) -> int:
    """How many agencies the JSON report ranks (the longest list of rows with a rank in it)."""
    best = 0
    stack = [report]
    while stack:
        node = stack.pop()
        if isinstance(node, dict):
            stack.extend(node.values())
        elif isinstance(node, list):
            if node and all(isinstance(x, dict) and "rank" in x for x in node):
                best = max(best, len(node))
            stack.extend(node)
    return best


if __name__ == "__main__":
    sys.exit(main())
