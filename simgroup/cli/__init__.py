"""The command line: a thin layer over the public API.

``simgroup`` with no arguments opens the TUI (when it exists and there is a terminal); each
subcommand lives in its own module and is registered here.
"""

from __future__ import annotations

import sys

import click

from simgroup._version import __version__


@click.group(invoke_without_command=True, context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, prog_name="simgroup")
@click.pass_context
def main(ctx: click.Context) -> None:
    """Test a WeChat / WeCom group-chat SOP on simulated members."""
    if ctx.invoked_subcommand is None:
        click.echo(ctx.get_help())
        ctx.exit(0)


def _register() -> None:
    from importlib import import_module

    for name in ("validate", "schema", "run"):
        try:
            module = import_module(f"simgroup.cli.{name}")
        except ModuleNotFoundError as exc:  # a command still being written
            if exc.name != f"simgroup.cli.{name}":
                raise
            continue
        main.add_command(module.command)


_register()

if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())
