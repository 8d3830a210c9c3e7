"""The quotes behind facts: their kg:evidence, primary first (shared by the answers and bases).

``evidence_batch`` reads the quotes of many facts in one query (a ``VALUES`` block of their
IRIs, CHUNK at a time so that a request stays small for an endpoint's size limit), so that an
answer of many rows costs one round trip for its evidence, not one per row.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator

import pyoxigraph as ox

from graph._vocab import KG, PK, SCHEMA, local_id
from graph.answers._types import Evidence

TYPE_CHECKING = False  # typing costs start-up time; only type checkers import it
if TYPE_CHECKING:
    from graph.store import Backend

CHUNK = 100
"""At most this many IRIs in one VALUES block (about 4 KB of SPARQL)."""

QUOTES = f"""?fact <{KG}evidence> ?ev .
  ?ev <{KG}quote> ?quote ; <{KG}primary> ?primary ; <{KG}source> ?source .
  ?source <{KG}fileName> ?file .
  OPTIONAL {{ ?source <http://purl.org/dc/terms/publisher> ?publisher }}
  OPTIONAL {{ ?source <http://purl.org/dc/terms/title> ?title }}
  OPTIONAL {{ ?source <{SCHEMA}url> ?url }}"""
"""The pattern binding a ?fact's quotes and their sources (?source ?file ?publisher ?title ?url
?quote ?primary): the one place both the evidence and the sources queries read them from."""

_EVIDENCE = f"""PREFIX pk: <{PK}>
SELECT ?fact ?source ?file ?publisher ?title ?url ?quote ?primary WHERE {{
  VALUES ?fact {{ %s }}
  {QUOTES}
}} ORDER BY DESC(?primary) ?file ?quote"""


def _plain(local: str) -> bool:
    """Whether a local name can follow ``pk:`` as it is: ``[A-Za-z0-9][A-Za-z0-9_-]*``."""
    return local.isascii() and local[:1].isalnum() and local.replace("_", "a").replace("-", "a").isalnum()


def values_block(iris: Iterable[str]) -> str:
    """IRIs (read from the graph, never typed by a user) as the body of a ``VALUES`` block:
    the project's as ``pk:`` names (the queries declare the prefix), others in full; ValueError
    for a string that is not an IRI.

    >>> values_block(["https://w3id.org/partnership-kg/id/azure", "http://example.org/x"])
    '<http://example.org/x> pk:azure'
    """
    found = []
    for iri in sorted(set(iris)):
        node = ox.NamedNode(iri)  # refuses what is not an IRI
        local = iri[len(PK) :] if iri.startswith(PK) else ""
        found.append(f"pk:{local}" if _plain(local) else str(node))
    return " ".join(found)


def chunks(iris: Iterable[str]) -> Iterator[list[str]]:
    """The IRIs, without repeats and sorted, CHUNK at a time."""
    ordered = sorted(set(iris))
    for start in range(0, len(ordered), CHUNK):
        yield ordered[start : start + CHUNK]


def evidence_batch(backend: Backend, facts: Iterable[str]) -> dict[str, tuple[Evidence, ...]]:
    """The quotes behind each fact (by IRI), primary first; every fact asked for has an entry."""
    found: dict[str, list[Evidence]] = {fact: [] for fact in facts}
    for chunk in chunks(found):
        for r in backend.query(_EVIDENCE % values_block(chunk), {}).values():
            found[r["fact"]].append(evidence_of_row(r))
    return {fact: tuple(quotes) for fact, quotes in found.items()}


def evidence_of_row(r: dict[str, str | None]) -> Evidence:
    """A quote from a row of the evidence or sources query (source, file, publisher, title, url,
    quote, primary)."""
    return Evidence(
        source=local_id(r["source"] or ""),
        file=r["file"] or "",
        publisher=r["publisher"],
        title=r["title"],
        url=r["url"],
        quote=r["quote"] or "",
        primary=r["primary"] == "true",
    )


def evidence_for(backend: Backend, fact: str) -> tuple[Evidence, ...]:
    """The quotes behind one fact, primary first."""
    return evidence_batch(backend, [fact])[fact]
