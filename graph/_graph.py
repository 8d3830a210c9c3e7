"""PartnershipGraph: the library's central object. Load once, then ask it questions."""

from __future__ import annotations

import os
from collections.abc import Mapping, Sequence

import pyoxigraph as ox

from graph import _resolve
from graph._errors import GraphError, ParameterError, QueryError
from graph._resolve import DEFAULT_PARTNERSHIP
from graph._vocab import DEFAULT_GRAPH_IRI
from graph.sparql import NamedQuery, QueryResult, query_names
from graph.store import LocalBackend, data_files, open_store

TYPE_CHECKING = False  # typing costs start-up time; only type checkers import it
if TYPE_CHECKING:
    from typing import Any

    import networkx as nx
    import rdflib

    from graph.answers import Answers, Change, Conflict, Fact, HostRole, Partner, TermState, TimelineEntry
    from graph.checks import ValidationReport, VerificationReport
    from graph.store import Backend


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
        store: ox.Store | None = getattr(self.backend, "store", None)
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
        corpus_only: bool = False,
    ) -> PartnershipGraph:
        """Load the packaged graph plus any extra data files or folders (Turtle, TriG, ...).

        With ``corpus_only``, facts reported outside the corpus are left out (their files,
        ``*.reported.ttl``, are not read): the answers of the corpus documents alone.

        With ``store``, the graph lives in an on-disk Oxigraph store in that folder: built on
        first use, reopened quickly after, rebuilt when a data file changes (see graph.store._ondisk).
        With ``read_only`` as well, an already built store is opened read-only, so that several
        processes can share it (GraphError if it needs building).
        """
        for one in data:
            if not isinstance(one, (str, os.PathLike)):
                raise ParameterError(
                    f"expected a data file or folder (a path), got {type(one).__name__} {one!r}"
                )
        files = data_files(data, packaged=packaged, corpus_only=corpus_only)
        if store is not None:
            from graph.store import open_persistent, open_read_only

            opened = open_read_only(files, store) if read_only else open_persistent(files, store)
            return cls(opened, files)
        return cls(open_store(files, use_cache=use_cache), files)

    def __len__(self) -> int:
        return self.backend.triples()

    def __repr__(self) -> str:
        url = getattr(self.backend, "url", None)
        where = f"at {url}" if url else f"from {len(self.files)} data files"
        return f"<PartnershipGraph: {len(self):,} triples {where}>"

    # -- SPARQL -----------------------------------------------------------------------------

    def query(
        self, sparql: str, params: Mapping[str, Any] | None = None, *, allow_service: bool = False
    ) -> QueryResult:
        """Run a named query (``who-hosts-what``) or SPARQL text, with parameters bound as terms.

        Parameters of a named query are typed by its header (entity, agreement, date, text);
        parameters of ad-hoc text are bound as IRIs (``<...>`` or ``pk:x``) or strings.
        Federated ``SERVICE`` calls are refused unless ``allow_service=True``: ad-hoc text runs
        in a child process without network access (see graph.sparql._guard).
        """
        if not isinstance(sparql, str):
            raise QueryError(f"expected a named query or SPARQL text, got {type(sparql).__name__}")
        if sparql in query_names():
            return self.run_named(sparql, params or {})
        from graph.sparql import parse_value
        from graph.store import untrusted_query

        bindings = {k: parse_value(v) if isinstance(v, str) else v for k, v in (params or {}).items()}
        return untrusted_query(self.backend, sparql, bindings, allow_service=allow_service)

    def run_named(
        self, query: NamedQuery | str, params: Mapping[str, Any], *, allow_service: bool = False
    ) -> QueryResult:
        """Run a named query after checking and binding its parameters.

        A query that is not one of the packaged named queries (say, read from a user's ``.rq``
        file with ``load_query_file``) is untrusted text: SERVICE is refused as for ``query``.
        """
        return _resolve.run_named(self.backend, query, params, allow_service=allow_service)

    def bind(self, query: NamedQuery, params: Mapping[str, Any]) -> dict[str, Any]:
        """Check a named query's parameters and turn each value into an RDF term."""
        return _resolve.bind(self.backend, query, params)

    # -- Resolving what users type ------------------------------------------------------------

    def resolve(self, value: str) -> str | None:
        """The IRI of an entity given by IRI, ``pk:`` id, bare id or name (case-insensitive)."""
        return _resolve.resolve(self.backend, value)

    def resolve_agreement(self, value: str, partnership: str | None = None) -> str:
        """An agreement's IRI from its id, its name, or a date (the agreement in force then)."""
        return _resolve.resolve_agreement(self.backend, value, partnership)

    def agreement_in_force(self, date: str, partnership: str | None = None) -> str | None:
        """The latest agreement of a partnership certainly made by ``date`` (YYYY[-MM[-DD]])."""
        return _resolve.agreement_in_force(self.backend, date, partnership)

    # -- Questions ----------------------------------------------------------------------------
    # (graph.questions is imported on first use, not for a cycle: it does not import this module,
    # but ``kg query`` needs none of it, nor the dataclasses machinery its answer types cost.)

    def ask(self, name: str, **params: Any) -> Answers[Any]:
        """The answer to any named question (graph.questions): ``kg.ask("hosts", as_of="2025-06")``.

        UnknownQueryError for an unknown question, ParameterError for a parameter it lacks.
        """
        from graph.answers import Answers
        from graph.questions import ask

        return Answers(ask(self.backend, name, params))

    def hosts(self, subject: str | None = None, as_of: str | None = None) -> Answers[HostRole]:
        """Who hosts, serves, distributes or supplies compute for what (optionally: what, when).

        UnknownEntityError (with the nearest names) when no entity matches ``subject``.
        """
        return self.ask("hosts", subject=subject, as_of=as_of)

    def changes(self, from_: str, to: str, partnership: str | None = None) -> Answers[Change]:
        """How each clause differs between two agreements (ids, names or dates)."""
        return self.ask("changes", from_=from_, to=to, partnership=partnership)

    def terms(self, as_of: str, partnership: str | None = None) -> Answers[TermState]:
        """The terms in force (or possibly in force) on a date."""
        return self.ask("terms", as_of=as_of, partnership=partnership)

    def timeline(self, partnership: str | None = None) -> Answers[TimelineEntry]:
        """Agreements and announcements in order, with date precision (of one partnership if given)."""
        return self.ask("timeline", partnership=partnership)

    def sources_for(self, entity: str) -> Answers[Fact]:
        """Every fact that is or names the entity, with the sources and quotes behind it.

        UnknownEntityError (with the nearest names) when no entity matches.
        """
        return self.ask("sources", entity=entity)

    def conflicts(self) -> Answers[Conflict]:
        """Subjects and properties on which sources disagree, with each side's sources."""
        return self.ask("conflicts")

    def secondary_only(self) -> Answers[Fact]:
        """Facts that no primary source states."""
        return self.ask("secondary")

    def partners(self, org: str) -> Answers[Partner]:
        """An organisation's partners and in what capacity (UnknownEntityError if none matches)."""
        return self.ask("partners", org=org)

    # -- Other forms --------------------------------------------------------------------------

    def serialize(
        self,
        fmt: str = "ttl",
        *,
        graph: str | None = DEFAULT_GRAPH_IRI,
        full: bool = False,
        ontology: bool = False,
    ) -> bytes:
        """The whole graph as ttl, trig, jsonld, nq, nt or graphml, sorted so that runs give the same bytes.

        TriG and N-Quads put the triples in the named graph ``graph`` (None: the default graph);
        GraphML leaves out the ontology, the text selectors and the controlled values (as
        ``to_networkx`` does) unless ``full`` is true (``ontology``: the same, its older name).
        """
        from graph.output import serialize

        return serialize(self.backend, fmt, graph=graph, full=full or ontology)

    def to_rdflib(self) -> rdflib.Graph:
        """The graph as an ``rdflib.Graph`` (rdflib is the library's RDF object model)."""
        from graph.output import to_rdflib

        return to_rdflib(self.backend)

    def to_networkx(self, full: bool = False) -> nx.MultiDiGraph[str]:
        """The graph as a ``networkx.MultiDiGraph``, the same nodes as the GraphML export: resources
        are nodes with a label, a kind and their values as attributes; properties are edges. The
        ontology, text selectors and controlled values (which become attributes) are left out
        unless ``full``."""
        from graph.output import to_networkx

        return to_networkx(self.backend, full)

    def validate(self, engine: str = "sparql") -> ValidationReport:
        """Check the graph against the SHACL shapes (``engine``: ``sparql``, each constraint as a
        query on the store, or ``pyshacl``, the reference); returns a ValidationReport."""
        from graph.checks import validate

        return validate(self.backend, engine)

    def verify_sources(
        self, folder: str | os.PathLike[str] | Sequence[str | os.PathLike[str]]
    ) -> VerificationReport:
        """Check every evidence quote, its position and each source hash against a folder (or
        folders) of source texts."""
        from pathlib import Path

        from graph.checks import verify_sources

        many: list[object] = list(folder) if isinstance(folder, (list, tuple)) else [folder]
        paths = [Path(one) for one in many if isinstance(one, (str, os.PathLike))]
        if len(paths) != len(many):
            wrong = next(one for one in many if not isinstance(one, (str, os.PathLike)))
            raise ParameterError(f"expected a folder (a path), got {type(wrong).__name__} {wrong!r}")
        return verify_sources(self.backend, paths)


def load(
    *data: str | os.PathLike[str],
    packaged: bool = True,
    store: str | os.PathLike[str] | None = None,
    read_only: bool = False,
    corpus_only: bool = False,
) -> PartnershipGraph:
    """Load the packaged graph plus any extra data files or folders.

    ``corpus_only=True`` leaves out the facts reported outside the corpus (``*.reported.ttl``).

    ``store=DIR`` keeps the graph in an on-disk store in DIR, reopened on later loads;
    ``read_only=True`` opens an already built one so that several processes can share it.

    >>> kg = load()
    >>> len(kg) > 1000
    True
    """
    return PartnershipGraph.load(
        *data, packaged=packaged, store=store, read_only=read_only, corpus_only=corpus_only
    )


__all__ = ["DEFAULT_PARTNERSHIP", "GraphError", "PartnershipGraph", "load"]
