"""kg serve, queried as a client would: SPARQLWrapper in every result format, the protocol's
corners, the safety limits (update, time, size, SERVICE), named queries over HTTP, and the pages."""

from __future__ import annotations

import contextlib
import csv
import importlib.util
import io
import json
import re
import threading
import time
import urllib.parse
from concurrent.futures import ThreadPoolExecutor
from html.parser import HTMLParser
from typing import Any

import httpx
import pyoxigraph as ox
import pytest
import rdflib
from SPARQLWrapper import CSV, JSON, JSONLD, N3, POST, POSTDIRECTLY, RDFXML, TSV, TURTLE, XML, SPARQLWrapper
from SPARQLWrapper.SPARQLExceptions import QueryBadFormed

from graph.serve._protocol import negotiate, parse_accept
from graph.sparql._named import named_queries
from tests.conftest import CliRunner

from .conftest import PARAMS, comparable_rows, start_kg_serve, stop

pytestmark = pytest.mark.server

KG = rdflib.Namespace("https://w3id.org/partnership-kg/ns#")
PK = rdflib.Namespace("https://w3id.org/partnership-kg/id/")
SD = rdflib.Namespace("http://www.w3.org/ns/sparql-service-description#")
PREFIXES = """PREFIX kg: <https://w3id.org/partnership-kg/ns#>
PREFIX pk: <https://w3id.org/partnership-kg/id/>
PREFIX rdfs: <http://www.w3.org/2000/01/rdf-schema#>
PREFIX skos: <http://www.w3.org/2004/02/skos/core#>
"""
WHO_HOSTS_STATELESS = (
    PREFIXES
    + """SELECT ?provider ?exclusivity WHERE {
  ?role a kg:CloudRole ; kg:hostedThing pk:stateless-apis ; kg:roleType kg:Hosts ;
        kg:provider/rdfs:label ?provider ; kg:roleExclusivity/skos:prefLabel ?exclusivity ;
        kg:rank kg:PreferredRank .
}"""
)
HOSTING_GRAPH = (
    PREFIXES
    + """CONSTRUCT { ?role kg:provider ?provider ; kg:roleExclusivity ?exclusivity } WHERE {
  ?role kg:hostedThing pk:stateless-apis ; kg:roleType kg:Hosts ; kg:provider ?provider ;
        kg:roleExclusivity ?exclusivity ; kg:rank kg:PreferredRank .
}"""
)
SLOW = "SELECT (COUNT(*) AS ?n) WHERE { ?a ?b ?c . ?d ?e ?f . ?g ?h ?i }"
COUNT = "SELECT (COUNT(*) AS ?n) WHERE { ?s ?p ?o }"
HOSTILE = '"} ; DROP ALL ; SELECT * {'


def _client(base: str, query: str, fmt: str, method: str | None = None) -> SPARQLWrapper:
    sparql = SPARQLWrapper(base + "/sparql")
    sparql.setQuery(query)
    sparql.setReturnFormat(fmt)
    if method == POSTDIRECTLY:
        sparql.setMethod(POST)
        sparql.setRequestMethod(POSTDIRECTLY)
    elif method:
        sparql.setMethod(method)
    return sparql


def _triples(base: str) -> int:
    answer = httpx.get(base + "/sparql", params={"query": COUNT}, headers={"Accept": "text/csv"})
    return int(answer.text.split()[1])


# -- SPARQLWrapper in every format ------------------------------------------------------------


@pytest.mark.parametrize("method", [None, POST, POSTDIRECTLY], ids=["GET", "POST form", "POST query"])
def test_sparqlwrapper_json(kg_server: str, method: str | None) -> None:
    result = _client(kg_server, WHO_HOSTS_STATELESS, JSON, method).query().convert()
    rows = [(b["provider"]["value"], b["exclusivity"]["value"]) for b in result["results"]["bindings"]]
    assert rows == [("Microsoft Azure", "primary")]


def test_sparqlwrapper_xml(kg_server: str) -> None:
    document = _client(kg_server, WHO_HOSTS_STATELESS, XML).query().convert()
    values = {
        b.getAttribute("name"): b.getElementsByTagName("literal")[0].firstChild.data
        for b in document.getElementsByTagName("binding")
    }
    assert values == {"provider": "Microsoft Azure", "exclusivity": "primary"}


