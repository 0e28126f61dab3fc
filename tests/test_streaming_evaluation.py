"""The streamed evaluation: one pass over a folder or database, mergeable, same report as loaded.

`evaluate_source` folds a dataset's records one at a time into a `ReportPartial`; these tests check
that its report is the loaded dataset's to the byte (nation, province, agency; several periods),
that parts folded apart and merged in any order give the same, that a SQLite import gives the
same, that the streamed checks list exactly `Dataset.load`'s problems, and that memory does not
grow with the records.
"""

from __future__ import annotations

import json
import random
import shutil
import tracemalloc
from collections.abc import Iterator
from pathlib import Path

import pytest

from citizenrights import (
    Dataset,
    DatasetError,
    ReportPartial,
    assemble_report,
    build_report,
    demo_dataset_path,
    evaluate,
    evaluate_source,
    load_demo,
)

PERIODS = ("1396-Q2", "1396-Q3", "1397-Q1", "1397-Q4")
SCOPES = (None, "IR-10", "isf-gov")
_LARGE = ("inspections.jsonl", "complaints.jsonl", "trainings.csv", "surveys.csv", "stats.csv")


@pytest.fixture(scope="module")
def demo_folder() -> Iterator[Path]:
    with demo_dataset_path() as folder:
        yield folder


@pytest.fixture(scope="module")
def demo() -> Dataset:
    return load_demo()


def _as_json(report: object) -> str:
    return json.dumps(report.to_dict(), ensure_ascii=False, sort_keys=True)  # type: ignore[attr-defined]


@pytest.mark.parametrize("period", PERIODS)
@pytest.mark.parametrize("scope", SCOPES)
def test_the_streamed_report_is_the_loaded_one(
    demo_folder: Path, demo: Dataset, period: str, scope: str | None
) -> None:
    loaded = build_report(demo, period, scope=scope)
    streamed = assemble_report(evaluate_source(demo_folder, period, scope=scope))
    assert _as_json(streamed) == _as_json(loaded)
    for lang in ("fa", "en"):
        assert streamed.to_markdown(lang) == loaded.to_markdown(lang)
    assert streamed.to_csv() == loaded.to_csv()
    assert loaded.summary.inspections > 0 or scope == "isf-gov"


def test_the_streamed_evaluation_is_evaluate(demo_folder: Path, demo: Dataset) -> None:
    streamed = evaluate_source(demo_folder, "1396-Q3").evaluation()
    assert streamed.to_dict() == evaluate(demo, "1396-Q3").to_dict()


def _split(source: Path, target: Path, parts: int, rng: random.Random) -> list[Path]:
    """Copy the reference files into ``parts`` folders and deal the large files' lines among them.

    An NGO report naming an inspection goes with it, as a province's folder holds its own (each
    part must load on its own: a report naming an inspection the part lacks is a problem).
    """
    folders = []
    for n in range(parts):
        folder = target / f"part{n}"
        shutil.copytree(source, folder, ignore=shutil.ignore_patterns(*_LARGE))
        folders.append(folder)
    for name in _LARGE:
        lines = (source / name).read_text(encoding="utf-8").splitlines(keepends=True)
        header = [lines.pop(0)] if name.endswith(".csv") else []
        dealt: list[list[str]] = [list(header) for _ in range(parts)]
        for line in lines:
            dealt[rng.randrange(parts)].append(line)
        for folder, chunk in zip(folders, dealt, strict=True):
            (folder / name).write_text("".join(chunk), encoding="utf-8")
    for folder in folders:
        text = (folder / "inspections.jsonl").read_text(encoding="utf-8")
        ids = {json.loads(line)["id"] for line in text.splitlines()}
        reports = (folder / "ngo_reports.jsonl").read_text("utf-8").splitlines(keepends=True)
        kept = [r for r in reports if json.loads(r).get("inspection_id") in {None, *ids}]
        (folder / "ngo_reports.jsonl").write_text("".join(kept), encoding="utf-8")
    return folders


@pytest.mark.parametrize("seed", [1, 2, 3])
def test_random_splits_merged_in_random_order_give_the_same_report(
    demo_folder: Path, tmp_path: Path, seed: int
) -> None:
    rng = random.Random(seed)
    whole = {
        (p, s): _as_json(assemble_report(evaluate_source(demo_folder, p, scope=s)))
        for p in ("1396-Q3", "1397-Q1")
        for s in (None, "IR-10")
    }
    folders = _split(demo_folder, tmp_path, rng.randint(2, 5), rng)
    for (period, scope), expected in whole.items():
        partials = [evaluate_source(f, period, scope=scope) for f in folders]
        rng.shuffle(partials)
        while len(partials) > 1:  # a random merge tree
            i = rng.randrange(len(partials) - 1)
            partials[i : i + 2] = [partials[i].merge(partials[i + 1])]
        assert _as_json(assemble_report(partials[0])) == expected


