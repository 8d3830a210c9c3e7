"""The named questions, each declared once in a module of this package (see _question.Question).

>>> [q.name for q in registry().values()][:3]
['hosts', 'changes', 'terms']

Adding a question: its query (``queries/NAME.rq``), its module here (a ``QUESTION``), its name
in ``NAMES`` below, and its golden answers (``python -m conformance --write-golden``).
"""

from __future__ import annotations

import sys
from functools import cache

TYPE_CHECKING = False  # typing costs start-up time, and ``kg query`` reads only NAMES here
if TYPE_CHECKING:
    from collections.abc import Mapping, Sequence
    from typing import Any

    from graph.answers import Answer
    from graph.questions._question import Param, Question
    from graph.store import Backend

NAMES = (
    "hosts",
    "changes",
    "terms",
    "timeline",
    "sources",
    "conflicts",
    "secondary",
    "partners",
    "history",
)
"""Every question, in the order ``kg --help`` and the tables list them (each one module here)."""

_QUERY_ONLY: dict[str, tuple[dict[str, str], ...]] = {
    "clauses-of": (
        {"agreement": "agreement-2026-02-27"},
        {"agreement": "agreement-2019"},
        {"agreement": "2025-10"},
    ),
}
"""Test parameters of the named queries that no question answers."""


@cache
def registry() -> dict[str, Question]:
    """Every question, by name (their modules are imported on first use)."""
    return {name: _load(name) for name in NAMES}


@cache
def _load(name: str) -> Question:
    __import__(f"graph.questions.{name}")  # (importlib.import_module hides it from -X importtime)
    question: Question = sys.modules[f"graph.questions.{name}"].QUESTION
    return question


def get(name: str) -> Question:
    """The question called ``name`` (only its module is imported); UnknownQueryError listing
    near names otherwise."""
    if name in NAMES:
        return _load(name)
    import difflib

    from graph._errors import UnknownQueryError

    raise UnknownQueryError(name, difflib.get_close_matches(name, NAMES, n=3, cutoff=0.5), list(NAMES))


def ask(backend: Backend, name: str, params: Mapping[str, Any]) -> Sequence[Answer]:
    """The answer rows of the question ``name`` for these parameters."""
    return get(name).ask(backend, params)


def query_examples() -> dict[str, tuple[dict[str, str], ...]]:
    """Test parameters of every named query, by query name (the questions', then the others')."""
    found = {q.query: q.query_examples for q in registry().values()}
    return {**found, **_QUERY_ONLY}


def headlines() -> list[tuple[str, Question, dict[str, str]]]:
    """The headline questions (``kg build``): their words, question and parameters, in order."""
    return [(text, q, params) for q in registry().values() for text, params in q.headlines]


def __getattr__(name: str) -> object:
    if name in ("Param", "Question"):
        from graph.questions import _question

        return getattr(_question, name)
    raise AttributeError(f"module 'graph.questions' has no attribute '{name}'")


__all__ = ["NAMES", "Param", "Question", "ask", "get", "headlines", "query_examples", "registry"]
