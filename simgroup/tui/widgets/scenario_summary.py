"""What a scenario file holds, at a glance: settings, channels, groups and their SOP steps,
products, expectations, and its problems when it does not validate."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Any

from textual.markup import escape
from textual.containers import VerticalScroll
from textual.widgets import Static

from simgroup.tui.i18n import t
from simgroup.tui.summary import describe_step

if TYPE_CHECKING:
    from simgroup.scenario.diagnostics import Diagnostic


def _heading(text: str) -> str:
    return f"\n[b $accent]{escape(text)}[/]"


def summary_markup(path: Path, scenario: Any | None, diagnostics: list[Diagnostic]) -> str:
    """Console markup describing the scenario (or its problems)."""
    lines: list[str] = []
    if scenario is None:
        lines.append(f"[b]{escape(path.name)}[/]")
        lines.append(_heading(t("Problems")))
        for d in diagnostics:
            where = f"{d.line}:{d.col}" if d.line else "-"
            text = d.message if d.suggestion is None else f"{d.message} (did you mean {d.suggestion!r}?)"
            key = f"{d.dotted_path}: " if d.key_path else ""
            lines.append(f"  [b $error]{where}[/] {escape(key + text)}")
        return "\n".join(lines)

    lines.append(f"[b]{escape(scenario.name)}[/]")
    lines.append(f"[dim]{escape(str(path))}[/]")
    if scenario.description:
        lines.append(escape(" ".join(scenario.description.split())))
    lines.append(
        f"\n{t('days')}: [b]{scenario.days}[/]   {t('seed')}: [b]{scenario.seed}[/]   "
        f"{t('replications')}: [b]{scenario.replications}[/]   {t('start')}: {scenario.start.isoformat()}"
    )
    ops = scenario.operators
    lines.append(f"{t('Operators')}: {ops.count} × {escape(ops.persona)}")

    lines.append(_heading(t("Channels")))
    for c in scenario.channels:
        lines.append(
            f"  [b]{escape(c.id)}[/] ({escape(c.kind)}): {c.per_day:g} {t('per day')}, "
            f"{t('add rate')} {c.add_rate:g}"
        )
    if not scenario.channels:
        lines.append(f"  [dim]{t('none')}[/]")

    lines.append(_heading(t("Groups")))
    for g in scenario.groups:
        channels = ", ".join(g.channels) or "-"
        lines.append(
            f"  [b]{escape(g.id)}[/]  {t('type')}: {escape(g.type)}  {t('SOP')}: {escape(g.sop or '-')}  "
            f"← {escape(channels)}"
        )

    lines.append(_heading(t("SOP steps")))
    for sop_id, steps in scenario.sops.items():
        lines.append(f"  [b]{escape(sop_id)}[/] ({len(steps)})")
        for step in steps:
            lines.append(f"    {escape(describe_step(step))}")

    if scenario.products:
        lines.append(_heading(t("Products")))
        for p in scenario.products:
            lines.append(f"  [b]{escape(p.id)}[/] ({escape(p.role)}): {p.price:g} CNY")

    if scenario.expect:
        lines.append(_heading(t("Expectations")))
        for e in scenario.expect:
            where = f"{e.group}." if e.group else ""
            if e.between is not None:
                rule = f"in [{e.between[0]:g}, {e.between[1]:g}]"
            elif e.at_least is not None:
                rule = f">= {e.at_least:g}"
            elif e.at_most is not None:
                rule = f"<= {e.at_most:g}"
            else:
                rule = f"better than {e.better_than}"
            lines.append(f"  {escape(where + e.kpi)} {escape(rule)}")
    return "\n".join(lines)


class ScenarioSummary(VerticalScroll):
    def compose(self):  # type: ignore[override]
        yield Static(t("Select a scenario on the left."), id="summary-text")

    def show(self, path: Path, scenario: Any | None, diagnostics: list[Diagnostic]) -> None:
        self.border_title = path.name
        self.query_one("#summary-text", Static).update(summary_markup(path, scenario, diagnostics))
        self.scroll_home(animate=False)

    def show_text(self, text: str) -> None:
        self.query_one("#summary-text", Static).update(escape(text))
