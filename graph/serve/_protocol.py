"""The SPARQL 1.1 Protocol's formats: content negotiation and the service description.

Results of SELECT and ASK come as SPARQL Results JSON, XML, CSV or TSV; results of CONSTRUCT and
DESCRIBE as Turtle, N-Triples, JSON-LD or RDF/XML; both also as an HTML table for browsers. The
``Accept`` header decides, unless a ``format`` parameter names a known format (as the landing
page's links, YASGUI or SPARQLWrapper's ``format``/``output`` parameters do).
"""

from __future__ import annotations

from collections.abc import Sequence

import pyoxigraph as ox

from graph._formats import (
    GRAPH_ALIASES,
    GRAPH_FORMATS,
    GRAPH_NAME_ALIASES,
    HTML,
    HTML_TYPES,
    RESULT_FORMATS,
    SELECT_ALIASES,
)
from graph._vocab import DCTERMS, DEFAULT_GRAPH_IRI

SELECT_TYPES: dict[str, str] = {
    **{name: fmt.media_type for name, fmt in RESULT_FORMATS.items()},
    "html": HTML,
}
"""The Content-Type of each SELECT/ASK format (the formats of graph._formats, and an HTML table)."""

GRAPH_TYPES: dict[str, str] = {
    **{name: fmt.media_type for name, fmt in GRAPH_FORMATS.items()},
    "html": HTML,
}
"""The Content-Type of each CONSTRUCT/DESCRIBE format."""

_HTML_ACCEPT = dict.fromkeys(HTML_TYPES, "html")
_SELECT_ACCEPT: dict[str, str] = {
    **{fmt.media_type.split(";")[0]: name for name, fmt in RESULT_FORMATS.items()},
    **SELECT_ALIASES,
    **_HTML_ACCEPT,
}
_GRAPH_ACCEPT: dict[str, str] = {
    **{fmt.media_type.split(";")[0]: name for name, fmt in GRAPH_FORMATS.items()},
    **GRAPH_ALIASES,
    **_HTML_ACCEPT,
}
_SELECT_NAMES = {name: name for name in SELECT_TYPES}
_GRAPH_NAMES = {**{name: name for name in GRAPH_TYPES}, **GRAPH_NAME_ALIASES}


def parse_accept(header: str | None) -> list[tuple[str, float]]:
    """The media ranges of an Accept header, best first (by quality, then specificity, then order).

    >>> parse_accept("text/csv;q=0.5, application/sparql-results+json, */*;q=0.1")
    [('application/sparql-results+json', 1.0), ('text/csv', 0.5), ('*/*', 0.1)]
    """
    ranges = []
    for index, part in enumerate((header or "*/*").split(",")):
        fields = [f.strip() for f in part.split(";")]
        media = fields[0].lower()
        if not media:
            continue
        quality = 1.0
        for field in fields[1:]:
            name, _, value = field.partition("=")
            if name.strip().lower() == "q":
                try:
                    quality = max(0.0, min(1.0, float(value)))
                except ValueError:
                    quality = 0.0
        specificity = 0 if media == "*/*" else 1 if media.endswith("/*") else 2
        ranges.append((quality, specificity, -index, media))
    ranges.sort(reverse=True)
    return [(media, quality) for quality, _, _, media in ranges]


def choose(
    accept: str | None,
    format_params: Sequence[str],
    table: dict[str, str],
    names: dict[str, str],
    canonical: dict[str, str],
) -> str | None:
    """The format to answer in for one kind of result, or None if nothing acceptable is offered.

    ``table`` maps accepted media types to formats, ``names`` the ``format`` parameter's values,
    and ``canonical`` each format to its own media type, in order of preference (the first one
    answers ``*/*``).
    """
    default = next(iter(canonical))
    for value in format_params:
        value = value.strip().lower()
        if value in names:
            return names[value]
        if value.split(";")[0] in table:
            return table[value.split(";")[0]]
    for media, quality in parse_accept(accept):
        if quality <= 0:
            continue
        if media == "*/*":
            return default
        if media.endswith("/*"):
            major = media[:-1]
            found = next((fmt for fmt, m in canonical.items() if m.startswith(major)), None)
            if found:
                return found
        elif media in table:
            return table[media]
    return None


