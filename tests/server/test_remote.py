"""The remote backend: every named query and library question gives the same answer on a real
Oxigraph server (after kg push) as on the embedded store, parameters are bound as terms, and
endpoint failures are one-line errors."""

from __future__ import annotations

import json
from collections.abc import Callable
from typing import Any

import pyoxigraph as ox
import pytest

import graph
from graph.remote._backend import DEFAULT_GRAPH_IRI, RemoteBackend, connect, endpoints
from graph.remote._http import EndpointError
from graph.sparql._named import named_queries
from graph.sparql._text import insert_values, is_update, where_group, with_prefixes
from tests.conftest import CliRunner

from .conftest import PARAMS, comparable_rows, free_port

pytestmark = pytest.mark.server

HOSTILE = '"} ; DROP ALL ; SELECT * {'

CASES = [(name, PARAMS.get(name, {})) for name in named_queries()] + [
    ("who-hosts-what", {}),
    ("who-hosts-what", {"asOf": "2025"}),
    ("who-hosts-what", {"subject": "stateless-apis", "asOf": "2026-03"}),
    ("timeline", {"partnership": "partnership-openai-amazon"}),
    ("terms-as-of", {"asOf": "2019", "partnership": "partnership-microsoft-openai"}),
    ("partners-of", {"org": "Microsoft"}),
    ("sources-for", {"entity": "role-azure-hosts-stateless-apis"}),
]


@pytest.fixture(scope="module")
def remote(pushed: str) -> Any:
    """The graph on the Oxigraph server, through graph.connect."""
    return connect(pushed, graph=DEFAULT_GRAPH_IRI)


@pytest.mark.parametrize(("name", "params"), CASES, ids=[f"{n}{sorted(p.items())}" for n, p in CASES])
def test_every_named_query_gives_the_same_rows_remotely(
    name: str, params: dict[str, str], kg: Any, remote: Any
) -> None:
    query = named_queries()[name]
    here = kg.run_named(name, params).values()
    there = remote.run_named(name, params).values()
    assert here, f"{name} {params} should have rows locally"
    assert comparable_rows(query, there) == comparable_rows(query, here)


def _plain(value: Any) -> Any:
    """An answer as plain data, with the parts SPARQL concatenates in no fixed order sorted."""
    if hasattr(value, "to_dict"):
        value = value.to_dict()
    if isinstance(value, dict):
        out = {k: _plain(v) for k, v in value.items()}
        for key in ("parties", "inferred_order", "may_be_superseded_by"):
            if key in out:
                out[key] = sorted(out[key])
        for key in ("old", "new"):
            if isinstance(out.get(key), str):
                out[key] = sorted(out[key].split(", "))
        return out
    if isinstance(value, (list, tuple)):
        return [_plain(v) for v in value]
    return value


QUESTIONS: dict[str, Callable[[Any], Any]] = {
    "hosts": lambda kg: kg.hosts(),
    "hosts stateless-apis": lambda kg: kg.hosts("stateless-apis"),
    "hosts as of 2025": lambda kg: kg.hosts(as_of="2025"),
    "changes by date": lambda kg: kg.changes("2025-10", "2026-02-27"),
    "terms": lambda kg: kg.terms("2026-03"),
    "timeline": lambda kg: kg.timeline(),
    "conflicts": lambda kg: kg.conflicts(),
    "secondary_only": lambda kg: kg.secondary_only(),
    "partners": lambda kg: kg.partners("OpenAI"),
    "sources_for": lambda kg: kg.sources_for("Frontier"),
    "resolve": lambda kg: [kg.resolve("Frontier"), kg.resolve("frontier"), kg.resolve("no such thing")],
}


@pytest.mark.parametrize("question", QUESTIONS)
def test_library_questions_answer_the_same_remotely(question: str, kg: Any, remote: Any) -> None:
    ask = QUESTIONS[question]
    here = ask(kg)
    assert here
    assert _plain(ask(remote)) == _plain(here)


def test_azure_is_the_primary_host_of_the_stateless_apis_remotely(remote: Any) -> None:
    hosts = [(h.provider, h.exclusivity) for h in remote.hosts("stateless-apis") if h.role == "hosts"]
    assert hosts == [("Microsoft Azure", "primary")]  # exclusive until 27 April 2026


def test_the_remote_graph_has_the_same_triples(kg: Any, remote: Any) -> None:
    assert len(remote) == len(kg)
    here = set(ox.parse(kg.serialize("nt"), format=ox.RdfFormat.N_TRIPLES))
    there = set(ox.parse(remote.serialize("nt"), format=ox.RdfFormat.N_TRIPLES))
    assert there == here


