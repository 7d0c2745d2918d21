"""The scenario files of the workspace as a tree, each with its validation state.

Labels: ``✓`` valid, ``✗ (n)`` n problems, ``…`` not checked yet; ``◆`` marks a file picked for
Compare. Node data is the file's path; folders are inner nodes.
"""

from __future__ import annotations

from pathlib import Path

from rich.text import Text
from textual.widgets import Tree
from textual.widgets.tree import TreeNode

from simgroup.tui.i18n import t

VALID, INVALID, PENDING = "✓", "✗", "…"


class ScenarioTree(Tree[Path]):
    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(t("Scenarios"), id=id)
        self.show_root = False
        self.guide_depth = 2
        self._path_nodes: dict[Path, TreeNode[Path]] = {}
        self._status: dict[Path, int | None] = {}
        self._marked: set[Path] = set()

    def set_files(self, root: Path, files: list[Path]) -> None:
        self.clear()
        self._path_nodes.clear()
        folders: dict[Path, TreeNode[Path]] = {}
        base = root if root.is_dir() else root.parent
        for path in files:
            parent = self.root
            rel = path.relative_to(base) if path.is_relative_to(base) else Path(path.name)
            for i in range(1, len(rel.parts)):
                folder = base.joinpath(*rel.parts[:i])
                if folder not in folders:
                    folders[folder] = parent.add(rel.parts[i - 1], data=folder, expand=True)
                parent = folders[folder]
            self._path_nodes[path] = parent.add_leaf(self._label(path), data=path)
        self.root.expand()

    def _label(self, path: Path) -> Text:
        status = self._status.get(path)
        text = Text()
        if status is None:
            text.append(f"{PENDING} ", style="dim")
        elif status == 0:
            text.append(f"{VALID} ", style="bold green")
        else:
            text.append(f"{INVALID} ", style="bold red")
        text.append(path.name)
        if status:
            text.append(f" ({status})", style="red")
        if path in self._marked:
            text.append(" ◆", style="bold magenta")
        return text

    def set_status(self, path: Path, problems: int | None) -> None:
        self._status[path] = problems
        self._relabel(path)

    def set_marked(self, marked: set[Path]) -> None:
        changed = self._marked ^ marked
        self._marked = set(marked)
        for path in changed:
            self._relabel(path)

    def _relabel(self, path: Path) -> None:
        node = self._path_nodes.get(path)
        if node is not None:
            node.set_label(self._label(path))

    def select_path(self, path: Path) -> None:
        node = self._path_nodes.get(path)
        if node is not None:
            self.move_cursor(node)

    @property
    def cursor_path(self) -> Path | None:
        node = self.cursor_node
        if node is None or node.data is None or node.data not in self._path_nodes:
            return None
        return node.data
