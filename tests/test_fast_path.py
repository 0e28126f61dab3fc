"""The fast path of JSON validation (issue 12, item 6): the same records and the same errors.

``Record.fast_json_validator`` validates JSON with a schema that has no cleaning step (text to
clean is refused instead), and ``Record.validate_json_line`` and the JSONL readers fall back to
``model_validate_json`` on whatever it refuses. The proof that the fast path changes nothing: over
the demo dataset and thousands of mutated lines (text to clean, wrong types, numbers as text,
missing and unknown fields), whenever the fast validator accepts a line, the model path accepts
it too and gives the same record, field for field and type for type (fields set included); and
``validate_json_line`` gives exactly ``model_validate_json``'s record or errors.
"""

from __future__ import annotations

import json
import random
from collections.abc import Callable, Iterator
from importlib import resources
from pathlib import Path
from typing import Any

import pytest
from pydantic import BaseModel, ValidationError

from citizenrights import (
    NGO,
    RECORD_MODELS,
    Agency,
    CandidateRecord,
    Checklist,
    Complaint,
    Inspection,
    Meeting,
    Programme,
    WorkingGroup,
    iter_numbered,
)
from citizenrights.dataset import _readers
from citizenrights.models._base import Record, without_cleaning
from citizenrights.text import DIRECTION_MARKS, to_persian_digits

DEMO = resources.files("citizenrights") / "data" / "demo"

# The demo files and their record models: JSON Lines, and JSON arrays of records.
JSONL = {
    "inspections.jsonl": Inspection,
    "complaints.jsonl": Complaint,
    "candidates.jsonl": CandidateRecord,
    "meetings.jsonl": Meeting,
}
ARRAYS = {
    "agencies.json": Agency,
    "ngos.json": NGO,
    "programmes.json": Programme,
    "working_groups.json": WorkingGroup,
}


def demo_records() -> Iterator[tuple[type[BaseModel], Any]]:
    """Every record of the demo dataset that a JSON file holds, as parsed JSON, with its model."""
    for name, model in JSONL.items():
        for line in DEMO.joinpath(name).read_text("utf-8").splitlines():
            if line.strip():
                yield model, json.loads(line)
    for name, model in ARRAYS.items():
        for obj in json.loads(DEMO.joinpath(name).read_text("utf-8-sig")):
            yield model, obj
    yield Checklist, json.loads(DEMO.joinpath("checklists", "reference.json").read_text("utf-8"))


# -- comparing outcomes ------------------------------------------------------------------------


def shape(value: Any) -> Any:
    """A value as nested tuples that tell types apart (``Answer.COMPLIANT`` from ``"compliant"``,
    ``1`` from ``1.0`` and ``True``, ``-0.0`` from ``0.0``) and name the fields set of models."""
    if isinstance(value, BaseModel):
        return (
            type(value).__qualname__,
            tuple(sorted(value.model_fields_set)),
            tuple((k, shape(v)) for k, v in value.__dict__.items()),
        )
    if isinstance(value, (tuple, list)):
        return (type(value).__name__, tuple(shape(v) for v in value))
    if isinstance(value, dict):
        return ("dict", tuple((k, shape(v)) for k, v in value.items()))
    return (type(value).__qualname__, repr(value))


def outcome(validate: Callable[[str], BaseModel], line: str) -> Any:
    """``("ok", shape)`` of the record, or ``("error", errors)`` with every detail of each."""
    try:
        return "ok", shape(validate(line))
    except ValidationError as exc:
        return "error", (exc.title, repr(exc.errors(include_url=False)), str(exc))


# -- mutations ---------------------------------------------------------------------------------

RLM, LRM = "\u200f", "\u200e"


def text_mutations(text: str) -> list[Any]:
    """Ways a person or a spreadsheet changes a text value; some are cleaned, some are errors."""
    return [
        text + " ",
        "\u00a0" + text,
        text + RLM,
        LRM + text + RLM,
        "\u061c" + text,
        "\ufeff" + text,
        text[:1] + "\u2067" + text[1:],
        to_persian_digits(text),
        text.translate(str.maketrans("0123456789", "٠١٢٣٤٥٦٧٨٩")),
        text + "\x1f",
        "",
        "   ",
        text.upper(),
        text + "٫5",
        text + "٬",
        "x" * 201,
        12,
        None,
        True,
        [text],
    ]


