"""Refusing pathologically nested SPARQL before any parser reads it.

Oxigraph parses and plans queries recursively, so deep nesting (``{`` 20,000 deep, parentheses,
blank-node brackets, OPTIONALs) or a very long operator chain (a property path ``a/b/c/...``, a
FILTER of many ``||``, thousands of ``!``) overflows the stack of the process evaluating it and
kills it. :func:`check_depth` measures, on the token stream (strings, IRIs and comments
skipped), a bound on that recursion: every open bracket counts ``BRACKET_COST`` and every
operator one, summed over the brackets still open. Past ``MAX_DEPTH`` the query is refused with
a one-line message, long before any engine would crash (each shape crashes Oxigraph at several
times the limit).
"""

from __future__ import annotations

from graph._errors import QueryError
from graph.sparql._text import _tokens

MAX_DEPTH = 500
"""The largest nesting cost accepted (brackets count BRACKET_COST each, operators one)."""

BRACKET_COST = 2
_OPEN = {"{": "}", "(": ")", "[": "]"}
_CLOSE = set(_OPEN.values())
_OPERATORS = set("/|^!+-*&=<>")
_WORDS = {"UNION", "OPTIONAL", "MINUS", "FILTER", "EXISTS", "GRAPH", "SERVICE"}


def nesting(text: str) -> int:
    """The query's largest nesting cost (see the module docstring).

    >>> nesting("SELECT * WHERE { ?s ?p ?o }"), nesting("ASK { { { } } }"), nesting("ASK { ?s <a>/<b>/<c> ?o }")
    (3, 6, 4)
    """
    levels = [0]  # the cost gathered at each open bracket's level
    total = worst = 0
    end = 0

    def visit(chunk: str) -> None:
        nonlocal total, worst
        for char in chunk:
            if char in _OPEN:
                levels.append(0)
                total += BRACKET_COST
            elif char in _CLOSE and len(levels) > 1:
                total -= BRACKET_COST + levels.pop()
                levels[-1] += 1  # a closed group is one more operand of its parent's chain
                total += 1
            elif char in _OPERATORS:
                levels[-1] += 1
                total += 1
            worst = max(worst, total)

    for token in _tokens(text):
        visit(text[end : token.start()])
        kind = token.lastgroup
        if kind in ("open", "close", "lp", "rp"):
            visit(token.group())
        elif kind == "word" and token.group().upper() in _WORDS:
            visit("+")
        end = token.end()
    visit(text[end:])
    return worst


def check_depth(text: str, limit: int = MAX_DEPTH) -> None:
    """QueryError (one line) when the query nests deeper than ``limit``."""
    found = nesting(text)
    if found > limit:
        raise QueryError(
            f"the query nests too deeply (brackets and operators {found} deep; at most {limit} "
            "are accepted): flatten it, or use VALUES for long lists of alternatives"
        )


__all__ = ["MAX_DEPTH", "check_depth", "nesting"]
