"""The daily CSV tables of a run: one row per replication and day, and their means with intervals.

Per replication (:func:`daily_csv`)
-----------------------------------
Shaped like WeCom's 群聊数据统计 export, one row per (replication, simulated day), replications in
index order, with the simulation's extra columns after WeCom's. Counts are written as integers
(the engine counts whole people, groups, messages and orders); money with at most 4 decimals,
trailing zeros dropped. An unknown value is an empty cell. Columns, in order:

==================  ==========  ==========================================================
column              view        meaning
==================  ==========  ==========================================================
``replication``                 replication index (0 .. R-1)
``stat_time``                   ISO date of the day (day 0 = the scenario's ``start``)
``new_chat_cnt``    observable  groups created that day
``chat_total``      observable  groups alive at the end of the day
``chat_has_msg``    observable  groups with a member message that day (see below)
``new_member_cnt``  observable  members who joined that day
``member_total``    observable  members at the end of the day
``member_has_msg``  observable  members who spoke that day
``msg_total``       observable  member messages that day (operator posts are in the ``messages`` KPI)
``left_cnt``        observable  members who left that day
``muted_godview``   god-view    members muted (incl. folded) at the end of the day
``folded_godview``  god-view    members who folded the group at the end of the day
``orders``          observable  orders that day
``gmv``             observable  order value at list price that day (CNY)
``cost``            observable  all spend that day (CNY)
``profit``          observable  gross profit − spend that day (CNY)
==================  ==========  ==========================================================

God-view columns carry a ``_godview`` suffix: WeCom cannot show them, only the simulation can.
``chat_has_msg`` is the engine's daily count of groups in which a member wrote.

Means (:func:`daily_mean_csv`)
------------------------------
One row per day: ``stat_time``, then for each column above ``<col>``, ``<col>_low``,
``<col>_high``: the mean over replications (of those with a value) and its 95 % Student-t
interval, cut to the values the column can take (counts and spend at least 0, profit unbounded;
:func:`simgroup.records.daily_bounds`), written with at most 4 decimals. An interval needs two
replications with a value; otherwise its cells are empty. The means and intervals are those of
``result.json``'s ``daily`` section.

Both files are UTF-8, comma-separated, ``\\n`` line ends.
"""

from __future__ import annotations

import csv
import io
import math
from collections.abc import Sequence

from simgroup.records import ALL
from simgroup.results.report import RunResult
from simgroup.results.stats import ColumnSummary

__all__ = ["COUNT_COLUMNS", "CSV_COLUMNS", "daily_csv", "daily_mean_csv", "replication_rows"]

#: (column, daily series) in CSV order.
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
#: Columns holding whole numbers.
COUNT_COLUMNS: frozenset[str] = frozenset(col for col, _ in CSV_COLUMNS) - {"gmv", "cost", "profit"}


def _cell(value: float) -> str:
    if not math.isfinite(value):
        return ""
    r = round(value, 4)
    if r == 0:
        return "0"  # also turns -0.0 into 0
    return f"{r:.4f}".rstrip("0").rstrip(".")


def _count_cell(value: float) -> str:
    # A fractional count would be an engine bug; it is written as it is rather than rounded away.
    if math.isfinite(value) and value == math.floor(value):
        return str(int(value))
    return _cell(value)


def _check_scope(run: RunResult, scope: str) -> None:
    if scope not in run.daily:
        raise KeyError(f"unknown scope {scope!r} (known: {', '.join(run.daily)})")


def replication_rows(run: RunResult, scope: str = ALL) -> dict[str, list[list[float]]]:
    """Per daily series of :data:`CSV_COLUMNS`: a replications × days table (replication order of
    ``run.records``; NaN where a replication lacks the value)."""
    _check_scope(run, scope)
    out: dict[str, list[list[float]]] = {name: [] for _, name in CSV_COLUMNS}
    for r in run.records:
        series = r.daily.get(scope, {})
        for _, name in CSV_COLUMNS:
            values: Sequence[float] = series.get(name, [math.nan] * run.days)
            out[name].append([float(v) for v in values])
    return out


def daily_csv(run: RunResult, scope: str = ALL) -> str:
    """The per-replication daily table of ``scope`` (``"all"`` or a group spec id) as CSV text."""
    tables = replication_rows(run, scope)
    dates = [d.isoformat() for d in run.dates()]
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(["replication", "stat_time", *(col for col, _ in CSV_COLUMNS)])
    for i, r in enumerate(run.records):
        for day, date in enumerate(dates):
            row = [str(r.replication), date]
            for col, name in CSV_COLUMNS:
                value = tables[name][i][day]
                row.append(_count_cell(value) if col in COUNT_COLUMNS else _cell(value))
            writer.writerow(row)
    return out.getvalue()


def _summaries(run: RunResult, scope: str) -> dict[str, ColumnSummary]:
    series = dict(run.daily[scope])
    if not run.days:
        empty = ColumnSummary((), (), (), ())
        return {name: series.get(name, empty) for _, name in CSV_COLUMNS}
    nan = (math.nan,) * run.days
    for _, name in CSV_COLUMNS:
        series.setdefault(name, ColumnSummary(nan, nan, nan, (0,) * run.days))
    return series


def daily_mean_csv(run: RunResult, scope: str = ALL) -> str:
    """Means over replications of the daily table of ``scope``, with 95 % interval columns."""
    _check_scope(run, scope)
    summaries = _summaries(run, scope)
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    header = ["stat_time"]
    for col, _ in CSV_COLUMNS:
        header += [col, f"{col}_low", f"{col}_high"]
    writer.writerow(header)
    for day, date in enumerate(run.dates()):
        row = [date.isoformat()]
        for _, name in CSV_COLUMNS:
            s = summaries[name]
            row += [_cell(s.mean[day]), _cell(s.ci95_lo[day]), _cell(s.ci95_hi[day])]
        writer.writerow(row)
    return out.getvalue()
