"""The Dataset: a folder of records read, validated and cross-checked (private module)."""

from __future__ import annotations

import contextlib
import functools
import inspect
import os
import re
import stat
import weakref
from array import array
from collections.abc import Callable, Hashable, Iterable, Iterator, Mapping
from pathlib import Path
from types import MappingProxyType
from typing import Any, Protocol

import attrs

from citizenrights.dataset._kinds import KINDS, KINDS_BY_NAME, Index, Kind
from citizenrights.dataset._problems import WHOLE, Problem, Sink
from citizenrights.dataset._readers import READERS, Read, jsonl_records
from citizenrights.dataset._source import (
    FileProblemError,
    node_problem,
    open_regular,
    read_lines,
)
from citizenrights.errors import DatasetError, RegistryError
from citizenrights.models.activity import (
    NGO,
    AgencyStats,
    Complaint,
    SurveyResponse,
    TrainingRecord,
)
from citizenrights.models.agencies import AgencyRegistry
from citizenrights.models.checklists import Checklist
from citizenrights.models.groups import Meeting, Programme, WorkingGroup
from citizenrights.models.inspections import Inspection
from citizenrights.models.memorandum import NGOReport, Publication, TrainingProgramme
from citizenrights.models.people import CandidateRecord

__all__ = ["Dataset", "DatasetStream", "OnProgress"]

#: A progress hook: ``on_progress(kind name, records read)``, or, when it takes a third
#: positional parameter, ``on_progress(kind name, records read, bytes read)``.
OnProgress = Callable[[str, int], None] | Callable[[str, int, int], None]

# A database URL, ``dialect[+driver]://...``; anything else is a folder.
_URL = re.compile(r"^[A-Za-z][A-Za-z0-9+.-]*://")
_FILE_LEVEL = frozenset({"(json)", "(file)", "(csv)", "(folder)", "(database)"})


def _read_only(value: Mapping[tuple[str, str], Checklist]) -> Mapping[tuple[str, str], Checklist]:
    return MappingProxyType(dict(value))


def _rebuild_dataset(fields: dict[str, Any]) -> Dataset:
    return Dataset(**fields)


