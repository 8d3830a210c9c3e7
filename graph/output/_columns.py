"""The headers a reader sees for the answer types' table columns, and ``--columns`` checking.

(Each answer type states its own columns: ``HostRole.COLUMNS`` and so on, in graph.answers._types.)
"""

from __future__ import annotations

from collections.abc import Sequence

from graph.answers import header

__all__ = ["header", "pick"]


def pick(requested: str, fields: Sequence[str]) -> list[str]:
    """The columns a user asked for (``--columns provider,role``), checked against the fields."""
    from graph._errors import GraphError

    chosen = [c.strip() for c in requested.split(",") if c.strip()]
    unknown = [c for c in chosen if c not in fields]
    if unknown or not chosen:
        raise GraphError(
            f"unknown column '{unknown[0] if unknown else requested}'; accepted: {', '.join(fields)}"
        )
    return chosen
