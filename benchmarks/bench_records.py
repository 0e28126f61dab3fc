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
import gc
import json
import platform
import random
import sys
import time
from collections.abc import Callable

from citizenrights import Inspection, format_jalali, from_jalali, reference_checklist

TARGET = 2.0
FIRST_NAMES = ["مریم", "علی", "زهرا", "محمدرضا", "فاطمه", "حسین", "نرگس", "رضا", "سارا", "مهدی"]
LAST_NAMES = ["احمدی", "رضایی", "کریمی", "حسینی", "موسوی", "جعفری", "صادقی", "قاسمی", "نوری"]
NOTES = [
    "تابلوی راهنما در طبقه دوم نصب نشده است.",
    "صندوق پیشنهادها هفتگی بازگشایی می‌شود.",
    "میز خدمت در ساعات اداری دایر بود.",
    "منشور حقوق شهروندی در ورودی ساختمان نصب شده است.",
]


def make_lines(count: int, seed: int = 1396) -> list[str]:
    """JSON lines of inspections of the reference checklist, deterministic for a seed."""
    rng = random.Random(seed)
    checklist = reference_checklist()
    items = list(checklist.items())
    first_day = from_jalali(1396, 1, 1).toordinal()
    lines = []
    for n in range(count):
        day = from_jalali(1396, 1, 1).fromordinal(first_day + rng.randrange(700))
        team = [
            {
                "name": f"{rng.choice(FIRST_NAMES)} {rng.choice(LAST_NAMES)}",
                "affiliation": affiliation,
                **({"role": "سرپرست"} if k == 0 else {}),
            }
            for k, affiliation in enumerate(["areo", "moi", rng.choice(["ngo", "agency"])])
        ]
        responses = []
        for item in items:
            if item.critical:
                answer = rng.choices(["compliant", "non_compliant"], [9, 1])[0]
            elif item.levels == 2:
                answer = rng.choice(["compliant", "non_compliant"])
            else:
                answer = rng.choices(
                    ["compliant", "partial", "non_compliant", "not_applicable"], [6, 3, 2, 1]
                )[0]
            response = {"item": item.code, "answer": answer}
            if rng.random() < 0.15:
                response["note"] = rng.choice(NOTES)
            responses.append(response)
        findings = [
            {
                "item": r["item"],
                "severity": rng.choice(["minor", "major"]),
                "description": rng.choice(NOTES),
                "due": format_jalali(day.fromordinal(day.toordinal() + 30)),
            }
            for r in responses
            if r["answer"] == "non_compliant"
        ][:3]
        record = {
            "id": f"INS-1396-{n:06d}",
            "agency_id": f"AG-{rng.randrange(300):04d}",
            "checklist_id": checklist.id,
            "checklist_version": checklist.version,
            "kind": rng.choice(["periodic", "periodic", "ad_hoc"]),
            "date": format_jalali(day),
            "team": team,
            "responses": responses,
            "findings": findings,
        }
        lines.append(json.dumps(record, ensure_ascii=False))
    return lines


def best_times(
    repeats: int, parsers: dict[str, Callable[[bytes], object]], lines: list[bytes]
) -> dict[str, float]:
    """The fastest of several runs of each parser over every line, in CPU seconds.

    The parsers take turns within each repeat, so that a busy machine slows them alike, and the
    clock is the process's CPU time. As ``timeit`` does, the garbage collector is off while timing,
    and each result is dropped as soon as it is made: what is measured is the parsing.
    """
    best = dict.fromkeys(parsers, float("inf"))
    enabled = gc.isenabled()
    gc.disable()
    try:
        for _ in range(repeats):
            for name, parse in parsers.items():
                start = time.process_time()
                for line in lines:
                    parse(line)
                best[name] = min(best[name], time.process_time() - start)
    finally:
        if enabled:
            gc.enable()
    return best


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description="Inspection validation vs json.loads.")
    parser.add_argument("--quick", action="store_true", help="a smoke run")
    parser.add_argument("--lines", type=int, default=None, help="number of JSON lines")
    args = parser.parse_args(argv)
    count = args.lines or (200 if args.quick else 5_000)
    repeats = 1 if args.quick else 7

    lines = make_lines(count)
    encoded = [line.encode("utf-8") for line in lines]
    checklist = reference_checklist()
    bad = 0
    for line in encoded:  # correctness first: every line is a valid, fitting inspection
        if Inspection.model_validate_json(line).check_against(checklist):
            bad += 1

    times = best_times(
        repeats, {"loads": json.loads, "validate": Inspection.model_validate_json}, encoded
    )
    t_loads, t_validate = times["loads"], times["validate"]
    ratio = t_validate / t_loads
    size = sum(map(len, encoded)) / count

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