def test_a_hostile_parameter_is_one_term_and_matches_nothing(kg: Any, remote: Any) -> None:
    assert remote.run_named("who-hosts-what", {"subject": HOSTILE}).values() == []
    assert remote.query("SELECT ?s WHERE { ?s ?p ?name }", {"name": HOSTILE}).values() == []
    assert len(remote) == len(kg)


def test_ad_hoc_queries_may_use_the_project_prefixes(kg: Any, remote: Any) -> None:
    text = "SELECT ?a WHERE { ?a a kg:Agreement }"
    assert sorted(r["a"] for r in remote.query(text).values()) == sorted(
        r["a"] for r in kg.query(text).values()
    )


def test_the_remote_store_is_not_the_embedded_one(remote: Any) -> None:
    with pytest.raises(graph.GraphError, match="embedded store"):
        _ = remote.store


# -- binding with VALUES, checked against Oxigraph's own substitution --------------------------


SHAPES = [
    "SELECT ?s ?o WHERE { ?s <http://e/p> ?o }",
    "SELECT * { ?s <http://e/p> ?o }",
    "ASK { ?s <http://e/p> ?o }",
    "CONSTRUCT { ?s <http://e/q> ?o } WHERE { ?s <http://e/p> ?o }",
    "PREFIX e: <http://e/> # a WHERE { in a comment\nSELECT ?s ?o WHERE { ?s e:p ?o FILTER(?o != '{' && ?s != <http://e/#WHERE>) }",
    "SELECT ?s ?o (EXISTS { ?s <http://e/p> ?x } AS ?has) WHERE { ?s <http://e/p> ?o }",
    "SELECT ?s ?o WHERE { { SELECT ?s ?o WHERE { ?s <http://e/p> ?o } } }",
    'SELECT ?s ?o WHERE { ?s <http://e/p> ?o . FILTER(?o != """WHERE { }""") }',
]


@pytest.mark.parametrize("text", SHAPES)
def test_values_binding_equals_substitution(text: str) -> None:
    store = ox.Store()
    for i in range(3):
        store.add(ox.Quad(ox.NamedNode(f"http://e/{i}"), ox.NamedNode("http://e/p"), ox.Literal(str(i))))
    binding = {"o": ox.Literal("1")}
    substituted = store.query(text, substitutions={ox.Variable("o"): binding["o"]})
    bound = store.query(insert_values(text, binding))
    if isinstance(substituted, ox.QueryBoolean):
        assert bool(bound) == bool(substituted) is True
    elif isinstance(substituted, ox.QuerySolutions):
        names = [v.value for v in substituted.variables]
        rows = sorted(str([s[n] for n in names]) for s in substituted)
        assert sorted(str([s[n] for n in names]) for s in bound) == rows
        assert len(rows) == 1
    else:
        assert set(bound) == set(substituted)


def test_values_terms_cannot_escape_their_quotes() -> None:
    text = insert_values("SELECT ?o WHERE { ?s ?p ?o }", {"o": ox.Literal(HOSTILE)})
    assert 'VALUES (?o) { ("\\"} ; DROP ALL ; SELECT * {") }' in text
    assert not is_update(text)
    store = ox.Store()
    store.add(ox.Quad(ox.NamedNode("http://e/a"), ox.NamedNode("http://e/p"), ox.Literal(HOSTILE)))
    assert [s["o"].value for s in store.query(text)] == [HOSTILE]


def test_blank_nodes_and_bad_names_cannot_be_bound() -> None:
    with pytest.raises(graph.QueryError, match="IRI or a literal"):
        insert_values("SELECT * { ?s ?p ?o }", {"o": ox.BlankNode("b")})
    with pytest.raises(graph.QueryError, match="variable name"):
        insert_values("SELECT * { ?s ?p ?o }", {"o) } DROP ALL": ox.Literal("x")})
    with pytest.raises(graph.QueryError, match="no WHERE group"):
        where_group("DESCRIBE <http://e/a>")
    with pytest.raises(graph.QueryError, match="CONSTRUCT WHERE"):
        where_group("CONSTRUCT WHERE { ?s ?p ?o }")


def test_prefixes_are_added_only_when_used_and_undeclared() -> None:
    assert with_prefixes("PREFIX kg: <http://other/>\nSELECT * { ?s a kg:X }").startswith(
        "PREFIX kg: <http://other/>"
    )
    assert with_prefixes('SELECT * { ?s ?p "kg:X" }') == 'SELECT * { ?s ?p "kg:X" }'
    added = with_prefixes("SELECT * { ?s a kg:X ; pk:y ?o }")
    assert added.count("PREFIX") == 2


