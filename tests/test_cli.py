"""The command line, driven as a user would: typer's runner and a real subprocess."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from typer.testing import CliRunner

from citizenrights.cli._app import app
from citizenrights.dataset import demo_dataset_path

runner = CliRunner()


@pytest.fixture(scope="module")
def demo_dir(tmp_path_factory: pytest.TempPathFactory) -> Path:
    target = tmp_path_factory.mktemp("demo") / "demo"
    with demo_dataset_path() as folder:
        shutil.copytree(folder, target)
    return target


def run(*args: str) -> tuple[int, str, str]:
    result = runner.invoke(app, list(args))
    return result.exit_code, result.stdout, result.stderr


def test_version() -> None:
    """--version prints the library version."""
    from citizenrights import __version__

    code, out, _ = run("--version")
    assert code == 0
    assert out.strip() == __version__


def test_validate_ok_and_findings(demo_dir: Path, tmp_path: Path) -> None:
    """validate: 0 for a good folder; 1 with every problem listed for a bad one; 2 if missing."""
    code, out, _ = run("validate", str(demo_dir))
    assert code == 0
    assert "no problems" in out
    bad = tmp_path / "bad"
    shutil.copytree(demo_dir, bad)
    lines = (bad / "inspections.jsonl").read_text(encoding="utf-8").splitlines()
    lines[6] = "{not json"
    (bad / "inspections.jsonl").write_text("\n".join(lines) + "\n", encoding="utf-8")
    code, out, err = run("validate", str(bad))
    assert code == 1
    assert "inspections.jsonl:7:" in out
    assert "problem(s)" in err
    code, _, err = run("validate", str(tmp_path / "missing"))
    assert code == 2
    assert err.startswith("citizenrights: error:")
    assert len(err.splitlines()) == 1


def test_score_formats(demo_dir: Path, tmp_path: Path) -> None:
    """score writes table, JSON or CSV; the CSV has one row per inspection."""
    src = demo_dir / "inspections.jsonl"
    n = sum(1 for line in src.read_text(encoding="utf-8").splitlines() if line.strip())
    out = tmp_path / "scores.csv"
    code, _, _ = run("score", str(src), "--format", "csv", "-o", str(out))
    assert code == 0
    rows = out.read_text(encoding="utf-8").splitlines()
    assert rows[0].startswith("inspection_id,agency_id,date,status,score")
    assert len(rows) == n + 1
    js = tmp_path / "scores.json"
    assert run("score", str(src), "-f", "json", "-o", str(js))[0] == 0
    data = json.loads(js.read_text(encoding="utf-8"))
    assert len(data) == n
    assert {"score", "sections", "checklist_fingerprint"} <= set(data[0])
    code, out_text, _ = run("score", str(src))
    assert code == 0
    assert "Scores" in out_text


def test_score_bad_input_leaves_no_file(demo_dir: Path, tmp_path: Path) -> None:
    """A bad line fails with exit 2, and the output file is neither created nor half-written."""
    bad = tmp_path / "bad.jsonl"
    lines = (demo_dir / "inspections.jsonl").read_text(encoding="utf-8").splitlines()[:50]
    lines.insert(30, '{"id": "x"}')
    bad.write_text("\n".join(lines) + "\n", encoding="utf-8")
    out = tmp_path / "scores.csv"
    code, _, err = run("score", str(bad), "-f", "csv", "-o", str(out))
    assert code == 2
    assert "bad.jsonl:31:" in err
    assert not out.exists()
    assert not [p for p in tmp_path.iterdir() if p.name.startswith(".scores.csv")]
    out.write_text("keep me", encoding="utf-8")
    assert run("score", str(bad), "-f", "csv", "-o", str(out))[0] == 2
    assert out.read_text(encoding="utf-8") == "keep me"


def test_score_missing_file_and_bad_checklist(tmp_path: Path, demo_dir: Path) -> None:
    """A missing file or a malformed checklist file is exit 2 with a one-line reason."""
    code, _, err = run("score", str(tmp_path / "nope.jsonl"))
    assert code == 2
    assert "nope.jsonl" in err
    assert len(err.splitlines()) == 1
    cl = tmp_path / "cl.json"
    cl.write_text('{"id": "x"}', encoding="utf-8")
    code, _, err = run("score", str(demo_dir / "inspections.jsonl"), "--checklist", str(cl))
    assert code == 2
    assert "cl.json" in err


def test_report_command(demo_dir: Path, tmp_path: Path) -> None:
    """report renders Markdown (fa, en), JSON and CSV; bad period or province is exit 2."""
    out = tmp_path / "r.md"
    code, _, _ = run(
        "report", str(demo_dir), "--period", "1397-Q3", "--province", "Isfahan", "-o", str(out)
    )
    assert code == 0
    assert out.read_text(encoding="utf-8").startswith('<div dir="rtl"')
    code, text, _ = run("report", str(demo_dir), "-p", "1397-Q3", "--lang", "en")
    assert code == 0
    assert "Autumn 1397" in text
    code, text, _ = run("report", str(demo_dir), "-p", "1397", "-f", "json")
    assert code == 0
    assert json.loads(text)["period"] == "1397"
    code, text, _ = run("report", str(demo_dir), "-p", "1397-Q3", "-f", "csv")
    assert code == 0
    assert text.startswith("\ufeffgroup,rank,agency_id")  # the BOM Excel needs
    code, _, err = run("report", str(demo_dir), "-p", "1397-Q5")
    assert code == 2
    assert "1397-Q5" in err
    code, _, err = run("report", str(demo_dir), "-p", "1397-Q3", "--province", "Atlantis")
    assert code == 2
    assert "Atlantis" in err
    code, _, err = run("report", str(demo_dir), "-p", "1397-Q3", "--agency", "no-such")
    assert code == 2
    assert "no-such" in err


def test_eligibility_command(demo_dir: Path, tmp_path: Path) -> None:
    """eligibility takes JSONL, a JSON array or one object; ids are masked unless --unmask."""
    src = demo_dir / "candidates.jsonl"
    code, text, _ = run(
        "eligibility",
        str(src),
        "--post",
        "managerial:middle",
        "--as-of",
        "1397/01/15",
        "-f",
        "json",
    )
    assert code == 0
    decisions = json.loads(text)
    assert len(decisions) == 12
    ids = [json.loads(line)["person_id"] for line in src.read_text(encoding="utf-8").splitlines()]
    assert all(i not in text for i in ids)
    code, text, _ = run(
        "eligibility",
        str(src),
        "--post",
        "sensitive",
        "--as-of",
        "1397/01/15",
        "-f",
        "json",
        "--unmask",
    )
    assert ids[0] in text
    array = tmp_path / "c.json"
    array.write_text(
        json.dumps([json.loads(src.read_text(encoding="utf-8").splitlines()[0])]), encoding="utf-8"
    )
    code, text, _ = run("eligibility", str(array), "--as-of", "1397-01-15", "-f", "csv")
    assert code == 0
    assert len(text.strip().splitlines()) == 2
    code, _, err = run("eligibility", str(src), "--as-of", "1397/13/01")
    assert code == 2
    assert "1397/13/01" in err
    code, _, err = run("eligibility", str(src), "--post", "janitor", "--as-of", "1397/01/15")
    assert code == 2
    code, _, err = run("eligibility", str(src))
    assert code == 2
    assert "--as-of" in err


def test_schema_command() -> None:
    """schema prints one model's JSON Schema, or all of them by name; unknown is exit 2."""
    code, text, _ = run("schema", "Inspection")
    assert code == 0
    assert json.loads(text)["title"] == "Inspection"
    code, text, _ = run("schema")
    assert code == 0
    assert "Agency" in json.loads(text)
    code, _, err = run("schema", "Nope")
    assert code == 2
    assert "Nope" in err


