"""kg serve: the SPARQL endpoint, answer routes, entity pages and explorer, with isolated workers."""

from __future__ import annotations

from graph._lazy import lazy

# -- the names other subpackages import (loaded on first use, so that importing one costs nothing) --

TYPE_CHECKING = False  # typing costs start-up time; only type checkers import it
if TYPE_CHECKING:
    from graph.serve._app import ServeOptions
    from graph.serve._run import run_serve

_HOMES = {
    "ServeOptions": "graph.serve._app",
    "run_serve": "graph.serve._run",
}

__getattr__ = lazy(__name__, _HOMES)


__all__ = ["ServeOptions", "run_serve"]
