"""Namespaces of the partnership graph, as plain strings (importing rdflib is not needed here)."""

from __future__ import annotations

KG = "https://w3id.org/partnership-kg/ns#"
"""The project's ontology namespace (classes and properties, described in data/ontology.ttl)."""

PK = "https://w3id.org/partnership-kg/id/"
"""The namespace of the project's resources (organisations, agreements, terms, roles, ...)."""

DEFAULT_GRAPH_IRI = "https://w3id.org/partnership-kg/graph"
"""The named graph ``kg push`` writes to and ``--endpoint`` / ``graph.connect`` read from by default."""

RDF = "http://www.w3.org/1999/02/22-rdf-syntax-ns#"
RDFS = "http://www.w3.org/2000/01/rdf-schema#"
XSD = "http://www.w3.org/2001/XMLSchema#"
SKOS = "http://www.w3.org/2004/02/skos/core#"
PROV = "http://www.w3.org/ns/prov#"
DCTERMS = "http://purl.org/dc/terms/"
SCHEMA = "http://schema.org/"
OWL = "http://www.w3.org/2002/07/owl#"
SH = "http://www.w3.org/ns/shacl#"
OA = "http://www.w3.org/ns/oa#"
"""W3C Web Annotation: the selectors that anchor a quote in its text (see data/ontology.ttl)."""

PREFIXES: dict[str, str] = {
    "kg": KG,
    "pk": PK,
    "rdf": RDF,
    "rdfs": RDFS,
    "xsd": XSD,
    "skos": SKOS,
    "prov": PROV,
    "dcterms": DCTERMS,
    "schema": SCHEMA,
    "owl": OWL,
}
"""Prefixes every query may use without declaring them."""


def shorten(iri: str) -> str:
    """Return ``pk:frontier`` for a known namespace, else the IRI unchanged.

    >>> shorten("https://w3id.org/partnership-kg/id/frontier")
    'pk:frontier'
    >>> shorten("http://example.org/x")
    'http://example.org/x'
    """
    for prefix, ns in PREFIXES.items():
        if iri.startswith(ns) and len(iri) > len(ns):
            return f"{prefix}:{iri[len(ns) :]}"
    return iri


def local_id(iri: str) -> str:
    """Return the key of a project resource IRI (``frontier``), else the IRI unchanged.

    >>> local_id("https://w3id.org/partnership-kg/id/agreement-2025-10")
    'agreement-2025-10'
    """
    return iri[len(PK) :] if iri.startswith(PK) else iri
