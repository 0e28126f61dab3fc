"""Reading kinds row by row and checking records across kinds: unknown references, duplicates (private).

The loader, the stream and the check of a dataset built in memory all go through `read_across`
and `check_one`, so the three report the same problems in the same words.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Hashable, Iterable, Iterator, Mapping
from typing import Any

from citizenrights.dataset._folder import Sources
from citizenrights.dataset._keys import KeptKeys, Seen
from citizenrights.dataset._kinds import KINDS, KINDS_BY_NAME, Index, Kind
from citizenrights.dataset._problems import WHOLE, Problem, Sink
from citizenrights.dataset._readers import Read
from citizenrights.dataset._source import FileProblemError
from citizenrights.errors import RegistryError

__all__ = [
    "FILE_LEVEL",
    "Failed",
    "Pending",
    "Row",
    "Rows",
    "build",
    "check_across",
    "check_one",
    "iter_kind",
    "memory_problems",
    "read_across",
    "read_kind",
    "unknown_reference",
]

FILE_LEVEL = frozenset({"(json)", "(file)", "(csv)", "(folder)", "(database)"})


def memory_problems(held: Mapping[str, list[Any]]) -> list[str]:
    """`load`'s checks across kinds on records held in memory, each naming its record.

    ``held`` has every kind's records by kind name; a record is named by its kind, position and
    key, as ``inspections[3] (inspection 'INS-9'): ...``.
    """

    def sources(kind: Kind) -> Sources:
        records = held[kind.name]

        def read() -> Read:
            for position, record in enumerate(records, 1):  # "lines" count from 1
                yield position, record, None

        return [(kind.name, read)]

    problems: list[Problem] = []
    read_across(sources, problems, KINDS)
    order = {kind.name: n for n, kind in enumerate(KINDS)}
    problems.sort(key=lambda p: (order.get(p.file, len(order)), p.line))
    return [_named_problem(p, held) for p in problems]


# "not in agencies.json", "in checklists/", "not in complaints.jsonl or complaints.csv".
_NOT_IN = re.compile(
    r"\b(not )?in ([a-z_]+)(?:/|\.(?:json|jsonl|csv)(?: or [a-z_]+\.(?:json|jsonl|csv))*)"
    r"(?=$|[ ,;:)])"
)
_FIRST_ON = re.compile(r"\(first on line (\d+)\)$")


def _named_problem(problem: Problem, held: Mapping[str, list[Any]]) -> str:
    """A problem found by `memory_problems`, its record named by kind, position and key."""
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


#: A reference left to look up once its kind is read: (target kind name, key, file, line, field).
Pending = tuple[str, Hashable, str, int, str]

#: Rows of one kind: ``(file, line, record)``; for records that failed, ``(file, line, raw data,
#: the fields already reported)``.
Rows = list[tuple[str, int, Any]]


Failed = list[tuple[str, int, dict[str, Any], frozenset[str]]]


#: One row of a kind as read: (file, line, record or the raw data of one that failed, the fields
#: already reported (``None`` for a valid record), the number of problems before the row).
Row = tuple[str, int, Any, frozenset[str] | None, int]


def iter_kind(
    sources: Sources, kind: Kind, problems: list[Problem], keys: Seen, whole: list[bool]
) -> Iterator[Row]:
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
        whole[0] = whole[0] and not any(p.field in FILE_LEVEL for p in problems[before:])


def read_kind(
    sources: Sources | None, kind: Kind, problems: list[Problem]
) -> tuple[Rows, Failed, set[Hashable], bool]:
    """Read one kind whole: its records, the raw data of those that failed, its keys, whether whole.

    Records come as (file, line, record); failed ones as (file, line, raw data, reported fields).
    The keys include those of records that failed validation when their raw data names one, so
    that references to them do not add a second, misleading "unknown" problem.
    """
    rows: Rows = []
    failed: Failed = []
    keys = KeptKeys()
    if sources is None:
        return rows, failed, set(), False
    whole = [True]
    for rel, line, record, reported, _ in iter_kind(sources, kind, problems, keys, whole):
        if reported is None:
            rows.append((rel, line, record))
        else:
            failed.append((rel, line, record, reported))
    return rows, failed, set(keys.first), whole[0]


def check_across(
    loaded: Mapping[str, Rows],
    failed: Mapping[str, Failed],
    index: Index,
    report: Sink,
    kinds: Iterable[Kind] = KINDS,
    pending: list[Pending] | None = None,
) -> None:
    """References between files, and each kind's own checks against the other files.

    Records that failed validation are checked too, on what their raw data says (an unknown
    agency or item code shows in the same run as a bad date), except in the fields whose
    problems were reported already.
    """
    for kind in kinds:
        rows = [(rel, line, record, frozenset[str]()) for rel, line, record in loaded[kind.name]]
        for rel, line, record, reported in [*rows, *failed[kind.name]]:
            check_one(kind, rel, line, record, reported, index, report, pending)


def check_one(
    kind: Kind,
    rel: str,
    line: int,
    record: Any,
    reported: frozenset[str],
    index: Index,
    report: Sink,
    pending: list[Pending] | None = None,
) -> None:
    """One record's references and checks against the other files (see `check_across`).

    A reference to a kind not read (yet) is skipped, or, with ``pending``, kept there to be
    looked up once that kind has been streamed (see `unknown_reference`).
    """
    raw = isinstance(record, dict)
    for field, target, key in kind.refs(record):
        if field in reported:
            continue
        known = index.keys.get(target)
        if known is None:
            if pending is not None:
                pending.append((target, key, rel, line, field))
        elif key not in known:
            report(unknown_reference(rel, line, field, target, key))
    check = kind.check_raw if raw else kind.check
    if check is not None:
        for field, message in check(record, index):
            if field not in reported:
                report(Problem(rel, line, field, message))


def unknown_reference(rel: str, line: int, field: str, target: str, key: Hashable) -> Problem:
    """The problem of a reference to a record of ``target`` that is not there."""
    aim = KINDS_BY_NAME[target]
    return Problem(rel, line, field, f"unknown {aim.label} {aim.show_key(key)}: not in {aim.files}")


def build(
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


def read_across(
    sources: Callable[[Kind], Sources | None],
    problems: list[Problem],
    kinds: Iterable[Kind],
    pending: list[Pending] | None = None,
) -> tuple[dict[str, Rows], Index]:
    """Read ``kinds`` whole from their sources and check them across: the rows and the index.

    With ``pending``, references to kinds not among ``kinds`` are kept there (see `check_one`).
    """
    kinds = list(kinds)
    loaded: dict[str, Rows] = {}
    failed: dict[str, Failed] = {}
    keys: dict[str, frozenset[Hashable]] = {}
    for kind in kinds:
        rows, bad, kind_keys, whole = read_kind(sources(kind), kind, problems)
        loaded[kind.name], failed[kind.name] = rows, bad
        if whole and (kind_keys or not kind.checked_if_listed):
            keys[kind.name] = frozenset(kind_keys)
    records = {
        kind.name: {kind.key_of(r): r for _, _, r in loaded[kind.name]}
        for kind in kinds
        if kind.key
    }
    index = Index(keys=keys, records=records)
    check_across(loaded, failed, index, problems.append, kinds, pending)
    return loaded, index
