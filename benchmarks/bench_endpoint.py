"""Load test of ``kg serve`` next to an Oxigraph server, on loopback only, with a fixed request count.

Starts ``kg serve`` and ``oxigraph serve`` (in memory) on free 127.0.0.1 ports, pushes the graph
into Oxigraph with ``kg push``, then sends the same mix of named-query requests to each at a fixed
concurrency and prints requests per second and latency percentiles. It stops by itself after
``--requests`` requests per target (sent in ``--rounds`` turns, the targets alternating so
that load from outside falls on each alike), then stops both servers.

Targets:
  kg serve /query/NAME   the named-query route (parameters resolved and bound by the library)
  kg serve /sparql       the same SPARQL text Oxigraph gets (parameters bound with VALUES)
  oxigraph /query        the Oxigraph server, with the graph in a named graph (default-graph-uri)

The client is a minimal keep-alive HTTP/1.1 client on asyncio, so that on a small machine the
load generator takes as little CPU as possible away from the servers it measures.

With ``--soak N`` it then soaks kg serve alone: N good requests in a quiet run, then N more
while a hostile client sends slow queries, stalled connections and disguised SERVICE calls
(benchmarks/soak.py); it prints good-request errors (goal 0), req/s and p99 for both runs.

Run from the repository root:  PYTHONPATH=. python benchmarks/bench_endpoint.py [--requests 3000] [--soak 3000]
"""

from __future__ import annotations

import argparse
import asyncio
import math
import os
import subprocess
import sys
import time
import urllib.parse
import urllib.request
from dataclasses import dataclass
from pathlib import Path
from typing import Any

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "tests"))  # tests/harness.py

from harness import free_port, oxigraph_binary, stop, wait_until_up  # noqa: E402

SAMPLES: list[tuple[str, dict[str, str]]] = [
    ("who-hosts-what", {"subject": "Frontier"}),
    ("who-hosts-what", {}),
    ("what-changed", {"from": "agreement-2025-10", "to": "agreement-2026-02-27"}),
    ("terms-as-of", {"asOf": "2026-03"}),
    ("timeline", {}),
    ("partners-of", {"org": "OpenAI"}),
    ("clauses-of", {"agreement": "agreement-2026-02-27"}),
    ("conflicts", {}),
    ("secondary-only", {}),
    ("sources-for", {"entity": "Frontier"}),
]
"""The request mix: every named query, with typical parameters."""

JSON = "application/sparql-results+json"


@dataclass(frozen=True)
class Request:
    """One HTTP request of the mix."""

    method: str
    url: str
    body: bytes | None = None
    headers: tuple[tuple[str, str], ...] = (("Accept", JSON),)


@dataclass(frozen=True)
class Stats:
    """What a load run measured."""

    requests: int
    concurrency: int
    errors: int
    seconds: float
    latencies: tuple[float, ...]
    first_error: str = ""

    @property
    def per_second(self) -> float:
        """Requests answered per second of wall time."""
        return self.requests / self.seconds if self.seconds else 0.0

    def percentile(self, p: float) -> float:
        """Latency percentile in milliseconds (nearest rank)."""
        ordered = sorted(self.latencies)
        if not ordered:
            return 0.0
        rank = max(0, min(len(ordered) - 1, math.ceil(p / 100 * len(ordered)) - 1))
        return ordered[rank] * 1000


def combine(runs: list[Stats]) -> Stats:
    """Several runs against one target as one: all latencies, total requests over total time."""
    errors = [r.first_error for r in runs if r.first_error]
    return Stats(
        sum(r.requests for r in runs),
        runs[0].concurrency,
        sum(r.errors for r in runs),
        sum(r.seconds for r in runs),
        tuple(t for r in runs for t in r.latencies),
        errors[0] if errors else "",
    )


def named_requests(base: str) -> list[Request]:
    """The mix as ``GET /query/NAME?params`` requests to kg serve."""
    return [
        Request("GET", f"{base}/query/{name}" + (f"?{urllib.parse.urlencode(p)}" if p else ""))
        for name, p in SAMPLES
    ]


def sparql_requests(url: str, graph_iri: str | None = None) -> list[Request]:
    """The mix as SPARQL Protocol POSTs of the bound text (the text RemoteBackend sends)."""
    import graph
    from graph.sparql._bind import bind_terms
    from graph.sparql._named import get_named_query
    from graph.sparql._text import with_prefixes

    kg = graph.load()
    target = url + (f"?{urllib.parse.urlencode({'default-graph-uri': graph_iri})}" if graph_iri else "")
    out = []
    for name, params in SAMPLES:
        query = get_named_query(name)
        text = bind_terms(with_prefixes(query.text), kg.bind(query, params))
        headers = (("Accept", JSON), ("Content-Type", "application/sparql-query"))
        out.append(Request("POST", target, text.encode("utf-8"), headers))
    return out


