"""Fission (裂变): invitations as a branching process (docs/model.md).

While a group's campaign runs, each participant brings ``Poisson(K_i)`` friends, where
``K_i = offspring × segment invite_mult × persona fission_mult``; a friend arrives after an
exponential delay and, if the campaign still runs, may participate in turn. With participation
``p`` and mean offspring ``K`` among joiners of an open-ended campaign, the expected invited joins
per initial joiner are ``pK / (1 - pK)`` (a Galton-Watson process; ``pK < 1``).
"""

from __future__ import annotations

from typing import TYPE_CHECKING

import numpy as np

from simgroup.engine import population as P
from simgroup.engine.columns import runs

if TYPE_CHECKING:
    from simgroup.engine.world import World


def participate(w: World, g: int | np.ndarray, rows: np.ndarray, t: float) -> None:
    """``rows`` (readers of the campaign, or joiners during it) decide to invite friends.

    ``g`` is the group of all rows, or one group per row; all rows share one group spec.
    """
    if rows.size == 0:
        return
    groups = np.full(rows.size, g, dtype=np.int64) if np.ndim(g) == 0 else np.asarray(g, dtype=np.int64)
    running = w.fission_until[groups] > t
    if not running.all():
        rows, groups = rows[running], groups[running]
        if rows.size == 0:
            return
    spec = int(w.groups.spec[groups[0]])
    rng = w.streams.get("spec", w.specs[spec].id, "fission")
    pop = w.pop
    joins = rng.random(rows.size) < w.fission_p[groups]
    parts, groups = rows[joins], groups[joins]
    if parts.size == 0:
        return
    k = w.fission_k[groups] * w.seg["invite_mult"][pop.segment[parts]] * w.persona.fission_mult
    counts = rng.poisson(k)
    total = int(counts.sum())
    if total == 0:
        return
    inviters = np.repeat(parts, counts)
    groups = np.repeat(groups, counts)
    start = np.maximum(pop.join_t[inviters], t)
    times = start + rng.exponential(w.params.fission.invite_delay_hours * 60.0, total)
    dup = rng.random(total) < w.fission_dup[groups]
    keep = times < np.minimum(w.fission_until[groups], w.horizon)
    # a duplicate is an existing member "invited" again: rewarded if the campaign allows it, no join
    reward = float(w.fission_reward[groups][dup & keep].sum())
    if reward > 0:
        w.ledger.add("cost_incentives", spec, t, reward)
    keep &= ~dup
    if keep.any():
        w.pending_invites.append((times[keep], inviters[keep], groups[keep]))


def deliver_invites(w: World, t: float) -> None:
    """Invited friends whose arrival time has come join their inviter's group (one join per
    group spec, in group order)."""
    if not w.pending_invites:
        return
    times = np.concatenate([p[0] for p in w.pending_invites])
    inviters = np.concatenate([p[1] for p in w.pending_invites])
    groups = np.concatenate([p[2] for p in w.pending_invites])
    due = times <= t
    if not due.any():
        w.pending_invites = [(times, inviters, groups)]
        return
    w.pending_invites = [(times[~due], inviters[~due], groups[~due])] if (~due).any() else []
    times, inviters, groups = times[due], inviters[due], groups[due]
    order = np.lexsort((times, groups))
    times, inviters, groups = times[order], inviters[order], groups[order]
    pop = w.pop
    # invitations are void if the group died, or (when the campaign says so) if the inviter
    # left before the friend arrived
    valid = w.groups.alive[groups]
    void = w.fission_void[groups]
    valid &= ~(void & (pop.state[inviters] == P.LEFT) & (pop.leave_t[inviters] < times))
    times, inviters, groups = times[valid], inviters[valid], groups[valid]
    if groups.size == 0:
        return
    # each group takes at most its remaining room, first arrivals first
    _, first, lengths = runs(groups)
    rank = np.arange(groups.size) - np.repeat(first, lengths)
    room = np.maximum(w.live_capacity[w.groups.spec[groups]] - w.groups.count[groups], 0)
    fits = rank < room
    times, inviters, groups = times[fits], inviters[fits], groups[fits]
    specs = w.groups.spec[groups]
    for spec in np.unique(specs):
        mine = specs == spec
        tt, inv, gg = times[mine], inviters[mine], groups[mine]
        segs = _friend_segments(w, inv, int(spec))
        w.join(gg, tt, P.SCENE_INVITE, None, purpose="invite", inviters=pop.person[inv], segments=segs)
        np.add.at(pop.invites, inv, 1)
        reward = float(w.fission_reward[gg].sum())
        if reward > 0:
            w.ledger.add("cost_incentives", int(spec), t, reward)


def _friend_segments(w: World, inviters: np.ndarray, spec: int) -> np.ndarray:
    """Friends are drawn from the scenario audience (homophily is not modelled)."""
    rng = w.streams.get("spec", w.specs[spec].id, "fission", "friends")
    audience = w.specs[spec].audience or w.scenario.audience
    return w._segments(audience, inviters.size, rng)
