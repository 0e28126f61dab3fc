"""The bundled reference checklist, derived from articles 3–13 and 18 of Resolution 1127128.

Resolution 1127128 of the High Administrative Council, "citizens' rights in the administrative
system" (حقوق شهروندی در نظام اداری, communicated 1395/12/28), names one right per article in
articles 3–13; each is a section (``A03`` … ``A13``) of observable checks, and section ``ORG``
holds the organisational measures of article 18. It is a reference, not an official instrument:
agencies load their own checklists. Critical items (a failure caps the score) may not be answered
``not_applicable``.

The checklist ships as package data (``citizenrights/data/reference_checklist.json``), read and
validated on the first call and cached after it; importing the library reads nothing.

Examples:
    >>> cl = reference_checklist()
    >>> cl.id, cl.version, cl.effective_from
    ('reference', '1395.2', datetime.date(2017, 3, 18))
    >>> [s.code for s in cl.sections][:3], len(list(cl.items()))
    (['A03', 'A04', 'A05'], 42)
    >>> item = cl.item("A05.1")
    >>> item.critical, item.scale, item.reference
    (True, <Scale.BINARY: 'binary'>, 'Res. 1127128 art. 5')
    >>> reference_checklist() is cl
    True
"""

from __future__ import annotations

import functools
from importlib import resources

from citizenrights.models.checklists import Checklist

__all__ = ["REFERENCE_CHECKLIST_FILE", "reference_checklist"]

#: The package-data file of the reference checklist, relative to the ``citizenrights`` package.
REFERENCE_CHECKLIST_FILE = "data/reference_checklist.json"


@functools.cache
def reference_checklist() -> Checklist:
    """The reference checklist of citizens' rights (id ``reference``), loaded once and cached.

    Returns:
        The validated checklist; the same object on every call (it is immutable).
    """
    source = resources.files("citizenrights").joinpath(REFERENCE_CHECKLIST_FILE)
    return Checklist.model_validate_json(source.read_bytes())