@pytest.mark.parametrize(("fmt", "delimiter"), [(CSV, ","), (TSV, "\t")])
def test_sparqlwrapper_csv_and_tsv(kg_server: str, fmt: str, delimiter: str) -> None:
    sparql = _client(kg_server, WHO_HOSTS_STATELESS, fmt)
    response = sparql.query()
    assert response.info()["content-type"].startswith(
        "text/csv" if fmt == CSV else "text/tab-separated-values"
    )
    text = response.convert().decode("utf-8")
    if fmt == TSV:  # TSV writes terms in SPARQL syntax
        rows = [line.split(delimiter) for line in text.splitlines()]
        assert rows == [["?provider", "?exclusivity"], ['"Microsoft Azure"', '"primary"@en']]
    else:
        rows = list(csv.reader(io.StringIO(text), delimiter=delimiter))
        assert rows == [["provider", "exclusivity"], ["Microsoft Azure", "primary"]]


def test_sparqlwrapper_ask(kg_server: str) -> None:
    ask = PREFIXES + "ASK { pk:role-azure-hosts-stateless-apis kg:roleExclusivity kg:Exclusive }"
    assert _client(kg_server, ask, JSON).query().convert()["boolean"] is True


ROLE = PK["role-azure-hosts-stateless-apis-amended"]  # since the amended agreement of April 2026 (reported)
HOSTING_FACTS = {(ROLE, KG.provider, PK.azure), (ROLE, KG.roleExclusivity, KG.Primary)}


@pytest.mark.parametrize("fmt", [TURTLE, N3, JSONLD, RDFXML])
def test_sparqlwrapper_construct(kg_server: str, fmt: str) -> None:
    converted = _client(kg_server, HOSTING_GRAPH, fmt).query().convert()
    if isinstance(converted, bytes):
        graph = rdflib.Graph().parse(data=converted.decode("utf-8"), format="turtle")
    else:
        graph = converted
    assert set(graph) == HOSTING_FACTS


def test_construct_as_n_triples(kg_server: str) -> None:
    sparql = _client(kg_server, HOSTING_GRAPH, TURTLE)
    sparql.setOnlyConneg(True)
    sparql.addCustomHttpHeader("Accept", "application/n-triples")
    response = sparql.query()
    assert response.info()["content-type"] == "application/n-triples"
    graph = rdflib.Graph().parse(data=response.response.read().decode("utf-8"), format="nt")
    assert set(graph) == HOSTING_FACTS


def test_sparqlwrapper_sees_a_malformed_query(kg_server: str) -> None:
    with pytest.raises(QueryBadFormed, match="SPARQL syntax error at line 1, column 23"):
        _client(kg_server, "SELECT * WHERE { ?s ?p", JSON).query()


# -- the protocol -----------------------------------------------------------------------------


def test_service_description(kg_server: str, kg: Any) -> None:
    answer = httpx.get(kg_server + "/sparql", headers={"Accept": "text/turtle"})
    assert answer.status_code == 200
    assert answer.headers["content-type"].startswith("text/turtle")
    graph = rdflib.Graph().parse(data=answer.text, format="turtle")
    service = rdflib.URIRef(kg_server + "/sparql")
    assert (service, SD.supportedLanguage, SD.SPARQL11Query) in graph
    assert (
        service,
        SD.resultFormat,
        rdflib.URIRef("http://www.w3.org/ns/formats/SPARQL_Results_CSV"),
    ) in graph
    counted = next(graph.objects(None, rdflib.URIRef("http://rdfs.org/ns/void#triples")))
    assert int(counted) == len(kg) == _triples(kg_server)
    results_only = httpx.get(kg_server + "/sparql", headers={"Accept": "application/sparql-results+json"})
    assert results_only.status_code == 200
    assert results_only.headers["content-type"].startswith("text/turtle")


def test_a_browser_gets_the_query_editor(kg_server: str) -> None:
    answer = httpx.get(kg_server + "/sparql", headers={"Accept": "text/html,application/xhtml+xml,*/*;q=0.8"})
    assert answer.headers["content-type"].startswith("text/html")
    assert '<script src="static/yasgui/yasgui.min.js"></script>' in answer.text
    assert "script-src 'self';" in answer.headers["content-security-policy"]


