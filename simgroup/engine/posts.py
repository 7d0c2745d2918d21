"""Who reads an operator message, and what reading does to trust and annoyance.

A post reaches in-group members with a probability by state (present / muted / folded); @all and
announcements pierce mute and fold partly (docs/model.md, "Reading"). Reading gives the post's
value (trust); every member who notices the message gets its push pressure
(:mod:`simgroup.engine.fatigue`; night messages weigh more), and the group's conversation interest
grows by the message's interest (``model.activity``; the tick decays it).
"""

from __future__ import annotations

from typing import TYPE_CHECKING

import numpy as np

from simgroup.engine import population
from simgroup.engine.jit import kernel
from simgroup.scenario.times import MINUTES_PER_DAY

if TYPE_CHECKING:
    from simgroup.engine.world import World

NIGHT_START_H, NIGHT_END_H = 22, 7


def is_night(t: float) -> bool:
    hour = (t % MINUTES_PER_DAY) // 60
    return hour >= NIGHT_START_H or hour < NIGHT_END_H


def read_post(
    w: World,
    g: int,
    t: float,
    *,
    value: float,
    annoyance: float,
    reply_boost: float,
    interest: float = 0.0,
    pierce: bool = False,
    targets: np.ndarray | None = None,
    private: bool = False,
    purpose: str = "read",
) -> np.ndarray:
    """Rows that read an operator message in group ``g`` at ``t`` (all in-group members, or
    ``targets``); applies value, pressure, interest and the reply burst, and records reach."""
    pop = w.pop
    members = w.group_members(g) if targets is None else targets[pop.state[targets] < population.LEFT]
    spec = int(w.groups.spec[g])
    rng = w.spec_stream(spec, "posts", purpose)
    u = rng.random(members.size)
    if members.size == 0:
        w.ledger.post(spec, 0, 0)
        return members
    # a 1:1 message is not behind the group's mute / fold
    table = w.read_private if private else w.read_pierce if pierce else w.read_plain
    added, notice = w.fatigue.message(g, t, annoyance, pierce=pierce, private=private)
    readers = np.empty(members.size, dtype=np.int64)
    count = _read(members, u, pop.state, table, notice, added, pop.annoyance, pop.trust, value, readers)
    readers = readers[:count]
    if private:
        w.ledger.operator_messages[spec] += 1
    else:
        w.ledger.post(spec, count, members.size)
        if interest:
            w.groups.interest[g] += interest
    if count:
        if w.track_activity:
            last = pop.last_active_t[readers]
            pop.last_active_t[readers] = np.maximum(last, t, out=last)
        if reply_boost > 0 and not private:
            # replies: a burst of chatter that then self-excites (messages per hour)
            tau = w.params.chatter.excitation_tau_h
            w.groups.hawkes[g] += reply_boost * count / tau
    return readers


@kernel
def _read(members: np.ndarray, u: np.ndarray, state: np.ndarray, read: np.ndarray, notice: np.ndarray,
          added: float, annoyance: np.ndarray, trust: np.ndarray, value: float, readers: np.ndarray) -> int:
    """One pass over the ``members`` a message reaches (docs/model.md, "Reading" and "Push
    fatigue"): each notices ``added × notice[state]`` of pressure, reads if its uniform ``u`` is
    below ``read[state]`` and then gains ``value`` of trust. Writes the readers into ``readers``
    (in order) and returns how many."""
    push = np.float32(added)
    gain = np.float32(value)
    count = 0
    for j in range(members.size):
        r = members[j]
        s = state[r]
        if push != 0:
            annoyance[r] += push * notice[s]
        if u[j] < read[s]:
            readers[count] = r
            count += 1
            trust[r] += gain
    return count
