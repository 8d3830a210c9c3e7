"""RemoteBackend: run the library's queries on any SPARQL 1.1 endpoint instead of the embedded store.

Queries go out with the SPARQL 1.1 Protocol, by the method the endpoint takes (``post-form``,
the default, which every store tested answers; ``get``; or ``post-direct``, the
``application/sparql-query`` body that Virtuoso 7.2 never answers), with HTTP basic or digest
credentials when given (graph.remote._auth). Answers come in SPARQL Results JSON or N-Triples and
are read by graph.sparql._result, which also normalises differences of form between stores.
Parameters are bound the way Jena's ParameterizedSparqlString does it for endpoints that have no
parameter API: each variable is replaced by its RDF term in N-Triples syntax wherever the WHERE
group uses it (graph.sparql._bind). When a graph IRI is given, the endpoint is asked to use that
named graph as the default graph (the protocol's ``default-graph-uri``), so the named queries see
exactly what they see locally.
"""

from __future__ import annotations

import json
import re
import urllib.parse
from collections.abc import Mapping
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

import pyoxigraph as ox

from graph._errors import QueryError
from graph._formats import QUAD_FORMATS
from graph._vocab import DEFAULT_GRAPH_IRI
from graph.remote._auth import Credentials, find_credentials
from graph.remote._http import DEFAULT_TIMEOUT, EndpointError, check_url, send, with_params
from graph.sparql import QueryResult, bind_terms, compact, with_prefixes

METHODS = ("post-form", "get", "post-direct")
"""How queries are sent: a form POST (default), a GET, or a POST of the bare query text."""
MAX_GET_URL = 8000
"""The longest URL sent by GET: Oxigraph refuses headers over 8 KB, Virtuoso 7.2 cuts URLs near 10 KB."""
FORM = "application/x-www-form-urlencoded"

if TYPE_CHECKING:
    from graph._graph import PartnershipGraph

ACCEPT = (
    "application/sparql-results+json, application/n-triples;q=0.9, text/turtle;q=0.8, "
    "application/sparql-results+xml;q=0.5"
)


@dataclass(frozen=True)
class Endpoints:
    """The URLs of one store: SPARQL query, SPARQL update, and Graph Store Protocol (or None)."""

    query: str
    update: str
    gsp: str | None


def endpoints(url: str, update: str | None = None, gsp: str | None = None) -> Endpoints:
    """The query, update and Graph Store URLs of a store, derived from the URL a user gives.

    ``.../query`` or ``.../sparql`` (Oxigraph, Fuseki, most stores): update at ``.../update``.
    A bare host (an Oxigraph server): ``/query``, ``/update`` and ``/store``. ``.../repositories/NAME``
    (GraphDB, RDF4J): ``.../statements`` and ``.../rdf-graphs/service``. Any other URL (a Fuseki
    dataset such as ``http://host:3030/ds``) serves all three. Explicit URLs win.

    >>> endpoints("http://127.0.0.1:7878")
    Endpoints(query='http://127.0.0.1:7878/query', update='http://127.0.0.1:7878/update', gsp='http://127.0.0.1:7878/store')
    >>> endpoints("http://h:3030/ds/sparql").update
    'http://h:3030/ds/update'
    >>> endpoints("http://h:7200/repositories/kg").gsp
    'http://h:7200/repositories/kg/rdf-graphs/service'
    >>> endpoints("http://h:8890/sparql-auth")
    Endpoints(query='http://h:8890/sparql-auth', update='http://h:8890/sparql-auth', gsp='http://h:8890/sparql-graph-crud-auth')
    """
    check_url(url)
    parts = urllib.parse.urlsplit(url)
    path = parts.path.rstrip("/")
    base = urllib.parse.urlunsplit((parts.scheme, parts.netloc, "", "", ""))
    if not path:
        found = Endpoints(base + "/query", base + "/update", base + "/store")
    elif path.endswith("/sparql-auth"):
        found = Endpoints(url, url, base + path[: -len("/sparql-auth")] + "/sparql-graph-crud-auth")
    elif path.endswith(("/query", "/sparql")):
        found = Endpoints(url, base + path.rsplit("/", 1)[0] + "/update", None)
    elif re.search(r"/repositories/[^/]+$", path):
        found = Endpoints(url, base + path + "/statements", base + path + "/rdf-graphs/service")
    else:
        found = Endpoints(url, url, url)
    return Endpoints(
        found.query,
        check_url(update) if update else found.update,
        None if gsp == "none" else check_url(gsp) if gsp else found.gsp,
    )


