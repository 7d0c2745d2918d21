"""The simgroup TUI: four modes over a folder of scenarios (docs/tui.md).

State shared by the modes lives here: the workspace and its files, the scenario in focus
(``current``), files marked for Compare, cached validation results, unsaved editor buffers and
the last run of each file. Each mode is a screen in :mod:`simgroup.tui.screens` (``App.MODES``);
F2–F6 switch between them from anywhere (priority bindings: no focused widget can swallow them).
``playback=(path, options)`` (from ``simgroup replay``) opens the app in Playback on that file.
"""

from __future__ import annotations

import time
from pathlib import Path
from typing import TYPE_CHECKING

from textual.app import App
from textual.binding import Binding
from textual.screen import Screen

from simgroup.tui.commands import SimgroupCommands
from simgroup.tui.i18n import detect_language, set_language, t
from simgroup.tui.keys import localize_bindings
from simgroup.tui.screens.browse import BrowseScreen
from simgroup.tui.summary import check_file, find_scenarios

if TYPE_CHECKING:
    from simgroup.playback.driver import PlaybackOptions
    from simgroup.results.report import RunResult
    from simgroup.scenario.diagnostics import Diagnostic
    from simgroup.scenario.models import Scenario

QUIT_CONFIRM_SECONDS = 3.0


def _edit_screen() -> Screen[None]:
    from simgroup.tui.screens.edit import EditScreen

    return EditScreen()


def _run_screen() -> Screen[None]:
    from simgroup.tui.screens.run import RunScreen

    return RunScreen()


def _compare_screen() -> Screen[None]:
    from simgroup.tui.screens.compare import CompareScreen

    return CompareScreen()


def _playback_screen() -> Screen[None]:
    from simgroup.tui.screens.playback import PlaybackScreen

    return PlaybackScreen()


