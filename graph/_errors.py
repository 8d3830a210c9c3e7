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


class ValidationError(GraphError):
    """The graph does not conform to the SHACL shapes."""
