"""Issue 10, command-line rows: output paths, bad paths, mismatch problems, reasons, row keys,
period labels, the demo folder and option errors (rows 15, 16, 22–25, 27, 29)."""

from __future__ import annotations

import contextlib
import errno
import hashlib
import hmac
import json
import os
import shutil
import signal
import stat
import subprocess
import sys
import threading
import time
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from rich.cells import cell_len
from typer.testing import CliRunner

from citizenrights.cli import _output
from citizenrights.cli._app import KEY_ENV, app
from citizenrights.cli._output import TEMP_PREFIX, atomic_folder, atomic_writer
from citizenrights.dataset import demo_dataset_path, load_demo
from citizenrights.models.people import Post
from citizenrights.models.reference import reference_checklist
from citizenrights.scoring.eligibility import assess_many

runner = CliRunner()
EXE = Path(sys.executable).with_name("citizenrights")


@pytest.fixture(scope="module")
def demo_dir(tmp_path_factory: pytest.TempPathFactory) -> Path:
    target = tmp_path_factory.mktemp("demo") / "demo"
    with demo_dataset_path() as folder:
        shutil.copytree(folder, target)
    return target


def run(*args: str, env: dict[str, str] | None = None) -> tuple[int, str, str]:
    result = runner.invoke(app, list(args), env=env)
    return result.exit_code, result.stdout, result.stderr


def leftovers(folder: Path) -> list[str]:
    """Temporary files or folders the command line left in ``folder``."""
    return sorted(p.name for p in folder.iterdir() if p.name.startswith(TEMP_PREFIX))


def assert_one_line_error(code: int, err: str, *needles: str) -> None:
    assert code == 2, err
    assert err.startswith("citizenrights: error:"), err
    assert len(err.strip().splitlines()) == 1, err
    assert "Traceback" not in err
    for needle in needles:
        assert needle in err, (needle, err)


def report_csv(demo_dir: Path, out: str) -> tuple[int, str, str]:
    return run("report", str(demo_dir), "-p", "1397-Q3", "-f", "csv", "-o", out)


# -- row 15: output paths ------------------------------------------------------------------------


def _raise(code: int) -> Callable[..., object]:
    def fail(*args: object, **kwargs: object) -> object:
        raise OSError(code, os.strerror(code))

    return fail


@pytest.mark.parametrize(
    ("where", "code"),
    [
        ("fsync", errno.ENOSPC),  # a full disk shows at the latest when the data is synced
        ("replace", errno.EROFS),  # a read-only file system
        ("chmod", errno.EPERM),
        ("mkstemp", errno.EROFS),  # the temporary file cannot even be made
        ("mkstemp", errno.EACCES),
    ],
)
def test_output_failures_are_one_line_naming_the_target(
    demo_dir: Path,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    where: str,
    code: int,
) -> None:
    """A disk or permission failure while writing -o is one line naming the target (never the
    temporary file) and the reason, exit 2, and no temporary file is left behind."""
    owner = _output.tempfile if where == "mkstemp" else _output.os
    monkeypatch.setattr(owner, where, _raise(code))
    target = tmp_path / "out.csv"
    status, _, err = report_csv(demo_dir, str(target))
    monkeypatch.undo()
    assert_one_line_error(status, err, f"cannot write {target}", os.strerror(code))
    assert ".tmp" not in err
    assert not target.exists()
    assert leftovers(tmp_path) == []


@pytest.mark.parametrize(
    ("name", "ok", "needle"),
    [
        ("a" * 255, True, ""),  # the longest valid name: the temporary name stays short
        ("é" * 127, True, ""),  # 254 bytes of UTF-8
        ("a" * 256, False, "File name too long"),
        ("", False, "--output: empty file name"),
        (" ", False, "--output: empty file name"),
        (".", False, "it is a folder"),
        ("no-such-folder/out.csv", False, "does not exist"),
    ],
)
def test_output_names(
    demo_dir: Path,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    name: str,
    ok: bool,
    needle: str,
) -> None:
    """Any valid file name can be written; an invalid one (too long, empty, a folder, in a missing
    folder) is a one-line error, exit 2, with no temporary file left."""
    monkeypatch.chdir(tmp_path)
    code, _, err = report_csv(demo_dir, name)
    if ok:
        assert code == 0, err
        assert Path(name).read_text(encoding="utf-8-sig").startswith("group,rank,agency_id")
    else:
        assert_one_line_error(code, err, needle)
    assert leftovers(tmp_path) == []


