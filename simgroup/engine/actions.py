"""What each SOP action does when its task is sent (docs/scenario-reference.md action vocabulary).

``targets`` are the members an event or a filter selected (a 1:1 message each), or ``None`` for
a message to the whole group.
"""

from __future__ import annotations

from collections.abc import Callable, Generator
from typing import TYPE_CHECKING, Any

import numpy as np

from simgroup.engine import population
from simgroup.engine.fission import participate
from simgroup.engine.offers import push_offer
from simgroup.engine.posts import read_post
from simgroup.scenario.models import (
    Announce,
    AtAll,
    Checkin,
    Coupon,
    CreateGroup,
    Dissolve,
    Fission,
    FlashSale,
    Kick,
    Livestream,
    Lottery,
    Migrate,
    Post,
    RedPacket,
    Select,
    SopStep,
    Tag,
    Welcome,
)
from simgroup.scenario.times import MINUTES_PER_DAY
from simgroup.scenario.vocabulary import SEGMENTS

if TYPE_CHECKING:
    from simgroup.engine.world import World

#: a post or @all with a product is an offer without a sale window: readers decide when they read
NO_WINDOW = 0.0
CHECKIN_STATE_FACTOR = np.array([1.0, 0.8, 0.3, 0.0])  # muted members still come to check in [ASSUME]


def execute(w: World, g: int, step: SopStep, targets: np.ndarray | None, t: float) -> None:
    handler = _HANDLERS[step.do]
    spec = int(w.groups.spec[g])
    if w.events is not None:
        w.log(t, "post", chat_id=w.chat_id(g), action=step.do, kind=getattr(step, "kind", None),
              text=step.text, targets=None if targets is None else int(targets.size), group=w.specs[spec].id)
    handler(w, g, step, targets, t)


def _read(w: World, g: int, step: SopStep, targets: np.ndarray | None, t: float, *, pierce: bool = False,
          extra_annoyance: float = 0.0, extra_value: float = 0.0, extra_reply: float = 0.0,
          extra_interest: float = 0.0) -> np.ndarray:
    a = w.params.actions[step.do]
    return read_post(
        w, g, t,
        value=a.value + extra_value,
        annoyance=a.annoyance + extra_annoyance,
        reply_boost=a.reply_boost + extra_reply,
        interest=a.interest + extra_interest,
        pierce=pierce,
        targets=targets,
        private=targets is not None,
        purpose=step.do,
    )


def _offer(w: World, g: int, readers: np.ndarray, t: float, product_id: str | None, discount: float,
           stock: int | None, lasts: float, kind_mult: float, purpose: str) -> None:
    if product_id is None or readers.size == 0 or kind_mult <= 0:
        return
    push_offer(w, g, readers, t, w.products[product_id], discount, stock, lasts, kind_mult, purpose)


def _welcome(w: World, g: int, step: Welcome, targets: np.ndarray | None, t: float) -> None:
    _read(w, g, step, targets, t)


def _post(w: World, g: int, step: Post, targets: np.ndarray | None, t: float) -> None:
    kind = w.params.posts[step.kind]
    readers = _read(w, g, step, targets, t, extra_annoyance=kind.annoyance, extra_value=kind.value,
                    extra_reply=kind.reply_boost, extra_interest=kind.interest)
    _offer(w, g, readers, t, step.product, step.discount, None, NO_WINDOW, kind.buy_mult, "post")


def _announce(w: World, g: int, step: Announce | AtAll, targets: np.ndarray | None, t: float) -> None:
    readers = _read(w, g, step, targets, t, pierce=True)
    _offer(w, g, readers, t, step.product, step.discount, None, NO_WINDOW, 1.0, step.do)


def _coupon(w: World, g: int, step: Coupon, targets: np.ndarray | None, t: float) -> None:
    readers = _read(w, g, step, targets, t)
    _offer(w, g, readers, t, step.product, step.discount, step.stock, step.lasts, 1.0, "coupon")


