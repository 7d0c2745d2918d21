"""Fission (裂变): invitations as a branching process (docs/model.md).

While a group's campaign runs, each participant brings ``Poisson(K_i)`` friends, where
``K_i = offspring × segment invite_mult × persona fission_mult``; a friend arrives after an
exponential delay and, if the campaign still runs, may participate in turn. With participation
``p`` and mean offspring ``K`` among joiners of an open-ended campaign, the expected invited joins
per initial joiner are ``pK / (1 - pK)`` (a Galton-Watson process; ``pK < 1``).
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any, ClassVar

import numpy as np

from simgroup.engine import population
from simgroup.engine.columns import doubled, regrow, runs

if TYPE_CHECKING:
    from simgroup.engine.world import World
    from simgroup.scenario.models import Fission
    from simgroup.scenario.params import FissionParams


class FissionCampaigns:
    """Each group's fission campaign (one per group; a new campaign replaces the running one's
    terms and extends its end), and the invited friends on their way.

    Arrays are indexed by group and grown with the group table (:meth:`grow`); a group without
    a campaign has ``until = -inf``. ``pending`` holds batches of (arrival times, inviter rows,
    groups) not yet delivered.
    """

    _FIELDS: ClassVar[dict[str, tuple[Any, Any]]] = {  # name: (dtype, fill value)
        "until": (np.float64, -np.inf),  # when the campaign ends
        "offspring": (np.float64, 0.0),  # mean friends a participant invites
        "participation": (np.float64, 0.0),  # share of readers or joiners who take part
        "reward": (np.float64, 0.0),  # CNY per invited friend (or duplicate)
        "duplicate_share": (np.float64, 0.0),  # invitations that reach someone already in
        "void_if_inviter_leaves": (bool, True),
    }
    until: np.ndarray
    offspring: np.ndarray
    participation: np.ndarray
    reward: np.ndarray
    duplicate_share: np.ndarray
    void_if_inviter_leaves: np.ndarray

    def __init__(self) -> None:
        self._capacity = 0
        for name, (dtype, fill) in self._FIELDS.items():
            setattr(self, name, np.full(0, fill, dtype=dtype))
        self.pending: list[tuple[np.ndarray, np.ndarray, np.ndarray]] = []

    def grow(self, groups: int) -> None:
        """Room for ``groups`` groups (new entries have no campaign)."""
        capacity = doubled(max(self._capacity, 8), groups)
        if capacity > self._capacity:
            regrow(self, {name: fill for name, (_, fill) in self._FIELDS.items()}, self._capacity, capacity)
            self._capacity = capacity

    def start(self, g: int, step: Fission, t: float, presets: FissionParams) -> None:
        """Group ``g`` runs the campaign of ``step`` from ``t`` (the step's values, else the presets)."""
        self.until[g] = max(self.until[g], t + step.lasts)
        self.offspring[g] = step.offspring
        self.participation[g] = step.participation if step.participation is not None else presets.participation
        self.reward[g] = step.reward
        self.duplicate_share[g] = 0.0 if step.new_friends_only else presets.duplicate_share
        self.void_if_inviter_leaves[g] = step.void_if_inviter_leaves


def participate(w: World, g: int | np.ndarray, rows: np.ndarray, t: float) -> None:
    """``rows`` (readers of the campaign, or joiners during it) decide to invite friends.

    ``g`` is the group of all rows, or one group per row; all rows share one group spec.
    """
    if rows.size == 0:
        return
    groups = np.full(rows.size, g, dtype=np.int64) if np.ndim(g) == 0 else np.asarray(g, dtype=np.int64)
    campaigns = w.fission
    running = campaigns.until[groups] > t
    if not running.all():
        rows, groups = rows[running], groups[running]
        if rows.size == 0:
            return
    spec = int(w.groups.spec[groups[0]])
    rng = w.streams.get("spec", w.specs[spec].id, "fission")
    pop = w.pop
    joins = rng.random(rows.size) < campaigns.participation[groups]
    parts, groups = rows[joins], groups[joins]
    if parts.size == 0:
        return
    k = campaigns.offspring[groups] * w.segment_columns["invite_mult"][pop.segment[parts]] * w.persona.fission_mult
    counts = rng.poisson(k)
    total = int(counts.sum())
    if total == 0:
        return
    inviters = np.repeat(parts, counts)
    groups = np.repeat(groups, counts)
    start = np.maximum(pop.join_t[inviters], t)
    times = start + rng.exponential(w.params.fission.invite_delay_hours * 60.0, total)
    dup = rng.random(total) < campaigns.duplicate_share[groups]
    keep = times < np.minimum(campaigns.until[groups], w.horizon)
    # a duplicate is an existing member "invited" again: rewarded if the campaign allows it, no join
    reward = float(campaigns.reward[groups][dup & keep].sum())
    if reward > 0:
        w.ledger.add("cost_incentives", spec, t, reward)
    keep &= ~dup
    if keep.any():
        campaigns.pending.append((times[keep], inviters[keep], groups[keep]))


def deliver_invites(w: World, t: float) -> None:
    """Invited friends whose arrival time has come join their inviter's group (one join per
    group spec, in group order)."""
    campaigns = w.fission
    if not campaigns.pending:
        return
    times = np.concatenate([p[0] for p in campaigns.pending])
    inviters = np.concatenate([p[1] for p in campaigns.pending])
    groups = np.concatenate([p[2] for p in campaigns.pending])
    due = times <= t
    if not due.any():
        campaigns.pending = [(times, inviters, groups)]
        return
    campaigns.pending = [(times[~due], inviters[~due], groups[~due])] if (~due).any() else []
    times, inviters, groups = times[due], inviters[due], groups[due]
    order = np.lexsort((times, groups))
    times, inviters, groups = times[order], inviters[order], groups[order]
    pop = w.pop
    # invitations are void if the group died, or (when the campaign says so) if the inviter
    # left before the friend arrived
    valid = w.groups.alive[groups]
    void = campaigns.void_if_inviter_leaves[groups]
    valid &= ~(void & (pop.state[inviters] == population.LEFT) & (pop.leave_t[inviters] < times))
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
        w.join(gg, tt, population.SCENE_INVITE, None, purpose="invite", inviters=pop.person[inv], segments=segs)
        np.add.at(pop.invites, inv, 1)
        reward = float(campaigns.reward[gg].sum())
        if reward > 0:
            w.ledger.add("cost_incentives", int(spec), t, reward)


def _friend_segments(w: World, inviters: np.ndarray, spec: int) -> np.ndarray:
    """Friends are drawn from the scenario audience (homophily is not modelled)."""
    rng = w.streams.get("spec", w.specs[spec].id, "fission", "friends")
    audience = w.specs[spec].audience or w.scenario.audience
    return w._segments(audience, inviters.size, rng)
