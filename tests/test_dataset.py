"""The dataset loader: every file kind, every problem with its file, line and field, streaming."""

from __future__ import annotations

import csv
import io
import json
import os
import subprocess
import sys
import tempfile
import textwrap
from pathlib import Path
from typing import Any, BinaryIO

import attrs
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from pydantic import BaseModel

from citizenrights import Dataset, DatasetError, iter_inspections, iter_records
from citizenrights.dataset import _readers
from citizenrights.dataset._kinds import KINDS
from citizenrights.models import AgencyStats, Inspection, SurveyResponse

from . import strategies as cst

CHECKLIST = {
    "id": "demo",
    "version": "1",
    "title": "نمونه",
    "sections": [
        {
            "code": "S1",
            "title": "کرامت",
            "items": [
                {"code": "S1.1", "text": "رفتار محترمانه", "critical": True, "allow_na": False},
                {"code": "S1.2", "text": "تابلوی راهنما", "scale": "binary"},
                {"code": "S1.3", "text": "سطح آموزش", "scale": 4},
            ],
        }
    ],
}
AGENCIES = [
    {"id": "GOV", "name": "استانداری البرز", "kind": "provincial_governorate", "province": "IR-30"},
    {"id": "F-1", "name": "فرمانداری کرج", "kind": "county_governorate", "parent_id": "GOV"},
    {"id": "O-1", "name": "اداره کل ثبت", "kind": "provincial_office", "parent_id": "GOV"},
]


def inspection(n: int = 1, **changes: Any) -> dict[str, Any]:
    record: dict[str, Any] = {
        "id": f"I-{n}",
        "agency_id": "O-1",
        "checklist_id": "demo",
        "checklist_version": "1",
        "kind": "periodic",
        "date": "1396/07/15",
        "team": [
            {"name": "مریم احمدی", "affiliation": "areo"},
            {"name": "علی رضایی", "affiliation": "moi"},
        ],
        "responses": [
            {"item": "S1.1", "answer": "compliant"},
            {"item": "S1.2", "answer": "non_compliant"},
            {"item": "S1.3", "answer": 2},
        ],
    }
    record.update(changes)
    return record


def complaint(n: int = 1, **changes: Any) -> dict[str, Any]:
    record: dict[str, Any] = {
        "id": f"C-{n}",
        "agency_id": "O-1",
        "received": "1396/07/15",
        "channel": "web",
        "severity": "minor",
        "status": "closed",
        "outcome": "upheld",
        "closed_on": "1396/07/20",
    }
    record.update(changes)
    return record


def jsonl(*records: dict[str, Any]) -> str:
    return "".join(json.dumps(r, ensure_ascii=False) + "\n" for r in records)


def make(folder: Path, files: dict[str, str | bytes | None]) -> Path:
    """A dataset folder: the default agencies and checklist, changed by ``files`` (None: remove)."""
    defaults: dict[str, str | bytes | None] = {
        "agencies.json": json.dumps(AGENCIES, ensure_ascii=False, indent=2),
        "checklists/demo.json": json.dumps(CHECKLIST, ensure_ascii=False, indent=2),
    }
    for name, content in {**defaults, **files}.items():
        if content is None:
            continue
        path = folder / name
        path.parent.mkdir(parents=True, exist_ok=True)
        if isinstance(content, bytes):
            path.write_bytes(content)
        else:
            path.write_text(content, encoding="utf-8")
    return folder


def problems_of(tmp_path: Path, **files: str | bytes | None) -> list[str]:
    """The problems of a dataset of the default files changed by ``files`` ('__' for '/')."""
    return Dataset.validate(make(tmp_path, {k.replace("__", "/"): v for k, v in files.items()}))


# -- a good dataset --------------------------------------------------------------------------------


def test_load_reads_every_kind_of_file(tmp_path: Path) -> None:
    """A folder with every file kind (JSON, JSONL and CSV forms) loads into typed tuples."""
    folder = make(
        tmp_path,
        {
            "inspections.jsonl": jsonl(inspection(1), inspection(2, kind="ad_hoc")),
            "complaints.csv": "id,agency_id,received,channel,severity,status,outcome,closed_on\n"
            "C-1,O-1,1396/07/15,web,minor,open,,\n"
            "C-2,F-1,1396-7-16,phone,grave,closed,upheld,2017-10-20\n",
            "trainings.jsonl": jsonl(
                {
                    "person_id": "E-1",
                    "agency_id": "O-1",
                    "course": "منشور",
                    "audience": "employee",
                    "hours": 4,
                    "date": "1396/08/01",
                }
            ),
            "surveys.csv": "agency_id,date,score\nO-1,1396/07/15, 4 \nGOV,1396/07/16,5\n",
            "stats.csv": "agency_id,period,services,staff\nO-1,1396-Q3,1200,40\n",
            "ngos.json": json.dumps(
                [
                    {
                        "id": "N-1",
                        "name": "انجمن نمونه",
                        "registration_no": "R-1",
                        "fields": ["citizens_rights"],
                        "registered": "1395/01/20",
                        "active": True,
                    }
                ]
            ),
            "candidates.jsonl": jsonl(
                {
                    "person_id": "E-9",
                    "name": "نام ساختگی",
                    "assignments": [{"agency_id": "F-1", "start": "1394/01/01"}],
                }
            ),
            "notes.txt": "an unknown file is ignored",
        },
    )
    dataset = Dataset.load(folder)
    assert [a.id for a in dataset.agencies] == ["F-1", "GOV", "O-1"]
    assert list(dataset.checklists) == [("demo", "1")]
    assert [i.id for i in dataset.inspections] == ["I-1", "I-2"]
    assert [c.id for c in dataset.complaints] == ["C-1", "C-2"]
    assert dataset.complaints[0].outcome is None  # an empty cell leaves the field out
    assert [s.score for s in dataset.surveys] == [4, 5]
    assert dataset.stats[0].services == 1200
    assert str(dataset.stats[0].period) == "1396-Q3"
    assert dataset.trainings[0].hours == 4.0
    assert dataset.ngos[0].active is True
    assert dataset.candidates[0].assignments[0].agency_id == "F-1"
    assert dataset.folder == folder
    assert "inspections=2" in repr(dataset)
    assert Dataset.validate(folder) == []


