"""Run mode: the KPI table and charts fill in; cancel works; an engine error is shown and the
app keeps running; the UI answers keys while a long run is in progress."""

from __future__ import annotations

import re
import threading
import time
from pathlib import Path

import pytest

from simgroup.experiment import replications
from simgroup.kpis import KPI_NAMES
from simgroup.tui.screens.run import RunScreen
from simgroup.tui.summary import CHARTS
from simgroup.tui.widgets.charts import BandChart
from simgroup.tui.widgets.kpi_table import KpiTable
from tests._fake_engine import FakeEngine
from tests.tui.conftest import SIZE, wait_for

FLASH = Path("ws/flash_sale.yaml")


def status(app) -> str:  # type: ignore[no-untyped-def]
    return str(app.screen.query_one("#run-status").render())


async def start_run(app, pilot, path: Path = FLASH, reps: str = "") -> RunScreen:  # type: ignore[no-untyped-def]
    app.current = path
    await pilot.press("f4")
    await wait_for(pilot, lambda: isinstance(app.screen, RunScreen) and app.screen.path == path)
    screen = app.screen
    if reps:
        screen.query_one("#opt-replications").value = reps
    await pilot.press("ctrl+r")
    return screen


async def test_run_fills_the_kpi_table_and_charts(make_app) -> None:  # type: ignore[no-untyped-def]
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        screen = await start_run(app, pilot, reps="2")
        await wait_for(pilot, lambda: screen.result is not None)
        run = screen.result
        assert (run.replications, run.seed, run.days) == (2, 5, 6)
        assert status(app) == "Done: 2 replications, seed 5, 6 days."
        table = screen.query_one(KpiTable)
        assert table.row_count == len(KPI_NAMES)
        assert table.cell_text("joined", "mean") == f"{run.kpis['joined'].mean:,.1f}"
        assert table.cell_text("conversion", "ci").startswith("[")
        assert table.cell_text("muted_share", "view") == "god-view"
        assert table.cell_text("gmv", "view") == "observable"
        for chart_id in CHARTS:
            chart = screen.query_one(f"#chart-{chart_id}", BandChart)
            assert chart.lines and all(len(line.band.mean) == 6 for line in chart.lines)
        members = screen.query_one("#chart-members", BandChart).lines[0].band
        assert members.mean == list(run.daily["all"]["member_total"].mean)
        assert app.results[FLASH] is run
        # The scope switches the table to one group spec.
        screen.query_one("#run-scope").value = "flash"
        await pilot.pause()
        assert table.cell_text("joined", "mean") == f"{run.groups['flash']['joined'].mean:,.1f}"


async def test_a_bad_scenario_is_shown_not_raised(make_app) -> None:  # type: ignore[no-untyped-def]
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        screen = await start_run(app, pilot, Path("ws/broken.yaml"))
        await wait_for(pilot, lambda: "problems" in status(app))
        assert "trafic" in str(screen.query_one("#run-problems").render())
        assert app.is_running


