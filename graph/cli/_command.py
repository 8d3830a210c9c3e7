"""How a ``kg`` command is declared: ``@command(name, *options)`` above the function that runs it.

The options every command shares (``--data``, ``--store``, ``--endpoint``, ``--graph``,
``--http-timeout``, ``--format``) are defined here once; a command that needs a variant says
only what differs (``GRAPH.but(help=...)``). The helpers the commands share are here too.
"""

from __future__ import annotations

import sys
from collections.abc import Callable, Sequence

from graph._errors import GraphError
from graph._formats import ANSWER_FORMATS
from graph._vocab import DEFAULT_GRAPH_IRI

TYPE_CHECKING = False  # typing costs start-up time; only type checkers import it
if TYPE_CHECKING:
    import argparse
    from typing import Any

    from graph._graph import PartnershipGraph

    Run = Callable[[argparse.Namespace], None]


class CommandError(GraphError):
    """A usage error detected by a command itself."""


class Option:
    """One ``add_argument`` call, kept until the command's parser is built."""

    def __init__(self, *flags: str, **settings: Any) -> None:
        self.flags = flags
        self.settings = settings

    def but(self, **changes: Any) -> Option:
        """The same option with some settings changed (a default, a help text, ...)."""
        return Option(*self.flags, **{**self.settings, **changes})

    def add_to(self, parser: argparse._ActionsContainer) -> None:
        """Add the option to a parser."""
        parser.add_argument(*self.flags, **self.settings)


class OneOf(Option):
    """Options of which a command takes at most one."""

    def __init__(self, *options: Option) -> None:
        super().__init__()
        self.options = options

    def add_to(self, parser: argparse._ActionsContainer) -> None:
        """Add the options to a parser as a mutually exclusive group."""
        group = parser.add_mutually_exclusive_group()
        for option in self.options:
            option.add_to(group)


REGISTRY: dict[str, tuple[Run, tuple[Option, ...]]] = {}
"""The commands registered so far: name -> (the function that runs it, its options)."""


DEFERRED: dict[str, Callable[[], None]] = {}
"""Commands declared on first use (the questions': importing one costs start-up time): name ->
what registers it."""


def registered(name: str) -> tuple[Run, tuple[Option, ...]]:
    """The function that runs the command ``name`` and its options, declaring it if deferred."""
    if name not in REGISTRY and name in DEFERRED:
        DEFERRED.pop(name)()
    return REGISTRY[name]


def command(name: str, *options: Option) -> Callable[[Run], Run]:
    """Register the decorated function as the ``kg NAME`` command with these options."""

    def register(run: Run) -> Run:
        REGISTRY[name] = (run, options)
        return run

    return register


MOST_SECONDS = 1_000_000.0
"""The largest number of seconds a float option takes (about 11 days; the clock overflows far above)."""


def positive(kind: type[float] | type[int]) -> Callable[[str], Any]:
    """An argparse type: a number above 0 of ``kind`` (a float is seconds: at most MOST_SECONDS)."""

    def parse(text: str) -> Any:
        try:
            value = kind(text)
        except ValueError:
            value = None
        if value is not None and value > 0 and (kind is not float or value <= MOST_SECONDS):
            return value  # (not nan, not inf)
        from argparse import ArgumentTypeError  # (only now: importing argparse costs start-up time)

        if value is None:
            raise ArgumentTypeError(f"not a number: {text!r}")
        if not value > 0:
            raise ArgumentTypeError(f"must be more than 0, got {text}")
        raise ArgumentTypeError(f"must be at most {MOST_SECONDS:.0f} seconds, got {text}")

    return parse


# -- the shared options -----------------------------------------------------------------------

