"""The streamed evaluation on a Dask cluster, for a dataset folder too large for one machine's cores.

[`evaluate_on_dask`][citizenrights.distributed.evaluate_on_dask] gives the same
[`ReportPartial`][citizenrights.evaluation.partial.ReportPartial] as
[`evaluate_source`][citizenrights.evaluation.run.evaluate_source] (so the same report, byte for byte,
through [`assemble_report`][citizenrights.reporting.report.assemble_report]), with the work spread
over the workers of a cluster:

1. the client reads the small reference files (agencies, checklists, NGOs, working groups,
   meetings, programmes) once, checks them and resolves the scope;
2. each large file (inspections, complaints, trainings, surveys, stats, candidates; JSONL or CSV)
   is cut into byte ranges that end on a line end;
3. one fused task per range reads the range from the shared file system, validates and checks each
   record exactly as the local path does, scores it and folds it into a partial; it returns that
   partial (without the reference data) and an 8-byte hash of each record's key, never a record;
4. the client merges each task's answer into one partial as soon as it arrives, and lets the
   task's result go; then it checks the key hashes for duplicates across ranges, a bucket of
   hashes at a time.

A worker holds one range's partial at a time: its memory does not grow with the dataset. The
client holds the reference data, the merged partial (whose size grows with agencies and periods,
and with one compact row of about 200 bytes per inspection of the period: see
[`ReportPartial.scores`][citizenrights.evaluation.partial.ReportPartial.scores]) and 8 bytes per
keyed record.

A problem anywhere (a bad record, an unknown agency, a duplicate, a file that is not a regular
file) makes the client run the local path, [`evaluate_source`][citizenrights.evaluation.run.evaluate_source],
whose [`DatasetError`][citizenrights.errors.DatasetError] lists every problem with its file and
line: the problems are exactly the local path's, and a bad dataset costs one more streamed pass.

It needs the extra ``dask`` (``pip install citizenrights[dask]``); Dask is imported only when a
cluster is used. It sits above the evaluation step and below reporting.

Examples:
    >>> from citizenrights.distributed import partition_ranges
    >>> from citizenrights import demo_dataset_path
    >>> with demo_dataset_path() as folder:
    ...     ranges = partition_ranges(folder / "inspections.jsonl", size=200_000)
    >>> len(ranges), ranges[0][0], all(a[1] == b[0] for a, b in zip(ranges, ranges[1:]))
    (4, 0, True)
"""

from __future__ import annotations

import contextlib
import hashlib
import logging
import os
import tempfile
from array import array
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import TYPE_CHECKING, Any

from citizenrights.errors import CitizenRightsError
from citizenrights.evaluation import ReportPartial, evaluate_source
from citizenrights.models.provinces import Province
from citizenrights.scoring.index import DEFAULT_INDEX_POLICY
from citizenrights.scoring.inspections import DEFAULT_SCORING_POLICY
from citizenrights.scoring.policies import IndexPolicy, ScoringPolicy

if TYPE_CHECKING:
    from distributed import Client, Future

    from citizenrights.calendar import JalaliPeriod
    from citizenrights.dataset import Dataset

__all__ = [
    "DEFAULT_PARTITION_SIZE",
    "DaskUnavailableError",
    "dask_client",
    "evaluate_on_dask",
    "partition_ranges",
]

#: The bytes of a large file each task reads (64 MiB: about 30,000 inspections of the reference
#: checklist, a few seconds of work).
DEFAULT_PARTITION_SIZE = 64 * 1024 * 1024

#: The large kinds, their file formats a range can be cut from, and the fields of their keys
#: (as the dataset's loader declares them; a test checks they agree).
LARGE_KINDS: dict[str, tuple[tuple[str, ...], tuple[str, ...]]] = {
    "inspections": (("jsonl",), ("id",)),
    "complaints": (("jsonl", "csv"), ("id",)),
    "trainings": (("jsonl", "csv"), ("id",)),
    "surveys": (("jsonl", "csv"), ()),
    "stats": (("csv", "jsonl"), ("agency_id", "period")),
    "candidates": (("jsonl",), ("person_id",)),
}

#: Small files whose records refer to records of a large kind: ``(kind, field, large kind)``. A
#: range's folder leaves them out (a range holds only some of the records they refer to, and a
#: task does not fold them); the client looks their references up among the large kind's key
#: hashes instead, and runs the local path when one is missing (which reports it).
REFERRING: tuple[tuple[str, str, str], ...] = (("ngo_reports", "inspection_id", "inspections"),)

