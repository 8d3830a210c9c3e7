"""Derived facts of updates: an ended or superseded statement is outranked, a dated agreement
is no longer undated.

A sheet cannot take a triple out of another file, so what it changes is written as new triples
(``kg:until``, ``kg:supersededBy``, a ``kg:date`` with its claim) and the loader draws the
consequences: a statement that has a ``kg:until`` or ``kg:supersededBy`` gets
``kg:DeprecatedRank`` in place of its other ranks (superseded statements are kept and
outranked, never deleted), and an agreement given a ``kg:date`` by a claim with its own basis (a
sheet's ``dates:``) loses ``kg:undated true``. A date with no such claim beside ``kg:undated``
stays a contradiction for SHACL to report. A claim superseded by another claim (a report dates
an agreement more precisely, or shows an inferred value wrong) no longer holds: the value it
gives is taken out of the graph (the claim itself is kept, outranked, and the superseding
claim's value stands).
"""

from __future__ import annotations

import pyoxigraph as ox

from graph._vocab import KG

_OUTRANKED = f"""SELECT DISTINCT ?s ?rank WHERE {{
  ?s <{KG}until>|<{KG}supersededBy> ?x ; <{KG}rank> ?rank .
  FILTER(?rank != <{KG}DeprecatedRank>)
}}"""
_REPLACED = f"""SELECT DISTINCT ?s ?p ?v WHERE {{
  ?old <{KG}supersededBy> ?new ; <{KG}claimSubject> ?s ; <{KG}claimProperty> ?p ;
       <{KG}claimObject>|<{KG}claimValue> ?v .
  ?new a <{KG}Claim> .
  ?s ?p ?v .
}}"""
_DATED = f"""SELECT DISTINCT ?a ?u WHERE {{
  ?a <{KG}date> ?d ; <{KG}undated> ?u .
  ?claim <{KG}claimSubject> ?a ; <{KG}claimProperty> <{KG}date> ; <{KG}claimValue> ?d ; <{KG}basis> ?b .
}}"""


def derive_updates(store: ox.Store) -> None:
    """Outrank ended and superseded statements; drop the values of superseded claims, and
    ``kg:undated`` where a claim gives the date."""
    rank = ox.NamedNode(KG + "rank")
    deprecated = ox.NamedNode(KG + "DeprecatedRank")
    outranked = [(r["s"], r["rank"]) for r in store.query(_OUTRANKED)]  # type: ignore[union-attr]
    for subject, old in outranked:
        store.remove(ox.Quad(subject, rank, old, ox.DefaultGraph()))
        store.add(ox.Quad(subject, rank, deprecated, ox.DefaultGraph()))
    replaced = [(r["s"], r["p"], r["v"]) for r in store.query(_REPLACED)]  # type: ignore[union-attr]
    for subject, prop, value in replaced:
        store.remove(ox.Quad(subject, prop, value, ox.DefaultGraph()))
    undated = ox.NamedNode(KG + "undated")
    dated = [(r["a"], r["u"]) for r in store.query(_DATED)]  # type: ignore[union-attr]
    for agreement, value in dated:
        store.remove(ox.Quad(agreement, undated, value, ox.DefaultGraph()))
