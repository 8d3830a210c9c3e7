"""Stable RDF serializations: the same graph always gives the same bytes.

Triples are sorted (subject, then ``rdf:type`` before other predicates, then object) and blank
nodes, if user data brings any, get canonical labels (see :func:`sorted_triples`), so a
change of data shows as a small, readable diff. Quad formats (TriG, N-Quads) put the triples in
one graph: the named graph ``kg push`` writes (graph._vocab.DEFAULT_GRAPH_IRI) unless asked for
the default graph.
"""

from __future__ import annotations

from collections.abc import Iterable

import pyoxigraph as ox

from graph._errors import GraphError
from graph._formats import EXPORTS, QUAD_FORMATS
from graph._vocab import DEFAULT_GRAPH_IRI, PREFIXES, RDF

_TYPE = RDF + "type"


def _key(triple: ox.Triple) -> tuple[str, int, str, str]:
    """Sort key: IRIs by their text, blank nodes after them, literals in N-Triples form."""

    def text(term: object) -> str:
        if isinstance(term, ox.NamedNode):
            return "0" + term.value
        if isinstance(term, ox.BlankNode):
            return "1" + term.value
        return "2" + str(term)

    predicate = triple.predicate.value
    return (text(triple.subject), 0 if predicate == _TYPE else 1, predicate, text(triple.object))


def sorted_triples(triples: Iterable[ox.Triple]) -> list[ox.Triple]:
    """The triples, without duplicates, in a stable order.

    Blank nodes, if user data brings any, are first given canonical labels by Oxigraph's
    dataset canonicalization (the same graph gets the same labels), then renamed ``b0``, ``b1``...
    in the sorted order, so that a graph with blank nodes exports the same way on every run.
    """
    unique = set(triples)
    if not any(isinstance(t.subject, ox.BlankNode) or isinstance(t.object, ox.BlankNode) for t in unique):
        return sorted(unique, key=_key)
    dataset = ox.Dataset(ox.Quad(t.subject, t.predicate, t.object, ox.DefaultGraph()) for t in unique)
    dataset.canonicalize(ox.CanonicalizationAlgorithm.UNSTABLE)
    canonical = sorted((ox.Triple(q.subject, q.predicate, q.object) for q in dataset), key=_key)
    labels: dict[ox.BlankNode, ox.BlankNode] = {}

    def relabel(term: ox.NamedNode | ox.BlankNode | ox.Literal | ox.Triple) -> object:
        if isinstance(term, ox.BlankNode):
            if term not in labels:
                labels[term] = ox.BlankNode(f"b{len(labels)}")
            return labels[term]
        return term

    renamed = [ox.Triple(relabel(t.subject), t.predicate, relabel(t.object)) for t in canonical]  # type: ignore[arg-type]
    return sorted(renamed, key=_key)


def serialize_rdf(triples: Iterable[ox.Triple], fmt: str, graph: str | None = DEFAULT_GRAPH_IRI) -> bytes:
    """``ttl``, ``nt``, ``trig`` or ``nq`` bytes of the triples, sorted.

    ``graph`` names the graph that TriG and N-Quads put the triples in (None: the default graph).
    """
    ordered = sorted_triples(triples)
    rdf_format = EXPORTS[fmt].rdf
    assert rdf_format is not None
    if rdf_format in QUAD_FORMATS:
        try:
            name: ox.NamedNode | ox.DefaultGraph = ox.NamedNode(graph) if graph else ox.DefaultGraph()
        except ValueError:
            raise GraphError(f"graph name '{graph}' is not an absolute IRI") from None
        quads = [ox.Quad(t.subject, t.predicate, t.object, name) for t in ordered]
        data = ox.serialize(quads, format=rdf_format, prefixes=_prefixes(rdf_format))
    else:
        data = ox.serialize(ordered, format=rdf_format, prefixes=_prefixes(rdf_format))
    return data or b""


def write(
    triples: Iterable[ox.Triple], fmt: str, *, graph: str | None = DEFAULT_GRAPH_IRI, full: bool = False
) -> bytes:
    """The export writer of ttl, trig, nq and nt (graph._formats.EXPORTS): sorted bytes."""
    return serialize_rdf(triples, fmt, graph)


def _prefixes(fmt: ox.RdfFormat) -> dict[str, str] | None:
    return PREFIXES if fmt in (ox.RdfFormat.TURTLE, ox.RdfFormat.TRIG) else None
