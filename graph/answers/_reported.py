"""The reports a reported fact cites (kg:citation), read into Citation answers."""

from __future__ import annotations

from typing import TYPE_CHECKING

import pyoxigraph as ox

from graph._vocab import KG, SCHEMA, local_id
from graph.answers._citation import Citation

if TYPE_CHECKING:
    from graph.store._backend import Backend

_CITATIONS = f"""PREFIX dcterms: <http://purl.org/dc/terms/>
SELECT ?c ?url ?publisher ?title ?published ?read ?cites ?fact WHERE {{
  ?fact <{KG}citation> ?c .
  ?c <{SCHEMA}url> ?url ; dcterms:publisher ?publisher ; dcterms:title ?title ;
     dcterms:issued ?published ; <{KG}retrieved> ?read .
  OPTIONAL {{ ?c <{KG}cites> ?cites }}
}} ORDER BY ?publisher ?c ?cites"""


def citations_for(backend: Backend, fact: str) -> tuple[Citation, ...]:
    """The reports behind one fact, by publisher."""
    found: dict[str, Citation] = {}
    for r in backend.query(_CITATIONS, {"fact": ox.NamedNode(fact)}).values():
        old = found.get(r["c"])
        cites = (*(old.cites if old else ()), *([r["cites"]] if r["cites"] else ()))
        found[r["c"]] = Citation(
            local_id(r["c"]), r["url"], r["publisher"], r["title"], r["published"], r["read"], tuple(sorted(cites))
        )
    return tuple(found.values())