def number_mutations(number: float) -> list[Any]:
    """Ways a number arrives: as a float, as text (Latin, Persian, with marks), out of range."""
    whole = int(number)
    return [
        float(number),
        number + 0.5,
        -1,
        0,
        10**30,
        str(number),
        f" {number} ",
        to_persian_digits(str(number)),
        str(number) + RLM,
        "۱٫۵",
        "۱٬۰۰۰",
        "1e400",
        "inf",
        "nan",
        True,
        None,
        "",
        [whole],
        {"n": whole},
    ]


OTHER = [None, True, 0, 2.5, "", "x", [], {}, [{}], {"x": 1}]


def places(value: Any, path: tuple[Any, ...] = ()) -> Iterator[tuple[tuple[Any, ...], Any]]:
    """Every place in a JSON value (the value itself first), with what is there."""
    yield path, value
    if isinstance(value, dict):
        for key, item in value.items():
            yield from places(item, (*path, key))
    elif isinstance(value, list):
        for n, item in enumerate(value):
            yield from places(item, (*path, n))


def mutate(obj: Any, rng: random.Random) -> Any:
    """A deep copy of a JSON value with one to three changes at random places."""
    obj = json.loads(json.dumps(obj))
    for _ in range(rng.choice((1, 1, 2, 3))):
        path, value = rng.choice(list(places(obj))[1:])
        parent = obj
        for key in path[:-1]:
            parent = parent[key]
        key = path[-1]
        action = rng.random()
        if isinstance(parent, dict) and action < 0.08:
            del parent[key]
            continue
        if isinstance(parent, dict) and action < 0.14:
            parent[key + "_x"] = value
            continue
        if isinstance(value, str):
            choices = text_mutations(value)
        elif isinstance(value, (int, float)) and not isinstance(value, bool):
            choices = number_mutations(value)
        else:
            choices = OTHER
        parent[key] = rng.choice(choices)
    return obj


def dumps(obj: Any, rng: random.Random) -> str:
    """JSON text, with non-ASCII characters as they are or as ``\\u`` escapes."""
    return json.dumps(obj, ensure_ascii=rng.random() < 0.3)


def mutated_lines(count: int, seed: int) -> Iterator[tuple[type[BaseModel], str]]:
    records = list(demo_records())
    rng = random.Random(seed)
    for _ in range(count):
        model, obj = rng.choice(records)
        yield model, dumps(mutate(obj, rng), rng)


# -- the proofs --------------------------------------------------------------------------------


def fast_accepts(model: type[BaseModel], line: str) -> bool:
    """Whether the fast validator takes a line; if it does, its record is the model path's."""
    assert issubclass(model, Record)
    try:
        fast = model.fast_json_validator().validate_json(line)
    except ValidationError:
        return False
    assert ("ok", shape(fast)) == outcome(model.model_validate_json, line), line
    return True


def test_every_record_model_has_a_fast_path() -> None:
    """Each top-level model builds its fast validator once and keeps it."""
    for model in RECORD_MODELS:
        assert issubclass(model, Record)
        assert model.fast_json_validator() is model.fast_json_validator()


def test_the_demo_dataset_takes_the_fast_path_unchanged() -> None:
    """Every demo record (clean text) is accepted by the fast validator, with the same record."""
    seen = 0
    for model, obj in demo_records():
        assert fast_accepts(model, json.dumps(obj, ensure_ascii=False)), obj
        seen += 1
    assert seen > 800


@pytest.mark.parametrize("seed", [1, 2, 3])
def test_mutated_lines_give_the_model_paths_records_and_errors(seed: int) -> None:
    """On 2,000 mutated lines a seed, the fast validator never accepts what the model path reads
    otherwise, and ``validate_json_line`` gives exactly ``model_validate_json``'s outcome."""
    taken = refused = 0
    for model, line in mutated_lines(2_000, seed):
        assert issubclass(model, Record)
        if fast_accepts(model, line):
            taken += 1
        else:
            refused += 1
        assert outcome(model.validate_json_line, line) == outcome(model.model_validate_json, line)
    # Both branches are exercised: mutations that leave a valid record, and ones the fast path
    # refuses (text to clean, or invalid).
    assert taken > 200, (taken, refused)
    assert refused > 200, (taken, refused)


