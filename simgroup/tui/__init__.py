"""The Textual TUI (docs/tui.md): Browse, Edit, Run and Compare over a folder of scenarios.

Only this package imports Textual; ``simgroup.tui`` itself stays light so the CLI can import it
to find the default folder without paying for Textual. Open it with :func:`run_tui`.
"""

from __future__ import annotations

from pathlib import Path

#: The example scenarios shipped inside the package (identical to the repository's scenarios/).
EXAMPLES = Path(__file__).resolve().parent.parent / "examples"


def default_path(cwd: Path | None = None) -> Path:
    """``./scenarios`` when it exists, else the bundled examples."""
    here = (cwd or Path.cwd()) / "scenarios"
    return here if here.is_dir() else EXAMPLES


def run_tui(path: str | Path | None = None, *, lang: str | None = None) -> None:
    """Open the TUI on ``path`` (a folder or one scenario file; default :func:`default_path`)."""
    from simgroup.tui.app import SimgroupApp

    SimgroupApp(default_path() if path is None else Path(path), lang=lang).run()
