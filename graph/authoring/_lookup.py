"""Questions ``kg add`` asks the graph: nodes that exist, earlier versions of a clause, attributes."""

from __future__ import annotations

from typing import Any

import pyoxigraph as ox

from graph._graph import PartnershipGraph
from graph._vocab import KG, PK, RDFS


def rows(kg: PartnershipGraph, sparql: str, **bind: ox.NamedNode | ox.Literal) -> list[dict[str, Any]]:
    """Solutions as dicts of Oxigraph terms; ``bind`` substitutes variables with terms."""
    subs: dict[ox.Variable, ox.NamedNode | ox.BlankNode | ox.Literal | ox.Triple] = {
        ox.Variable(k): v for k, v in bind.items()
    }
    result = kg.store.query(sparql, substitutions=subs)
    assert isinstance(result, ox.QuerySolutions)
    names = [v.value for v in result.variables]
    return [{n: s[n] for n in names} for s in result]


def has_type(kg: PartnershipGraph, key: str, cls: str) -> bool:
    """True when ``pk:key`` is a ``kg:cls`` (or of a subclass); keys are checked slugs."""
    return bool(kg.store.query(f"ASK {{ <{PK}{key}> a ?c . ?c <{RDFS}subClassOf>* <{KG}{cls}> }}"))


def node(key: str) -> ox.NamedNode:
    """``pk:key`` as a term."""
    return ox.NamedNode(PK + key)


def basis_vocabulary(kg: PartnershipGraph) -> bool:
    """True when the loaded ontology declares kg:basis (stated / inferred facts, rules, premises)."""
    return bool(kg.store.query(f"ASK {{ <{KG}basis> a ?t }}"))


def earlier_versions(
    kg: PartnershipGraph, clause: str, partnership: str, before: str
) -> list[dict[str, Any]]:
    """Terms of ``clause`` in agreements of ``partnership`` that end before the date ``before``
    (xsd:date), latest first."""
    return rows(
        kg,
        f"SELECT ?term ?agreement ?start ?end ?clause ?p ?before WHERE {{ ?term <{KG}clause> ?clause ; <{KG}agreement> ?agreement . "
        f"?agreement <{KG}partnership> ?p ; <{KG}earliestPossibleDate> ?start ; <{KG}latestPossibleDate> ?end . "
        f"FILTER(?end < ?before) }} ORDER BY DESC(?start) DESC(?end) ?term",
        clause=node(clause),
        p=node(partnership),
        before=ox.Literal(before, datatype=ox.NamedNode("http://www.w3.org/2001/XMLSchema#date")),
    )


def attributes(kg: PartnershipGraph, term: str) -> dict[str, set[str]]:
    """A term's attribute values (sub-properties of kg:termAttribute), as N-Triples terms."""
    found: dict[str, set[str]] = {}
    for r in rows(
        kg,
        f"SELECT ?p ?o ?t WHERE {{ ?t ?p ?o . ?p <{RDFS}subPropertyOf> <{KG}termAttribute> }}",
        t=node(term),
    ):
        found.setdefault(r["p"].value, set()).add(str(r["o"]))
    return found


def evidence_of(kg: PartnershipGraph, keys: list[str]) -> list[str]:
    """The evidence keys the facts ``keys`` cite (for an inferred fact without the basis vocabulary)."""
    found: set[str] = set()
    for key in keys:
        for r in rows(kg, f"SELECT ?e ?f WHERE {{ ?f <{KG}evidence> ?e }}", f=node(key)):
            found.add(r["e"].value[len(PK) :])
    return sorted(found)