def test_only_agencies_json_is_required(tmp_path: Path) -> None:
    """A folder with agencies.json alone is a dataset whose other collections are empty."""
    dataset = Dataset.load(make(tmp_path, {"checklists/demo.json": None}))
    assert len(dataset.agencies) == 3
    assert dataset.checklists == {}
    assert dataset.inspections == dataset.complaints == dataset.candidates == ()


def test_a_dataset_is_immutable(tmp_path: Path) -> None:
    """Attributes cannot be set and the checklists mapping cannot be changed."""
    dataset = Dataset.load(make(tmp_path, {}))
    with pytest.raises(attrs.exceptions.FrozenInstanceError):
        dataset.inspections = ()  # type: ignore[misc]
    with pytest.raises(TypeError):
        dataset.checklists[("x", "1")] = dataset.checklists[("demo", "1")]  # type: ignore[index]


def test_every_file_kind_is_a_dataset_field() -> None:
    """Adding a kind of file is one table entry and one Dataset field of the same name."""
    assert [k.name for k in KINDS] == [
        f for f in attrs.fields_dict(Dataset) if f not in {"folder", "source"}
    ]


def jsonable_row(model: BaseModel) -> dict[str, str]:
    """A record as CSV cells: JSON values as text, absent fields as empty cells."""
    data = model.model_dump(mode="json", exclude_none=True)
    return {k: v if isinstance(v, str) else json.dumps(v) for k, v in data.items()}


@settings(max_examples=100)  # each example writes and reads a folder
@given(
    forest=cst.agency_forests(max_size=6),
    checklist=cst.checklists(max_sections=2, max_items=3),
    data=st.data(),
)
def test_valid_records_come_back_unchanged(
    forest: list[Any], checklist: Any, data: st.DataObject
) -> None:
    """Whatever valid records are written (JSON, JSONL, CSV), loading gives the same records."""
    ids = sorted(a.id for a in forest)
    insp = [
        data.draw(cst.inspections(checklist)).model_copy(
            update={"id": f"I-{n}", "agency_id": data.draw(st.sampled_from(ids))}
        )
        for n in range(data.draw(st.integers(0, 3)))
    ]
    comps = [
        data.draw(cst.complaints()).model_copy(
            update={"id": f"C-{n}", "agency_id": data.draw(st.sampled_from(ids))}
        )
        for n in range(data.draw(st.integers(0, 3)))
    ]
    columns = list(type(comps[0]).model_fields) if comps else ["id"]
    buffer = io.StringIO()
    writer = csv.DictWriter(buffer, columns, lineterminator="\n")
    writer.writeheader()
    writer.writerows(jsonable_row(c) for c in comps)
    with tempfile.TemporaryDirectory() as tmp:
        folder = make(
            Path(tmp),
            {
                "agencies.json": json.dumps(
                    [a.model_dump(mode="json") for a in forest], ensure_ascii=False, indent=1
                ),
                "checklists/demo.json": checklist.model_dump_json(),
                "inspections.jsonl": "".join(i.model_dump_json() + "\n" for i in insp),
                "complaints.csv": buffer.getvalue() if comps else None,
            },
        )
        dataset = Dataset.load(folder)
    assert sorted(a.id for a in dataset.agencies) == ids
    assert all(dataset.agencies.get(a.id) == a for a in forest)
    assert dataset.checklists[checklist.key].fingerprint == checklist.fingerprint
    assert dataset.inspections == tuple(insp)
    assert dataset.complaints == tuple(comps)


# -- problems, with their locations ----------------------------------------------------------------


def test_bad_json_on_line_7(tmp_path: Path) -> None:
    """A line that is not JSON is reported at its line; the lines around it still load."""
    lines = [json.dumps(inspection(n)) for n in range(1, 10)]
    lines[6] = '{"id": "I-7", "agency_id": "O-1",, }'
    problems = problems_of(tmp_path, **{"inspections.jsonl": "\n".join(lines) + "\n"})
    assert problems == [
        "inspections.jsonl:7: (json): invalid JSON: key must be a string at column 34 "
        "[json_invalid]"
    ]


@pytest.mark.parametrize("end", ["\n", "\r\n"])
def test_an_unterminated_string_on_line_7_is_placed_on_that_line(tmp_path: Path, end: str) -> None:
    """The line end is not given to the JSON parser: an error at the end of line 7 is at line 7,
    at its last column, not at "line 2 column 0" or a control character in a string."""
    lines = [json.dumps(inspection(n)) for n in range(1, 10)]
    lines[6] = '{"id": "I-7", "agency_id": "O-1'
    problems = problems_of(tmp_path, **{"inspections.jsonl": end.join(lines) + end})
    assert problems == [
        f"inspections.jsonl:7: (json): invalid JSON: EOF while parsing a string at column "
        f"{len(lines[6])} [json_invalid]"
    ]


def test_blank_lines_are_skipped_but_counted(tmp_path: Path) -> None:
    """Blank lines in JSONL are skipped silently; line numbers still count them."""
    text = "\n" + json.dumps(inspection(1)) + "\n   \n\n" + json.dumps(inspection(2, kind="x"))
    assert problems_of(tmp_path, **{"inspections.jsonl": text}) == [
        "inspections.jsonl:5: kind: Input should be 'periodic', 'ad_hoc' or 'follow_up' "
        "(got 'x') [enum]"
    ]


