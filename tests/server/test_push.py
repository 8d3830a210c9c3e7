"""kg push: the graph lands in a real Oxigraph server, and a push that fails midway leaves the
previous version of the named graph in place, with no temporary graph left behind."""

from __future__ import annotations

import uuid
from pathlib import Path
from typing import Any

import pyoxigraph as ox
import pytest

from graph._graph import PartnershipGraph
from graph.remote._backend import DEFAULT_GRAPH_IRI, RemoteBackend, connect
from graph.remote._push import PushError, push
from graph.store._backend import LocalBackend
from tests.conftest import CliRunner

from .conftest import BreakingProxy, free_port

pytestmark = pytest.mark.server

EXTRA = """@prefix pk: <https://w3id.org/partnership-kg/id/> .
@prefix rdfs: <http://www.w3.org/2000/01/rdf-schema#> .
pk:push-test-marker rdfs:label "only in the new version" .
"""


def _graph() -> str:
    return f"https://example.org/push-test/{uuid.uuid4()}"


def _count(base: str, graph: str) -> int:
    text = f"SELECT (COUNT(*) AS ?n) WHERE {{ GRAPH <{graph}> {{ ?s ?p ?o }} }}"
    return int(RemoteBackend(base).query(text, {}).rows[0][0].value)


def _graphs(base: str) -> set[str]:
    rows = RemoteBackend(base).query("SELECT DISTINCT ?g WHERE { GRAPH ?g { ?s ?p ?o } }", {}).rows
    return {row[0].value for row in rows}


def _newer(tmp_path: Path) -> Any:
    """The packaged graph plus one extra triple: a new version to push."""
    extra = tmp_path / "extra.ttl"
    extra.write_text(EXTRA, encoding="utf-8")
    return PartnershipGraph.load(extra)


def test_push_loads_every_triple(oxigraph: str, kg: Any) -> None:
    graph = _graph()
    report = push(kg, oxigraph, graph)
    assert report.triples == len(kg) == _count(oxigraph, graph)
    assert report.previous == 0
    assert "Graph Store PUT to a temporary graph, then MOVE" in report.summary()
    again = push(kg, oxigraph, graph)
    assert (again.previous, again.triples) == (len(kg), len(kg))
    assert f"replacing {len(kg)}" in again.summary()
    remote = connect(oxigraph, graph=graph)
    assert [h.provider for h in remote.hosts("stateless-apis") if h.role == "hosts"] == ["Microsoft Azure"]


def test_push_through_sparql_update_only(oxigraph: str, kg: Any, tmp_path: Path) -> None:
    graph = _graph()
    push(kg, oxigraph, graph)
    report = push(_newer(tmp_path), oxigraph + "/query", graph)  # no Graph Store URL: INSERT DATA
    assert "INSERT DATA in chunks of 500 triples to a temporary graph, then MOVE" in report.method
    assert _count(oxigraph, graph) == len(kg) + 1


def test_a_push_cut_midway_leaves_the_previous_graph(
    oxigraph: str, kg: Any, tmp_path: Path, breaking_proxy: BreakingProxy
) -> None:
    graph = _graph()
    push(kg, oxigraph, graph)
    before = _graphs(oxigraph)
    for url in (breaking_proxy.url, breaking_proxy.url + "/query"):  # Graph Store PUT, then INSERT DATA
        with pytest.raises(
            PushError, match=rf"push failed while uploading: .*<{graph}> is unchanged \(\d+ triples\)"
        ):
            push(_newer(tmp_path), url, graph)
    assert breaking_proxy.cut == 2
    assert _count(oxigraph, graph) == len(kg)
    marker = "ASK { <https://w3id.org/partnership-kg/id/push-test-marker> ?p ?o }"
    assert not connect(oxigraph, graph=graph).query(marker).boolean
    assert _graphs(oxigraph) == before  # no temporary graph left behind


