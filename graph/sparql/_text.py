"""Reading SPARQL text without a full parser: where the WHERE group starts, what the query does.

A small tokenizer skips comments, strings and IRIs, so a ``{``, ``WHERE`` or ``SERVICE`` inside a
literal or an IRI is never taken for syntax. Used to bind parameters with ``VALUES`` on remote
endpoints, to add the project prefixes a query uses, and by ``kg serve`` to refuse updates and
federated queries with a clear message before anything runs.

>>> insert_values("SELECT ?x WHERE { ?x ?p ?o }", {"x": ox.NamedNode("http://example.org/a")})
'SELECT ?x WHERE {\\n  VALUES (?x) { (<http://example.org/a>) }\\n ?x ?p ?o }'
"""

from __future__ import annotations

import re
from collections.abc import Iterator, Mapping

import pyoxigraph as ox

from graph._errors import QueryError
from graph._vocab import PREFIXES

TYPE_CHECKING = False  # typing costs start-up time; only type checkers import it
if TYPE_CHECKING:
    from typing import Any

_LOCAL = r"""(?:[\w.\-%:]|\\[_~.\-!$&'()*+,;=/?\#@%])*"""  # a prefixed name's local part, escapes included
_TOKEN = (  # compiled on first use, by re's cache (compiling it costs ``kg``'s start-up time)
    r"""(?P<comment>\#[^\r\n]*)
      | (?P<string>\"\"\"(?:[^"\\]|\\.|"(?!""))*\"\"\"|'''(?:[^'\\]|\\.|'(?!''))*'''
                  |"(?:[^"\\\n\r]|\\.)*"|'(?:[^'\\\n\r]|\\.)*')
      | (?P<iri><[^<>"{}|^`\\\x00-\x20]*>)
      | (?P<open>\{) | (?P<close>\}) | (?P<lp>\() | (?P<rp>\))
      | (?P<word>[?$]?[A-Za-z_][\w\-]*(?::"""
    + _LOCAL
    + r""")?|:"""
    + _LOCAL
    + r""")
      | (?P<escape>\\.)
    """
)
_FLAGS = re.X | re.S
# As SPARQL's grammar reads them: a comment ends at either line break, a short string may hold
# neither, and a backslash outside strings escapes the next character (in a prefixed name such as
# ex:a\#b), so an escaped quote or ``#`` never opens a string or a comment that hides a keyword.
FORMS = ("SELECT", "CONSTRUCT", "ASK", "DESCRIBE")
"""The four query forms."""

UPDATE_WORDS = ("INSERT", "DELETE", "LOAD", "CLEAR", "CREATE", "DROP", "COPY", "MOVE", "ADD", "WITH")
"""The words a SPARQL Update operation can start with."""


def _tokens(text: str) -> Iterator[re.Match[str]]:
    return re.finditer(_TOKEN, text, _FLAGS)


def compact(text: str) -> str:
    """The query without comments, each run of spaces between tokens one space (for a GET URL).

    >>> compact("SELECT ?x # the thing" + chr(10) + "WHERE {   ?x ?p '# not a  comment' }")
    "SELECT ?x WHERE { ?x ?p '# not a  comment' }"
    """
    parts, between, end = [], "", 0
    for token in _tokens(text):
        between += text[end : token.start()] + (" " if token.lastgroup == "comment" else "")
        if token.lastgroup != "comment":
            parts += [re.sub(r"\s+", " ", between), token.group()]
            between = ""
        end = token.end()
    parts.append(re.sub(r"\s+", " ", between + text[end:]))
    return "".join(parts).strip()


def first_keyword(text: str) -> str | None:
    """The first word after the prologue (PREFIX and BASE declarations), upper-cased.

    >>> first_keyword("PREFIX ex: <http://e/> # hi\\nDROP ALL")
    'DROP'
    >>> first_keyword("# SELECT in a comment\\nask { }")
    'ASK'
    """
    skip = 0
    for match in _tokens(text):
        if match.lastgroup in ("comment", "iri"):
            continue
        word = match.group().upper() if match.lastgroup == "word" else None
        if skip:
            skip -= 1
            continue
        if word == "PREFIX":
            skip = 1  # the prefix name; its IRI token is skipped above
        elif word == "BASE":
            continue
        else:
            return word
    return None


