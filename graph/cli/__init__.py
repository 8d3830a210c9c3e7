"""The ``kg`` command line: thin wrappers over PartnershipGraph.

Each command is declared beside its options, with ``@command`` (graph.cli._command), in the
module of its group below. ``COMMANDS`` says which module that is, so that a run imports only
its own command's module; heavy modules (rdflib, pyshacl, networkx, pyvis) are imported only by
the commands that use them, so that ``kg query ...`` starts fast.
"""

from __future__ import annotations

import argparse
import contextlib
import os
import sys
from collections.abc import Iterator, Sequence

from graph._errors import GraphError
from graph._version import __version__
from graph.cli._command import CORPUS_ONLY, DATA, MEMORY_LIMIT, STORE, TIME_LIMIT, registered
from graph.questions import NAMES

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


class _Formatter(argparse.RawDescriptionHelpFormatter):
    """argparse's formatter (descriptions as written), as wide as the terminal: its width read as
    ``shutil.get_terminal_size`` reads it, without importing shutil (argparse makes a formatter
    for every option it adds, and shutil costs ``kg``'s start-up time)."""

    def __init__(self, prog: str, indent_increment: int = 2, max_help_position: int = 24, width: int | None = None):
        super().__init__(prog, indent_increment, max_help_position, _columns() - 2 if width is None else width)


def _columns() -> int:
    """The terminal's columns: ``$COLUMNS``, else standard output's terminal, else 80."""
    try:
        columns = int(os.environ["COLUMNS"])
    except (KeyError, ValueError):
        columns = 0
    if columns <= 0:
        try:
            columns = os.get_terminal_size(sys.__stdout__.fileno()).columns  # type: ignore[union-attr]
        except (AttributeError, ValueError, OSError):
            columns = 0
    return columns or 80


def build_parser(only: str | None = None, examples: bool = True) -> argparse.ArgumentParser:
    """The ``kg`` argument parser (every command but the standalone ones takes ``--data DIR``);
    ``examples`` ends each help with its examples.

    With ``only``, just that command's sub-parser is built (and its module imported): argparse
    set-up is a noticeable part of ``kg``'s start-up time, and one command is all a run needs.
    """

    def epilog(name: str) -> str | None:
        if not examples:
            return None
        from graph.output import epilog as examples_of

        text = examples_of(name)
        if name == "add" and text:  # every key of a sheet, with an example, before the examples
            from graph.authoring import help_text

            text = help_text() + "\n\n" + text
        return text

    parser = argparse.ArgumentParser(
        prog="kg",
        description="Query and explore the Microsoft–OpenAI partnership knowledge graph.",
        epilog=epilog("kg"),
        formatter_class=_Formatter,
    )
    parser.add_argument("--version", action="version", version=f"kg {__version__}")
    sub = parser.add_subparsers(dest="command", metavar="COMMAND", required=True)
    for name, module in COMMANDS.items():
        if only is not None and name != only:
            continue
        __import__(module)  # registers its commands (importlib itself costs start-up time)
        run, options = registered(name)
        doc = (run.__doc__ or "").strip().splitlines()[0]
        command = sub.add_parser(
            name,
            help=doc,
            description=doc,
            epilog=epilog(name),
            formatter_class=_Formatter,
        )
        command.set_defaults(func=run)
        for option in options if name in STANDALONE else (DATA, STORE, CORPUS_ONLY, TIME_LIMIT, MEMORY_LIMIT, *options):
            option.add_to(command)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    """Entry point of the ``kg`` console script; returns the exit code."""
    argv = list(sys.argv[1:] if argv is None else argv)
    if "KG_DIE_WITH_PARENT" in os.environ:  # run by graph.isolation for a threaded process
        from graph.isolation import join_parent

        join_parent()
    from graph.cli._terminal import guard_terminals

    guard_terminals()  # what the data or the arguments hold is shown on a terminal, never obeyed
    asks_help = "-h" in argv or "--help" in argv  # the examples module loads only for --help
    parser = build_parser(argv[0] if argv and argv[0] in COMMANDS else None, examples=asks_help)
    args = parser.parse_args(argv)
    for name in ("output", "out"):
        if getattr(args, name, None) == "":
            parser.error(f"-o/--{name} needs a path, not an empty string")
    if args.command in UNSUPERVISED:
        with _cleanly_stopped():
            return _run(args)
    if not reads_untrusted_input(args):
        try:
            with _cleanly_stopped(args.time_limit):
                return _run(args)
        except _TimeUp:
            print(
                f"kg: error: the command ran longer than the {args.time_limit:g} s allowed (--time-limit) "
                "and was stopped",
                file=sys.stderr,
            )
            return 2
    from graph.isolation import Isolation, default_memory

    network = bool(getattr(args, "endpoint", None) or getattr(args, "allow_service", False))
    network = network or args.command in NEEDS_NETWORK
    memory = args.memory_limit * 2**20 if args.memory_limit else default_memory()
    store = getattr(args, "store", None)
    hint = f"; if the store in {store} is damaged, delete that folder to rebuild it" if store else ""
    isolation = Isolation(memory=memory, timeout=args.time_limit, network=network, hint=hint)
    return isolation.command(lambda: _run(args), argv)


