"""``simgroup replay SCENARIO [--group ID] [--rep N] [--seed S] [--speed X] [--lang zh|en]``: open
the TUI in Playback mode on one group of a scenario (docs/tui.md, docs/playback.md).

``--group`` is a group spec id (its first chat) or a chat id such as ``traffic-2`` (default: the
first spec's first chat); ``--rep`` the replication (0-based), ``--seed`` the seed (default: the
scenario's), ``--speed`` simulated minutes per real second (default 60: a day in 24 s).
Exit code 2, before any screen is drawn, for a scenario with problems (its diagnostics on
stderr, ``file:line:col: key.path: message``), an unknown group or an option out of range.
"""

from __future__ import annotations

from pathlib import Path

import click

from simgroup.cli._experiment import EXIT_USAGE, print_scenario_error
from simgroup.experiment.replications import MAX_SEED
from simgroup.tui.i18n import LANGUAGES


@click.command("replay")
@click.argument("scenario", type=click.Path(exists=True, dir_okay=False, path_type=Path))
@click.option("--group", "group", default=None, metavar="ID",
              help="Group spec id (its first chat) or chat id like traffic-2 (default: the first group).")
@click.option("--rep", type=click.IntRange(0, None), default=0, show_default=True, help="Replication to play (0-based).")
@click.option("--seed", type=click.IntRange(0, MAX_SEED), default=None, help="Seed (default: the scenario's).")
@click.option("--speed", type=click.FloatRange(0, 6000, min_open=True), default=60.0, show_default=True,
              help="Simulated minutes per real second (1/60 = real time; + and - change it while playing).")
@click.option("--lang", type=click.Choice(LANGUAGES), default=None, help="Language of the interface and chat (default: from the locale).")
def command(scenario: Path, group: str | None, rep: int, seed: int | None, speed: float, lang: str | None) -> None:
    """Play one group of SCENARIO back as a live chat, with what-if keys (trainer mode)."""
    from simgroup.engine.session import resolve_chat
    from simgroup.playback.driver import PlaybackOptions
    from simgroup.scenario import ScenarioError, load_scenario

    try:
        loaded = load_scenario(scenario)
    except ScenarioError as exc:
        print_scenario_error("replay", exc)
        raise SystemExit(EXIT_USAGE) from None
    try:
        resolve_chat(loaded, group)
    except ValueError as exc:
        raise click.BadParameter(str(exc), param_hint="--group") from None
    if rep >= loaded.replications and rep > 0:
        click.echo(f"note: replication {rep} is beyond the scenario's {loaded.replications}; it is simulated anyway", err=True)
    from simgroup.tui.app import SimgroupApp

    options = PlaybackOptions(chat=group, replication=rep, seed=seed, speed=speed)
    SimgroupApp(scenario, lang=lang, playback=(scenario, options)).run()
