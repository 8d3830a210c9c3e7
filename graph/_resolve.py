"""What users type, as IRIs and RDF terms: ids, names and dates; a named query's parameters bound.

Every function takes a Backend (graph.store._backend), so the answers and the facade share one
set of rules whether the graph is embedded or remote.
"""

from __future__ import annotations

from collections.abc import Mapping

import pyoxigraph as ox

from graph._errors import ParameterError, UnknownEntityError
from graph._vocab import KG, PK, RDFS, SKOS, XSD, local_id
from graph.sparql._named import NamedQuery, get_named_query, is_packaged
from graph.sparql._result import QueryResult

TYPE_CHECKING = False  # typing costs start-up time; only type checkers import it
if TYPE_CHECKING:
    from typing import Any

    from graph.store._backend import Backend

DEFAULT_PARTNERSHIP = PK + "partnership-microsoft-openai"
"""The partnership that date-valued agreement parameters are resolved in by default."""

_LABEL_EXACT = f"""SELECT ?e ?name WHERE {{
  {{ ?e <{RDFS}label> ?name }} UNION {{ ?e <{SKOS}prefLabel> ?name }} UNION {{ ?e <{SKOS}altLabel> ?name }}
}} LIMIT 2"""
_LABEL_ANYCASE = f"""SELECT DISTINCT ?e ?name WHERE {{
  ?e <{RDFS}label>|<{SKOS}prefLabel>|<{SKOS}altLabel> ?label .
  FILTER(LCASE(STR(?label)) = LCASE(STR(?name)))
}} LIMIT 2"""
_NAMES = f"SELECT ?e ?name WHERE {{ ?e <{RDFS}label>|<{SKOS}prefLabel>|<{SKOS}altLabel> ?name }}"
_EXISTS = "SELECT ?s WHERE { ?s ?p ?o } LIMIT 1"
_IS_AGREEMENT = f"SELECT ?s WHERE {{ ?s a <{KG}Agreement> }} LIMIT 1"
_IN_FORCE = f"""SELECT ?a ?date ?partnership WHERE {{
  ?a <{KG}partnership> ?partnership ; <{KG}latestPossibleDate> ?late .
  FILTER EXISTS {{ ?a a <{KG}Agreement> }}
  FILTER(STR(?late) <= STR(?date))
}} ORDER BY DESC(STR(?late)) ?a LIMIT 1"""
# (The type is checked with FILTER EXISTS so that Oxigraph starts from the partnership's
# agreements rather than from every agreement: see docs/scale.md. The dates, all xsd:date without
# a timezone, are compared by STR(): a fresh Virtuoso compared xsd:date values as if shifted.)


def resolve(backend: Backend, value: str) -> str | None:
    """The IRI of an entity given by IRI, ``pk:`` id, bare id or name (case-insensitive)."""
    from graph._dates import require_text

    value = require_text(value, "an id or a name").strip()
    for candidate in _iri_candidates(value):
        if _exists(backend, candidate):
            return candidate
    for text in (_LABEL_EXACT, _LABEL_ANYCASE):
        rows = backend.query(text, {"name": ox.Literal(value)}).rows
        if rows:
            return str(rows[0][0].value)
    return None


def require(backend: Backend, value: str, kind: str = "entity") -> str:
    """The IRI of an entity, as ``resolve``; UnknownEntityError (with near names) if none matches."""
    iri = resolve(backend, value)
    if iri is None:
        raise UnknownEntityError(value, near_names(backend, value), kind)
    return iri


def near_names(backend: Backend, value: str, limit: int = 3) -> list[str]:
    """The ids and names in the graph closest to ``value`` (case-insensitive), closest first."""
    import difflib

    known: dict[str, str] = {}
    for entity, name in backend.query(_NAMES, {}).rows:
        for text in (str(name.value), local_id(str(entity.value))):
            known.setdefault(text.lower(), text)
    return [known[m] for m in difflib.get_close_matches(value.strip().lower(), list(known), n=limit)]


