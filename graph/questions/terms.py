"""terms: the terms in force (or possibly in force) on a date."""

from __future__ import annotations

from typing import TYPE_CHECKING

import pyoxigraph as ox

from graph._resolve import require
from graph._vocab import local_id
from graph.answers import BasisReader, TermState, beyond
from graph.questions._question import Param, Question
from graph.questions._rows import rows, split
from graph.questions.hosts import AS_OF

if TYPE_CHECKING:
    from graph.store import Backend


def build(backend: Backend, as_of: str, partnership: str | None = None) -> list[TermState]:
    """Rows of terms-as-of as TermState values."""
    chosen = ox.NamedNode(require(backend, partnership, "partnership")) if partnership else None
    found = rows(backend, "terms-as-of", {"asOf": as_of, "partnership": chosen})
    bases = BasisReader(backend).prefetch(r["term"] for r in found)
    after = beyond(backend, as_of)
    return [
        TermState(
            term=local_id(r["term"]),
            label=r["termLabel"],
            clause=local_id(r["clause"]),
            clause_label=r["clauseLabel"],
            agreement=local_id(r["agreement"]),
            agreement_label=r["agreementLabel"],
            status=r["status"],
            change_type=r["changeType"],
            may_be_superseded_by=split(r["mayBeSupersededBy"]),
            evidence=bases.evidence(r["term"]),
            basis=bases.basis(r["term"]),
            value_bases=bases.value_bases(r["term"]),
            earliest=r["early"],
            latest=r["late"],
            horizon=after,
        )
        for r in found
    ]


def cases(backend: Backend) -> list[tuple[str, dict[str, str]]]:
    """The terms on each of the AS_OF dates."""
    return [(f"as-of={d}", {"as_of": d}) for d in AS_OF]


QUESTION = Question(
    name="terms",
    summary="The terms in force on a date.",
    query="terms-as-of",
    answer=TermState,
    build=build,
    params=(
        Param("as_of", "the date (YYYY[-MM[-DD]])", "date", required=True, metavar="DATE"),
        Param("partnership", "only this partnership's terms", "entity"),
    ),
    examples=("kg terms --as-of 2026-03", "kg terms --as-of 2026-11 --wide"),
    query_examples=({"asOf": "2026-03"}, {"asOf": "2019", "partnership": "partnership-microsoft-openai"}),
    cases=cases,
)
