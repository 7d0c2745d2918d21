"""Atomic file and directory writes: a reader (or a Ctrl-C) never sees a half-written result.

* :func:`atomic_write_bytes` / :func:`atomic_write_text` write to a temporary file next to the
  target, fsync it, ``os.replace`` it over the target and fsync the directory. The target is
  either the old file or the complete new one. An existing target keeps its permission bits;
  a new one gets the usual ``0o666 & ~umask``.
* :func:`atomic_directory` yields a fresh sibling temporary directory to fill. When the ``with``
  block ends normally every file in it is fsynced and it is swapped into place (a pre-existing
  target is moved aside, the new directory renamed in, the old one deleted); when the block raises
  anything, KeyboardInterrupt included, the temporary directory is removed and a pre-existing
  target is untouched. During the swap itself SIGINT (and SIGTERM, when a Python handler such as
  the CLI's is installed for it) is held back (in the main thread) and raised right after as
  KeyboardInterrupt, so a Ctrl-C or a kill cannot land between the two renames.

POSIX cannot exchange two directories atomically, so between the two renames of a replacement
the target path briefly does not exist; it is never partially written.

Temporary siblings carry the writer's pid (``.NAME.PID-XXXX.tmp``, ``.NAME.tmp-PID-XXXX``,
``.NAME.old-PID-XXXX``). A writer killed outright (SIGKILL, a power cut) cannot remove its own,
so every write first removes those of writers that no longer run
(:func:`remove_stale_siblings`); a stale moved-aside old directory whose target is missing (the
kill landed between the two renames) is put back instead, so the target is again the old output.
:func:`check_writable` tries the target's directory before a long computation whose result
would otherwise be lost to a read-only or missing directory.
"""

from __future__ import annotations

import contextlib
import os
import re
import secrets
import shutil
import signal
import stat
import tempfile
import threading
from collections.abc import Iterator
from pathlib import Path
from types import FrameType

# Read the umask once (os.umask can only be read by setting it), to give new files the
# permissions a plain open() would; mkstemp/mkdtemp create 0600/0700.
_UMASK = os.umask(0o022)
os.umask(_UMASK)


def _fsync_dir(directory: Path) -> None:
    """Make a rename in ``directory`` durable (a no-op where directories cannot be opened)."""
    flags = os.O_RDONLY | getattr(os, "O_DIRECTORY", 0)
    try:
        fd = os.open(directory, flags)
    except OSError:  # pragma: no cover - Windows
        return
    try:
        os.fsync(fd)
    except OSError:  # pragma: no cover - some filesystems refuse fsync on directories
        pass
    finally:
        os.close(fd)


def _real_target(path: str | os.PathLike[str]) -> Path:
    """Write through a symlink rather than replacing the link itself."""
    p = Path(path)
    return p.resolve() if p.is_symlink() else p


def check_writable(path: str | os.PathLike[str]) -> None:
    """Raise :class:`OSError` (with ``strerror``) when a file or directory could not be written
    at ``path``: its nearest existing ancestor directory does not accept a new file (read-only,
    no permission, not a directory). Creates and removes one empty file there. A full disk
    usually passes (an empty file needs no blocks); the write itself then reports it."""
    target = _real_target(path)
    directory = target.parent
    while not directory.exists() and directory != directory.parent:
        directory = directory.parent  # the writers create missing parents
    fd, probe = tempfile.mkstemp(dir=directory, prefix=f".{target.name}.{os.getpid()}-", suffix=".tmp")
    os.close(fd)
    os.unlink(probe)


