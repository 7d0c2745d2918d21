"""Ids in any script and display names (``name:``, a step's ``label:``): a Chinese operator writes
``试用装`` and reads ``9.9元试用装`` in the chat feed."""

from __future__ import annotations

import pytest

from simgroup.engine import simulate_replication
from simgroup.playback.driver import PlaybackDriver
from simgroup.scenario.diagnostics import ScenarioError
from simgroup.scenario.loader import load_scenario_text
from simgroup.scenario.models import display_name

ZH = """\
simgroup: 1
name: 宝妈福利群试跑
days: 3
seed: 4
products: [{id: 试用装, name: "9.9元试用装", price: 9.9, unit_cost: 6, role: lead}]
channels: [{id: 包裹卡, name: 包裹卡引流, per_day: 400, add_rate: 0.1}]
groups: [{id: 福利群, name: 宝妈福利群, type: traffic, channels: [包裹卡], sop: 日常}]
sops:
  日常:
    - {day: 1, at: "20:00", do: flash_sale, product: 试用装, discount: 0.5, lasts: 2h, label: 晚八点秒杀}
"""


def test_ids_in_chinese_validate_run_and_name_their_chats() -> None:
    sc = load_scenario_text(ZH, "zh.yaml")
    assert [g.id for g in sc.groups] == ["福利群"] and sc.sops["日常"][0].label == "晚八点秒杀"
    result = simulate_replication(sc, 0, record_events=True)
    assert result.kpis["joined"] > 0
    assert {e["chat_id"] for e in result.events or () if e["event"] == "create_chat"} == {"福利群-1"}
    assert any(e["event"] == "order" and e["product"] == "试用装" for e in result.events or ())


def test_display_names_fall_back_to_ids() -> None:
    sc = load_scenario_text(ZH.replace(', name: "9.9元试用装"', ""), "zh.yaml")
    assert display_name(sc.products[0]) == "试用装"
    assert display_name(sc.groups[0]) == "宝妈福利群" and display_name(sc.channels[0]) == "包裹卡引流"


def test_the_chat_feed_shows_the_product_name_not_its_id() -> None:
    sc = load_scenario_text(ZH, "zh.yaml")
    driver = PlaybackDriver(sc, lang="zh", speed=6000)
    lines = list(driver.start().lines)
    while driver.time < 2 * 1440:
        lines += driver.frame(1.0).lines
    offers = [line.text for line in lines if line.kind == "operator" and "秒杀" in line.text]
    orders = [line.text for line in lines if line.kind == "order"]
    assert offers and all("9.9元试用装" in text for text in offers)
    assert orders and all("9.9元试用装" in text for text in orders)
    assert any("宝妈福利群 1" in line.text for line in lines if line.kind == "system")


@pytest.mark.parametrize("bad", ["1号群", "-群", "群 一", "群!"])
def test_a_name_must_still_start_with_a_letter_and_hold_no_spaces_or_marks(bad: str) -> None:
    with pytest.raises(ScenarioError) as err:
        load_scenario_text(ZH.replace("id: 福利群,", f"id: '{bad}',"), "zh.yaml")
    assert "is not a valid name: use letters (any script)" in str(err.value)
