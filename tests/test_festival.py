"""The Shahid Rajaei Festival indicator: the policy, rows computed by hand, the demo, the CLI."""

from __future__ import annotations

import csv
import io
import itertools
import json
import os
import pty
import re
import shutil
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest
from hypothesis import given
from hypothesis import strategies as st
from pydantic import TypeAdapter, ValidationError
from typer.testing import CliRunner

from citizenrights import (
    AgencyIndex,
    ComponentName,
    Dataset,
    DatasetError,
    FestivalBand,
    FestivalMeasure,
    FestivalPolicy,
    FestivalResult,
    HtmlUnavailableError,
    IndexComponent,
    JalaliPeriod,
    UnsupportedLanguageError,
    evaluate,
    festival_csv,
    festival_html,
    festival_indicator,
    festival_markdown,
    festival_result,
    festival_row,
    festival_workbook,
    load_demo,
)
from citizenrights.cli._app import app
from citizenrights.dataset import demo_dataset_path

SCENARIO = json.loads(
    (Path(__file__).parent / "scenarios" / "festival" / "rows.json").read_text(encoding="utf-8")
)
YEAR = JalaliPeriod.parse("1397")
runner = CliRunner()


def _index(agency_id: str, values: dict[str, float | None]) -> AgencyIndex:
    """An agency index with the given component values (its own score is not read)."""
    components = tuple(
        IndexComponent(
            name=ComponentName(name),
            value=values.get(name),
            weight=0.25,
            share=0.25,
            rates=(),
            evidence=(("records", 1 if values.get(name) is not None else 0),),
            reason=None if values.get(name) is not None else "no data",
        )
        for name in ("inspection", "complaints", "training", "satisfaction")
    )
    return AgencyIndex(
        agency_id=agency_id,
        period=YEAR,
        score=None,
        coverage=0.0,
        components=components,
        missing=(),
        reason=None,
        policy_version="1",
        library_version="test",
    )


def _scenario_result() -> FestivalResult:
    policy = FestivalPolicy(max_points=SCENARIO["max_points"])
    rows = [
        festival_row(
            b["id"],
            f"دستگاه {b['id']}",
            _index(b["id"], b["values"]),
            group=b["group"],
            level=b["level"],
            policy=policy,
        )
        for b in SCENARIO["bodies"]
    ]
    return festival_result(1397, rows, policy=policy)


# -- the policy ----------------------------------------------------------------------------------


def test_default_policy_has_the_festival_groups_and_bands() -> None:
    """Seven groups with the Persian names the festival uses, two levels, the index weights."""
    policy = FestivalPolicy()
    assert [(g.code, g.name_fa) for g in policy.groups] == [
        ("production_services", "تولیدی و خدماتی"),
        ("cultural_scientific_educational", "فرهنگی، علمی و آموزشی"),
        ("infrastructure_development", "زیربنایی و توسعه زیرساخت"),
        ("economic_financial", "اقتصادی و مالی"),
        ("health_social_welfare", "سلامت و رفاه اجتماعی"),
        ("public_security_judicial", "عمومی، امنیتی و قضایی"),
        ("banks", "بانک‌ها"),
    ]
    assert policy.levels == ("national", "provincial")
    assert sum(m.weight for m in policy.measures) == 100
    assert [b.label("fa") for b in FestivalBand] == ["عالی", "خوب", "متوسط", "پایین‌تر از متوسط"]


@pytest.mark.parametrize(("score", "band"), SCENARIO["bands"])
def test_band_boundaries(score: float, band: str) -> None:
    """Bands are inclusive lower bounds on the unrounded score: 59.99 is below medium."""
    assert FestivalPolicy().band(score) == FestivalBand(band)