class _Connection:
    """One keep-alive HTTP/1.1 connection (a minimal client: its own CPU cost stays small)."""

    def __init__(self, host: str, port: int) -> None:
        self.host, self.port = host, port
        self.reader: asyncio.StreamReader | None = None
        self.writer: asyncio.StreamWriter | None = None

    async def send(self, request: Request) -> tuple[int, bytes]:
        """Send one request and read the whole answer (Content-Length or chunked)."""
        if self.writer is None or self.reader is None:
            self.reader, self.writer = await asyncio.open_connection(self.host, self.port)
        parts = urllib.parse.urlsplit(request.url)
        target = parts.path + (f"?{parts.query}" if parts.query else "")
        head = [f"{request.method} {target} HTTP/1.1", f"Host: {parts.netloc}"]
        head += [f"{k}: {v}" for k, v in request.headers]
        if request.body is not None:
            head.append(f"Content-Length: {len(request.body)}")
        self.writer.write(("\r\n".join(head) + "\r\n\r\n").encode() + (request.body or b""))
        status_line = await self.reader.readuntil(b"\r\n")
        status = int(status_line.split()[1])
        headers: dict[str, str] = {}
        while (line := await self.reader.readuntil(b"\r\n")) != b"\r\n":
            name, _, value = line.decode("latin-1").partition(":")
            headers[name.strip().lower()] = value.strip()
        if headers.get("transfer-encoding", "").lower() == "chunked":
            body = bytearray()
            while size := int((await self.reader.readuntil(b"\r\n")).split(b";")[0], 16):
                body += await self.reader.readexactly(size + 2)
                del body[-2:]
            await self.reader.readuntil(b"\r\n")
        else:
            body = bytearray(await self.reader.readexactly(int(headers.get("content-length", "0"))))
        if headers.get("connection", "").lower() == "close":
            self.close()
        return status, bytes(body)

    def close(self) -> None:
        """Drop the connection (the next request opens a new one)."""
        if self.writer is not None:
            self.writer.close()
        self.reader = self.writer = None


async def _load(mix: list[Request], total: int, concurrency: int) -> Stats:
    latencies: list[float] = []
    errors: list[str] = []
    counter = iter(range(total))
    where = urllib.parse.urlsplit(mix[0].url)

    async def user() -> None:
        connection = _Connection(where.hostname or "127.0.0.1", where.port or 80)
        try:
            for index in counter:
                request = mix[index % len(mix)]
                started = time.perf_counter()
                try:
                    status, body = await asyncio.wait_for(connection.send(request), 30.0)
                    ok = status == 200 and body.startswith(b"{")
                    detail = f"HTTP {status}: {body[:200]!r}"
                except (OSError, ValueError, asyncio.TimeoutError, asyncio.IncompleteReadError) as err:
                    connection.close()
                    ok, detail = False, f"{type(err).__name__}: {err}"
                latencies.append(time.perf_counter() - started)
                if not ok:
                    errors.append(f"{request.url}: {detail}")
        finally:
            connection.close()

    started = time.perf_counter()
    await asyncio.gather(*(user() for _ in range(concurrency)))
    seconds = time.perf_counter() - started
    return Stats(total, concurrency, len(errors), seconds, tuple(latencies), errors[0] if errors else "")


def run_load(mix: list[Request], total: int, concurrency: int = 16) -> Stats:
    """Send ``total`` requests from the mix, ``concurrency`` at a time; always stops."""
    return asyncio.run(_load(mix, total, concurrency))


def start_kg_serve(workers: int) -> tuple[str, subprocess.Popen[str]]:
    """``kg serve`` on a free loopback port (access log off)."""
    port = free_port()
    env = {**os.environ, "PYTHONPATH": str(REPO) + os.pathsep + os.environ.get("PYTHONPATH", "")}
    command = [sys.executable, "-m", "graph.cli", "serve", "--port", str(port), "--workers", str(workers)]
    process = subprocess.Popen(
        command, cwd=REPO, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True
    )
    base = f"http://127.0.0.1:{port}"
    _wait(base + "/sparql", process)
    return base, process


