"""sources: every fact that is or names an entity, with the sources and quotes behind it."""

from __future__ import annotations

from collections import OrderedDict
from typing import TYPE_CHECKING, Any

import pyoxigraph as ox

from graph._resolve import require
from graph._vocab import KG, local_id
from graph.answers import BasisReader, Fact
from graph.questions._question import Param, Question
from graph.questions._rows import rows

if TYPE_CHECKING:
    from graph.store import Backend


def build(backend: Backend, entity: str) -> list[Fact]:
    """Rows of sources-for grouped by fact."""
    found = rows(backend, "sources-for", {"entity": ox.NamedNode(require(backend, entity))})
    facts: OrderedDict[str, list[dict[str, Any]]] = OrderedDict()
    for r in found:
        facts.setdefault(r["fact"], []).append(r)
    bases = BasisReader(backend).prefetch(facts, values=False)
    return [
        Fact(
            id=local_id(fact),
            label=group[0]["factLabel"],
            type=group[0]["factType"],
            evidence=bases.evidence(fact),
            basis=bases.basis(fact),
            reasoning=bases.basis(fact).reasoning,
            relation=min((r["relation"] for r in group), key=_RELATIONS.index),
        )
        for fact, group in facts.items()
    ]


_RELATIONS = ["the fact", "premise", "rests on it", "names it"]
"""A fact related to the entity in two ways (a claim about it that is also inferred from it)
gets the first, whatever order the store returns its rows in."""

_KINDS = f"""SELECT ?kind (MIN(STR(?e)) AS ?first) WHERE {{
  ?e a ?kind . FILTER(STRSTARTS(STR(?kind), "{KG}")) FILTER(isIRI(?e))
}} GROUP BY ?kind ORDER BY ?kind"""


def entity_kinds(backend: Backend) -> list[tuple[str, str]]:
    """One entity of every kg: class (the first by IRI), as (class id, entity id) pairs."""
    found = backend.query(_KINDS, {}).rows
    return [(kind.value.rsplit("#", 1)[-1], local_id(first.value)) for kind, first in found]


def cases(backend: Backend) -> list[tuple[str, dict[str, str]]]:
    """One entity of every kg: class."""
    return [(f"{kind}: {entity}", {"entity": entity}) for kind, entity in entity_kinds(backend)]


QUESTION = Question(
    name="sources",
    summary="Every source and quote behind an entity or fact.",
    query="sources-for",
    answer=Fact,
    build=build,
    params=(Param("entity", "an entity or fact: id or name", "entity", required=True, positional=True),),
    examples=("kg sources Stargate", "kg sources frontier --format json"),
    query_examples=({"entity": "Frontier"}, {"entity": "role-azure-hosts-stateless-apis"}),
    cases=cases,
)
