"""The bundled demo dataset: synthetic, reproducible, small, and rich enough to show every case."""

from __future__ import annotations

import re
import subprocess
import sys
from collections import Counter
from pathlib import Path

import pytest

from citizenrights import (
    Affiliation,
    AgencyKind,
    Dataset,
    JalaliPeriod,
    PeriodKind,
    demo_dataset_path,
    group_progress,
    load_demo,
    period_of,
    reference_checklist,
)

from .conftest import ROOT

SCRIPT = ROOT / "scripts" / "make_demo_dataset.py"
DEMO = ROOT / "src" / "citizenrights" / "data" / "demo"
QUARTERS = [JalaliPeriod(PeriodKind.QUARTER, y, q) for y in (1396, 1397) for q in (1, 2, 3, 4)]


@pytest.fixture(scope="module")
def demo() -> Dataset:
    return load_demo()


def files_of(folder: Path) -> dict[str, bytes]:
    return {
        p.relative_to(folder).as_posix(): p.read_bytes()
        for p in sorted(folder.rglob("*"))
        if p.is_file()
    }


def test_committed_files_equal_a_fresh_generation(tmp_path: Path) -> None:
    """The generator is deterministic and the committed demo folder is exactly its output."""
    subprocess.run([sys.executable, str(SCRIPT), str(tmp_path)], check=True, capture_output=True)
    fresh, committed = files_of(tmp_path), files_of(DEMO)
    assert sorted(fresh) == sorted(committed)
    changed = [name for name in fresh if fresh[name] != committed[name]]
    assert changed == [], "run `python scripts/regenerate.py` and commit the result"


def test_the_demo_is_small_and_labelled_synthetic() -> None:
    """The folder stays under 2 MB and its README says the data is synthetic and invented."""
    assert sum(len(b) for b in files_of(DEMO).values()) < 2_000_000
    readme = (DEMO / "README.md").read_text(encoding="utf-8")
    assert "SYNTHETIC" in readme
    assert "invented" in readme


def test_the_demo_loads_through_the_package(demo: Dataset) -> None:
    """load_demo and demo_dataset_path reach the package data; the dataset has no problems."""
    with demo_dataset_path() as folder:
        assert (folder / "agencies.json").is_file()
        assert Dataset.validate(folder) == []
    assert demo.folder is not None


def test_one_province_of_governorates_and_five_peer_groups(demo: Dataset) -> None:
    """A provincial governorate, four county governorates and 30 offices in five groups of six."""
    kinds = Counter(a.kind for a in demo.agencies)
    assert kinds == {
        AgencyKind.PROVINCIAL_GOVERNORATE: 1,
        AgencyKind.COUNTY_GOVERNORATE: 4,
        AgencyKind.PROVINCIAL_OFFICE: 30,
    }
    offices = [a for a in demo.agencies if a.kind is AgencyKind.PROVINCIAL_OFFICE]
    assert sorted(Counter(a.category for a in offices).values()) == [6, 6, 6, 6, 6]
    assert len({a.province for a in demo.agencies}) == 1
    [root] = demo.agencies.roots()
    assert len(demo.agencies.descendants(root.id)) == 34
    assert all(a.staff and a.name for a in demo.agencies)


def test_the_checklist_is_the_reference_checklist(demo: Dataset) -> None:
    """checklists/reference.json is the packaged reference checklist, byte for byte in meaning."""
    reference = reference_checklist()
    assert dict(demo.checklists) == {reference.key: reference}
    assert demo.checklists[reference.key].fingerprint == reference.fingerprint


@pytest.mark.parametrize(
    ("agency_id", "contracts"),
    [("isf-gov", False), ("isf-fr-kashan", False), ("isf-culture", False), ("isf-tax", True)],
)
def test_offices_without_contracts_answer_article_10_not_applicable(
    demo: Dataset, agency_id: str, contracts: bool
) -> None:
    """Section A10 (unfair contract terms) is not applicable where an office has no contracts.

    Only A10 is left out for them: the other sections (A08, timely information, say) are answered.
    """
    answers: dict[str, set[str]] = {}
    for inspection in demo.inspections:
        if inspection.agency_id == agency_id:
            for r in inspection.responses:
                answers.setdefault(r.item.split(".")[0], set()).add(str(r.answer))
    if contracts:
        assert answers["A10"] != {"not_applicable"}
    else:
        assert answers["A10"] == {"not_applicable"}
    assert answers["A08"] != {"not_applicable"}


