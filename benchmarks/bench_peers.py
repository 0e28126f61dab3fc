"""Benchmark the library against the peers a user would pick instead: DuckDB, polars and pandas.

Usage::

    python benchmarks/bench_peers.py                    # 20,000 inspections (a couple of minutes)
    python benchmarks/bench_peers.py --lines 1000000    # the size of issue 12's figures
    python benchmarks/bench_peers.py --quick            # a smoke run: 200 inspections

It writes a JSONL file of inspections of the reference checklist (``_inspections.write_lines``,
about 2 KB a line), then every contender computes the same per-inspection score from that file and
writes ``id,score`` to a CSV file, as a batch job would:

- ``library``: the library's fastest public path, the one the ``score`` command takes: the
  file's lines read by ``iter_numbered(path, Inspection, read=JsonLineScorer(checklist))``, which
  scores each line straight from its JSON (``score_json_line``: no ``Inspection`` model is built
  for a clean line; the same scores and errors as ``score_inspection`` of the validated model),
  with line numbers for any problem; one process;
- ``library x2``: a process pool of two workers, each sent a byte range of the file (a few MiB of
  whole lines, never records), scoring its lines with a ``JsonLineScorer`` of its own and
  sending back plain ``(id, score)`` tuples (not ``InspectionScore`` objects, which cost about
  34 CPU-µs each to pickle);
- ``duckdb 1 thread`` and ``duckdb``: SQL over ``read_json`` (``SET threads=1``, then DuckDB's
  default, one thread per core);
- ``polars``: a lazy query over ``scan_ndjson`` (its default threads);
- ``pandas``: the script of ``bench_scoring.py``, reused.

The SQL and the polars query mirror the methodology (docs/explanation/methodology.md): an answer's
value (compliant 1, partial 0.5, non-compliant 0, level k of n: k/(n-1)); ``not_applicable`` leaves
the item out of its section's numerator and denominator; an unanswered item counts 0 with its
weight; a section is the weighted mean of its counted items, the score the weighted mean × 100 of
the sections that have one; a critical item answered non-compliant (level 0) caps the score at
``ScoringPolicy().critical_cap``. The item and section weights come from the checklist, in small
tables built from it.

Each contender runs once, alone, in a subprocess of its own, timed from the start of its work to
its last written row (wall time: the interpreter's start and imports are left out; its CPU time,
threads and workers included, is printed beside it, for a busy machine), and its peak
RSS is read from ``getrusage`` in that subprocess (for the pool: the main process plus its largest
worker, times the number of workers). Then every CSV is read back and checked against the
library's scores: each score within 1e-9 (and how many bit for bit). Only then are the times
printed, as inspections per second and as ratios to DuckDB on one thread and on its default
threads. The library's own scores are checked first, bit for bit, against ``score_inspection``
of the validated models (the model path). A peer whose package is not installed is skipped, and
the reason printed (``pip install citizenrights[bench]`` installs them).

Exit status: 0 when the library agrees with the model path and every contender that ran agrees
with the library, else 1.
"""

from __future__ import annotations

import argparse
import csv
import importlib.util
import json
import os
import platform
import resource
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable, Iterator
from concurrent.futures import ProcessPoolExecutor
from pathlib import Path

from _inspections import write_lines
from citizenrights import (
    Checklist,
    Inspection,
    JsonLineScorer,
    ScoringPolicy,
    iter_inspections,
    iter_numbered,
    reference_checklist,
    score_inspection,
)

CAP = ScoringPolicy().critical_cap
TOLERANCE = 1e-9
WORKERS = 2
RANGE_BYTES = 4 * 2**20  # a pool task: about 2,000 lines of 2 KB


# -- the library, one process --------------------------------------------------------------------


def _row(inspection_id: str, score: float | None) -> str:
    """A CSV row; ``repr`` of a float reads back to the same bits."""
    return f"{inspection_id},{'' if score is None else repr(score)}\n"


