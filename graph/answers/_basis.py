"""Reading how we know facts: their bases, rules, reasoning and premises, and their values' claims.

A BasisReader reads in batches: ``prefetch(facts)`` fetches the bases and quotes of many facts,
of their premises and of their values' claims in one ``VALUES`` query per kind (bases, quotes,
claims), so an answer costs a fixed number of round trips whatever its number of rows.
"""

from __future__ import annotations

from collections import OrderedDict
from collections.abc import Iterable

from graph._record import replace
from graph._vocab import KG, PK, RDFS, SKOS, local_id
from graph.answers._citation import Citation
from graph.answers._evidence import chunks, evidence_batch, values_block
from graph.answers._reported import citations_batch, sources_batch
from graph.answers._types import Basis, Evidence, Premise, ValueBasis

TYPE_CHECKING = False  # typing costs start-up time; only type checkers import it
if TYPE_CHECKING:
    from typing import Any

    from graph.store import Backend

# The nodes whose bases a fact's answer shows: the fact, its values' claims, and the premises
# of both (a premise's own premises are shown by id only).
_NODES = f"""{{ SELECT DISTINCT ?node WHERE {{
    VALUES ?root {{ %s }}
    {{ ?root ?any ?value BIND(?root AS ?node) }}
    UNION {{ ?node <{KG}claimSubject> ?root }}
    UNION {{ ?root <{KG}inferredFrom> ?node }}
    UNION {{ ?claim <{KG}claimSubject> ?root . ?claim <{KG}inferredFrom> ?node }}
  }} }}"""
