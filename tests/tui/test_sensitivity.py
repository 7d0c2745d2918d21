"""The Sensitivity view (F7 in Run): it runs the scenario's sensitivity analysis with the chosen
KPI, method, worlds and replications and shows the command line's own numbers; Esc cancels a
running analysis and otherwise goes back to Run."""

from __future__ import annotations

import re
from pathlib import Path

from textual.widgets import DataTable

from simgroup.experiment.sensitivity import sensitivity
from simgroup.experiment.sensitivity_text import row_cells
from simgroup.tui.screens.run import RunScreen
from simgroup.tui.screens.sensitivity import SensitivityScreen
from tests.tui._screens import screen_text
from tests.tui.conftest import SIZE, wait_for
from tests.tui.test_layouts import english_left

FLASH = Path("ws/flash_sale.yaml")


async def _open(app, pilot) -> SensitivityScreen:  # type: ignore[no-untyped-def]
    app.current = FLASH
    await pilot.press("f4")
    await wait_for(pilot, lambda: isinstance(app.screen, RunScreen) and app.screen.path == FLASH)
    await pilot.press("f7")
    await wait_for(pilot, lambda: isinstance(app.screen, SensitivityScreen) and bool(app.screen.query("#sens-kpi")))
    return app.screen  # type: ignore[no-any-return]


async def test_the_view_shows_the_same_ranking_as_the_command_line(make_app) -> None:  # type: ignore[no-untyped-def]
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        screen = await _open(app, pilot)
        screen.query_one("#sens-kpi").value = "messages"
        screen.query_one("#sens-worlds").value = "2"
        screen.query_one("#sens-reps").value = "1"
        await pilot.press("ctrl+r")
        await wait_for(pilot, lambda: screen.result is not None, timeout=120)
        result = screen.result
        assert result.kpi == "messages" and result.method == "morris" and result.replications == 1
        expected = sensitivity(FLASH, kpi="messages", method="morris", worlds=2, replications=1)
        shown = screen.query_one("#sens-table", DataTable)
        assert shown.row_count == len(expected.rows) > 3
        for i, row in enumerate(expected.rows):
            assert tuple(str(c) for c in shown.get_row_at(i)) == row_cells(expected, i + 1, row)
        assert "Done:" in str(screen.query_one("#sens-status").render())
        await pilot.press("escape")  # nothing running: back to Run
        await wait_for(pilot, lambda: isinstance(app.screen, RunScreen))


async def test_bad_options_are_said_and_nothing_runs(make_app) -> None:  # type: ignore[no-untyped-def]
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        screen = await _open(app, pilot)
        screen.query_one("#sens-worlds").value = "0"
        await pilot.press("ctrl+r")
        await pilot.pause(0.1)
        assert "at least 1" in str(screen.query_one("#sens-status").render())
        assert screen.result is None and not screen.running


async def test_the_view_speaks_chinese(make_app) -> None:  # type: ignore[no-untyped-def]
    app = make_app(lang="zh")
    async with app.run_test(size=(80, 24)) as pilot:
        screen = await _open(app, pilot)
        assert "敏感性分析" in str(screen.query_one("#sens-title").render())
        screen.query_one("#sens-worlds").value = "2"
        screen.query_one("#sens-reps").value = "1"
        await pilot.press("ctrl+r")
        await wait_for(pilot, lambda: screen.result is not None, timeout=120)
        header = [str(c.label) for c in screen.query_one("#sens-table", DataTable).columns.values()]
        assert "参数" in header and "meaning" not in header and "含义" not in header
        # parameter names are the model's keys (dotted ids); everything else reads in Chinese
        shown = re.sub(r"\S*\.\S*", "", screen_text(app))
        # the methods' own symbols stay: Morris, Sobol', mu*, mu, sigma, ST, S1
        assert set(english_left(app, shown, "sensitivity")) <= {"Morris", "Sobol", "mu", "sigma", "ST"}

