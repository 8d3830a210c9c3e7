"""QuickStatements for Wikidata's editors: the graph's stated facts that Wikidata can hold.

A fact qualifies when its property has a Wikidata property (:data:`PROPERTIES`), it is stated (a
quote says it; a value with a kg:Claim of its own is left out, as its basis is the claim's), and
both its subject and its value are linked to Wikidata items (owl:sameAs, data/wikidata.ttl). Each
quote of it whose source has a URL gives one line, in QuickStatements' first (tab-separated)
syntax, with that reference: the reference URL (P854) and the quote (P1683). QuickStatements
adds each line's reference to the one statement. A fact whose quotes come only from sources
without a URL has no reference Wikidata accepts and is listed as left out.

The property identifiers were read in public code (see docs/wikidata.md).
"""

from __future__ import annotations

from dataclasses import dataclass

import pyoxigraph as ox

from graph._vocab import KG, OWL, PREFIXES, SCHEMA, shorten

WIKIDATA = "http://www.wikidata.org/entity/"
PROPERTIES = {KG + "operatedBy": "P137", KG + "developedBy": "P178", KG + "partOf": "P361"}
"""The graph's properties that Wikidata has, and its identifiers: operator, developer, part of."""
REFERENCE_URL, QUOTE = "S854", "S1683"

_FACTS = f"""SELECT ?s ?p ?o ?item ?value ?ev ?quote ?url WHERE {{
  VALUES ?p {{ {" ".join(f"<{p}>" for p in PROPERTIES)} }}
  ?s ?p ?o ; kg:basis kg:Stated ; <{OWL}sameAs> ?item .
  ?o <{OWL}sameAs> ?value .
  FILTER(STRSTARTS(STR(?item), "{WIKIDATA}Q") && STRSTARTS(STR(?value), "{WIKIDATA}Q"))
  FILTER NOT EXISTS {{ ?claim kg:claimSubject ?s ; kg:claimProperty ?p }}
  OPTIONAL {{ ?s kg:evidence ?ev . ?ev kg:quote ?quote ; kg:source/<{SCHEMA}url> ?url }}
}} ORDER BY ?s ?p ?o ?ev"""


@dataclass(frozen=True)
class Export:
    """The QuickStatements lines, and the facts left out for want of a reference URL."""

    lines: tuple[str, ...]
    left_out: tuple[str, ...]

    def text(self) -> str:
        """The lines as a QuickStatements batch (one a line)."""
        return "".join(line + "\n" for line in self.lines)


def _string(text: str) -> str:
    """A QuickStatements string: on one line, in double quotes (which it cannot escape: ``"``
    inside becomes ``'``)."""
    return '"' + " ".join(text.split()).replace('"', "'") + '"'


def quickstatements(store: ox.Store) -> Export:
    """The stated facts Wikidata can hold, each line with its reference (see the module docstring)."""
    found = store.query(_FACTS, prefixes=PREFIXES)
    assert isinstance(found, ox.QuerySolutions)
    lines: list[str] = []
    facts: dict[tuple[str, str, str], bool] = {}
    for row in found:
        fact = (row["s"].value, row["p"].value, row["o"].value)
        referenced = row["url"] is not None
        facts[fact] = facts.get(fact, False) or referenced
        if not referenced:
            continue
        item, value = row["item"].value[len(WIKIDATA) :], row["value"].value[len(WIKIDATA) :]
        lines.append(
            "\t".join(
                (
                    item,
                    PROPERTIES[row["p"].value],
                    value,
                    REFERENCE_URL,
                    _string(row["url"].value),
                    QUOTE,
                    "en:" + _string(row["quote"].value),
                )
            )
        )
    left = tuple(f"{shorten(s)} {shorten(p)} {shorten(o)}" for (s, p, o), ok in facts.items() if not ok)
    return Export(tuple(dict.fromkeys(lines)), left)


__all__ = ["PROPERTIES", "Export", "quickstatements"]
