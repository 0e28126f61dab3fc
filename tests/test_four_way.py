"""One generated dataset, evaluated four ways: whole, in random splits, from SQLite, on Dask.

The dataset is made from seeds (the demo's agencies, checklists, stats and working groups; 480
inspections with findings done on time, late or never, 900 complaints, 400 training attendances
and 1,500 survey answers over two Jalali years, every agency of the demo). It is evaluated for a
quarter and the nation:

1. whole: the folder loaded in memory and folded into one
   [`ReportPartial`][citizenrights.evaluation.partial.ReportPartial];
2. split: the loaded records shuffled and dealt into 2 to 6 parts at random, each folded apart, the parts
   merged in a random order and grouping (seeded, several seeds);
3. SQLite: the dataset written to a real SQLite file (``Dataset.to_sql``) and streamed back
   (``evaluate_source``);
4. Dask: the folder evaluated on a real two-worker ``LocalCluster`` on 127.0.0.1, cut into many
   small ranges so that the tree reduction merges for real (the local fallback is forbidden).

The report's JSON must be the same to the byte, and the partial results equal: every index of
both periods, the critical rows, the kept overdue findings and their exact counts, the counts by
kind. The test skips, with the reason, when SQLAlchemy or Dask is not installed or the cluster
cannot start.
"""

from __future__ import annotations

import contextlib
import csv
import json
import random
import shutil
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from citizenrights import Dataset, assemble_report, demo_dataset_path, evaluate_source
from citizenrights.evaluation import ReportPartial

PERIOD = "1396-Q4"
SEED = 1396
REFERENCE = (
    "agencies.json",
    "checklists",
    "ngos.json",
    "stats.csv",
    "working_groups.json",
    "meetings.jsonl",
    "programmes.json",
)
KINDS = ("inspections", "complaints", "trainings", "surveys", "stats")


def _day(rng: random.Random, first: Any, days: int) -> Any:
    return first.fromordinal(first.toordinal() + rng.randrange(days))


def write_generated(folder: Path, seed: int = SEED) -> None:
    """Write a dataset folder generated from ``seed`` (see the module's description)."""
    from citizenrights import Checklist, format_jalali, from_jalali

    folder.mkdir(parents=True)
    with demo_dataset_path() as demo:
        for name in REFERENCE:
            source = demo / name
            if source.is_dir():
                shutil.copytree(source, folder / name)
            else:
                shutil.copy(source, folder / name)
    agencies = [a["id"] for a in json.loads((folder / "agencies.json").read_text("utf-8"))]
    checklist = Checklist.model_validate_json((folder / "checklists/reference.json").read_bytes())
    items = list(checklist.items())
    rng = random.Random(seed)
    first, days = from_jalali(1396, 1, 1), 720
    text = format_jalali

    lines = []
    for n in range(480):
        day = _day(rng, first, days)
        answers = []
        for item in items:
            two = item.critical or item.levels == 2  # no partial, no N/A (as the checklist says)
            choices = ["compliant", "non_compliant"] if two else None
            answer = rng.choice(
                choices or ["compliant", "compliant", "partial", "non_compliant", "not_applicable"]
            )
            answers.append({"item": item.code, "answer": answer})
        findings = []
        for r in answers:
            if r["answer"] != "non_compliant" or len(findings) == 4:
                continue
            due = day.fromordinal(day.toordinal() + rng.choice([10, 30, 60]))
            finding = {
                "item": r["item"],
                "severity": rng.choice(["minor", "major", "major", "critical"]),
                "description": f"نقص بند {r['item']}",
                "due": text(due),
            }
            fate = rng.random()
            if fate < 0.5:  # done on time
                finding["resolved_on"] = text(due.fromordinal(due.toordinal() - rng.randrange(5)))
            elif fate < 0.75:  # done late
                finding["resolved_on"] = text(due.fromordinal(due.toordinal() + rng.randrange(90)))
            findings.append(finding)
        team = [
            {"name": "زهرا رحیمی", "affiliation": "areo", "role": "lead"},
            {"name": "حامد نوری", "affiliation": rng.choice(["moi", "moi", "areo"])},
        ]
        record = {
            "id": f"INS-G-{n:05d}",
            "agency_id": rng.choice(agencies),
            "checklist_id": checklist.id,
            "checklist_version": checklist.version,
            "kind": rng.choice(["periodic", "periodic", "ad_hoc", "follow_up"]),
            "date": text(day),
            "team": team,
            "responses": answers,
            "findings": findings,
        }
        lines.append(json.dumps(record, ensure_ascii=False))
    (folder / "inspections.jsonl").write_text("\n".join(lines) + "\n", "utf-8")

    lines = []
    for n in range(900):
        day = _day(rng, first, days)
        record = {
            "id": f"CMP-G-{n:05d}",
            "agency_id": rng.choice(agencies),
            "received": text(day),
            "channel": rng.choice(["in_person", "web", "phone", "letter"]),
            "subject": "تأخیر در رسیدگی به درخواست",
            "article": rng.randint(3, 13),
            "severity": rng.choice(["minor", "major", "grave"]),
        }
        if rng.random() < 0.8:
            closed = day.fromordinal(day.toordinal() + rng.randrange(40))
            record.update(
                status="closed",
                outcome=rng.choice(["dismissed", "upheld", "upheld", "withdrawn"]),
                closed_on=text(closed),
            )
        else:
            record["status"] = "open"
        lines.append(json.dumps(record, ensure_ascii=False))
    (folder / "complaints.jsonl").write_text("\n".join(lines) + "\n", "utf-8")

    with (folder / "trainings.csv").open("w", encoding="utf-8", newline="") as out:
        writer = csv.writer(out, lineterminator="\n")
        writer.writerow(["person_id", "agency_id", "course", "audience", "hours", "date"])
        for _ in range(400):
            writer.writerow(
                [
                    f"DEMO-{rng.randrange(600):05d}",
                    rng.choice(agencies),
                    "آشنایی با منشور حقوق شهروندی",
                    rng.choice(["employee", "employee", "manager", "ngo"]),
                    rng.choice([2, 4, 6.5, 8, 12]),
                    text(_day(rng, first, days)),
                ]
            )
    with (folder / "surveys.csv").open("w", encoding="utf-8", newline="") as out:
        writer = csv.writer(out, lineterminator="\n")
        writer.writerow(["agency_id", "date", "score"])
        for _ in range(1_500):
            writer.writerow([rng.choice(agencies), text(_day(rng, first, days)), rng.randint(1, 5)])


