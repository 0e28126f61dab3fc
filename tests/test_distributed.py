"""The evaluation on a real two-worker Dask cluster gives the local streamed pass's results.

A module-scoped ``LocalCluster`` (two worker processes on 127.0.0.1) is started once; the tests
skip, with the reason, when ``distributed`` is not installed or the cluster cannot start. The
good-data tests forbid the local fallback, so that they check the cluster's own work.
"""

from __future__ import annotations

import contextlib
import itertools
import json
import shutil
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from typer.testing import CliRunner

from citizenrights import assemble_report, demo_dataset_path, evaluate_source
from citizenrights import distributed as dist
from citizenrights.cli._app import app
from citizenrights.dataset._kinds import KINDS
from citizenrights.errors import DatasetError
from citizenrights.evaluation import ReportPartial


@pytest.fixture(scope="module")
def client() -> Iterator[Any]:
    """A client of a real two-worker cluster, closed at the end of the module."""
    try:
        import distributed  # noqa: F401
    except ImportError as exc:
        pytest.skip(f"distributed is not installed (the extra dask): {exc}")
    with contextlib.ExitStack() as stack:
        try:
            running = stack.enter_context(dist.dask_client(workers=2))
        except (OSError, RuntimeError, TimeoutError) as exc:
            pytest.skip(f"a two-worker LocalCluster on 127.0.0.1 cannot start: {exc}")
        yield running


