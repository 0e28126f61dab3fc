"""Training programmes and their coverage: the model, the measure worked by hand, the CLI.

The programme of the scenario is the circular's: issued 1395/12/22, deadline 1397/12/29 (738 days
later); the quarters of 1397 end 466, 559, 649 and 738 days after the issue, so a steady pace
would have reached 466/738, 559/738, 649/738 and 1 of the staff.
"""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest
from pydantic import ValidationError

from citizenrights import (
    Agency,
    AgencyRegistry,
    AgencyStats,
    TrainingProgramme,
    TrainingRecord,
    load_demo,
    training_coverage,
)
from citizenrights.dataset import Dataset, demo_dataset_path

PROGRAMME = TrainingProgramme.model_validate(
    {
        "code": "circular-1091808",
        "title": "آموزش حقوق شهروندی مدیران و کارکنان",
        "issued": "1395/12/22",
        "courses": [
            {"code": "CR-CHARTER", "title": "منشور حقوق شهروندی"},
            {"code": "CR-ADMIN", "title": "حقوق شهروندی در نظام اداری"},
        ],
        "audiences": ["manager", "employee"],
        "deadline": "1397/12/29",
    }
)
REGISTRY = AgencyRegistry(
    [
        Agency(id="A", name="اداره الف", kind="provincial_office"),
        Agency(id="B", name="اداره ب", kind="provincial_office"),
    ]
)
STATS = [
    AgencyStats.model_validate({"agency_id": "A", "period": "1397-Q1", "services": 1, "staff": 10}),
    AgencyStats.model_validate({"agency_id": "A", "period": "1397-Q3", "services": 1, "staff": 8}),
]


def _t(person: str, day: str, **fields: object) -> TrainingRecord:
    data: dict[str, object] = {
        "person_id": person, "agency_id": "A", "course": "دوره", "audience": "employee",
        "hours": 4, "date": day,
    }  # fmt: skip
    data.update(fields)
    return TrainingRecord.model_validate(data)


TRAININGS = [
    _t("p1", "1397/02/01", course_code="CR-CHARTER"),
    _t("p2", "1396/06/01", course="منشور حقوق شهروندی"),  # matched by its title
    _t("p2", "1397/01/10", course_code="CR-CHARTER"),  # the same person: counted once
    _t("p3", "1397/05/01", course_code="CR-ADMIN", audience="manager"),
    _t("p4", "1397/02/01", course_code="CR-CHARTER", audience="inspector"),  # not an audience
    _t("p5", "1395/01/01", course_code="CR-CHARTER"),  # before the circular
    _t("p6", "1397/02/01", course_code="CR-CHARTER", role="instructor"),  # taught, not attended
    _t("p7", "1397/02/01", course_code="CR-CHARTER", agency_id="B"),  # no staff count for B
    _t("p8", "1397/02/01", course="ارتباط مؤثر با ارباب رجوع"),  # not a course of the programme
]


def test_coverage_by_hand() -> None:
    """Quarter by quarter, for agency A: CR-CHARTER has p1 and p2 (2 of 10 staff, then of 8);
    CR-ADMIN has p3 from the second quarter; all behind a steady pace."""
    c = training_coverage(PROGRAMME, TRAININGS, STATS, REGISTRY, "1397", scope="A")
    got = [
        (str(r.quarter), r.course, dict(r.by_audience), r.persons, r.staff, r.share, r.status)
        for r in c.rows
    ]
    assert got == [
        ("1397-Q1", "CR-CHARTER", {"manager": 0, "employee": 2}, 2, 10, 0.2, "behind"),
        ("1397-Q1", "CR-ADMIN", {"manager": 0, "employee": 0}, 0, 10, 0.0, "behind"),
        ("1397-Q2", "CR-CHARTER", {"manager": 0, "employee": 2}, 2, 10, 0.2, "behind"),
        ("1397-Q2", "CR-ADMIN", {"manager": 1, "employee": 0}, 1, 10, 0.1, "behind"),
        ("1397-Q3", "CR-CHARTER", {"manager": 0, "employee": 2}, 2, 8, 0.25, "behind"),
        ("1397-Q3", "CR-ADMIN", {"manager": 1, "employee": 0}, 1, 8, 0.125, "behind"),
        ("1397-Q4", "CR-CHARTER", {"manager": 0, "employee": 2}, 2, 8, 0.25, "behind"),
        ("1397-Q4", "CR-ADMIN", {"manager": 1, "employee": 0}, 1, 8, 0.125, "behind"),
    ]
    assert [r.target for r in c.rows[::2]] == [466 / 738, 559 / 738, 649 / 738, 1.0]
    assert not any(r.past_deadline for r in c.rows)
    assert (c.scope, c.courses, c.deadline.isoformat()) == (
        "A",
        ("CR-CHARTER", "CR-ADMIN"),
        "2019-03-20",
    )


