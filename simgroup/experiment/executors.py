"""Where replications run: in this process, a local process pool, or a Dask cluster.

Contract
--------
:func:`make_executor` is a context manager yielding a ``concurrent.futures.Executor`` or None:

* ``workers == 1`` (and no ``dask``) → ``None``: run sequentially in this process (no pool to
  start, and test doubles of the engine keep working).
* ``workers = N > 1`` → a standard-library ``ProcessPoolExecutor`` with ``N`` workers, created
  with an explicit ``mp_context`` (the global start method is never changed). ``workers=None``
  means ``os.cpu_count()``.
* ``dask="local"`` → a ``distributed.LocalCluster(n_workers=workers or os.cpu_count(),
  threads_per_worker=1, processes=True)`` on the loopback interface without a dashboard, and
  ``Client.get_executor(pure=False)``. Any other string is the address of a running scheduler
  (``tcp://host:8786``); ``workers`` is then ignored (the cluster has its own).

Dask is imported only here and only when asked for; without it :class:`DaskNotInstalled` says
``pip install simgroup[dask]``. Connection problems raise :class:`ExecutorError`. The CLI maps both
to exit code 2.

Shutting down: on a normal exit the pool is shut down after its tasks; when the ``with`` body
raises (Ctrl-C, :class:`~simgroup.experiment.replications.RunCancelled`, an error) queued tasks
are cancelled (``shutdown(cancel_futures=True)``), running worker processes are terminated and
joined, so no worker outlives the call and Ctrl-C does not wait for a long replication to finish.
Pool workers ignore SIGINT: a terminal's Ctrl-C reaches the whole process group, and only the
parent should react to it (otherwise each worker would print its own KeyboardInterrupt traceback).

Start method: ``forkserver`` where the platform has it (POSIX), else ``spawn``. Plain ``fork`` is
faster to start (~0.2 s vs ~0.5 s for two workers here) but unsafe when the caller has threads,
and the TUI calls us from a worker thread; Python 3.14 made the same choice. Pass
``start_method`` to override. As with any non-fork start method, a script that uses a pool must
guard its entry point with ``if __name__ == "__main__":``.
"""

from __future__ import annotations

import contextlib
import logging
import multiprocessing
import os
import signal
import threading
from collections.abc import Iterator
from concurrent.futures import Executor, ProcessPoolExecutor
from contextlib import contextmanager
from typing import Any

from simgroup.errors import SimgroupError

#: Joining a terminated worker should be instant; this only bounds a pathological case.
_JOIN_SECONDS = 10.0
#: A worker's exit code when it exits because the process that started its pool is gone.
EXIT_ORPHANED = 70
#: How long the command line waits for the fork server and the resource tracker to stop.
_HELPER_STOP_SECONDS = 3.0
#: Set by terminate_pool (a one-element list: module state without a ``global`` statement).
_TERMINATED = [False]

DASK_HINT = "pip install simgroup[dask]"
#: How long to try reaching a remote Dask scheduler before giving up.
DASK_CONNECT_TIMEOUT = "10s"


class ExecutorError(SimgroupError, RuntimeError):
    """The executor could not be set up (bad worker count, unreachable Dask scheduler)."""


class DaskNotInstalled(ExecutorError):
    """``dask.distributed`` is not installed; the message says how to install it."""


def default_workers() -> int:
    """The number of workers used when none is given: the machine's CPU count."""
    return os.cpu_count() or 1


def default_start_method() -> str:
    """``forkserver`` where available, else ``spawn`` (see the module docstring for why)."""
    methods = multiprocessing.get_all_start_methods()
    return "forkserver" if "forkserver" in methods else "spawn"


def _init_worker() -> None:
    """Pool worker initializer: Ctrl-C is the parent's business (it tears the pool down), and
    the worker dies with the process that started the pool, however that one dies.

    A worker cannot notice on its own that its parent was killed (``kill -9``, the OOM killer):
    it waits for its next task on a pipe whose write end every worker also holds, so it never
    reads EOF; and it holds the fork server's "alive" pipe and the resource tracker's pipe, so
    those outlive the parent too, all of them keeping the caller's stdout and stderr open.
    ``PR_SET_PDEATHSIG`` does not help: a worker's parent is the fork server, not the pool's
    owner. ``multiprocessing`` does give each worker a sentinel of the process that asked for it
    (readable when that process is gone); a daemon thread waits on it and exits the worker, after
    which the fork server and the resource tracker see EOF and exit as well.
    """
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    parent = multiprocessing.parent_process()
    sentinel = getattr(parent, "sentinel", None)
    if sentinel is not None:
        threading.Thread(target=_exit_with_parent, args=(sentinel,), name="simgroup-parent-watch", daemon=True).start()


