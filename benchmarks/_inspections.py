"""What the benchmark scripts share (private): realistic inspection lines and a fair timer.

The scripts run as ``python benchmarks/bench_x.py``, so Python puts this folder first on
``sys.path`` and they import this module by its plain name.
"""

from __future__ import annotations

import gc
import json
import random
import time
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any

from citizenrights import Checklist, format_jalali, from_jalali

FIRST_NAMES = ["مریم", "علی", "زهرا", "محمدرضا", "فاطمه", "حسین", "نرگس", "رضا", "سارا", "مهدی"]
LAST_NAMES = ["احمدی", "رضایی", "کریمی", "حسینی", "موسوی", "جعفری", "صادقی", "قاسمی", "نوری"]
NOTES = [
    "تابلوی راهنما در طبقه دوم نصب نشده است.",
    "صندوق پیشنهادها هفتگی بازگشایی می‌شود.",
    "میز خدمت در ساعات اداری دایر بود.",
    "منشور حقوق شهروندی در ورودی ساختمان نصب شده است.",
]


def make_lines(count: int, checklist: Checklist, seed: int = 1396) -> list[bytes]:
    """JSON lines (UTF-8) of inspections of the checklist, deterministic for a seed.

    Shaped like real data: every item answered (some N/A), a Jalali date as text, a joint team
    with Persian names, Persian notes and up to three findings.
    """
    rng = random.Random(seed)
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
        responses: list[dict[str, Any]] = []
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
        lines.append(json.dumps(record, ensure_ascii=False).encode("utf-8"))
    return lines


def best_times(repeats: int, runs: dict[str, Callable[[], object]]) -> dict[str, float]:
    """The fastest of several runs of each contender, in CPU seconds.

    The contenders take turns within each repeat, so that a busy machine slows them alike, and the
    clock is the process's CPU time. As ``timeit`` does, the garbage collector is off while timing.
    """
    best = dict.fromkeys(runs, float("inf"))
    enabled = gc.isenabled()
    gc.disable()
    try:
        for _ in range(repeats):
            for name, run in runs.items():
                start = time.process_time()
                run()
                best[name] = min(best[name], time.process_time() - start)
    finally:
        if enabled:
            gc.enable()
    return best


def write_lines(
    path: Path,
    count: int,
    checklist: Checklist,
    seed: int = 1396,
    *,
    agencies: Sequence[str] | None = None,
) -> int:
    """Write ``count`` inspection lines of `make_lines` to a JSONL file, in flat memory.

    The lines are made in blocks of 10,000 (each block from its own seed), with the block number
    in each id so that ids stay distinct: a million lines never sit in memory at once.

    Args:
        path: The JSONL file to write (replaced if it exists).
        count: How many lines.
        checklist: The checklist the inspections answer.
        seed: The seed of the first block.
        agencies: Agency ids to use instead of the made-up ``AG-0000`` … ``AG-0299`` (so that the
            lines fit a dataset's ``agencies.json``): ``AG-n`` becomes ``agencies[n % len]``, the
            rest of each line unchanged. ``None`` (the default) keeps the made-up ids.

    Returns:
        The size of the file, in bytes.
    """
    block = 10_000
    with path.open("wb") as out:
        for start in range(0, count, block):
            lines = make_lines(min(block, count - start), checklist, seed + start // block)
            old, tag = b'{"id": "INS-1396-', b'{"id": "INS-1396-%03d' % (start // block)
            if not lines[0].startswith(old):  # pragma: no cover - make_lines changed its ids
                raise AssertionError(f"a line does not start with {old!r}: {lines[0][:40]!r}")
            if agencies is not None:
                lines = [_use_agencies(line, agencies) for line in lines]
            out.writelines(tag + line[len(old) :] + b"\n" for line in lines)
    return path.stat().st_size


_AGENCY = b'"agency_id": "AG-'


def _use_agencies(line: bytes, agencies: Sequence[str]) -> bytes:
    """A line of `make_lines` with its ``AG-nnnn`` agency id replaced by ``agencies[n % len]``."""
    start = line.index(_AGENCY) + len(_AGENCY)  # make_lines writes AG- and four digits
    agency = agencies[int(line[start : start + 4]) % len(agencies)]
    return line[: start - 3] + json.dumps(agency).encode()[1:-1] + line[start + 4 :]
