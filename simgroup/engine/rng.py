"""Random streams keyed by stable names, never by worker or call order.

Every stream is ``Generator(PCG64(SeedSequence(seed, spawn_key=(replication, *name_keys))))``
where the name keys are CRC32s of stable names such as ``("spec", "traffic", "arrivals")``.
So the same seed gives the same numbers on any machine count, and two scenarios run at the same
seed share their streams (common random numbers) wherever they share names.
"""

from __future__ import annotations

import zlib

import numpy as np


def name_key(name: str) -> int:
    """A stable 32-bit key for ``name`` (not Python's salted ``hash``)."""
    return zlib.crc32(name.encode("utf-8"))


def make_stream(seed: int, replication: int, *names: str) -> np.random.Generator:
    """The generator for ``(seed, replication, names)``."""
    key = (int(replication), *(name_key(n) for n in names))
    return np.random.Generator(np.random.PCG64(np.random.SeedSequence(int(seed), spawn_key=key)))


class Streams:
    """Lazily created, cached streams of one replication."""

    def __init__(self, seed: int, replication: int) -> None:
        self.seed = int(seed)
        self.replication = int(replication)
        self._cache: dict[tuple[str, ...], np.random.Generator] = {}

    def get(self, *names: str) -> np.random.Generator:
        rng = self._cache.get(names)
        if rng is None:
            rng = make_stream(self.seed, self.replication, *names)
            self._cache[names] = rng
        return rng
