"""The check runner (simgroup.check.runner) with the fake engine: discovery, bad input found
before anything runs, better_than resolution and caching, baselines, crashes."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from simgroup.check.runner import CheckOptions, check, discover
from tests._fake_engine import FakeEngine, install

SCENARIO = """\
simgroup: 1
name: {name}
days: 4
seed: {seed}
replications: 3
groups:
{groups}
expect:
{expect}
"""


def write(path: Path, *, name: str = "s", seed: int = 5, groups: str = "  - {id: g, type: traffic}",
          expect: str = "  - {kpi: joined, at_least: 0}") -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(SCENARIO.format(name=name, seed=seed, groups=groups, expect=expect), encoding="utf-8")
    return path


@pytest.fixture
def fake(monkeypatch: pytest.MonkeyPatch) -> FakeEngine:
    return install(monkeypatch)


def test_discover_expands_directories_and_reports_missing_paths(tmp_path: Path) -> None:
    write(tmp_path / "d" / "b.yaml")
    write(tmp_path / "d" / "a.yml")
    write(tmp_path / "d" / ".hidden" / "c.yaml")
    (tmp_path / "empty").mkdir()
    files, problems = discover([tmp_path / "d", tmp_path / "d" / "b.yaml", tmp_path / "nope", tmp_path / "empty"])
    assert [Path(f).name for f in files] == ["a.yml", "b.yaml"]  # sorted, hidden skipped, deduplicated
    assert [p.message for p in problems] == [
        "no such file or directory", "no *.yaml or *.yml scenario files in this directory"
    ]


def test_a_bad_file_is_reported_and_the_others_still_run(tmp_path: Path, fake: FakeEngine) -> None:
    write(tmp_path / "good.yaml")
    (tmp_path / "bad.yaml").write_text("simgroup: 1\nname: x\ndays: 0\ngroups: []\n", encoding="utf-8")
    report = check([tmp_path])
    assert report.exit_code == 2
    assert all(d.file.endswith("bad.yaml") for d in report.diagnostics)
    assert [Path(s.path).name for s in report.scenarios] == ["good.yaml"] and len(fake.calls) == 3  # its replications


def test_bad_input_of_the_whole_check_is_reported_before_anything_runs(tmp_path: Path, fake: FakeEngine) -> None:
    good = write(tmp_path / "good.yaml")
    (tmp_path / "bad.yaml").write_text("simgroup: 1\nname: x\ndays: 0\ngroups: []\n", encoding="utf-8")
    report = check([tmp_path, tmp_path / "missing"])
    assert report.exit_code == 2 and report.scenarios == () and fake.calls == []
    assert {Path(d.file).name for d in report.diagnostics} == {"bad.yaml", "missing"}
    unreadable = tmp_path / "base.json"
    unreadable.write_text("{", encoding="utf-8")
    report = check([good], CheckOptions(baseline=str(unreadable)))
    assert report.exit_code == 2 and report.scenarios == () and fake.calls == []


def test_better_than_problems_point_at_the_expectation(tmp_path: Path, fake: FakeEngine) -> None:
    write(tmp_path / "other.yaml", groups="  - {id: h, type: traffic}")
    a = write(tmp_path / "a.yaml", expect="  - {kpi: joined, better_than: missing.yaml}\n"
                                         "  - {kpi: joined, group: g, better_than: other.yaml}\n"
                                         "  - {kpi: joined, better_than: a.yaml}")
    report = check([a])
    assert report.exit_code == 2 and fake.calls == []
    found = [(d.line, d.col, d.message) for d in report.diagnostics]
    assert found[0][:2] == (9, 32) and "no scenario file" in found[0][2] and "missing.yaml" in found[0][2]
    assert found[1][:2] == (10, 26) and "group 'g' is not in" in found[1][2]
    assert "names this scenario itself" in found[2][2]


def test_better_than_is_relative_to_the_file_and_runs_are_shared(tmp_path: Path, fake: FakeEngine) -> None:
    # The fake engine gives group spec number n the offset 100 (n + 1): in other.yaml `g` is the
    # second spec, so a's `g` is 100 lower at every replication (same seed): lower is better passes.
    write(tmp_path / "sub" / "other.yaml", groups="  - {id: h, type: traffic}\n  - {id: g, type: traffic}")
    write(tmp_path / "a.yaml",
          expect="  - {kpi: joined, group: g, better_than: sub/other.yaml, better: lower}\n"
                 "  - {kpi: joined, group: g, better_than: sub/other.yaml}")
    report = check([tmp_path])
    a = next(s for s in report.scenarios if s.path.endswith("a.yaml"))
    lower, higher = a.verdicts
    assert lower.status == "pass" and higher.status == "fail" and "significantly worse" in higher.message
    assert lower.details["better_than"]["difference"] == pytest.approx(-100.0)  # type: ignore[index]
    # a (3 reps) and other (3 reps at a's seed, reused by other's own check at the same seed 5).
    assert len(fake.calls) == 6


def test_overrides_apply_to_every_run(tmp_path: Path, fake: FakeEngine) -> None:
    write(tmp_path / "a.yaml")
    report = check([tmp_path], CheckOptions(replications=2, seed=9, days=2))
    assert {(c["seed"], c["days"]) for c in fake.calls} == {(9, 2)} and len(fake.calls) == 2
    assert report.scenarios[0].replications == 2


def test_a_scenario_without_expectations_is_not_run(tmp_path: Path, fake: FakeEngine) -> None:
    (tmp_path / "a.yaml").write_text("simgroup: 1\nname: x\ndays: 3\ngroups:\n  - {id: g, type: traffic}\n")
    report = check([tmp_path])
    assert report.exit_code == 0 and fake.calls == []
    assert report.scenarios[0].notes == ("no expect: block and no --baseline: validated, not run",)


def test_impossible_expectation_fails_at_its_line(tmp_path: Path, fake: FakeEngine) -> None:
    a = write(tmp_path / "a.yaml", expect="  - {kpi: joined, at_least: 0}\n  - {kpi: joined, at_least: 1e9}")
    report = check([a])
    assert report.exit_code == 1
    ok, bad = report.scenarios[0].verdicts
    assert ok.status == "pass" and (bad.status, bad.line, bad.col) == ("fail", 10, 5)


def test_same_inputs_same_verdicts(tmp_path: Path, fake: FakeEngine) -> None:
    write(tmp_path / "a.yaml", expect="  - {kpi: joined, between: [0, 8]}\n  - {kpi: profit, at_most: 1e6}")
    first, second = check([tmp_path]), check([tmp_path])
    assert first.scenarios[0].verdicts == second.scenarios[0].verdicts


def test_baseline_update_then_check_then_a_change_is_flagged(tmp_path: Path, fake: FakeEngine) -> None:
    a = write(tmp_path / "sc" / "a.yaml")
    base = tmp_path / "base.json"
    updated = check([a], CheckOptions(baseline=str(base), update_baseline=True))
    assert updated.exit_code == 0 and base.exists()
    assert list(json.loads(base.read_text())["scenarios"]) == ["sc/a.yaml"]
    same = check([a], CheckOptions(baseline=str(base)))
    assert same.exit_code == 0
    assert same.scenarios[0].total("baseline") == 2 * 31 and same.scenarios[0].count("fail") == 0
    # Another seed in the file: the fake engine's KPIs shift by the seed difference (500),
    # far beyond the tolerance; the changed file is a note.
    write(tmp_path / "sc" / "a.yaml", seed=505)
    moved = check([a], CheckOptions(baseline=str(base)))
    assert moved.exit_code == 1
    assert moved.scenarios[0].count("fail", "baseline") > 0
    assert any("scenario file changed" in n for n in moved.scenarios[0].notes)


def test_update_keeps_other_entries_and_drops_vanished_files(tmp_path: Path, fake: FakeEngine) -> None:
    a, b, c = (write(tmp_path / f"{x}.yaml") for x in "abc")
    base = tmp_path / "base.json"
    check([tmp_path], CheckOptions(baseline=str(base), update_baseline=True))
    c.unlink()
    report = check([a], CheckOptions(baseline=str(base), update_baseline=True))
    assert sorted(json.loads(base.read_text())["scenarios"]) == ["a.yaml", "b.yaml"]
    assert "dropped" in report.notes[0] and "c.yaml" in report.notes[0]
    assert b.exists()


def test_baseline_problems_are_bad_input(tmp_path: Path, fake: FakeEngine) -> None:
    a = write(tmp_path / "a.yaml")
    missing = check([a], CheckOptions(baseline=str(tmp_path / "none.json")))
    assert missing.exit_code == 2 and "--update-baseline" in missing.diagnostics[0].message
    # A file that is not a baseline is never overwritten.
    refused = check([a], CheckOptions(baseline=str(a), update_baseline=True))
    assert refused.exit_code == 2 and "refusing to overwrite" in refused.diagnostics[0].message
    assert "simgroup: 1" in a.read_text()
    no_file = check([a], CheckOptions(update_baseline=True))
    assert no_file.exit_code == 2 and "--baseline" in no_file.diagnostics[0].message
    assert fake.calls == []


def test_a_crashing_simulation_is_an_error_verdict_and_the_rest_is_checked(
    tmp_path: Path, fake: FakeEngine, monkeypatch: pytest.MonkeyPatch
) -> None:
    write(tmp_path / "a.yaml", name="crash")
    write(tmp_path / "b.yaml", name="fine")
    real = fake.simulate_replication

    def flaky(scenario, replication, **kw):  # type: ignore[no-untyped-def]
        if scenario.name == "crash":
            raise RuntimeError("boom")
        return real(scenario, replication, **kw)

    import sys

    monkeypatch.setattr(sys.modules["simgroup.engine"], "simulate_replication", flaky)
    report = check([tmp_path])
    crash, fine = report.scenarios
    assert crash.verdicts[0].status == "error" and "RuntimeError: boom" in crash.verdicts[0].message
    assert fine.verdicts[0].status == "pass"
    assert report.exit_code == 1