# (The root itself is a node through a triple of its own: a BIND alone in a UNION branch would
# not see ?root, bound outside the branch.)
_BASES = f"""PREFIX pk: <{PK}>
SELECT ?node ?part ?kind ?secondary ?reasoning ?label ?premise WHERE {{
  %s
  {{ ?node <{KG}basis>/<{SKOS}prefLabel> ?kind .
     OPTIONAL {{ ?node <{KG}secondaryOnly> ?secondary }}
     OPTIONAL {{ ?node <{KG}reasoning> ?reasoning }}
     BIND("own" AS ?part) }}
  UNION {{ ?node <{KG}rule>/<{RDFS}label> ?label BIND("rule" AS ?part) }}
  UNION {{ ?node <{KG}inferredFrom> ?premise OPTIONAL {{ ?premise <{RDFS}label> ?label }} BIND("premise" AS ?part) }}
}}"""
_CLAIMS = f"""PREFIX pk: <{PK}>
SELECT ?fact ?claim ?property ?propertyLabel ?value ?object ?objectLabel ?rank WHERE {{
  VALUES ?fact {{ %s }}
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


class _Node:
    """What the bases query says about one node: its own basis row, rules and premises."""

    def __init__(self) -> None:
        self.own: tuple[str, bool, str | None] | None = None
        self.rules: list[str] = []
        self.premises: list[tuple[str, str | None]] = []


class BasisReader:
    """Reads bases and quotes from a graph in batches, remembering each node it has read."""

    def __init__(self, backend: Backend) -> None:
        self.backend = backend
        self._nodes: dict[str, _Node] = {}
        self._evidence: dict[str, tuple[Evidence, ...]] = {}
        self._claims: dict[str, list[dict[str, Any]]] = {}
        self._bases: dict[str, Basis] = {}
        self._citations: dict[str, tuple[Citation, ...]] = {}

    def prefetch(self, facts: Iterable[str], *, values: bool = True) -> BasisReader:
        """Read the bases and quotes of ``facts`` (and, with ``values``, their claims) in one
        query per kind; later calls on these facts send no query."""
        facts = set(facts)
        roots = facts - set(self._nodes)
        nodes: dict[str, _Node] = {iri: _Node() for iri in roots}  # every root is read
        for chunk in chunks(roots):
            for r in self.backend.query(_BASES % (_NODES % values_block(chunk)), {}).values():
                node = nodes.setdefault(r["node"], _Node())
                if r["part"] == "own" and node.own is None:
                    node.own = (r["kind"], r["secondary"] == "true", r["reasoning"])
                elif r["part"] == "rule":
                    node.rules.append(r["label"])
                elif r["part"] == "premise":
                    node.premises.append((r["premise"], r["label"]))
        for node in nodes.values():
            node.rules.sort()
            node.premises.sort(key=lambda p: p[0])
        self._nodes.update(nodes)
        quotes, citations = sources_batch(self.backend, set(nodes) - set(self._evidence))
        self._evidence.update(quotes)
        self._citations.update(citations)
        unread = facts - set(self._claims) if values else set()
        found: dict[str, list[dict[str, Any]]] = {iri: [] for iri in unread}
        for chunk in chunks(unread):
            for r in self.backend.query(_CLAIMS % values_block(chunk), {}).values():
                found[r["fact"]].append(r)
        self._claims.update(found)
        return self

    def _read(self, iri: str) -> _Node:
        if iri not in self._nodes:
            self.prefetch([iri], values=False)
        return self._nodes[iri]

    def _own(self, iri: str) -> tuple[str, bool, str | None]:
        # no basis recorded: nothing vouches for it
        return self._read(iri).own or ("stated", True, None)

    def evidence(self, fact: str) -> tuple[Evidence, ...]:
        """The quotes behind one fact, primary first."""
        if fact not in self._evidence:
            self._evidence.update(evidence_batch(self.backend, [fact]))
        return self._evidence[fact]

    def citations(self, fact: str) -> tuple[Citation, ...]:
        """The reports a reported fact cites (none for a fact of another basis)."""
        if self._own(fact)[0] != "reported":
            return ()
        if fact not in self._citations:
            self._citations.update(citations_batch(self.backend, [fact]))
        return self._citations[fact]

    def recorded(self, fact: str) -> bool:
        """True when the node has a kg:basis (facts do; clauses, sources and quotes do not)."""
        return self._read(fact).own is not None

    def basis(self, fact: str) -> Basis:
        """The basis of one fact (by IRI), with its premises one level down."""
        if fact in self._bases:
            return self._bases[fact]
        kind, secondary, reasoning = self._own(fact)
        node = self._read(fact)
        premises = []
        for iri, label in node.premises:
            p_kind, p_secondary, _ = self._own(iri)
            premises.append(
                Premise(
                    id=local_id(iri),
                    label=label,
                    basis=p_kind,
                    secondary_only=p_secondary,
                    evidence=self.evidence(iri),
                    premises=tuple(local_id(p) for p, _ in self._read(iri).premises),
                )
            )
        found = Basis(kind, secondary, tuple(node.rules), reasoning, tuple(premises), self.citations(fact))
        self._bases[fact] = found
        return found

    def value_bases(self, fact: str) -> tuple[ValueBasis, ...]:
        """The claims on the fact's values; values that sources dispute are marked ``disputed``."""
        by_property: OrderedDict[str, list[dict[str, Any]]] = OrderedDict()
        for row in self.prefetch([fact])._claims[fact]:
            by_property.setdefault(row["property"], []).append(row)
        found: list[ValueBasis] = []
        for prop, rows in by_property.items():
            values = {r["value"] or r["object"] for r in rows}
            for r in rows:
                value = r["value"] if r["value"] is not None else _node(r["object"], r["objectLabel"])
                own = self.basis(r["claim"])
                if prop in _ENDINGS:  # the quote that ends or supersedes it, with its value
                    own = replace(own, quotes=self.evidence(r["claim"]))
                if len(values) > 1:
                    others = "; ".join(
                        f"{o['value'] or local_id(o['object'] or '')} ({o['rank'] or 'normal'})" for o in rows
                    )
                    own = Basis("disputed", own.secondary_only, (), f"sources disagree: {others}", ())
                label = r["propertyLabel"] or local_id(prop).rsplit("#", 1)[-1]
                found.append(ValueBasis(label, value, local_id(r["claim"]), own))
        return tuple(found)
