"""The reports reported facts cite (kg:citation), read into Citation answers in batches."""

from __future__ import annotations

from collections.abc import Iterable

from graph._vocab import KG, PK, SCHEMA, local_id
from graph.answers._citation import Citation
from graph.answers._evidence import chunks, values_block

TYPE_CHECKING = False  # typing costs start-up time; only type checkers import it
if TYPE_CHECKING:
    from graph.store import Backend

_CITATIONS = f"""PREFIX dcterms: <http://purl.org/dc/terms/>
PREFIX pk: <{PK}>
SELECT ?c ?url ?publisher ?title ?published ?read ?cites ?fact WHERE {{
  VALUES ?fact {{ %s }}
  ?fact <{KG}citation> ?c .
  ?c <{SCHEMA}url> ?url ; dcterms:publisher ?publisher ; dcterms:title ?title ;
     dcterms:issued ?published ; <{KG}retrieved> ?read .
  OPTIONAL {{ ?c <{KG}cites> ?cites }}
}} ORDER BY ?fact ?publisher ?c ?cites"""
# (The facts' IRIs were read from the graph and are written as validated terms: values_block.)


def citations_batch(backend: Backend, facts: Iterable[str]) -> dict[str, tuple[Citation, ...]]:
    """The reports behind each fact (by IRI), by publisher; every fact asked for has an entry."""
    found: dict[str, dict[str, Citation]] = {fact: {} for fact in facts}
    for chunk in chunks(found):
        for r in backend.query(_CITATIONS % values_block(chunk), {}).values():
            mine = found[r["fact"]]
            old = mine.get(r["c"])
            cites = (*(old.cites if old else ()), *([r["cites"]] if r["cites"] else ()))
            mine[r["c"]] = Citation(
                local_id(r["c"]), r["url"], r["publisher"], r["title"], r["published"], r["read"], tuple(sorted(cites))
            )
    return {fact: tuple(cited.values()) for fact, cited in found.items()}


def citations_for(backend: Backend, fact: str) -> tuple[Citation, ...]:
    """The reports behind one fact, by publisher."""
    return citations_batch(backend, [fact])[fact]