def test_unacceptable_formats_get_406(kg_server: str) -> None:
    answer = httpx.get(kg_server + "/sparql", params={"query": COUNT}, headers={"Accept": "image/png"})
    assert answer.status_code == 406
    assert "application/sparql-results+json" in answer.text
    construct_as_csv = httpx.get(
        kg_server + "/sparql", params={"query": HOSTING_GRAPH}, headers={"Accept": "text/csv"}
    )
    assert construct_as_csv.status_code == 406
    assert construct_as_csv.text.startswith("a GRAPH answer is available as text/turtle")


def test_default_graph_uri_selects_a_graph(kg_server: str) -> None:
    params = {"query": COUNT, "default-graph-uri": "https://example.org/not-there"}
    answer = httpx.get(kg_server + "/sparql", params=params, headers={"Accept": "text/csv"})
    assert answer.text.split() == ["n", "0"]
    bad = httpx.get(kg_server + "/sparql", params={**params, "default-graph-uri": "not an iri"})
    assert bad.status_code == 400 and "default-graph-uri and named-graph-uri take IRIs" in bad.text


def test_negotiation_prefers_quality_then_specificity() -> None:
    assert negotiate("text/csv;q=0.4, application/sparql-results+xml;q=0.9") == ("xml", None)
    assert negotiate("text/csv;q=0.4, application/sparql-results+xml;q=0.9, */*;q=0.1") == ("xml", "ttl")
    assert negotiate("text/*") == ("csv", "ttl")
    assert negotiate("application/ld+json") == (None, "jsonld")
    assert negotiate("*/*", ["json-ld", "application/ld+json"]) == ("json", "jsonld")
    assert parse_accept("text/html;q=0, text/csv") == [("text/csv", 1.0), ("text/html", 0.0)]


# -- safe by default --------------------------------------------------------------------------


def test_updates_are_refused_and_change_nothing(kg_server: str, kg: Any) -> None:
    url = kg_server + "/sparql"
    attempts = [
        httpx.post(url, content="DROP ALL", headers={"Content-Type": "application/sparql-update"}),
        httpx.post(url, data={"update": "DROP ALL"}),
        httpx.post(url, data={"query": "PREFIX ex: <http://e/>\nDELETE WHERE { ?s ?p ?o }"}),
        httpx.get(url, params={"query": "CLEAR DEFAULT"}),
        httpx.post(
            url, content="LOAD <http://example.org/x>", headers={"Content-Type": "application/sparql-query"}
        ),
    ]
    for answer in attempts:
        assert answer.status_code == 403
        assert answer.text.startswith("this endpoint is read-only: SPARQL Update is refused")
    assert _triples(kg_server) == len(kg)


def test_federated_service_calls_are_refused(kg_server: str) -> None:
    query = "SELECT * WHERE { SERVICE <http://127.0.0.1:9/sparql> { ?s ?p ?o } }"
    answer = httpx.get(kg_server + "/sparql", params={"query": query})
    assert answer.status_code == 403
    assert "SERVICE" in answer.text


DISGUISED_SERVICE = [
    "SELECT * { ?s ?p ?o # a comment ended by a carriage return\r SERVICE <URL> { ?a ?b ?c } }",
    "PREFIX ex: <http://e/> SELECT * { ex:a\\# ?p ?o . SERVICE <URL> { ?a ?b ?c } }",
    "PREFIX ex: <http://e/> SELECT * { ex:a\\' ?p ?o . SERVICE <URL> { ?a ?b ?c } FILTER(?o != '') }",
    "select * { sErViCe <URL> { ?a ?b ?c } }",
]


@pytest.mark.parametrize("template", DISGUISED_SERVICE)
def test_disguised_service_calls_are_refused_and_reach_nothing(kg_server: str, template: str) -> None:
    import socket

    with socket.socket() as listener:  # stands for an internal service the endpoint could reach
        listener.bind(("127.0.0.1", 0))
        listener.listen()
        listener.settimeout(2)
        query = template.replace("URL", f"http://127.0.0.1:{listener.getsockname()[1]}/sparql")

        def contacted() -> bool:
            try:
                listener.accept()[0].close()
                return True
            except OSError:
                return False

        answer = httpx.get(kg_server + "/sparql", params={"query": query})
        assert answer.status_code == 403 and "SERVICE" in answer.text, answer.text
        assert not contacted()
        # The disguise is real: Oxigraph itself reads it as a SERVICE call and goes out.
        caller = threading.Thread(target=_query_quietly, args=(query,), daemon=True)
        caller.start()
        assert contacted()