def test_weights_must_add_up_to_100() -> None:
    """A policy whose weights do not add up to 100 is refused, naming each weight."""
    one = FestivalMeasure(
        code="inspection",
        title_fa="بازرسی",
        title_en="Inspection",
        weight=60,
        reads=ComponentName.INSPECTION,
    )
    with pytest.raises(
        ValidationError, match=r"add up to 100; they add up to 60\.0 \(inspection 60\)"
    ):
        FestivalPolicy(measures=(one,))


def test_duplicate_group_codes_are_refused() -> None:
    group = FestivalPolicy().groups[0]
    with pytest.raises(ValidationError, match="repeated: production_services"):
        FestivalPolicy(groups=(group, group))


# -- rows computed by hand ----------------------------------------------------------------------


def test_scenario_rows_match_the_hand_computation() -> None:
    """Measure points, score, coverage, points, band and rank of each body, as in rows.json."""
    result = _scenario_result()
    assert [r.agency_id for r in result.rows] == SCENARIO["order"]
    by_id = {r.agency_id: r for r in result.rows}
    for body in SCENARIO["bodies"]:
        row = by_id[body["id"]]
        assert [m.points for m in row.measures] == [
            None if p is None else pytest.approx(p) for p in body["measure_points"]
        ], body["id"]
        assert row.score == (None if body["score"] is None else pytest.approx(body["score"]))
        assert row.coverage == pytest.approx(body["coverage"])
        assert row.points == (None if body["points"] is None else pytest.approx(body["points"]))
        assert (None if row.band is None else row.band.value) == body["band"], body["id"]
        assert row.rank == body["rank"], body["id"]
        assert row.max_points == SCENARIO["max_points"]


def test_band_boundaries_through_rows() -> None:
    """A one-measure policy gives each body exactly its inspection value as its score."""
    only = FestivalMeasure(
        code="inspection",
        title_fa="بازرسی",
        title_en="Inspection",
        weight=100,
        reads=ComponentName.INSPECTION,
    )
    policy = FestivalPolicy(measures=(only,))
    for n, (value, band) in enumerate(SCENARIO["bands"]):
        row = festival_row(
            f"X{n}", "الف", _index(f"X{n}", {"inspection": value}), group="banks",
            level="provincial", policy=policy,
        )  # fmt: skip
        assert row.score == value
        assert row.band == FestivalBand(band), value


def test_to_dict_has_exactly_the_contract_keys() -> None:
    data = _scenario_result().to_dict()
    assert list(data) == ["year", "policy_version", "max_points", "rows"]
    assert set(data["rows"][0]) == {
        "agency_id", "name", "group", "level", "score", "coverage", "points", "max_points",
        "band", "rank", "measures",
    }  # fmt: skip
    assert set(data["rows"][0]["measures"][0]) == {"code", "weight", "value", "points", "evidence"}
    assert set(data["rows"][0]["measures"][0]["evidence"]) == {"ids", "counts"}


def test_json_schema_of_the_result() -> None:
    """The derived schema lists the contract's properties, and the data fits it."""
    schema = TypeAdapter(FestivalResult).json_schema()
    assert schema["required"] == ["year", "policy_version", "max_points", "rows"]
    row = schema["$defs"]["FestivalRow"]
    assert list(row["properties"]) == [
        "agency_id", "name", "group", "level", "score", "coverage", "points", "max_points",
        "band", "rank", "measures",
    ]  # fmt: skip
    assert schema["$defs"]["FestivalBand"]["enum"] == [
        "excellent",
        "good",
        "medium",
        "below_medium",
    ]
    dumped = TypeAdapter(FestivalResult).dump_python(_scenario_result(), mode="json")
    assert dumped == _scenario_result().to_dict()


# -- the demo ------------------------------------------------------------------------------------


@pytest.fixture(scope="module")
def demo_result() -> FestivalResult:
    return festival_indicator(load_demo(), 1397)


