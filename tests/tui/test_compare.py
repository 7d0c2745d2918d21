"""Compare mode: tick two scenarios, run them at common random numbers, see the paired
differences and the overlaid charts."""

from __future__ import annotations

from pathlib import Path

from simgroup.tui import runner
from simgroup.tui.screens.compare import CompareScreen
from simgroup.tui.widgets.charts import BandChart
from simgroup.tui.widgets.compare_table import CompareTable
from tests.tui.conftest import SIZE, wait_for

A, B = Path("ws/flash_sale.yaml"), Path("ws/flash_sale_deep.yaml")


async def compare(app, pilot, reps: str = "3") -> CompareScreen:  # type: ignore[no-untyped-def]
    await pilot.press("f5")
    await wait_for(pilot, lambda: isinstance(app.screen, CompareScreen))
    screen = app.screen
    variants = screen.query_one("#variants")
    variants.select(A)
    variants.select(B)
    screen.query_one("#opt-replications").value = reps
    await pilot.press("ctrl+r")
    await wait_for(pilot, lambda: screen.comparison is not None)
    return screen


def check(screen: CompareScreen) -> None:
    comparison = screen.comparison
    assert [v.scenario_name.split(",")[0] for v in comparison.variants] == [
        "Flash-sale group (快闪型)",
        "Deeper discounts (快闪型)",
    ]
    assert all(v.replications == 3 and v.seed == 5 for v in comparison.variants)
    table = screen.query_one(CompareTable)
    gmv = comparison.differences[1]["gmv"]
    cell = table.cell_text("gmv", "diff-B")
    assert cell.startswith("+" if gmv.mean >= 0 else "−")
    assert cell.endswith(" *") == gmv.significant
    # Day 0-3 are identical in both variants (common random numbers): joined differs by exactly 0.
    joined = comparison.differences[1]["joined"]
    assert joined.mean == 0 and table.cell_text("joined", "diff-B").startswith("+0.0 [+0.0, +0.0]")
    assert table.cell_text("gmv", "mean-A") != table.cell_text("gmv", "mean-B")
    members = screen.query_one("#chart-members", BandChart)
    assert [line.label for line in members.lines] == ["A", "B"]
    assert "A = Flash-sale group" in str(screen.query_one("#compare-legend").render())


async def test_compare_two_scenarios(make_app) -> None:  # type: ignore[no-untyped-def]
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        screen = await compare(app, pilot)
        check(screen)
        assert "Done: 2 variants, 3 replications each, seed 5." in str(screen.query_one("#compare-status").render())


async def test_compare_without_the_experiment_module(make_app, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    """The local fallback gives the same numbers as simgroup.experiment.compare."""
    monkeypatch.setattr(runner, "_library_compare", lambda: None)
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        screen = await compare(app, pilot)
        assert isinstance(screen.comparison, runner.LocalComparison)
        check(screen)


async def test_compare_needs_two(make_app) -> None:  # type: ignore[no-untyped-def]
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("f5")
        await wait_for(pilot, lambda: isinstance(app.screen, CompareScreen))
        app.screen.query_one("#variants").select(A)
        await pilot.press("ctrl+r")
        await pilot.pause()
        assert app.screen.worker is None
        assert any("at least 2" in str(n.message) for n in app._notifications)


async def test_marked_files_are_preselected(make_app) -> None:  # type: ignore[no-untyped-def]
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await wait_for(pilot, lambda: len(app.diagnostics) == 3)
        await pilot.press("down", "down", "c", "up", "c", "f5")
        await wait_for(pilot, lambda: isinstance(app.screen, CompareScreen))
        assert app.screen.query_one("#variants").selected == [B, A]