def test_csv_with_a_missing_column(tmp_path: Path) -> None:
    """A CSV header without a required column is reported on line 1, once, not per row."""
    problems = problems_of(
        tmp_path, **{"stats.csv": "agency_id,period,services\nO-1,1396-Q3,1200\nO-1,1396-Q4,1300\n"}
    )
    assert problems == ["stats.csv:1: staff: missing required column"]


def test_csv_with_an_unknown_or_repeated_column(tmp_path: Path) -> None:
    """Unknown and repeated columns are named on the header line."""
    text = "agency_id,period,services,staff,staf,staff\nO-1,1396-Q3,1,2,3,4\n"
    assert problems_of(tmp_path, **{"stats.csv": text}) == [
        "stats.csv:1: staff: the column appears more than once",
        "stats.csv:1: staf: unknown column; the columns are agency_id, period, services, staff",
    ]


def test_csv_rows_with_the_wrong_number_of_cells(tmp_path: Path) -> None:
    """A row with too few or too many cells is reported at its line; the others load."""
    text = "agency_id,date,score\nO-1,1396/07/15,4\nO-1,1396/07/15\nO-1,1396/07/15,4,9\n\nO-1,1396/07/16,2\n"
    assert problems_of(tmp_path, **{"surveys.csv": text}) == [
        "surveys.csv:3: (row): 2 cells, but the header has 3 columns",
        "surveys.csv:4: (row): 4 cells, but the header has 3 columns",
    ]


def test_csv_cells_are_read_as_numbers(tmp_path: Path) -> None:
    """CSV cells become ints and floats as JSON strings would; a bad number names its cell."""
    text = "agency_id,period,services,staff\nO-1,1396-Q3, 1200 ,40\nO-1,1396-Q4,12.5,x\n"
    assert problems_of(tmp_path, **{"stats.csv": text}) == [
        "stats.csv:3: services: Input should be a valid integer, unable to parse string as an "
        "integer (got '12.5') [int_parsing]",
        # a word in a number column may be another column's cell, such as a name: not named
        "stats.csv:3: staff: Input should be a valid integer, unable to parse string as an "
        "integer [int_parsing]",
    ]


def test_a_multiline_csv_cell_keeps_line_numbers_right(tmp_path: Path) -> None:
    """A quoted cell spanning lines does not shift the line of the rows after it."""
    text = (
        "id,agency_id,received,channel,severity,status,subject\n"
        'C-1,O-1,1396/07/15,web,minor,open,"دو\nخط"\n'
        "C-2,O-1,1396/13/01,web,minor,open,\n"
    )
    [problem] = problems_of(tmp_path, **{"complaints.csv": text})
    assert problem.startswith("complaints.csv:4: received: Jalali date 1396/13/01 does not exist")
    assert problem.endswith("[date_invalid]")


def test_a_wrong_date(tmp_path: Path) -> None:
    """A date that does not exist is reported at its line and field with the date's error type."""
    text = jsonl(complaint(1), complaint(2, received="1397/12/30", closed_on=None, status="open",
                                         outcome=None))  # fmt: skip
    text = text.replace(', "outcome": null, "closed_on": null', "")
    [problem] = problems_of(tmp_path, **{"complaints.jsonl": text})
    assert problem.startswith("complaints.jsonl:2: received: ")
    assert "1397/12/30" in problem
    assert problem.endswith("[date_invalid]")


def test_an_unknown_agency(tmp_path: Path) -> None:
    """References to agencies that agencies.json lacks are reported in every file."""
    problems = problems_of(
        tmp_path,
        **{
            "inspections.jsonl": jsonl(inspection(1, agency_id="NOPE")),
            "complaints.csv": "id,agency_id,received,channel,severity,status\n"
            "C-1,O-1,1396/07/15,web,minor,open\nC-2,ZZ,1396/07/15,web,minor,open\n",
            "candidates.jsonl": jsonl(
                {
                    "person_id": "E-1",
                    "name": "نام",
                    "assignments": [
                        {"agency_id": "O-1", "start": "1390/01/01"},
                        {"agency_id": "GONE", "start": "1394/01/01"},
                    ],
                }
            ),
        },
    )
    assert problems == [
        "candidates.jsonl:1: assignments[1].agency_id: unknown agency 'GONE': not in agencies.json",
        "complaints.csv:3: agency_id: unknown agency 'ZZ': not in agencies.json",
        "inspections.jsonl:1: agency_id: unknown agency 'NOPE': not in agencies.json",
    ]


def test_an_unknown_checklist_or_version(tmp_path: Path) -> None:
    """An inspection naming a checklist version (or id) that checklists/ lacks says what it has."""
    problems = problems_of(
        tmp_path,
        **{
            "inspections.jsonl": jsonl(
                inspection(1, checklist_version="2"), inspection(2, checklist_id="other")
            )
        },
    )
    assert problems == [
        "inspections.jsonl:1: checklist_version: checklist 'demo' has no version '2' in "
        "checklists/ (it has '1')",
        "inspections.jsonl:2: checklist_id: unknown checklist 'other': not in checklists/ "
        "(it has 'demo' version '1')",
    ]


def test_inspections_without_any_checklist(tmp_path: Path) -> None:
    """Inspections whose checklists/ folder is missing are each reported."""
    problems = problems_of(
        tmp_path, **{"checklists/demo.json": None, "inspections.jsonl": jsonl(inspection(1))}
    )
    assert problems == [
        "inspections.jsonl:1: checklist_id: unknown checklist 'demo': not in checklists/ "
        "(it has none)"
    ]