def test_real_subprocess_exit_codes(demo_dir: Path, tmp_path: Path) -> None:
    """Run as a real process: no traceback on bad input, exit codes as documented."""
    exe = [sys.executable, "-c", "from citizenrights.cli import main; main()"]
    env = {**os.environ, "PYTHONIOENCODING": "utf-8"}
    done = subprocess.run(
        [*exe, "validate", str(demo_dir)],
        capture_output=True,
        text=True,
        env=env,
        check=False,
        timeout=120,
    )
    assert done.returncode == 0, done.stderr
    done = subprocess.run(
        [*exe, "report", str(tmp_path / "none"), "-p", "1396-Q3"],
        capture_output=True,
        text=True,
        env=env,
        check=False,
        timeout=120,
    )
    assert done.returncode == 2
    assert "Traceback" not in done.stderr
    assert done.stderr.count("\n") == 1


def test_huge_file_streams(tmp_path: Path, demo_dir: Path) -> None:
    """A 20,000-line file scores to CSV through the real command (streamed, not held)."""
    line = (demo_dir / "inspections.jsonl").read_text(encoding="utf-8").splitlines()[0]
    big = tmp_path / "big.jsonl"
    with big.open("w", encoding="utf-8") as handle:
        for _ in range(20_000):
            handle.write(line + "\n")
    out = tmp_path / "big.csv"
    code, _, err = run("score", str(big), "-f", "csv", "-o", str(out))
    assert code == 0, err
    with out.open(encoding="utf-8") as handle:
        assert sum(1 for _ in handle) == 20_001


