"""``kg serve`` under attack (issue 13): disguised SERVICE, data edits with slow queries, stalled
connections, huge GET requests, a store rebuilt while serving, queries that exhaust a worker.

Every server here is a real ``kg serve`` on a free loopback port.
"""

from __future__ import annotations

import socket
import subprocess
import threading
import time
from pathlib import Path

import httpx
import pytest
from hypothesis import HealthCheck, given, settings

from tests.disguises import ISSUE_BYPASS, listening, service_queries
from tests.harness import stop
from tests.server.conftest import start_kg_serve

pytestmark = pytest.mark.server

SERVE_EXAMPLES = 1000
SLOW = "SELECT (COUNT(*) AS ?n) WHERE { ?a ?b ?c . ?d ?e ?f . ?g ?h ?i }"
LABEL = "SELECT ?l WHERE { <https://w3id.org/partnership-kg/id/serve-test> ?p ?l }"
EXTRA = (
    '<https://w3id.org/partnership-kg/id/serve-test> <http://www.w3.org/2000/01/rdf-schema#label> "{}" .\n'
)


def _labels(base: str) -> list[str]:
    answer = httpx.get(base + "/sparql", params={"query": LABEL}, timeout=30)
    assert answer.status_code == 200, answer.text
    return [b["l"]["value"] for b in answer.json()["results"]["bindings"]]


def _stderr(process: subprocess.Popen[str]) -> str:
    stop(process)
    return process.stderr.read() if process.stderr else ""


def test_serve_fuzz_sees_zero_connections(kg_server: str) -> None:
    with listening() as listener, httpx.Client(timeout=30) as client:
        statuses: dict[int, int] = {}

        @settings(
            max_examples=SERVE_EXAMPLES,
            derandomize=True,
            database=None,
            deadline=None,
            suppress_health_check=list(HealthCheck),
        )
        @given(service_queries(listener.port))
        def property_(query: str) -> None:
            if len(query) % 2:
                answer = client.get(kg_server + "/sparql", params={"query": query})
            else:
                answer = client.post(
                    kg_server + "/sparql", content=query, headers={"Content-Type": "application/sparql-query"}
                )
            statuses[answer.status_code] = statuses.get(answer.status_code, 0) + 1
            assert answer.status_code in (200, 400, 403), answer.text
            assert listener.connections == 0, query

        property_()
        bypass = client.get(kg_server + "/sparql", params={"query": ISSUE_BYPASS.format(port=listener.port)})
        assert (bypass.status_code, bypass.text) == (
            403,
            "federated SERVICE calls are disabled on this endpoint\n",
        )
        time.sleep(0.1)
        assert listener.connections == 0
        assert sum(statuses.values()) == SERVE_EXAMPLES
        assert statuses.get(403, 0) > SERVE_EXAMPLES // 2


def test_health_reports_the_workers(kg_server: str) -> None:
    health = httpx.get(kg_server + "/health").json()
    assert health["status"] in ("ok", "degraded")
    assert health["workers_configured"] == 2
    assert health["network_isolated"] is True
    assert health["source"] == "snapshot"
    assert health["triples"] > 1000


@pytest.mark.parametrize("mode", ["memory", "store"])
def test_a_data_edit_and_slow_queries_never_wedge_the_server(tmp_path: Path, mode: str) -> None:
    data = tmp_path / "data"
    data.mkdir()
    (data / "extra.ttl").write_text(EXTRA.format("before the edit"), encoding="utf-8")
    args = ["--data", str(data), "--timeout", "1", "--workers", "2"]
    if mode == "store":
        args += ["--store", str(tmp_path / "store")]
    base, process = start_kg_serve(*args)
    try:
        assert _labels(base) == ["before the edit"]
        (data / "extra.ttl").write_text("this is { not Turtle", encoding="utf-8")  # malformed
        clients = [  # two client addresses: one client may hold only one of the two workers
            httpx.Client(timeout=30, transport=httpx.HTTPTransport(local_address=address))
            for address in ("127.0.0.1", "127.0.0.2")
        ]
        slow = [
            threading.Thread(target=c.get, args=(base + "/sparql",), kwargs={"params": {"query": SLOW}})
            for c in clients
        ]
        for thread in slow:
            thread.start()
        for thread in slow:
            thread.join()
        for client in clients:
            client.close()
        deadline = time.monotonic() + 30
        while httpx.get(base + "/health").json()["restarts"] < 2 and time.monotonic() < deadline:
            time.sleep(0.2)
        health = httpx.get(base + "/health").json()
        assert (health["status"], health["workers"], health["restarts"]) == ("ok", 2, 2)
        assert health["data_changed_since_start"] is True
        for _ in range(4):  # every worker answers, with the graph the server started with
            assert _labels(base) == ["before the edit"]
    finally:
        err = _stderr(process)
    assert (
        "kg serve: warning: the data files changed since the server started; it keeps serving "
        "the graph it started with (restart kg serve to load the change)"
    ) in err


