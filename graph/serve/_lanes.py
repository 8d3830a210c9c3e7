"""Where each ``kg serve`` request runs, so that no kind of client can starve another.

* **Ad-hoc SPARQL** runs on the ad-hoc workers (``--workers``), and each client (by address)
  may have at most ``per_client`` queries running or waiting at once, so one client cannot
  hold every worker however many connections it opens.
* **Named queries** on the packaged questions run on a worker of their own (or an ad-hoc
  worker that is idle right now), never queued behind ad-hoc text; their small answers are
  kept (the graph is fixed while the server runs), so a repeated question costs no worker.
* **The explorer page** is built once per server (the data version it serves), by one worker,
  however many requests ask for it at the same time; a failure is remembered.
* Ad-hoc workers run at a lower CPU priority (``AD_HOC_NICE``) than the HTTP process and
  the named lane.
* Large answers hold bytes of one shared :class:`~graph.serve._pool.Budget` until sent.
"""

from __future__ import annotations

import asyncio
import contextlib
from collections import OrderedDict
from collections.abc import AsyncIterator
from typing import Any

from graph._errors import GraphError
from graph.serve._jobs import Job, Reply
from graph.serve._pool import Budget, Busy, TimedOut, WorkerLost, WorkerPool
from graph.serve._source import Source

AD_HOC_NICE = 10
"""Ad-hoc workers run at a lower CPU priority than the server process and the named lane, so a
slow query burns only CPU time nothing else wants."""

EXPLORE_SECONDS = 600.0
"""How long building the explorer page may take (it is built once, in the background)."""

CACHE_ENTRY_BYTES = 262_144
CACHE_BYTES = 32_000_000
"""Named-query answers up to CACHE_ENTRY_BYTES are kept, the most recently used up to CACHE_BYTES."""


