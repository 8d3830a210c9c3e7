"""graph.serve._protocol: the SPARQL protocol's content negotiation and service description."""

from __future__ import annotations

import pyoxigraph as ox
import pytest

from graph.serve._protocol import GRAPH_TYPES, SELECT_TYPES, negotiate, parse_accept, service_description


def test_accept_ranges_are_ordered_by_quality_then_specificity_then_position() -> None:
    assert parse_accept("text/html;q=0.9, application/xhtml+xml, */*;q=0.8") == [
        ("application/xhtml+xml", 1.0),
        ("text/html", 0.9),
        ("*/*", 0.8),
    ]
    assert parse_accept(None) == [("*/*", 1.0)]


@pytest.mark.parametrize(
    ("accept", "params", "formats"),
    [
        (None, (), ("json", "ttl")),
        ("application/sparql-results+xml,application/rdf+xml,*/*", (), ("xml", "xml")),
        ("application/json", (), ("json", "jsonld")),
        ("text/plain", (), (None, "nt")),  # text/plain is N-Triples here, never CSV results
        ("text/html,application/xhtml+xml", (), ("html", "html")),
        ("*/*;q=0", (), (None, None)),
        ("image/png", (), (None, None)),
        ("image/png", ("csv",), ("csv", None)),
        (None, ("rdf+xml",), ("json", "xml")),
    ],
)
def test_negotiate(
    accept: str | None, params: tuple[str, ...], formats: tuple[str | None, str | None]
) -> None:
    assert negotiate(accept, params) == formats


def test_each_format_has_its_media_type() -> None:
    assert SELECT_TYPES == {
        "json": "application/sparql-results+json",
        "xml": "application/sparql-results+xml",
        "csv": "text/csv; charset=utf-8",
        "tsv": "text/tab-separated-values; charset=utf-8",
        "html": "text/html; charset=utf-8",
    }
    assert GRAPH_TYPES == {
        "ttl": "text/turtle",
        "nt": "application/n-triples",
        "jsonld": "application/ld+json",
        "xml": "application/rdf+xml",
        "html": "text/html; charset=utf-8",
    }


def test_service_description_names_the_endpoint_and_its_result_formats() -> None:
    data = service_description("http://127.0.0.1:8765/sparql", 1234, 5.0, "nt")
    triples = [q.triple for q in ox.parse(data, format=ox.RdfFormat.N_TRIPLES)]
    sd = "http://www.w3.org/ns/sparql-service-description#"
    endpoint = ox.NamedNode("http://127.0.0.1:8765/sparql")
    assert ox.Triple(endpoint, ox.NamedNode(sd + "endpoint"), endpoint) in triples
    formats = {t.object.value.rsplit("/", 1)[1] for t in triples if t.predicate.value == sd + "resultFormat"}
    assert formats == {
        "SPARQL_Results_JSON",
        "SPARQL_Results_XML",
        "SPARQL_Results_CSV",
        "SPARQL_Results_TSV",
        "Turtle",
        "N-Triples",
        "JSON-LD",
        "RDF_XML",
    }
