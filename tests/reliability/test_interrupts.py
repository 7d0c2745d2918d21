"""Interrupts against real processes: SIGINT / SIGTERM during ``simgroup run --out DIR`` and
``simgroup check --update-baseline`` exit 130, print no traceback, leave the output either as it
was or complete, leave no temporary file or directory beside it, and leave no child process
(process-pool workers, the forkserver, the resource tracker) running.

SIGTERM is treated like Ctrl-C (exit 130, docs/check.md "130 interrupted"): ``simgroup.cli.main``
turns it into KeyboardInterrupt, so the same clean-up runs. Without that, Python's default action
kills the process on the spot and orphans its pool workers (they were found still running).

Each test starts ``simgroup`` in its own session (so a process-group signal reaches only it),
waits until it has spent CPU time simulating, records its process tree from ``/proc``, sends the
signal and checks that every recorded process, and every process of its session's process group,
is gone (:func:`_interrupted`): at once when the command exits by itself, within
``GONE_SECONDS`` when it was killed outright (SIGKILL cannot be handled: the children must notice
on their own). Whatever happens, those processes are then killed, by pid.
"""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import time
from collections.abc import Callable
from pathlib import Path

import pytest

from tests.reliability._proc import (
    HAS_PROC,
    Proc,
    alive,
    cpu_seconds,
    descendants,
    kill_tree,
    process_group,
    run_args,
    simgroup_command,
    wait_gone,
)

pytestmark = pytest.mark.skipif(
    not HAS_PROC or sys.platform == "win32", reason="needs POSIX signals and /proc to see child processes"
)

#: A traffic scenario that takes about 0.1-0.2 s per replication: 200 replications run far longer
#: than the test waits before interrupting.
SLOW = """\
simgroup: 1
name: slow enough to interrupt
days: 14
seed: 3
replications: 200
channels:
  - {id: cards, per_day: 2000, add_rate: 0.1, cost_per_unit: 0.3}
products:
  - {id: trial, role: lead, price: 9.9, unit_cost: 7}
groups:
  - id: traffic
    type: traffic
    channels: [cards]
    sop: daily
sops:
  daily:
    - {on: member_join, do: welcome}
    - {every: day, at: "20:00", do: post, kind: product, product: trial, discount: 0.2}
"""

#: Seconds of CPU the process (or its workers) must have used before we interrupt it: past the
#: imports and the scenario load, inside the simulation.
BUSY_CPU = 1.0
#: How long the interrupted process may take to exit, and its helpers to follow it.
EXIT_SECONDS = 20.0
GONE_SECONDS = 10.0


def _start(args: list[str], cwd: Path, command: list[str] | None = None) -> subprocess.Popen[bytes]:
    env = {**os.environ, "PYTHONUNBUFFERED": "1"}
    env.pop("CI", None)
    return subprocess.Popen(
        [*(simgroup_command() if command is None else command), *args],
        cwd=cwd,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        env=env,
        start_new_session=True,  # its own process group: a group signal reaches only it
    )


def _wait_busy(proc: subprocess.Popen[bytes], workers: int) -> set[Proc]:
    """Wait until ``proc`` (or, with workers, its pool) is simulating; its process tree then.

    With ``workers > 1`` the tree must hold that many processes that have used CPU (the pool is
    up and working). Fails the test if the process exits first or nothing happens in 30 s."""
    deadline = time.monotonic() + 30.0
    while time.monotonic() < deadline:
        if proc.poll() is not None:
            _out, err = proc.communicate()
            pytest.fail(f"simgroup exited ({proc.returncode}) before it could be interrupted: {err.decode()[-2000:]}")
        tree = descendants(proc.pid)
        if workers > 1:
            busy = [pid for pid, _ in tree if cpu_seconds(pid) >= BUSY_CPU / 2]
            if len(busy) >= workers:
                return descendants(proc.pid)
        elif cpu_seconds(proc.pid) >= BUSY_CPU:
            return tree
        time.sleep(0.05)
    pytest.fail("simgroup did not start simulating within 30 s")