def test_demo_festival_1397(demo_result: FestivalResult) -> None:
    """The demo's 35 bodies in six groups; pinned values of 1397."""
    rows = demo_result.rows
    assert len(rows) == 35
    assert demo_result.unassigned == ()
    groups = [r.group for r in rows]
    assert sorted(set(groups), key=groups.index) == [
        "production_services", "cultural_scientific_educational", "infrastructure_development",
        "economic_financial", "health_social_welfare", "public_security_judicial",
    ]  # fmt: skip
    firsts = {r.group: (r.agency_id, round(r.score or 0, 2)) for r in rows if r.rank == 1}
    assert firsts == {
        "production_services": ("isf-agri", 81.68),
        "cultural_scientific_educational": ("isf-culture", 88.53),
        "infrastructure_development": ("isf-environment", 85.88),
        "economic_financial": ("isf-tax", 74.87),
        "health_social_welfare": ("isf-housing", 81.4),
        "public_security_judicial": ("isf-civil-reg", 84.72),
    }
    bands = [r.band.value for r in rows if r.band is not None]
    assert {b: bands.count(b) for b in set(bands)} == {"good": 17, "medium": 17, "below_medium": 1}
    worst = next(r for r in rows if r.band is FestivalBand.BELOW_MEDIUM)
    assert (worst.agency_id, worst.rank) == ("isf-transport", 7)


def test_demo_scores_equal_the_index_with_proportional_weights(
    demo_result: FestivalResult,
) -> None:
    """The default measures weigh the components as the index does, so the scores agree."""
    evaluation = evaluate(load_demo(), "1397")
    for row in demo_result.rows:
        assert row.score == pytest.approx(evaluation.indices[row.agency_id].score, abs=1e-9)


def test_demo_evidence_lists_the_inspections_counted(demo_result: FestivalResult) -> None:
    tax = next(r for r in demo_result.rows if r.agency_id == "isf-tax")
    inspection = tax.measures[0]
    assert inspection.code == "inspection"
    assert len(inspection.evidence.ids) == inspection.evidence.counts["inspections"] == 3
    assert all(i.startswith("INS-1397") for i in inspection.evidence.ids)
    complaints = tax.measures[1]
    assert len(complaints.evidence.ids) == complaints.evidence.counts["complaints"] == 4


def test_markdown_names_groups_in_the_readers_language(demo_result: FestivalResult) -> None:
    """No group code in the Persian form; the English one uses the English names."""
    fa = festival_markdown(demo_result, "fa")
    en = festival_markdown(demo_result, "en")
    for group in demo_result.policy.groups[:6]:
        assert f"گروه {group.name_fa} (سطح استانی)" in fa
        assert group.code not in fa
        assert f"Group: {group.name_en} (provincial level)" in en
    assert "پایین‌تر از متوسط" in fa
    assert "Below medium" in en


def test_csv_has_one_row_per_body_per_measure(demo_result: FestivalResult) -> None:
    rows = list(csv.DictReader(io.StringIO(festival_csv(demo_result, "en"))))
    assert len(rows) == 35 * 4
    first = rows[0]
    assert (first["agency_id"], first["measure"], first["weight"], first["rank"]) == (
        "isf-agri",
        "inspection",
        "50.0",
        "1",
    )
    assert first["group_name"] == "Production and services"
    # The body's name in the reader's language, as every other format gives it.
    row = next(r for r in demo_result.rows if r.agency_id == "isf-agri")
    assert row.name_en
    assert first["name"] == row.name_en
    persian = next(csv.DictReader(io.StringIO(festival_csv(demo_result, "fa"))))
    assert persian["name"] == row.name


# -- groups checked against the policy -----------------------------------------------------------


