"""Faults other than bad scenario files: an output location that cannot be written, a SIGTERM
in the middle of a directory swap, the SIGTERM handler's scope, an engine that raises.

Each checks the promise of docs/model.md: a clear message, the right exit code, and no
half-written result.
"""

from __future__ import annotations

import os
import signal
import sys
import threading
from collections.abc import Iterator
from pathlib import Path

import pytest

from simgroup._atomic import atomic_directory, atomic_write_text
from simgroup.cli import _sigterm_as_interrupt
from tests._fake_engine import install
from tests.reliability._proc import cli, run_args

TINY = "simgroup: 1\nname: tiny\ndays: 2\nreplications: 2\ngroups: [{id: g, type: traffic, initial_members: 10}]\n"


@pytest.fixture
def tiny(tmp_path: Path) -> Path:
    path = tmp_path / "tiny.yaml"
    path.write_text(TINY, encoding="utf-8")
    return path


@pytest.fixture
def sigterm_default() -> Iterator[None]:
    """SIGTERM at its default action for the test (as in a fresh ``simgroup`` process), and this
    process's own handler restored afterwards whatever happens."""
    previous = signal.getsignal(signal.SIGTERM)
    signal.signal(signal.SIGTERM, signal.SIG_DFL)
    try:
        yield
    finally:
        signal.signal(signal.SIGTERM, previous)


def test_an_output_directory_under_a_file_exits_1_and_writes_nothing(
    tiny: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    install(monkeypatch)
    blocker = tmp_path / "report.txt"
    blocker.write_text("not a directory")
    code, out, err, exc = cli(*run_args(tiny, "--out", str(blocker / "out")))
    assert exc is None, repr(exc)
    assert code == 1 and out == ""
    assert f"cannot write {blocker / 'out'}" in err and "Traceback" not in err
    assert blocker.read_text() == "not a directory"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["report.txt", "tiny.yaml"]


def test_an_output_path_that_is_a_file_exits_2_before_simulating(
    tiny: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    fake = install(monkeypatch)
    target = tmp_path / "out"
    target.write_text("mine")
    code, out, err, exc = cli(*run_args(tiny, "--out", str(target)))
    assert exc is None and code == 2 and out == ""
    assert str(target) in err and "is a file" in err  # click's own check of --out
    assert fake.calls == []
    assert target.read_text() == "mine"


@pytest.mark.skipif(sys.platform == "win32", reason="POSIX signals")
@pytest.mark.usefixtures("sigterm_default")
def test_sigterm_during_the_directory_swap_is_deferred_until_it_is_complete(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """With the CLI's SIGTERM handler installed, a SIGTERM between the two renames of a swap
    waits for the swap, then surfaces as KeyboardInterrupt (like Ctrl-C)."""
    target = tmp_path / "out"
    target.mkdir()
    (target / "old.txt").write_text("old")
    real_rename = os.rename
    renames: list[object] = []

    def rename_with_sigterm(src: os.PathLike[str] | str, dst: os.PathLike[str] | str) -> None:
        renames.append(dst)
        if len(renames) == 1:
            os.kill(os.getpid(), signal.SIGTERM)
        real_rename(src, dst)

    with _sigterm_as_interrupt():
        monkeypatch.setattr(os, "rename", rename_with_sigterm)
        with pytest.raises(KeyboardInterrupt):
            with atomic_directory(target) as tmp:
                (tmp / "new.txt").write_text("new")
        monkeypatch.undo()
    assert signal.getsignal(signal.SIGTERM) is signal.SIG_DFL  # restored on the way out
    assert len(renames) == 2
    assert sorted(p.name for p in target.iterdir()) == ["new.txt"]
    assert sorted(p.name for p in tmp_path.iterdir()) == ["out"]


@pytest.mark.skipif(sys.platform == "win32", reason="POSIX signals")
@pytest.mark.usefixtures("sigterm_default")
def test_sigterm_during_an_atomic_file_write_keeps_the_old_file(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    target = tmp_path / "baseline.json"
    target.write_text('{"old": true}')
    real_replace = os.replace

    def replace_after_sigterm(src: os.PathLike[str] | str, dst: os.PathLike[str] | str) -> None:
        os.kill(os.getpid(), signal.SIGTERM)  # lands before the rename: the handler raises here
        real_replace(src, dst)

    with _sigterm_as_interrupt():
        monkeypatch.setattr(os, "replace", replace_after_sigterm)
        with pytest.raises(KeyboardInterrupt):
            atomic_write_text(target, '{"new": true}')
        monkeypatch.undo()
    assert target.read_text() == '{"old": true}'
    assert sorted(p.name for p in tmp_path.iterdir()) == ["baseline.json"]  # no temporary file left


@pytest.mark.usefixtures("sigterm_default")
def test_the_sigterm_handler_is_scoped_to_a_command() -> None:
    """Installed for the duration of a command only, never over someone else's handler, and
    never from a thread (signals are the main thread's)."""
    with _sigterm_as_interrupt():
        assert callable(signal.getsignal(signal.SIGTERM))
    assert signal.getsignal(signal.SIGTERM) is signal.SIG_DFL

    def theirs(signum: int, frame: object) -> None:
        pass

    signal.signal(signal.SIGTERM, theirs)
    with _sigterm_as_interrupt():
        assert signal.getsignal(signal.SIGTERM) is theirs
    assert signal.getsignal(signal.SIGTERM) is theirs

    signal.signal(signal.SIGTERM, signal.SIG_DFL)
    seen: list[object] = []

    def in_a_thread() -> None:
        with _sigterm_as_interrupt():
            seen.append(signal.getsignal(signal.SIGTERM))

    t = threading.Thread(target=in_a_thread)
    t.start()
    t.join()
    assert seen == [signal.SIG_DFL]
    assert cli("--version")[0] == 0 and signal.getsignal(signal.SIGTERM) is signal.SIG_DFL


def test_an_engine_exception_is_reported_not_raised(tiny: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    fake = install(monkeypatch)

    def explode(*args: object, **kwargs: object) -> None:
        raise RuntimeError("boom")

    monkeypatch.setattr(fake, "simulate_replication", explode)
    monkeypatch.setattr(sys.modules["simgroup.engine"], "simulate_replication", explode)
    code, out, err, exc = cli(*run_args(tiny))
    assert exc is None, f"the exception escaped the command: {exc!r}"
    assert code == 1 and out == ""
    assert "boom" in err and "please report" in err


def test_an_interrupted_validate_exits_130_like_every_command(tiny: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """click's own answer to a Ctrl-C outside a command's handler is "Aborted!" and exit 1;
    every simgroup command says it was interrupted and exits 130 (docs/check.md)."""

    def interrupted(path: object) -> list[object]:
        raise KeyboardInterrupt

    monkeypatch.setattr("simgroup.cli.validate.validate_file", interrupted)
    code, out, err, exc = cli("validate", str(tiny))
    assert exc is None, repr(exc)
    assert (code, out) == (130, "")
    assert err == "simgroup validate: interrupted\n"
