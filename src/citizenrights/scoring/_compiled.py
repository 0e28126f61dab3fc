"""Checklists compiled to flat arrays for fast scoring (private).

A `CompiledChecklist` is built once per checklist fingerprint and cached (a bounded cache: the
compiled form is a pure function of the fingerprint, so the cache never changes a result). Scoring is
then one pass over the responses, one dict look-up per response for its item and one for its answer,
writing each value into its slot of a list in checklist order; the sums that follow are C-level
``math.fsum`` over slices of that list. Because ``fsum`` is correctly rounded, the result does not
depend on the order of the responses, the items or the sections, bit for bit.

Values in the list: a float (the answer's value, 0 to 1), `NA` for ``not_applicable``, or
`UNANSWERED` for an item left unanswered.
"""

from __future__ import annotations

import math
from collections.abc import Callable, Mapping, Sequence
from itertools import compress
from math import fsum
from operator import itemgetter, mul, truediv
from typing import Any, Final

import attrs

from citizenrights.models.checklists import Checklist, ChecklistItem, Scale
from citizenrights.models.inspections import Answer, Response

__all__ = ["NA", "UNANSWERED", "CompiledChecklist", "Outcome", "compile_checklist"]


# The two markers are distinct NaN objects, told apart by identity: ``list.count`` and ``list.index``
# check identity first and a NaN equals nothing else, so counting and finding them against the
# float values stays a fast float comparison. They never reach a sum: their slots are set to 0.0.
#: The value slot of an item answered ``not_applicable``.
NA: Final = float("nan")
#: The value slot of an item left unanswered.
UNANSWERED: Final = float("nan")
Value = float
CACHE_SIZE: Final = 64

_NAMED: dict[Scale, dict[Answer | int, float]] = {
    Scale.BINARY: {Answer.COMPLIANT: 1.0, Answer.NON_COMPLIANT: 0.0},
    Scale.TERNARY: {Answer.COMPLIANT: 1.0, Answer.PARTIAL: 0.5, Answer.NON_COMPLIANT: 0.0},
}


def _value_table(item: ChecklistItem) -> dict[Answer | int, float]:
    """Every answer the item accepts, mapped to its value (or NA); nothing else is a key."""
    table: dict[Answer | int, float]
    if isinstance(item.scale, Scale):
        table = dict(_NAMED[item.scale])
    else:
        top = item.levels - 1
        table = {k: k / top for k in range(item.levels)}
    if item.allow_na:
        table[Answer.NOT_APPLICABLE] = NA
    return table


@attrs.frozen
class CompiledSection:
    """A section's slice of the flat arrays, its weights and its titles."""

    code: str
    title: str
    title_en: str | None
    weight: float
    start: int
    stop: int
    item_weights: tuple[float, ...]
    weight_sum: float  # fsum(item_weights)


#: ``(section means, raw score)``: a mean per section (0–1, ``None`` when the section has no counted
#: item) and the unrounded, uncapped score (``None`` when no section has one).
Outcome = tuple[tuple[float | None, ...], float | None]


