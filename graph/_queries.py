"""The library of named SPARQL queries in ``queries/``: each ``.rq`` file with a comment header.

Header format (the first comment line is the one-line description)::

    # Who hosts what: every hosting, serving, ... role.
    # @param subject entity optional  Only roles on this thing ...
    # @param asOf date optional  Only roles in force on this date ...

Parameter kinds: ``entity`` (an id or a name, bound as an IRI), ``agreement`` (an id, a name or
a date), ``date`` (YYYY, YYYY-MM or YYYY-MM-DD, bound as the xsd:date of its last day) and
``text`` (bound as a string literal). Values are always bound as RDF terms, never spliced.
"""

from __future__ import annotations

import difflib
from dataclasses import dataclass
from functools import cache
from pathlib import Path

from graph._errors import GraphError, UnknownQueryError
from graph._paths import queries_dir

KINDS = ("entity", "agreement", "date", "text")


@dataclass(frozen=True)
class Parameter:
    """One parameter of a named query."""

    name: str
    kind: str
    required: bool
    description: str


@dataclass(frozen=True)
class NamedQuery:
    """A named SPARQL query: its name, one-line description, parameters and text."""

    name: str
    description: str
    parameters: tuple[Parameter, ...]
    text: str
    path: Path

    def parameter(self, name: str) -> Parameter | None:
        """The parameter called ``name``, or None."""
        return next((p for p in self.parameters if p.name == name), None)


def parse_header(text: str, path: Path) -> tuple[str, tuple[Parameter, ...]]:
    """Read the description and ``@param`` lines of a query file's leading comments.

    >>> parse_header("# Says hi.\\n# @param who text optional  Whom to greet\\nSELECT * {}", Path("x.rq"))
    ('Says hi.', (Parameter(name='who', kind='text', required=False, description='Whom to greet'),))
    """
    description = ""
    params: list[Parameter] = []
    for number, line in enumerate(text.splitlines(), start=1):
        if not line.startswith("#"):
            break
        body = line[1:].strip()
        if body.startswith("@param"):
            parts = body.split(None, 4)
            if len(parts) < 4 or parts[2] not in KINDS or parts[3] not in ("required", "optional"):
                raise GraphError(
                    f"{path}:{number}: expected '# @param NAME KIND required|optional DESCRIPTION'"
                    f" with KIND one of {', '.join(KINDS)}"
                )
            desc = parts[4].strip() if len(parts) > 4 else ""
            params.append(Parameter(parts[1], parts[2], parts[3] == "required", desc))
        elif body and not description:
            description = body
    return description, tuple(params)


def load_query_file(path: Path) -> NamedQuery:
    """Read one ``.rq`` file into a NamedQuery."""
    text = path.read_text(encoding="utf-8")
    description, params = parse_header(text, path)
    return NamedQuery(path.stem, description, params, text, path)


@cache
def named_queries() -> dict[str, NamedQuery]:
    """Every packaged named query, by name."""
    return {p.stem: load_query_file(p) for p in sorted(queries_dir().glob("*.rq"))}


def get_named_query(name: str) -> NamedQuery:
    """The named query ``name``; UnknownQueryError listing near names otherwise."""
    queries = named_queries()
    if name in queries:
        return queries[name]
    near = difflib.get_close_matches(name, list(queries), n=3, cutoff=0.5)
    raise UnknownQueryError(name, near, sorted(queries))
