"""Benchmark the Jalali calendar against jdatetime (DESIGN section 7).

Usage::

    python benchmarks/bench_calendar.py           # the full run
    python benchmarks/bench_calendar.py --quick   # a smoke run (few dates, few repeats)

For the same dates spread over the supported range (1206-1498 AP), it first checks that
citizenrights and jdatetime give identical answers, then times each operation timeit-style (the best
of several repeats over all the dates) and prints microseconds per call and the speed-up. The target
is a speed-up of at least 10x for each of to_jalali, from_jalali and period_of(d, QUARTER).

Exit status: 0 when all answers agree (whatever the timings), 1 when any answer differs.
"""

from __future__ import annotations

import argparse
import platform
import random
import sys
import timeit
from collections.abc import Callable, Sequence
from datetime import date, timedelta

import jdatetime

from citizenrights.calendar import PeriodKind, from_jalali, period_of, to_jalali

TARGET = 10.0
QUARTER = PeriodKind.QUARTER
ONE_DAY = timedelta(days=1)
FIRST = date(1827, 3, 22)  # 1206/01/01
LAST = date(2120, 3, 20)  # 1498/12/30


# -- the jdatetime way, as a user would write it ------------------------------------------------


def jd_to_jalali(d: date) -> tuple[int, int, int]:
    j = jdatetime.date.fromgregorian(date=d)
    return j.year, j.month, j.day


def jd_from_jalali(y: int, m: int, d: int) -> date:
    return jdatetime.date(y, m, d).togregorian()  # type: ignore[no-any-return]


def jd_quarter_bounds(d: date) -> tuple[date, date]:
    j = jdatetime.date.fromgregorian(date=d)
    first_month = (j.month - 1) // 3 * 3 + 1
    start = jdatetime.date(j.year, first_month, 1).togregorian()
    if first_month == 10:
        end = jdatetime.date(j.year + 1, 1, 1).togregorian() - ONE_DAY
    else:
        end = jdatetime.date(j.year, first_month + 3, 1).togregorian() - ONE_DAY
    return start, end


# -- ours ---------------------------------------------------------------------------------------


def our_quarter_bounds(d: date) -> tuple[date, date]:
    p = period_of(d, QUARTER)
    return p.start, p.end


# -- harness ------------------------------------------------------------------------------------


def sample_dates(n: int, seed: int = 1396) -> list[date]:
    """``n`` dates drawn uniformly from the supported range, plus its two ends."""
    rng = random.Random(seed)
    span = (LAST - FIRST).days
    return [FIRST, LAST, *(FIRST + timedelta(days=rng.randrange(span + 1)) for _ in range(n - 2))]


def verify(dates: Sequence[date], triples: Sequence[tuple[int, int, int]]) -> list[str]:
    """Every disagreement between citizenrights and jdatetime on the inputs, as text."""
    problems = []
    for d, ymd in zip(dates, triples, strict=True):
        if to_jalali(d) != ymd:
            problems.append(f"to_jalali({d}) = {to_jalali(d)}, jdatetime {ymd}")
        if from_jalali(*ymd) != jd_from_jalali(*ymd):
            problems.append(
                f"from_jalali{ymd} = {from_jalali(*ymd)}, jdatetime {jd_from_jalali(*ymd)}"
            )
        if our_quarter_bounds(d) != jd_quarter_bounds(d):
            problems.append(
                f"quarter of {d}: {our_quarter_bounds(d)}, jdatetime {jd_quarter_bounds(d)}"
            )
    return problems


def per_call_us(loop: Callable[[], object], calls: int, repeat: int) -> float:
    """The best time of ``repeat`` runs of ``loop`` (which makes ``calls`` calls), per call, in µs."""
    return min(timeit.repeat(loop, number=1, repeat=repeat)) / calls * 1e6


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--quick", action="store_true", help="a smoke run: few dates and repeats")
    parser.add_argument("--dates", type=int, default=None, help="how many dates (default 20000)")
    parser.add_argument("--repeat", type=int, default=None, help="timing repeats (default 7)")
    args = parser.parse_args(argv)
    n = args.dates or (200 if args.quick else 20_000)
    repeat = args.repeat or (2 if args.quick else 7)

    dates = sample_dates(n)
    triples = [jd_to_jalali(d) for d in dates]
    problems = verify(dates, triples)
    if problems:
        print(
            f"FAILED: {len(problems)} answers differ from jdatetime, e.g.:",
            *problems[:10],
            sep="\n  ",
        )
        return 1
    print(f"Verified: identical answers to jdatetime on {n} dates (1206-1498 AP), both directions.")

    def loop_to(f: Callable[[date], object]) -> Callable[[], None]:
        def run() -> None:
            for d in dates:
                f(d)

        return run

    def loop_from(f: Callable[[int, int, int], object]) -> Callable[[], None]:
        def run() -> None:
            for y, m, d in triples:
                f(y, m, d)

        return run

    rows = [
        (
            "to_jalali(d)",
            loop_to(to_jalali),
            "jdatetime.date.fromgregorian(date=d)",
            loop_to(jd_to_jalali),
        ),
        (
            "from_jalali(y, m, d)",
            loop_from(from_jalali),
            "jdatetime.date(y, m, d).togregorian()",
            loop_from(jd_from_jalali),
        ),
        (
            "period_of(d, QUARTER)",
            loop_to(lambda d: period_of(d, QUARTER)),
            "quarter start and end with jdatetime",
            loop_to(jd_quarter_bounds),
        ),
        (
            "period_of(d, QUARTER) .start .end",
            loop_to(our_quarter_bounds),
            "quarter start and end with jdatetime",
            loop_to(jd_quarter_bounds),
        ),
    ]
    print(
        f"Python {platform.python_version()}, jdatetime {jdatetime.__VERSION__}; "
        f"best of {repeat} runs over {n} dates; µs per call.\n"
    )
    header = f"{'citizenrights':<36}{'µs':>8}   {'jdatetime':<40}{'µs':>8}{'speed-up':>10}"
    print(header)
    print("-" * len(header))
    all_met = True
    for ours_name, ours, theirs_name, theirs in rows:
        ours_us = per_call_us(ours, n, repeat)
        theirs_us = per_call_us(theirs, n, repeat)
        ratio = theirs_us / ours_us
        all_met &= ratio >= TARGET
        print(f"{ours_name:<36}{ours_us:>8.3f}   {theirs_name:<40}{theirs_us:>8.3f}{ratio:>9.1f}x")
    print(f"\nTarget >= {TARGET:.0f}x on every row: {'met' if all_met else 'NOT met'}.")
    return 0


if __name__ == "__main__":
    sys.exit(main())
