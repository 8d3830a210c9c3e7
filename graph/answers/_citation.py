"""What a fact cites, as the answers show it: quotes of the corpus (Evidence) and reports read
outside it (Citation, for a reported fact)."""

from __future__ import annotations

from collections.abc import Sequence

from graph._record import Record

TYPE_CHECKING = False  # typing costs start-up time; only type checkers import it
if TYPE_CHECKING:
    from typing import Any

OMITTED_WHEN_EMPTY = frozenset({"citations", "quotes", "horizon"})
"""Fields that answers leave out when empty (only reported facts have citations, only a claim's
basis has quotes of its own, only an answer for a date after the graph's horizon names it), so
that the JSON of other answers is unchanged."""


class Evidence(Record):
    """One verbatim quote from one source document."""

    source: str
    """Id of the source node (``source-003``)."""
    file: str
    """The source's file name in the corpus folder."""
    publisher: str | None
    title: str | None
    url: str | None
    quote: str
    primary: bool
    """True when the quoted passage is primary (the parties' own words)."""


def evidence_text(evidence: Sequence[Evidence]) -> str:
    """Evidence as one line: ``file [primary]: quote | ...``."""
    return " | ".join(f"{e.file}{' [primary]' if e.primary else ''}: {e.quote}" for e in evidence)


class Citation(Record):
    """A report a reported fact rests on: no sentence of it is stored, only what identifies it."""

    id: str
    """Id of the citation node (``citation-KEY``)."""
    url: str
    publisher: str
    title: str
    published: str
    """Publication date, YYYY[-MM[-DD]]."""
    read: str
    """The date it was read, YYYY-MM-DD."""
    cites: tuple[str, ...] = ()
    """URLs of posts the report points to, which were not read themselves."""


def pruned(value: Any) -> Any:
    """``value`` (an answer's dict) without the empty fields of OMITTED_WHEN_EMPTY, at any depth."""
    if isinstance(value, dict):
        return {k: pruned(v) for k, v in value.items() if not (k in OMITTED_WHEN_EMPTY and not v)}
    if isinstance(value, (list, tuple)):
        return type(value)(pruned(v) for v in value)
    return value


def citation_text(citations: tuple[Citation, ...]) -> str:
    """Citations in one cell: ``[reported] Publisher (date), ...``."""
    return "[reported] " + ", ".join(f"{c.publisher} ({c.published})" for c in citations)