def _red_packet(w: World, g: int, step: RedPacket, targets: np.ndarray | None, t: float) -> None:
    readers = _read(w, g, step, targets, t, pierce=True)
    if readers.size == 0:
        return
    spec = int(w.groups.spec[g])
    rng = w.streams.get("spec", w.specs[spec].id, "red_packet")
    grabbers = rng.permutation(readers)[: step.shares]
    if w.events is not None:  # in the order they grabbed
        chat = w.chat_id(g)
        for rank, r in enumerate(grabbers):
            w.log(t, "red_packet_grab", chat_id=chat, member=int(w.pop.person[r]), rank=rank, of=int(grabbers.size))
    w.hazards.took_benefit(grabbers, t)
    # unclaimed shares are refunded after 24 h [ANEC]
    w.ledger.add("cost_incentives", spec, t, step.total * grabbers.size / step.shares)


def _flash_sale(w: World, g: int, step: FlashSale, targets: np.ndarray | None, t: float) -> None:
    readers = _read(w, g, step, targets, t, pierce=True)
    _offer(w, g, readers, t, step.product, step.discount, step.stock, step.lasts, 1.0, "flash_sale")


def _livestream(w: World, g: int, step: Livestream, targets: np.ndarray | None, t: float) -> None:
    readers = _read(w, g, step, targets, t, pierce=True)
    _offer(w, g, readers, t, step.product, step.discount, None, step.lasts,
           w.params.buying.livestream_mult, "livestream")


def _lottery(w: World, g: int, step: Lottery, targets: np.ndarray | None, t: float) -> None:
    readers = _read(w, g, step, targets, t, pierce=True)
    if readers.size == 0:
        return
    spec = int(w.groups.spec[g])
    rng = w.streams.get("spec", w.specs[spec].id, "lottery")
    winners = rng.permutation(readers)[: step.winners]
    w.hazards.took_benefit(readers, t)
    w.pop.trust[winners] += np.float32(w.params.actions["lottery"].value)
    w.ledger.add("cost_incentives", spec, t, step.prize * winners.size)


def _fission(w: World, g: int, step: Fission, targets: np.ndarray | None, t: float) -> None:
    readers = _read(w, g, step, targets, t, pierce=True)
    w.fission.start(g, step, t, w.params.fission)
    participate(w, g, readers, t)


def _checkin(w: World, g: int, step: Checkin, targets: np.ndarray | None, t: float) -> None:
    _read(w, g, step, targets, t, pierce=True)
    w.env.process(_checkin_campaign(w, g, step, t))


