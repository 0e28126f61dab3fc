"""A database as a dataset source: import a folder, read it back record for record (real SQLite)."""

from __future__ import annotations

import re
import shutil
import sqlite3
from pathlib import Path
from typing import Any

import pytest

pytest.importorskip("sqlalchemy", reason="the sql extra (SQLAlchemy) is not installed")
typer_testing = pytest.importorskip("typer.testing", reason="the cli extra is not installed")

from citizenrights.cli._app import app  # noqa: E402
from citizenrights.dataset import (  # noqa: E402
    Dataset,
    _sql,
    demo_dataset_path,
)
from citizenrights.dataset._kinds import KINDS  # noqa: E402
from citizenrights.errors import DatasetError  # noqa: E402

ROOT = Path(__file__).resolve().parents[1]
runner = typer_testing.CliRunner()


def run(*args: str) -> tuple[int, str, str]:
    result = runner.invoke(app, list(args))
    return result.exit_code, result.stdout, result.stderr


@pytest.fixture(scope="module")
def demo_dir(tmp_path_factory: pytest.TempPathFactory) -> Path:
    target = tmp_path_factory.mktemp("demo") / "demo"
    with demo_dataset_path() as folder:
        shutil.copytree(folder, target)
    return target


@pytest.fixture(scope="module")
def demo_db(demo_dir: Path, tmp_path_factory: pytest.TempPathFactory) -> str:
    """The demo dataset imported into a real SQLite file."""
    url = f"sqlite:///{tmp_path_factory.mktemp('db') / 'demo.db'}"
    Dataset.load(demo_dir).to_sql(url)
    return url


def _records(dataset: Dataset, name: str) -> list[Any]:
    held = getattr(dataset, name)
    return list(held.items()) if name == "checklists" else list(held)


def _tables(path: Path) -> list[str]:
    with sqlite3.connect(path) as conn:
        rows = conn.execute("SELECT name FROM sqlite_master WHERE type = 'table'").fetchall()
    return sorted(name for (name,) in rows)


def test_round_trip_record_for_record(demo_dir: Path, demo_db: str) -> None:
    """A folder imported into SQLite loads back as the same records, in the same order."""
    folder = Dataset.load(demo_dir)
    database = Dataset.load(demo_db)
    for kind in KINDS:
        assert _records(database, kind.name) == _records(folder, kind.name), kind.name
    assert len(database.inspections) > 200
    assert database.source == demo_db
    assert database.folder is None
    assert Dataset.validate(demo_db) == []


def test_rows_keep_order_and_indexed_columns(demo_dir: Path, demo_db: str) -> None:
    """Row ids number the records in dataset order; id, agency and dates are real columns."""
    path = Path(demo_db.removeprefix("sqlite:///"))
    folder = Dataset.load(demo_dir)
    with sqlite3.connect(path) as conn:
        rows = conn.execute(
            "SELECT row_id, id, agency_id, date FROM inspections ORDER BY row_id"
        ).fetchall()
        indexes = {
            name for (name,) in conn.execute("SELECT name FROM sqlite_master WHERE type = 'index'")
        }
        version = conn.execute("SELECT version FROM schema_version").fetchall()
    assert [r[0] for r in rows] == list(range(1, len(folder.inspections) + 1))
    assert [r[1:] for r in rows] == [
        (i.id, i.agency_id, i.date.isoformat()) for i in folder.inspections
    ]
    assert {"ix_inspections_agency_id", "ix_inspections_date", "ix_stats_period"} <= indexes
    assert version == [(_sql.SCHEMA_VERSION,)]


def test_report_json_identical_from_folder_and_database(demo_dir: Path, demo_db: str) -> None:
    """``report --format json`` prints the same bytes from the folder and from its database."""
    for args in (("--period", "1396"), ("--period", "1396-Q3", "--province", "IR-10")):
        code, from_folder, err = run("report", str(demo_dir), *args, "--format", "json")
        assert code == 0, err
        code, from_database, err = run("report", demo_db, *args, "--format", "json")
        assert code == 0, err
        assert from_database == from_folder