#: What to do to a running simgroup, given its process and its process tree.
Interruption = Callable[[subprocess.Popen[bytes], set[Proc]], None]


def _signal(signum: int, *, group: bool = False) -> Interruption:
    """Send ``signum`` to simgroup, or to its whole process group (a terminal's Ctrl-C)."""

    def send(proc: subprocess.Popen[bytes], tree: set[Proc]) -> None:
        if group:
            os.killpg(proc.pid, signum)
        else:
            os.kill(proc.pid, signum)

    return send


def _interrupted(
    args: list[str], cwd: Path, interrupt: Interruption, *, workers: int, command: list[str] | None = None
) -> tuple[int, str, str, set[Proc], set[Proc]]:
    """Start ``simgroup ARGS`` in its own session, wait until it simulates (``workers`` busy
    processes), ``interrupt`` it and reap it: exit code, stdout, stderr, its process tree when it
    was interrupted, and the processes of that tree or of its process group still running
    ``GONE_SECONDS`` after it exited. Whatever happens, every process seen is killed (by pid)
    before this returns."""
    proc = _start(args, cwd, command)
    tree: set[Proc] = set()
    survivors: set[Proc] = set()
    try:
        tree = _wait_busy(proc, workers)
        interrupt(proc, tree)
        try:
            # A surviving worker would hold stdout/stderr open: communicate() would wait for it.
            out, err = proc.communicate(timeout=EXIT_SECONDS)
        except subprocess.TimeoutExpired:
            kill_tree(tree | process_group(proc.pid))
            out, err = proc.communicate()
            pytest.fail(
                f"simgroup (or a child holding its output open) was still running {EXIT_SECONDS:.0f} s after "
                f"it was interrupted; stderr: {err.decode(errors='replace')[-2000:]}"
            )
        # The group also holds what is no longer anyone's descendant (a worker whose parent died).
        # A command that exits by itself waits for its helpers (fork server, resource tracker):
        # nothing of it may run once it has returned. Only a killed one cannot wait.
        at_exit = alive(tree | process_group(proc.pid))
        survivors = at_exit if proc.returncode >= 0 and at_exit else wait_gone(at_exit, GONE_SECONDS)
    finally:
        if proc.poll() is None:
            kill_tree(tree | process_group(proc.pid))  # the leader is alive: the group is still ours
            proc.communicate()
        kill_tree(tree | survivors)
    return proc.returncode, out.decode(errors="replace"), err.decode(errors="replace"), tree, survivors


def _old_output(out_dir: Path) -> dict[str, bytes]:
    """A complete earlier ``run --out`` directory, as simgroup itself would have left it."""
    out_dir.mkdir()
    files = {
        "result.json": b'{"schema_version": 1, "old": true}\n',
        "daily.csv": b"stat_time,new_member_cnt\n2026-01-05,1\n",
        "daily_traffic.csv": b"stat_time,new_member_cnt\n2026-01-05,1\n",
        "events.jsonl": b'{"time": 0, "day": 0, "event": "old"}\n',
    }
    for name, data in files.items():
        (out_dir / name).write_bytes(data)
    return files


def _snapshot(directory: Path) -> dict[str, bytes]:
    return {p.name: p.read_bytes() for p in sorted(directory.iterdir())}


def _assert_untouched_or_complete(out_dir: Path, old: dict[str, bytes]) -> str:
    """The directory holds exactly the old files, or a complete new output; which one."""
    assert out_dir.is_dir(), "the output directory disappeared"
    now = _snapshot(out_dir)
    if now == old:
        return "untouched"
    names = set(now)
    assert {"result.json", "daily.csv", "events.jsonl"} <= names, f"half-written output: {sorted(names)}"
    doc = json.loads(now["result.json"])
    assert doc["replications"] == 200 and "kpis" in doc
    return "complete"


def _run(scenario: Path, out_dir: Path, workers: int) -> list[str]:
    return run_args(scenario, "--reps", "200", "--out", str(out_dir), workers=workers)


