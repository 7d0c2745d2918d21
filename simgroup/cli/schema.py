"""``simgroup schema``: print the scenario JSON Schema (draft-07) for editors.

Contract: prints the schema to stdout, or with ``--out FILE`` writes it atomically (a temporary
file in the same directory, then ``os.replace``), so an editor never reads half a schema; a file
that cannot be written is ``simgroup schema: cannot write FILE: reason`` and exit 1. The
committed copy is refreshed with ``simgroup schema > simgroup/schema/scenario.schema.json``.
"""

from __future__ import annotations

import click

from simgroup._atomic import atomic_write_text
from simgroup.scenario.schema import schema_text


@click.command("schema")
@click.option(
    "--out",
    "out",
    type=click.Path(dir_okay=False, writable=True),
    default=None,
    help="Write the schema to this file (atomically) instead of printing it.",
)
def command(out: str | None) -> None:
    """Print the JSON Schema (draft-07) of scenario files, for yaml-language-server."""
    text = schema_text()
    if out is None:
        click.echo(text, nl=False)
        return
    try:
        atomic_write_text(out, text)
    except OSError as exc:
        click.echo(f"simgroup schema: cannot write {out}: {exc.strerror or exc}", err=True)
        raise SystemExit(1) from None
    click.echo(f"{out}: schema written", err=True)