def test_output_to_a_full_device(demo_dir: Path) -> None:
    """Writing to /dev/full (a real ENOSPC on every write) is one line naming it, exit 2."""
    if not Path("/dev/full").exists():
        pytest.skip("no /dev/full on this system")
    code, _, err = run("score", str(demo_dir / "inspections.jsonl"), "-f", "csv", "-o", "/dev/full")
    assert_one_line_error(code, err, "cannot write /dev/full", os.strerror(errno.ENOSPC))
    assert stat.S_ISCHR(Path("/dev/full").stat().st_mode)


@contextlib.contextmanager
def mounted(target: Path, *options: str) -> Iterator[None]:
    """Mount ``target`` with ``options`` (tmpfs or a read-only bind), or skip saying why."""
    if sys.platform != "linux" or shutil.which("mount") is None:
        pytest.skip("needs Linux mount")
    done = subprocess.run(["mount", *options, str(target)], capture_output=True, check=False)
    if done.returncode != 0:
        pytest.skip(f"cannot mount here: {done.stderr.decode(errors='replace').strip()}")
    try:
        yield
    finally:
        subprocess.run(["umount", str(target)], check=False)


def test_output_on_a_real_read_only_file_system(demo_dir: Path, tmp_path: Path) -> None:
    """On a read-only bind mount (chmod does not stop root, a read-only mount does), -o fails
    with one line naming the target and 'Read-only file system', exit 2."""
    source, ro = tmp_path / "src", tmp_path / "ro"
    source.mkdir()
    ro.mkdir()
    with mounted(ro, "--bind", str(source)):
        remount = subprocess.run(
            ["mount", "-o", "remount,ro,bind", str(ro)], capture_output=True, check=False
        )
        if remount.returncode != 0:
            pytest.skip(f"cannot remount read-only: {remount.stderr.decode(errors='replace')}")
        target = ro / "out.csv"
        code, _, err = report_csv(demo_dir, str(target))
        assert_one_line_error(code, err, f"cannot write {target}", os.strerror(errno.EROFS))
    assert list(source.iterdir()) == []


def test_output_on_a_really_full_disk(demo_dir: Path, tmp_path: Path) -> None:
    """On a full file system (a 64 KiB tmpfs, a 700 KB output) -o fails with one line naming the
    target and 'No space left on device', exit 2, and the space is given back."""
    small = tmp_path / "small"
    small.mkdir()
    with mounted(small, "-t", "tmpfs", "-o", "size=64k", "tmpfs"):
        target = small / "scores.json"
        code, _, err = run(
            "score", str(demo_dir / "inspections.jsonl"), "-f", "json", "-o", str(target)
        )
        assert_one_line_error(code, err, f"cannot write {target}", os.strerror(errno.ENOSPC))
        assert list(small.iterdir()) == []


def test_output_through_a_symlink(demo_dir: Path, tmp_path: Path) -> None:
    """-o onto a symbolic link writes the file it points to (atomically, beside it) and leaves
    the link a link; a dangling link creates its target."""
    real_dir = tmp_path / "real"
    real_dir.mkdir()
    real = real_dir / "data.csv"
    real.write_text("old", encoding="utf-8")
    link = tmp_path / "link.csv"
    link.symlink_to(real)
    assert report_csv(demo_dir, str(link))[0] == 0
    assert link.is_symlink()
    assert real.read_text(encoding="utf-8-sig").startswith("group,rank,agency_id")
    dangling = tmp_path / "dangling.csv"
    dangling.symlink_to(real_dir / "new.csv")
    assert report_csv(demo_dir, str(dangling))[0] == 0
    assert dangling.is_symlink()
    assert (real_dir / "new.csv").read_text(encoding="utf-8-sig").startswith("group,")
    assert leftovers(tmp_path) == leftovers(real_dir) == []


def test_output_into_a_fifo(demo_dir: Path, tmp_path: Path) -> None:
    """-o onto a FIFO writes into it (a reader gets the whole output); the FIFO stays a FIFO."""
    fifo = tmp_path / "pipe"
    os.mkfifo(fifo)
    got: list[bytes] = []
    reader = threading.Thread(target=lambda: got.append(fifo.read_bytes()))
    reader.start()
    code, _, err = report_csv(demo_dir, str(fifo))
    reader.join(timeout=60)
    assert code == 0, err
    assert got
    assert got[0].decode("utf-8-sig").startswith("group,rank,agency_id")
    assert stat.S_ISFIFO(fifo.lstat().st_mode)
    assert leftovers(tmp_path) == []


def test_output_to_a_device(demo_dir: Path) -> None:
    """-o /dev/null writes into the device; it is not replaced by a regular file."""
    assert report_csv(demo_dir, os.devnull)[0] == 0
    assert stat.S_ISCHR(Path(os.devnull).stat().st_mode)