def _checkin_campaign(w: World, g: int, step: Checkin, t0: float) -> Generator[Any, Any, None]:
    """Daily check-ins at ``check_at``: motivation fades, streak breaks hurt, reward tiers help."""
    pop = w.pop
    c = w.params.checkin
    spec = int(w.groups.spec[g])
    rng = w.streams.get("spec", w.specs[spec].id, "checkin")
    end = min(t0 + step.lasts, w.horizon)
    day = int(t0 // MINUTES_PER_DAY)
    if day * MINUTES_PER_DAY + step.check_at < t0:
        day += 1
    while True:
        t = float(day * MINUTES_PER_DAY + step.check_at)
        if t >= end:
            return
        yield w.env.timeout(t - w.env.now)
        if not w.groups.alive[g]:
            return
        members = w.group_members(g)
        p = pop.motivation[members] * CHECKIN_STATE_FACTOR[pop.state[members]]
        did = rng.random(members.size) < p
        rows, miss = members[did], members[~did]
        if step.mode == "streak":
            broken = miss[pop.streak[miss] > 0]
            pop.motivation[broken] *= np.float32(c.break_penalty)
            pop.streak[miss] = 0
        pop.streak[rows] += 1
        pop.checkins[rows] += 1
        pop.spoke_day[rows] = day
        w.groups.msg_day[pop.group[rows]] = int(t // MINUTES_PER_DAY)  # the day msg_total books them
        pop.messages[rows] += 1
        if w.track_activity:
            pop.last_active_t[rows] = t
        pop.trust[rows] += np.float32(c.trust_gain)
        pop.motivation[rows] *= np.float32(1.0 - c.fatigue)
        w.ledger.add_many("msg_total", pop.spec[rows].astype(np.int64), t, 1.0)
        progress = pop.streak[rows] if step.mode == "streak" else pop.checkins[rows]
        for tier in step.tiers:
            hit = rows[progress == tier.days]
            if hit.size:
                pop.motivation[hit] = np.minimum(pop.motivation[hit] + np.float32(c.reward_boost), 1.0)
                w.ledger.add("cost_incentives", spec, t, tier.reward * hit.size)
        if w.events is not None:
            for r in rows:
                w.log(t, "checkin", chat_id=w.chat_id(g), member=int(pop.person[r]),
                      segment=SEGMENTS[pop.segment[r]], streak=int(pop.streak[r]))
        day += 1


def _selected(w: World, g: int, select: Select | None, targets: np.ndarray | None, purpose: str) -> np.ndarray:
    rows = targets if targets is not None else w.group_members(g)
    if select is None:
        return rows
    pop = w.pop
    rows = pop.matching(
        rows,
        segment=None if select.segment is None else SEGMENTS.index(select.segment),
        tag_bit=None if select.tag is None else w.sop.tags[select.tag],
        bought=select.buyers,
    )
    if select.top_active is not None and rows.size:
        spec = int(w.groups.spec[g])
        rng = w.streams.get("spec", w.specs[spec].id, "select", purpose)
        weights = w.params.operators
        score = (pop.messages[rows] + weights.top_active_purchase_weight * pop.purchases[rows]
                 + weights.top_active_invite_weight * pop.invites[rows] + rng.random(rows.size))
        k = round(select.top_active * rows.size)
        rows = np.sort(rows[np.argsort(-score, kind="stable")[:k]])
    return rows


def _tag(w: World, g: int, step: Tag, targets: np.ndarray | None, t: float) -> None:
    rows = _selected(w, g, step.select, targets, "tag")
    w.pop.tags[rows] |= np.int64(1) << np.int64(w.sop.tags[step.name])


def _kick(w: World, g: int, step: Kick, targets: np.ndarray | None, t: float) -> None:
    rows = _selected(w, g, step.select, targets, "kick")
    w.leave(rows[w.pop.state[rows] < population.LEFT], t, population.QUIT_KICKED)


def _migrate(w: World, g: int, step: Migrate, targets: np.ndarray | None, t: float) -> None:
    """Move the selected members (the seeds of a dying group) into a group of spec ``to``."""
    rows = _selected(w, g, step.select, targets, "migrate")
    rows = rows[w.pop.state[rows] < population.LEFT]
    if rows.size == 0:
        return
    dest_spec = w.spec_index[step.to]
    code = w.live[dest_spec]
    placed = 0
    while placed < rows.size:
        dest = next((d for d in code.bound if w.groups.alive[d] and w.groups.count[d] < code.capacity and d != g), None)
        if dest is None:
            dest = w.create_group(dest_spec, t)
        take = min(int(code.capacity - w.groups.count[dest]), rows.size - placed)
        moving = rows[placed: placed + take]
        w.leave(moving, t, population.QUIT_MIGRATED)
        new = w.join(dest, np.full(moving.size, t), population.SCENE_MIGRATE, None, purpose="migrate", carry_from=moving)
        w.pop.trust[new] += np.float32(w.params.actions["migrate"].value)
        placed += take


def _create_group(w: World, g: int, step: CreateGroup, targets: np.ndarray | None, t: float) -> None:
    spec = w.spec_index[step.to] if step.to is not None else int(w.groups.spec[g])
    new = w.create_group(spec, t)
    w.add_initial_members(new, t)


def _dissolve(w: World, g: int, step: Dissolve, targets: np.ndarray | None, t: float) -> None:
    w.end_group(g, t, dissolved=True)


_HANDLERS: dict[str, Callable[..., None]] = {
    "welcome": _welcome,
    "post": _post,
    "announce": _announce,
    "at_all": _announce,
    "coupon": _coupon,
    "red_packet": _red_packet,
    "flash_sale": _flash_sale,
    "livestream": _livestream,
    "checkin": _checkin,
    "lottery": _lottery,
    "fission": _fission,
    "tag": _tag,
    "kick": _kick,
    "migrate": _migrate,
    "create_group": _create_group,
    "dissolve": _dissolve,
}