def _query_quietly(query: str) -> None:
    store = ox.Store()  # subjects for the patterns before SERVICE, so that it is evaluated
    for subject in ("http://e/a#", "http://e/a'"):
        store.add(ox.Quad(ox.NamedNode(subject), ox.NamedNode("http://e/p"), ox.Literal("x")))
    with contextlib.suppress(Exception):  # the listener hangs up; only the attempt matters
        list(store.query(query))


def test_malformed_queries_get_400_with_the_parser_message(kg_server: str) -> None:
    answer = httpx.get(kg_server + "/sparql", params={"query": "SELECT * WHERE { ?s ?p"})
    assert answer.status_code == 400
    assert answer.text.startswith("SPARQL syntax error at line 1, column 23: expected one of")


def test_oversized_requests_are_refused(kg_server: str) -> None:
    padding = "#" + "x" * 25_000 + "\n"
    posted = httpx.post(
        kg_server + "/sparql", content=padding + COUNT, headers={"Content-Type": "application/sparql-query"}
    )
    assert posted.status_code == 413
    assert posted.text.startswith("the request is larger than the 20000 bytes allowed")
    long_url = httpx.get(kg_server + "/sparql", params={"query": padding + COUNT})
    assert long_url.status_code == 414
    assert "POST it" in long_url.text
    assert (
        httpx.post(
            kg_server + "/sparql", content=b"query=x", headers={"Content-Type": "text/plain"}
        ).status_code
        == 415
    )


def test_a_slow_query_is_stopped_while_others_are_answered(kg_server: str, kg: Any) -> None:
    slow: dict[str, Any] = {}

    def run_slow() -> None:  # from another client address (one client may hold only one worker)
        started = time.monotonic()
        with httpx.Client(transport=httpx.HTTPTransport(local_address="127.0.0.2")) as other:
            slow["answer"] = other.post(
                kg_server + "/sparql",
                content=SLOW,
                headers={"Content-Type": "application/sparql-query"},
                timeout=30,
            )
        slow["seconds"] = time.monotonic() - started

    thread = threading.Thread(target=run_slow)
    thread.start()
    time.sleep(0.3)
    fast = []
    while thread.is_alive() and len(fast) < 20:
        started = time.monotonic()
        assert _triples(kg_server) == len(kg)
        fast.append(time.monotonic() - started)
    thread.join(30)
    assert slow["answer"].status_code == 503
    assert slow["answer"].text.startswith("the query ran longer than the 2 s allowed and was stopped")
    assert slow["answer"].headers["retry-after"] == "2"
    assert 1.9 < slow["seconds"] < 10
    assert len(fast) >= 3 and max(fast) < 1.5, fast  # the other worker kept answering meanwhile
    deadline = time.monotonic() + 20  # and the stopped worker is replaced
    answers = [_triples(kg_server) for _ in range(4)]
    assert answers == [len(kg)] * 4 and time.monotonic() < deadline


# -- named queries over HTTP ------------------------------------------------------------------


@pytest.mark.parametrize("name", sorted(named_queries()))
def test_named_queries_over_http_answer_as_the_library(kg_server: str, kg: Any, name: str) -> None:
    params = PARAMS.get(name, {})
    answer = httpx.get(
        f"{kg_server}/query/{name}", params=params, headers={"Accept": "application/sparql-results+json"}
    )
    assert answer.status_code == 200, answer.text
    assert answer.headers["content-type"] == "application/sparql-results+json"
    bindings = answer.json()["results"]["bindings"]
    served = [{k: v["value"] for k, v in b.items()} for b in bindings]
    expected = kg.run_named(name, params).values()
    query = named_queries()[name]
    as_rows = [{k: v for k, v in row.items() if v is not None} for row in expected]
    assert served and comparable_rows(query, served) == comparable_rows(query, as_rows)


def test_named_query_parameters_are_checked(kg_server: str) -> None:
    missing = httpx.get(kg_server + "/query/what-changed", params={"from": "agreement-2025-10"})
    assert missing.status_code == 400
    assert missing.text.startswith("query 'what-changed' needs parameter 'to' (agreement)")
    unknown = httpx.get(kg_server + "/query/timeline", params={"colour": "blue"})
    assert unknown.status_code == 400
    assert "has no parameter 'colour'" in unknown.text
    bad_date = httpx.get(kg_server + "/query/terms-as-of", params={"asOf": "last tuesday"})
    assert bad_date.status_code == 400
    no_query = httpx.get(kg_server + "/query/who-host-what")
    assert no_query.status_code == 404
    assert "did you mean: who-hosts-what" in no_query.text


