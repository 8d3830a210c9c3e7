"""``kg serve`` under the attacks of issue 24, each reproduced against a real server on loopback.

Clients that never read large answers, slow queries on as many connections as workers,
stalled connections past the file descriptor limit, deeply nested queries, clients that hang
up mid-body, many /explore requests at once, an oversize form POST, too little worker memory,
and SIGTERM. Load here is bounded in count and time, and asserts ratios or bounded error rates
(benchmarks/attack.py keeps the zero-error figure).
"""

from __future__ import annotations

import importlib.util
import os
import select
import signal
import socket
import subprocess
import sys
import tempfile
import threading
import time
import urllib.parse
from pathlib import Path
from types import ModuleType
from typing import Any

import httpx
import pytest

from tests.harness import stop
from tests.server.conftest import REPO, start_kg_serve

pytestmark = pytest.mark.server

SLOW = "SELECT (COUNT(*) AS ?n) WHERE { ?a ?b ?c . ?d ?e ?f . ?g ?h ?i }"
LARGE = "SELECT * WHERE { ?a ?b ?c . ?d ?e ?f } LIMIT 88000"
"""About 44 MB of SPARQL JSON from the packaged graph: over the 40 MB a cut-short client may read,
under the 50,000,000 bytes an answer may take (the reported data's longer labels made 95,000 rows
47.5 MB, at the limit)."""
MB = 2**20


@pytest.fixture(scope="module")
def attack() -> ModuleType:
    """benchmarks/attack.py (its process-tree RSS sampler and load helpers)."""
    spec = importlib.util.spec_from_file_location("attack", REPO / "benchmarks" / "attack.py")
    assert spec and spec.loader
    module = importlib.util.module_from_spec(spec)
    sys.modules["attack"] = module
    spec.loader.exec_module(module)
    return module


def _address(base: str) -> tuple[str, int]:
    where = urllib.parse.urlsplit(base)
    return where.hostname or "127.0.0.1", where.port or 80


def _health(base: str) -> dict[str, Any]:
    answer: dict[str, Any] = httpx.get(base + "/health", timeout=30).json()
    return answer


def _serve(env: dict[str, str], preexec: Any = None) -> subprocess.Popen[str]:
    """``kg serve --port 0`` with more environment (and a function run in the child first), started."""
    process = subprocess.Popen(
        [sys.executable, "-m", "graph.cli", "serve", "--port", "0"],
        cwd=REPO,
        env={**os.environ, "PYTHONPATH": str(REPO), **env},
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        preexec_fn=preexec,
    )
    assert process.stdout is not None and process.stdout.readline().startswith("kg serve: http://")
    return process


def _stderr(process: subprocess.Popen[str]) -> str:
    stop(process)
    return process.stderr.read() if process.stderr else ""


def test_clients_that_never_read_large_answers_hold_bounded_memory(attack: ModuleType) -> None:
    base, process = start_kg_serve(
        "--workers", "2", "--write-timeout", "3", "--answer-memory", "100", "--timeout", "30"
    )
    host, port = _address(base)
    request = f"GET /sparql?{urllib.parse.urlencode({'query': LARGE})} HTTP/1.1\r\nHost: x\r\n\r\n"
    readers: list[socket.socket] = []
    try:
        baseline = attack.tree_rss(process.pid)
        peak = attack.PeakRss(process.pid).start()
        for i in range(16):  # from 8 client addresses, so both workers answer them
            conn = socket.socket()
            conn.setsockopt(socket.SOL_SOCKET, socket.SO_RCVBUF, 4096)
            conn.bind((f"127.0.0.{2 + i % 8}", 0))
            conn.connect((host, port))
            conn.sendall(request.encode())
            readers.append(conn)
        deadline = time.monotonic() + 120  # until every client has been answered (or refused) ...
        while time.monotonic() < deadline and len(select.select([], [], [], 0)[0]) == 0:
            if len(select.select(readers, [], [], 1)[0]) == len(readers):
                break
        while time.monotonic() < deadline and _health(base)["answer_bytes_held"]:  # ... and dropped
            time.sleep(0.5)
        grown = (peak.stop() - baseline) / MB
        assert _health(base)["answer_bytes_held"] == 0  # every held answer was dropped or sent
        statuses, cut_short = [], 0
        for conn in readers:  # what each client finds when it finally reads
            conn.settimeout(10)
            data = b""
            try:
                while chunk := conn.recv(1 << 20):
                    data += chunk
            except OSError:
                pass
            statuses.append(data[9:12])
            cut_short += data[9:12] == b"200" and len(data) < 40 * MB
        assert grown < 400, f"the server and its workers grew by {grown:.0f} MB"
        assert statuses.count(b"200") >= 2 and cut_short == statuses.count(b"200"), statuses
        assert set(statuses) <= {b"200", b"503"}, statuses
        assert httpx.get(base + "/sparql", params={"query": "ASK {}"}).json()["boolean"] is True
    finally:
        for conn in readers:
            conn.close()
        stop(process)


