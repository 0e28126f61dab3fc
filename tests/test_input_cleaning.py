"""The one input-cleaning step of the records (issue 10, rows 4, 5, 13 and 19).

Every field where text becomes a value (ids, codes, enums, numbers, names) reads text copied from
Persian documents and Excel sheets the same as text typed in Latin digits: direction marks,
Persian and Arabic-Indic digits and the Arabic decimal and thousands separators are cleaned, and
the field's own errors stay pydantic's. The tables over every field are built by introspecting the
models, so that a new field is covered without touching this file.
"""

from __future__ import annotations

import enum
import json
import math
import types
import typing
from collections.abc import Iterator
from typing import Annotated, Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from pydantic import BaseModel, ValidationError

from citizenrights import (
    NGO,
    RECORD_MODELS,
    Agency,
    AgencyStats,
    CandidateRecord,
    Checklist,
    Complaint,
    Inspection,
    Meeting,
    NGOReport,
    PeerGroup,
    Post,
    Programme,
    Province,
    Publication,
    SurveyResponse,
    TrainingProgramme,
    TrainingRecord,
    WorkingGroup,
    redact_errors,
    score_inspection,
)
from citizenrights.models._base import MAX_HOURS, MAX_WEIGHT, Cleaning, ValueEnum
from citizenrights.text import to_persian_digits

from .strategies import national_ids

RLM, LRM, ALM = "\u200f", "\u200e", "\u061c"
PERSON = "0499370899"