@pytest.mark.parametrize(
    ("sig", "expected"),
    [(signal.SIGTERM, {-signal.SIGTERM, 128 + signal.SIGTERM}), (signal.SIGINT, {130})],
)
def test_killed_score_leaves_no_temporary_file(
    demo_dir: Path, tmp_path: Path, sig: signal.Signals, expected: set[int]
) -> None:
    """A real `citizenrights score` stopped by SIGTERM or SIGINT mid-stream removes its temporary
    file and ends as the signal asks (killed by SIGTERM, exit 130 for SIGINT); no output file."""
    if not EXE.exists():
        pytest.skip(f"{EXE} is not installed")
    source = tmp_path / "in.jsonl"
    os.mkfifo(source)
    out_dir = tmp_path / "out"
    out_dir.mkdir()
    target = out_dir / "scores.csv"
    proc = subprocess.Popen(
        [str(EXE), "score", str(source), "-f", "csv", "-o", str(target)],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
    )
    lines = (demo_dir / "inspections.jsonl").read_bytes().splitlines(keepends=True)[:50]
    with source.open("wb") as feed:  # blocks until the command opens its input
        feed.writelines(lines)
        feed.flush()
        deadline = time.monotonic() + 60
        while not leftovers(out_dir) and time.monotonic() < deadline:
            time.sleep(0.05)
        assert leftovers(out_dir), "the command made no temporary file"
        time.sleep(0.3)  # let it score what it was given, then stop it mid-stream
        proc.send_signal(sig)
        _, errors = proc.communicate(timeout=60)
    assert proc.returncode in expected, errors
    assert leftovers(out_dir) == []
    assert not target.exists()


def _interrupted_write(path: Path) -> None:
    with atomic_writer(path) as out:
        out.write("y")
        os.kill(os.getpid(), signal.SIGINT)
        time.sleep(1)


def test_signal_handlers_are_restored(tmp_path: Path) -> None:
    """The cleanup handlers exist only while a temporary file does: the previous ones come back;
    a SIGINT inside the block removes the temporary file and raises KeyboardInterrupt; an ignored
    signal (SIGHUP under nohup) stays ignored."""
    before = {s: signal.getsignal(s) for s in (signal.SIGINT, signal.SIGTERM)}
    with atomic_writer(tmp_path / "a.txt") as out:
        out.write("x")
        assert signal.getsignal(signal.SIGTERM) is not before[signal.SIGTERM]
    assert {s: signal.getsignal(s) for s in before} == before
    with pytest.raises(KeyboardInterrupt):
        _interrupted_write(tmp_path / "b.txt")
    assert {s: signal.getsignal(s) for s in before} == before
    assert sorted(p.name for p in tmp_path.iterdir()) == ["a.txt"]
    ignored = signal.signal(signal.SIGHUP, signal.SIG_IGN)  # as under nohup
    try:
        with atomic_writer(tmp_path / "c.txt") as out:
            assert signal.getsignal(signal.SIGHUP) is signal.SIG_IGN  # stays ignored
            out.write("z")
    finally:
        signal.signal(signal.SIGHUP, ignored)


# -- row 16: bad paths, one line -----------------------------------------------------------------


def _bad_path(tmp_path: Path, kind: str) -> Path:
    path = tmp_path / kind
    if kind == "missing":
        return path
    if kind == "a-file":
        path.write_text("x", encoding="utf-8")
    elif kind == "dangling":
        path.symlink_to(tmp_path / "nowhere")
    elif kind == "loop":
        path.symlink_to(path)
    elif kind == "not-a-dir-parent":
        (tmp_path / "f").write_text("x", encoding="utf-8")
        path = tmp_path / "f" / "inside"
    return path


@pytest.mark.parametrize("kind", ["missing", "a-file", "dangling", "loop", "not-a-dir-parent"])
@pytest.mark.parametrize("command", ["validate", "report", "progress"])
def test_bad_dataset_folder_is_one_line(tmp_path: Path, kind: str, command: str) -> None:
    """Every bad dataset folder (missing, a file, a dangling link, a link loop, under a file) is
    one line naming it, exit 2: never a usage panel or a traceback."""
    path = _bad_path(tmp_path, kind)
    extra = {
        "validate": [],
        "report": ["-p", "1397-Q3"],
        "progress": ["-g", "wg-national", "--as-of", "1397/12/29"],
    }[command]
    code, _, err = run(command, str(path), *extra)
    assert_one_line_error(code, err, str(path))


@pytest.mark.parametrize("kind", ["missing", "dangling", "loop", "not-a-dir-parent"])
def test_bad_input_file_is_one_line(tmp_path: Path, kind: str) -> None:
    """A bad input file of score or eligibility is one line naming it, exit 2."""
    path = _bad_path(tmp_path, kind)
    for args in (["score", str(path)], ["eligibility", str(path), "--as-of", "1397/01/15"]):
        code, _, err = run(*args)
        assert_one_line_error(code, err, str(path))


