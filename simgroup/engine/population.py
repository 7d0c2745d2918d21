"""Member state as a struct of numpy arrays, grown by amortised doubling.

A row is one *membership*: a person in one group instance. ``migrate`` ends a row (leave scene
``MIGRATED``) and opens a new row for the same ``person`` in the destination group, carrying the
person's traits, so per-group accounting stays simple and people are still counted once.
"""

from __future__ import annotations

from typing import Any

import numpy as np

from simgroup.engine.columns import doubled, regrow

# member states (docs/model.md): present -> muted -> folded, and left from any of them
PRESENT, MUTED, FOLDED, LEFT = 0, 1, 2, 3
STATE_NAMES = ("present", "muted", "folded", "left")

# join scenes (WeCom JoinScene-like): scanned the QR / live code, invited by a member,
# pulled in by the owner at creation, moved in by ``migrate``
SCENE_QR, SCENE_INVITE, SCENE_INITIAL, SCENE_MIGRATE = 0, 1, 2, 3
JOIN_SCENES = ("qr", "invite", "initial", "migrate")

# leave scenes (WeCom QuitScene-like, plus simulator reasons)
QUIT_NONE, QUIT_SELF, QUIT_KICKED, QUIT_DISSOLVED, QUIT_MIGRATED = -1, 0, 1, 2, 3
QUIT_SCENES = {QUIT_SELF: "self", QUIT_KICKED: "kicked", QUIT_DISSOLVED: "dissolved", QUIT_MIGRATED: "migrated"}

_FIELDS: dict[str, tuple[Any, Any]] = {
    # name: (dtype, fill value for new rows). Sizes are the smallest that hold the range: ids
    # below 2**31, days below 2**15, times in float64 (minutes over a year need ~1e-3 precision
    # in event logs and window tests), traits and hazard factors in float32.
    "person": (np.int32, -1),
    "group": (np.int32, -1),
    "spec": (np.int16, -1),
    "segment": (np.int8, 0),
    "state": (np.int8, PRESENT),
    "join_t": (np.float64, 0.0),
    "leave_t": (np.float64, np.inf),
    "mute_t": (np.float64, np.inf),
    "fold_t": (np.float64, np.inf),
    "scene": (np.int8, SCENE_QR),
    "quit": (np.int8, QUIT_NONE),
    "channel": (np.int16, -1),
    "interest": (np.float32, 0.5),
    "price_sens": (np.float32, 0.5),
    "trust": (np.float32, 0.0),
    "annoyance": (np.float32, 0.0),
    "motivation": (np.float32, 0.0),
    "spoke_day": (np.int16, -1),
    "last_active_t": (np.float64, 0.0),
    "messages": (np.int32, 0),
    "purchases": (np.int32, 0),  # the person's orders so far (carried by migrate)
    "orders": (np.int32, 0),  # orders placed through this membership (not carried)
    "spend": (np.float64, 0.0),
    "invites": (np.int32, 0),
    "inviter": (np.int32, -1),
    "streak": (np.int16, 0),
    "checkins": (np.int16, 0),
    "benefit_until": (np.float64, -np.inf),  # end of the leave spike after the last benefit taken
    "benefit_from": (np.float64, -np.inf),  # its start: the benefit's time (an order's, in the future)
    "tags": (np.int64, 0),
    # background-hazard cache (see hazards.py): static rates by type/segment/state, early-life
    # spikes decaying per tick, and the remaining unit-exponential clocks
    "k_leave": (np.float32, 0.0),
    "k_sw": (np.float32, 0.0),
    "k_talk": (np.float32, 0.0),
    "k_hear": (np.float32, 0.0),
    "e_leave": (np.float32, 0.0),
    "e_sw": (np.float32, 0.0),
    "e_nov": (np.float32, 0.0),
    "d_leave": (np.float32, 1.0),
    "d_sw": (np.float32, 1.0),
    "rem_leave": (np.float32, np.inf),
    "rem_sw": (np.float32, np.inf),
    "rem_chat": (np.float32, np.inf),
    "k_benefit": (np.float32, 0.0),  # extra leave hazard per tick inside the benefit window
    # push fatigue (fatigue.py): 1 / tolerance of pressure for muting and for leaving, and the
    # per-row rates at which pressure above tolerance mutes / folds and makes the member leave
    "tol_z": (np.float32, 0.0),
    "inv_tol_mute": (np.float32, 0.0),
    "inv_tol_leave": (np.float32, 0.0),
    "k_psw": (np.float32, 0.0),
    "k_pleave": (np.float32, 0.0),
    # heterogeneity: leave frailty (mean 1, gamma) and talk propensity (mean 1, log-normal)
    "frailty": (np.float32, 1.0),
    "talk_prop": (np.float32, 1.0),
}


