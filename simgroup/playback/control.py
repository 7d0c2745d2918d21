"""The command loop a UI runs in one worker thread around a :class:`PlaybackDriver`.

Contract: the UI puts commands on a ``queue.Queue`` (``None`` stops the loop) and receives one
:class:`~simgroup.playback.driver.Frame` per command through ``emit`` (called from the loop's
thread; the TUI posts it as a message). Commands are tuples: ``("frame", real_seconds)``,
``("toggle",)``, ``("step",)``, ``("faster",)``, ``("slower",)``, ``("jump_day", n)``,
``("next_sop",)``, ``("inject", action)``. Consecutive ``frame`` commands waiting in the queue
are merged (their seconds add up, at most :data:`MAX_BEHIND` seconds), so a slow simulation keeps
the playback speed at a lower frame rate.
``cancelled()`` is polled at least every :data:`POLL` seconds.
"""

from __future__ import annotations

import queue
from collections.abc import Callable
from typing import Any

from simgroup.playback.driver import Frame, PlaybackDriver

POLL = 0.2
MAX_BEHIND = 1.0
Command = tuple[Any, ...]


def apply(driver: PlaybackDriver, command: Command) -> Frame:
    """Run one command on ``driver``."""
    name, *args = command
    if name == "frame":
        return driver.frame(float(args[0]))
    if name == "jump_day":
        return driver.jump_day(int(args[0]))
    if name == "inject":
        return driver.inject(str(args[0]))
    simple: dict[str, Callable[[], Frame]] = {
        "toggle": driver.toggle, "step": driver.step, "faster": driver.faster, "slower": driver.slower,
        "next_sop": driver.next_sop_step,
    }
    if name not in simple:
        raise ValueError(f"unknown playback command {name!r}")
    return simple[name]()


def _pending(commands: queue.Queue[Command | None], first: Command) -> list[Command | None]:
    """``first`` and every command already waiting, with runs of frames merged."""
    batch: list[Command | None] = [first]
    while True:
        try:
            batch.append(commands.get_nowait())
        except queue.Empty:
            break
    merged: list[Command | None] = []
    for cmd in batch:
        last = merged[-1] if merged else None
        if cmd is not None and cmd[0] == "frame" and last is not None and last[0] == "frame":
            merged[-1] = ("frame", min(float(last[1]) + float(cmd[1]), MAX_BEHIND))
        else:
            merged.append(cmd)
    return merged


def run_commands(driver: PlaybackDriver, commands: queue.Queue[Command | None],
                 emit: Callable[[Frame], object], cancelled: Callable[[], bool]) -> None:
    """Serve ``commands`` until ``None`` arrives or ``cancelled()`` (see the module contract)."""
    emit(driver.start())
    while not cancelled():
        try:
            first = commands.get(timeout=POLL)
        except queue.Empty:
            continue
        if first is None:
            return
        for cmd in _pending(commands, first):
            if cmd is None or cancelled():
                return
            emit(apply(driver, cmd))
