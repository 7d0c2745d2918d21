"""The playback's side panel: the chat's counters (god-view ones marked), a sparkline of members
over the last days, and the what-if comparison ("as planned" vs "after your action").

A thin view: :meth:`PlaybackPanel.show` takes a :class:`~simgroup.playback.driver.Frame`.
"""

from __future__ import annotations

from typing import Any

from rich.table import Table
from rich.text import Text
from textual.app import ComposeResult
from textual.containers import VerticalScroll
from textual.widgets import Label, Sparkline, Static

from simgroup.playback.feed import clock_label
from simgroup.tui.i18n import get_language, t

#: (snapshot field, god-view, money), in display order
ROWS: tuple[tuple[str, bool, bool], ...] = (
    ("members", False, False), ("muted", True, False), ("folded", True, False), ("speakers", False, False),
    ("joined_today", False, False), ("left_today", False, False), ("messages_today", False, False),
    ("buyers", False, False), ("orders", False, False), ("gmv", False, True), ("profit", False, True),
)
COMPARED = ("members", "muted", "speakers", "left_today", "buyers", "orders", "gmv", "profit")


def row_labels() -> dict[str, str]:
    """Counter labels in the current language (looked up when drawn, never at import)."""
    return {
        "members": t("Members"), "muted": t("Muted"), "folded": t("Folded"), "speakers": t("Speakers today"),
        "joined_today": t("Joined today"), "left_today": t("Left today"), "messages_today": t("Messages today"),
        "buyers": t("Buyers"), "orders": t("Orders"), "gmv": t("GMV"), "profit": t("Gross profit"),
    }


def action_label(action: str) -> str:
    return {"coupon": t("Coupon"), "post": t("Post"), "at_all": t("@all"), "flash_sale": t("Flash sale"),
            "dissolve": t("Dissolve")}.get(action, action)


def _value(v: float, money: bool, *, compact: bool = False) -> str:
    if money:
        return f"¥{v:,.0f}" if compact else f"¥{v:,.2f}"
    return f"{int(v):,}"


def _label(name: str, god: bool, *, compact: bool = False) -> Text:
    """The counter's name; a god-view one in italic magenta, and saying so unless ``compact``."""
    text = Text(name)
    if god:
        if not compact:
            text.append(" " + t("(god-view)"))
        text.stylize("italic magenta")
    return text


def counters_table(snapshot: Any) -> Table:
    table = Table.grid(padding=(0, 1), expand=True)
    table.add_column(ratio=1)
    table.add_column(justify="right")
    labels = row_labels()
    for field, god, money in ROWS:
        table.add_row(_label(labels[field], god), _value(getattr(snapshot, field), money))
    return table


def comparison_table(comparison: Any, *, compact: bool = False) -> Table:
    """Planned against after for the compared counters; ``compact`` (a narrow panel): money in
    whole yuan, god-view marked by its colour only."""
    table = Table.grid(padding=(0, 1), expand=True)
    table.add_column(ratio=1, overflow="fold")
    for _ in range(3):
        table.add_column(justify="right")
    table.add_row("", Text(t("planned"), style="bold"), Text(t("after"), style="bold"), Text("Δ", style="bold"))
    rows = {field: (god, money) for field, god, money in ROWS}
    labels = row_labels()
    for field in COMPARED:
        (god, money), name = rows[field], labels[field]
        a, b = getattr(comparison.planned, field), getattr(comparison.after, field)
        diff = b - a
        style = "green" if diff > 0 else "red" if diff < 0 else "dim"
        sign = "+" if diff > 0 else "−" if diff < 0 else ""
        table.add_row(_label(name, god, compact=compact), _value(a, money, compact=compact),
                      _value(b, money, compact=compact), Text(sign + _value(abs(diff), money, compact=compact), style=style))
    return table


class PlaybackPanel(VerticalScroll, can_focus=False):
    """Counters, sparkline and what-if comparison (see the module contract). It has the class
    ``-live`` while a what-if comparison is shown (a short terminal shows it instead of the
    counters); it scrolls when it holds more than fits."""

    COMPACT_WIDTH = 40  # narrower than this (the content), the comparison is set compactly

    def compose(self) -> ComposeResult:
        yield Static("", id="pb-counters")
        yield Label("", id="pb-spark-label")
        yield Sparkline([], id="pb-spark")
        yield Static("", id="pb-whatif")

    def show(self, frame: Any, start: Any = None) -> None:
        self.query_one("#pb-counters", Static).update(counters_table(frame.counters))
        self.query_one("#pb-spark", Sparkline).data = list(frame.series)
        low, high = min(frame.series, default=0), max(frame.series, default=0)
        self.query_one("#pb-spark-label", Label).update(t("Members, last 4 days: {low}–{high}", low=low, high=high))
        whatif = self.query_one("#pb-whatif", Static)
        comparison = frame.comparison
        if comparison is None:
            whatif.update(Text(t("What-if: press c, p, a, s or d to act now."), style="dim"))
            whatif.remove_class("-live")
            self.remove_class("-live")
            return
        lang = get_language()
        head = t("What-if: {action} at {clock}", action=action_label(comparison.action),
                 clock=clock_label(comparison.at, lang, start))
        when = t("end of the day") if comparison.final else t("until midnight, live")
        title = Text(f"{head}\n{when}", style="bold")
        body = Table.grid(expand=True)
        body.add_row(title)
        body.add_row(comparison_table(comparison, compact=self.scrollable_content_region.width < self.COMPACT_WIDTH))
        whatif.update(body)
        whatif.add_class("-live")
        self.add_class("-live")
