"""Playback mode (trainer): one simulated group told as a live chat, counters beside it, and keys
that act now (what-if).

One thread worker owns a :class:`~simgroup.playback.driver.PlaybackDriver` and serves commands
from a queue (:mod:`simgroup.playback.control`); a ``set_interval`` timer sends it the real time
elapsed while playing, and every key sends one command. Frames come back only as
:class:`~simgroup.tui.messages.PlaybackFrame` messages, tagged with the job number (a new file
or new options start a new job; late frames of an old one are ignored). The first frame is out
as soon as the world is set up: nothing is precomputed.
"""

from __future__ import annotations

import queue
import time
from pathlib import Path
from typing import TYPE_CHECKING, Any

from rich.text import Text
from textual import events, work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal
from textual.screen import Screen
from textual.timer import Timer
from textual.widgets import Footer, Label, Static
from textual.worker import get_current_worker

from simgroup.playback.driver import PlaybackOptions
from simgroup.tui.i18n import get_language, t
from simgroup.tui.keys import localize_bindings, show_bindings
from simgroup.tui.messages import JobFailed, PlaybackFrame
from simgroup.tui.screens._job import failure
from simgroup.tui.widgets.chat_feed import ChatFeed
from simgroup.tui.widgets.diagnostics_list import diagnostics_text
from simgroup.tui.widgets.mode_bar import ModeBar
from simgroup.tui.widgets.playback_panel import PlaybackPanel
from simgroup.tui.widgets.playback_prompt import PromptScreen

if TYPE_CHECKING:
    from simgroup.playback.driver import Frame
    from simgroup.tui.app import SimgroupApp

FPS = 20


def notice_text(code: str | None) -> str | None:
    """The warning for a frame's notice code, or None when it needs none."""
    return {
        "no-product": t("This scenario has no product to offer."),
        "no-group": t("The group is not there (not created yet, or dissolved): nothing to act on."),
        "no-sop": t("No more SOP steps in this group."),
    }.get(code or "")


def _mtime(path: Path | None) -> float | None:
    try:
        return path.stat().st_mtime if path is not None else None
    except OSError:
        return None


def speed_label(speed: float) -> str:
    return t("real time") if speed < 1 else t("{speed} sim-min/s", speed=f"{speed:g}")