def _slow_client(base: str, address: str, stop_at: float, seen: list[int]) -> None:
    with httpx.Client(timeout=30, transport=httpx.HTTPTransport(local_address=address)) as client:
        while time.monotonic() < stop_at:
            seen.append(client.get(base + "/sparql", params={"query": SLOW}).status_code)


@pytest.mark.parametrize("connections", [2, 3])
def test_slow_queries_on_as_many_connections_as_workers_leave_named_queries_served(
    attack: ModuleType, connections: int
) -> None:
    base, process = start_kg_serve("--workers", "2", "--timeout", "3")
    seen: list[int] = []
    slow = [
        threading.Thread(target=_slow_client, args=(base, "127.0.0.1", time.monotonic() + 15, seen))
        for _ in range(connections)
    ]
    try:
        for thread in slow:
            thread.start()
        time.sleep(1)
        stats = attack.bench.run_load(attack.bench.named_requests(base), total=300, concurrency=8)
        assert stats.errors <= 3, stats.first_error  # at most 1 % (the issue saw 26 % as 503)
        fresh = [  # named questions never asked before: no answer kept, a worker must run them
            httpx.get(base + "/query/terms-as-of", params={"asOf": f"20{y}-0{m}"}, timeout=30).status_code
            for y in (24, 25)
            for m in range(1, 6)
        ]
        assert fresh.count(200) >= 9, fresh
        started = time.monotonic()  # another client's ad-hoc query gets the worker the first left
        with httpx.Client(transport=httpx.HTTPTransport(local_address="127.0.0.2")) as other:
            answer = other.get(base + "/sparql", params={"query": "ASK {}"}, timeout=30)
        assert answer.status_code == 200 and time.monotonic() - started < 5
        health = _health(base)
        assert health["named_lane"]["workers"] == 1 and health["cached_answers"] >= 10
    finally:
        for thread in slow:
            thread.join(40)
        stop(process)
    assert seen and set(seen) <= {503}, seen  # the slow queries were stopped or refused


def test_stalled_connections_past_the_fd_limit_neither_starve_nor_flood_the_log(
    attack: ModuleType, tmp_path: Path
) -> None:
    with open(tmp_path / "log", "w+b") as log:
        base, process = attack.start_server(2, 256, log, "--header-timeout", "5")
        host, port = _address(base)
        stalled: list[socket.socket] = []
        try:
            limits = Path(f"/proc/{process.pid}/limits").read_text()
            assert [
                line.split()[3:5] for line in limits.splitlines() if line.startswith("Max open files")
            ] == [["256", "256"]]
            for _ in range(400):  # more than the server has file descriptors
                conn = socket.create_connection((host, port))
                conn.sendall(b"GET /sparql HTTP/1.1\r\nHost: x\r\n")  # headers never finished
                stalled.append(conn)
            time.sleep(1)
            stats = attack.bench.run_load(attack.bench.named_requests(base), total=200, concurrency=4)
            assert stats.errors <= 2, stats.first_error
            started = time.monotonic()  # a new client connects and is served
            assert httpx.get(base + "/health", timeout=10).status_code == 200
            assert time.monotonic() - started < 3
        finally:
            for conn in stalled:
                conn.close()
            stop(process)
        log.seek(0)
        text = log.read().decode()
    assert "Traceback" not in text and len(text) < 2000, text[:2000]


def test_the_fd_soft_limit_is_raised_to_the_hard_limit(attack: ModuleType, tmp_path: Path) -> None:
    import resource

    _, hard = resource.getrlimit(resource.RLIMIT_NOFILE)
    if hard < 2048:
        pytest.skip("the hard open-file limit here is too low to see the soft limit raised")

    def low_soft_limit() -> None:
        resource.setrlimit(resource.RLIMIT_NOFILE, (256, hard))

    process = _serve({}, low_soft_limit)
    try:
        limits = Path(f"/proc/{process.pid}/limits").read_text()
        line = next(line for line in limits.splitlines() if line.startswith("Max open files"))
        assert line.split()[3:5] == [str(hard), str(hard)]
    finally:
        stop(process)


DEEP = {  # each crashed a worker before (under kg_server's 20 kB request limit)
    "braces": "SELECT * WHERE " + "{" * 9000 + "}" * 9000,
    "parentheses": "ASK { FILTER(" + "(" * 9000 + "1" + ")" * 9000 + ") }",
    "optionals": "SELECT * WHERE { " + "OPTIONAL { " * 1500 + "}" * 1500 + " }",
    "path": "SELECT * WHERE { ?s " + "/".join(["kg:p"] * 3500) + " ?o }",
    "negations": "ASK { FILTER(" + "!" * 19000 + "true) }",
    "blank nodes": "ASK { ?s kg:p " + "[ kg:p " * 2000 + "1" + " ]" * 2000 + " }",
}


