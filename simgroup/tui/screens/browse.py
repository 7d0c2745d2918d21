"""Browse mode: the scenario tree with each file's validation state, and a summary of the
highlighted scenario (settings, channels, groups, SOP steps, expectations, or its problems).

Files are validated in a thread worker when the screen first shows (and on ``v``); each result
arrives as a :class:`~simgroup.tui.messages.FileValidated` message.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from textual import on, work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal
from textual.screen import Screen
from textual.widgets import Footer, Tree

from simgroup.tui.i18n import t
from simgroup.tui.keys import localize_bindings
from simgroup.tui.messages import FileValidated
from simgroup.tui.summary import check_file
from simgroup.tui.widgets.mode_bar import ModeBar
from simgroup.tui.widgets.scenario_summary import ScenarioSummary
from simgroup.tui.widgets.scenario_tree import ScenarioTree

if TYPE_CHECKING:
    from simgroup.tui.app import SimgroupApp


class BrowseScreen(Screen[None]):
    HELP = "browse"
    BINDINGS = [
        Binding("e", "edit", "Edit", tooltip="Open the scenario in the editor"),
        Binding("r", "run", "Run", tooltip="Run the scenario"),
        Binding("c", "mark", "Mark for compare", tooltip="Mark or unmark the scenario for Compare"),
        Binding("v", "revalidate", "Revalidate", tooltip="Look for scenario files again and check them all"),
    ]

    def __init__(self) -> None:
        super().__init__()
        localize_bindings(self)
        self._moving_to: Path | None = None

    @property
    def sg(self) -> SimgroupApp:
        return self.app  # type: ignore[return-value]

    def compose(self) -> ComposeResult:
        yield ModeBar(self.HELP)
        with Horizontal(id="browse-body"):
            yield ScenarioTree(id="scenario-tree")
            yield ScenarioSummary(id="scenario-summary")
        yield Footer(compact=True)

    def on_mount(self) -> None:
        tree = self.query_one(ScenarioTree)
        tree.border_title = str(self.sg.workspace)
        tree.set_files(self.sg.workspace, self.sg.files)
        if not self.sg.files:
            self.query_one(ScenarioSummary).show_text(t("No scenario files in {path}", path=str(self.sg.workspace)))

    def on_screen_resume(self) -> None:
        self.sync()

    def sync(self) -> None:
        """Pick up the app's current scenario (and other shared state)."""
        self.sg.sub_title = t("Browse")
        tree = self.query_one(ScenarioTree)
        for path in self.sg.files:
            diagnostics = self.sg.diagnostics.get(path)
            tree.set_status(path, None if diagnostics is None else len(diagnostics))
        tree.set_marked(set(self.sg.marked))
        self.call_after_refresh(self._select_current)
        self._show(self.sg.current)
        if any(p not in self.sg.diagnostics for p in self.sg.files):
            self.validate_all()

    def _select_current(self) -> None:
        """Put the tree's cursor on the app's current scenario. The highlight this causes arrives
        later as a message; it must not write ``app.current`` back (which may have moved on)."""
        tree = self.query_one(ScenarioTree)
        path = self.sg.current
        if path is not None and tree.cursor_path != path:
            self._moving_to = path
            tree.select_path(path)

    # ------------------------------------------------------------------ validation

    @work(thread=True, exclusive=True, group="validate-all", exit_on_error=False)
    def validate_all(self) -> None:
        from textual.worker import get_current_worker

        worker = get_current_worker()
        for path in [p for p in self.sg.files if p not in self.sg.diagnostics]:
            if worker.is_cancelled:
                return
            scenario, diagnostics = check_file(path)
            self.post_message(FileValidated(path, scenario, diagnostics))

    def on_file_validated(self, message: FileValidated) -> None:
        self.sg.diagnostics[message.path] = message.diagnostics
        self.sg.scenarios[message.path] = message.scenario
        self.query_one(ScenarioTree).set_status(message.path, len(message.diagnostics))
        if message.path == self.sg.current:
            self._show(message.path)

    # ------------------------------------------------------------------ selection

    @on(Tree.NodeHighlighted)
    def _highlighted(self, event: Tree.NodeHighlighted[Path]) -> None:
        path = event.node.data if event.node.data in self.sg.files else None
        moving_to, self._moving_to = self._moving_to, None
        if path is None or path == moving_to:
            return
        self.sg.current = path
        self._show(path)

    @on(Tree.NodeSelected)
    def _selected(self, event: Tree.NodeSelected[Path]) -> None:
        if self.query_one(ScenarioTree).cursor_path is not None:
            self.action_edit()

    def _show(self, path: Path | None) -> None:
        summary = self.query_one(ScenarioSummary)
        if path is None:
            return
        if path not in self.sg.diagnostics:
            summary.border_title = path.name
            summary.show_text(t("checking…"))
            return
        summary.show(path, self.sg.scenarios.get(path), self.sg.diagnostics[path])

    # ------------------------------------------------------------------ actions

    def action_edit(self) -> None:
        if self.sg.current is not None:
            self.sg.switch_mode("edit")

    async def action_run(self) -> None:
        await self.sg.run_current()

    def action_mark(self) -> None:
        path = self.sg.current
        if path is None:
            return
        self.sg.toggle_mark(path)
        self.query_one(ScenarioTree).set_marked(set(self.sg.marked))
        self.notify(t("{n} marked for compare", n=len(self.sg.marked)), timeout=2)

    def action_revalidate(self) -> None:
        self.sg.rescan()
        tree = self.query_one(ScenarioTree)
        tree.set_files(self.sg.workspace, self.sg.files)
        tree.set_marked(set(self.sg.marked))
        self.call_after_refresh(self._select_current)
        self.validate_all()