def test_every_agency_has_a_periodic_inspection_each_quarter(demo: Dataset) -> None:
    """Periodic inspections cover every agency in every quarter of 1396–1397."""
    covered = {
        (i.agency_id, period_of(i.date, PeriodKind.QUARTER))
        for i in demo.inspections
        if i.kind.value == "periodic"
    }
    assert covered == {(a.id, q) for a in demo.agencies for q in QUARTERS}


def test_inspections_vary_as_real_ones_do(demo: Dataset) -> None:
    """Joint and a few non-joint teams, NGO members, ad-hoc and follow-up visits, critical
    failures, incomplete inspections, and findings resolved, late and overdue."""
    inspections = demo.inspections
    joint = [i for i in inspections if i.is_joint]
    assert 0.85 < len(joint) / len(inspections) < 1
    assert any(Affiliation.NGO in {m.affiliation for m in i.team} for i in joint)
    assert {i.kind.value for i in inspections} == {"periodic", "ad_hoc", "follow_up"}
    checklist = reference_checklist()
    critical = {item.code for item in checklist.items() if item.critical}
    failed = [
        i
        for i in inspections
        if any(r.item in critical and r.answer == "non_compliant" for r in i.responses)
    ]
    assert len(failed) >= 5
    items = len(list(checklist.items()))
    assert sum(len(i.responses) < 0.8 * items for i in inspections) >= 5
    findings = [f for i in inspections for f in i.findings]
    assert {f.severity.value for f in findings} == {"minor", "major", "critical"}
    assert any(f.resolved_on and f.due and f.resolved_on <= f.due for f in findings)
    assert any(f.resolved_on and f.due and f.resolved_on > f.due for f in findings)
    assert any(f.resolved_on is None for f in findings)
    for inspection in inspections:
        inspection.ensure_matches(checklist)


def test_activity_records(demo: Dataset) -> None:
    """Complaints (upheld, grave, open), trainings, surveys and a stats row per agency-quarter."""
    outcomes = Counter(c.outcome.value if c.outcome else "open" for c in demo.complaints)
    assert set(outcomes) == {"upheld", "dismissed", "withdrawn", "open"}
    assert any(c.severity.value == "grave" and c.is_upheld for c in demo.complaints)
    assert {c.channel.value for c in demo.complaints} == {
        "in_person", "phone", "web", "letter", "other",
    }  # fmt: skip
    assert {t.audience.value for t in demo.trainings} == {"manager", "employee"}
    assert {s.score for s in demo.surveys} == {1, 2, 3, 4, 5}
    assert {(s.agency_id, s.period) for s in demo.stats} == {
        (a.id, q) for a in demo.agencies for q in QUARTERS
    }


def test_ngos_are_the_56_of_the_seed(demo: Dataset) -> None:
    """56 NGOs across every province, with synthetic registration numbers."""
    assert len(demo.ngos) == 56
    assert len({n.province for n in demo.ngos}) == 31
    assert len({n.name for n in demo.ngos}) == 56
    assert all(n.registration_no.startswith("DEMO-") for n in demo.ngos)


def test_candidates_are_synthetic_and_varied(demo: Dataset) -> None:
    """A dozen candidates with made-up ids; their records differ in the ways the rule weighs."""
    candidates = demo.candidates
    assert len(candidates) == 12
    assert all(c.person_id.startswith("DEMO-") for c in candidates)
    upheld = [sum(x.is_upheld for x in c.complaints) for c in candidates]
    assert {0, 1, 2, 3} <= set(upheld)
    assert any(
        x.is_upheld and x.severity.value == "grave" for c in candidates for x in c.complaints
    )
    assert any(x.status.value == "open" for c in candidates for x in c.complaints)
    hours = [sum(t.hours for t in c.trainings) for c in candidates]
    assert min(hours) < 12 <= max(hours)
    assert {a.post.kind.value for c in candidates for a in c.assignments if a.post} == {
        "managerial", "sensitive",
    }  # fmt: skip
    assert any(c.commendations for c in candidates)
    # Their trainings dated in the data's years are in trainings.csv too.
    listed = {(t.person_id, t.date, t.hours) for t in demo.trainings}
    assert all((t.person_id, t.date, t.hours) in listed for c in candidates for t in c.trainings)


