"""``simgroup tui [PATH] [--lang zh|en]``: open the TUI on a folder of scenarios (or one file).

PATH defaults to ``./scenarios`` when it exists, else the examples bundled with simgroup. The
language defaults to the locale (``LC_ALL`` / ``LC_MESSAGES`` / ``LANG`` starting with ``zh``).
Exit code 2 for a missing PATH.
"""

from __future__ import annotations

from pathlib import Path

import click

from simgroup.tui.i18n import LANGUAGES


@click.command("tui")
@click.argument("path", required=False, type=click.Path(exists=True, path_type=Path))
@click.option("--lang", type=click.Choice(LANGUAGES), default=None, help="Language of the interface (default: from the locale).")
def command(path: Path | None, lang: str | None) -> None:
    """Open the terminal UI: browse, edit, run and compare scenarios."""
    from simgroup.tui import run_tui

    run_tui(path, lang=lang)
