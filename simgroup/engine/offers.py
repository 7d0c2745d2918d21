"""Purchases: a Bass-like hazard per offer (DESIGN §3).

When an offer reaches a reader, the reader buys with probability ``1 - exp(-P_i)`` where ``P_i``
is the external push (group type, persona, segment, interest, trust, price and discount,
repurchase); during the offer window the imitation term adds ``imitation × share of members who
bought`` per hour, times the same propensity. Coupon hunters buy only discounted items.
"""

from __future__ import annotations

from collections.abc import Generator
from typing import TYPE_CHECKING, Any

import numpy as np

from simgroup.engine import population as P
from simgroup.scenario.models import Product
from simgroup.scenario.vocabulary import SEGMENTS

if TYPE_CHECKING:
    from simgroup.engine.world import World

HUNTER = SEGMENTS.index("coupon_hunter")


def propensity(w: World, rows: np.ndarray, g: int, product: Product, discount: float, kind_mult: float) -> np.ndarray:
    """``P_i``: the expected purchases of each reader from one push of this offer."""
    pop = w.pop
    b = w.params.buying
    seg = pop.segment[rows].astype(np.int64)
    typ = int(w.spec_type[int(w.groups.spec[g])])
    persona = w.persona
    price_factor = b.price_ref / (b.price_ref + product.price)
    base = (
        w.gt["buy_base"][typ]
        * persona.conversion_mult
        * kind_mult
        * w.seg["buy_mult"][seg]
        * 2.0 * pop.interest[rows]
        * (1.0 + b.trust_coef * pop.trust[rows])
        * price_factor
        * (1.0 + b.discount_elasticity * discount * pop.price_sens[rows])
        * np.where(pop.purchases[rows] > 0, b.repurchase_mult, 1.0)
    )
    if discount > 0:
        base = base * persona.coupon_mult
    base = np.where(discount + 1e-12 >= w.seg["min_discount"][seg], base, 0.0)
    return base.astype(np.float64)


class Offer:
    """One offer in one group: the first wave at push time, then imitation during its window."""

    def __init__(self, w: World, g: int, product: Product, discount: float, stock: int | None,
                 lasts: float, kind_mult: float, purpose: str) -> None:
        self.w = w
        self.g = g
        self.product = product
        self.discount = discount
        self.stock = stock if stock is not None else np.iinfo(np.int64).max
        self.lasts = lasts
        self.kind_mult = kind_mult
        self.sold = 0
        self.spec = int(w.groups.spec[g])
        self.rng = w.streams.get("spec", w.specs[self.spec].id, "offers", purpose)

    def push(self, readers: np.ndarray, t: float) -> None:
        """Readers decide at push time; with a window, imitation continues hourly."""
        p = propensity(self.w, readers, self.g, self.product, self.discount, self.kind_mult)
        u = self.rng.random(readers.size)
        buyers = readers[u < -np.expm1(-p)]
        self._sell(buyers, t)
        non_buyers = np.setdiff1d(readers, buyers, assume_unique=True)
        if non_buyers.size:
            self.w.pop.annoyance[non_buyers] += np.float32(self.w.params.buying.offer_annoyance)
        imitation = self.w.gt["imitation"][int(self.w.spec_type[self.spec])]
        if self.lasts >= 60.0 and imitation > 0 and non_buyers.size and self.sold < self.stock:
            self.w.env.process(self._imitation(non_buyers, p[np.isin(readers, non_buyers)], float(imitation)))

    def _imitation(self, waiting: np.ndarray, p: np.ndarray, imitation: float) -> Generator[Any, Any, None]:
        w = self.w
        step = float(w.params.tick_minutes)
        end = w.env.now + self.lasts
        while w.env.now + step <= end + 1e-9 and waiting.size and self.sold < self.stock:
            yield w.env.timeout(step)
            members = max(int(w.groups.count[self.g]), 1)
            bought_share = min(self._group_buyers() / members, 1.0)
            still = w.pop.state[waiting] < P.LEFT
            hazard = imitation * bought_share * p * (step / 60.0) * still
            u = self.rng.random(waiting.size)
            buy = u < -np.expm1(-hazard)
            if buy.any():
                self._sell(waiting[buy], float(w.env.now))
                keep = ~buy
                waiting, p = waiting[keep], p[keep]

    def _group_buyers(self) -> int:
        return int(self.sold)

    def _sell(self, buyers: np.ndarray, t: float) -> None:
        if buyers.size == 0 or self.sold >= self.stock:
            return
        w = self.w
        room = int(min(self.stock - self.sold, buyers.size))
        if room < buyers.size:
            buyers = self.rng.permutation(buyers)[:room]
            buyers.sort()
        self.sold += buyers.size
        delay = self.rng.exponential(w.params.buying.order_delay_minutes, buyers.size)
        if self.lasts > 0:  # an order must land inside the sale window
            delay = np.minimum(delay, self.lasts)
        times = np.minimum(t + delay, w.horizon - 1e-6)
        record_orders(w, buyers, times, self.product, self.discount)


def record_orders(w: World, buyers: np.ndarray, times: np.ndarray, product: Product, discount: float) -> None:
    """Book orders: revenue at list price, discounts and cost of goods into gross profit."""
    pop = w.pop
    specs = pop.spec[buyers].astype(np.int64)
    n = buyers.size
    paid = product.price * (1.0 - discount)
    pop.purchases[buyers] += 1
    pop.spend[buyers] += paid
    pop.trust[buyers] += np.float32(w.params.buying.buyer_trust_gain)
    pop.last_active_t[buyers] = np.maximum(pop.last_active_t[buyers], times)
    if discount > 0:
        pop.benefit_t[buyers] = times
    w.ledger.orders(times, pop.person[buyers], specs, buyers)
    w.ledger.add_many("orders", specs, times, 1.0)
    w.ledger.add_many("gmv", specs, times, product.price)
    w.ledger.add_many("gross_profit", specs, times, paid - product.unit_cost)
    if w.events is not None:
        for r, tt in zip(buyers, times):
            w.log(float(tt), "order", chat_id=w.chat_id(int(pop.group[r])), member=int(pop.person[r]),
                  product=product.id, price=round(paid, 2))
    w.sop.on_purchase(buyers)
