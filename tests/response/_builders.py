"""Scenarios for the response tests: one lever moved at a time, everything else fixed.

Each builder returns a validated :class:`Scenario`; the response tests and
``bench/response_tables.py`` (the dose → KPI tables in docs/model.md) share them, so the numbers
in the docs come from the scenarios the tests assert on.
"""

from __future__ import annotations

import copy
from typing import Any

from simgroup.scenario.models import Scenario

#: When the n-th of k daily ads goes out: spread over the day between 09:00 and 21:30.
_AD_CLOCKS = {
    0: [],
    1: ["12:00"],
    2: ["12:00", "20:00"],
    4: ["10:00", "13:00", "17:00", "20:00"],
    8: ["09:00", "10:30", "12:00", "13:30", "15:00", "17:00", "19:00", "21:00"],
}
AD_DOSES = tuple(_AD_CLOCKS)

_PRODUCTS = [
    {"id": "guide", "role": "lead", "price": 49, "unit_cost": 10},
    {"id": "box", "role": "repeat", "price": 99, "unit_cost": 45},
    {"id": "course", "role": "profit", "price": 299, "unit_cost": 40},
]


def _scenario(data: dict[str, Any]) -> Scenario:
    return Scenario.model_validate(copy.deepcopy(data))


def _content_300(name: str, days: int, seed: int, steps: list[dict[str, Any]]) -> Scenario:
    """A content group of 300 (the content audience, an expert, two operators) running ``steps``."""
    return _scenario({
        "simgroup": 1, "name": name, "days": days, "seed": seed,
        "audience": {"regular": 0.8, "coupon_hunter": 0.05, "super_user": 0.15},
        "operators": {"count": 2, "persona": "expert"},
        "products": _PRODUCTS,
        "groups": [{"id": "content", "type": "content", "initial_members": 300, "sop": "s"}],
        "sops": {"s": steps},
    })


def _ads(per_day: int, product: str) -> list[dict[str, Any]]:
    return [{"every": "day", "at": clock, "do": "post", "kind": "ad", "product": product}
            for clock in _AD_CLOCKS[per_day]]


def content_ads(per_day: int, *, days: int = 21, seed: int = 101) -> Scenario:
    """A content group of 300 (expert persona, daily tips, a Saturday livestream for the course)
    with ``per_day`` ads for the box: the ads sell boxes, and what they cost shows in the
    livestream's reach and sales."""
    return _content_300(f"content group, {per_day} ads a day", days, seed, [
        {"every": "day", "at": "08:30", "do": "post", "kind": "tips"},
        {"every": "sat", "at": "20:00", "do": "livestream", "product": "course", "lasts": "90m"},
        *_ads(per_day, "box"),
    ])


def traffic_ads(per_day: int, *, days: int = 10, seed: int = 102) -> Scenario:
    """A traffic group fed by package cards (as scenarios/traffic.yaml, not dissolved) with daily
    tips, a day-2 flash sale of the trial product, and ``per_day`` ads for the set."""
    return _scenario({
        "simgroup": 1, "name": f"traffic group, {per_day} ads a day", "days": days, "seed": seed,
        "audience": {"regular": 0.6, "coupon_hunter": 0.3, "super_user": 0.1},
        "channels": [{"id": "cards", "kind": "package_card", "per_day": 1000, "add_rate": 0.2,
                      "cost_per_unit": 0.3, "hours": "08:00-23:00"}],
        "operators": {"count": 1, "persona": "welfare_officer"},
        "products": [{"id": "trial", "role": "lead", "price": 9.9, "unit_cost": 6},
                     {"id": "set", "role": "bundle", "price": 199, "unit_cost": 90}],
        "groups": [{"id": "traffic", "type": "traffic", "channels": ["cards"],
                    "live_code": {"qr_limit": 200, "capacity": 500, "max_groups": 5, "auto_create": True},
                    "sop": "s"}],
        "sops": {"s": [{"on": "member_join", "do": "welcome"},
                       {"every": "day", "at": "09:00", "do": "post", "kind": "tips"},
                       {"day": 2, "at": "20:00", "do": "flash_sale", "product": "trial", "discount": 0.5,
                        "stock": 100, "lasts": "2h"},
                       *_ads(per_day, "set")]},
    })


