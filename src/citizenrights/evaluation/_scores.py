"""The period's inspection scores kept compact: a columnar table, and a mapping view of it (private).

A report partial keeps one row per inspection of the period (a national period has hundreds of
thousands). An [`InspectionScore`][citizenrights.scoring.inspection_results.InspectionScore] object
with its item values and section means is about a kilobyte of Python objects; a `ScoreTable` row is
about 200 bytes for a checklist of 42 items (most of them the item values and section means), in a
few flat arrays that pickle as bytes and merge by concatenation:

- the fields most rows share (agency, kind, grade, status, reason, the critical items that capped
  the score, joint, and the score's basis: its checklist, policy and stamps) as one code into a
  small palette of their combinations;
- the date as a day ordinal, the score, raw score and completeness as doubles (NaN for ``None``:
  a score is never NaN);
- the inspection id as UTF-8 bytes in one buffer, with the end offsets;
- the item values as one code each into a palette of the distinct values (the N/A and unanswered
  markers among them), and the section means as doubles (NaN for ``None``).

A `ScoreView` is the read-only ``Mapping[str, InspectionScore]`` of a table, by inspection id in
id order: it rebuilds each score when it is read (equal to the one folded, field for field, its
section and item breakdown included) and keeps none, so reading a period's scores one by one
never holds them all. Floats are stored as doubles and read back bit for bit.
"""

from __future__ import annotations

import datetime as dt
from array import array
from collections.abc import ItemsView, Iterator, Mapping, ValuesView
from typing import Any, Final, cast

from citizenrights.scoring.inspection_results import (
    InspectionScore,
    marked_values,
    plain_values,
)

__all__ = ["ScoreTable", "ScoreView"]

_NAN: Final = float("nan")

#: A combination of the fields most rows share: agency id, kind, grade, status, reason,
#: capped_by, joint and the score's basis (a ``ScoreBasis``).
_Combo = tuple[Any, ...]


def _basis_key(basis: Any) -> tuple[Any, ...]:
    """What tells two bases apart: their stamps and rules, and the policy itself (by value).

    Bases equal by this key make scores that read the same in every field and figure (the
    compiled checklist is the one of the fingerprint), from whichever process they came.
    """
    return (
        basis.checklist_id,
        basis.checklist_version,
        basis.checklist_fingerprint,
        basis.policy_version,
        basis.library_version,
        basis.zero_unanswered,
        basis.policy,
    )


def _key(combo: _Combo) -> tuple[Any, ...]:
    """A combination's key in its table's index (as `ScoreTable.append` makes it)."""
    agency, kind, grade, status, reason, capped_by, joint, basis = combo
    return (agency, id(kind), id(grade), id(status), reason, capped_by, joint, id(basis))


def _value_key(combo: _Combo) -> tuple[Any, ...]:
    """A combination as a key comparable across processes (the basis by its fields)."""
    return (*combo[:7], _basis_key(combo[7]))


