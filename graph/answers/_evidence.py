"""The quotes behind facts: their kg:evidence, primary first (shared by the answers and bases).

``evidence_batch`` reads the quotes of many facts in one query (a ``VALUES`` block of their
IRIs), so that an answer of many rows costs one round trip for its evidence, not one per row.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import TYPE_CHECKING

import pyoxigraph as ox

from graph._vocab import KG, SCHEMA, local_id
from graph.answers._types import Evidence

if TYPE_CHECKING:
    from graph.store import Backend

_EVIDENCE = f"""PREFIX dcterms: <http://purl.org/dc/terms/>
SELECT ?fact ?source ?file ?publisher ?title ?url ?quote ?primary WHERE {{
  VALUES ?fact {{ %s }}
  ?fact <{KG}evidence> ?ev .
  ?ev <{KG}quote> ?quote ; <{KG}primary> ?primary ; <{KG}source> ?source .
  ?source <{KG}fileName> ?file .
  OPTIONAL {{ ?source dcterms:publisher ?publisher }}
  OPTIONAL {{ ?source dcterms:title ?title }}
  OPTIONAL {{ ?source <{SCHEMA}url> ?url }}
}} ORDER BY DESC(?primary) ?file ?quote"""


def values_block(iris: Iterable[str]) -> str:
    """IRIs (read from the graph, never typed by a user) as the body of a ``VALUES`` block."""
    return " ".join(str(ox.NamedNode(iri)) for iri in sorted(set(iris)))


def evidence_batch(backend: Backend, facts: Iterable[str]) -> dict[str, tuple[Evidence, ...]]:
    """The quotes behind each fact (by IRI), primary first; every fact asked for has an entry."""
    wanted = sorted(set(facts))
    found: dict[str, list[Evidence]] = {fact: [] for fact in wanted}
    if wanted:
        for r in backend.query(_EVIDENCE % values_block(wanted), {}).values():
            found[r["fact"]].append(
                Evidence(
                    source=local_id(r["source"]),
                    file=r["file"],
                    publisher=r["publisher"],
                    title=r["title"],
                    url=r["url"],
                    quote=r["quote"],
                    primary=r["primary"] == "true",
                )
            )
    return {fact: tuple(quotes) for fact, quotes in found.items()}


def evidence_for(backend: Backend, fact: str) -> tuple[Evidence, ...]:
    """The quotes behind one fact, primary first."""
    return evidence_batch(backend, [fact])[fact]
