"""The Dataset: a folder of records read, validated and cross-checked (private module)."""

from __future__ import annotations

import os
from collections.abc import Hashable, Mapping
from pathlib import Path
from types import MappingProxyType
from typing import Any

import attrs

from citizenrights.dataset._kinds import KINDS, KINDS_BY_NAME, Index, Kind
from citizenrights.dataset._problems import WHOLE, Problem, Sink
from citizenrights.dataset._readers import READERS
from citizenrights.dataset._source import FileProblemError, node_problem
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
from citizenrights.models.people import CandidateRecord

__all__ = ["Dataset"]

_FILE_LEVEL = frozenset({"(json)", "(file)", "(csv)", "(folder)"})


def _read_only(value: Mapping[tuple[str, str], Checklist]) -> Mapping[tuple[str, str], Checklist]:
    return MappingProxyType(dict(value))


def _rebuild_dataset(fields: dict[str, Any]) -> Dataset:
    return Dataset(**fields)


@attrs.frozen(kw_only=True, eq=False)
class Dataset:
    """The records of one dataset folder, validated and checked across files.

    Build one with `load`. The constructor takes records you already hold and checks
    nothing across them. A dataset is immutable: its records are tuples (in file order) and its
    checklists a read-only mapping; two datasets are equal only if they are the same object.

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
        folder: the folder it was loaded from; ``None`` when built in memory.
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
    folder: Path | None = None

    def __reduce__(self) -> tuple[Any, tuple[dict[str, Any]]]:
        # The read-only checklist mapping does not pickle: rebuild from plain data.
        fields = {f.name: getattr(self, f.name) for f in attrs.fields(Dataset)}
        fields["checklists"] = dict(self.checklists)
        return (_rebuild_dataset, (fields,))

    def __repr__(self) -> str:
        counts = ", ".join(f"{kind.name}={len(getattr(self, kind.name))}" for kind in KINDS)
        return f"<Dataset {self.folder or '(in memory)'}: {counts}>"

    @classmethod
    def load(cls, folder: str | os.PathLike[str]) -> Dataset:
        """Read, validate and check across files every record of a dataset folder.

        Args:
            folder: the folder; the layout is in [`citizenrights.dataset`][citizenrights.dataset].

        Returns:
            The dataset.

        Raises:
            DatasetError: listing every problem, sorted by file and line, as
                ``file:line: field: message`` (a problem with a whole file has no line).

        Examples:
            >>> import pathlib, tempfile
            >>> with tempfile.TemporaryDirectory() as tmp:
            ...     _ = pathlib.Path(tmp, "agencies.json").write_text(
            ...         '[{"id": "GOV", "name": "استانداری البرز",'
            ...         '  "kind": "provincial_governorate"}]', encoding="utf-8")
            ...     Dataset.load(tmp).agencies.get("GOV").name
            'استانداری البرز'
        """
        dataset, problems = _load(Path(folder))
        if dataset is None:
            raise DatasetError(problems, folder=os.fspath(folder))
        return dataset

    @staticmethod
    def validate(folder: str | os.PathLike[str]) -> list[str]:
        """Every problem `load` would report, as ``file:line: field: message`` lines.

        Returns:
            The problems sorted by file and line; an empty list for a good dataset.

        Examples:
            >>> Dataset.validate("no/such/folder")
            ['no/such/folder: (folder): no such folder; expected a folder holding agencies.json']
        """
        return _load(Path(folder))[1]


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


def _read_kind(
    folder: Path, kind: Kind, problems: list[Problem]
) -> tuple[Rows, Failed, set[Hashable], bool]:
    """Read one kind: its records, the raw data of those that failed, its keys, whether whole.

    Records come as (file, line, record); failed ones as (file, line, raw data, reported fields).
    A duplicate (by the kind's key) is reported and left out. The keys include those of records
    that failed validation when their raw data names one, so that references to them do not add
    a second, misleading "unknown" problem, and so that a later record with the same key is
    reported as a duplicate even though the first one failed.
    """
    report = problems.append
    rows: Rows = []
    failed: Failed = []
    keys: set[Hashable] = set()
    paths = _kind_paths(folder, kind, report)
    if paths is None:
        return rows, failed, keys, False
    whole = True
    first: dict[Hashable, tuple[str, int]] = {}
    for path, rel, fmt in paths:
        before = len(problems)
        mark = before
        try:
            for line, record, raw in READERS[fmt](path, rel, kind.model, report):
                reported = frozenset(p.field for p in problems[mark:]) if record is None else None
                mark = len(problems)
                if record is None:
                    key = kind.key_of(raw) if isinstance(raw, dict) else None
                else:
                    key = kind.key_of(record)
                if key is not None and key in first:
                    seen_file, seen_line = first[key]
                    on = f"line {seen_line}" if seen_file == rel else f"{seen_file}:{seen_line}"
                    message = f"duplicate {kind.label} {kind.show_key(key)} (first on {on})"
                    report(Problem(rel, line, ",".join(kind.key), message))
                    mark = len(problems)
                    continue
                if key is not None:
                    first[key] = (rel, line)
                    keys.add(key)
                if record is not None:
                    rows.append((rel, line, record))
                elif isinstance(raw, dict) and reported is not None:
                    failed.append((rel, line, raw, reported))
        except FileProblemError as exc:  # not UTF-8, not JSON, an endless line: stop reading
            report(Problem(rel, exc.line, exc.field, exc.message))
        except OSError as exc:  # unreadable: permissions, a file removed meanwhile
            report(Problem(rel, WHOLE, "(file)", f"cannot be read: {exc.strerror or exc}"))
        whole = whole and not any(p.field in _FILE_LEVEL for p in problems[before:])
    return rows, failed, keys, whole


def _check_across(
    loaded: Mapping[str, Rows], failed: Mapping[str, Failed], index: Index, report: Sink
) -> None:
    """References between files, and each kind's own checks against the other files.

    Records that failed validation are checked too, on what their raw data says (an unknown
    agency or item code shows in the same run as a bad date), except in the fields whose
    problems were reported already.
    """
    for kind in KINDS:
        rows = [(rel, line, record, frozenset[str]()) for rel, line, record in loaded[kind.name]]
        for rel, line, record, reported in [*rows, *failed[kind.name]]:
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


def _build(loaded: Mapping[str, Rows], report: Sink) -> dict[str, Any]:
    built: dict[str, Any] = {}
    for kind in KINDS:
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


def _load(folder: Path) -> tuple[Dataset | None, list[str]]:
    """The dataset of a folder (``None`` when anything is wrong) and every problem found."""
    where = os.fspath(folder)
    if not folder.exists():
        message = "no such folder; expected a folder holding agencies.json"
        return None, [str(Problem(where, WHOLE, "(folder)", message))]
    if not folder.is_dir():
        return None, [str(Problem(where, WHOLE, "(folder)", "not a folder"))]

    problems: list[Problem] = []
    if _listing(folder, where, problems.append) is None:  # one problem, not one per file
        return None, [str(p) for p in problems]
    loaded: dict[str, Rows] = {}
    failed: dict[str, Failed] = {}
    keys: dict[str, frozenset[Hashable]] = {}
    for kind in KINDS:
        rows, bad, kind_keys, whole = _read_kind(folder, kind, problems)
        loaded[kind.name] = rows
        failed[kind.name] = bad
        if whole:
            keys[kind.name] = frozenset(kind_keys)
    records = {
        kind.name: {kind.key_of(r): r for _, _, r in loaded[kind.name]}
        for kind in KINDS
        if kind.key
    }
    _check_across(loaded, failed, Index(keys=keys, records=records), problems.append)
    built = _build(loaded, problems.append)

    problems.sort(key=lambda p: (p.file, p.line))
    lines = [str(p) for p in problems]
    if lines:
        return None, lines
    return Dataset(folder=folder, **built), lines