def run_library(path: Path, out: Path, checklist: Checklist) -> None:
    """Stream the file to scores (the library's reader, each line straight to its score), one
    process, nothing kept."""
    with out.open("w", encoding="utf-8") as handle:
        handle.write("id,score\n")
        for _, result in iter_numbered(path, Inspection, read=JsonLineScorer(checklist)):
            handle.write(_row(result.inspection_id, result.score))


# -- the library, a process pool ------------------------------------------------------------------


def byte_ranges(path: Path, size: int) -> Iterator[tuple[str, int, int]]:
    """Cut a file into ranges of about ``size`` bytes that start and end at line boundaries."""
    total = path.stat().st_size
    with path.open("rb") as handle:
        start = 0
        while start < total:
            handle.seek(min(start + size, total))
            handle.readline()  # to the end of the line the cut fell in
            stop = min(handle.tell(), total)
            yield str(path), start, stop
            start = stop


def score_range(task: tuple[str, int, int]) -> list[tuple[str, float | None]]:
    """Validate and score the lines of one byte range (run in a worker): plain tuples back."""
    name, start, stop = task
    checklist = reference_checklist()  # cached: one checklist, compiled once per worker
    with open(name, "rb") as handle:
        handle.seek(start)
        data = handle.read(stop - start)
    scorer = JsonLineScorer(checklist)
    results = []
    for line in data.splitlines():
        if line.strip():
            result = scorer(line)
            results.append((result.inspection_id, result.score))
    return results


def run_library_pool(path: Path, out: Path, checklist: Checklist) -> None:
    """Score the file's byte ranges in a pool of worker processes, rows written in file order."""
    del checklist  # each worker has its own (the reference checklist, cached)
    with (
        out.open("w", encoding="utf-8") as handle,
        ProcessPoolExecutor(max_workers=WORKERS) as pool,
    ):
        handle.write("id,score\n")
        for part in pool.map(score_range, byte_ranges(path, RANGE_BYTES)):
            handle.writelines(_row(i, s) for i, s in part)


# -- DuckDB ---------------------------------------------------------------------------------------


def checklist_tables(
    checklist: Checklist,
) -> tuple[list[tuple[object, ...]], list[tuple[object, ...]]]:
    """The items ``(item, section, weight, critical, levels)`` and the sections
    ``(section, section_weight, item_weight)`` (the sum of its items' weights) of a checklist."""
    items = [
        (item.code, section.code, float(item.weight), item.critical, item.levels)
        for section in checklist.sections
        for item in section.items
    ]
    sections = [
        (section.code, float(section.weight), float(sum(i.weight for i in section.items)))
        for section in checklist.sections
    ]
    return items, sections


DUCKDB_SQL = """
COPY (
    WITH answers AS (
        SELECT id, unnest(responses, recursive := true)
        FROM read_json('{path}', format = 'newline_delimited',
                       columns = {{id: 'VARCHAR', responses: 'STRUCT(item VARCHAR, answer VARCHAR)[]'}})
    ),
    valued AS (
        SELECT a.id, i.section, i.weight, i.critical,
            CASE a.answer
                WHEN 'compliant' THEN 1.0::DOUBLE
                WHEN 'partial' THEN 0.5::DOUBLE
                WHEN 'non_compliant' THEN 0.0::DOUBLE
                WHEN 'not_applicable' THEN NULL
                ELSE TRY_CAST(a.answer AS INTEGER) / (i.levels - 1)
            END AS value
        FROM answers a JOIN items i USING (item)
    ),
    by_section AS (
        -- sum() skips the NULL values of not_applicable items
        SELECT id, section,
            sum(weight * value) AS num,
            coalesce(sum(weight) FILTER (WHERE value IS NULL), 0) AS na_weight,
            coalesce(bool_or(critical AND value = 0), false) AS capped
        FROM valued GROUP BY id, section
    ),
    means AS (
        SELECT b.id, s.section_weight AS sw, b.capped,
            CASE WHEN s.item_weight - b.na_weight > 0
                 THEN coalesce(b.num, 0) / (s.item_weight - b.na_weight) END AS mean
        FROM by_section b JOIN sections s USING (section)
    ),
    overall AS (
        -- a section with no response at all counts 0 with its weight (unanswered items count 0);
        -- one whose items are all N/A leaves the mean
        SELECT id, bool_or(capped) AS capped,
            100 * (sum(sw * mean)
                   / nullif({total} - coalesce(sum(sw) FILTER (WHERE mean IS NULL), 0), 0)) AS raw
        FROM means GROUP BY id
    )
    SELECT id, CASE WHEN capped THEN least(raw, {cap}) ELSE raw END AS score FROM overall
) TO '{out}' (HEADER)
"""