def start_oxigraph() -> tuple[str, subprocess.Popen[bytes]]:
    """An in-memory Oxigraph server on a free loopback port."""
    binary = oxigraph_binary()
    if binary is None:
        raise SystemExit("the oxigraph server is not installed (pip install oxigraph)")
    port = free_port()
    command = [binary, "serve", "--bind", f"127.0.0.1:{port}"]
    process = subprocess.Popen(command, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    base = f"http://127.0.0.1:{port}"
    _wait(base + "/query?query=ASK%7B%7D", process)
    return base, process


def _wait(url: str, process: subprocess.Popen[Any]) -> None:
    """Wait for a server we started; stop it and exit with the reason if it does not come up."""
    try:
        wait_until_up(url, process, seconds=60)
    except RuntimeError as err:
        stop(process)
        raise SystemExit(str(err)) from None


def table(rows: list[tuple[str, Stats]]) -> str:
    """The results as a plain-text table."""
    header = ("target", "requests", "concurrency", "errors", "req/s", "p50 ms", "p99 ms")
    lines = [header] + [
        (
            name,
            str(s.requests),
            str(s.concurrency),
            str(s.errors),
            f"{s.per_second:.0f}",
            f"{s.percentile(50):.1f}",
            f"{s.percentile(99):.1f}",
        )
        for name, s in rows
    ]
    widths = [max(len(line[i]) for line in lines) for i in range(len(header))]
    return "\n".join("  ".join(cell.ljust(w) for cell, w in zip(line, widths)).rstrip() for line in lines)


def main() -> None:
    """Start both servers, load each in turn, print the table, stop the servers."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--requests", type=int, default=3000, help="requests per target (default 3000)")
    parser.add_argument("--concurrency", type=int, default=16, help="requests in flight (default 16)")
    parser.add_argument("--workers", type=int, default=2, help="kg serve worker processes (default 2)")
    parser.add_argument(
        "--rounds", type=int, default=3, help="targets take turns this many times (default 3)"
    )
    parser.add_argument(
        "--soak", type=int, default=0, metavar="N", help="then soak kg serve with N good requests"
    )
    parser.add_argument("--soak-only", action="store_true", help="only the soak (no Oxigraph comparison)")
    args = parser.parse_args()
    if args.soak_only:
        run_soak(args.soak or 3000, args.concurrency, args.workers)
        return

    import graph
    from graph._vocab import DEFAULT_GRAPH_IRI
    from graph.remote._push import push

    kg_base, kg_process = start_kg_serve(args.workers)
    try:
        ox_base, ox_process = start_oxigraph()
    except BaseException:
        stop(kg_process)
        raise
    try:
        iri = DEFAULT_GRAPH_IRI
        push(graph.load(), ox_base, iri)
        targets = [
            ("kg serve /query/NAME", named_requests(kg_base)),
            ("kg serve /sparql", sparql_requests(kg_base + "/sparql")),
            ("oxigraph /query", sparql_requests(ox_base + "/query", iri)),
        ]
        for _, mix in targets:
            run_load(mix, min(100, args.requests), args.concurrency)  # warm up
        runs: dict[str, list[Stats]] = {name: [] for name, _ in targets}
        share = [args.requests // args.rounds + (i < args.requests % args.rounds) for i in range(args.rounds)]
        for count in share:  # targets take turns, so outside load falls on each alike
            for name, mix in targets:
                runs[name].append(run_load(mix, count, args.concurrency))
        results = [(name, combine(stats)) for name, stats in runs.items()]
        for name, stats in results:
            if stats.errors:
                print(f"{name}: first error: {stats.first_error}", file=sys.stderr)
        load = ", ".join(f"{x:.1f}" for x in os.getloadavg())
        print(
            f"{os.cpu_count()} CPU cores (load average {load}); {args.workers} kg serve workers; "
            "loopback; the client runs on the same machine"
        )
        print(table(results))
        if any(s.errors for _, s in results):
            raise SystemExit(1)
    finally:
        stop(kg_process)
        stop(ox_process)
    if args.soak:
        run_soak(args.soak, args.concurrency, args.workers)


def run_soak(total: int, concurrency: int, workers: int) -> None:
    """A fresh kg serve: ``total`` good requests quiet, then ``total`` under attack; print both."""
    from soak import soak

    base, process = start_kg_serve(workers)
    try:
        run_load(named_requests(base), min(100, total), concurrency)  # warm up
        quiet = run_load(named_requests(base), total, concurrency)
        attacked, hostile = asyncio.run(soak(sys.modules[__name__], base, total, concurrency))
    finally:
        stop(process)
    print(
        f"soak: {workers} kg serve workers, 5 s query limit; hostile client: {hostile.slow} slow queries, "
        f"{hostile.stalled} stalled connections, {hostile.service} SERVICE attempts "
        f"({hostile.service_connections} reached the listener)"
    )
    print(table([("quiet", quiet), ("under attack", attacked)]))
    if attacked.errors:
        print(f"under attack: first error: {attacked.first_error}", file=sys.stderr)
    if quiet.errors or attacked.errors or hostile.service_connections:
        raise SystemExit(1)


if __name__ == "__main__":
    main()
