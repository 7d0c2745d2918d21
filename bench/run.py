"""Benchmark: one replication of 100 groups x 500 members x 30 days with a full SOP.

Run on purpose (``make bench`` or ``python bench/run.py``); prints one JSON report on stdout.
Member-events are member-ticks: one evaluation of a member's leave, mute, fold and chat hazards
(approximated from the daily member totals), plus one per member an operator post reached.
"""

from __future__ import annotations

import argparse
import json
import platform
import time
import tracemalloc

from simgroup.engine import simulate_replication
from simgroup.scenario.models import Scenario


def full_sop_scenario(groups: int = 100, members: int = 500, days: int = 30) -> Scenario:
    return Scenario.model_validate({
        "simgroup": 1,
        "name": f"bench {groups}x{members}x{days}",
        "days": days,
        "seed": 1,
        "audience": {"regular": 0.6, "coupon_hunter": 0.3, "super_user": 0.1},
        "operators": {"count": 10, "persona": "expert"},
        "products": [{"id": "lead", "role": "lead", "price": 9.9, "unit_cost": 5},
                     {"id": "course", "role": "profit", "price": 299, "unit_cost": 40}],
        "groups": [{"id": "g", "type": "content", "initial_groups": groups, "initial_members": members,
                    "sop": "full"}],
        "sops": {"full": [
            {"every": "day", "at": "08:30", "do": "post", "kind": "tips"},
            {"every": "day", "at": "12:00", "do": "post", "kind": "product", "product": "lead"},
            {"every": "mon,wed,fri", "at": "20:30", "do": "post", "kind": "story"},
            {"every": "day", "at": "20:00", "do": "coupon", "product": "lead", "discount": 0.3},
            {"every": "tue", "at": "20:00", "do": "livestream", "product": "course", "lasts": "90m"},
            {"every": "sat", "at": "20:00", "do": "flash_sale", "product": "course", "discount": 0.3, "lasts": "2h"},
            {"every": "sun", "at": "21:00", "do": "red_packet", "total": 100, "shares": 50},
            {"day": 10, "at": "20:00", "do": "fission", "offspring": 0.3, "lasts": "3d"},
        ]},
    })


def one_replication(groups: int, members: int, days: int, repeats: int) -> dict[str, float]:
    sc = full_sop_scenario(groups, members, days)
    times = []
    result = None
    for _ in range(repeats):
        t0 = time.perf_counter()
        result = simulate_replication(sc, 0)
        times.append(time.perf_counter() - t0)
    assert result is not None
    member_days = sum(result.daily["all"]["member_total"])
    ticks_per_day = 1440 / sc.params().tick_minutes
    member_events = member_days * ticks_per_day
    best = min(times)
    return {
        "groups": groups,
        "members_per_group": members,
        "days": days,
        "seconds_best": round(best, 3),
        "seconds_median": round(sorted(times)[len(times) // 2], 3),
        "member_events": member_events,
        "member_events_per_second": round(member_events / best),
        "joined": result.kpis["joined"],
    }


def peak_memory_per_member(groups: int, members: int, days: int) -> float:
    sc = full_sop_scenario(groups, members, days)
    tracemalloc.start()
    result = simulate_replication(sc, 0)
    _, peak = tracemalloc.get_traced_memory()
    tracemalloc.stop()
    return peak / max(result.kpis["joined"], 1)


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__)
    ap.add_argument("--repeats", type=int, default=3)
    ap.add_argument("--quick", action="store_true", help="10 groups instead of 100")
    args = ap.parse_args()
    groups = 10 if args.quick else 100
    report = {
        "python": platform.python_version(),
        "machine": platform.machine(),
        "one_replication": one_replication(groups, 500, 30, args.repeats),
        "peak_bytes_per_member": round(peak_memory_per_member(groups, 500, 30)),
    }
    print(json.dumps(report, indent=2))


if __name__ == "__main__":
    main()
