"""graph.output._export: the whole graph as RDF, an rdflib Graph, a networkx graph, GraphML."""

from __future__ import annotations

import io

import networkx as nx
import pyoxigraph as ox
import pytest

from graph._errors import GraphError
from graph.output._export import raw_networkx, serialize, to_networkx, to_rdflib
from graph.store._backend import LocalBackend

DATA = b"""<https://w3id.org/partnership-kg/id/a> <http://www.w3.org/2000/01/rdf-schema#label> "A" .
<https://w3id.org/partnership-kg/id/a> <http://www.w3.org/1999/02/22-rdf-syntax-ns#type> <https://w3id.org/partnership-kg/ns#Organization> .
<https://w3id.org/partnership-kg/id/a> <https://w3id.org/partnership-kg/ns#partner> <https://w3id.org/partnership-kg/id/b> .
"""


@pytest.fixture
def backend() -> LocalBackend:
    store = ox.Store()
    store.load(DATA, format=ox.RdfFormat.N_TRIPLES)
    return LocalBackend(store)


def test_every_rdf_format_holds_the_same_triples(backend: LocalBackend) -> None:
    expected = {q.triple for q in ox.parse(DATA, format=ox.RdfFormat.N_TRIPLES)}
    for name, fmt in (
        ("ttl", ox.RdfFormat.TURTLE),
        ("nt", ox.RdfFormat.N_TRIPLES),
        ("jsonld", ox.RdfFormat.JSON_LD),
    ):
        assert {q.triple for q in ox.parse(serialize(backend, name), format=fmt)} == expected, name
    for name, fmt in (("trig", ox.RdfFormat.TRIG), ("nq", ox.RdfFormat.N_QUADS)):
        assert {q.triple for q in ox.parse(serialize(backend, name), format=fmt)} == expected, name
    assert serialize(backend, "ttl").startswith(b"@prefix")  # the project's prefixes, for reading


def test_rdflib_and_networkx_forms(backend: LocalBackend) -> None:
    assert len(to_rdflib(backend)) == 3
    graph = raw_networkx(backend)
    assert dict(graph.nodes(data=True)) == {
        "pk:a": {"rdfs:label": "A", "label": "A", "type": "kg:Organization"},
        "pk:b": {},
    }
    assert list(graph.edges(keys=True, data=True)) == [
        ("pk:a", "pk:b", "kg:partner", {"predicate": "kg:partner"})
    ]
    graphml = nx.read_graphml(io.BytesIO(serialize(backend, "graphml")))
    assert (graphml.nodes["pk:a"]["label"], graphml.nodes["pk:a"]["kind"]) == ("A", "Organization")
    people = to_networkx(backend)
    assert dict(people.nodes(data=True)) == {k: dict(v) for k, v in graphml.nodes(data=True)}


def test_an_unknown_format_says_what_is_accepted(backend: LocalBackend) -> None:
    with pytest.raises(
        GraphError, match="unknown export format 'xml'; accepted: ttl, trig, jsonld, nq, nt, graphml"
    ):
        serialize(backend, "xml")
