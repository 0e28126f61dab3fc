"""Checklists: the bundled reference checklist, its fingerprint, its docs page, and check_against."""

from __future__ import annotations

import hashlib
import json
import re
import subprocess
import sys
from importlib import resources
from typing import Any

import pytest
from hypothesis import given
from hypothesis import strategies as st

from citizenrights import (
    Answer,
    Checklist,
    ChecklistMismatchError,
    Inspection,
    Scale,
    from_jalali,
    reference_checklist,
)
from citizenrights.text import normalize_persian

from . import strategies as s
from .conftest import ROOT, load_script

# DESIGN section 6, written out independently of the JSON: section code → (article, item count,
# critical items, binary items).
DESIGN_SECTIONS: dict[str, tuple[int, int, set[str], set[str]]] = {
    "A03": (3, 4, {"A03.1"}, set()),
    "A04": (4, 3, set(), set()),
    "A05": (5, 2, {"A05.1"}, {"A05.1"}),
    "A06": (6, 5, set(), set()),
    "A07": (7, 3, {"A07.1"}, {"A07.1"}),
    "A08": (8, 3, set(), set()),
    "A09": (9, 3, set(), set()),
    "A10": (10, 5, set(), set()),
    "A11": (11, 3, set(), set()),
    "A12": (12, 4, {"A12.1"}, set()),
    "A13": (13, 2, set(), set()),
    "ORG": (18, 5, set(), set()),
}
# The titles of the rights in the resolution's own wording (issue 10 row 26: with its qualifiers),
# with the English glosses the checklist gives them.
RESOLUTION_TITLES = {
    "A03": (
        "حق برخورداری از کرامت انسانی و رفتار محترمانه و اسلامی",
        "Right to human dignity and to respectful and Islamic treatment",
    ),
    "A04": (
        "حق برخورداری از اعمال بی‌طرفانه قوانین و مقررات",
        "Right to the impartial application of laws and regulations",
    ),
    "A05": (
        "حق مصون ماندن از تبعیض در نظام‌ها، فرآیندها و تصمیمات اداری",
        "Right to be free from discrimination in administrative systems, processes and decisions",
    ),
    "A06": (
        "حق دسترسی آسان و سریع به خدمات اداری",
        "Right to easy and fast access to administrative services",
    ),
    "A07": (
        "حق حفظ و رعایت حریم خصوصی همه افراد",
        "Right of every person to privacy, kept and respected",
    ),
    "A08": (
        "حق آگاهی به‌موقع از تصمیمات و فرآیندهای اداری و دسترسی به اطلاعات مورد نیاز",
        "Right to timely knowledge of administrative decisions and processes and to access to "
        "the information needed",
    ),
    "A09": (
        "حق اظهار نظر آزاد و ارائه پیشنهاد در مورد تصمیمات و فرآیندهای اداری",
        "Right to express opinions freely and to make suggestions on administrative decisions "
        "and processes",
    ),
    "A10": (
        "حق مصون ماندن از شروط اجحاف‌آمیز در توافقات، معاملات و قراردادهای اداری",
        "Right to be free from unfair terms in administrative agreements, transactions and "
        "contracts",
    ),
    "A11": (
        "حق اشخاص توان‌خواه در برخورداری کامل و سریع از امتیازات خاص قانونی",
        "Right of people with disabilities to the full and fast enjoyment of their special legal "
        "entitlements",
    ),
    "A12": (
        "حق رسیدگی به‌موقع و منصفانه به شکایات و اعتراضات",
        "Right to the timely and fair handling of complaints and objections",
    ),
    "A13": (
        "حق جبران خسارات وارده در اثر قصور یا تقصیر دستگاه‌های اجرایی و کارکنان آن‌ها",
        "Right to compensation for damage caused by the fault or negligence of executive bodies "
        "and their staff",
    ),
}
#: The fingerprint of reference checklist 1395.2; it changes only with a new version.
REFERENCE_FINGERPRINT = "67931f2370c52839615521a895458ed7a89cabb83a1f17ac11208525c550163d"
PERSIAN_LETTERS = re.compile("[\u0600-\u06ff]")


def raw_reference() -> dict[str, Any]:
    text = (
        resources.files("citizenrights")
        .joinpath("data/reference_checklist.json")
        .read_text(encoding="utf-8")
    )
    data: dict[str, Any] = json.loads(text)
    return data


# -- the reference checklist ------------------------------------------------------------------