@pytest.mark.skipif(os.geteuid() == 0, reason="root reads a folder whatever its mode")
def test_unreadable_folder_is_one_line(tmp_path: Path) -> None:
    """A dataset folder without read permission is one line, exit 2."""
    folder = tmp_path / "locked"
    folder.mkdir()
    folder.chmod(0)
    try:
        code, _, err = run("validate", str(folder))
    finally:
        folder.chmod(0o755)
    assert_one_line_error(code, err, str(folder))


@pytest.mark.parametrize("kind", ["dir", "fifo", "dangling"])
def test_dataset_file_that_is_not_a_file(demo_dir: Path, tmp_path: Path, kind: str) -> None:
    """A dataset file that is a folder, a FIFO or a dangling link is a problem naming it (one
    line each), and validate exits 1: its records are not silently dropped."""
    folder = tmp_path / "data"
    shutil.copytree(demo_dir, folder)
    node = folder / "complaints.jsonl"
    node.unlink()
    if kind == "dir":
        node.mkdir()
    elif kind == "fifo":
        os.mkfifo(node)
    else:
        node.symlink_to(tmp_path / "nowhere")
    code, out, err = run("validate", str(folder))
    assert code == 1, (out, err)
    assert any("complaints.jsonl" in line for line in out.splitlines())
    assert all(line.count(": ") >= 1 for line in out.splitlines())


# -- row 22: every checklist mismatch, with file:line and the checklist ---------------------------


def _mismatched(
    demo_dir: Path, tmp_path: Path, change: Callable[[dict[str, object]], None]
) -> Path:
    lines = (demo_dir / "inspections.jsonl").read_text(encoding="utf-8").splitlines()[:6]
    record = json.loads(lines[3])
    change(record)
    lines[3] = json.dumps(record, ensure_ascii=False)
    path = tmp_path / "mm.jsonl"
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


def _unknown_items(record: dict[str, object]) -> None:
    responses = record["responses"]
    assert isinstance(responses, list)
    for n in range(3):
        responses[n]["item"] = f"Z9.{n}"


def _repeated_items(record: dict[str, object]) -> None:
    responses = record["responses"]
    assert isinstance(responses, list)
    responses.extend([dict(responses[0]), dict(responses[1])])


def _other_version(record: dict[str, object]) -> None:
    record["checklist_version"] = "1390.0"


@pytest.mark.parametrize(
    ("change", "count"), [(_unknown_items, 3), (_repeated_items, 2), (_other_version, 1)]
)
def test_checklist_mismatch_lists_every_problem(
    demo_dir: Path, tmp_path: Path, change: Callable[[dict[str, object]], None], count: int
) -> None:
    """score against a checklist that does not fit prints every problem, one a line, each with
    the file:line of the inspection and the checklist used; exit 2, no output file."""
    path = _mismatched(demo_dir, tmp_path, change)
    out = tmp_path / "scores.csv"
    code, _, err = run("score", str(path), "-f", "csv", "-o", str(out))
    assert code == 2
    lines = err.strip().splitlines()
    used = reference_checklist()  # what score uses without --checklist
    checklist_id, version = used.id, used.version
    problems = [line.removeprefix("citizenrights: error: ") for line in lines if str(path) in line]
    assert len(problems) >= count, err
    for line in problems:
        assert line.startswith(f"{path}:4: inspection "), line
        assert f"checklist {checklist_id!r} version {version!r}" in line
    assert lines[-1].startswith("citizenrights: error:")
    assert not out.exists()


# -- row 23: reason texts in --lang ----------------------------------------------------------------


@pytest.mark.parametrize("lang", ["fa", "en"])
@pytest.mark.parametrize("fmt", ["csv", "table"])
def test_eligibility_reasons_in_lang(demo_dir: Path, lang: str, fmt: str) -> None:
    """The eligibility table and CSV show each reason's text in --lang with its code beside it."""
    src = demo_dir / "candidates.jsonl"
    decisions = assess_many(
        load_demo().candidates, Post.parse("managerial:middle"), as_of="1397/01/15"
    )
    shortfall = next(
        r for d in decisions for r in d.reasons if r.code.value == "ELIG_TRAINING_SHORTFALL"
    )
    expected = f"{shortfall.text(lang)} (ELIG_TRAINING_SHORTFALL)"  # type: ignore[arg-type]
    args = ["eligibility", str(src), "--post", "managerial:middle", "--as-of", "1397/01/15"]
    # A terminal wide enough that the table wraps no cell.
    code, text, err = run(*args, "-f", fmt, "--lang", lang, env={"COLUMNS": "2000"})
    assert code == 0, err
    assert expected in text


