"""What the question builders share: a named query's rows as dicts, and its concatenated cells split."""

from __future__ import annotations

from graph._resolve import run_named
from graph._vocab import local_id

TYPE_CHECKING = False  # typing costs start-up time; only type checkers import it
if TYPE_CHECKING:
    from typing import Any

    from graph.store import Backend


def rows(backend: Backend, name: str, params: dict[str, Any]) -> list[dict[str, Any]]:
    """A named query's rows as dicts; the columns each query always binds are plain str."""
    return run_named(backend, name, {k: v for k, v in params.items() if v is not None}).values()


def split(text: str | None, sep: str = ", ") -> tuple[str, ...]:
    """A GROUP_CONCAT cell's parts (none for an empty or unbound cell)."""
    return tuple(part for part in (text or "").split(sep) if part)


def notes(text: str | None) -> str | None:
    """The change notes of one comparison in a fixed order (GROUP_CONCAT gives none), or None."""
    return " ".join(sorted(n for n in (text or "").split("\n") if n)) or None


def id_or_none(iri: str | None) -> str | None:
    """The project id of an IRI, or None for an unbound cell."""
    return local_id(iri) if iri else None
