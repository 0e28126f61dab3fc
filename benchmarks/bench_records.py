"""Benchmark record validation against plain JSON parsing (DESIGN section 7).

Usage::

    python benchmarks/bench_records.py           # the full run (5,000 lines)
    python benchmarks/bench_records.py --quick   # a smoke run (200 lines, one repeat)

It writes JSON lines of inspections of the reference checklist shaped like real data (every item
answered, a Jalali date as text, a joint team with Persian names, Persian notes and findings),
then times ``Inspection.model_validate_json`` on each line beside ``json.loads`` of the same line
(the best of several repeats over all lines) and prints both and their ratio. The target is a
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


def parse_each(parse: Callable[[bytes], object], lines: list[bytes]) -> Callable[[], None]:
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
    repeats = 1 if args.quick else 7

    checklist = reference_checklist()
    lines = make_lines(count, checklist)
    bad = 0
    for line in lines:  # correctness first: every line is a valid, fitting inspection
        if Inspection.model_validate_json(line).check_against(checklist):
            bad += 1

    times = best_times(
        repeats,
        {
            "loads": parse_each(json.loads, lines),
            "validate": parse_each(Inspection.model_validate_json, lines),
        },
    )
    t_loads, t_validate = times["loads"], times["validate"]
    ratio = t_validate / t_loads
    size = sum(map(len, lines)) / count

    print(f"python {platform.python_version()}, {count} lines of {size:,.0f} bytes on average")
    print(f"json.loads                    {t_loads / count * 1e6:8.1f} µs/line")
    print(f"Inspection.model_validate_json {t_validate / count * 1e6:7.1f} µs/line")
    verdict = "meets" if ratio <= TARGET else "misses"
    print(f"ratio {ratio:.2f}x ({verdict} the target of <= {TARGET:g}x)")
    if bad:
        print(f"{bad} line(s) did not fit the reference checklist")
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