def run_duckdb(path: Path, out: Path, checklist: Checklist, threads: int | None) -> None:
    """The same rules in SQL: unnest the responses, join the checklist's tables, aggregate."""
    import duckdb

    items, sections = checklist_tables(checklist)
    con = duckdb.connect()
    if threads is not None:
        con.execute(f"SET threads = {threads}")
    con.execute(
        "CREATE TABLE items (item VARCHAR, section VARCHAR, weight DOUBLE, critical BOOLEAN,"
        " levels INTEGER)"
    )
    con.executemany("INSERT INTO items VALUES (?, ?, ?, ?, ?)", items)
    con.execute(
        "CREATE TABLE sections (section VARCHAR, section_weight DOUBLE, item_weight DOUBLE)"
    )
    con.executemany("INSERT INTO sections VALUES (?, ?, ?)", sections)
    total = float(sum(s.weight for s in checklist.sections))
    con.execute(DUCKDB_SQL.format(path=path, out=out, total=repr(total), cap=repr(CAP)))
    con.close()


# -- polars ---------------------------------------------------------------------------------------


def run_polars(path: Path, out: Path, checklist: Checklist) -> None:
    """The same rules as a lazy polars query: explode, unnest, join, group by section, by id."""
    import polars as pl

    items, sections = checklist_tables(checklist)
    item_frame = pl.LazyFrame(
        items, schema=["item", "section", "weight", "critical", "levels"], orient="row"
    )
    section_frame = pl.LazyFrame(
        sections, schema=["section", "section_weight", "item_weight"], orient="row"
    )
    total = float(sum(s.weight for s in checklist.sections))
    schema = {
        "id": pl.String,
        "responses": pl.List(pl.Struct({"item": pl.String, "answer": pl.String})),
    }
    answer = pl.col("answer")
    value = (
        pl.when(answer == "compliant")
        .then(1.0)
        .when(answer == "partial")
        .then(0.5)
        .when(answer == "non_compliant")
        .then(0.0)
        .when(answer == "not_applicable")
        .then(None)
        .otherwise(answer.cast(pl.Int64, strict=False) / (pl.col("levels") - 1))
    )
    weighted = pl.col("weight") * pl.col("value")
    na_weight = pl.col("weight").filter(pl.col("value").is_null()).sum()
    den = pl.col("item_weight") - pl.col("na_weight")
    kept = pl.col("section_weight").filter(pl.col("mean").is_null()).sum()
    raw = 100 * ((pl.col("section_weight") * pl.col("mean")).sum() / (total - kept))
    result = (
        pl.scan_ndjson(path, schema=schema)
        .explode("responses")
        .unnest("responses")
        .join(item_frame, on="item")
        .with_columns(value=value)
        .group_by("id", "section")
        .agg(
            num=weighted.sum(),
            na_weight=na_weight,
            capped=(pl.col("critical") & (pl.col("value") == 0)).any(),
        )
        .join(section_frame, on="section")
        .with_columns(mean=pl.when(den > 0).then(pl.col("num") / den))
        .group_by("id")
        .agg(raw=pl.when(total - kept > 0).then(raw), capped=pl.col("capped").any())
        .select(
            "id",
            score=pl.when(pl.col("capped"))
            .then(pl.min_horizontal("raw", pl.lit(CAP)))
            .otherwise(pl.col("raw")),
        )
        .collect()
    )
    result.write_csv(out)