def test_working_groups_and_their_progress(demo: Dataset) -> None:
    """The national joint group meets its quota of four meetings in 1396 and 1397; the office group
    met three times in 1397; both have resolutions done, late, dropped and overdue as of 1397/12/29,
    and the office group's resolutions carry out items of the 9-item programme."""
    groups = {g.id: g for g in demo.working_groups}
    assert set(groups) == {"wg-national", "wg-isf-smt"}
    national, office = groups["wg-national"], groups["wg-isf-smt"]
    assert national.scope.value == "national"
    assert office.scope.value == "agency"
    assert {m.affiliation for m in national.members} == {
        Affiliation.AREO, Affiliation.MOI, Affiliation.PRESIDENCY, Affiliation.NGO,
    }  # fmt: skip
    assert office.agency_id in {a.id for a in demo.agencies}
    [programme] = demo.programmes
    assert programme.title == "برنامه صیانت از حقوق شهروندی"
    assert [i.number for i in programme.items] == list(range(1, 10))

    progress = {
        g.id: group_progress(g, demo.meetings, as_of="1397/12/29", programmes=demo.programmes)
        for g in demo.working_groups
    }
    n, o = progress["wg-national"], progress["wg-isf-smt"]
    assert dict(n.meetings_held) == {1396: 4, 1397: 4}
    assert n.meetings_short == ()
    assert dict(o.meetings_held) == {1397: 3}
    assert o.meetings_short == (1397,)
    for p in (n, o):
        assert min(p.done, p.dropped, p.open, len(p.overdue), len(p.late)) > 0
        assert p.implementation_rate is not None
        assert 0 < p.implementation_rate < 1
        assert p.resolutions == p.done + p.dropped + p.open
        assert p.max_delay_days is not None
        assert p.max_delay_days >= 1
    items = {i.number: i.status.value for i in o.programme_items}
    assert {"done", "in_progress", "dropped", "no_resolution"} <= set(items.values())
    assert all(not i.resolutions for i in n.programme_items)


def test_files_write_dates_as_jalali_text() -> None:
    """Dates in the files are Jalali text (1396/07/15), never ISO Gregorian."""
    names = ("inspections.jsonl", "complaints.jsonl", "trainings.csv", "candidates.jsonl")
    for name in (*names, "meetings.jsonl"):
        text = (DEMO / name).read_text(encoding="utf-8")
        assert re.search(r"\b139[67]/\d\d/\d\d\b", text), name
        assert not re.search(r"\b20[12]\d-\d\d-\d\d\b", text), name


# -- the README's claims about the candidates ----------------------------------------------------

_PLAIN_PASS = {"ELIG_NO_UPHELD_COMPLAINTS", "ELIG_TRAINING_MET", "ELIG_UNIT_INDEX_MET"}
_ROW = re.compile(
    r"^\| (\d+) \| `(DEMO-\d+)` \| `([a-z-]+)` \| (\w+), (\w+) \| (.+?) "
    r"\| (eligible|conditional|ineligible), ([\d.]+): (.+) \|$"
)


def _readme_candidates() -> list[tuple[str, ...]]:
    text = (DEMO / "README.md").read_text(encoding="utf-8")
    return [m.groups() for line in text.splitlines() if (m := _ROW.match(line))]


def _claims(meant: str) -> list[str]:
    """The claims of a "meant to show" cell that the checks below recognise."""
    return [
        phrase
        for phrase in (
            "clean",
            "well trained",
            "trained",
            "commendation",
            "course taught",
            "working group",
            "full positive part",
            "NGO cooperation",
            "one upheld minor complaint",
            "two upheld complaints",
            "three upheld complaints",
            "upheld grave complaint",
            "low index",
            "below the minimum",
            "passes the minimum",
            "too little training",
            "training gap",
            "enough for a managerial post, not for a sensitive one",
            "pending",
            "others dismissed",
            "only withdrawn and dismissed complaints",
            "from before the window",
            "no positive record",
        )
        if phrase in meant
    ]


