"""One ``kg serve`` query worker: a process that loads the graph once and answers Jobs over a pipe.

Small answers come back as one message. A large one (past ``INLINE`` bytes) is announced
first with its size; the server says whether it has room for it in its answer budget
(graph.serve._pool.Budget), and only then are its blocks sent, so answers no one has room for
never reach the server's memory.
"""

from __future__ import annotations

import contextlib
import dataclasses
import multiprocessing
import os
import signal
from multiprocessing.connection import Connection
from typing import TYPE_CHECKING, Protocol

from graph._errors import GraphError
from graph.serve._jobs import Job, Reply
from graph.serve._source import Source

if TYPE_CHECKING:
    from graph._graph import PartnershipGraph

STARTUP_SECONDS = 120.0
"""How long a worker may take to load the graph."""

INLINE = 262_144
"""Answers up to this size come back in one message and are not counted in the answer budget."""


class Room(Protocol):
    """Where a large answer's bytes are reserved until it has been sent (graph.serve._pool.Budget)."""

    def reserve(self, size: int) -> bool: ...

    def release(self, size: int) -> None: ...


def _worker_main(
    conn: Connection, source: Source, max_bytes: int, memory: int | None, isolate: bool, nice: int = 0
) -> None:
    """A worker process: leave the network, cap memory, load the graph once, then answer jobs."""
    signal.signal(signal.SIGINT, signal.SIG_IGN)  # the server stops its workers itself
    if nice:
        with contextlib.suppress(OSError):
            os.nice(nice)
    os.environ["RUST_BACKTRACE"] = "0"  # a panic's report stays one line in the server's log
    from graph import _sandbox

    if not _sandbox.cut_network() and isolate:
        conn.send(Reply("failed", message="cannot cut the query worker off the network (unshare refused)"))
        return
    _sandbox.limit_memory(memory)
    stderr = os.dup(2)  # an abort while loading (no memory left) is reported by the server, once
    os.dup2(os.open(os.devnull, os.O_WRONLY), 2)
    try:
        kg = _load(source)
        from graph.serve._jobs import answer
    except (GraphError, OSError, RuntimeError, SyntaxError, MemoryError, ImportError) as err:
        with contextlib.suppress(Exception):
            conn.send(Reply("failed", message=f"cannot load the graph: {type(err).__name__}: {err}"))
        return
    finally:
        os.dup2(stderr, 2)
        os.close(stderr)
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
        _send(conn, reply)


def _send(conn: Connection, reply: Reply) -> None:
    """Send a reply: inline when small, else its size, then (if the server has room) its blocks."""
    size = len(reply.body) + sum(len(p) for p in reply.parts)
    if size <= INLINE:
        conn.send(dataclasses.replace(reply, body=reply.content(), parts=(), size=size))
        return
    conn.send(dataclasses.replace(reply, body=b"", parts=(), size=size))
    if conn.recv():
        for block in reply.blocks():
            conn.send_bytes(block)


def _load(source: Source) -> PartnershipGraph:
    import pyoxigraph as ox

    from graph._graph import PartnershipGraph

    if source.kind == "store":
        from graph.store._ondisk import open_generation

        return PartnershipGraph(open_generation(source.path), source.files)
    store = ox.Store()
    store.bulk_load(path=source.path, format=ox.RdfFormat.N_QUADS)
    return PartnershipGraph(store, source.files)


class Worker:
    """One worker process and the parent's end of its pipe."""

    def __init__(
        self, source: Source, max_bytes: int, memory: int | None, isolate: bool, nice: int = 0
    ) -> None:
        context = multiprocessing.get_context("spawn")
        self.conn, child = context.Pipe()
        self.memory = memory
        self.process = context.Process(
            target=_worker_main,
            args=(child, source, max_bytes, memory, isolate, nice),
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
            raise GraphError(self._load_failure()) from None
        if reply.status != "ok":
            self.stop()
            raise GraphError(reply.message)
        self.triples = int(reply.body)

    def _load_failure(self) -> str:
        self.process.join(5)
        limit = (
            f"; too little memory? its limit is {self.memory // 2**20} MB: raise --worker-memory"
            if self.memory
            else ""
        )
        return f"a query worker could not load the graph (exit status {self.process.exitcode}{limit})"

    def call(self, job: Job, room: Room | None = None) -> Reply:
        """Send a job and block for its reply (run in a thread).

        A large answer is taken only if ``room`` reserves its size (then ``reserved`` says so);
        otherwise the reply is ``busy``. Without ``room`` every answer is taken, unreserved.
        """
        self.conn.send(job)
        reply: Reply = self.conn.recv()
        if reply.body or reply.size <= INLINE:
            return reply
        if room is not None and not room.reserve(reply.size):
            self.conn.send(False)
            return Reply("busy", reply.kind, message="too many large answers are being sent right now")
        self.conn.send(True)
        parts, got = [], 0
        try:
            while got < reply.size:
                parts.append(self.conn.recv_bytes())
                got += len(parts[-1])
        except BaseException:
            if room is not None:
                room.release(reply.size)
            raise
        return dataclasses.replace(reply, parts=tuple(parts), reserved=reply.size if room else 0)

    def stop(self) -> None:
        """Kill the process and close the pipe."""
        if self.process.is_alive():
            self.process.kill()
        self.process.join(5)
        with contextlib.suppress(OSError):
            self.conn.close()


__all__ = ["INLINE", "STARTUP_SECONDS", "Room", "Worker"]
