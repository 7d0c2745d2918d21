"""Executors: sequential, process pool, Dask; identical results; clean shutdown.

Ctrl-C of a real ``simgroup run --workers 2`` (SIGINT to its whole process group) is tested in
``tests/reliability/test_interrupts.py`` with the other interrupts."""

from __future__ import annotations

import json
import multiprocessing
import os
import signal
import subprocess
import sys
import threading
import time
from concurrent.futures import ProcessPoolExecutor
from pathlib import Path

import pytest

from simgroup.experiment.executors import (
    DaskNotInstalled,
    ExecutorError,
    default_start_method,
    make_executor,
)
from tests.reliability._proc import cli

ROOT = Path(__file__).resolve().parents[2]
TRAFFIC = ROOT / "scenarios" / "traffic.yaml"


# --------------------------------------------------------------------------- make_executor


def test_one_worker_means_no_pool() -> None:
    with make_executor(1) as executor:
        assert executor is None


def test_a_pool_uses_its_own_start_method_and_leaves_the_global_one_alone() -> None:
    before = multiprocessing.get_start_method(allow_none=True)
    with make_executor(2) as pool:
        assert isinstance(pool, ProcessPoolExecutor)
        assert pool.submit(os.getpid).result() != os.getpid()
        assert pool._mp_context.get_start_method() == default_start_method()  # type: ignore[attr-defined]
    # Never set by us; the stdlib itself may fix the platform default while starting a process.
    assert multiprocessing.get_start_method(allow_none=True) in (before, multiprocessing.get_all_start_methods()[0])
    assert default_start_method() in ("forkserver", "spawn")


@pytest.mark.parametrize("workers", [0, -1, True, 2.5])
def test_bad_worker_counts_are_errors(workers: object) -> None:
    with pytest.raises(ExecutorError, match="positive integer"):
        with make_executor(workers):  # type: ignore[arg-type]
            pass


def test_an_exception_stops_running_workers_at_once() -> None:
    t0 = time.monotonic()
    with pytest.raises(RuntimeError, match="stop"):
        with make_executor(2) as pool:
            assert isinstance(pool, ProcessPoolExecutor)
            futures = [pool.submit(time.sleep, 60) for _ in range(10)]
            while not all(f.running() for f in futures[:2]):
                time.sleep(0.01)
            processes = list(pool._processes.values())  # type: ignore[attr-defined]
            raise RuntimeError("stop")
    assert time.monotonic() - t0 < 20  # did not wait for the 60 s tasks
    assert processes and not any(p.is_alive() for p in processes)
    # None ran to the end: queued ones were cancelled, and the rest failed with the stopped pool
    # (which of the two a queued task gets is a race inside the executor).
    assert all(f.done() for f in futures)
    assert all(f.cancelled() or f.exception() is not None for f in futures)


def test_missing_dask_says_how_to_install_it(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setitem(sys.modules, "distributed", None)  # makes `import distributed` fail
    with pytest.raises(DaskNotInstalled, match=r"pip install simgroup\[dask\]"):
        with make_executor(dask="local"):
            pass
    code, out, err, _ = cli("run", str(TRAFFIC), "--dask", "local", "--reps", "1", "--days", "1")
    assert code == 2 and out == "" and "pip install simgroup[dask]" in err and "Traceback" not in err


def test_an_unreachable_scheduler_is_a_clear_error(monkeypatch: pytest.MonkeyPatch) -> None:
    pytest.importorskip("distributed", reason="dask.distributed is not installed")
    monkeypatch.setattr("simgroup.experiment.executors.DASK_CONNECT_TIMEOUT", "1s")
    code, _out, err, _ = cli("run", str(TRAFFIC), "--dask", "tcp://127.0.0.1:9", "--reps", "1", "--days", "1")
    assert code == 2 and "cannot start or reach the Dask scheduler" in err and "Traceback" not in err


# --------------------------------------------------------------------------- identical results


def test_workers_1_2_and_dask_local_give_identical_json() -> None:
    """Acceptance: the same seed gives byte-identical KPI JSON on every executor (a real
    LocalCluster started by --dask local, and a process pool)."""
    pytest.importorskip("distributed", reason="dask.distributed is not installed")
    args = ("run", str(TRAFFIC), "--reps", "4", "--days", "2", "--seed", "3", "--json")
    outputs = {}
    executors = {"1": ("--workers", "1"), "2": ("--workers", "2"), "dask": ("--dask", "local", "--workers", "2")}
    for name, extra in executors.items():
        code, out, err, _ = cli(*args, *extra)
        assert code == 0, err
        outputs[name] = out
    assert outputs["1"] == outputs["2"] == outputs["dask"]
    assert json.loads(outputs["1"])["kpis"]["joined"]["n"] == 4


def test_compare_on_a_dask_scheduler_address_matches_sequential(dask_address: str) -> None:
    from simgroup.experiment.compare import compare

    files = [TRAFFIC, ROOT / "scenarios" / "welfare_daily.yaml"]
    sequential = compare(files, replications=3, days=2)
    with make_executor(dask=dask_address) as executor:
        seen: list[tuple[int, int]] = []
        on_dask = compare(files, replications=3, days=2, executor=executor, progress=lambda d, t: seen.append((d, t)))
    assert on_dask.to_json() == sequential.to_json()
    assert seen[0] == (0, 6) and seen[-1] == (6, 6)


def test_experiment_modules_import_no_ui_and_no_dask() -> None:
    code = (
        "import sys, simgroup._api, simgroup.experiment.executors, simgroup.experiment.sweep, "
        "simgroup.experiment.compare, simgroup.experiment.precision, simgroup.experiment.progress; "
        "print(sorted(m for m in sys.modules if m.split('.')[0] in ('textual', 'rich', 'click', 'dask', 'distributed')))"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True, cwd=ROOT)
    assert out.stdout.strip() == "[]"


def test_a_killed_worker_stops_the_run_with_worker_lost() -> None:
    """kill -9 of a pool worker (the OOM killer) must end the run, never hang it."""
    from simgroup.experiment.replications import WorkerLost, run_replications
    from simgroup.scenario import load_scenario

    scenario = load_scenario(TRAFFIC)
    killed: list[int] = []
    managers: list[threading.Thread] = []
    t0 = time.monotonic()
    with pytest.raises(WorkerLost, match="died"):
        with make_executor(2) as pool:
            processes = pool._processes  # type: ignore[union-attr]

            def progress(done: int, total: int) -> None:
                if done == 1 and not killed:
                    # Replications were submitted, so the pool's management thread runs; keep it
                    # (shutdown() forgets it) to see it ended below.
                    managers.append(pool._executor_manager_thread)  # type: ignore[union-attr]
                    pid = next(iter(processes))
                    os.kill(pid, signal.SIGKILL)
                    killed.append(pid)

            run_replications(scenario, replications=200, days=3, executor=pool, progress=progress)
    assert killed and time.monotonic() - t0 < 30
    (manager,) = managers
    assert manager is not None and not manager.is_alive()