def test_coverage_of_the_nation_adds_b_without_a_staff_count() -> None:
    """Every agency: p7 of B counts in CR-CHARTER (3 people), the staff is A's only."""
    c = training_coverage(PROGRAMME, TRAININGS, STATS, REGISTRY, "1397-Q1")
    first = c.rows[0]
    assert (first.persons, first.staff, first.share) == (3, 10, 0.3)


def test_met_on_track_unknown_and_past_deadline() -> None:
    """Two staff both trained: met. Without stats: unknown. 1398's quarters are past the deadline."""
    stats = [
        AgencyStats.model_validate({"agency_id": "A", "period": "1397", "services": 1, "staff": 2})
    ]
    c = training_coverage(PROGRAMME, TRAININGS, stats, REGISTRY, "1397-Q1", scope="A")
    assert (c.rows[0].share, c.rows[0].status) == (1.0, "met")
    # 1396-Q2 with the 1397 stats row: it starts after the quarter, so no staff count: unknown.
    early = training_coverage(PROGRAMME, TRAININGS, stats, REGISTRY, "1396-Q2", scope="A")
    assert early.rows[0].staff is None  # the 1397 stats row starts after 1396-Q2
    assert early.rows[0].status == "unknown"
    stats96 = [
        AgencyStats.model_validate({"agency_id": "A", "period": "1396", "services": 1, "staff": 2})
    ]
    # With a 1396 row: p2 alone by the end of 1396-Q2, 1 of 2 = 50% against 194/738 ≈ 26%.
    early = training_coverage(PROGRAMME, TRAININGS, stats96, REGISTRY, "1396-Q2", scope="A")
    assert (early.rows[0].persons, early.rows[0].share, early.rows[0].status) == (
        1,
        0.5,
        "on_track",
    )
    late = training_coverage(PROGRAMME, TRAININGS, stats, REGISTRY, "1398-Q1", scope="A")
    assert late.rows[0].past_deadline
    assert late.rows[0].target == 1.0


def test_programme_validation() -> None:
    """A deadline before the issue, a course code twice, no course: errors naming the programme."""
    base = PROGRAMME.model_dump()
    with pytest.raises(ValidationError, match=r"deadline .* is before issued"):
        TrainingProgramme.model_validate({**base, "deadline": "1395/01/01"})
    twice = [{"code": "X", "title": "الف"}, {"code": "X", "title": "ب"}]
    with pytest.raises(ValidationError, match=r"course code\(s\) X given more than once"):
        TrainingProgramme.model_validate({**base, "courses": twice})
    with pytest.raises(ValidationError, match="at least one course"):
        TrainingProgramme.model_validate({**base, "courses": []})


def test_old_training_records_still_load() -> None:
    """A training record without provider, course_code or role loads as an attendance."""
    t = TrainingRecord.model_validate(
        {"person_id": "p", "agency_id": "A", "course": "منشور", "audience": "manager",
         "hours": 2, "date": "1396/01/01"}
    )  # fmt: skip
    assert (t.provider, t.course_code, t.role.value) == (None, None, "attendee")


