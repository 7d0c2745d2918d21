"""What a scenario file holds, at a glance: settings, channels, groups and their SOP steps,
products, expectations, and its problems when it does not validate."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from textual.app import ComposeResult
from textual.containers import VerticalScroll
from textual.content import Content
from textual.markup import escape
from textual.widgets import Static

from simgroup.scenario.models import display_name
from simgroup.tui.i18n import get_language, kpi_label, t, term
from simgroup.tui.summary import describe_rule, describe_step
from simgroup.tui.widgets.diagnostics_list import diagnostics_text

if TYPE_CHECKING:
    from simgroup.scenario.diagnostics import Diagnostic
    from simgroup.scenario.models import Scenario


def _heading(text: str) -> str:
    return f"\n[b $accent]{escape(text)}[/]"


def summary_content(path: Path, scenario: Scenario | None, diagnostics: list[Diagnostic]) -> Content:
    """What the scenario holds, or its problems when it did not validate."""
    if scenario is None:
        heading = Content.from_markup(f"[b]{escape(path.name)}[/]\n{_heading(t('Problems'))}\n")
        return heading + Content.from_rich_text(diagnostics_text(diagnostics))
    return Content.from_markup(_scenario_markup(path, scenario))


def _scenario_markup(path: Path, scenario: Scenario) -> str:
    lines: list[str] = []
    lines.append(f"[b]{escape(scenario.name)}[/]")
    lines.append(f"[dim]{escape(str(path))}[/]")
    if scenario.description:
        lines.append(escape(" ".join(scenario.description.split())))
    lines.append(
        f"\n{t('days')}: [b]{scenario.days}[/]   {t('seed')}: [b]{scenario.seed}[/]   "
        f"{t('replications')}: [b]{scenario.replications}[/]   {t('start')}: {scenario.start.isoformat()}"
    )
    ops = scenario.operators
    lines.append(f"{t('Operators')}: {ops.count} × {escape(term('persona', ops.persona))}")

    lines.append(_heading(t("Channels")))
    for c in scenario.channels:
        lines.append(
            f"  [b]{escape(display_name(c))}[/] ({escape(term('channel_kind', c.kind))}): {c.per_day:g} {t('per day')}, "
            f"{t('add rate')} {c.add_rate:g}"
        )
    if not scenario.channels:
        lines.append(f"  [dim]{t('none')}[/]")

    lines.append(_heading(t("Groups")))
    for g in scenario.groups:
        channels = ", ".join(g.channels) or "-"
        lines.append(
            f"  [b]{escape(display_name(g))}[/]  {t('type')}: {escape(term('group_type', g.type))}  {t('SOP')}: {escape(g.sop or '-')}  "
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
            lines.append(f"  [b]{escape(display_name(p))}[/] ({escape(term('product_role', p.role))}): {t('{n} CNY', n=f'{p.price:g}')}")

    if scenario.expect:
        lines.append(_heading(t("Expectations")))
        for e in scenario.expect:
            where = f"{e.group}." if e.group else ""
            kpi = kpi_label(e.kpi) if get_language() == "zh" else e.kpi  # English: the KPI as written
            lines.append(f"  {escape(where + kpi)} {escape(describe_rule(e))}")
    return "\n".join(lines)


class ScenarioSummary(VerticalScroll):
    def compose(self) -> ComposeResult:
        yield Static(t("Select a scenario on the left."), id="summary-text")

    def show(self, path: Path, scenario: Scenario | None, diagnostics: list[Diagnostic]) -> None:
        self.border_title = path.name
        self.query_one("#summary-text", Static).update(summary_content(path, scenario, diagnostics))
        self.scroll_home(animate=False)

    def show_text(self, text: str) -> None:
        self.query_one("#summary-text", Static).update(escape(text))
