"""Benchmark inspection scoring (DESIGN section 7): against json.loads, and against pandas.

Usage::

    python benchmarks/bench_scoring.py            # the full run: 20,000 inspections
    python benchmarks/bench_scoring.py --quick    # a smoke run: 300 inspections, one repeat

It writes a JSONL file of inspections of the reference checklist shaped like real data (every item
answered, some N/A, a Jalali date as text, a joint team with Persian names, Persian notes and
findings), then, in one run:

1. checks the answers: the stream of scores from the file equals scoring the validated list, and
   the pandas script a user would write for the same rules gives the same scores (compared at the
   displayed precision, and counted bit for bit);
2. times, per inspection and as a ratio to ``json.loads`` of the same line (as ``str``):
   ``json.loads``; ``Inspection.model_validate_json`` and its fast path
   ``Inspection.validate_json_line``, and ``Inspection.fast_dict`` (plain dicts, no models);
   ``score_inspection`` on validated inspections (also on a copy of the checklist with uneven
   weights); a JSON line to its score, by either validation, by ``score_json_line`` (the fast
   path: plain dicts, the codes and answers checked by the checklist's look-ups) and by a
   ``JsonLineScorer`` (the same, as the ``score`` command reads a file);
   the whole stream from the JSONL file to scores, as the ``score`` command reads it
   (``iter_numbered`` with a ``JsonLineScorer``; no list), and on the model path
   (``iter_inspections``, then ``score_inspection``); and
   the pandas script from the same file to scores. Every run takes one line (or inspection) at a
   time and drops each result as soon as it is made: keeping thousands of parsed dicts alive
   would slow ``json.loads`` most, and flatter the ratios;
3. measures the tracemalloc peak of the stream for N and 4N lines: flat memory means the peak does
   not grow with the file.

Targets: score < 1x json.loads; a JSON line to its score <= 2.5x json.loads; the library faster
than pandas end to end. Times are CPU time, the best of several repeats, the contenders taking turns in each repeat
(so a busy machine slows them alike), with the garbage collector off while timing (as timeit does).

Exit status: 0 when every answer agrees (whatever the timings), 1 otherwise.
"""

from __future__ import annotations

import argparse
import gc
import json
import math
import platform
import sys
import tempfile
import tracemalloc
from collections.abc import Callable, Iterable, Iterator
from pathlib import Path

from _inspections import best_times, make_lines
from citizenrights import (
    Checklist,
    Inspection,
    InspectionScore,
    JsonLineScorer,
    iter_inspections,
    iter_numbered,
    reference_checklist,
    round_half_up,
    score_inspection,
    score_json_line,
)

CAP = 59.99  # ScoringPolicy().critical_cap, repeated in the pandas script as a user would
MEMORY_MIN = 3_000  # lines streamed at least, for the memory check


# -- data -------------------------------------------------------------------------------------


def reweighted(checklist: Checklist) -> Checklist:
    """A copy of the checklist with uneven section and item weights (the general sums)."""
    data = checklist.model_dump(mode="json")
    for s, section in enumerate(data["sections"]):
        section["weight"] = 1 + s % 3
        for i, item in enumerate(section["items"]):
            item["weight"] = (0.5, 1.0, 1.5, 2.0)[i % 4]
    return Checklist.model_validate(data)


# -- the library --------------------------------------------------------------------------------


def stream_scores(
    path: Path, checklist: Checklist, *, models: bool = False
) -> Iterator[InspectionScore]:
    """Read a JSONL file line by line (the library's reader), each line straight to its score
    (or, with ``models``, to an ``Inspection``, then scored): nothing is kept."""
    if models:
        for inspection in iter_inspections(path):
            yield score_inspection(inspection, checklist)
        return
    for _, result in iter_numbered(path, Inspection, read=JsonLineScorer(checklist)):
        yield result


def stream_summary(path: Path, checklist: Checklist, *, models: bool = False) -> tuple[int, float]:
    """Stream a file to scores and keep only a count and a sum: what a batch job would do."""
    count, total = 0, 0.0
    for result in stream_scores(path, checklist, models=models):
        count += 1
        total += result.score or 0.0
    return count, total


# -- the obvious pandas script ------------------------------------------------------------------