def test_demo_programme_is_the_circular() -> None:
    """The demo's programme is circular 1091808 of 1395/12/22 with its two courses; its trainings
    of those courses carry the code, and the candidates' ones the provincial training centre."""
    demo = load_demo()
    (programme,) = demo.training_programmes
    assert programme.code == "circular-1091808"
    assert [c.title for c in programme.courses] == [
        "منشور حقوق شهروندی",
        "حقوق شهروندی در نظام اداری",
    ]
    assert programme.deadline.isoformat() == "2019-03-20"
    coded = [t for t in demo.trainings if t.course_code is not None]
    assert {t.course_code for t in coded} == {"CR-CHARTER", "CR-ADMIN"}
    provided = {t.provider for t in coded if t.provider is not None}
    assert provided == {"مرکز آموزش مدیریت دولتی استان اصفهان"}  # the candidates' trainings


def test_unknown_programme_field_is_a_problem_with_its_line(tmp_path: Path) -> None:
    """A programme file with a bad audience: a problem naming the file, line and field."""
    with demo_dataset_path() as demo:
        shutil.copytree(demo, tmp_path / "d")
    path = tmp_path / "d" / "training_programmes.json"
    data = json.loads(path.read_text(encoding="utf-8"))
    data[0]["audiences"] = ["manager", "janitor"]
    path.write_text(json.dumps(data, ensure_ascii=False, indent=2), encoding="utf-8")
    problems = Dataset.validate(tmp_path / "d")
    assert problems == [
        "training_programmes.json:2: audiences[1]: Input should be 'manager', 'employee', "
        "'inspector' or 'ngo' [enum]"
    ]


def test_training_command(tmp_path: Path) -> None:
    """citizenrights training DIR --year 1397 in markdown, json and csv; a bad year exits 2."""
    typer_testing = pytest.importorskip("typer.testing", reason="the cli extra is not installed")
    from citizenrights.cli._app import app

    runner = typer_testing.CliRunner()
    with demo_dataset_path() as demo:
        folder = str(demo)
        md = runner.invoke(app, ["training", folder, "--year", "1397", "--lang", "en"])
        assert md.exit_code == 0, md.stderr
        assert "## Training: Citizens'-rights training of managers and staff" in md.stdout
        assert (
            "| Winter 1397 | منشور حقوق شهروندی | 0 | 2364 | 4223 | 56% | 100% | behind |"
            in md.stdout
        )
        js = runner.invoke(
            app, ["training", folder, "--year", "1397", "-f", "json", "--province", "IR-10"]
        )
        assert js.exit_code == 0, js.stderr
        (coverage,) = json.loads(js.stdout)
        assert coverage["scope"] == "IR-10"
        assert len(coverage["rows"]) == 8
        out = tmp_path / "t.csv"
        csv_run = runner.invoke(
            app, ["training", folder, "--year", "1397", "-f", "csv", "-o", str(out)]
        )
        assert csv_run.exit_code == 0, csv_run.stderr
        lines = out.read_text(encoding="utf-8").splitlines()
        assert lines[0].startswith("programme,quarter,course,audience,persons")
        assert len(lines) == 1 + 4 * 2 * 2  # quarters × courses × audiences
        bad = runner.invoke(app, ["training", folder, "--year", "1397-Q1"])
        assert bad.exit_code == 2
        assert "expected a Jalali year such as 1397; got '1397-Q1'" in bad.stderr


def test_a_course_taught_is_not_staff_training_in_the_index() -> None:
    """The index's training component counts attendance only: a course the person taught (role
    instructor) does not make them trained staff."""
    from citizenrights import IndexPolicy

    policy = IndexPolicy()
    attended = _t("p1", "1397/02/01", audience="manager")
    taught = _t("p1", "1397/02/01", audience="manager", role="instructor")
    assert policy.counts_as_staff_training(attended)
    assert not policy.counts_as_staff_training(taught)
