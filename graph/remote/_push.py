"""``kg push``: load the graph into a triple store, replacing one named graph all at once.

With an update endpoint (the usual case) the graph is first uploaded to a fresh temporary graph
(Graph Store Protocol ``PUT`` when the store has one, else ``INSERT DATA``), counted there, and
then put in place with one ``MOVE`` operation, so a failure at any point before the ``MOVE``
leaves the previous version untouched; the temporary graph is then dropped. The upload is
counted in the temporary graph before the MOVE, so even a store that kept a truncated upload is
never left with a partial graph under the target name. ``INSERT DATA`` is sent in chunks of
CHUNK triples, below the statement limits of stores (Virtuoso: "SQL text exceeded 10000 lines").
If the temporary graph cannot be dropped after a failure, the message names it. Updates go out
as a form POST (``update=...``), or with ``method="post-direct"`` as an
``application/sparql-update`` body. (A store's URLs: graph.remote._backend.endpoints.)
"""

from __future__ import annotations

import contextlib
import urllib.parse
import uuid
from dataclasses import dataclass
from typing import TYPE_CHECKING

import pyoxigraph as ox

from graph.remote._auth import Credentials, find_credentials
from graph.remote._backend import DEFAULT_GRAPH_IRI, FORM, Endpoints, RemoteBackend, endpoints
from graph.remote._http import DEFAULT_TIMEOUT, EndpointError, send, with_params

if TYPE_CHECKING:
    from graph._graph import PartnershipGraph

NT = "application/n-triples"
CHUNK = 500
"""Triples per INSERT DATA request (one line each: well below Virtuoso's 10000-line limit)."""


@dataclass(frozen=True)
class _Store:
    """A store's URLs and how to talk to it."""

    urls: Endpoints
    timeout: float
    method: str
    auth: Credentials | None

    def count(self, graph: str) -> int:
        """How many triples a named graph of the store holds (0 if it does not exist)."""
        text = f"SELECT (COUNT(*) AS ?n) WHERE {{ GRAPH <{graph}> {{ ?s ?p ?o }} }}"
        backend = RemoteBackend(self.urls.query, None, self.timeout, self.method, self.auth)
        rows = backend.query(text, {}).rows
        if not rows or rows[0][0] is None:
            return 0
        value = rows[0][0].value
        if not value.isascii() or not value.isdigit():
            from graph.isolation import cut

            raise PushError(
                f"{self.urls.query} answered a triple count that is not a number: {cut(value, 60)!r}"
            )
        return int(value)

    def update(self, text: str) -> None:
        """Send one SPARQL Update request."""
        if self.method == "post-direct":
            headers, body = {"Content-Type": "application/sparql-update; charset=utf-8"}, text.encode()
        else:
            headers, body = {"Content-Type": FORM}, urllib.parse.urlencode({"update": text}).encode()
        send("POST", self.urls.update, body, headers, self.timeout, self.auth)

    def put(self, graph: str, payload: bytes) -> None:
        """Graph Store Protocol PUT of N-Triples into one named graph."""
        assert self.urls.gsp is not None
        url = with_params(self.urls.gsp, {"graph": graph})
        send("PUT", url, payload, {"Content-Type": NT}, self.timeout, self.auth)

    def insert(self, graph: str, payload: bytes) -> None:
        """INSERT DATA into one named graph, CHUNK triples per request."""
        # N-Triples ends each triple with \n (newlines in literals are escaped); splitlines()
        # would also cut at U+2028, U+0085 and the like inside a literal
        lines = [line for line in payload.decode("utf-8").split("\n") if line]
        for at in range(0, len(lines), CHUNK):
            chunk = "\n".join(lines[at : at + CHUNK])
            self.update(f"INSERT DATA {{ GRAPH <{graph}> {{\n{chunk}\n}} }}")

    def drop(self, graph: str) -> bool:
        """Remove a graph, best effort; whether it is gone."""
        try:
            self.update(f"DROP SILENT GRAPH <{graph}>")
            return True
        except EndpointError:
            if self.urls.gsp:
                with contextlib.suppress(EndpointError):
                    send(
                        "DELETE",
                        with_params(self.urls.gsp, {"graph": graph}),
                        None,
                        {},
                        self.timeout,
                        self.auth,
                    )
                    return True
        with contextlib.suppress(EndpointError):
            return self.count(graph) == 0
        return False


