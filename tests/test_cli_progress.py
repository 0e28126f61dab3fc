"""Progress on long runs: ``validate``, ``report`` and ``score`` on a terminal, and silence when piped."""

from __future__ import annotations

import io
import os
import select
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest
from rich.console import Console
from typer.testing import CliRunner

from citizenrights.cli import _common
from citizenrights.cli._app import app
from citizenrights.dataset import Dataset, demo_dataset_path

runner = CliRunner()
EXE = Path(sys.executable).with_name("citizenrights")


@pytest.fixture(scope="module")
def demo_folder() -> Iterator[Path]:
    with demo_dataset_path() as folder:
        yield folder


def _terminal(monkeypatch: pytest.MonkeyPatch) -> io.StringIO:
    """A terminal console for the progress display, writing to a buffer."""
    buffer = io.StringIO()
    console = Console(file=buffer, force_terminal=True, width=200, color_system=None)
    monkeypatch.setattr(_common, "PROGRESS_CONSOLE", console)
    return buffer


@pytest.fixture
def terminal(monkeypatch: pytest.MonkeyPatch) -> io.StringIO:
    return _terminal(monkeypatch)


def _inspections_jsonl(demo_folder: Path, tmp_path: Path) -> Path:
    path = tmp_path / "inspections.jsonl"
    path.write_bytes((demo_folder / "inspections.jsonl").read_bytes())
    return path


def _commands(demo_folder: Path, tmp_path: Path) -> dict[str, list[str]]:
    jsonl = str(_inspections_jsonl(demo_folder, tmp_path))
    return {
        "validate": ["validate", str(demo_folder)],
        "report": ["report", str(demo_folder), "--period", "1396-Q3", "-f", "json"],
        "score": ["score", jsonl, "-f", "csv"],
    }


@pytest.mark.parametrize("command", ["validate", "report", "score"])
def test_a_terminal_shows_records_rate_and_time_left(
    command: str, demo_folder: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    args = _commands(demo_folder, tmp_path)[command]
    quiet = runner.invoke(app, args)
    terminal = _terminal(monkeypatch)
    # The display goes to its own console: stdout is the same to the byte.
    shown = runner.invoke(app, args)
    assert shown.exit_code == quiet.exit_code == 0, shown.output
    assert shown.stdout == quiet.stdout
    text = terminal.getvalue()
    assert f"{command}" in text
    assert " records" in text
    assert "records/s" in text
    assert "left" in text  # a folder or a file: the bytes to read are known
    counts = [int(w.replace(",", "")) for w in text.split() if w.replace(",", "").isdigit()]
    assert counts
    assert max(counts) > 0


def test_a_database_shows_records_and_rate_without_time_left(
    demo_folder: Path, tmp_path: Path, terminal: io.StringIO
) -> None:
    pytest.importorskip("sqlalchemy", reason="the sql extra is not installed")
    url = f"sqlite:///{tmp_path / 'records.db'}"
    Dataset.load(demo_folder).to_sql(url)
    result = runner.invoke(app, ["validate", url])
    assert result.exit_code == 0, result.output
    text = terminal.getvalue()
    assert "records/s" in text
    assert "validate" in text
    assert "left" not in text


def test_under_clirunner_nothing_is_shown(demo_folder: Path) -> None:
    """CliRunner's stderr is no terminal: the output is exactly what it was."""
    result = runner.invoke(app, ["validate", str(demo_folder)])
    assert result.exit_code == 0
    assert result.stdout == f"{demo_folder}: no problems\n"
    assert result.stderr == ""


def _need_exe() -> None:
    if not EXE.exists():
        pytest.skip(f"the console script is not installed next to {sys.executable}")


def test_a_piped_run_writes_no_progress(demo_folder: Path, tmp_path: Path) -> None:
    _need_exe()
    for args in _commands(demo_folder, tmp_path).values():
        done = subprocess.run([str(EXE), *args], capture_output=True, check=False, timeout=300)
        assert done.returncode == 0, done.stderr
        assert done.stderr == b"", (args, done.stderr[:300])


def test_a_pseudo_terminal_shows_the_progress_of_validate(demo_folder: Path) -> None:
    pty = pytest.importorskip("pty", reason="no pseudo-terminals on this system")
    _need_exe()
    master, slave = pty.openpty()
    env = {**os.environ, "COLUMNS": "200", "TERM": "xterm"}
    process = subprocess.Popen(
        [str(EXE), "validate", str(demo_folder)],
        stdin=subprocess.DEVNULL,
        stdout=subprocess.PIPE,
        stderr=slave,
        env=env,
    )
    os.close(slave)
    seen = b""
    try:
        while True:
            ready, _, _ = select.select([master], [], [], 60)
            if not ready:
                break
            try:
                chunk = os.read(master, 1 << 16)
            except OSError:  # the other end closed
                break
            if not chunk:
                break
            seen += chunk
    finally:
        os.close(master)
        assert process.stdout is not None
        out = process.stdout.read()
        process.stdout.close()
        assert process.wait(timeout=60) == 0
    assert out == f"{demo_folder}: no problems\n".encode()
    text = seen.decode("utf-8", "replace")
    assert "validate" in text
    assert "records/s" in text
    assert "12,909 records" in text  # every record of the large kinds of the demo


def test_the_stream_counts_every_byte_of_the_folder(demo_folder: Path) -> None:
    calls: list[tuple[str, int, int]] = []
    two: list[tuple[str, int]] = []
    with Dataset.stream(demo_folder, on_progress=lambda k, n, b: calls.append((k, n, b))) as s:
        for _ in s:
            pass
    with Dataset.stream(demo_folder, on_progress=lambda k, n: two.append((k, n))) as s2:
        for _ in s2:
            pass
    assert [c[:2] for c in calls] == two  # a hook of two arguments is called as before
    read = [b for _, _, b in calls]
    assert read == sorted(read)
    assert read[-1] == s.bytes_read == s.total_bytes == Dataset.source_bytes(demo_folder)
    assert Dataset.source_bytes("sqlite:///x.db") is None


def test_score_counts_bytes_up_to_a_line(tmp_path: Path) -> None:
    path = tmp_path / "x.jsonl"
    path.write_bytes(b'{"a": 1}\n\n{"b": 22}\r\n{"c"')
    follower = _common.LineFollower(path)
    try:
        assert follower.upto(1) == 9
        assert follower.upto(3) == 9 + 1 + 11
        assert follower.upto(9) == path.stat().st_size
    finally:
        follower.close()