def test_stalled_connections_are_dropped_and_never_block_others() -> None:
    base, process = start_kg_serve("--header-timeout", "2", "--workers", "1")
    host, port = base.split("//")[1].split(":")
    stalled = []
    try:
        for _ in range(600):  # more than the 512 connections uvicorn's limit used to allow
            conn = socket.create_connection((host, int(port)))
            conn.sendall(b"GET /sparql HTTP/1.1\r\nHost: x\r\n")  # headers never finished
            stalled.append(conn)
        started = time.monotonic()
        answer = httpx.get(base + "/sparql", params={"query": "ASK {}"}, timeout=10)
        assert answer.status_code == 200 and answer.json()["boolean"] is True
        assert time.monotonic() - started < 2
        time.sleep(3)
        closed = 0
        for conn in stalled:
            conn.settimeout(1)
            try:
                closed += conn.recv(100) == b""
            except OSError:
                closed += 1
        assert closed == 600
        slow_body = socket.create_connection((host, int(port)))
        slow_body.sendall(
            b"POST /sparql HTTP/1.1\r\nHost: x\r\nContent-Type: application/sparql-query\r\n"
            b"Content-Length: 100\r\n\r\nASK"
        )
        slow_body.settimeout(10)
        reply = slow_body.recv(1000)
        while not _complete(reply):  # the head and the body may come in separate packets
            more = slow_body.recv(1000)
            if not more:
                break
            reply += more
        assert reply.startswith(b"HTTP/1.1 408 ")
        assert reply.endswith(b"the request body did not arrive within 2 s\n")
        slow_body.close()
    finally:
        for conn in stalled:
            conn.close()
        stop(process)


@pytest.mark.parametrize("size", [110_000, 130_000, 400_000])
def test_a_huge_get_gets_414_not_a_reset(kg_server: str, size: int) -> None:
    host, port = kg_server.split("//")[1].split(":")
    with socket.create_connection((host, int(port))) as conn:
        conn.sendall(b"GET /sparql?query=" + b"a" * size + b" HTTP/1.1\r\nHost: x\r\n\r\n")
        conn.settimeout(10)
        reply = b""
        while b"\r\n\r\n" not in reply or not reply.endswith(b"\n"):
            chunk = conn.recv(65536)  # a reset would raise ConnectionResetError here
            assert chunk, reply
            reply += chunk
    head, _, body = reply.partition(b"\r\n\r\n")
    assert head.startswith(b"HTTP/1.1 414 "), reply[:200]
    assert b"POST" in body


