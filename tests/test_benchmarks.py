"""Every benchmark script runs: a smoke run with ``--quick``, no timing asserted.

Benchmarks print ratios for people to read (DESIGN section 7); they are not timed tests. This only
pins that each ``benchmarks/bench_*.py`` still runs end to end and accepts ``--quick``, so that a
benchmark broken by an API change is noticed. A script exits non-zero when its answers disagree with
the reference it is compared against.
"""

from __future__ import annotations

import importlib.util
import subprocess
import sys
from pathlib import Path

import pytest

from .conftest import ROOT

PEERS = ROOT / "benchmarks" / "bench_peers.py"
# bench_peers runs every peer in a subprocess of its own: it has its own test, with fewer lines.
SCRIPTS = sorted(p for p in ROOT.joinpath("benchmarks").glob("bench_*.py") if p != PEERS)


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


def test_bench_peers_tiny_run() -> None:
    """`bench_peers.py --lines 60`: every peer agrees with the library, or is skipped with a reason.

    The peers (duckdb, polars, pandas) come with the ``bench`` extra; a peer whose package is not
    importable is skipped by the script, which says so, and this test checks that it did.
    """
    result = subprocess.run(
        [sys.executable, str(PEERS), "--lines", "60"],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=300,
        check=False,
    )
    assert result.returncode == 0, result.stdout[-2000:] + result.stderr[-2000:]
    out = result.stdout
    rows = {line.split("  ")[0] for line in out.splitlines() if line[:1].isalpha()}
    assert {"library", "library x2"} <= rows, out
    for name, package in [
        ("duckdb 1 thread", "duckdb"),
        ("duckdb", "duckdb"),
        ("polars", "polars"),
        ("pandas", "pandas"),
    ]:
        if importlib.util.find_spec(package) is None:
            assert f"{name}: skipped: {package} is not installed" in out, out
        else:
            assert f"{name}: 60 of 60 scores within 1e-09 of the library's" in out, out
            assert name in rows, out


NATIONAL = ROOT / "benchmarks" / "bench_national.py"


def _run_national(*args: str) -> str:
    """Run ``bench_national.py`` with ``args``; its output, after checking that it exited 0."""
    result = subprocess.run(
        [sys.executable, str(NATIONAL), *args],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=300,
        check=False,
    )
    assert result.returncode == 0, result.stdout[-2000:] + result.stderr[-2000:]
    return result.stdout


def test_bench_national_tiny_local_run(tmp_path: Path) -> None:
    """At 200 / 400 / 1,000 records the generated folder reports, ranks every agency and validates.

    Then ``--reuse`` runs on the kept folder without writing it again and counts the same records.
    """
    folder = tmp_path / "dataset"
    sizes = ["--inspections", "200", "--complaints", "400", "--surveys", "1000"]
    out = _run_national(*sizes, "--engines", "local", "--out", str(folder))
    rows = {line.split()[0] for line in out.splitlines() if line[:1].isalpha() and "  " in line}
    assert {"local", "validate"} <= rows, out
    assert "200 inspections + 400 complaints + 1,000 survey rows = 1,600 records" in out, out
    assert "local report: 35 agencies ranked" in out, out
    assert "python benchmarks/bench_peers.py --lines 200" in out, out
    names = {p.name for p in folder.iterdir()}
    assert {"agencies.json", "checklists", "stats.csv", "inspections.jsonl"} <= names
    assert {"complaints.jsonl", "surveys.csv"} <= names

    again = _run_national("--reuse", str(folder), "--engines", "local", "--no-validate")
    assert "wrote" not in again, again
    assert "= 1,600 records" in again, again
    assert "validate" not in {line.split()[0] for line in again.splitlines() if line.strip()}


def test_bench_national_dask_matches_local() -> None:
    """With a two-worker Dask cluster the script's dask report is byte-identical to the local one."""
    if importlib.util.find_spec("distributed") is None:
        pytest.skip("distributed is not installed (the dask extra)")
    sizes = ["--inspections", "200", "--complaints", "400", "--surveys", "1000"]
    out = _run_national(*sizes, "--no-validate")
    assert "dask x2" in out, out
    assert "local and dask reports: identical" in out, out