@attrs.frozen(eq=False)
class CompiledChecklist:
    """A checklist as flat arrays in checklist order, for `score_inspection`."""

    fingerprint: str
    key: tuple[str, str]
    codes: tuple[str, ...]
    weights: tuple[float, ...]
    section_of: tuple[int, ...]
    critical: tuple[int, ...]  # indexes of the critical items
    levels: tuple[int | None, ...]  # None for the named scales
    answers: tuple[dict[float, Answer | int], ...]  # value -> answer, to show the breakdown
    sections: tuple[CompiledSection, ...]
    slices: tuple[slice, ...]
    section_weights: tuple[float, ...]
    section_weight_sums: tuple[float, ...]
    section_weight_total: float
    lookup: dict[str, tuple[int, dict[Answer | int, float]]]
    unit_weights: bool  # every item weighs 1.0, so w * v is v
    critical_codes: tuple[str, ...]
    # Per-policy data that the scorer keeps here (see _basis.ScoreBasis); never part of a result.
    bases: dict[int, Any] = attrs.field(factory=dict, repr=False)
    # Derived from the fields above (so never pickled): `lookup` with plain keys (an answer's
    # text, as a JSON line gives it, hashes and compares fastest against text), its answer tables
    # in checklist order, and the codes as a list (a line lists them so, most of the time).
    plain_lookup: dict[str, tuple[int, dict[str | int, float]]] = attrs.field(
        init=False, repr=False
    )
    plain_tables: tuple[dict[str | int, float], ...] = attrs.field(init=False, repr=False)
    code_list: list[str] = attrs.field(init=False, repr=False)
    unit_sections: bool = attrs.field(init=False, repr=False)  # every section weighs 1.0
    exact_weights: bool = attrs.field(init=False, repr=False)  # see _exact_sums
    critical_values: Callable[[list[Value]], Sequence[Value]] = attrs.field(init=False, repr=False)

    def __attrs_post_init__(self) -> None:
        plain = {
            code: (index, {_plain(a): v for a, v in table.items()})
            for code, (index, table) in self.lookup.items()
        }
        derived = {
            "plain_lookup": plain,
            "plain_tables": tuple(plain[code][1] for code in self.codes),
            "code_list": list(self.codes),
            "unit_sections": all(w == 1.0 for w in self.section_weights),
            "exact_weights": all(_exact_sums(s.item_weights) for s in self.sections),
            "critical_values": _getter(self.critical),
        }
        for name, value in derived.items():
            object.__setattr__(self, name, value)

    @classmethod
    def build(cls, checklist: Checklist) -> CompiledChecklist:
        """Compile a validated checklist."""
        codes: list[str] = []
        weights: list[float] = []
        section_of: list[int] = []
        levels: list[int | None] = []
        answers: list[dict[float, Answer | int]] = []
        lookup: dict[str, tuple[int, dict[Answer | int, float]]] = {}
        sections: list[CompiledSection] = []
        for s, section in enumerate(checklist.sections):
            start = len(codes)
            for item in section.items:
                table = _value_table(item)
                lookup[item.code] = (len(codes), table)
                codes.append(item.code)
                weights.append(float(item.weight))
                section_of.append(s)
                levels.append(None if isinstance(item.scale, Scale) else item.levels)
                answers.append({v: a for a, v in table.items() if v is not NA})
            item_weights = tuple(weights[start:])
            sections.append(
                CompiledSection(
                    code=section.code,
                    title=section.title,
                    title_en=section.title_en,
                    weight=float(section.weight),
                    start=start,
                    stop=len(codes),
                    item_weights=item_weights,
                    weight_sum=fsum(item_weights),
                )
            )
        section_weights = tuple(s.weight for s in sections)
        return cls(
            fingerprint=checklist.fingerprint,
            key=checklist.key,
            codes=tuple(codes),
            weights=tuple(weights),
            section_of=tuple(section_of),
            critical=tuple(i for i, item in enumerate(checklist.items()) if item.critical),
            levels=tuple(levels),
            answers=tuple(answers),
            sections=tuple(sections),
            slices=tuple(slice(s.start, s.stop) for s in sections),
            section_weights=section_weights,
            section_weight_sums=tuple(s.weight_sum for s in sections),
            section_weight_total=fsum(section_weights),
            lookup=lookup,
            unit_weights=all(w == 1.0 for w in weights),
            critical_codes=tuple(i.code for i in checklist.items() if i.critical),
        )

    def __reduce__(self) -> tuple[Any, ...]:
        # Pickled by value, without the per-policy cache; the receiving process reuses its own
        # compiled form of the same fingerprint when it has one (see _unpickle).
        state = tuple(getattr(self, name) for name in _STATE)
        return (_unpickle, (state,))

    def values(self, responses: Sequence[Response]) -> tuple[list[Value], int] | None:
        """The value of every item in checklist order and how many are unanswered.

        ``None`` when a response does not fit the checklist.

        A response for an unknown item or with an answer the item does not take raises a
        ``KeyError`` inside the loop; a second response for the same item overwrites a slot, so
        fewer slots are filled than there are responses. Either way the caller asks
        ``Inspection.check_against`` for the full list of problems.
        """
        vals: list[Value] = [UNANSWERED] * len(self.codes)
        lookup = self.lookup
        try:
            for r in responses:
                idx, table = lookup[r.item]
                vals[idx] = table[r.answer]
        except KeyError:
            return None
        unanswered = vals.count(UNANSWERED)
        if len(responses) != len(vals) - unanswered:
            return None
        return vals, unanswered

    def values_of(self, responses: Sequence[Mapping[str, Any]]) -> tuple[list[Value], int] | None:
        """`values` of responses as dicts (``item`` and ``answer`` keys), as the fast path has them.

        The item codes and answers may be plain, as the JSON line gives them (text, or whole
        numbers): only a checklist code and an answer its item takes, exactly, are found, and
        the model reads those unchanged. Anything else gives ``None``.
        """
        try:
            if list(map(_ITEM, responses)) == self.code_list:
                # Every item once, in checklist order (most lines): C-level look-ups.
                return list(map(dict.__getitem__, self.plain_tables, map(_ANSWER, responses))), 0
            # The loop of `values`, with keys for attributes.
            vals: list[Value] = [UNANSWERED] * len(self.codes)
            lookup = self.plain_lookup
            for r in responses:
                idx, table = lookup[r["item"]]
                vals[idx] = table[r["answer"]]
        except KeyError:
            return None
        unanswered = vals.count(UNANSWERED)
        if len(responses) != len(vals) - unanswered:
            return None
        return vals, unanswered

    def outcome(
        self, vals: list[Value], *, na: int, unanswered: int, zero_unanswered: bool
    ) -> Outcome:
        """The section means and the raw score of a list of values from `values`.

        Args:
            vals: the values in checklist order.
            na: how many of them are `NA`.
            unanswered: how many of them are `UNANSWERED`.
            zero_unanswered: count an unanswered item as 0 (else leave it out like N/A).
        """
        dens: tuple[float, ...] | list[float] = self.section_weight_sums
        emptied = False
        if na or unanswered:
            # Few items are N/A or unanswered: find them with C-level scans, put 0.0 in their
            # slots, and take the weights of those left out off their sections' denominators
            # inside fsum, which is exact, so the bits are those of a checklist without them.
            filled: list[Value] = vals.copy()
            dens = list(dens)
            section_of = self.section_of
            if self.exact_weights and (zero_unanswered or not unanswered):
                # Each difference is exact (see _exact_sums), as fsum's. Only the N/A items are
                # left out (an unanswered one counts 0).
                weights = self.weights
                i = -1
                for _ in range(na):
                    i = vals.index(NA, i + 1)
                    filled[i] = 0.0
                    dens[section_of[i]] -= weights[i]
                i = -1
                for _ in range(unanswered):
                    i = vals.index(UNANSWERED, i + 1)
                    filled[i] = 0.0
                emptied = 0.0 in dens
            else:
                emptied = self._leave_out(vals, filled, dens, na, unanswered, zero_unanswered)
            vals = filled
        products = vals if self.unit_weights else list(map(mul, vals, self.weights))
        sums = map(fsum, map(products.__getitem__, self.slices))
        if not emptied:
            means = tuple(map(truediv, sums, dens))
            if self.unit_sections:  # w * m is m, bit for bit
                return means, 100.0 * (fsum(means) / self.section_weight_total)
            raw = fsum(map(mul, self.section_weights, means)) / self.section_weight_total
            return means, 100.0 * raw
        # Some section has no counted item: it is left out of the inspection's mean.
        kept = [(n / d) if d else None for n, d in zip(sums, dens, strict=True)]
        present = [(w, m) for w, m in zip(self.section_weights, kept, strict=True) if m is not None]
        if not present:
            return tuple(kept), None
        raw = fsum([w * m for w, m in present]) / fsum([w for w, _ in present])
        return tuple(kept), 100.0 * raw

    def _leave_out(
        self,
        vals: list[Value],
        filled: list[Value],
        dens: list[float],
        na: int,
        unanswered: int,
        zero_unanswered: bool,
    ) -> bool:
        """`outcome`'s general case: whether a section is left with no counted item.

        Zeroes the N/A and unanswered slots of ``filled`` and takes the weights of those left
        out off ``dens``, inside ``fsum``.
        """
        dropped: dict[int, list[float]] = {}
        section_of, weights, unit = self.section_of, self.weights, self.unit_weights
        emptied = False
        for marker, count, drop in (
            (NA, na, True),
            (UNANSWERED, unanswered, not zero_unanswered),
        ):
            i = -1
            for _ in range(count):
                i = vals.index(marker, i + 1)
                filled[i] = 0.0
                if not drop:
                    continue
                if unit:
                    dens[section_of[i]] -= 1.0
                else:
                    dropped.setdefault(section_of[i], []).append(-weights[i])
        if unit:
            emptied = 0.0 in dens
        for s, minus in dropped.items():
            section = self.sections[s]
            if len(minus) == section.stop - section.start:
                dens[s] = 0.0
                emptied = True
            else:
                dens[s] = fsum([*section.item_weights, *minus])
        return emptied

    def capped_by(self, vals: list[Value]) -> tuple[str, ...]:
        """The codes of the critical items answered non-compliant (level 0), in checklist order."""
        critical = self.critical_values(vals)
        if 0.0 not in critical:
            return ()
        return tuple(compress(self.critical_codes, map((0.0).__eq__, critical)))


