"""The VoID description of the graph: counts, classes, vocabularies, example resources, where to
query it and where its dump is (https://www.w3.org/TR/void/).

``kg build`` writes it beside the dump (void.ttl), ``kg publish`` beside the entity pages, and
``kg serve`` adds it to its service description. The statistics are read by fixed queries on the
store; the endpoint and dump addresses are added by whoever knows them.
"""

from __future__ import annotations

import hashlib
from collections.abc import Sequence

import pyoxigraph as ox

from graph._vocab import DCTERMS, KG, OA, OWL, PK, RDF, XSD, shorten
from graph.output._rdf import sorted_triples

VOID = "http://rdfs.org/ns/void#"
DATASET = "https://w3id.org/partnership-kg/dataset"
"""The IRI of the dataset the VoID description describes."""
TITLE = "Microsoft–OpenAI partnership knowledge graph"

_EXAMPLE_CLASSES = ("Partnership", "Agreement", "Organization", "CloudRole", "Term")
_COUNTS = """SELECT (COUNT(*) AS ?triples) (COUNT(DISTINCT ?s) AS ?subjects) (COUNT(DISTINCT ?p) AS ?properties)
  (COUNT(DISTINCT ?o) AS ?objects) WHERE { ?s ?p ?o }"""
_ENTITIES = f"""SELECT (COUNT(DISTINCT ?s) AS ?entities) WHERE {{
  ?s ?p ?o FILTER(isIRI(?s) && STRSTARTS(STR(?s), "{PK}"))
}}"""
_CLASSES = "SELECT ?class (COUNT(DISTINCT ?s) AS ?n) WHERE { ?s a ?class } GROUP BY ?class ORDER BY ?class"
_PREDICATES = "SELECT DISTINCT ?p WHERE { ?s ?p ?o }"


def _v(name: str) -> ox.NamedNode:
    return ox.NamedNode(VOID + name)


def _rows(store: ox.Store, text: str) -> list[ox.QuerySolution]:
    found = store.query(text)
    assert isinstance(found, ox.QuerySolutions)
    return list(found)


def _int(value: int) -> ox.Literal:
    return ox.Literal(str(value), datatype=ox.NamedNode(XSD + "integer"))


def _slug(iri: str) -> str:
    """A readable, stable path segment for a class: ``kg-Agreement``, else a hash of the IRI."""
    short = shorten(iri) if not iri.startswith(OA) else "oa:" + iri[len(OA) :]
    if short != iri and short.replace(":", "").replace("-", "").replace("_", "").isalnum():
        return short.replace(":", "-")
    return hashlib.sha256(iri.encode()).hexdigest()[:12]


def namespace(iri: str) -> str:
    """The vocabulary an IRI belongs to: up to its last ``#`` or ``/``.

    >>> namespace("http://www.w3.org/ns/oa#hasSelector"), namespace("http://schema.org/Organization")
    ('http://www.w3.org/ns/oa#', 'http://schema.org/')
    """
    cut = max(iri.rfind("#"), iri.rfind("/"))
    return iri[: cut + 1]


def statistics(store: ox.Store) -> list[ox.Triple]:
    """The VoID statistics of the store's default graph, about :data:`DATASET`."""
    node, p = ox.NamedNode(DATASET), _v
    row = _rows(store, _COUNTS)[0]
    out = [ox.Triple(node, p(name), _int(int(row[name].value))) for name in ("triples", "properties")]
    out += [
        ox.Triple(node, p("distinctSubjects"), _int(int(row["subjects"].value))),
        ox.Triple(node, p("distinctObjects"), _int(int(row["objects"].value))),
        ox.Triple(node, p("entities"), _int(int(_rows(store, _ENTITIES)[0]["entities"].value))),
    ]
    classes = [(r["class"], int(r["n"].value)) for r in _rows(store, _CLASSES)]
    out.append(ox.Triple(node, p("classes"), _int(len(classes))))
    for cls, count in classes:
        if not isinstance(cls, ox.NamedNode):
            continue
        part = ox.NamedNode(f"{DATASET}/class/{_slug(cls.value)}")
        out += [
            ox.Triple(node, p("classPartition"), part),
            ox.Triple(part, p("class"), cls),
            ox.Triple(part, p("entities"), _int(count)),
        ]
    used = {namespace(r["p"].value) for r in _rows(store, _PREDICATES)}
    used |= {namespace(c.value) for c, _ in classes if isinstance(c, ox.NamedNode)}
    out += [ox.Triple(node, p("vocabulary"), ox.NamedNode(ns)) for ns in sorted(used) if ns]
    for name in _EXAMPLE_CLASSES:
        found = [
            q.subject.value
            for q in store.quads_for_pattern(None, ox.NamedNode(RDF + "type"), ox.NamedNode(KG + name))
            if isinstance(q.subject, ox.NamedNode)
        ]
        if found:
            out.append(ox.Triple(node, p("exampleResource"), ox.NamedNode(min(found))))
    return out


def void_triples(
    stats: Sequence[ox.Triple], endpoint: str | None = None, dumps: Sequence[str] = (), version: str = ""
) -> list[ox.Triple]:
    """The whole VoID description: the statistics, what the dataset is, its endpoint and dumps."""
    node, p = ox.NamedNode(DATASET), _v
    out = [
        *stats,
        ox.Triple(node, ox.NamedNode(RDF + "type"), p("Dataset")),
        ox.Triple(node, ox.NamedNode(DCTERMS + "title"), ox.Literal(TITLE)),
        ox.Triple(node, p("uriSpace"), ox.Literal(PK)),
        ox.Triple(node, p("rootResource"), ox.NamedNode(PK + "partnership-microsoft-openai")),
    ]
    if version:
        out.append(ox.Triple(node, ox.NamedNode(OWL + "versionInfo"), ox.Literal(version)))
    if endpoint:
        out.append(ox.Triple(node, p("sparqlEndpoint"), ox.NamedNode(endpoint)))
    out += [ox.Triple(node, p("dataDump"), ox.NamedNode(dump)) for dump in dumps]
    return sorted_triples(out)


def void_nt(store: ox.Store) -> bytes:
    """The statistics as N-Triples (what a ``kg serve`` worker sends back)."""
    return ox.serialize(statistics(store), format=ox.RdfFormat.N_TRIPLES) or b""


PREFIXES = {"void": VOID, "dcterms": DCTERMS, "owl": OWL, "kg": KG, "pk": PK}
"""Prefixes a VoID file is written with."""

__all__ = ["DATASET", "PREFIXES", "VOID", "namespace", "statistics", "void_nt", "void_triples"]
