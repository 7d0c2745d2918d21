"""SVG snapshots of Playback at 120 × 40 and the fixture's seed, each paired with an assertion
that the data shown is really there. The state is reached by keys only, all pressed while paused
(no dependence on wall-clock frames): go to day 2, run on to the next SOP post (the day's flash
sale), then send a coupon. Update after a reviewed change with ``pytest tests/tui --snapshot-update``.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from simgroup.playback.driver import PlaybackOptions
from simgroup.tui import i18n
from simgroup.tui.app import SimgroupApp
from simgroup.tui.screens.playback import PlaybackScreen
from simgroup.tui.widgets.chat_feed import ChatFeed
from tests.tui.conftest import SIZE, wait_for
from tests.tui.test_playback import go_to_day

FLASH = Path("ws/flash_sale.yaml")


@pytest.fixture(autouse=True)
def english_afterwards():  # type: ignore[no-untyped-def]
    yield
    i18n.set_language("en")


@pytest.mark.parametrize("lang", ["en", "zh"])
def test_playback_after_a_what_if(snap_compare, workspace: Path, lang: str) -> None:  # type: ignore[no-untyped-def]
    app = SimgroupApp(FLASH, lang=lang, blink=False, highlight=False,
                      playback=(FLASH, PlaybackOptions(speed=60, playing=False)))
    seen: dict[str, object] = {}

    async def run_before(pilot) -> None:  # type: ignore[no-untyped-def]
        await wait_for(pilot, lambda: isinstance(app.screen, PlaybackScreen) and app.screen.frames > 0)
        screen = await go_to_day(pilot, 2)
        await pilot.press("right_square_bracket")
        await wait_for(pilot, lambda: screen.frame.time > 2 * 1440 and not screen.busy)
        await pilot.press("c")
        await wait_for(pilot, lambda: screen.frame.comparison is not None and not screen.busy)
        await pilot.pause(0.2)
        lines = list(screen.query_one(ChatFeed).shown)
        seen["actions"] = [line.action for line in lines if line.kind == "operator" and line.action != "welcome"][-2:]
        seen["injected"] = lines[-1].injected
        seen["members"] = screen.frame.counters.members
        seen["equal"] = screen.frame.comparison.planned == screen.frame.comparison.after

    assert snap_compare(app, terminal_size=SIZE, run_before=run_before)
    # `]` jumped to day 2's first evening SOP post (the red packet at 19:50, or the flash sale at
    # 20:00 when the operator skipped the packet), then the injected coupon followed it
    jumped, injected = seen["actions"]  # type: ignore[misc]
    assert jumped in ("red_packet", "flash_sale") and injected == "coupon" and seen["injected"] is True
    assert seen["members"] > 100 and seen["equal"] is True
