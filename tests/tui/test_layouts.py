"""Every mode at 80 × 24 and 120 × 40, in English and Chinese: the mode keys and every footer key
on screen, tables with rows and charts with height, the playback feed wrapped (no chat line
cut), and in Chinese no English word left on screen but the allowed ones.

The allow-list, on purpose small: what the scenario author wrote (names, descriptions, ids, file
names, SOP texts; in Edit the YAML itself), KPI codes, single letters (keys, variants A/B), and
:data:`ALLOWED` — the product's name, key names, abbreviations a Chinese operator uses as they
are (SOP, GMV, ROI, CAC, YAML) and one statistician's name.
"""

from __future__ import annotations

import io
import re
from pathlib import Path
from typing import Any

import pytest
from textual.widgets import Footer
from textual.widgets._footer import FooterKey
from textual_plotext import PlotextPlot

from simgroup.kpis import KPI_NAMES
from simgroup.tui import i18n
from simgroup.tui.app import SimgroupApp
from simgroup.tui.screens.help import HelpScreen
from simgroup.tui.widgets.chat_feed import ChatFeed, render_body
from simgroup.tui.widgets.compare_table import CompareTable
from simgroup.tui.widgets.kpi_table import KpiTable
from simgroup.tui.widgets.mode_bar import ModeTab
from tests.tui._plausible_engine import install
from tests.tui._screens import FLASH, MODES, SIZES, app_for, reach, screen_text

ALLOWED = {
    "simgroup", "SOP", "GMV", "ROI", "CAC", "CI", "YAML", "Ctrl", "Space", "Esc", "esc", "Enter", "Tab", "Bonferroni",
    "expect",  # the scenario key `expect:`, quoted in the help
}


@pytest.fixture(autouse=True)
def english_afterwards():  # type: ignore[no-untyped-def]
    yield
    i18n.set_language("en")


def words(text: str) -> set[str]:
    return set(re.findall(r"[A-Za-z]+", text))


def content_words(app: SimgroupApp) -> set[str]:
    """Words the scenario author wrote, for every file of the workspace."""
    found: set[str] = set()
    for path in app.files:
        found |= words(str(path))
        scenario = app.scenario_for(path)
        for d in app.diagnostics.get(path, []):
            found |= words(d.message) | words(d.dotted_path)  # the loader's words (core, English)
        if scenario is None:
            continue
        found |= words(scenario.name) | words(scenario.description or "")
        ids = [c.id for c in scenario.channels] + [g.id for g in scenario.groups] + [p.id for p in scenario.products]
        ids += list(scenario.sops) + [g.sop or "" for g in scenario.groups]
        ids += [s.text or "" for steps in scenario.sops.values() for s in steps]
        for text in ids:
            found |= words(text)
    return found


def english_left(app: SimgroupApp, text: str, mode: str) -> list[str]:
    allowed = ALLOWED | content_words(app) | {w for k in KPI_NAMES for w in words(k)}
    left = {w for w in words(text) - allowed if len(w) > 1}
    if mode == "edit":  # the editor shows the YAML itself, cut at its right edge
        yaml = words(FLASH.read_text(encoding="utf-8"))
        left = {w for w in left if not any(y.startswith(w) for y in yaml)}
    return sorted(left)


def feed_text(feed: ChatFeed) -> str:
    """What the feed shows, line after line, cut at its visible width (as the terminal cuts)."""
    width = feed.scrollable_content_region.width
    return "".join(strip.crop(0, width).text for strip in feed.lines)


def squeeze(text: str) -> str:
    return "".join(text.split())


async def visible_after_next_chart(pilot: Any, screen: Any) -> None:
    """Ctrl+T shows the next chart, brought into view whole (a small terminal scrolls to it)."""
    await pilot.press("ctrl+t")
    await pilot.pause(0.2)
    plot = screen.query_one("#chart-muted").query_one(PlotextPlot)
    assert plot.region.height >= 6 and plot.region.height == plot.size.height


