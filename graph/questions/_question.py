"""A question, declared once: its named query, parameters, answer type, builder, help and examples.

Everything that lists questions reads these declarations (graph.questions.registry): the
library's ``ask``, the ``kg`` commands and their ``--help`` examples, ``kg serve``'s
``/answers/{name}`` routes and landing page, the conformance and golden cases, ``kg build``'s
headline answers and the question tables of the README and ``docs/cli.md``.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence

from graph._record import Record

TYPE_CHECKING = False  # typing costs start-up time; only type checkers import it
if TYPE_CHECKING:
    from typing import Any

    from graph.answers import Answer
    from graph.store import Backend

Cases = Callable[["Backend"], list[tuple[str, dict[str, str]]]]


class Param(Record):
    """One parameter of a question: its keyword (``as_of``), what it takes, and how ``kg`` reads it."""

    name: str
    """The keyword of ``ask`` and the typed method; ``kg`` reads ``--as-of`` (or a positional)."""
    help: str
    kind: str = "text"
    """``entity``, ``agreement``, ``date`` or ``text`` (as the named queries' parameters)."""
    required: bool = False
    positional: bool = False
    """``kg`` takes it as a positional argument (else as ``--name``)."""
    metavar: str | None = None

    @property
    def flag(self) -> str:
        """How ``kg`` reads it: ``--as-of``, or ``FROM`` for a positional."""
        if self.positional:
            return self.metavar or self.name.rstrip("_").upper()
        return "--" + self.name.rstrip("_").replace("_", "-")


def _all(backend: Backend) -> list[tuple[str, dict[str, str]]]:
    return [("all", {})]


class Question(Record):
    """A named question: what ``kg.ask(name, **params)`` and ``kg NAME`` answer."""

    name: str
    """``hosts``: the name of the ``kg`` command, of ``ask``'s question and of its golden file."""
    summary: str
    """One line: the command's help and the tables' description."""
    query: str
    """The named query (``queries/NAME.rq``) the builder runs."""
    answer: type[Answer]
    build: Callable[..., Sequence[Answer]]
    """``build(backend, **params)``: the answer rows."""
    params: tuple[Param, ...] = ()
    examples: tuple[str, ...] = ()
    """``kg`` command lines, runnable on the packaged data (``--help`` ends with them)."""
    query_examples: tuple[dict[str, str], ...] = ({},)
    """Parameters of the named query, by its own names, that the conformance harness runs on
    every engine (the first with parameters is the landing page's example)."""
    cases: Cases = _all
    """The question's conformance cases: ``cases(backend)`` -> [(case id, params)]."""
    headlines: tuple[tuple[str, dict[str, str]], ...] = ()
    """Headline questions (``kg build``): the question in words and its parameters."""
    columns: tuple[str, ...] = ()
    """The columns ``kg`` shows when none are chosen (the answer type's COLUMNS when empty)."""
    dated_columns: tuple[str, ...] = ()
    """The columns when a date parameter is given (``columns`` when empty)."""
    notes: Callable[[Sequence[Any], Mapping[str, Any]], list[str]] | None = None
    """What ``kg`` says on stderr about an answer, one line each (``kg: `` before it)."""

    def parameter(self, name: str) -> Param | None:
        """The parameter called ``name``, or None."""
        return next((p for p in self.params if p.name == name), None)

    def ask(self, backend: Backend, params: Mapping[str, Any]) -> Sequence[Answer]:
        """The answer rows for these parameters (ParameterError for one the question lacks)."""
        from graph._errors import ParameterError

        accepted = ", ".join(p.name for p in self.params) or "none"
        for name in params:
            if self.parameter(name) is None:
                raise ParameterError(f"question '{self.name}' has no parameter '{name}'; accepted: {accepted}")
        for param in self.params:  # (one given as None reaches the builder, which names its type)
            if param.required and (param.name not in params or params[param.name] == ""):
                raise ParameterError(f"question '{self.name}' needs parameter '{param.name}': {param.help}")
        return self.build(backend, **{p.name: params.get(p.name) for p in self.params})

    def example(self) -> dict[str, str]:
        """Example parameters by this question's names: its named query's first example with any."""
        found = next((e for e in self.query_examples if e), {})
        names = {p.name.rstrip("_").replace("_", "").lower(): p.name for p in self.params}
        return {names[k.lower()]: v for k, v in found.items() if k.lower() in names}

    def shown_columns(self, params: Mapping[str, Any]) -> tuple[str, ...]:
        """The columns of ``kg``'s table for these parameters."""
        dated = any(params.get(p.name) for p in self.params if p.kind == "date")
        return (self.dated_columns if dated else ()) or self.columns
