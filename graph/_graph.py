"""PartnershipGraph: the library's central object. Load once, then ask it questions."""

from __future__ import annotations

import os
from collections.abc import Mapping, Sequence

import pyoxigraph as ox

from graph._errors import GraphError, ParameterError
from graph._vocab import KG, PK, RDFS, SKOS, XSD
from graph.sparql._named import NamedQuery, get_named_query, query_names
from graph.sparql._result import QueryResult
from graph.sparql._terms import parse_value
from graph.store._backend import LocalBackend
from graph.store._files import data_files, open_store

TYPE_CHECKING = False  # typing costs start-up time; only type checkers import it
if TYPE_CHECKING:
    from typing import Any

    from graph.answers._types import Change, Conflict, Fact, HostRole, Partner, TermState, TimelineEntry
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
_EXISTS = "SELECT ?s WHERE { ?s ?p ?o } LIMIT 1"
_IS_AGREEMENT = f"SELECT ?s WHERE {{ ?s a <{KG}Agreement> }} LIMIT 1"
_IN_FORCE = f"""SELECT ?a ?date ?partnership WHERE {{
  ?a <{KG}partnership> ?partnership ; <{KG}latestPossibleDate> ?late .
  FILTER EXISTS {{ ?a a <{KG}Agreement> }}
  FILTER(?late <= ?date)
}} ORDER BY DESC(?late) ?a LIMIT 1"""
# (The type is checked with FILTER EXISTS so that Oxigraph starts from the partnership's
# agreements rather than from every agreement: see docs/scale.md.)


