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
    undescribed = []
    used = kg.query(USED).values()
    assert len(used) > 60
    for row in used:
        term = row["term"]
        described = kg.query(
            "ASK { { ?t rdfs:label ?l ; rdfs:comment ?c } UNION { ?t skos:prefLabel ?l ; skos:inScheme ?s } "
            "UNION { ?t a skos:ConceptScheme ; rdfs:label ?l } }",
            {"t": f"<{term}>"},
        ).boolean
        if not described and term != KG.rstrip("#"):
            undescribed.append(term)
    assert undescribed == []


def test_every_declared_property_is_used(kg: graph.PartnershipGraph) -> None:
    unused = kg.query(
        "SELECT ?p WHERE { ?p a ?kind . FILTER(?kind IN (owl:ObjectProperty, owl:DatatypeProperty)) "
        "FILTER NOT EXISTS { ?s ?p ?o } FILTER NOT EXISTS { ?sub rdfs:subPropertyOf ?p } }"
    ).values()
    assert unused == []


def test_every_reference_resolves(kg: graph.PartnershipGraph) -> None:
    dangling = kg.query(
        "SELECT DISTINCT ?o WHERE { ?s ?p ?o . FILTER(isIRI(?o) && STRSTARTS(STR(?o), STR(pk:))) "
        "FILTER NOT EXISTS { ?o ?q ?v } }"
    ).values()
    assert dangling == []
