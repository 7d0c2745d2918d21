"""Edit mode: the scenario's YAML with live diagnostics.

Typing restarts a short timer (:data:`DEBOUNCE` s); when it fires, the text is validated in a
thread worker, which posts :class:`~simgroup.tui.messages.TextValidated`. Problems are listed
under the editor and marked in its gutter; the message of the problem on the cursor's line is
shown above the list. Unsaved text survives switching modes and files (kept by the app until it
is saved or reloaded); saving writes the file atomically.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from textual import on, work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal
from textual.screen import Screen
from textual.timer import Timer
from textual.widgets import Footer, Label, OptionList, Static, TextArea

from simgroup.tui.i18n import t
from simgroup.tui.keys import localize_bindings
from simgroup.tui.messages import TextValidated
from simgroup.tui.widgets.diagnostics_list import DiagnosticsList
from simgroup.tui.widgets.mode_bar import ModeBar
from simgroup.tui.widgets.yaml_editor import YamlEditor

if TYPE_CHECKING:
    from simgroup.scenario.diagnostics import Diagnostic
    from simgroup.tui.app import SimgroupApp

DEBOUNCE = 0.3


class EditScreen(Screen[None]):
    HELP = "edit"
    BINDINGS = [
        Binding("ctrl+s", "save", "Save", tooltip="Write the file (atomically)"),
        Binding("f8", "next_problem", "Next problem", key_display="F8", tooltip="Move the cursor to the next problem"),
        Binding("ctrl+r", "save_and_run", "Save & run", tooltip="Save, then run the scenario"),
        Binding("ctrl+o", "reload", "Reload", tooltip="Discard unsaved changes: read the file again"),
    ]

    def __init__(self) -> None:
        super().__init__()
        localize_bindings(self)
        self.path: Path | None = None
        self.saved_text = ""
        self.diagnostics: list[Diagnostic] = []
        self.generation = 0
        self._validated_generation = -1
        self._timer: Timer | None = None

    @property
    def sg(self) -> SimgroupApp:
        return self.app  # type: ignore[return-value]

    @property
    def editor(self) -> YamlEditor:
        return self.query_one(YamlEditor)

    def compose(self) -> ComposeResult:
        yield ModeBar(self.HELP)
        with Horizontal(id="edit-status"):
            yield Label("", id="edit-path")
            yield Label("", id="edit-state")
        editor = YamlEditor(id="editor", highlight=self.sg.highlight)
        editor.cursor_blink = self.sg.blink
        yield editor
        yield Static("", id="problem-here")
        yield DiagnosticsList(id="problems")
        yield Footer(compact=True)

    def on_screen_resume(self) -> None:
        self.sync()

    def sync(self) -> None:
        """Pick up the app's current scenario (and other shared state)."""
        self.sg.sub_title = t("Edit")
        if self.sg.current != self.path:
            self.load(self.sg.current)
        self.editor.focus()

    # ------------------------------------------------------------------ loading and saving

    def load(self, path: Path | None, *, from_disk: bool = False) -> None:
        from simgroup.scenario import ScenarioError
        from simgroup.scenario.located_yaml import read_scenario_file

        self.path = path
        if path is None:
            self.saved_text = ""
            self.editor.load_text("")
            self.query_one("#edit-path", Label).update(t("No scenario open: pick one in Browse (F2)."))
            self._show_problems([])
            return
        try:
            self.saved_text = read_scenario_file(path)
        except ScenarioError as exc:
            self.saved_text = ""
            self.notify(t("Cannot read {path}: {error}", path=str(path), error=exc.diagnostics[0].message_in()), severity="error")
        if from_disk:
            self.sg.buffers.pop(path, None)
        self.editor.load_text(self.sg.buffers.get(path, self.saved_text))
        self.query_one("#edit-path", Label).update(str(path))
        self._update_state()
        self.validate_now()

    def action_save(self) -> bool:
        from simgroup._atomic import atomic_write_text

        if self.path is None:
            return False
        text = self.editor.text
        try:
            atomic_write_text(self.path, text)
        except OSError as exc:
            self.notify(t("Cannot save {path}: {error}", path=str(self.path), error=exc.strerror or str(exc)), severity="error")
            return False
        self.saved_text = text
        self.sg.buffers.pop(self.path, None)
        self.sg.forget(self.path)
        self._update_state()
        self.notify(t("Saved {path}", path=str(self.path)), timeout=2)
        return True

    async def action_save_and_run(self) -> None:
        if self.path is None:
            return
        from simgroup.scenario.loader import validate_text

        # Checked here and now (a few milliseconds), not through the debounced worker: the run
        # must not start from text whose check has not come back yet.
        self._show_problems(validate_text(self.editor.text, str(self.path)))
        self._validated_generation = self.generation
        if any(d.severity == "error" for d in self.diagnostics):
            self.notify(t("Fix the problems before running."), severity="error")
            self.action_next_problem()
            return
        if self.editor.text != self.saved_text and not self.action_save():
            return
        await self.sg.run_current()

    def action_reload(self) -> None:
        self.load(self.path, from_disk=True)

    # ------------------------------------------------------------------ live diagnostics

    @on(TextArea.Changed)
    def _changed(self, event: TextArea.Changed) -> None:
        if self.path is None:
            return
        text = self.editor.text
        if text == self.saved_text:
            self.sg.buffers.pop(self.path, None)
        else:
            self.sg.buffers[self.path] = text
        self._update_state()
        self.generation += 1
        if self._timer is not None:
            self._timer.stop()
        self._timer = self.set_timer(DEBOUNCE, self.validate_now)

    def validate_now(self) -> None:
        if self.path is None:
            return
        self._validate(self.generation, self.editor.text, str(self.path))

    @work(thread=True, exclusive=True, group="edit-validate", exit_on_error=False)
    def _validate(self, generation: int, text: str, name: str) -> None:
        from simgroup.scenario.diagnostics import Diagnostic
        from simgroup.scenario.loader import validate_text

        try:
            diagnostics = validate_text(text, name)
        except Exception as exc:  # a bug in simgroup: show it, keep editing
            diagnostics = [Diagnostic(name, 0, 0, (), f"internal error while validating ({type(exc).__name__}: {exc})")]
        self.post_message(TextValidated(generation, diagnostics))

    def on_text_validated(self, message: TextValidated) -> None:
        if message.generation < self._validated_generation:
            return
        self._validated_generation = message.generation
        self._show_problems(message.diagnostics)

    def _show_problems(self, diagnostics: list[Diagnostic]) -> None:
        self.diagnostics = diagnostics
        rows: dict[int, str] = {}
        for d in diagnostics:
            if d.line > 0:
                rows.setdefault(d.line - 1, d.message_in())
        self.editor.set_problems(rows)
        self.query_one(DiagnosticsList).show(diagnostics)
        self._update_state()
        self._show_problem_here()

    def _update_state(self) -> None:
        state = t("modified") if self.path is not None and self.editor.text != self.saved_text else t("saved")
        problems = len(self.diagnostics)
        text = f"{state} · {t('{n} problem(s)', n=problems) if problems else t('No problems')}"
        label = self.query_one("#edit-state", Label)
        label.update(text)
        label.set_class(problems > 0, "-problems")

    @on(TextArea.SelectionChanged)
    def _show_problem_here(self) -> None:
        row = self.editor.cursor_location[0]
        message = self.editor.problem_rows.get(row, "")
        here = self.query_one("#problem-here", Static)
        here.update(f"{t('line {line}', line=row + 1)}: {message}" if message else "")
        here.set_class(bool(message), "-shown")

    # ------------------------------------------------------------------ navigation

    def _jump(self, d: Diagnostic) -> None:
        if d.line > 0:
            self.editor.move_cursor((d.line - 1, max(0, d.col - 1)), center=True)
        self.editor.focus()

    def action_next_problem(self) -> None:
        located = [d for d in self.diagnostics if d.line > 0]
        if not located:
            return
        row = self.editor.cursor_location[0]
        after = [d for d in located if d.line - 1 > row]
        self._jump(after[0] if after else located[0])

    @on(OptionList.OptionSelected, "#problems")
    def _problem_selected(self, event: OptionList.OptionSelected) -> None:
        problems = self.query_one(DiagnosticsList).diagnostics
        if 0 <= event.option_index < len(problems):
            self._jump(problems[event.option_index])
