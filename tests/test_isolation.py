"""Issue 24's high defects around untrusted text, and the isolation tool's promises.

B1/H3: a user's query file with ``@param`` lines is not a trusted named query. C7: where no
network namespace can be had, the grammar check reads the very text the engine runs. H1: a
threaded host never forks. E2: a child dies with its parent. A loopback listener that counts
connections must see none.
"""

from __future__ import annotations

import os
import shutil
import signal
import subprocess
import sys
import threading
import time
from pathlib import Path
from typing import Any

import pyoxigraph as ox
import pytest

import graph
from graph._errors import GraphError, QueryError
from graph.isolation import DEFAULT_TIMEOUT, Isolation, TimeLimit
from graph.sparql._named import load_query_file
from tests.conftest import REPO, Run
from tests.disguises import Listener, listening

C7_QUERY = (
    'SELECT * WHERE {{ BIND(1 AS ?a) BIND(2 AS ?b) BIND("\\u0022" AS ?x) FILTER(?a<?b)SERVICE#>\n'
    '<http://127.0.0.1:{port}/y> {{ ?s ?p ?o }} BIND("\\u0022" AS ?y) }}'
)
"""Issue 24's C7 query: rdflib reads the SERVICE as inside a long string, Oxigraph does not."""

REFUSED = "federated SERVICE calls are refused"


@pytest.fixture
def listener() -> Any:
    with listening() as found:
        yield found


def _settled(listener: Listener) -> int:
    time.sleep(0.1)  # a connection in flight is counted before we look
    return listener.connections


def _query_file(tmp_path: Path, body: str) -> Path:
    path = tmp_path / "mine.rq"
    path.write_text(f"# Mine.\n# @param who text optional  Anyone\n{body}\n", encoding="utf-8")
    return path


# -- B1/H3: a query file with parameters ------------------------------------------------------


def test_a_query_file_with_parameters_cannot_call_out_from_the_cli(
    tmp_path: Path, cli: Any, listener: Listener
) -> None:
    plain = _query_file(
        tmp_path, f"SELECT * WHERE {{ SERVICE <http://127.0.0.1:{listener.port}/x> {{ ?s ?p ?o }} }}"
    )
    done: Run = cli("query", str(plain))
    assert (done.code, done.out) == (2, "")
    assert done.err.startswith(f"kg: error: {REFUSED}")
    disguised = _query_file(tmp_path, C7_QUERY.format(port=listener.port))  # past the scanner
    done = cli("query", str(disguised), "--param", "who=me")
    assert (done.code, done.out) == (2, "")
    assert _settled(listener) == 0


def test_a_query_file_with_parameters_cannot_call_out_from_the_library(
    tmp_path: Path, listener: Listener
) -> None:
    kg = graph.load()
    plain = load_query_file(
        _query_file(
            tmp_path, f"SELECT * WHERE {{ SERVICE <http://127.0.0.1:{listener.port}/x> {{ ?s ?p ?o }} }}"
        )
    )
    with pytest.raises(GraphError, match=REFUSED):
        kg.run_named(plain, {})
    disguised = load_query_file(_query_file(tmp_path, C7_QUERY.format(port=listener.port)))
    with pytest.raises(GraphError):
        kg.run_named(disguised, {"who": "me"})
    assert _settled(listener) == 0
    # the opt-in reaches the listener, so the refusals above are real
    with pytest.raises(GraphError):
        kg.run_named(plain, {}, allow_service=True)
    assert _settled(listener) == 1


def test_a_query_file_still_binds_its_parameters(tmp_path: Path) -> None:
    path = _query_file(tmp_path, "SELECT ?who WHERE { BIND(?who AS ?w) } VALUES ?who { UNDEF }")
    assert graph.load().run_named(load_query_file(path), {"who": "me"}).values() == [{"who": "me"}]


# -- C7: no namespaces, the grammar's verdict --------------------------------------------------


@pytest.fixture
def no_namespaces(monkeypatch: pytest.MonkeyPatch) -> None:
    """As where unshare(CLONE_NEWNET) is not permitted (macOS, locked-down containers)."""
    import graph.isolation._tool

    monkeypatch.setattr(Isolation, "available", staticmethod(lambda: False))
    monkeypatch.setattr(graph.isolation._tool, "cut_network", lambda: False)


def test_the_disagreement_is_real(listener: Listener) -> None:
    """rdflib's grammar sees no SERVICE in the C7 text; Oxigraph, with the network, calls out."""
    from rdflib.plugins.sparql.parser import parseQuery

    from graph.sparql._guard import _has_service

    text = C7_QUERY.format(port=listener.port)
    assert not _has_service(parseQuery(text))
    store = ox.Store()
    with pytest.raises(OSError):
        list(store.query(text))  # the listener hangs up
    assert _settled(listener) == 1