def test_progress_from_database(demo_dir: Path, demo_db: str) -> None:
    """``progress`` reads the working groups and meetings from the database alike."""
    group = Dataset.load(demo_dir).working_groups[0].id
    args = ("--group", group, "--as-of", "1397/01/15", "--format", "json")
    code, from_folder, _ = run("progress", str(demo_dir), *args)
    assert code == 0
    code, from_database, err = run("progress", demo_db, *args)
    assert code == 0, err
    assert from_database == from_folder


def test_cli_import_then_validate(demo_dir: Path, tmp_path: Path) -> None:
    """``import DIR --to URL`` writes the tables; ``validate URL`` finds no problems."""
    url = f"sqlite:///{tmp_path / 'records.db'}"
    code, out, err = run("import", str(demo_dir), "--to", url)
    assert code == 0, err
    assert out.startswith(f"{url}: imported ")
    assert "inspections 341," in out
    assert "trainings 7,061" in out
    code, out, _ = run("validate", url)
    assert (code, out) == (0, f"{url}: no problems\n")
    # A second import into the same database is refused, and --replace overwrites.
    code, _, err = run("import", str(demo_dir), "--to", url)
    assert code == 2
    assert "already holds the tables" in err
    assert len(err.splitlines()) == 1
    code, _, err = run("import", str(demo_dir), "--to", url, "--replace")
    assert code == 0, err
    assert Dataset.validate(url) == []


def test_import_of_a_folder_with_problems_writes_nothing(demo_dir: Path, tmp_path: Path) -> None:
    """A folder with problems is refused (every problem listed, exit 1): no file is created."""
    bad = tmp_path / "bad"
    shutil.copytree(demo_dir, bad)
    lines = (bad / "inspections.jsonl").read_text(encoding="utf-8").splitlines()
    lines[6] = "{not json"
    (bad / "inspections.jsonl").write_text("\n".join(lines) + "\n", encoding="utf-8")
    target = tmp_path / "records.db"
    code, out, err = run("import", str(bad), "--to", f"sqlite:///{target}")
    assert code == 1
    assert "inspections.jsonl:7:" in out
    assert "nothing imported" in err
    assert not target.exists()