def resolve_agreement(backend: Backend, value: str, partnership: str | None = None) -> str:
    """An agreement's IRI from its id, its name, or a date (the agreement in force then)."""
    from graph._dates import ACCEPTED, DateSpec, date_text

    value = date_text(value) if not isinstance(value, str) else value

    iri = resolve(backend, value)
    if iri and _is_agreement(backend, iri):
        return iri
    try:
        spec = DateSpec.parse(value)
    except ParameterError:
        spec = None
    if spec is not None:
        found = agreement_in_force(backend, spec.text, partnership)
        if found:
            return found
        raise ParameterError(f"no agreement is known to be in force on {value}")
    timeline = run_named(backend, "timeline", {}).values()
    known = ", ".join(sorted(local_id(r["agreement"]) for r in timeline))
    raise ParameterError(
        f"unknown agreement '{value}'; accepted: an agreement id ({known}), its name, or a date ({ACCEPTED})"
    )


def agreement_in_force(backend: Backend, date: str, partnership: str | None = None) -> str | None:
    """The latest agreement of a partnership certainly made by ``date`` (YYYY[-MM[-DD]])."""
    from graph._dates import DateSpec

    spec = DateSpec.parse(date)
    bindings = {
        "date": ox.Literal(spec.end.isoformat(), datatype=ox.NamedNode(XSD + "date")),
        "partnership": ox.NamedNode(partnership_iri(backend, partnership)),
    }
    rows = backend.query(_IN_FORCE, bindings).rows
    return str(rows[0][0].value) if rows else None


def partnership_iri(backend: Backend, partnership: str | None) -> str:
    """The IRI of a partnership given by id or name; the default partnership for None."""
    if partnership is None:
        return DEFAULT_PARTNERSHIP
    return require(backend, partnership, "partnership")


def run_named(
    backend: Backend, query: NamedQuery | str, params: Mapping[str, Any], *, allow_service: bool = False
) -> QueryResult:
    """Run a named query after checking and binding its parameters.

    A packaged query runs as it is; any other (a user's query file) is untrusted text and goes
    through the SERVICE guard, ``allow_service`` deciding as for ad-hoc text.
    """
    if isinstance(query, str):
        query = get_named_query(query)
    bindings = bind(backend, query, params)
    if is_packaged(query):
        return backend.query(query.text, bindings)
    from graph.store._backend import untrusted_query

    return untrusted_query(backend, query.text, bindings, allow_service=allow_service)


def bind(backend: Backend, query: NamedQuery, params: Mapping[str, Any]) -> dict[str, Any]:
    """Check a named query's parameters and turn each value into an RDF term."""
    accepted = ", ".join(p.name for p in query.parameters) or "none"
    for name in params:
        if query.parameter(name) is None:
            raise ParameterError(f"query '{query.name}' has no parameter '{name}'; accepted: {accepted}")
    bindings: dict[str, Any] = {}
    for param in query.parameters:
        value = params.get(param.name)
        if value is None or value == "":
            if param.required:
                raise ParameterError(
                    f"query '{query.name}' needs parameter '{param.name}' ({param.kind}): {param.description}"
                )
            continue
        bindings[param.name] = _term_for(backend, param.kind, value)
    return bindings


def _term_for(backend: Backend, kind: str, value: Any) -> Any:
    import datetime

    if isinstance(value, datetime.date) and kind in ("date", "agreement"):
        value = value.isoformat()[:10]
    if not isinstance(value, str):
        return value
    if kind == "date":
        from graph._dates import DateSpec

        spec = DateSpec.parse(value)
        return ox.Literal(spec.end.isoformat(), datatype=ox.NamedNode(XSD + "date"))
    if kind == "agreement":
        return ox.NamedNode(resolve_agreement(backend, value))
    if kind == "entity":
        iri = resolve(backend, value)
        # An unknown name is bound as a plain string: it matches nothing, and runs nothing.
        return ox.NamedNode(iri) if iri else ox.Literal(value)
    return ox.Literal(value)


def _exists(backend: Backend, iri: str) -> bool:
    try:
        node = ox.NamedNode(iri)
    except ValueError:
        return False
    return bool(backend.query(_EXISTS, {"s": node}).rows)


