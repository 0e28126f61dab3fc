"""``bench_national.py --max-rss``: a process over the memory target fails the run."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
NATIONAL = ROOT / "benchmarks" / "bench_national.py"
TINY = ["--quick", "--no-validate"]


def _run(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, str(NATIONAL), *args],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=300,
        check=False,
    )


def test_a_process_over_max_rss_fails_the_run() -> None:
    over = _run(*TINY, "--max-rss", "1")
    assert over.returncode == 1, over.stdout + over.stderr
    assert "local: a process peaked at" in over.stdout
    assert "over --max-rss 1" in over.stdout
    under = _run(*TINY, "--max-rss", "100000")
    assert under.returncode == 0, under.stdout + under.stderr
    assert "over --max-rss" not in under.stdout
