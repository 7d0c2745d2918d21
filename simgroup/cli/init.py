"""``simgroup init [--type T] [--lang L] FILE``: write a commented starter scenario and its schema.

Output: ``FILE`` (a starter of :mod:`simgroup.scenario.starter`: validates and runs as written)
and ``scenario.schema.json`` in the same directory (what the file's modeline names, so an editor
with yaml-language-server completes and checks it; rewritten if present, since it is generated),
each written atomically; missing directories are created. One line on stdout says what was
written and what to run next.

Exit codes: 0 written; 1 a file could not be written (``cannot write PATH: reason``); 2 usage,
or ``FILE`` exists (it is never replaced without ``--force``) or is the schema's own path.
"""

from __future__ import annotations

from pathlib import Path

import click

from simgroup.cli._experiment import EXIT_FAILED, EXIT_USAGE
from simgroup.scenario.starter import KINDS, LANGS, SCHEMA_FILE

__all__ = ["command"]


@click.command("init")
@click.argument("file", type=click.Path(dir_okay=False, path_type=Path))
@click.option("--type", "kind", type=click.Choice(KINDS), default="traffic", show_default=True,
              help="Group type of the starter scenario.")
@click.option("--lang", type=click.Choice(LANGS), default=None,
              help="Language of the comments, name and description (default: simgroup --lang, SIMGROUP_LANG, "
              "then the locale).")
@click.option("--force", is_flag=True, help="Overwrite FILE if it exists.")
@click.pass_context
def command(ctx: click.Context, file: Path, kind: str, lang: str | None, force: bool) -> None:
    """Write a commented starter scenario to FILE, and the JSON schema next to it for editors."""
    from simgroup.i18n import get_language

    ctx.exit(_init(file, kind, lang or get_language(), force))


def _init(file: Path, kind: str, lang: str, force: bool) -> int:
    from simgroup._atomic import atomic_write_text
    from simgroup.scenario.schema import schema_text
    from simgroup.scenario.starter import starter_text

    schema = file.parent / SCHEMA_FILE
    if file.name == SCHEMA_FILE:
        click.echo(f"simgroup init: {file}: this name is the schema's, written next to the scenario; "
                   "choose another name such as scenario.yaml", err=True)
        return EXIT_USAGE
    if (file.exists() or file.is_symlink()) and not force:
        click.echo(f"simgroup init: {file} already exists; choose another name, or pass --force to overwrite it",
                   err=True)
        return EXIT_USAGE
    for path, text in ((file, starter_text(kind, lang)), (schema, schema_text())):
        try:
            path.parent.mkdir(parents=True, exist_ok=True)
            atomic_write_text(path, text)
        except OSError as exc:
            click.echo(f"simgroup init: cannot write {path}: {exc.strerror or exc}", err=True)
            return EXIT_FAILED
    click.echo(f"{file}: {kind} starter written ({lang}), schema in {schema}; "
               f"next: simgroup validate {file}, then simgroup run {file}")
    return 0
