"""The public API is exported from the package root, and only that."""

from __future__ import annotations

import importlib
import pkgutil

import pytest

import citizenrights


def test_all_is_sorted_and_unique() -> None:
    """`__all__` is sorted (case-sensitive, as ruff's RUF022 wants) and has no duplicates."""
    names = citizenrights.__all__
    assert len(names) == len(set(names))
    assert list(names) == sorted(names, key=lambda n: (not n.isupper(), n)) or list(
        names
    ) == sorted(names)


def test_every_exported_name_exists() -> None:
    """Each name of `__all__` is an attribute of the package."""
    for name in citizenrights.__all__:
        assert hasattr(citizenrights, name), name


# Names public in their module but deliberately not re-exported from the package root.
NOT_AT_ROOT = frozenset(
    # calendar constants and helpers: reached through citizenrights.calendar
    [
        "FIRST_YEAR",
        "LAST_YEAR",
        "FIXED_HOLIDAYS",
        "MONDAY",
        "TUESDAY",
        "WEDNESDAY",
        "THURSDAY",
        "SATURDAY",
        "SUNDAY",
        "MONTH_NAMES_EN",
        "MONTH_NAMES_FA",
        "WEEKDAY_NAMES_FA",
        "days_in_month",
        "is_leap_year",
        "PERIOD_JSON_SCHEMA",
        "period_core_schema",
        "DEFAULT_ELIGIBILITY_POLICY",
        "DEFAULT_INDEX_POLICY",
        "DEFAULT_SCORING_POLICY",
        "Z_95",
        "NATIONAL",
        "UNKNOWN_PROVINCE",
        "REFERENCE_CHECKLIST_FILE",
        "agency_report_markdown",
        "ranking_csv",
        "report_markdown",
    ]
)


def _public_modules() -> list[str]:
    names = []
    for info in pkgutil.walk_packages(citizenrights.__path__, "citizenrights."):
        parts = info.name.split(".")
        if any(p.startswith("_") for p in parts[1:]) or parts[1] == "cli":
            continue
        names.append(info.name)
    return names


@pytest.mark.parametrize("module_name", _public_modules())
def test_public_objects_are_exported(module_name: str) -> None:
    """Every name in a public submodule's `__all__` is exported from `citizenrights` itself."""
    module = importlib.import_module(module_name)
    exported = set(citizenrights.__all__)
    missing = [
        n for n in getattr(module, "__all__", ()) if n not in exported and n not in NOT_AT_ROOT
    ]
    assert not missing, f"{module_name}: not exported from citizenrights: {missing}"