def test_every_candidate_claim_of_the_readme_holds(demo: Dataset) -> None:
    """Each row of the README's candidate table is what `citizenrights demo` decides: the record
    number, id, agency and post, the status, score and codes, and each claim of "meant to show"."""
    from citizenrights import Post, assess_eligibility
    from citizenrights.cli._demo import _post_of, candidate_decisions

    rows = _readme_candidates()
    assert [int(r[0]) for r in rows] == list(range(1, 13))
    decisions = candidate_decisions(demo)
    for (n, person, agency, kind, level, meant, status, score, codes), candidate, decision in zip(
        rows, demo.candidates, decisions, strict=True
    ):
        where = f"README row {n} ({person})"
        post = _post_of(candidate)
        assert candidate.person_id == person, where
        assert candidate.assignments[-1].agency_id == agency, where
        assert (post.kind.value, post.level and post.level.value) == (kind, level), where
        assert decision.status.value == status, where
        assert f"{decision.record_score:.2f}" == score, where
        shown = [c.code.value for c in decision.reasons if c.code.value not in _PLAIN_PASS]
        assert re.findall(r"`(ELIG_\w+)`", codes) == shown, where
        got = {r.code.value: r for r in decision.reasons}
        claims = _claims(meant)
        # Every clause of the cell is checked: none is prose the test does not read.
        for clause in re.split(r"[;:,] | and ", re.sub(r"\(.*?\)", "", meant)):
            hours = re.fullmatch(r"(\d+) hours", clause.strip())
            if hours:
                training = got.get("ELIG_TRAINING_SHORTFALL") or got["ELIG_TRAINING_MET"]
                assert training.text_en.startswith(f"{hours[1]} hours"), where
                continue
            assert any(c in clause or clause in c for c in claims), f"{where}: {clause!r}"
        window_start = decision.window[0]
        in_window = [c for c in candidate.complaints if c.received >= window_start]
        upheld = [c for c in in_window if c.is_upheld]
        for claim in claims:
            ok = {
                "clean": "ELIG_NO_UPHELD_COMPLAINTS" in got,
                "well trained": "ELIG_TRAINING_MET" in got,
                "trained": "ELIG_TRAINING_MET" in got,
                "commendation": bool(candidate.commendations) and "ELIG_POSITIVE_RECORD" in got,
                "course taught": any(
                    x.kind.value == "training_given" for x in candidate.contributions
                ),
                "working group": any(
                    x.kind.value == "working_group" for x in candidate.contributions
                ),
                "full positive part": "ELIG_POSITIVE_RECORD" in got
                and got["ELIG_POSITIVE_RECORD"].points == 0,
                "NGO cooperation": any(
                    x.kind.value == "ngo_cooperation" for x in candidate.contributions
                )
                and got["ELIG_POSITIVE_RECORD"].points > 0,
                "one upheld minor complaint": [c.severity.value for c in upheld] == ["minor"],
                "two upheld complaints": len(upheld) == 2,
                "three upheld complaints": len(upheld) == 3,
                "upheld grave complaint": "ELIG_GRAVE_COMPLAINT" in got,
                "low index": "ELIG_LOW_UNIT_INDEX" in got,
                "below the minimum": "ELIG_LOW_UNIT_INDEX" in got,
                "passes the minimum": "ELIG_UNIT_INDEX_MET" in got,
                "too little training": "ELIG_TRAINING_SHORTFALL" in got,
                "training gap": "ELIG_TRAINING_SHORTFALL" in got,
                "enough for a managerial post, not for a sensitive one": "ELIG_TRAINING_SHORTFALL"
                in got
                and post.kind.value == "sensitive"
                and "ELIG_TRAINING_MET"
                in {
                    r.code.value
                    for r in assess_eligibility(
                        candidate, Post.parse("managerial:middle"), as_of=decision.as_of
                    ).reasons
                },
                "pending": "ELIG_PENDING_COMPLAINTS" in got,
                "others dismissed": {
                    str(c.outcome) for c in candidate.complaints if c.status.value != "open"
                }
                == {"dismissed"},
                "only withdrawn and dismissed complaints": bool(candidate.complaints)
                and {str(c.outcome) for c in candidate.complaints} == {"withdrawn", "dismissed"},
                "from before the window": "ELIG_UPHELD_COMPLAINTS" not in got
                and any(c.is_upheld and c.received < window_start for c in candidate.complaints),
                "no positive record": "ELIG_NO_POSITIVE_RECORD" in got,
            }[claim]
            assert ok, f"{where}: {claim!r} does not hold"
        # The numbers in brackets: the unit mean, and the hours of a shortfall.
        for mean in re.findall(r"mean ([\d.]+)", meant):
            unit = got.get("ELIG_LOW_UNIT_INDEX") or got["ELIG_UNIT_INDEX_MET"]
            assert f" is {mean} (8 score(s))" in unit.text_en, where
        for have, need in re.findall(r"\((\d+) of the (\d+) hours", meant):
            assert f"{have} hours" in got["ELIG_TRAINING_SHORTFALL"].text_en, where
            assert f"the {need} hours" in got["ELIG_TRAINING_SHORTFALL"].text_en, where