def test_an_inspection_that_does_not_fit_its_checklist(tmp_path: Path) -> None:
    """Unknown items, answers off the scale and forbidden not_applicable are each a line."""
    responses = [
        {"item": "S1.1", "answer": "not_applicable"},
        {"item": "S1.2", "answer": "partial"},
        {"item": "S1.3", "answer": 7},
        {"item": "S9.9", "answer": "compliant"},
    ]
    problems = problems_of(
        tmp_path, **{"inspections.jsonl": jsonl(inspection(1, responses=responses))}
    )
    assert [p.split(": ")[:2] for p in problems] == [
        ["inspections.jsonl:1", "responses[0]"],
        ["inspections.jsonl:1", "responses[1]"],
        ["inspections.jsonl:1", "responses[2]"],
        ["inspections.jsonl:1", "responses[3]"],
    ]
    assert problems[3].endswith("item 'S9.9': the checklist has no such item")


def test_an_answer_of_neither_kind_is_one_line(tmp_path: Path) -> None:
    """A bad answer fails both members of its union: one line, one stable type, the value named."""
    responses = [{"item": "S1.1", "answer": "yes"}, {"item": "S1.2", "answer": -1}]
    assert problems_of(
        tmp_path, **{"inspections.jsonl": jsonl(inspection(1, responses=responses))}
    ) == [
        "inspections.jsonl:1: responses[0].answer: Expected an answer: 'compliant', 'partial', "
        "'non_compliant', 'not_applicable' or an integer level from 0 (got 'yes') [answer_invalid]",
        "inspections.jsonl:1: responses[1].answer: Expected an answer: 'compliant', 'partial', "
        "'non_compliant', 'not_applicable' or an integer level from 0 (got -1) [answer_invalid]",
    ]


def test_duplicate_ids_in_a_file(tmp_path: Path) -> None:
    """A second record with the same id (or key) is reported with the line of the first."""
    problems = problems_of(
        tmp_path,
        **{
            "inspections.jsonl": jsonl(inspection(1), inspection(2), inspection(1)),
            "stats.csv": "agency_id,period,services,staff\nO-1,1396-Q3,1,1\nO-1,1396-Q3,2,2\n",
        },
    )
    assert problems == [
        "inspections.jsonl:3: id: duplicate inspection 'I-1' (first on line 1)",
        "stats.csv:3: agency_id,period: duplicate stats row agency_id 'O-1', period '1396-Q3' "
        "(first on line 2)",
    ]


def test_a_duplicate_of_a_record_that_failed_is_reported(tmp_path: Path) -> None:
    """When the first record with a key fails validation, a later one with the same key (valid or
    not) is still reported as a duplicate of it, in the same pass; keys are compared trimmed."""
    problems = problems_of(
        tmp_path,
        **{
            "inspections.jsonl": jsonl(
                inspection(1, kind="x"),
                inspection(2),
                inspection(1),
                {**inspection(2), "id": " I-2 "},
            ),
        },
    )
    assert problems == [
        "inspections.jsonl:1: kind: Input should be 'periodic', 'ad_hoc' or 'follow_up' "
        "(got 'x') [enum]",
        "inspections.jsonl:3: id: duplicate inspection 'I-1' (first on line 1)",
        "inspections.jsonl:4: id: duplicate inspection 'I-2' (first on line 2)",
    ]


def test_duplicate_checklists_across_files(tmp_path: Path) -> None:
    """Two checklist files with the same id and version: the second is named with the first."""
    problems = problems_of(
        tmp_path, **{"checklists__zz.json": json.dumps(CHECKLIST, ensure_ascii=False)}
    )
    assert problems == [
        "checklists/zz.json:1: id,version: duplicate checklist id 'demo', version '1' "
        "(first on checklists/demo.json:1)"
    ]


def test_json_array_records_are_located_at_their_first_line(tmp_path: Path) -> None:
    """In agencies.json the line of a problem is the line where its record starts."""
    agencies = [*AGENCIES, {"id": "O-2", "name": "", "kind": "office"}]
    problems = problems_of(tmp_path, **{"agencies.json": json.dumps(agencies, indent=2)})
    first_line = 2 + 3 * 6  # after '[', three agencies of six lines each
    assert problems == [
        f"agencies.json:{first_line}: name: String should have at least 1 character "
        "[string_too_short]",
        f"agencies.json:{first_line}: kind: Input should be 'ministry', 'national_organization', "
        "'provincial_governorate', 'county_governorate', 'provincial_office', 'county_office' or "
        "'other' (got 'office') [enum]",
    ]


def test_bad_json_in_a_json_array(tmp_path: Path) -> None:
    """A syntax error in a JSON array is reported at its line; references into it are skipped."""
    text = '[\n {"id": "GOV", "name": "x", "kind": "other"},\n {"id": "O-1" "name": 1}\n]'
    problems = problems_of(
        tmp_path, **{"agencies.json": text, "inspections.jsonl": jsonl(inspection(1))}
    )
    assert problems == [
        "agencies.json:3: (json): invalid JSON: expected `,` or `}` at column 15 [json_invalid]",
    ]