def _exit_with_parent(sentinel: int) -> None:
    from multiprocessing.connection import wait

    wait([sentinel])
    os._exit(EXIT_ORPHANED)


def stop_pool_helpers(timeout: float = _HELPER_STOP_SECONDS) -> None:
    """Stop the fork server and the resource tracker this process started, and wait for them,
    each for at most ``timeout`` seconds.

    They would exit on their own once this process is gone, but a second or so later: a caller
    that waits for every process it started (a CI step, a test, ``timeout``) would see them
    outlive the command. Call it once, when no pool is left (the command line does, on its way
    out). Uses the private ``_stop`` of both (no public API in any Python version), in a daemon
    thread: ``_stop`` takes a lock and waits for the process without a timeout, and a command on
    its way out must not hang on either. Whatever is not stopped in time exits by itself once
    this process is gone.
    """
    import sys

    if "multiprocessing" not in sys.modules or multiprocessing.active_children():
        return  # stopping them now would wait for the fork server until those children end
    for module_name, attribute in (
        ("multiprocessing.forkserver", "_forkserver"),
        ("multiprocessing.resource_tracker", "_resource_tracker"),
    ):
        helper = getattr(sys.modules.get(module_name), attribute, None)
        stop = getattr(helper, "_stop", None)
        if stop is not None:
            stopper = threading.Thread(target=_quietly, args=(stop,), name="simgroup-stop-helper", daemon=True)
            stopper.start()
            stopper.join(timeout)
            if stopper.is_alive():
                return  # the next one would wait for this one's lock


def _quietly(stop: Any) -> None:
    with contextlib.suppress(Exception):
        stop()


def pool_was_terminated() -> bool:
    """True once :func:`terminate_pool` stopped a pool in this process (an interrupt, a dead
    worker). The pool's management thread may then never end, and the interpreter joins it at
    exit without a timeout: a command line should leave with ``os._exit`` after flushing."""
    return _TERMINATED[0]


def import_distributed() -> Any:
    """``distributed``, or :class:`DaskNotInstalled` with the install hint."""
    try:
        import distributed
    except ImportError as exc:
        raise DaskNotInstalled(
            f"--dask needs dask.distributed, which is not installed: {DASK_HINT}"
        ) from exc
    return distributed


@contextmanager
def make_executor(
    workers: int | None = None,
    dask: str | None = None,
    *,
    start_method: str | None = None,
) -> Iterator[Executor | None]:
    """An executor for replications (or None for sequential); see the module docstring."""
    if workers is not None and (isinstance(workers, bool) or not isinstance(workers, int) or workers < 1):
        raise ExecutorError(f"workers must be a positive integer, got {workers!r}")
    if dask is not None:
        with _dask_executor(dask, workers) as executor:
            yield executor
        return
    n = default_workers() if workers is None else workers
    if n == 1:
        yield None
        return
    with _process_pool(n, start_method or default_start_method()) as pool:
        yield pool


@contextmanager
def _sigint_kept_from_children() -> Iterator[None]:
    """Start child processes (Dask's nannies and workers, the fork server) with SIGINT ignored,
    so that a terminal's Ctrl-C (sent to the whole process group) reaches only this process,
    which then stops the pool or closes the cluster cleanly, instead of every child printing its
    own KeyboardInterrupt traceback.

    Only an *ignored* disposition survives fork and exec (a blocked mask does not: Python resets
    it in the child), and Python installs no KeyboardInterrupt handler in a process that starts
    with SIGINT ignored. The price: a Ctrl-C during the cluster's start-up itself (about a
    second) is dropped; the next one works. (Blocking SIGINT here instead of dropping it does
    not help: Dask's IO-loop thread unblocks it and the kernel delivers it there.) Only from
    the main thread; elsewhere (the TUI's worker thread) nothing changes.
    """
    if threading.current_thread() is not threading.main_thread():
        yield
        return
    handler = signal.signal(signal.SIGINT, signal.SIG_IGN)
    try:
        yield
    finally:
        signal.signal(signal.SIGINT, handler)


