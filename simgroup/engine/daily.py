"""The day end: WeCom-style daily snapshots per group spec and the group-death rule."""

from __future__ import annotations

from typing import TYPE_CHECKING

import numpy as np

from simgroup.engine import population
from simgroup.engine.day_kernels import day_counts, day_groups
from simgroup.scenario.times import MINUTES_PER_DAY

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
    # one count per (spec, state, spoke today) and per (group, state, spoke today)
    ng = w.groups.n
    by_spec = np.zeros((ns, 4, 2), dtype=np.int64)
    by_group = np.zeros((ng, 4, 2), dtype=np.int64)
    day_counts(pop.spec[sl], pop.group[sl], pop.state[sl], pop.spoke_day[sl], day, by_spec, by_group)
    led["member_total"][:, day] = by_spec[:, :population.LEFT].sum(axis=(1, 2))
    led["member_has_msg"][:, day] = by_spec[:, :population.LEFT, 1].sum(axis=1)
    led["muted"][:, day] = by_spec[:, population.MUTED:population.LEFT].sum(axis=(1, 2))
    led["folded"][:, day] = by_spec[:, population.FOLDED].sum(axis=1)
    groups = w.groups
    gspec = groups.spec[:ng]
    alive = groups.alive[:ng]
    led["chat_total"][:, day] = np.bincount(gspec[alive], minlength=ns)
    created_today = (groups.created_t[:ng] // MINUTES_PER_DAY) == day
    led["new_chat_cnt"][:, day] = np.bincount(gspec[created_today], minlength=ns)
    led["chat_has_msg"][:, day] = np.bincount(gspec[groups.msg_day[:ng] == day], minlength=ns)
    # liveliness: each live group's daily speaker share smoothed, and its quietness: 0 at or above
    # ``quiet_speak_rate``, rising to 1 for a silent group (members clear dead groups); group
    # death: the daily speaker share under the type's threshold, or fewer distinct speakers than
    # a handful, for `death_days` days running (docs/model.md, "Group lifecycle")
    act = w.params.activity
    keep = float(np.exp(-np.log(2.0) / act.liveliness_half_life_days))
    tc = w.type_columns
    dying = np.empty(ng, dtype=np.int64)
    count = day_groups(by_group, population.LEFT, alive, groups.dissolved[:ng], w.spec_type[gspec], keep,
                       float(act.quiet_speak_rate), tc["death_speak_rate"], tc["death_min_speakers"], tc["death_days"],
                       groups.lively[:ng], groups.quiet[:ng], groups.low_days[:ng], dying)
    dying = dying[:count]
    for g in dying:
        w.end_group(int(g), float((day + 1) * MINUTES_PER_DAY), dissolved=False)
