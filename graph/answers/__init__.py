"""The library's answers: typed, frozen values with their evidence and basis, read in batches."""

from __future__ import annotations

from graph._lazy import lazy

# -- the names other subpackages import (loaded on first use, so that importing one costs nothing) --

TYPE_CHECKING = False  # typing costs start-up time; only type checkers import it
if TYPE_CHECKING:
    from graph.answers._basis import BasisReader
    from graph.answers._display import Answers, header
    from graph.answers._ended import ended_roles
    from graph.answers._evidence import evidence_for
    from graph.answers._horizon import after_horizon, beyond, horizon
    from graph.answers._records import Change, Conflict, Fact, Partner, TimelineEntry
    from graph.answers._types import (
        Answer,
        AttributeChange,
        Basis,
        Citation,
        ClaimValue,
        Evidence,
        HostRole,
        TermState,
        flat,
    )

_HOMES = {
    "flat": "graph.answers._types",
    "Answer": "graph.answers._types",
    "Answers": "graph.answers._display",
    "AttributeChange": "graph.answers._types",
    "Basis": "graph.answers._types",
    "BasisReader": "graph.answers._basis",
    "Change": "graph.answers._records",
    "ClaimValue": "graph.answers._types",
    "Conflict": "graph.answers._records",
    "Citation": "graph.answers._types",
    "Evidence": "graph.answers._types",
    "Fact": "graph.answers._records",
    "HostRole": "graph.answers._types",
    "Partner": "graph.answers._records",
    "TermState": "graph.answers._types",
    "TimelineEntry": "graph.answers._records",
    "after_horizon": "graph.answers._horizon",
    "beyond": "graph.answers._horizon",
    "ended_roles": "graph.answers._ended",
    "evidence_for": "graph.answers._evidence",
    "horizon": "graph.answers._horizon",
    "header": "graph.answers._display",
}

__getattr__ = lazy(__name__, _HOMES)


__all__ = [
    "Answer",
    "Answers",
    "AttributeChange",
    "Basis",
    "BasisReader",
    "Change",
    "Citation",
    "ClaimValue",
    "Conflict",
    "Evidence",
    "Fact",
    "HostRole",
    "Partner",
    "TermState",
    "TimelineEntry",
    "after_horizon",
    "beyond",
    "ended_roles",
    "evidence_for",
    "flat",
    "header",
    "horizon",
]