def test_without_namespaces_the_library_makes_no_call(no_namespaces: None, listener: Listener) -> None:
    """The escapes are expanded before both readers: each then sees the SERVICE inside a string."""
    kg = graph.load()
    rows = kg.query(C7_QUERY.format(port=listener.port)).values()
    assert [sorted(row) for row in rows] == [["a", "b", "y"]]
    assert rows[0]["y"].startswith(" AS ?x) FILTER(?a<?b)SERVICE#>\n<http://127.0.0.1:")
    assert _settled(listener) == 0
    escaped = 'SELECT ?x WHERE { BIND("caf\\u00e9 \\U0001F600" AS ?x) }'  # an honest escape runs
    assert kg.query(escaped).values() == [{"x": "café \U0001f600"}]
    with pytest.raises(QueryError, match=r"\\u or \\U escape"):
        kg.query('SELECT ?x WHERE { BIND("\\u005Cu0022" AS ?x) }')  # an escape that makes an escape


def test_without_namespaces_the_cli_makes_no_call(
    no_namespaces: None, cli: Any, listener: Listener, monkeypatch: pytest.MonkeyPatch
) -> None:
    import graph.isolation._command

    # the listener's thread only waits in accept(): forking is safe, and keeps the monkeypatches
    monkeypatch.setattr(graph.isolation._command, "single_threaded", lambda: True)
    done: Run = cli("query", C7_QUERY.format(port=listener.port), "--format", "csv")
    assert (done.code, done.err) == (0, "")
    assert done.out.startswith('a,b,y\r\n1,2," AS ?x) FILTER(?a<?b)SERVICE#>\n<http://127.0.0.1:')
    assert _settled(listener) == 0
    done = cli("query", 'SELECT ?x WHERE { BIND("\\u005Cu0022" AS ?x) }')
    assert (done.code, done.out) == (2, "")
    assert done.err.startswith("kg: error: this query cannot be checked for SERVICE calls: it holds a \\u")


def test_without_namespaces_the_serve_check_refuses(listener: Listener) -> None:
    """What ``kg serve --allow-network-fallback`` runs before a worker with network gets the text."""
    from graph.sparql._guard import check_grammar
    from graph.sparql._text import uses_service

    text = C7_QUERY.format(port=listener.port)
    assert not uses_service(text)
    with pytest.raises(QueryError, match=r"\\u or \\U escape"):
        check_grammar(text)
    assert _settled(listener) == 0


@pytest.mark.skipif(
    shutil.which("setpriv") is None or os.geteuid() != 0,
    reason="needs setpriv, as root, to drop CAP_SYS_ADMIN",
)
def test_without_namespaces_for_real(listener: Listener) -> None:
    """``kg query`` with CAP_SYS_ADMIN dropped: unshare is refused, the grammar decides."""
    done = subprocess.run(
        [
            "setpriv",
            "--bounding-set",
            "-sys_admin",
            sys.executable,
            "-m",
            "graph.cli",
            "query",
            C7_QUERY.format(port=listener.port),
        ],
        capture_output=True,
        text=True,
        cwd=REPO,
        timeout=120,
    )
    assert (done.returncode, done.stderr) == (0, "")
    assert "SERVICE#>" in done.stdout  # inside a string, for the check and the engine alike
    assert _settled(listener) == 0


# -- H1: threads, and the child's lifetime -----------------------------------------------------


@pytest.mark.parametrize("seconds", [2, pytest.param(6, marks=pytest.mark.slow)])  # (the fast loop: 2 s)
@pytest.mark.parametrize("where", ["store", "memory"])
def test_a_threaded_host_does_not_hang(tmp_path: Path, where: str, seconds: int) -> None:
    sys.path.insert(0, str(REPO / "benchmarks"))
    try:
        from threaded_store import run_once
    finally:
        sys.path.remove(str(REPO / "benchmarks"))
    store = tmp_path / "store"
    if where == "store":
        graph.load(store=store)
    outcome, said = run_once(str(store) if where == "store" else "memory", seconds=seconds, threads=4, grace=60)
    assert outcome == "ok", said
    hosts, queries, errors = said.split()[:3]
    assert int(hosts) > 0 and int(queries) > 0 and errors == "0"


def _children() -> list[int]:
    path = f"/proc/{os.getpid()}/task/{os.getpid()}/children"
    return [int(pid) for pid in Path(path).read_text().split()] if os.path.exists(path) else []


@pytest.mark.parametrize("threaded", [False, True], ids=["forked", "fresh"])
def test_the_time_limit_leaves_no_child(threaded: bool) -> None:
    assert Isolation().timeout == DEFAULT_TIMEOUT
    before = _children()
    stop = threading.Event()
    if threaded:  # another thread: the child is a fresh interpreter, not a fork
        threading.Thread(target=stop.wait, daemon=True).start()
    try:
        started = time.monotonic()
        with pytest.raises(TimeLimit, match="longer than the 1 s allowed"):
            Isolation(timeout=1).call(time.sleep, 30)
        assert time.monotonic() - started < 10
    finally:
        stop.set()
    assert _children() == before