def state(partial: ReportPartial) -> dict[str, Any]:
    """Everything a partial holds that a report reads, as plain comparable data."""
    partials = partial.partials
    return {
        "evaluation": partial.evaluation().to_dict(),
        "indices": {
            f"{agency} {period}": partials.partial(agency, period).finish().to_dict()
            for agency, period in sorted(partials, key=lambda k: (k[0], str(k[1])))
        },
        "critical": partial.critical_rows(),
        "critical_by_agency": partial.critical_by_agency(),
        "critical_total": partial.critical_total,
        "overdue": [o.to_dict() for o in partial.overdue_findings()],
        "overdue_by_agency": partial.overdue_by_agency(),
        "overdue_total": partial.overdue_total,
        "counts": (partial.inspections, partial.joint, dict(partial.by_kind)),
        "covered": sorted(partial.covered),
        "grave_upheld": partial.grave_upheld,
    }


def report_json(partial: ReportPartial) -> bytes:
    return json.dumps(
        assemble_report(partial).to_dict(), ensure_ascii=False, sort_keys=True, indent=1
    ).encode("utf-8")


def fold_split(dataset: Dataset, rng: random.Random, **options: Any) -> ReportPartial:
    """The records shuffled, dealt into random parts, folded apart, merged in a random order."""
    count = rng.randint(2, 6)
    parts = [ReportPartial(dataset, PERIOD, **options) for _ in range(count)]
    records = [(kind, record) for kind in KINDS for record in getattr(dataset, kind)]
    rng.shuffle(records)
    for kind, record in records:
        parts[rng.randrange(count)].fold(kind, record)
    while len(parts) > 1:
        rng.shuffle(parts)
        a, b = parts.pop(), parts.pop()
        parts.append(a.merge(b))
    return parts[0]


@pytest.fixture(scope="module")
def generated(tmp_path_factory: pytest.TempPathFactory) -> Path:
    folder = tmp_path_factory.mktemp("four-way") / "dataset"
    write_generated(folder)
    return folder


@pytest.fixture(scope="module")
def client() -> Iterator[Any]:
    """A client of a real two-worker cluster on 127.0.0.1."""
    try:
        import distributed  # noqa: F401
    except ImportError as exc:
        pytest.skip(f"distributed is not installed (the extra dask): {exc}")
    from citizenrights import distributed as dist

    with contextlib.ExitStack() as stack:
        try:
            running = stack.enter_context(dist.dask_client(workers=2))
        except (OSError, RuntimeError, TimeoutError) as exc:
            pytest.skip(f"a two-worker LocalCluster on 127.0.0.1 cannot start: {exc}")
        yield running


def test_the_generated_dataset_has_what_the_comparison_needs(generated: Path) -> None:
    """Not a trivial dataset: every kind, overdue findings, critical rows, both periods indexed."""
    dataset = Dataset.load(generated)
    whole = ReportPartial(dataset, PERIOD)
    whole.fold_dataset(dataset)
    assert len(dataset.inspections) == 480
    assert len(dataset.complaints) == 900
    assert len(dataset.trainings) == 400
    assert len(dataset.surveys) == 1_500
    assert whole.inspections > 40
    assert whole.critical_rows()
    assert whole.grave_upheld > 0
    assert whole.overdue_total > 100
    assert len(whole.overdue_by_agency()) > 20
    scored = [i for i in whole.evaluation().indices.values() if i.score is not None]
    assert len(scored) > 20


