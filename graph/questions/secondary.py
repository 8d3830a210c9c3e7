"""secondary: facts that no primary source states."""

from __future__ import annotations

from typing import TYPE_CHECKING

from graph._vocab import local_id
from graph.answers import BasisReader, Fact
from graph.questions._question import Question
from graph.questions._rows import rows

if TYPE_CHECKING:
    from graph.store import Backend


def build(backend: Backend) -> list[Fact]:
    """Rows of secondary-only as Fact values."""
    found = rows(backend, "secondary-only", {})
    bases = BasisReader(backend).prefetch((r["fact"] for r in found), values=False)
    return [
        Fact(local_id(r["fact"]), r["factLabel"], r["factType"], bases.evidence(r["fact"]), bases.basis(r["fact"]))
        for r in found
    ]


QUESTION = Question(
    name="secondary",
    summary="Facts that rest only on secondary sources.",
    query="secondary-only",
    answer=Fact,
    build=build,
    examples=("kg secondary", "kg secondary --columns type,label"),
    columns=("type", "label", "basis", "evidence"),
)
