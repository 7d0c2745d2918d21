"""The SimPy + numpy model (docs/model.md). Never imports textual or rich."""

from __future__ import annotations

from simgroup.records import ReplicationResult
from simgroup.scenario.models import Scenario

__all__ = ["simulate_replication"]


def simulate_replication(
    scenario: Scenario,
    replication: int,
    *,
    seed: int | None = None,
    days: int | None = None,
    record_events: bool = False,
) -> ReplicationResult:
    """Run replication ``replication`` of ``scenario``; deterministic in ``(seed, replication)``.

    ``seed`` and ``days`` default to the scenario's. With ``record_events`` the result carries the
    WeCom-callback-shaped event log (joins, leaves, mutes, folds, messages, orders, SOP tasks).
    """
    from simgroup.engine.measure import measure
    from simgroup.engine.world import World

    world = World(
        scenario,
        replication,
        scenario.seed if seed is None else seed,
        scenario.days if days is None else days,
        record_events,
    )
    world.run()
    try:
        return measure(world)
    finally:
        world.dispose()
