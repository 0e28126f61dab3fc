"""A database as a dataset source: the tables, writing a dataset, streaming its rows back (private).

SQLAlchemy Core (the optional extra ``sql``), so the same code runs on SQLite and PostgreSQL; only
SQLite is tested. Each kind of record of a dataset folder (see `KINDS`) has one table
of the same name::

    row_id   INTEGER PRIMARY KEY   the record's place in the dataset (1, 2, ...): rows are read
                                   in this order, and problems name it as the line
    <field>  indexed column        each field of the model that is part of the kind's key, an
                                   agency_id or group_id, or date-like (a date or a period)
    record   TEXT NOT NULL         the whole validated record, ``model_dump_json()``

and a ``schema_version`` table holds one row, `SCHEMA_VERSION`. The columns follow from the
models (`columns`), so nested records need no mapping; the JSON text is what is read back
and validated, and each indexed column must agree with it. This module imports without
SQLAlchemy: only the functions that touch a database need it, and they say how to install it.
"""

from __future__ import annotations

import datetime
import os
import re
import types
import typing
from collections.abc import Callable, Iterable, Iterator
from functools import cache
from typing import Any

from pydantic import BaseModel, ValidationError

from citizenrights.calendar import JalaliPeriod
from citizenrights.dataset._kinds import KINDS, Kind
from citizenrights.dataset._problems import WHOLE, Problem, Sink, translate
from citizenrights.dataset._source import FileProblemError, JsonProblemError, parse_json
from citizenrights.errors import DatasetError

try:
    import sqlalchemy as sa
    from sqlalchemy import exc as sa_exc
except ModuleNotFoundError as _missing:  # pragma: no cover - only without the extra
    if _missing.name != "sqlalchemy":
        raise
    AVAILABLE = False
else:
    #: Whether SQLAlchemy (the extra ``sql``) is installed.
    AVAILABLE = True

__all__ = [
    "AVAILABLE",
    "SCHEMA_VERSION",
    "Column",
    "SqlSource",
    "columns",
    "ddl",
    "mask_url",
    "write_dataset",
]

#: The layout of the tables; a database of another version is refused, not guessed at.
SCHEMA_VERSION = 1
#: Rows fetched from the server at a time while streaming, and inserted at a time.
BATCH = 1000
#: Fields that refer to another record: indexed, for reading one agency's or group's records.
_REF_FIELDS = frozenset({"agency_id", "group_id"})
_DATE_LIKE = (datetime.date, JalaliPeriod)
# scheme://user:password@host: the password is everything up to the last '@' of the authority.
_PASSWORD = re.compile(r"^([A-Za-z][A-Za-z0-9+.-]*://[^:/@?#]*:)([^/?#]*)(@)")
_MISSING = "reading or writing a database needs SQLAlchemy; install citizenrights[sql]"


def mask_url(url: str) -> str:
    """The URL with its password (if any) replaced by ``***``, fit for a message or a log.

    Examples:
        >>> mask_url("postgresql://oversight:s3cr@t@db.example/records")
        'postgresql://oversight:***@db.example/records'
        >>> mask_url("sqlite:///records.db")
        'sqlite:///records.db'
    """
    return _PASSWORD.sub(r"\1***\3", url)


def _password(url: str) -> str | None:
    match = _PASSWORD.match(url)
    return match[2] if match and match[2] else None


def _problem(url: str, message: str) -> Problem:
    return Problem(mask_url(url), WHOLE, "(database)", message)


def _fail(url: str, message: str) -> DatasetError:
    return DatasetError([str(_problem(url, message))], folder=mask_url(url))


def _reason(exc: BaseException, url: str) -> str:
    """The first line of a database error, without the statement, the URL or its password."""
    orig = getattr(exc, "orig", None)
    text = str(orig if orig is not None else exc).strip()
    text = text.splitlines()[0] if text else type(exc).__name__
    password = _password(url)
    if password:
        text = text.replace(password, "***")
    return text.replace(url, mask_url(url))


# -- the tables ------------------------------------------------------------------------------------


class Column(typing.NamedTuple):
    """An indexed column of a kind's table, derived from a model field."""

    name: str
    #: ``datetime.date``, or ``str`` (ids and periods, as their JSON text).
    type: type
    nullable: bool


