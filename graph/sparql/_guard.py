"""Federated ``SERVICE`` calls: refused unless asked for, and impossible where queries run isolated.

A user's SPARQL text is evaluated by :func:`guarded_query`:

* with ``allow_service=True`` it runs as it is;
* in a process that has left the network, or may leave it (``kg serve``'s workers, the child
  process of a ``kg`` command), it runs there, with no network;
* otherwise a query whose text names SERVICE is refused with a clear message, and any other
  query runs in a forked child without network (graph._sandbox), so a SERVICE spelled in a way
  no scanner recognises can only fail;
* where no child can leave the network (not Linux, or namespaces forbidden), the verdict comes
  from rdflib's complete SPARQL 1.1 grammar instead: the query runs only if rdflib parses it and
  its parse holds no ServiceGraphPattern (see docs/endpoint.md, "SERVICE").
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from typing import Any

import pyoxigraph as ox

from graph._errors import QueryError
from graph.sparql._result import QueryResult, run
from graph.sparql._text import uses_service

NO_SERVICE = "federated SERVICE calls are refused (a query may not make this process call other servers)"
NO_SERVICE_LIBRARY = NO_SERVICE + "; pass allow_service=True to allow them"


def guarded_query(
    store: ox.Store, text: str, bindings: Mapping[str, Any], *, allow_service: bool = False
) -> QueryResult:
    """Run a user's query on the store so that it cannot call another server unless allowed."""
    from graph import _sandbox

    if allow_service:
        return run(store, text, bindings)
    if uses_service(text):
        raise QueryError(NO_SERVICE_LIBRARY)
    try:
        if _sandbox.isolated() or (_sandbox.may_cut_self() and _sandbox.cut_network()):
            return run(store, text, bindings)
        if _sandbox.network_can_be_cut():
            result: QueryResult = _sandbox.run_isolated(run, store, text, dict(bindings))
            return result
    except QueryError as err:
        raise QueryError(explain_network_failure(str(err))) from None
    check_grammar(text)
    return run(store, text, bindings)


_NETWORK_ERRORS = ("Network is unreachable", "os error 101", "is not allowed for HTTP", "dns error")


def explain_network_failure(message: str) -> str:
    """A query error caused by a SERVICE call that could not leave the process, said plainly.

    >>> explain_network_failure("query failed: Network is unreachable (os error 101)")
    'federated SERVICE calls are refused (a query may not make this process call other servers)'
    """
    return NO_SERVICE if any(e in message for e in _NETWORK_ERRORS) else message


def check_grammar(text: str) -> None:
    """QueryError unless rdflib's SPARQL grammar parses the text and finds no SERVICE in it.

    >>> check_grammar("SELECT * WHERE { ?s ?p ?o }")
    >>> check_grammar("SELECT * WHERE { ?s ?p ?o FILTER(1<2)SERVICE#>\\n<http://e/> { } }")
    Traceback (most recent call last):
    ...
    graph._errors.QueryError: federated SERVICE calls are refused (a query may not make this process call other servers)
    """
    from rdflib.plugins.sparql.parser import parseQuery

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


__all__ = ["NO_SERVICE", "check_grammar", "explain_network_failure", "guarded_query"]
