"""The one registry of formats: the names users type, pyoxigraph's formats, their media types.

pyoxigraph's ``RdfFormat.from_extension`` and ``QueryResultsFormat.from_extension`` turn each
short name into its format, and each format knows its own media type; this module says which
formats each use offers and adds only the aliases pyoxigraph lacks (``.owl`` files, the media
types and ``format=`` names SPARQL clients send). It is deliberately not pyoxigraph's whole
lookup: that accepts more (``text/plain`` as CSV results, ``.json`` as JSON-LD, ...) than the
package has ever offered.
"""

from __future__ import annotations

from collections import namedtuple

import pyoxigraph as ox


def _rdf(*names: str) -> dict[str, ox.RdfFormat]:
    found = {name: ox.RdfFormat.from_extension(name) for name in names}
    return {name: fmt for name, fmt in found.items() if fmt is not None}


def _results(*names: str) -> dict[str, ox.QueryResultsFormat]:
    found = {name: ox.QueryResultsFormat.from_extension(name) for name in names}
    return {name: fmt for name, fmt in found.items() if fmt is not None}


# -- files, exports and the command line -------------------------------------------------------

DATA_FORMATS: dict[str, ox.RdfFormat] = {
    **{f".{name}": fmt for name, fmt in _rdf("ttl", "trig", "nt", "nq", "jsonld", "rdf").items()},
    ".owl": ox.RdfFormat.RDF_XML,
}
"""Data files the graph loads, by file extension."""

QUAD_FORMATS = frozenset({ox.RdfFormat.TRIG, ox.RdfFormat.N_QUADS})
"""The formats whose files name their graphs (JSON-LD can too, but the package reads it as triples)."""

RESULT_FORMATS = _results("json", "xml", "csv", "tsv")
"""Formats for SELECT and ASK results."""

GRAPH_FORMATS = _rdf("ttl", "nt", "jsonld", "xml")
"""Formats for CONSTRUCT and DESCRIBE results."""



class Export(namedtuple("Export", "rdf writer")):
    """One format ``kg export`` writes: ``rdf``, its RDF format (None for GraphML), and ``writer``,
    a ``module:function`` imported when used, called as ``write(triples, fmt, graph=, full=)``.
    (A named tuple: ``typing`` would cost ``kg``'s start-up time.)"""

    __slots__ = ()


_SORTED = "graph.output._rdf:write"
EXPORTS: dict[str, Export] = {
    "ttl": Export(ox.RdfFormat.TURTLE, _SORTED),
    "trig": Export(ox.RdfFormat.TRIG, _SORTED),
    "jsonld": Export(ox.RdfFormat.JSON_LD, "graph.output._jsonld:write"),
    "nq": Export(ox.RdfFormat.N_QUADS, _SORTED),
    "nt": Export(ox.RdfFormat.N_TRIPLES, _SORTED),
    "graphml": Export(None, "graph.output._graphml:write"),
}
"""What ``kg export`` and ``PartnershipGraph.serialize`` write, each with its writer: the one table of
export formats (a new format is one entry here and its writer)."""

EXPORT_FORMATS = tuple(EXPORTS)
"""The names of the export formats, in the order ``kg export --help`` lists them."""

ANSWER_FORMATS = ("table", "json", "csv", "tsv")
"""How the library's answers print."""

QUERY_FORMATS = ("table", *dict.fromkeys([*RESULT_FORMATS, *GRAPH_FORMATS]))
"""How ``kg query`` prints: a table, or any results or graph format."""


# -- the SPARQL protocol's content negotiation -------------------------------------------------

HTML = "text/html; charset=utf-8"
HTML_TYPES = ("text/html", "application/xhtml+xml")

SELECT_ALIASES = {
    "application/json": "json",
    "text/javascript": "json",
    "application/javascript": "json",
    "application/xml": "xml",
    "text/xml": "xml",
}
"""Media types clients send for SELECT/ASK results besides each format's own."""

GRAPH_ALIASES = {
    "application/turtle": "ttl",
    "application/x-turtle": "ttl",
    "text/n3": "ttl",  # Turtle is a subset of N3
    "text/rdf+n3": "ttl",
    "application/n3": "ttl",
    "text/plain": "nt",
    "application/x-json+ld": "jsonld",
    "application/json": "jsonld",
    "application/xml": "xml",
    "text/xml": "xml",
}
"""Media types clients send for CONSTRUCT/DESCRIBE results besides each format's own."""

GRAPH_NAME_ALIASES = {
    "turtle": "ttl",
    "n3": "ttl",
    "ntriples": "nt",
    "n-triples": "nt",
    "json-ld": "jsonld",
    "json": "jsonld",
    "rdf+xml": "xml",
    "rdfxml": "xml",
}
"""``format=`` values clients send for CONSTRUCT/DESCRIBE results besides the format names."""
