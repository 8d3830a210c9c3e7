"""Real stores through kg's client: Virtuoso with digest auth (Graph Store and chunked INSERT DATA),
credentials that are never echoed, the HTTP methods, and one graph address for kg serve and a
pushed store."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from graph._vocab import DEFAULT_GRAPH_IRI
from graph.remote._auth import find_credentials
from graph.remote._backend import connect
from graph.remote._push import CHUNK
from tests.conftest import CliRunner

pytestmark = pytest.mark.server


def test_push_to_virtuoso_by_insert_data_in_chunks(
    cli: CliRunner, virtuoso: tuple[str, str], kg: Any
) -> None:
    base, user = virtuoso
    code, out, err = cli(
        "push", "--endpoint", base + "/sparql-auth", "--gsp-endpoint", "none",
        "--graph", "urn:test:chunks", "--user", user,
    )  # fmt: skip
    assert (code, err) == (0, "")
    assert out == (
        f"pushed {len(kg)} triples to <urn:test:chunks> at {base}/sparql-auth (into an empty "
        f"graph; INSERT DATA in chunks of {CHUNK} triples to a temporary graph, then MOVE)\n"
    )
    assert len(connect(base + "/sparql", graph="urn:test:chunks")) == len(kg)


def test_a_wrong_password_is_one_line_that_never_shows_it(cli: CliRunner, virtuoso: tuple[str, str]) -> None:
    base, _ = virtuoso
    port = base.rsplit(":", 1)[1]
    for args in (
        ("--endpoint", base + "/sparql-auth", "--user", "kg:not-the-password-42"),
        ("--endpoint", f"http://kg:not-the-password-42@127.0.0.1:{port}/sparql-auth"),
    ):
        code, out, err = cli("push", *args, "--graph", "urn:test:refused")
        assert (code, out) == (2, "")
        assert err == f"kg: error: http://127.0.0.1:{port}/sparql-auth answered HTTP 401 digest auth failed\n"
        assert "not-the-password-42" not in err


def test_anonymous_writes_are_refused_and_nothing_is_left(cli: CliRunner, virtuoso: tuple[str, str]) -> None:
    base, user = virtuoso
    code, _, err = cli("push", "--endpoint", base + "/sparql-auth", "--graph", "urn:test:anonymous")
    assert code == 2
    assert err.startswith(f"kg: error: {base}/sparql-auth answered HTTP 401")
    stray = connect(base + "/sparql-auth", graph=None, user=user, check=False).query(
        "SELECT (COUNT(*) AS ?n) WHERE { GRAPH ?g { ?s ?p ?o } FILTER(STRSTARTS(STR(?g), 'urn:partnership-kg:upload:')) }"
    )
    assert stray.rows[0][0].value == "0"


@pytest.mark.parametrize("method", ["get", "post-form"])
def test_every_method_virtuoso_answers(method: str, virtuoso_pushed: tuple[str, str], cli: CliRunner) -> None:
    url, user = virtuoso_pushed
    code, out, err = cli(
        "hosts",
        "stateless-apis",
        "--endpoint",
        url,
        "--user",
        user,
        "--http-method",
        method,
        "--format",
        "csv",
    )
    assert (code, err) == (0, "")
    assert out.splitlines()[0].startswith("id,provider,")
    assert "Microsoft Azure" in out


def test_credentials_come_from_the_environment_or_netrc(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.delenv("KG_ENDPOINT_USER", raising=False)
    monkeypatch.setenv("KG_ENDPOINT_PASSWORD", "from-env")
    assert (
        find_credentials("http://h/sparql", "kg")[1] == find_credentials("http://h/sparql", "kg:from-env")[1]
    )
    netrc = tmp_path / "netrc"
    netrc.write_text("machine store.example login alice password from-netrc\n", encoding="utf-8")
    monkeypatch.setenv("NETRC", str(netrc))
    url, found = find_credentials("http://store.example:8890/sparql-auth")
    assert (url, found and found.user, found and found.password) == (
        "http://store.example:8890/sparql-auth",
        "alice",
        "from-netrc",
    )
    assert "from-netrc" not in repr(found)
    monkeypatch.delenv("KG_ENDPOINT_PASSWORD")  # --user NAME alone: netrc's password for that login
    assert find_credentials("http://store.example/sparql", "alice")[1].password == "from-netrc"  # type: ignore[union-attr]
    assert find_credentials("http://store.example/sparql", "carol")[1].password == ""  # type: ignore[union-attr]
    monkeypatch.setenv("KG_ENDPOINT_USER", "bob")
    assert find_credentials("http://store.example/sparql")[1].user == "bob"  # type: ignore[union-attr]


def test_kg_serve_and_a_pushed_store_answer_one_client_configuration(kg_server: str, pushed: str) -> None:
    from rdflib import Graph
    from rdflib.plugins.stores.sparqlstore import SPARQLStore

    sizes = []
    for url in (kg_server + "/sparql", pushed + "/query"):
        store = Graph(SPARQLStore(url, returnFormat="json"), identifier=DEFAULT_GRAPH_IRI)
        sizes.append(len(store))
        assert [h.provider for h in connect(url).hosts("Frontier") if h.role == "hosts"] == [
            "Microsoft Azure"
        ]
    assert sizes[0] == sizes[1] > 1000


def test_the_service_description_names_the_pushed_graph(kg_server: str) -> None:
    import urllib.request

    import pyoxigraph as ox

    with urllib.request.urlopen(kg_server + "/sparql", timeout=30) as answer:
        store = ox.Store()
        store.load(answer.read(), format=ox.RdfFormat.TURTLE)
    sd = "http://www.w3.org/ns/sparql-service-description#"
    rows = store.query(
        f"SELECT ?name ?feature WHERE {{ ?s <{sd}defaultDataset>/<{sd}namedGraph>/<{sd}name> ?name ;"
        f" <{sd}feature> ?feature }}"
    )
    assert [(r["name"].value, r["feature"].value) for r in rows] == [
        (DEFAULT_GRAPH_IRI, "https://w3id.org/partnership-kg/ns#DefaultGraphAlsoNamed")
    ]


def test_pushing_to_a_read_only_url_says_where_writes_go(cli: CliRunner, virtuoso: tuple[str, str]) -> None:
    base, _ = virtuoso
    code, out, err = cli("push", "--endpoint", base + "/sparql", "--graph", "urn:test:read-only")
    assert (code, out) == (2, "")
    [line] = err.splitlines()
    assert line.startswith("kg: error: push failed while ") and " answered HTTP 40" in line
    assert "(a read-only or query-only URL? give the store's write URLs with --update-endpoint" in line
    assert line.endswith("<urn:test:read-only> is unchanged (0 triples)")