def test_a_killed_kg_takes_its_child_along(tmp_path: Path) -> None:
    """E2: kill -9 (or SIGTERM) to ``kg`` while its query child runs: the child dies too."""
    slow = "SELECT (COUNT(*) AS ?n) WHERE { ?a ?b ?c . ?d ?e ?f . ?g ?h ?i }"
    for sig in (signal.SIGKILL, signal.SIGTERM):
        kg = subprocess.Popen(
            [sys.executable, "-m", "graph.cli", "query", slow],
            cwd=REPO,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        )
        path = Path(f"/proc/{kg.pid}/task/{kg.pid}/children")
        deadline = time.monotonic() + 30
        while not path.read_text().split() and time.monotonic() < deadline:
            time.sleep(0.05)
        child = int(path.read_text().split()[0])
        time.sleep(0.5)  # the child is evaluating
        kg.send_signal(sig)
        kg.wait(timeout=30)
        deadline = time.monotonic() + 10
        while _alive(child) and time.monotonic() < deadline:
            time.sleep(0.05)
        assert not _alive(child), sig


def _alive(pid: int) -> bool:
    try:
        state = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[0]
    except OSError:
        return False
    return state != "Z"


def test_a_command_run_in_process_keeps_its_time_limit(cli: Any) -> None:
    """A named question on the packaged data runs in the kg process, still under --time-limit."""
    done: Run = cli("validate", "--time-limit", "0.001")  # warm, validate takes about 25 ms
    assert (done.code, done.out) == (2, "")
    assert (
        done.err
        == "kg: error: the command ran longer than the 0.001 s allowed (--time-limit) and was stopped\n"
    )
    assert cli("validate", "--time-limit", "600").code == 0  # the timer is gone afterwards
    time.sleep(0.1)


def test_named_questions_on_the_packaged_data_run_in_process(
    cli: Any, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Issue 19, item 4: no child process for trusted work; untrusted text still gets one."""
    import graph.cli

    def no_child(*_: Any, **__: Any) -> Any:
        raise AssertionError("a child process was started")

    monkeypatch.setattr(os, "fork", no_child)
    monkeypatch.setattr(subprocess, "Popen", no_child)
    for command in (
        ("hosts", "--format", "json"),
        ("query", "who-hosts-what", "--format", "json"),
        ("terms", "--as-of", "2025-06"),
    ):
        done: Run = cli(*command)
        assert (done.code, done.err) == (0, ""), command
    untrusted = [
        ["query", "SELECT * WHERE { ?s ?p ?o } LIMIT 1"],
        ["hosts", "--data", str(REPO / "docs")],
        ["hosts", "--store", "somewhere"],
    ]
    for argv in untrusted:
        args = graph.cli.build_parser(argv[0]).parse_args(argv)
        assert graph.cli.reads_untrusted_input(args), argv


# -- what reaches the user's stderr from a child ------------------------------------------------

JUNK_COMMAND = '''
import os, sys, threading
import graph.cli

def _run(args):
    """kg's own note, then a flood of what native code writes to file descriptor 2, then the end."""
    print("kg: a note kg writes itself", file=sys.stderr)
    failing = threading.Thread(target=lambda: 1 / 0)  # a thread's traceback is not kg's message
    failing.start()
    failing.join()
    junk = b"Traceback (most recent call last):\\n  File \\"x\\"\\nterminate called\\x1b[2J \\xff\\n"
    os.write(2, junk * 40000)  # about 2 MB: more than a pipe holds unless the parent reads
    if os.environ["JUNK_END"] == "abort":
        os.abort()
    print("the answer")
    return 0

graph.cli._run = _run
if os.environ["JUNK_HOST"] == "threaded" and "KG_DIE_WITH_PARENT" not in os.environ:
    threading.Thread(target=threading.Event().wait, daemon=True).start()  # kg runs fresh
'''


@pytest.mark.parametrize("end", ["abort", "success"])
@pytest.mark.parametrize("host", ["forked", "threaded"])
def test_only_kgs_lines_reach_stderr(tmp_path: Path, host: str, end: str) -> None:
    """Whatever else a child writes to its stderr (C++'s ``terminate called``, a traceback, raw
    bytes, megabytes of it, a thread's uncaught exception) never reaches the user, whether it aborts or succeeds; kg's own
    messages do, and an abort is one line of kg's."""
    (tmp_path / "sitecustomize.py").write_text(JUNK_COMMAND, encoding="utf-8")  # the child too
    done = subprocess.run(
        [sys.executable, "-m", "graph.cli", "query", "SELECT * WHERE { ?s ?p ?o }", "--time-limit", "60"],
        capture_output=True,
        cwd=REPO,
        timeout=120,
        env={**os.environ, "PYTHONPATH": f"{tmp_path}{os.pathsep}{REPO}", "JUNK_END": end, "JUNK_HOST": host},
    )
    note = b"kg: a note kg writes itself\n"
    if end == "abort":
        crash = b"kg: error: the query process stopped unexpectedly (status -6)\n"
        assert (done.returncode, done.stdout, done.stderr) == (2, b"", note + crash)
    else:
        assert (done.returncode, done.stdout, done.stderr) == (0, b"the answer\n", note)
