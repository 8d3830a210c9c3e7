"""What ``kg serve``'s workers load, fixed when the server starts: a snapshot or a pinned store."""

from __future__ import annotations

import logging
import os
import time
from dataclasses import dataclass
from typing import Any

from graph._errors import GraphError

log = logging.getLogger("graph.serve")


@dataclass(frozen=True)
class Source:
    """Where every worker reads the graph from, fixed when the server starts.

    ``kind`` is ``snapshot`` (an N-Quads file of the merged graph, written at start) or ``store``
    (one built on-disk store generation, pinned for as long as the server runs), so a data file
    edited, broken or rebuilt while serving never changes what a new worker loads.
    """

    kind: str
    path: str
    files: tuple[str, ...] = ()
    triples: int = 0


def files_key(files: tuple[str, ...]) -> str:
    """The data files' paths, sizes and modification times (a missing file counts as a change)."""
    parts = []
    for path in files:
        try:
            stat = os.stat(path)
            parts.append(f"{path}\0{stat.st_size}\0{stat.st_mtime_ns}")
        except OSError:
            parts.append(f"{path}\0missing")
    return "\n".join(parts)


def prepare_source(
    data: tuple[str, ...], store: str | None, scratch: str, corpus_only: bool = False
) -> tuple[Source, Any]:
    """Fix what the workers will load: a snapshot in ``scratch``, or the store's current generation
    (``corpus_only``: without the ``*.reported.*`` files).

    Returns the Source and a handle to keep open while serving (a store generation's read lock).
    GraphError when the data cannot be loaded or the store is not built.
    """
    from graph.store import data_files

    files = tuple(data_files(data, corpus_only=corpus_only))
    if store is not None:
        from graph.store import pin_generation

        path, lock = pin_generation(files, store)
        return Source("store", path, files), lock
    import pyoxigraph as ox

    from graph._graph import PartnershipGraph

    started = time.perf_counter()
    kg = PartnershipGraph.load(*data, corpus_only=corpus_only)
    path = os.path.join(scratch, "graph.nq")
    try:
        kg.store.dump(path, format=ox.RdfFormat.N_QUADS)
    except OSError as err:
        raise GraphError(
            f"cannot write the served graph's snapshot in {scratch}: {err.strerror or err}"
        ) from None
    log.info("kg serve: snapshot of %d triples in %.1f s", len(kg), time.perf_counter() - started)
    return Source("snapshot", path, files, len(kg)), None


__all__ = ["Source", "files_key", "prepare_source"]