@attrs.frozen(kw_only=True, eq=False)
class Dataset:
    """The records of one dataset folder, validated and checked across files.

    Build one with `load`, or with `from_records` from records you already hold: both check
    the records across kinds (unknown agencies and checklists, inspections against their
    checklists, group and programme references, duplicates). The constructor itself checks
    nothing; [`evaluate`][citizenrights.evaluation.run.evaluate] and
    [`build_report`][citizenrights.reporting.report.build_report] call `check` on a dataset
    built by it, so an inspection of an unknown agency is an error, never left out in silence.
    A dataset is immutable: its records are tuples (in file order) and its checklists a
    read-only mapping; two datasets are equal only if they are the same object.

    Attributes:
        agencies: the agencies, as a registry.
        checklists: the checklists, keyed by ``(id, version)``.
        inspections: the inspections.
        complaints: the complaints.
        trainings: the training records.
        surveys: the client-survey responses.
        stats: the agencies' services and staff per period.
        ngos: the NGOs.
        candidates: the candidate records.
        working_groups: the working groups.
        meetings: the working groups' meetings, with their resolutions.
        programmes: the numbered programmes that resolutions carry out.
        ngo_reports: the NGOs' reports on agencies.
        training_programmes: the training programmes (required courses, audiences, deadline).
        publications: what the agencies published (charter, resolutions, instructions, ...).
        folder: the folder it was loaded from; ``None`` when built in memory or read from a
            database.
        source: the database URL it was read from, its password masked; ``None`` otherwise.
    """

    agencies: AgencyRegistry
    checklists: Mapping[tuple[str, str], Checklist] = attrs.field(
        factory=dict, converter=_read_only
    )
    inspections: tuple[Inspection, ...] = ()
    complaints: tuple[Complaint, ...] = ()
    trainings: tuple[TrainingRecord, ...] = ()
    surveys: tuple[SurveyResponse, ...] = ()
    stats: tuple[AgencyStats, ...] = ()
    ngos: tuple[NGO, ...] = ()
    candidates: tuple[CandidateRecord, ...] = ()
    working_groups: tuple[WorkingGroup, ...] = ()
    meetings: tuple[Meeting, ...] = ()
    programmes: tuple[Programme, ...] = ()
    ngo_reports: tuple[NGOReport, ...] = ()
    training_programmes: tuple[TrainingProgramme, ...] = ()
    publications: tuple[Publication, ...] = ()
    folder: Path | None = None
    source: str | None = None

    def __reduce__(self) -> tuple[Any, tuple[dict[str, Any]]]:
        # The read-only checklist mapping does not pickle: rebuild from plain data.
        fields = {f.name: getattr(self, f.name) for f in attrs.fields(Dataset)}
        fields["checklists"] = dict(self.checklists)
        return (_rebuild_dataset, (fields,))

    def __repr__(self) -> str:
        counts = ", ".join(f"{kind.name}={len(getattr(self, kind.name))}" for kind in KINDS)
        return f"<Dataset {self.folder or self.source or '(in memory)'}: {counts}>"

    @classmethod
    def load(cls, source: str | os.PathLike[str]) -> Dataset:
        """Read, validate and check across files every record of a dataset folder or database.

        Args:
            source: the folder (the layout is in [`citizenrights.dataset`][citizenrights.dataset]),
                or a database URL written by `to_sql`: ``sqlite:///records.db``, or any
                SQLAlchemy ``dialect+driver://`` URL (needs the extra ``sql``). A URL is told
                by its ``scheme://`` and must be given as a ``str``.

        Returns:
            The dataset.

        Raises:
            DatasetError: listing every problem, sorted by file and line, as
                ``file:line: field: message`` (a problem with a whole file has no line). From a
                database, the file is ``URL#table`` and the line the row id
                (``sqlite:///x.db#inspections:17: date: ...``); a database that cannot be read,
                or is not a citizenrights database, is one problem. A URL's password is masked.

        Examples:
            >>> import pathlib, tempfile
            >>> with tempfile.TemporaryDirectory() as tmp:
            ...     _ = pathlib.Path(tmp, "agencies.json").write_text(
            ...         '[{"id": "GOV", "name": "استانداری البرز",'
            ...         '  "kind": "provincial_governorate"}]', encoding="utf-8")
            ...     Dataset.load(tmp).agencies.get("GOV").name
            'استانداری البرز'
        """
        dataset, problems = _load(source)
        if dataset is None:
            where = os.fspath(source)
            raise DatasetError(problems, folder=_masked(where) if _URL.match(where) else where)
        return dataset

    @staticmethod
    def validate(source: str | os.PathLike[str]) -> list[str]:
        """Every problem `load` would report, as ``file:line: field: message`` lines.

        Args:
            source: a dataset folder or a database URL, as for `load`.

        Returns:
            The problems sorted by file and line; an empty list for a good dataset.

        The records are read once, one at a time, in flat memory (see `stream`): nothing but the
        small reference files (agencies, checklists, NGOs, working groups, meetings, programmes,
        NGO reports, training programmes, publications)
        and the problems is held, so a folder or database of any size can be checked.

        Examples:
            >>> Dataset.validate("no/such/folder")
            ['no/such/folder: (folder): no such folder; expected a folder holding agencies.json']
        """
        with DatasetStream(source) as stream:
            for _ in stream:
                pass
            return stream.problems

    @staticmethod
    def stream(
        source: str | os.PathLike[str],
        *,
        on_progress: OnProgress | None = None,
    ) -> DatasetStream:
        """Read a dataset folder or database once, one record at a time, checking as `load` does.

        The reference files are read whole first; then the records of the large kinds
        (inspections, complaints, trainings, surveys, stats, candidates) stream by. See
        [`DatasetStream`][citizenrights.dataset._loader.DatasetStream].

        Args:
            source: a dataset folder or a database URL, as for `load`.
            on_progress: called as ``on_progress(kind name, records of that kind read so far)``
                every 1,000 records of a streamed kind and once when the kind is done; a hook
                that takes a third positional parameter gets the bytes of the folder's files
                read so far too (``0`` from a database). The folder's total is
                `source_bytes`.

        Returns:
            The stream, to iterate once (use it in a ``with`` block for a database).

        Examples:
            >>> from citizenrights import demo_dataset_path
            >>> with demo_dataset_path() as folder, Dataset.stream(folder) as stream:
            ...     kinds = {kind for kind, _ in stream}
            >>> sorted(kinds), stream.problems, len(stream.reference.agencies) > 10
            (['candidates', 'complaints', 'inspections', 'stats', 'surveys', 'trainings'], [], True)
        """
        return DatasetStream(source, on_progress=on_progress)

    @staticmethod
    def source_bytes(source: str | os.PathLike[str]) -> int | None:
        """The size in bytes of what `stream` reads from a folder; ``None`` for a database URL.

        The total that progress displays measure the bytes read against (see `stream`).

        Args:
            source: a dataset folder or a database URL, as for `load`.

        Returns:
            The sum of the sizes of the files of the folder's kinds (``agencies.json``,
            ``inspections.jsonl``, ``checklists/*.json``, ...; other files not counted);
            ``None`` for a database URL.
        """
        if isinstance(source, str) and _URL.match(source):
            return None
        return folder_bytes(source)

    @classmethod
    def from_records(
        cls,
        agencies: AgencyRegistry,
        *,
        checklists: Mapping[tuple[str, str], Checklist] | Iterable[Checklist] = (),
        **records: Iterable[Any],
    ) -> Dataset:
        """A dataset of records held in memory, checked across kinds as `load` checks a folder.

        Args:
            agencies: the agencies, as a registry.
            checklists: the checklists, keyed by ``(id, version)`` or as an iterable.
            **records: the other kinds by attribute name (``inspections=...``,
                ``complaints=...``, ``meetings=...``; see the attributes), each an iterable of
                validated records.

        Returns:
            The dataset (``folder`` and ``source`` are ``None``).

        Raises:
            DatasetError: listing every problem (see `check`).
            TypeError: for a keyword that is not a kind of record.

        Examples:
            >>> from citizenrights import load_demo
            >>> demo = load_demo()
            >>> again = Dataset.from_records(demo.agencies, checklists=demo.checklists,
            ...                              inspections=demo.inspections, ngos=demo.ngos)
            >>> len(again.inspections) == len(demo.inspections)
            True
            >>> stray = demo.inspections[0].model_copy(update={"agency_id": "nowhere"})
            >>> Dataset.from_records(demo.agencies, checklists=demo.checklists,
            ...                      inspections=[stray])  # doctest: +ELLIPSIS
            Traceback (most recent call last):
            ...
            citizenrights.errors.DatasetError: 1 problem(s) in (in memory):
              inspections[0] (inspection '...'): agency_id: unknown agency 'nowhere': not among the dataset's agencies
        """
        unknown = sorted(set(records) - {k.name for k in KINDS})
        if unknown:
            raise TypeError(
                f"Dataset.from_records got {', '.join(map(repr, unknown))}; expected the kinds "
                + ", ".join(k.name for k in KINDS if k.name not in {"agencies", "checklists"})
            )
        if not isinstance(checklists, Mapping):
            checklists = {(c.id, c.version): c for c in checklists}
        held: dict[str, Any] = {name: tuple(kind) for name, kind in records.items()}
        dataset = cls(agencies=agencies, checklists=checklists, **held)
        dataset.check()
        return dataset

    def problems(self) -> list[str]:
        """Every problem of the records across kinds, each naming its record.

        The checks of `load` across files: unknown agencies, checklists, groups, meetings,
        programmes and NGOs; inspections against their checklists; duplicate ids. A record is
        named by its kind, its position in the tuple and its key, as
        ``inspections[3] (inspection 'INS-9'): agency_id: unknown agency 'X': not among the
        dataset's agencies`` (a person id masked). A loaded dataset has none.

        Returns:
            The problems, by kind and position; an empty list when there are none.
        """
        if self in _CHECKED:
            return []
        return _memory_problems(self)

    def check(self) -> None:
        """Raise if the records do not hold together across kinds (see `problems`).

        A dataset found good (or loaded) is remembered, so a second call costs nothing.

        Raises:
            DatasetError: listing every problem, each naming its record.
        """
        problems = self.problems()
        if problems:
            raise DatasetError(problems, folder=os.fspath(self.folder or self.source or _MEMORY))
        _CHECKED.add(self)

    def to_sql(self, url: str, *, replace: bool = False) -> dict[str, int]:
        """Write the dataset to a database: one table per kind of record, in one transaction.

        The tables are created from the record models (the layout is on the how-to page
        "Keep a dataset in a database"); each row holds the whole record as JSON, with its id,
        agency and date-like fields as indexed columns. `load` reads it back, record for record.
        Needs the extra ``sql`` (SQLAlchemy); SQLite is tested, PostgreSQL uses the same code.

        Args:
            url: a SQLAlchemy database URL: ``sqlite:///records.db`` (the file is created).
            replace: drop the dataset's tables first if the database holds them already.

        Returns:
            The number of rows written, by table (kind) name.

        Raises:
            DatasetError: one problem naming the URL (its password masked) when the database
                holds the tables already and ``replace`` is false, when it cannot be opened or
                written, or when SQLAlchemy is not installed. Nothing is written then.
        """
        from citizenrights._version import __version__
        from citizenrights.dataset._sql import write_dataset  # imports SQLAlchemy: only when asked

        def records(kind: Kind) -> Iterable[Any]:
            held = getattr(self, kind.name)
            return held.values() if isinstance(held, Mapping) else held

        return write_dataset(
            url, records, written_by=f"citizenrights {__version__}", replace=replace
        )