def test_a_bad_checklist_file_hides_no_inspection_problem_behind_it(tmp_path: Path) -> None:
    """A checklist file that is not JSON, or not a valid checklist, is reported once; the
    inspections naming it are not reported again as naming an unknown checklist."""
    broken = json.dumps(CHECKLIST, indent=2).replace('"title": "\\u0646', '"title" "\\u0646', 1)
    assert problems_of(
        tmp_path, **{"checklists__demo.json": broken, "inspections.jsonl": jsonl(inspection(1))}
    ) == ["checklists/demo.json:4: (json): invalid JSON: expected `:` at column 11 [json_invalid]"]
    invalid = json.dumps({**CHECKLIST, "title": ""})
    assert problems_of(
        tmp_path, **{"checklists__demo.json": invalid, "inspections.jsonl": jsonl(inspection(1))}
    ) == [
        "checklists/demo.json:1: title: String should have at least 1 character [string_too_short]"
    ]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ('agency_id,"da"te,score\n', 'surveys.csv:1: (csv): malformed CSV: \',\' expected after \'"\''),
        ('agency_id,date,score\nO-1,"1396/07/15"x,4\n',
         'surveys.csv:2: (csv): malformed CSV: \',\' expected after \'"\''),
    ],
)  # fmt: skip
def test_malformed_csv_quoting(tmp_path: Path, text: str, expected: str) -> None:
    """Broken quoting in a CSV file is reported at the line where it is found."""
    assert problems_of(tmp_path, **{"surveys.csv": text}) == [expected]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("", "agencies.json:1: (json): expected a JSON array of records: [{...}, {...}] "
         "[json_not_array]"),
        ('{"id": "A"}', "agencies.json:1: (json): expected a JSON array of records: [{...}, {...}] "
         "[json_not_array]"),
        ("[]  x", "agencies.json:1: (json): invalid JSON: trailing characters at column 5 "
         "[json_invalid]"),
        ('[{"id": "A", "name": "n", "kind": "other"} {}]',
         "agencies.json:1: (json): invalid JSON: expected `,` or `]` at column 44 [json_invalid]"),
        ("[\n1]", "agencies.json:2: (record): Input should be a valid dictionary or instance of "
         "Agency (got 1) [model_type]"),
    ],
)  # fmt: skip
def test_json_array_shapes(tmp_path: Path, text: str, expected: str) -> None:
    """An empty file, an object instead of an array, trailing data and a non-object are named."""
    assert problems_of(tmp_path, **{"agencies.json": text}) == [expected]


def test_agencies_registry_problems_become_lines(tmp_path: Path) -> None:
    """Duplicate ids, unknown parents and cycles in agencies.json are each located."""
    agencies = [
        {"id": "A", "name": "الف", "kind": "other", "parent_id": "B"},
        {"id": "B", "name": "ب", "kind": "other", "parent_id": "A"},
        {"id": "C", "name": "ج", "kind": "other", "parent_id": "NOPE"},
        {"id": "C", "name": "ج", "kind": "other"},
    ]
    text = "[\n" + ",\n".join(json.dumps(a, ensure_ascii=False) for a in agencies) + "\n]\n"
    problems = problems_of(tmp_path, **{"agencies.json": text})
    assert problems[0] == "agencies.json:2: parent_id: " + (
        "The agencies are not a valid registry (1 problem(s)): cycle 'A' -> 'B' -> 'A'. Each id "
        "must be unique, each parent_id must be a registered agency, and no agency may be its own "
        "ancestor."
    )
    assert problems[1:] == [
        "agencies.json:4: parent_id: unknown agency 'NOPE': not in agencies.json",
        "agencies.json:5: id: duplicate agency 'C' (first on line 4)",
    ]


def test_several_problems_across_files_are_all_reported(tmp_path: Path) -> None:
    """Every problem of every file comes back at once, sorted by file and line."""
    folder = make(
        tmp_path,
        {
            "inspections.jsonl": jsonl(inspection(1), inspection(2, date="1396/07/32"))
            + "{oops\n"
            + jsonl(inspection(4, agency_id="X")),
            "complaints.jsonl": jsonl(complaint(1, agency_id="Y"), complaint(2, status="open")),
            "stats.csv": "agency_id,period,services\nO-1,1396-Q5,1\n",
            "surveys.csv": "agency_id,date,score\nO-1,1396/07/15,6\n",
        },
    )
    with pytest.raises(DatasetError) as caught:
        Dataset.load(folder)
    problems = list(caught.value.problems)
    assert problems == Dataset.validate(folder)
    assert [p.split(": ")[0] + ": " + p.split(": ")[1] for p in problems] == [
        "complaints.jsonl:1: agency_id",
        "complaints.jsonl:2: (record)",
        "inspections.jsonl:2: date",
        "inspections.jsonl:3: (json)",
        "inspections.jsonl:4: agency_id",
        "stats.csv:1: staff",
        "surveys.csv:2: score",
    ]
    assert problems[1].endswith("[complaint_open_with_outcome]")
    assert str(caught.value).startswith(f"7 problem(s) in {folder}:")
    assert isinstance(caught.value, ValueError)


# -- working groups, meetings, programmes ----------------------------------------------------------

GROUPS = [
    {"id": "WG-N", "name": "کارگروه ملی", "scope": "national", "meetings_per_year": 4,
     "members": [{"name": "نماینده سازمان", "affiliation": "areo"},
                 {"name": "دستیار ویژه", "affiliation": "presidency"}]},
    {"id": "WG-O", "name": "کارگروه اداره کل ثبت", "scope": "agency", "agency_id": "O-1",
     "members": [{"name": "مدیر منابع انسانی", "affiliation": "agency"}]},
]  # fmt: skip
PROGRAMMES = [
    {"id": "P-9", "title": "برنامه صیانت از حقوق شهروندی",
     "items": [{"number": n, "title": f"بند {n}"} for n in range(1, 10)]},
]  # fmt: skip


def meeting(n: int = 1, *resolutions: dict[str, Any], **changes: Any) -> dict[str, Any]:
    record: dict[str, Any] = {
        "id": f"M-{n}", "group_id": "WG-O", "date": "1396/07/10", "resolutions": list(resolutions),
    }  # fmt: skip
    record.update(changes)
    return record


def resolution(rid: str, **changes: Any) -> dict[str, Any]:
    record: dict[str, Any] = {"id": rid, "text": "اقدام", "owner": "روابط عمومی", "status": "open"}
    record.update(changes)
    return record


def group_files(*meetings: dict[str, Any]) -> dict[str, str]:
    return {
        "working_groups.json": json.dumps(GROUPS, ensure_ascii=False, indent=2),
        "programmes.json": json.dumps(PROGRAMMES, ensure_ascii=False, indent=2),
        "meetings.jsonl": jsonl(*meetings),
    }


