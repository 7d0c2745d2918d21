"""Group instances and live codes (群活码).

A live code rotates over at most ``max_groups`` bound groups; an arrival by QR goes to the first
bound, alive group with fewer than ``qr_limit`` members; when none has room and ``auto_create``
is on, a new group is created and bound (the oldest bound group is released when the code is at
``max_groups``). Invitations and migrations only need ``capacity`` (500), not the QR limit.

:class:`GroupIndex` lists each group's rows so that an SOP action on one group touches that
group's ~500 rows instead of scanning the whole population; :class:`RowRuns` describes the rows
as runs of consecutive rows of one group, so that per-group sums over all members are
``np.add.reduceat`` over runs (contiguous, ~10x cheaper than ``np.bincount`` over rows).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any, ClassVar

import numpy as np

from simgroup.engine.columns import regrow
from simgroup.engine.jit import kernel


class GroupTable:
    """Per-instance arrays, grown by doubling like :class:`Population`."""

    _FIELDS: ClassVar[dict[str, tuple[Any, Any]]] = {  # name: (dtype, fill value)
        "spec": (np.int32, -1),
        "created_t": (np.float64, 0.0),
        "end_t": (np.float64, np.inf),
        "alive": (bool, False),
        "dissolved": (bool, False),
        "count": (np.int64, 0),
        "hawkes": (np.float64, 0.0),  # self-excited chatter intensity (messages per hour)
        "low_days": (np.int32, 0),
        "ordinal": (np.int32, 0),  # n-th group of its spec, for names
        # push pressure the group sends (ad-equivalents per week, decaying; fatigue.py) and when
        # it was last updated; conversation interest fed by operator content (model.activity, decayed by the tick);
        # liveliness (smoothed daily speaker share, -1 before the first day end) and the
        # resulting quietness in [0, 1] that drives clearing of dead groups
        "push": (np.float64, 0.0),
        "push_t": (np.float64, 0.0),
        "interest": (np.float64, 0.0),
        "lively": (np.float64, -1.0),
        "quiet": (np.float32, 0.0),
        "msg_day": (np.int32, -1),  # the last day a member wrote in the group (WeCom's chat_has_msg)
    }
    spec: np.ndarray
    created_t: np.ndarray
    end_t: np.ndarray
    alive: np.ndarray
    dissolved: np.ndarray
    count: np.ndarray
    hawkes: np.ndarray
    low_days: np.ndarray
    ordinal: np.ndarray
    push: np.ndarray
    push_t: np.ndarray
    interest: np.ndarray
    lively: np.ndarray
    quiet: np.ndarray
    msg_day: np.ndarray

    def __init__(self, capacity: int = 64) -> None:
        self.n = 0
        cap = max(8, capacity)
        for name, (dtype, fill) in self._FIELDS.items():
            setattr(self, name, np.full(cap, fill, dtype=dtype))

    def _grow(self) -> None:
        regrow(self, {name: fill for name, (_, fill) in self._FIELDS.items()}, self.n, 2 * len(self.spec))

    def add(self, spec: int, t: float, ordinal: int) -> int:
        if self.n == len(self.spec):
            self._grow()
        g = self.n
        self.n += 1
        self.spec[g] = spec
        self.created_t[g] = t
        self.alive[g] = True
        self.ordinal[g] = ordinal
        return g


@dataclass
class LiveCodeState:
    """The rotation of one group spec's live code."""

    qr_limit: int
    capacity: int
    max_groups: int
    auto_create: bool
    bound: list[int] = field(default_factory=list)

    def release(self, g: int) -> None:
        if g in self.bound:
            self.bound.remove(g)