def test_unknown_group_names_the_agency_file_and_line(tmp_path: Path) -> None:
    """A typo in festival_group is one problem: file and line, the agency, what is accepted."""
    with demo_dataset_path() as folder:
        shutil.copytree(folder, tmp_path / "demo")
    path = tmp_path / "demo" / "agencies.json"
    agencies: list[dict[str, Any]] = json.loads(path.read_text(encoding="utf-8"))
    agencies[2]["festival_group"] = "bank"
    path.write_text(json.dumps(agencies, ensure_ascii=False, indent=2), encoding="utf-8")
    # The record opens on the line before its id (0-based index of the id = 1-based brace line).
    line = path.read_text(encoding="utf-8").splitlines().index(f'    "id": "{agencies[2]["id"]}",')
    with pytest.raises(DatasetError) as caught:
        festival_indicator(Dataset.load(tmp_path / "demo"), 1397)
    assert list(caught.value.problems) == [
        f"agencies.json:{line}: festival_group: agency 'isf-fr-najafabad' (فرمانداری نجف‌آباد) "
        "has unknown festival group 'bank'; accepted: production_services, "
        "cultural_scientific_educational, infrastructure_development, economic_financial, "
        "health_social_welfare, public_security_judicial, banks"
    ]


def test_a_year_is_required() -> None:
    with pytest.raises(ValueError, match="1397-Q1"):
        festival_indicator(load_demo(), "1397-Q1")


# -- the command line ----------------------------------------------------------------------------


@pytest.fixture(scope="module")
def demo_dir(tmp_path_factory: pytest.TempPathFactory) -> Path:
    target = tmp_path_factory.mktemp("festival") / "demo"
    with demo_dataset_path() as folder:
        shutil.copytree(folder, target)
    return target


def test_cli_json_is_the_result(demo_dir: Path, demo_result: FestivalResult) -> None:
    result = runner.invoke(app, ["festival", str(demo_dir), "--year", "1397", "-f", "json"])
    assert result.exit_code == 0, result.stderr
    assert json.loads(result.stdout) == demo_result.to_dict()


def test_cli_csv_and_markdown_to_files(demo_dir: Path, tmp_path: Path) -> None:
    out = tmp_path / "festival.csv"
    args = ["festival", str(demo_dir), "--year", "۱۳۹۷", "--province", "IR-10", "-f", "csv"]
    result = runner.invoke(app, [*args, "-o", str(out)])
    assert result.exit_code == 0, result.stderr
    assert len(out.read_text(encoding="utf-8").splitlines()) == 1 + 35 * 4
    md = runner.invoke(app, ["festival", str(demo_dir), "--year", "1397", "-f", "markdown"])
    assert md.exit_code == 0
    assert md.stdout.startswith('<div dir="rtl"')
    assert "جشنواره شهید رجایی" in md.stdout


def test_cli_bad_options(demo_dir: Path) -> None:
    """A bad year or format: one line naming the option and what is accepted, exit 2."""
    bad_year = runner.invoke(app, ["festival", str(demo_dir), "--year", "1397-Q1"])
    assert bad_year.exit_code == 2
    assert "--year: expected a Jalali year such as 1397; got '1397-Q1'" in bad_year.stderr
    bad_format = runner.invoke(app, ["festival", str(demo_dir), "--year", "1397", "-f", "xls"])
    assert bad_format.exit_code == 2
    assert (
        "--format: expected one of json, csv, markdown, xlsx, html; got 'xls'" in bad_format.stderr
    )


def test_cli_other_province_warns(demo_dir: Path) -> None:
    result = runner.invoke(
        app, ["festival", str(demo_dir), "--year", "1397", "--province", "Tehran"]
    )
    assert result.exit_code == 0
    assert json.loads(result.stdout)["rows"] == []
    assert "no body of the scope has a festival group" in result.stderr


# -- invariants ----------------------------------------------------------------------------------

_VALUE = st.one_of(st.none(), st.floats(min_value=0, max_value=100, allow_nan=False))


