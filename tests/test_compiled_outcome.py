"""The compiled checklist's sums are the definition's, bit for bit, whatever the weights.

`CompiledChecklist.outcome` takes the weights of N/A (and excluded unanswered) items off their
sections' denominators by plain subtraction when every such sum is exact (whole weights, or
weights like 0.5 and 1.25), and inside ``fsum`` otherwise. Both must give the definition's
result: each section's mean is fsum(weight × value) / fsum(weight) over its counted items, and
the score 100 × fsum(section weight × mean) / fsum(section weight) over the sections that have
one.
"""

from __future__ import annotations

import math
import random
from typing import Any

import pytest

from citizenrights import Checklist
from citizenrights.scoring._compiled import NA, UNANSWERED, CompiledChecklist, _exact_sums

POOLS: dict[str, list[float]] = {
    "unit": [1.0],
    "whole": [1.0, 2.0, 3.0, 7.0, 1000.0],
    "halves": [0.5, 1.0, 1.5, 2.0, 0.25, 1.25],
    "tenths": [0.1, 0.2, 0.3, 0.7, 1.0],
    "thirds": [1 / 3, 2 / 3, 1.0, 0.1],
    "wide": [1_000_000.0, 2.0**-30, 0.5, 3.0],
}


def definition(
    checklist: Checklist, vals: list[float], zero_unanswered: bool
) -> tuple[tuple[float | None, ...], float | None]:
    means: list[float | None] = []
    n = 0
    for section in checklist.sections:
        counted = []
        for item in section.items:
            v = vals[n]
            n += 1
            if v is NA or (v is UNANSWERED and not zero_unanswered):
                continue
            counted.append((float(item.weight), 0.0 if v is UNANSWERED else v))
        if counted:
            means.append(math.fsum(w * v for w, v in counted) / math.fsum(w for w, _ in counted))
        else:
            means.append(None)
    present = [
        (float(s.weight), m)
        for s, m in zip(checklist.sections, means, strict=True)
        if m is not None
    ]
    if not present:
        return tuple(means), None
    raw = math.fsum(w * m for w, m in present) / math.fsum(w for w, _ in present)
    return tuple(means), 100.0 * raw


def random_checklist(rng: random.Random, pool: list[float]) -> Checklist:
    sections: list[dict[str, Any]] = []
    for s in range(rng.randint(1, 5)):
        items = [
            {
                "code": f"S{s}.{i}",
                "text": "t",
                "weight": rng.choice(pool),
                "scale": rng.choice(["binary", "ternary", 3, 4, 5]),
            }
            for i in range(rng.randint(1, 6))
        ]
        sections.append({"code": f"S{s}", "title": "t", "weight": rng.choice(pool), "items": items})
    return Checklist.model_validate({"id": "c", "version": "1", "title": "t", "sections": sections})


@pytest.mark.parametrize("pool", list(POOLS))
def test_outcome_is_the_definition_bit_for_bit(pool: str) -> None:
    rng = random.Random(pool)
    exact = 0
    for _ in range(150):
        checklist = random_checklist(rng, POOLS[pool])
        compiled = CompiledChecklist.build(checklist)
        exact += compiled.exact_weights
        tables = [compiled.lookup[code][1] for code in compiled.codes]
        for _ in range(6):
            vals = []
            for table in tables:
                roll = rng.random()
                if roll < 0.2:
                    vals.append(UNANSWERED)
                else:
                    vals.append(table[rng.choice(list(table))])
            for zero in (True, False):
                got = compiled.outcome(
                    vals,
                    na=vals.count(NA),
                    unanswered=vals.count(UNANSWERED),
                    zero_unanswered=zero,
                )
                assert repr(got) == repr(definition(checklist, vals, zero))
    # Both branches are exercised: the exact one for the pools whose sums are exact.
    if pool in ("unit", "whole", "halves"):
        assert exact == 150
    elif pool in ("tenths", "thirds"):
        assert exact < 150


def test_exact_sums() -> None:
    assert _exact_sums([1.0, 2.0, 3.0])
    assert _exact_sums([0.5, 1.25, 1_000_000.0])
    assert not _exact_sums([0.1, 1.0])
    assert not _exact_sums([2.0**52, 2.0**52, 0.5])