def test_progress_command(demo_dir: Path, tmp_path: Path) -> None:
    """progress renders a group's report; an unknown group or a bad date is exit 2, one line."""
    out = tmp_path / "p.md"
    code, _, err = run(
        "progress", str(demo_dir), "--group", "wg-national", "--as-of", "1397/12/29", "-o", str(out)
    )
    assert code == 0, err
    assert out.read_text(encoding="utf-8").startswith('<div dir="rtl"')
    code, text, _ = run(
        "progress", str(demo_dir), "-g", "wg-isf-smt", "--as-of", "1397/12/29", "--lang", "en"
    )
    assert code == 0
    assert "Documented progress report" in text
    code, text, _ = run(
        "progress", str(demo_dir), "-g", "wg-isf-smt", "--as-of", "2019-03-20", "-f", "json"
    )
    assert code == 0
    assert json.loads(text)["progress"]["group_id"] == "wg-isf-smt"
    out.write_text("keep me", encoding="utf-8")
    code, _, err = run(
        "progress", str(demo_dir), "-g", "nope", "--as-of", "1397/12/29", "-o", str(out)
    )
    assert code == 2
    assert "nope" in err
    assert len(err.strip().splitlines()) == 1
    assert out.read_text(encoding="utf-8") == "keep me"
    code, _, err = run("progress", str(demo_dir), "-g", "wg-national", "--as-of", "1397/12/30")
    assert code == 2
    assert "1397/12/30" in err


def test_demo_command(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """demo runs the whole pipeline and writes the reports to the folder it names; its
    eligibility table fits 80 columns with every record number, masked id and status whole."""
    monkeypatch.setenv("COLUMNS", "80")
    out = tmp_path / "demo-out"
    code, text, err = run("demo", "--out", str(out))
    assert code == 0, err
    lines = text.splitlines()
    first = next(n for n, line in enumerate(lines) if line.startswith(" Eligibility for"))
    table = lines[first : next(n for n, line in enumerate(lines) if "Working group" in line)]
    assert max(len(line) for line in table) <= 80
    assert "…" not in "\n".join(table)
    assert table[3].split() == ["record", "person", "post", "status", "score", "reasons"]
    rows = [line.split() for line in table if line[:8].strip().isdigit()]
    assert [r[:2] for r in rows[:4]] == [
        ["1", "*******001"], ["2", "*******002"], ["3", "*******001"], ["4", "*******002"],
    ]  # fmt: skip
    assert [r[0] for r in rows] == [str(n) for n in range(1, 13)]
    assert [r[3] for r in rows[:4]] == ["eligible", "conditional", "ineligible", "ineligible"]
    assert rows[6][2:6] == ["managerial", "eligible", "90.00", "ELIG_NO_POSITIVE_RECORD"]
    names = sorted(p.name for p in out.iterdir())
    assert "report-1397-Q4.fa.md" in names
    assert "report-1397-Q4.en.md" in names
    assert "ranking-1397-Q4.csv" in names
    assert "eligibility.json" in names
    assert any(n.startswith("progress-") for n in names)
    assert "Eligibility" in text
    assert "Working group" in text
    decisions = json.loads((out / "eligibility.json").read_text(encoding="utf-8"))
    assert len(decisions) == 12
    assert all(d["person_id"].startswith("*") for d in decisions)
    file_out = tmp_path / "a-file"
    file_out.write_text("x", encoding="utf-8")
    code, _, err = run("demo", "--out", str(file_out))
    assert code == 2
    assert "not a folder" in err


def test_output_file_mode_is_kept(demo_dir: Path, tmp_path: Path) -> None:
    """An output file gets the usual mode (umask), and a replaced file keeps its own."""
    new = tmp_path / "new.csv"
    assert run("report", str(demo_dir), "-p", "1397-Q3", "-f", "csv", "-o", str(new))[0] == 0
    umask = os.umask(0)
    os.umask(umask)
    assert new.stat().st_mode & 0o777 == 0o666 & ~umask
    old = tmp_path / "old.csv"
    old.write_text("x", encoding="utf-8")
    old.chmod(0o640)
    assert run("report", str(demo_dir), "-p", "1397-Q3", "-f", "csv", "-o", str(old))[0] == 0
    assert old.stat().st_mode & 0o777 == 0o640


def test_report_without_data_warns(demo_dir: Path) -> None:
    """A report of a period or province with no data says so on stderr (and still exits 0)."""
    code, _, err = run("report", str(demo_dir), "-p", "1300-Q1", "--lang", "en")
    assert code == 0
    assert "warning: no agency or record" in err
    code, _, err = run(
        "eligibility", str(demo_dir / "candidates.jsonl"), "--post", "boss", "--as-of", "1397/01/15"
    )
    assert code == 2
    assert "'boss'" in err
    assert "managerial" in err
