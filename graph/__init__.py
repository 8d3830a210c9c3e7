"""partnership-kg: a sourced knowledge graph of the Microsoft–OpenAI partnership.

>>> import graph
>>> kg = graph.load()
>>> [(h.provider, h.exclusivity) for h in kg.hosts("stateless-apis") if h.role == "hosts"]
[('Microsoft Azure', 'exclusive')]

Names are imported lazily so that ``import graph`` stays fast for the command line.
"""

from __future__ import annotations

__version__ = "0.1.0"

__all__ = [
    "AttributeChange",
    "Change",
    "Conflict",
    "DataError",
    "Evidence",
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
    "UnknownQueryError",
    "ValidationError",
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
    **{
        name: "graph.answers._types"
        for name in (
            "AttributeChange",
            "Change",
            "Conflict",
            "Evidence",
            "Fact",
            "HostRole",
            "Partner",
            "TermState",
            "TimelineEntry",
        )
    },
    **{
        name: "graph._errors"
        for name in (
            "DataError",
            "GraphError",
            "ParameterError",
            "QueryError",
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
