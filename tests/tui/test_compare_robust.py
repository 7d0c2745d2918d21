"""Compare mode's robust toggle: B against A in parameter worlds, with the numbers of
``simgroup compare --robust`` and the sentences that say where the decision flips."""

from __future__ import annotations

from pathlib import Path

from textual.widgets import DataTable

from simgroup.experiment.robust import robust_compare
from simgroup.experiment.robust_text import share_cell
from simgroup.tui.screens.compare import CompareScreen
from simgroup.tui.widgets.compare_table import CompareTable
from tests.tui.conftest import SIZE, wait_for

A, B = Path("ws/flash_sale.yaml"), Path("ws/flash_sale_deep.yaml")


async def _compare_screen(app, pilot) -> CompareScreen:  # type: ignore[no-untyped-def]
    """The Compare screen (F5), once its list of variants is there."""
    await pilot.press("f5")
    await wait_for(pilot, lambda: isinstance(app.screen, CompareScreen) and bool(app.screen.query("#variants")))
    screen: CompareScreen = app.screen
    return screen


async def test_the_robust_toggle_shows_the_share_of_worlds_b_wins(make_app) -> None:  # type: ignore[no-untyped-def]
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        screen = await _compare_screen(app, pilot)
        assert not screen.query_one("#robust-table").display  # the paired table until asked
        for path in (A, B):
            screen.query_one("#variants").select(path)
        screen.query_one("#opt-replications").value = "1"
        screen.query_one("#compare-robust").value = True
        screen.query_one("#compare-worlds").value = "4"
        await pilot.press("ctrl+r")
        await wait_for(pilot, lambda: screen.robust is not None, timeout=120)
        result = screen.robust
        assert result.plan.worlds == 4 and result.plan.options.replications == 1
        table = screen.query_one("#robust-table", DataTable)
        assert table.display and not screen.query_one(CompareTable).display
        expected = robust_compare(A, B, worlds=4, replications=1)
        assert table.row_count == len(expected.kpis) > 5
        shown = {str(table.get_row_at(i)[0]): str(table.get_row_at(i)[1]) for i in range(table.row_count)}
        assert shown["GMV"] == share_cell(expected.kpis["gmv"])
        assert "Done: 4 worlds" in str(screen.query_one("#compare-status").render())


async def test_a_robust_comparison_takes_exactly_two_scenarios(make_app) -> None:  # type: ignore[no-untyped-def]
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        screen = await _compare_screen(app, pilot)
        screen.query_one("#variants").select_all()
        screen.query_one("#compare-robust").value = True
        await pilot.press("ctrl+r")
        await pilot.pause(0.1)
        assert screen.robust is None and not screen.running
