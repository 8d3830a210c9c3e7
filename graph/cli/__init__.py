"""The ``kg`` command line: thin wrappers over PartnershipGraph.

Each command is declared beside its options, with ``@command`` (graph.cli._command), in the
module of its group below. ``COMMANDS`` says which module that is, so that a run imports only
its own command's module; heavy modules (rdflib, pyshacl, networkx, pyvis) are imported only by
the commands that use them, so that ``kg query ...`` starts fast.
"""

from __future__ import annotations

import contextlib
import os
import sys
from collections.abc import Iterator, Sequence

from graph._errors import GraphError
from graph.cli._commands import COMMANDS as COMMANDS
from graph.cli._commands import STANDALONE as STANDALONE
from graph.questions import NAMES

TYPE_CHECKING = False  # typing costs start-up time; only type checkers import it
if TYPE_CHECKING:
    import argparse


def build_parser(only: str | None = None, examples: bool = True) -> argparse.ArgumentParser:
    """The ``kg`` argument parser (graph.cli._parser); with ``only``, just that command's
    sub-parser; ``examples`` ends each help with its examples."""
    from graph.cli._parser import build_parser as build

    return build(only, examples)


def run() -> int:
    """The ``kg`` process (the console script, ``python -m graph.cli``): :func:`main`, the garbage
    collector told that what is loaded lives as long as the process (frozen: not scanned again),
    and, once the command is done, that the process is ending (no search for cycles at exit).
    Each saves a few milliseconds of a short command's start-up."""
    import gc

    gc.freeze()
    try:
        return main()
    finally:
        gc.freeze()


def main(argv: Sequence[str] | None = None) -> int:
    """Entry point of the ``kg`` console script; returns the exit code."""
    argv = list(sys.argv[1:] if argv is None else argv)
    if "KG_DIE_WITH_PARENT" in os.environ:  # run by graph.isolation for a threaded process
        from graph.isolation import join_parent

        join_parent()
    from graph.cli._terminal import guard_terminals

    guard_terminals()  # what the data or the arguments hold is shown on a terminal, never obeyed
    asks_help = "-h" in argv or "--help" in argv  # the examples module loads only for --help
    args: argparse.Namespace | None = None
    if argv and argv[0] in NAMES and not asks_help:  # a question's plain arguments: without argparse
        from graph.cli._quick import parse

        args = parse(argv)
    if args is None:
        args = build_parser(argv[0] if argv and argv[0] in COMMANDS else None, examples=asks_help).parse_args(argv)
    for name in ("output", "out"):
        if getattr(args, name, None) == "":
            build_parser(args.command, examples=False).error(f"-o/--{name} needs a path, not an empty string")
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
    try:  # (the C module signal wraps: importing signal, and the enum module, costs start-up time)
        import _signal as signal
    except ImportError:  # pragma: no cover - a Python without it
        import signal

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
