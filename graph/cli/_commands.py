"""Every ``kg`` command, the module that declares it, and the options it takes."""

from __future__ import annotations

from graph.cli._command import CORPUS_ONLY, DATA, MEMORY_LIMIT, STORE, TIME_LIMIT, registered
from graph.questions import NAMES

TYPE_CHECKING = False  # typing costs start-up time; only type checkers import it
if TYPE_CHECKING:
    from graph.cli._command import Option, Run

COMMANDS: dict[str, str] = {
    "query": "graph.cli._query",
    **dict.fromkeys(NAMES, "graph.cli._answers"),  # the questions (graph.questions)
    "queries": "graph.cli._query",
    "validate": "graph.cli._files",
    "verify-sources": "graph.cli._files",
    "export": "graph.cli._files",
    "explore": "graph.cli._files",
    "chart": "graph.cli._chart",
    "card": "graph.cli._chart",
    "build": "graph.cli._files",
    "publish": "graph.cli._linked",
    "cite": "graph.cli._linked",
    "quickstatements": "graph.cli._linked",
    "source": "graph.cli._authoring",
    "evidence": "graph.cli._authoring",
    "add": "graph.cli._authoring",
    "diff": "graph.cli._diff",
    "serve": "graph.cli._serve",
    "push": "graph.cli._serve",
    "synth": "graph.cli._serve",
    "completion": "graph.cli._query",
}
"""Every ``kg`` command, in the order ``kg --help`` lists them, and the module that declares it."""

STANDALONE = frozenset({"synth", "completion"})
"""Commands that do not read the graph, so take no ``--data`` or ``--store``."""


def declared(name: str) -> tuple[Run, tuple[Option, ...]]:
    """The function that runs the command ``name`` and every option it takes (those every command
    but the standalone ones shares first), its module imported."""
    __import__(COMMANDS[name])  # registers its commands (importlib itself costs start-up time)
    run, options = registered(name)
    return run, options if name in STANDALONE else (DATA, STORE, CORPUS_ONLY, TIME_LIMIT, MEMORY_LIMIT, *options)
