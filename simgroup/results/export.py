"""Exports of a run: WeCom-shaped daily CSV, the event log as JSON Lines, an output directory.

Daily CSV (:func:`daily_csv`)
-----------------------------
Shaped like WeCom's 群聊数据统计 export (one row per simulated day) with the simulation's extra
columns after it. Every value is the **mean across replications** of that day (the 95 % intervals
are in ``result.json``), written with at most 4 decimals, trailing zeros dropped; an undefined
value (no replication had it) is an empty cell. Columns, in order:

==================  ==========  ==========================================================
column              view        meaning
==================  ==========  ==========================================================
``stat_time``                   ISO date of the day (day 0 = the scenario's ``start``)
``new_chat_cnt``    observable  groups created that day
``chat_total``      observable  groups alive at the end of the day
``chat_has_msg``    observable  groups with a message that day (only when the engine reports it)
``new_member_cnt``  observable  members who joined that day
``member_total``    observable  members at the end of the day
``member_has_msg``  observable  members who spoke that day
``msg_total``       observable  messages that day (members + operators)
``left_cnt``        observable  members who left that day
``muted_godview``   god-view    members muted (incl. folded) at the end of the day
``folded_godview``  god-view    members who folded the group at the end of the day
``orders``          observable  orders that day
``gmv``             observable  order value at list price that day (CNY)
``cost``            observable  all spend that day (CNY)
``profit``          observable  gross profit − spend that day (CNY)
==================  ==========  ==========================================================

God-view columns carry a ``_godview`` suffix: WeCom cannot show them, only the simulation can.
The file is UTF-8, comma-separated, ``\\n`` line ends.

Events (:func:`events_jsonl`)
-----------------------------
One JSON object per line, as the engine produced it (WeCom-callback shaped dicts). Keys ``time``,
``day`` and ``event`` come first when present, the others follow sorted by name, so the text is
stable whatever order the dict was built in. Non-ASCII is kept; NaN becomes ``null``.

Output directory (:func:`write_outputs`)
----------------------------------------
``result.json`` (the results document, docs/results.md), ``daily.csv`` (scope ``all``), ``daily_<spec>.csv`` per
group spec and ``events.jsonl`` (when events are given), written as one directory with
:func:`simgroup._atomic.atomic_directory`: all of them or none.
"""

from __future__ import annotations

import csv
import io
import math
import os
from collections.abc import Iterable, Mapping
from pathlib import Path
from typing import Any

from simgroup._atomic import atomic_directory
from simgroup.errors import SimgroupError
from simgroup.records import ALL
from simgroup.results import json_format
from simgroup.results.report import RunResult

#: (column, daily series) in CSV order; ``chat_has_msg`` is dropped when the run lacks it.
CSV_COLUMNS: tuple[tuple[str, str], ...] = (
    ("new_chat_cnt", "new_chat_cnt"),
    ("chat_total", "chat_total"),
    ("chat_has_msg", "chat_has_msg"),
    ("new_member_cnt", "new_member_cnt"),
    ("member_total", "member_total"),
    ("member_has_msg", "member_has_msg"),
    ("msg_total", "msg_total"),
    ("left_cnt", "left_cnt"),
    ("muted_godview", "muted"),
    ("folded_godview", "folded"),
    ("orders", "orders"),
    ("gmv", "gmv"),
    ("cost", "cost"),
    ("profit", "profit"),
)
_OPTIONAL = frozenset({"chat_has_msg"})
_EVENT_KEYS_FIRST = ("time", "day", "event")

RESULT_FILE = "result.json"
DAILY_FILE = "daily.csv"
EVENTS_FILE = "events.jsonl"


class OutputDirError(SimgroupError, FileExistsError):
    """The output directory holds files simgroup did not write; it is not replaced."""


def _cell(value: float) -> str:
    if not math.isfinite(value):
        return ""
    r = round(value, 4)
    if r == 0:
        return "0"  # also turns -0.0 into 0
    return f"{r:.4f}".rstrip("0").rstrip(".")


def daily_csv(run: RunResult, scope: str = ALL) -> str:
    """The daily table of ``scope`` (``"all"`` or a group spec id) as CSV text."""
    if scope not in run.daily:
        raise KeyError(f"unknown scope {scope!r} (known: {', '.join(run.daily)})")
    series = run.daily[scope]
    columns = [(col, name) for col, name in CSV_COLUMNS if name in series or name not in _OPTIONAL]
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(["stat_time", *(col for col, _ in columns)])
    for day, date in enumerate(run.dates()):
        row = [date.isoformat()]
        for _col, name in columns:
            s = series.get(name)
            row.append("" if s is None else _cell(s.mean[day]))
        writer.writerow(row)
    return out.getvalue()


def _ordered(event: Mapping[str, Any]) -> dict[str, Any]:
    first = {k: event[k] for k in _EVENT_KEYS_FIRST if k in event}
    rest = {k: event[k] for k in sorted(event, key=str) if k not in first}
    return {**first, **rest}


def events_jsonl(events: Iterable[Mapping[str, Any]]) -> str:
    """Serialise the event log, one compact JSON object per line (``""`` for no events)."""
    return "".join(json_format.dumps(_ordered(e)) + "\n" for e in events)


def _is_ours(name: str) -> bool:
    return name in (RESULT_FILE, DAILY_FILE, EVENTS_FILE) or (name.startswith("daily_") and name.endswith(".csv"))


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
    earlier output (``result.json``, ``daily*.csv``, ``events.jsonl``); otherwise
    :class:`OutputDirError` is raised before anything is written.
    """
    target = Path(out_dir)
    check_output_dir(target)
    files: dict[str, str] = {RESULT_FILE: run.to_json_text(), DAILY_FILE: daily_csv(run, ALL)}
    for spec_id in run.groups:
        if spec_id in run.daily and spec_id != ALL:
            files[f"daily_{spec_id}.csv"] = daily_csv(run, spec_id)
    if events is not None:
        files[EVENTS_FILE] = events_jsonl(events)
    with atomic_directory(target) as tmp:
        for name, text in files.items():
            (tmp / name).write_bytes(text.encode("utf-8"))
    return target