def is_update(text: str) -> bool:
    """Whether the text is a SPARQL Update request rather than a query.

    >>> is_update("PREFIX ex: <http://e/>\\nINSERT DATA { ex:a ex:b ex:c }"), is_update("SELECT * {}")
    (True, False)
    """
    return first_keyword(text) in UPDATE_WORDS


def uses_service(text: str) -> bool:
    """Whether the query calls another endpoint with ``SERVICE`` (outside strings and IRIs).

    >>> uses_service('SELECT * { SERVICE <http://e/sparql> { ?s ?p ?o } }'), uses_service('ASK { ?s ?p "SERVICE" }')
    (True, False)
    """
    return any(m.lastgroup == "word" and m.group().upper() == "SERVICE" for m in _tokens(text))


def insert_values(text: str, bindings: Mapping[str, Any]) -> str:
    """The query with a ``VALUES`` row binding each parameter, first in its outermost WHERE group.

    Each value is an RDF term (a pyoxigraph NamedNode or Literal) written in N-Triples syntax, as
    Jena's ParameterizedSparqlString does, so it is always exactly one term.

    >>> insert_values('ASK { ?s ?p ?o }', {"o": ox.Literal('"} DROP ALL {')})
    'ASK {\\n  VALUES (?o) { ("\\\\"} DROP ALL {") }\\n ?s ?p ?o }'
    """
    if not bindings:
        return text
    names = " ".join(f"?{_variable(name)}" for name in bindings)
    values = " ".join(_term(value) for value in bindings.values())
    at = where_group(text)
    return f"{text[:at]}\n  VALUES ({names}) {{ ({values}) }}\n{text[at:]}"


def _variable(name: str) -> str:
    if not re.fullmatch(r"[A-Za-z_][A-Za-z0-9_]*", name):
        raise QueryError(f"not a SPARQL variable name: {name!r}")
    return name


def _term(value: Any) -> str:
    if isinstance(value, (ox.NamedNode, ox.Literal)):
        return str(value)
    raise QueryError(f"a parameter can only be bound to an IRI or a literal, not {value!r}")


def where_group(text: str) -> int:
    """The offset just after the ``{`` that opens the query's outermost WHERE group.

    >>> q = "CONSTRUCT { ?s ?p ?o } WHERE { ?s ?p ?o }"
    >>> q[where_group(q):]
    ' ?s ?p ?o }'
    """
    depth = paren = 0
    form = None
    where = template = False
    for match in _tokens(text):
        kind = match.lastgroup
        if kind == "lp":
            paren += 1
        elif kind == "rp":
            paren -= 1
        elif kind == "close":
            depth -= 1
        elif kind == "word" and depth == 0 and paren == 0:
            word = match.group().upper()
            if form is None and word in FORMS:
                form = word
            elif word == "WHERE":
                where = True
        elif kind == "open":
            if depth == 0 and paren == 0 and form is not None and (where or form != "CONSTRUCT"):
                if form == "CONSTRUCT" and not template:
                    raise QueryError(
                        "cannot bind parameters in CONSTRUCT WHERE { }; write CONSTRUCT { } WHERE { }"
                    )
                return match.end()
            template = template or (depth == 0 and form == "CONSTRUCT")
            depth += 1
    raise QueryError("cannot bind parameters: the query has no WHERE group")


def with_prefixes(text: str) -> str:
    """The query with PREFIX declarations for the project prefixes it uses without declaring.

    >>> with_prefixes("SELECT * { ?s a kg:Agreement }").splitlines()[0]
    'PREFIX kg: <https://w3id.org/partnership-kg/ns#>'
    """
    declared: set[str] = set()
    used: set[str] = set()
    after_prefix = False
    for match in _tokens(text):
        if match.lastgroup != "word":
            after_prefix = False
            continue
        word = match.group()
        if after_prefix:
            declared.add(word.split(":", 1)[0])
            after_prefix = False
        elif word.upper() == "PREFIX":
            after_prefix = True
        elif ":" in word and not word.startswith(("?", "$")):
            used.add(word.split(":", 1)[0])
    missing = [p for p in PREFIXES if p in used and p not in declared]
    return "".join(f"PREFIX {p}: <{PREFIXES[p]}>\n" for p in missing) + text


__all__ = [
    "FORMS",
    "UPDATE_WORDS",
    "first_keyword",
    "insert_values",
    "is_update",
    "uses_service",
    "where_group",
]