# A valid record of each top-level model, with every optional numeric field set, so that the
# tables below reach every numeric field.
CHECKLIST = {
    "id": "demo",
    "version": "1",
    "title": "نمونه",
    "sections": [
        {
            "code": "S1",
            "title": "کرامت",
            "weight": 2.5,
            "items": [
                {"code": "S1.1", "text": "رفتار محترمانه", "weight": 1.5, "critical": True},
                {"code": "S1.2", "text": "سطح آموزش", "scale": 5},
            ],
        }
    ],
}
INSPECTION = {
    "id": "I-1",
    "agency_id": "A-1",
    "checklist_id": "demo",
    "checklist_version": "1",
    "kind": "periodic",
    "date": "1396/07/15",
    "team": [
        {"name": "مریم احمدی", "affiliation": "areo"},
        {"name": "علی رضایی", "affiliation": "moi", "role": "lead"},
    ],
    "responses": [{"item": "S1.1", "answer": "compliant"}, {"item": "S1.2", "answer": 3}],
    "findings": [
        {"item": "S1.1", "severity": "minor", "description": "تابلو", "due": "1396/08/15"}
    ],
}
COMPLAINT = {
    "id": "C-1",
    "agency_id": "A-1",
    "received": "1396/07/15",
    "channel": "web",
    "severity": "major",
    "status": "closed",
    "outcome": "upheld",
    "closed_on": "1396/07/25",
    "article": 12,
    "respondent_id": PERSON,
}
TRAINING = {
    "person_id": PERSON,
    "agency_id": "A-1",
    "course": "آشنایی با حقوق شهروندی",
    "audience": "employee",
    "hours": 12.5,
    "date": "1396/09/01",
}
SAMPLES: dict[type[BaseModel], dict[str, Any]] = {
    Agency: {
        "id": "A-1",
        "name": "اداره کل ثبت",
        "kind": "provincial_office",
        "province": "IR-30",
        "staff": 118,
        "legal_id": "10380284790",
    },
    Checklist: CHECKLIST,
    Inspection: INSPECTION,
    Complaint: COMPLAINT,
    TrainingRecord: TRAINING,
    SurveyResponse: {"agency_id": "A-1", "date": "1396/07/15", "score": 4},
    AgencyStats: {"agency_id": "A-1", "period": "1396-Q3", "services": 5200, "staff": 118},
    NGO: {
        "id": "N-1",
        "name": "انجمن حامیان",
        "registration_no": "1234",
        "fields": ["آموزش"],
        "registered": "1395/01/20",
        "active": True,
    },
    CandidateRecord: {
        "person_id": PERSON,
        "name": "مریم احمدی",
        "assignments": [
            {
                "agency_id": "A-1",
                "start": "1394/01/01",
                "post": {"title": "معاون", "kind": "managerial", "level": "middle"},
            }
        ],
        "complaints": [COMPLAINT],
        "trainings": [TRAINING],
        "commendations": [{"date": "1395/05/01", "title": "تقدیر"}],
        "contributions": [
            {"kind": "ngo_cooperation", "date": "1396/02/01", "title": "همکاری", "ref": "N-1"}
        ],
    },
    WorkingGroup: {
        "id": "WG-1",
        "name": "کارگروه حقوق شهروندی",
        "scope": "province",
        "province": "Alborz",
        "members": [{"name": "مریم احمدی", "affiliation": "areo"}],
        "meetings_per_year": 4,
    },
    Meeting: {
        "id": "M-1",
        "group_id": "WG-1",
        "date": "1396/07/10",
        "resolutions": [
            {
                "id": "R-1",
                "text": "انتشار منشور",
                "owner": "روابط عمومی",
                "status": "open",
                "programme_item": {"programme_id": "P-9", "number": 1},
            }
        ],
    },
    Programme: {"id": "P-9", "title": "برنامه", "items": [{"number": 1, "title": "منشور"}]},
    NGOReport: {
        "id": "NR-1",
        "ngo_id": "N-1",
        "date": "1397/02/10",
        "agency_id": "A-1",
        "observations": "تابلوی راهنما نصب نشده است.",
        "inspection_id": "I-1",
    },
    Publication: {
        "id": "PB-1",
        "agency_id": "A-1",
        "kind": "charter",
        "date": "1396/07/01",
        "title": "منشور حقوق شهروندی",
        "where": "وب‌سایت",
        "url": "https://example.org/charter",
    },
    TrainingProgramme: {
        "code": "circular-1091808",
        "title": "آموزش حقوق شهروندی",
        "title_en": "Citizens' rights training",
        "circular": "بخشنامه ۱۰۹۱۸۰۸",
        "issued": "1395/12/22",
        "courses": [
            {"code": "C-1", "title": "منشور حقوق شهروندی", "min_hours": 4.5},
            {"code": "C-2", "title": "حقوق شهروندی در نظام اداری"},
        ],
        "audiences": ["manager", "employee"],
        "deadline": "1397/12/29",
        "reporting": "quarter",
    },
}
SAMPLES[Post] = {"title": "معاون", "kind": "managerial", "level": "middle"}
SAMPLES[PeerGroup] = {"code": "economic", "name": "دستگاه‌های اقتصادی", "name_en": "Economic"}
#: The records a dataset reads from CSV (``model_validate_strings``), with flat samples.
CSV_MODELS = (Complaint, TrainingRecord, SurveyResponse, AgencyStats)


def _args(annotation: Any) -> tuple[Any, ...]:
    """The members of a union, the target of ``Annotated``, the item type of a tuple."""
    origin = typing.get_origin(annotation)
    if origin is Annotated:
        return (typing.get_args(annotation)[0],)
    if origin in (typing.Union, types.UnionType, tuple, list):
        return tuple(a for a in typing.get_args(annotation) if a is not Ellipsis)
    return ()


def _leaf_types(annotation: Any) -> Iterator[Any]:
    yield annotation
    for arg in _args(annotation):
        yield from _leaf_types(arg)


def _is_cleaned(annotation: Any, metadata: list[Any]) -> bool:
    """Whether a field's type carries a `Cleaning` annotation, at the top or inside a union."""
    found = list(metadata)
    for t in _leaf_types(annotation):
        if typing.get_origin(t) is Annotated:
            found.extend(t.__metadata__)
    return any(isinstance(m, Cleaning) for m in found)


def _is_number(annotation: Any) -> bool:
    return any(t in (int, float) for t in _leaf_types(annotation))


