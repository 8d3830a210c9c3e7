"""The headers a reader sees for the answer types' table columns, and ``--columns`` checking.

(Each answer type states its own columns: ``HostRole.COLUMNS`` and so on, in graph.answers._types.)
"""

from __future__ import annotations

from collections.abc import Sequence

from graph.answers._display import header

__all__ = ["header", "pick"]


def pick(requested: str, fields: Sequence[str]) -> list[str]:
    """The columns a user asked for (``--columns provider,role`` or by their headers,
    ``--columns "provider,hosted thing,since,sources"``), checked against the fields."""
    from graph._errors import GraphError
    from graph.output._cells import SOURCES

    accepted = {**{header(f).lower(): f for f in fields}, **{f: f for f in fields}, SOURCES: SOURCES}
    chosen = [c.strip() for c in requested.split(",") if c.strip()]
    unknown = [c for c in chosen if c.lower() not in accepted and c not in accepted]
    if unknown or not chosen:
        raise GraphError(
            f"unknown column '{unknown[0] if unknown else requested}'; accepted: {', '.join(fields)}, "
            f"{SOURCES} (or the headers: {', '.join(header(f).lower() for f in fields)})"
        )
    return [accepted.get(c, accepted.get(c.lower(), c)) for c in chosen]
