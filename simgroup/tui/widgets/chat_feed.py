"""The playback's chat feed: feed lines drawn as a WeChat-like log, god-view lines marked.

A thin view over :class:`~simgroup.playback.feed.FeedLine`: :meth:`ChatFeed.add` appends,
:meth:`ChatFeed.reset` replaces everything, :meth:`ChatFeed.follow` shows only one member's
lines (``None``: everyone). It keeps the last :data:`KEEP` lines so that following and
unfollowing can redraw; :attr:`ChatFeed.shown` is what was drawn (for tests). At most
:data:`BURST` lines are drawn per update: at thousands of simulated minutes a second nobody
reads faster, and drawing costs.

Lines are wrapped to the feed's width, never cut: each line is a row of a two-column grid (the
time, then the words with a hanging indent), measured in terminal cells (Rich's ``cell_len``: a
Chinese character is two cells). RichLog renders a line once, at the width it has when written,
so a change of width redraws the kept lines at the new width.
"""

from __future__ import annotations

from collections import deque
from collections.abc import Iterable
from datetime import date

from rich.table import Table
from rich.text import Text
from textual import events
from textual.widgets import RichLog

from simgroup.playback.feed import FeedLine, clock_label, time_of_day
from simgroup.tui.i18n import get_language, t

KEEP = 2000
BURST = 150  # lines drawn at most per update

_MARKS = {
    "join": ("→ ", "green"),
    "leave": ("← ", "red"),
    "order": ("¥ ", "bold yellow"),
    "checkin": ("✓ ", "green"),
    "grab": ("  ", "red"),
    "task": ("⚙ ", "dim"),
    "system": ("■ ", "bold"),
}


def _badge(segment: str | None) -> str:
    if segment == "coupon_hunter":
        return t("(hunter)")
    if segment == "super_user":
        return t("(super)")
    return ""


def render_body(line: FeedLine) -> Text:
    """One feed line's words as rich text (marker, speaker, words): everything but the time."""
    out = Text()
    if line.kind == "whatif":
        out.append(f"⚡ {line.text}", style="bold black on yellow")
        return out
    if line.god:
        out.append(f"[{t('god-view')}] ", style="bold magenta")
        out.append(line.text, style="italic magenta")
    elif line.kind == "operator":
        if line.injected:
            out.append("⚡ ", style="bold yellow")
        out.append(f"{line.who}: ", style="bold cyan")
        out.append(line.text, style="bold" if line.injected else "")
    elif line.kind == "chat":
        out.append(line.who, style="bold")
        out.append(f" #{line.member}", style="dim")
        badge = _badge(line.segment)
        if badge:
            out.append(f" {badge}", style="italic magenta")
        out.append(f": {line.text}")
    else:
        mark, style = _MARKS.get(line.kind, ("  ", ""))
        out.append(mark, style=style)
        out.append(line.text, style=style if line.kind in ("system", "task") else "")
        if line.member is not None:
            out.append(f" #{line.member}", style="dim")
            badge = _badge(line.segment)
            if badge:
                out.append(f" {badge}", style="italic magenta")
    return out


def _grid() -> Table:
    grid = Table.grid(padding=(0, 1, 0, 0), expand=False)
    grid.add_column(no_wrap=True, style="dim", width=5)
    grid.add_column(overflow="fold")
    return grid


class ChatFeed(RichLog):
    """The chat feed (see the module contract)."""

    def __init__(self, *, id: str | None = None) -> None:
        # min_width=1: RichLog's default (78) would render lines 78 cells wide and cut them in a
        # narrower pane; each write gives the pane's own width instead.
        super().__init__(max_lines=KEEP, wrap=True, markup=False, highlight=False, auto_scroll=True, min_width=1, id=id)
        self.history: deque[FeedLine] = deque(maxlen=KEEP)
        self.following: int | None = None
        self.shown: deque[FeedLine] = deque(maxlen=KEEP)
        self._day: int | None = None
        self._width = 0  # the width the lines were drawn at
        self.start: date | None = None  # the scenario's day 0, for weekdays in day separators

    def _visible(self, line: FeedLine) -> bool:
        return self.following is None or line.member == self.following

    def _write(self, lines: Iterable[FeedLine]) -> None:
        """Draw the visible ``lines`` in one write (a write per line costs ~1 ms); more than
        :data:`BURST` at once (a fast speed, a jump) are cut to the newest, saying so."""
        visible = [line for line in lines if self._visible(line)]
        grid = _grid()
        if len(visible) > BURST:
            grid.add_row("", Text(t("… {n} earlier lines not shown at this speed", n=len(visible) - BURST), style="dim italic"))
            visible = visible[-BURST:]
        for line in visible:
            day = int(line.time // 1440)
            if day != self._day:
                self._day = day
                label = clock_label(day * 1440.0, get_language(), self.start).rsplit(" ", 1)[0]
                grid.add_row("", Text(f"──── {label} ────", style="bold dim"))
            grid.add_row(time_of_day(line.time), render_body(line))
            self.shown.append(line)
        if grid.row_count:
            width = self.scrollable_content_region.width
            self._width = width
            self.write(grid, width=width if width > 0 else None)

    def on_resize(self, event: events.Resize) -> None:
        """Redraw at the new width (RichLog keeps lines as drawn); its own handler runs after
        this one and draws what was written before the size was known."""
        width = self.scrollable_content_region.width
        if self._size_known and width > 0 and width != self._width:
            self.redraw()

    def add(self, lines: Iterable[FeedLine]) -> None:
        lines = list(lines)
        self.history.extend(lines)
        self._write(lines)

    def reset(self, lines: Iterable[FeedLine]) -> None:
        lines = list(lines)
        self.history.clear()
        self.add_redraw(lines)

    def add_redraw(self, lines: Iterable[FeedLine]) -> None:
        lines = list(lines)
        self.clear()
        self.shown.clear()
        self._day = None
        self.add(lines)

    def redraw(self) -> None:
        """Draw the kept lines again (another width, another member followed)."""
        kept = list(self.history)
        self.history.clear()
        self.add_redraw(kept)

    def follow(self, member: int | None) -> None:
        self.following = member
        self.redraw()

    def last_member(self) -> int | None:
        """The member of the newest line that has one."""
        return next((line.member for line in reversed(self.history) if line.member is not None), None)
