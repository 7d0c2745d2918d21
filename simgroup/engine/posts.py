"""Who reads an operator message, and what reading does to trust and annoyance.

A post reaches in-group members with a probability by state (present / muted / folded); @all and
announcements pierce mute and fold partly (DESIGN §1). Reading gives the post's value (trust) and
its annoyance; an @all or announcement late at night annoys more.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

import numpy as np

from simgroup.engine import population as P
from simgroup.scenario._time import MINUTES_PER_DAY

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
    pierce: bool = False,
    targets: np.ndarray | None = None,
    private: bool = False,
    purpose: str = "read",
) -> np.ndarray:
    """Rows that read an operator message in group ``g`` at ``t`` (all in-group members, or
    ``targets``); applies value, annoyance and the reply burst, and records reach."""
    pop = w.pop
    members = w.group_members(g) if targets is None else targets[pop.state[targets] < P.LEFT]
    spec = int(w.groups.spec[g])
    rng = w.streams.get("spec", w.specs[spec].id, "posts", purpose)
    u = rng.random(members.size)
    if members.size == 0:
        w.ledger.post(spec, 0, 0)
        return members
    r = w.params.reading
    if private:
        # a 1:1 message is not behind the group's mute / fold
        p_read = np.full(members.size, r.present)
    else:
        if pierce:
            table = np.array([r.present, r.pierce_muted * w.persona.at_all_mult,
                              r.pierce_folded * w.persona.at_all_mult, 0.0])
        else:
            table = np.array([r.present, r.muted, r.folded, 0.0])
        p_read = np.minimum(table[pop.state[members]], 1.0)
    readers = members[u < p_read]
    if not private:
        w.ledger.post(spec, readers.size, members.size)
    else:
        w.ledger.operator_messages[spec] += 1
    annoy = annoyance * (w.params.reading.night_annoyance_mult if pierce and is_night(t) else 1.0)
    if readers.size:
        pop.trust[readers] += np.float32(value)
        pop.annoyance[readers] += np.float32(annoy)
        pop.last_active_t[readers] = np.maximum(pop.last_active_t[readers], t)
        if reply_boost > 0 and not private:
            # replies: a burst of chatter that then self-excites (messages per hour)
            tau = w.params.chatter.excitation_tau_h
            w.groups.hawkes[g] += reply_boost * readers.size / tau
    return readers