def test_working_groups_meetings_and_programmes_load(tmp_path: Path) -> None:
    """working_groups.json, meetings.jsonl and programmes.json load into typed tuples."""
    files = group_files(
        meeting(1, resolution("R-1", programme_item={"programme_id": "P-9", "number": 9})),
        meeting(2, resolution("R-1"), group_id="WG-N", date="1396/08/01"),  # another group's R-1
    )
    dataset = Dataset.load(make(tmp_path, files))
    assert [g.id for g in dataset.working_groups] == ["WG-N", "WG-O"]
    assert [m.id for m in dataset.meetings] == ["M-1", "M-2"]
    assert dataset.meetings[0].resolutions[0].programme_item is not None
    assert [len(p.items) for p in dataset.programmes] == [9]
    assert "meetings=2" in repr(dataset)


def test_a_meeting_of_an_unknown_group_or_a_group_of_an_unknown_agency(tmp_path: Path) -> None:
    """A meeting's group_id and an agency group's agency_id must name existing records."""
    files = group_files(meeting(1), meeting(2, group_id="WG-X"))
    files["working_groups.json"] = json.dumps(
        [GROUPS[0], {**GROUPS[1], "agency_id": "Q"}], ensure_ascii=False, indent=1
    )
    assert problems_of(tmp_path, **files) == [
        "meetings.jsonl:2: group_id: unknown working group 'WG-X': not in working_groups.json",
        "working_groups.json:18: agency_id: unknown agency 'Q': not in agencies.json",
    ]


def test_bad_programme_references(tmp_path: Path) -> None:
    """A resolution naming an unknown programme, or an item the programme lacks, is located."""
    ref = {"programme_id": "P-9", "number": 10}
    files = group_files(
        meeting(1, resolution("R-1"), resolution("R-2", programme_item=ref)),
        meeting(2, resolution("R-3", programme_item={"programme_id": "P-1", "number": 1})),
    )
    assert problems_of(tmp_path, **files) == [
        "meetings.jsonl:1: resolutions[1].programme_item.number: resolution 'R-2': programme "
        "'P-9' has no item 10 (its items are 1..9)",
        "meetings.jsonl:2: resolutions[0].programme_item.programme_id: unknown programme 'P-1': "
        "not in programmes.json",
    ]


def test_a_done_resolution_without_done_on(tmp_path: Path) -> None:
    """A resolution marked done without the day it was done is reported at its meeting's line."""
    files = group_files(meeting(1), meeting(2, resolution("R-1"), resolution("R-2", status="done")))
    [problem] = problems_of(tmp_path, **files)
    assert problem.startswith("meetings.jsonl:2: resolutions[1]: ")
    assert problem.endswith("[resolution_done_without_date]")


def test_a_resolution_id_used_twice_in_a_group(tmp_path: Path) -> None:
    """Resolution ids are unique across a group's meetings; the later use is reported."""
    files = group_files(
        meeting(1, resolution("R-1")), meeting(2, resolution("R-2"), resolution("R-1"))
    )
    assert problems_of(tmp_path, **files) == [
        "meetings.jsonl:2: resolutions[1].id: resolution id 'R-1' is already used by meeting "
        "'M-1' of working group 'WG-O'; resolution ids must be unique within a working group"
    ]


# -- files and folders -----------------------------------------------------------------------------


def test_a_missing_folder_or_a_file_instead(tmp_path: Path) -> None:
    """A folder that does not exist, or a file given as the folder, is one problem."""
    missing = tmp_path / "nope"
    assert Dataset.validate(missing) == [
        f"{missing}: (folder): no such folder; expected a folder holding agencies.json"
    ]
    file = tmp_path / "file.json"
    file.write_text("[]")
    assert Dataset.validate(file) == [f"{file}: (folder): not a folder"]
    with pytest.raises(DatasetError, match="no such folder"):
        Dataset.load(missing)


def test_an_empty_folder_lacks_agencies_json(tmp_path: Path) -> None:
    """An empty folder is reported as missing its one required file."""
    assert Dataset.validate(tmp_path) == [
        "agencies.json: (file): missing; every dataset needs agencies.json"
    ]


def test_without_agencies_references_are_not_checked(tmp_path: Path) -> None:
    """With agencies.json missing, its absence is the problem, not every agency reference."""
    problems = problems_of(
        tmp_path,
        **{"agencies.json": None, "inspections.jsonl": jsonl(inspection(1, agency_id="Q"))},
    )
    assert problems == ["agencies.json: (file): missing; every dataset needs agencies.json"]


def test_both_forms_of_a_file(tmp_path: Path) -> None:
    """complaints.jsonl and complaints.csv together are ambiguous: one problem, neither read."""
    problems = problems_of(
        tmp_path,
        **{"complaints.jsonl": jsonl(complaint(1)), "complaints.csv": "id\n"},
    )
    assert problems == [
        "complaints.jsonl: (file): both complaints.jsonl and complaints.csv are present; keep one"
    ]


def test_checklists_must_be_a_folder(tmp_path: Path) -> None:
    """A file named checklists is reported; JSON files are read from the folder only."""
    problems = problems_of(tmp_path, **{"checklists__demo.json": None, "checklists": "x"})
    assert problems == ["checklists: (folder): expected a folder of JSON files"]


@pytest.mark.parametrize(
    ("name", "content", "expected"),
    [
        ("inspections.jsonl", b"\n" + json.dumps(inspection(1)).encode() + b'\n{"id": "caf\xe9"}\n',
         "inspections.jsonl:3: (file): not UTF-8 text: byte 0xe9 at column 12; "
         "save the file as UTF-8"),
        ("surveys.csv", b"agency_id,date,score\nO-1,1396/07/15,4\n\xff,1,1\n",
         "surveys.csv:3: (file): not UTF-8 text: byte 0xff at column 1; save the file as UTF-8"),
        ("ngos.json", b"[\n\n  {\"name\": \"\xd8\"}]",
         "ngos.json:3: (file): not UTF-8 text: byte 0xd8 at column 13; save the file as UTF-8"),
    ],
)  # fmt: skip
def test_files_that_are_not_utf8(tmp_path: Path, name: str, content: bytes, expected: str) -> None:
    """Bytes that are not UTF-8 are reported with their line and column."""
    problems = problems_of(tmp_path, **{name: content})
    assert expected in problems
    assert problems[0] == expected


