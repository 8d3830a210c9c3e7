"""Fixtures for the endpoint tests: a real Oxigraph server and ``kg serve``, on free loopback ports.

Tests that need the ``oxigraph`` server binary (``pip install oxigraph``) are skipped when it is
missing, except on CI (``CI=true``), where a missing binary fails them. Every server started here
is stopped when its fixture ends.
"""

from __future__ import annotations

import os
import re
import select
import socket
import socketserver
import subprocess
import sys
import threading
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from graph.questions import query_examples
from tests.harness import free_port, stop, wait_until_up
from tests.harness import oxigraph_binary as find_oxigraph

REPO = Path(__file__).resolve().parents[2]
GRAPH_IRI = "https://w3id.org/partnership-kg/graph"

PARAMS: dict[str, dict[str, str]] = {
    name: next((e for e in examples if e), {}) for name, examples in query_examples().items()
}
"""Sensible values for the named queries' parameters: the first example with any (graph.questions)."""


def comparable_rows(query: Any, rows: list[dict[str, str | None]]) -> list[tuple[Any, ...]]:
    """Rows as sorted tuples, each GROUP_CONCAT value as the sorted tuple of its parts.

    SPARQL leaves the order of the parts inside a GROUP_CONCAT open, so two correct stores may
    concatenate them differently.
    """
    found = re.findall(r'GROUP_CONCAT\(DISTINCT [^;]+; separator="([^"]*)"\) AS \?(\w+)', query.text)
    concat = {column: separator.replace("\\n", "\n") for separator, column in found}  # "\\n": a newline

    def cell(name: str, value: str | None) -> Any:
        if name in concat:  # (a GROUP_CONCAT of nothing may come back unbound)
            return tuple(sorted(value.split(concat[name]))) if value is not None else ()
        return value

    return sorted(tuple((k, cell(k, v)) for k, v in sorted(row.items())) for row in rows)


def oxigraph_binary() -> str:
    """The oxigraph server executable: skip without it, but fail on CI (CI=true)."""
    found = find_oxigraph()
    if found:
        return found
    message = "the Oxigraph server binary is not installed (pip install oxigraph)"
    if os.environ.get("CI") == "true":
        pytest.fail(message + "; CI must run these tests")
    pytest.skip(message)


