"""Benchmark ``citizenrights progress``: streamed against loaded, wall time and peak memory.

Usage::

    python benchmarks/bench_national.py --inspections 100000 --complaints 10 --surveys 10 \\
        --out /tmp/national --keep --engines local --no-validate
    python benchmarks/bench_progress.py /tmp/national [--group wg-national] [--as-of 1397/12/29]
    python benchmarks/bench_progress.py --quick     # a smoke run: 300 generated inspections

The folder ``bench_national.py`` writes has the demo's agencies but no working groups. This script
builds a scratch folder beside it: links to the folder's files, and the demo's working groups,
meetings, programmes, NGOs, NGO reports (without the inspection they name: the generated
inspections have other ids), training programmes, publications and training records. Then each run
is its own subprocess, whose peak RSS (``ru_maxrss``) is read when it is reaped:

1. ``streamed``: ``citizenrights progress DIR --group G --as-of D --format json -o FILE``, one
   streamed pass ([`progress_source`][citizenrights.evaluation.progress.progress_source]);
2. ``loaded``: the path the command took before: ``Dataset.load`` then ``build_progress_report``
   (skip with ``--no-loaded``: it holds every record, about 29 KB an inspection).

Both JSON reports must be equal but for the overdue rows: the streamed one lists each agency's 50
oldest, the loaded one all of them, and ``overdue_total`` is the same. The script exits 1 if they
differ otherwise, or if a run fails.
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from citizenrights.dataset import demo_dataset_path

REFERENCE = (
    "working_groups.json",
    "meetings.jsonl",
    "programmes.json",
    "ngos.json",
    "training_programmes.json",
    "publications.jsonl",
    "trainings.csv",
)
LOADED = """
import json, sys
from citizenrights import Dataset, build_progress_report
dataset = Dataset.load(sys.argv[1])
built = build_progress_report(dataset, as_of=sys.argv[2], group_id=sys.argv[3])
with open(sys.argv[4], "w", encoding="utf-8") as out:
    out.write(json.dumps(built.to_dict(), ensure_ascii=False, indent=2) + "\\n")
"""


def scratch_folder(source: Path, target: Path) -> Path:
    """Links to ``source``'s files, and the demo's working-group files (see the module docstring)."""
    target.mkdir()
    for path in source.iterdir():
        if path.name not in REFERENCE and path.name != "ngo_reports.jsonl":
            (target / path.name).symlink_to(path.resolve())
    with demo_dataset_path() as demo:
        for name in REFERENCE:
            shutil.copyfile(demo / name, target / name)
        with (demo / "ngo_reports.jsonl").open(encoding="utf-8") as lines:
            reports = [json.loads(line) for line in lines if line.strip()]
    with (target / "ngo_reports.jsonl").open("w", encoding="utf-8") as out:
        for report in reports:
            report.pop("inspection_id", None)
            out.write(json.dumps(report, ensure_ascii=False) + "\n")
    return target


def run(command: list[str]) -> tuple[float, float, int]:
    """Run a command; its wall time in seconds, its peak RSS in MB and its exit status."""
    start = time.perf_counter()
    process = subprocess.Popen(  # noqa: S603 - our own interpreter and arguments
        command, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE
    )
    _, status, usage = os.wait4(process.pid, 0)
    process.returncode = os.waitstatus_to_exitcode(status)
    wall = time.perf_counter() - start
    if process.returncode:
        assert process.stderr is not None
        sys.stderr.write(process.stderr.read().decode("utf-8", "replace")[-2000:])
    return wall, usage.ru_maxrss / 1024, process.returncode


def main() -> int:
    """Run both, print the table and the checks; 0 when all is well, else 1."""
    parser = argparse.ArgumentParser(description=__doc__.split("\n", 1)[0])
    parser.add_argument(
        "folder", type=Path, nargs="?", help="a folder bench_national.py wrote (--out, --keep)"
    )
    parser.add_argument(
        "--quick", action="store_true", help="a smoke run on 300 generated inspections"
    )
    parser.add_argument("--group", default="wg-national", help="the working group (wg-national)")
    parser.add_argument("--as-of", default="1397/12/29", help="the report's day (1397/12/29)")
    parser.add_argument("--no-loaded", action="store_true", help="skip the loaded run")
    options = parser.parse_args()
    if options.folder is None and not options.quick:
        parser.error("give a dataset folder (or --quick for a smoke run)")
    if options.folder is not None and not (options.folder / "agencies.json").is_file():
        parser.error(f"{options.folder}: no agencies.json there; give a dataset folder")
    scratch = Path(tempfile.mkdtemp(prefix="bench-progress-"))
    try:
        source = options.folder
        if source is None:  # --quick: a small folder as bench_national.py writes one
            from bench_national import write_dataset

            source = scratch / "generated"
            write_dataset(source, 300, 10, 10, seed=1396)
        folder = scratch_folder(source, scratch / "dataset")
        exe = Path(sys.executable).with_name("citizenrights")
        streamed, loaded = scratch / "streamed.json", scratch / "loaded.json"
        progress = [str(exe), "progress", str(folder), "-g", options.group]
        plan = [
            ("streamed", [*progress, "--as-of", options.as_of, "-f", "json", "-o", str(streamed)])
        ]
        if not options.no_loaded:
            command = [sys.executable, "-c", LOADED, str(folder), options.as_of, options.group]
            plan.append(("loaded", [*command, str(loaded)]))
        print(f"{'run':<10} {'wall s':>8} {'peak RSS MB':>12}")
        failed = False
        for name, command in plan:
            wall, peak, code = run(command)
            failed |= code != 0
            print(f"{name:<10} {wall:>8.1f} {peak:>12.0f}" + ("  FAILED" if code else ""))
        if failed:
            return 1
        got = json.loads(streamed.read_text(encoding="utf-8"))
        print(f"overdue: {len(got['overdue']):,} listed of {got['overdue_total']:,}")
        if options.no_loaded:
            return 0
        want = json.loads(loaded.read_text(encoding="utf-8"))
        rows = {json.dumps(o, sort_keys=True) for o in want["overdue"]}
        same = {k: v for k, v in got.items() if k != "overdue"} == {
            k: v for k, v in want.items() if k != "overdue"
        }
        kept = all(json.dumps(o, sort_keys=True) in rows for o in got["overdue"])
        print(
            f"same report but the overdue rows: {same}; the rows listed are the loaded ones: {kept}"
        )
        return 0 if same and kept else 1
    finally:
        shutil.rmtree(scratch, ignore_errors=True)


if __name__ == "__main__":
    sys.exit(main())
