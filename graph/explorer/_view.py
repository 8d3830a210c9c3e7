"""The curated view of the graph the explorer draws: which resources are nodes, which links are edges.

Not every triple is drawn. Organisations, partnerships, clouds, products, cloud roles, agreements,
clauses and terms become nodes; evidence, sources, claims and vocabulary stay out of the picture
and appear in the details panel instead. Links between drawn nodes become edges, a few of them
visible at first (the ones that tell the story: provider → role → hosted thing, versions of a
clause), the others revealed when one of their ends is selected.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any

from graph._vocab import PREFIXES, local_id
from graph.explorer._palette import INK


@dataclass(frozen=True)
class Kind:
    """A kind of node: its legend label, the RDF classes it covers, and how it is drawn."""

    key: str
    label: str
    classes: tuple[str, ...]
    shape: str
    color: str
    font_color: str = INK


KINDS: tuple[Kind, ...] = (
    Kind("organisation", "Organisation", ("kg:Organization",), "ellipse", "#f5b041"),
    Kind("partnership", "Partnership", ("kg:Partnership", "kg:PartnerMention"), "hexagon", "#c27ba0"),
    Kind("cloud", "Cloud platform", ("kg:CloudPlatform",), "database", "#5dade2"),
    Kind(
        "product",
        "Product, model or workload",
        ("kg:Product", "kg:AIModel", "kg:Workload", "kg:IntellectualProperty", "kg:Project"),
        "box",
        "#82e0aa",
    ),
    Kind("role", "Cloud role", ("kg:CloudRole",), "diamond", "#e67e22"),
    Kind("agreement", "Agreement", ("kg:Agreement",), "box", "#34495e", "#ffffff"),
    Kind("clause", "Clause", ("kg:Clause",), "text", "#2c3e50"),
    Kind("term", "Term (a clause as one agreement states it)", ("kg:Term",), "box", "#d6eaf8"),
)
"""Every kind of node, in legend order."""

_KIND_OF_CLASS = {cls: kind.key for kind in KINDS for cls in kind.classes}

# predicate -> (drawn from the object to the subject?, visible at first?); any other link between
# two drawn nodes is drawn subject → object and shown only when one of its ends is selected.
_EDGES: dict[str, tuple[bool, bool]] = {
    "kg:provider": (True, True),  # cloud → role → hosted thing
    "kg:hostedThing": (False, True),
    "kg:operatedBy": (True, True),  # organisation → cloud
    "kg:partOf": (False, True),
    "kg:mentions": (False, True),
    "kg:party": (False, True),  # shown from partnerships only (agreements sit in the grids)
    "kg:previousVersion": (True, True),  # earlier term → later term, along a grid's row
    "kg:clause": (True, False),  # clause → term: the layout shows the first of each row
    "kg:agreement": (True, False),
}
_HIDDEN_ATTRIBUTES = {
    "label",
    "type",
    "rdfs:label",
    "skos:altLabel",  # shown as "also called"
    "kg:earliestPossibleDate",
    "kg:latestPossibleDate",
}
_SKIPPED_LINKS = {"kg:evidence"}


@dataclass
class ViewNode:
    """One drawn resource."""

    id: str
    iri: str
    kind: str
    label: str
    type_label: str
    attributes: list[tuple[str, str]] = field(default_factory=list)
    """Literal properties and links to vocabulary (rank, change type...), as (name, value)."""
    alt_labels: tuple[str, ...] = ()


@dataclass
class ViewEdge:
    """One drawn link: ``source`` → ``target`` as displayed, ``fact`` the subject that states it."""

    id: str
    source: str
    target: str
    predicate: str
    label: str
    fact: str
    visible: bool


@dataclass
class View:
    """The curated nodes and edges, keyed by the ids the library's answers use."""

    nodes: dict[str, ViewNode]
    edges: list[ViewEdge]

    def of_kind(self, kind: str) -> list[ViewNode]:
        """Nodes of one kind, in insertion order."""
        return [n for n in self.nodes.values() if n.kind == kind]

    def edges_of(self, predicate: str) -> Iterable[ViewEdge]:
        """Edges drawn for one predicate."""
        return (e for e in self.edges if e.predicate == predicate)


def expand(short: str) -> str:
    """The full IRI of a shortened one (``pk:frontier``); other strings unchanged."""
    prefix, sep, rest = short.partition(":")
    if sep and prefix in PREFIXES and not rest.startswith("//"):
        return PREFIXES[prefix] + rest
    return short


def node_id(short: str) -> str:
    """The explorer's id for a resource: the same key the library's answers use (``frontier``)."""
    return local_id(expand(short))


def _name(graph: Any, short: str) -> str:
    """A resource's label, else its id; a term of another vocabulary without one reads as words.

    >>> import networkx as nx
    >>> _name(nx.MultiDiGraph(), "skos:definition"), _name(nx.MultiDiGraph(), "pk:openai")
    ('definition', 'openai')
    >>> _name(nx.MultiDiGraph(), "http://schema.org/sameAs")
    'same as'
    """
    attrs = graph.nodes[short] if short in graph else {}
    named = attrs.get("label") or attrs.get("skos:prefLabel")
    if named:
        return str(named)
    iri = expand(short)
    if iri != local_id(iri):
        return local_id(iri)
    word = re.split(r"[#/:]", iri.rstrip("#/"))[-1] or iri
    return re.sub(r"(?<=[a-z])(?=[A-Z])", " ", word).lower()


def curated_view(graph: Any) -> View:
    """Select the explorer's nodes and edges from every triple (graph.output._export.raw_networkx)."""
    nodes: dict[str, ViewNode] = {}
    short_ids: dict[str, str] = {}
    for short, attrs in sorted(graph.nodes(data=True), key=lambda item: item[0]):  # stable order
        kind = _KIND_OF_CLASS.get(attrs.get("type", ""))
        if kind is None:
            continue
        nid = node_id(short)
        short_ids[short] = nid
        alt = attrs.get("skos:altLabel")  # multiple values arrive joined by " | ", in store order
        nodes[nid] = ViewNode(
            id=nid,
            iri=expand(short),
            kind=kind,
            label=_name(graph, short),
            type_label=_name(graph, attrs["type"]),
            alt_labels=tuple(sorted(alt.split(" | "))) if alt else (),
        )
    edges: list[ViewEdge] = []
    for short, nid in short_ids.items():
        node = nodes[nid]
        for key, value in sorted(graph.nodes[short].items()):
            if key not in _HIDDEN_ATTRIBUTES:
                node.attributes.append((_name(graph, key), " | ".join(sorted(str(value).split(" | ")))))
        for _, target, predicate in sorted(graph.out_edges(short, keys=True)):
            if predicate in _SKIPPED_LINKS:
                continue
            if target not in short_ids:
                node.attributes.append((_name(graph, predicate), _name(graph, target)))
                continue
            reverse, visible = _EDGES.get(predicate, (False, False))
            ends = (short_ids[target], nid) if reverse else (nid, short_ids[target])
            edges.append(
                ViewEdge(
                    id=f"{nid}|{predicate}|{short_ids[target]}",
                    source=ends[0],
                    target=ends[1],
                    predicate=predicate,
                    label=_name(graph, predicate),
                    fact=nid,
                    visible=visible and (predicate != "kg:party" or node.kind == "partnership"),
                )
            )
    return View(nodes, edges)
