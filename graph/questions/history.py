"""history: one row per cloud role and per clause term version, with its start and end as bounds.

The rows a timeline view draws: what each version is about (a hosted thing, a clause), the
agreement it starts with and the bounds of that agreement's date, the agreement that ends it (a
role's ``until``, the next version of a term) and its bounds, its exclusivity, change type, rank
and basis. Dates the texts do not give stay bounds: nothing is placed on a guessed day.
"""

from __future__ import annotations

import pyoxigraph as ox

from graph._resolve import require
from graph._vocab import local_id
from graph.answers import Answer, Basis, BasisReader, Evidence
from graph.questions._question import Param, Question
from graph.questions._rows import id_or_none, rows

TYPE_CHECKING = False  # typing costs start-up time; only type checkers import it
if TYPE_CHECKING:
    from typing import ClassVar

    from graph.store import Backend


class Version(Answer):
    """One version of a role or of a clause's terms, from its start to its end (if known)."""

    COLUMNS: ClassVar[tuple[str, ...]] = (
        "thing_label", "kind", "start_label", "start_earliest", "start_latest",
        "end_label", "end_latest", "exclusivity", "change_type",
    )  # fmt: skip

    id: str
    kind: str
    """``role`` or ``term``."""
    thing: str
    """What the version is about: the hosted thing of a role, the clause of a term."""
    thing_label: str
    label: str
    start: str
    """The agreement it starts with: a role's ``since``, a term's agreement."""
    start_label: str
    start_earliest: str | None
    """The first and last day the start agreement can have been made (null when unbounded)."""
    start_latest: str | None
    end: str | None
    """The agreement that ends it (a role's ``until``, the next version of a term), or null."""
    end_label: str | None
    end_earliest: str | None
    end_latest: str | None
    exclusivity: str | None
    change_type: str | None
    """A term's change type (``new``, ``continued``, ``unchanged``, ``amended``, ``removed``)."""
    rank: str | None
    basis: Basis
    evidence: tuple[Evidence, ...]


def build(backend: Backend, subject: str | None = None) -> list[Version]:
    """Rows of history as Version values, by thing, kind and start."""
    thing = ox.NamedNode(require(backend, subject)) if subject else None
    found = rows(backend, "history", {"subject": thing})
    bases = BasisReader(backend).prefetch((r["item"] for r in found), values=False)
    versions = [
        Version(
            id=local_id(r["item"]),
            kind=r["kind"],
            thing=local_id(r["thing"]),
            thing_label=r["thingLabel"],
            label=r["label"],
            start=local_id(r["start"]),
            start_label=r["startLabel"],
            start_earliest=r["startEarliest"],
            start_latest=r["startLatest"],
            end=id_or_none(r["end"]),
            end_label=r["endLabel"],
            end_earliest=r["endEarliest"],
            end_latest=r["endLatest"],
            exclusivity=r["exclusivity"],
            change_type=r["changeType"],
            rank=r["rank"],
            basis=bases.basis(r["item"]),
            evidence=bases.evidence(r["item"]),
        )
        for r in found
    ]
    return sorted(
        versions,
        key=lambda v: (v.thing_label, v.kind, v.start_earliest or "", v.start_latest or "9999", v.id),
    )


def cases(backend: Backend) -> list[tuple[str, dict[str, str]]]:
    """Every version, the versions of one clause, and the roles on one thing."""
    return [("all", {}), *((f"subject={s}", {"subject": s}) for s in ("clause-ip-license", "Frontier"))]


QUESTION = Question(
    name="history",
    summary="Each role and each version of a clause's terms, with its start and end agreements.",
    query="history",
    answer=Version,
    build=build,
    params=(Param("subject", "only the versions about this thing or clause, or by this provider", "entity",
                  positional=True),),
    examples=("kg history clause-ip-license", "kg history Frontier --format json"),
    query_examples=({}, {"subject": "clause-ip-license"}),
    cases=cases,
)