# -- row 24: a key per output row ------------------------------------------------------------------


def test_eligibility_rows_carry_their_input_position(demo_dir: Path) -> None:
    """Each eligibility row has `record`, the 1-based position of its input record, in JSON and
    CSV: rows whose masked ids read alike are still told apart; no id is unmasked."""
    src = demo_dir / "candidates.jsonl"
    ids = [json.loads(line)["person_id"] for line in src.read_text(encoding="utf-8").splitlines()]
    base = ["eligibility", str(src), "--as-of", "1397/01/15"]
    code, text, _ = run(*base, "-f", "json")
    assert code == 0
    data = json.loads(text)
    assert [d["record"] for d in data] == list(range(1, len(ids) + 1))
    masked = [d["person_id"] for d in data]
    assert len(set(masked)) < len(masked)  # the fault: masked ids collide
    code, text, _ = run(*base, "-f", "csv")
    header, *rows = text.strip().splitlines()
    assert header.startswith("record,person_id,")
    assert [r.split(",")[0] for r in rows] == [str(n) for n in range(1, len(ids) + 1)]
    assert all(i not in text for i in ids)


def test_eligibility_table_speaks_persian_and_cuts_nothing_a_reader_copies(
    demo_dir: Path,
) -> None:
    """With --lang fa the table's title, headers and statuses are Persian; at 80 columns the
    record number, the masked id and the status are whole (no ellipsis anywhere); the window and
    the policy version, the same on every row, are in the title."""
    src = demo_dir / "candidates.jsonl"
    args = ["eligibility", str(src), "--as-of", "1397/12/29", "--lang", "fa"]
    code, text, err = run(*args, env={"COLUMNS": "80"})
    assert code == 0, err
    assert "…" not in text
    # Display width: zero-width joiners and combining marks take no column.
    assert max(cell_len(line) for line in text.splitlines()) <= 80
    title = "صلاحیت نامزدها برای پست مدیریتی در ۱۳۹۷/۱۲/۲۹؛ بازهٔ بررسی ۱۳۹۴/۱۲/۲۹–۱۳۹۷/۱۲/۲۹، ضوابط نسخهٔ ۲"
    assert title in " ".join(line.strip() for line in text.splitlines()[:3])
    header = next(line for line in text.splitlines() if "ردیف" in line)
    assert header.split() == ["ردیف", "شناسه", "وضعیت", "امتیاز", "دلایل"]
    for english in ("Eligibility", "record", "person_id", "eligible", "conditional", "window"):
        assert english not in text
    # Each row: its record number, the masked id, the status in Persian and the score whole.
    decisions = assess_many(load_demo().candidates, Post.parse("managerial"), as_of="1397/12/29")
    starts = [line.split(None, 2) for line in text.splitlines() if line[:4].strip().isdigit()]
    assert [int(n) for n, _, _ in starts] == list(range(1, 13))
    assert [i for _, i, _ in starts] == [
        "*******" + json.loads(line)["person_id"][-3:]
        for line in src.read_text(encoding="utf-8").splitlines()
    ]
    labels = {"eligible": "واجد صلاحیت", "conditional": "مشروط", "ineligible": "فاقد صلاحیت"}
    for (_, _, rest), decision in zip(starts, decisions, strict=True):
        assert rest.startswith(labels[decision.status.value])
    assert starts[0][2].split()[-1] == "۱۰۰٫۰۰"
    # In English, the same table in English words.
    code, text, _ = run(*args[:-1], "en", "--post", "sensitive:senior", env={"COLUMNS": "80"})
    assert code == 0
    assert "…" not in text
    assert "Eligibility for a sensitive post (senior level) as of 1397/12/29;" in text
    assert "record  person      status       score   reasons" in text


@pytest.mark.parametrize(("columns", "key"), [("60", ""), ("80", "a key"), ("40", "a key")])
def test_eligibility_table_never_cuts_ids_on_a_narrow_terminal(
    demo_dir: Path, columns: str, key: str
) -> None:
    """Narrower than the record number, the keyed hash, the masked id, the status and the longest
    word of the reasons need, the table runs past the edge rather than cut any of them."""
    src = demo_dir / "candidates.jsonl"
    env = {"COLUMNS": columns, KEY_ENV: key}
    code, text, err = run("eligibility", str(src), "--as-of", "1397/12/29", "--lang", "en", env=env)
    assert code == 0, err
    assert "…" not in text
    rows = [line.split() for line in text.splitlines() if line[:4].strip().isdigit()]
    assert [r[0] for r in rows] == [str(n) for n in range(1, 13)]
    if key:
        digest = hmac.new(key.encode(), b"DEMO-31001", hashlib.sha256).hexdigest()[:16]
        assert rows[0][1:4] == [digest, "*******001", "eligible"]
    else:
        assert rows[2][1:3] == ["*******001", "ineligible"]
    # Too narrow for all that: the lines are wider than the terminal, none is squeezed.
    assert max(cell_len(line) for line in text.splitlines()) > int(columns)