class PlaybackScreen(Screen[None]):
    HELP = "playback"
    # What a class needs most comes first: play, step and the what-if keys (one group in the
    # footer), the speed; under 100 columns the footer leaves out the rest (SECONDARY), which F1
    # and the palette still list.
    WHAT_IF = Binding.Group("What-if")
    SPEED = Binding.Group("Speed", compact=True)
    BINDINGS = [
        Binding("space", "toggle", "Play", key_display="Space", tooltip="Start or pause the playback"),
        Binding("n", "step", "Step", tooltip="Pause and show the next event"),
        Binding("c", "inject('coupon')", "Coupon", tooltip="What-if: send a coupon now", group=WHAT_IF),
        Binding("p", "inject('post')", "Post", tooltip="What-if: post content now", group=WHAT_IF),
        Binding("a", "inject('at_all')", "@all", tooltip="What-if: send an @all now", group=WHAT_IF),
        Binding("s", "inject('flash_sale')", "Flash sale", tooltip="What-if: start a flash sale now", group=WHAT_IF),
        Binding("d", "inject('dissolve')", "Dissolve", tooltip="What-if: dissolve the group now", group=WHAT_IF),
        Binding("plus,equals_sign", "faster", "Faster", key_display="+", tooltip="Play faster", group=SPEED),
        Binding("minus", "slower", "Slower", key_display="-", tooltip="Play slower", group=SPEED),
        Binding("g", "goto_day", "Day", tooltip="Jump to the start of a day"),
        Binding("right_square_bracket", "next_sop", "Next SOP", key_display="]",
                tooltip="Run on to the next SOP post"),
        Binding("f", "follow", "Follow", tooltip="Show one member's lines only"),
    ]
    SECONDARY = {"goto_day", "next_sop", "follow"}
    WIDE = 100  # columns from which the footer shows every key

    def __init__(self) -> None:
        super().__init__()
        localize_bindings(self)
        self.path: Path | None = None
        self.options = PlaybackOptions()
        self.job = 0
        self.commands: queue.Queue[Any] | None = None
        self.frame: Frame | None = None
        self.frames = 0
        self.started_at = 0.0
        self.first_line_after: float | None = None  # seconds from start to the first feed line
        self.busy = False
        self._timer: Timer | None = None
        self._mtime: float | None = None
        self._last_tick = time.monotonic()

    @property
    def sg(self) -> SimgroupApp:
        return self.app  # type: ignore[return-value]

    def compose(self) -> ComposeResult:
        yield ModeBar(self.HELP)
        yield Label("", id="pb-title")
        with Horizontal(id="pb-body"):
            yield ChatFeed(id="pb-feed")
            yield PlaybackPanel(id="pb-side")
        yield Static("", id="pb-problems", classes="problems")
        yield Label("", id="pb-status")
        yield Footer(compact=True)

    def on_mount(self) -> None:
        self._timer = self.set_interval(1 / FPS, self._tick)

    def on_resize(self, event: events.Resize) -> None:
        show_bindings(self, self.SECONDARY, event.size.width >= self.WIDE)

    def on_screen_resume(self) -> None:
        self._last_tick = time.monotonic()
        self.sync()

    def on_unmount(self) -> None:
        self._stop()

    def sync(self) -> None:
        """Play the app's current scenario (with the ``replay`` options when they are for it)."""
        self.sg.sub_title = t("Playback")
        if self.sg.current != self.path or self.commands is None or self._mtime != _mtime(self.path):
            self.start(self.sg.current)  # another file, or this one saved since: play it afresh

    # ------------------------------------------------------------------ the worker

    def start(self, path: Path | None) -> None:
        self._stop()
        self.path = path
        request = getattr(self.sg, "playback", None)
        self.options = request[1] if request is not None and request[0] == path else PlaybackOptions()
        if path is None:
            self._status(t("No scenario open: pick one in Browse (F2)."), error=True)
            return
        scenario = self.sg.scenario_for(path)
        title = f"{scenario.name}  ({path})" if scenario is not None else str(path)
        self.query_one("#pb-title", Label).update(Text(title))
        self.query_one(ChatFeed).start = scenario.start if scenario is not None else None
        self.job += 1
        self._mtime = _mtime(path)
        self.frame, self.frames, self.first_line_after = None, 0, None
        self.started_at = time.monotonic()
        self.commands = queue.Queue()
        self.query_one(ChatFeed).reset([])
        self.query_one("#pb-problems", Static).remove_class("-shown")
        self._status(t("Setting up the simulation…"))
        self._drive(self.job, path, self.options, get_language(), self.commands)

    @work(thread=True, exclusive=True, group="playback", exit_on_error=False)
    def _drive(self, job: int, path: Path, options: PlaybackOptions, lang: str, commands: queue.Queue[Any]) -> None:
        from simgroup.playback.control import run_commands
        from simgroup.scenario import load_scenario

        worker = get_current_worker()
        try:
            driver = options.driver(load_scenario(path), lang)
            run_commands(driver, commands, lambda f: self.post_message(PlaybackFrame(job, f)),
                         lambda: worker.is_cancelled)
        except Exception as exc:  # shown on the screen; the app keeps running
            self.post_message(failure(job, exc))

    def _stop(self) -> None:
        if self.commands is not None:
            self.commands.put(None)
            self.commands = None

    def _send(self, command: tuple[Any, ...], *, busy: bool = False) -> None:
        if self.commands is None:
            return
        self.commands.put(command)
        if busy:
            self.busy = True
            self._status(t("Working…"))

    def _tick(self) -> None:
        """Send the real time elapsed while playing; none while another screen (a mode, help,
        a prompt) is on top, so the simulated clock stands still then."""
        now = time.monotonic()
        elapsed, self._last_tick = now - self._last_tick, now
        if self.frame is not None and self.frame.playing and not self.busy and self.is_current:
            self._send(("frame", min(elapsed, 1.0)))

    # ------------------------------------------------------------------ frames

    def on_playback_frame(self, message: PlaybackFrame) -> None:
        if message.job != self.job:
            return
        frame: Frame = message.frame
        self.frame, self.busy = frame, False
        self.frames += 1
        feed = self.query_one(ChatFeed)
        if frame.reset:
            feed.reset(frame.lines)
        elif frame.lines:
            feed.add(frame.lines)
        if frame.lines and self.first_line_after is None:
            self.first_line_after = time.monotonic() - self.started_at
        self.query_one(PlaybackPanel).show(frame, feed.start)
        warning = notice_text(frame.notice)
        if warning is not None:
            self.notify(warning, severity="warning", timeout=4)
        self._show_status()

    def on_job_failed(self, message: JobFailed) -> None:
        if message.job != self.job:
            return
        self.commands = None
        self._status(message.error, error=True)
        if message.diagnostics:
            problems = self.query_one("#pb-problems", Static)
            problems.update(diagnostics_text(message.diagnostics))
            problems.add_class("-shown")
        self.notify(message.error, severity="error")

    def _show_status(self) -> None:
        f = self.frame
        if f is None:
            return
        state = t("end") if f.finished else ("▶ " + t("playing")) if f.playing else ("⏸ " + t("paused"))
        parts = [f.clock, state, speed_label(f.speed), t("chat {chat}", chat=f.chat)]
        following = self.query_one(ChatFeed).following
        if following is not None:
            parts.append(t("following #{member}", member=following))
        self._status("  ·  ".join(parts))

    def _status(self, text: str, *, error: bool = False) -> None:
        label = self.query_one("#pb-status", Label)
        label.update(Text(text))
        label.set_class(error, "-error")

    # ------------------------------------------------------------------ keys

    # Space's "toggle" replaces Textual's toggle(attribute) action, which nothing here uses.
    def action_toggle(self) -> None:  # type: ignore[override]
        self._last_tick = time.monotonic()
        self._send(("toggle",))

    def action_step(self) -> None:
        self._send(("step",))

    def action_faster(self) -> None:
        self._send(("faster",))

    def action_slower(self) -> None:
        self._send(("slower",))

    def action_next_sop(self) -> None:
        self._send(("next_sop",), busy=True)

    def action_inject(self, action: str) -> None:
        self._send(("inject", action), busy=True)

    def action_goto_day(self) -> None:
        day = int(self.frame.time // 1440) + 1 if self.frame is not None else 0

        def chosen(value: str | None) -> None:
            if value:
                self._send(("jump_day", int(value)), busy=True)

        self.app.push_screen(PromptScreen(t("Go to day (0 is the first day):"), str(day)), chosen)

    def action_follow(self) -> None:
        feed = self.query_one(ChatFeed)
        if feed.following is not None:
            feed.follow(None)
            self._show_status()
            return
        member = feed.last_member()

        def chosen(value: str | None) -> None:
            if value is not None:
                feed.follow(int(value) if value else None)
                self._show_status()

        self.app.push_screen(PromptScreen(t("Follow member # (empty: everyone):"), "" if member is None else str(member)), chosen)
