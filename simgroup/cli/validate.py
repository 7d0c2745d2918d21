"""``simgroup validate FILES...``: check scenario files without running them.

Contract: each file prints ``path: ok`` on stdout, or its diagnostics on stderr, one per line
(``path:line:col: key.path: message``). A directory argument validates every ``*.yaml`` /
``*.yml`` file under it (hidden directories skipped). Exit code 0 when every file is valid, 2
otherwise, including a missing path or a directory without scenario files. Never a traceback.
"""

from __future__ import annotations

import os

import click

from simgroup.cli._language import language_option
from simgroup.results.text_words import say
from simgroup.scenario.diagnostics import Diagnostic
from simgroup.scenario.loader import scenario_files, validate_file

EXIT_OK = 0
EXIT_BAD_INPUT = 2


def expand_paths(args: tuple[str, ...]) -> tuple[list[str], list[str]]:
    """The scenario files named by ``args`` (directories expanded, sorted) and the problems with
    the arguments themselves (missing paths, directories without scenario files)."""
    files: list[str] = []
    problems: list[str] = []
    for arg in args:
        if os.path.isdir(arg):
            found = scenario_files(arg)
            if not found:
                problems.append(f"{arg}: no *.yaml or *.yml files in this directory")
            files.extend(str(p) for p in found)
        elif os.path.exists(arg):
            files.append(arg)
        else:
            problems.append(f"{arg}: no such file or directory")
    return files, problems


@click.command("validate")
@language_option
@click.argument("files", nargs=-1, required=True, metavar="FILES...")
def command(files: tuple[str, ...]) -> None:
    """Check scenario files (or every *.yaml under a directory) and report every problem.

    Exit code: 0 all valid, 2 a file has problems or cannot be read.
    """
    paths, problems = expand_paths(files)
    failed = bool(problems)
    for message in problems:
        click.echo(message, err=True)
    for path in paths:
        try:
            diagnostics = validate_file(path)
        except Exception as exc:  # a bug in simgroup, not in the file: still no traceback
            diagnostics = [
                Diagnostic(path, 0, 0, (), f"internal error while validating ({type(exc).__name__}: {exc}); please report it")
            ]
        if diagnostics:
            failed = True
            for d in diagnostics:
                click.echo(d.format(), err=True)
        else:
            click.echo(f"{path}: " + say("ok"))
    raise SystemExit(EXIT_BAD_INPUT if failed else EXIT_OK)
