"""Work on both cores: a pool of two forked worker processes, where the system can fork.

Forked workers start in milliseconds and inherit what the parent has loaded (modules,
configuration, contexts) without copying it through pickles. Where fork is missing
(Windows), callers do the work one by one: starting fresh interpreters costs more than
the second core gives back at these sizes.
"""
from __future__ import annotations

import ctypes
import gc
import multiprocessing
import os
import signal
import sys
import threading
import time
from concurrent.futures import ProcessPoolExecutor
from contextlib import contextmanager
from collections.abc import Iterator

WORKERS = 2


def two_cores() -> bool:
    """Tell whether a forked pool can run here: two cores or more, and fork."""
    return (os.cpu_count() or 1) >= WORKERS and "fork" in multiprocessing.get_all_start_methods()


@contextmanager
def fork_pool(workers: int = WORKERS, **options) -> Iterator[ProcessPoolExecutor]:
    """Yield a pool of ``workers`` forked workers (``options`` as ProcessPoolExecutor takes
    them); each worker ends when this process ends.

    The parent's objects are frozen out of the garbage collector's reach while the pool
    runs, so that a collection in a worker does not write to their headers and copy the
    pages they sit on (measured at 3,000 units: 276-277 MB for all processes together,
    against 281-283 MB without).
    """
    options["initargs"] = (os.getpid(), options.pop("initializer", None),
                           options.pop("initargs", ()))
    options["initializer"] = _start_worker
    frozen_before = gc.get_freeze_count()         # kept frozen by ``collector_paused``
    gc.freeze()
    try:
        with ProcessPoolExecutor(max_workers=workers,
                                 mp_context=multiprocessing.get_context("fork"),
                                 **options) as pool:
            yield pool
    finally:
        if not frozen_before:
            gc.unfreeze()


@contextmanager
def collector_paused() -> Iterator[None]:
    """Pause Python's cyclic garbage collector while the run's data is built, then put what
    was built out of its reach for the rest of the run (``gc.freeze``).

    Reading, checking and building the documents' contexts make millions of small objects
    that live until the run ends and hold no cycles; each time they grew by a quarter the
    collector went through all of them (a 3,000-unit re-run spent 0.35 s of its 1.7 s
    there), and merely pausing it would leave them all to its next pass. Documents are
    rendered with the collector running, over what rendering makes: python-docx and Jinja
    leave cycles behind.
    """
    was_enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        gc.freeze()
        if was_enabled:
            gc.enable()


PR_SET_PDEATHSIG = 1            # linux/prctl.h


def _start_worker(parent: int, initializer, initargs) -> None:
    """Tie a worker's life to its parent's, then run the caller's initializer. A worker
    collects its garbage even when the parent paused its collector (``collector_paused``)."""
    gc.enable()
    end_with_parent(parent)
    if initializer is not None:
        initializer(*initargs)


def end_with_parent(parent: int) -> None:
    """Make this (forked) process end when the process ``parent`` ends, even killed by -9.

    Linux: the kernel sends SIGKILL on the parent's death (prctl PR_SET_PDEATHSIG). Other
    systems that fork: a thread watches the parent once a second. A worker holds nothing
    that needs cleaning: its temporary files are removed by the next run.
    """
    if sys.platform.startswith("linux"):
        try:
            libc = ctypes.CDLL(None, use_errno=True)
            if libc.prctl(PR_SET_PDEATHSIG, signal.SIGKILL, 0, 0, 0) == 0:
                if os.getppid() != parent:          # the parent died before prctl took effect
                    os._exit(1)
                return
        except (OSError, AttributeError):
            pass
    threading.Thread(target=_watch, args=(parent,), daemon=True, name="watch-parent").start()


def _watch(parent: int) -> None:
    while os.getppid() == parent:
        time.sleep(1)
    os._exit(1)
