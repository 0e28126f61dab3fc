"""Peer groups come from the data: ``peer_groups.json`` names them and checks agencies' categories.

DESIGN section 9: labels of data-defined values (peer groups, festival groups, programmes) come
from the data. Without the file, categories are free labels and reports fall back to the names of
the reference data, then to the code.
"""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest

from citizenrights import PeerGroup, build_report, load_demo
from citizenrights.dataset import Dataset, demo_dataset_path
from citizenrights.errors import DatasetError


@pytest.fixture
def folder(tmp_path: Path) -> Path:
    with demo_dataset_path() as demo:
        shutil.copytree(demo, tmp_path / "demo")
    return tmp_path / "demo"


def _agencies(folder: Path) -> list[dict[str, object]]:
    records: list[dict[str, object]] = json.loads((folder / "agencies.json").read_text("utf-8"))
    return records


def _set_category(folder: Path, agency_id: str, category: str) -> None:
    records = _agencies(folder)
    for record in records:
        if record["id"] == agency_id:
            record["category"] = category
    text = json.dumps(records, ensure_ascii=False, indent=2)
    (folder / "agencies.json").write_text(text + "\n", "utf-8")


def _line_of(folder: Path, agency_id: str) -> int:
    lines = (folder / "agencies.json").read_text("utf-8").splitlines()
    return next(n for n, line in enumerate(lines, 1) if f'"id": "{agency_id}"' in line) - 1


def test_the_demo_names_its_groups() -> None:
    """The demo lists the six groups its agencies use, each with both names."""
    demo = load_demo()
    assert {g.code for g in demo.peer_groups} == {
        a.category for a in demo.agencies if a.category is not None
    }
    assert all(g.name and g.name_en for g in demo.peer_groups)


@pytest.mark.parametrize("reader", ["validate", "load", "stream"])
def test_a_category_not_listed_is_a_problem(folder: Path, reader: str) -> None:
    """An agency whose category peer_groups.json does not list: file, line, value, where to look."""
    _set_category(folder, "isf-tax", "economy")
    line = _line_of(folder, "isf-tax")
    expected = [
        f"agencies.json:{line}: category: unknown peer group 'economy': not in peer_groups.json"
    ]
    if reader == "validate":
        assert Dataset.validate(folder) == expected
    elif reader == "load":
        with pytest.raises(DatasetError) as caught:
            Dataset.load(folder)
        assert list(caught.value.problems) == expected
    else:
        with Dataset.stream(folder) as stream:
            for _ in stream:
                pass
        assert stream.problems == expected


def test_in_memory_datasets_are_checked_alike() -> None:
    """A dataset built from records gets the same check, naming the record."""
    demo = load_demo()
    groups = [g for g in demo.peer_groups if g.code != "economic"]
    with pytest.raises(DatasetError, match="unknown peer group 'economic'"):
        Dataset.from_records(demo.agencies, checklists=demo.checklists, peer_groups=groups)


@pytest.mark.parametrize("listing", [None, "[]"])
def test_without_a_listing_categories_are_free(folder: Path, listing: str | None) -> None:
    """No peer_groups.json, or an empty one: any category is accepted, and named by its code."""
    path = folder / "peer_groups.json"
    if listing is None:
        path.unlink()
    else:
        path.write_text(listing, "utf-8")
    _set_category(folder, "isf-tax", "economy")
    assert Dataset.validate(folder) == []
    report = build_report(Dataset.load(folder), "1397-Q4", scope="IR-10")
    row = next(r for r in report.ranking if r.agency_id == "isf-tax")
    assert (row.group_name, row.group_name_en, row.group_label("en")) == (None, None, "economy")
    # The other groups keep the reference data's names.
    other = next(r for r in report.ranking if r.group == "social")
    assert other.group_label("en") == "Social and cultural agencies"


def test_reports_name_groups_as_the_data_does(folder: Path) -> None:
    """A group renamed in peer_groups.json is named so in every format and in the JSON."""
    path = folder / "peer_groups.json"
    groups = json.loads(path.read_text("utf-8"))
    for g in groups:
        if g["code"] == "economic":
            g["name"], g["name_en"] = "دستگاه‌های اقتصادی و مالی", "Economy and finance"
    path.write_text(json.dumps(groups, ensure_ascii=False), "utf-8")
    report = build_report(Dataset.load(folder), "1397-Q4", scope="IR-10")
    row = next(r for r in report.ranking if r.group == "economic")
    assert row.to_dict()["group_name_en"] == "Economy and finance"
    assert "### Economy and finance" in report.to_markdown("en")
    assert "دستگاه‌های اقتصادی و مالی" in report.to_markdown("fa")
    head = report.for_agency(row.agency_id).to_markdown("en")
    assert "Economy and finance" in head


def test_peer_group_record() -> None:
    """A record validates as the others do: text cleaned, code required."""
    group = PeerGroup.model_validate({"code": " banks ", "name": "بانک‌ها"})
    assert (group.code, group.name_en) == ("banks", None)
