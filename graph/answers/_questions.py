"""The library's questions, answered by the named queries and turned into dataclasses."""

from __future__ import annotations

from collections import OrderedDict
from typing import TYPE_CHECKING, Any

import pyoxigraph as ox

from graph._dates import DateSpec, date_text
from graph._errors import ParameterError
from graph._resolve import partnership_iri, require, resolve_agreement, run_named, undated_between
from graph._vocab import PK, local_id
from graph.answers._basis import BasisReader
from graph.answers._ended import ended_roles
from graph.answers._evidence import evidence_for
from graph.answers._horizon import beyond
from graph.answers._types import (
    AttributeChange,
    Change,
    ClaimValue,
    Conflict,
    Fact,
    HostRole,
    Partner,
    TermState,
    TimelineEntry,
)

if TYPE_CHECKING:
    from graph.store._backend import Backend


def _rows(backend: Backend, name: str, params: dict[str, Any]) -> list[dict[str, Any]]:
    """A named query's rows as dicts; the columns each query always binds are plain str."""
    return run_named(backend, name, {k: v for k, v in params.items() if v is not None}).values()


def _split(text: str | None, sep: str = ", ") -> tuple[str, ...]:
    return tuple(part for part in (text or "").split(sep) if part)


def _notes(text: str | None) -> str | None:
    """The change notes of one comparison in a fixed order (GROUP_CONCAT gives none), or None."""
    return " ".join(sorted(n for n in (text or "").split("\n") if n)) or None


def _id(iri: str | None) -> str | None:
    return local_id(iri) if iri else None


def hosts(backend: Backend, subject: str | None, as_of: str | None) -> list[HostRole]:
    """Rows of who-hosts-what as HostRole values."""
    spec = DateSpec.parse(as_of) if as_of is not None else None
    iri = require(backend, subject) if subject else None
    rows = _rows(backend, "who-hosts-what", {"subject": subject, "asOf": as_of})
    if spec is not None:  # the roles ended by then, beside those in force
        ended = [{**r, "status": "ended"} for r in ended_roles(backend, iri, spec.end.isoformat())]
        rows = sorted(rows + ended, key=_host_order) if ended else rows
    bases = BasisReader(backend)
    after = beyond(backend, as_of)
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
            until=_id(r["until"]),
            rank=r["rank"],
            qualifier=r["qualifier"],
            evidence=evidence_for(backend, r["role"]),
            basis=bases.basis(r["role"]),
            value_bases=bases.value_bases(r["role"]),
            status=r["status"],
            since_earliest=r.get("sinceEarliest"),
            since_latest=r.get("sinceLatest"),
            horizon=after,
        )
        for r in rows
    ]


def _host_order(row: dict[str, Any]) -> tuple[str, ...]:
    """who-hosts-what's order: provider, role type, hosted thing, role."""
    return (row["providerLabel"], row["roleType"], row["hostedLabel"], row["role"])


def changes(backend: Backend, from_: str, to: str, partnership: str | None) -> list[Change]:
    """Rows of what-changed, one Change per clause with its differing attributes."""
    from_, to = (value if isinstance(value, str) else date_text(value) for value in (from_, to))
    p = partnership_iri(backend, partnership) if partnership else None
    source = resolve_agreement(backend, from_, p)
    target = resolve_agreement(backend, to, p)
    rows = _rows(backend, "what-changed", {"from": ox.NamedNode(source), "to": ox.NamedNode(target)})
    backwards = bool(rows) and rows[0]["reversed"] == "true"
    earlier, later = (target, source) if backwards else (source, target)
    between = tuple(undated_between(backend, earlier, later, _as_date(from_ if backwards else to, later)))
    by_clause: OrderedDict[str, list[dict[str, Any]]] = OrderedDict()
    for r in rows:
        by_clause.setdefault(r["clause"], []).append(r)
    bases = BasisReader(backend)
    result = []
    for clause, group in by_clause.items():
        first = group[0]
        diffs = tuple(
            AttributeChange(r["attributeLabel"] or local_id(r["attribute"]), r["oldValue"], r["newValue"])
            for r in group
            if r["attribute"]
        )
        result.append(
            Change(
                clause=local_id(clause),
                clause_label=first["clauseLabel"],
                status=first["status"],
                from_term=_id(first["fromTerm"]),
                to_term=_id(first["toTerm"]),
                change_note=_notes(first["changeNote"]),
                differences=diffs,
                from_evidence=evidence_for(backend, first["fromTerm"]) if first["fromTerm"] else (),
                to_evidence=evidence_for(backend, first["toTerm"]) if first["toTerm"] else (),
                from_basis=bases.basis(first["fromTerm"]) if first["fromTerm"] else None,
                to_basis=bases.basis(first["toTerm"]) if first["toTerm"] else None,
                reversed=first["reversed"] == "true",
                order_known=first["orderKnown"] != "false",
                from_agreement=local_id(source),
                to_agreement=local_id(target),
                may_fall_between=between,
            )
        )
    order = {"amended": 0, "added": 1, "continued": 2, "removed": 3, "unchanged": 4, "not restated": 5}
    return sorted(result, key=lambda c: (order.get(c.status, 9), c.clause_label))