class Population:
    """Rows of members; ``n`` rows are valid, arrays may be longer (spare capacity)."""

    person: np.ndarray
    group: np.ndarray
    spec: np.ndarray
    segment: np.ndarray
    state: np.ndarray
    join_t: np.ndarray
    leave_t: np.ndarray
    mute_t: np.ndarray
    fold_t: np.ndarray
    scene: np.ndarray
    quit: np.ndarray
    channel: np.ndarray
    interest: np.ndarray
    price_sens: np.ndarray
    trust: np.ndarray
    annoyance: np.ndarray
    motivation: np.ndarray
    spoke_day: np.ndarray
    last_active_t: np.ndarray
    messages: np.ndarray
    purchases: np.ndarray
    orders: np.ndarray
    spend: np.ndarray
    invites: np.ndarray
    inviter: np.ndarray
    streak: np.ndarray
    checkins: np.ndarray
    benefit_until: np.ndarray
    benefit_from: np.ndarray
    tags: np.ndarray
    k_leave: np.ndarray
    k_sw: np.ndarray
    k_talk: np.ndarray
    k_hear: np.ndarray
    e_leave: np.ndarray
    e_sw: np.ndarray
    e_nov: np.ndarray
    d_leave: np.ndarray
    d_sw: np.ndarray
    rem_leave: np.ndarray
    rem_sw: np.ndarray
    rem_chat: np.ndarray
    k_benefit: np.ndarray
    tol_z: np.ndarray
    inv_tol_mute: np.ndarray
    inv_tol_leave: np.ndarray
    k_psw: np.ndarray
    k_pleave: np.ndarray
    frailty: np.ndarray
    talk_prop: np.ndarray

    def __init__(self, capacity: int = 1024) -> None:
        self.n = 0
        self.persons = 0
        self._capacity = max(16, int(capacity))
        for name, (dtype, fill) in _FIELDS.items():
            setattr(self, name, np.full(self._capacity, fill, dtype=dtype))

    def __len__(self) -> int:
        return self.n

    @property
    def capacity(self) -> int:
        """Rows the columns have room for: the arrays are replaced only when it grows."""
        return self._capacity

    def _grow(self, needed: int) -> None:
        capacity = doubled(self._capacity, needed)
        if capacity > self._capacity:
            regrow(self, {name: fill for name, (_, fill) in _FIELDS.items()}, self.n, capacity)
            self._capacity = capacity

    def add(self, count: int, *, new_people: bool = True) -> slice:
        """Append ``count`` rows with default values; returns their slice. New people get new ids."""
        start = self.n
        self._grow(start + count)
        self.n = start + count
        rows = slice(start, start + count)
        if new_people:
            self.person[rows] = np.arange(self.persons, self.persons + count)
            self.persons += count
        return rows

    def matching(
        self, rows: np.ndarray, *, segment: int | None = None, tag_bit: int | None = None, bought: bool | None = None
    ) -> np.ndarray:
        """The members of ``rows`` (in order) in segment ``segment``, carrying tag bit
        ``tag_bit``, and who bought (``bought=True``) or never bought (``False``); a filter left
        at None does not apply. The one member filter of SOP steps and action selections."""
        keep = np.ones(rows.size, dtype=bool)
        if segment is not None:
            keep &= self.segment[rows] == segment
        if tag_bit is not None:
            keep &= (self.tags[rows] >> tag_bit) & 1 == 1
        if bought is not None:
            keep &= (self.purchases[rows] > 0) == bought
        return rows[keep]

    def copy_traits(self, src: np.ndarray, dst: slice) -> None:
        """Carry a person's traits into new rows (used by ``migrate``)."""
        for name in ("person", "segment", "interest", "price_sens", "trust", "motivation",
                     "purchases", "spend", "invites", "tags", "channel", "tol_z",
                     "frailty", "talk_prop"):
            getattr(self, name)[dst] = getattr(self, name)[src]


#: the columns the background tick hands to its compiled passes every tick
_VIEWED = ("annoyance", "trust", "rem_leave", "e_leave", "k_leave", "k_pleave", "inv_tol_leave", "k_benefit",
           "benefit_from", "benefit_until", "rem_sw", "e_sw", "k_sw", "k_psw", "inv_tol_mute", "e_nov", "k_talk",
           "rem_chat", "k_hear")


class RowViews:
    """Views of the tick's columns over rows ``[lo, n)`` of a :class:`Population`.

    The background tick passes 19 slices of the columns to its compiled loops every tick, while
    the rows change about one tick in seven and the arrays only when the table grows: the views
    are made again only then. A view shares its array's memory, so writes through it are the
    table's."""

    annoyance: np.ndarray
    trust: np.ndarray
    rem_leave: np.ndarray
    e_leave: np.ndarray
    k_leave: np.ndarray
    k_pleave: np.ndarray
    inv_tol_leave: np.ndarray
    k_benefit: np.ndarray
    benefit_from: np.ndarray
    benefit_until: np.ndarray
    rem_sw: np.ndarray
    e_sw: np.ndarray
    k_sw: np.ndarray
    k_psw: np.ndarray
    inv_tol_mute: np.ndarray
    e_nov: np.ndarray
    k_talk: np.ndarray
    rem_chat: np.ndarray
    k_hear: np.ndarray

    def __init__(self, pop: Population) -> None:
        self._pop = pop
        self._key = (-1, -1, -1)  # the rows and the capacity the views were made for

    def over(self, lo: int, n: int) -> RowViews:
        """The views over rows ``[lo, n)`` of the columns as they are now."""
        pop = self._pop
        key = (lo, n, pop.capacity)
        if key != self._key:
            rows = slice(lo, n)
            for name in _VIEWED:
                setattr(self, name, getattr(pop, name)[rows])
            self._key = key
        return self