DATA = Option(
    "--data", action="append", metavar="DIR", help="add your own data files (a folder or a file; repeatable)"
)
CORPUS_ONLY = Option(
    "--corpus-only",
    action="store_true",
    help="leave out the facts reported outside the corpus (*.reported.ttl): the corpus documents' answers alone",
)
STORE = Option(
    "--store",
    metavar="DIR",
    help="keep the graph in an on-disk store in DIR: loaded on first use, reopened after, "
    "rebuilt when a data file changes",
)
TIME_LIMIT = Option(
    "--time-limit",
    type=positive(float),
    default=600.0,
    metavar="S",
    help="stop the command after S seconds (default 600)",
)
MEMORY_LIMIT = Option(
    "--memory-limit",
    type=positive(int),
    metavar="MB",
    help="stop the command past MB megabytes of memory (default: half of this machine's)",
)
ENDPOINT = Option("--endpoint", metavar="URL", help="ask a SPARQL endpoint instead of the local data")
GRAPH = Option(
    "--graph",
    default=DEFAULT_GRAPH_IRI,
    metavar="IRI",
    help="with --endpoint: the named graph holding the data ('default' for the default graph)",
)
HTTP_TIMEOUT = Option(
    "--http-timeout",
    type=positive(float),
    default=30.0,
    metavar="S",
    help="seconds to wait for each answer of the endpoint, its whole body included",
)
HTTP_METHOD = Option(
    "--http-method",
    default="post-form",
    choices=("post-form", "get", "post-direct"),
    help="how to send queries (default post-form; Virtuoso 7.2 never answers post-direct)",
)
USER = Option(
    "--user",
    metavar="NAME[:PASSWORD]",
    help="HTTP basic/digest user (password else from $KG_ENDPOINT_PASSWORD or ~/.netrc)",
)
REMOTE = (ENDPOINT, GRAPH, HTTP_TIMEOUT, HTTP_METHOD, USER)
"""Where the graph is read from: the local data, or a SPARQL endpoint."""
FORMAT = Option("--format", help="output format (table on a terminal)")
WIDE = Option(
    "--wide", action="store_true", help="table: one line per row, however wide (default: fit the terminal)"
)
COLUMNS = Option(
    "--columns",
    metavar="A,B",
    help="the fields to show (table, csv, tsv), by their JSON names or headers, e.g. provider,role,hosted"
    " or 'provider,hosted thing,sources'",
)
EVIDENCE = Option(
    "--evidence",
    action="store_true",
    help="table: the quotes themselves (default: how many sources, and whose)",
)
ANSWERS = (FORMAT.but(choices=ANSWER_FORMATS), WIDE, COLUMNS, EVIDENCE, *REMOTE)
"""The options of every command that prints one of the library's answers."""


# -- what the commands share ------------------------------------------------------------------


def open_graph(args: argparse.Namespace) -> PartnershipGraph:
    """The graph a command reads: the endpoint's with ``--endpoint``, else the local one."""
    endpoint = getattr(args, "endpoint", None)
    if endpoint:
        from graph.remote import connect

        if args.data or getattr(args, "corpus_only", False):
            raise CommandError("--data and --corpus-only cannot be combined with --endpoint: the endpoint holds the data")
        graph = None if args.graph == "default" else args.graph  # the endpoint's default graph
        return connect(
            endpoint, graph=graph, timeout=args.http_timeout, method=args.http_method, user=args.user
        )
    return open_local(args)


def open_local(args: argparse.Namespace) -> PartnershipGraph:
    """The graph from the packaged data plus ``--data``, in the ``--store`` folder if given."""
    if args.data:
        warn_contradictions(args.data)
    corpus_only = bool(getattr(args, "corpus_only", False))
    if args.store:
        return open_stored(args.data or (), args.store, corpus_only)
    from graph._graph import PartnershipGraph

    return PartnershipGraph.load(*(args.data or ()), corpus_only=corpus_only)


def warn_contradictions(data: Sequence[str]) -> None:
    """A line on stderr for each user triple that contradicts the packaged data."""
    from graph.checks import contradictions
    from graph.store import data_files

    for warning in contradictions(data_files(data, packaged=False)):
        print(f"kg: warning: {warning}", file=sys.stderr)


def open_stored(data: Sequence[str], store: str, corpus_only: bool = False) -> PartnershipGraph:
    """Open the on-disk store (building it first, with a note on stderr, when needed)."""
    import time

    from graph._graph import PartnershipGraph
    from graph.store import check_folder, data_files, is_current

    check_folder(store)
    if is_current(data_files(data, corpus_only=corpus_only), store):
        return PartnershipGraph.load(*data, store=store, corpus_only=corpus_only)
    print(
        f"kg: loading the data into the store in {store} (first use, the data changed, or the store was damaged) ...",
        file=sys.stderr,
    )
    started = time.perf_counter()
    kg = PartnershipGraph.load(*data, store=store, corpus_only=corpus_only)
    print(f"kg: store ready: {len(kg):,} triples in {time.perf_counter() - started:.1f} s", file=sys.stderr)
    return kg


def emit(text: str | bytes) -> None:
    """Write to standard output, ending with one newline."""
    if isinstance(text, bytes):
        sys.stdout.buffer.write(text if text.endswith(b"\n") else text + b"\n")
    else:
        sys.stdout.write(text if text.endswith("\n") else text + "\n")


def answer_format(args: argparse.Namespace) -> str:
    """``--format``, else a table on a terminal and TSV into a pipe."""
    fmt: str = args.format or ("table" if sys.stdout.isatty() else "tsv")
    return fmt
