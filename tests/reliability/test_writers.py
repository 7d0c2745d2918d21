"""Every writer (``run --out``, ``check --junit``, ``check --update-baseline``, ``schema --out``)
says ``cannot write PATH: reason`` and exits 1, tries its location *before* simulating, and
leaves no temporary sibling behind, even one left by an earlier writer that was killed outright.

Running as root defeats permission bits, so a read-only location is made by refusing the probe
file (``tempfile.mkstemp`` raising EROFS), which is exactly what a read-only mount does; a
full disk by failing the write itself (ENOSPC).
"""

from __future__ import annotations

import errno
import json
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import pytest

import simgroup._atomic as atomic
import simgroup.check.baseline as baseline_module
from simgroup._atomic import atomic_directory, atomic_write_text, remove_stale_siblings
from tests._fake_engine import install
from tests.reliability._proc import cli, run_args, simgroup_command

CHECKED = """\
simgroup: 1
name: checked
days: 2
replications: 2
groups: [{id: g, type: traffic, initial_members: 10}]
expect:
  - {kpi: members_end, at_least: 0}
"""


@pytest.fixture
def read_only(monkeypatch: pytest.MonkeyPatch) -> None:
    """Every new file in a directory is refused, as on a read-only mount."""

    def refuse(*args: object, **kwargs: object) -> tuple[int, str]:
        raise OSError(errno.EROFS, os.strerror(errno.EROFS))

    monkeypatch.setattr(atomic.tempfile, "mkstemp", refuse)
    monkeypatch.setattr(atomic.tempfile, "mkdtemp", refuse)


@pytest.fixture
def scenarios(tmp_path: Path) -> Path:
    directory = tmp_path / "scenarios"
    directory.mkdir()
    (directory / "checked.yaml").write_text(CHECKED, encoding="utf-8")
    return directory


#: ~2 s to simulate and ~13 MB of event log to write: time enough to kill it mid-write.
BIG_EVENT_LOG = """\
simgroup: 1
name: a big event log
days: 30
replications: 1
channels:
  - {id: cards, per_day: 3000, add_rate: 0.5, cost_per_unit: 0.3}
groups: [{id: g, type: traffic, channels: [cards], live_code: {max_groups: 5}}]
"""


def _dead_pid() -> int:
    """The pid of a process that has exited (and been reaped)."""
    done = subprocess.run([sys.executable, "-c", "import os; print(os.getpid())"], capture_output=True, text=True, check=True)
    return int(done.stdout)


# --------------------------------------------------------------------------- before simulating


@pytest.mark.usefixtures("read_only")
def test_run_out_on_a_read_only_location_fails_before_simulating(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    fake = install(monkeypatch)
    scenario = tmp_path / "s.yaml"
    scenario.write_text(CHECKED, encoding="utf-8")
    code, out, err, exc = cli(*run_args(scenario, "--out", str(tmp_path / "out")))
    assert exc is None and code == 1 and out == ""
    assert f"simgroup run: cannot write {tmp_path / 'out'}: Read-only file system" in err
    assert fake.calls == [], "it simulated before finding out it could not write"


@pytest.mark.usefixtures("read_only")
@pytest.mark.parametrize("option", ["--junit", "--update-baseline"])
def test_check_reports_on_a_read_only_location_fail_before_simulating(
    scenarios: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, option: str
) -> None:
    fake = install(monkeypatch)
    target = tmp_path / "report.file"
    args = ["--junit", str(target)] if option == "--junit" else ["--baseline", str(target), "--update-baseline"]
    code, out, err, exc = cli("check", str(scenarios), "--workers", "1", *args)
    assert exc is None, repr(exc)
    assert code == 1, (code, out, err)
    assert f"simgroup check: cannot write {target}: Read-only file system" in err
    assert fake.calls == []
    assert not target.exists()


# --------------------------------------------------------------------------- while writing


def test_update_baseline_on_a_full_disk_says_cannot_write_and_writes_nothing(
    scenarios: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    install(monkeypatch)
    baseline = tmp_path / "baseline.json"

    def disk_full(path: object, text: str) -> None:
        raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC))

    # The probe before simulating writes no byte; the baseline's write is the one that fails.
    monkeypatch.setattr(baseline_module, "atomic_write_text", disk_full)
    for fmt in ("text", "json"):
        code, out, err, exc = cli("check", str(scenarios), "--workers", "1", "--baseline", str(baseline),
                                  "--update-baseline", "--format", fmt)
        assert exc is None, repr(exc)
        assert code == 1, (code, out, err)
        message = f"cannot write {baseline}: No space left on device"
        if fmt == "json":
            assert json.loads(out)["errors"] == [message]
        else:
            assert f"simgroup check: error: {message}" in out
        assert "Traceback" not in out + err
    assert sorted(p.name for p in tmp_path.iterdir()) == ["scenarios"]


