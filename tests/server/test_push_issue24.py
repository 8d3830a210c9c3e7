"""Issue 24's push defects (D1-D5), each reproduced against a real Oxigraph server or a fake
store that answers slowly."""

from __future__ import annotations

import http.server
import json
import signal
import subprocess
import sys
import threading
import time
import urllib.parse
from collections.abc import Iterator
from pathlib import Path
from typing import Any, ClassVar

import pytest

import graph
from graph.remote._backend import connect
from graph.remote._http import EndpointError
from tests.conftest import PREFIXES, REPO, write

ODD = PREFIXES + 'pk:odd rdfs:label "line\\u2028separator, next\\u0085line, para\\u2029graph" .\n'


def test_line_separators_in_a_literal_survive_insert_data(tmp_path: Path, oxigraph: str, cli: Any) -> None:
    """D4: INSERT DATA chunks were cut at U+2028 and U+0085 inside a literal (splitlines)."""
    write(tmp_path / "data" / "odd.ttl", ODD)
    target = "https://example.org/issue24/d4"
    done = cli(
        "push",
        "--endpoint",
        oxigraph,
        "--graph",
        target,
        "--gsp-endpoint",
        "none",
        "--data",
        str(tmp_path / "data"),
    )
    assert done.code == 0, done.err
    assert done.out.startswith(f"pushed {len(graph.load(tmp_path / 'data'))} triples to <{target}>")
    remote = connect(oxigraph + "/query", graph=target)
    label = remote.query("SELECT ?l WHERE { pk:odd rdfs:label ?l }").values()
    assert label == [{"l": "line\u2028separator, next\u0085line, para\u2029graph"}]


def test_an_endpoint_url_naming_a_dataset_is_refused(oxigraph: str, cli: Any) -> None:
    """D5: ``?default-graph-uri=`` hid the target from the count: a false 'unchanged (0 triples)'."""
    url = oxigraph + "/query?default-graph-uri=" + urllib.parse.quote("https://example.org/other")
    done = cli("push", "--endpoint", url, "--graph", "https://example.org/issue24/d5")
    assert (done.code, done.out) == (2, "")
    assert done.err.startswith("kg: error: push needs the store's own URL: this one names a dataset")


def test_an_answer_past_the_size_cap_is_refused(
    oxigraph: str, pushed: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    """D3: an endpoint's answer is read up to MAX_ANSWER bytes, then refused in one line."""
    import graph.remote._http

    monkeypatch.setattr(graph.remote._http, "MAX_ANSWER", 100_000)
    remote = connect(oxigraph + "/query")
    with pytest.raises(EndpointError, match=r"/query answered more than 0 MB; stopped reading"):
        remote.query("SELECT * WHERE { ?s ?p ?o }")


class SlowStore(http.server.BaseHTTPRequestHandler):
    """A store whose Graph Store PUT takes ``delay`` seconds; counts answer 0; updates succeed."""

    delay = 3.0
    seen: ClassVar[list[str]] = []

    def log_message(self, *_: Any) -> None:
        pass

    def _reply(self, status: int, body: bytes = b"", kind: str = "text/plain") -> None:
        self.send_response(status)
        self.send_header("Content-Type", kind)
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def do_POST(self) -> None:
        length = int(self.headers.get("Content-Length", 0))
        form = urllib.parse.parse_qs(self.rfile.read(length).decode())
        if "query" in form:
            self.seen.append("count")
            answer = {
                "head": {"vars": ["n"]},
                "results": {"bindings": [{"n": {"type": "literal", "value": "0"}}]},
            }
            self._reply(200, json.dumps(answer).encode(), "application/sparql-results+json")
        else:
            self.seen.append(
                form["update"][0].split("<")[0].strip() + " " + form["update"][0].split("<")[1].split(">")[0]
            )
            self._reply(204)

    def do_PUT(self) -> None:
        self.seen.append("PUT " + urllib.parse.parse_qs(urllib.parse.urlsplit(self.path).query)["graph"][0])
        self.rfile.read(int(self.headers.get("Content-Length", 0)))
        time.sleep(self.delay)
        self._reply(204)


@pytest.fixture
def slow_store() -> Iterator[str]:
    SlowStore.seen = []
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), SlowStore)
    server.handle_error = lambda *_: None  # type: ignore[method-assign]  # a client that gave up
    threading.Thread(target=server.serve_forever, daemon=True).start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}"
    finally:
        server.shutdown()
        server.server_close()


def test_an_upload_that_times_out_names_its_temporary_graph(slow_store: str, cli: Any) -> None:
    """D1: the store may still finish a PUT the client gave up on: the message names the graph."""
    SlowStore.delay = 3.0
    done = cli("push", "--endpoint", slow_store, "--http-timeout", "1")
    assert (done.code, done.out) == (2, "")
    upload = next(s for s in SlowStore.seen if s.startswith("PUT ")).split()[1]
    assert upload.startswith("urn:partnership-kg:upload:")
    assert done.err == (
        f"kg: error: push failed while uploading: {slow_store}/store did not answer within 1 s; "
        f"<https://w3id.org/partnership-kg/graph> is unchanged (0 triples); the temporary graph <{upload}> "
        "may be left in the store (the store may still complete the upload there)\n"
    )


def test_sigterm_during_a_push_drops_the_upload_and_says_so(slow_store: str) -> None:
    """D2: SIGTERM reaches the push, which drops its temporary graph and prints one line."""
    SlowStore.delay = 30.0
    push = subprocess.Popen(
        [sys.executable, "-m", "graph.cli", "push", "--endpoint", slow_store, "--http-timeout", "60"],
        cwd=REPO,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )
    deadline = time.monotonic() + 60
    while not any(s.startswith("PUT ") for s in SlowStore.seen) and time.monotonic() < deadline:
        time.sleep(0.05)
    upload = next(s for s in SlowStore.seen if s.startswith("PUT ")).split()[1]
    push.send_signal(signal.SIGTERM)
    out, err = push.communicate(timeout=30)
    assert (push.returncode, out) == (128 + signal.SIGTERM, "")
    assert err == (
        "kg: error: push failed while uploading: stopped by a signal; "
        "<https://w3id.org/partnership-kg/graph> is unchanged (0 triples)\n"
    )
    assert f"DROP SILENT GRAPH {upload}" in SlowStore.seen
