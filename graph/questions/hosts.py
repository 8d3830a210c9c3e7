"""hosts: who hosts, serves, distributes or supplies compute for what (optionally: what, when)."""

from __future__ import annotations

import pyoxigraph as ox

from graph._resolve import require
from graph._vocab import local_id
from graph.answers import BasisReader, HostRole
from graph.questions._question import Param, Question
from graph.questions._rows import id_or_none, rows

TYPE_CHECKING = False  # typing costs start-up time; only type checkers import it
if TYPE_CHECKING:
    from typing import Any

    from graph.store import Backend

AS_OF = ("2019", "2025-06", "2025-10", "2026-02-27", "2026-03")
"""The dates the time-dependent questions are asked for in the conformance cases."""


def build(backend: Backend, subject: str | None = None, as_of: str | None = None) -> list[HostRole]:
    """Rows of who-hosts-what as HostRole values."""
    spec = None
    if as_of is not None:
        from graph._dates import DateSpec  # (here: datetime costs start-up time)

        spec = DateSpec.parse(as_of)
    iri = require(backend, subject) if subject else None
    found = rows(backend, "who-hosts-what", {"subject": ox.NamedNode(iri) if iri else None, "asOf": as_of})
    after = None
    if spec is not None:  # the roles ended by then, beside those in force; the graph's horizon
        from graph.answers import after_horizon, ended_roles

        ended, reach = ended_roles(backend, iri, spec.end.isoformat())
        found = sorted(found + [{**r, "status": "ended"} for r in ended], key=_order) if ended else found
        after = after_horizon(reach, as_of)
    bases = BasisReader(backend).prefetch(r["role"] for r in found)
    return [
        HostRole(
            id=local_id(r["role"]),
            provider=r["providerLabel"],
            provider_id=local_id(r["provider"]),
            operator=r["operatorLabel"],
            role=r["roleType"],
            hosted=r["hostedLabel"],
            hosted_id=local_id(r["hostedThing"]),
            exclusivity=r["exclusivity"],
            since=local_id(r["since"]),
            since_label=r["sinceLabel"],
            since_date=r["sinceDate"],
            until=id_or_none(r["until"]),
            rank=r["rank"],
            qualifier=r["qualifier"],
            evidence=bases.evidence(r["role"]),
            basis=bases.basis(r["role"]),
            value_bases=bases.value_bases(r["role"]),
            status=r["status"],
            since_earliest=r.get("sinceEarliest"),
            since_latest=r.get("sinceLatest"),
            horizon=after,
        )
        for r in found
    ]


def _order(row: dict[str, Any]) -> tuple[str, ...]:
    """who-hosts-what's order: provider, role type, hosted thing, role."""
    return (row["providerLabel"], row["roleType"], row["hostedLabel"], row["role"])


def cases(backend: Backend) -> list[tuple[str, dict[str, str]]]:
    """Every role, four subjects, and the roles in force on each of the AS_OF dates."""
    subjects = ("Frontier", "stateless-apis", "Microsoft Azure", "openai")
    return [
        ("all", {}),
        *((f"subject={s}", {"subject": s}) for s in subjects),
        *((f"as-of={d}", {"as_of": d}) for d in AS_OF),
    ]


QUESTION = Question(
    name="hosts",
    summary="Who hosts, serves, distributes or supplies compute for what.",
    query="who-hosts-what",
    answer=HostRole,
    build=build,
    params=(
        Param("subject", "only roles on this thing or by this provider", "entity", positional=True),
        Param("as_of", "roles in force on a date (YYYY[-MM[-DD]])", "date", metavar="DATE"),
    ),
    examples=(
        'kg hosts "stateless APIs"',
        "kg hosts Frontier --as-of 2026-03 --columns provider,role,exclusivity",
    ),
    query_examples=(
        {},
        {"subject": "Frontier"},
        {"asOf": "2025"},
        {"subject": "stateless-apis", "asOf": "2026-03"},
    ),
    cases=cases,
    headlines=(
        ("Who hosts OpenAI's stateless APIs?", {"subject": "stateless-apis"}),
        ("Where are first-party products such as Frontier hosted?", {"subject": "frontier"}),
        (
            "Where do stateless calls from the OpenAI–Amazon collaboration run?",
            {"subject": "third-party-stateless-calls"},
        ),
    ),
    dated_columns=HostRole.AS_OF_COLUMNS,
)