def test_merge_is_commutative_and_leaves_its_inputs(demo: Dataset) -> None:
    a, b = ReportPartial(demo, "1396-Q3"), ReportPartial(demo, "1396-Q3")
    for n, inspection in enumerate(demo.inspections):
        (a if n % 3 else b).fold("inspections", inspection)
    for kind in ("complaints", "trainings", "surveys", "stats"):
        for n, record in enumerate(getattr(demo, kind)):
            (b if n % 2 else a).fold(kind, record)
    before = _as_json(assemble_report(a))
    assert _as_json(assemble_report(a.merge(b))) == _as_json(assemble_report(b.merge(a)))
    assert _as_json(assemble_report(a)) == before
    assert _as_json(assemble_report(a.merge(b))) == _as_json(build_report(demo, "1396-Q3"))


def test_partials_of_another_period_or_scope_do_not_merge(demo: Dataset) -> None:
    with pytest.raises(ValueError, match="Cannot merge the report partial of 1396-Q2"):
        ReportPartial(demo, "1396-Q3").merge(ReportPartial(demo, "1396-Q2"))
    with pytest.raises(ValueError, match="IR-10"):
        ReportPartial(demo, "1396-Q3").merge(ReportPartial(demo, "1396-Q3", scope="IR-10"))


def test_overdue_findings_are_counted_in_full_and_listed_up_to_the_limit(demo: Dataset) -> None:
    """Each agency's two earliest-due findings are kept; the counts are overdue_findings' own."""
    from collections import Counter

    from citizenrights import overdue_findings

    every = overdue_findings(demo.inspections, as_of="1397/12/29")
    partial = ReportPartial(demo, "1397-Q4", overdue_limit=2)
    partial.fold_dataset(demo)
    assert partial.overdue_total == len(every) > 2 * len({o.agency_id for o in every})
    counts = Counter((o.agency_id, o.severity.value) for o in every)
    assert partial.overdue_by_agency() == {
        a: {s: n for (a2, s), n in sorted(counts.items()) if a2 == a}
        for a in sorted({a for a, _ in counts})
    }
    kept: list[object] = []
    for agency in sorted({o.agency_id for o in every}):
        mine = sorted(
            (o for o in every if o.agency_id == agency),
            key=lambda o: (o.due, o.inspection_id, o.index),
        )
        kept.extend(mine[:2])
    assert set(partial.overdue_findings()) == set(kept)
    assert len(partial.overdue_findings()) == len(kept)
    whole = ReportPartial(demo, "1397-Q4")
    whole.fold_dataset(demo)
    assert whole.overdue_findings() == every  # the demo has fewer than 50 for any agency


def test_a_bad_overdue_limit_is_refused_and_limits_do_not_mix(demo: Dataset) -> None:
    with pytest.raises(ValueError, match="overdue_limit: -1 is not a number of findings"):
        ReportPartial(demo, "1396-Q3", overdue_limit=-1)
    with pytest.raises(ValueError, match="overdue_limit"):
        ReportPartial(demo, "1396-Q3").merge(ReportPartial(demo, "1396-Q3", overdue_limit=3))


def test_a_sqlite_import_gives_the_same_report(demo: Dataset, tmp_path: Path) -> None:
    pytest.importorskip("sqlalchemy", reason="the sql extra (SQLAlchemy) is not installed")
    url = f"sqlite:///{tmp_path / 'records.db'}"
    demo.to_sql(url)
    assert Dataset.validate(url) == []
    for period, scope in (("1396-Q3", None), ("1397-Q1", "IR-10"), ("1396-Q2", "isf-gov")):
        streamed = assemble_report(evaluate_source(url, period, scope=scope))
        assert _as_json(streamed) == _as_json(build_report(demo, period, scope=scope))


# -- the streamed checks ----------------------------------------------------------------------


