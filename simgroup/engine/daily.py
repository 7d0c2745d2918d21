"""The day end: WeCom-style daily snapshots per group spec and the group-death rule."""

from __future__ import annotations

from typing import TYPE_CHECKING

import numpy as np

from simgroup.engine import population
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
    spoke = pop.spoke_day[sl] == day
    state = pop.state[sl]
    by_spec = _counts(pop.spec[sl], state, spoke, ns)
    led["member_total"][:, day] = by_spec[:, :population.LEFT].sum(axis=(1, 2))
    led["member_has_msg"][:, day] = by_spec[:, :population.LEFT, 1].sum(axis=1)
    led["muted"][:, day] = by_spec[:, population.MUTED:population.LEFT].sum(axis=(1, 2))
    led["folded"][:, day] = by_spec[:, population.FOLDED].sum(axis=1)
    ng = w.groups.n
    gspec = w.groups.spec[:ng]
    alive = w.groups.alive[:ng]
    led["chat_total"][:, day] = np.bincount(gspec[alive], minlength=ns)
    created_today = (w.groups.created_t[:ng] // MINUTES_PER_DAY) == day
    led["new_chat_cnt"][:, day] = np.bincount(gspec[created_today], minlength=ns)
    led["chat_has_msg"][:, day] = np.bincount(gspec[w.groups.msg_day[:ng] == day], minlength=ns)

    by_group = _counts(pop.group[sl], state, spoke, ng)
    members_g = by_group[:, :population.LEFT].sum(axis=(1, 2))
    speakers_g = by_group[:, :population.LEFT, 1].sum(axis=1)
    rate = speakers_g / np.maximum(members_g, 1)
    _liveliness(w, rate, alive)
    # group death: the daily speaker share under the type's threshold, or fewer distinct
    # speakers than a handful, for `death_days` days running (docs/model.md, "Group lifecycle")
    typ = w.spec_type[gspec]
    low = (rate < w.type_columns["death_speak_rate"][typ]) | (speakers_g < w.type_columns["death_min_speakers"][typ])
    w.groups.low_days[:ng] = np.where(low & alive, w.groups.low_days[:ng] + 1, 0)
    dying = np.flatnonzero(alive & (w.groups.low_days[:ng] >= w.type_columns["death_days"][typ]))
    for g in dying:
        w.end_group(int(g), float((day + 1) * MINUTES_PER_DAY), dissolved=False)


def _liveliness(w: World, rate: np.ndarray, alive: np.ndarray) -> None:
    """Smooth each live group's daily speaker share and set its quietness: 0 at or above
    ``quiet_speak_rate``, rising to 1 for a silent group (members clear dead groups)."""
    act = w.params.activity
    groups = w.groups
    ng = groups.n
    keep = float(np.exp(-np.log(2.0) / act.liveliness_half_life_days))
    lively = groups.lively[:ng]
    smoothed = np.where(lively < 0, rate, keep * lively + (1.0 - keep) * rate)
    lively[:] = np.where(alive, smoothed, lively)
    quiet = np.clip(1.0 - lively / act.quiet_speak_rate, 0.0, 1.0) if act.quiet_speak_rate > 0 else np.zeros(ng)
    groups.quiet[:ng] = np.where(alive, quiet, np.where(groups.dissolved[:ng], 0.0, 1.0))


def _counts(key: np.ndarray, state: np.ndarray, spoke: np.ndarray, size: int) -> np.ndarray:
    """Rows by (``key``, state, spoke today): an array ``[size, 4, 2]`` of counts."""
    code = key.astype(np.int64)
    code *= 4
    code += state
    code *= 2
    code += spoke
    return np.bincount(code, minlength=size * 8).reshape(size, 4, 2)