def test_deeply_nested_queries_get_400_and_crash_no_worker(kg_server: str) -> None:
    restarts = _health(kg_server)["restarts"]
    for name, query in DEEP.items():
        answer = httpx.post(
            kg_server + "/sparql",
            content=query,
            headers={"Content-Type": "application/sparql-query"},
            timeout=30,
        )
        assert answer.status_code == 400, (name, answer.text[:200])
        assert answer.text.startswith("the query nests too deeply"), answer.text[:200]
        assert answer.text.count("\n") == 1
    nested = "ASK { " + "{ " * 60 + "?s ?p ?o" + " }" * 60 + " }"  # deep, but not pathological
    assert httpx.get(kg_server + "/sparql", params={"query": nested}).json()["boolean"] is True
    health = _health(kg_server)
    assert (health["restarts"], health["workers"]) == (restarts, 2)


def test_a_client_hanging_up_mid_body_is_one_line_in_the_log() -> None:
    base, process = start_kg_serve("--workers", "1")
    host, port = _address(base)
    try:
        for _ in range(5):
            with socket.create_connection((host, port)) as conn:
                conn.sendall(
                    b"POST /sparql HTTP/1.1\r\nHost: x\r\nContent-Type: application/sparql-query\r\n"
                    b"Content-Length: 1000\r\n\r\nSELECT"
                )
                time.sleep(0.2)
        time.sleep(0.5)
        assert httpx.get(base + "/sparql", params={"query": "ASK {}"}).status_code == 200
    finally:
        err = _stderr(process)
    lines = err.splitlines()
    assert "Traceback" not in err, err[:3000]
    assert lines == ["kg serve: 127.0.0.1 disconnected before sending the whole request body"] * 5, lines


def test_explore_is_built_once_for_many_requests_at_once() -> None:
    base, process = start_kg_serve("--workers", "2", "--timeout", "5")
    pages: list[tuple[int, bytes]] = []

    def fetch() -> None:
        answer = httpx.get(base + "/explore", timeout=120)
        pages.append((answer.status_code, answer.content))

    try:
        threads = [threading.Thread(target=fetch) for _ in range(6)]
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join(150)
        assert [status for status, _ in pages] == [200] * 6
        assert len({body for _, body in pages}) == 1 and b"<html" in pages[0][1]
        started = time.monotonic()
        again = httpx.get(base + "/explore", timeout=30)
        assert again.content == pages[0][1] and time.monotonic() - started < 1
        assert _health(base)["explorer_builds"] == 1
    finally:
        stop(process)


def test_an_oversize_form_post_gets_413(kg_server: str) -> None:
    host, port = _address(kg_server)
    body = b"query=" + b"a" * 150_000
    with socket.create_connection((host, port)) as conn:
        conn.sendall(
            b"POST /sparql HTTP/1.1\r\nHost: x\r\nContent-Type: application/x-www-form-urlencoded\r\n"
            + f"Content-Length: {len(body)}\r\n\r\n".encode()
            + body
        )
        conn.settimeout(10)
        reply = b""
        while not reply.endswith(b"allowed\n"):  # the head and the body may come apart
            chunk = conn.recv(65536)
            assert chunk, reply
            reply += chunk
    assert reply.startswith(b"HTTP/1.1 413 "), reply[:200]
    assert reply.endswith(b"the request is larger than the 20000 bytes allowed\n")


def test_too_little_worker_memory_is_one_line_and_status_2() -> None:
    env = {**os.environ, "PYTHONPATH": str(REPO)}
    done = subprocess.run(
        [sys.executable, "-m", "graph.cli", "serve", "--port", "0", "--worker-memory", "50"],
        cwd=REPO,
        env=env,
        capture_output=True,
        text=True,
        timeout=180,
    )
    assert (done.returncode, done.stdout) == (2, "")
    assert done.stderr == (
        "kg: error: a query worker could not load the graph (exit status -6; too little memory? "
        "its limit is 50 MB: raise --worker-memory)\n"
    )


def test_sigterm_removes_the_snapshot(tmp_path: Path) -> None:
    scratch = tmp_path / "tmp"
    scratch.mkdir()
    process = _serve({"TMPDIR": str(scratch)})
    try:
        assert [p.name[:9] for p in scratch.iterdir()] == ["kg-serve-"]
        assert (next(scratch.iterdir()) / "graph.nq").stat().st_size > 100_000
        process.send_signal(signal.SIGTERM)
        assert process.wait(30) == 128 + signal.SIGTERM
    finally:
        stop(process)
    assert list(scratch.iterdir()) == []
    assert tempfile.gettempdir() != str(scratch)  # the test's own temporary folder was untouched