def negotiate(accept: str | None, format_params: Sequence[str] = ()) -> tuple[str | None, str | None]:
    """The formats for a SELECT/ASK answer and for a CONSTRUCT/DESCRIBE answer.

    >>> negotiate("application/sparql-results+xml,application/rdf+xml,*/*")
    ('xml', 'xml')
    >>> negotiate("text/turtle")
    (None, 'ttl')
    >>> negotiate(None, ["csv", "text/csv"])
    ('csv', 'ttl')
    >>> negotiate("text/*"), negotiate("application/*")
    (('csv', 'ttl'), ('json', 'nt'))
    """
    return (
        choose(accept, format_params, _SELECT_ACCEPT, _SELECT_NAMES, SELECT_TYPES),
        choose(accept, format_params, _GRAPH_ACCEPT, _GRAPH_NAMES, GRAPH_TYPES),
    )


SD = "http://www.w3.org/ns/sparql-service-description#"
FORMATS_NS = "http://www.w3.org/ns/formats/"
NAMED_FEATURE = "https://w3id.org/partnership-kg/ns#DefaultGraphAlsoNamed"
"""The service description's sd:feature: the served graph is also answered for by its pushed name."""
_RESULT_FORMATS = (
    "SPARQL_Results_JSON",
    "SPARQL_Results_XML",
    "SPARQL_Results_CSV",
    "SPARQL_Results_TSV",
    "Turtle",
    "N-Triples",
    "JSON-LD",
    "RDF_XML",
)


def service_description(
    endpoint: str, triples: int, timeout: float, fmt: str = "ttl", extra: Sequence[ox.Triple] = ()
) -> bytes:
    """The SPARQL 1.1 Service Description of the endpoint, in an RDF format (ttl, nt, jsonld, xml),
    with ``extra`` triples (the VoID description of the data, graph.linked._void)."""
    node = ox.NamedNode
    rdf_type = node("http://www.w3.org/1999/02/22-rdf-syntax-ns#type")
    service, dataset, graph = node(endpoint), ox.BlankNode("dataset"), ox.BlankNode("default")
    named = ox.BlankNode("named")
    triples_out = [
        ox.Triple(service, rdf_type, node(SD + "Service")),
        ox.Triple(service, node(SD + "endpoint"), node(endpoint)),
        ox.Triple(service, node(SD + "supportedLanguage"), node(SD + "SPARQL11Query")),
        ox.Triple(service, node(SD + "defaultDataset"), dataset),
        ox.Triple(dataset, rdf_type, node(SD + "Dataset")),
        ox.Triple(dataset, node(SD + "defaultGraph"), graph),
        ox.Triple(graph, rdf_type, node(SD + "Graph")),
        ox.Triple(
            graph,
            node("http://rdfs.org/ns/void#triples"),
            ox.Literal(str(triples), datatype=node("http://www.w3.org/2001/XMLSchema#integer")),
        ),
        # The graph kg push writes, by name: the same triples as the default graph, so that one
        # client configuration (default-graph-uri=<that graph>) works here and on a pushed store.
        ox.Triple(dataset, node(SD + "namedGraph"), named),
        ox.Triple(named, rdf_type, node(SD + "NamedGraph")),
        ox.Triple(named, node(SD + "name"), node(DEFAULT_GRAPH_IRI)),
        ox.Triple(named, node(SD + "graph"), graph),
        # No standard sd:Feature says so; a feature of our own, described here, does.
        ox.Triple(service, node(SD + "feature"), node(NAMED_FEATURE)),
        ox.Triple(node(NAMED_FEATURE), rdf_type, node(SD + "Feature")),
        ox.Triple(
            node(NAMED_FEATURE),
            node("http://www.w3.org/2000/01/rdf-schema#comment"),
            ox.Literal(
                f"The default graph is also answered for as the named graph <{DEFAULT_GRAPH_IRI}> "
                "(the graph kg push writes) when a request names it with default-graph-uri."
            ),
        ),
        ox.Triple(
            service,
            node("http://www.w3.org/2000/01/rdf-schema#comment"),
            ox.Literal(
                f"Read-only SPARQL 1.1 endpoint of the partnership knowledge graph (kg serve). "
                f"SPARQL Update and SERVICE are refused; queries are stopped after {timeout:g} s."
            ),
        ),
    ]
    triples_out += [
        ox.Triple(service, node(SD + "resultFormat"), node(FORMATS_NS + f)) for f in _RESULT_FORMATS
    ]
    triples_out += extra
    prefixes = {"sd": SD, "formats": FORMATS_NS, "void": "http://rdfs.org/ns/void#", "dcterms": DCTERMS}
    return ox.serialize(triples_out, format=GRAPH_FORMATS[fmt], prefixes=prefixes) or b""


__all__ = ["GRAPH_TYPES", "SELECT_TYPES", "negotiate", "parse_accept", "service_description"]
