"""The commands that print one of the library's answers (``kg hosts``, ``kg changes``, ...).

One command per question of the registry (graph.questions): its parameters become the command's
arguments, its summary the help, and the command asks ``kg.ask(name, **params)``. An entity that
matches nothing is the library's UnknownEntityError, which ``kg`` prints as any other error (exit 2).
"""

from __future__ import annotations

import sys
from collections.abc import Callable, Sequence

from graph._formats import ANSWER_FORMATS
from graph.cli._command import ANSWERS, DEFERRED, FORMAT, Option, answer_format, command, emit, open_graph
from graph.questions import NAMES, get

TYPE_CHECKING = False  # typing costs start-up time; only type checkers import it
if TYPE_CHECKING:
    import argparse

    from graph._graph import PartnershipGraph
    from graph.answers import Answer
    from graph.questions import Param, Question

CONTEXT = Option("--context", metavar="DIR", help="print the sentence around each quote, from the texts in DIR")
"""``kg sources`` only: the quotes in their sentences."""
REDLINE = FORMAT.but(
    choices=(*ANSWER_FORMATS, "md", "html"),
    help="output format (table on a terminal; md, html: a redline)",
)
"""``kg changes`` only: its answer as a redline too."""
OPTIONS = {"sources": (CONTEXT, *ANSWERS), "changes": (REDLINE, *ANSWERS[1:])}
"""The options of the questions whose command takes more than the answers' (ANSWERS)."""


def _print(
    items: Sequence[Answer], args: argparse.Namespace, kind: type[Answer], columns: Sequence[str] = ()
) -> None:
    from graph.output import answers

    if args.columns:
        from graph.output import pick

        columns = pick(args.columns, list(kind.FIELDS))
    quotes = args.evidence or args.command == "sources"  # kg sources is where the quotes are
    emit(
        answers(
            items,
            answer_format(args),
            kind,
            columns,
            chosen=bool(args.columns),
            wide=args.wide,
            evidence=quotes,
        )
    )


def option(param: Param) -> Option:
    """A question's parameter as a ``kg`` argument: a positional, or ``--name``."""
    if param.positional:
        nargs = {} if param.required else {"nargs": "?"}
        return Option(param.name, metavar=param.metavar, help=param.help, **nargs)
    required = {"required": True} if param.required else {}
    return Option(param.flag, metavar=param.metavar, help=param.help, **required)


def _horizon_note(kg: PartnershipGraph, answer: Sequence[Answer], as_of: str | None) -> None:
    """One line on stderr when the date asked is after the graph's horizon (which the answer's
    rows carry; an empty answer asks the graph)."""
    if not as_of:
        return
    after = next((h for h in (getattr(r, "horizon", None) for r in answer) if h), None)
    if not answer:
        from graph.answers import beyond

        after = beyond(kg.backend, as_of)
    if after:
        print(
            f"kg: note: {as_of} is after the graph's horizon, {after} (its latest source, citation or"
            " dated agreement): later changes are unknown to this graph",
            file=sys.stderr,
        )


def _declare(question: Question) -> None:
    def run(args: argparse.Namespace) -> None:
        params = {p.name: getattr(args, p.name) for p in question.params}
        kg = open_graph(args)
        answer = kg.ask(question.name, **params)
        for line in question.notes(answer, params) if question.notes else ():
            print(f"kg: {line}", file=sys.stderr)
        if any(p.name == "as_of" for p in question.params):
            _horizon_note(kg, answer, params["as_of"])
        if getattr(args, "context", None):
            from pathlib import Path

            from graph.checks import in_context

            emit(in_context(answer, Path(args.context)))
            return
        if args.format in ("md", "html"):  # kg changes: a redline
            from graph.output import redline_html, redline_md, status_summary, term_labels

            write = redline_md if args.format == "md" else redline_html
            title = f"What changed: {args.from_} → {args.to}"
            emit(write(answer, term_labels(kg, answer), title, status_summary([c.status for c in answer])))
            return
        _print(answer, args, question.answer, question.shown_columns(params))

    run.__doc__ = question.summary
    run.__name__ = run.__qualname__ = f"cmd_{question.name}"
    command(question.name, *(option(p) for p in question.params), *OPTIONS.get(question.name, ANSWERS))(run)


def _deferred(name: str) -> Callable[[], None]:
    return lambda: _declare(get(name))


for _name in NAMES:  # each declared when its command is run (or listed): one question module imported
    DEFERRED[_name] = _deferred(_name)