def _pid_running(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except OSError:  # EPERM: running, under another user
        return True
    return True


def _stale_pattern(name: str) -> re.Pattern[str]:
    escaped = re.escape(name)
    return re.compile(rf"^\.{escaped}\.(?:(?P<pid>\d+)-\w+\.tmp|(?P<kind>tmp|old)-(?P<dpid>\d+)-\w+)$")


def remove_stale_siblings(path: str | os.PathLike[str]) -> list[Path]:
    """Remove the temporary siblings of ``path`` left by writers of this module that no longer
    run (see the module docstring); returns what was removed or put back. Siblings of running
    writers, and names this module does not make, are never touched; errors are ignored (the
    next write tries again)."""
    target = _real_target(path)
    pattern = _stale_pattern(target.name)
    handled: list[Path] = []
    try:
        entries = sorted(target.parent.iterdir())
    except OSError:
        return handled
    for entry in entries:
        match = pattern.match(entry.name)
        if match is None or _pid_running(int(match["pid"] or match["dpid"])):
            continue
        with contextlib.suppress(OSError):
            if match["kind"] == "old" and not os.path.lexists(target):
                os.rename(entry, target)  # killed between the two renames: the old output is back
            elif entry.is_dir() and not entry.is_symlink():
                shutil.rmtree(entry)
            else:
                entry.unlink()
            handled.append(entry)
    return handled


def atomic_write_bytes(path: str | os.PathLike[str], data: bytes) -> None:
    """Replace ``path`` with ``data`` atomically (its directory must exist)."""
    target = _real_target(path)
    parent = target.parent
    remove_stale_siblings(target)
    try:
        mode = stat.S_IMODE(target.stat().st_mode)
    except FileNotFoundError:
        mode = 0o666 & ~_UMASK
    fd, tmp_name = tempfile.mkstemp(dir=parent, prefix=f".{target.name}.{os.getpid()}-", suffix=".tmp")
    try:
        with os.fdopen(fd, "wb") as f:
            f.write(data)
            f.flush()
            os.fsync(f.fileno())
        os.chmod(tmp_name, mode)
        os.replace(tmp_name, target)
    except BaseException:
        with contextlib.suppress(OSError):
            os.unlink(tmp_name)
        raise
    _fsync_dir(parent)


def atomic_write_text(path: str | os.PathLike[str], text: str, *, encoding: str = "utf-8") -> None:
    """Replace ``path`` with ``text`` atomically; no newline translation is done."""
    atomic_write_bytes(path, text.encode(encoding))


#: Signals held back during a directory swap when Python handles them (SIGTERM only where the
#: program installed a handler: by default it kills the process, and there is nothing to defer).
_DEFERRED_SIGNALS = tuple(getattr(signal, name) for name in ("SIGINT", "SIGTERM") if hasattr(signal, name))


@contextlib.contextmanager
def _sigint_deferred() -> Iterator[None]:
    """Hold back a Ctrl-C (and a handled SIGTERM) for the duration of the block, then raise
    KeyboardInterrupt."""
    if threading.current_thread() is not threading.main_thread():
        yield  # signals are only delivered to the main thread
        return
    # SIG_IGN / SIG_DFL (and handlers installed outside Python): nothing to defer.
    previous = {s: h for s in _DEFERRED_SIGNALS if callable(h := signal.getsignal(s))}
    received: list[int] = []

    def _hold(signum: int, frame: FrameType | None) -> None:
        received.append(signum)

    for signum in previous:
        signal.signal(signum, _hold)
    try:
        yield
    finally:
        for signum, handler in previous.items():
            signal.signal(signum, handler)
    if received:
        raise KeyboardInterrupt


def _fsync_tree(root: Path) -> None:
    for dirpath, _dirnames, filenames in os.walk(root):
        for name in filenames:
            fd = os.open(os.path.join(dirpath, name), os.O_RDONLY)
            try:
                os.fsync(fd)
            finally:
                os.close(fd)
        _fsync_dir(Path(dirpath))


def _unused_sibling(target: Path, tag: str) -> Path:
    while True:
        candidate = target.with_name(f".{target.name}.{tag}-{os.getpid()}-{secrets.token_hex(4)}")
        if not os.path.lexists(candidate):
            return candidate


@contextlib.contextmanager
def atomic_directory(path: str | os.PathLike[str]) -> Iterator[Path]:
    """Build a directory in a temporary sibling and swap it into ``path`` only on success.

    Parent directories are created. ``path`` must not be an existing non-directory. The caller
    decides whether replacing an existing directory is acceptable (see
    :func:`simgroup.results.export.write_outputs`, which refuses to replace foreign content).
    """
    target = _real_target(path)
    if target.exists() and not target.is_dir():
        raise NotADirectoryError(f"{target} exists and is not a directory")
    parent = target.parent
    parent.mkdir(parents=True, exist_ok=True)
    remove_stale_siblings(target)
    tmp = Path(tempfile.mkdtemp(dir=parent, prefix=f".{target.name}.tmp-{os.getpid()}-"))
    try:
        yield tmp
        _fsync_tree(tmp)
        os.chmod(tmp, 0o777 & ~_UMASK)
    except BaseException:
        shutil.rmtree(tmp, ignore_errors=True)
        raise
    with _sigint_deferred():
        backup: Path | None = None
        try:
            if target.exists():
                backup = _unused_sibling(target, "old")
                os.rename(target, backup)
            try:
                os.rename(tmp, target)
            except BaseException:
                if backup is not None:
                    os.rename(backup, target)
                    backup = None
                raise
        except BaseException:
            shutil.rmtree(tmp, ignore_errors=True)
            raise
        _fsync_dir(parent)
        if backup is not None:
            shutil.rmtree(backup, ignore_errors=True)
