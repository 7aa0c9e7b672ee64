"""Run one function over many inputs: in this process, in N processes, or on
a Dask cluster — results always come back in input order."""

from __future__ import annotations

import os
from collections import deque
from collections.abc import Callable, Iterable, Iterator
from typing import TYPE_CHECKING, TypeVar

from claimcli.errors import ClaimsError, say

if TYPE_CHECKING:
    from concurrent.futures import Future

T = TypeVar("T")
R = TypeVar("R")
IN_FLIGHT_PER_JOB = 4  # batches sent ahead per worker process
DASK_BATCH = 1000  # inputs in flight on a cluster at a time
DASK_CONNECT_SECONDS = 10


def default_jobs() -> int:
    return len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else (os.cpu_count() or 1)


def run_in_parallel(function: Callable[[list[T]], list[R]], inputs: Iterable[T], jobs: int = 1,
                    scheduler: str | None = None, on_death: Callable[[T], R] | None = None,
                    batch: int = 1) -> Iterator[R]:
    """`function` over `inputs`, `batch` of them a call (it gives one result per
    input: a call may share work among its inputs), in this process, in `jobs`
    processes or on a Dask cluster (a call per task); results in input order.
    `on_death(input)`: the result for an input whose worker process died on it
    (killed, out of memory)."""
    if scheduler:
        yield from _on_dask(function, inputs, scheduler, batch)
    elif jobs <= 1:
        for inputs_of_a_call in _batches(inputs, batch):
            yield from function(inputs_of_a_call)
    else:
        yield from _in_processes(function, _batches(inputs, batch), jobs, on_death)


def _in_processes(function: Callable[[list[T]], list[R]], batches: Iterable[list[T]], jobs: int,
                  on_death: Callable[[T], R] | None) -> Iterator[R]:
    """A pool of worker processes with a window of batches in flight. A worker
    that dies breaks the pool: the inputs it left unfinished are run again one
    at a time in a fresh pool, so the one that kills its worker again is named
    (`on_death`) and the others go on."""
    pending: deque[tuple[list[T], Future]] = deque()
    pool = _pool(jobs)
    finished = False
    try:
        for batch in batches:
            pending.append((batch, _submit(pool, function, batch)))
            if len(pending) >= jobs * IN_FLIGHT_PER_JOB:
                pool = yield from _first_done(pending, pool, function, jobs, on_death)
        while pending:
            pool = yield from _first_done(pending, pool, function, jobs, on_death)
        finished = True
    finally:
        _shut(pool, finished)


def _shut(pool, finished: bool) -> None:
    """A pool whose work is done is waited for: one left to end on its own may
    still be closing its pipes when Python exits, which then writes to a closed
    one (a traceback after a worker's death). One stopped early (Ctrl-C, the
    output closed) is not: its workers are told to stop and left."""
    pool.shutdown(wait=finished, cancel_futures=True)


def _submit(pool, function, item) -> Future:
    """The future of one input; a pool a dead worker broke gives a future that holds that."""
    from concurrent.futures import Future
    from concurrent.futures.process import BrokenProcessPool

    try:
        return pool.submit(function, item)
    except BrokenProcessPool as exc:
        broken: Future = Future()
        broken.set_exception(exc)
        return broken


def _first_done(pending: deque, pool, function, jobs: int, on_death):
    """Yield the first pending result; after a worker's death, every unfinished
    input is tried alone. Returns the pool to go on with."""
    from concurrent.futures.process import BrokenProcessPool

    batch, future = pending.popleft()
    try:
        yield from future.result()
        return pool
    except BrokenProcessPool:
        pool.shutdown(wait=False, cancel_futures=True)
        unfinished = [*batch, *(i for b, _ in pending for i in b)]
        say(f"claims: a worker process died (killed, or out of memory): its {len(unfinished)} unfinished "
            "input(s) are run again one at a time")
        pending.clear()
        alone = _pool(1)  # one input at a time: a death is the input's it was on
        finished = False
        try:
            for again in unfinished:
                try:
                    yield from _submit(alone, function, [again]).result()
                except BrokenProcessPool:
                    if on_death is None:
                        raise
                    yield on_death(again)
                    alone.shutdown(wait=False, cancel_futures=True)
                    alone = _pool(1)
            finished = True
        finally:
            _shut(alone, finished)
        return _pool(jobs)


def _pool(jobs: int):
    import multiprocessing
    from concurrent.futures import ProcessPoolExecutor

    # forkserver: workers start clean (no copy of a half-used Sudachi), and
    # load the dictionary once each.
    return ProcessPoolExecutor(jobs, mp_context=multiprocessing.get_context("forkserver"),
                               initializer=_leave_interrupts_to_the_parent)


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


def _on_dask(function: Callable[[list[T]], list[R]], inputs: Iterable[T], address: str,
             batch: int) -> Iterator[R]:
    """DASK_BATCH inputs at a time, so that memory stays bounded by two of them:
    the next are sent before the results of these are fetched, all at once
    (one result at a time cost a round trip each: most of a run's time). A
    task is one call (a task per input cost the scheduler more than the work)."""
    with dask_client(address) as client:
        running: list = []
        for window in _batches(inputs, DASK_BATCH):
            sent = client.map(function, list(_batches(window, batch)), pure=False)
            yield from (r for results in client.gather(running) for r in results)
            running = sent
        yield from (r for results in client.gather(running) for r in results)


def _batches(inputs: Iterable[T], size: int) -> Iterator[list[T]]:
    batch: list[T] = []
    for item in inputs:
        batch.append(item)
        if len(batch) == size:
            yield batch
            batch = []
    if batch:
        yield batch