# -- endpoints and errors ---------------------------------------------------------------------


def test_endpoint_urls_are_derived_for_common_stores() -> None:
    oxi = endpoints("http://127.0.0.1:7878/")
    assert (oxi.query, oxi.update, oxi.gsp) == (
        "http://127.0.0.1:7878/query",
        "http://127.0.0.1:7878/update",
        "http://127.0.0.1:7878/store",
    )
    fuseki = endpoints("http://localhost:3030/kg")
    assert (fuseki.query, fuseki.update, fuseki.gsp) == ("http://localhost:3030/kg",) * 3
    fuseki_query = endpoints("http://localhost:3030/kg/query")
    assert (fuseki_query.update, fuseki_query.gsp) == ("http://localhost:3030/kg/update", None)
    graphdb = endpoints("http://localhost:7200/repositories/kg")
    assert graphdb.update == "http://localhost:7200/repositories/kg/statements"
    explicit = endpoints("http://h/sparql", update="http://h/up", gsp="http://h/gsp")
    assert (explicit.update, explicit.gsp) == ("http://h/up", "http://h/gsp")


def test_unreachable_endpoint_is_a_one_line_error() -> None:
    port = free_port()
    with pytest.raises(EndpointError, match=rf"^cannot reach http://127.0.0.1:{port}/query: .*refused"):
        connect(f"http://127.0.0.1:{port}")


def test_http_errors_are_reported_with_the_status(pushed: str) -> None:
    with pytest.raises(EndpointError, match=r"answered HTTP 404"):
        connect(pushed + "/no-such-endpoint")


def test_a_hanging_endpoint_times_out(silent_endpoint: str) -> None:
    with pytest.raises(EndpointError, match=r"did not answer within 0.5 s"):
        connect(silent_endpoint, timeout=0.5)


def test_an_empty_graph_is_reported(pushed: str) -> None:
    with pytest.raises(EndpointError, match=r"graph <https://example.org/empty> is empty; load it first"):
        connect(pushed, graph="https://example.org/empty")


def test_a_syntax_error_on_the_endpoint_is_a_query_error(remote: Any) -> None:
    with pytest.raises(graph.QueryError, match="HTTP 400"):
        remote.query("SELECT * WHERE {", {})


def test_remote_backend_names_its_endpoint() -> None:
    assert "http://h/sparql" in repr(RemoteBackend("http://h/sparql"))


# -- the command line -------------------------------------------------------------------------


def test_kg_query_with_endpoint_prints_the_local_answer(pushed: str, cli: CliRunner) -> None:
    args = ["query", "who-hosts-what", "--param", "subject=Frontier", "--format", "json"]
    code, local, _ = cli(*args)
    assert code == 0
    code, there, err = cli(*args, "--endpoint", pushed)
    assert (code, err) == (0, "")

    def rows(text: str) -> list[tuple[str, ...]]:
        columns = ("role", "providerLabel", "hostedLabel", "exclusivity", "sinceLabel", "primaryQuotes")
        bindings = json.loads(text)["results"]["bindings"]
        return sorted(tuple(b.get(c, {}).get("value", "") for c in columns) for b in bindings)

    assert rows(there) == rows(local)
    assert len(rows(local)) == 2


def test_kg_hosts_with_endpoint(pushed: str, cli: CliRunner) -> None:
    code, out, _ = cli("hosts", "stateless-apis", "--endpoint", pushed, "--format", "json")
    assert code == 0
    hosts = [(h["provider"], h["exclusivity"]) for h in json.loads(out) if h["role"] == "hosts"]
    assert hosts == [("Microsoft Azure", "primary")]


def test_kg_with_an_unreachable_endpoint_exits_2(cli: CliRunner) -> None:
    port = free_port()
    code, out, err = cli("timeline", "--endpoint", f"http://127.0.0.1:{port}/sparql")
    assert code == 2
    assert out == ""
    assert err.startswith(f"kg: error: cannot reach http://127.0.0.1:{port}/sparql")
    assert len(err.strip().splitlines()) == 1


def test_kg_rejects_data_with_endpoint(pushed: str, cli: CliRunner, tmp_path: Any) -> None:
    code, _, err = cli("timeline", "--endpoint", pushed, "--data", str(tmp_path))
    assert code == 2
    assert err == "kg: error: --data and --corpus-only cannot be combined with --endpoint: the endpoint holds the data\n"


def test_kg_graph_default_reads_the_default_graph(pushed: str, cli: CliRunner) -> None:
    code, _, err = cli("timeline", "--endpoint", pushed, "--graph", "default")
    assert code == 2
    assert "the default graph is empty" in err
