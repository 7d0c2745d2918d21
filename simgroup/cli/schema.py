"""``simgroup schema``: print the scenario JSON Schema (draft-07) for editors.

Contract: prints the schema to stdout, or with ``--out FILE`` writes it atomically (a temporary
file in the same directory, then ``os.replace``), so an editor never reads half a schema. The
committed copy is refreshed with ``simgroup schema > simgroup/schema/scenario.schema.json``.
"""

from __future__ import annotations

import os
import tempfile

import click

from simgroup.scenario.schema import schema_text


def write_atomically(path: str, text: str) -> None:
    """Write ``text`` to ``path`` via a temporary file in the same directory and ``os.replace``."""
    directory = os.path.dirname(os.path.abspath(path))
    fd, tmp = tempfile.mkstemp(prefix=".schema-", suffix=".tmp", dir=directory)
    try:
        with os.fdopen(fd, "w", encoding="utf-8", newline="\n") as fh:
            fh.write(text)
            fh.flush()
            os.fsync(fh.fileno())
        os.replace(tmp, path)
    except BaseException:
        try:
            os.unlink(tmp)
        except OSError:
            pass
        raise


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
        write_atomically(out, text)
    except OSError as exc:
        click.echo(f"{out}: cannot write the schema: {exc.strerror or exc}", err=True)
        raise SystemExit(2) from None
    click.echo(f"{out}: schema written", err=True)