def test_eligibility_csv_keeps_its_keys_and_joins_reasons_in_the_lang(demo_dir: Path) -> None:
    """CSV keeps the machine-readable keys and status values in both languages; the reasons are
    joined with «؛» in Persian and "; " in English."""
    src = demo_dir / "candidates.jsonl"
    args = ["eligibility", str(src), "--as-of", "1397/12/29", "-f", "csv"]
    rows = {}
    for lang in ("fa", "en"):
        code, text, _ = run(*args, "--lang", lang)
        assert code == 0
        header, *lines = text.strip().splitlines()
        assert header == "record,person_id,status,record_score,reasons,window,policy_version"
        rows[lang] = lines
    second_fa, second_en = rows["fa"][1], rows["en"][1]
    assert second_fa.startswith("2,*******002,conditional,83.0,")
    assert "(ELIG_UPHELD_COMPLAINTS)؛ سابقهٔ مثبت" in second_fa
    assert "); " not in second_fa
    assert "(ELIG_UPHELD_COMPLAINTS); Positive record" in second_en
    assert second_fa.endswith(",1394/12/29–1397/12/29,2")


@pytest.mark.parametrize("source", ["file", "env"])
def test_eligibility_keyed_hash(demo_dir: Path, tmp_path: Path, source: str) -> None:
    """With --key-file (or the key in CITIZENRIGHTS_ID_KEY) each row gets id_key, the first 16 hex
    digits of HMAC-SHA256(key, person id): stable across runs, the id itself never shown."""
    src = demo_dir / "candidates.jsonl"
    ids = [json.loads(line)["person_id"] for line in src.read_text(encoding="utf-8").splitlines()]
    key = b"a secret of the ministry"
    args = ["eligibility", str(src), "--as-of", "1397/01/15", "-f", "json"]
    env = None
    if source == "file":
        key_file = tmp_path / "key"
        key_file.write_bytes(key + b"\n")
        args += ["--key-file", str(key_file)]
    else:
        env = {KEY_ENV: key.decode()}
    code, text, err = run(*args, env=env)
    assert code == 0, err
    expected = [hmac.new(key, i.encode(), hashlib.sha256).hexdigest()[:16] for i in ids]
    assert [d["id_key"] for d in json.loads(text)] == expected
    assert all(i not in text for i in ids)


# -- row 25: --period takes the labels the library prints ---------------------------------------


@pytest.mark.parametrize("label", ["1397-Q3", "Autumn 1397", "پاییز ۱۳۹۷", "\u200f1397-Q3"])
def test_report_period_labels(demo_dir: Path, label: str) -> None:
    """report --period accepts the period labels the library prints, in English and Persian,
    giving the same report as the code form."""
    code, text, err = run("report", str(demo_dir), "-p", label, "-f", "json")
    assert code == 0, err
    assert json.loads(text)["period"] == "1397-Q3"


@pytest.mark.parametrize("as_of", ["1397/12/29", "۱۳۹۷/۱۲/۲۹", "2019-03-20"])
def test_progress_as_of_forms(demo_dir: Path, as_of: str) -> None:
    """progress --as-of takes a Jalali date in Latin or Persian digits or an ISO date alike."""
    code, text, err = run(
        "progress", str(demo_dir), "-g", "wg-national", "--as-of", as_of, "-f", "json"
    )
    assert code == 0, err
    assert json.loads(text)["progress"]["group_id"] == "wg-national"


def test_bad_period_error_names_labels(demo_dir: Path) -> None:
    """A bad --period is one line naming the value and the accepted forms, labels included."""
    code, _, err = run("report", str(demo_dir), "-p", "Autumn 13977")
    assert_one_line_error(code, err, "--period:", "Autumn 13977")
    assert "Autumn" in err.replace("Autumn 13977", "")


# -- row 27: the demo folder ---------------------------------------------------------------------


def test_demo_output_is_ignored_by_git() -> None:
    """A clone that ran `citizenrights demo` does not see citizenrights-demo/ in git status."""
    root = Path(__file__).resolve().parents[1]
    ignored = (root / ".gitignore").read_text(encoding="utf-8").splitlines()
    assert "citizenrights-demo/" in ignored


