"""The command palette's simgroup commands (Ctrl+P).

Every action is reachable: the five modes, opening / editing / running each scenario, comparing
the marked ones, and every binding of the screen the palette was opened from (so a key's action
is always also a command, under the same words as its footer label).
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from functools import partial
from typing import TYPE_CHECKING, Any

from textual.command import DiscoveryHit, Hit, Hits, Provider

from simgroup.tui.i18n import t

if TYPE_CHECKING:
    from simgroup.tui.app import SimgroupApp

Command = tuple[str, Callable[[], Any], str]

MODE_LABELS = {"browse": "Browse", "edit": "Edit", "run": "Run", "compare": "Compare", "playback": "Playback"}


def commands(app: SimgroupApp, screen: Any) -> Iterator[Command]:
    """``(title, callback, help)`` for every command available from ``screen``."""
    for mode, label in MODE_LABELS.items():
        yield t("Switch to {mode} mode", mode=t(label)), partial(app.switch_mode, mode), ""
    screen_mode: str | None = getattr(screen, "HELP", None)
    if screen_mode is not None:
        seen: set[str] = set()
        for _key, binding in screen._bindings:
            if not binding.description or binding.action in seen:
                continue
            seen.add(binding.action)
            title = t("{mode}: {action}", mode=t(MODE_LABELS[screen_mode]), action=binding.description)
            yield title, partial(app.run_action, binding.action, screen), binding.tooltip
    yield t("Compare the marked scenarios"), app.compare_marked, ""
    yield t("Help"), app.action_help, ""
    for path in app.files:
        name = app.display_name(path)
        yield t("Open {name}", name=name), partial(app.open_path, path, "browse"), t("Open the scenario in Browse")
        yield t("Edit {name}", name=name), partial(app.open_path, path, "edit"), ""
        yield t("Run {name}", name=name), partial(app.open_path, path, "run", start=True), ""


class SimgroupCommands(Provider):
    def _commands(self) -> list[Command]:
        return list(commands(self.app, self.screen))  # type: ignore[arg-type]

    async def discover(self) -> Hits:
        for title, callback, help_text in self._commands():
            yield DiscoveryHit(title, callback, help=help_text or None)

    async def search(self, query: str) -> Hits:
        matcher = self.matcher(query)
        for title, callback, help_text in self._commands():
            score = matcher.match(title)
            if score > 0:
                yield Hit(score, matcher.highlight(title), callback, help=help_text or None)
