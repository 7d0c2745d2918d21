"""Baseline files and the statistical comparison (simgroup.check.baseline)."""

from __future__ import annotations

import json
import math
from pathlib import Path

import pytest

from simgroup.check.baseline import (
    BaselineEntry,
    BaselineError,
    KpiStats,
    baseline_key,
    baseline_text,
    compare_entries,
    parse_baseline,
    read_baseline,
    write_baseline,
)

NAN = float("nan")


def entry(kpis: dict[str, KpiStats], *, groups: dict[str, dict[str, KpiStats]] | None = None, sha: str = "a" * 64,
          days: int = 7, seed: int = 1, reps: int = 20, version: str = "0.1.0") -> BaselineEntry:
    return BaselineEntry(name="s", sha256=sha, simgroup_version=version, seed=seed, replications=reps, days=days,
                         kpis=kpis, groups=groups or {})


def locate(group: str | None) -> tuple[int, int]:
    return (1, 1) if group is None else (10, 5)


def only(base: BaselineEntry, now: BaselineEntry, **kw: object):  # type: ignore[no-untyped-def]
    verdicts, notes = compare_entries(base, now, locate=locate, **kw)  # type: ignore[arg-type]
    return verdicts, notes


def test_key_is_relative_to_the_baseline_directory_with_slashes(tmp_path: Path) -> None:
    assert baseline_key(tmp_path / "scenarios" / "a.yaml", tmp_path / "base.json") == "scenarios/a.yaml"
    assert baseline_key(tmp_path / "a.yaml", tmp_path / "ci" / "base.json") == "../a.yaml"


def test_round_trip_keeps_every_number_and_nan(tmp_path: Path) -> None:
    e = entry({"profit": KpiStats(12.5, 3.25, 20), "retention_d7": KpiStats(NAN, NAN, 0)},
              groups={"g": {"joined": KpiStats(0.1 + 0.2, 0.0, 20)}})
    path = tmp_path / "base.json"
    write_baseline(path, {"b.yaml": e, "a.yaml": e})
    text = path.read_text(encoding="utf-8")
    assert list(json.loads(text)["scenarios"]) == ["a.yaml", "b.yaml"]  # sorted: stable diffs
    assert '"mean": null' in text and str(tmp_path) not in text
    back = read_baseline(path)
    got = back["a.yaml"]
    assert got.kpis["profit"] == KpiStats(12.5, 3.25, 20)
    assert math.isnan(got.kpis["retention_d7"].mean) and got.kpis["retention_d7"].n == 0
    assert got.groups["g"]["joined"].mean == 0.1 + 0.2  # full precision
    assert baseline_text(back) == text


@pytest.mark.parametrize(
    ("content", "fragment"),
    [
        ("{not json", "not valid JSON"),
        ('{"a": 1}', "not a simgroup baseline"),
        ('{"simgroup_baseline": 99, "scenarios": {}}', "newer simgroup"),
        ('{"simgroup_baseline": 1, "scenarios": []}', "scenarios: expected a mapping"),
        ('{"simgroup_baseline": 1, "scenarios": {"a.yaml": {"name": "x"}}}', "sha256: expected text"),
        ('{"simgroup_baseline": 1, "scenarios": {"a.yaml": {"name": "x", "sha256": "s", "simgroup_version": "v",'
         ' "seed": 1, "replications": 2, "days": 3, "kpis": {"profit": {"mean": "high", "std": 1, "n": 2}}}}}',
         "profit.mean: expected a number"),
    ],
)
def test_bad_files_are_named_errors(tmp_path: Path, content: str, fragment: str) -> None:
    path = tmp_path / "base.json"
    path.write_text(content, encoding="utf-8")
    with pytest.raises(BaselineError) as info:
        read_baseline(path)
    assert fragment in str(info.value) and str(path) in str(info.value)


def test_a_missing_file_says_how_to_create_it(tmp_path: Path) -> None:
    with pytest.raises(BaselineError, match="--update-baseline"):
        read_baseline(tmp_path / "nope.json")


def test_identical_runs_pass_every_kpi() -> None:
    e = entry({"profit": KpiStats(100.0, 10.0, 20), "joined": KpiStats(50.0, 0.0, 20)},
              groups={"g": {"conversion": KpiStats(0.1, 0.01, 20)}})
    verdicts, notes = only(e, e)
    assert [v.status for v in verdicts] == ["pass", "pass", "pass"] and notes == []
    assert [v.name for v in verdicts] == ["baseline profit", "baseline joined", "baseline conversion[g]"]
    assert verdicts[2].line == 10  # group KPIs point at the group spec


