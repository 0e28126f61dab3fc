"""The progress report on the streamed evaluation: one pass, mergeable, the loaded report's twin.

`progress_source` folds a dataset's inspections, trainings and stats one at a time into a
`ProgressPartial`, and `progress_report_from` makes the report. These tests pin that it is the
report `build_progress_report` makes from the loaded dataset (every group of the demo, several
days; JSON, Markdown, HTML and Excel), that parts folded apart and merged in any split and order
give the same, that the overdue rows kept are each agency's oldest with an exact total, that
the errors are `Dataset.load`'s, and that the ``progress`` and ``demo`` commands take this path.
"""

from __future__ import annotations

import io
import json
import pickle
import random
import shutil
from collections.abc import Iterator
from pathlib import Path

import attrs
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from rich.console import Console
from typer.testing import CliRunner

from citizenrights import (
    OVERDUE_PER_AGENCY,
    Dataset,
    DatasetError,
    InvalidDateError,
    NGOTally,
    ProgressPartial,
    TrainingTally,
    build_progress_report,
    build_report,
    demo_dataset_path,
    load_demo,
    ngo_participation,
    overdue_findings,
    progress_report_from,
    progress_source,
    training_coverage,
)
from citizenrights.cli import _common
from citizenrights.cli._app import app

GROUPS = ("wg-national", "wg-isf-smt")
# Before any record, in the data's two years (a quarter's first and last days, a year's end,
# the programme's first months), and after the last record.
DAYS = ("1395/06/01", "1396/01/15", "1396/06/31", "1396/12/29", "1397/03/31", "1397/12/29",
        "1398/02/10")  # fmt: skip
KINDS = ("inspections", "trainings", "stats")

runner = CliRunner()


@pytest.fixture(scope="module")
def demo_folder() -> Iterator[Path]:
    with demo_dataset_path() as folder:
        yield folder


@pytest.fixture(scope="module")
def demo() -> Dataset:
    return load_demo()


def _as_json(report: object) -> str:
    return json.dumps(report.to_dict(), ensure_ascii=False, sort_keys=True)  # type: ignore[attr-defined]


def _fold(
    demo: Dataset,
    day: str,
    group: str,
    records: list[tuple[str, object]],
    overdue_limit: int = OVERDUE_PER_AGENCY,
) -> ProgressPartial:
    partial = ProgressPartial(demo, as_of=day, group_id=group, overdue_limit=overdue_limit)
    for kind, record in records:
        partial.fold(kind, record)
    return partial


def _records(demo: Dataset) -> list[tuple[str, object]]:
    return [(kind, r) for kind in KINDS for r in getattr(demo, kind)]


# -- the same report ----------------------------------------------------------------------------


@pytest.mark.parametrize("day", DAYS)
@pytest.mark.parametrize("group", GROUPS)
def test_the_streamed_progress_report_is_the_loaded_one(
    demo_folder: Path, demo: Dataset, group: str, day: str
) -> None:
    """Every group and day: the JSON, both Markdown pages, the HTML and the workbook are equal."""
    loaded = build_progress_report(demo, as_of=day, group_id=group)
    streamed = progress_report_from(progress_source(demo_folder, as_of=day, group_id=group))
    assert _as_json(streamed) == _as_json(loaded)
    assert streamed.overdue_total == len(loaded.overdue) == loaded.overdue_total
    for lang in ("fa", "en"):
        assert streamed.to_markdown(lang) == loaded.to_markdown(lang)
    if _has_xlsx():
        from citizenrights.reporting.xlsx import progress_sheets

        assert _cells(progress_sheets(streamed, "fa")) == _cells(progress_sheets(loaded, "fa"))
    if _has_html():
        assert streamed.to_html("en") == loaded.to_html("en")


def _has_xlsx() -> bool:
    try:
        import openpyxl  # noqa: F401
    except ImportError:  # pragma: no cover - the xlsx extra is missing
        return False
    return True


def _cells(book: bytes) -> list[tuple[str, list[tuple[object, ...]]]]:
    """A workbook's sheets and values (the file's bytes hold the time it was written)."""
    import openpyxl

    loaded = openpyxl.load_workbook(io.BytesIO(book))
    return [(ws.title, list(ws.iter_rows(values_only=True))) for ws in loaded.worksheets]