# -- pandas ---------------------------------------------------------------------------------------


def run_pandas(path: Path, out: Path, checklist: Checklist) -> None:
    """The pandas script of ``bench_scoring.py``, its scores written as the others are."""
    from bench_scoring import pandas_scores

    scores = pandas_scores(path, checklist)
    with out.open("w", encoding="utf-8") as handle:
        handle.write("id,score\n")
        handle.writelines(_row(i, s) for i, s in scores.items())


# -- the contenders --------------------------------------------------------------------------------

Runner = Callable[[Path, Path, Checklist], None]
CONTENDERS: dict[str, tuple[str | None, Runner]] = {
    "library": (None, run_library),
    f"library x{WORKERS}": (None, run_library_pool),
    "duckdb 1 thread": ("duckdb", lambda p, o, c: run_duckdb(p, o, c, threads=1)),
    "duckdb": ("duckdb", lambda p, o, c: run_duckdb(p, o, c, threads=None)),
    "polars": ("polars", run_polars),
    "pandas": ("pandas", run_pandas),
}


def cpu_seconds() -> float:
    """The CPU time (user and system) of this process, its threads and its ended children."""
    return sum(
        usage.ru_utime + usage.ru_stime
        for usage in map(resource.getrusage, (resource.RUSAGE_SELF, resource.RUSAGE_CHILDREN))
    )


def child(name: str, path: Path, out: Path) -> int:
    """Run one contender in this (sub)process; print its times and peak RSS as JSON."""
    checklist = reference_checklist()
    _, runner = CONTENDERS[name]
    cpu = cpu_seconds()
    start = time.perf_counter()
    runner(path, out, checklist)
    seconds = time.perf_counter() - start
    cpu = cpu_seconds() - cpu
    own = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss  # KiB on Linux
    workers = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss  # the largest worker
    print(json.dumps({"seconds": seconds, "cpu": cpu, "rss_kib": own, "worker_rss_kib": workers}))
    return 0


def model_scores(path: Path, checklist: Checklist) -> dict[str, float | None]:
    """The library's scores on the model path: ``iter_inspections`` then ``score_inspection``."""
    return {
        result.inspection_id: result.score
        for result in (score_inspection(i, checklist) for i in iter_inspections(path))
    }


def read_scores(path: Path) -> dict[str, float | None]:
    """The ``id,score`` rows of a contender's CSV file (an empty score is ``None``)."""
    with path.open(encoding="utf-8", newline="") as handle:
        reader = csv.reader(handle)
        next(reader)
        return {row[0]: float(row[1]) if row[1] else None for row in reader}