@pytest.mark.parametrize(
    ("signum", "workers", "group"),
    [
        pytest.param(signal.SIGINT, 1, False, id="SIGINT-sequential"),
        pytest.param(signal.SIGTERM, 1, False, id="SIGTERM-sequential"),
        pytest.param(signal.SIGINT, 2, False, id="SIGINT-2-workers"),
        pytest.param(signal.SIGTERM, 2, False, id="SIGTERM-2-workers"),
        # A terminal's Ctrl-C reaches the whole foreground process group, workers included.
        pytest.param(signal.SIGINT, 2, True, id="SIGINT-process-group-2-workers"),
    ],
)
def test_interrupted_run_keeps_the_old_output_and_leaves_no_process(
    tmp_path: Path, signum: int, workers: int, group: bool
) -> None:
    scenario = tmp_path / "slow.yaml"
    scenario.write_text(SLOW, encoding="utf-8")
    out_dir = tmp_path / "out"
    old = _old_output(out_dir)
    code, out, err, tree, survivors = _interrupted(
        _run(scenario, out_dir, workers), tmp_path, _signal(signum, group=group), workers=workers
    )
    if workers > 1:
        assert len(tree) >= workers, f"expected {workers} worker processes, saw {sorted(tree)}"
    assert code == 130, (code, err[-2000:])
    assert "Traceback" not in out + err, err[-3000:]
    assert "interrupted" in err
    assert out == ""
    assert survivors == set(), f"processes of the interrupted run still running: {sorted(survivors)}"
    state = _assert_untouched_or_complete(out_dir, old)
    # 200 replications take far longer than the ~1 s we waited: nothing new can be complete.
    assert state == "untouched"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["out", "slow.yaml"], "a temporary file or directory was left"


def test_python_dash_m_simgroup_interrupted_without_an_earlier_output_creates_nothing(tmp_path: Path) -> None:
    """``python -m simgroup`` is the same command; a SIGTERM before any output existed leaves
    no output directory and no temporary directory."""
    scenario = tmp_path / "slow.yaml"
    scenario.write_text(SLOW, encoding="utf-8")
    done = subprocess.run(
        [sys.executable, "-m", "simgroup", "validate", str(scenario)], capture_output=True, text=True, timeout=60
    )
    assert (done.returncode, done.stdout) == (0, f"{scenario}: ok\n"), done.stderr
    out_dir = tmp_path / "new" / "out"
    code, out, err, _, survivors = _interrupted(
        _run(scenario, out_dir, 1), tmp_path, _signal(signal.SIGTERM), workers=1,
        command=[sys.executable, "-m", "simgroup"],
    )
    assert code == 130 and "Traceback" not in out + err and survivors == set(), err[-2000:]
    assert not out_dir.exists()
    leftovers = sorted(p.relative_to(tmp_path).as_posix() for p in tmp_path.rglob("*"))
    assert leftovers in (["slow.yaml"], ["new", "slow.yaml"]), leftovers


def test_a_worker_killed_mid_run_gives_a_message_not_a_traceback(tmp_path: Path) -> None:
    """A pool worker killed from outside (the OOM killer, ``kill -9``): a one-line message, a
    failure exit code, the old output kept, nothing left running. (Found by this suite: it was
    an uncaught BrokenProcessPool traceback until ``WorkerLost``.)"""
    scenario = tmp_path / "slow.yaml"
    scenario.write_text(SLOW, encoding="utf-8")
    out_dir = tmp_path / "out"
    old = _old_output(out_dir)

    def kill_a_worker(proc: subprocess.Popen[bytes], tree: set[Proc]) -> None:
        # The busiest process of the tree is a pool worker (the fork server and the resource
        # tracker hardly use CPU).
        worker = max(tree, key=lambda p: cpu_seconds(p[0]))
        os.kill(worker[0], signal.SIGKILL)

    code, _, err, _, survivors = _interrupted(_run(scenario, out_dir, 2), tmp_path, kill_a_worker, workers=2)
    assert survivors == set()
    assert _snapshot(out_dir) == old
    assert code not in (0, 130)
    assert "Traceback" not in err, err[-3000:]


