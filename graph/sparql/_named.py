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

import os
from collections import namedtuple
from functools import cache

from graph._errors import GraphError, UnknownQueryError
from graph._paths import queries_dir

KINDS = ("entity", "agreement", "date", "text")


class Parameter(namedtuple("Parameter", "name kind required description")):
    """One parameter of a named query: ``name``, ``kind`` (one of KINDS), ``required`` (bool)
    and ``description``. An immutable named tuple."""

    __slots__ = ()


class NamedQuery(namedtuple("NamedQuery", "name description parameters text path")):
    """A named SPARQL query: ``name``, one-line ``description``, ``parameters`` (a tuple of
    Parameter), the SPARQL ``text`` and the file ``path``. An immutable named tuple."""

    __slots__ = ()

    def parameter(self, name: str) -> Parameter | None:
        """The parameter called ``name``, or None."""
        return next((p for p in self.parameters if p.name == name), None)


def parse_header(text: str, path: str) -> tuple[str, tuple[Parameter, ...]]:
    """Read the description and ``@param`` lines of a query file's leading comments.

    >>> parse_header("# Says hi.\\n# @param who text optional  Whom to greet\\nSELECT * {}", "x.rq")
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


def load_query_file(path: str | os.PathLike[str]) -> NamedQuery:
    """Read one ``.rq`` file into a NamedQuery."""
    path = os.fspath(path)
    with open(path, "rb") as handle:
        data = handle.read()
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as err:
        line = data.count(b"\n", 0, err.start) + 1
        raise GraphError(f"{path}:{line}: not UTF-8 text (byte {err.start})") from None
    description, params = parse_header(text, path)
    name = os.path.splitext(os.path.basename(path))[0]
    return NamedQuery(name, description, params, text, path)


@cache
def query_names() -> dict[str, str]:
    """The packaged named queries' names and file paths (no file is read)."""
    folder = queries_dir()
    names = sorted(n for n in os.listdir(folder) if n.endswith(".rq"))
    return {n[:-3]: os.path.join(folder, n) for n in names}


@cache
def named_query(name: str) -> NamedQuery | None:
    """One packaged named query, or None."""
    path = query_names().get(name)
    return load_query_file(path) if path else None


def is_packaged(query: NamedQuery) -> bool:
    """Whether ``query`` is a packaged named query, text and all: only those are trusted to run
    without the SERVICE guard; a user's query file, however its header reads, is not."""
    return named_query(query.name) == query


def named_queries() -> dict[str, NamedQuery]:
    """Every packaged named query, by name."""
    return {name: named_query(name) for name in query_names()}  # type: ignore[misc]


def get_named_query(name: str) -> NamedQuery:
    """The named query ``name``; UnknownQueryError listing near names otherwise."""
    query = named_query(name)
    if query is not None:
        return query
    import difflib

    names = list(query_names())
    near = difflib.get_close_matches(name, names, n=3, cutoff=0.5)
    raise UnknownQueryError(name, near, names)