def _bad_copy(demo_folder: Path, tmp_path: Path) -> Path:
    """The demo with problems of every sort the checks across files find."""
    folder = tmp_path / "bad"
    shutil.copytree(demo_folder, folder)
    path = folder / "inspections.jsonl"
    lines = path.read_text(encoding="utf-8").splitlines()
    first = json.loads(lines[0])
    unknown_agency = {**json.loads(lines[1]), "agency_id": "no-such-agency"}
    unknown_version = {**json.loads(lines[2]), "checklist_version": "9.9"}
    bad_item = json.loads(lines[3])
    bad_item["responses"][0]["item"] = "Z99"
    bad_date_and_item = json.loads(lines[4])
    bad_date_and_item["date"] = "1396/13/40"
    bad_date_and_item["responses"][1]["item"] = "Z98"
    lines[1:5] = [
        json.dumps(r, ensure_ascii=False)
        for r in (unknown_agency, unknown_version, bad_item, bad_date_and_item)
    ]
    lines.append(json.dumps(first, ensure_ascii=False))  # a duplicate id
    lines.append("{not json")
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    complaints = folder / "complaints.jsonl"
    rows = complaints.read_text(encoding="utf-8").splitlines()
    rows.append(rows[0])
    rows[1] = rows[1].replace('"agency_id": "', '"agency_id": "x-')
    complaints.write_text("\n".join(rows) + "\n", encoding="utf-8")
    return folder


def _loaded_problems(source: str | Path) -> list[str]:
    try:
        Dataset.load(source)
    except DatasetError as exc:
        return list(exc.problems)
    return []


def test_the_streamed_checks_list_what_load_lists(demo_folder: Path, tmp_path: Path) -> None:
    folder = _bad_copy(demo_folder, tmp_path)
    streamed = Dataset.validate(folder)
    assert streamed == _loaded_problems(folder)
    text = "\n".join(streamed)
    for expected in (
        "unknown agency 'no-such-agency'",
        "has no version '9.9'",
        "'Z99'",
        "duplicate inspection",
        "inspections.jsonl:",
    ):
        assert expected in text
    with pytest.raises(DatasetError) as caught:
        evaluate_source(folder, "1396-Q3")
    assert list(caught.value.problems) == streamed


def test_a_stream_reports_progress_and_is_read_once(demo_folder: Path) -> None:
    seen: list[tuple[str, int]] = []
    with Dataset.stream(demo_folder, on_progress=lambda kind, n: seen.append((kind, n))) as stream:
        counts: dict[str, int] = {}
        for kind, _ in stream:
            counts[kind] = counts.get(kind, 0) + 1
        with pytest.raises(RuntimeError, match="iterated once"):
            next(iter(stream))
    demo = load_demo()
    assert counts["inspections"] == len(demo.inspections)
    assert counts["trainings"] == len(demo.trainings)
    assert ("trainings", 1000) in seen
    assert ("trainings", len(demo.trainings)) in seen
    assert stream.ok
    assert stream.problems == []


# -- memory -------------------------------------------------------------------------------------


def _grown_demo(demo_folder: Path, folder: Path, extra: int) -> Path:
    """The demo with ``extra`` more inspections, dated 1399, after every period reported."""
    shutil.copytree(demo_folder, folder)
    lines = (demo_folder / "inspections.jsonl").read_text(encoding="utf-8").splitlines()
    templates = [json.loads(line) for line in lines]
    with (folder / "inspections.jsonl").open("a", encoding="utf-8") as out:
        for n in range(extra):
            record = dict(templates[n % len(templates)])
            record["id"] = f"INS-EXTRA-{n:07d}"
            record["date"] = f"1399/{1 + n % 12:02d}/{1 + n % 28:02d}"
            record["findings"] = []
            out.write(json.dumps(record, ensure_ascii=False) + "\n")
    return folder


def _peak_of_report(folder: Path) -> int:
    tracemalloc.start()
    try:
        report = assemble_report(evaluate_source(folder, "1396-Q3"))
        _, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    assert report.summary.inspections > 0
    return peak


@pytest.mark.slow
def test_the_streamed_report_runs_in_flat_memory(demo_folder: Path, tmp_path: Path) -> None:
    """5,000 and 20,000 inspections: no record is held. What grows is the duplicate-id table alone:
    an 8-byte hash and an 8-byte place per id, at a load of at most one half, with the old table
    alive for a moment while it doubles (up to about 96 bytes an id at that moment); a record kept
    whole would cost about 23 KB."""
    small = _grown_demo(demo_folder, tmp_path / "small", 5_000)
    large = _grown_demo(demo_folder, tmp_path / "large", 20_000)
    _peak_of_report(small)  # warm caches (compiled checklists, imports)
    peak_small, peak_large = _peak_of_report(small), _peak_of_report(large)
    per_record = (peak_large - peak_small) / 15_000
    assert per_record < 160, (peak_small, peak_large, per_record)
    assert peak_large < 8_000_000, (peak_small, peak_large)