# --------------------------------------------------------------------------- check --update-baseline


@pytest.mark.parametrize("signum", [signal.SIGINT, signal.SIGTERM], ids=["SIGINT", "SIGTERM"])
def test_interrupted_update_baseline_keeps_the_old_baseline(tmp_path: Path, signum: int) -> None:
    scenarios = tmp_path / "scenarios"
    scenarios.mkdir()
    (scenarios / "slow.yaml").write_text(SLOW, encoding="utf-8")
    baseline = tmp_path / "baseline.json"
    update = ["check", str(scenarios), "--baseline", str(baseline), "--update-baseline"]
    # A real, complete baseline from a short run first (sequential: starting a pool costs seconds).
    first = subprocess.run(
        [*simgroup_command(), *update, "--reps", "2", "--days", "2", "--workers", "1"],
        cwd=tmp_path, capture_output=True, text=True, timeout=120,
    )
    assert first.returncode in (0, 1), first.stderr  # 1: an expectation may fail; the baseline is written
    assert baseline.is_file(), first.stdout + first.stderr
    old = baseline.read_bytes()
    json.loads(old)
    before = sorted(p.name for p in tmp_path.iterdir())

    code, out, err, _, survivors = _interrupted(
        [*update, "--reps", "200", "--workers", "2"], tmp_path, _signal(signum), workers=2
    )
    assert code == 130, (code, err[-2000:])
    assert "Traceback" not in out + err, err[-3000:]
    assert survivors == set(), f"processes of the interrupted check still running: {sorted(survivors)}"
    assert baseline.read_bytes() == old, "the baseline was rewritten by an interrupted run"
    assert sorted(p.name for p in tmp_path.iterdir()) == before, "a temporary file was left beside the baseline"


# --------------------------------------------------------------------------- hard kill, dead workers


@pytest.mark.parametrize("dask", [False, True], ids=["process-pool", "dask-local"])
def test_a_killed_run_takes_its_workers_and_helpers_with_it(tmp_path: Path, dask: bool) -> None:
    """SIGKILL of ``simgroup run --workers 2`` (a CI timeout's last resort, the OOM killer): the
    workers, the fork server and the resource tracker all exit soon after, and nobody holds the
    caller's stdout/stderr open (``communicate`` returns). They used to live on for good. A
    Dask LocalCluster's worker processes watch their parent themselves; checked all the same."""
    if dask:
        pytest.importorskip("distributed")
    scenario = tmp_path / "slow.yaml"
    scenario.write_text(SLOW, encoding="utf-8")
    more = ("--dask", "local") if dask else ()
    code, _out, _err, tree, survivors = _interrupted(
        run_args(scenario, "--reps", "200", *more, workers=2), tmp_path, _signal(signal.SIGKILL), workers=2
    )
    assert code == -signal.SIGKILL
    assert len(tree) >= 3, f"expected workers and helpers, saw {sorted(tree)}"
    assert survivors == set(), f"children of the killed run still running: {sorted(survivors)}"


def test_check_with_a_killed_worker_says_so_once_and_exits_1(tmp_path: Path) -> None:
    """``check``, like ``run``: a worker killed from outside is "a worker process died", exit 1,
    not an internal error on this scenario and a BrokenProcessPool on the next."""
    scenarios = tmp_path / "scenarios"
    scenarios.mkdir()
    expect = "expect:\n  - {kpi: members_end, at_least: 0}\n"
    for name in ("a_slow.yaml", "b_slow.yaml"):
        (scenarios / name).write_text(SLOW + expect, encoding="utf-8")

    def kill_a_worker(proc: subprocess.Popen[bytes], tree: set[Proc]) -> None:
        worker = max(tree, key=lambda p: cpu_seconds(p[0]))
        os.kill(worker[0], signal.SIGKILL)

    code, out, err, _, survivors = _interrupted(
        ["check", str(scenarios), "--workers", "2"], tmp_path, kill_a_worker, workers=2
    )
    assert survivors == set()
    assert code == 1, (code, err[-2000:])
    assert "a worker process died" in err
    for noise in ("Traceback", "internal error", "BrokenProcessPool"):
        assert noise not in out + err, (out + err)[-3000:]


