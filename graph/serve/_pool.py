"""Worker processes that answer ``kg serve`` queries, each stopped if it passes its deadline.

An Oxigraph evaluation cannot be interrupted from Python, so queries never run in the server's
own process: each worker process loads the graph once and answers Jobs sent over a pipe. When a
job passes its time limit the worker is killed (which always works) and a fresh one is started
in the background; the other workers keep serving. Waiting for a free worker is bounded too.
"""

from __future__ import annotations

import asyncio
import logging
import sys
import threading
from concurrent.futures import ThreadPoolExecutor

from graph._errors import GraphError
from graph.serve._jobs import Job, Reply
from graph.serve._source import Source, files_key, prepare_source
from graph.serve._worker import Room, Worker

log = logging.getLogger("graph.serve")


class Busy(GraphError):
    """Every worker stayed busy for the whole time limit."""


class TimedOut(GraphError):
    """A query passed its time limit and its worker was stopped."""


class WorkerLost(GraphError):
    """A worker died while answering (for example, killed by the system for lack of memory)."""


class Budget:
    """Bytes of large answers the server holds at once (thread-safe): reserved, then released."""

    def __init__(self, limit: int) -> None:
        self.limit = limit
        self.used = 0
        self._lock = threading.Lock()

    def reserve(self, size: int) -> bool:
        """Reserve ``size`` bytes; False (nothing reserved) when that would pass the limit."""
        with self._lock:
            if self.used + size > self.limit:
                return False
            self.used += size
            return True

    def release(self, size: int) -> None:
        """Give back bytes reserved earlier."""
        with self._lock:
            self.used = max(0, self.used - size)


class _Claim:
    """Who owns a reply's reserved bytes when the caller may give up waiting for it."""

    def __init__(self) -> None:
        self.lock = threading.Lock()
        self.abandoned = False
        self.reply: Reply | None = None

    def deliver(self, reply: Reply, room: Room | None) -> None:
        with self.lock:
            if self.abandoned and room is not None:
                room.release(reply.reserved)
            self.reply = reply

    def abandon(self, room: Room | None) -> None:
        with self.lock:
            self.abandoned = True
            if self.reply is not None and room is not None:
                room.release(self.reply.reserved)


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
        nice: int = 0,
    ) -> None:
        self.source = source
        self.size = max(1, workers)
        self.max_bytes = max_bytes
        self.memory = memory
        self.isolate = isolate
        self.nice = nice
        """Added to the workers' scheduling niceness (lower priority than the server's)."""
        self.triples = 0
        self.restarts = 0
        self.last_error: str | None = None
        self.data_changed = False
        self._started_key = files_key(source.files)
        self._threads = ThreadPoolExecutor(max_workers=2 * self.size + 2, thread_name_prefix="kg-pool")
        self._idle: asyncio.Queue[Worker] = asyncio.Queue()
        self._all: set[Worker] = set()
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
        workers = [s for s in started if isinstance(s, Worker)]
        if failed:
            for worker in workers:
                worker.stop()
            raise failed[0]
        self.triples = workers[0].triples
        for worker in workers:
            self._idle.put_nowait(worker)

    def _spawn(self) -> Worker:
        worker = Worker(self.source, self.max_bytes, self.memory, self.isolate, self.nice)
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

    def try_take(self) -> Worker | None:
        """An idle worker if one is free right now (give it back with :meth:`run_on`)."""
        try:
            return self._idle.get_nowait()
        except asyncio.QueueEmpty:
            return None

    async def take(self, timeout: float) -> Worker:
        """The next idle worker, waiting at most ``timeout`` seconds (Busy past that)."""
        if not self._all and self.last_error:
            raise Busy(f"no query worker is running ({self.last_error}); retrying in the background")
        try:
            return await asyncio.wait_for(self._idle.get(), timeout)
        except asyncio.TimeoutError:
            raise Busy(
                f"all {self.size} query workers stayed busy for {timeout:g} s; try again later"
            ) from None

    async def run(self, job: Job, timeout: float, room: Room | None = None) -> Reply:
        """Answer a job within ``timeout`` seconds of a worker taking it (Busy, TimedOut, WorkerLost)."""
        return await self.run_on(await self.take(timeout), job, timeout, room)

    async def run_on(self, worker: Worker, job: Job, timeout: float, room: Room | None = None) -> Reply:
        """Answer a job on one of this pool's workers, taken with :meth:`take` or :meth:`try_take`.

        A large answer's bytes are reserved in ``room`` (see Worker.call); a caller that gets
        the reply releases them once it has been sent, and a reply nobody waits for any more
        releases its own.
        """
        claim = _Claim()

        def call() -> Reply:
            reply = worker.call(job, room)
            claim.deliver(reply, room)
            return reply

        try:
            reply = await asyncio.wait_for(asyncio.wrap_future(self._threads.submit(call)), timeout)
        except asyncio.TimeoutError:
            claim.abandon(room)
            self._replace(worker)
            raise TimedOut(f"the query ran longer than the {timeout:g} s allowed and was stopped") from None
        except (EOFError, OSError):
            self._replace(worker)
            raise WorkerLost(self._lost_message(worker)) from None
        except BaseException:  # cancelled: the worker may still be busy with this job
            claim.abandon(room)
            self._replace(worker)
            raise
        self._idle.put_nowait(worker)
        return reply

    def _lost_message(self, worker: Worker) -> str:
        worker.process.join(1)
        limit = f" or passed the worker's memory limit of {self.memory // 2**20} MB" if self.memory else ""
        return (
            f"the query worker died while answering (Oxigraph aborted: a known crash{limit}; "
            f"see docs/endpoint.md, 'Known Oxigraph crashes'); it is being restarted"
        )

    def _replace(self, worker: Worker) -> None:
        """Kill a worker and start a fresh one in the background."""
        self._all.discard(worker)
        worker.process.kill()
        if self._closed:
            return
        task = asyncio.get_running_loop().create_task(self._respawn(worker))
        self._respawns.add(task)
        task.add_done_callback(self._respawns.discard)

    async def _respawn(self, old: Worker) -> None:
        loop = asyncio.get_running_loop()
        await loop.run_in_executor(self._threads, old.stop)
        self._note_data_change()
        delay = 0.5
        while not self._closed:
            try:
                worker = await loop.run_in_executor(self._threads, self._spawn)
            except (GraphError, OSError) as err:  # OSError: no file descriptor or process left now
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
        if self.data_changed or files_key(self.source.files) == self._started_key:
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


__all__ = ["Budget", "Busy", "Source", "TimedOut", "WorkerLost", "WorkerPool", "prepare_source"]