def test_a_failed_write_leaves_no_table(
    demo_dir: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The tables and rows are written in one transaction: a failure midway leaves none."""
    dataset = Dataset.load(demo_dir)
    real_insert = _sql._insert

    def failing(conn: Any, kind: Any, records: Any) -> int:
        if kind.name == "complaints":
            raise _sql.sa_exc.OperationalError("INSERT", {}, Exception("disk I/O error"))
        return real_insert(conn, kind, records)

    monkeypatch.setattr(_sql, "_insert", failing)
    path = tmp_path / "half.db"
    with pytest.raises(DatasetError, match="cannot be written: disk I/O error"):
        dataset.to_sql(f"sqlite:///{path}")
    assert _tables(path) == []


@pytest.mark.parametrize(
    ("make", "expected"),
    [
        pytest.param(None, "no such file; expected a SQLite database file", id="missing"),
        pytest.param(b"hello, not a database" * 100, "cannot be read: file is not a database",
                     id="not-a-database"),
        pytest.param("CREATE TABLE people (name TEXT)", "not a citizenrights database",
                     id="other-schema"),
        pytest.param("CREATE TABLE schema_version (version INTEGER, written_by TEXT);"
                     "INSERT INTO schema_version VALUES (99, 'future')",
                     "schema version 99; this citizenrights reads version 1", id="other-version"),
    ],
)  # fmt: skip
def test_bad_databases_are_one_line(tmp_path: Path, make: Any, expected: str) -> None:
    """A missing file, a file that is not a database, a database of another schema: one line."""
    path = tmp_path / "x.db"
    if isinstance(make, bytes):
        path.write_bytes(make)
    elif isinstance(make, str):
        with sqlite3.connect(path) as conn:
            conn.executescript(make)
    url = f"sqlite:///{path}"
    problems = Dataset.validate(url)
    assert len(problems) == 1
    assert problems[0].startswith(f"{url}: (database): {expected}")
    with pytest.raises(DatasetError) as caught:
        Dataset.load(url)
    assert caught.value.problems == tuple(problems)
    for args in (("validate", url), ("report", url, "--period", "1396")):
        code, out, err = run(*args)
        assert (code, out) == (2, "")
        assert err == f"citizenrights: error: {problems[0]}\n"
    if make is None:
        assert not path.exists()  # reading never creates the file


def test_bad_rows_name_table_and_row_id(demo_db: str, tmp_path: Path) -> None:
    """Each row is validated back through its model: problems read ``URL#table:row: field``."""
    path = tmp_path / "edited.db"
    shutil.copyfile(demo_db.removeprefix("sqlite:///"), path)
    with sqlite3.connect(path) as conn:
        conn.execute(
            'UPDATE inspections SET record = replace(record, \'"date":"\', \'"date":"x\') '
            "WHERE row_id = 17"
        )
        conn.execute("UPDATE complaints SET agency_id = 'elsewhere' WHERE row_id = 3")
        conn.execute("UPDATE surveys SET record = '{not json' WHERE row_id = 5")
    url = f"sqlite:///{path}"
    problems = Dataset.validate(url)
    assert [p.split(": ")[0] for p in problems] == [
        f"{url}#complaints:3",
        f"{url}#inspections:17",
        f"{url}#surveys:5",
    ]
    assert "agency_id: the column holds 'elsewhere'" in problems[0]
    assert "date:" in problems[1]
    assert "[date_invalid]" in problems[1]
    assert "(json): invalid JSON" in problems[2]


def test_passwords_are_masked(demo_dir: Path) -> None:
    """A URL's password never shows in a message, a problem or the CLI's output."""
    url = "postgresql+psycopg://oversight:s3cr3t@127.0.0.1:9/records"
    assert _sql.mask_url(url) == "postgresql+psycopg://oversight:***@127.0.0.1:9/records"
    problems = Dataset.validate(url)
    assert len(problems) == 1
    assert "s3cr3t" not in problems[0]
    assert problems[0].startswith("postgresql+psycopg://oversight:***@127.0.0.1:9/records: ")
    for args in (("validate", url), ("report", url, "--period", "1396"),
                 ("import", str(demo_dir), "--to", url)):  # fmt: skip
        code, out, err = run(*args)
        assert code == 2
        assert "s3cr3t" not in out + err
        assert "oversight:***@" in out + err
    with pytest.raises(DatasetError) as caught:
        Dataset.load("sqlite://u:hunter2@/x.db")
    assert "hunter2" not in str(caught.value)


def test_import_needs_a_url(demo_dir: Path) -> None:
    """``--to`` must be a database URL: a path is one line, exit 2."""
    code, _, err = run("import", str(demo_dir), "--to", "records.db")
    assert code == 2
    assert err.startswith("citizenrights: error: --to: expected a database URL")


def test_without_sqlalchemy_one_line(monkeypatch: pytest.MonkeyPatch) -> None:
    """Without the extra, a URL is one problem saying how to install it."""
    monkeypatch.setattr(_sql, "AVAILABLE", False)
    problems = Dataset.validate("sqlite:///x.db")
    assert problems == [
        "sqlite:///x.db: (database): reading or writing a database needs SQLAlchemy; "
        "install citizenrights[sql]"
    ]


def test_documented_ddl_is_the_generated_one() -> None:
    """The DDL on docs/how-to/database.md is what the models generate for SQLite."""
    page = (ROOT / "docs" / "how-to" / "database.md").read_text(encoding="utf-8")
    match = re.search(r"```sql\n(.*?)```", page, re.DOTALL)
    assert match is not None
    assert match[1] == _sql.ddl("sqlite")