class _Cut(LocalBackend):
    """A graph whose N-Triples come out cut: in the middle of a term, or after a whole line."""

    def __init__(self, store: ox.Store, mid_term: bool) -> None:
        super().__init__(store)
        self.mid_term = mid_term

    def dump(self, fmt: ox.RdfFormat) -> bytes:
        data = super().dump(fmt)
        half = data[: len(data) // 2]
        return half + b" <broken" if self.mid_term else half[: half.rindex(b"\n") + 1]


@pytest.mark.parametrize(
    ("mid_term", "reason"),
    [
        (True, r"while uploading: .*HTTP 400"),
        (False, r"while checking the upload: the store holds \d+ of \d+"),
    ],
)
def test_a_bad_payload_leaves_the_previous_graph(oxigraph: str, kg: Any, mid_term: bool, reason: str) -> None:
    graph = _graph()
    push(kg, oxigraph, graph)
    before = _graphs(oxigraph)
    broken = PartnershipGraph(_Cut(kg.store, mid_term))
    with pytest.raises(PushError, match=rf"push failed {reason}.*<{graph}> is unchanged"):
        push(broken, oxigraph, graph)
    assert _count(oxigraph, graph) == len(kg)
    assert _graphs(oxigraph) == before


def test_a_failing_move_cleans_up_and_leaves_the_previous_graph(
    oxigraph: str, kg: Any, tmp_path: Path
) -> None:
    graph = _graph()
    push(kg, oxigraph, graph)
    before = _graphs(oxigraph)
    with pytest.raises(
        PushError, match=r"push failed while moving the upload into place: .*HTTP 404.*unchanged"
    ):
        push(_newer(tmp_path), oxigraph, graph, update=oxigraph + "/no-update-here")
    assert _count(oxigraph, graph) == len(kg)
    assert _graphs(oxigraph) == before  # the upload was removed with a Graph Store DELETE


def test_push_refuses_a_bad_graph_iri(oxigraph: str, kg: Any) -> None:
    with pytest.raises(PushError, match="not an IRI"):
        push(kg, oxigraph, "not an iri")


# -- the command line -------------------------------------------------------------------------


def test_kg_push_says_what_it_did(oxigraph: str, kg: Any, cli: CliRunner) -> None:
    graph = _graph()
    code, out, err = cli("push", "--endpoint", oxigraph, "--graph", graph)
    assert (code, err) == (0, "")
    assert out == (
        f"pushed {len(kg)} triples to <{graph}> at {oxigraph}/query "
        "(into an empty graph; Graph Store PUT to a temporary graph, then MOVE)\n"
    )


def test_kg_push_to_an_unreachable_store_exits_2(cli: CliRunner) -> None:
    port = free_port()
    code, out, err = cli("push", "--endpoint", f"http://127.0.0.1:{port}")
    assert (code, out) == (2, "")
    assert err.startswith(f"kg: error: cannot reach http://127.0.0.1:{port}/query: ")
    assert len(err.strip().splitlines()) == 1


def test_kg_push_cut_midway_exits_2_and_says_the_graph_is_unchanged(
    oxigraph: str, kg: Any, breaking_proxy: BreakingProxy, cli: CliRunner
) -> None:
    graph = _graph()
    push(kg, oxigraph, graph)
    code, _, err = cli("push", "--endpoint", breaking_proxy.url, "--graph", graph)
    assert code == 2
    assert err.startswith("kg: error: push failed while uploading: ")
    assert err.strip().endswith(f"<{graph}> is unchanged ({len(kg)} triples)")


def test_kg_push_needs_an_endpoint(cli: CliRunner) -> None:
    code, _, err = cli("push")
    assert code == 2
    assert "--endpoint" in err


@pytest.mark.parametrize("command", ["push", "query", "hosts"])
def test_the_command_line_and_the_library_share_the_default_graph(command: str) -> None:
    from graph.cli import build_parser

    args = build_parser(command).parse_args(
        [command, "x"] if command == "query" else [command, "--endpoint", "u"]
    )
    assert args.graph == DEFAULT_GRAPH_IRI == "https://w3id.org/partnership-kg/graph"


def test_a_missing_oxigraph_binary_skips_locally_but_fails_on_ci(monkeypatch: pytest.MonkeyPatch) -> None:
    import shutil

    from .conftest import oxigraph_binary

    monkeypatch.setattr(shutil, "which", lambda *args, **kwargs: None)
    monkeypatch.delenv("CI", raising=False)
    with pytest.raises(pytest.skip.Exception, match="not installed"):
        oxigraph_binary()
    monkeypatch.setenv("CI", "true")
    with pytest.raises(pytest.fail.Exception, match="CI must run these tests"):
        oxigraph_binary()
