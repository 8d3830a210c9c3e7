"""``kg push``: load the graph into a triple store, replacing one named graph all at once.

With an update endpoint (the usual case) the graph is first uploaded to a fresh temporary graph
(Graph Store Protocol ``PUT`` when the store has one, else ``INSERT DATA``), counted there, and
then put in place with one ``MOVE`` operation, so a failure at any point before the ``MOVE``
leaves the previous version untouched; the temporary graph is then dropped. The upload is
counted in the temporary graph before the MOVE, so even a store that kept a truncated upload is
never left with a partial graph under the target name. (A store's URLs: graph.remote._backend.endpoints.)
"""

from __future__ import annotations

import contextlib
import uuid
from dataclasses import dataclass
from typing import TYPE_CHECKING

import pyoxigraph as ox

from graph.remote._backend import DEFAULT_GRAPH_IRI, Endpoints, RemoteBackend, endpoints
from graph.remote._http import DEFAULT_TIMEOUT, EndpointError, send, with_params

if TYPE_CHECKING:
    from graph._graph import PartnershipGraph

NT = "application/n-triples"


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
) -> PushReport:
    """Replace the named graph ``graph`` of the store at ``url`` with this graph, all or nothing."""
    try:
        target = ox.NamedNode(graph)
    except ValueError:
        raise PushError(f"not an IRI: {graph!r}") from None
    urls = endpoints(url, update, gsp)
    payload = kg.backend.dump(ox.RdfFormat.N_TRIPLES)
    expected = len(kg)
    previous = _count(urls, target.value, timeout)  # also checks the store is reachable
    temporary = f"urn:partnership-kg:upload:{uuid.uuid4()}"
    step = "uploading"
    try:
        if urls.gsp:
            _put(urls.gsp, temporary, payload, timeout)
        else:
            _update(
                urls.update,
                f"INSERT DATA {{ GRAPH <{temporary}> {{\n{payload.decode('utf-8')}\n}} }}",
                timeout,
            )
        step = "checking the upload"
        uploaded = _count(urls, temporary, timeout)
        if uploaded != expected:
            raise PushError(f"the store holds {uploaded} of {expected} uploaded triples")
        step = "moving the upload into place"
        _update(urls.update, f"MOVE GRAPH <{temporary}> TO GRAPH <{target.value}>", timeout)
    except EndpointError as err:
        _drop(urls, temporary, timeout)
        raise PushError(
            f"push failed while {step}: {err}; {_state(urls, target.value, previous, timeout)}"
        ) from None
    method = ("Graph Store PUT" if urls.gsp else "INSERT DATA") + " to a temporary graph, then MOVE"
    return _verified(urls, target.value, expected, previous, method, timeout)


def _verified(
    urls: Endpoints, graph: str, expected: int, previous: int, method: str, timeout: float
) -> PushReport:
    """Count the pushed graph; PushError unless it holds exactly what was sent."""
    found = _count(urls, graph, timeout)
    if found != expected:
        raise PushError(f"after the push <{graph}> holds {found} triples, not the {expected} sent")
    return PushReport(graph, expected, previous, method, urls.query)


def _count(urls: Endpoints, graph: str, timeout: float) -> int:
    """How many triples a named graph of the store holds (0 if it does not exist)."""
    text = f"SELECT (COUNT(*) AS ?n) WHERE {{ GRAPH <{graph}> {{ ?s ?p ?o }} }}"
    rows = RemoteBackend(urls.query, None, timeout).query(text, {}).rows
    if not rows or rows[0][0] is None:
        return 0
    value = rows[0][0].value
    if not value.isascii() or not value.isdigit():
        from graph._sandbox import cut

        raise PushError(f"{urls.query} answered a triple count that is not a number: {cut(value, 60)!r}")
    return int(value)


def _put(gsp: str, graph: str, payload: bytes, timeout: float) -> None:
    """Graph Store Protocol PUT of N-Triples into one named graph."""
    send("PUT", with_params(gsp, {"graph": graph}), payload, {"Content-Type": NT}, timeout)


def _update(url: str, text: str, timeout: float) -> None:
    """Send one SPARQL Update request."""
    headers = {"Content-Type": "application/sparql-update; charset=utf-8"}
    send("POST", url, text.encode("utf-8"), headers, timeout)


def _drop(urls: Endpoints, graph: str, timeout: float) -> None:
    """Remove the temporary graph, best effort (the push has already failed)."""
    try:
        _update(urls.update, f"DROP SILENT GRAPH <{graph}>", timeout)
    except EndpointError:
        if urls.gsp:
            with contextlib.suppress(EndpointError):
                send("DELETE", with_params(urls.gsp, {"graph": graph}), None, {}, timeout)


def _state(urls: Endpoints, graph: str, previous: int, timeout: float) -> str:
    """What the target graph holds after a failed push, said plainly."""
    try:
        now = _count(urls, graph, timeout)
    except EndpointError as err:
        return f"could not check <{graph}> afterwards ({err})"
    if now == previous:
        return f"<{graph}> is unchanged ({previous} triples)"
    return f"<{graph}> now holds {now} triples (it held {previous})"


__all__ = ["PushError", "PushReport", "push"]
