"""Running SPARQL on the Oxigraph store, and the QueryResult every query returns.

A QueryResult keeps its answer in a standard serialisation (SPARQL 1.1 Query Results JSON for
SELECT and ASK, N-Triples for CONSTRUCT and DESCRIBE), so one answer renders as JSON, XML, CSV,
TSV, a table or rdflib terms, and a remote endpoint's answer is the same kind of object.
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping

import pyoxigraph as ox

from graph._errors import QueryError
from graph._formats import GRAPH_FORMATS, RESULT_FORMATS
from graph._vocab import PREFIXES

TYPE_CHECKING = False  # typing costs start-up time; only type checkers import it
if TYPE_CHECKING:
    from typing import Any

# An engine's error message, read by these patterns (compiled on first use, by re's cache: only
# an error needs them, and compiling costs start-up time)
_POSITION = r"error at (\d+):(\d+): ?(.*)"
_EXPECTED = r"(expected one of )(.*)"
_ITEM = r"""\"(?:\\.|[^"\\])*"|\[(?:'(?:\\.|[^'\\])*'|[^\]'])*\]|[^,\s][^,]*"""
_LONGEST = 200


class QueryResult:
    """The answer to one query: ``kind`` is ``select``, ``ask`` or ``graph``.

    Iterating a SELECT result yields one dict per row, mapping variable names to rdflib terms.
    """

    def __init__(self, kind: str, payload: bytes) -> None:
        self.kind = kind
        self.payload = payload
        self._parsed: tuple[list[str], list[tuple[Any, ...]]] | None = None

    @classmethod
    def from_oxigraph(cls, result: Any) -> QueryResult:
        """Wrap what ``pyoxigraph.Store.query`` returned."""
        if isinstance(result, ox.QuerySolutions):
            return cls("select", result.serialize(format=ox.QueryResultsFormat.JSON) or b"")
        if isinstance(result, ox.QueryBoolean):
            return cls("ask", result.serialize(format=ox.QueryResultsFormat.JSON) or b"")
        return cls("graph", ox.serialize(result, format=ox.RdfFormat.N_TRIPLES) or b"")

    def _solutions(self) -> tuple[list[str], list[tuple[Any, ...]]]:
        if self._parsed is None:
            if self.kind != "select":
                raise QueryError(f"a {self.kind.upper()} result has no rows")
            parsed = ox.parse_query_results(self.payload, format=ox.QueryResultsFormat.JSON)
            assert isinstance(parsed, ox.QuerySolutions)
            variables = [v.value for v in parsed.variables]
            rows = [tuple(solution[v] for v in variables) for solution in parsed]
            self._parsed = (variables, rows)
        return self._parsed

    @property
    def variables(self) -> list[str]:
        """The SELECT variables, in order."""
        return self._solutions()[0]

    @property
    def rows(self) -> list[tuple[Any, ...]]:
        """The rows as tuples of pyoxigraph terms (None where unbound)."""
        return self._solutions()[1]

    @property
    def boolean(self) -> bool:
        """The answer of an ASK query."""
        if self.kind != "ask":
            raise QueryError("only an ASK query has a boolean answer")
        return bool(ox.parse_query_results(self.payload, format=ox.QueryResultsFormat.JSON))

    def values(self) -> list[dict[str, Any]]:
        """The rows as dicts of plain strings (term values; None where unbound)."""
        variables, rows = self._solutions()
        return [{v: (t.value if t is not None else None) for v, t in zip(variables, row)} for row in rows]

    def __iter__(self) -> Iterator[dict[str, Any]]:
        from graph.sparql._terms import to_rdflib

        variables, rows = self._solutions()
        for row in rows:
            yield {v: to_rdflib(t) for v, t in zip(variables, row) if t is not None}

    def __len__(self) -> int:
        return len(self.rows) if self.kind == "select" else 1

    def __repr__(self) -> str:
        from graph.sparql._display import result_repr

        return result_repr(self)

    def _repr_html_(self) -> str:
        """The answer as an HTML table, for Jupyter (see graph.sparql._display)."""
        from graph.sparql._display import result_html

        return result_html(self)

    def to_dataframe(self) -> Any:
        """A SELECT result as a pandas DataFrame with typed columns (needs the ``pandas`` extra)."""
        from graph.sparql._display import result_dataframe

        return result_dataframe(self)

    def triples(self) -> list[Any]:
        """The triples of a CONSTRUCT or DESCRIBE result, as pyoxigraph Triples."""
        if self.kind != "graph":
            raise QueryError("only a CONSTRUCT or DESCRIBE result has triples")
        return list(ox.parse(self.payload, format=ox.RdfFormat.N_TRIPLES))

    def serialize(self, fmt: str = "json") -> bytes:
        """The answer in a W3C format: json, xml, csv or tsv (SELECT/ASK); ttl, nt, jsonld, xml (graphs)."""
        if self.kind == "graph":
            if fmt not in GRAPH_FORMATS:
                raise QueryError(
                    f"format '{fmt}' is not for CONSTRUCT/DESCRIBE results; use one of {', '.join(GRAPH_FORMATS)}"
                )
            if fmt == "nt":
                return self.payload
            return ox.serialize(self.triples(), format=GRAPH_FORMATS[fmt], prefixes=PREFIXES) or b""
        if fmt not in RESULT_FORMATS:
            raise QueryError(
                f"format '{fmt}' is not for SELECT/ASK results; use one of {', '.join(RESULT_FORMATS)}"
            )
        if fmt == "json":
            return self.payload
        parsed = ox.parse_query_results(self.payload, format=ox.QueryResultsFormat.JSON)
        return parsed.serialize(format=RESULT_FORMATS[fmt]) or b""