async def test_engine_error_is_shown_and_the_app_keeps_running(make_app, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    def broken(task):  # type: ignore[no-untyped-def]
        raise RuntimeError("engine exploded")

    monkeypatch.setattr(replications, "run_task", broken)
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await start_run(app, pilot)
        await wait_for(pilot, lambda: "Engine error" in status(app))
        assert "RuntimeError: engine exploded" in status(app)
        await pilot.press("f2")
        await pilot.pause()
        assert app.is_running and app.current_mode == "browse"


def slow_engine(monkeypatch: pytest.MonkeyPatch, seconds: float) -> threading.Event:
    """Replace the engine by a fake that takes ``seconds`` per replication; the event is set once
    the first replication started."""
    fake = FakeEngine()
    started = threading.Event()

    def run_task(task):  # type: ignore[no-untyped-def]
        started.set()
        time.sleep(seconds)
        return fake.simulate_replication(task.scenario, task.replication, seed=task.seed, days=task.days)

    monkeypatch.setattr(replications, "run_task", run_task)
    return started


async def test_ui_answers_keys_during_a_long_run(make_app, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    started = slow_engine(monkeypatch, 0.2)
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        screen = await start_run(app, pilot, reps="500")  # ~100 s if it were allowed to finish
        await wait_for(pilot, started.is_set)
        # progress shows (any count: a busy machine may poll the status after a few replications)
        await wait_for(pilot, lambda: re.search(r"replication [1-9]\d*/500", status(app)) is not None)
        await pilot.press("f1")
        # the key is answered while the ~100 s run goes on (no wall-clock bound: CI machines are busy)
        await wait_for(pilot, lambda: type(app.screen).__name__ == "HelpScreen", timeout=20)
        assert screen.worker is not None and screen.worker.is_running
        await pilot.press("escape")  # closes help
        await wait_for(pilot, lambda: app.screen is screen)
        assert screen.worker.is_running
        await pilot.press("escape")  # cancels the run
        await wait_for(pilot, lambda: status(app) == "Cancelled.", timeout=5)
        assert screen.result is None
        assert not screen.query_one("#run-start").disabled


async def test_progress_reaches_the_bar(make_app, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    slow_engine(monkeypatch, 0.02)
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        screen = await start_run(app, pilot, reps="20")
        await wait_for(pilot, lambda: screen.result is not None)
        bar = screen.query_one("#run-progress")
        assert (bar.total, bar.progress) == (20, 20)


async def test_fixing_the_file_clears_the_old_problems(make_app) -> None:  # type: ignore[no-untyped-def]
    """Issue: after a run failed on a broken file and the file was fixed in Edit and saved, Run
    kept the old problems and an endless (indeterminate) progress bar."""
    from simgroup.tui.screens.edit import EditScreen
    from simgroup.tui.widgets.yaml_editor import YamlEditor

    broken = Path("ws/broken.yaml")
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        screen = await start_run(app, pilot, broken)
        await wait_for(pilot, lambda: "problems" in status(app))
        problems = screen.query_one("#run-problems")
        bar = screen.query_one("#run-progress")
        assert problems.has_class("-shown")
        assert bar.total is not None  # a failed run leaves no endless bar behind
        await pilot.press("f3")
        await wait_for(pilot, lambda: isinstance(app.screen, EditScreen) and app.screen.path == broken)
        edit = app.screen
        edit.query_one(YamlEditor).move_cursor((5, 14))
        await pilot.press("f", "ctrl+s")  # trafic -> traffic, saved
        await wait_for(pilot, lambda: broken not in app.buffers and "traffic" in broken.read_text(encoding="utf-8"))
        await pilot.press("f4")
        await wait_for(pilot, lambda: app.screen is screen)
        await pilot.pause()
        assert not problems.has_class("-shown")
        assert "problems" not in status(app) and status(app) == "Ready. Press Ctrl+R to run."
        assert bar.total is not None and bar.progress == 0
        assert "Broken on purpose" in str(screen.query_one("#run-scenario").render())
        await pilot.press("ctrl+r")  # and the fixed file runs
        await wait_for(pilot, lambda: screen.result is not None)
        assert status(app).startswith("Done:")


async def test_a_file_changed_on_disk_shows_its_own_problems(make_app) -> None:  # type: ignore[no-untyped-def]
    broken = Path("ws/broken.yaml")
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        screen = await start_run(app, pilot, broken)
        await wait_for(pilot, lambda: "problems" in status(app))
        assert "'trafic'" in str(screen.query_one("#run-problems").render())
        await pilot.press("f2")
        await wait_for(pilot, lambda: app.current_mode == "browse")
        # another editor changes the file
        broken.write_text(broken.read_text(encoding="utf-8").replace("trafic", "trafficc"), encoding="utf-8")
        await pilot.press("f4")
        await wait_for(pilot, lambda: app.screen is screen)
        await pilot.pause()
        shown = str(screen.query_one("#run-problems").render())
        assert "'trafficc'" in shown and "'trafic'" not in shown
        assert screen.query_one("#run-problems").has_class("-shown") and "problems" in status(app)
        assert screen.query_one("#run-progress").total is not None
