"""Reading how we know a fact: its basis, rules, reasoning and premises, and its values' claims."""

from __future__ import annotations

from collections import OrderedDict
from dataclasses import replace
from typing import TYPE_CHECKING, Any

import pyoxigraph as ox

from graph._vocab import KG, RDFS, SKOS, local_id
from graph.answers._evidence import evidence_for
from graph.answers._reported import citations_for
from graph.answers._types import Basis, Premise, ValueBasis

if TYPE_CHECKING:
    from graph.store._backend import Backend

_BASIS = f"""SELECT ?kind ?secondary ?reasoning ?fact WHERE {{
  ?fact <{KG}basis>/<{SKOS}prefLabel> ?kind .
  OPTIONAL {{ ?fact <{KG}secondaryOnly> ?secondary }}
  OPTIONAL {{ ?fact <{KG}reasoning> ?reasoning }}
}} LIMIT 1"""
_RULES = f"SELECT ?label ?fact WHERE {{ ?fact <{KG}rule>/<{RDFS}label> ?label }} ORDER BY ?label"
_PREMISES = f"""SELECT ?premise ?label ?fact WHERE {{
  ?fact <{KG}inferredFrom> ?premise .
  OPTIONAL {{ ?premise <{RDFS}label> ?label }}
}} ORDER BY ?premise"""
_CLAIMS = f"""SELECT ?claim ?property ?propertyLabel ?value ?object ?objectLabel ?rank ?fact WHERE {{
  ?claim <{KG}claimSubject> ?fact ; <{KG}claimProperty> ?property .
  OPTIONAL {{ ?claim <{KG}claimValue> ?value }}
  OPTIONAL {{ ?claim <{KG}claimObject> ?object OPTIONAL {{ ?object <{SKOS}prefLabel> ?objectLabel }} }}
  OPTIONAL {{ ?claim <{KG}rank>/<{SKOS}prefLabel> ?rank }}
  OPTIONAL {{ ?property <{RDFS}label> ?propertyLabel }}
}} ORDER BY ?property ?claim"""


_ENDINGS = (KG + "until", KG + "supersededBy")


def _node(iri: str | None, label: str | None) -> str:
    """A claimed node as text: its id when it is one of the project's, else its label."""
    if iri is None:
        return ""
    own = local_id(iri)
    return own if own != iri else (label or iri)


class BasisReader:
    """Reads bases from a graph, remembering each fact it has read (premises recur)."""

    def __init__(self, backend: Backend) -> None:
        self.backend = backend
        self._bases: dict[str, Basis] = {}

    def _values(self, text: str, fact: str) -> list[dict[str, Any]]:
        return self.backend.query(text, {"fact": ox.NamedNode(fact)}).values()

    def _own(self, fact: str) -> tuple[str, bool, str | None]:
        rows = self._values(_BASIS, fact)
        if not rows:
            return "stated", True, None  # no basis recorded: nothing vouches for it
        row = rows[0]
        return row["kind"], row["secondary"] == "true", row["reasoning"]

    def recorded(self, fact: str) -> bool:
        """True when the node has a kg:basis (facts do; clauses, sources and quotes do not)."""
        return bool(self._values(_BASIS, fact))

    def basis(self, fact: str) -> Basis:
        """The basis of one fact (by IRI), with its premises one level down."""
        if fact in self._bases:
            return self._bases[fact]
        kind, secondary, reasoning = self._own(fact)
        rules = tuple(r["label"] for r in self._values(_RULES, fact))
        premises = []
        for row in self._values(_PREMISES, fact):
            iri = row["premise"]
            p_kind, p_secondary, _ = self._own(iri)
            premises.append(
                Premise(
                    id=local_id(iri),
                    label=row["label"],
                    basis=p_kind,
                    secondary_only=p_secondary,
                    evidence=evidence_for(self.backend, iri),
                    premises=tuple(local_id(r["premise"]) for r in self._values(_PREMISES, iri)),
                )
            )
        cited = citations_for(self.backend, fact) if kind == "reported" else ()
        found = Basis(kind, secondary, rules, reasoning, tuple(premises), cited)
        self._bases[fact] = found
        return found

    def value_bases(self, fact: str) -> tuple[ValueBasis, ...]:
        """The claims on the fact's values; values that sources dispute are marked ``disputed``."""
        by_property: OrderedDict[str, list[dict[str, Any]]] = OrderedDict()
        for row in self._values(_CLAIMS, fact):
            by_property.setdefault(row["property"], []).append(row)
        found: list[ValueBasis] = []
        for prop, rows in by_property.items():
            values = {r["value"] or r["object"] for r in rows}
            for r in rows:
                value = r["value"] if r["value"] is not None else _node(r["object"], r["objectLabel"])
                own = self.basis(r["claim"])
                if prop in _ENDINGS:  # the quote that ends or supersedes it, with its value
                    own = replace(own, quotes=evidence_for(self.backend, r["claim"]))
                if len(values) > 1:
                    others = "; ".join(
                        f"{o['value'] or local_id(o['object'] or '')} ({o['rank'] or 'normal'})" for o in rows
                    )
                    own = Basis("disputed", own.secondary_only, (), f"sources disagree: {others}", ())
                label = r["propertyLabel"] or local_id(prop).rsplit("#", 1)[-1]
                found.append(ValueBasis(label, value, local_id(r["claim"]), own))
        return tuple(found)
