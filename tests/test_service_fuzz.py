"""SERVICE cannot reach another server from the library or the CLI, however it is spelled.

A property-based fuzzer (hypothesis, derandomized so CI is deterministic) disguises SERVICE
thousands of ways (tests/disguises.py) and sends each query through ``graph.load().query`` and
``kg query``; a listener on 127.0.0.1 must see zero connections. A control shows that the
disguises are real: Oxigraph itself, with the network, connects for most of them.
"""

from __future__ import annotations

import contextlib
import threading
import time
from typing import Any

import pyoxigraph as ox
import pytest
from hypothesis import HealthCheck, given, settings

import graph
from graph._errors import GraphError
from tests.disguises import ISSUE_BYPASS, Listener, listening, service_queries

LIBRARY_EXAMPLES = 2000
CLI_EXAMPLES = 100
ISOLATED_EXAMPLES = 200

FUZZ = settings(
    derandomize=True,
    database=None,
    deadline=None,
    suppress_health_check=list(HealthCheck),
)


@pytest.fixture(scope="module")
def listener() -> Any:
    with listening() as found:
        yield found


@pytest.fixture(scope="module")
def kg() -> graph.PartnershipGraph:
    return graph.load()


def _settle(listener: Listener) -> int:
    time.sleep(0.05)  # a connection in flight is counted before we look
    return listener.connections


def test_the_issues_bypass_is_refused_by_the_library(kg: Any, listener: Listener) -> None:
    before = listener.connections
    query = ISSUE_BYPASS.format(port=listener.port)
    with pytest.raises(GraphError, match="SERVICE calls are refused"):
        kg.query(query)
    assert _settle(listener) == before
    with contextlib.suppress(GraphError):  # the opt-in: now Oxigraph really calls the listener
        kg.query(query, allow_service=True)
    assert _settle(listener) == before + 1


def test_library_fuzz_sees_zero_connections(kg: Any, listener: Listener) -> None:
    before = listener.connections
    seen = {"refused": 0, "answered": 0}

    @settings(FUZZ, max_examples=LIBRARY_EXAMPLES)
    @given(service_queries(listener.port))
    def property_(query: str) -> None:
        try:
            kg.query(query)
            seen["answered"] += 1
        except GraphError:
            seen["refused"] += 1
        assert listener.connections == before, query

    property_()
    assert _settle(listener) == before
    assert sum(seen.values()) >= LIBRARY_EXAMPLES * 0.9


def test_cli_fuzz_sees_zero_connections(listener: Listener, capsys: pytest.CaptureFixture[str]) -> None:
    from graph.cli import main

    before = listener.connections

    @settings(FUZZ, max_examples=CLI_EXAMPLES)
    @given(service_queries(listener.port))
    def property_(query: str) -> None:
        code = main(["query", query, "--format", "json"])
        capsys.readouterr()
        assert code in (0, 2)
        assert listener.connections == before, query

    property_()
    assert _settle(listener) == before


def test_cli_refuses_the_issues_bypass_and_allows_service_on_request(
    listener: Listener, capsys: pytest.CaptureFixture[str]
) -> None:
    from graph.cli import main

    before = listener.connections
    query = ISSUE_BYPASS.format(port=listener.port)
    assert main(["query", query]) == 2
    err = capsys.readouterr().err
    assert (
        err
        == "kg: error: federated SERVICE calls are refused (a query may not make this process call other servers)\n"
    )
    assert _settle(listener) == before
    main(["query", "--allow-service", query])
    capsys.readouterr()
    assert _settle(listener) == before + 1


def test_the_disguises_are_real_oxigraph_calls(listener: Listener) -> None:
    """Control: with the network, plain Oxigraph connects for (nearly) every generated disguise."""
    store = ox.Store()
    store.add(ox.Quad(ox.NamedNode("http://e/s"), ox.NamedNode("http://e/p"), ox.NamedNode("http://e/o")))
    calls = {"tried": 0, "connected": 0}

    @settings(FUZZ, max_examples=200)
    @given(service_queries(listener.port))
    def property_(query: str) -> None:
        before = listener.connections
        worker = threading.Thread(target=_quietly, args=(store, query), daemon=True)
        worker.start()
        worker.join(5)
        time.sleep(0.005)
        calls["tried"] += 1
        calls["connected"] += listener.connections > before

    property_()
    assert calls["connected"] >= calls["tried"] * 0.9, calls


def _quietly(store: ox.Store, query: str) -> None:
    with contextlib.suppress(Exception):  # the listener hangs up; only the attempt matters
        list(store.query(query))


def test_the_isolated_process_alone_stops_every_disguise(kg: Any, listener: Listener) -> None:
    """The guarantee itself, without the friendly text check in front: each disguise runs in a
    child cut off the network (as kg serve's workers and kg commands run), and goes nowhere."""
    from graph.isolation import Isolation
    from graph.sparql._guard import StoreSource, run_on

    before = listener.connections
    outcomes = {"answered": 0, "failed": 0}

    @settings(FUZZ, max_examples=ISOLATED_EXAMPLES)
    @given(service_queries(listener.port))
    def property_(query: str) -> None:
        try:
            Isolation(timeout=10).call(run_on, StoreSource(kg.store), query, {})
            outcomes["answered"] += 1  # SERVICE SILENT: an empty answer
        except GraphError:
            outcomes["failed"] += 1
        assert listener.connections == before, query

    property_()
    assert _settle(listener) == before
    assert sum(outcomes.values()) == ISOLATED_EXAMPLES