def coupon_habit(daily_coupon: bool, *, discount: float = 0.3, days: int = 28, seed: int = 103) -> Scenario:
    """A welfare-style group fed by a store QR (regular customers and some coupon hunters): three
    weeks with or without a daily coupon on the box, then in week four a full-price livestream for the box.
    The full-price buyers of that last offer show whether members learned to wait for coupons."""
    steps: list[dict[str, Any]] = [
        {"on": "member_join", "do": "welcome"},
        {"every": "day", "at": "08:30", "do": "post", "kind": "tips"},
        {"day": 24, "at": "20:00", "do": "livestream", "product": "box", "lasts": "2h"},
    ]
    if daily_coupon:
        steps.append({"day": list(range(21)), "at": "20:00", "do": "coupon", "product": "box",
                      "discount": discount, "lasts": "1d"})
    return _scenario({
        "simgroup": 1, "name": f"store group, {'daily coupons' if daily_coupon else 'no coupons'}",
        "days": days, "seed": seed,
        "audience": {"regular": 0.75, "coupon_hunter": 0.15, "super_user": 0.1},
        "channels": [{"id": "store", "kind": "store_qr", "per_day": 6, "hours": "09:00-21:00"}],
        "operators": {"count": 1, "persona": "welfare_officer"},
        "products": _PRODUCTS,
        # one group for the whole run (the store code admits up to 500), so day N is the same
        # calendar day for every member
        "groups": [{"id": "store", "type": "content", "channels": ["store"], "initial_members": 300, "sop": "s",
                    "live_code": {"qr_limit": 500, "capacity": 500}}],
        "sops": {"s": steps},
    })


def flash_sale_left_open(*, days: int = 16) -> Scenario:
    """scenarios/flash_sale.yaml without its dissolve step, run past the campaign."""
    from simgroup.scenario.loader import load_scenario

    data = load_scenario("scenarios/flash_sale.yaml").model_dump(by_alias=True, exclude={"model"}, exclude_none=True)
    data["days"] = days
    data["sops"]["campaign"] = [s for s in data["sops"]["campaign"] if s["do"] != "dissolve"]
    return _scenario(data)


def content_value(kind: str, *, days: int = 21, seed: int = 104) -> Scenario:
    """A content group of 300 that gets three posts a day of one kind (tips or ads)."""
    return _content_300(f"content group, three {kind} posts a day", days, seed,
                        [{"every": "day", "at": clock, "do": "post", "kind": kind} for clock in ("09:00", "13:00", "19:00")])


def content_daily_value(*, days: int = 90, seed: int = 105) -> Scenario:
    """scenarios/content.yaml's group and SOP, run for 90 days."""
    from simgroup.scenario.loader import load_scenario

    data = load_scenario("scenarios/content.yaml").model_dump(by_alias=True, exclude={"model"}, exclude_none=True)
    data["days"] = days
    data["seed"] = seed
    return _scenario(data)


def at_all(clock: str, *, days: int = 14, seed: int = 106) -> Scenario:
    """A content group of 300 with daily tips and an @all every other day at ``clock``."""
    return _content_300(f"content group, @all at {clock}", days, seed, [
        {"every": "day", "at": "08:30", "do": "post", "kind": "tips"},
        {"every": "2d", "at": clock, "do": "at_all", "text": "All members please read"},
    ])


def quiet_members(talk_scale: float, *, days: int = 45, seed: int = 107) -> Scenario:
    """A content group of 120 with a weekly story and members who talk ``talk_scale`` times their
    segment's usual rate."""
    from simgroup.scenario.presets import PRESETS

    rates = {seg: {"talk_rate": PRESETS["segments"][seg]["talk_rate"] * talk_scale} for seg in PRESETS["segments"]}
    return _scenario({
        "simgroup": 1, "name": f"content group, talk x{talk_scale}", "days": days, "seed": seed,
        "audience": {"regular": 0.8, "coupon_hunter": 0.05, "super_user": 0.15},
        "operators": {"count": 1, "persona": "expert"},
        "groups": [{"id": "club", "type": "content", "initial_members": 120, "sop": "s"}],
        "sops": {"s": [{"every": "sun", "at": "20:00", "do": "post", "kind": "story"}]},
        "model": {"segments": rates},
    })


def group_sizes(*, count: int = 20, days: int = 35, seed: int = 108) -> Scenario:
    """``count`` content groups of 5 to 300 members (log-spaced) that no operator posts to: how
    long groups live when only their members keep them going."""
    import numpy as np

    sizes = np.unique(np.round(np.geomspace(5, 300, count)).astype(int))
    return _scenario({
        "simgroup": 1, "name": "groups of many sizes", "days": days, "seed": seed,
        "audience": {"regular": 0.85, "super_user": 0.15},
        "operators": {"count": 1, "persona": "expert"},
        "groups": [{"id": f"g{size:03d}", "type": "content", "initial_members": int(size)} for size in sizes],
    })