class PartnershipGraph:
    """The partnership knowledge graph, held in an embedded Oxigraph store.

    >>> kg = PartnershipGraph.load()
    >>> [h.provider for h in kg.hosts("Frontier") if h.role == "hosts"]
    ['Microsoft Azure']
    """

    def __init__(self, backend: Backend | ox.Store, files: Sequence[str] = ()) -> None:
        self.backend: Backend = LocalBackend(backend) if isinstance(backend, ox.Store) else backend
        self.files = tuple(files)

    @property
    def store(self) -> ox.Store:
        """The embedded Oxigraph store (GraphError when the graph lives on a remote endpoint)."""
        store = getattr(self.backend, "store", None)
        if store is None:
            raise GraphError("this needs the embedded store, not a remote endpoint")
        return store

    @classmethod
    def load(
        cls,
        *data: str | os.PathLike[str],
        packaged: bool = True,
        use_cache: bool = True,
        store: str | os.PathLike[str] | None = None,
        read_only: bool = False,
    ) -> PartnershipGraph:
        """Load the packaged graph plus any extra data files or folders (Turtle, TriG, ...).

        With ``store``, the graph lives in an on-disk Oxigraph store in that folder: built on
        first use, reopened quickly after, rebuilt when a data file changes (see graph.store._ondisk).
        With ``read_only`` as well, an already built store is opened read-only, so that several
        processes can share it (GraphError if it needs building).
        """
        files = data_files(data, packaged=packaged)
        if store is not None:
            from graph.store._ondisk import open_persistent, open_read_only

            opened = open_read_only(files, store) if read_only else open_persistent(files, store)
            return cls(opened, files)
        return cls(open_store(files, use_cache=use_cache), files)

    def __len__(self) -> int:
        return self.backend.triples()

    # -- SPARQL -----------------------------------------------------------------------------

    def query(self, sparql: str, params: Mapping[str, Any] | None = None) -> QueryResult:
        """Run a named query (``who-hosts-what``) or SPARQL text, with parameters bound as terms.

        Parameters of a named query are typed by its header (entity, agreement, date, text);
        parameters of ad-hoc text are bound as IRIs (``<...>`` or ``pk:x``) or strings.
        """
        if sparql in query_names():
            return self.run_named(get_named_query(sparql), params or {})
        bindings = {k: parse_value(v) if isinstance(v, str) else v for k, v in (params or {}).items()}
        return self.backend.query(sparql, bindings)

    def run_named(self, query: NamedQuery | str, params: Mapping[str, Any]) -> QueryResult:
        """Run a named query after checking and binding its parameters."""
        if isinstance(query, str):
            query = get_named_query(query)
        return self.backend.query(query.text, self.bind(query, params))

    def bind(self, query: NamedQuery, params: Mapping[str, Any]) -> dict[str, Any]:
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
                        f"query '{query.name}' needs parameter '{param.name}' ({param.kind}): "
                        f"{param.description}"
                    )
                continue
            bindings[param.name] = self._term_for(param.kind, value, param.name)
        return bindings

    def _term_for(self, kind: str, value: Any, name: str) -> Any:
        if not isinstance(value, str):
            return value
        if kind == "date":
            from graph._dates import DateSpec

            spec = DateSpec.parse(value)
            return ox.Literal(spec.end.isoformat(), datatype=ox.NamedNode(XSD + "date"))
        if kind == "agreement":
            return ox.NamedNode(self.resolve_agreement(value))
        if kind == "entity":
            iri = self.resolve(value)
            # An unknown name is bound as a plain string: it matches nothing, and runs nothing.
            return ox.NamedNode(iri) if iri else ox.Literal(value)
        return ox.Literal(value)

    # -- Resolving what users type ------------------------------------------------------------

    def resolve(self, value: str) -> str | None:
        """The IRI of an entity given by IRI, ``pk:`` id, bare id or name (case-insensitive)."""
        value = value.strip()
        for candidate in _iri_candidates(value):
            if self._exists(candidate):
                return candidate
        for text in (_LABEL_EXACT, _LABEL_ANYCASE):
            rows = self.backend.query(text, {"name": ox.Literal(value)}).rows
            if rows:
                return rows[0][0].value
        return None

    def _exists(self, iri: str) -> bool:
        try:
            node = ox.NamedNode(iri)
        except ValueError:
            return False
        return bool(self.backend.query(_EXISTS, {"s": node}).rows)

    def resolve_agreement(self, value: str, partnership: str | None = None) -> str:
        """An agreement's IRI from its id, its name, or a date (the agreement in force then)."""
        from graph._dates import ACCEPTED, DateSpec

        iri = self.resolve(value)
        if iri and self._is_agreement(iri):
            return iri
        try:
            spec = DateSpec.parse(value)
        except ParameterError:
            spec = None
        if spec is not None:
            found = self.agreement_in_force(spec.text, partnership)
            if found:
                return found
            raise ParameterError(f"no agreement is known to be in force on {value}")
        known = ", ".join(sorted(e.agreement for e in self.timeline()))
        raise ParameterError(
            f"unknown agreement '{value}'; accepted: an agreement id ({known}), its name, "
            f"or a date ({ACCEPTED})"
        )

    def _is_agreement(self, iri: str) -> bool:
        return bool(self.backend.query(_IS_AGREEMENT, {"s": ox.NamedNode(iri)}).rows)

    def agreement_in_force(self, date: str, partnership: str | None = None) -> str | None:
        """The latest agreement of a partnership certainly made by ``date`` (YYYY[-MM[-DD]])."""
        from graph._dates import DateSpec

        spec = DateSpec.parse(date)
        bindings = {
            "date": ox.Literal(spec.end.isoformat(), datatype=ox.NamedNode(XSD + "date")),
            "partnership": ox.NamedNode(self._partnership(partnership)),
        }
        rows = self.backend.query(_IN_FORCE, bindings).rows
        return rows[0][0].value if rows else None

    def _partnership(self, partnership: str | None) -> str:
        if partnership is None:
            return DEFAULT_PARTNERSHIP
        iri = self.resolve(partnership)
        if iri is None:
            raise ParameterError(f"unknown partnership '{partnership}'")
        return iri

    # -- Questions ----------------------------------------------------------------------------

    def hosts(self, subject: str | None = None, as_of: str | None = None) -> list[HostRole]:
        """Who hosts, serves, distributes or supplies compute for what (optionally: what, when)."""
        from graph.answers import _questions as _answers

        return _answers.hosts(self, subject, as_of)

    def changes(self, from_: str, to: str, partnership: str | None = None) -> list[Change]:
        """How each clause differs between two agreements (ids, names or dates)."""
        from graph.answers import _questions as _answers

        return _answers.changes(self, from_, to, partnership)

    def terms(self, as_of: str, partnership: str | None = None) -> list[TermState]:
        """The terms in force (or possibly in force) on a date."""
        from graph.answers import _questions as _answers

        return _answers.terms(self, as_of, partnership)

    def timeline(self, partnership: str | None = None) -> list[TimelineEntry]:
        """Agreements and announcements in order, with date precision."""
        from graph.answers import _questions as _answers

        return _answers.timeline(self, partnership)

    def sources_for(self, entity: str) -> list[Fact]:
        """Every fact that is or names the entity, with the sources and quotes behind it."""
        from graph.answers import _questions as _answers

        return _answers.sources_for(self, entity)

    def conflicts(self) -> list[Conflict]:
        """Subjects and properties on which sources disagree, with each side's sources."""
        from graph.answers import _questions as _answers

        return _answers.conflicts(self)

    def secondary_only(self) -> list[Fact]:
        """Facts that no primary source states."""
        from graph.answers import _questions as _answers

        return _answers.secondary_only(self)

    def partners(self, org: str) -> list[Partner]:
        """An organisation's partners and in what capacity."""
        from graph.answers import _questions as _answers

        return _answers.partners(self, org)

    # -- Other forms --------------------------------------------------------------------------

    def serialize(self, fmt: str = "ttl") -> bytes:
        """The whole graph as ttl, trig, jsonld, nq, nt or graphml."""
        from graph.output._export import serialize

        return serialize(self, fmt)

    def to_rdflib(self) -> Any:
        """The graph as an ``rdflib.Graph`` (rdflib is the library's RDF object model)."""
        from graph.output._export import to_rdflib

        return to_rdflib(self)

    def to_networkx(self) -> Any:
        """The graph as a ``networkx.MultiDiGraph``: resources are nodes, properties are edges."""
        from graph.output._export import to_networkx

        return to_networkx(self)

    def validate(self) -> Any:
        """Check the graph against the SHACL shapes; returns a ValidationReport."""
        from graph.checks._shacl import validate

        return validate(self)

    def verify_sources(self, folder: str | os.PathLike[str]) -> Any:
        """Check every evidence quote and source hash against a folder of source texts."""
        from pathlib import Path

        from graph.checks._quotes import verify_sources

        return verify_sources(self, Path(folder))


def _iri_candidates(value: str) -> list[str]:
    if value.startswith(("http://", "https://", "urn:")):
        return [value]
    if value.startswith("<") and value.endswith(">"):
        return [value[1:-1]]
    if value.startswith("pk:"):
        return [PK + value[3:]]
    if value and all(c.isalnum() or c in "-_." for c in value):
        return [PK + value]
    return []


def load(
    *data: str | os.PathLike[str],
    packaged: bool = True,
    store: str | os.PathLike[str] | None = None,
    read_only: bool = False,
) -> PartnershipGraph:
    """Load the packaged graph plus any extra data files or folders.

    ``store=DIR`` keeps the graph in an on-disk store in DIR, reopened on later loads;
    ``read_only=True`` opens an already built one so that several processes can share it.

    >>> kg = load()
    >>> len(kg) > 1000
    True
    """
    return PartnershipGraph.load(*data, packaged=packaged, store=store, read_only=read_only)


__all__ = ["DEFAULT_PARTNERSHIP", "GraphError", "PartnershipGraph", "load"]