def pandas_scores(path: Path, checklist: Checklist) -> dict[str, float]:
    """The same rules as a user would write them with pandas: explode, merge, group by section."""
    import numpy as np
    import pandas as pd

    df = pd.read_json(path, lines=True, dtype=False)
    items = pd.DataFrame(
        [
            {
                "item": item.code,
                "section": section.code,
                "weight": item.weight,
                "critical": item.critical,
                "levels": item.levels,
                "named": not isinstance(item.scale, int),
            }
            for section in checklist.sections
            for item in section.items
        ]
    )
    sections = pd.DataFrame(
        [{"section": s.code, "section_weight": s.weight} for s in checklist.sections]
    )
    exploded = df[["id", "responses"]].explode("responses", ignore_index=True)
    answers = pd.concat(
        [exploded["id"], pd.json_normalize(exploded["responses"].tolist())[["item", "answer"]]],
        axis=1,
    )
    # Every item of every inspection, so that an unanswered item counts 0.
    grid = df[["id"]].merge(items, how="cross").merge(answers, on=["id", "item"], how="left")
    grid["na"] = grid["answer"].eq("not_applicable")
    grid["answered"] = grid["answer"].notna() & ~grid["na"]
    named = grid["answer"].map({"compliant": 1.0, "partial": 0.5, "non_compliant": 0.0})
    level = pd.to_numeric(grid["answer"].where(~grid["named"]), errors="coerce")
    grid["value"] = named.where(grid["named"], level / (grid["levels"] - 1)).fillna(0.0)
    applicable = grid[~grid["na"]].copy()
    applicable["wv"] = applicable["weight"] * applicable["value"]
    by_section = (
        applicable.groupby(["id", "section"])
        .agg(wv=("wv", "sum"), w=("weight", "sum"))
        .reset_index()
        .merge(sections, on="section")
    )
    by_section["swm"] = by_section["section_weight"] * by_section["wv"] / by_section["w"]
    by_inspection = by_section.groupby("id").agg(swm=("swm", "sum"), sw=("section_weight", "sum"))
    raw = 100 * by_inspection["swm"] / by_inspection["sw"]
    failed = grid[grid["critical"] & grid["answered"] & grid["value"].eq(0.0)]["id"].unique()
    score = np.where(raw.index.isin(failed), np.minimum(raw, CAP), raw)
    return dict(zip(raw.index, score.tolist(), strict=True))


# -- timing -------------------------------------------------------------------------------------


def each(work: Callable[[object], object], items: Iterable[object]) -> Callable[[], None]:
    """A run that does ``work`` on every item, one at a time, dropping each result at once."""

    def run() -> None:
        for item in items:
            work(item)

    return run


