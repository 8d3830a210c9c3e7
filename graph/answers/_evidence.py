"""The quotes behind a fact: its kg:evidence, primary first (shared by the answers and bases)."""

from __future__ import annotations

from typing import TYPE_CHECKING

import pyoxigraph as ox

from graph._vocab import KG, SCHEMA, local_id
from graph.answers._types import Evidence

if TYPE_CHECKING:
    from graph.store._backend import Backend

_EVIDENCE = f"""PREFIX dcterms: <http://purl.org/dc/terms/>
SELECT ?source ?file ?publisher ?title ?url ?quote ?primary ?fact WHERE {{
  ?fact <{KG}evidence> ?ev .
  ?ev <{KG}quote> ?quote ; <{KG}primary> ?primary ; <{KG}source> ?source .
  ?source <{KG}fileName> ?file .
  OPTIONAL {{ ?source dcterms:publisher ?publisher }}
  OPTIONAL {{ ?source dcterms:title ?title }}
  OPTIONAL {{ ?source <{SCHEMA}url> ?url }}
}} ORDER BY DESC(?primary) ?file ?quote"""


def evidence_for(backend: Backend, fact: str) -> tuple[Evidence, ...]:
    """The quotes behind one fact, primary first."""
    result = backend.query(_EVIDENCE, {"fact": ox.NamedNode(fact)})
    return tuple(
        Evidence(
            source=local_id(r["source"]),
            file=r["file"],
            publisher=r["publisher"],
            title=r["title"],
            url=r["url"],
            quote=r["quote"],
            primary=r["primary"] == "true",
        )
        for r in result.values()
    )
