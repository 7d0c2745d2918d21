"""Scenarios for the playback tests: the 6-day flash-sale fixture of the TUI tests (red packet,
lottery, flash sales, an announcement with its own text, a dissolve), the bundled traffic
scenario, and a long traffic scenario (365 days, 3000 parcels a day, never dissolved) whose full
run takes ~25 s: playback must not wait for it."""

from __future__ import annotations

import functools
import time
from pathlib import Path

import pytest

from simgroup.scenario import Scenario, load_scenario, load_scenario_text

REPO = Path(__file__).resolve().parents[2]
FLASH = REPO / "tests" / "tui" / "fixtures" / "flash_sale.yaml"
TRAFFIC = REPO / "scenarios" / "traffic.yaml"


def long_scenario_text() -> str:
    text = TRAFFIC.read_text(encoding="utf-8")
    for old, new in (("days: 14", "days: 365"), ("per_day: 1000", "per_day: 3000"),
                     ('    - {day: 7, at: "22:00", do: dissolve}\n', "")):
        assert old in text
        text = text.replace(old, new)
    return text


@functools.cache
def tenth_of_long_run() -> float:
    """Seconds the long scenario's world takes to simulate its first tenth (days 0-36): a lower
    bound for a tenth of its full run, which slows down as groups accumulate."""
    return share_of_long_run(0.1)


def share_of_long_run(share: float) -> float:
    """Seconds the long scenario's world takes to simulate the first ``share`` of its days."""
    from simgroup.engine.world import World

    scenario = load_scenario_text(long_scenario_text())
    world = World(scenario, 0, scenario.seed, scenario.days, record_events=False)
    start = time.perf_counter()
    world.start()
    world.env.run(until=world.horizon * share)
    return time.perf_counter() - start


@pytest.fixture(scope="session")
def flash() -> Scenario:
    return load_scenario(FLASH)


@pytest.fixture(scope="session")
def traffic() -> Scenario:
    return load_scenario(TRAFFIC)


@pytest.fixture(scope="session")
def long_traffic() -> Scenario:
    return load_scenario_text(long_scenario_text())
