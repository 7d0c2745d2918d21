"""Finite demand, offer wear-out and reference prices, per member and product.

Three effects multiply an offer's purchase propensity (:func:`simgroup.engine.offers.push_offer`):

- **Intent is a stock.** A member who has not bought a product wants it (intent 1); buying
  empties the stock, which refills on the product role's repurchase cycle as
  ``1 - exp(-(t - last order) / cycle)`` (a lead product 引流款 is bought once: cycle 0 means it
  never refills; a repeat product 复购款 refills on a cycle of weeks; a product's own
  ``repurchase_days`` overrides its role's cycle). So more posts cannot sell more than there is
  demand for.
- **Wear-out.** Each offer of a product a member reads counts as an exposure; exposures fade with
  a half-life, and propensity is divided by ``1 + wear · exposures so far`` (diminishing returns
  of repeated messages: Zhang, Kumar & Cosguner, JMR 2017).
- **Reference price.** The discounts a member sees on a product set the discount they expect
  (exponential smoothing with ``learning_rate``). An offer better than expected is a gain, worse a
  loss weighed ``loss / gain`` times more (reference-price effects with loss aversion, e.g.
  Kalwani et al., JMR 1990): ``exp(price sensitivity · (gain · max(d - ref, 0) - loss ·
  max(ref - d, 0)))``. After weeks of coupons a full-price offer is a loss: members wait for the
  coupon.

A group spec also gets a **coupon reputation**: discount-weighted offers per week and group,
smoothed over ``reputation_days``. Coupon hunters hear of it (word of mouth among 羊毛党), so the share of
hunters among a channel's joiners grows by ``1 + hunter_word_of_mouth · reputation``.

State is kept per product as one column per product (rows grow with the population), so a push
touches one contiguous column.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

import numpy as np

from simgroup.engine.columns import doubled
from simgroup.scenario.times import MINUTES_PER_DAY

if TYPE_CHECKING:
    from simgroup.engine.world import World

F32 = np.float32
NEVER = -np.inf


class DemandBook:
    """Per (member row, product) intent, wear and reference discount; per spec reputation."""

    def __init__(self, w: World) -> None:
        self.w = w
        d = w.params.demand
        rp = w.params.reference_price
        products = list(w.scenario.products)
        self.ids = [p.id for p in products]
        self.index = {pid: j for j, pid in enumerate(self.ids)}
        self.cycle = [float(getattr(d.cycle_days, p.role) if p.repurchase_days is None else p.repurchase_days) * MINUTES_PER_DAY
                      for p in products]
        self.wear_per_exposure = float(d.wear_per_exposure)
        self.wear_half_life = float(d.wear_half_life_days) * MINUTES_PER_DAY
        self.learning_rate = F32(rp.learning_rate)
        self.gain = float(rp.gain)
        self.loss = float(rp.loss)
        self.word_of_mouth = float(rp.hunter_word_of_mouth)
        self.reputation_life = float(rp.reputation_days) * MINUTES_PER_DAY
        self.reputation_scale = 7.0 / float(rp.reputation_days)
        self.reputation = np.zeros(len(w.specs))
        self.reputation_t = np.zeros(len(w.specs))
        self.capacity = 0
        self.last_buy: list[np.ndarray] = [np.zeros(0) for _ in products]
        self.wear: list[np.ndarray] = [np.zeros(0, dtype=F32) for _ in products]
        self.wear_t: list[np.ndarray] = [np.zeros(0) for _ in products]
        self.ref: list[np.ndarray] = [np.zeros(0, dtype=F32) for _ in products]

    def _ensure(self, rows: int) -> None:
        if rows <= self.capacity:
            return
        capacity = doubled(max(self.capacity, 1024), rows)
        for name, fill in (("last_buy", NEVER), ("wear", 0.0), ("wear_t", 0.0), ("ref", 0.0)):
            columns = getattr(self, name)
            for j, old in enumerate(columns):
                new = np.full(capacity, fill, dtype=old.dtype)
                new[: old.size] = old
                columns[j] = new
        self.capacity = capacity

    # ------------------------------------------------------------------ an offer is read

    def columns(self, product: str) -> tuple[np.ndarray, np.ndarray, np.ndarray, np.ndarray]:
        """The product's per-row columns, long enough for every row: last order time, wear,
        when the wear was last updated, expected discount. An offer's reading applies the
        three effects and updates wear and reference in one pass
        (:func:`simgroup.engine.offers.push_offer`)."""
        self._ensure(self.w.pop.n)
        j = self.index[product]
        return self.last_buy[j], self.wear[j], self.wear_t[j], self.ref[j]

    def bought(self, rows: np.ndarray, product: int | np.ndarray, times: np.ndarray) -> None:
        """``rows`` ordered ``product`` (an index, or one per row) at ``times``: intent is spent."""
        self._ensure(self.w.pop.n)
        if np.ndim(product) == 0:
            self.last_buy[int(product)][rows] = times
            return
        for j in np.unique(product):
            mine = product == j
            self.last_buy[int(j)][rows[mine]] = np.asarray(times)[mine] if np.ndim(times) else times

    def carry(self, src: np.ndarray, dst: slice) -> None:
        """A migrating person keeps their demand state in the new membership."""
        self._ensure(self.w.pop.n)
        for name in ("last_buy", "wear", "wear_t", "ref"):
            for column in getattr(self, name):
                column[dst] = column[src]

    # ------------------------------------------------------------------ coupon reputation

    def _reputation(self, spec: int, t: float) -> float:
        return float(self.reputation[spec] * np.exp(-(t - self.reputation_t[spec]) / self.reputation_life))

    def discount_offered(self, spec: int, discount: float, t: float) -> None:
        """A discounted offer went out in a group of ``spec``: the reputation of the spec's groups
        grows (per group: the same SOP run in five groups is known for coupons as much as in one)."""
        if discount > 0:
            alive = max(1, self.w.alive_groups[spec])
            self.reputation[spec] = self._reputation(spec, t) + discount * self.reputation_scale / alive
            self.reputation_t[spec] = t

    def hunter_weight(self, spec: int, t: float) -> float:
        """How many times more coupon hunters a channel brings to ``spec`` than its audience says."""
        if self.word_of_mouth <= 0 or self.reputation[spec] <= 0:
            return 1.0
        return 1.0 + self.word_of_mouth * self._reputation(spec, t)
