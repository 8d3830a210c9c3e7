"""Checks of the graph: SHACL validation and the evidence quotes against the source corpus."""

from __future__ import annotations

from graph._lazy import lazy

# -- the names other subpackages import (loaded on first use, so that importing one costs nothing) --

TYPE_CHECKING = False  # typing costs start-up time; only type checkers import it
if TYPE_CHECKING:
    from graph.checks._anchors import Anchor, QuoteError, find_anchor, normalise
    from graph.checks._corpus import NOT_FOUND, find_sources
    from graph.checks._overlap import contradictions
    from graph.checks._passages import Texts, in_context
    from graph.checks._quotes import VerificationReport, verify_sources
    from graph.checks._shacl import ValidationReport, validate

_HOMES = {
    "NOT_FOUND": "graph.checks._corpus",
    "find_sources": "graph.checks._corpus",
    "Anchor": "graph.checks._anchors",
    "QuoteError": "graph.checks._anchors",
    "Texts": "graph.checks._passages",
    "ValidationReport": "graph.checks._shacl",
    "VerificationReport": "graph.checks._quotes",
    "contradictions": "graph.checks._overlap",
    "find_anchor": "graph.checks._anchors",
    "in_context": "graph.checks._passages",
    "normalise": "graph.checks._anchors",
    "validate": "graph.checks._shacl",
    "verify_sources": "graph.checks._quotes",
}

__getattr__ = lazy(__name__, _HOMES)


__all__ = [
    "NOT_FOUND",
    "Anchor",
    "QuoteError",
    "Texts",
    "ValidationReport",
    "VerificationReport",
    "contradictions",
    "find_anchor",
    "find_sources",
    "in_context",
    "normalise",
    "validate",
    "verify_sources",
]