def test_reference_checklist_has_every_section_and_item_of_design() -> None:
    """Sections A03–A13 and ORG in order, each with its article, items, critical and binary flags."""
    cl = reference_checklist()
    assert (cl.id, cl.version) == ("reference", "1395.2")
    assert cl.effective_from == from_jalali(1395, 12, 28)
    assert [sec.code for sec in cl.sections] == list(DESIGN_SECTIONS)
    for section in cl.sections:
        article, count, critical, binary = DESIGN_SECTIONS[section.code]
        assert [i.code for i in section.items] == [
            f"{section.code}.{n}" for n in range(1, count + 1)
        ]
        assert {i.code for i in section.items if i.critical} == critical
        assert {i.code for i in section.items if i.scale is Scale.BINARY} == binary
        for item in section.items:
            assert item.scale in (Scale.BINARY, Scale.TERNARY)
            assert item.reference == f"Res. 1127128 art. {article}"
            assert item.weight == 1.0
            # A critical check cannot be dodged with not_applicable.
            assert item.allow_na is not item.critical
        assert section.title_en
    assert len(list(cl.items())) == 42


@pytest.mark.parametrize(
    ("code", "title", "title_en"), [(c, *t) for c, t in RESOLUTION_TITLES.items()]
)
def test_reference_section_titles_are_the_resolutions_wording(
    code: str, title: str, title_en: str
) -> None:
    """Each right's section carries the resolution's own title, qualifiers included, and a gloss."""
    section = {sec.code: sec for sec in reference_checklist().sections}[code]
    assert (section.title, section.title_en) == (title, title_en)
    assert normalize_persian(section.title) == section.title


@pytest.mark.parametrize(
    ("code", "fa_words", "en_words"),
    [
        # Article 10(2)'s unfair terms that a visit can see (issue 10 row 26).
        ("A10.3", ("نسخه", "قرارداد", "تحویل"), ("copy", "contract")),
        ("A10.4", ("افزایش یک‌جانبه", "قیمت"), ("price", "unilaterally")),
        ("A10.5", ("مراجع قضایی",), ("waive", "courts")),
    ],
)
def test_reference_a10_checks_the_visible_unfair_terms(
    code: str, fa_words: tuple[str, ...], en_words: tuple[str, ...]
) -> None:
    """Section A10 checks a copy given, no unilateral price rise, no waiver of the courts.

    Each is ternary, non-critical (an office without contracts answers not_applicable) and cites
    article 10.
    """
    item = reference_checklist().item(code)
    assert all(word in item.text for word in fa_words), item.text
    assert all(word in (item.text_en or "") for word in en_words), item.text_en
    assert (item.scale, item.critical, item.allow_na) == (Scale.TERNARY, False, True)
    assert item.reference == "Res. 1127128 art. 10"


def test_limits_page_records_the_annulled_clause() -> None:
    """The limits page says that ruling 1757 of 1399/11/18 annulled clause 3 of article 13."""
    page = (ROOT / "docs" / "explanation" / "reference-checklist-limits.md").read_text(
        encoding="utf-8"
    )
    text = " ".join(page.replace("**", "").split())
    assert "Administrative Justice Court" in text
    assert "ruling 1757 of 1399/11/18" in text
    assert "annulled clause 3 of article 13" in text


def test_reference_texts_are_persian_with_an_english_gloss() -> None:
    """Each item has Persian text (Persian letters, already normalised) and an English gloss."""
    for item in reference_checklist().items():
        assert PERSIAN_LETTERS.search(item.text), item.code
        assert normalize_persian(item.text) == item.text, item.code  # no Arabic ي/ك, no doubles
        # English, quoting a Persian term at most in parentheses ("service desk (میز خدمت)").
        gloss = re.sub(r"\([^)]*\)", "", item.text_en or "")
        assert re.search("[A-Za-z]{3}", gloss), item.code
        assert gloss.isascii(), item.code


def test_reference_is_cached_and_not_read_at_import() -> None:
    """Importing the library reads nothing; the first call loads, later calls share the object."""
    code = (
        "import citizenrights, citizenrights.models.reference as r;"
        "assert r.reference_checklist.cache_info().currsize == 0;"
        "a = citizenrights.reference_checklist(); b = citizenrights.reference_checklist();"
        "assert a is b; print(r.reference_checklist.cache_info().misses)"
    )
    result = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True
    )
    assert result.stdout.strip() == "1"


def test_fingerprint_is_the_design_formula() -> None:
    """`fingerprint` is sha256 of the sorted-key compact UTF-8 JSON of `model_dump(mode="json")`."""
    cl = reference_checklist()
    canonical = json.dumps(
        cl.model_dump(mode="json"), sort_keys=True, separators=(",", ":"), ensure_ascii=False
    )
    assert cl.fingerprint == hashlib.sha256(canonical.encode("utf-8")).hexdigest()


