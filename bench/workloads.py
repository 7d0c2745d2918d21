"""Scenarios the benchmark runs (not used by the product).

``full_sop``: content groups with a full SOP: daily posts, a daily coupon with a 24-hour window,
weekly livestream, flash sale and red packet, and a fission campaign on day 10 (manual tasks, so
operators, their queue and upkeep are exercised too).

``yardstick``: the dynamics that :mod:`yardstick` re-implements as a loop over member objects:
background hazards (leave, mute, fold, self-exciting chatter, push pressure and trust), a tips post,
a product post and a discounted coupon with imitation every day, all sent by a bot.
"""

from __future__ import annotations

from typing import Any

from simgroup.scenario.models import Scenario

AUDIENCE = {"regular": 0.6, "coupon_hunter": 0.3, "super_user": 0.1}
PRODUCTS = [{"id": "lead", "role": "lead", "price": 9.9, "unit_cost": 5},
            {"id": "course", "role": "profit", "price": 299, "unit_cost": 40}]

#: the yardstick's SOP: (clock minute, action, extra fields); every step is sent by a bot
YARDSTICK_STEPS: list[tuple[int, str, dict[str, Any]]] = [
    (8 * 60 + 30, "post", {"kind": "tips"}),
    (12 * 60, "post", {"kind": "product", "product": "lead"}),
    (20 * 60, "coupon", {"product": "lead", "discount": 0.3, "lasts": "1d"}),
]


def _clock(minute: int) -> str:
    return f"{minute // 60:02d}:{minute % 60:02d}"


def full_sop_scenario(groups: int = 100, members: int = 500, days: int = 30) -> Scenario:
    """The issue's workload: ``groups`` content groups of ``members`` with a full SOP."""
    sop: list[dict[str, Any]] = [
        {"every": "day", "at": "08:30", "do": "post", "kind": "tips"},
        {"every": "day", "at": "12:00", "do": "post", "kind": "product", "product": "lead"},
        {"every": "mon,wed,fri", "at": "20:30", "do": "post", "kind": "story"},
        {"every": "day", "at": "20:00", "do": "coupon", "product": "lead", "discount": 0.3},
        {"every": "tue", "at": "20:00", "do": "livestream", "product": "course", "lasts": "90m"},
        {"every": "sat", "at": "20:00", "do": "flash_sale", "product": "course", "discount": 0.3, "lasts": "2h"},
        {"every": "sun", "at": "21:00", "do": "red_packet", "total": 100, "shares": 50},
    ]
    if days > 10:
        sop.append({"day": 10, "at": "20:00", "do": "fission", "offspring": 0.3, "lasts": "3d"})
    return _content_groups(f"bench {groups}x{members}x{days}", groups, members, days, sop)


def yardstick_scenario(groups: int, members: int = 500, days: int = 3) -> Scenario:
    """The workload both the engine and the per-member yardstick run."""
    sop = [{"every": "day", "at": _clock(at), "do": do, "automated": True, **extra}
           for at, do, extra in YARDSTICK_STEPS]
    return _content_groups(f"yardstick {groups}x{members}x{days}", groups, members, days, sop)


#: the most initial groups a group spec may have (the scenario schema's bound)
MAX_INITIAL_GROUPS = 1000


def _chunks(groups: int) -> list[int]:
    """``groups`` split into specs of at most :data:`MAX_INITIAL_GROUPS` (one spec up to that)."""
    return [min(MAX_INITIAL_GROUPS, groups - a) for a in range(0, groups, MAX_INITIAL_GROUPS)] or [0]


def _content_groups(name: str, groups: int, members: int, days: int, sop: list[dict[str, Any]]) -> Scenario:
    """``groups`` content groups of ``members`` run by ten expert operators with ``sop`` (in one
    group spec, or several identical ones past the schema's 1,000 initial groups per spec)."""
    return Scenario.model_validate({
        "simgroup": 1,
        "name": name,
        "days": days,
        "seed": 1,
        "audience": AUDIENCE,
        "operators": {"count": 10, "persona": "expert"},
        "products": PRODUCTS,
        "groups": [{"id": "g" if i == 0 else f"g{i + 1}", "type": "content", "initial_groups": n,
                    "initial_members": members, "sop": "sop"} for i, n in enumerate(_chunks(groups))],
        "sops": {"sop": sop},
    })
