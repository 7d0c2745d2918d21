"""Scenarios for the playback tests: the 6-day flash-sale fixture of the TUI tests (red packet,
lottery, flash sales, an announcement with its own text, a dissolve), the bundled traffic
scenario, and a long traffic scenario (120 days, 3000 parcels a day, never dissolved) whose full
run takes seconds: playback must not wait for it."""

from __future__ import annotations

from pathlib import Path

import pytest

from simgroup.scenario import Scenario, load_scenario, load_scenario_text

REPO = Path(__file__).resolve().parents[2]
FLASH = REPO / "tests" / "tui" / "fixtures" / "flash_sale.yaml"
TRAFFIC = REPO / "scenarios" / "traffic.yaml"


def long_scenario_text() -> str:
    text = TRAFFIC.read_text(encoding="utf-8")
    for old, new in (("days: 14", "days: 120"), ("per_day: 1000", "per_day: 3000"),
                     ('    - {day: 7, at: "22:00", do: dissolve}\n', "")):
        assert old in text
        text = text.replace(old, new)
    return text


@pytest.fixture(scope="session")
def flash() -> Scenario:
    return load_scenario(FLASH)


@pytest.fixture(scope="session")
def traffic() -> Scenario:
    return load_scenario(TRAFFIC)


@pytest.fixture(scope="session")
def long_traffic() -> Scenario:
    return load_scenario_text(long_scenario_text())