class RemoteBackend:
    """A SPARQL 1.1 endpoint as the graph's store (optionally one named graph of it)."""

    def __init__(
        self,
        url: str,
        graph: str | None = None,
        timeout: float = DEFAULT_TIMEOUT,
        method: str = "post-form",
        auth: Credentials | None = None,
    ) -> None:
        url, found = find_credentials(url)
        self.url = endpoints(url).query
        self.graph = graph
        self.timeout = timeout
        if method not in METHODS:
            raise EndpointError(f"unknown HTTP method {method!r}; accepted: {', '.join(METHODS)}")
        self.method = method
        self.auth = auth or found

    def __repr__(self) -> str:
        return f"RemoteBackend({self.url!r}, graph={self.graph!r}, method={self.method!r})"

    def query(self, text: str, bindings: Mapping[str, Any]) -> QueryResult:
        """Send the query with its parameters bound as terms; the answer as a QueryResult."""
        sparql = bind_terms(with_prefixes(text), bindings)
        params = {"default-graph-uri": self.graph} if self.graph else {}
        headers = {"Accept": ACCEPT}
        url, body = self.url, None
        if self.method == "get":
            url = with_params(self.url, {"query": compact(sparql), **params})
            if len(url) > MAX_GET_URL:
                raise EndpointError(
                    f"the query is too long for --http-method get ({len(url):,} characters in the URL;"
                    f" stores cut or refuse URLs near 8 KB): use post-form"
                )
        elif self.method == "post-form":
            body = urllib.parse.urlencode({"query": sparql, **params}).encode("ascii")
            headers["Content-Type"] = FORM
        else:
            url, body = with_params(self.url, params), sparql.encode("utf-8")
            headers["Content-Type"] = "application/sparql-query; charset=utf-8"
        try:
            answer = send("GET" if body is None else "POST", url, body, headers, self.timeout, self.auth)
        except EndpointError as err:
            if err.status == 400:
                raise QueryError(str(err)) from None
            raise
        return _result(answer.media_type, answer.body, self.url)

    def dump(self, fmt: ox.RdfFormat) -> bytes:
        """The graph in an RDF format, fetched with ``CONSTRUCT { ?s ?p ?o } WHERE { ?s ?p ?o }``."""
        triples = self.query("CONSTRUCT { ?s ?p ?o } WHERE { ?s ?p ?o }", {}).triples()
        if fmt in QUAD_FORMATS:
            quads = [ox.Quad(t.subject, t.predicate, t.object, ox.DefaultGraph()) for t in triples]
            return ox.serialize(quads, format=fmt) or b""
        return ox.serialize(triples, format=fmt) or b""

    def triples(self) -> int:
        """The number of triples in the (default or chosen) graph."""
        rows = self.query("SELECT (COUNT(*) AS ?n) WHERE { ?s ?p ?o }", {}).rows
        return int(rows[0][0].value)


BOOLEAN = "http://www.w3.org/2001/XMLSchema#boolean"


def canonical_results(results: dict[str, Any]) -> dict[str, Any]:
    """SPARQL Results JSON with the differences of form between stores taken out.

    The one place where they are: Virtuoso's ``typed-literal`` type (SPARQL 1.0's JSON draft)
    becomes ``literal`` with its ``datatype``; an ``xsd:boolean`` written ``1`` or ``0`` becomes
    ``true`` or ``false`` (the canonical form the other stores send).

    >>> canonical_results({"head": {"vars": ["b"]}, "results": {"bindings": [
    ...     {"b": {"type": "typed-literal", "datatype": BOOLEAN, "value": "1"}}]}})["results"]
    {'bindings': [{'b': {'type': 'literal', 'datatype': 'http://www.w3.org/2001/XMLSchema#boolean', 'value': 'true'}}]}
    """
    for row in results.get("results", {}).get("bindings", []):
        for term in row.values():
            if term.get("type") == "typed-literal":
                term["type"] = "literal"
            if term.get("datatype") == BOOLEAN and term.get("value") in ("0", "1"):
                term["value"] = "true" if term["value"] == "1" else "false"
    return results


def _result(media_type: str, body: bytes, url: str) -> QueryResult:
    """A QueryResult from an endpoint's answer in any standard result format."""
    try:
        if media_type in ("application/sparql-results+json", "application/json"):
            parsed = json.loads(body)
            kind = "ask" if "boolean" in parsed else "select"
            data = json.dumps(canonical_results(parsed)).encode("utf-8")
            ox.parse_query_results(data, format=ox.QueryResultsFormat.JSON)  # a malformed shape fails here
            return QueryResult(kind, data)
        if media_type in ("application/sparql-results+xml", "application/xml", "text/xml"):
            parsed = ox.parse_query_results(body, format=ox.QueryResultsFormat.XML)
            kind = "ask" if isinstance(parsed, ox.QueryBoolean) else "select"
            return QueryResult(kind, parsed.serialize(format=ox.QueryResultsFormat.JSON) or b"")
        if media_type in ("application/n-triples", "text/plain"):
            return QueryResult("graph", body)
        if media_type == "text/turtle":
            triples = ox.parse(body, format=ox.RdfFormat.TURTLE)
            return QueryResult("graph", ox.serialize(triples, format=ox.RdfFormat.N_TRIPLES) or b"")
    except (ValueError, SyntaxError, AttributeError, TypeError, KeyError) as err:
        raise EndpointError(f"{url} sent an answer that does not parse as {media_type}: {err}") from None
    raise EndpointError(f"{url} answered in an unexpected format: {media_type or 'no Content-Type'}")


def connect(
    url: str,
    graph: str | None = DEFAULT_GRAPH_IRI,
    timeout: float = DEFAULT_TIMEOUT,
    check: bool = True,
    method: str = "post-form",
    user: str | None = None,
) -> PartnershipGraph:
    """A PartnershipGraph whose queries run on a SPARQL endpoint (``graph``: a named graph, or None).

    ``method`` is how queries are sent (METHODS); ``user`` is ``NAME[:PASSWORD]`` (see
    graph.remote._auth for the other places credentials are read from). With ``check``, one
    small query is sent first so that an unreachable endpoint, or an empty graph, is reported at once.
    """
    from graph._graph import PartnershipGraph

    clean, auth = find_credentials(url, user)
    backend = RemoteBackend(clean, graph, timeout, method, auth)
    kg = PartnershipGraph(backend)
    if check and len(kg) == 0:
        where = f"graph <{graph}>" if graph else "the default graph"
        raise EndpointError(f"{backend.url}: {where} is empty; load it first with kg push")
    return kg


__all__ = [
    "DEFAULT_GRAPH_IRI",
    "METHODS",
    "EndpointError",
    "Endpoints",
    "RemoteBackend",
    "canonical_results",
    "connect",
    "endpoints",
]