UNSUPERVISED = frozenset({"serve", "synth", "queries", "completion"})
"""Commands run in this process whatever they read (the server bounds its own workers)."""

NEEDS_NETWORK = frozenset({"push"})
"""Commands whose isolated child keeps the network (push sends the data to a store)."""

READS_USER_FILES = frozenset({"add", "source", "evidence", "verify-sources", "push"})
"""Commands that read the user's files (sheets, source texts) whatever their options."""


def reads_untrusted_input(args: argparse.Namespace) -> bool:
    """Whether a command reads more than the packaged data and named questions: SPARQL text or a
    query file, ``--data``, ``--store``, an endpoint's answers, the user's files. Only such a
    command runs in an isolated child (graph.isolation: no network, memory and time bounded);
    a named question on the packaged data runs in this process."""
    if getattr(args, "data", None) or getattr(args, "store", None) or getattr(args, "endpoint", None):
        return True
    if args.command in READS_USER_FILES:
        return True
    if args.command == "query":
        from graph.sparql import query_names

        return str(args.query) not in query_names()
    return False


class _TimeUp(BaseException):
    """A command run in this process reached its --time-limit (no ``except Exception`` stops it)."""


@contextlib.contextmanager
def _cleanly_stopped(time_limit: float | None = None) -> Iterator[None]:
    """SIGTERM and SIGHUP end a command run in this process by SystemExit (exit 128 + the signal),
    so that its cleanups run: no temporary file is left behind. With ``time_limit``, a command
    still running after that many seconds is stopped by _TimeUp. Main thread only."""
    import signal  # (not threading: importing it costs start-up time)

    def stop(signum: int, _frame: object) -> None:
        raise SystemExit(128 + signum)

    def too_long(_signum: int, _frame: object) -> None:
        raise GraphError(
            f"the command ran longer than the {time_limit:g} s allowed (--time-limit) and was stopped"
        )

    try:
        old = {sig: signal.signal(sig, stop) for sig in (signal.SIGTERM, signal.SIGHUP)}
    except ValueError:  # not the main thread: only the main thread handles signals
        old = {}
    if not old:
        yield
        return
    if time_limit:
        old[signal.SIGALRM] = signal.signal(signal.SIGALRM, too_long)
        signal.setitimer(signal.ITIMER_REAL, time_limit)
    try:
        yield
    finally:
        if time_limit:
            signal.setitimer(signal.ITIMER_REAL, 0)
        for sig, handler in old.items():
            signal.signal(sig, handler)


def _run(args: argparse.Namespace) -> int:
    """Run the parsed command; its exit code (2 with one line on stderr for a user's error)."""
    try:
        args.func(args)
        sys.stdout.flush()
    except GraphError as err:
        from graph.isolation import cut

        print(f"kg: error: {cut(str(err), 600)}", file=sys.stderr)
        return 2
    except BrokenPipeError:
        return 0
    except KeyboardInterrupt:
        return 130
    except MemoryError:
        print("kg: error: the command needed more memory than this machine allows", file=sys.stderr)
        return 2
    except OSError as err:  # a file named by the error, or standard output (a full disk, ...)
        where = f"{err.filename}: " if err.filename else "cannot write the output: "
        print(f"kg: error: {where}{err.strerror or err}", file=sys.stderr)
        return 2
    return 0