def compare(
    ours: dict[str, float | None], theirs: dict[str, float | None]
) -> tuple[int, int, float]:
    """How many scores agree within the tolerance, how many bit for bit, and the largest gap."""
    close = bitwise = 0
    worst = 0.0
    for key, score in ours.items():
        other = theirs.get(key)
        if score is None or other is None:
            same = score is None and other is None and key in theirs
            close += same
            bitwise += same
            continue
        gap = abs(score - other)
        worst = max(worst, gap)
        close += gap <= TOLERANCE
        bitwise += score == other
    return close, bitwise, worst


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--lines", type=int, default=20_000, help="inspections (default 20,000)")
    parser.add_argument("--quick", action="store_true", help="a smoke run: 200 inspections")
    parser.add_argument("--only", nargs="+", choices=list(CONTENDERS), help="run only these")
    parser.add_argument("--child", choices=list(CONTENDERS), help=argparse.SUPPRESS)
    parser.add_argument("--input", type=Path, help=argparse.SUPPRESS)
    parser.add_argument("--output", type=Path, help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    if args.child:
        return child(args.child, args.input, args.output)
    count = 200 if args.quick else args.lines
    if count < 1:
        parser.error(f"--lines must be at least 1, not {count}")
    names = args.only or list(CONTENDERS)
    if "library" not in names:
        names.insert(0, "library")  # the reference the others are checked against

    checklist = reference_checklist()
    figures: dict[str, dict[str, float]] = {}
    failures: list[str] = []
    checks: list[str] = []
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "inspections.jsonl"
        start = time.perf_counter()
        size = write_lines(path, count, checklist)
        print(
            f"python {platform.python_version()}, {os.cpu_count()} CPUs; {count:,} inspections of "
            f"the reference checklist, {size / count:,.0f} bytes a line "
            f"(written in {time.perf_counter() - start:.1f} s)"
        )
        ours: dict[str, float | None] = {}
        for name in names:
            package = CONTENDERS[name][0]
            if package is not None and importlib.util.find_spec(package) is None:
                print(
                    f"{name}: skipped: {package} is not installed (pip install citizenrights[bench])"
                )
                continue
            out = Path(folder) / f"{name.replace(' ', '-')}.csv"
            command = [sys.executable, __file__, "--child", name, "--input", str(path)]
            done = subprocess.run(  # noqa: S603 - this script, with arguments it made
                [*command, "--output", str(out)], capture_output=True, text=True, check=False
            )
            if done.returncode != 0:
                failures.append(f"{name} failed: {done.stderr.strip()[-1500:]}")
                continue
            figures[name] = json.loads(done.stdout.strip().splitlines()[-1])
            scores = read_scores(out)
            out.unlink()
            if name == "library":
                ours = scores
                # The reference itself: the fast path's scores are the model path's, bit for bit.
                model = model_scores(path, checklist)
                same = sum(1 for k, v in model.items() if k in ours and ours[k] == v)
                checks.append(
                    f"library: {same:,} of {count:,} scores equal to score_inspection's of the "
                    "validated models, bit for bit"
                )
                if same != count or len(ours) != count:
                    failures.append(f"library disagrees with the model path on {count - same:,}")
                continue
            close, bitwise, worst = compare(ours, scores)
            checks.append(
                f"{name}: {close:,} of {count:,} scores within {TOLERANCE:g} of the library's, "
                f"{bitwise:,} bit for bit (largest difference {worst:.1e})"
            )
            if close != count or len(scores) != count:
                failures.append(f"{name} disagrees with the library on {count - close:,} scores")

    for line in checks:
        print(line)
    for failure in failures:
        print(f"FAILED: {failure}")
    if failures or not ours:
        return 1
    print(
        f"{'':18s}{'wall s':>9s}{'CPU s':>8s}{'inspections/s':>15s}{'peak RSS':>12s}"
        f"{'x duckdb 1 thread':>19s}{'x duckdb':>10s}"
    )
    one = figures.get("duckdb 1 thread")
    default = figures.get("duckdb")
    for name, figure in figures.items():
        rate = count / figure["seconds"]
        rss = figure["rss_kib"] / 1024
        if name.startswith("library x"):
            rss += WORKERS * figure["worker_rss_kib"] / 1024
        ratios = "".join(
            f"{(rate * base['seconds'] / count) if base else float('nan'):>{width}.2f}"
            for base, width in ((one, 19), (default, 10))
        )
        print(
            f"{name:18s}{figure['seconds']:9.2f}{figure['cpu']:8.2f}{rate:15,.0f}"
            f"{rss:9,.0f} MB{ratios}"
        )
    print(
        f"(CPU s: user and system time of the contender's process, its threads and workers; on a "
        "busy machine the wall time of a one-thread contender strays above it. Peak RSS: of the "
        f"contender's process, whole; for library x{WORKERS}, the main process plus {WORKERS} "
        "times its largest worker. Ratios: inspections/s over the peer's; > 1 is faster than it.)"
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
