"""The graph as a networkx graph and as GraphML for Gephi: labelled, typed, the ontology optional.

Resources are nodes, named by their short IRI (``pk:azure``); each triple between two resources
is an edge. Every node has a ``label`` (its rdfs:label, skos:prefLabel, quote or short IRI) and
a ``kind`` (the local name of its type: ``CloudRole``, ``Evidence``, ``Concept``); every edge a
``label`` (the property's label in the ontology) and a ``predicate``. Literal values become node
attributes named after the property (``amountUSD``, ``primary``), typed: numbers as numbers,
booleans as booleans. The ontology's classes, properties and schema edges (subClassOf, domain,
range, ...) are left out unless ``ontology=True``.
"""

from __future__ import annotations

import io
import re
from collections.abc import Iterable
from typing import Any

import pyoxigraph as ox

from graph._vocab import KG, OWL, RDF, RDFS, SKOS, XSD, shorten

_ONTOLOGY_TYPES = {OWL + "Class", OWL + "ObjectProperty", OWL + "DatatypeProperty", OWL + "Ontology"}
_SCHEMA_PREDICATES = {RDFS + p for p in ("subClassOf", "subPropertyOf", "domain", "range", "seeAlso")}
_LABELS = (RDFS + "label", SKOS + "prefLabel", KG + "quote")
_NUMBERS = {XSD + "decimal": float, XSD + "double": float, XSD + "float": float}
_INTEGERS = {XSD + t for t in ("integer", "int", "long", "short", "nonNegativeInteger", "positiveInteger")}


def _attribute_name(predicate: str) -> str:
    """``amountUSD`` for a kg: property, ``skos_altLabel`` for others (GraphML keys have no colon)."""
    if predicate.startswith(KG):
        return predicate[len(KG) :]
    return shorten(predicate).replace(":", "_")


def _typed(literal: ox.Literal) -> Any:
    """The literal as a Python number or boolean when its datatype says so, else its text."""
    datatype = literal.datatype.value
    try:
        if datatype in _NUMBERS:
            return float(literal.value)
        if datatype in _INTEGERS:
            return int(literal.value)
    except ValueError:
        return literal.value
    if datatype == XSD + "boolean" and literal.value in ("true", "false", "1", "0"):
        return literal.value in ("true", "1")
    return literal.value


def _local(iri: str) -> str:
    return iri.rsplit("#", 1)[-1].rsplit("/", 1)[-1] or iri


def networkx_graph(triples: Iterable[ox.Triple], *, ontology: bool = True) -> Any:
    """A ``networkx.MultiDiGraph`` of the triples (see the module docstring)."""
    import networkx as nx

    rows = sorted(set(triples), key=lambda t: (str(t.subject), t.predicate.value, str(t.object)))
    types: dict[str, list[str]] = {}
    labels: dict[str, dict[str, str]] = {}
    for t in rows:
        if isinstance(t.subject, ox.Triple):
            continue
        key = t.subject.value
        if t.predicate.value == RDF + "type" and isinstance(t.object, ox.NamedNode):
            types.setdefault(key, []).append(t.object.value)
        elif t.predicate.value in _LABELS and isinstance(t.object, ox.Literal):
            labels.setdefault(key, {}).setdefault(t.predicate.value, t.object.value)
    schema = {s for s, kinds in types.items() if _ONTOLOGY_TYPES & set(kinds)}

    def node_id(term: ox.NamedNode | ox.BlankNode) -> str:
        return shorten(term.value) if isinstance(term, ox.NamedNode) else f"_:{term.value}"

    def add_node(term: ox.NamedNode | ox.BlankNode) -> str:
        node = node_id(term)
        if node not in graph:
            found = labels.get(term.value, {})
            label = next((found[p] for p in _LABELS if p in found), node)
            kinds = sorted(types.get(term.value, []), key=lambda k: (not k.startswith(KG), k))
            graph.add_node(node, label=label, kind=_local(kinds[0]) if kinds else "Resource")
        return node

    graph: nx.MultiDiGraph[str] = nx.MultiDiGraph()
    for t in rows:
        subject, p, o = t.subject, t.predicate.value, t.object
        if isinstance(subject, ox.Triple) or isinstance(o, ox.Triple):
            continue
        if not ontology and (subject.value in schema or p in _SCHEMA_PREDICATES):
            continue
        node = add_node(subject)
        if isinstance(o, ox.Literal):
            if p != RDFS + "label":
                attrs = graph.nodes[node]
                key = _attribute_name(p)
                value = _typed(o)
                attrs[key] = f"{attrs[key]} | {value}" if key in attrs else value
        elif p == RDF + "type":
            graph.nodes[node].setdefault("type", shorten(o.value))
        else:
            key = shorten(p)
            label = labels.get(p, {}).get(RDFS + "label") or _local(p)
            graph.add_edge(node, add_node(o), key=key, predicate=key, label=label)
    return graph


def write_graphml(triples: Iterable[ox.Triple], *, ontology: bool = False) -> bytes:
    """GraphML of :func:`networkx_graph` (ontology left out by default), with typed attributes."""
    import networkx as nx

    graph = networkx_graph(triples, ontology=ontology)
    _one_type_per_key(graph)
    for _, attrs in graph.nodes(data=True):
        _xml_safe(attrs)
    for _, _, attrs in graph.edges(data=True):
        _xml_safe(attrs)
    buffer = io.BytesIO()
    nx.write_graphml(graph, buffer)
    return buffer.getvalue()


_NOT_XML = re.compile("[^\t\n\r\x20-\ud7ff\ue000-\ufffd\U00010000-\U0010ffff]")


def xml_text(text: str) -> str:
    """The text with each character XML 1.0 cannot hold (control characters) written as ``\\uXXXX``.

    >>> xml_text("a\x01b")
    'a\\\\u0001b'
    """
    return _NOT_XML.sub(lambda m: f"\\u{ord(m.group(0)):04x}", text)


def _xml_safe(attrs: dict[str, Any]) -> None:
    for key, value in attrs.items():
        if isinstance(value, str):
            attrs[key] = xml_text(value)


def _one_type_per_key(graph: Any) -> None:
    """GraphML declares one type per attribute: a key whose values mix types becomes text."""
    seen: dict[str, set[type]] = {}
    for _, attrs in graph.nodes(data=True):
        for key, value in attrs.items():
            seen.setdefault(key, set()).add(type(value))
    mixed = {key for key, kinds in seen.items() if len(kinds) > 1}
    for _, attrs in graph.nodes(data=True):
        for key in mixed & attrs.keys():
            value = attrs[key]
            attrs[key] = ("true" if value else "false") if isinstance(value, bool) else str(value)
