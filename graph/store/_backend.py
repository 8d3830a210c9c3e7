"""Where queries run: the embedded Oxigraph store, or (see graph.remote._backend) a SPARQL endpoint.

PartnershipGraph talks to a backend only through ``query``, ``dump`` and ``triples``, so every
library question works the same against either.
"""

from __future__ import annotations

import os
from collections.abc import Mapping

import pyoxigraph as ox

from graph._formats import QUAD_FORMATS
from graph.sparql._result import QueryResult, run

TYPE_CHECKING = False  # typing costs start-up time; only type checkers import it
if TYPE_CHECKING:
    from typing import Any, Protocol

    class Backend(Protocol):
        """What PartnershipGraph needs from a store: ``query``, ``dump`` and ``triples``."""

        def query(self, text: str, bindings: Mapping[str, Any]) -> QueryResult:
            """Run a SPARQL query with parameters bound as RDF terms."""
            ...

        def dump(self, fmt: ox.RdfFormat) -> bytes:
            """The whole graph in an RDF format (N-Triples, N-Quads, Turtle, ...)."""
            ...

        def triples(self) -> int:
            """How many triples the graph holds."""
            ...


class LocalBackend:
    """The embedded Oxigraph store (in memory, or on disk)."""

    def __init__(self, store: ox.Store) -> None:
        self.store = store

    def query(self, text: str, bindings: Mapping[str, Any]) -> QueryResult:
        """Run a query on the store (parameters go through Oxigraph's substitutions)."""
        return run(self.store, text, bindings)

    def dump(self, fmt: ox.RdfFormat) -> bytes:
        """Serialize the default graph (or, for quad formats, every graph)."""
        try:
            if fmt in QUAD_FORMATS:
                data = self.store.dump(format=fmt)
            else:
                data = self.store.dump(format=fmt, from_graph=ox.DefaultGraph())
        except (RuntimeError, OSError) as err:
            raise self._damaged(err) from None
        return data or b""

    def triples(self) -> int:
        """The number of quads in the store."""
        try:
            return len(self.store)
        except (RuntimeError, OSError) as err:
            raise self._damaged(err) from None

    def verify(self) -> None:
        """StoreDamagedError unless an on-disk store's files have the checksums they were built with."""
        from graph.store._ondisk import verify_content

        verify_content(self.store)

    def _damaged(self, err: Exception) -> Exception:
        from graph._errors import StoreDamagedError
        from graph.store._ondisk import location_of

        location = location_of(self.store)
        if location is None and "Corruption:" not in str(err):
            return err
        return StoreDamagedError(str(err), os.path.dirname(location) if location else None)


def untrusted_query(
    backend: Backend, text: str, bindings: Mapping[str, Any], *, allow_service: bool = False
) -> QueryResult:
    """Run SPARQL text that is not a packaged named query: on the embedded store through the
    SERVICE guard (graph.sparql._guard); a remote endpoint's calls are its own affair."""
    store = getattr(backend, "store", None)
    if store is None:
        return backend.query(text, bindings)
    from graph.sparql._guard import guarded_query
    from graph.store._ondisk import location_of

    return guarded_query(store, text, bindings, allow_service=allow_service, location=location_of(store))