#: The datasets known to hold together across kinds: loaded ones, and those `check` passed.
_CHECKED: weakref.WeakSet[Dataset] = weakref.WeakSet()
_MEMORY = "(in memory)"


def _held(dataset: Dataset, kind: Kind) -> list[Any]:
    held = getattr(dataset, kind.name)
    return list(held.values() if isinstance(held, Mapping) else held)


def _memory_problems(dataset: Dataset) -> list[str]:
    """`load`'s checks across kinds on a dataset's records, each problem naming its record."""
    held = {kind.name: _held(dataset, kind) for kind in KINDS}

    def sources(kind: Kind) -> Sources:
        records = held[kind.name]

        def read() -> Read:
            for position, record in enumerate(records, 1):  # "lines" count from 1
                yield position, record, None

        return [(kind.name, read)]

    problems: list[Problem] = []
    _read_across(sources, problems, KINDS)
    order = {kind.name: n for n, kind in enumerate(KINDS)}
    problems.sort(key=lambda p: (order.get(p.file, len(order)), p.line))
    return [_memory_problem(p, held) for p in problems]


# "not in agencies.json", "in checklists/", "not in complaints.jsonl or complaints.csv".
_NOT_IN = re.compile(
    r"\b(not )?in ([a-z_]+)(?:/|\.(?:json|jsonl|csv)(?: or [a-z_]+\.(?:json|jsonl|csv))*)"
    r"(?=$|[ ,;:)])"
)
_FIRST_ON = re.compile(r"\(first on line (\d+)\)$")


