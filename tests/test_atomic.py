from __future__ import annotations

import os
import signal
import stat
import sys
from pathlib import Path

import pytest

from simgroup import _atomic
from simgroup._atomic import atomic_directory, atomic_write_bytes, atomic_write_text


def names(directory: Path) -> list[str]:
    return sorted(p.name for p in directory.iterdir())


# --------------------------------------------------------------------------- files


def test_write_text_creates_and_replaces(tmp_path: Path) -> None:
    target = tmp_path / "r.json"
    atomic_write_text(target, "第一\n")
    assert target.read_bytes() == "第一\n".encode()
    atomic_write_text(target, "second\r\n")
    assert target.read_bytes() == b"second\r\n"  # no newline translation
    assert names(tmp_path) == ["r.json"]


def test_write_bytes_new_file_gets_umask_permissions(tmp_path: Path) -> None:
    target = tmp_path / "b.bin"
    atomic_write_bytes(target, b"\x00\x01")
    assert target.read_bytes() == b"\x00\x01"
    if sys.platform != "win32":
        assert stat.S_IMODE(target.stat().st_mode) == 0o666 & ~_atomic._UMASK


@pytest.mark.skipif(sys.platform == "win32", reason="POSIX permissions")
def test_write_keeps_mode_of_existing_file(tmp_path: Path) -> None:
    target = tmp_path / "x"
    target.write_text("old")
    target.chmod(0o640)
    atomic_write_text(target, "new")
    assert stat.S_IMODE(target.stat().st_mode) == 0o640 and target.read_text() == "new"


@pytest.mark.parametrize("exc", [OSError("disk full"), KeyboardInterrupt()])
def test_failed_write_leaves_original_and_no_temp(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, exc: BaseException
) -> None:
    target = tmp_path / "keep.txt"
    target.write_text("original")

    def boom(fd: int) -> None:
        raise exc

    monkeypatch.setattr(os, "fsync", boom)
    with pytest.raises(type(exc)):
        atomic_write_text(target, "half")
    monkeypatch.undo()
    assert target.read_text() == "original"
    assert names(tmp_path) == ["keep.txt"]


def test_write_through_symlink_keeps_the_link(tmp_path: Path) -> None:
    real = tmp_path / "real.txt"
    real.write_text("a")
    link = tmp_path / "link.txt"
    link.symlink_to(real)
    atomic_write_text(link, "b")
    assert link.is_symlink() and real.read_text() == "b"


# --------------------------------------------------------------------------- directories


def test_directory_created_on_success(tmp_path: Path) -> None:
    target = tmp_path / "a" / "out"
    with atomic_directory(target) as tmp:
        assert tmp.parent == target.parent and tmp != target
        (tmp / "f.txt").write_text("hello")
        assert not target.exists()  # nothing visible until the block succeeds
    assert names(target) == ["f.txt"]
    assert names(target.parent) == ["out"]
    if sys.platform != "win32":
        assert stat.S_IMODE(target.stat().st_mode) == 0o777 & ~_atomic._UMASK


def test_existing_directory_replaced_entirely(tmp_path: Path) -> None:
    target = tmp_path / "out"
    target.mkdir()
    (target / "old.txt").write_text("old")
    with atomic_directory(target) as tmp:
        (tmp / "new.txt").write_text("new")
    assert names(target) == ["new.txt"]
    assert names(tmp_path) == ["out"]


@pytest.mark.parametrize("exc", [RuntimeError("engine bug"), KeyboardInterrupt()])
def test_exception_inside_leaves_existing_target_untouched(tmp_path: Path, exc: BaseException) -> None:
    target = tmp_path / "out"
    target.mkdir()
    (target / "old.txt").write_text("old")
    with pytest.raises(type(exc)):
        with atomic_directory(target) as tmp:
            (tmp / "partial.txt").write_text("half")
            raise exc
    assert names(target) == ["old.txt"] and (target / "old.txt").read_text() == "old"
    assert names(tmp_path) == ["out"]


def test_interrupt_without_existing_target_creates_nothing(tmp_path: Path) -> None:
    with pytest.raises(KeyboardInterrupt):
        with atomic_directory(tmp_path / "out") as tmp:
            (tmp / "partial.txt").write_text("half")
            raise KeyboardInterrupt
    assert names(tmp_path) == []


def test_non_directory_target_is_refused(tmp_path: Path) -> None:
    (tmp_path / "file").write_text("x")
    with pytest.raises(NotADirectoryError):
        with atomic_directory(tmp_path / "file"):
            pytest.fail("must not enter")  # pragma: no cover
    assert (tmp_path / "file").read_text() == "x"


def test_failed_swap_restores_the_old_directory(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    target = tmp_path / "out"
    target.mkdir()
    (target / "old.txt").write_text("old")
    real_rename = os.rename
    calls: list[tuple[str, str]] = []

    def fail_second(src: os.PathLike[str] | str, dst: os.PathLike[str] | str) -> None:
        calls.append((str(src), str(dst)))
        if len(calls) == 2:
            raise OSError("rename failed")
        real_rename(src, dst)

    monkeypatch.setattr(os, "rename", fail_second)
    with pytest.raises(OSError, match="rename failed"):
        with atomic_directory(target) as tmp:
            (tmp / "new.txt").write_text("new")
    monkeypatch.undo()
    assert names(target) == ["old.txt"]
    assert names(tmp_path) == ["out"]


@pytest.mark.skipif(sys.platform == "win32", reason="POSIX signals")
def test_ctrl_c_during_the_swap_is_deferred_until_it_is_complete(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    target = tmp_path / "out"
    target.mkdir()
    (target / "old.txt").write_text("old")
    real_rename = os.rename
    renames = []

    def rename_with_sigint(src: os.PathLike[str] | str, dst: os.PathLike[str] | str) -> None:
        renames.append(dst)
        if len(renames) == 1:  # Ctrl-C right between moving the old one aside and moving the new one in
            os.kill(os.getpid(), signal.SIGINT)
        real_rename(src, dst)

    monkeypatch.setattr(os, "rename", rename_with_sigint)
    with pytest.raises(KeyboardInterrupt):
        with atomic_directory(target) as tmp:
            (tmp / "new.txt").write_text("new")
    monkeypatch.undo()
    assert len(renames) == 2
    assert names(target) == ["new.txt"]  # the swap completed, then the interrupt surfaced
    assert names(tmp_path) == ["out"]
    assert signal.getsignal(signal.SIGINT) is signal.default_int_handler
