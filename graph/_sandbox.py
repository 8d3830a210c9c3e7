"""The names graph.serve still imports from before graph.isolation (no logic of its own here).

Use :class:`graph.isolation.Isolation`: ``Isolation.available()`` for ``network_can_be_cut``,
``Isolation(memory=...).enter()`` for ``cut_network`` plus ``limit_memory``.
"""

from __future__ import annotations

from graph.isolation import cut, limit_memory
from graph.isolation._process import can_cut_network as network_can_be_cut
from graph.isolation._process import cut_network

__all__ = ["cut", "cut_network", "limit_memory", "network_can_be_cut"]