def _memory_problem(problem: Problem, held: Mapping[str, list[Any]]) -> str:
    """A problem found by `_memory_problems`, its record named by kind, position and key."""
    kind = KINDS_BY_NAME[problem.file]
    position = problem.line - 1
    key = kind.key_of(held[kind.name][position])
    named = f" ({kind.label} {kind.show_key(key)})" if key is not None else ""
    message = _NOT_IN.sub(
        lambda m: f"{m.group(1) or ''}among the dataset's {m.group(2)}", problem.message
    )
    message = _FIRST_ON.sub(lambda m: f"(first at {kind.name}[{int(m.group(1)) - 1}])", message)
    where = Problem(f"{kind.name}[{position}]{named}", WHOLE, problem.field, message)
    return str(where)


def _node(path: Path, rel: str, report: Sink) -> bool | None:
    """Whether a regular file is at ``path`` (``None``: something else is, and was reported)."""
    try:
        problem = node_problem(path)
    except FileNotFoundError:
        return False
    if problem is not None:
        report(Problem(rel, WHOLE, "(file)", problem))
        return None
    return True


def _listing(folder: Path, rel: str, report: Sink) -> list[str] | None:
    """The names in a folder, sorted; ``None`` (reported once) when it cannot be listed."""
    try:
        return sorted(os.listdir(folder))
    except OSError as exc:
        report(Problem(rel, WHOLE, "(folder)", f"cannot be read: {exc.strerror or exc}"))
        return None


def _kind_paths(folder: Path, kind: Kind, report: Sink) -> list[tuple[Path, str, str]] | None:
    """The files holding one kind, as (path, name in messages, format); ``None`` when unusable.

    A name that is there but is not a regular file (a folder, a FIFO, a dangling symbolic link,
    a loop of them) is a problem, never skipped in silence; a FIFO is not opened.
    """
    if kind.formats == ("dir",):
        sub = folder / kind.name
        if not os.path.lexists(sub):
            return []
        if not sub.is_dir():
            report(Problem(kind.name, WHOLE, "(folder)", "expected a folder of JSON files"))
            return None
        return _checklist_files(sub, kind.name, report)
    nodes = [(folder / f"{kind.name}.{ext}", f"{kind.name}.{ext}", ext) for ext in kind.formats]
    states = [_node(path, rel, report) for path, rel, _ in nodes]
    if None in states:
        return None
    present = [node for node, ok in zip(nodes, states, strict=True) if ok]
    if len(present) > 1:
        both = " and ".join(rel for _, rel, _ in present)
        report(Problem(present[0][1], WHOLE, "(file)", f"both {both} are present; keep one"))
        return None
    if not present and kind.required:
        report(Problem(kind.files, WHOLE, "(file)", f"missing; every dataset needs {kind.files}"))
        return None
    return present


def _checklist_files(sub: Path, name: str, report: Sink) -> list[tuple[Path, str, str]] | None:
    """The ``*.json`` files of a folder of one-record files; ``None`` when one is unusable."""
    names = _listing(sub, name, report)
    if names is None:
        return None
    files = [(sub / n, f"{name}/{n}") for n in names if n.endswith(".json")]
    states = [_node(path, rel, report) for path, rel in files]
    if None in states:
        return None
    return [(path, rel, "dir") for (path, rel), ok in zip(files, states, strict=True) if ok]


#: Rows of one kind: ``(file, line, record)``; for records that failed, ``(file, line, raw data,
#: the fields already reported)``.
Rows = list[tuple[str, int, Any]]
Failed = list[tuple[str, int, dict[str, Any], frozenset[str]]]


#: Where one kind's records come from: ``(name in messages, a reader of its rows)`` per file or table.
Sources = list[tuple[str, Callable[[], Read]]]


class _Counter(Protocol):
    """What counts the bytes read: a `DatasetStream`."""

    bytes_read: int


def _file_sources(
    folder: Path, kind: Kind, report: Sink, *, counter: _Counter | None = None
) -> Sources | None:
    """The files of one kind as sources; ``None`` when the kind cannot be read (reported).

    With a ``counter``, its ``bytes_read`` grows as the files are read.
    """
    paths = _kind_paths(folder, kind, report)
    if paths is None:
        return None
    read = READERS
    if counter is None:
        return [
            (rel, functools.partial(read[fmt], path, rel, kind.model, report))
            for path, rel, fmt in paths
        ]
    return [
        (rel, functools.partial(_counted, path, rel, fmt, kind, report, counter))
        for path, rel, fmt in paths
    ]