def run(store: ox.Store, text: str, bindings: Mapping[str, Any] | None = None) -> QueryResult:
    """Run a SPARQL query on the store with parameters bound as RDF terms (never spliced).

    The terms are bound as on every other engine (graph.sparql._bind): substituted for the
    variable wherever the WHERE group uses it, sub-SELECTs included, which Oxigraph's own
    ``substitutions`` do not reach.
    """
    names = [n for n in bindings or {} if not (str(n).isascii() and str(n).isidentifier())]
    if names:  # (an ASCII identifier: [A-Za-z_][A-Za-z0-9_]*)
        listed = ", ".join(repr(n)[:40] for n in names)
        raise QueryError(f"parameter names must be SPARQL variable names (letters, digits, _): {listed}")
    bound = text
    if bindings:  # (the binder imports re: importing it costs start-up time)
        from graph.sparql._bind import bind_terms

        bound = bind_terms(text, bindings)
    try:
        result = store.query(bound, prefixes=PREFIXES)
        return QueryResult.from_oxigraph(result)
    except SyntaxError as err:
        from graph.sparql._text import is_update

        if is_update(text):
            raise QueryError(UPDATES_REFUSED) from None
        message = str(err) if bound == text else _in_own_text(str(err), bound, text, bindings or {})
        raise QueryError(syntax_message(message)) from None
    except (RuntimeError, OSError, ValueError) as err:
        if "Corruption:" in str(err):
            from graph._errors import StoreDamagedError

            raise StoreDamagedError(str(err)) from None
        raise QueryError(f"query failed: {err}") from None


def _in_own_text(message: str, bound: str, text: str, bindings: Mapping[str, Any]) -> str:
    """A parser message about the bound query, its ``error at L:C`` moved into the user's text."""
    import re

    from graph.sparql._bind import original_offset

    found = re.search(_POSITION, message, re.S)
    if not found:
        return message
    line, column = int(found.group(1)), int(found.group(2))
    lines = bound.split("\n")
    offset = sum(len(one) + 1 for one in lines[: line - 1]) + column - 1
    try:
        own = original_offset(text, bindings, offset)
    except QueryError:
        return message
    own_line = text.count("\n", 0, own) + 1
    own_column = own - (text.rfind("\n", 0, own) + 1) + 1
    return f"{message[: found.start()]}error at {own_line}:{own_column}: {found.group(3)}"


UPDATES_REFUSED = (
    "SPARQL updates (INSERT, DELETE, LOAD, CLEAR, ...) are not supported: the graph is read-only"
)


def syntax_message(message: str) -> str:
    """A parser message with its position spelled out as line and column.

    The parser's list of expected tokens stays on one line: its character classes become words
    ("a letter", "a digit"), and a very long list is cut.

    >>> syntax_message("error at 1:25: expected one of LATERAL, SERVICE")
    'SPARQL syntax error at line 1, column 25: expected one of LATERAL, SERVICE'
    >>> syntax_message("error at 1:9: expected one of \\"{\\", ['0'..='9'], ['A' ..= 'Z'\\n| 'a' ..= 'z'], [_]")
    'SPARQL syntax error at line 1, column 9: expected one of "{", a digit, a letter, _'
    """
    import re  # (only here: importing re costs start-up time)

    match = re.search(_POSITION, message, re.S)
    if not match:
        return f"SPARQL syntax error: {_one_line(message)}"
    line, column, rest = match.groups()
    return f"SPARQL syntax error at line {line}, column {column}: {_one_line(rest)}"


def _one_line(text: str) -> str:
    """The parser's text on one line, its character classes named, cut at a readable length."""
    import re

    text = " ".join(text.split())
    listed = re.match(_EXPECTED, text, re.S)
    if listed:
        items: list[str] = []
        for item in re.findall(_ITEM, listed.group(2)):
            named = _name_class(item.strip())
            if named not in items:
                items.append(named)
        text = listed.group(1) + ", ".join(items)
    if len(text) > _LONGEST:
        text = text[: _LONGEST - 1].rsplit(",", 1)[0] + ", …"
    return text


def _name_class(item: str) -> str:
    """A parser character class in words: ``['0'..='9']`` is "a digit"; other tokens stay."""
    if not (item.startswith("[") and item.endswith("]")):
        return item
    if "'0'" in item:
        return "a digit"
    if "'A'" in item or "'a'" in item:
        return "a letter"
    return item[1:-1].strip("'") or item
