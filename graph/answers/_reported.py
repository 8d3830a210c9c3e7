"""The reports reported facts cite (kg:citation), read into Citation answers in batches."""

from __future__ import annotations

from collections.abc import Iterable

from graph._vocab import KG, PK, SCHEMA, local_id
from graph.answers._citation import Citation, Evidence
from graph.answers._evidence import QUOTES, chunks, evidence_of_row, values_block

TYPE_CHECKING = False  # typing costs start-up time; only type checkers import it
if TYPE_CHECKING:
    from graph.store import Backend

_REPORTS = f"""?fact <{KG}citation> ?c .
  ?c <{SCHEMA}url> ?url ; dcterms:publisher ?publisher ; dcterms:title ?title ;
     dcterms:issued ?published ; <{KG}retrieved> ?read .
  OPTIONAL {{ ?c <{KG}cites> ?cites }}"""
"""The pattern binding a ?fact's reports (?c ?url ?publisher ?title ?published ?read ?cites)."""

_CITATIONS = f"""PREFIX dcterms: <http://purl.org/dc/terms/>
PREFIX pk: <{PK}>
SELECT ?c ?url ?publisher ?title ?published ?read ?cites ?fact WHERE {{
  VALUES ?fact {{ %s }}
  {_REPORTS}
}} ORDER BY ?fact ?publisher ?c ?cites"""
# (The facts' IRIs were read from the graph and are written as validated terms: values_block.)


def citations_batch(backend: Backend, facts: Iterable[str]) -> dict[str, tuple[Citation, ...]]:
    """The reports behind each fact (by IRI), by publisher; every fact asked for has an entry."""
    found: dict[str, dict[str, Citation]] = {fact: {} for fact in facts}
    for chunk in chunks(found):
        for r in backend.query(_CITATIONS % values_block(chunk), {}).values():
            _add_report(found[r["fact"]], r)
    return {fact: tuple(cited.values()) for fact, cited in found.items()}


def _add_report(found: dict[str, Citation], r: dict[str, str | None]) -> None:
    """A row of the reports pattern into ``found`` (by citation IRI): one row per post it cites."""
    c = r["c"] or ""
    old = found.get(c)
    cites = (*(old.cites if old else ()), *([r["cites"]] if r["cites"] else ()))
    found[c] = Citation(
        local_id(c), r["url"] or "", r["publisher"] or "", r["title"] or "", r["published"] or "",
        r["read"] or "", tuple(sorted(cites)),
    )  # fmt: skip


def citations_for(backend: Backend, fact: str) -> tuple[Citation, ...]:
    """The reports behind one fact, by publisher."""
    return citations_batch(backend, [fact])[fact]


_SOURCES = f"""PREFIX dcterms: <http://purl.org/dc/terms/>
PREFIX pk: <{PK}>
SELECT ?fact ?source ?file ?publisher ?title ?url ?quote ?primary ?c ?published ?read ?cites WHERE {{
  VALUES ?fact {{ %s }}
  {{
    {QUOTES}
  }} UNION {{
    {_REPORTS}
  }}
}}"""
# Quotes and citations are what a fact rests on: read together, one query for both kinds. The
# rows are ordered here, not by ORDER BY (engines may order unbound cells of a UNION apart):
# quotes primary first, then by file and quote; citations by publisher and node.


def sources_batch(
    backend: Backend, facts: Iterable[str]
) -> tuple[dict[str, tuple[Evidence, ...]], dict[str, tuple[Citation, ...]]]:
    """The quotes and the reports behind each fact (by IRI), in one query per chunk of facts."""
    quotes: dict[str, list[Evidence]] = {fact: [] for fact in facts}
    cited: dict[str, dict[str, Citation]] = {fact: {} for fact in quotes}
    for chunk in chunks(quotes):
        for r in backend.query(_SOURCES % values_block(chunk), {}).values():
            if r["c"] is None:
                quotes[r["fact"]].append(evidence_of_row(r))
                continue
            _add_report(cited[r["fact"]], r)
    evidence = {
        fact: tuple(sorted(found, key=lambda e: (not e.primary, e.file, e.quote))) for fact, found in quotes.items()
    }
    citations = {
        fact: tuple(sorted(found.values(), key=lambda c: (c.publisher, c.id))) for fact, found in cited.items()
    }
    return evidence, citations
