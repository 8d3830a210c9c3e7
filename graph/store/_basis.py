"""Derived basis facts: which facts no primary quote states (kg:secondaryOnly).

A stated fact rests on a primary source when one of its quotes is primary; an inferred fact
when every one of its premises does. Premises form a graph that may hold cycles through
mistakes in curated data; a fact in a cycle is treated as secondary-only (never as primary).
"""

from __future__ import annotations

import pyoxigraph as ox

from graph._vocab import KG, XSD

_FACTS = f"""SELECT ?fact ?basis ?primary WHERE {{
  ?fact <{KG}basis> ?basis .
  OPTIONAL {{ ?fact <{KG}evidence>/<{KG}primary> ?primary . FILTER(?primary) }}
}}"""
_PREMISES = f"SELECT ?fact ?premise WHERE {{ ?fact <{KG}inferredFrom> ?premise }}"


def derive_secondary_only(store: ox.Store) -> None:
    """Materialise ``kg:secondaryOnly true`` on every fact no primary quote states."""
    stated_primary: dict[ox.NamedNode, bool] = {}
    inferred: set[ox.NamedNode] = set()
    for row in store.query(_FACTS):  # type: ignore[union-attr]
        fact = row["fact"]
        if row["basis"].value == KG + "Inferred":
            inferred.add(fact)
        stated_primary[fact] = stated_primary.get(fact, False) or row["primary"] is not None
    premises: dict[ox.NamedNode, list[ox.NamedNode]] = {}
    for row in store.query(_PREMISES):  # type: ignore[union-attr]
        premises.setdefault(row["fact"], []).append(row["premise"])
    known: dict[ox.NamedNode, bool] = {}

    def primary(fact: ox.NamedNode, seen: frozenset[ox.NamedNode]) -> bool:
        if fact in known:
            return known[fact]
        if fact in seen or fact not in stated_primary:
            return False
        if fact in inferred:
            found = premises.get(fact, [])
            result = bool(found) and all(primary(p, seen | {fact}) for p in found)
        else:
            result = stated_primary[fact]
        known[fact] = result
        return result

    flag = ox.NamedNode(KG + "secondaryOnly")
    true = ox.Literal("true", datatype=ox.NamedNode(XSD + "boolean"))
    store.extend(ox.Quad(f, flag, true) for f in stated_primary if not primary(f, frozenset()))