async def check_fits(app: SimgroupApp, pilot: Any, mode: str, size: tuple[int, int]) -> None:
    width = size[0]
    screen = app.screen_stack[-2] if isinstance(app.screen, HelpScreen) else app.screen
    tabs = list(screen.query(ModeTab))
    assert len(tabs) == 6  # F2–F6 and F1
    for widget in [*tabs, *screen.query_one(Footer).query(FooterKey)]:
        region = widget.region
        assert region.width > 0 and region.right <= width, f"{widget!r} off screen at {size}: {region}"
    if mode == "help":
        help_text = app.screen.markdown()
        for key in ("`F2`", "`F6`", "`^r`", "`esc`", "`^t`", "`F1 / ?`"):
            assert key in help_text
    elif mode == "run":
        table = screen.query_one(KpiTable)
        assert table.row_count == len(KPI_NAMES) and table.size.height >= 8 and table.region.right <= width
        plot = screen.query_one("#chart-members").query_one(PlotextPlot)
        assert plot.size.height >= 6 and plot.size.width >= 40
        await visible_after_next_chart(pilot, screen)
    elif mode == "compare":
        table = screen.query_one(CompareTable)
        assert table.row_count == len(KPI_NAMES) and table.size.height >= 8 and table.region.right <= width
        assert table.region.height >= 8  # scrolled into view, rows showing
        plot = screen.query_one("#chart-members").query_one(PlotextPlot)
        assert plot.size.height >= 6 and plot.size.width >= 40
        await visible_after_next_chart(pilot, screen)
    elif mode == "edit":
        assert screen.query_one("#editor").size.height >= 8
    elif mode == "playback":
        feed = screen.query_one(ChatFeed)
        assert feed.region.right <= width and feed.scrollable_content_region.width >= 30
        assert max(strip.cell_length for strip in feed.lines) <= feed.scrollable_content_region.width
        shown = squeeze(feed_text(feed))
        cut = [line.text for line in feed.shown if squeeze(render_body(line).plain) not in shown]
        assert len(feed.shown) > 20 and cut == []


@pytest.mark.parametrize("mode", MODES)
@pytest.mark.parametrize("size", SIZES, ids=lambda s: f"{s[0]}x{s[1]}")
@pytest.mark.parametrize("lang", ["en", "zh"])
async def test_every_mode_fits(workspace: Path, monkeypatch: pytest.MonkeyPatch, mode: str, size: tuple[int, int],
                               lang: str) -> None:
    if mode != "playback":
        install(monkeypatch)
    app = app_for(mode, lang)
    async with app.run_test(size=size) as pilot:
        await reach(app, pilot, mode)
        await check_fits(app, pilot, mode, size)
        if lang == "zh":
            assert english_left(app, screen_text(app), mode) == []


async def test_the_feed_wraps_again_when_the_terminal_narrows(workspace: Path) -> None:
    app = app_for("playback", "zh")
    async with app.run_test(size=(120, 40)) as pilot:
        await reach(app, pilot, "playback")
        feed: Any = app.screen.query_one(ChatFeed)
        wide = feed.scrollable_content_region.width
        await pilot.resize_terminal(80, 24)
        await pilot.pause(0.3)
        narrow = feed.scrollable_content_region.width
        assert narrow < wide
        assert max(strip.cell_length for strip in feed.lines) <= narrow
        shown = squeeze(feed_text(feed))
        assert all(squeeze(render_body(line).plain) in shown for line in feed.shown)


def test_chinese_lines_wrap_by_cells() -> None:
    """A line of Chinese is cut into rows of at most the width in cells (2 per character)."""
    from rich.cells import cell_len
    from rich.console import Console

    from simgroup.playback.feed import FeedLine
    from simgroup.tui.widgets.chat_feed import _grid

    grid = _grid()
    line = FeedLine(120.0, "chat", "这个价很划算别犹豫" * 6, who="陈佳琪", member=53, segment="super_user")
    grid.add_row("02:00", render_body(line))
    console = Console(width=30, record=True, file=io.StringIO())
    console.print(grid)
    rows = console.export_text().splitlines()
    assert len(rows) > 3 and all(cell_len(row.rstrip()) <= 30 for row in rows)
    assert squeeze(render_body(line).plain) in squeeze("".join(rows))