def _nested_models(model: type[BaseModel]) -> Iterator[type[BaseModel]]:
    for field in model.model_fields.values():
        for t in _leaf_types(field.annotation):
            if isinstance(t, type) and issubclass(t, BaseModel):
                yield t
                yield from _nested_models(t)


def _numeric_fields() -> list[tuple[type[BaseModel], str]]:
    return [
        (model, name)
        for model in SAMPLES
        for name, field in model.model_fields.items()
        if _is_number(field.annotation)
    ]


def _sample_paths(
    model: type[BaseModel], data: Any, path: tuple[str | int, ...] = ()
) -> Iterator[tuple[type[BaseModel], tuple[str | int, ...]]]:
    """Every (model, path) of a numeric value in a sample, nested records included."""
    for name, field in model.model_fields.items():
        if name not in data:
            continue
        value = data[name]
        if _is_number(field.annotation) and isinstance(value, int | float):
            yield model, (*path, name)
        for t in _leaf_types(field.annotation):
            if isinstance(t, type) and issubclass(t, BaseModel):
                if isinstance(value, dict):
                    yield from _sample_paths(t, value, (*path, name))
                elif isinstance(value, list):
                    for n, item in enumerate(value):
                        yield from _sample_paths(t, item, (*path, name, n))


NUMERIC_PATHS = sorted(
    {(root, path) for root, data in SAMPLES.items() for _, path in _sample_paths(root, data)},
    key=lambda rp: (rp[0].__name__, [str(p) for p in rp[1]]),
)


def _set(data: Any, path: tuple[str | int, ...], value: Any) -> Any:
    copied = json.loads(json.dumps(data))
    target = copied
    for part in path[:-1]:
        target = target[part]
    target[path[-1]] = value
    return copied


def _get(data: Any, path: tuple[str | int, ...]) -> Any:
    for part in path:
        data = data[part] if isinstance(data, dict | list | tuple) else getattr(data, str(part))
    return data


def _persian(number: int | float) -> str:
    """A number as Excel writes it in a Persian locale: Persian digits, ٫ for the decimal point."""
    text = str(number) if isinstance(number, int) else f"{number:g}"
    return to_persian_digits(text).replace(".", "\u066b")


# -- coverage of the tables ------------------------------------------------------------------


def test_every_record_model_has_a_sample() -> None:
    """The tables run over a sample of every record model of `RECORD_MODELS`."""
    assert set(SAMPLES) == set(RECORD_MODELS)
    for model, data in SAMPLES.items():
        model.model_validate(data)


def test_every_numeric_field_of_every_record_is_in_the_table() -> None:
    """Each int or float field of each record model, nested ones included, has a value in the
    samples, so the number tables below reach it; a new numeric field fails here until it does."""
    models = {*SAMPLES, *(n for m in SAMPLES for n in _nested_models(m))}
    wanted = {
        (model.__name__, name)
        for model in models
        for name, field in model.model_fields.items()
        if _is_number(field.annotation)
    }
    reached = {
        (model.__name__, path[-1])
        for root, data in SAMPLES.items()
        for model, path in _sample_paths(root, data)
    }
    assert wanted - reached == set()
    assert ("AgencyStats", "services") in wanted
    assert ("ChecklistItem", "weight") in wanted


def test_every_enum_of_the_records_is_cleaned() -> None:
    """Every enum a record field takes derives from the cleaning base, so a new one cannot be
    added without the cleaning step (`Province` has its own parser, which cleans first)."""
    models = {*SAMPLES, *(n for m in SAMPLES for n in _nested_models(m))}
    enums = {
        t
        for model in models
        for field in model.model_fields.values()
        for t in _leaf_types(field.annotation)
        if isinstance(t, type) and issubclass(t, enum.Enum) and t is not Province
    }
    assert len(enums) >= 10
    assert all(issubclass(e, ValueEnum) for e in enums), enums