def test_a_rebuild_while_serving_leaves_one_version(tmp_path: Path) -> None:
    from graph.cli import main

    data = tmp_path / "data"
    data.mkdir()
    store = tmp_path / "store"
    (data / "extra.ttl").write_text(EXTRA.format("version one"), encoding="utf-8")
    base, process = start_kg_serve(
        "--data", str(data), "--store", str(store), "--workers", "2", "--timeout", "1"
    )
    try:
        assert _labels(base) == ["version one"]
        (data / "extra.ttl").write_text(EXTRA.format("version two"), encoding="utf-8")
        assert main(["hosts", "--data", str(data), "--store", str(store), "--format", "json"]) == 0
        generations = sorted(p.name for p in store.iterdir() if p.is_dir())
        assert len(generations) == 2  # the server's generation is pinned, not removed
        for _ in range(6):
            httpx.get(base + "/sparql", params={"query": SLOW}, timeout=30)  # workers restart ...
            assert _labels(base) == ["version one"]  # ... and still read the version they started with
    finally:
        stop(process)
    assert main(["hosts", "--data", str(data), "--store", str(store), "--format", "json"]) == 0
    (data / "extra.ttl").write_text(EXTRA.format("version three"), encoding="utf-8")
    assert main(["hosts", "--data", str(data), "--store", str(store), "--format", "json"]) == 0
    assert len([p for p in store.iterdir() if p.is_dir()]) == 1  # unpinned, old ones go


def test_a_query_past_the_worker_memory_limit_is_one_line_and_the_server_recovers() -> None:
    base, process = start_kg_serve("--worker-memory", "700", "--workers", "1", "--timeout", "20")
    hungry = (
        "SELECT (STRLEN(GROUP_CONCAT(?x)) AS ?n) WHERE { ?a ?b ?c . ?d ?e ?f . "
        'BIND(CONCAT(STR(?c), STR(?f), "01234567890123456789012345678901234567890123456789012345678901234567890123456789012345678901234567890123456789012345678901234567890123456789012345678901234567890123456789012345678901234567890123456789") AS ?x) }'
    )
    try:
        answer = httpx.get(base + "/sparql", params={"query": hungry}, timeout=60)
        assert answer.status_code == 500
        assert answer.text.startswith(
            "the query worker died while answering (Oxigraph aborted: a known crash"
        )
        assert "memory limit of 700 MB" in answer.text and answer.text.count("\n") == 1
        deadline = time.monotonic() + 60
        while httpx.get(base + "/health").json()["restarts"] < 1 and time.monotonic() < deadline:
            time.sleep(0.2)
        assert httpx.get(base + "/sparql", params={"query": "ASK {}"}).status_code == 200
    finally:
        stop(process)


def test_without_namespaces_serve_refuses_unless_allowed(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    from graph import _sandbox
    from graph.cli import main

    monkeypatch.setattr(_sandbox, "network_can_be_cut", lambda: False)
    assert main(["serve", "--port", "0"]) == 2
    assert capsys.readouterr().err == (
        "kg: error: cannot cut the query workers off the network here (unshare(CLONE_NEWNET) is not "
        "permitted), so a SERVICE call could reach other servers; run with --allow-network-fallback "
        "to serve anyway, refusing SERVICE by SPARQL grammar only\n"
    )


@pytest.mark.filterwarnings("ignore::DeprecationWarning")
def test_the_fallback_refuses_service_by_grammar(monkeypatch: pytest.MonkeyPatch) -> None:
    from starlette.testclient import TestClient

    from graph import _sandbox
    from graph.serve._app import ServeOptions, create_app

    monkeypatch.setattr(_sandbox, "network_can_be_cut", lambda: False)
    with (
        listening() as listener,
        TestClient(create_app(ServeOptions(workers=1, allow_network_fallback=True))) as client,
    ):
        answer = client.get("/sparql", params={"query": ISSUE_BYPASS.format(port=listener.port)})
        assert (answer.status_code, answer.text) == (
            403,
            "federated SERVICE calls are refused (a query may not make this process call other servers)\n",
        )
        assert client.get("/health").json()["network_isolated"] is False
        assert client.get("/sparql", params={"query": "ASK {}"}).json()["boolean"] is True
        time.sleep(0.1)
        assert listener.connections == 0


def _complete(reply: bytes) -> bool:
    """Whether an HTTP reply holds its whole head and as many body bytes as Content-Length says."""
    head, sep, body = reply.partition(b"\r\n\r\n")
    if not sep:
        return False
    for line in head.split(b"\r\n")[1:]:
        name, _, value = line.partition(b":")
        if name.strip().lower() == b"content-length":
            return len(body) >= int(value)
    return True