@given(st.lists(st.tuples(_VALUE, _VALUE, _VALUE, _VALUE), min_size=1, max_size=8))
def test_rows_keep_their_bounds_and_rank_by_score(values: list[tuple[float | None, ...]]) -> None:
    """Points never exceed a measure's weight; the score is 0–100 and, with every measure
    present, the sum of the points; ranks never rise as the rounded score falls."""
    names = ("inspection", "complaints", "training", "satisfaction")
    rows = [
        festival_row(
            f"A{n}",
            "الف",
            _index(f"A{n}", dict(zip(names, v, strict=True))),
            group="banks",
            level="provincial",
        )
        for n, v in enumerate(values)
    ]
    result = festival_result(1397, rows)
    for row in result.rows:
        for m in row.measures:
            assert m.points is None or 0 <= m.points <= m.weight + 1e-9
        if row.score is None:
            assert row.rank is None
            assert row.coverage == 0
            continue
        assert -1e-9 <= row.score <= 100 + 1e-9
        if row.coverage == 1:
            assert row.score == pytest.approx(sum(m.points or 0 for m in row.measures))
    ranked = [r for r in result.rows if r.rank is not None]
    for a, b in itertools.pairwise(ranked):
        assert (a.rank or 0) <= (b.rank or 0)
        assert round(a.score or 0, 6) >= round(b.score or 0, 6) - 0.01


# -- the workbook --------------------------------------------------------------------------------


def _sheets(result: FestivalResult, lang: str, tmp_path: Path) -> Any:
    openpyxl = pytest.importorskip("openpyxl", reason="the extra xlsx (openpyxl) is not installed")
    path = festival_workbook(result, tmp_path / f"festival-{lang}.xlsx", lang)
    return openpyxl.load_workbook(path)


def _values(sheet: Any) -> list[list[Any]]:
    return [[c.value for c in row] for row in sheet.iter_rows(min_row=2)]


def _same(value: float | None) -> Any:
    """Excel keeps 15 significant digits: a float may come back one unit in its last place off."""
    return None if value is None else pytest.approx(value, rel=1e-14, abs=0)


def test_workbook_summary_matches_the_json_rows(
    demo_result: FestivalResult, tmp_path: Path
) -> None:
    """Row for row the JSON's order, ranks, ids, unrounded scores and points, as numbers."""
    book = _sheets(demo_result, "fa", tmp_path)
    assert book.sheetnames == ["خلاصه", "سنجه‌ها"]
    summary = book["خلاصه"]
    rows = demo_result.to_dict()["rows"]
    got = _values(summary)
    assert len(got) == len(rows) == 35
    for cells, row in zip(got, rows, strict=True):
        group, level, rank, name, score, points, max_points, band, coverage, agency, code = cells
        assert (agency, code, rank, name) == (
            row["agency_id"],
            row["group"],
            row["rank"],
            row["name"],
        )
        assert (score, points, max_points, coverage) == (
            _same(row["score"]), _same(row["points"]), row["max_points"], _same(row["coverage"]),
        )  # fmt: skip
        assert isinstance(score, float)
        assert isinstance(rank, int)
        assert level == "استانی"
        assert band == FestivalBand(row["band"]).label("fa")
        assert group == demo_result.policy.group(row["group"]).name_fa
    assert got[0][:4] == ["تولیدی و خدماتی", "استانی", 1, "سازمان جهاد کشاورزی استان اصفهان"]
    assert round(got[0][4], 2) == 81.68


def test_workbook_is_right_to_left_with_frozen_headers_and_formats(
    demo_result: FestivalResult, tmp_path: Path
) -> None:
    book = _sheets(demo_result, "fa", tmp_path)
    for sheet in book.worksheets:
        assert sheet.sheet_view.rightToLeft is True
        assert sheet.freeze_panes == "A2"
        assert all(c.font.bold for c in sheet[1])
    summary = book["خلاصه"]
    assert [c.value for c in summary[1]][:4] == ["گروه", "سطح", "رتبه", "دستگاه"]
    assert (summary["C2"].number_format, summary["E2"].number_format) == ("0", "0.00")
    assert summary["I2"].number_format == "0.0%"
    english = _sheets(demo_result, "en", tmp_path)
    assert english.sheetnames == ["Summary", "Measures"]
    assert english["Summary"].sheet_view.rightToLeft in (None, False)
    assert english["Summary"]["A2"].value == "Production and services"
    assert english["Summary"]["B2"].value == "provincial"
    assert english["Summary"]["H2"].value == FestivalBand.GOOD.label("en")