_ITEM: Final = itemgetter("item")
_ANSWER: Final = itemgetter("answer")


def _exact_sums(weights: Sequence[float]) -> bool:
    """Whether every sum of some of these weights, added or taken off one at a time, is exact.

    Each weight is a float, so a multiple of ``2**-e`` for some ``e``. When the largest such
    ``e``, ``E``, and the sum ``B`` of the weights satisfy ``B * 2**E < 2**53``, every partial sum
    of some of them is a multiple of ``2**-E`` below ``2**(53 - E)``: a float. So each addition
    or subtraction is exact, and the result is ``fsum``'s to the bit. Whole weights qualify
    (``E = 0``), and so do weights like 0.5 or 1.25; 0.1 does not.
    """
    exponent = max(w.as_integer_ratio()[1].bit_length() - 1 for w in weights)
    return fsum(weights) * 2.0**exponent < 2.0**53


def _plain(answer: Answer | int) -> str | int:
    """An answer as a JSON line gives it: a named answer's text, or the level."""
    return answer.value if isinstance(answer, Answer) else answer


def _getter(indexes: tuple[int, ...]) -> Callable[[list[Value]], Sequence[Value]]:
    """A C-level function from a list to its items at ``indexes``, as a sequence."""
    if len(indexes) >= 2:
        return itemgetter(*indexes)  # a tuple of the items
    return lambda values: [values[i] for i in indexes]


