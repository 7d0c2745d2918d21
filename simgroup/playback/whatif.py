"""The actions a trainer can take live (a what-if), as SOP step models the engine executes.

Contract: :func:`build_step(scenario, action, t)` returns the step for ``action`` (one of
:data:`ACTIONS`) at simulated minute ``t``, or raises :class:`WhatIfError` with a message for
the trainer (a coupon or a flash sale needs a product). Products: the scenario's lead product
(``role: lead``), else its cheapest. Settings are the SOP vocabulary's defaults except where
noted: coupon 30 % off for 24 h; flash sale 50 % off, 100 units, 2 h; content post = ``tips``;
@all without an offer; dissolve.
"""

from __future__ import annotations

from simgroup.errors import SimgroupError
from simgroup.playback.feed import time_of_day
from simgroup.scenario.models import AtAll, Coupon, Dissolve, FlashSale, Post, Scenario, SopStep

ACTIONS: tuple[str, ...] = ("coupon", "post", "at_all", "flash_sale", "dissolve")


class WhatIfError(SimgroupError, ValueError):
    """The action cannot be taken in this scenario."""


def offer_product(scenario: Scenario) -> str | None:
    """The product a live offer is for: the lead product, else the cheapest, else None."""
    products = list(scenario.products)
    if not products:
        return None
    lead = [p for p in products if p.role == "lead"]
    return (lead or sorted(products, key=lambda p: p.price))[0].id


def build_step(scenario: Scenario, action: str, t: float) -> SopStep:
    at = time_of_day(t)  # the trigger is not used: the step runs now
    if action in ("coupon", "flash_sale"):
        product = offer_product(scenario)
        if product is None:
            raise WhatIfError("the scenario has no products to offer")
        if action == "coupon":
            return Coupon(do="coupon", product=product, discount=0.3, lasts=1440.0, at=at)
        return FlashSale(do="flash_sale", product=product, discount=0.5, stock=100, lasts=120.0, at=at)
    if action == "post":
        return Post(do="post", kind="tips", at=at)
    if action == "at_all":
        return AtAll(do="at_all", at=at)
    if action == "dissolve":
        return Dissolve(do="dissolve", at=at)
    raise WhatIfError(f"unknown action {action!r}; choose one of {', '.join(ACTIONS)}")
