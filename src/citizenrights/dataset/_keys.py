"""Where each key of a kind was first seen, for the duplicate check (private)."""

from __future__ import annotations

from array import array
from collections.abc import Hashable
from typing import Protocol

__all__ = ["HashedKeys", "KeptKeys", "Seen"]


class Seen(Protocol):
    """Where each key of a kind was first seen."""

    def seen(self, key: Hashable, rel: str, line: int) -> tuple[str, int] | None:
        """The first (file, line) of ``key``; ``None`` (and ``key`` remembered here) if new."""
        ...  # pragma: no cover - a protocol


class KeptKeys:
    """Every key with where it was first seen: for the small kinds, whose keys checks look up."""

    def __init__(self) -> None:
        self.first: dict[Hashable, tuple[str, int]] = {}

    def seen(self, key: Hashable, rel: str, line: int) -> tuple[str, int] | None:
        found = self.first.get(key)
        if found is None:
            self.first[key] = (rel, line)
        return found


class HashedKeys:
    """Keys of a large kind as 64-bit hashes in an open-addressing table: 16–32 bytes a key.

    Nothing refers to the records of the large kinds, so only duplicates are looked for: a key
    is remembered by ``hash(key)`` (SipHash for text) with the file and line it was first seen
    on, packed in one integer. Two different keys are taken for one only when their 64-bit
    hashes collide: about one chance in 3 × 10⁷ for a million keys.
    """

    def __init__(self) -> None:
        self._files: list[str] = []
        self._file_no: dict[str, int] = {}
        self._hashes = array("q", bytes(8 * 1024))  # 0: an empty slot
        self._where = array("q", bytes(8 * 1024))
        self._count = 0

    def seen(self, key: Hashable, rel: str, line: int) -> tuple[str, int] | None:
        h = hash(key) or 1
        mask = len(self._hashes) - 1
        i = h & mask
        hashes = self._hashes
        while True:
            found = hashes[i]
            if found == 0:
                break
            if found == h:
                where = self._where[i]
                return self._files[where & 0xFFFF], where >> 16
            i = (i + 1) & mask
        file_no = self._file_no.get(rel)
        if file_no is None:
            file_no = self._file_no[rel] = len(self._files)
            self._files.append(rel)
        hashes[i] = h
        self._where[i] = (line << 16) | file_no
        self._count += 1
        if 2 * self._count > len(hashes):
            self._grow()
        return None

    def __contains__(self, key: Hashable) -> bool:
        """Whether ``key`` was seen (by its 64-bit hash, as `seen` tells duplicates)."""
        h = hash(key) or 1
        hashes = self._hashes
        mask = len(hashes) - 1
        i = h & mask
        while found := hashes[i]:
            if found == h:
                return True
            i = (i + 1) & mask
        return False

    def _grow(self) -> None:
        # Rehash straight from the old arrays: a list of (hash, where) pairs would cost about
        # 130 bytes a key for a moment, and that moment would be the run's peak.
        old_hashes, old_where = self._hashes, self._where
        size = 2 * len(old_hashes)
        self._hashes = hashes = array("q", bytes(8 * size))
        self._where = where = array("q", bytes(8 * size))
        mask = size - 1
        for h, w in zip(old_hashes, old_where, strict=True):
            if not h:
                continue
            i = h & mask
            while hashes[i]:
                i = (i + 1) & mask
            hashes[i] = h
            where[i] = w