@pytest.fixture(scope="module")
def demo(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A copy of the demo dataset folder (a path the workers read, as on a shared file system)."""
    target = tmp_path_factory.mktemp("demo") / "demo"
    with demo_dataset_path() as folder:
        shutil.copytree(folder, target)
    return target


@pytest.fixture
def no_fallback(monkeypatch: pytest.MonkeyPatch) -> None:
    """Fail if the Dask path falls back on the local one (it does only on problems)."""

    def refuse(*args: object, **kwargs: object) -> ReportPartial:
        raise AssertionError("the Dask evaluation fell back on the local path")

    monkeypatch.setattr(dist, "evaluate_source", refuse)


def _report_json(partial: ReportPartial) -> str:
    return json.dumps(assemble_report(partial).to_dict(), ensure_ascii=False, sort_keys=True)


@pytest.mark.parametrize(
    ("period", "scope"),
    [("1396-Q3", None), ("1396-Q3", "IR-10"), ("1397-Q1", None), ("1397-Q1", "IR-10")],
)
@pytest.mark.usefixtures("no_fallback")
def test_dask_report_is_the_local_report(
    client: Any, demo: Path, period: str, scope: str | None
) -> None:
    """Nation and a province, two periods: the report's JSON is the local pass's, to the byte."""
    local = evaluate_source(demo, period, scope=scope)
    on_dask = dist.evaluate_on_dask(demo, period, client, scope=scope)
    assert _report_json(on_dask) == _report_json(local)
    assert on_dask.evaluation().to_dict() == local.evaluation().to_dict()


@pytest.mark.usefixtures("no_fallback")
def test_many_small_partitions_give_the_same_report(client: Any, demo: Path) -> None:
    """Ranges of 40 kB (dozens of tasks merged as they arrive): still the local report."""
    parts = dist._parts(demo, 40_000)
    assert parts is not None
    assert len(parts) > 30
    on_dask = dist.evaluate_on_dask(demo, "1396-Q3", client, partition_size=40_000)
    assert _report_json(on_dask) == _report_json(evaluate_source(demo, "1396-Q3"))
    # Every task's answer was let go once merged: the workers hold none, the scheduler knows none.
    held = client.run(lambda dask_worker: len(dask_worker.data))
    assert set(held.values()) == {0}
    assert client.run_on_scheduler(lambda dask_scheduler: len(dask_scheduler.tasks)) == 0


def test_duplicates_are_looked_for_in_every_bucket() -> None:
    """The key hashes are checked bucket by bucket; a repeat in any bucket is found."""
    from array import array

    clean = {"inspections": [array("q", [b, b + dist.KEY_BUCKETS]).tobytes() for b in range(4)]}
    assert not dist._duplicates({k: [bytearray(r) for r in v] for k, v in clean.items()})
    repeat = {
        "complaints": [b"", array("q", [1 + dist.KEY_BUCKETS, 1 + dist.KEY_BUCKETS]).tobytes()]
    }
    assert dist._duplicates({k: [bytearray(r) for r in v] for k, v in repeat.items()})


def test_partition_ranges_end_on_line_ends(demo: Path) -> None:
    """Ranges cover the file in order, each ending just after a newline."""
    path = demo / "inspections.jsonl"
    data = path.read_bytes()
    ranges = dist.partition_ranges(path, 10_000)
    assert ranges[0][0] == 0
    assert ranges[-1][1] == len(data)
    assert all(a[1] == b[0] for a, b in itertools.pairwise(ranges))
    assert all(data[end - 1 : end] == b"\n" for _, end in ranges)
    with pytest.raises(ValueError, match="size: 0 bytes"):
        dist.partition_ranges(path, 0)


def _corrupt(demo: Path, target: Path) -> Path:
    shutil.copytree(demo, target)
    path = target / "inspections.jsonl"
    lines = path.read_bytes().splitlines(keepends=True)
    first = json.loads(lines[0])
    bad_agency = json.loads(lines[5])
    bad_agency["agency_id"] = "no-such-agency"
    lines[5] = (json.dumps(bad_agency, ensure_ascii=False) + "\n").encode()
    lines[20] = b'{"id": "broken", "date": "1396-13-40"}\n'
    # A duplicate id, far away from the first.
    lines.append((json.dumps(first, ensure_ascii=False) + "\n").encode())
    path.write_bytes(b"".join(lines))
    complaints = target / "complaints.jsonl"
    complaints.write_bytes(complaints.read_bytes() + b"not json\n")
    return target


def test_problems_are_the_local_paths(client: Any, demo: Path, tmp_path: Path) -> None:
    """A corrupted copy: the same DatasetError lines (file, line, field, message) as locally."""
    bad = _corrupt(demo, tmp_path / "bad")
    with pytest.raises(DatasetError) as local:
        evaluate_source(bad, "1396-Q3")
    with pytest.raises(DatasetError) as on_dask:
        dist.evaluate_on_dask(bad, "1396-Q3", client, partition_size=50_000)
    assert on_dask.value.problems == local.value.problems
    assert len(local.value.problems) >= 4
    assert any("duplicate inspection" in p for p in local.value.problems)


def test_a_duplicate_across_ranges_is_found(client: Any, demo: Path, tmp_path: Path) -> None:
    """Two valid lines with one id, in different ranges: each range is clean, the whole is not."""
    bad = tmp_path / "dup"
    shutil.copytree(demo, bad)
    path = bad / "inspections.jsonl"
    lines = path.read_bytes().splitlines(keepends=True)
    path.write_bytes(b"".join([*lines, lines[0]]))
    assert len(dist._parts(bad, 50_000) or []) > 2
    with pytest.raises(DatasetError) as local:
        evaluate_source(bad, "1396-Q3")
    with pytest.raises(DatasetError) as on_dask:
        dist.evaluate_on_dask(bad, "1396-Q3", client, partition_size=50_000)
    assert on_dask.value.problems == local.value.problems


@pytest.mark.parametrize("size", [50_000, dist.DEFAULT_PARTITION_SIZE])
def test_an_ngo_report_of_an_unknown_inspection_is_found(
    client: Any, demo: Path, tmp_path: Path, size: int
) -> None:
    """A reference into the inspections, looked up among their key hashes: the local problem."""
    bad = tmp_path / "ref"
    shutil.copytree(demo, bad)
    path = bad / "ngo_reports.jsonl"
    last = json.loads(path.read_bytes().splitlines()[-1])
    last.update(id="NR-999", inspection_id="INS-NOWHERE")
    path.write_bytes(path.read_bytes() + json.dumps(last, ensure_ascii=False).encode() + b"\n")
    with pytest.raises(DatasetError) as local:
        evaluate_source(bad, "1396-Q3")
    assert any("INS-NOWHERE" in p for p in local.value.problems)
    with pytest.raises(DatasetError) as on_dask:
        dist.evaluate_on_dask(bad, "1396-Q3", client, partition_size=size)
    assert on_dask.value.problems == local.value.problems


@pytest.mark.usefixtures("no_fallback")
def test_ngo_reports_of_known_inspections_need_no_local_pass(client: Any, demo: Path) -> None:
    """The demo's NGO reports name inspections of every range: the Dask path alone reads it."""
    assert b'"inspection_id"' in (demo / "ngo_reports.jsonl").read_bytes()
    on_dask = dist.evaluate_on_dask(demo, "1397-Q1", client, partition_size=50_000)
    assert _report_json(on_dask) == _report_json(evaluate_source(demo, "1397-Q1"))


def test_the_key_fields_are_the_loaders() -> None:
    """`LARGE_KINDS` names each large kind's formats and key fields as the loader declares them."""
    declared = {k.name: (k.formats, k.key) for k in KINDS if k.name in dist.LARGE_KINDS}
    assert declared == dist.LARGE_KINDS


def test_a_database_url_is_refused(client: Any) -> None:
    """The cluster reads folders; one line says so for a URL."""
    with pytest.raises(ValueError, match="a Dask evaluation reads a dataset folder"):
        dist.evaluate_on_dask("sqlite:///x.db", "1396-Q3", client)


@pytest.mark.usefixtures("client")
def test_cli_report_on_dask_is_the_local_output(demo: Path) -> None:
    """``report --engine dask --workers 2`` prints what the local run prints (its own cluster)."""
    runner = CliRunner()
    args = ["report", str(demo), "--period", "1396-Q3", "--province", "IR-10", "-f", "json"]
    local = runner.invoke(app, args)
    on_dask = runner.invoke(app, [*args, "--engine", "dask", "--workers", "2"])
    assert local.exit_code == 0, local.output
    assert on_dask.exit_code == 0, on_dask.output
    assert on_dask.stdout == local.stdout


@pytest.mark.parametrize(
    ("extra", "message"),
    [
        (["--workers", "2"], "--workers: only with --engine dask"),
        (["--engine", "spark"], "--engine: 'spark' is not an engine"),
        (["--engine", "dask", "--workers", "0"], "--workers: 0 is not a number of workers"),
        (
            ["--engine", "dask", "--workers", "2", "--scheduler", "tcp://127.0.0.1:1"],
            "give --workers or --scheduler, not both",
        ),
    ],
)
def test_cli_engine_options_are_checked(demo: Path, extra: list[str], message: str) -> None:
    """A wrong engine option is one line naming it, exit code 2."""
    result = CliRunner().invoke(app, ["report", str(demo), "--period", "1396-Q3", *extra])
    assert result.exit_code == 2
    assert message in result.stderr