def _counted(path: Path, rel: str, fmt: str, kind: Kind, report: Sink, counter: _Counter) -> Read:
    """A file's rows, adding the bytes read to ``counter`` (JSON Lines: line by line)."""
    before = counter.bytes_read
    if fmt == "jsonl":

        def lines(handle: Any) -> Iterator[tuple[int, bytes]]:
            for number, raw in read_lines(handle):
                counter.bytes_read += len(raw)
                yield number, raw

        with open_regular(path) as handle:  # as `read_jsonl`, with the bytes counted
            yield from jsonl_records(lines(handle), rel, kind.model, report)
    else:
        yield from READERS[fmt](path, rel, kind.model, report)
    with contextlib.suppress(OSError):  # removed meanwhile: the reader reports it
        counter.bytes_read = before + path.stat().st_size


def folder_bytes(folder: str | os.PathLike[str]) -> int:
    """The size in bytes of the files a dataset folder's kinds are read from (others not counted).

    Args:
        folder: a dataset folder.

    Returns:
        The sum of the sizes of its ``agencies.json``, ``inspections.jsonl``, ... and
        ``checklists/*.json`` files that are regular files; ``0`` for a folder that cannot be
        read.
    """
    base = Path(folder)
    names: list[Path] = []
    for kind in KINDS:
        if kind.formats == ("dir",):
            try:
                inner = sorted(os.listdir(base / kind.name))
            except OSError:
                continue
            names.extend(base / kind.name / n for n in inner if n.endswith(".json"))
        else:
            names.extend(base / f"{kind.name}.{ext}" for ext in kind.formats)
    total = 0
    for path in names:
        try:
            found = path.stat()
        except OSError:
            continue
        if stat.S_ISREG(found.st_mode):
            total += found.st_size
    return total


def _progress_caller(
    on_progress: OnProgress | None, counter: _Counter
) -> Callable[[str, int], None] | None:
    """``on_progress`` as a hook of two arguments, given the bytes read when it takes three."""
    if on_progress is None:
        return None
    try:
        parameters = inspect.signature(on_progress).parameters.values()
    except (TypeError, ValueError):  # no signature to read (some builtins): two arguments
        return on_progress  # type: ignore[return-value]
    positional = [
        p
        for p in parameters
        if p.kind in (p.POSITIONAL_ONLY, p.POSITIONAL_OR_KEYWORD, p.VAR_POSITIONAL)
    ]
    if len(positional) >= 3 or any(p.kind is p.VAR_POSITIONAL for p in positional):
        three: Callable[[str, int, int], None] = on_progress  # type: ignore[assignment]
        return lambda kind, records: three(kind, records, counter.bytes_read)
    return on_progress  # type: ignore[return-value]


class _Seen(Protocol):
    """Where each key of a kind was first seen."""

    def seen(self, key: Hashable, rel: str, line: int) -> tuple[str, int] | None:
        """The first (file, line) of ``key``; ``None`` (and ``key`` remembered here) if new."""
        ...  # pragma: no cover - a protocol


class _KeptKeys:
    """Every key with where it was first seen: for the small kinds, whose keys checks look up."""

    def __init__(self) -> None:
        self.first: dict[Hashable, tuple[str, int]] = {}

    def seen(self, key: Hashable, rel: str, line: int) -> tuple[str, int] | None:
        found = self.first.get(key)
        if found is None:
            self.first[key] = (rel, line)
        return found


class _HashedKeys:
    """Keys of a large kind as 64-bit hashes in an open-addressing table: 16–32 bytes a key.

    Nothing refers to the records of the large kinds, so only duplicates are looked for: a key
    is remembered by ``hash(key)`` (SipHash for text) with the file and line it was first seen
    on, packed in one integer. Two different keys are taken for one only when their 64-bit
    hashes collide: about one chance in 3 × 10⁷ for a million keys.
    """

    def __init__(self) -> None:
        self._files: list[str] = []
        self._file_no: dict[str, int] = {}
        self._hashes = array("q", bytes(8 * 1024))  # 0: an empty slot
        self._where = array("q", bytes(8 * 1024))
        self._count = 0

    def seen(self, key: Hashable, rel: str, line: int) -> tuple[str, int] | None:
        h = hash(key) or 1
        mask = len(self._hashes) - 1
        i = h & mask
        hashes = self._hashes
        while True:
            found = hashes[i]
            if found == 0:
                break
            if found == h:
                where = self._where[i]
                return self._files[where & 0xFFFF], where >> 16
            i = (i + 1) & mask
        file_no = self._file_no.get(rel)
        if file_no is None:
            file_no = self._file_no[rel] = len(self._files)
            self._files.append(rel)
        hashes[i] = h
        self._where[i] = (line << 16) | file_no
        self._count += 1
        if 2 * self._count > len(hashes):
            self._grow()
        return None

    def _grow(self) -> None:
        # Rehash straight from the old arrays: a list of (hash, where) pairs would cost about
        # 130 bytes a key for a moment, and that moment would be the run's peak.
        old_hashes, old_where = self._hashes, self._where
        size = 2 * len(old_hashes)
        self._hashes = hashes = array("q", bytes(8 * size))
        self._where = where = array("q", bytes(8 * size))
        mask = size - 1
        for h, w in zip(old_hashes, old_where, strict=True):
            if not h:
                continue
            i = h & mask
            while hashes[i]:
                i = (i + 1) & mask
            hashes[i] = h
            where[i] = w


