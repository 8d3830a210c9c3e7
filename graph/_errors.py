"""Errors the library raises. Each renders as a one- or two-line message for the CLI."""

from __future__ import annotations


class GraphError(Exception):
    """Base class: any error caused by the user's input (data, query, parameters)."""


class DataError(GraphError):
    """A data file is missing, malformed or unreadable."""

    def __init__(self, path: str, message: str, line: int | None = None) -> None:
        self.path = path
        self.line = line
        where = f"{path}:{line}" if line else path
        super().__init__(f"{where}: {message}")


class QueryError(GraphError):
    """A SPARQL text does not parse, or a query cannot run."""


class StoreDamagedError(GraphError):
    """An on-disk store's files are not as built (RocksDB reports corruption, or a checksum differs)."""

    def __init__(self, detail: str, folder: str | None = None) -> None:
        first = detail.strip().splitlines()[0] if detail.strip() else "unknown damage"
        where = f"the store in {folder}" if folder else "the store"
        fix = f"delete {folder} to rebuild it" if folder else "delete its folder to rebuild it"
        super().__init__(f"{where} is damaged ({first[:300]}); {fix}")


class UnknownQueryError(GraphError):
    """No named query has this name."""

    def __init__(self, name: str, suggestions: list[str], available: list[str]) -> None:
        self.name = name
        self.suggestions = suggestions
        hint = ", ".join(suggestions) if suggestions else ", ".join(available)
        label = "did you mean" if suggestions else "known queries"
        super().__init__(f"unknown query '{name}'; {label}: {hint}")


class ParameterError(GraphError):
    """A query parameter is missing, unknown or malformed."""


_EXAMPLES = {"organisation": "openai", "partnership": "partnership-openai-amazon"}


class UnknownEntityError(ParameterError):
    """No entity in the graph matches what was given (an IRI, an id or a name).

    The library's questions raise it for every entity they are given (a subject, an
    organisation, a partnership); ``near`` holds the closest ids and names the graph knows.
    """

    def __init__(self, value: str, near: list[str], kind: str = "entity") -> None:
        self.value = value
        self.near = near
        self.kind = kind
        example = _EXAMPLES.get(kind, "frontier")
        hint = f"did you mean: {', '.join(near)}?" if near else f"give an id ({example}) or a name"
        super().__init__(f"no {kind} matches '{value}'; {hint}")


class ValidationError(GraphError):
    """The graph does not conform to the SHACL shapes."""
