"""timeline: agreements and announcements in order, with date precision."""

from __future__ import annotations

from typing import TYPE_CHECKING

import pyoxigraph as ox

from graph._resolve import require
from graph._vocab import local_id
from graph.answers import BasisReader, TimelineEntry
from graph.questions._question import Param, Question
from graph.questions._rows import rows, split

if TYPE_CHECKING:
    from graph.store import Backend


def build(backend: Backend, partnership: str | None = None) -> list[TimelineEntry]:
    """Rows of timeline as TimelineEntry values."""
    chosen = ox.NamedNode(require(backend, partnership, "partnership")) if partnership else None
    found = rows(backend, "timeline", {"partnership": chosen})
    bases = BasisReader(backend).prefetch(r["agreement"] for r in found)
    return [
        TimelineEntry(
            agreement=local_id(r["agreement"]),
            label=r["label"],
            type=r["type"],
            date=r["date"],
            precision=r["precision"],
            earliest=r["earliest"],
            latest=r["latest"],
            partnership=r["partnershipLabel"],
            parties=tuple(sorted(split(r["parties"]))),  # GROUP_CONCAT has no fixed order
            inferred_order=tuple(sorted(split(r["inferredOrder"], "; "))),
            other_dates=tuple(sorted(split(r["otherDates"], "; "))),
            evidence=bases.evidence(r["agreement"]),
            basis=bases.basis(r["agreement"]),
            value_bases=bases.value_bases(r["agreement"]),
            placement=r["placement"],
        )
        for r in found
    ]


QUESTION = Question(
    name="timeline",
    summary="Agreements and announcements in order.",
    query="timeline",
    answer=TimelineEntry,
    build=build,
    params=(Param("partnership", "only this partnership's agreements", "entity", positional=False),),
    examples=("kg timeline", "kg timeline --format csv > timeline.csv"),
    query_examples=({}, {"partnership": "partnership-openai-amazon"}),
)