class ScoreTable:
    """Inspection scores as rows of flat arrays: appended one at a time, concatenated exactly.

    Rows keep the order they were appended in; [`ScoreView`][citizenrights.evaluation._scores.ScoreView]
    reads them in inspection id order (a later row of an id shadows an earlier one, as a later
    entry of a dict does).
    """

    __slots__ = (
        "_combo",
        "_combos",
        "_completeness",
        "_date",
        "_id_ends",
        "_ids",
        "_index",
        "_means",
        "_raw",
        "_score",
        "_values",
        "_viewed",
        "_vindex",
        "_vpalette",
    )

    def __init__(self) -> None:
        self._combos: list[_Combo] = []  # the palette of shared-field combinations
        self._index: dict[tuple[Any, ...], int] = {}  # combination (basis by id) -> code
        self._combo: array[int] = array("I")
        self._date: array[int] = array("i")
        self._score: array[float] = array("d")
        self._raw: array[float] = array("d")
        self._completeness: array[float] = array("d")
        self._ids = bytearray()
        self._id_ends: array[int] = array("Q")
        self._vpalette: list[float] = []  # the distinct item values (markers included)
        self._vindex: dict[float, int] = {}  # value -> code (the NaN markers by identity)
        self._values: array[int] = array("B")
        self._means: array[float] = array("d")
        self._viewed: ScoreView | None = None  # the last view, while no row has been added

    def __len__(self) -> int:
        return len(self._combo)

    def __repr__(self) -> str:
        return f"<ScoreTable: {len(self)} scores>"

    # -- pickling: the value markers travel as "na" and None, the combinations' index is rebuilt --

    def __getstate__(self) -> dict[str, Any]:
        state = {name: getattr(self, name) for name in self.__slots__}
        del state["_index"], state["_vindex"], state["_viewed"]
        state["_vpalette"] = plain_values(tuple(self._vpalette))
        return state

    def __setstate__(self, state: dict[str, Any]) -> None:
        for name, value in state.items():
            setattr(self, name, value)
        self._vpalette = list(marked_values(state["_vpalette"]))
        self._vindex = {v: n for n, v in enumerate(self._vpalette)}
        self._index = {_key(c): n for n, c in enumerate(self._combos)}
        self._viewed = None

    # -- appending -----------------------------------------------------------------------------

    def _new_combo(self, key: tuple[Any, ...], combo: _Combo) -> int:
        code = len(self._combos)
        self._combos.append(combo)
        self._index[key] = code
        return code

    def _new_value(self, value: float) -> int:
        code = len(self._vpalette)
        if code == 256 and self._values.typecode == "B":
            self._values = array("H", self._values)
        self._vpalette.append(value)
        self._vindex[value] = code
        return code

    def append(self, s: InspectionScore) -> None:
        """Add a score as a row."""
        basis = s._basis
        # Enums, None and the basis are singletons here: keyed by identity, hashed at C speed.
        key = (
            s.agency_id,
            id(s.kind),
            id(s.grade),
            id(s.status),
            s.reason,
            s.capped_by,
            s.joint,
            id(basis),
        )
        code = self._index.get(key)
        if code is None:
            code = self._new_combo(
                key, (s.agency_id, s.kind, s.grade, s.status, s.reason, s.capped_by, s.joint, basis)
            )
        self._combo.append(code)
        self._date.append(s.date.toordinal())
        score, raw, completeness = s.score, s.raw_score, s.completeness
        self._score.append(_NAN if score is None else score)
        self._raw.append(_NAN if raw is None else raw)
        self._completeness.append(_NAN if completeness is None else completeness)
        self._ids += s.inspection_id.encode()
        self._id_ends.append(len(self._ids))
        values = s._values
        try:
            if self._values.typecode == "B":
                self._values.frombytes(bytes(map(self._vindex.__getitem__, values)))
                return self._add_means(s._means)
        except KeyError:
            pass  # a value not seen yet: added below
        codes = [self._code(v) for v in values]  # may widen the codes: extend after
        self._values.extend(codes)
        self._add_means(s._means)

    def _code(self, value: float) -> int:
        code = self._vindex.get(value)
        return self._new_value(value) if code is None else code

    def _add_means(self, means: tuple[float | None, ...]) -> None:
        if None in means:
            self._means.fromlist([_NAN if m is None else m for m in means])
        else:
            self._means.fromlist(list(cast("tuple[float, ...]", means)))

    # -- concatenating -------------------------------------------------------------------------

    def copy(self) -> ScoreTable:
        """A new table of the same rows (arrays and palettes copied; the bases shared)."""
        out = ScoreTable.__new__(ScoreTable)
        out._combos = list(self._combos)
        out._index = dict(self._index)
        out._vpalette = list(self._vpalette)
        out._vindex = dict(self._vindex)
        out._ids = bytearray(self._ids)
        for name in ("_combo", "_date", "_score", "_raw", "_completeness", "_id_ends"):
            setattr(out, name, array(getattr(self, name).typecode, getattr(self, name)))
        out._values = array(self._values.typecode, self._values)
        out._means = array("d", self._means)
        out._viewed = None
        return out

    def extend(self, other: ScoreTable) -> None:
        """Add the rows of another table after this one's (the other is not changed)."""
        if not len(other):
            return
        # The other table's combinations and values as this table's codes.
        mine = {_value_key(c): n for n, c in enumerate(self._combos)}
        remap = []
        for combo in other._combos:
            found = mine.get(_value_key(combo))
            if found is None:
                found = mine[_value_key(combo)] = self._new_combo(_key(combo), combo)
            remap.append(found)
        if remap == list(range(len(remap))):
            self._combo.extend(other._combo)
        else:
            self._combo.extend(map(remap.__getitem__, other._combo))
        vremap = [
            self._vindex[v] if v in self._vindex else self._new_value(v) for v in other._vpalette
        ]
        if vremap == list(range(len(vremap))) and self._values.typecode == other._values.typecode:
            self._values.extend(other._values)
        elif self._values.typecode == "B" and other._values.typecode == "B":
            table = bytes(vremap) + bytes(256 - len(vremap))
            self._values.frombytes(other._values.tobytes().translate(table))
        else:
            self._values.extend(map(vremap.__getitem__, other._values))
        self._date.extend(other._date)
        self._score.extend(other._score)
        self._raw.extend(other._raw)
        self._completeness.extend(other._completeness)
        self._means.extend(other._means)
        shift = len(self._ids)
        self._ids += other._ids
        if shift:
            self._id_ends.extend([e + shift for e in other._id_ends])
        else:
            self._id_ends.extend(other._id_ends)

    # -- reading -------------------------------------------------------------------------------

    def view(self) -> ScoreView:
        """The read-only mapping of the rows so far, by inspection id in id order.

        The same view while no row is added, so that reading it twice sorts the ids once.
        """
        viewed = self._viewed
        if viewed is None or viewed._size != len(self):
            viewed = self._viewed = ScoreView(self, len(self))
        return viewed


def _none(x: float) -> float | None:
    return None if x != x else x