_MISSING = "evaluating on a Dask cluster needs dask and distributed; install citizenrights[dask]"


class DaskUnavailableError(CitizenRightsError, ImportError):
    """Dask (the extra ``dask``) is not installed."""


def _require_dask() -> None:
    try:
        import distributed  # noqa: F401
    except ImportError:
        raise DaskUnavailableError(_MISSING) from None


@contextlib.contextmanager
def dask_client(workers: int | None = None, scheduler: str | None = None) -> Iterator[Client]:
    """A Dask client: of a new local cluster of worker processes, or of a running scheduler.

    Args:
        workers: the worker processes of a new ``LocalCluster`` on 127.0.0.1 (one thread each,
            no dashboard); ``None`` for one per CPU. Ignored with ``scheduler``.
        scheduler: the address of a running scheduler (``tcp://10.0.0.5:8786``), whose workers
            must see the dataset folder at the same path and run the same citizenrights version.

    Yields:
        The client; the cluster it started is closed on exit.

    Raises:
        DaskUnavailableError: when the extra ``dask`` is not installed.
        ValueError: for ``workers`` below 1.
        OSError: when the scheduler cannot be reached or the cluster cannot start.
    """
    _require_dask()
    from distributed import Client, LocalCluster

    if scheduler is not None:
        with Client(scheduler) as client:  # type: ignore[no-untyped-call]
            yield client
        return
    count = (os.cpu_count() or 1) if workers is None else workers
    if count < 1:
        raise ValueError(f"workers: {count} is not a number of workers; expected 1 or more")
    with (
        LocalCluster(  # type: ignore[no-untyped-call]
            n_workers=count,
            threads_per_worker=1,
            processes=True,
            host="127.0.0.1",
            # No dashboard, and the scheduler's own HTTP routes on a free port of 127.0.0.1
            # (``None`` would take port 8787, which a second cluster finds in use).
            dashboard_address="127.0.0.1:0",
            scheduler_kwargs={"dashboard": False},
            silence_logs=logging.ERROR,
        ) as cluster,
        Client(cluster) as client,  # type: ignore[no-untyped-call]
    ):
        yield client


def partition_ranges(path: str | os.PathLike[str], size: int) -> list[tuple[int, int]]:
    """Cut a file into byte ranges of about ``size`` bytes, each ending just after a line end.

    Args:
        path: the file.
        size: the bytes per range (at least 1); a range is longer when its last line is.

    Returns:
        ``(start, end)`` offsets in bytes, covering the file in order; ``[]`` for an empty file.

    Raises:
        OSError: when the file cannot be read.
        ValueError: for a ``size`` below 1.
    """
    if size < 1:
        raise ValueError(f"size: {size} bytes is not a partition size; expected 1 or more")
    total = os.path.getsize(path)
    ranges: list[tuple[int, int]] = []
    start = 0
    with open(path, "rb") as handle:
        while start < total:
            handle.seek(min(start + size, total) - 1)
            handle.readline()  # to the end of the line holding the range's last byte
            end = min(handle.tell(), total)
            ranges.append((start, end))
            start = end
    return ranges


#: One range of one file: (kind, file name, absolute path, start, end, CSV header or b"").
_Part = tuple[str, str, str, int, int, bytes]


def _parts(folder: Path, size: int) -> list[_Part] | None:
    """The ranges of every large file; ``None`` when a file is not plainly one kind's one file."""
    parts: list[_Part] = []
    for kind, (formats, _) in LARGE_KINDS.items():
        present = [f"{kind}.{ext}" for ext in formats if os.path.lexists(folder / f"{kind}.{ext}")]
        if len(present) > 1:
            return None  # the local path reports it
        for name in present:
            path = folder / name
            if not path.is_file():
                return None  # a folder, a FIFO, a dangling link: the local path reports it
            header = b""
            if name.endswith(".csv"):
                with open(path, "rb") as handle:
                    header = handle.readline()
                if not header.endswith(b"\n"):
                    return None  # a header without rows, or a line without end: the local path
            for start, end in partition_ranges(path, size):
                parts.append((kind, name, os.fspath(path.resolve()), start, end, header))
    return parts


def _key_hash(record: Any, fields: tuple[str, ...]) -> int | None:
    """An 8-byte hash of a record's key; ``None`` for a record without one (a field is unset)."""
    values = [getattr(record, f) for f in fields]
    if None in values:
        return None
    return _text_hash("\x1f".join(str(v) for v in values))


#: The buckets the key hashes are cut into (by their low byte), so that the client looks for
#: duplicates in one bucket at a time: a set of 1/256 of the hashes, never of all of them.
KEY_BUCKETS = 256