@pytest.mark.parametrize("mark", list(DIRECTION_MARKS))
def test_text_to_clean_is_refused_by_the_fast_path_and_cleaned_by_the_model(mark: str) -> None:
    """A direction mark in an id, a name or an enum value is not taken by the fast path."""
    obj = next(obj for model, obj in demo_records() if model is Inspection)
    for path in (("id",), ("agency_id",), ("team", 0, "name"), ("kind",), ("responses", 0, "item")):
        changed = json.loads(json.dumps(obj))
        parent = changed
        for key in path[:-1]:
            parent = parent[key]
        parent[path[-1]] = parent[path[-1]] + mark
        line = json.dumps(changed, ensure_ascii=False)
        assert not fast_accepts(Inspection, line)
        assert Inspection.validate_json_line(line) == Inspection.model_validate_json(line)
        assert Inspection.validate_json_line(line) == Inspection.model_validate(obj)


def test_persian_digits_are_refused_by_the_fast_path() -> None:
    """Persian digits in an id or a level are read by the model path, never by the fast one."""
    obj = next(obj for model, obj in demo_records() if model is Inspection)
    changed = {**obj, "id": to_persian_digits(obj["id"])}
    line = json.dumps(changed, ensure_ascii=False)
    assert to_persian_digits(obj["id"]) != obj["id"]
    assert not fast_accepts(Inspection, line)
    assert Inspection.validate_json_line(line).id == obj["id"]


def test_without_cleaning_leaves_the_schema_unchanged() -> None:
    """The fast schema is a copy: the model's own schema (and its cleaning) is untouched."""
    before = repr(Inspection.__pydantic_core_schema__)
    without_cleaning(Inspection.__pydantic_core_schema__)
    assert repr(Inspection.__pydantic_core_schema__) == before
    assert Inspection.model_validate_json(json.dumps(INSPECTION_WITH_MARK)).id == "I-1"


INSPECTION_WITH_MARK = {
    "id": "I-1" + RLM,
    "agency_id": "A-1",
    "checklist_id": "demo",
    "checklist_version": "1",
    "kind": "periodic",
    "date": "1396/07/15",
    "team": [{"name": "مریم احمدی", "affiliation": "areo"}],
    "responses": [],
}


# -- the JSONL readers -------------------------------------------------------------------------


class Counting:
    """A fast validator that counts its calls."""

    def __init__(self, model: type[Record]) -> None:
        self.inner = model.fast_json_validator()
        self.calls = 0

    def validate_json(self, data: str | bytes) -> Any:
        self.calls += 1
        return self.inner.validate_json(data)


def read_all(path: Path) -> tuple[list[tuple[int, Any]], list[str]]:
    problems: list[str] = []
    records = [
        (line, shape(r)) for line, r in iter_numbered(path, Inspection, on_error=problems.append)
    ]
    return records, problems


def test_the_reader_gives_the_model_paths_records_and_problems(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A JSONL file of clean, dirty and bad lines reads the same with and without the fast path."""
    rng = random.Random(7)
    lines = [line for model, line in mutated_lines(1_500, 7) if model is Inspection]
    clean = [json.dumps(obj) for model, obj in demo_records() if model is Inspection]
    mixed = [*clean[:50], *lines, *clean[50:]]
    rng.shuffle(mixed)
    path = tmp_path / "inspections.jsonl"
    path.write_text("\n".join(mixed) + "\n", encoding="utf-8")
    fast = read_all(path)
    monkeypatch.setattr(Inspection, "fast_json_validator", None)
    slow = read_all(path)
    assert fast == slow
    assert len(fast[0]) > 300
    assert len(fast[1]) > 100


def test_the_reader_leaves_the_fast_path_after_a_few_refusals(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A file whose lines all have text to clean costs at most FAST_MISSES extra validations."""
    clean = [obj for model, obj in demo_records() if model is Inspection][:40]
    dirty = [{**obj, "id": to_persian_digits(obj["id"])} for obj in clean]
    path = tmp_path / "inspections.jsonl"
    path.write_text("\n".join(json.dumps(o, ensure_ascii=False) for o in dirty) + "\n", "utf-8")
    counting = Counting(Inspection)
    monkeypatch.setattr(Inspection, "fast_json_validator", lambda: counting)
    records, problems = read_all(path)
    assert not problems
    assert len(records) == len(dirty)
    assert counting.calls == _readers.FAST_MISSES

    # A clean file takes the fast path on every line.
    path.write_text("\n".join(json.dumps(o) for o in clean) + "\n", "utf-8")
    counting.calls = 0
    records, problems = read_all(path)
    assert not problems
    assert counting.calls == len(clean) == len(records)
