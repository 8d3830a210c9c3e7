"""The graph in other forms: RDF serializations, an rdflib Graph, a networkx graph, GraphML."""

from __future__ import annotations

from typing import TYPE_CHECKING

import pyoxigraph as ox

from graph._errors import GraphError
from graph._formats import EXPORT_FORMATS
from graph._vocab import DEFAULT_GRAPH_IRI, PREFIXES, RDF, RDFS, shorten
from graph.output._rdf import QUAD_FORMATS, TRIPLE_FORMATS, serialize_rdf

if TYPE_CHECKING:
    import networkx as nx
    import rdflib

    from graph.store._backend import Backend


def triples(backend: Backend) -> list[ox.Triple]:
    """Every triple of the graph's default graph (where the loader puts all data), sorted, with
    blank nodes (if user data brings any) relabelled in that order so that exports are stable."""
    from graph.output._rdf import sorted_triples

    return sorted_triples(ox.parse(backend.dump(ox.RdfFormat.N_TRIPLES), format=ox.RdfFormat.N_TRIPLES))


def serialize(
    backend: Backend, fmt: str, *, graph: str | None = DEFAULT_GRAPH_IRI, full: bool = False
) -> bytes:
    """The whole graph in ``ttl``, ``trig``, ``jsonld``, ``nq``, ``nt`` or ``graphml``, sorted and stable.

    ``graph`` is the named graph TriG and N-Quads put the triples in (None: the default graph);
    ``full`` keeps the ontology, the text selectors and the controlled values as nodes in GraphML.
    """
    if fmt == "graphml":
        from graph.output._graphml import write_graphml

        return write_graphml(triples(backend), full=full)
    if fmt == "jsonld":
        from graph.output._jsonld import serialize_jsonld

        return serialize_jsonld(triples(backend))
    if fmt not in TRIPLE_FORMATS and fmt not in QUAD_FORMATS:
        raise GraphError(f"unknown export format '{fmt}'; accepted: {', '.join(EXPORT_FORMATS)}")
    return serialize_rdf(triples(backend), fmt, graph)


def to_rdflib(backend: Backend) -> rdflib.Graph:
    """An ``rdflib.Graph`` with every triple of the default graph."""
    import rdflib

    graph = rdflib.Graph()
    for prefix, ns in PREFIXES.items():
        graph.bind(prefix, ns)
    graph.parse(data=backend.dump(ox.RdfFormat.N_TRIPLES), format="nt")
    return graph


def to_networkx(backend: Backend, full: bool = False) -> nx.MultiDiGraph[str]:
    """The graph for people as a ``networkx.MultiDiGraph``: the same nodes and attributes as
    ``kg export --format graphml`` (see graph.output._graphml; ``full`` keeps every node)."""
    from graph.output._graphml import networkx_graph

    graph: nx.MultiDiGraph[str] = networkx_graph(triples(backend), full=full)
    return graph


def raw_networkx(backend: Backend) -> nx.MultiDiGraph[str]:
    """Every triple as a ``networkx.MultiDiGraph``: IRIs are nodes (literal values become node
    attributes keyed by the shortened predicate), and each triple between two resources is an
    edge keyed by its shortened predicate. The explorer selects its view from this graph."""
    import networkx as nx

    graph: nx.MultiDiGraph[str] = nx.MultiDiGraph()
    for triple in triples(backend):
        s, p, o = triple.subject, triple.predicate.value, triple.object
        if isinstance(s, ox.Triple) or isinstance(o, ox.Triple):
            continue  # RDF-star quoted triples have no node of their own here
        node = shorten(s.value)
        graph.add_node(node)
        if isinstance(o, ox.Literal):
            key = shorten(p)
            attrs = graph.nodes[node]
            attrs[key] = f"{attrs[key]} | {o.value}" if key in attrs else o.value
            if p == RDFS + "label":
                attrs["label"] = o.value
        elif p == RDF + "type":
            graph.nodes[node]["type"] = shorten(o.value)
        else:
            graph.add_edge(node, shorten(o.value), key=shorten(p), predicate=shorten(p))
    return graph
