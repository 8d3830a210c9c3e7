"""The graph in other forms: RDF serializations, an rdflib Graph, a networkx graph, GraphML."""

from __future__ import annotations

import io
from typing import TYPE_CHECKING

import pyoxigraph as ox

from graph._errors import GraphError
from graph._formats import EXPORT_FORMATS, EXPORT_RDF_FORMATS
from graph._vocab import PREFIXES, RDF, RDFS, shorten

if TYPE_CHECKING:
    import networkx as nx
    import rdflib

    from graph.store._backend import Backend


def serialize(backend: Backend, fmt: str) -> bytes:
    """The whole graph in ``ttl``, ``trig``, ``jsonld``, ``nq``, ``nt`` or ``graphml``."""
    if fmt == "graphml":
        import networkx as nx

        buffer = io.BytesIO()
        nx.write_graphml(_graphml_safe(to_networkx(backend)), buffer)
        return buffer.getvalue()
    if fmt not in EXPORT_RDF_FORMATS:
        raise GraphError(f"unknown export format '{fmt}'; accepted: {', '.join(EXPORT_FORMATS)}")
    if fmt in ("ttl", "trig"):
        # Re-serialize with the project's prefixes for readable Turtle/TriG.
        quads = ox.parse(backend.dump(ox.RdfFormat.N_QUADS), format=ox.RdfFormat.N_QUADS)
        data = ox.serialize(
            quads if fmt == "trig" else (q.triple for q in quads),
            format=EXPORT_RDF_FORMATS[fmt],
            prefixes=PREFIXES,
        )
        return data or b""
    return backend.dump(EXPORT_RDF_FORMATS[fmt])


def to_rdflib(backend: Backend) -> rdflib.Graph:
    """An ``rdflib.Graph`` with every triple of the default graph."""
    import rdflib

    graph = rdflib.Graph()
    for prefix, ns in PREFIXES.items():
        graph.bind(prefix, ns)
    graph.parse(data=backend.dump(ox.RdfFormat.N_TRIPLES), format="nt")
    return graph


def to_networkx(backend: Backend) -> nx.MultiDiGraph[str]:
    """A ``networkx.MultiDiGraph``: IRIs are nodes (literal values become node attributes),
    and each triple between two resources is an edge keyed by its shortened predicate."""
    import networkx as nx

    graph: nx.MultiDiGraph[str] = nx.MultiDiGraph()
    for triple in ox.parse(backend.dump(ox.RdfFormat.N_TRIPLES), format=ox.RdfFormat.N_TRIPLES):
        s, p, o = triple.subject, triple.predicate.value, triple.object
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


def _graphml_safe(graph: nx.MultiDiGraph[str]) -> nx.MultiDiGraph[str]:
    """GraphML wants attribute names without colons; keep the values."""
    import networkx as nx

    safe: nx.MultiDiGraph[str] = nx.MultiDiGraph()
    for node, attrs in graph.nodes(data=True):
        safe.add_node(node, **{k.replace(":", "_"): str(v) for k, v in attrs.items()})
    for u, v, key, attrs in graph.edges(keys=True, data=True):
        safe.add_edge(u, v, key=key, **{k.replace(":", "_"): str(val) for k, val in attrs.items()})
    return safe