def _as_date(given: str, resolved: str) -> str | None:
    """``given`` when the user gave a date (which resolved to an agreement), else None."""
    if local_id(resolved) == given.strip() or resolved == given.strip():
        return None
    try:
        DateSpec.parse(given)
    except ParameterError:
        return None
    return given


def terms(backend: Backend, as_of: str, partnership: str | None) -> list[TermState]:
    """Rows of terms-as-of as TermState values."""
    if partnership:
        require(backend, partnership, "partnership")
    rows = _rows(backend, "terms-as-of", {"asOf": as_of, "partnership": partnership})
    bases = BasisReader(backend)
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
            may_be_superseded_by=_split(r["mayBeSupersededBy"]),
            evidence=evidence_for(backend, r["term"]),
            basis=bases.basis(r["term"]),
            value_bases=bases.value_bases(r["term"]),
            earliest=r["early"],
            latest=r["late"],
            horizon=after,
        )
        for r in rows
    ]


def timeline(backend: Backend, partnership: str | None) -> list[TimelineEntry]:
    """Rows of timeline as TimelineEntry values."""
    if partnership:
        require(backend, partnership, "partnership")
    rows = _rows(backend, "timeline", {"partnership": partnership})
    bases = BasisReader(backend)
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
            parties=tuple(sorted(_split(r["parties"]))),  # GROUP_CONCAT has no fixed order
            inferred_order=tuple(sorted(_split(r["inferredOrder"], "; "))),
            other_dates=tuple(sorted(_split(r["otherDates"], "; "))),
            evidence=evidence_for(backend, r["agreement"]),
            basis=bases.basis(r["agreement"]),
            value_bases=bases.value_bases(r["agreement"]),
            placement=r["placement"],
        )
        for r in rows
    ]


def sources_for(backend: Backend, entity: str) -> list[Fact]:
    """Rows of sources-for grouped by fact."""
    require(backend, entity)
    rows = _rows(backend, "sources-for", {"entity": entity})
    facts: OrderedDict[str, list[dict[str, Any]]] = OrderedDict()
    for r in rows:
        facts.setdefault(r["fact"], []).append(r)
    bases = BasisReader(backend)
    return [
        Fact(
            id=local_id(fact),
            label=group[0]["factLabel"],
            type=group[0]["factType"],
            evidence=evidence_for(backend, fact),
            basis=bases.basis(fact),
            reasoning=bases.basis(fact).reasoning,
            relation=min((r["relation"] for r in group), key=_RELATIONS.index),
        )
        for fact, group in facts.items()
    ]


_RELATIONS = ["the fact", "premise", "rests on it", "names it"]
"""A fact related to the entity in two ways (a claim about it that is also inferred from it)
gets the first, whatever order the store returns its rows in."""


def conflicts(backend: Backend) -> list[Conflict]:
    """Rows of conflicts grouped by subject and property."""
    groups: OrderedDict[tuple[str, str], list[dict[str, Any]]] = OrderedDict()
    bases = BasisReader(backend)
    for r in _rows(backend, "conflicts", {}):
        groups.setdefault((r["subject"], r["property"]), []).append(r)
    return [
        Conflict(
            subject=local_id(subject),
            subject_label=group[0]["subjectLabel"],
            property=group[0]["propertyLabel"] or prop,
            claims=tuple(
                ClaimValue(
                    local_id(r["claim"]),
                    r["value"],
                    r["rank"],
                    evidence_for(backend, r["claim"]),
                    bases.basis(r["claim"]),
                )
                for r in group
            ),
        )
        for (subject, prop), group in groups.items()
    ]


def secondary_only(backend: Backend) -> list[Fact]:
    """Rows of secondary-only as Fact values."""
    bases = BasisReader(backend)
    return [
        Fact(
            local_id(r["fact"]),
            r["factLabel"],
            r["factType"],
            evidence_for(backend, r["fact"]),
            bases.basis(r["fact"]),
        )
        for r in _rows(backend, "secondary-only", {})
    ]


def partners(backend: Backend, org: str) -> list[Partner]:
    """Rows of partners-of as Partner values."""
    require(backend, org, "organisation")
    bases = BasisReader(backend)
    found = []
    for r in _rows(backend, "partners-of", {"org": org}):
        own = bases.value_bases(r["via"])
        claimed = tuple(e for v in own for e in evidence_for(backend, PK + v.claim))
        found.append(
            Partner(
                partner=local_id(r["partner"]),
                partner_label=r["partnerLabel"],
                kind=r["kind"],
                capacity=r["capacity"],
                via=local_id(r["via"]),
                via_label=r["viaLabel"],
                evidence=evidence_for(backend, r["via"]) + claimed,
                basis=bases.basis(r["via"]),
                value_bases=own,
            )
        )
    return found


__all__ = ["PK", "evidence_for"]