#: One row of a kind as read: (file, line, record or the raw data of one that failed, the fields
#: already reported (``None`` for a valid record), the number of problems before the row).
_Row = tuple[str, int, Any, frozenset[str] | None, int]


def _iter_kind(
    sources: Sources, kind: Kind, problems: list[Problem], keys: _Seen, whole: list[bool]
) -> Iterator[_Row]:
    """Read one kind's rows one at a time, reporting duplicates; ``whole[0]`` set at the end.

    A duplicate (by the kind's key) is reported and left out. The keys include those of records
    that failed validation when their raw data names one, so that a later record with the same
    key is reported as a duplicate even though the first one failed. A failed record without
    usable raw data is not yielded. ``whole[0]`` is left false when a file could not be read
    to its end.
    """
    report = problems.append
    whole[0] = True
    for rel, read in sources:
        before = len(problems)
        mark = before
        try:
            for line, record, raw in read():
                start = mark
                reported = frozenset(p.field for p in problems[mark:]) if record is None else None
                mark = len(problems)
                if record is None:
                    key = kind.key_of(raw) if isinstance(raw, dict) else None
                else:
                    key = kind.key_of(record)
                if key is not None:
                    first = keys.seen(key, rel, line)
                    if first is not None:
                        seen_file, seen_line = first
                        on = f"line {seen_line}" if seen_file == rel else f"{seen_file}:{seen_line}"
                        message = f"duplicate {kind.label} {kind.show_key(key)} (first on {on})"
                        report(Problem(rel, line, ",".join(kind.key), message))
                        mark = len(problems)
                        continue
                if record is not None:
                    yield rel, line, record, None, start
                elif isinstance(raw, dict) and reported is not None:
                    yield rel, line, raw, reported, start
                mark = len(problems)
        except FileProblemError as exc:  # not UTF-8, not JSON, an endless line: stop reading
            report(Problem(rel, exc.line, exc.field, exc.message))
        except OSError as exc:  # unreadable: permissions, a file removed meanwhile
            report(Problem(rel, WHOLE, "(file)", f"cannot be read: {exc.strerror or exc}"))
        whole[0] = whole[0] and not any(p.field in _FILE_LEVEL for p in problems[before:])


def _read_kind(
    sources: Sources | None, kind: Kind, problems: list[Problem]
) -> tuple[Rows, Failed, set[Hashable], bool]:
    """Read one kind whole: its records, the raw data of those that failed, its keys, whether whole.

    Records come as (file, line, record); failed ones as (file, line, raw data, reported fields).
    The keys include those of records that failed validation when their raw data names one, so
    that references to them do not add a second, misleading "unknown" problem.
    """
    rows: Rows = []
    failed: Failed = []
    keys = _KeptKeys()
    if sources is None:
        return rows, failed, set(), False
    whole = [True]
    for rel, line, record, reported, _ in _iter_kind(sources, kind, problems, keys, whole):
        if reported is None:
            rows.append((rel, line, record))
        else:
            failed.append((rel, line, record, reported))
    return rows, failed, set(keys.first), whole[0]


def _check_across(
    loaded: Mapping[str, Rows],
    failed: Mapping[str, Failed],
    index: Index,
    report: Sink,
    kinds: Iterable[Kind] = KINDS,
) -> None:
    """References between files, and each kind's own checks against the other files.

    Records that failed validation are checked too, on what their raw data says (an unknown
    agency or item code shows in the same run as a bad date), except in the fields whose
    problems were reported already.
    """
    for kind in kinds:
        rows = [(rel, line, record, frozenset[str]()) for rel, line, record in loaded[kind.name]]
        for rel, line, record, reported in [*rows, *failed[kind.name]]:
            _check_one(kind, rel, line, record, reported, index, report)


