"""The ``kg`` command line: thin wrappers over PartnershipGraph.

Each command is declared beside its options, with ``@command`` (graph.cli._command), in the
module of its group below. ``COMMANDS`` says which module that is, so that a run imports only
its own command's module; heavy modules (rdflib, pyshacl, networkx, pyvis) are imported only by
the commands that use them, so that ``kg query ...`` starts fast.
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Sequence

from graph._errors import GraphError
from graph._version import __version__
from graph.cli._command import CORPUS_ONLY, DATA, MEMORY_LIMIT, REGISTRY, STORE, TIME_LIMIT

COMMANDS: dict[str, str] = {
    "query": "graph.cli._query",
    "hosts": "graph.cli._answers",
    "changes": "graph.cli._answers",
    "terms": "graph.cli._answers",
    "timeline": "graph.cli._answers",
    "sources": "graph.cli._answers",
    "conflicts": "graph.cli._answers",
    "secondary": "graph.cli._answers",
    "partners": "graph.cli._answers",
    "queries": "graph.cli._query",
    "validate": "graph.cli._files",
    "verify-sources": "graph.cli._files",
    "export": "graph.cli._files",
    "explore": "graph.cli._files",
    "build": "graph.cli._files",
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


def build_parser(only: str | None = None, examples: bool = True) -> argparse.ArgumentParser:
    """The ``kg`` argument parser (every command but the standalone ones takes ``--data DIR``);
    ``examples`` ends each help with its examples.

    With ``only``, just that command's sub-parser is built (and its module imported): argparse
    set-up is a noticeable part of ``kg``'s start-up time, and one command is all a run needs.
    """

    def epilog(name: str) -> str | None:
        if not examples:
            return None
        from graph.output._help import epilog as examples_of

        text = examples_of(name)
        if name == "add" and text:  # every key of a sheet, with an example, before the examples
            from graph.authoring._schema import help_text

            text = help_text() + "\n\n" + text
        return text

    parser = argparse.ArgumentParser(
        prog="kg",
        description="Query and explore the Microsoft–OpenAI partnership knowledge graph.",
        epilog=epilog("kg"),
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    parser.add_argument("--version", action="version", version=f"kg {__version__}")
    sub = parser.add_subparsers(dest="command", metavar="COMMAND", required=True)
    for name, module in COMMANDS.items():
        if only is not None and name != only:
            continue
        __import__(module)  # registers its commands (importlib itself costs start-up time)
        run, options = REGISTRY[name]
        doc = (run.__doc__ or "").strip().splitlines()[0]
        command = sub.add_parser(
            name,
            help=doc,
            description=doc,
            epilog=epilog(name),
            formatter_class=argparse.RawDescriptionHelpFormatter,
        )
        command.set_defaults(func=run)
        for option in options if name in STANDALONE else (DATA, STORE, CORPUS_ONLY, TIME_LIMIT, MEMORY_LIMIT, *options):
            option.add_to(command)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    """Entry point of the ``kg`` console script; returns the exit code."""
    argv = list(sys.argv[1:] if argv is None else argv)
    asks_help = "-h" in argv or "--help" in argv  # the examples module loads only for --help
    parser = build_parser(argv[0] if argv and argv[0] in COMMANDS else None, examples=asks_help)
    args = parser.parse_args(argv)
    if args.command in UNSUPERVISED:
        return _run(args)
    from graph._supervise import default_memory, supervise

    network = bool(getattr(args, "endpoint", None) or getattr(args, "allow_service", False))
    memory = args.memory_limit * 2**20 if args.memory_limit else default_memory()
    store = getattr(args, "store", None)
    hint = f"; if the store in {store} is damaged, delete that folder to rebuild it" if store else ""
    return supervise(lambda: _run(args), network=network, timeout=args.time_limit, memory=memory, hint=hint)


UNSUPERVISED = frozenset({"serve", "push", "synth", "queries", "completion"})
"""Commands run in this process: the others run in a child without network, memory and time bounded
(graph._supervise)."""


def _run(args: argparse.Namespace) -> int:
    """Run the parsed command; its exit code (2 with one line on stderr for a user's error)."""
    try:
        args.func(args)
        sys.stdout.flush()
    except GraphError as err:
        from graph._sandbox import cut

        print(f"kg: error: {cut(str(err), 600)}", file=sys.stderr)
        return 2
    except BrokenPipeError:
        return 0
    except KeyboardInterrupt:
        return 130
    except OSError as err:  # standard output on a full disk, a closed terminal, ...
        print(f"kg: error: cannot write the output: {err.strerror or err}", file=sys.stderr)
        return 2
    return 0
