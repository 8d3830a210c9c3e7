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
import os
import signal
import sys
import time
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from multiprocessing.connection import Connection
from typing import TYPE_CHECKING, Any

from graph._errors import GraphError
from graph.serve._jobs import Job, Reply

if TYPE_CHECKING:
    from graph._graph import PartnershipGraph

log = logging.getLogger("graph.serve")

STARTUP_SECONDS = 120.0
"""How long a worker may take to load the graph."""


class Busy(GraphError):
    """Every worker stayed busy for the whole time limit."""


class TimedOut(GraphError):
    """A query passed its time limit and its worker was stopped."""


class WorkerLost(GraphError):
    """A worker died while answering (for example, killed by the system for lack of memory)."""


@dataclass(frozen=True)
class Source:
    """Where every worker reads the graph from, fixed when the server starts.

    ``kind`` is ``snapshot`` (an N-Quads file of the merged graph, written at start) or ``store``
    (one built on-disk store generation, pinned for as long as the server runs), so a data file
    edited, broken or rebuilt while serving never changes what a new worker loads.
    """

    kind: str
    path: str
    files: tuple[str, ...] = ()
    triples: int = 0


def _worker_main(conn: Connection, source: Source, max_bytes: int, memory: int | None, isolate: bool) -> None:
    """A worker process: leave the network, cap memory, load the graph once, then answer jobs."""
    signal.signal(signal.SIGINT, signal.SIG_IGN)  # the server stops its workers itself
    os.environ["RUST_BACKTRACE"] = "0"  # a panic's report stays one line in the server's log
    from graph import _sandbox

    if not _sandbox.cut_network() and isolate:
        conn.send(Reply("failed", message="cannot cut the query worker off the network (unshare refused)"))
        return
    _sandbox.limit_memory(memory)
    try:
        kg = _load(source)
    except (GraphError, OSError, RuntimeError, SyntaxError, MemoryError) as err:
        conn.send(Reply("failed", message=f"cannot load the graph: {err}"))
        return
    conn.send(Reply("ok", body=str(len(kg)).encode()))
    from graph.serve._jobs import answer

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


def _load(source: Source) -> PartnershipGraph:
    import pyoxigraph as ox

    from graph._graph import PartnershipGraph

    if source.kind == "store":
        from graph.store._ondisk import open_generation

        return PartnershipGraph(open_generation(source.path), source.files)
    store = ox.Store()
    store.bulk_load(path=source.path, format=ox.RdfFormat.N_QUADS)
    return PartnershipGraph(store, source.files)


