"""The public API is exported from the package root, and only that."""

from __future__ import annotations

import inspect

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


def test_public_objects_are_exported() -> None:
    """Every public class and function defined in a public submodule is in `__all__`."""
    import citizenrights.calendar
    import citizenrights.errors
    import citizenrights.identifiers
    import citizenrights.text

    exported = set(citizenrights.__all__)
    for module in (citizenrights.errors, citizenrights.identifiers, citizenrights.text):
        for name, obj in vars(module).items():
            if name.startswith("_") or not (inspect.isclass(obj) or inspect.isfunction(obj)):
                continue
            if getattr(obj, "__module__", "") == module.__name__:
                assert name in exported, f"{module.__name__}.{name} is not exported"