def _wait_until_it_catches(pid: int, signum: int) -> None:
    """Wait until process ``pid`` has a handler for ``signum`` (``SigCgt`` in ``/proc``), or has
    exited."""
    deadline = time.monotonic() + 30.0
    while time.monotonic() < deadline:
        try:
            with open(f"/proc/{pid}/status", encoding="ascii") as fh:
                caught = next(int(line.split()[1], 16) for line in fh if line.startswith("SigCgt:"))
        except (OSError, StopIteration):
            return
        if caught >> (signum - 1) & 1:
            return
        time.sleep(0.001)


@pytest.mark.parametrize("signum", [signal.SIGINT, signal.SIGTERM], ids=["SIGINT", "SIGTERM"])
def test_a_signal_while_starting_up_exits_130_without_a_traceback(tmp_path: Path, signum: int) -> None:
    """In the first few hundred milliseconds (the imports) a Ctrl-C used to print a
    KeyboardInterrupt traceback and a SIGTERM killed silently (-15). Signals land at several
    moments of start-up; each run either finished (0) or says "interrupted" and exits 130."""
    scenario = tmp_path / "slow.yaml"
    scenario.write_text(SLOW, encoding="utf-8")
    codes = []
    for delay in (0.0, 0.05, 0.1, 0.15, 0.2, 0.3):
        proc = _start(["validate", str(scenario)], tmp_path)
        try:
            # Before simgroup's first line runs (the interpreter starting, slow on a busy
            # machine) nothing of ours can answer a signal: wait until its handler is installed.
            _wait_until_it_catches(proc.pid, signal.SIGTERM)
            time.sleep(delay)
            proc.send_signal(signum)
            out, err = proc.communicate(timeout=EXIT_SECONDS)
        finally:
            if proc.poll() is None:
                proc.kill()
                proc.communicate()
        text = (out + err).decode(errors="replace")
        assert "Traceback" not in text, text
        assert proc.returncode in (0, 130), (delay, proc.returncode, text)
        if proc.returncode == 130:
            assert "interrupted" in text, text
        codes.append(proc.returncode)
    assert 130 in codes, f"no signal landed before the command finished: {codes}"


#: ``simgroup --version`` whose import of the command line takes 30 s (a slow disk, a busy
#: machine): it says "importing" on stdout when the import starts.
_SLOW_IMPORT = """
import importlib.abc, sys, time

class SlowCommandLine(importlib.abc.MetaPathFinder):
    def find_spec(self, name, path, target=None):
        if name == "simgroup.cli":
            print("importing", flush=True)
            time.sleep(30)
        return None

sys.meta_path.insert(0, SlowCommandLine())
sys.argv = ["simgroup", "--version"]
from simgroup._entry import main
main()
"""


@pytest.mark.parametrize("signum", [signal.SIGINT, signal.SIGTERM], ids=["SIGINT", "SIGTERM"])
def test_a_signal_during_the_imports_exits_130_at_once(tmp_path: Path, signum: int) -> None:
    """The window the entry point closes, made wide on purpose: a signal while the command line
    is being imported prints one line and exits 130 (it used to be a KeyboardInterrupt
    traceback from inside an import, or a silent -15)."""
    proc = subprocess.Popen(
        [sys.executable, "-c", _SLOW_IMPORT], cwd=tmp_path, stdout=subprocess.PIPE, stderr=subprocess.PIPE
    )
    try:
        assert proc.stdout is not None
        assert proc.stdout.readline() == b"importing\n"
        proc.send_signal(signum)
        out, err = proc.communicate(timeout=EXIT_SECONDS)
    finally:
        if proc.poll() is None:
            proc.kill()
            proc.communicate()
    assert proc.returncode == 130, err.decode(errors="replace")
    assert err == b"simgroup: interrupted\n"
    assert out == b""