def _scalar(annotation: Any) -> tuple[type | None, bool]:
    """The type of a field without ``Annotated`` and ``| None``, and whether ``None`` is allowed."""
    nullable = False
    while True:
        origin = typing.get_origin(annotation)
        if origin is typing.Annotated:
            annotation = typing.get_args(annotation)[0]
        elif origin is typing.Union or origin is types.UnionType:
            args = [a for a in typing.get_args(annotation) if a is not type(None)]
            nullable = nullable or len(args) < len(typing.get_args(annotation))
            if len(args) != 1:
                return None, nullable
            annotation = args[0]
        else:
            break
    return (annotation if isinstance(annotation, type) else None), nullable


def columns(kind: Kind) -> tuple[Column, ...]:
    """The indexed columns of a kind's table: key, reference and date-like fields of its model.

    A field is a column when it is part of the kind's key, refers to an agency or a working
    group, or holds a date or a period; and when its value is one text or date (not a list or a
    nested record). Dates are ``DATE`` columns, everything else text.

    Examples:
        >>> from citizenrights.dataset._kinds import KINDS_BY_NAME
        >>> [c.name for c in columns(KINDS_BY_NAME["complaints"])]
        ['id', 'agency_id', 'received', 'closed_on']
    """
    found = []
    for name, info in kind.model.model_fields.items():
        base, nullable = _scalar(info.annotation)
        if base is None or not issubclass(base, (str, *_DATE_LIKE)):
            continue
        if name in kind.key or name in _REF_FIELDS or issubclass(base, _DATE_LIKE):
            is_date = issubclass(base, datetime.date)
            found.append(Column(name, datetime.date if is_date else str, nullable))
    return tuple(found)


def _require(url: str) -> None:
    if not AVAILABLE:
        raise _fail(url, _MISSING)


@cache
def _metadata() -> sa.MetaData:
    metadata = sa.MetaData()
    sa.Table(
        "schema_version",
        metadata,
        sa.Column("version", sa.Integer, nullable=False),
        sa.Column("written_by", sa.String(100), nullable=False),
    )
    for kind in KINDS:
        sa.Table(
            kind.name,
            metadata,
            sa.Column("row_id", sa.Integer, primary_key=True, autoincrement=False),
            *(
                sa.Column(
                    c.name,
                    sa.Date if c.type is datetime.date else sa.String(200),
                    nullable=c.nullable,
                    index=True,
                )
                for c in columns(kind)
            ),
            sa.Column("record", sa.Text, nullable=False),
        )
    return metadata


def ddl(dialect: str = "sqlite") -> str:
    """The ``CREATE TABLE`` and ``CREATE INDEX`` statements of the tables, for a dialect.

    Args:
        dialect: a SQLAlchemy dialect name: ``sqlite``, ``postgresql``, ...

    Returns:
        The statements, each ending with ``;``, separated by blank lines.

    Raises:
        DatasetError: when SQLAlchemy is not installed.
    """
    _require(f"{dialect}://")
    from sqlalchemy.dialects import registry

    the_dialect = registry.load(dialect)()
    statements = []
    for table in _metadata().sorted_tables:
        create = str(sa.schema.CreateTable(table).compile(dialect=the_dialect)).strip()
        statements.append(create + ";")
        for index in sorted(table.indexes, key=lambda i: str(i.name)):
            statements.append(str(sa.schema.CreateIndex(index).compile(dialect=the_dialect)) + ";")
    # Tabs and trailing blanks as a page shows them: four spaces, none.
    text = "\n\n".join(statements).expandtabs(4)
    return "\n".join(line.rstrip() for line in text.splitlines()) + "\n"


def _values(record: BaseModel, kind_columns: tuple[Column, ...]) -> dict[str, Any]:
    """The indexed columns of a record: dates as dates, the rest as their JSON text."""
    dumped = record.model_dump(mode="json", include={c.name for c in kind_columns})
    return {
        c.name: getattr(record, c.name) if c.type is datetime.date else dumped.get(c.name)
        for c in kind_columns
    }


# -- connecting ------------------------------------------------------------------------------------


def _engine(url: str) -> sa.Engine:
    """An engine for ``url``; an unparsable URL or a missing driver is one line."""
    _require(url)
    try:
        engine = sa.create_engine(url)
    except sa_exc.ArgumentError:
        raise _fail(
            url, "not a database URL; expected e.g. sqlite:///records.db or postgresql://..."
        ) from None
    except sa_exc.NoSuchModuleError as exc:
        raise _fail(url, f"unknown database dialect: {_reason(exc, url)}") from None
    except ImportError as exc:
        raise _fail(url, f"the database driver {exc.name or ''} is not installed") from None
    if engine.dialect.name == "sqlite" and engine.dialect.driver == "pysqlite":
        _transactional_sqlite(engine)
    return engine


