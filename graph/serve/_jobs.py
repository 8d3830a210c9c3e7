"""What a ``kg serve`` worker process does with one request: evaluate, serialize, cap the size.

A Job says what to run (SPARQL text, a named query with its parameters, or the explorer page)
and in which format to answer for each kind of result; the Reply carries the serialized answer
or a one-line error. Both are plain picklable values sent over a pipe by graph.serve._pool.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

import pyoxigraph as ox

from graph._errors import GraphError, UnknownQueryError
from graph._formats import GRAPH_FORMATS, RESULT_FORMATS
from graph._vocab import DEFAULT_GRAPH_IRI, PREFIXES
from graph.sparql._result import QueryResult, syntax_message

if TYPE_CHECKING:
    from graph._graph import PartnershipGraph

HTML_ROWS = 1000
"""At most this many rows are rendered in an HTML results page."""


@dataclass(frozen=True)
class Job:
    """One unit of work: ``sparql`` (text), ``named`` (a query name and parameters), ``explore``
    ``describe`` (the description of the entity whose IRI is ``text``) or ``void``."""

    kind: str
    text: str = ""
    params: tuple[tuple[str, str], ...] = ()
    default_graphs: tuple[str, ...] = ()
    named_graphs: tuple[str, ...] = ()
    select_format: str | None = "json"
    graph_format: str | None = "ttl"


BLOCK = 65_536
"""Answers are kept, sent between processes and written to clients in blocks of this size."""


@dataclass(frozen=True)
class Reply:
    """The answer to a Job: ``status`` is ``ok``, ``unacceptable`` (no format for this kind) or an error.

    Error statuses: ``bad-query`` (syntax or parameters), ``unknown-query``, ``too-large``,
    ``failed`` (evaluation failed) and ``busy`` (no room to hold the answer right now). The
    answer is ``body``, or, when large, ``parts`` (blocks of ``size`` bytes in all) and
    ``reserved`` (bytes of the server's answer budget it holds until it has been sent).
    """

    status: str
    kind: str = ""
    fmt: str = ""
    body: bytes = b""
    message: str = ""
    parts: tuple[bytes, ...] = ()
    size: int = 0
    reserved: int = 0

    def content(self) -> bytes:
        """The whole answer as one bytes value."""
        return self.body if not self.parts else b"".join(self.parts)

    def blocks(self) -> tuple[bytes, ...]:
        """The answer in blocks of at most about BLOCK bytes."""
        if self.parts:
            return self.parts
        return tuple(self.body[i : i + BLOCK] for i in range(0, len(self.body), BLOCK)) or (b"",)


class _TooLarge(Exception):
    """Raised by _Capped when an answer passes the size limit."""


class _Capped:
    """A binary writer that keeps at most ``limit`` bytes, in blocks, and raises past it."""

    def __init__(self, limit: int) -> None:
        self.limit = limit
        self.size = 0
        self.parts: list[bytes] = []
        self._block = bytearray()

    def write(self, data: bytes) -> int:
        self.size += len(data)
        if self.size > self.limit:
            raise _TooLarge
        self._block += data
        if len(self._block) >= BLOCK:
            self.parts.append(bytes(self._block))
            self._block.clear()
        return len(data)

    def flush(self) -> None:
        return None

    def blocks(self) -> tuple[bytes, ...]:
        if self._block:
            self.parts.append(bytes(self._block))
            self._block.clear()
        return tuple(self.parts)

    def value(self) -> bytes:
        return b"".join(self.blocks())


def answer(kg: PartnershipGraph, job: Job, max_bytes: int) -> Reply:
    """Run one job on the worker's graph; never raises (errors become a Reply)."""
    try:
        if job.kind == "named":
            from graph.sparql._named import get_named_query

            query = get_named_query(job.text)
            return evaluate(kg.store, query.text, kg.bind(query, dict(job.params)), job, max_bytes)
        if job.kind == "sparql":
            return evaluate(kg.store, job.text, {}, job, max_bytes)
        if job.kind == "explore":
            return explorer_page(kg)
        if job.kind == "card":
            return card_page(kg, job)
        if job.kind == "describe":  # an entity's document (graph.serve._entities)
            from graph.linked._describe import describe_nt

            return Reply("ok", "graph", "nt", describe_nt(kg.store, job.text))
        if job.kind == "void":  # the VoID statistics of the service description
            from graph.linked._void import void_nt

            return Reply("ok", "graph", "nt", void_nt(kg.store))
        return Reply("failed", message=f"unknown job kind {job.kind!r}")
    except UnknownQueryError as err:
        return Reply("unknown-query", message=str(err))
    except GraphError as err:
        return Reply("bad-query", message=str(err))


def evaluate(store: ox.Store, text: str, bindings: Mapping[str, Any], job: Job, max_bytes: int) -> Reply:
    """Evaluate a query and serialize its answer in the job's format, streaming under a size cap."""
    dataset: dict[str, Any] = {}
    try:
        if job.default_graphs:  # the graph kg push writes is the served (default) graph
            dataset["default_graph"] = [
                ox.DefaultGraph() if g == DEFAULT_GRAPH_IRI else ox.NamedNode(g) for g in job.default_graphs
            ]
        if job.named_graphs:
            dataset["named_graphs"] = [ox.NamedNode(g) for g in job.named_graphs]
    except ValueError as err:
        return Reply("bad-query", message=f"default-graph-uri and named-graph-uri take IRIs: {err}")
    from graph.sparql._bind import bind_terms  # as every engine binds them

    try:
        result: Any = store.query(bind_terms(text, bindings), prefixes=PREFIXES, **dataset)
    except SyntaxError as err:
        return Reply("bad-query", message=syntax_message(str(err)))
    except (OSError, RuntimeError, ValueError) as err:
        return Reply("failed", message=f"query failed: {err}")
    if isinstance(result, ox.QuerySolutions):
        kind, fmt = "select", job.select_format
    elif isinstance(result, ox.QueryBoolean):
        kind, fmt = "ask", job.select_format
    else:
        kind, fmt = "graph", job.graph_format
    if fmt is None:
        return Reply("unacceptable", kind)
    out: Any = _Capped(max_bytes)  # a binary writer that stops at max_bytes
    try:
        if fmt == "html":
            _write_standard(result, kind, out)
            return Reply("ok", kind, fmt, _html(kind, out.value()))
        if kind == "graph":
            ox.serialize(result, out, format=GRAPH_FORMATS[fmt], prefixes=PREFIXES)
        else:
            result.serialize(out, format=RESULT_FORMATS[fmt])
    except _TooLarge:
        return Reply("too-large", kind, message=f"the answer is larger than the {max_bytes} bytes allowed")
    except (OSError, RuntimeError, ValueError) as err:
        return Reply("failed", message=f"query failed: {err}")
    parts = out.blocks()
    if len(parts) <= 1:
        return Reply("ok", kind, fmt, parts[0] if parts else b"", size=out.size)
    return Reply("ok", kind, fmt, parts=parts, size=out.size)


def _write_standard(result: Any, kind: str, out: Any) -> None:
    """The answer as QueryResult keeps it: Results JSON, or N-Triples for graphs."""
    if kind == "graph":
        ox.serialize(result, out, format=ox.RdfFormat.N_TRIPLES)
    else:
        result.serialize(out, format=ox.QueryResultsFormat.JSON)


def _html(kind: str, payload: bytes) -> bytes:
    """An HTML page showing a result as a table."""
    from graph.serve._pages import result_page

    return result_page(QueryResult(kind, payload), HTML_ROWS).encode("utf-8")


def explorer_page(kg: PartnershipGraph) -> Reply:
    """The explorer's HTML page for the served graph."""
    from graph.explorer import build_html

    return Reply("ok", "html", "html", build_html(kg).encode("utf-8"))


def card_page(kg: PartnershipGraph, job: Job) -> Reply:
    """An answer card (graph.output._card): the question in ``text``, its ``arg``s, ``as_of`` and
    the card's own URL (``embed``, for the snippet) in ``params``."""
    from graph.output._card import card_for, card_html

    params = dict(job.params)
    card = card_for(kg, job.text, [v for k, v in job.params if k == "arg"], params.get("as_of"))
    return Reply("ok", "html", "html", card_html(card, params.get("embed")).encode("utf-8"))


__all__ = ["BLOCK", "Job", "Reply", "answer", "card_page", "evaluate", "explorer_page"]
