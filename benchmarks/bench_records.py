"""Benchmark record validation against plain JSON parsing (DESIGN section 7).

Usage::

    python benchmarks/bench_records.py           # the full run (5,000 lines)
    python benchmarks/bench_records.py --quick   # a smoke run (200 lines, one repeat)

It writes JSON lines of inspections of the reference checklist shaped like real data (every item
answered, a Jalali date as text, a joint team with Persian names, Persian notes and findings),
then times, on each line as ``str``, ``json.loads``, ``Inspection.model_validate_json``, its
fast path ``Inspection.validate_json_line`` and ``Inspection.fast_dict`` (the same validation to
plain dicts, which ``score_json_line`` scores from; no target: it makes no record) -- the best of
several repeats over all lines, one line at a time, each result dropped as soon as it is made --
and prints them and their ratios to ``json.loads``. The target of the two that make a record is a
ratio of at most 2.

Exit status: 0 when every line validated and fits the checklist (whatever the timings), else 1.
"""

from __future__ import annotations

import argparse
import json
import platform
import sys
from collections.abc import Callable

from _inspections import best_times, make_lines
from citizenrights import Inspection, reference_checklist

TARGET = 2.0


def parse_each(parse: Callable[[str], object], lines: list[str]) -> Callable[[], None]:
    """A run that parses every line, dropping each result as soon as it is made.

    What is measured is the parsing, not keeping thousands of results alive.
    """

    def run() -> None:
        for line in lines:
            parse(line)

    return run


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description="Inspection validation vs json.loads.")
    parser.add_argument("--quick", action="store_true", help="a smoke run")
    parser.add_argument("--lines", type=int, default=None, help="number of JSON lines")
    args = parser.parse_args(argv)
    count = args.lines or (200 if args.quick else 5_000)
    repeats = 1 if args.quick else 11

    checklist = reference_checklist()
    lines = [line.decode("utf-8") for line in make_lines(count, checklist)]
    bad = differ = 0
    for line in lines:  # correctness first: every line is a valid, fitting inspection
        inspection = Inspection.model_validate_json(line)
        if inspection.check_against(checklist):
            bad += 1
        if Inspection.validate_json_line(line) != inspection:
            differ += 1
        fields = Inspection.fast_dict(line)
        if fields is None or Inspection.model_validate(fields) != inspection:
            differ += 1

    times = best_times(
        repeats,
        {
            "loads": parse_each(json.loads, lines),
            "validate": parse_each(Inspection.model_validate_json, lines),
            "fast": parse_each(Inspection.validate_json_line, lines),
            "dicts": parse_each(Inspection.fast_dict, lines),
        },
    )
    t_loads = times["loads"]
    size = sum(len(line.encode("utf-8")) for line in lines) / count

    print(f"python {platform.python_version()}, {count} lines of {size:,.0f} bytes on average")
    print(f"{'':40s}{'µs/line':>10s}{'x json.loads':>14s}")
    for label, key in [
        ("json.loads (str, one at a time)", "loads"),
        ("Inspection.model_validate_json", "validate"),
        ("Inspection.validate_json_line", "fast"),
        ("Inspection.fast_dict (dicts, no models)", "dicts"),
    ]:
        ratio = times[key] / t_loads
        note = ""
        if key in ("validate", "fast"):
            note = f"   target <= {TARGET:g}x: {'meets' if ratio <= TARGET else 'misses'}"
        print(f"{label:40s}{times[key] / count * 1e6:10.1f}{ratio:14.2f}{note}")
    if bad:
        print(f"{bad} line(s) did not fit the reference checklist")
    if differ:
        print(f"{differ} line(s) read differently by the fast path")
    return 1 if bad or differ else 0


if __name__ == "__main__":
    sys.exit(main())