def test_workbook_measures_one_row_per_body_per_measure(
    demo_result: FestivalResult, tmp_path: Path
) -> None:
    book = _sheets(demo_result, "en", tmp_path)
    got = _values(book["Measures"])
    assert len(got) == 35 * 4
    expected = [
        (r.agency_id, m.code, m.weight, _same(m.value), _same(m.points))
        for r in demo_result.rows
        for m in r.measures
    ]
    assert [(c[7], c[8], c[3], c[4], c[5]) for c in got] == expected
    tax = next(c for c in got if c[7] == "isf-tax" and c[8] == "inspection")
    assert tax[:3] == [
        "Tax Affairs Directorate, Isfahan",
        "Citizens' rights",
        "Results of the joint citizens'-rights inspections",
    ]
    assert tax[6].startswith("inspections counted: 3")
    assert "INS-1397" in tax[6]


def test_workbook_of_the_hand_computed_rows(tmp_path: Path) -> None:
    """The scenario's rows: a missing measure is an empty cell, a body without data has none."""
    book = _sheets(_scenario_result(), "en", tmp_path)
    summary = {c[9]: c for c in _values(book["Summary"])}
    assert [c[9] for c in _values(book["Summary"])] == SCENARIO["order"]
    for body in SCENARIO["bodies"]:
        cells = summary[body["id"]]
        assert cells[2] == body["rank"]
        assert cells[4] == (None if body["score"] is None else pytest.approx(body["score"]))
        assert cells[5] == (None if body["points"] is None else pytest.approx(body["points"]))
        assert cells[6] == 10
        assert cells[8] == pytest.approx(body["coverage"])
    b3 = [c for c in _values(book["Measures"]) if c[7] == "B3"]
    assert [c[5] for c in b3] == [None, 10.0, 6.0, 9.0]


# -- the HTML page -------------------------------------------------------------------------------


@pytest.fixture(scope="module")
def festival_pages(demo_result: FestivalResult) -> dict[str, str]:
    pytest.importorskip("jinja2", reason="the extra html (jinja2) is not installed")
    pytest.importorskip("matplotlib", reason="the extra html (matplotlib) is not installed")
    return {lang: festival_html(demo_result, lang) for lang in ("fa", "en")}


def test_html_is_one_page_in_the_readers_language(festival_pages: dict[str, str]) -> None:
    fa, en = festival_pages["fa"], festival_pages["en"]
    assert fa.startswith('<!DOCTYPE html>\n<html dir="rtl" lang="fa">')
    assert en.startswith('<!DOCTYPE html>\n<html dir="ltr" lang="en">')
    assert "@font-face{font-family:'Vazirmatn'" in fa
    assert not re.search(r"""(src|href)=["']?https?:|url\(["']?https?:""", fa)
    assert "<title>جشنواره شهید رجایی: شاخص حقوق شهروندی، سال ۱۳۹۷</title>" in fa


def test_html_summary_by_group_with_band_charts(
    demo_result: FestivalResult, festival_pages: dict[str, str]
) -> None:
    """One chart per group and level, its bars against the festival's bands; no group code."""
    fa, en = festival_pages["fa"], festival_pages["en"]
    assert len(re.findall(r"<svg\b", fa)) == 6
    for group in demo_result.policy.groups[:6]:
        assert f"<h3>گروه {group.name_fa} (سطح استانی)</h3>" in fa
        assert group.code not in fa
        assert f"<h3>Group: {group.name_en} (provincial level)</h3>" in en
    svgs = "".join(re.findall(r"<svg\b.*?</svg>", fa, flags=re.S))
    for band in ("عالی", "خوب", "متوسط", "پایین‌تر از متوسط"):
        assert band in svgs
    assert "سازمان جهاد کشاورزی استان اصفهان" in svgs
    assert "۸۱٫۶۸" in svgs
    assert "Excellent" in en