def _has_html() -> bool:
    try:
        import jinja2  # noqa: F401
        import matplotlib  # noqa: F401
    except ImportError:  # pragma: no cover - the html extra is missing
        return False
    return True


def test_the_cases_look_at_records(demo: Dataset) -> None:
    """The table above is not vacuous: some days have overdue findings, NGOs and training."""
    late = build_progress_report(demo, as_of="1397/12/29", group_id="wg-national")
    assert late.overdue
    assert late.coverage.covered
    assert late.memorandum is not None
    assert late.memorandum.ngos.inspections > 0
    assert any(r.persons for t in late.memorandum.training for r in t.rows)
    early = build_progress_report(demo, as_of="1395/06/01", group_id="wg-national")
    assert not early.overdue
    assert not early.coverage.covered


def test_names_are_shown_only_when_asked(demo_folder: Path, demo: Dataset) -> None:
    partial = progress_source(demo_folder, as_of="1397/12/29", group_id="wg-isf-smt")
    named = progress_report_from(partial, include_names=True)
    loaded = build_progress_report(
        demo, as_of="1397/12/29", group_id="wg-isf-smt", include_names=True
    )
    assert named.to_dict() == loaded.to_dict()
    assert "name" in named.to_dict()["group"]["members"][0]
    assert "name" not in progress_report_from(partial).to_dict()["group"]["members"][0]


@settings(max_examples=20, deadline=None)
@given(
    seed=st.integers(0, 2**32 - 1),
    parts=st.integers(1, 5),
    group=st.sampled_from(GROUPS),
    day=st.sampled_from(DAYS[1:]),
)
def test_any_split_and_order_merged_gives_the_loaded_report(
    seed: int, parts: int, group: str, day: str
) -> None:
    """Records dealt at random into parts, each folded in a random order, merged in a random tree."""
    demo = load_demo()
    rng = random.Random(seed)
    dealt: list[list[tuple[str, object]]] = [[] for _ in range(parts)]
    for item in _records(demo):
        dealt[rng.randrange(parts)].append(item)
    partials = []
    for chunk in dealt:
        rng.shuffle(chunk)
        partials.append(_fold(demo, day, group, chunk))
    while len(partials) > 1:
        i = rng.randrange(len(partials) - 1)
        partials[i : i + 2] = [partials[i].merge(partials[i + 1])]
    loaded = build_progress_report(demo, as_of=day, group_id=group)
    assert _as_json(progress_report_from(partials[0])) == _as_json(loaded)


def test_merge_is_commutative_and_leaves_its_inputs(demo: Dataset) -> None:
    records = _records(demo)
    a = _fold(demo, "1397/12/29", "wg-national", records[::2])
    b = _fold(demo, "1397/12/29", "wg-national", records[1::2])
    before = _as_json(progress_report_from(a))
    assert _as_json(progress_report_from(a.merge(b))) == _as_json(progress_report_from(b.merge(a)))
    assert _as_json(progress_report_from(a)) == before


def test_a_partial_pickles_to_one_that_merges_the_same(demo: Dataset) -> None:
    """A partial crosses a process boundary (a worker folds a part) and merges as before."""
    records = _records(demo)
    a = _fold(demo, "1397/12/29", "wg-national", records[::2])
    b = pickle.loads(pickle.dumps(_fold(demo, "1397/12/29", "wg-national", records[1::2])))  # noqa: S301 - our own objects
    loaded = build_progress_report(demo, as_of="1397/12/29", group_id="wg-national")
    assert _as_json(progress_report_from(a.merge(b))) == _as_json(loaded)


def test_partials_of_another_group_day_or_limit_do_not_merge(demo: Dataset) -> None:
    base = ProgressPartial(demo, as_of="1397/12/29", group_id="wg-national")
    for other in (
        ProgressPartial(demo, as_of="1397/12/29", group_id="wg-isf-smt"),
        ProgressPartial(demo, as_of="1397/12/28", group_id="wg-national"),
        ProgressPartial(demo, as_of="1397/12/29", group_id="wg-national", overdue_limit=3),
    ):
        with pytest.raises(ValueError, match="Cannot merge the progress partial of"):
            base.merge(other)