_CACHE: dict[str, CompiledChecklist] = {}
# The fields a pickle carries: those given to the constructor, less the per-policy cache.
_STATE: Final = tuple(
    f.name for f in attrs.fields(CompiledChecklist) if f.init and f.name != "bases"
)


def _unpickle(state: tuple[Any, ...]) -> CompiledChecklist:
    """A compiled checklist from its pickled fields, the cached one of its fingerprint if any.

    Pickling makes a new NaN of `NA`: the answer tables get the module's own back.
    """
    cached = _CACHE.get(state[0])
    if cached is not None:
        return cached
    fields = dict(zip(_STATE, state, strict=True))
    fields["lookup"] = {
        code: (index, {a: NA if math.isnan(v) else v for a, v in table.items()})
        for code, (index, table) in fields["lookup"].items()
    }
    compiled = CompiledChecklist(**fields)
    _remember(compiled)
    return compiled


def _remember(compiled: CompiledChecklist) -> None:
    if len(_CACHE) >= CACHE_SIZE:
        # Drop the oldest entry (dicts keep insertion order); the cache only saves work.
        _CACHE.pop(next(iter(_CACHE)), None)
    _CACHE[compiled.fingerprint] = compiled


def compile_checklist(checklist: Checklist) -> CompiledChecklist:
    """The compiled form of a checklist, from a bounded cache keyed by its fingerprint.

    Examples:
        >>> from citizenrights import Checklist
        >>> cl = Checklist.model_validate({"id": "c", "version": "1", "title": "t", "sections": [
        ...     {"code": "S", "title": "t", "items": [{"code": "a", "text": "t", "scale": 5}]}]})
        >>> compiled = compile_checklist(cl)
        >>> compiled.codes, compiled.lookup["a"][1][3], compile_checklist(cl) is compiled
        (('a',), 0.75, True)
    """
    fingerprint = checklist.fingerprint
    compiled = _CACHE.get(fingerprint)
    if compiled is None:
        compiled = CompiledChecklist.build(checklist)
        _remember(compiled)
    return compiled