def test_demo_writes_the_set_whole(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """demo writes its files into a temporary folder moved into place whole: a run that fails
    midway leaves the earlier output as it was and no temporary folder; a new run replaces an
    earlier output whole (a file of the earlier set that the new one lacks is gone)."""
    out = tmp_path / "demo-out"
    assert run("demo", "--out", str(out))[0] == 0
    first = {p.name: p.read_bytes() for p in out.iterdir()}
    stale = out / "report-1300-Q1.fa.md"
    stale.write_text("from an older run", encoding="utf-8")

    calls = {"n": 0}
    real_write = Path.write_text

    def flaky(self: Path, *args: object, **kwargs: object) -> int:
        calls["n"] += 1
        if calls["n"] == 3:
            raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC))
        return real_write(self, *args, **kwargs)  # type: ignore[arg-type]

    monkeypatch.setattr(Path, "write_text", flaky)
    code, _, err = run("demo", "--out", str(out))
    monkeypatch.undo()
    assert code == 2, err
    assert stale.exists()
    assert {p.name: p.read_bytes() for p in out.iterdir() if p != stale} == first
    assert leftovers(tmp_path) == []

    assert run("demo", "--out", str(out))[0] == 0
    assert not stale.exists()
    assert sorted(p.name for p in out.iterdir()) == sorted(first)
    assert leftovers(tmp_path) == []


def test_demo_refuses_a_folder_of_other_files(tmp_path: Path) -> None:
    """demo never replaces a folder holding files it did not write: one line, exit 2, kept."""
    out = tmp_path / "mine"
    out.mkdir()
    (out / "thesis.docx").write_text("precious", encoding="utf-8")
    code, _, err = run("demo", "--out", str(out))
    assert_one_line_error(code, err, "--out:", str(out))
    assert (out / "thesis.docx").read_text(encoding="utf-8") == "precious"


def _interrupted_fill(target: Path) -> None:
    with atomic_folder(target, replace=lambda _: True) as tmp:
        (tmp / "a").write_text("x", encoding="utf-8")
        os.kill(os.getpid(), signal.SIGINT)
        time.sleep(1)


def test_atomic_folder_interrupted(tmp_path: Path) -> None:
    """A SIGINT while the folder is being filled removes the temporary folder; no target."""
    target = tmp_path / "t"
    with pytest.raises(KeyboardInterrupt):
        _interrupted_fill(target)
    assert list(tmp_path.iterdir()) == []


@pytest.mark.parametrize("existing", [None, "empty"])
def test_demo_export(tmp_path: Path, existing: str | None) -> None:
    """demo --export DIR copies the bundled demo dataset into a new or empty DIR, byte for byte,
    and the copy validates."""
    target = tmp_path / "mydata"
    if existing == "empty":
        target.mkdir()
    code, _, err = run("demo", "--export", str(target))
    assert code == 0, err
    with demo_dataset_path() as source:
        want = {
            p.relative_to(source).as_posix(): p.read_bytes()
            for p in source.rglob("*")
            if p.is_file()
        }
    got = {
        p.relative_to(target).as_posix(): p.read_bytes() for p in target.rglob("*") if p.is_file()
    }
    assert got == want
    assert run("validate", str(target))[0] == 0
    assert leftovers(tmp_path) == []


@pytest.mark.parametrize("kind", ["non-empty", "a-file"])
def test_demo_export_refuses(tmp_path: Path, kind: str) -> None:
    """demo --export refuses a non-empty folder or a file with one line, exit 2, touching nothing."""
    target = tmp_path / "t"
    if kind == "non-empty":
        target.mkdir()
        (target / "keep.txt").write_text("k", encoding="utf-8")
    else:
        target.write_text("k", encoding="utf-8")
    code, _, err = run("demo", "--export", str(target))
    assert_one_line_error(code, err, "--export:", str(target))
    assert (target / "keep.txt" if kind == "non-empty" else target).read_text(
        encoding="utf-8"
    ) == "k"


# -- row 29: every option's value error carries its option name ------------------------------------