def test_records_of_other_kinds_are_dropped(demo: Dataset) -> None:
    """Complaints, surveys and candidates change nothing a progress report shows."""
    records = _records(demo)
    bare = _fold(demo, "1397/12/29", "wg-national", records)
    more = _fold(demo, "1397/12/29", "wg-national", records)
    for kind in ("complaints", "surveys", "candidates"):
        for record in getattr(demo, kind):
            more.fold(kind, record)
    assert _as_json(progress_report_from(more)) == _as_json(progress_report_from(bare))


def test_fold_dataset_checks_the_records_across_kinds(demo: Dataset) -> None:
    partial = ProgressPartial(demo, as_of="1397/12/29", group_id="wg-isf-smt")
    partial.fold_dataset(demo)
    loaded = build_progress_report(demo, as_of="1397/12/29", group_id="wg-isf-smt")
    assert _as_json(progress_report_from(partial)) == _as_json(loaded)
    stray = Dataset(
        agencies=demo.agencies,
        checklists=demo.checklists,
        inspections=(demo.inspections[0].model_copy(update={"agency_id": "no-such-agency"}),),
    )
    with pytest.raises(DatasetError, match="no-such-agency"):
        ProgressPartial(demo, as_of="1397/12/29", group_id="wg-isf-smt").fold_dataset(stray)


# -- the bound on overdue rows --------------------------------------------------------------------


