"""Benchmark what parallel scoring costs: validating, scoring and pickling, per JSON line.

Usage::

    python benchmarks/bench_parallel.py           # the full run (the demo inspections × 20)
    python benchmarks/bench_parallel.py --quick   # a smoke run (the demo inspections once)

The how-to "Run at national scale, in parallel" advises sending JSON lines (or file names) to worker
processes, not validated records. This prints the figures behind that advice, each as a ratio to
``json.loads`` of the same lines (the best of several repeats): ``Inspection.model_validate_json``,
``score_inspection``, a pickle round trip of the records, of the lines, of the scores
(``InspectionScore``) and of plain ``(id, agency, status, score)`` tuples. It then scores the lines
in one process, in a process pool fed chunks of 50 lines that sends ``InspectionScore`` objects back
(the how-to's old recipe), and in one fed chunks of 2,000 lines that sends tuples back (the
how-to's recipe), and prints the three times (the speed-up depends on the machine's free cores).

Exit status: 0 when both pools' scores equal the single process's, else 1.
"""

from __future__ import annotations

import argparse
import gc
import json
import os
import pickle
import platform
import sys
import time
from collections.abc import Callable
from concurrent.futures import ProcessPoolExecutor
from itertools import islice

from citizenrights import (
    Inspection,
    InspectionScore,
    demo_dataset_path,
    reference_checklist,
    score_inspection,
)

Row = tuple[str, str, str, float | None]


def score_lines_objects(lines: list[bytes]) -> list[InspectionScore]:
    """Validate and score a chunk of lines, whole scores back (run in the worker processes)."""
    checklist = reference_checklist()
    return [score_inspection(Inspection.model_validate_json(line), checklist) for line in lines]


def as_row(score: InspectionScore) -> Row:
    """What a score table needs of a score, as a plain tuple (cheap to pickle)."""
    return score.inspection_id, score.agency_id, score.status.value, score.score


def score_lines(lines: list[bytes]) -> list[Row]:
    """Validate and score a chunk of lines, plain tuples back (run in the worker processes)."""
    checklist = reference_checklist()
    return [
        as_row(score_inspection(Inspection.validate_json_line(line), checklist)) for line in lines
    ]


def _best(function: Callable[[], object], repeats: int) -> float:
    """The best time of several runs, with the garbage collector off (as the other benchmarks)."""
    times = []
    enabled = gc.isenabled()
    gc.disable()
    try:
        for _ in range(repeats):
            start = time.perf_counter()
            function()
            times.append(time.perf_counter() - start)
    finally:
        if enabled:
            gc.enable()
    return min(times)


def _round_trip(value: object) -> object:
    return pickle.loads(pickle.dumps(value))  # noqa: S301 - our own objects, in this process


def _chunks(lines: list[bytes], size: int) -> list[list[bytes]]:
    iterator = iter(lines)
    return list(iter(lambda: list(islice(iterator, size)), []))


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--quick", action="store_true", help="a smoke run: fewer lines, 1 repeat")
    args = parser.parse_args(argv)
    copies, repeats = (1, 1) if args.quick else (20, 5)
    with demo_dataset_path() as folder:
        demo = (folder / "inspections.jsonl").read_bytes().splitlines()
    # Copies with their own ids: distinct lines, as a real file has (pickle shares equal objects).
    lines = [
        line.replace(b'"id":"INS-', b'"id":"C%d-INS-' % copy, 1)
        for copy in range(copies)
        for line in demo
        if line.strip()
    ]
    checklist = reference_checklist()
    records = [Inspection.model_validate_json(line) for line in lines]
    scores = [score_inspection(r, checklist) for r in records]
    rows = [as_row(s) for s in scores]

    base = _best(lambda: [json.loads(line) for line in lines], repeats)
    costs = {
        "validate (model_validate_json)": _best(
            lambda: [Inspection.model_validate_json(line) for line in lines], repeats
        ),
        "score (score_inspection)": _best(
            lambda: [score_inspection(r, checklist) for r in records], repeats
        ),
        "pickle round trip of the records": _best(lambda: _round_trip(records), repeats),
        "pickle round trip of the lines": _best(lambda: _round_trip(lines), repeats),
        "pickle round trip of the scores": _best(lambda: _round_trip(scores), repeats),
        "pickle round trip of the rows": _best(lambda: _round_trip(rows), repeats),
    }
    print(f"{len(lines)} lines; Python {platform.python_version()}, {os.cpu_count()} CPUs")
    print(f"  {'json.loads':36} {base * 1e6 / len(lines):8.1f} µs/line   1.00")
    for name, seconds in costs.items():
        print(f"  {name:36} {seconds * 1e6 / len(lines):8.1f} µs/line {seconds / base:6.2f}")
    print(f"  pickled size: record {len(pickle.dumps(records)) / len(records):.0f} B, ", end="")
    print(f"line {len(pickle.dumps(lines)) / len(lines):.0f} B, ", end="")
    print(f"score {len(pickle.dumps(scores)) / len(scores):.0f} B, ", end="")
    print(f"row {len(pickle.dumps(rows)) / len(rows):.0f} B")

    workers = max(2, min(4, os.cpu_count() or 1))
    start = time.perf_counter()
    serial = score_lines(lines)
    one = time.perf_counter() - start
    start = time.perf_counter()
    with ProcessPoolExecutor(max_workers=workers) as pool:
        chunks = _chunks(lines, 50)
        objects = [as_row(s) for part in pool.map(score_lines_objects, chunks) for s in part]
    old = time.perf_counter() - start
    start = time.perf_counter()
    with ProcessPoolExecutor(max_workers=workers) as pool:
        pooled = [row for part in pool.map(score_lines, _chunks(lines, 2_000)) for row in part]
    new = time.perf_counter() - start
    print(
        f"  one process: {one:.2f} s; {workers} worker processes (wall time, pool start included):"
    )
    print(f"    fed 50 lines a task, InspectionScore objects back: {old:.2f} s")
    print(f"    fed 2,000 lines a task, plain tuples back:         {new:.2f} s")

    if objects != serial or pooled != serial:
        print("a pool's scores differ from the single process's")
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