def test_a_hostile_parameter_is_bound_as_a_term(kg_server: str, kg: Any) -> None:
    answer = httpx.get(kg_server + "/query/who-hosts-what", params={"subject": HOSTILE, "format": "json"})
    assert answer.status_code == 200
    assert answer.json()["results"]["bindings"] == []
    assert _triples(kg_server) == len(kg)


def test_named_query_formats(kg_server: str) -> None:
    csv_answer = httpx.get(
        kg_server + "/query/who-hosts-what", params={"subject": "Frontier", "format": "csv"}
    )
    assert csv_answer.headers["content-type"].startswith("text/csv")
    rows = list(csv.DictReader(io.StringIO(csv_answer.text)))
    assert {(r["providerLabel"], r["hostedLabel"]) for r in rows} == {
        ("Microsoft Azure", "OpenAI first-party products"),
        ("AWS", "Frontier"),
    }


# -- pages ------------------------------------------------------------------------------------


class _Links(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.tags: list[str] = []
        self.urls: list[str] = []
        self.links: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags.append(tag)
        self.urls += [v or "" for k, v in attrs if k in ("href", "src", "action")]
        self.links += [v or "" for k, v in attrs if tag == "a" and k == "href"]


def _parse(html: str) -> _Links:
    parser = _Links()
    parser.feed(html)
    return parser


def test_landing_page_lists_and_runs_every_named_query(kg_server: str) -> None:
    answer = httpx.get(kg_server + "/")
    assert answer.headers["content-type"].startswith("text/html")
    assert "default-src 'none'" in answer.headers["content-security-policy"]
    page = _parse(answer.text)
    assert not {"script", "link", "img", "iframe"} & set(page.tags)
    assert ("explore" in page.links) == (importlib.util.find_spec("graph.explorer") is not None)
    assert all(not urllib.parse.urlsplit(u).netloc for u in page.urls)  # everything is on this server
    runs = [u for u in page.links if u.startswith("query/")]
    assert {u.split("?")[0] for u in runs} == {f"query/{n}" for n in named_queries()}
    for url in runs:
        result = httpx.get(f"{kg_server}/{url}", headers={"Accept": "text/html"})
        assert result.status_code == 200, url
        assert "<table>" in result.text and not re.search(r"(?<!\d)0 row\(s\)", result.text), url


def test_html_results_are_escaped(kg_server: str) -> None:
    query = 'SELECT ?x WHERE { BIND("<script>alert(1)</script>" AS ?x) }'
    answer = httpx.get(kg_server + "/sparql", params={"query": query, "format": "html"})
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in answer.text
    assert "<script>" not in answer.text
    error = httpx.get(
        kg_server + "/query/timeline", params={"<script>": "1"}, headers={"Accept": "text/html"}
    )
    assert error.status_code == 400
    assert "<script>" not in error.text and "&lt;script&gt;" in error.text


def test_explorer_page(kg_server: str) -> None:
    answer = httpx.get(kg_server + "/explore", timeout=90)
    assert answer.status_code == 200
    assert answer.headers["content-type"].startswith("text/html")
    assert "Content-Security-Policy" in answer.text and "Microsoft Azure" in answer.text


def test_cors_is_off_by_default(kg_server: str) -> None:
    answer = httpx.get(
        kg_server + "/sparql", params={"query": COUNT}, headers={"Origin": "https://yasgui.example"}
    )
    assert answer.status_code == 200
    assert "access-control-allow-origin" not in answer.headers


@pytest.mark.filterwarnings("ignore::DeprecationWarning")
def test_cors_when_asked_for() -> None:
    from starlette.testclient import TestClient

    from graph.serve._app import ServeOptions, create_app

    with TestClient(create_app(ServeOptions(workers=1, cors=("https://yasgui.example",)))) as client:
        allowed = client.get("/sparql", params={"query": COUNT}, headers={"Origin": "https://yasgui.example"})
        assert allowed.headers["access-control-allow-origin"] == "https://yasgui.example"
        assert json.loads(allowed.text)["results"]["bindings"][0]["n"]["value"].isdigit()
        other = client.get(
            "/sparql", params={"query": COUNT}, headers={"Origin": "https://elsewhere.example"}
        )
        assert "access-control-allow-origin" not in other.headers
        preflight = client.options(
            "/sparql",
            headers={"Origin": "https://yasgui.example", "Access-Control-Request-Method": "POST"},
        )
        assert preflight.status_code == 200
        assert "POST" in preflight.headers["access-control-allow-methods"]


def test_serve_with_extra_data(tmp_path: Any) -> None:
    (tmp_path / "extra.ttl").write_text(
        '<https://w3id.org/partnership-kg/id/serve-test> <http://www.w3.org/2000/01/rdf-schema#label> "added" .\n',
        encoding="utf-8",
    )
    base, process = start_kg_serve("--data", str(tmp_path), "--workers", "1")
    try:
        ask = "ASK { ?s rdfs:label 'added' }"  # the project prefixes may be used undeclared
        answer = httpx.get(base + "/sparql", params={"query": ask}, headers={"Accept": "application/json"})
        assert answer.json()["boolean"] is True
    finally:
        stop(process)


# -- the command line -------------------------------------------------------------------------


def test_kg_serve_refuses_a_port_in_use(cli: CliRunner) -> None:
    import socket

    with socket.socket() as taken:
        taken.bind(("127.0.0.1", 0))
        taken.listen()
        port = taken.getsockname()[1]
        code, _, err = cli("serve", "--port", str(port))
    assert code == 2
    assert err.strip() == f"kg: error: cannot listen on 127.0.0.1:{port}: Address already in use"


@pytest.mark.parametrize("args", [["--port", "70000"], ["--timeout", "0"], ["--workers", "-1"]])
def test_kg_serve_rejects_bad_options(cli: CliRunner, args: list[str]) -> None:
    code, _, err = cli("serve", *args)
    assert code == 2
    assert "error: argument" in err


def test_serve_with_a_store_shares_it_between_workers(tmp_path: Any, kg: Any) -> None:
    store = tmp_path / "store"
    base, process = start_kg_serve("--store", str(store), "--workers", "2")
    try:
        assert (store / "kg-store.json").exists()  # built by kg serve before the workers opened it
        with ThreadPoolExecutor(4) as pool:  # enough at once that both workers answer
            answers = list(
                pool.map(
                    lambda _: httpx.get(
                        base + "/query/who-hosts-what", params={"subject": "Frontier", "format": "json"}
                    ),
                    range(8),
                )
            )
        expected = kg.run_named("who-hosts-what", {"subject": "Frontier"}).values()
        for answer in answers:
            assert answer.status_code == 200, answer.text
            served = {b["role"]["value"] for b in answer.json()["results"]["bindings"]}
            assert served == {str(row["role"]) for row in expected} and len(served) == 2
    finally:
        stop(process)


def test_answers_give_a_question_s_answer_as_json_and_escaped_html(kg_server: str) -> None:
    import graph

    answer = httpx.get(kg_server + "/answers/hosts", params={"as_of": "2025-06"})
    assert answer.status_code == 200 and answer.headers["content-type"].startswith("application/json")
    expected = [role.to_dict() for role in graph.load().hosts(as_of="2025-06")]
    assert answer.json() == json.loads(json.dumps(expected))  # tuples become lists
    page = httpx.get(kg_server + "/answers/hosts", params={"subject": "Frontier"}, headers={"Accept": "text/html"})
    assert page.headers["content-type"].startswith("text/html") and "Microsoft Azure" in page.text
    unknown = httpx.get(kg_server + "/answers/<script>", headers={"Accept": "text/html"})
    assert unknown.status_code == 404 and "<script>" not in unknown.text
    wrong = httpx.get(kg_server + "/answers/hosts", params={"<b>": "1"}, headers={"Accept": "text/html"})
    assert wrong.status_code == 400 and "&lt;b&gt;" in wrong.text and "<b>" not in wrong.text


def test_the_landing_page_links_every_question_to_a_real_answer(kg_server: str) -> None:
    from graph.questions import NAMES

    page = _parse(httpx.get(kg_server + "/").text)
    links = [u for u in page.links if u.startswith("answers/")]
    assert {u.split("?")[0] for u in links} == {f"answers/{n}" for n in NAMES}
    for url in links:
        result = httpx.get(f"{kg_server}/{url}")
        assert result.status_code == 200 and "<table" in result.text, url