OPTION_CASES = [
    ("report", ["-p", "1397-Q5"], "--period", "1397-Q5"),
    ("report", ["-p", "1397-Q3", "--province", "Atlantis"], "--province", "Atlantis"),
    ("report", ["-p", "1397-Q3", "--agency", "no-such"], "--agency", "no-such"),
    ("report", ["-p", "1397-Q3", "--lang", "de"], "--lang", "de"),
    ("report", ["-p", "1397-Q3", "--format", "pdf"], "--format", "pdf"),
    ("report", ["-p", "1397-Q3", "-o", ""], "--output", ""),
    ("progress", ["-g", "wg-national", "--as-of", "1397/12/30"], "--as-of", "1397/12/30"),
    ("progress", ["-g", "nope", "--as-of", "1397/12/29"], "--group", "nope"),
    ("progress", ["-g", "wg-national", "--as-of", "1397/12/29", "-f", "csv"], "--format", "csv"),
    ("progress", ["-g", "wg-national", "--as-of", "1397/12/29", "--lang", "xx"], "--lang", "xx"),
    ("eligibility", ["--as-of", "1397/12/30"], "--as-of", "1397/12/30"),
    ("eligibility", ["--as-of", "1397/01/15", "--post", "janitor"], "--post", "janitor"),
    ("eligibility", ["--as-of", "1397/01/15", "-f", "xml"], "--format", "xml"),
    ("eligibility", ["--as-of", "1397/01/15", "--lang", "de"], "--lang", "de"),
    ("eligibility", ["--as-of", "1397/01/15", "--key-file", "/no/key"], "--key-file", "/no/key"),
    ("score", ["--checklist", "/no/cl.json"], "--checklist", "/no/cl.json"),
    ("score", ["-f", "yaml"], "--format", "yaml"),
    ("demo", ["--out", "/etc/hostname"], "--out", "/etc/hostname"),
]


@pytest.mark.parametrize(("command", "args", "option", "value"), OPTION_CASES)
def test_option_errors_carry_the_option_name(
    demo_dir: Path, command: str, args: list[str], option: str, value: str
) -> None:
    """A bad value of any option is one line `citizenrights: error: --option: ...` naming the
    value, exit 2: the same shape for every option (one parse helper)."""
    target = {
        "report": [str(demo_dir)],
        "progress": [str(demo_dir)],
        "eligibility": [str(demo_dir / "candidates.jsonl")],
        "score": [str(demo_dir / "inspections.jsonl")],
        "demo": [],
    }[command]
    code, _, err = run(command, *target, *args)
    assert_one_line_error(code, err, f"citizenrights: error: {option}:", value)


@pytest.mark.parametrize(
    ("args", "needle"),
    [
        (["report", "."], "Missing option '--period'"),
        (["report", ".", "-p", "1397", "--bogus"], "No such option: --bogus"),
        (["nocommand"], "No such command"),
        (["score"], "Missing argument"),
    ],
)
def test_usage_errors_are_one_line(args: list[str], needle: str) -> None:
    """click's own usage errors (a missing option or argument, an unknown option or command)
    are one line with a pointer to --help, exit 2, not a usage panel."""
    code, _, err = run(*args)
    assert_one_line_error(code, err, needle, "--help")


@pytest.mark.parametrize(
    ("content", "needles"),
    [
        ('{"id": "x"}\n', ["version: Field required", "title: Field required", "sections:"]),
        ("[]\n", ["expected one checklist"]),
        ("{not json\n", [":1:", "[json_invalid]"]),
    ],
)
def test_a_bad_checklist_file_lists_every_problem(
    demo_dir: Path, tmp_path: Path, content: str, needles: list[str]
) -> None:
    """`score --checklist FILE` shows every problem of the file, each on its own line, named."""
    path = tmp_path / "checklist.json"
    path.write_text(content, encoding="utf-8")
    code, _out, err = run("score", str(demo_dir / "inspections.jsonl"), "--checklist", str(path))
    assert code == 2, err
    assert "Traceback" not in err
    for needle in needles:
        assert needle in err, err
    for line in err.strip().splitlines():
        assert line.startswith(("--checklist: ", "citizenrights: error:")), line


# -- a reader that goes away (| head) ---------------------------------------------------------------


@pytest.mark.parametrize(
    "args",
    [
        ("score", "{demo}/inspections.jsonl", "--format", "json"),
        ("score", "{demo}/inspections.jsonl", "--format", "csv"),
        ("report", "{demo}", "--period", "1397", "--format", "json"),
    ],
    ids=["score-json", "score-csv", "report-json"],
)
def test_a_reader_that_stops_early_is_no_error(demo_dir: Path, args: tuple[str, ...]) -> None:
    """``citizenrights ... | head -1``: the first line arrives, nothing is said on stderr, and the
    exit code is the shell's for SIGPIPE (141), not an input error."""
    argv = [a.format(demo=demo_dir) for a in args]
    proc = subprocess.Popen(
        [str(EXE), *argv],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
    )
    assert proc.stdout is not None
    assert proc.stderr is not None
    first = proc.stdout.readline()
    proc.stdout.close()  # the reader goes away with most of the output unread
    err = proc.stderr.read().decode("utf-8")
    proc.stderr.close()
    code = proc.wait(timeout=120)
    assert first.strip()
    assert err == ""
    assert code in (0, 141)  # 0 only when everything fitted in the pipe before it closed
