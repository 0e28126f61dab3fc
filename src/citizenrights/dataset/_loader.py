"""The Dataset: a folder of records read, validated and cross-checked (private module)."""

from __future__ import annotations

import inspect
import os
import re
import weakref
from collections.abc import Callable, Iterable, Iterator, Mapping
from pathlib import Path
from types import MappingProxyType
from typing import Any

import attrs

from citizenrights.dataset._across import (
    Pending,
    build,
    check_one,
    iter_kind,
    memory_problems,
    read_across,
    unknown_reference,
)
from citizenrights.dataset._folder import (
    ByteCounter,
    Sources,
    file_sources,
    folder_bytes,
    listing,
)
from citizenrights.dataset._keys import HashedKeys
from citizenrights.dataset._kinds import KINDS, Index, Kind
from citizenrights.dataset._problems import WHOLE, Problem
from citizenrights.errors import DatasetError
from citizenrights.models.activity import (
    NGO,
    AgencyStats,
    Complaint,
    SurveyResponse,
    TrainingRecord,
)
from citizenrights.models.agencies import AgencyRegistry, PeerGroup
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
        peer_groups: the peer groups an agency's ``category`` names (``peer_groups.json``;
            optional: without it categories are not checked).
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
    peer_groups: tuple[PeerGroup, ...] = ()
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
        held = {}
        for kind in KINDS:
            records = getattr(self, kind.name)
            held[kind.name] = list(records.values() if isinstance(records, Mapping) else records)
        return memory_problems(held)

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


def _progress_caller(
    on_progress: OnProgress | None, counter: ByteCounter
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
    if listing(folder, where, problems.append) is None:  # one problem, not one per file
        return None, [str(p) for p in problems]
    return _checked(
        lambda kind: file_sources(folder, kind, problems.append), problems, {"folder": folder}
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
    loaded, _ = read_across(sources, problems, KINDS)
    built = build(loaded, problems.append)

    problems.sort(key=lambda p: (p.file, p.line))
    lines = [str(p) for p in problems]
    if lines:
        return None, lines
    dataset = Dataset(**where, **built)
    _CHECKED.add(dataset)
    return dataset, lines


#: The kinds read whole before the others stream: small, and what the checks look up.
_REFERENCE = frozenset(
    {"agencies", "peer_groups", "checklists", "ngos", "working_groups", "meetings", "programmes"}
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
        self._pending: list[Pending] = []
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
        elif listing(folder, text, self._problems.append) is None:
            self._early = [str(p) for p in self._problems]
        else:
            report = self._problems.append
            self.total_bytes = folder_bytes(folder)
            self._start(
                lambda kind: file_sources(folder, kind, report, counter=self), {"folder": folder}
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
        # An NGO report names an inspection: looked up once the inspections have streamed.
        loaded, self._index = read_across(sources, problems, reference, self._pending)
        built = build(loaded, problems.append, reference)
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
                seen = HashedKeys()
                done = 0
                whole = [True]
                rows = iter_kind(sources, kind, problems, seen, whole)
                for rel, line, record, reported, start in rows:
                    check_one(kind, rel, line, record, reported or frozenset(), index, report)
                    done += 1
                    if progress is not None and done % _PROGRESS_EVERY == 0:
                        progress(kind.name, done)
                    if reported is None and len(problems) == start:
                        yield kind.name, record
                if progress is not None:
                    progress(kind.name, done)
                if whole[0]:  # as `load` checks them, once the kind is read to its end
                    for target, key, rel, line, field in self._pending:
                        if target == kind.name and key not in seen:
                            report(unknown_reference(rel, line, field, target, key))
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
