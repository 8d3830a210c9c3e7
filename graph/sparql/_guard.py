"""Federated ``SERVICE`` calls: refused unless asked for, and impossible where queries run isolated.

A user's SPARQL text (ad-hoc, or a query file that is not a packaged named query) is evaluated
by :func:`guarded_query`:

* with ``allow_service=True`` it runs as it is;
* in a process that has no network (a ``kg`` command's child, a ``kg serve`` worker) it runs there;
* otherwise a query whose text names SERVICE is refused with a clear message, and any other
  query runs in an isolated child without network (graph.isolation), so a SERVICE spelled in a
  way no scanner recognises can only fail;
* where no child can leave the network (not Linux, or namespaces forbidden), the verdict comes
  from rdflib's complete SPARQL 1.1 grammar instead, reading the very text Oxigraph then runs:
  codepoint escapes (``\\u0022``), which rdflib expands before parsing and Oxigraph only inside
  strings and IRIs, are expanded first (SPARQL 1.1, 19.2), and a text in which expanding them
  leaves escapes is refused (see docs/endpoint.md, "SERVICE").
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping
from typing import Any

import pyoxigraph as ox

from graph._errors import QueryError
from graph.sparql._result import QueryResult, run
from graph.sparql._text import uses_service

NO_SERVICE = "federated SERVICE calls are refused (a query may not make this process call other servers)"
NO_SERVICE_LIBRARY = NO_SERVICE + "; pass allow_service=True to allow them"
ESCAPES_REFUSED = (
    "this query cannot be checked for SERVICE calls: it holds a \\u or \\U escape, which the checker "
    "and the query engine read differently; write the character itself"
)
_ESCAPE = re.compile(r"\\u([0-9A-Fa-f]{4})|\\U([0-9A-Fa-f]{8})")
_ANY_ESCAPE = re.compile(r"\\[uU]")


class StoreSource:
    """A store handed to an isolated child: itself when the child is forked; pickled (for a
    fresh interpreter) as the on-disk store's folder, opened read-only there, or as N-Quads."""

    def __init__(self, store: ox.Store, location: str | None = None) -> None:
        self.store = store
        self.location = location

    def __reduce__(self) -> tuple[Any, tuple[Any, ...]]:
        if self.location:
            return _store_read_only, (self.location,)
        return _store_from_nquads, (self.store.dump(format=ox.RdfFormat.N_QUADS),)


def _store_read_only(location: str) -> ox.Store:
    return ox.Store.read_only(location)


def _store_from_nquads(data: bytes) -> ox.Store:
    store = ox.Store()
    store.bulk_load(data, format=ox.RdfFormat.N_QUADS)
    return store


def run_on(source: StoreSource | ox.Store, text: str, bindings: dict[str, Any]) -> QueryResult:
    """Run a query on a store, or on a StoreSource's store (what an isolated child calls)."""
    store = source.store if isinstance(source, StoreSource) else source
    return run(store, text, bindings)


def guarded_query(
    store: ox.Store,
    text: str,
    bindings: Mapping[str, Any],
    *,
    allow_service: bool = False,
    location: str | None = None,
) -> QueryResult:
    """Run a user's query on the store so that it cannot call another server unless allowed.

    ``location`` is the folder of an on-disk store (a fresh child process opens it there).
    """
    from graph.isolation import Isolation

    if allow_service:
        return run(store, text, bindings)
    if uses_service(text):
        raise QueryError(NO_SERVICE_LIBRARY)
    try:
        if Isolation.here():
            return run(store, text, bindings)
        if Isolation.available():
            result: QueryResult = Isolation().call(run_on, StoreSource(store, location), text, dict(bindings))
            return result
    except QueryError as err:
        raise QueryError(explain_network_failure(str(err))) from None
    text = expand_escapes(text)
    check_grammar(text)
    return run(store, text, bindings)


_NETWORK_ERRORS = ("Network is unreachable", "os error 101", "is not allowed for HTTP", "dns error")


def explain_network_failure(message: str) -> str:
    """A query error caused by a SERVICE call that could not leave the process, said plainly.

    >>> explain_network_failure("query failed: Network is unreachable (os error 101)")
    'federated SERVICE calls are refused (a query may not make this process call other servers)'
    """
    return NO_SERVICE if any(e in message for e in _NETWORK_ERRORS) else message


def expand_escapes(text: str) -> str:
    """The text with its codepoint escapes expanded, as SPARQL 1.1 (section 19.2) reads it before
    parsing; QueryError when that leaves escapes (``\\u005Cu0022``) or names no character.

    >>> expand_escapes('SELECT ("caf\\\\u00E9" AS ?x) {}')
    'SELECT ("café" AS ?x) {}'
    """

    def expand(match: re.Match[str]) -> str:
        code = int(match.group(1) or match.group(2), 16)
        if code > 0x10FFFF or 0xD800 <= code <= 0xDFFF:
            raise QueryError(f"{match.group(0)} names no character")
        return chr(code)

    expanded = _ESCAPE.sub(expand, text)
    if _ANY_ESCAPE.search(expanded):
        raise QueryError(ESCAPES_REFUSED)
    return expanded


def check_grammar(text: str) -> None:
    """QueryError unless rdflib's SPARQL grammar parses the text and finds no SERVICE in it.

    rdflib expands codepoint escapes before parsing and Oxigraph does not, so a text holding any
    is refused: the grammar's verdict is then about the very text the engine runs.

    >>> check_grammar("SELECT * WHERE { ?s ?p ?o }")
    >>> check_grammar("SELECT * WHERE { ?s ?p ?o FILTER(1<2)SERVICE#>\\n<http://e/> { } }")
    Traceback (most recent call last):
    ...
    graph._errors.QueryError: federated SERVICE calls are refused (a query may not make this process call other servers)
    """
    from rdflib.plugins.sparql.parser import parseQuery

    if _ANY_ESCAPE.search(text):
        raise QueryError(ESCAPES_REFUSED)
    try:
        parsed = parseQuery(text)
    except Exception:
        raise QueryError(
            "this query cannot be checked for SERVICE calls (rdflib's SPARQL grammar does not read it), "
            "so it is refused"
        ) from None
    if _has_service(parsed):
        raise QueryError(NO_SERVICE)


def _has_service(node: Any, depth: int = 0) -> bool:
    """Whether a parse tree (rdflib CompValue / ParseResults / lists) holds a ServiceGraphPattern."""
    if depth > 400:
        return True  # deeper than any honest query: refuse rather than guess
    if getattr(node, "name", None) == "ServiceGraphPattern":
        return True
    if isinstance(node, (str, bytes)):
        return False
    children: list[Any] = []
    if isinstance(node, Mapping):  # a CompValue; pyparsing's ParseResults counts as one too
        children.extend(node.values())
    if isinstance(node, Iterable) and not isinstance(node, dict):
        children.extend(node)  # a list, or a ParseResults' positional items
    return any(_has_service(child, depth + 1) for child in children)


__all__ = [
    "ESCAPES_REFUSED",
    "NO_SERVICE",
    "StoreSource",
    "check_grammar",
    "expand_escapes",
    "explain_network_failure",
    "guarded_query",
    "run_on",
]