class ScoreView(Mapping[str, InspectionScore]):
    """The scores of a [`ScoreTable`][citizenrights.evaluation._scores.ScoreTable] by inspection id.

    A read-only ``Mapping[str, InspectionScore]`` in inspection id order, like the sorted dict it
    stands for (it equals that dict). Each score is rebuilt when it is read and not kept. It reads
    the first ``size`` rows of the table only: rows appended to the table later are not in it.
    """

    __slots__ = ("_ends", "_lookup", "_order", "_size", "_table")

    def __init__(self, table: ScoreTable, size: int) -> None:
        self._table = table
        self._size = size
        self._order: array[int] | None = None  # rows in id order, the last row of an id only
        self._ends: tuple[array[int], array[int]] | None = None  # value and mean end offsets
        self._lookup: dict[str, int] | None = None

    def __reduce__(self) -> tuple[Any, ...]:
        return (_unpickle_view, (self._trimmed(),))

    def _trimmed(self) -> ScoreTable:
        table = self._table
        if len(table) == self._size:
            return table
        out = table.copy()
        n, ends = self._size, table._id_ends
        id_end = ends[n - 1] if n else 0
        for name in ("_combo", "_date", "_score", "_raw", "_completeness", "_id_ends"):
            del getattr(out, name)[n:]
        del out._ids[id_end:]
        value_ends, mean_ends = self._offsets()
        del out._values[value_ends[n - 1] if n else 0 :]
        del out._means[mean_ends[n - 1] if n else 0 :]
        return out

    def __repr__(self) -> str:
        return f"<ScoreView: {len(self)} inspection scores>"

    def _rows(self) -> array[int]:
        if self._order is None:
            n = self._size
            ids = [self._id(r) for r in range(n)]
            rows = sorted(range(n), key=ids.__getitem__)  # stable: equal ids keep row order
            order = array("I")
            for k, r in enumerate(rows):
                if k + 1 == n or ids[rows[k + 1]] != ids[r]:
                    order.append(r)
            self._order = order
        return self._order

    def _id(self, row: int) -> str:
        ends = self._table._id_ends
        start = ends[row - 1] if row else 0
        return self._table._ids[start : ends[row]].decode()

    def _offsets(self) -> tuple[array[int], array[int]]:
        if self._ends is None:
            table = self._table
            sizes = [(len(c[7].compiled.codes), len(c[7].compiled.sections)) for c in table._combos]
            value_ends, mean_ends = array("Q"), array("Q")
            v = m = 0
            for code in table._combo[: self._size]:
                nv, nm = sizes[code]
                v += nv
                m += nm
                value_ends.append(v)
                mean_ends.append(m)
            self._ends = value_ends, mean_ends
        return self._ends

    def _score(self, row: int) -> InspectionScore:
        table = self._table
        value_ends, mean_ends = self._offsets()
        agency, kind, grade, status, reason, capped_by, joint, basis = table._combos[
            table._combo[row]
        ]
        v0 = value_ends[row - 1] if row else 0
        m0 = mean_ends[row - 1] if row else 0
        palette = table._vpalette
        return InspectionScore(
            self._id(row),
            agency,
            dt.date.fromordinal(table._date[row]),
            kind,
            joint,
            _none(table._score[row]),
            grade,
            status,
            _none(table._completeness[row]),
            capped_by,
            _none(table._raw[row]),
            reason,
            tuple(map(palette.__getitem__, table._values[v0 : value_ends[row]])),
            tuple(map(_none, table._means[m0 : mean_ends[row]])),
            basis,
        )

    def __len__(self) -> int:
        return len(self._rows())

    def __iter__(self) -> Iterator[str]:
        return map(self._id, self._rows())

    def _where(self) -> dict[str, int]:
        if self._lookup is None:
            self._lookup = {self._id(r): r for r in self._rows()}
        return self._lookup

    def __getitem__(self, key: str) -> InspectionScore:
        return self._score(self._where()[key])

    def __contains__(self, key: object) -> bool:
        return isinstance(key, str) and key in self._where()

    def values(self) -> ValuesView[InspectionScore]:
        """The scores in inspection id order, each rebuilt as it is read."""
        return _Values(self)

    def items(self) -> ItemsView[str, InspectionScore]:
        """The (inspection id, score) pairs in id order, each score rebuilt as it is read."""
        return _Items(self)

    def _scores(self) -> Iterator[InspectionScore]:
        return map(self._score, self._rows())


class _Values(ValuesView[InspectionScore]):
    _mapping: ScoreView

    def __iter__(self) -> Iterator[InspectionScore]:
        return self._mapping._scores()


class _Items(ItemsView[str, InspectionScore]):
    _mapping: ScoreView

    def __iter__(self) -> Iterator[tuple[str, InspectionScore]]:
        view = self._mapping
        return ((view._id(r), view._score(r)) for r in view._rows())


def _unpickle_view(table: ScoreTable) -> ScoreView:
    return ScoreView(table, len(table))