class SimgroupApp(App[None]):
    # One stylesheet per mode, all loaded at start: a screen's own CSS_PATH would make Textual
    # re-parse and re-apply every stylesheet to every screen the first time each mode opens.
    CSS_PATH = ["app.tcss", "screens/browse.tcss", "screens/edit.tcss", "screens/run.tcss", "screens/compare.tcss",
                "screens/playback.tcss", "screens/sensitivity.tcss"]
    TITLE = "simgroup"
    # Browse is the first screen; the others (charts, editor) are imported when first opened.
    MODES = {"browse": BrowseScreen, "edit": _edit_screen, "run": _run_screen, "compare": _compare_screen,
             "playback": _playback_screen}
    DEFAULT_MODE = "browse"
    COMMANDS = App.COMMANDS | {SimgroupCommands}
    # F1–F6 are shown by each mode's top line (widgets/mode_bar.py), not in the footer, which then
    # holds the mode's own keys even at 80 columns; the help table lists them all the same.
    BINDINGS = [
        Binding("f1,question_mark", "help", "Help", key_display="F1", show=False, tooltip="Help for this mode"),
        Binding("f2", "switch_mode('browse')", "Browse", key_display="F2", priority=True, show=False,
                tooltip="Scenario files and summaries"),
        Binding("f3", "switch_mode('edit')", "Edit", key_display="F3", priority=True, show=False,
                tooltip="Edit the scenario's YAML"),
        Binding("f4", "switch_mode('run')", "Run", key_display="F4", priority=True, show=False, tooltip="Run the scenario"),
        Binding("f5", "switch_mode('compare')", "Compare", key_display="F5", priority=True, show=False,
                tooltip="Compare scenarios"),
        Binding("f6", "switch_mode('playback')", "Playback", key_display="F6", priority=True, show=False,
                tooltip="Play a group back as a live chat"),
        Binding("ctrl+q", "quit", "Quit", priority=True, tooltip="Quit simgroup"),
    ]
    # Layouts change with the terminal: Screen.-narrow (under 100 columns) and Screen.-short
    # (under 32 rows) in the stylesheets; 80 × 24 is both, 120 × 40 neither.
    HORIZONTAL_BREAKPOINTS = [(0, "-narrow"), (100, "-wide")]
    VERTICAL_BREAKPOINTS = [(0, "-short"), (32, "-tall")]

    def __init__(
        self,
        path: str | Path = "scenarios",
        *,
        lang: str | None = None,
        blink: bool = True,
        highlight: bool = True,
        playback: tuple[Path, PlaybackOptions] | None = None,
    ) -> None:
        set_language(lang or detect_language())
        if playback is not None:
            # Read by App.__init__ as the first screen shown. Textual types it a ClassVar, yet reads
            # it through the instance: this one app, not the class, opens in Playback.
            self.DEFAULT_MODE = "playback"  # type: ignore[misc]
        super().__init__()
        localize_bindings(self)
        self.blink = blink
        """Blinking cursors (tests turn them off for stable snapshots)."""
        self.highlight = highlight
        """YAML syntax highlighting in the editor, when tree-sitter-yaml is installed."""
        path = Path(path)
        self.workspace = path
        self.files: list[Path] = find_scenarios(path)
        self.current: Path | None = path if path.is_file() else (self.files[0] if self.files else None)
        self.marked: list[Path] = []
        self.diagnostics: dict[Path, list[Diagnostic]] = {}
        self.scenarios: dict[Path, Scenario | None] = {}
        self.buffers: dict[Path, str] = {}
        self.results: dict[Path, RunResult] = {}
        self.playback = playback
        """The file and options ``simgroup replay`` asked to play (Playback uses them for that file)."""
        self._quit_asked = 0.0

    # ------------------------------------------------------------------ shared state

    def display_name(self, path: Path) -> str:
        base = self.workspace if self.workspace.is_dir() else self.workspace.parent
        return str(path.relative_to(base)) if path.is_relative_to(base) else path.name

    def scenario_for(self, path: Path) -> Scenario | None:
        """The validated scenario of ``path`` (cached; loaded now if not checked yet)."""
        if path not in self.diagnostics:
            scenario, diagnostics = check_file(path)
            self.scenarios[path], self.diagnostics[path] = scenario, diagnostics
        return self.scenarios.get(path)

    def rescan(self) -> None:
        """Look for scenario files again (new, renamed or deleted files); forget all checks."""
        self.files = find_scenarios(self.workspace)
        self.diagnostics.clear()
        self.scenarios.clear()
        self.marked = [p for p in self.marked if p in self.files]
        if self.current not in self.files and not (self.current is not None and self.current.is_file()):
            self.current = self.files[0] if self.files else None

    def forget(self, path: Path) -> None:
        """The file changed on disk: drop what is cached about it."""
        self.diagnostics.pop(path, None)
        self.scenarios.pop(path, None)

    def toggle_mark(self, path: Path) -> None:
        if path in self.marked:
            self.marked.remove(path)
        else:
            self.marked.append(path)

    # ------------------------------------------------------------------ cross-mode actions

    async def open_path(self, path: Path, mode: str, *, start: bool = False) -> None:
        self.current = path
        if start:
            await self.run_current()
        elif self.current_mode == mode:
            self.screen.sync()  # type: ignore[attr-defined]
        else:
            await self.switch_mode(mode)

    async def run_current(self) -> None:
        """Switch to Run and start the current scenario with the options shown there."""
        from simgroup.tui.screens.run import RunScreen

        await self.switch_mode("run")
        screen = self.screen
        if isinstance(screen, RunScreen):
            screen.sync()
            screen.action_start()

    async def compare_marked(self) -> None:
        from textual.widgets import SelectionList

        from simgroup.tui.screens.compare import CompareScreen

        await self.switch_mode("compare")
        screen = self.screen
        if isinstance(screen, CompareScreen):
            variants = screen.query_one("#variants", SelectionList)
            variants.deselect_all()
            for path in self.marked:
                variants.select(path)
            screen.action_start()

    def action_help(self) -> None:
        from simgroup.tui.screens.help import HelpScreen

        if isinstance(self.screen, HelpScreen):
            return
        mode = getattr(self.screen, "HELP", None)
        if mode is not None:
            self.push_screen(HelpScreen(mode, self.screen))

    async def action_quit(self) -> None:
        if self.buffers and time.monotonic() - self._quit_asked > QUIT_CONFIRM_SECONDS:
            self._quit_asked = time.monotonic()
            names = ", ".join(self.display_name(p) for p in self.buffers)
            self.notify(t("Unsaved changes in {names}: press Ctrl+Q again to quit without saving.", names=names), severity="warning")
            return
        self.exit()