def _transactional_sqlite(engine: sa.Engine) -> None:
    """Make pysqlite run DDL inside the transaction too (SQLAlchemy's documented recipe).

    Python's sqlite3 module commits around ``CREATE TABLE`` on its own; without this, a failed
    import could leave empty tables behind. PostgreSQL's DDL is transactional already.
    """

    @sa.event.listens_for(engine, "connect")
    def _connect(dbapi_connection: Any, _record: Any) -> None:
        dbapi_connection.isolation_level = None

    @sa.event.listens_for(engine, "begin")
    def _begin(connection: sa.Connection) -> None:
        connection.exec_driver_sql("BEGIN")


def _sqlite_file(engine: sa.Engine) -> str | None:
    """The file of a SQLite database, ``None`` for an in-memory one or another dialect."""
    database = engine.url.database
    if engine.dialect.name != "sqlite" or not database or database == ":memory:":
        return None
    if database.startswith("file:"):
        return None  # a SQLite URI: its mode says what happens to a missing file
    return database


# -- writing ---------------------------------------------------------------------------------------


def write_dataset(
    url: str,
    records: Callable[[Kind], Iterable[BaseModel]],
    *,
    written_by: str,
    replace: bool = False,
) -> dict[str, int]:
    """Create the tables and write every kind's records, in one transaction.

    Args:
        url: the database URL.
        records: the records of a kind, in dataset order.
        written_by: what wrote the database (``citizenrights 1.2.0``), kept in ``schema_version``.
        replace: drop the dataset tables first when the database holds them already.

    Returns:
        The number of rows written, by table.

    Raises:
        DatasetError: one line naming the URL (password masked): the database holds the tables
            already (and ``replace`` is false), cannot be opened or written, or SQLAlchemy is
            not installed. Nothing is written then.
    """
    engine = _engine(url)
    metadata = _metadata()
    counts: dict[str, int] = {}
    try:
        with engine.begin() as conn:
            present = sorted(set(sa.inspect(conn).get_table_names()) & set(metadata.tables))
            if present and not replace:
                raise _fail(
                    url,
                    f"already holds the tables {', '.join(present)}; import into a new database "
                    "or replace them (--replace)",
                )
            metadata.drop_all(conn)
            metadata.create_all(conn)
            conn.execute(
                metadata.tables["schema_version"].insert(),
                [{"version": SCHEMA_VERSION, "written_by": written_by}],
            )
            for kind in KINDS:
                counts[kind.name] = _insert(conn, kind, records(kind))
    except sa_exc.SQLAlchemyError as exc:
        raise _fail(url, f"cannot be written: {_reason(exc, url)}") from None
    finally:
        engine.dispose()
    return counts


def _insert(conn: sa.Connection, kind: Kind, records: Iterable[BaseModel]) -> int:
    table = _metadata().tables[kind.name]
    kind_columns = columns(kind)
    batch: list[dict[str, Any]] = []
    row_id = 0
    for row_id, record in enumerate(records, 1):
        values = _values(record, kind_columns)
        batch.append({"row_id": row_id, **values, "record": record.model_dump_json()})
        if len(batch) == BATCH:
            conn.execute(table.insert(), batch)
            batch = []
    if batch:
        conn.execute(table.insert(), batch)
    return row_id


# -- reading ---------------------------------------------------------------------------------------

#: ``(row id, record or None, raw data of a failed record)``, as the folder readers yield.
Rows = Iterator[tuple[int, Any, Any]]


#: The kinds added after schema version 1 was first written: a database without their tables
#: (written by an earlier citizenrights) reads as having none of their records.
_ADDED_LATER = frozenset({"ngo_reports", "training_programmes", "publications"})


