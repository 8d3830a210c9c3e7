"""Binding parameters into query text for a store that has no parameter API (a remote endpoint).

Each bound variable is replaced, everywhere in the query's WHERE group, by its RDF term written
by pyoxigraph in N-Triples syntax (an IRI validated when the NamedNode was made, a literal
escaped), as Jena's ``ParameterizedSparqlString`` does; a ``VALUES`` row at the start of the
group still binds the variable itself, so that the projection, ``GROUP BY`` and ``ORDER BY`` see
it. The term reaches every use — ``UNION`` branches and ``FILTER NOT EXISTS`` included, which a
``VALUES`` block alone does not (groups are evaluated bottom-up) — and a value is always exactly
one term, so it can never change the query's structure. Only the tokens the tokenizer of
graph.sparql._text reads as the variable are replaced: never text inside strings, IRIs or
comments, never a variable being defined (``AS ?x``) or projected by a sub-``SELECT``; and
``BOUND(?x)`` becomes ``sameTerm(term, term)``, which is true.

>>> import pyoxigraph as ox
>>> bind_terms("SELECT ?o WHERE { { ?s ?p ?o } UNION { FILTER NOT EXISTS { ?o ?p ?s } } }",
...            {"o": ox.Literal("a")})
'SELECT ?o WHERE {\\n  VALUES (?o) { ("a") }\\n { ?s ?p "a" } UNION { FILTER NOT EXISTS { "a" ?p ?s } } }'
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from typing import Any

from graph._errors import QueryError
from graph.sparql._text import _term, _tokens, _variable, insert_values, where_group


def bind_terms(text: str, bindings: Mapping[str, Any]) -> str:
    """The query with each parameter's term substituted in its WHERE group, plus a VALUES row."""
    if not bindings:
        return text
    terms = {_variable(name): _term(value) for name, value in bindings.items()}
    start = where_group(text)
    end = _group_end(text, start)
    body = _substitute(text[start:end], terms)
    return insert_values(text[:start] + body + text[end:], bindings)


def _group_end(text: str, start: int) -> int:
    """The offset of the ``}`` that closes the group opened just before ``start``."""
    depth = 1
    for match in _tokens(text[start:]):
        if match.lastgroup == "open":
            depth += 1
        elif match.lastgroup == "close":
            depth -= 1
            if depth == 0:
                return start + match.start()
    raise QueryError("cannot bind parameters: the WHERE group is not closed")


def original_offset(text: str, bindings: Mapping[str, Any], offset: int) -> int:
    """Where in ``text`` the character at ``offset`` of ``bind_terms(text, bindings)`` comes from
    (a substituted term or the inserted VALUES row: where it was put), so that a parser's
    position in the bound query can be shown in the user's own text."""
    terms = {_variable(name): _term(value) for name, value in bindings.items()}
    start = where_group(text)
    end = _group_end(text, start)
    edits = _edits(text[start:end], terms)
    substituted = text[:start] + _substitute(text[start:end], terms) + text[end:]
    at = where_group(substituted)
    inserted = len(insert_values(substituted, bindings)) - len(substituted)
    if offset >= at + inserted:
        offset -= inserted
    elif offset >= at:
        return min(at, len(text))
    if offset < start:
        return offset
    shift = 0
    for begin, finish, term in edits:
        if offset - start < begin + shift:
            break
        if offset - start < begin + shift + len(term):
            return start + begin
        shift += len(term) - (finish - begin)
    return min(offset - shift, len(text))


def _substitute(body: str, terms: Mapping[str, str]) -> str:
    """The group's text with each variable token of ``terms`` replaced by its term."""
    out, at = [], 0
    for begin, finish, text in _edits(body, terms):
        out.append(body[at:begin] + text)
        at = finish
    return "".join(out) + body[at:]


def _edits(body: str, terms: Mapping[str, str]) -> list[tuple[int, int, str]]:
    """The replacements of the group's text: (start, end, new text), in order.

    ``BOUND(?x)`` of a bound ``?x`` becomes ``sameTerm(term, term)`` (true), since ``BOUND``
    takes only a variable; so a query may test whether an optional parameter was given.
    """
    edits: list[tuple[int, int, str]] = []
    tokens = list(_tokens(body))
    after_as = projecting = False
    for i, match in enumerate(tokens):
        kind, token = match.lastgroup, match.group()
        if kind == "open":
            projecting = False
        if kind != "word":
            after_as = False
            continue
        upper = token.upper()
        projecting = projecting or upper == "SELECT"  # a sub-SELECT's projection names variables
        name = token[1:] if token[0] in "?$" else None
        if name is not None and name in terms and not after_as and not projecting:
            term = terms[name]
            if _in_bound(tokens, i):
                edits.append((tokens[i - 2].start(), tokens[i - 2].end(), "sameTerm"))
                term = f"{term}, {term}"
            edits.append((match.start(), match.end(), term))
        after_as = upper == "AS"
    return edits


def _in_bound(tokens: list[re.Match[str]], i: int) -> bool:
    """Whether token ``i`` is the variable of ``BOUND ( ?x )``."""
    return (
        i >= 2
        and i + 1 < len(tokens)
        and tokens[i - 1].lastgroup == "lp"
        and tokens[i - 2].lastgroup == "word"
        and tokens[i - 2].group().upper() == "BOUND"
        and tokens[i + 1].lastgroup == "rp"
    )


__all__ = ["bind_terms", "original_offset"]
