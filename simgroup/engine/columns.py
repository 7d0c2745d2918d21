"""Struct-of-arrays storage grown by amortised doubling (members, groups, offers), and runs of
equal values in such columns."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

import numpy as np


def doubled(capacity: int, needed: int) -> int:
    """The first of ``capacity``, ``2·capacity``, ``4·capacity`` … that holds ``needed``."""
    while capacity < needed:
        capacity *= 2
    return capacity


def regrow(holder: object, fills: Mapping[str, Any], used: int, capacity: int) -> None:
    """Replace each array ``holder.<name>`` by one of length ``capacity`` and the same dtype,
    keeping its first ``used`` entries and filling the rest with ``fills[name]``."""
    for name, fill in fills.items():
        old = getattr(holder, name)
        new = np.full(capacity, fill, dtype=old.dtype)
        new[:used] = old[:used]
        setattr(holder, name, new)


def runs(values: np.ndarray) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """Runs of equal values in ``values`` (non-empty): the values, first indexes and lengths."""
    cut = np.empty(values.size, dtype=bool)
    cut[0] = True
    np.not_equal(values[1:], values[:-1], out=cut[1:])
    first = np.flatnonzero(cut)
    counts = np.empty(first.size, dtype=np.int64)
    np.subtract(first[1:], first[:-1], out=counts[:-1])
    counts[-1] = values.size - first[-1]
    return values[first], first, counts
