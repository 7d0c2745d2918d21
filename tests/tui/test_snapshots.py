"""SVG snapshots of each mode at 120 × 40, each paired with an assertion that the data shown is
really there (a snapshot of an empty screen would pass just as well otherwise); and of each mode
at 80 × 24, the smallest terminal the layouts are made for, in Chinese (the wider script), plus
Playback in English. Not every mode × size × language: the layout tests (test_layouts.py) check
all 24 of those for fit, wrapping and language; the pictures are for a person to review.

Run and Compare use the stand-in engine of ``_plausible_engine.py`` (deterministic, instant), so
these pictures change when the TUI changes, not when the model is recalibrated; the Pilot tests
run the real engine. Update after a reviewed change with ``pytest tests/tui --snapshot-update``.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from simgroup.tui import i18n
from simgroup.tui.screens.compare import CompareScreen
from simgroup.tui.screens.edit import EditScreen
from simgroup.tui.screens.run import RunScreen
from simgroup.tui.widgets.charts import BandChart
from simgroup.tui.widgets.kpi_table import KpiTable
from simgroup.tui.widgets.scenario_tree import ScenarioTree
from simgroup.tui.widgets.yaml_editor import YamlEditor
from tests.tui._plausible_engine import install
from tests.tui._screens import MODES, app_for, reach
from tests.tui.conftest import SIZE, wait_for

FLASH, DEEP = Path("ws/flash_sale.yaml"), Path("ws/flash_sale_deep.yaml")


@pytest.fixture(autouse=True)
def english_afterwards():  # type: ignore[no-untyped-def]
    yield
    i18n.set_language("en")


@pytest.fixture
def fake_engine(monkeypatch: pytest.MonkeyPatch) -> None:
    install(monkeypatch)


@pytest.mark.parametrize("lang", ["en", "zh"])
def test_browse(snap_compare, make_app, lang: str) -> None:  # type: ignore[no-untyped-def]
    app = make_app(lang=lang)
    seen: dict[str, object] = {}

    async def run_before(pilot) -> None:  # type: ignore[no-untyped-def]
        await wait_for(pilot, lambda: len(app.diagnostics) == 3)
        await pilot.press("down")
        await wait_for(pilot, lambda: app.current == FLASH)
        tree = app.screen.query_one(ScenarioTree)
        seen["labels"] = [str(n.label) for n in tree.root.children]
        seen["summary"] = str(app.screen.query_one("#summary-text").render())

    assert snap_compare(app, terminal_size=SIZE, run_before=run_before)
    assert seen["labels"] == ["✗ broken.yaml (1)", "✓ flash_sale.yaml", "✓ flash_sale_deep.yaml"]
    assert "Flash-sale group" in str(seen["summary"]) and "mask_pack" in str(seen["summary"])


def test_edit_with_a_problem(snap_compare, make_app) -> None:  # type: ignore[no-untyped-def]
    app = make_app()
    seen: dict[str, object] = {}

    async def run_before(pilot) -> None:  # type: ignore[no-untyped-def]
        app.current = FLASH
        await pilot.press("f3")
        await wait_for(pilot, lambda: isinstance(app.screen, EditScreen) and app.screen.path == FLASH)
        screen = app.screen
        editor = screen.query_one(YamlEditor)
        editor.move_cursor((8, 3))
        await pilot.press("delete", "z")
        await wait_for(pilot, lambda: screen._validated_generation == screen.generation and screen.diagnostics)
        seen["lines"] = [d.line for d in screen.diagnostics]
        seen["rows"] = editor.problem_rows

    assert snap_compare(app, terminal_size=SIZE, run_before=run_before)
    assert 9 in seen["lines"] and 8 in seen["rows"]  # type: ignore[operator]


@pytest.mark.parametrize("lang", ["en", "zh"])
def test_run_done(snap_compare, make_app, fake_engine, lang: str) -> None:  # type: ignore[no-untyped-def]
    app = make_app(lang=lang)
    seen: dict[str, object] = {}

    async def run_before(pilot) -> None:  # type: ignore[no-untyped-def]
        app.current = FLASH
        await pilot.press("f4")
        await wait_for(pilot, lambda: isinstance(app.screen, RunScreen) and app.screen.path == FLASH)
        await pilot.press("ctrl+r")
        screen = app.screen
        await wait_for(pilot, lambda: screen.result is not None)
        screen.query_one(KpiTable).focus()
        await pilot.pause(0.2)
        seen["rows"] = screen.query_one(KpiTable).row_count
        seen["reps"] = screen.result.replications
        seen["lines"] = len(screen.query_one("#chart-members", BandChart).lines[0].band.mean)

    assert snap_compare(app, terminal_size=SIZE, run_before=run_before)
    assert seen == {"rows": 31, "reps": 3, "lines": 6}


def test_compare_done(snap_compare, make_app, fake_engine) -> None:  # type: ignore[no-untyped-def]
    app = make_app()
    seen: dict[str, object] = {}

    async def run_before(pilot) -> None:  # type: ignore[no-untyped-def]
        await pilot.press("f5")
        await wait_for(pilot, lambda: isinstance(app.screen, CompareScreen))
        screen = app.screen
        screen.query_one("#variants").select(FLASH)
        screen.query_one("#variants").select(DEEP)
        await pilot.press("ctrl+r")
        await wait_for(pilot, lambda: screen.comparison is not None)
        await pilot.pause(0.2)
        seen["variants"] = len(screen.comparison.variants)
        seen["diffs"] = len(screen.comparison.differences[1])
        seen["chart"] = [line.label for line in screen.query_one("#chart-members", BandChart).lines]

    assert snap_compare(app, terminal_size=SIZE, run_before=run_before)
    assert seen == {"variants": 2, "diffs": 31, "chart": ["A", "B"]}


def test_help(snap_compare, make_app) -> None:  # type: ignore[no-untyped-def]
    app = make_app()
    seen: dict[str, object] = {}

    async def run_before(pilot) -> None:  # type: ignore[no-untyped-def]
        await pilot.press("f4")
        await wait_for(pilot, lambda: isinstance(app.screen, RunScreen))
        await pilot.press("f1")
        await wait_for(pilot, lambda: type(app.screen).__name__ == "HelpScreen")
        await pilot.pause(0.2)
        seen["text"] = app.screen.markdown()

    assert snap_compare(app, terminal_size=SIZE, run_before=run_before)
    assert "Start run" in str(seen["text"]) and "god-view" in str(seen["text"])


SMALL = (80, 24)


@pytest.mark.parametrize(("mode", "lang"), [(mode, "zh") for mode in MODES] + [("playback", "en")])
def test_small_terminal(snap_compare, workspace, monkeypatch, mode: str, lang: str) -> None:  # type: ignore[no-untyped-def]
    if mode != "playback":
        install(monkeypatch)
    app = app_for(mode, lang)
    seen: dict[str, object] = {}

    async def run_before(pilot) -> None:  # type: ignore[no-untyped-def]
        await reach(app, pilot, mode)
        seen["mode"] = app.current_mode

    assert snap_compare(app, terminal_size=SMALL, run_before=run_before)
    assert seen["mode"] == ("run" if mode == "help" else mode)
