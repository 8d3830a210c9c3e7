"""SPARQL text and named queries: binding parameters as terms, the SERVICE guard, nesting limits, results."""

from __future__ import annotations

from graph._lazy import lazy

# -- the names other subpackages import (loaded on first use, so that importing one costs nothing) --

TYPE_CHECKING = False  # typing costs start-up time; only type checkers import it
if TYPE_CHECKING:
    from graph.sparql._bind import bind_terms
    from graph.sparql._display import SHOWN_ROWS, html_table, pandas
    from graph.sparql._guard import check_grammar, explain_network_failure, guarded_query
    from graph.sparql._named import (
        NamedQuery,
        get_named_query,
        is_packaged,
        load_query_file,
        named_queries,
        query_names,
    )
    from graph.sparql._nesting import MAX_DEPTH, check_depth, nesting
    from graph.sparql._result import QueryResult, run, syntax_message
    from graph.sparql._terms import display, parse_value
    from graph.sparql._text import _tokens as sparql_tokens
    from graph.sparql._text import compact, is_update, uses_service, with_prefixes

_HOMES = {
    "MAX_DEPTH": "graph.sparql._nesting",
    "check_depth": "graph.sparql._nesting",
    "nesting": "graph.sparql._nesting",
    "is_packaged": "graph.sparql._named",
    "sparql_tokens": "graph.sparql._text:_tokens",
    "NamedQuery": "graph.sparql._named",
    "QueryResult": "graph.sparql._result",
    "SHOWN_ROWS": "graph.sparql._display",
    "bind_terms": "graph.sparql._bind",
    "check_grammar": "graph.sparql._guard",
    "compact": "graph.sparql._text",
    "display": "graph.sparql._terms",
    "explain_network_failure": "graph.sparql._guard",
    "get_named_query": "graph.sparql._named",
    "guarded_query": "graph.sparql._guard",
    "html_table": "graph.sparql._display",
    "is_update": "graph.sparql._text",
    "load_query_file": "graph.sparql._named",
    "named_queries": "graph.sparql._named",
    "pandas": "graph.sparql._display",
    "parse_value": "graph.sparql._terms",
    "query_names": "graph.sparql._named",
    "run": "graph.sparql._result",
    "syntax_message": "graph.sparql._result",
    "uses_service": "graph.sparql._text",
    "with_prefixes": "graph.sparql._text",
}

__getattr__ = lazy(__name__, _HOMES)


__all__ = [
    "MAX_DEPTH",
    "SHOWN_ROWS",
    "NamedQuery",
    "QueryResult",
    "bind_terms",
    "check_depth",
    "check_grammar",
    "compact",
    "display",
    "explain_network_failure",
    "get_named_query",
    "guarded_query",
    "html_table",
    "is_packaged",
    "is_update",
    "load_query_file",
    "named_queries",
    "nesting",
    "pandas",
    "parse_value",
    "query_names",
    "run",
    "sparql_tokens",
    "syntax_message",
    "uses_service",
    "with_prefixes",
]