class PushError(EndpointError):
    """A push failed; the message says at which step and what the target graph now holds."""


@dataclass(frozen=True)
class PushReport:
    """What a successful push did."""

    graph: str
    triples: int
    previous: int
    method: str
    endpoint: str

    def summary(self) -> str:
        """One line for the command line."""
        before = f"replacing {self.previous}" if self.previous else "into an empty graph"
        return f"pushed {self.triples} triples to <{self.graph}> at {self.endpoint} ({before}; {self.method})"


def push(
    kg: PartnershipGraph,
    url: str,
    graph: str = DEFAULT_GRAPH_IRI,
    update: str | None = None,
    gsp: str | None = None,
    timeout: float = DEFAULT_TIMEOUT,
    method: str = "post-form",
    user: str | None = None,
) -> PushReport:
    """Replace the named graph ``graph`` of the store at ``url`` with this graph, all or nothing.

    ``method`` is how queries are sent (graph.remote._backend.METHODS); ``user`` is
    ``NAME[:PASSWORD]`` (graph.remote._auth lists the other places credentials come from).
    """
    try:
        target = ox.NamedNode(graph)
    except ValueError:
        raise PushError(f"not an IRI: {graph!r}") from None
    url, auth = find_credentials(url, user)
    names = {name for name, _ in urllib.parse.parse_qsl(urllib.parse.urlsplit(url).query)}
    if names & {"default-graph-uri", "named-graph-uri"}:
        raise PushError(
            "push needs the store's own URL: this one names a dataset (default-graph-uri or "
            "named-graph-uri), which hides the graphs it counts; give --graph for the target instead"
        )
    store = _Store(endpoints(url, update, gsp), timeout, method, auth)
    RemoteBackend(url, None, timeout, method, auth)  # checks the method
    payload = kg.backend.dump(ox.RdfFormat.N_TRIPLES)
    expected = len(kg)
    previous = store.count(target.value)  # also checks the store is reachable
    temporary = f"urn:partnership-kg:upload:{uuid.uuid4()}"
    step = "uploading"
    try:
        if store.urls.gsp:
            store.put(temporary, payload)
        else:
            store.insert(temporary, payload)
        step = "checking the upload"
        uploaded = store.count(temporary)
        if uploaded != expected:
            raise PushError(f"the store holds {uploaded} of {expected} uploaded triples")
        step = "moving the upload into place"
        store.update(f"MOVE GRAPH <{temporary}> TO GRAPH <{target.value}>")
    except (EndpointError, KeyboardInterrupt, SystemExit) as err:  # SystemExit: SIGTERM (graph.isolation)
        cause = str(err) if isinstance(err, EndpointError) else "interrupted"
        cause = "stopped by a signal" if isinstance(err, SystemExit) else cause
        if isinstance(err, EndpointError) and err.status in (403, 404, 405, 413):
            cause += " (a read-only or query-only URL? give the store's write URLs with --update-endpoint"
            cause += " and --gsp-endpoint; Virtuoso writes at /sparql-auth, with --user)"
        late = step == "uploading" and "did not answer within" in cause  # the store may finish it later
        if not store.drop(temporary) or late:
            left = f"; the temporary graph <{temporary}> may be left in the store"
            left += " (the store may still complete the upload there)" if late else ""
        else:
            left = ""
        raise PushError(
            f"push failed while {step}: {cause}; {_state(store, target.value, previous)}{left}"
        ) from None
    way = "Graph Store PUT" if store.urls.gsp else f"INSERT DATA in chunks of {CHUNK} triples"
    return _verified(store, target.value, expected, previous, way + " to a temporary graph, then MOVE")


def _verified(store: _Store, graph: str, expected: int, previous: int, method: str) -> PushReport:
    """Count the pushed graph; PushError unless it holds exactly what was sent."""
    found = store.count(graph)
    if found != expected:
        raise PushError(f"after the push <{graph}> holds {found} triples, not the {expected} sent")
    return PushReport(graph, expected, previous, method, store.urls.query)


def _state(store: _Store, graph: str, previous: int) -> str:
    """What the target graph holds after a failed push, said plainly."""
    try:
        now = store.count(graph)
    except EndpointError as err:
        return f"could not check <{graph}> afterwards ({err})"
    if now == previous:
        return f"<{graph}> is unchanged ({previous} triples)"
    return f"<{graph}> now holds {now} triples (it held {previous})"


__all__ = ["PushError", "PushReport", "push"]