def peak_memory(path: Path, checklist: Checklist) -> tuple[int, int]:
    """The tracemalloc peak of streaming a file to scores, and what is still held after it.

    The second figure is taken after a full collection, which also empties the interpreter's
    freelists: what a stream keeps for good.
    """
    gc.collect()
    tracemalloc.start()
    try:
        stream_summary(path, checklist)
        peak = tracemalloc.get_traced_memory()[1]
        gc.collect()
        return peak, tracemalloc.get_traced_memory()[0]
    finally:
        tracemalloc.stop()


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description="Inspection scoring vs json.loads and pandas.")
    parser.add_argument("--quick", action="store_true", help="a smoke run")
    parser.add_argument("--inspections", type=int, default=None, help="number of inspections")
    parser.add_argument("--no-pandas", action="store_true", help="leave the pandas script out")
    args = parser.parse_args(argv)
    count = args.inspections or (300 if args.quick else 20_000)
    repeats = 1 if args.quick else 5
    try:
        import pandas  # noqa: F401
    except ImportError:
        args.no_pandas = True
        print("pandas is not installed (pip install citizenrights[bench]): its part is skipped")

    checklist = reference_checklist()
    uneven = reweighted(checklist)
    lines = make_lines(count, checklist)
    failures: list[str] = []
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "inspections.jsonl"
        path.write_bytes(b"\n".join(lines) + b"\n")
        # Freelists of the interpreter (up to 2,000 tuples of each small size, ...) keep freed
        # objects allocated and tracemalloc counts them: the peak creeps up over the first few
        # thousand lines and then stays, so the memory check streams at least that many.
        memory_lines = lines if count >= MEMORY_MIN else make_lines(MEMORY_MIN, checklist, seed=1)
        small = Path(folder) / "inspections-n.jsonl"
        small.write_bytes(b"\n".join(memory_lines) + b"\n")
        big = Path(folder) / "inspections-4n.jsonl"
        big.write_bytes((b"\n".join(memory_lines) + b"\n") * 4)
        validated = [Inspection.model_validate_json(line) for line in lines]

        # 1. The answers.
        listed = {r.inspection_id: r for r in (score_inspection(i, checklist) for i in validated)}
        for models in (False, True):
            streamed = {r.inspection_id: r for r in stream_scores(path, checklist, models=models)}
            if listed != streamed:
                failures.append("the stream from the file and the validated list disagree")
        from_lines = {r.inspection_id: r for r in (score_json_line(t, checklist) for t in lines)}
        if listed != from_lines:
            failures.append("score_json_line and score_inspection disagree")
        scorer = JsonLineScorer(checklist)
        if listed != {r.inspection_id: r for r in map(scorer, lines)} or not scorer.fast:
            failures.append("JsonLineScorer and score_inspection disagree")
        scores = {k: r.score for k, r in listed.items()}
        if not args.no_pandas:
            theirs = pandas_scores(path, checklist)
            pairs = [(s, theirs.get(k)) for k, s in scores.items()]
            close = sum(
                1 for s, t in pairs if s is not None and t is not None and abs(s - t) <= 1e-9
            )
            bitwise = sum(1 for s, t in pairs if s == t)
            display = sum(
                1
                for s, t in pairs
                if s is not None and t is not None and round_half_up(s, 2) != round_half_up(t, 2)
            )
            worst = max(abs((s or 0.0) - (t if t is not None else math.inf)) for s, t in pairs)
            if close != count or set(theirs) != set(scores):
                failures.append(f"pandas and the library disagree on {count - close} scores")

        # 2. The times.
        texts = [line.decode("utf-8") for line in lines]
        runs: dict[str, Callable[[], object]] = {
            "loads": each(json.loads, texts),
            "validate": each(Inspection.model_validate_json, texts),
            "fast": each(Inspection.validate_json_line, texts),
            "dicts": each(Inspection.fast_dict, texts),
            "score": each(lambda i: score_inspection(i, checklist), validated),
            "score_uneven": each(lambda i: score_inspection(i, uneven), validated),
            "line_score": each(
                lambda t: score_inspection(Inspection.model_validate_json(t), checklist), texts
            ),
            "line_score_fast": each(
                lambda t: score_inspection(Inspection.validate_json_line(t), checklist), texts
            ),
            "line_score_dicts": each(lambda t: score_json_line(t, checklist), texts),
            "line_scorer": each(JsonLineScorer(checklist), texts),
            "stream": lambda: stream_summary(path, checklist),
            "stream_models": lambda: stream_summary(path, checklist, models=True),
        }
        times = best_times(repeats, runs)
        if not args.no_pandas:
            times.update(
                best_times(max(1, repeats // 2), {"pandas": lambda: pandas_scores(path, checklist)})
            )

        # 3. The memory.
        stream_summary(small, checklist)  # warm up: fill the freelists and caches
        peak_n, held_n = peak_memory(small, checklist)
        peak_4n, held_4n = peak_memory(big, checklist)

    loads = times["loads"]
    size = sum(map(len, lines)) / count
    print(
        f"python {platform.python_version()}, {count:,} inspections of the reference checklist "
        f"({len(list(checklist.items()))} items), {size:,.0f} bytes per line on average"
    )
    print(f"{'':42s}{'µs/inspection':>14s}{'x json.loads':>14s}")
    rows = [
        ("json.loads (str, one at a time)", "loads", None),
        ("Inspection.model_validate_json", "validate", 2.0),
        ("Inspection.validate_json_line", "fast", 2.0),
        ("Inspection.fast_dict (dicts, no models)", "dicts", None),
        ("score_inspection (validated)", "score", 1.0),
        ("  same, checklist with uneven weights", "score_uneven", 1.0),
        ("JSON line -> score (model_validate_json)", "line_score", 2.5),
        ("JSON line -> score (validate_json_line)", "line_score_fast", 2.5),
        ("JSON line -> score (score_json_line)", "line_score_dicts", 2.5),
        ("JSON line -> score (JsonLineScorer)", "line_scorer", 2.5),
        ("stream: JSONL file -> scores", "stream", 2.5),
        ("  same, model path (iter_inspections)", "stream_models", 2.5),
        ("pandas script: JSONL file -> scores", "pandas", None),
    ]
    for label, key, target in rows:
        if key not in times:
            continue
        ratio = times[key] / loads
        note = ""
        if target is not None:
            ok = ratio < target if target == 1.0 else ratio <= target
            note = f"   target {'<' if target == 1.0 else '<='} {target:g}x: {'meets' if ok else 'misses'}"
        print(f"{label:42s}{times[key] / count * 1e6:14.1f}{ratio:14.2f}{note}")
    if "pandas" in times:
        speedup = times["pandas"] / times["stream"]
        verdict = "meets" if speedup > 1 else "misses"
        print(f"library stream vs pandas script: {speedup:.2f}x faster (target > 1x: {verdict})")
        print(
            f"scores: {close:,} of {count:,} equal to pandas within 1e-9 ({bitwise:,} bit for bit; "
            f"largest difference {worst:.1e})"
        )
        if display:
            print(
                f"  {display:,} display differently at 2 decimals: pandas' float sums land just "
                "below an exact half (65.62499999999999 for 525/8), which fsum gets exact (65.625)"
            )
    n = len(memory_lines)
    print(
        f"memory (tracemalloc peak of the stream): {n:,} lines {peak_n / 2**20:.2f} MiB, "
        f"{4 * n:,} lines {peak_4n / 2**20:.2f} MiB (x{peak_4n / peak_n:.2f}); held after it: "
        f"{held_n / 2**10:.0f} KiB and {held_4n / 2**10:.0f} KiB"
    )
    for failure in failures:
        print(f"FAILED: {failure}")
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