#: A task's answer: the partial without its reference (``None`` after a problem), and the key
#: hashes of its records by kind, in `KEY_BUCKETS` buckets, each the bytes of an ``array("q")``.
_Folded = tuple[ReportPartial | None, dict[str, list[bytes]]]


def _copy_range(part: _Part, target: Path) -> None:
    _, _, path, start, end, header = part
    with open(path, "rb") as source, open(target, "wb") as out:
        # Line 1 of the copy is the header (CSV) or a blank line (JSONL), so the range's first
        # line is never read as a file's first line (where a byte-order mark is allowed).
        out.write(header or b"\n")
        if header and start == 0:
            source.seek(len(header))
        else:
            source.seek(start)
        left = end - source.tell()
        while left > 0:
            chunk = source.read(min(left, 1 << 20))
            if not chunk:
                break
            out.write(chunk)
            left -= len(chunk)


def _fold_part(
    part: _Part,
    folder: str,
    period: JalaliPeriod,
    scope: Province | str | None,
    scoring_policy: ScoringPolicy,
    index_policy: IndexPolicy,
) -> _Folded:
    """Read, validate, check, score and fold one range; the task a worker runs (fused)."""
    from citizenrights.dataset import Dataset

    kind, name = part[0], part[1]
    large = {f"{k}.{ext}" for k, (formats, _) in LARGE_KINDS.items() for ext in formats}
    referring = {kind for kind, _, _ in REFERRING}
    with tempfile.TemporaryDirectory(prefix="citizenrights-part-") as tmp:
        # The folder the local path reads, with this range as the kind's only file: the checks
        # are the local path's own.
        for entry in os.listdir(folder):
            if entry not in large and entry.split(".", 1)[0] not in referring:
                os.symlink(os.path.join(folder, entry), os.path.join(tmp, entry))
        _copy_range(part, Path(tmp, name))
        fields = LARGE_KINDS[kind][1]
        buckets = [array("q") for _ in range(KEY_BUCKETS)]
        with Dataset.stream(tmp) as stream:
            reference = stream.reference
            if reference is None or not stream.ok:
                return None, {}
            partial = ReportPartial(
                reference,
                period,
                scope=scope,
                scoring_policy=scoring_policy,
                index_policy=index_policy,
            )
            for record_kind, record in stream:
                partial.fold(record_kind, record)
                key = _key_hash(record, fields) if fields else None
                if key is not None:
                    buckets[key % KEY_BUCKETS].append(key)
            if stream.problems:
                return None, {}
    return _detached(partial), {kind: [b.tobytes() for b in buckets]} if fields else {}


def _detached(partial: ReportPartial) -> ReportPartial:
    """The partial without its reference data, which the client holds: small to send."""
    out = ReportPartial.__new__(ReportPartial)
    vars(out).update(vars(partial))
    del vars(out)["reference"]
    return out


def _text_hash(text: str) -> int:
    """`_key_hash` of a one-field key given as its text."""
    digest = hashlib.blake2b(text.encode(), digest_size=8).digest()
    return int.from_bytes(digest, "little", signed=True)


def _dangling(reference: Dataset, keys: dict[str, list[bytearray]]) -> bool:
    """Whether a record of a `REFERRING` kind refers to a key the large kind's hashes lack."""
    for kind, field, target in REFERRING:
        wanted: dict[int, list[int]] = {}
        for record in getattr(reference, kind, ()):
            value = getattr(record, field, None)
            if value is not None:
                key = _text_hash(str(value))
                wanted.setdefault(key % KEY_BUCKETS, []).append(key)
        buckets = keys.get(target)
        for bucket, hashes in wanted.items():
            if buckets is None:
                return True
            present = array("q")
            present.frombytes(buckets[bucket])
            if not set(hashes) <= set(present):
                return True
    return False


def _duplicates(keys: dict[str, list[bytearray]]) -> bool:
    """Whether a kind's key hashes repeat: one bucket at a time (each bucket's hashes a set)."""
    for buckets in keys.values():
        for raw in buckets:
            hashes = array("q")
            hashes.frombytes(raw)
            if len(set(hashes)) != len(hashes):
                return True
    return False


