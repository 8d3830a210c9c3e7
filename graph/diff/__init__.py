"""``kg diff OLD NEW``: what an update changed in the headline answers (graph.diff._compare),
between two data folders or two git revisions of ``data/`` (graph.diff._inputs), as a table,
JSON or an Atom feed (graph.diff._feed)."""

from __future__ import annotations

from graph._lazy import lazy

# -- the names other subpackages import (loaded on first use, so that importing one costs nothing) --

TYPE_CHECKING = False  # typing costs start-up time; only type checkers import it
if TYPE_CHECKING:
    from graph.diff._compare import AnswerDiff, compare
    from graph.diff._feed import as_json, atom, table
    from graph.diff._inputs import load_side

_HOMES = {
    "AnswerDiff": "graph.diff._compare",
    "as_json": "graph.diff._feed",
    "atom": "graph.diff._feed",
    "compare": "graph.diff._compare",
    "load_side": "graph.diff._inputs",
    "table": "graph.diff._feed",
}

__getattr__ = lazy(__name__, _HOMES)


__all__ = ["AnswerDiff", "as_json", "atom", "compare", "load_side", "table"]
