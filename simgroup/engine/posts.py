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
    if targets is None:
        members = w.members.members(g, pop.state, population.LEFT)
    else:
        members = targets[pop.state[targets] < population.LEFT]
    groups = w.groups
    spec = int(groups.spec[g])
    n = members.size
    u = w.spec_stream(spec, "posts", purpose).random(n)
    if n == 0:
        w.ledger.post(spec, 0, 0)
        return members
    # a 1:1 message is not behind the group's mute / fold, and adds no interest or chatter
    table = w.read_private if private else w.read_pierce if pierce else w.read_plain
    added, notice = w.fatigue.message(g, t, annoyance, pierce=pierce, private=private)
    readers = np.empty(n, dtype=np.int64)
    count = _read(members, u, pop.state, table, notice, added, pop.annoyance, pop.trust, value, readers, g,
                  0.0 if private else interest, 0.0 if private else reply_boost, w.params.chatter.excitation_tau_h,
                  groups.interest, groups.hawkes)
    if private:
        w.ledger.operator_messages[spec] += 1
    else:
        w.ledger.post(spec, count, n)
    readers = readers[:count]
    if count and w.track_activity:
        last = pop.last_active_t[readers]
        pop.last_active_t[readers] = np.maximum(last, t, out=last)
    return readers


@kernel
def _read(members: np.ndarray, u: np.ndarray, state: np.ndarray, read: np.ndarray, notice: np.ndarray,
          added: float, annoyance: np.ndarray, trust: np.ndarray, value: float, readers: np.ndarray, g: int,
          interest: float, reply_boost: float, tau: float, group_interest: np.ndarray, hawkes: np.ndarray) -> int:
    """One pass over the ``members`` a message reaches (docs/model.md, "Reading" and "Push
    fatigue"): each notices ``added × notice[state]`` of pressure, reads if its uniform ``u`` is
    below ``read[state]`` and then gains ``value`` of trust. Writes the readers into ``readers``
    (in order) and returns how many. The group's conversation interest grows by ``interest``,
    and if anybody read, its chatter intensity by the reply burst ``reply_boost × readers / tau``
    (messages per hour that then self-excite)."""
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
    if interest:
        group_interest[g] += interest
    if count and reply_boost > 0:
        hawkes[g] += reply_boost * count / tau
    return count