@pytest.mark.parametrize("limit", [0, 1, 2, 5])
def test_each_agency_keeps_its_oldest_findings_and_the_total_is_exact(
    demo: Dataset, limit: int
) -> None:
    """The rows kept are each agency's ``limit`` earliest due, whatever the split; all are counted."""
    day = "1397/12/29"
    every = overdue_findings(demo.inspections, as_of=day)
    by_agency: dict[str, list[object]] = {}
    for o in sorted(every, key=lambda o: (o.due, o.inspection_id, o.index)):
        by_agency.setdefault(o.agency_id, []).append(o)
    expected = {o for found in by_agency.values() for o in found[:limit]}
    records = _records(demo)
    rng = random.Random(limit)
    rng.shuffle(records)
    a = _fold(demo, day, "wg-national", records[: len(records) // 3], overdue_limit=limit)
    b = _fold(demo, day, "wg-national", records[len(records) // 3 :], overdue_limit=limit)
    merged = a.merge(b)
    assert set(merged.overdue_findings()) == expected
    assert merged.overdue_findings() == tuple(o for o in every if o in expected)  # listed in order
    assert merged.overdue_total == len(every) == sum(merged.overdue_counts.values())
    report = progress_report_from(merged)
    assert report.to_dict()["overdue_total"] == len(every)
    assert len(report.to_dict()["overdue"]) == len(expected) < len(every)


def test_a_cut_list_says_how_many_there_are_in_all(demo: Dataset) -> None:
    """Markdown and HTML say "N in all" under the table, as the period's report does."""
    partial = ProgressPartial(demo, as_of="1397/12/29", group_id="wg-national", overdue_limit=2)
    partial.fold_dataset(demo)
    report = progress_report_from(partial)
    total, listed = report.overdue_total, len(report.overdue)
    assert total is not None
    assert total > listed > 25
    english = report.to_markdown("en")
    assert (
        f"{total} in all; 25 are in this table and {listed} (the oldest of each agency)" in english
    )
    assert "more (the JSON and Excel outputs list them all)" not in english
    assert "در مجموع ۷۸ مورد است" in report.to_markdown("fa")
    if _has_html():
        assert f"{total} in all; 25 are in this table" in report.to_html("en")


def test_a_short_list_still_gives_the_total_in_markdown(demo: Dataset) -> None:
    """A list of a few rows (a small limit, few agencies): the table is whole, the total follows."""
    whole = build_progress_report(demo, as_of="1397/12/29", group_id="wg-national")
    few = attrs.evolve(whole, overdue=whole.overdue[:3], overdue_total=len(whole.overdue))
    english = few.to_markdown("en")
    assert f"{len(whole.overdue)} in all; 3 are in this table and 3" in english
    assert few.to_dict()["overdue_total"] == len(whole.overdue)
    assert attrs.evolve(few, overdue_total=None).to_dict()["overdue_total"] == 3


def test_a_bad_overdue_limit_is_refused(demo: Dataset, demo_folder: Path) -> None:
    with pytest.raises(ValueError, match="overdue_limit: -1 is not a number of findings"):
        ProgressPartial(demo, as_of="1397/12/29", group_id="wg-national", overdue_limit=-1)
    with pytest.raises(ValueError, match="overdue_limit: -2"):
        progress_source(demo_folder, as_of="1397/12/29", group_id="wg-national", overdue_limit=-2)


# -- errors -------------------------------------------------------------------------------------


def test_an_unknown_group_names_the_groups(demo_folder: Path, demo: Dataset) -> None:
    with pytest.raises(
        DatasetError, match="no group 'nope'; the dataset has: wg-isf-smt, wg-national"
    ):
        progress_source(demo_folder, as_of="1397/12/29", group_id="nope")
    with pytest.raises(DatasetError, match="no group 'nope'"):
        build_progress_report(demo, as_of="1397/12/29", group_id="nope")


def test_a_bad_day_is_refused_before_anything_is_read(demo_folder: Path) -> None:
    seen: list[object] = []
    with pytest.raises(InvalidDateError):
        progress_source(
            demo_folder,
            as_of="1397/13/01",
            group_id="wg-national",
            on_progress=lambda *a: seen.append(a),
        )
    assert seen == []


def test_the_problems_of_a_source_are_load_s_problems(demo_folder: Path, tmp_path: Path) -> None:
    """Every problem, with file and line, as `Dataset.load` lists them; the group is not looked at."""
    folder = tmp_path / "bad"
    shutil.copytree(demo_folder, folder)
    path = folder / "inspections.jsonl"
    lines = path.read_text(encoding="utf-8").splitlines()
    lines[1] = json.dumps(
        {**json.loads(lines[1]), "agency_id": "no-such-agency"}, ensure_ascii=False
    )
    lines.append(lines[0])  # a duplicate id
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    with pytest.raises(DatasetError) as caught:
        Dataset.load(folder)
    expected = list(caught.value.problems)
    assert len(expected) >= 2
    with pytest.raises(DatasetError) as streamed:
        progress_source(folder, as_of="1397/12/29", group_id="no-such-group")
    assert list(streamed.value.problems) == expected


def test_a_database_gives_the_same_report(demo: Dataset, tmp_path: Path) -> None:
    pytest.importorskip("sqlalchemy", reason="the sql extra (SQLAlchemy) is not installed")
    url = f"sqlite:///{tmp_path / 'records.db'}"
    demo.to_sql(url)
    for group in GROUPS:
        streamed = progress_report_from(progress_source(url, as_of="1397/06/31", group_id=group))
        loaded = build_progress_report(demo, as_of="1397/06/31", group_id=group)
        assert _as_json(streamed) == _as_json(loaded)


# -- the foldable follow-up measures -------------------------------------------------------------


@pytest.mark.parametrize("period", ["1396", "1397-Q2", "1397"])
@pytest.mark.parametrize("scope", [None, "isf-gov", ("isf-abfa", "isf-tax", "isf-sport")])
def test_the_tallies_are_the_functions_in_any_split(
    demo: Dataset, period: str, scope: str | tuple[str, ...] | None
) -> None:
    rng = random.Random(f"{period}{scope}")
    ngo_parts = [NGOTally(demo.agencies, demo.ngos, period, scope=scope) for _ in range(3)]
    for inspection in demo.inspections:
        rng.choice(ngo_parts).fold_inspection(inspection)
    ngos = ngo_parts[0].merge(ngo_parts[1]).merge(ngo_parts[2])
    expected = ngo_participation(
        demo.agencies, demo.inspections, demo.ngos, demo.ngo_reports, period, scope=scope
    )
    assert ngos.participation(demo.ngo_reports) == expected
    for programme in demo.training_programmes:
        parts = [TrainingTally(programme, demo.agencies, period, scope=scope) for _ in range(3)]
        for t in demo.trainings:
            rng.choice(parts).fold_training(t)
        for row in demo.stats:
            rng.choice(parts).fold_stats(row)
        tally = parts[2].merge(parts[0].merge(parts[1]))
        assert tally.coverage() == training_coverage(
            programme, demo.trainings, demo.stats, demo.agencies, period, scope=scope
        )


def test_tallies_of_another_period_or_scope_do_not_merge(demo: Dataset) -> None:
    with pytest.raises(ValueError, match="Cannot merge the NGO tally of 1396"):
        NGOTally(demo.agencies, demo.ngos, "1397").merge(NGOTally(demo.agencies, demo.ngos, "1396"))
    (programme,) = demo.training_programmes
    with pytest.raises(ValueError, match="Cannot merge the training tally"):
        TrainingTally(programme, demo.agencies, "1397").merge(
            TrainingTally(programme, demo.agencies, "1397", scope="isf-gov")
        )


# -- the commands -------------------------------------------------------------------------------


@pytest.mark.parametrize("fmt", ["json", "markdown"])
def test_the_progress_command_prints_the_loaded_report(
    demo_folder: Path, demo: Dataset, fmt: str
) -> None:
    args = ["progress", str(demo_folder), "-g", "wg-national", "--as-of", "1397/12/29", "-f", fmt]
    result = runner.invoke(app, [*args, "--lang", "en"])
    assert result.exit_code == 0, result.output
    loaded = build_progress_report(demo, as_of="1397/12/29", group_id="wg-national")
    if fmt == "json":
        assert json.loads(result.stdout) == loaded.to_dict()
    else:
        assert result.stdout == loaded.to_markdown("en")


def test_the_progress_command_reads_a_database(demo: Dataset, tmp_path: Path) -> None:
    pytest.importorskip("sqlalchemy", reason="the sql extra (SQLAlchemy) is not installed")
    url = f"sqlite:///{tmp_path / 'records.db'}"
    demo.to_sql(url)
    result = runner.invoke(
        app, ["progress", url, "-g", "wg-isf-smt", "--as-of", "1397/12/29", "-f", "json"]
    )
    assert result.exit_code == 0, result.output
    loaded = build_progress_report(demo, as_of="1397/12/29", group_id="wg-isf-smt")
    assert json.loads(result.stdout) == loaded.to_dict()
    unknown = runner.invoke(app, ["progress", url, "-g", "nope", "--as-of", "1397/12/29"])
    assert unknown.exit_code == 2
    assert "unknown working group 'nope'" in unknown.stderr
    assert "wg-isf-smt, wg-national" in unknown.stderr


def test_the_progress_command_shows_progress_on_a_terminal(
    demo_folder: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """As ``report`` does: records, rate and time left on stderr; stdout is the same to the byte."""
    args = [
        "progress",
        str(demo_folder),
        "-g",
        "wg-national",
        "--as-of",
        "1397/12/29",
        "-f",
        "json",
    ]
    quiet = runner.invoke(app, args)
    buffer = io.StringIO()
    console = Console(file=buffer, force_terminal=True, width=200, color_system=None)
    monkeypatch.setattr(_common, "PROGRESS_CONSOLE", console)
    shown = runner.invoke(app, args)
    assert shown.exit_code == quiet.exit_code == 0, shown.output
    assert shown.stdout == quiet.stdout
    text = buffer.getvalue()
    assert "progress" in text
    assert "records/s" in text
    assert "left" in text


def test_the_demo_writes_the_loaded_reports(tmp_path: Path, demo: Dataset) -> None:
    """``demo`` builds its reports on the streamed path: the files are the loaded reports'."""
    out = tmp_path / "out"
    result = runner.invoke(app, ["demo", "--out", str(out)])
    assert result.exit_code == 0, result.output
    latest = "1397-Q4"
    built = build_report(demo, latest, scope="IR-10")
    assert (out / f"report-{latest}.en.md").read_text(encoding="utf-8") == built.to_markdown("en")
    assert (out / f"report-{latest}.fa.md").read_text(encoding="utf-8") == built.to_markdown("fa")
    assert (
        json.loads((out / f"report-{latest}.json").read_text(encoding="utf-8")) == built.to_dict()
    )
    for group in GROUPS:
        loaded = build_progress_report(demo, as_of="1397/12/29", group_id=group)
        for lang in ("fa", "en"):
            text = (out / f"progress-{group}.{lang}.md").read_text(encoding="utf-8")
            assert text == loaded.to_markdown(lang)