class _Worker:
    """One worker process and the parent's end of its pipe."""

    def __init__(self, source: Source, max_bytes: int, memory: int | None, isolate: bool) -> None:
        context = multiprocessing.get_context("spawn")
        self.conn, child = context.Pipe()
        self.process = context.Process(
            target=_worker_main,
            args=(child, source, max_bytes, memory, isolate),
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
            self.stop()
            raise GraphError(
                f"a query worker exited while loading the graph (status {self.process.exitcode})"
            ) from None
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
    """A fixed number of worker processes holding the graph, used one job at a time each.

    A worker that cannot be restarted never stops the others: the pool keeps serving with the
    workers it has, retries in the background, and reports the failure in :meth:`health` and
    on stderr. Every worker loads the same ``source``, fixed at start.
    """

    def __init__(
        self,
        source: Source,
        workers: int = 2,
        max_bytes: int = 50_000_000,
        memory: int | None = None,
        isolate: bool = True,
    ) -> None:
        self.source = source
        self.size = max(1, workers)
        self.max_bytes = max_bytes
        self.memory = memory
        self.isolate = isolate
        self.triples = 0
        self.restarts = 0
        self.last_error: str | None = None
        self.data_changed = False
        self._started_key = _files_key(source.files)
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
        worker = _Worker(self.source, self.max_bytes, self.memory, self.isolate)
        self._all.add(worker)
        try:
            worker.wait_ready()
        except GraphError:
            self._all.discard(worker)
            raise
        return worker

    def health(self) -> dict[str, object]:
        """What the pool is doing: ``ok``, ``degraded`` (fewer workers than asked) or ``down``."""
        alive = len(self._all)
        status = "ok" if alive >= self.size and not self._respawns else ("degraded" if alive else "down")
        return {
            "status": status,
            "workers": alive,
            "workers_configured": self.size,
            "restarts": self.restarts,
            "triples": self.triples,
            "source": self.source.kind,
            "network_isolated": self.isolate,
            "data_changed_since_start": self.data_changed,
            "last_error": self.last_error,
        }

    async def run(self, job: Job, timeout: float) -> Reply:
        """Answer a job within ``timeout`` seconds of a worker taking it (Busy, TimedOut, WorkerLost)."""
        if not self._all and self.last_error:
            raise Busy(f"no query worker is running ({self.last_error}); retrying in the background")
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
            raise WorkerLost(self._lost_message(worker)) from None
        except BaseException:  # cancelled: the worker may still be busy with this job
            self._replace(worker)
            raise
        self._idle.put_nowait(worker)
        return reply

    def _lost_message(self, worker: _Worker) -> str:
        worker.process.join(1)
        limit = f" or passed the worker's memory limit of {self.memory // 2**20} MB" if self.memory else ""
        return (
            f"the query worker died while answering (Oxigraph aborted: a known crash{limit}; "
            f"see docs/endpoint.md, 'Known Oxigraph crashes'); it is being restarted"
        )

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
        self._note_data_change()
        delay = 0.5
        while not self._closed:
            try:
                worker = await loop.run_in_executor(self._threads, self._spawn)
            except GraphError as err:
                self.last_error = f"could not restart a query worker: {err}"
                log.error("kg serve: %s", self.last_error)
                print(
                    f"kg serve: error: {self.last_error}; retrying in {delay:g} s",
                    file=sys.stderr,
                    flush=True,
                )
                await asyncio.sleep(delay)
                delay = min(delay * 2, 30.0)
                continue
            self.restarts += 1
            if self._closed:
                worker.stop()
            else:
                self._idle.put_nowait(worker)
            return

    def _note_data_change(self) -> None:
        """Say once (stderr and health) that the data files changed since the server started."""
        if self.data_changed or _files_key(self.source.files) == self._started_key:
            return
        self.data_changed = True
        print(
            "kg serve: warning: the data files changed since the server started; it keeps serving "
            "the graph it started with (restart kg serve to load the change)",
            file=sys.stderr,
            flush=True,
        )

    async def close(self) -> None:
        """Stop every worker."""
        self._closed = True
        for task in list(self._respawns):
            task.cancel()
        for worker in list(self._all):
            worker.stop()
        self._all.clear()
        self._threads.shutdown(wait=False, cancel_futures=True)


def _files_key(files: tuple[str, ...]) -> str:
    """The data files' paths, sizes and modification times (a missing file counts as a change)."""
    parts = []
    for path in files:
        try:
            stat = os.stat(path)
            parts.append(f"{path}\0{stat.st_size}\0{stat.st_mtime_ns}")
        except OSError:
            parts.append(f"{path}\0missing")
    return "\n".join(parts)


def prepare_source(
    data: tuple[str, ...], store: str | None, scratch: str, corpus_only: bool = False
) -> tuple[Source, Any]:
    """Fix what the workers will load: a snapshot in ``scratch``, or the store's current generation
    (``corpus_only``: without the ``*.reported.*`` files).

    Returns the Source and a handle to keep open while serving (a store generation's read lock).
    GraphError when the data cannot be loaded or the store is not built.
    """
    from graph.store._files import data_files

    files = tuple(data_files(data, corpus_only=corpus_only))
    if store is not None:
        from graph.store._ondisk import pin_generation

        path, lock = pin_generation(files, store)
        return Source("store", path, files), lock
    import pyoxigraph as ox

    from graph._graph import PartnershipGraph

    started = time.perf_counter()
    kg = PartnershipGraph.load(*data, corpus_only=corpus_only)
    path = os.path.join(scratch, "graph.nq")
    try:
        kg.store.dump(path, format=ox.RdfFormat.N_QUADS)
    except OSError as err:
        raise GraphError(
            f"cannot write the served graph's snapshot in {scratch}: {err.strerror or err}"
        ) from None
    log.info("kg serve: snapshot of %d triples in %.1f s", len(kg), time.perf_counter() - started)
    return Source("snapshot", path, files, len(kg)), None


__all__ = ["Busy", "Source", "TimedOut", "WorkerLost", "WorkerPool", "prepare_source"]
