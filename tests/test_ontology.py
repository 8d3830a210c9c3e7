"""The ontology describes every kg: class and property the data uses, and nothing is left dangling."""

from __future__ import annotations

import graph
from graph._vocab import KG

USED = """
SELECT DISTINCT ?term WHERE {
  { ?s ?term ?o } UNION { ?s a ?term } UNION { ?s ?p ?term . FILTER(isIRI(?term)) }
  FILTER(STRSTARTS(STR(?term), "https://w3id.org/partnership-kg/ns#"))
}"""


def test_every_kg_term_used_is_described(kg: graph.PartnershipGraph) -> None:
    used = kg.query(USED).values()
    assert len(used) > 60
    described = {  # (one query for every term: each ad-hoc query runs in an isolated child)
        row["t"]
        for row in kg.query(
            "SELECT DISTINCT ?t WHERE { { ?t rdfs:label ?l ; rdfs:comment ?c } "
            "UNION { ?t skos:prefLabel ?l ; skos:inScheme ?s } UNION { ?t a skos:ConceptScheme ; rdfs:label ?l } }"
        ).values()
    }
    assert len(described) > 60
    assert [row["term"] for row in used if row["term"] not in described and row["term"] != KG.rstrip("#")] == []


def test_every_declared_property_is_used(kg: graph.PartnershipGraph, kg_corpus) -> None:
    # Used in the graph, or in the corpus graph (kg:undated: the reports date every agreement).
    query = (
        "SELECT ?p WHERE { ?p a ?kind . FILTER(?kind IN (owl:ObjectProperty, owl:DatatypeProperty)) "
        "FILTER NOT EXISTS { ?s ?p ?o } FILTER NOT EXISTS { ?sub rdfs:subPropertyOf ?p } }"
    )
    unused = {u["p"] for u in kg.query(query).values()} & {u["p"] for u in kg_corpus.query(query).values()}
    reported = {"https://w3id.org/partnership-kg/ns#cites"}  # in a sheet's reports: tests/test_updates.py
    assert sorted(unused - reported) == []


def test_every_reference_resolves(kg: graph.PartnershipGraph) -> None:
    dangling = kg.query(
        "SELECT DISTINCT ?o WHERE { ?s ?p ?o . FILTER(isIRI(?o) && STRSTARTS(STR(?o), STR(pk:))) "
        "FILTER NOT EXISTS { ?o ?q ?v } }"
    ).values()
    assert dangling == []


def test_every_property_has_a_domain_and_a_range(kg: graph.PartnershipGraph) -> None:
    lacking = kg.query(
        "SELECT ?p ?missing WHERE { ?p a ?kind . FILTER(?kind IN (owl:ObjectProperty, owl:DatatypeProperty)) "
        "{ FILTER NOT EXISTS { ?p rdfs:domain ?d } BIND('domain' AS ?missing) } UNION "
        "{ FILTER NOT EXISTS { ?p rdfs:range ?r } BIND('range' AS ?missing) } } ORDER BY ?p ?missing"
    ).values()
    assert lacking == []
    count = kg.query("SELECT (COUNT(*) AS ?n) WHERE { ?p a owl:ObjectProperty }").values()
    assert int(count[0]["n"]) > 30


def test_every_property_has_one_domain_and_one_range(kg: graph.PartnershipGraph) -> None:
    several = kg.query(
        "SELECT ?p WHERE { { ?p rdfs:domain ?a, ?b } UNION { ?p rdfs:range ?a, ?b } FILTER(?a != ?b) }"
    ).values()
    assert several == []


def test_every_concept_has_a_definition(kg: graph.PartnershipGraph) -> None:
    undefined = kg.query(
        "SELECT ?c WHERE { { ?c a skos:Concept } UNION { ?c a kg:Clause } "
        "FILTER NOT EXISTS { ?c skos:definition ?d } }"
    ).values()
    assert undefined == []
    defined = kg.query("SELECT (COUNT(DISTINCT ?c) AS ?n) WHERE { ?c skos:definition ?d }").values()
    assert int(defined[0]["n"]) >= 44  # 27 controlled values and 17 clauses