class GroupIndex:
    """The rows of each group, in ascending row order.

    A row belongs to one group for its whole life (``migrate`` opens a new row), so a group's list
    only grows by appending; :meth:`note_left` marks a group whose list holds rows that left, and
    :meth:`members` drops them then (one filter per group per batch of leaves, not per call).
    Returned arrays are never modified in place afterwards (appends go past their end, and
    compaction writes a new array), so callers may keep them.
    """

    def __init__(self) -> None:
        self._rows: list[np.ndarray] = []
        self._len: list[int] = []
        self._dirty = np.zeros(64, dtype=bool)

    def add_group(self) -> None:
        g = len(self._rows)
        self._rows.append(np.empty(16, dtype=np.int64))
        self._len.append(0)
        if g == self._dirty.size:
            self._dirty = np.concatenate([self._dirty, np.zeros(g, dtype=bool)])

    def add(self, g: int, start: int, stop: int) -> None:
        """Rows ``start .. stop-1`` (new, so larger than any listed) joined group ``g``."""
        k = self._len[g]
        need = k + stop - start
        buf = self._rows[g]
        if need > buf.size:
            grown = np.empty(max(2 * buf.size, need), dtype=np.int64)
            grown[:k] = buf[:k]
            self._rows[g] = buf = grown
        buf[k:need] = np.arange(start, stop)
        self._len[g] = need

    def note_left(self, groups: np.ndarray) -> None:
        """Some rows of ``groups`` left."""
        self._dirty[groups] = True

    def members(self, g: int, state: np.ndarray, left: int) -> np.ndarray:
        """Rows of group ``g`` whose ``state`` is below ``left``, ascending."""
        k = self._len[g]
        rows = self._rows[g][:k]
        if self._dirty[g]:
            kept = np.empty(k, dtype=np.int64)
            k = _below(rows, state, left, kept)
            self._rows[g] = rows = kept[:k]
            self._len[g] = k
            self._dirty[g] = False
        return rows


@kernel
def _below(rows: np.ndarray, state: np.ndarray, left: int, out: np.ndarray) -> int:
    """The ``rows`` whose ``state`` is below ``left``, into ``out`` in order; returns how many."""
    k = 0
    for j in range(rows.size):
        r = rows[j]
        if state[r] < left:
            out[k] = r
            k += 1
    return k


class RowRuns:
    """Maximal runs of consecutive rows that belong to the same group.

    Rows join in batches to one group (initial members, a tick's arrivals through one live code,
    a tick's invited friends), so there are far fewer runs than rows.
    """

    def __init__(self) -> None:
        self.start = np.zeros(64, dtype=np.int64)
        self.group = np.zeros(64, dtype=np.int64)
        self.count = 0
        self.rows = 0
        # the last window: its rows, the run count then if it ended in the last run (else -1), the runs
        self._cache: tuple[int, int, int, tuple[np.ndarray, np.ndarray, np.ndarray]] | None = None

    def add(self, g: int, start: int, stop: int) -> None:
        """Rows ``start .. stop-1`` (the next rows, ``start`` equal to the rows so far) joined ``g``."""
        if stop <= start:
            return
        assert start == self.rows, "rows must be added in order"
        self.rows = stop
        if self.count and self.group[self.count - 1] == g:
            return
        if self.count == self.start.size:
            for name in ("start", "group"):
                old = getattr(self, name)
                grown = np.zeros(2 * old.size, dtype=old.dtype)
                grown[: old.size] = old
                setattr(self, name, grown)
        self.start[self.count] = start
        self.group[self.count] = g
        self.count += 1

    def window(self, lo: int, hi: int) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
        """The runs covering rows ``[lo, hi)``: offsets from ``lo``, groups and lengths (all > 0)."""
        cache = self._cache
        if cache is not None and cache[0] == lo:
            c_hi, c_count, c_out = cache[1:]
            if c_hi == hi:
                return c_out
            if c_count == self.count and c_hi < hi:
                # the new rows only lengthened the last run (arrivals to the same group): the
                # same runs, the last one longer; a new lengths array, as callers may keep the old
                lengths = c_out[2].copy()
                lengths[-1] += hi - c_hi
                out = (c_out[0], c_out[1], lengths)
                self._cache = (lo, hi, self.count, out)
                return out
        starts = self.start[: self.count]
        i0 = int(np.searchsorted(starts, lo, side="right")) - 1
        i1 = int(np.searchsorted(starts, hi, side="left"))
        offsets = starts[i0:i1] - lo
        offsets[0] = 0
        lengths = np.diff(np.append(offsets, hi - lo))
        out = (offsets, self.group[i0:i1].copy(), lengths)
        self._cache = (lo, hi, self.count if i1 == self.count else -1, out)
        return out