def test_fingerprint_from_the_raw_json_with_design_defaults() -> None:
    """The fingerprint follows from the shipped JSON and DESIGN's defaults alone (no pydantic)."""
    raw = raw_reference()
    year, month, day = (int(part) for part in raw["effective_from"].split("/"))
    item_defaults = {
        "weight": 1.0,
        "scale": "ternary",
        "critical": False,
        "allow_na": True,
        "reference": None,
        "text_en": None,
    }
    canonical = {
        "id": raw["id"],
        "version": raw["version"],
        "title": raw["title"],
        "title_en": raw.get("title_en"),
        "effective_from": from_jalali(year, month, day).isoformat(),
        "sections": [
            {
                "code": sec["code"],
                "title": sec["title"],
                "title_en": sec.get("title_en"),
                "weight": sec.get("weight", 1.0),
                "items": [item_defaults | item for item in sec["items"]],
            }
            for sec in raw["sections"]
        ],
    }
    text = json.dumps(canonical, sort_keys=True, separators=(",", ":"), ensure_ascii=False)
    digest = hashlib.sha256(text.encode("utf-8")).hexdigest()
    assert digest == reference_checklist().fingerprint == REFERENCE_FINGERPRINT


@given(s.checklists())
def test_fingerprint_survives_a_json_round_trip(checklist: Checklist) -> None:
    """A checklist read back from its JSON has the same fingerprint; it is lowercase hex."""
    again = Checklist.model_validate_json(checklist.model_dump_json())
    assert again.fingerprint == checklist.fingerprint
    assert re.fullmatch("[0-9a-f]{64}", checklist.fingerprint)


def test_fingerprint_changes_with_any_content() -> None:
    """Changing one item's flag gives another fingerprint."""
    raw = raw_reference()
    raw["sections"][0]["items"][1]["critical"] = True
    assert Checklist.model_validate(raw).fingerprint != reference_checklist().fingerprint


# -- the generated docs page --------------------------------------------------------------------


def test_checklist_page_is_up_to_date() -> None:
    """docs/reference/checklist.md is what scripts/render_checklist_doc.py makes of the JSON."""
    page = (ROOT / "docs" / "reference" / "checklist.md").read_text(encoding="utf-8")
    script = load_script("render_checklist_doc")
    assert page == script.render_source(), "run scripts/render_checklist_doc.py"


def test_checklist_page_shows_every_item() -> None:
    """The page has a row for every item with its Persian text, gloss and critical flag."""
    page = (ROOT / "docs" / "reference" / "checklist.md").read_text(encoding="utf-8")
    for item in reference_checklist().items():
        row = next(line for line in page.splitlines() if line.startswith(f"| `{item.code}` |"))
        assert item.text in row
        assert (item.text_en or "") in row
        assert ("**yes**" in row) is item.critical


# -- check_against --------------------------------------------------------------------------------

MIXED = Checklist.model_validate(
    {
        "id": "mixed",
        "version": "2",
        "title": "آزمون",
        "sections": [
            {
                "code": "S1",
                "title": "بخش یک",
                "items": [
                    {"code": "T", "text": "سه‌گزینه‌ای"},
                    {"code": "B", "text": "دوگزینه‌ای", "scale": "binary"},
                    {"code": "L", "text": "سطح‌دار", "scale": 4},
                    {"code": "NA", "text": "بدون گزینه نامربوط", "allow_na": False},
                    {"code": "LNA", "text": "سطح‌دار بدون نامربوط", "scale": 3, "allow_na": False},
                ],
            }
        ],
    }
)


def inspection(responses: list[dict[str, Any]], **fields: Any) -> Inspection:
    data = {
        "id": "I-1",
        "agency_id": "A-1",
        "checklist_id": "mixed",
        "checklist_version": "2",
        "kind": "periodic",
        "date": "1396/07/15",
        "team": [{"name": "مریم احمدی", "affiliation": "areo"}],
        "responses": responses,
    }
    return Inspection.model_validate(data | fields)


