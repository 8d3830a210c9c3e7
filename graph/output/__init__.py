"""What answers and the graph become: tables, CSV/JSON, RDF exports, GraphML, redlines, cards, kg build."""

from __future__ import annotations

from graph._lazy import lazy

# -- the names other subpackages import (loaded on first use, so that importing one costs nothing) --

TYPE_CHECKING = False  # typing costs start-up time; only type checkers import it
if TYPE_CHECKING:
    from graph.output._card import CARD_FORMATS, card_for, card_html, card_png, card_svg
    from graph.output._cells import status_summary
    from graph.output._columns import pick
    from graph.output._export import raw_networkx, serialize, to_networkx, to_rdflib
    from graph.output._help import epilog
    from graph.output._jsonld import serialize_jsonld
    from graph.output._listing import query_listing
    from graph.output._rdf import serialize_rdf, sorted_triples
    from graph.output._redline import redline_html, redline_md, redlines, term_labels
    from graph.output._render import answers, result_table

_HOMES = {
    "status_summary": "graph.output._cells",
    "redlines": "graph.output._redline",
    "term_labels": "graph.output._redline",
    "redline_md": "graph.output._redline",
    "redline_html": "graph.output._redline",
    "CARD_FORMATS": "graph.output._card",
    "card_for": "graph.output._card",
    "card_html": "graph.output._card",
    "card_png": "graph.output._card",
    "card_svg": "graph.output._card",
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
    "CARD_FORMATS",
    "answers",
    "card_for",
    "card_html",
    "card_png",
    "card_svg",
    "epilog",
    "pick",
    "query_listing",
    "raw_networkx",
    "redline_html",
    "redline_md",
    "redlines",
    "result_table",
    "serialize",
    "serialize_jsonld",
    "serialize_rdf",
    "sorted_triples",
    "status_summary",
    "term_labels",
    "to_networkx",
    "to_rdflib",
]