@contextmanager
def _process_pool(workers: int, start_method: str) -> Iterator[ProcessPoolExecutor]:
    context = multiprocessing.get_context(start_method)
    if start_method == "forkserver":
        # Start the fork server (once per process) with SIGINT ignored: it then hands "ignored"
        # to every worker it forks, from their first instruction. The initializer below alone
        # leaves a window while a new worker boots, where a Ctrl-C printed its traceback.
        from multiprocessing import forkserver

        with _sigint_kept_from_children():
            forkserver.ensure_running()
    pool = _Pool(max_workers=workers, mp_context=context, initializer=_init_worker)
    try:
        yield pool
    except BaseException:
        terminate_pool(pool)
        raise
    else:
        pool.shutdown(wait=True)


class _Pool(ProcessPoolExecutor):
    """A process pool that can tell when one of its workers died.

    CPython's pool hangs for good when a worker is killed (kill -9, the OOM killer) while it
    writes a result: the pool's management thread blocks reading the half-written message and
    never notices the death, so the run's futures never finish. :func:`lost_worker` lets
    :func:`~simgroup.experiment.replications.execute` notice it anyway (it raises
    :class:`~simgroup.experiment.replications.WorkerLost`), and :func:`terminate_pool` unblocks
    the management thread.
    """

    def lost_worker(self) -> bool:
        """True once the pool is broken or a worker exited with an error or a signal."""
        if getattr(self, "_broken", False):
            return True
        try:
            processes = list((getattr(self, "_processes", None) or {}).values())
        except RuntimeError:  # resized by the management thread meanwhile; ask again next time
            return False
        return any(p.exitcode not in (None, 0) for p in processes)


def terminate_pool(pool: ProcessPoolExecutor) -> None:
    """Cancel queued tasks and stop the worker processes now (running tasks are abandoned).

    ``ProcessPoolExecutor`` has no public way to stop a running task before Python 3.14
    (``terminate_workers``), so the worker processes are taken from the pool's ``_processes``
    map; if that private attribute ever disappears we fall back to waiting for them.
    """
    _TERMINATED[0] = True
    processes = list((getattr(pool, "_processes", None) or {}).values())
    # shutdown() forgets its management thread, so keep it to wait for it below.
    manager = getattr(pool, "_executor_manager_thread", None)
    pool.shutdown(wait=False, cancel_futures=True)
    for process in processes:
        if process.is_alive():
            process.terminate()
    for process in processes:
        process.join(_JOIN_SECONDS)
    # With every worker gone, closing our end of the result pipe gives the management thread EOF:
    # it wakes up even if a killed worker left half a message in the pipe (see _Pool).
    writer = getattr(getattr(pool, "_result_queue", None), "_writer", None)
    if writer is not None:
        with contextlib.suppress(OSError):
            writer.close()
    if manager is not None:
        # It notices the dead workers and fails the tasks they held, so every future is done
        # when we return.
        manager.join(_JOIN_SECONDS)


@contextmanager
def _dask_executor(address: str, workers: int | None) -> Iterator[Executor]:
    distributed = import_distributed()
    cluster: Any = None
    client: Any = None
    try:
        try:
            if address == "local":
                # Loopback only: a local run must not open ports to the network. The scheduler's
                # HTTP endpoint gets a free port (a fixed 8787 clashes with any other cluster).
                with _sigint_kept_from_children():
                    cluster = distributed.LocalCluster(
                        n_workers=default_workers() if workers is None else workers,
                        threads_per_worker=1,
                        processes=True,
                        host="127.0.0.1",
                        dashboard_address="127.0.0.1:0",
                        # Closing the cluster mid-run (Ctrl-C, cancel) makes workers log warnings and
                        # heartbeat tracebacks; they are noise. A failing task still raises here.
                        silence_logs=logging.CRITICAL,
                    )
                client = distributed.Client(cluster, set_as_default=False)
            else:
                client = distributed.Client(address, timeout=DASK_CONNECT_TIMEOUT, set_as_default=False)
        except (OSError, TimeoutError) as exc:
            raise ExecutorError(f"cannot start or reach the Dask scheduler {address!r}: {exc}") from exc
        # pure=False: two identical tasks (a scenario compared with itself) are still two tasks,
        # and Dask does not hash every pickled scenario to build task keys.
        executor = client.get_executor(pure=False)
        try:
            yield executor
        except BaseException:
            executor.shutdown(wait=False)  # cancels the tasks still on the cluster
            raise
    finally:
        if client is not None:
            client.close()
        if cluster is not None:
            cluster.close()