def test_every_text_value_field_is_cleaned() -> None:
    """Every ``str`` field of a record is either cleaned (ids, codes, names: a `Cleaning`
    annotation) or free text whose name says so; an id or code field cannot slip through."""
    free_text = {
        "subject", "reference", "text_en", "title_en", "role", "note", "evidence",
        "course", "title", "text", "description", "fields", "observations",
    }  # fmt: skip
    models = {*SAMPLES, *(n for m in SAMPLES for n in _nested_models(m))}
    unclean = sorted(
        f"{model.__name__}.{name}"
        for model in models
        for name, field in model.model_fields.items()
        if str in set(_leaf_types(field.annotation))
        and not _is_cleaned(field.annotation, field.metadata)
        and name not in free_text
    )
    assert unclean == []


# -- row 5: numbers --------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("root", "path"), NUMERIC_PATHS, ids=[f"{r.__name__}.{p}" for r, p in NUMERIC_PATHS]
)
def test_persian_digits_read_as_latin_digits_in_every_numeric_field(
    root: type[BaseModel], path: tuple[str | int, ...]
) -> None:
    """Every numeric field (ints, floats, constrained and strict ones) treats a number written
    with Persian or Arabic-Indic digits and ٫ ٬ exactly as the same number in Latin digits:
    accepted to the same value, or refused with the same error type where text is refused."""
    data = SAMPLES[root]
    number = _get(json.loads(json.dumps(data)), path)
    latin = str(number)
    variants = [
        _persian(number),
        to_persian_digits(latin).replace("۰", "٠").replace("۵", "٥"),  # Arabic-Indic mixed in
        f"{RLM}{_persian(number)}{RLM}",
    ]

    def outcome(value: Any) -> tuple[str, Any]:
        try:
            record = root.model_validate(_set(data, path, value))
        except ValidationError as exc:
            return "error", [(e["type"], e["loc"]) for e in exc.errors()]
        return "ok", _get(record, path)

    expected = outcome(latin)
    for text in variants:
        assert outcome(text) == expected, text
    if expected[0] == "ok":
        assert expected[1] == number


@pytest.mark.parametrize("model", CSV_MODELS, ids=lambda m: m.__name__)
def test_csv_rows_with_persian_numbers(model: type[BaseModel]) -> None:
    """A CSV row (every cell text, as the dataset loader reads it) whose numbers are written
    with Persian digits and ٫ ٬ gives the same record as the Latin one."""
    data = SAMPLES[model]
    latin = {k: str(v) for k, v in data.items()}
    persian = {
        k: _persian(v) if isinstance(v, int | float) and not isinstance(v, bool) else str(v)
        for k, v in data.items()
    }
    assert model.model_validate_strings(persian) == model.model_validate_strings(latin)


@pytest.mark.parametrize(
    ("model", "field", "text", "expected"),
    [
        (AgencyStats, "services", "۵۲۰۰", 5200),  # the row of the issue
        (AgencyStats, "staff", "۱۱۸", 118),
        (AgencyStats, "services", "٥٢٠٠", 5200),  # Arabic-Indic digits
        (AgencyStats, "services", "۵٬۲۰۰", 5200),  # U+066C thousands separator
        (AgencyStats, "services", f"{RLM}۵۲۰۰{RLM}", 5200),
        (AgencyStats, "services", " 5200 ", 5200),
        (TrainingRecord, "hours", "۱۲٫۵", 12.5),  # U+066B decimal separator
        (TrainingRecord, "hours", "۴", 4.0),
        (SurveyResponse, "score", "۴", 4),
        (Complaint, "article", "۱۲", 12),
        (Agency, "staff", "۱٬۲۰۰", 1200),
    ],
)
def test_persian_numbers_are_accepted(
    model: type[BaseModel], field: str, text: str, expected: float
) -> None:
    """Numbers from Excel-made CSVs in a Persian locale read as their values."""
    record = model.model_validate({**SAMPLES[model], field: text})
    assert getattr(record, field) == expected