def _check_one(
    kind: Kind,
    rel: str,
    line: int,
    record: Any,
    reported: frozenset[str],
    index: Index,
    report: Sink,
) -> None:
    """One record's references and checks against the other files (see `_check_across`)."""
    raw = isinstance(record, dict)
    for field, target, key in kind.refs(record):
        known = index.keys.get(target)
        if field not in reported and known is not None and key not in known:
            aim = KINDS_BY_NAME[target]
            message = f"unknown {aim.label} {aim.show_key(key)}: not in {aim.files}"
            report(Problem(rel, line, field, message))
    check = kind.check_raw if raw else kind.check
    if check is not None:
        for field, message in check(record, index):
            if field not in reported:
                report(Problem(rel, line, field, message))


def _build(
    loaded: Mapping[str, Rows], report: Sink, kinds: Iterable[Kind] = KINDS
) -> dict[str, Any]:
    built: dict[str, Any] = {}
    for kind in kinds:
        rows = loaded[kind.name]
        try:
            built[kind.name] = kind.build([record for _, _, record in rows])
        except RegistryError as exc:
            # Reported at the first line of the agencies involved (a cycle, by now).
            lines = {getattr(r, "id", None): (rel, line) for rel, line, r in rows}
            involved = [lines[i] for i in exc.ids if i in lines]
            rel, line = min(involved, default=(kind.files, WHOLE))
            report(Problem(rel, line, "parent_id", str(exc)))
    return built


def _load(source: str | os.PathLike[str]) -> tuple[Dataset | None, list[str]]:
    """Load a folder or a database URL: the dataset (``None`` on problems) and the problems."""
    if isinstance(source, str) and _URL.match(source):
        return _load_url(source)
    folder = Path(source)
    where = os.fspath(folder)
    if not folder.exists():
        message = "no such folder; expected a folder holding agencies.json"
        return None, [str(Problem(where, WHOLE, "(folder)", message))]
    if not folder.is_dir():
        return None, [str(Problem(where, WHOLE, "(folder)", "not a folder"))]

    problems: list[Problem] = []
    if _listing(folder, where, problems.append) is None:  # one problem, not one per file
        return None, [str(p) for p in problems]
    return _checked(
        lambda kind: _file_sources(folder, kind, problems.append), problems, {"folder": folder}
    )


def _masked(url: str) -> str:
    from citizenrights.dataset._sql import mask_url

    return mask_url(url)


def _load_url(url: str) -> tuple[Dataset | None, list[str]]:
    """Load the dataset a database holds (see `citizenrights.dataset._sql`)."""
    from citizenrights.dataset._sql import SqlSource  # imports SQLAlchemy: only when asked

    problems: list[Problem] = []
    with SqlSource(url) as database:
        if database.problem is not None:
            return None, [str(database.problem)]
        return _checked(
            lambda kind: database.reads(kind, problems.append), problems, {"source": database.name}
        )


def _checked(
    sources: Callable[[Kind], Sources | None], problems: list[Problem], where: dict[str, Any]
) -> tuple[Dataset | None, list[str]]:
    """Read every kind from its sources, check across them and build the dataset."""
    loaded, _ = _read_across(sources, problems, KINDS)
    built = _build(loaded, problems.append)

    problems.sort(key=lambda p: (p.file, p.line))
    lines = [str(p) for p in problems]
    if lines:
        return None, lines
    dataset = Dataset(**where, **built)
    _CHECKED.add(dataset)
    return dataset, lines


def _read_across(
    sources: Callable[[Kind], Sources | None], problems: list[Problem], kinds: Iterable[Kind]
) -> tuple[dict[str, Rows], Index]:
    """Read ``kinds`` whole from their sources and check them across: the rows and the index."""
    kinds = list(kinds)
    loaded: dict[str, Rows] = {}
    failed: dict[str, Failed] = {}
    keys: dict[str, frozenset[Hashable]] = {}
    for kind in kinds:
        rows, bad, kind_keys, whole = _read_kind(sources(kind), kind, problems)
        loaded[kind.name], failed[kind.name] = rows, bad
        if whole:
            keys[kind.name] = frozenset(kind_keys)
    records = {
        kind.name: {kind.key_of(r): r for _, _, r in loaded[kind.name]}
        for kind in kinds
        if kind.key
    }
    index = Index(keys=keys, records=records)
    _check_across(loaded, failed, index, problems.append, kinds)
    return loaded, index


#: The kinds read whole before the others stream: small, and what the checks look up.
_REFERENCE = frozenset(
    {"agencies", "checklists", "ngos", "working_groups", "meetings", "programmes"}
    | {"ngo_reports", "training_programmes", "publications"}
)
_PROGRESS_EVERY = 1000


