"""``simgroup report INPUT -o FILE``: a run, comparison or sensitivity analysis as a page to read
(docs/report.md).

INPUT is a scenario file (run here with its defaults, or ``--reps/--seed/--days``) or the
``--json`` output of ``simgroup run``, ``compare`` or ``sensitivity``. ``--format html`` (the
default, or ``md`` when FILE ends in ``.md``) writes one self-contained page that opens offline;
``--format md`` a Markdown file and its SVG charts in ``<name>_files/``. ``--lang zh`` writes it in
Chinese. Writes are atomic.

Exit codes: 0 written; 2 bad input or usage (a missing or unreadable INPUT, a JSON document that is
not a simgroup result or has the wrong shape, located as ``file: $.path: message``; scenario
diagnostics; an output that cannot be written); 1 a worker died or an internal error; 130
interrupted (nothing half-written).
"""

from __future__ import annotations

from pathlib import Path

import click

from simgroup.cli._experiment import (
    EXIT_USAGE,
    ProgressBar,
    executor_for,
    executor_options,
    run_cli,
)
from simgroup.experiment.replications import MAX_SEED
from simgroup.i18n import LANGUAGES, get_language
from simgroup.results.text_words import say
from simgroup.scenario.vocabulary import MAX_DAYS, MAX_REPLICATIONS

__all__ = ["command"]

_SCENARIO_SUFFIXES = (".yaml", ".yml")


@click.command("report")
@click.argument("input_path", metavar="INPUT", type=click.Path(path_type=Path))
@click.option("-o", "--output", type=click.Path(path_type=Path), required=True,
              help="The file to write (report.html, or report.md with --format md).")
@click.option("--format", "fmt", type=click.Choice(["html", "md"]), default=None,
              help="html: one self-contained page (default); md: Markdown plus SVG charts in <name>_files/ "
              "(the default when the output ends in .md).")
@click.option("--lang", type=click.Choice(list(LANGUAGES)), default=None,
              help="Language of the report (default: simgroup --lang, SIMGROUP_LANG, then the locale).")
@click.option("--reps", type=click.IntRange(1, MAX_REPLICATIONS), default=None,
              help="Replications when INPUT is a scenario (default: the scenario's).")
@click.option("--seed", type=click.IntRange(0, MAX_SEED), default=None,
              help="Seed when INPUT is a scenario (default: the scenario's).")
@click.option("--days", type=click.IntRange(1, MAX_DAYS), default=None,
              help=f"Simulated days when INPUT is a scenario (default: the scenario's; at most {MAX_DAYS}).")
@executor_options
@click.pass_context
def command(
    ctx: click.Context,
    input_path: Path,
    output: Path,
    fmt: str | None,
    lang: str | None,
    reps: int | None,
    seed: int | None,
    days: int | None,
    workers: int | None,
    dask: str | None,
) -> None:
    """Write a report of INPUT (a scenario file, or the --json output of simgroup run, compare or
    sensitivity) to OUTPUT: the question, the verdict, charts over days with 95% bands and KPI
    tables with 95% intervals."""
    chosen = fmt or ("md" if output.suffix.lower() == ".md" else "html")

    def body(progress: ProgressBar | None) -> int:
        return _report(input_path, output, chosen, lang or get_language(), reps, seed, days, workers, dask, progress)

    ctx.exit(run_cli("report", body, as_json=False))


def _fail(message: str) -> int:
    click.echo(f"simgroup report: {message}", err=True)
    return EXIT_USAGE


def _is_scenario(path: Path) -> bool:
    """A scenario by its suffix; without a known suffix, whatever does not start like JSON."""
    suffix = path.suffix.lower()
    if suffix in _SCENARIO_SUFFIXES or suffix == ".json":
        return suffix != ".json"
    with path.open("rb") as f:
        return not f.read(64).lstrip().startswith(b"{")


def _report(
    input_path: Path,
    output: Path,
    fmt: str,
    lang: str,
    reps: int | None,
    seed: int | None,
    days: int | None,
    workers: int | None,
    dask: str | None,
    progress: ProgressBar | None,
) -> int:
    from simgroup._atomic import check_writable
    from simgroup.experiment.inputs import load_input
    from simgroup.report import ReportInput, ReportInputError, ReportOutputError, read_json, run_scenario, write_report

    if not input_path.is_file():
        return _fail(f"{input_path}: {'is a directory' if input_path.is_dir() else 'no such file'}")
    if output.is_dir():
        return _fail(f"{output}: is a directory; give the report's file name")
    try:  # before a long simulation, not after it
        check_writable(output)
    except OSError as exc:
        return _fail(f"cannot write {output}: {exc.strerror or exc}")
    try:
        scenario = _is_scenario(input_path)
    except OSError as exc:
        return _fail(f"cannot read {input_path}: {exc.strerror or exc}")
    source: ReportInput
    try:
        if scenario:
            loaded = load_input(input_path)  # once: it sizes the pool and is what runs
            with executor_for(workers, dask, reps or loaded.scenario.replications) as executor:
                source = run_scenario(loaded, replications=reps, seed=seed, days=days,
                                      executor=executor, progress=progress)
            if progress is not None:
                progress.clear()
        else:
            given = [name for name, v in (("--reps", reps), ("--seed", seed), ("--days", days)) if v is not None]
            if given:
                return _fail(f"{', '.join(given)} apply to a scenario file; {input_path} is a result already run")
            source = read_json(input_path)
        written = write_report(source, output, fmt="md" if fmt == "md" else "html", lang=lang)
    except (ReportInputError, ReportOutputError) as exc:
        return _fail(str(exc))
    except OSError as exc:
        return _fail(f"cannot write {output}: {exc.strerror or exc}")
    pictures = say(" and {n} pictures", n=len(written) - 1) if len(written) > 1 else ""
    click.echo(say("wrote {path}{pictures}", path=written[0], pictures=pictures), err=True)
    return 0