def test_whole_split_sqlite_and_dask_give_one_result(
    generated: Path, client: Any, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The four evaluations: the report's JSON byte for byte, and the partials' contents."""
    pytest.importorskip("sqlalchemy", reason="the sql extra (SQLAlchemy) is not installed")
    from citizenrights import distributed as dist

    dataset = Dataset.load(generated)
    whole = ReportPartial(dataset, PERIOD)
    whole.fold_dataset(dataset)
    expected_json, expected = report_json(whole), state(whole)

    rng = random.Random(SEED)
    for _ in range(4):
        split = fold_split(dataset, rng)
        assert report_json(split) == expected_json
        assert state(split) == expected

    url = f"sqlite:///{tmp_path / 'generated.db'}"
    dataset.to_sql(url)
    from_sql = evaluate_source(url, PERIOD)
    assert report_json(from_sql) == expected_json
    assert state(from_sql) == expected

    def refuse(*args: object, **kwargs: object) -> ReportPartial:
        raise AssertionError("the Dask evaluation fell back on the local path")

    monkeypatch.setattr(dist, "evaluate_source", refuse)
    # About 300 KB of inspections: ranges of 48 KiB make a few dozen tasks and merges.
    on_dask = dist.evaluate_on_dask(generated, PERIOD, client, partition_size=48 * 1024)
    assert report_json(on_dask) == expected_json
    assert state(on_dask) == expected


@pytest.mark.parametrize("limit", [0, 1, 3])
def test_a_small_overdue_limit_keeps_the_same_findings_in_any_split(
    generated: Path, limit: int
) -> None:
    """Each agency's ``limit`` earliest-due findings, whatever the split; exact counts still."""
    dataset = Dataset.load(generated)
    unbounded = ReportPartial(dataset, PERIOD, overdue_limit=10**6)
    unbounded.fold_dataset(dataset)
    every = unbounded.overdue_findings()
    whole = ReportPartial(dataset, PERIOD, overdue_limit=limit)
    whole.fold_dataset(dataset)
    kept = whole.overdue_findings()
    by_agency: dict[str, list[Any]] = {}
    for o in every:
        by_agency.setdefault(o.agency_id, []).append(o)
    wanted = {
        o
        for found in by_agency.values()
        for o in sorted(found, key=lambda o: (o.due, o.inspection_id, o.index))[:limit]
    }
    assert set(kept) == wanted
    assert len(kept) == len(wanted)
    assert whole.overdue_total == unbounded.overdue_total == len(every)
    assert whole.overdue_by_agency() == unbounded.overdue_by_agency()
    rng = random.Random(limit)
    for _ in range(3):
        split = fold_split(dataset, rng, overdue_limit=limit)
        assert split.overdue_findings() == kept
        assert split.overdue_by_agency() == whole.overdue_by_agency()


@pytest.mark.parametrize("limit", [0, 1, 2])
def test_a_small_critical_limit_keeps_the_same_rows_in_any_split(
    generated: Path, limit: int
) -> None:
    """Each agency's ``limit`` most recent critical failures, whatever the split; exact counts."""
    dataset = Dataset.load(generated)
    unbounded = ReportPartial(dataset, PERIOD, critical_limit=10**6)
    unbounded.fold_dataset(dataset)
    every = unbounded.critical_rows()
    whole = ReportPartial(dataset, PERIOD, critical_limit=limit)
    whole.fold_dataset(dataset)
    by_agency: dict[str, list[Any]] = {}
    for row in every:
        by_agency.setdefault(row[0], []).append(row)
    # The most recent first; rows of one day in the order the report lists them.
    wanted = {
        row
        for rows in by_agency.values()
        for row in sorted(rows, key=lambda r: (-r[2].toordinal(), every.index(r)))[:limit]
    }
    assert set(whole.critical_rows()) == wanted
    assert len(whole.critical_rows()) == len(wanted)
    assert whole.critical_total == unbounded.critical_total == len(every)
    assert whole.critical_by_agency() == unbounded.critical_by_agency()
    assert max(unbounded.critical_by_agency().values()) > 2  # the bound really cuts
    rng = random.Random(limit)
    for _ in range(3):
        split = fold_split(dataset, rng, critical_limit=limit)
        assert split.critical_rows() == whole.critical_rows()
        assert split.critical_by_agency() == whole.critical_by_agency()


def test_a_bad_critical_limit_is_refused_and_limits_do_not_mix(generated: Path) -> None:
    dataset = Dataset.load(generated)
    with pytest.raises(ValueError, match="critical_limit: -1 is not a number of critical"):
        ReportPartial(dataset, PERIOD, critical_limit=-1)
    with pytest.raises(ValueError, match="critical_limit"):
        ReportPartial(dataset, PERIOD).merge(ReportPartial(dataset, PERIOD, critical_limit=3))
