"""graph._formats: the one registry of formats, on pyoxigraph's lookups."""

from __future__ import annotations

import pyoxigraph as ox

from graph import _formats as f


def test_the_registry_offers_what_the_package_always_has() -> None:
    assert f.DATA_FORMATS == {
        ".ttl": ox.RdfFormat.TURTLE,
        ".trig": ox.RdfFormat.TRIG,
        ".nt": ox.RdfFormat.N_TRIPLES,
        ".nq": ox.RdfFormat.N_QUADS,
        ".jsonld": ox.RdfFormat.JSON_LD,
        ".rdf": ox.RdfFormat.RDF_XML,
        ".owl": ox.RdfFormat.RDF_XML,
    }
    assert f.RESULT_FORMATS == {
        "json": ox.QueryResultsFormat.JSON,
        "xml": ox.QueryResultsFormat.XML,
        "csv": ox.QueryResultsFormat.CSV,
        "tsv": ox.QueryResultsFormat.TSV,
    }
    assert f.GRAPH_FORMATS == {
        "ttl": ox.RdfFormat.TURTLE,
        "nt": ox.RdfFormat.N_TRIPLES,
        "jsonld": ox.RdfFormat.JSON_LD,
        "xml": ox.RdfFormat.RDF_XML,
    }
    assert f.EXPORT_FORMATS == ("ttl", "trig", "jsonld", "nq", "nt", "graphml")
    assert f.QUERY_FORMATS == ("table", "json", "xml", "csv", "tsv", "ttl", "nt", "jsonld")
    assert f.ANSWER_FORMATS == ("table", "json", "csv", "tsv")


def test_aliases_are_only_what_pyoxigraph_lacks_or_reads_otherwise() -> None:
    for media, name in f.GRAPH_ALIASES.items():
        assert ox.RdfFormat.from_media_type(media) != f.GRAPH_FORMATS[name] or media in (
            "application/turtle",
            "application/x-turtle",
            "text/plain",
            "application/json",
            "application/xml",
            "text/xml",
        )
    assert ox.QueryResultsFormat.from_media_type("text/plain") == ox.QueryResultsFormat.CSV
    assert "text/plain" not in f.SELECT_ALIASES  # so the registry does not take pyoxigraph's whole lookup


def test_every_export_format_has_its_writer_and_parses_back() -> None:
    import importlib

    import graph

    kg = graph.load()
    for name, entry in f.EXPORTS.items():
        module, _, function = entry.writer.partition(":")
        assert callable(getattr(importlib.import_module(module), function)), name
        data = kg.serialize(name)
        if entry.rdf is not None:  # an RDF format: what it wrote parses back to the whole graph
            triples = {(q.subject, q.predicate, q.object) for q in ox.parse(data, format=entry.rdf)}
            assert len(triples) == len(kg), name
        else:
            assert data.startswith(b"<?xml") and b"graphml" in data[:400]
