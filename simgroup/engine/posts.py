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
    if private:
        # a 1:1 message is not behind the group's mute / fold
        readers = members[u < w.params.reading.present]
        w.ledger.operator_messages[spec] += 1
    else:
        table = w.read_pierce if pierce else w.read_plain
        readers = members[u < table[pop.state[members]]]
        w.ledger.post(spec, readers.size, members.size)
    w.fatigue.message(g, members, t, annoyance, pierce=pierce, private=private)
    if interest and not private:
        w.groups.interest[g] += interest
    if readers.size:
        if value:
            pop.trust[readers] += np.float32(value)
        if w.track_activity:
            last = pop.last_active_t[readers]
            pop.last_active_t[readers] = np.maximum(last, t, out=last)
        if reply_boost > 0 and not private:
            # replies: a burst of chatter that then self-excites (messages per hour)
            tau = w.params.chatter.excitation_tau_h
            w.groups.hawkes[g] += reply_boost * readers.size / tau
    return readers

