"""output"""

from __future__ import annotations

from graph._lazy import lazy

# -- the names other subpackages import (loaded on first use, so that importing one costs nothing) --

TYPE_CHECKING = False  # typing costs start-up time; only type checkers import it
if TYPE_CHECKING:
    from graph.output._columns import pick
    from graph.output._export import raw_networkx, serialize, to_networkx, to_rdflib
    from graph.output._help import epilog
    from graph.output._jsonld import serialize_jsonld
    from graph.output._listing import query_listing
    from graph.output._rdf import serialize_rdf, sorted_triples
    from graph.output._render import answers, result_table

_HOMES = {
    "raw_networkx": "graph.output._export",
    "serialize_jsonld": "graph.output._jsonld",
    "serialize_rdf": "graph.output._rdf",
    "sorted_triples": "graph.output._rdf",
    "answers": "graph.output._render",
    "epilog": "graph.output._help",
    "pick": "graph.output._columns",
    "query_listing": "graph.output._listing",
    "result_table": "graph.output._render",
    "serialize": "graph.output._export",
    "to_networkx": "graph.output._export",
    "to_rdflib": "graph.output._export",
}

__getattr__ = lazy(__name__, _HOMES)


__all__ = [
    "answers",
    "epilog",
    "pick",
    "query_listing",
    "raw_networkx",
    "result_table",
    "serialize",
    "serialize_jsonld",
    "serialize_rdf",
    "sorted_triples",
    "to_networkx",
    "to_rdflib",
]
