"""Linked-data faces of the graph: entity documents (HTML, Turtle, JSON-LD, N-Triples), the static
site ``kg publish`` writes, the VoID description, Wikidata links and citations."""

from __future__ import annotations

from graph._lazy import lazy

TYPE_CHECKING = False  # typing costs start-up time; only type checkers import it
if TYPE_CHECKING:
    from graph.linked._cite import answers_for, citations_of, evidence_of, source_labels, works
    from graph.linked._cite import render as render_citation
    from graph.linked._describe import describe_nt, entity_iri
    from graph.linked._document import ACCEPTED, MEDIA_TYPES
    from graph.linked._document import render as render_document
    from graph.linked._publish import check_base_url, publish
    from graph.linked._quickstatements import quickstatements
    from graph.linked._release import release_of
    from graph.linked._void import PREFIXES, statistics, void_nt, void_triples

_HOMES = {
    "ACCEPTED": "graph.linked._document",
    "MEDIA_TYPES": "graph.linked._document",
    "PREFIXES": "graph.linked._void",
    "answers_for": "graph.linked._cite",
    "check_base_url": "graph.linked._publish",
    "describe_nt": "graph.linked._describe",
    "entity_iri": "graph.linked._describe",
    "citations_of": "graph.linked._cite",
    "evidence_of": "graph.linked._cite",
    "publish": "graph.linked._publish",
    "quickstatements": "graph.linked._quickstatements",
    "release_of": "graph.linked._release",
    "render_document": "graph.linked._document:render",
    "render_citation": "graph.linked._cite:render",
    "source_labels": "graph.linked._cite",
    "statistics": "graph.linked._void",
    "void_nt": "graph.linked._void",
    "void_triples": "graph.linked._void",
    "works": "graph.linked._cite",
}
__getattr__ = lazy(__name__, _HOMES)

__all__ = [
    "ACCEPTED",
    "MEDIA_TYPES",
    "PREFIXES",
    "answers_for",
    "check_base_url",
    "citations_of",
    "describe_nt",
    "entity_iri",
    "evidence_of",
    "publish",
    "quickstatements",
    "release_of",
    "render_citation",
    "render_document",
    "source_labels",
    "statistics",
    "void_nt",
    "void_triples",
    "works",
]
