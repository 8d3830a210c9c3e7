"""The name graph.serve still imports from before graph.isolation (no logic of its own here)."""

from __future__ import annotations

from graph.isolation import default_memory

__all__ = ["default_memory"]
