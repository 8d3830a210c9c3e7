"""The graph for people: a networkx graph and GraphML for Gephi, the same nodes in both.

Resources are nodes, named by their short IRI (``pk:azure``); each triple between two resources
is an edge. Every node has a ``label`` (its rdfs:label, skos:prefLabel, quote or short IRI) and a
``kind`` (the local name of its type: ``CloudRole``, ``Evidence``); every edge a ``label`` (the
property's label in the ontology) and a ``predicate``. Literal values become node attributes
whose names are words (``amountUSD``, ``primary``, ``title``; a name two vocabularies share gets
its vocabulary in front: ``dctermsDate``), typed: numbers as numbers, booleans as booleans.

By default the graph keeps what a reader explores and leaves out what only wires the data
together: the ontology's classes and properties (and subClassOf, domain, range ... edges), the
text selectors that anchor each quote in its file (``<evidence>-quote``, ``-position``), and the
controlled values (the SKOS concepts: bases, ranks, role types, ...), which would be hubs joined
to most nodes; a controlled value becomes an attribute of the node instead (``basis: stated``,
``roleType: hosts``). ``full=True`` keeps every node and edge.
"""

from __future__ import annotations

import io
import re
from collections.abc import Iterable
from typing import Any

import pyoxigraph as ox

from graph._vocab import KG, OA, OWL, RDF, RDFS, SKOS, XSD, shorten

_ONTOLOGY_TYPES = {OWL + "Class", OWL + "ObjectProperty", OWL + "DatatypeProperty", OWL + "Ontology"}
_WIRING_TYPES = {
    OA + "TextQuoteSelector",
    OA + "TextPositionSelector",
    SKOS + "Concept",
    SKOS + "ConceptScheme",
}
_SCHEMA_PREDICATES = {RDFS + p for p in ("subClassOf", "subPropertyOf", "domain", "range", "seeAlso")}
_LABELS = (RDFS + "label", SKOS + "prefLabel", KG + "quote")
_NUMBERS = {XSD + "decimal": float, XSD + "double": float, XSD + "float": float}
_INTEGERS = {XSD + t for t in ("integer", "int", "long", "short", "nonNegativeInteger", "positiveInteger")}
_VOCABULARY = {
    "http://purl.org/dc/terms/": "dcterms",
    "http://schema.org/": "schema",
    SKOS: "skos",
    RDFS: "rdfs",
    OWL: "owl",
    OA: "oa",
    "http://www.w3.org/ns/prov#": "prov",
}


def _local(iri: str) -> str:
    return iri.rsplit("#", 1)[-1].rsplit("/", 1)[-1] or iri


def attribute_name(predicate: str, taken: frozenset[str] = frozenset()) -> str:
    """A word naming the property as an attribute: its local name (``amountUSD``, ``title``);
    a non-``kg:`` name that a ``kg:`` property also has gets its vocabulary in front.

    >>> attribute_name("http://www.w3.org/ns/oa#suffix"), attribute_name("http://purl.org/dc/terms/date", frozenset({"date"}))
    ('suffix', 'dctermsDate')
    """
    word = re.sub(r"[^A-Za-z0-9]", "", _local(predicate)) or "value"
    if predicate.startswith(KG) or word not in taken:
        return word if word[0].isalpha() else "p" + word
    namespace = predicate[: len(predicate) - len(_local(predicate))]
    vocabulary = _VOCABULARY.get(namespace) or re.sub(r"[^a-z]", "", namespace.lower())[-12:] or "x"
    return vocabulary + word[0].upper() + word[1:]


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


def networkx_graph(triples: Iterable[ox.Triple], *, full: bool = False) -> Any:
    """A ``networkx.MultiDiGraph`` of the triples (see the module docstring)."""
    import networkx as nx

    rows = sorted(set(triples), key=lambda t: (str(t.subject), t.predicate.value, str(t.object)))
    rows = [t for t in rows if not isinstance(t.subject, ox.Triple) and not isinstance(t.object, ox.Triple)]
    types: dict[str, list[str]] = {}
    labels: dict[str, dict[str, str]] = {}
    for t in rows:
        key = t.subject.value  # type: ignore[union-attr]
        if t.predicate.value == RDF + "type" and isinstance(t.object, ox.NamedNode):
            types.setdefault(key, []).append(t.object.value)
        elif t.predicate.value in _LABELS and isinstance(t.object, ox.Literal):
            labels.setdefault(key, {}).setdefault(t.predicate.value, t.object.value)
    hidden = set() if full else _ONTOLOGY_TYPES | _WIRING_TYPES
    left_out = {s for s, kinds in types.items() if hidden & set(kinds)}
    kg_words = frozenset(_local(t.predicate.value) for t in rows if t.predicate.value.startswith(KG))

    def node_id(term: ox.NamedNode | ox.BlankNode) -> str:
        return shorten(term.value) if isinstance(term, ox.NamedNode) else f"_:{term.value}"

    def label_of(iri: str, default: str) -> str:
        found = labels.get(iri, {})
        return next((found[p] for p in _LABELS if p in found), default)

    def add_node(term: ox.NamedNode | ox.BlankNode) -> str:
        node = node_id(term)
        if node not in graph:
            kinds = sorted(types.get(term.value, []), key=lambda k: (not k.startswith(KG), k))
            graph.add_node(
                node, label=label_of(term.value, node), kind=_local(kinds[0]) if kinds else "Resource"
            )
        return node

    def set_attribute(node: str, key: str, value: Any) -> None:
        attrs = graph.nodes[node]
        attrs[key] = f"{attrs[key]} | {value}" if key in attrs else value

    graph: nx.MultiDiGraph[str] = nx.MultiDiGraph()
    for t in rows:
        subject, p, o = t.subject, t.predicate.value, t.object
        assert not isinstance(subject, ox.Triple) and not isinstance(o, ox.Triple)
        if subject.value in left_out or (not full and p in _SCHEMA_PREDICATES):
            continue
        node = add_node(subject)
        if isinstance(o, ox.Literal):
            if p != RDFS + "label":
                set_attribute(node, attribute_name(p, kg_words), _typed(o))
        elif p == RDF + "type":
            graph.nodes[node].setdefault("type", shorten(o.value))
        elif o.value in left_out:  # a controlled value (or a selector): an attribute, not a hub
            if p != OA + "hasSelector":
                set_attribute(node, attribute_name(p, kg_words), label_of(o.value, shorten(o.value)))
        else:
            key = shorten(p)
            graph.add_edge(node, add_node(o), key=key, predicate=key, label=label_of(p, _local(p)))
    return graph


def write_graphml(triples: Iterable[ox.Triple], *, full: bool = False) -> bytes:
    """GraphML of :func:`networkx_graph`, with typed attributes."""
    import networkx as nx

    graph = networkx_graph(triples, full=full)
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
