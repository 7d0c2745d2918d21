"""Exports of a run: WeCom-shaped daily CSV, the event log as JSON Lines, an output directory.

Daily CSVs
----------
:mod:`simgroup.results.daily_tables`: the WeCom-shaped daily table one row per replication and
day (:func:`~simgroup.results.daily_tables.daily_csv`) and its means with 95 % interval columns
(:func:`~simgroup.results.daily_tables.daily_mean_csv`).

Events (:func:`events_jsonl`)
-----------------------------
One JSON object per line, as the engine produced it (WeCom-callback shaped dicts). Keys ``time``,
``day`` and ``event`` come first when present, the others follow sorted by name, so the text is
stable whatever order the dict was built in. Non-ASCII is kept; NaN becomes ``null``.

Output directory (:func:`write_outputs`)
----------------------------------------
``result.json`` (the results document, docs/results.md); ``daily.csv`` (scope ``all``) and
``daily_<spec>.csv`` per group spec, one row per replication and day; their means with intervals
``mean_daily.csv`` and ``mean_daily_<spec>.csv``; and ``events.jsonl`` (when events are given);
written as one directory with
:func:`simgroup._atomic.atomic_directory`: all of them or none.
"""

from __future__ import annotations

import os
from collections.abc import Iterable, Mapping
from pathlib import Path
from typing import Any

from simgroup._atomic import atomic_directory
from simgroup.errors import SimgroupError
from simgroup.records import ALL
from simgroup.results import json_format
from simgroup.results.daily_tables import daily_csv, daily_mean_csv
from simgroup.results.report import RunResult

__all__ = ["OutputDirError", "check_output_dir", "daily_csv", "daily_mean_csv", "events_jsonl", "write_outputs"]

_EVENT_KEYS_FIRST = ("time", "day", "event")

RESULT_FILE = "result.json"
DAILY_FILE = "daily.csv"
MEAN_DAILY_FILE = "mean_daily.csv"
EVENTS_FILE = "events.jsonl"


class OutputDirError(SimgroupError, FileExistsError):
    """The output directory holds files simgroup did not write; it is not replaced."""


def _ordered(event: Mapping[str, Any]) -> dict[str, Any]:
    first = {k: event[k] for k in _EVENT_KEYS_FIRST if k in event}
    rest = {k: event[k] for k in sorted(event, key=str) if k not in first}
    return {**first, **rest}


def events_jsonl(events: Iterable[Mapping[str, Any]]) -> str:
    """Serialise the event log, one compact JSON object per line (``""`` for no events)."""
    return "".join(json_format.dumps(_ordered(e)) + "\n" for e in events)


def _is_ours(name: str) -> bool:
    daily = name.startswith(("daily_", "mean_daily_")) and name.endswith(".csv")
    return name in (RESULT_FILE, DAILY_FILE, MEAN_DAILY_FILE, EVENTS_FILE) or daily


def check_output_dir(out_dir: str | os.PathLike[str]) -> None:
    """Raise :class:`OutputDirError` if :func:`write_outputs` would refuse ``out_dir``.

    Refuse to swap away a directory that holds anything but an earlier simgroup output
    (``--out .`` must not delete the user's files)."""
    out_dir = Path(out_dir)
    if out_dir.is_symlink():
        out_dir = out_dir.resolve()
    if not out_dir.exists():
        return
    if not out_dir.is_dir():
        raise OutputDirError(f"{out_dir} exists and is not a directory")
    foreign = sorted(p.name for p in out_dir.iterdir() if not (p.is_file() and _is_ours(p.name)))
    if foreign:
        shown = ", ".join(foreign[:5]) + (", ..." if len(foreign) > 5 else "")
        raise OutputDirError(
            f"refusing to replace {out_dir}: it holds files simgroup did not write ({shown}); "
            "choose an empty or new directory"
        )


def write_outputs(
    out_dir: str | os.PathLike[str],
    run: RunResult,
    events: Iterable[Mapping[str, Any]] | None,
) -> Path:
    """Write ``run`` (and ``events`` unless ``None``) to ``out_dir`` atomically; returns the path.

    An existing ``out_dir`` is replaced only if it is empty or holds nothing but files of an
    earlier output (``result.json``, ``daily*.csv``, ``mean_daily*.csv``, ``events.jsonl``); otherwise
    :class:`OutputDirError` is raised before anything is written.
    """
    target = Path(out_dir)
    check_output_dir(target)
    files: dict[str, str] = {
        RESULT_FILE: run.to_json_text(),
        DAILY_FILE: daily_csv(run, ALL),
        MEAN_DAILY_FILE: daily_mean_csv(run, ALL),
    }
    for spec_id in run.groups:
        if spec_id in run.daily and spec_id != ALL:
            files[f"daily_{spec_id}.csv"] = daily_csv(run, spec_id)
            files[f"mean_daily_{spec_id}.csv"] = daily_mean_csv(run, spec_id)
    if events is not None:
        files[EVENTS_FILE] = events_jsonl(events)
    with atomic_directory(target) as tmp:
        for name, text in files.items():
            (tmp / name).write_bytes(text.encode("utf-8"))
    return target