def test_a_file_that_cannot_be_read(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """A file the system refuses to read is a problem of that file, not a crash."""
    folder = make(tmp_path, {"ngos.json": "[]"})
    real = _readers.open_regular

    def refuse(path: Path) -> BinaryIO:
        if path.name == "ngos.json":
            raise PermissionError(13, "Permission denied")
        return real(path)

    monkeypatch.setattr(_readers, "open_regular", refuse)
    assert Dataset.validate(folder) == ["ngos.json: (file): cannot be read: Permission denied"]


def test_a_byte_order_mark_is_accepted(tmp_path: Path) -> None:
    """Files saved with a UTF-8 byte-order mark (as some spreadsheets do) load."""
    bom = "\ufeff"
    folder = make(
        tmp_path,
        {
            "agencies.json": bom + json.dumps(AGENCIES),
            "surveys.csv": bom + "agency_id,date,score\nO-1,1396/07/15,4\n",
            "inspections.jsonl": bom + jsonl(inspection(1)),
        },
    )
    dataset = Dataset.load(folder)
    assert len(dataset.surveys) == len(dataset.inspections) == 1


def test_an_empty_csv_file(tmp_path: Path) -> None:
    """A CSV file with no header row is named as such."""
    assert problems_of(tmp_path, **{"stats.csv": ""}) == [
        "stats.csv: (file): empty CSV file; expected a header row"
    ]


# -- personal data ---------------------------------------------------------------------------------


def test_personal_data_is_never_echoed(tmp_path: Path) -> None:
    """Person ids, names and free text never appear whole in problems; keys are masked."""
    person = "0499370899"
    full_name = "نام محرمانه"
    long_id = "9" * 201
    problems = problems_of(
        tmp_path,
        **{
            "trainings.csv": "person_id,agency_id,course,audience,hours,date\n"
            f"{long_id},O-1,منشور,employee,4,1396/08/01\n"
            f"{person},O-1,منشور,nobody,4,1396/08/01\n",
            "candidates.jsonl": jsonl(
                {"person_id": person, "name": full_name},
                {"person_id": person, "name": full_name},
                {"person_id": person, "name": 5},
            ),
            "inspections.jsonl": jsonl(
                inspection(1, team=[{"name": full_name, "affiliation": "nobody"}])
            ),
        },
    )
    text = "\n".join(problems)
    assert person not in text
    assert long_id[:20] not in text
    assert full_name not in text
    assert "duplicate candidate '*******899' (first on line 1)" in text
    assert "candidates.jsonl:3: name: Input should be a valid string [string_type]" in problems


def test_numbers_are_named_but_text_of_records_is_not(tmp_path: Path) -> None:
    """A bad number is named; text is not repeated, since every record hides its input."""
    problems = problems_of(
        tmp_path,
        **{"surveys.jsonl": jsonl({"agency_id": "O-1", "date": "1396/07/15", "score": 9},
                                  {"agency_id": "O-1", "date": "1396/07/15", "score": "high"})},
    )  # fmt: skip
    assert problems == [
        "surveys.jsonl:1: score: Input should be less than or equal to 5 (got 9) [less_than_equal]",
        "surveys.jsonl:2: score: Input should be a valid integer, unable to parse string as an "
        "integer [int_parsing]",
    ]


def test_bad_values_of_fields_that_are_not_personal_are_named(tmp_path: Path) -> None:
    """Records hide their input, but a bad enum, period, date or record id is named (once, not
    again when the message names it), a number only without letters; names and free text never."""
    problems = problems_of(
        tmp_path,
        **{
            "complaints.jsonl": jsonl(complaint(1, channel="fax", severity="serious")),
            "trainings.jsonl": jsonl(
                {"person_id": "E-1", "agency_id": "O-1", "course": "منشور", "audience": "public",
                 "hours": "4.5h", "date": "1396/13/01"}
            ),
            "stats.csv": "agency_id,period,services,staff\nO-1,1396-Q5,-3,1\n",
            "inspections.jsonl": jsonl(
                inspection(
                    1,
                    kind="visit",
                    team=[{"name": "مریم احمدی", "affiliation": "police"}],
                    responses=[{"item": "S1.1", "answer": "yes"}],
                    findings=[{"severity": "grave", "description": 123456}],
                )
            ),
            "checklists__other.json": json.dumps(
                {**CHECKLIST, "id": "other", "sections": [
                    {"code": "S", "title": "ب", "items": [{"code": "S.1", "text": "پ", "scale": "five"}]}
                ]}
            ),
        },
    )  # fmt: skip
    text = "\n".join(problems)
    for shown in ("'fax'", "'serious'", "'public'", "'visit'", "'police'", "'yes'", "'grave'"):
        assert f"(got {shown})" in text, shown
    assert "checklists/other.json:1: sections[0].items[0].scale: Expected a scale: " in text
    assert "(got 'five') [scale_invalid]" in text
    assert "(parsing '1396/13/01')" in text  # named by the message itself: not again
    assert "(got '1396/13/01')" not in text
    assert "got '1396-Q5'" in text
    assert "(got '1396-Q5')" not in text
    assert "stats.csv:2: services: Input should be greater than or equal to 0 (got '-3')" in text
    assert "'4.5h'" not in text  # letters in a number field: may be another column's cell
    assert "مریم احمدی" not in text
    assert "123456" not in text


class Visit(BaseModel):
    """A user's own model that does not hide its input in errors."""

    kind: int
    person_id: int
    name: int


def test_models_that_show_their_input_get_safe_values_named(tmp_path: Path) -> None:
    """For a model that shows its input, short text is named, person ids masked, names never."""
    path = tmp_path / "visits.jsonl"
    path.write_text(jsonl({"kind": "x", "person_id": "0499-370899", "name": "مریم احمدی"}))
    with pytest.raises(DatasetError) as caught:
        list(iter_records(path, Visit))
    assert caught.value.problems == (
        f"{path}:1: kind: Input should be a valid integer, unable to parse string as an integer "
        "(got 'x') [int_parsing]",
        f"{path}:1: person_id: Input should be a valid integer, unable to parse string as an "
        "integer (got '********899') [int_parsing]",
        f"{path}:1: name: Input should be a valid integer, unable to parse string as an integer "
        "[int_parsing]",
    )


# -- streaming -------------------------------------------------------------------------------------


def test_iter_inspections_streams_and_stops_at_the_first_bad_line(tmp_path: Path) -> None:
    """Good lines are yielded in order; the first bad one raises with its location."""
    path = tmp_path / "inspections.jsonl"
    path.write_text(jsonl(inspection(1), inspection(2)) + "\n" + jsonl(inspection(3, kind="x")))
    stream = iter_inspections(path)
    assert [next(stream).id, next(stream).id] == ["I-1", "I-2"]
    with pytest.raises(DatasetError) as caught:
        next(stream)
    assert caught.value.problems == (
        f"{path}:4: kind: Input should be 'periodic', 'ad_hoc' or 'follow_up' (got 'x') [enum]",
    )


def test_iter_records_can_collect_problems_and_go_on(tmp_path: Path) -> None:
    """With on_error, bad lines are reported and skipped; the rest are still yielded."""
    path = tmp_path / "surveys.jsonl"
    path.write_bytes(
        b'{"agency_id": "A", "date": "1396/07/15", "score": 4}\n'
        b"not json\n"
        b'{"agency_id": "A", "date": "1396/07/15", "score": "\xff"}\n'
        b'{"agency_id": "A", "date": "1396/07/16", "score": 5}\n'
    )
    problems: list[str] = []
    scores = [s.score for s in iter_records(path, SurveyResponse, on_error=problems.append)]
    assert scores == [4, 5]
    assert problems == [
        f"{path}:2: (json): invalid JSON: expected ident at column 2 [json_invalid]",
        f"{path}:3: (file): not UTF-8 text: byte 0xff at column 52; save the file as UTF-8",
    ]


@given(layout=st.lists(st.sampled_from(["good", "blank", "bad"]), max_size=30))
def test_streamed_problems_name_exactly_the_bad_lines(layout: list[str]) -> None:
    """Whatever mix of good, blank and bad lines, the problems name exactly the bad lines."""
    lines = {
        "good": '{"agency_id": "A", "date": "1396/07/15", "score": 3}',
        "blank": "  ",
        "bad": '{"agency_id": "A", "date": "1396/07/15", "score": 0}',
    }
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp, "s.jsonl")
        path.write_text("\n".join(lines[kind] for kind in layout) + "\n")
        problems: list[str] = []
        records = list(iter_records(path, SurveyResponse, on_error=problems.append))
    assert len(records) == layout.count("good")
    bad_lines = [n for n, kind in enumerate(layout, 1) if kind == "bad"]
    assert [int(p.split(":")[1]) for p in problems] == bad_lines