def test_html_measures_table(festival_pages: dict[str, str]) -> None:
    """The form's measure rows: 35 bodies × 4 measures, with weight, value, points, evidence."""
    measures = festival_pages["en"].split('<section id="measures">')[1].split("</section>")[0]
    rows = re.findall(r"<tr>(.*?)</tr>", measures)
    assert len(rows) == 1 + 35 * 4
    assert [re.sub("<[^>]+>", "", c) for c in re.findall(r"<th[^>]*>.*?</th>", rows[0])] == [
        "Body", "Indicator", "Measure", "Weight", "Value", "Points", "Evidence", "Id",
    ]  # fmt: skip
    first = [re.sub("<[^>]+>", "", c) for c in re.findall(r"<td[^>]*>.*?</td>", rows[1])]
    assert first[:4] == [
        "Agriculture Jihad Organization, Isfahan",
        "Citizens&#39; rights",
        "Results of the joint citizens&#39;-rights inspections",
        "50",
    ]
    assert first[-1] == "isf-agri"


def test_html_and_workbook_refuse_an_unknown_language(
    demo_result: FestivalResult, tmp_path: Path
) -> None:
    with pytest.raises(UnsupportedLanguageError):
        festival_html(demo_result, "de")
    with pytest.raises(UnsupportedLanguageError):
        festival_workbook(demo_result, tmp_path / "x.xlsx", "de")
    assert not (tmp_path / "x.xlsx").exists()


def test_html_without_the_extra(
    demo_result: FestivalResult, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setitem(sys.modules, "jinja2", None)
    with pytest.raises(HtmlUnavailableError, match=r"extra 'html' \(jinja2 is missing\)"):
        festival_html(demo_result, "fa")


# -- the command line: xlsx and html --------------------------------------------------------------


def test_cli_xlsx_to_a_file_and_html(demo_dir: Path, tmp_path: Path) -> None:
    openpyxl = pytest.importorskip("openpyxl", reason="the extra xlsx (openpyxl) is not installed")
    pytest.importorskip("matplotlib", reason="the extra html (matplotlib) is not installed")
    target = tmp_path / "f.xlsx"
    args = ["festival", str(demo_dir), "--year", "1397"]
    done = runner.invoke(app, [*args, "-f", "xlsx", "--lang", "en", "-o", str(target)])
    assert done.exit_code == 0, done.stderr
    assert openpyxl.load_workbook(target).sheetnames == ["Summary", "Measures"]
    page = runner.invoke(app, [*args, "-f", "html"])
    assert page.exit_code == 0, page.stderr
    assert page.stdout.startswith('<!DOCTYPE html>\n<html dir="rtl" lang="fa">')


@pytest.mark.parametrize("command", ["festival", "annual"])
def test_cli_refuses_a_workbook_on_a_terminal(demo_dir: Path, command: str) -> None:
    """As ``report`` does: one line saying what to do, exit 2, before any work."""
    leader, follower = pty.openpty()
    try:
        done = subprocess.run(
            [sys.executable, "-c", "from citizenrights.cli import main; main()",
             command, str(demo_dir), "--year", "1397", "-f", "xlsx"],
            stdout=follower, stderr=subprocess.PIPE, check=False,
        )  # fmt: skip
    finally:
        os.close(follower)
        os.close(leader)
    assert done.returncode == 2
    message = done.stderr.decode().strip()
    assert "\n" not in message
    assert "--format xlsx writes a binary workbook and standard output is a terminal" in message


def test_cli_html_without_the_extra(demo_dir: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setitem(sys.modules, "matplotlib", None)
    done = runner.invoke(app, ["festival", str(demo_dir), "--year", "1397", "-f", "html"])
    assert done.exit_code == 2
    assert "HTML reports need the extra 'html' (matplotlib is missing)" in done.stderr
