"""The graph's release: its version and a hash of its data, for citations and the VoID description."""

from __future__ import annotations

import hashlib
from dataclasses import dataclass
from typing import TYPE_CHECKING

from graph._version import __version__

if TYPE_CHECKING:
    from graph.store._backend import Backend


@dataclass(frozen=True)
class Release:
    """What names one state of the graph: the package version and the sha256 of its data
    (the sorted N-Triples of ``kg export --format nt``, so the same data always gives the same hash)."""

    version: str
    data_sha256: str
    triples: int

    @property
    def short_hash(self) -> str:
        """The first 12 hex digits of the data hash (as a citation shows it)."""
        return self.data_sha256[:12]


def release_of(backend: Backend) -> Release:
    """The release of the graph held by ``backend``."""
    from graph.output._export import serialize

    data = serialize(backend, "nt")
    return Release(__version__, hashlib.sha256(data).hexdigest(), data.count(b"\n"))


__all__ = ["Release", "release_of"]