def _is_agreement(backend: Backend, iri: str) -> bool:
    return bool(backend.query(_IS_AGREEMENT, {"s": ox.NamedNode(iri)}).rows)


def _iri_candidates(value: str) -> list[str]:
    if value.startswith(("http://", "https://", "urn:")):
        return [value]
    if value.startswith("<") and value.endswith(">"):
        return [value[1:-1]]
    if value.startswith("pk:"):
        return [PK + value[3:]]
    if value and all(c.isalnum() or c in "-_." for c in value):
        return [PK + value, *(PK + kind + value for kind in _KIND_PREFIXES if not value.startswith(kind))]
    return []


_KIND_PREFIXES = ("agreement-", "role-", "term-", "clause-", "partnership-", "claim-")
"""The kind prefixes an id may be given without (``multi-year-extension``, ``azure-hosts-stateless-apis``)."""

_UNDATED = f"""SELECT ?x ?early ?late WHERE {{
  ?x <{KG}partnership> ?partnership ; <{KG}undated> true .
  OPTIONAL {{ ?x <{KG}earliestPossibleDate> ?early }}
  OPTIONAL {{ ?x <{KG}latestPossibleDate> ?late }}
}} ORDER BY STR(?x)"""
_BOUNDS = f"""SELECT ?early ?late ?partnership WHERE {{
  ?a a <{KG}Agreement> .
  OPTIONAL {{ ?a <{KG}earliestPossibleDate> ?early }}
  OPTIONAL {{ ?a <{KG}latestPossibleDate> ?late }}
  OPTIONAL {{ ?a <{KG}partnership> ?partnership }}
}} LIMIT 1"""
_PRECEDES = f"""SELECT (COUNT(?end) AS ?n) WHERE {{
  ?start <{KG}precedes>+ ?end . FILTER(STR(?end) = STR(?other))
}}"""
# (A path between two given nodes is ended in a variable compared by STR(): Virtuoso answered
# the path between two given nodes wrongly. Dates are compared as ISO text.)


def undated_between(backend: Backend, earlier: str, later: str, later_date: str | None) -> list[str]:
    """The undated agreements that may have been made after ``earlier`` and by ``later`` (ids).

    ``later_date`` is the date the user gave for the later side (YYYY[-MM[-DD]]), if any: then
    "by" means by the end of that date, not by the agreement it resolved to. An agreement is
    left out when a chain of kg:precedes or its possible dates put it before ``earlier``, or
    after ``later`` (unless the later date given ends after ``later``'s own period); one of
    another partnership is never counted.
    """
    from graph._dates import DateSpec

    first, last = _bounds(backend, earlier), _bounds(backend, later)
    if earlier == later and later_date is None:
        return []
    end = DateSpec.parse(later_date).end.isoformat() if later_date else None
    rows = backend.query(_UNDATED, {"partnership": ox.NamedNode(first["partnership"] or DEFAULT_PARTNERSHIP)})
    found = []
    for x in rows.values():
        iri = x["x"]
        if iri in (earlier, later):
            continue
        if _precedes(backend, iri, earlier) or _before(x["late"], first["early"]):
            continue
        if end is not None and x["early"] and x["early"] > end:
            continue
        within = end is None or (last["late"] is not None and end <= last["late"])
        if within and (_precedes(backend, later, iri) or _before(last["late"], x["early"])):
            continue  # after the later agreement, and the later date is not past its own period
        found.append(local_id(iri))
    return found


def _bounds(backend: Backend, agreement: str) -> dict[str, Any]:
    rows = backend.query(_BOUNDS, {"a": ox.NamedNode(agreement)}).values()
    return rows[0] if rows else {"early": None, "late": None, "partnership": None}


def _before(late: str | None, early: str | None) -> bool:
    """Whether a last possible day falls before a first possible day (both known)."""
    return late is not None and early is not None and late < early


def _precedes(backend: Backend, start: str, other: str) -> bool:
    rows = backend.query(_PRECEDES, {"start": ox.NamedNode(start), "other": ox.NamedNode(other)}).rows
    return bool(rows) and int(str(rows[0][0].value)) > 0
