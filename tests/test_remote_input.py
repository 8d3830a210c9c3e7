"""Bad endpoints and options for --endpoint: one line, exit 2, never a silent exit or a traceback."""

from __future__ import annotations

import http.server
import json
import socket
import threading
from collections.abc import Iterator

import pytest

import graph
from graph._errors import GraphError


@pytest.mark.parametrize("value", ["inf", "nan", "1e10", "0"])
def test_http_timeouts_outside_the_range_are_refused(cli, value: str) -> None:
    run = cli("hosts", "--endpoint", "http://127.0.0.1:9/sparql", "--http-timeout", value)
    assert run.code == 2 and run.err.splitlines()[-1].startswith(
        "kg hosts: error: argument --http-timeout: must"
    )


@pytest.mark.parametrize(
    ("url", "reason"),
    [
        ("http://[::1/sparql", "(Invalid IPv6 URL)"),
        ("http://127.0.0.1:notaport/sparql", "(nonnumeric port: 'notaport')"),
    ],
)
def test_unusable_urls_are_one_line(cli, url: str, reason: str) -> None:
    for command in (("hosts",), ("push",)):
        run = cli(*command, "--endpoint", url)
        assert (run.code, run.out) == (2, "")
        assert run.err == f"kg: error: not a usable URL: {url} {reason}\n"


@pytest.fixture
def banner() -> Iterator[str]:
    """A loopback listener that answers every connection with a line that is not HTTP."""
    server = socket.create_server(("127.0.0.1", 0))
    stop = threading.Event()

    def serve() -> None:
        server.settimeout(0.2)
        while not stop.is_set():
            try:
                conn, _ = server.accept()
            except TimeoutError:
                continue
            with conn:
                conn.settimeout(2)
                conn.recv(65536)  # the request, so that the client is reading when the line comes
                conn.sendall(b"SSH-2.0-OpenSSH_9.2\r\n")

    thread = threading.Thread(target=serve, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.getsockname()[1]}/sparql"
    stop.set()
    thread.join()
    server.close()


def test_a_server_that_is_not_http_is_one_line(cli, banner: str) -> None:
    run = cli("hosts", "--endpoint", banner)
    assert (run.code, run.out) == (2, "")
    assert run.err == f"kg: error: {banner} did not answer as an HTTP server (BadStatusLine)\n"


@pytest.fixture
def malformed() -> Iterator[str]:
    """A loopback endpoint whose JSON results put a number where a term belongs."""

    class Handler(http.server.BaseHTTPRequestHandler):
        def do_POST(self) -> None:
            self.rfile.read(int(self.headers.get("Content-Length", 0)))
            body = json.dumps({"head": {"vars": ["n"]}, "results": {"bindings": [{"n": 5}]}}).encode()
            self.send_response(200)
            self.send_header("Content-Type", "application/sparql-results+json")
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            self.wfile.write(body)

        def log_message(self, *args: object) -> None:
            pass

    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.server_address[1]}/sparql"
    server.shutdown()
    server.server_close()


def test_malformed_results_are_one_line(cli, malformed: str) -> None:
    run = cli("hosts", "--endpoint", malformed)
    assert (run.code, run.out) == (2, "")
    assert run.err.startswith(f"kg: error: {malformed} sent an answer that does not parse as ")
    assert len(run.err.splitlines()) == 1


def test_a_query_too_long_for_get_says_so_before_sending() -> None:
    remote = graph.connect("http://127.0.0.1:9/sparql", check=False, method="get")
    long_query = "ASK { FILTER(" + " || ".join(["true"] * 2000) + ") }"  # about 16 KB in a URL
    with pytest.raises(GraphError) as caught:
        remote.query(long_query)
    assert str(caught.value).startswith("the query is too long for --http-method get (")
    assert str(caught.value).endswith("stores cut or refuse URLs near 8 KB): use post-form")


@pytest.fixture
def trickle() -> Iterator[str]:
    """A loopback endpoint that sends its answer's head at once, then a byte every 0.2 s, forever."""
    import time

    stop = threading.Event()

    class Handler(http.server.BaseHTTPRequestHandler):
        def do_POST(self) -> None:
            self.rfile.read(int(self.headers.get("Content-Length", 0)))
            self.send_response(200)
            self.send_header("Content-Type", "application/sparql-results+json")
            self.end_headers()
            while not stop.is_set():
                self.wfile.write(b" ")
                self.wfile.flush()
                time.sleep(0.2)

        def log_message(self, *args: object) -> None:
            pass

    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    server.daemon_threads = True
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.server_address[1]}/sparql"
    stop.set()
    server.shutdown()
    server.server_close()


def test_http_timeout_bounds_the_whole_answer_not_each_read(cli, trickle: str) -> None:
    import time

    started = time.monotonic()
    run = cli("hosts", "--endpoint", trickle, "--http-timeout", "1.5")
    assert time.monotonic() - started < 10
    assert (run.code, run.err) == (2, f"kg: error: {trickle} did not answer within 1.5 s\n")
