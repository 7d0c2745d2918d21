from __future__ import annotations

import csv
import io
import json
import math
from pathlib import Path

import numpy as np
import pytest

from simgroup.records import ReplicationResult
from simgroup.results import export
from simgroup.results.export import OutputDirError, daily_csv, daily_mean_csv, events_jsonl, write_outputs
from simgroup.results.report import RunResult

from ._factories import record, scenario_with

HEADER = [
    "replication", "stat_time", "new_chat_cnt", "chat_total", "chat_has_msg", "new_member_cnt", "member_total",
    "member_has_msg", "msg_total", "left_cnt", "muted_godview", "folded_godview", "orders", "gmv", "cost", "profit",
]


def build(records: list[ReplicationResult], days: int = 3) -> RunResult:
    return RunResult.from_replications(scenario_with(days=days), "x.yaml", records, 7, days, "0" * 64)


def rows_of(text: str) -> list[list[str]]:
    return list(csv.reader(io.StringIO(text)))


def test_daily_csv_one_row_per_replication_and_day() -> None:
    records = [record(r) for r in range(3)]
    rows = rows_of(daily_csv(build(records)))
    assert rows[0] == HEADER
    assert [r[:2] for r in rows[1:4]] == [["0", "2026-02-27"], ["0", "2026-02-28"], ["0", "2026-03-01"]]
    assert [r[0] for r in rows[1:]] == ["0"] * 3 + ["1"] * 3 + ["2"] * 3
    col = HEADER.index("gmv")
    assert [float(r[col]) for r in rows[4:7]] == pytest.approx(records[1].daily["all"]["gmv"], abs=5e-5)


def test_daily_csv_per_scope_and_unknown_scope() -> None:
    run = build([record(r) for r in range(2)])
    assert daily_csv(run, "traffic") != daily_csv(run, "content")
    assert rows_of(daily_csv(run, "content"))[0] == HEADER
    with pytest.raises(KeyError):
        daily_csv(run, "nope")
    with pytest.raises(KeyError):
        daily_mean_csv(run, "nope")


def test_daily_csv_cells_rounding_and_empty_cells() -> None:
    r = record(0, days=2)
    r.daily["all"]["gmv"] = [1234.567891, 2.0]
    r.daily["all"]["orders"] = [math.nan, -0.0]
    r.daily["all"]["chat_has_msg"] = [3.0, 4.0]
    rows = rows_of(daily_csv(build([r], days=2)))
    header = rows[0]
    assert [row[header.index("gmv")] for row in rows[1:]] == ["1234.5679", "2"]
    assert [row[header.index("orders")] for row in rows[1:]] == ["", "0"]
    assert [row[header.index("chat_has_msg")] for row in rows[1:]] == ["3", "4"]


def test_daily_mean_csv_means_and_interval_columns() -> None:
    records = [record(r) for r in range(3)]
    rows = rows_of(daily_mean_csv(build(records)))
    header = rows[0]
    assert header[:4] == ["stat_time", "new_chat_cnt", "new_chat_cnt_low", "new_chat_cnt_high"]
    assert "profit_high" in header and len(header) == 1 + 3 * (len(HEADER) - 2)
    member_total = np.mean([r.daily["all"]["member_total"] for r in records], axis=0)
    col = header.index("member_total")
    assert [float(r[col]) for r in rows[1:]] == pytest.approx(member_total.tolist(), abs=5e-5)
    for r in rows[1:]:
        assert float(r[col + 1]) <= float(r[col]) <= float(r[col + 2])


def test_events_jsonl_key_order_unicode_and_nan() -> None:
    events = [
        {"member": "张三", "event": "add_member", "chat_id": "g1", "day": 0, "time": 61.5, "join_scene": 3},
        {"z": math.nan, "time": 70, "event": "msg", "count": np.int64(2), "extra": (1, 2)},
    ]
    text = events_jsonl(events)
    lines = text.splitlines()
    assert text.endswith("\n") and len(lines) == 2
    assert lines[0] == (
        '{"time":61.5,"day":0,"event":"add_member","chat_id":"g1","join_scene":3,"member":"张三"}'
    )
    second = json.loads(lines[1])
    assert list(second) == ["time", "event", "count", "extra", "z"]
    assert second == {"time": 70, "event": "msg", "count": 2, "extra": [1, 2], "z": None}
    assert events_jsonl([]) == ""


