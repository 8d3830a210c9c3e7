"""SPARQL endpoints over HTTP: asking one (connect, --endpoint) and pushing the graph into one (kg push)."""

from __future__ import annotations

from graph._lazy import lazy

# -- the names other subpackages import (loaded on first use, so that importing one costs nothing) --

TYPE_CHECKING = False  # typing costs start-up time; only type checkers import it
if TYPE_CHECKING:
    from graph.remote._backend import connect
    from graph.remote._push import push

_HOMES = {
    "connect": "graph.remote._backend",
    "push": "graph.remote._push",
}

__getattr__ = lazy(__name__, _HOMES)


__all__ = ["connect", "push"]