def test_check_against_reports_every_mismatch_at_once() -> None:
    """Wrong id and version, unknown item, duplicate, scale violations and forbidden N/A: all."""
    insp = inspection(
        [
            {"item": "T", "answer": "partial"},  # fine
            {"item": "GHOST", "answer": "compliant"},  # unknown item
            {"item": "T", "answer": "compliant"},  # second response for T
            {"item": "B", "answer": "partial"},  # partial on a binary item
            {"item": "L", "answer": "compliant"},  # a named answer on a levelled item
            {"item": "L", "answer": 4},  # past the 4 levels (and a second response for L)
            {"item": "T", "answer": 1},  # a level on a ternary item (third response for T)
            {"item": "B", "answer": 0},  # a level on a binary item (second for B)
            {"item": "NA", "answer": "not_applicable"},  # N/A forbidden
            {"item": "LNA", "answer": "not_applicable"},  # N/A forbidden on a levelled item
        ],
        checklist_id="other",
        checklist_version="9",
    )
    problems = insp.check_against(MIXED)
    expected = [
        "checklist is 'other' version '9', expected 'mixed' version '2'",
        "responses[0] (item 'T'): 3 responses for the same item",
        "responses[1] (item 'GHOST'): the checklist has no such item",
        "responses[3] (item 'B'): 2 responses for the same item",
        "responses[3] (item 'B'): 'partial' is not on the binary scale",
        "responses[4] (item 'L'): 2 responses for the same item",
        "responses[4] (item 'L'): 'compliant' given for a 4-level item",
        "responses[5] (item 'L'): level 4 is past the item's 4 levels",
        "responses[6] (item 'T'): level 1 given for a ternary item",
        "responses[7] (item 'B'): level 0 given for a binary item",
        "responses[8] (item 'NA'): not_applicable is not allowed",
        "responses[9] (item 'LNA'): not_applicable is not allowed",
    ]
    assert len(problems) == len(expected)
    for problem, start in zip(problems, expected, strict=True):
        assert problem.startswith(start), (problem, start)

    with pytest.raises(ChecklistMismatchError) as caught:
        insp.ensure_matches(MIXED)
    assert caught.value.problems == tuple(problems)
    assert caught.value.inspection_id == "I-1"
    assert "12 problem(s)" in str(caught.value)
    assert "'GHOST'" in str(caught.value)


def test_check_against_accepts_every_allowed_answer() -> None:
    """Named answers on named scales, levels on levelled items and allowed N/A are all fine."""
    ok = inspection(
        [
            {"item": "T", "answer": "partial"},
            {"item": "B", "answer": "non_compliant"},
            {"item": "L", "answer": 3},
            {"item": "NA", "answer": "compliant"},
            {"item": "LNA", "answer": 0},
        ]
    )
    assert ok.check_against(MIXED) == []
    ok.ensure_matches(MIXED)
    partial = inspection([{"item": "L", "answer": "not_applicable"}])
    assert partial.check_against(MIXED) == []  # unanswered items are the scorer's business


@given(st.data())
def test_inspections_drawn_for_a_checklist_fit_it(data: st.DataObject) -> None:
    """Any inspection built from a checklist's items and allowed answers has no mismatch."""
    checklist = data.draw(s.checklists())
    insp = data.draw(s.inspections(checklist))
    assert insp.check_against(checklist) == []


def test_reference_inspection_fits_reference() -> None:
    """An inspection answering every reference item with an allowed answer fits it."""
    cl = reference_checklist()
    responses = [
        {"item": i.code, "answer": Answer.COMPLIANT if i.critical else Answer.NOT_APPLICABLE}
        for i in cl.items()
    ]
    insp = inspection(responses, checklist_id=cl.id, checklist_version=cl.version)
    assert insp.check_against(cl) == []


# Each fault alone, in an inspection of the right checklist and version (the quick check that
# clears fitting inspections must let every one of them through to the full list).
SINGLE_FAULTS = [
    ([{"item": "GHOST", "answer": "compliant"}], "the checklist has no such item"),
    ([{"item": "T", "answer": "partial"}, {"item": "T", "answer": "partial"}], "2 responses"),
    ([{"item": "B", "answer": "partial"}], "'partial' is not on the binary scale"),
    ([{"item": "L", "answer": "compliant"}], "'compliant' given for a 4-level item"),
    ([{"item": "L", "answer": 4}], "level 4 is past the item's 4 levels"),
    ([{"item": "T", "answer": 1}], "level 1 given for a ternary item"),
    ([{"item": "B", "answer": 0}], "level 0 given for a binary item"),
    ([{"item": "NA", "answer": "not_applicable"}], "not_applicable is not allowed"),
    ([{"item": "LNA", "answer": "not_applicable"}], "not_applicable is not allowed"),
    ([{"item": "LNA", "answer": 3}], "level 3 is past the item's 3 levels"),
]


@pytest.mark.parametrize(("responses", "message"), SINGLE_FAULTS)
def test_check_against_finds_each_fault_alone(
    responses: list[dict[str, Any]], message: str
) -> None:
    """One fault in an inspection of the right checklist is found, with its message."""
    problems = inspection(responses).check_against(MIXED)
    assert len(problems) == 1
    assert message in problems[0]