@pytest.mark.parametrize(
    ("model", "field", "text", "error_type"),
    [
        (AgencyStats, "services", "many", "int_parsing"),
        (AgencyStats, "services", "۵x", "int_parsing"),
        (AgencyStats, "services", "۵٫۵", "int_parsing"),
        (AgencyStats, "staff", "-۱", "greater_than_equal"),
        (AgencyStats, "staff", RLM, "int_parsing"),
        (TrainingRecord, "hours", "x", "float_parsing"),
        (TrainingRecord, "hours", "۰", "greater_than"),
        (SurveyResponse, "score", "۶", "less_than_equal"),
        (Complaint, "article", "۲۰", "less_than_equal"),
    ],
)
def test_bad_numbers_keep_their_error_types(
    model: type[BaseModel], field: str, text: str, error_type: str
) -> None:
    """A number that is bad after cleaning is refused with pydantic's own error type, at the
    field's own location (the cleaning adds no union member to the path)."""
    with pytest.raises(ValidationError) as caught:
        model.model_validate({**SAMPLES[model], field: text})
    assert [(e["type"], e["loc"]) for e in caught.value.errors()] == [(error_type, (field,))]


# -- row 4: ids, codes, enums, names ----------------------------------------------------------


@pytest.mark.parametrize(
    ("model", "path", "given", "expected"),
    [
        (Agency, ("legal_id",), f"10380284790{RLM}", "10380284790"),  # was: '11 characters'
        (Agency, ("legal_id",), f"{LRM}۱۰۳۸۰۲۸۴۷۹۰", "10380284790"),
        (Agency, ("id",), f"{RLM}A-1{RLM}", "A-1"),
        (Agency, ("id",), "AG-۰۰۱۲", "AG-0012"),
        (Agency, ("kind",), f"ministry{ALM}", "ministry"),
        (Agency, ("province",), f"IR-04{RLM}", "IR-04"),
        (Agency, ("province",), "IR-۰۴", "IR-04"),
        (Agency, ("parent_id",), "\u2067GOV\u2069", "GOV"),
        (Agency, ("category",), f"services{RLM}", "services"),
        (Agency, ("name",), f"{RLM}اداره کل ثبت{RLM}", "اداره کل ثبت"),
        (Agency, ("name",), f"اداره{RLM} کل", f"اداره{RLM} کل"),  # inside: display text kept
        (Inspection, ("kind",), f"periodic{RLM}", "periodic"),
        (Inspection, ("date",), "1396/07/15", "2017-10-07"),
        (Inspection, ("responses", 0, "item"), f"S1.1{RLM}", "S1.1"),
        (Inspection, ("responses", 0, "answer"), f"compliant{RLM}", "compliant"),
        (Inspection, ("responses", 1, "answer"), 3, 3),
        (Inspection, ("team", 0, "affiliation"), f"{LRM}areo", "areo"),
        (Inspection, ("team", 0, "name"), f"مریم احمدی{RLM}", "مریم احمدی"),
        (Inspection, ("findings", 0, "severity"), f"minor{RLM}", "minor"),
        (Inspection, ("findings", 0, "item"), f"S1.1{RLM}", "S1.1"),
        (Inspection, ("checklist_version",), "۱", "1"),
        (TrainingRecord, ("person_id",), f"۰۴۹۹۳۷۰۸۹۹{RLM}", PERSON),
        (TrainingRecord, ("audience",), f"employee{RLM}", "employee"),
        (Complaint, ("channel",), "\ufeffweb", "web"),
        (NGO, ("registration_no",), "۱۲۳۴", "1234"),
        (NGO, ("active",), f"true{RLM}", True),
        (Checklist, ("sections", 0, "items", 0, "critical"), f"false{RLM}", False),
        (Checklist, ("sections", 0, "items", 1, "scale"), f"binary{RLM}", "binary"),
        (WorkingGroup, ("scope",), f"national{RLM}", "national"),
        (WorkingGroup, ("province",), "Khorāsān-e Raẕavī", "IR-09"),
    ],
)
def test_values_are_cleaned_at_every_entry_point(
    model: type[BaseModel], path: tuple[str | int, ...], given: Any, expected: Any
) -> None:
    """Direction marks around a value and Persian digits in it are cleaned wherever text becomes
    an id, a code, an enum member, a flag or a name; a name keeps its inner text as typed."""
    record = model.model_validate(_set(SAMPLES[model], path, given))
    dumped = record.model_dump(mode="json")
    assert _get(dumped, path) == expected


