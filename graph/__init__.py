"""partnership-kg: a sourced knowledge graph of the Microsoft–OpenAI partnership.

>>> import graph
>>> kg = graph.load()
>>> [(h.provider, h.exclusivity) for h in kg.hosts("stateless-apis") if h.role == "hosts"]
[('Microsoft Azure', 'primary')]

(exclusive until the amended agreement of 27 April 2026, as public reports give it)
>>> [(h.provider, h.exclusivity) for h in kg.hosts("stateless-apis", as_of="2026-03") if h.role == "hosts" and h.status == "in force"]
[('Microsoft Azure', 'exclusive')]

Names are imported lazily so that ``import graph`` stays fast for the command line; type
checkers read the real imports below instead (``graph.load()`` is a PartnershipGraph to them).
"""

from __future__ import annotations

from graph._version import __version__

TYPE_CHECKING = False  # typing costs start-up time; only type checkers import it
if TYPE_CHECKING:
    from graph._errors import (
        DataError,
        GraphError,
        ParameterError,
        QueryError,
        UnknownEntityError,
        UnknownQueryError,
        ValidationError,
    )
    from graph._graph import PartnershipGraph, load
    from graph.answers import (
        AttributeChange,
        Change,
        ClaimValue,
        Conflict,
        Evidence,
        Fact,
        HostRole,
        Partner,
        TermState,
        TimelineEntry,
    )
    from graph.checks import ValidationReport, VerificationReport
    from graph.explorer import Explorer, explore
    from graph.remote import connect
    from graph.sparql import QueryResult


__all__ = [
    "AttributeChange",
    "Change",
    "ClaimValue",
    "Conflict",
    "DataError",
    "Evidence",
    "Explorer",
    "Fact",
    "GraphError",
    "HostRole",
    "ParameterError",
    "Partner",
    "PartnershipGraph",
    "QueryError",
    "QueryResult",
    "TermState",
    "TimelineEntry",
    "UnknownEntityError",
    "UnknownQueryError",
    "ValidationError",
    "ValidationReport",
    "VerificationReport",
    "__version__",
    "connect",
    "explore",
    "load",
]

_HOMES = {
    "PartnershipGraph": "graph._graph",
    "load": "graph._graph",
    "QueryResult": "graph.sparql._result",
    "connect": "graph.remote._backend",
    "explore": "graph.explorer",
    "Explorer": "graph.explorer",
    "ValidationReport": "graph.checks._shacl",
    "VerificationReport": "graph.checks._quotes",
    **{
        name: "graph.answers._types"
        for name in ("AttributeChange", "ClaimValue", "Evidence", "HostRole", "TermState")
    },
    **{name: "graph.answers._records" for name in ("Change", "Conflict", "Fact", "Partner", "TimelineEntry")},
    **{
        name: "graph._errors"
        for name in (
            "DataError",
            "GraphError",
            "ParameterError",
            "QueryError",
            "UnknownEntityError",
            "UnknownQueryError",
            "ValidationError",
        )
    },
}


def __getattr__(name: str) -> object:
    home = _HOMES.get(name)
    if home is None:
        raise AttributeError(f"module 'graph' has no attribute '{name}'")
    import importlib

    value = getattr(importlib.import_module(home), name)
    globals()[name] = value
    return value


def __dir__() -> list[str]:
    return sorted(__all__)
