"""Helpers for tests that run ``simgroup`` as a real process or through the CLI: the command
line, the arguments of a ``simgroup run``, and the process tree and process group read from
``/proc`` (no psutil).

A process is identified by ``(pid, start time)`` so a recycled pid is never mistaken for a
survivor, and :func:`kill_tree` (used in ``finally`` blocks) kills only processes this test
started, by pid.
"""

from __future__ import annotations

import contextlib
import os
import signal
import sys
import time
from collections.abc import Iterable
from pathlib import Path

from click.testing import CliRunner

from simgroup.cli import main

Proc = tuple[int, int]  # (pid, start time in clock ticks since boot)

HAS_PROC = os.path.isdir("/proc") and os.path.exists(f"/proc/{os.getpid()}/stat")


def simgroup_command() -> list[str]:
    """``simgroup`` as a process: the console script next to this interpreter, else
    ``python -m simgroup``."""
    script = Path(sys.executable).with_name("simgroup")
    if script.exists() and os.access(script, os.X_OK):
        return [str(script)]
    return [sys.executable, "-m", "simgroup"]


#: ``--reps 1 --days 1``: the least a ``run`` can simulate (a file that must be refused or just run).
QUICK = ("--reps", "1", "--days", "1")


def run_args(path: str | os.PathLike[str], *more: str, workers: int = 1) -> list[str]:
    """The arguments of ``simgroup run PATH MORE... --workers N``; the default, one worker, runs
    in the calling process (no pool to start)."""
    return ["run", str(path), *more, "--workers", str(workers)]


def cli(*args: str) -> tuple[int, str, str, BaseException | None]:
    """``simgroup ARGS`` in this process: exit code, stdout, stderr and an exception that was
    not a clean exit (None when there was none)."""
    result = CliRunner().invoke(main, list(args))
    exc = result.exception
    if isinstance(exc, SystemExit):
        exc = None
    return result.exit_code, result.stdout, result.stderr, exc


def _stat(pid: int) -> tuple[int, str, int, int] | None:
    """``(ppid, state, start time, process group)`` of ``pid``, or None when it does not exist."""
    try:
        with open(f"/proc/{pid}/stat", encoding="ascii", errors="replace") as fh:
            text = fh.read()
    except OSError:
        return None
    fields = text.rsplit(")", 1)[1].split()
    return int(fields[1]), fields[0], int(fields[19]), int(fields[2])


def _pids() -> list[int]:
    return [int(name) for name in os.listdir("/proc") if name.isdigit()]


def start_time(pid: int) -> int | None:
    st = _stat(pid)
    return None if st is None else st[2]


def descendants(root: int) -> set[Proc]:
    """Every live descendant of ``root`` (children, grandchildren, ...)."""
    children: dict[int, list[int]] = {}
    for pid in _pids():
        st = _stat(pid)
        if st is not None and st[1] != "Z":
            children.setdefault(st[0], []).append(pid)
    found: set[Proc] = set()
    todo = [root]
    while todo:
        for child in children.get(todo.pop(), []):
            st = _stat(child)
            if st is not None:
                found.add((child, st[2]))
                todo.append(child)
    return found


def process_group(pgid: int) -> set[Proc]:
    """Every live process of the process group ``pgid`` (also those whose parent has exited and
    that are no longer anyone's descendants)."""
    found: set[Proc] = set()
    for pid in _pids():
        st = _stat(pid)
        if st is not None and st[3] == pgid and st[1] != "Z":  # a zombie is dead, awaiting reaping
            found.add((pid, st[2]))
    return found


def alive(procs: Iterable[Proc]) -> set[Proc]:
    """The processes of ``procs`` that still run (same pid and start time, not a zombie)."""
    out = set()
    for pid, started in procs:
        st = _stat(pid)
        if st is not None and st[2] == started and st[1] != "Z":
            out.add((pid, started))
    return out


def wait_gone(procs: Iterable[Proc], timeout: float) -> set[Proc]:
    """Wait up to ``timeout`` seconds for ``procs`` to end; the ones still running."""
    deadline = time.monotonic() + timeout
    left = alive(procs)
    while left and time.monotonic() < deadline:
        time.sleep(0.05)
        left = alive(left)
    return left


def cpu_seconds(pid: int) -> float:
    """User + system CPU time of ``pid`` so far (0 if it is gone)."""
    try:
        with open(f"/proc/{pid}/stat", encoding="ascii", errors="replace") as fh:
            fields = fh.read().rsplit(")", 1)[1].split()
    except OSError:
        return 0.0
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


def kill_tree(procs: Iterable[Proc]) -> None:
    """SIGKILL the given processes that still run (cleanup after a failed test)."""
    for pid, _ in alive(procs):
        with contextlib.suppress(ProcessLookupError):
            os.kill(pid, signal.SIGKILL)