def test_the_tolerance_is_z_standard_errors_plus_the_floor() -> None:
    # se = sqrt(10²/20 + 10²/20) = sqrt(10) ≈ 3.162; z = 4 -> 12.65, plus the money floor 1 CNY.
    base = entry({"profit": KpiStats(100.0, 10.0, 20)})
    inside = entry({"profit": KpiStats(113.5, 10.0, 20)})
    outside = entry({"profit": KpiStats(113.7, 10.0, 20)})
    (v_in,), _ = only(base, inside)
    (v_out,), _ = only(base, outside)
    assert v_in.status == "pass"
    assert v_out.status == "fail"
    assert v_out.details["tolerance"] == pytest.approx(4 * math.sqrt(10) + 1.0)
    assert "better (higher is better)" in v_out.message
    (v_z,), _ = only(base, outside, z=5.0)
    assert v_z.status == "pass"


def test_the_floor_protects_constant_kpis_from_rounding_but_not_from_real_changes() -> None:
    base = entry({"lifespan_days": KpiStats(7.0, 0.0, 20), "groups_created": KpiStats(1.0, 0.0, 20)})
    rounding = entry({"lifespan_days": KpiStats(7.0 + 1e-12, 0.0, 20), "groups_created": KpiStats(1.0, 0.0, 20)})
    real = entry({"lifespan_days": KpiStats(6.5, 0.0, 20), "groups_created": KpiStats(2.0, 0.0, 20)})
    assert [v.status for v in only(base, rounding)[0]] == ["pass", "pass"]
    assert [v.status for v in only(base, real)[0]] == ["fail", "fail"]


def test_fail_on_worse_lets_improvements_pass_with_a_warning() -> None:
    base = entry({"profit": KpiStats(100.0, 1.0, 20), "cac": KpiStats(5.0, 0.1, 20), "tasks_sent": KpiStats(9.0, 0.0, 20)})
    now = entry({"profit": KpiStats(150.0, 1.0, 20), "cac": KpiStats(6.0, 0.1, 20), "tasks_sent": KpiStats(12.0, 0.0, 20)})
    profit, cac, tasks = only(base, now, fail_on="worse")[0]
    assert profit.status == "pass" and profit.warning is not None and "better" in profit.warning
    assert cac.status == "fail" and "worse (lower is better)" in cac.message
    assert tasks.status == "pass" and tasks.warning is not None and "neutral" in tasks.warning
    assert [v.status for v in only(base, now)[0]] == ["fail", "fail", "fail"]


def test_defined_on_one_side_fails_undefined_on_both_passes_one_replication_skips() -> None:
    base = entry({"retention_d7": KpiStats(NAN, NAN, 0), "retention_d1": KpiStats(0.5, 0.1, 20),
                  "profit": KpiStats(1.0, NAN, 1), "roi": KpiStats(NAN, NAN, 0)})
    now = entry({"retention_d7": KpiStats(NAN, NAN, 0), "retention_d1": KpiStats(NAN, NAN, 0),
                 "profit": KpiStats(1.0, NAN, 1), "roi": KpiStats(0.3, 0.1, 20)})
    d7, d1, profit, roi = only(base, now)[0]
    assert d7.status == "pass"
    assert d1.status == "fail" and "now undefined" in d1.message
    assert profit.status == "skip" and "at least 2 replications" in profit.message
    assert roi.status == "fail" and "was undefined" in roi.message


def test_a_changed_file_is_a_note_and_still_compared() -> None:
    base = entry({"profit": KpiStats(100.0, 1.0, 20)}, sha="a" * 64)
    now = entry({"profit": KpiStats(200.0, 1.0, 20)}, sha="b" * 64, seed=2, version="0.2.0")
    verdicts, notes = only(base, now)
    assert verdicts[0].status == "fail"
    assert any("scenario file changed" in n for n in notes)
    assert any("simgroup 0.1.0" in n for n in notes)
    assert any("seed 1 x 20" in n for n in notes)


def test_another_horizon_is_not_compared() -> None:
    verdicts, notes = only(entry({"profit": KpiStats(1.0, 1.0, 20)}), entry({"profit": KpiStats(9.0, 1.0, 20)}, days=3))
    assert verdicts == [] and any("different horizons" in n for n in notes)


def test_new_and_removed_groups_and_kpis_are_said() -> None:
    base = entry({}, groups={"old": {"joined": KpiStats(1.0, 0.0, 20)}})
    now = entry({"brand_new_kpi": KpiStats(1.0, 0.0, 20)}, groups={"new": {"joined": KpiStats(1.0, 0.0, 20)}})
    verdicts, notes = only(base, now)
    assert [(v.kpi, v.status) for v in verdicts] == [("brand_new_kpi", "skip")]
    assert any("'new' is not in the baseline" in n for n in notes)
    assert any("'old'" in n and "no longer" in n for n in notes)


def test_parse_accepts_what_write_produces() -> None:
    e = entry({"profit": KpiStats(1.0, 0.5, 3)})
    assert parse_baseline(json.loads(baseline_text({"x.yaml": e})))["x.yaml"] == e