STREAM_SCRIPT = textwrap.dedent(
    """
    import resource, sys
    from citizenrights import iter_inspections
    from citizenrights.models import Inspection
    line = open(sys.argv[1], "rb").readline()
    Inspection.model_validate_json(line)  # warm up: every import and schema is built
    before = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    count = 0
    if sys.argv[2] == "stream":
        for _ in iter_inspections(sys.argv[1]):
            count += 1
    after = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    print(count, before, after)
    """
)


@pytest.mark.slow
@pytest.mark.skipif(sys.platform == "win32", reason="uses resource.getrusage")
def test_a_300_mb_jsonl_streams_in_flat_memory(tmp_path: Path) -> None:
    """Streaming ~300 MB of inspections raises the peak memory by far less than the file size."""
    record = inspection(1)
    record["responses"] = [
        {"item": f"S{s}.{i}", "answer": "partial", "note": "یادداشت بازرس درباره این بند"}
        for s in range(1, 13)
        for i in range(1, 5)
    ]
    line = (json.dumps(record, ensure_ascii=False) + "\n").encode("utf-8")
    path = tmp_path / "big.jsonl"
    target = 300 * 1024 * 1024
    block = line * 1000
    with path.open("wb") as handle:
        for _ in range(target // len(block) + 1):
            handle.write(block)
    size = path.stat().st_size
    lines = (target // len(block) + 1) * 1000
    env = {**os.environ, "PYTHONPATH": os.pathsep.join(sys.path)}
    out = subprocess.run(
        [sys.executable, "-c", STREAM_SCRIPT, str(path), "stream"],
        capture_output=True, text=True, check=True, env=env,
    ).stdout.split()  # fmt: skip
    count, before, after = (int(v) for v in out)
    scale = 1 if sys.platform == "darwin" else 1024  # ru_maxrss: bytes on macOS, KiB on Linux
    grown = (after - before) * scale
    assert count == lines
    assert size > 300_000_000
    assert grown < 50 * 1024 * 1024, f"peak memory grew by {grown / 2**20:.1f} MiB"


def test_iter_records_types() -> None:
    """iter_records is generic over the model: it yields instances of the model given."""
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp, "stats.jsonl")
        path.write_text('{"agency_id": "A", "period": "1396-Q1", "services": 1, "staff": 2}\n')
        [row] = list(iter_records(path, AgencyStats))
    assert isinstance(row, AgencyStats)
    assert not isinstance(row, Inspection)
