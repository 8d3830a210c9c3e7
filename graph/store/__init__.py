"""Where the graph lives: loading data files into Oxigraph, the compiled cache, on-disk stores."""

from __future__ import annotations

from graph._lazy import lazy

# -- the names other subpackages import (loaded on first use, so that importing one costs nothing) --

TYPE_CHECKING = False  # typing costs start-up time; only type checkers import it
if TYPE_CHECKING:
    from graph.store._backend import Backend as Backend  # a Protocol, for type checkers only
    from graph.store._backend import LocalBackend, untrusted_query
    from graph.store._files import data_files, open_store
    from graph.store._ondisk import (
        check_folder,
        is_current,
        open_generation,
        open_persistent,
        open_read_only,
        pin_generation,
        release,
    )

_HOMES = {
    "LocalBackend": "graph.store._backend",
    "untrusted_query": "graph.store._backend",
    "check_folder": "graph.store._ondisk",
    "data_files": "graph.store._files",
    "is_current": "graph.store._ondisk",
    "open_generation": "graph.store._ondisk",
    "open_persistent": "graph.store._ondisk",
    "open_read_only": "graph.store._ondisk",
    "open_store": "graph.store._files",
    "pin_generation": "graph.store._ondisk",
    "release": "graph.store._ondisk",
}

__getattr__ = lazy(__name__, _HOMES)


__all__ = [
    "LocalBackend",
    "check_folder",
    "data_files",
    "is_current",
    "open_generation",
    "open_persistent",
    "open_read_only",
    "open_store",
    "pin_generation",
    "release",
    "untrusted_query",
]
