"""Every benchmark script runs: a smoke run with ``--quick``, no timing asserted.

Benchmarks print ratios for people to read (DESIGN section 7); they are not timed tests. This only
pins that each ``benchmarks/bench_*.py`` still runs end to end and accepts ``--quick``, so that a
benchmark broken by an API change is noticed. A script exits non-zero when its answers disagree with
the reference it is compared against.
"""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from .conftest import ROOT

SCRIPTS = sorted(ROOT.joinpath("benchmarks").glob("bench_*.py"))


def test_there_are_benchmarks() -> None:
    """The calendar benchmark, at least, is found (so the parametrised test is not empty)."""
    assert ROOT / "benchmarks" / "bench_calendar.py" in SCRIPTS


@pytest.mark.parametrize("script", SCRIPTS, ids=lambda p: p.name)
def test_benchmark_quick_run(script: Path) -> None:
    """`python benchmarks/<script> --quick` exits 0 and prints something."""
    result = subprocess.run(
        [sys.executable, str(script), "--quick"],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=300,
        check=False,
    )
    assert result.returncode == 0, result.stdout[-2000:] + result.stderr[-2000:]
    assert result.stdout.strip()