def test_write_outputs_writes_every_file(tmp_path: Path) -> None:
    events = [{"time": 1.0, "day": 0, "event": "add_member", "chat_id": "g1"}]
    run = build([record(0, events=events), record(1)])
    out = tmp_path / "nested" / "out"
    assert write_outputs(out, run, run.events) == out
    assert sorted(p.name for p in out.iterdir()) == [
        "daily.csv", "daily_content.csv", "daily_traffic.csv", "events.jsonl",
        "mean_daily.csv", "mean_daily_content.csv", "mean_daily_traffic.csv", "result.json",
    ]
    assert json.loads((out / "result.json").read_text("utf-8")) == run.to_json()
    assert (out / "daily.csv").read_text("utf-8") == daily_csv(run)
    assert (out / "daily_content.csv").read_text("utf-8") == daily_csv(run, "content")
    assert (out / "mean_daily_content.csv").read_text("utf-8") == daily_mean_csv(run, "content")
    assert (out / "events.jsonl").read_text("utf-8") == events_jsonl(events)
    assert not [p for p in out.parent.iterdir() if p.name.startswith(".")]


def test_write_outputs_without_events_replaces_an_earlier_output(tmp_path: Path) -> None:
    out = tmp_path / "out"
    write_outputs(out, build([record(0)]), [{"event": "x"}])
    run = build([record(5), record(6)])
    write_outputs(out, run, None)
    assert not (out / "events.jsonl").exists()
    assert json.loads((out / "result.json").read_text("utf-8"))["replications"] == 2


def test_write_outputs_refuses_a_directory_with_foreign_files(tmp_path: Path) -> None:
    (tmp_path / "notes.txt").write_text("mine")
    (tmp_path / "result.json").write_text("{}")
    with pytest.raises(OutputDirError, match=r"notes\.txt"):
        write_outputs(tmp_path, build([record(0)]), None)
    assert (tmp_path / "notes.txt").read_text() == "mine"
    assert (tmp_path / "result.json").read_text() == "{}"
    (tmp_path / "file").write_text("x")
    with pytest.raises(OutputDirError, match="not a directory"):
        write_outputs(tmp_path / "file", build([record(0)]), None)


def test_interrupted_write_leaves_the_previous_output(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    out = tmp_path / "out"
    write_outputs(out, build([record(0)]), None)
    before = {p.name: p.read_bytes() for p in out.iterdir()}
    calls = []
    real = Path.write_bytes

    def interrupt_second(self: Path, data: bytes) -> int:
        calls.append(self.name)
        if len(calls) == 2:
            raise KeyboardInterrupt
        return real(self, data)

    monkeypatch.setattr(Path, "write_bytes", interrupt_second)
    with pytest.raises(KeyboardInterrupt):
        write_outputs(out, build([record(3), record(4)]), [{"event": "x"}])
    monkeypatch.undo()
    assert len(calls) == 2
    assert {p.name: p.read_bytes() for p in out.iterdir()} == before
    assert sorted(p.name for p in tmp_path.iterdir()) == ["out"]


def test_write_outputs_checks_before_writing(tmp_path: Path) -> None:
    export.check_output_dir(tmp_path / "missing")  # a new directory is fine
    export.check_output_dir(tmp_path)  # an empty one too
    (tmp_path / "daily_old.csv").write_text("")
    (tmp_path / "mean_daily_old.csv").write_text("")
    export.check_output_dir(tmp_path)  # an earlier output too
    (tmp_path / "sub").mkdir()
    with pytest.raises(OutputDirError):
        export.check_output_dir(tmp_path)