class Lanes:
    """The ad-hoc pool, the named-query lane, the answer cache and budget, the explorer page."""

    def __init__(
        self,
        source: Source,
        workers: int = 2,
        max_bytes: int = 50_000_000,
        memory: int | None = None,
        isolate: bool = True,
        answer_bytes: int = 200_000_000,
        per_client: int | None = None,
    ) -> None:
        self.adhoc = WorkerPool(source, workers, max_bytes, memory, isolate, nice=AD_HOC_NICE)
        self.named = WorkerPool(source, 1, max_bytes, memory, isolate)
        self.budget = Budget(answer_bytes)
        self.per_client = per_client or max(1, workers - 1)
        self.explorer_builds = 0
        self._clients: dict[str, tuple[asyncio.Semaphore, list[int]]] = {}
        self._cache: OrderedDict[tuple[object, ...], Reply] = OrderedDict()
        self._cached_bytes = 0
        self._page: bytes | None = None
        self._page_error: str | None = None
        self._build: asyncio.Task[bytes] | None = None
        self.held: Any = None
        """Kept open while serving, closed with the lanes (a store generation's read lock)."""

    @property
    def isolate(self) -> bool:
        return self.adhoc.isolate

    @property
    def triples(self) -> int:
        return self.adhoc.triples

    @property
    def size(self) -> int:
        return self.adhoc.size

    async def start(self) -> None:
        """Start every worker of both lanes (GraphError, after stopping them, if one cannot)."""
        started = await asyncio.gather(self.adhoc.start(), self.named.start(), return_exceptions=True)
        failed = [s for s in started if isinstance(s, BaseException)]
        if failed:
            await self.close()
            raise failed[0]

    async def close(self) -> None:
        """Stop every worker and the explorer build."""
        if self._build is not None:
            self._build.cancel()
        await self.adhoc.close()
        await self.named.close()
        if self.held is not None:
            self.held.close()
            self.held = None

    @contextlib.asynccontextmanager
    async def _client_turn(self, client: str, timeout: float) -> AsyncIterator[None]:
        """Hold one of the client's ``per_client`` turns (Busy after ``timeout`` s of waiting)."""
        turns, waiting = self._clients.setdefault(client, (asyncio.Semaphore(self.per_client), [0]))
        waiting[0] += 1
        try:
            try:
                await asyncio.wait_for(turns.acquire(), timeout)
            except asyncio.TimeoutError:
                raise Busy(
                    f"this client already has {self.per_client} queries running here; "
                    "wait for them before sending more"
                ) from None
            try:
                yield
            finally:
                turns.release()
        finally:
            waiting[0] -= 1
            if not waiting[0]:
                del self._clients[client]

    async def sparql(self, job: Job, client: str, timeout: float) -> Reply:
        """Run ad-hoc SPARQL text on an ad-hoc worker, within the client's share of them."""
        async with self._client_turn(client, timeout):
            return await self.adhoc.run(job, timeout, self.budget)

    async def named_query(self, job: Job, timeout: float) -> Reply:
        """Answer a named query from the cache, its own lane, or an idle ad-hoc worker."""
        key = (job.text, job.params, job.select_format, job.graph_format)
        cached = self._cache.get(key)
        if cached is not None:
            self._cache.move_to_end(key)
            return cached
        pool, worker = self.named, self.named.try_take()
        if worker is None:
            pool, worker = self.adhoc, self.adhoc.try_take()
        if worker is None:
            pool, worker = self.named, await self.named.take(timeout)
        reply = await pool.run_on(worker, job, timeout, self.budget)
        if reply.status in ("ok", "unknown-query") and len(reply.body) <= CACHE_ENTRY_BYTES:
            self._keep(key, reply)
        return reply

    def _keep(self, key: tuple[object, ...], reply: Reply) -> None:
        if key in self._cache or reply.parts:
            return
        self._cache[key] = reply
        self._cached_bytes += len(reply.body) + len(repr(key))
        while self._cached_bytes > CACHE_BYTES:
            old_key, old = self._cache.popitem(last=False)
            self._cached_bytes -= len(old.body) + len(repr(old_key))

    async def explorer(self, wait: float) -> bytes:
        """The explorer page: built once (one worker, whoever asks); Busy while it is still being
        built after ``wait`` seconds, GraphError if building it failed."""
        if self._page is not None:
            return self._page
        if self._page_error is not None:
            raise GraphError(self._page_error)
        if self._build is None:
            self._build = asyncio.get_running_loop().create_task(self._make_page())
            self._build.add_done_callback(_retrieved)
        try:
            return await asyncio.wait_for(asyncio.shield(self._build), wait)
        except asyncio.TimeoutError:
            raise Busy("the explorer page is being built for this graph; try again in a minute") from None

    async def _make_page(self) -> bytes:
        self.explorer_builds += 1
        try:
            reply = await self.adhoc.run(Job("explore"), EXPLORE_SECONDS)
        except Busy:
            self._build = None  # no worker came free: the next request tries again
            raise
        except (TimedOut, WorkerLost) as err:
            self._page_error = f"the explorer page could not be built for this graph: {err}"
            raise GraphError(self._page_error) from None
        if reply.status != "ok":
            self._page_error = f"the explorer page could not be built for this graph: {reply.message}"
            raise GraphError(self._page_error)
        self._page = reply.content()
        return self._page

    def health(self) -> dict[str, object]:
        """The ad-hoc pool's health, with the named lane's, the cache's and the explorer's state."""
        report = self.adhoc.health()
        named = self.named.health()
        if named["status"] != "ok" and report["status"] == "ok":
            report["status"] = "degraded"
        report["named_lane"] = {k: named[k] for k in ("status", "workers", "restarts")}
        report["cached_answers"] = len(self._cache)
        report["explorer_builds"] = self.explorer_builds
        report["answer_bytes_held"] = self.budget.used
        return report


def _retrieved(task: asyncio.Task[bytes]) -> None:
    """Mark a finished build's exception as seen (its waiters, if any, got it already)."""
    if not task.cancelled():
        task.exception()


__all__ = ["CACHE_BYTES", "EXPLORE_SECONDS", "Lanes"]
