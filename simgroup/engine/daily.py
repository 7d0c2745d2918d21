"""The day end: WeCom-style daily snapshots per group spec and the group-death rule."""

from __future__ import annotations

from typing import TYPE_CHECKING

import numpy as np

from simgroup.engine import population as P
from simgroup.scenario._time import MINUTES_PER_DAY

if TYPE_CHECKING:
    from simgroup.engine.world import World


def end_of_day(w: World, day: int, lo: int = 0) -> None:
    """Snapshot day ``day``; rows below ``lo`` must all have left (they are skipped)."""
    if day < 0 or day >= w.days:
        return
    pop = w.pop
    sl = slice(lo, pop.n)
    ns = len(w.specs)
    led = w.ledger.daily
    state = pop.state[sl]
    in_group = state < P.LEFT
    spec = pop.spec[sl]
    led["member_total"][:, day] = np.bincount(spec[in_group], minlength=ns)
    spoke = in_group & (pop.spoke_day[sl] == day)
    led["member_has_msg"][:, day] = np.bincount(spec[spoke], minlength=ns)
    muted = in_group & (state >= P.MUTED)
    led["muted"][:, day] = np.bincount(spec[muted], minlength=ns)
    led["folded"][:, day] = np.bincount(spec[in_group & (state == P.FOLDED)], minlength=ns)
    ng = w.groups.n
    gspec = w.groups.spec[:ng]
    alive = w.groups.alive[:ng]
    led["chat_total"][:, day] = np.bincount(gspec[alive], minlength=ns)
    created_today = (w.groups.created_t[:ng] // MINUTES_PER_DAY) == day
    led["new_chat_cnt"][:, day] = np.bincount(gspec[created_today], minlength=ns)

    # group death: daily speaker rate under the type's threshold for `death_days` days running
    groups = pop.group[sl]
    members_g = np.bincount(groups[in_group], minlength=ng)
    speakers_g = np.bincount(groups[spoke], minlength=ng)
    rate = speakers_g / np.maximum(members_g, 1)
    typ = w.spec_type[gspec]
    low = rate < w.gt["death_speak_rate"][typ]
    w.groups.low_days[:ng] = np.where(low & alive, w.groups.low_days[:ng] + 1, 0)
    dying = np.flatnonzero(alive & (w.groups.low_days[:ng] >= w.gt["death_days"][typ]))
    for g in dying:
        w.end_group(int(g), float((day + 1) * MINUTES_PER_DAY), dissolved=False)
