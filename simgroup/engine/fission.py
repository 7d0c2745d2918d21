"""Fission (裂变): invitations as a branching process (DESIGN §3).

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

if TYPE_CHECKING:
    from simgroup.engine.world import World


def participate(w: World, g: int, rows: np.ndarray, t: float) -> None:
    """``rows`` (readers of the campaign, or joiners during it) decide to invite friends."""
    if rows.size == 0 or w.fission_until[g] <= t:
        return
    spec = int(w.groups.spec[g])
    rng = w.streams.get("spec", w.specs[spec].id, "fission")
    pop = w.pop
    joins = rng.random(rows.size) < w.fission_p[g]
    parts = rows[joins]
    if parts.size == 0:
        return
    k = w.fission_k[g] * w.seg["invite_mult"][pop.segment[parts].astype(np.int64)] * w.persona.fission_mult
    counts = rng.poisson(k)
    total = int(counts.sum())
    if total == 0:
        return
    inviters = np.repeat(parts, counts)
    start = np.maximum(pop.join_t[inviters], t)
    times = start + rng.exponential(w.params.fission.invite_delay_hours * 60.0, total)
    dup = rng.random(total) < w.fission_dup[g]
    keep = times < min(w.fission_until[g], w.horizon)
    # a duplicate is an existing member "invited" again: rewarded if the campaign allows it, no join
    dup_rewarded = int((dup & keep).sum())
    if dup_rewarded and w.fission_reward[g] > 0:
        w.ledger.add("cost_incentives", spec, t, dup_rewarded * w.fission_reward[g])
    keep &= ~dup
    if keep.any():
        w.pending_invites.append((times[keep], inviters[keep], np.full(int(keep.sum()), g)))


def deliver_invites(w: World, t: float) -> None:
    """Invited friends whose arrival time has come join their inviter's group."""
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
    for g in np.unique(groups):
        gi = int(g)
        sel = groups == g
        tt, inv = times[sel], inviters[sel]
        valid = w.groups.alive[gi] & np.ones(tt.size, dtype=bool)
        if w.fission_void[gi]:
            # the invitation is void if the inviter left before the friend arrived
            valid &= ~((pop.state[inv] == P.LEFT) & (pop.leave_t[inv] < tt))
        tt, inv = tt[valid], inv[valid]
        room = max(w.room_for_invites(gi), 0)
        tt, inv = tt[:room], inv[:room]
        if tt.size == 0:
            continue
        spec = int(w.groups.spec[gi])
        segs = _friend_segments(w, inv, spec)
        w.join(gi, tt, P.SCENE_INVITE, None, purpose="invite", inviters=pop.person[inv], segments=segs)
        np.add.at(pop.invites, inv, 1)
        if w.fission_reward[gi] > 0:
            w.ledger.add("cost_incentives", spec, t, tt.size * w.fission_reward[gi])


def _friend_segments(w: World, inviters: np.ndarray, spec: int) -> np.ndarray:
    """Friends are drawn from the scenario audience (homophily is not modelled)."""
    rng = w.streams.get("spec", w.specs[spec].id, "fission", "friends")
    audience = w.specs[spec].audience or w.scenario.audience
    return w._segments(audience, inviters.size, rng)
