"""A bounded soak of ``kg serve``: good requests while a hostile client attacks, on loopback only.

The hostile client runs beside the good load until the good requests are done (and never more
than its own caps): slow queries that hold a worker until the time limit, connections that
never finish their headers (re-opened as the server drops them), and SERVICE calls disguised
as in tests/disguises.py aimed at a listener on 127.0.0.1, which must see no connection.
Used by ``bench_endpoint.py --soak N``.
"""

from __future__ import annotations

import asyncio
import contextlib
import socket
import threading
import urllib.parse
from dataclasses import dataclass
from typing import Any

SLOW = "SELECT (COUNT(*) AS ?n) WHERE { ?a ?b ?c . ?d ?e ?f . ?g ?h ?i }"
STALLED = 200
"""Connections the hostile client keeps open with unfinished headers."""
CAPS = {"slow": 200, "stalled": 5000, "service": 5000}
"""At most this many of each attack, whatever the length of the good load."""


@dataclass
class Hostile:
    """What the hostile client sent, and what the SERVICE listener saw."""

    slow: int = 0
    stalled: int = 0
    service: int = 0
    service_connections: int = 0


def _disguises(port: int) -> list[str]:
    url = f"http://127.0.0.1:{port}/sparql"
    return [
        f"SELECT ?s WHERE {{ BIND(1 AS ?a) BIND(2 AS ?b) FILTER(?a<?b)SERVICE#>\n<{url}> {{ ?s ?p ?o }} }}",
        f"SELECT * {{ ?s ?p ?o # comment\r SERVICE <{url}> {{ ?a ?b ?c }} }}",
        f"PREFIX lp: <{url}> SELECT * {{ OPTIONAL {{ sErViCe SILENT lp: {{ ?s ?p ?o }} }} }}",
        f"BASE <{url}> SELECT * {{ {{ SELECT * {{ service <> {{ ?s ?p ?o }} }} }} }}",
    ]


class _Listener:
    def __init__(self) -> None:
        self.sock = socket.socket()
        self.sock.bind(("127.0.0.1", 0))
        self.sock.listen(16)
        self.port = self.sock.getsockname()[1]
        self.connections = 0
        threading.Thread(target=self._accept, daemon=True).start()

    def _accept(self) -> None:
        while True:
            try:
                conn, _ = self.sock.accept()
            except OSError:
                return
            self.connections += 1
            conn.close()

    def close(self) -> None:
        with contextlib.suppress(OSError):
            self.sock.shutdown(socket.SHUT_RDWR)
        self.sock.close()


async def _slow(base: str, done: asyncio.Event, seen: Hostile, connection: Any, request: Any) -> None:
    url = f"{base}/sparql?{urllib.parse.urlencode({'query': SLOW})}"
    while not done.is_set() and seen.slow < CAPS["slow"]:
        try:
            await asyncio.wait_for(connection.send(request("GET", url)), 30)
        except (OSError, ValueError, asyncio.TimeoutError, asyncio.IncompleteReadError):
            connection.close()
        seen.slow += 1


async def _stall(host: str, port: int, done: asyncio.Event, seen: Hostile) -> None:
    while not done.is_set() and seen.stalled < CAPS["stalled"]:
        try:
            reader, writer = await asyncio.open_connection(host, port)
        except OSError:
            await asyncio.sleep(0.1)
            continue
        seen.stalled += 1
        writer.write(b"GET /sparql HTTP/1.1\r\nHost: soak\r\n")  # never finished
        try:
            while not done.is_set():
                if not await asyncio.wait_for(reader.read(100), 60):
                    break  # dropped by the server: open another
        except (OSError, asyncio.TimeoutError):
            pass
        finally:
            writer.close()


async def _service(
    base: str, port: int, done: asyncio.Event, seen: Hostile, connection: Any, request: Any
) -> None:
    queries = _disguises(port)
    while not done.is_set() and seen.service < CAPS["service"]:
        text = queries[seen.service % len(queries)]
        headers = (("Content-Type", "application/sparql-query"),)
        try:
            await asyncio.wait_for(
                connection.send(request("POST", f"{base}/sparql", text.encode(), headers)), 30
            )
        except (OSError, ValueError, asyncio.TimeoutError, asyncio.IncompleteReadError):
            connection.close()
        seen.service += 1
        await asyncio.sleep(0.01)


async def soak(bench: Any, base: str, total: int, concurrency: int) -> tuple[Any, Hostile]:
    """The good mix (``total`` named-query requests) while the hostile client runs; bench_endpoint's
    Stats for the good requests, and what the hostile client did."""
    listener = _Listener()
    seen = Hostile()
    done = asyncio.Event()
    where = urllib.parse.urlsplit(base)
    host, port = where.hostname or "127.0.0.1", where.port or 80
    attacks = [
        asyncio.ensure_future(_slow(base, done, seen, bench._Connection(host, port), bench.Request)),
        asyncio.ensure_future(
            _service(base, listener.port, done, seen, bench._Connection(host, port), bench.Request)
        ),
        *(asyncio.ensure_future(_stall(host, port, done, seen)) for _ in range(STALLED)),
    ]
    try:
        await asyncio.sleep(1.0)  # the attack is under way before the good load starts
        stats = await bench._load(bench.named_requests(base), total, concurrency)
    finally:
        done.set()
        await asyncio.wait(attacks, timeout=40)
        for task in attacks:
            task.cancel()
        seen.service_connections = listener.connections
        listener.close()
    return stats, seen


__all__ = ["CAPS", "Hostile", "soak"]
