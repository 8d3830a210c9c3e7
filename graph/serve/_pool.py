"""Worker processes that answer ``kg serve`` queries, each stopped if it passes its deadline.

An Oxigraph evaluation cannot be interrupted from Python, so queries never run in the server's
own process: each worker process loads the graph once and answers Jobs sent over a pipe. When a
job passes its time limit the worker is killed (which always works) and a fresh one is started
in the background; the other workers keep serving. Waiting for a free worker is bounded too.
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
import multiprocessing
import signal
from collections.abc import Sequence
from concurrent.futures import ThreadPoolExecutor
from multiprocessing.connection import Connection

from graph._errors import GraphError
from graph.serve._jobs import Job, Reply

log = logging.getLogger("graph.serve")

STARTUP_SECONDS = 120.0
"""How long a worker may take to load the graph."""


class Busy(GraphError):
    """Every worker stayed busy for the whole time limit."""


class TimedOut(GraphError):
    """A query passed its time limit and its worker was stopped."""


class WorkerLost(GraphError):
    """A worker died while answering (for example, killed by the system for lack of memory)."""


def _worker_main(conn: Connection, data: Sequence[str], max_bytes: int, store: str | None) -> None:
    """A worker process: load the graph once, then answer jobs until the pipe closes.

    With ``store``, every worker opens the same built on-disk store read-only.
    """
    signal.signal(signal.SIGINT, signal.SIG_IGN)  # the server stops its workers itself
    from graph._graph import PartnershipGraph
    from graph.serve._jobs import answer

    try:
        kg = PartnershipGraph.load(*data, store=store, read_only=store is not None)
    except GraphError as err:
        conn.send(Reply("failed", message=str(err)))
        return
    conn.send(Reply("ok", body=str(len(kg)).encode()))
    while True:
        try:
            job = conn.recv()
        except (EOFError, OSError):
            return
        try:
            reply = answer(kg, job, max_bytes)
        except Exception as err:  # a bug must not take the worker down with it
            reply = Reply("failed", message=f"{type(err).__name__}: {err}")
        conn.send(reply)


class _Worker:
    """One worker process and the parent's end of its pipe."""

    def __init__(self, data: Sequence[str], max_bytes: int, store: str | None = None) -> None:
        context = multiprocessing.get_context("spawn")
        self.conn, child = context.Pipe()
        self.process = context.Process(
            target=_worker_main,
            args=(child, tuple(data), max_bytes, store),
            daemon=True,
            name="kg-serve-worker",
        )
        self.process.start()
        child.close()
        self.triples = 0

    def wait_ready(self) -> None:
        """Block until the worker has loaded the graph; GraphError if it could not."""
        if not self.conn.poll(STARTUP_SECONDS):
            self.stop()
            raise GraphError(f"a query worker did not start within {STARTUP_SECONDS:g} s")
        try:
            reply: Reply = self.conn.recv()
        except EOFError:
            raise GraphError("a query worker exited while loading the graph") from None
        if reply.status != "ok":
            self.stop()
            raise GraphError(reply.message)
        self.triples = int(reply.body)

    def call(self, job: Job) -> Reply:
        """Send a job and block for its reply (run in a thread)."""
        self.conn.send(job)
        reply: Reply = self.conn.recv()
        return reply

    def stop(self) -> None:
        """Kill the process and close the pipe."""
        if self.process.is_alive():
            self.process.kill()
        self.process.join(5)
        with contextlib.suppress(OSError):
            self.conn.close()


class WorkerPool:
    """A fixed number of worker processes holding the graph, used one job at a time each."""

    def __init__(
        self,
        data: Sequence[str] = (),
        workers: int = 2,
        max_bytes: int = 50_000_000,
        store: str | None = None,
    ) -> None:
        self.data = tuple(str(d) for d in data)
        self.store = store
        self.size = max(1, workers)
        self.max_bytes = max_bytes
        self.triples = 0
        self._threads = ThreadPoolExecutor(max_workers=2 * self.size + 2, thread_name_prefix="kg-pool")
        self._idle: asyncio.Queue[_Worker] = asyncio.Queue()
        self._all: set[_Worker] = set()
        self._closed = False
        self._respawns: set[asyncio.Task[None]] = set()

    async def start(self) -> None:
        """Start every worker and wait until each has loaded the graph."""
        loop = asyncio.get_running_loop()
        started = await asyncio.gather(
            *(loop.run_in_executor(self._threads, self._spawn) for _ in range(self.size)),
            return_exceptions=True,
        )
        failed = [s for s in started if isinstance(s, BaseException)]
        workers = [s for s in started if isinstance(s, _Worker)]
        if failed:
            for worker in workers:
                worker.stop()
            raise failed[0]
        self.triples = workers[0].triples
        for worker in workers:
            self._idle.put_nowait(worker)

    def _spawn(self) -> _Worker:
        worker = _Worker(self.data, self.max_bytes, self.store)
        self._all.add(worker)
        try:
            worker.wait_ready()
        except GraphError:
            self._all.discard(worker)
            raise
        return worker

    async def run(self, job: Job, timeout: float) -> Reply:
        """Answer a job within ``timeout`` seconds of a worker taking it (Busy, TimedOut, WorkerLost)."""
        try:
            worker = await asyncio.wait_for(self._idle.get(), timeout)
        except asyncio.TimeoutError:
            raise Busy(
                f"all {self.size} query workers stayed busy for {timeout:g} s; try again later"
            ) from None
        loop = asyncio.get_running_loop()
        try:
            reply = await asyncio.wait_for(loop.run_in_executor(self._threads, worker.call, job), timeout)
        except asyncio.TimeoutError:
            self._replace(worker)
            raise TimedOut(f"the query ran longer than the {timeout:g} s allowed and was stopped") from None
        except (EOFError, OSError):
            self._replace(worker)
            raise WorkerLost("the query worker stopped unexpectedly while answering") from None
        except BaseException:  # cancelled: the worker may still be busy with this job
            self._replace(worker)
            raise
        self._idle.put_nowait(worker)
        return reply

    def _replace(self, worker: _Worker) -> None:
        """Kill a worker and start a fresh one in the background."""
        self._all.discard(worker)
        worker.process.kill()
        if self._closed:
            return
        task = asyncio.get_running_loop().create_task(self._respawn(worker))
        self._respawns.add(task)
        task.add_done_callback(self._respawns.discard)

    async def _respawn(self, old: _Worker) -> None:
        loop = asyncio.get_running_loop()
        await loop.run_in_executor(self._threads, old.stop)
        delay = 0.5
        while not self._closed:
            try:
                worker = await loop.run_in_executor(self._threads, self._spawn)
            except GraphError as err:
                log.error("kg serve: could not restart a query worker: %s", err)
                await asyncio.sleep(delay)
                delay = min(delay * 2, 30.0)
                continue
            if self._closed:
                worker.stop()
            else:
                self._idle.put_nowait(worker)
            return

    async def close(self) -> None:
        """Stop every worker."""
        self._closed = True
        for task in list(self._respawns):
            task.cancel()
        for worker in list(self._all):
            worker.stop()
        self._all.clear()
        self._threads.shutdown(wait=False, cancel_futures=True)


__all__ = ["Busy", "TimedOut", "WorkerLost", "WorkerPool"]