# --------------------------------------------------------------------------- stale temporaries


def test_stale_temporaries_of_dead_writers_are_removed_and_nothing_else(tmp_path: Path) -> None:
    dead, live = _dead_pid(), os.getpid()
    target = tmp_path / "out"
    names = {
        f".out.tmp-{dead}-1a2b3c4d": "dir",  # a directory being filled when its writer was killed
        f".out.{dead}-x7yq_z9.tmp": "file",  # an atomic file write's temporary
        f".out.tmp-{live}-5e6f7a8b": "dir",  # a writer that still runs (this test)
        ".out.tmp-abcdefgh": "dir",  # not a name this module makes (no pid): not ours to judge
        "out.tmp-1-aaaa": "file",  # not hidden: the user's
    }
    for name, kind in names.items():
        path = tmp_path / name
        if kind == "dir":
            path.mkdir()
            (path / "result.json").write_text("{}")
        else:
            path.write_text("x")
    removed = remove_stale_siblings(target)
    assert sorted(p.name for p in removed) == sorted(n for n in names if str(dead) in n)
    assert sorted(p.name for p in tmp_path.iterdir()) == sorted(n for n in names if str(dead) not in n)


def test_a_run_killed_between_the_two_renames_gets_its_old_output_back(tmp_path: Path) -> None:
    """Killed after moving the old output aside and before renaming the new one in: the target
    is missing and the old output sits in ``.out.old-PID-X``. The next write puts it back first
    (the target is again the old output, or after that write the new one: never missing)."""
    dead = _dead_pid()
    old = tmp_path / f".out.old-{dead}-0badf00d"
    old.mkdir()
    (old / "result.json").write_text('{"old": true}')
    half = tmp_path / f".out.tmp-{dead}-0c0ffee0"
    half.mkdir()
    assert sorted(p.name for p in remove_stale_siblings(tmp_path / "out")) == sorted([old.name, half.name])
    assert (tmp_path / "out" / "result.json").read_text() == '{"old": true}'
    assert sorted(p.name for p in tmp_path.iterdir()) == ["out"]


def test_writers_clean_up_before_they_write(tmp_path: Path) -> None:
    dead = _dead_pid()
    (tmp_path / f".out.tmp-{dead}-11112222").mkdir()
    (tmp_path / f".b.json.{dead}-abc.tmp").write_text("half")
    with atomic_directory(tmp_path / "out") as tmp:
        (tmp / "result.json").write_text("{}")
    atomic_write_text(tmp_path / "b.json", "{}")
    assert sorted(p.name for p in tmp_path.iterdir()) == ["b.json", "out"]


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="SIGKILL of a real process, /proc")
def test_a_run_killed_while_writing_its_output_leaves_debris_the_next_run_removes(tmp_path: Path) -> None:
    """The red team's case, for real: ``simgroup run --out`` SIGKILLed while its temporary
    output directory exists (filled with a large event log); the next run leaves only ``out``."""
    scenario = tmp_path / "s.yaml"
    scenario.write_text(BIG_EVENT_LOG, encoding="utf-8")
    out = tmp_path / "out"
    args = [*simgroup_command(), *run_args(scenario, "--reps", "1", "--out", str(out))]
    for _attempt in range(5):
        proc = subprocess.Popen(args, cwd=tmp_path, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        deadline = time.monotonic() + 60
        try:
            while proc.poll() is None and time.monotonic() < deadline:
                if any(p.name.startswith(".out.tmp-") for p in tmp_path.iterdir()):
                    proc.kill()
                    break
                time.sleep(0.001)
        finally:
            if proc.poll() is None:
                proc.kill()
            proc.wait()
        if proc.returncode == -9 and any(p.name.startswith(".out.") for p in tmp_path.iterdir()):
            break
    else:
        pytest.skip("could not kill the run while its temporary output existed")
    left = sorted(p.name for p in tmp_path.iterdir() if p.name.startswith("."))
    assert left, "the kill left nothing to clean up"
    done = subprocess.run(args, cwd=tmp_path, capture_output=True, text=True, timeout=120, check=False)
    assert done.returncode == 0, done.stderr
    assert sorted(p.name for p in tmp_path.iterdir()) == ["out", "s.yaml"], left
    assert json.loads((out / "result.json").read_text())["replications"] == 1


def test_schema_out_says_cannot_write(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    target = tmp_path / "schema.json"

    def refuse(*args: object, **kwargs: object) -> tuple[int, str]:
        raise OSError(errno.EACCES, os.strerror(errno.EACCES))

    monkeypatch.setattr(tempfile, "mkstemp", refuse)
    code, out, err, exc = cli("schema", "--out", str(target))
    assert exc is None and code == 1 and out == ""
    assert f"simgroup schema: cannot write {target}: Permission denied" in err