def test_enum_errors_are_pydantics_own() -> None:
    """An unknown enum value gives exactly pydantic's `enum` error (type, message, ctx, loc) as
    a plain `StrEnum` would, cleaning or not."""

    class Plain(enum.StrEnum):
        PERIODIC = "periodic"
        AD_HOC = "ad_hoc"
        FOLLOW_UP = "follow_up"

    class Form(BaseModel):
        kind: Plain

    for bad in ("yearly", f"yearly{RLM}", 5, None, ""):
        with pytest.raises(ValidationError) as ours:
            Inspection.model_validate({**INSPECTION, "kind": bad})
        with pytest.raises(ValidationError) as theirs:
            Form.model_validate({"kind": bad})
        ours_errors = ours.value.errors(include_url=False, include_input=False)
        assert ours_errors == theirs.value.errors(include_url=False, include_input=False)


@pytest.mark.parametrize(
    ("model", "field", "given", "error_type"),
    [
        (Agency, "id", RLM, "string_too_short"),
        (Agency, "id", "", "string_too_short"),
        (Agency, "id", 12, "string_type"),
        (Agency, "id", "x" * 201, "string_too_long"),
        (Agency, "name", f" {RLM} ", "string_too_short"),
        (Agency, "legal_id", f"1038028479{RLM}", "legal_id_format"),
        (Agency, "province", f"Tehrun{RLM}", "province_unknown"),
        (TrainingRecord, "person_id", 499370899, "string_type"),
        (NGO, "active", f"maybe{RLM}", "bool_parsing"),
    ],
)
def test_bad_values_keep_their_error_types(
    model: type[BaseModel], field: str, given: Any, error_type: str
) -> None:
    """What is still bad after cleaning is refused with the field's own error type at its own
    location."""
    with pytest.raises(ValidationError) as caught:
        model.model_validate({**SAMPLES[model], field: given})
    assert [(e["type"], e["loc"]) for e in caught.value.errors()] == [(error_type, (field,))]


def test_json_schemas_describe_the_fields_not_the_cleaning() -> None:
    """The JSON Schema of a cleaned field is the field's own: enums stay `$ref`s to one
    definition, numbers keep their bounds, no cleaning pattern leaks into it."""
    schema = Inspection.model_json_schema()
    assert schema["properties"]["kind"] == {"$ref": "#/$defs/InspectionKind"}
    assert schema["$defs"]["InspectionKind"]["enum"] == ["periodic", "ad_hoc", "follow_up"]
    stats = AgencyStats.model_json_schema()["properties"]
    assert stats["services"] == {"minimum": 0, "title": "Services", "type": "integer"}
    assert RLM not in json.dumps(Agency.model_json_schema(), ensure_ascii=False)


# -- row 13: weights and hours that a sum can overflow ---------------------------------------


@pytest.mark.parametrize(
    ("weight", "error_type"),
    [
        (1e308, "less_than_equal"),
        (MAX_WEIGHT * 1.000001, "less_than_equal"),
        (math.inf, "finite_number"),
        (-math.inf, "finite_number"),
        (math.nan, "finite_number"),
        (0, "greater_than"),
        (-1, "greater_than"),
        ("۱e308", "less_than_equal"),
    ],
)
@pytest.mark.parametrize("where", ["section", "item"])
def test_checklist_weights_are_bounded(weight: float, error_type: str, where: str) -> None:
    """A weight is finite, above 0 and at most `MAX_WEIGHT` (10⁶), item or section; anything
    else is refused with pydantic's stable type at the weight's location."""
    path: tuple[str | int, ...] = (
        ("sections", 0, "weight") if where == "section" else ("sections", 0, "items", 0, "weight")
    )
    with pytest.raises(ValidationError) as caught:
        Checklist.model_validate(_set(CHECKLIST, path, weight))
    assert [(e["type"], e["loc"]) for e in caught.value.errors()] == [(error_type, path)]


