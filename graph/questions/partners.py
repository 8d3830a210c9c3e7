"""partners: an organisation's partners and in what capacity."""

from __future__ import annotations

from typing import TYPE_CHECKING

import pyoxigraph as ox

from graph._resolve import require
from graph._vocab import PK, local_id
from graph.answers import BasisReader, Partner
from graph.questions._question import Param, Question
from graph.questions._rows import rows

if TYPE_CHECKING:
    from graph.store import Backend


def build(backend: Backend, org: str) -> list[Partner]:
    """Rows of partners-of as Partner values."""
    found = rows(backend, "partners-of", {"org": ox.NamedNode(require(backend, org, "organisation"))})
    bases = BasisReader(backend).prefetch(r["via"] for r in found)
    partners = []
    for r in found:
        own = bases.value_bases(r["via"])  # a value with a claim of its own: its quotes too
        claimed = tuple(e for v in own for e in bases.evidence(PK + v.claim))
        partners.append(
            Partner(
                partner=local_id(r["partner"]),
                partner_label=r["partnerLabel"],
                kind=r["kind"],
                capacity=r["capacity"],
                via=local_id(r["via"]),
                via_label=r["viaLabel"],
                evidence=bases.evidence(r["via"]) + claimed,
                basis=bases.basis(r["via"]),
                value_bases=own,
            )
        )
    return partners


def cases(backend: Backend) -> list[tuple[str, dict[str, str]]]:
    """Three organisations' partners."""
    return [(org, {"org": org}) for org in ("openai", "microsoft", "amazon")]


QUESTION = Question(
    name="partners",
    summary="An organisation's partners and in what capacity.",
    query="partners-of",
    answer=Partner,
    build=build,
    params=(Param("org", "an organisation: id or name", "entity", required=True, positional=True),),
    examples=("kg partners OpenAI", "kg partners Microsoft --format json"),
    query_examples=({"org": "OpenAI"}, {"org": "Microsoft"}),
    cases=cases,
)
