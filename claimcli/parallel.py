"""Run one function over many inputs: in this process, in N processes, or on
a Dask cluster — results always come back in input order."""

from __future__ import annotations

import os
from collections.abc import Callable, Iterable, Iterator
from typing import TypeVar

from claimcli.errors import ClaimsError

T = TypeVar("T")
R = TypeVar("R")
CHUNK = 8  # inputs a worker process takes at a time
DASK_BATCH = 1000  # inputs in flight on a cluster at a time
DASK_CONNECT_SECONDS = 10


def default_jobs() -> int:
    return len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else (os.cpu_count() or 1)


def run_in_parallel(function: Callable[[T], R], inputs: Iterable[T], jobs: int = 1,
                    scheduler: str | None = None) -> Iterator[R]:
    if scheduler:
        yield from _on_dask(function, inputs, scheduler)
    elif jobs <= 1:
        yield from map(function, inputs)
    else:
        yield from _in_processes(function, inputs, jobs)


def _in_processes(function: Callable[[T], R], inputs: Iterable[T], jobs: int) -> Iterator[R]:
    import multiprocessing

    # forkserver: workers start clean (no copy of a half-used Sudachi), and
    # load the dictionary once each.
    context = multiprocessing.get_context("forkserver")
    with context.Pool(jobs, initializer=_leave_interrupts_to_the_parent) as pool:
        yield from pool.imap(function, inputs, chunksize=CHUNK)


def _leave_interrupts_to_the_parent() -> None:
    """Ctrl-C reaches every process of the terminal: the parent stops the pool;
    a worker printing its own KeyboardInterrupt traceback would only add noise."""
    import signal

    signal.signal(signal.SIGINT, signal.SIG_IGN)


def dask_client(address: str):
    """A client of the Dask cluster at `address`, or a ClaimsError within 10 s that says why not."""
    try:
        from dask.distributed import Client
    except ImportError:
        raise ClaimsError("--scheduler needs Dask: pip install 'claims[dask]'") from None
    try:
        return Client(address, timeout=DASK_CONNECT_SECONDS)
    except (OSError, TimeoutError, ValueError) as exc:
        raise ClaimsError(f"--scheduler {address}: cannot reach the Dask scheduler ({exc})") from None


def _on_dask(function: Callable[[T], R], inputs: Iterable[T], address: str) -> Iterator[R]:
    """Batches of inputs at a time, so that memory stays bounded by a batch."""
    with dask_client(address) as client:
        for batch in _batches(inputs, DASK_BATCH):
            for future in client.map(function, batch, pure=False):
                yield future.result()


def _batches(inputs: Iterable[T], size: int) -> Iterator[list[T]]:
    batch: list[T] = []
    for item in inputs:
        batch.append(item)
        if len(batch) == size:
            yield batch
            batch = []
    if batch:
        yield batch
