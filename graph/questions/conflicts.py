"""conflicts: subjects and properties on which sources disagree, with each side's sources."""

from __future__ import annotations

from collections import OrderedDict
from typing import TYPE_CHECKING, Any

from graph._vocab import local_id
from graph.answers import BasisReader, ClaimValue, Conflict
from graph.questions._question import Question
from graph.questions._rows import rows

if TYPE_CHECKING:
    from graph.store import Backend


def build(backend: Backend) -> list[Conflict]:
    """Rows of conflicts grouped by subject and property."""
    groups: OrderedDict[tuple[str, str], list[dict[str, Any]]] = OrderedDict()
    found = rows(backend, "conflicts", {})
    for r in found:
        groups.setdefault((r["subject"], r["property"]), []).append(r)
    bases = BasisReader(backend).prefetch((r["claim"] for r in found), values=False)
    return [
        Conflict(
            subject=local_id(subject),
            subject_label=group[0]["subjectLabel"],
            property=group[0]["propertyLabel"] or prop,
            claims=tuple(
                ClaimValue(local_id(r["claim"]), r["value"], r["rank"], bases.evidence(r["claim"]), bases.basis(r["claim"]))
                for r in group
            ),
        )
        for (subject, prop), group in groups.items()
    ]


QUESTION = Question(
    name="conflicts",
    summary="Claims on which sources disagree.",
    query="conflicts",
    answer=Conflict,
    build=build,
    examples=("kg conflicts", "kg conflicts --format json"),
    headlines=(("Where do the sources disagree?", {}),),
)