def start_oxigraph(location: Path) -> tuple[str, subprocess.Popen[bytes]]:
    """Start ``oxigraph serve`` on a free loopback port; returns its base URL and process."""
    port = free_port()
    process = subprocess.Popen(
        [oxigraph_binary(), "serve", "--location", str(location), "--bind", f"127.0.0.1:{port}"],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    base = f"http://127.0.0.1:{port}"
    try:
        wait_until_up(base + "/query?query=ASK%7B%7D", process)
    except RuntimeError:
        stop(process)
        raise
    return base, process


def start_kg_serve(*args: str) -> tuple[str, subprocess.Popen[str]]:
    """Start ``kg serve --port 0 ARGS``; returns its base URL (read from its first line) and process."""
    env = {**os.environ, "PYTHONPATH": str(REPO) + os.pathsep + os.environ.get("PYTHONPATH", "")}
    process = subprocess.Popen(
        [sys.executable, "-m", "graph.cli", "serve", "--port", "0", *args],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        cwd=REPO,
        env=env,
    )
    assert process.stdout is not None
    ready, _, _ = select.select([process.stdout], [], [], 60)
    line = process.stdout.readline() if ready else ""
    if not line.startswith("kg serve: http://"):
        stop(process)
        raise RuntimeError(
            f"kg serve did not start: {line!r} {process.stderr.read() if process.stderr else ''}"
        )
    base = line.split()[2].rstrip("/")
    return base, process


@pytest.fixture(scope="session")
def oxigraph(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """A real Oxigraph server (empty at first) on a free loopback port: its base URL."""
    base, process = start_oxigraph(tmp_path_factory.mktemp("oxigraph"))
    try:
        yield base
    finally:
        stop(process)


@pytest.fixture(scope="session")
def pushed(oxigraph: str, kg_full: Any) -> str:
    """The Oxigraph server with the graph pushed into the default named graph."""
    from graph.remote._push import push

    push(kg_full, oxigraph, GRAPH_IRI)
    return oxigraph


def virtuoso_binary() -> str:
    """Debian's Virtuoso: skip without it, but fail on CI (CI=true)."""
    from conformance._servers import virtuoso_binary as find_virtuoso

    found = find_virtuoso()
    if found:
        return found
    message = "Virtuoso is not installed (apt-get install virtuoso-opensource)"
    if os.environ.get("CI") == "true":
        pytest.fail(message + "; CI must run these tests")
    pytest.skip(message)


@pytest.fixture(scope="session")
def virtuoso() -> Iterator[tuple[str, str]]:
    """A fresh Virtuoso on free loopback ports (a temporary folder and config): base URL and user."""
    from conformance._servers import virtuoso_server

    virtuoso_binary()
    with virtuoso_server() as (base, user):
        yield base, user


@pytest.fixture(scope="session")
def virtuoso_pushed(virtuoso: tuple[str, str], kg_full: Any) -> tuple[str, str]:
    """Virtuoso with the graph pushed (Graph Store PUT, digest auth): its /sparql-auth URL and user."""
    from graph.remote._push import push

    base, user = virtuoso
    push(kg_full, base + "/sparql-auth", GRAPH_IRI, user=user)
    return base + "/sparql-auth", user


@pytest.fixture(scope="session")
def kg_server() -> Iterator[str]:
    """``kg serve`` with a 2-second query limit and a 20 kB request limit: its base URL."""
    base, process = start_kg_serve("--timeout", "2", "--max-request-bytes", "20000", "--workers", "2")
    try:
        yield base
    finally:
        stop(process)


class BreakingProxy(socketserver.ThreadingTCPServer):
    """A loopback HTTP proxy that relays small requests and cuts large uploads halfway.

    It stands for a network or store that fails in the middle of a push: a request whose body is
    larger than ``limit`` bytes is forwarded only in part, then both connections are closed.
    """

    daemon_threads = True

    def __init__(self, upstream: str, limit: int) -> None:
        host, port = upstream.split("//", 1)[1].split(":")
        self.upstream = (host, int(port))
        self.limit = limit
        self.cut = 0
        super().__init__(("127.0.0.1", 0), _ProxyHandler)

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.server_address[1]}"


class _ProxyHandler(socketserver.BaseRequestHandler):
    def handle(self) -> None:
        data = b""
        while b"\r\n\r\n" not in data:
            chunk = self.request.recv(65536)
            if not chunk:
                return
            data += chunk
        head, _, body = data.partition(b"\r\n\r\n")
        length = 0
        for line in head.split(b"\r\n")[1:]:
            name, _, value = line.partition(b":")
            if name.strip().lower() == b"content-length":
                length = int(value)
        while len(body) < length:
            chunk = self.request.recv(65536)
            if not chunk:
                break
            body += chunk
        server: BreakingProxy = self.server  # type: ignore[assignment]
        with socket.create_connection(server.upstream) as upstream:
            if length > server.limit:
                server.cut += 1
                upstream.sendall(head + b"\r\n\r\n" + body[: length // 2])
                return  # closing both ends mid-request
            upstream.sendall(head + b"\r\n\r\n" + body)
            while chunk := upstream.recv(65536):
                self.request.sendall(chunk)


@pytest.fixture
def breaking_proxy(oxigraph: str) -> Iterator[BreakingProxy]:
    """A proxy in front of the Oxigraph server that breaks every upload larger than 10 kB."""
    proxy = BreakingProxy(oxigraph, limit=10_000)
    thread = threading.Thread(target=proxy.serve_forever, daemon=True)
    thread.start()
    try:
        yield proxy
    finally:
        proxy.shutdown()
        proxy.server_close()


class SilentServer(socketserver.ThreadingTCPServer):
    """Accepts connections and never answers (an endpoint that hangs)."""

    daemon_threads = True

    def __init__(self) -> None:
        super().__init__(("127.0.0.1", 0), _Silent)

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.server_address[1]}/sparql"


class _Silent(socketserver.BaseRequestHandler):
    def handle(self) -> None:
        self.request.settimeout(5)
        try:
            while self.request.recv(65536):
                pass
        except OSError:
            return


@pytest.fixture
def silent_endpoint() -> Iterator[str]:
    """The URL of an endpoint that accepts connections but never answers."""
    server = SilentServer()
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield server.url
    finally:
        server.shutdown()
        server.server_close()
