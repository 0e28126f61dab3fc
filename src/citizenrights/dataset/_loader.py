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

    Build one with :meth:`load`. The constructor takes records you already hold and checks
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
            folder: the folder; the layout is in :mod:`citizenrights.dataset`.

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
        """Every problem :meth:`load` would report, as ``file:line: field: message`` lines.

        Returns:
            The problems sorted by file and line; an empty list for a good dataset.

        Examples:
            >>> Dataset.validate("no/such/folder")
            ['no/such/folder: (folder): no such folder; expected a folder holding agencies.json']
        """
        return _load(Path(folder))[1]


def _kind_paths(folder: Path, kind: Kind, report: Sink) -> list[tuple[Path, str, str]] | None:
    """The files holding one kind, as (path, name in messages, format); ``None`` when unusable."""
    if kind.formats == ("dir",):
        sub = folder / kind.name
        if not sub.exists():
            return []
        if not sub.is_dir():
            report(Problem(kind.name, WHOLE, "(folder)", "expected a folder of JSON files"))
            return None
        files = sorted(p for p in sub.glob("*.json") if p.is_file())
        return [(p, f"{kind.name}/{p.name}", "dir") for p in files]
    found = [
        (folder / f"{kind.name}.{ext}", f"{kind.name}.{ext}", ext)
        for ext in kind.formats
        if (folder / f"{kind.name}.{ext}").is_file()
    ]
    if len(found) > 1:
        names = " and ".join(rel for _, rel, _ in found)
        report(Problem(found[0][1], WHOLE, "(file)", f"both {names} are present; keep one"))
        return None
    if not found and kind.required:
        report(Problem(kind.files, WHOLE, "(file)", f"missing; every dataset needs {kind.files}"))
        return None
    return found


def _read_kind(
    folder: Path, kind: Kind, problems: list[Problem]
) -> tuple[list[tuple[str, int, Any]], set[Hashable], bool]:
    """Every record of one kind as (file, line, record); its keys; whether it was read whole.

    A duplicate (by the kind's key) is reported and left out. The keys include those of records
    that failed validation when their raw data names one, so that references to them do not add
    a second, misleading "unknown" problem, and so that a later record with the same key is
    reported as a duplicate even though the first one failed.
    """
    report = problems.append
    rows: list[tuple[str, int, Any]] = []
    keys: set[Hashable] = set()
    paths = _kind_paths(folder, kind, report)
    if paths is None:
        return rows, keys, False
    whole = True
    first: dict[Hashable, tuple[str, int]] = {}
    for path, rel, fmt in paths:
        before = len(problems)
        try:
            read = list(READERS[fmt](path, rel, kind.model, report))
        except OSError as exc:  # unreadable: permissions, a folder named like the file
            report(Problem(rel, WHOLE, "(file)", f"cannot be read: {exc.strerror or exc}"))
            read = []
        for line, record, raw in read:
            if record is None:
                key = kind.key_of(raw) if isinstance(raw, dict) else None
            else:
                key = kind.key_of(record)
            if key is not None and key in first:
                seen_file, seen_line = first[key]
                on = f"line {seen_line}" if seen_file == rel else f"{seen_file}:{seen_line}"
                message = f"duplicate {kind.label} {kind.show_key(key)} (first on {on})"
                report(Problem(rel, line, ",".join(kind.key), message))
                continue
            if key is not None:
                first[key] = (rel, line)
                keys.add(key)
            if record is not None:
                rows.append((rel, line, record))
        whole = whole and not any(p.field in _FILE_LEVEL for p in problems[before:])
    return rows, keys, whole


def _check_across(
    loaded: Mapping[str, list[tuple[str, int, Any]]], index: Index, report: Sink
) -> None:
    """References between files, and each kind's own checks against the other files."""
    for kind in KINDS:
        for rel, line, record in loaded[kind.name]:
            for field, target, key in kind.refs(record):
                known = index.keys.get(target)
                if known is not None and key not in known:
                    aim = KINDS_BY_NAME[target]
                    message = f"unknown {aim.label} {aim.show_key(key)}: not in {aim.files}"
                    report(Problem(rel, line, field, message))
            if kind.check is not None:
                for field, message in kind.check(record, index):
                    report(Problem(rel, line, field, message))


def _build(loaded: Mapping[str, list[tuple[str, int, Any]]], report: Sink) -> dict[str, Any]:
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
    loaded: dict[str, list[tuple[str, int, Any]]] = {}
    keys: dict[str, frozenset[Hashable]] = {}
    for kind in KINDS:
        rows, kind_keys, whole = _read_kind(folder, kind, problems)
        loaded[kind.name] = rows
        if whole:
            keys[kind.name] = frozenset(kind_keys)
    records = {
        kind.name: {kind.key_of(r): r for _, _, r in loaded[kind.name]}
        for kind in KINDS
        if kind.key
    }
    _check_across(loaded, Index(keys=keys, records=records), problems.append)
    built = _build(loaded, problems.append)

    problems.sort(key=lambda p: (p.file, p.line))
    lines = [str(p) for p in problems]
    if lines:
        return None, lines
    return Dataset(folder=folder, **built), lines