def evaluate_on_dask(
    folder: str | os.PathLike[str],
    period: JalaliPeriod | str,
    client: Client,
    *,
    scope: Province | str | Callable[[Dataset], Province | str | None] | None = None,
    scoring_policy: ScoringPolicy = DEFAULT_SCORING_POLICY,
    index_policy: IndexPolicy = DEFAULT_INDEX_POLICY,
    partition_size: int = DEFAULT_PARTITION_SIZE,
) -> ReportPartial:
    """Evaluate a dataset folder on a Dask cluster: the same partial as the local streamed pass.

    See the module's description for the steps. The workers read the files themselves: they
    must see ``folder`` at the same path (one machine, or a shared file system) and run the same
    version of citizenrights. Each task holds one record at a time and its range's partial; the
    client holds the reference data, the merged partial (about 200 bytes per inspection of the
    period for its score, the rest bounded by agencies and periods) and 8 bytes per keyed
    record (inspections, complaints, trainings, stats, candidates) while it checks for
    duplicates.

    Args:
        folder: a dataset folder (a database URL is read by
            [`evaluate_source`][citizenrights.evaluation.run.evaluate_source] only).
        period: the period, or its text (``1396-Q3``).
        client: a client of the cluster (see [`dask_client`][citizenrights.distributed.dask_client]).
        scope: as for [`evaluate_source`][citizenrights.evaluation.run.evaluate_source].
        scoring_policy: how inspections are scored.
        index_policy: how the agency index is made.
        partition_size: the bytes of a large file each task reads (a range ends on a line end).

    Returns:
        The folded partial, equal to ``evaluate_source(folder, period, scope=scope, ...)``'s: its
        [`evaluation`][citizenrights.evaluation.partial.ReportPartial.evaluation] and report are the same.

    Raises:
        DatasetError: listing every problem of the folder, exactly as the local path lists them.
        InvalidPeriodError: for period text that is not a period.
        UnknownAgencyError: for a scope that is neither a province nor an agency id.
        ValueError: for a database URL, or a ``partition_size`` below 1.

    Examples:
        >>> from citizenrights import demo_dataset_path, evaluate_source
        >>> with dask_client(workers=1) as client, demo_dataset_path() as folder:  # doctest: +SKIP
        ...     on_dask = evaluate_on_dask(folder, "1396-Q3", client, scope="IR-10")
        ...     local = evaluate_source(folder, "1396-Q3", scope="IR-10")
        >>> on_dask.evaluation().to_dict() == local.evaluation().to_dict()  # doctest: +SKIP
        True
    """
    from citizenrights.dataset import Dataset

    if isinstance(folder, str) and "://" in folder:
        raise ValueError(
            f"{folder.split('://')[0]}://...: a Dask evaluation reads a dataset folder; "
            "evaluate a database with evaluate_source"
        )
    if partition_size < 1:
        raise ValueError(
            f"partition_size: {partition_size} bytes is not a partition size; expected 1 or more"
        )
    root = Path(folder).resolve()

    def local() -> ReportPartial:
        return evaluate_source(
            folder, period, scope=scope, scoring_policy=scoring_policy, index_policy=index_policy
        )

    if not root.is_dir():
        return local()
    with Dataset.stream(root) as stream:  # the reference files only: the records are not read
        reference = stream.reference
        ok = stream.ok
    if reference is None or not ok:
        return local()
    chosen = scope(reference) if callable(scope) else scope
    whole = ReportPartial(
        reference, period, scope=chosen, scoring_policy=scoring_policy, index_policy=index_policy
    )
    parts = _parts(root, partition_size)
    if parts is None:
        return local()
    from distributed import as_completed

    futures: list[Future[_Folded]] = [
        client.submit(
            _fold_part,
            part,
            os.fspath(root),
            whole.period,
            chosen,
            scoring_policy,
            index_policy,
            pure=False,
        )
        for part in parts
    ]
    # Each answer is merged as it arrives and then let go (its future dropped), so that neither
    # the workers nor the client hold the answers of every range.
    arriving = as_completed(futures, loop=client.loop)  # type: ignore[no-untyped-call]
    del futures
    merged = whole
    keys: dict[str, list[bytearray]] = {}
    for future in arriving:
        folded, hashes = future.result()
        del future
        if folded is None:  # a problem: the local path lists them all
            pending = list(arriving.futures)
            arriving.clear()  # type: ignore[no-untyped-call]
            client.cancel(pending)  # type: ignore[no-untyped-call]
            del pending
            return local()
        merged = merged._absorb(folded)
        del folded
        for kind, raw in hashes.items():
            for bucket, more in zip(
                keys.setdefault(kind, [bytearray() for _ in range(KEY_BUCKETS)]), raw, strict=True
            ):
                bucket += more
        del hashes
    if _duplicates(keys) or _dangling(reference, keys):
        return local()
    merged.reference = reference
    return merged