class DatasetStream:
    """A dataset folder or database read once, one record at a time, with `load`'s checks.

    Build one with [`Dataset.stream`][citizenrights.dataset._loader.Dataset.stream]. On creation
    the reference files (agencies, checklists, NGOs, working groups, meetings, programmes, NGO
    reports, training programmes, publications) are
    read whole, checked across each other and kept as `reference`, a
    [`Dataset`][citizenrights.dataset._loader.Dataset] without the large kinds. Iterating yields
    ``(kind name, record)`` for every record of the large kinds (inspections, complaints,
    trainings, surveys, stats, candidates, in that order, each in file or row order) that has no
    problem at all: it is valid, not a duplicate, its agency is known and an inspection fits
    its checklist. Each record is checked as it is read and then dropped: memory holds the
    reference, the problems and 16–32 bytes per record key (for duplicates), never the records.

    After the iteration, `problems` holds exactly the lines
    [`Dataset.validate`][citizenrights.dataset._loader.Dataset.validate] returns (sorted by file
    and line), and `ok` says whether there are none. A stream is iterated once.

    Attributes:
        where: the folder, or the database URL with its password masked.
        reference: the reference records; ``None`` when the source cannot be read at all.
        bytes_read: bytes of the folder's files read so far (JSON Lines files counted line by
            line, the others when read to their end); ``0`` from a database.
        total_bytes: the size in bytes of the files of the folder's kinds (see
            [`Dataset.source_bytes`][citizenrights.dataset._loader.Dataset.source_bytes]);
            ``None`` for a database or a folder that cannot be read.
    """

    def __init__(
        self,
        source: str | os.PathLike[str],
        *,
        on_progress: OnProgress | None = None,
    ) -> None:
        self._problems: list[Problem] = []
        self._early: list[str] = []  # a source that cannot be read at all: one line
        self._on_progress = _progress_caller(on_progress, self)
        self.bytes_read = 0
        self.total_bytes: int | None = None
        self._index: Index | None = None
        self._sources: Callable[[Kind], Sources | None] = lambda kind: None
        self._database: Any = None
        self._used = False
        self.reference: Dataset | None = None
        text = source if isinstance(source, str) else os.fspath(source)
        if isinstance(source, str) and _URL.match(source):
            from citizenrights.dataset._sql import SqlSource  # imports SQLAlchemy: only when asked

            database = SqlSource(source)
            self.where = database.name
            database.__enter__()
            self._database = database
            if database.problem is not None:
                self._early = [str(database.problem)]
                self.close()
                return
            report = self._problems.append
            self._start(lambda kind: database.reads(kind, report), {"source": database.name})
            return
        folder = Path(source)
        self.where = text
        if not folder.exists():
            message = "no such folder; expected a folder holding agencies.json"
            self._early = [str(Problem(text, WHOLE, "(folder)", message))]
        elif not folder.is_dir():
            self._early = [str(Problem(text, WHOLE, "(folder)", "not a folder"))]
        elif _listing(folder, text, self._problems.append) is None:
            self._early = [str(p) for p in self._problems]
        else:
            report = self._problems.append
            self.total_bytes = folder_bytes(folder)
            self._start(
                lambda kind: _file_sources(folder, kind, report, counter=self), {"folder": folder}
            )

    def __enter__(self) -> DatasetStream:
        return self

    def __exit__(self, *exc_info: object) -> None:
        self.close()

    def close(self) -> None:
        """Close the database, if the source is one (iterating to the end closes it too)."""
        database, self._database = self._database, None
        if database is not None:
            database.__exit__(None, None, None)

    def _start(self, sources: Callable[[Kind], Sources | None], where: dict[str, Any]) -> None:
        """Read the reference kinds whole, check them across and build the reference."""
        self._sources = sources
        problems = self._problems
        reference = [kind for kind in KINDS if kind.name in _REFERENCE]
        loaded, self._index = _read_across(sources, problems, reference)
        built = _build(loaded, problems.append, reference)
        built.setdefault("agencies", AgencyRegistry(()))
        self.reference = Dataset(**where, **built)

    def __iter__(self) -> Iterator[tuple[str, Any]]:
        """``(kind name, record)`` for each problem-free record of the large kinds."""
        if self._used:
            raise RuntimeError("a DatasetStream is iterated once; make another with Dataset.stream")
        self._used = True
        try:
            if self._index is None:
                return
            index, problems = self._index, self._problems
            report, progress = problems.append, self._on_progress
            for kind in KINDS:
                if kind.name in _REFERENCE:
                    continue
                sources = self._sources(kind)
                if sources is None:
                    continue
                seen = _HashedKeys()
                done = 0
                rows = _iter_kind(sources, kind, problems, seen, [True])
                for rel, line, record, reported, start in rows:
                    _check_one(kind, rel, line, record, reported or frozenset(), index, report)
                    done += 1
                    if progress is not None and done % _PROGRESS_EVERY == 0:
                        progress(kind.name, done)
                    if reported is None and len(problems) == start:
                        yield kind.name, record
                if progress is not None:
                    progress(kind.name, done)
        finally:
            self.close()

    @property
    def problems(self) -> list[str]:
        """Every problem found so far, ``file:line: field: message``, sorted by file and line."""
        if self._early:
            return list(self._early)
        return [str(p) for p in sorted(self._problems, key=lambda p: (p.file, p.line))]

    @property
    def ok(self) -> bool:
        """Whether no problem was found (so far: iterate to the end first)."""
        return not self._early and not self._problems