class SqlSource:
    """An open database holding a dataset: its tables checked, each kind's rows streamed.

    Use it as a context manager; `problem` is set (and nothing can be read) when the database
    cannot be opened or is not a citizenrights database of this `SCHEMA_VERSION`.
    """

    def __init__(self, url: str) -> None:
        self.url = url
        #: The URL for messages: its password masked.
        self.name = mask_url(url)
        self.problem: Problem | None = None
        self._engine: sa.Engine | None = None
        self._conn: sa.Connection | None = None
        self._tables: set[str] = set()

    def __enter__(self) -> SqlSource:
        if not AVAILABLE:
            self.problem = _problem(self.url, _MISSING)
            return self
        try:
            self._engine = _engine(self.url)
        except DatasetError as exc:
            self.problem = _problem(self.url, exc.problems[0].split(": (database): ", 1)[-1])
            return self
        self.problem = self._open(self._engine)
        return self

    def __exit__(self, *exc_info: object) -> None:
        if self._conn is not None:
            self._conn.close()
        if self._engine is not None:
            self._engine.dispose()

    def _open(self, engine: sa.Engine) -> Problem | None:
        path = _sqlite_file(engine)
        if path is not None and not os.path.isfile(path):
            what = "a folder, not" if os.path.isdir(path) else "no such file; expected"
            return _problem(
                self.url,
                f"{what} a SQLite database file ({path}); "
                "create one with: citizenrights import DIR --to URL",
            )
        try:
            self._conn = conn = engine.connect()
            tables = set(sa.inspect(conn).get_table_names())
            if "schema_version" not in tables:
                return _problem(
                    self.url,
                    "not a citizenrights database: it has no schema_version table; "
                    "create one with: citizenrights import DIR --to URL",
                )
            version_table = _metadata().tables["schema_version"]
            versions = list(conn.execute(sa.select(version_table.c.version)).scalars())
            if versions != [SCHEMA_VERSION]:
                found = ", ".join(map(str, versions)) or "none"
                return _problem(
                    self.url,
                    f"schema version {found}; this citizenrights reads version {SCHEMA_VERSION}",
                )
            self._tables = tables
            missing = [k.name for k in KINDS if k.name not in tables | _ADDED_LATER]
            if missing:
                return _problem(self.url, f"missing the tables {', '.join(missing)}")
        except sa_exc.SQLAlchemyError as exc:
            return _problem(self.url, f"cannot be read: {_reason(exc, self.url)}")
        return None

    def reads(self, kind: Kind, report: Sink) -> list[tuple[str, Callable[[], Rows]]]:
        """The one table of a kind, as ``(name in messages, rows)``: ``URL#table``."""
        rel = f"{self.name}#{kind.name}"
        if kind.name in _ADDED_LATER and kind.name not in self._tables:
            return []  # a database written before the kind existed: none of these records
        return [(rel, lambda: self._rows(kind, rel, report))]

    def _rows(self, kind: Kind, rel: str, report: Sink) -> Rows:
        """The rows of a kind's table in row id order, streamed and validated one at a time.

        Raises:
            FileProblemError: when the table cannot be read (reading it stops there).
        """
        if self._conn is None:  # pragma: no cover - reads() only after a good __enter__
            return
        table = _metadata().tables[kind.name]
        kind_columns = columns(kind)
        query = sa.select(
            table.c.row_id, table.c.record, *(table.c[c.name] for c in kind_columns)
        ).order_by(table.c.row_id)
        try:
            result = self._conn.execution_options(yield_per=BATCH).execute(query)
            for row in result:
                yield _row(kind, kind_columns, rel, row, report)
        except sa_exc.SQLAlchemyError as exc:
            message = f"cannot be read: {_reason(exc, self.url)}"
            raise FileProblemError(WHOLE, "(database)", message) from None


def _row(
    kind: Kind, kind_columns: tuple[Column, ...], rel: str, row: Any, report: Sink
) -> tuple[int, Any, Any]:
    """One row validated through the model; its indexed columns checked against the record."""
    row_id, text = row[0], row[1]
    if not isinstance(text, str):
        report(Problem(rel, row_id, "record", "expected the record as JSON text"))
        return row_id, None, None
    try:
        record = kind.model.model_validate_json(text)
    except ValidationError as exc:
        try:
            raw = parse_json(text)
        except JsonProblemError as problem:
            report(Problem(rel, row_id, "(json)", problem.message))
            return row_id, None, None
        for field, message in translate(exc, kind.model):
            report(Problem(rel, row_id, field, message))
        return row_id, None, raw
    stored = dict(zip((c.name for c in kind_columns), row[2:], strict=True))
    for name, value in _values(record, kind_columns).items():
        if stored[name] != value:
            message = f"the column holds {stored[name]!r} but the record {value!r}"
            report(Problem(rel, row_id, name, message))
    return row_id, record, None