def test_largest_weights_score_without_overflow() -> None:
    """A checklist of the largest weights allowed scores without OverflowError, to the same
    score as the same checklist with weights of 1 (the weights are all equal)."""
    heavy = json.loads(json.dumps(CHECKLIST))
    for section in heavy["sections"]:
        section["weight"] = MAX_WEIGHT
        for item in section["items"]:
            item["weight"] = MAX_WEIGHT
    light = json.loads(json.dumps(CHECKLIST))
    for section in light["sections"]:
        section["weight"] = 1.0
        for item in section["items"]:
            item["weight"] = 1.0
    inspection = Inspection.model_validate(INSPECTION)
    big = score_inspection(inspection, Checklist.model_validate(heavy))
    small = score_inspection(inspection, Checklist.model_validate(light))
    assert big.score is not None
    assert math.isfinite(big.score)
    assert big.score == pytest.approx(small.score)


@pytest.mark.parametrize(
    ("hours", "error_type"),
    [(1e308, "less_than_equal"), (MAX_HOURS + 1, "less_than_equal"), (math.nan, "finite_number")],
)
def test_training_hours_are_bounded(hours: float, error_type: str) -> None:
    """Training hours, summed per person by the index and the eligibility rule, are at most
    `MAX_HOURS` (10,000) per record: a sum over any number of records stays finite."""
    with pytest.raises(ValidationError) as caught:
        TrainingRecord.model_validate({**TRAINING, "hours": hours})
    assert [(e["type"], e["loc"]) for e in caught.value.errors()] == [(error_type, ("hours",))]
    assert TrainingRecord.model_validate({**TRAINING, "hours": MAX_HOURS}).hours == MAX_HOURS


# -- row 19: no valid national id in any error, whatever field it was typed into -----------------


def _field_paths(
    model: type[BaseModel], data: Any, path: tuple[str | int, ...] = ()
) -> Iterator[tuple[str | int, ...]]:
    """The path of every field of a sample and of its nested records (present or not)."""
    for name, field in model.model_fields.items():
        yield (*path, name)
        value = data.get(name) if isinstance(data, dict) else None
        for t in _leaf_types(field.annotation):
            if isinstance(t, type) and issubclass(t, BaseModel):
                if isinstance(value, dict):
                    yield from _field_paths(t, value, (*path, name))
                elif isinstance(value, list) and value:
                    yield from _field_paths(t, value[0], (*path, name, 0))


FIELD_PATHS = [(root, path) for root, data in SAMPLES.items() for path in _field_paths(root, data)]


@settings(max_examples=25, deadline=None)
@given(national_id=national_ids, persian=st.booleans(), marks=st.booleans())
def test_a_national_id_in_any_field_is_never_echoed(
    national_id: str, persian: bool, marks: bool
) -> None:
    """A valid national id typed into any field of any record (a date, a period, an enum, a
    number, a code, a list) never appears unmasked in `str(exc)` nor in `redact_errors(exc)`."""
    typed = to_persian_digits(national_id) if persian else national_id
    typed = f"{RLM}{typed}{RLM}" if marks else typed
    forms = {national_id, to_persian_digits(national_id), typed}
    for root, path in FIELD_PATHS:
        try:
            root.model_validate(_set(SAMPLES[root], path, typed))
        except ValidationError as exc:
            shown = str(exc) + json.dumps(redact_errors(exc), ensure_ascii=False)
            assert not any(form in shown for form in forms), (root.__name__, path, shown)
