"""Group instances and live codes (群活码).

A live code rotates over at most ``max_groups`` bound groups; an arrival by QR goes to the first
bound, alive group with fewer than ``qr_limit`` members; when none has room and ``auto_create``
is on, a new group is created and bound (the oldest bound group is released when the code is at
``max_groups``). Invitations and migrations only need ``capacity`` (500), not the QR limit.
"""

from __future__ import annotations

from dataclasses import dataclass, field

import numpy as np


class GroupTable:
    """Per-instance arrays, grown by doubling like :class:`Population`."""

    def __init__(self, capacity: int = 64) -> None:
        self.n = 0
        cap = max(8, capacity)
        self.spec = np.full(cap, -1, dtype=np.int32)
        self.created_t = np.zeros(cap)
        self.end_t = np.full(cap, np.inf)
        self.alive = np.zeros(cap, dtype=bool)
        self.dissolved = np.zeros(cap, dtype=bool)
        self.count = np.zeros(cap, dtype=np.int64)
        self.hawkes = np.zeros(cap)  # self-excited chatter intensity (messages per hour)
        self.low_days = np.zeros(cap, dtype=np.int32)
        self.ordinal = np.zeros(cap, dtype=np.int32)  # n-th group of its spec, for names

    def _grow(self) -> None:
        cap = len(self.spec) * 2
        for name in ("spec", "created_t", "end_t", "alive", "dissolved", "count", "hawkes", "low_days", "ordinal"):
            old = getattr(self, name)
            fill = {"spec": -1, "end_t": np.inf}.get(name, 0)
            arr = np.full(cap, fill, dtype=old.dtype)
            arr[: self.n] = old[: self.n]
            setattr(self, name, arr)

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
