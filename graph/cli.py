"""The ``kg`` command line: thin wrappers over PartnershipGraph, one function per command.

Heavy modules (rdflib, pyshacl, networkx, pyvis) are imported only by the commands that use
them, so that ``kg query ...`` starts fast.
"""

from __future__ import annotations

import argparse
import os
import re
import sys
from collections.abc import Callable, Sequence

from graph._errors import GraphError
from graph._version import __version__
from graph._vocab import DEFAULT_GRAPH_IRI

TYPE_CHECKING = False  # typing costs start-up time; only type checkers import it
if TYPE_CHECKING:
    from typing import Any

ANSWER_FORMATS = ("table", "json", "csv", "tsv")
QUERY_FORMATS = ("table", "json", "xml", "csv", "tsv", "ttl", "nt", "jsonld")
EXPORT_FORMATS = ("ttl", "trig", "jsonld", "nq", "nt", "graphml")


class CommandError(GraphError):
    """A usage error detected by a command itself."""


def _open_graph(args: argparse.Namespace) -> Any:
    endpoint = getattr(args, "endpoint", None)
    if endpoint:
        from graph.remote._backend import connect

        if args.data:
            raise CommandError("--data cannot be combined with --endpoint: the endpoint holds the data")
        return connect(endpoint, graph=_graph_iri(args.graph), timeout=args.http_timeout)
    return _open_local(args)


def _open_local(args: argparse.Namespace) -> Any:
    """The graph from the packaged data plus ``--data``, in the ``--store`` folder if given."""
    if args.store:
        return _open_stored(args.data or (), args.store)
    from graph._graph import PartnershipGraph

    return PartnershipGraph.load(*(args.data or ()))


def _open_stored(data: Sequence[str], store: str) -> Any:
    """Open the on-disk store (building it first, with a note on stderr, when needed)."""
    import time

    from graph._graph import PartnershipGraph
    from graph.store._files import data_files
    from graph.store._ondisk import check_folder, is_current

    check_folder(store)
    if is_current(data_files(data), store):
        return PartnershipGraph.load(*data, store=store)
    print(
        f"kg: loading the data into the store in {store} (first use, or the data changed) ...",
        file=sys.stderr,
    )
    started = time.perf_counter()
    kg = PartnershipGraph.load(*data, store=store)
    print(f"kg: store ready: {len(kg):,} triples in {time.perf_counter() - started:.1f} s", file=sys.stderr)
    return kg


def _graph_iri(value: str) -> str | None:
    """``--graph default`` means the endpoint's default graph."""
    return None if value == "default" else value


def _positive(kind: type[float] | type[int]) -> Callable[[str], Any]:
    def parse(text: str) -> Any:
        try:
            value = kind(text)
        except ValueError:
            raise argparse.ArgumentTypeError(f"not a number: {text!r}") from None
        if value <= 0:
            raise argparse.ArgumentTypeError(f"must be more than 0, got {text}")
        return value

    return parse


def _port(text: str) -> int:
    if not text.isdigit() or int(text) > 65535:
        raise argparse.ArgumentTypeError(f"not a port number (0-65535): {text!r}")
    return int(text)


def _emit(text: str | bytes) -> None:
    if isinstance(text, bytes):
        sys.stdout.buffer.write(text if text.endswith(b"\n") else text + b"\n")
    else:
        sys.stdout.write(text if text.endswith("\n") else text + "\n")


def _answer_format(args: argparse.Namespace) -> str:
    return args.format or ("table" if sys.stdout.isatty() else "tsv")


def _params(pairs: Sequence[str]) -> dict[str, str]:
    params: dict[str, str] = {}
    for pair in pairs:
        name, sep, value = pair.partition("=")
        if not sep or not name:
            raise CommandError(f"--param takes NAME=VALUE, got '{pair}'")
        params[name.strip()] = value
    return params


# -- query and the library's questions --------------------------------------------------------


def cmd_query(args: argparse.Namespace) -> None:
    """Run a named query, a .rq file, standard input (-) or SPARQL text."""
    from graph.sparql._named import get_named_query, load_query_file, query_names

    kg = _open_graph(args)
    params = _params(args.param)
    source = args.query
    if source == "-":
        result = kg.query(sys.stdin.read(), params)
    elif source in query_names():
        result = kg.run_named(source, params)
    elif source.endswith(".rq") or (len(source) < 250 and os.path.isfile(source)):
        path = source
        if not os.path.isfile(path):
            raise CommandError(f"{source}: no such query file")
        named = load_query_file(path)
        result = kg.run_named(named, params) if named.parameters else kg.query(named.text, params)
    elif re.fullmatch(r"[\w.-]+", source):
        get_named_query(source)  # raises with the near names
        return
    else:
        result = kg.query(source, params)
    fmt = args.format or ("table" if sys.stdout.isatty() else ("nt" if result.kind == "graph" else "tsv"))
    if fmt == "table":
        from graph.output._render import result_table

        _emit(result_table(result))
    else:
        _emit(result.serialize(fmt))


def cmd_hosts(args: argparse.Namespace) -> None:
    """Who hosts, serves, distributes or supplies compute for what."""
    from graph.output._render import answers

    kg = _open_graph(args)
    roles = kg.hosts(args.subject, as_of=args.as_of)
    if args.subject and not roles and kg.resolve(args.subject) is None:
        print(f"kg: no entity matches '{args.subject}'", file=sys.stderr)
    columns = ["provider", "role", "hosted", "exclusivity", "since_label", "rank", "evidence"]
    _emit(answers(roles, _answer_format(args), columns))


def cmd_changes(args: argparse.Namespace) -> None:
    """What changed between two agreements (ids, names or dates)."""
    from graph.output._render import answers

    kg = _open_graph(args)
    found = kg.changes(args.from_, args.to, partnership=args.partnership)
    columns = ["status", "clause_label", "differences", "change_note", "to_evidence"]
    _emit(answers(found, _answer_format(args), columns))


def cmd_terms(args: argparse.Namespace) -> None:
    """The terms in force on a date."""
    from graph.output._render import answers

    kg = _open_graph(args)
    found = kg.terms(args.as_of, partnership=args.partnership)
    columns = ["status", "clause_label", "label", "agreement_label", "may_be_superseded_by"]
    _emit(answers(found, _answer_format(args), columns))


def cmd_timeline(args: argparse.Namespace) -> None:
    """Agreements and announcements in order."""
    from graph.output._render import answers

    kg = _open_graph(args)
    columns = ["date", "precision", "label", "type", "parties", "inferred_order", "other_dates"]
    _emit(answers(kg.timeline(args.partnership), _answer_format(args), columns))


def cmd_sources(args: argparse.Namespace) -> None:
    """Every source and quote behind an entity or fact."""
    from graph.output._render import answers

    kg = _open_graph(args)
    if kg.resolve(args.entity) is None:
        raise CommandError(f"no entity matches '{args.entity}'; give an id (frontier) or a name")
    columns = ["id", "type", "label", "evidence"]
    _emit(answers(kg.sources_for(args.entity), _answer_format(args), columns))


def cmd_conflicts(args: argparse.Namespace) -> None:
    """Claims on which sources disagree."""
    from graph.output._render import answers

    kg = _open_graph(args)
    columns = ["subject_label", "property", "claims"]
    _emit(answers(kg.conflicts(), _answer_format(args), columns))


def cmd_secondary(args: argparse.Namespace) -> None:
    """Facts that rest only on secondary sources."""
    from graph.output._render import answers

    kg = _open_graph(args)
    columns = ["type", "label", "evidence"]
    _emit(answers(kg.secondary_only(), _answer_format(args), columns))


def cmd_partners(args: argparse.Namespace) -> None:
    """An organisation's partners and in what capacity."""
    from graph.output._render import answers

    kg = _open_graph(args)
    if kg.resolve(args.org) is None:
        raise CommandError(f"no organisation matches '{args.org}'")
    columns = ["partner_label", "kind", "capacity"]
    _emit(answers(kg.partners(args.org), _answer_format(args), columns))


def cmd_queries(args: argparse.Namespace) -> None:
    """List the named queries with their descriptions and parameters."""
    from graph.sparql._named import named_queries

    for query in named_queries().values():
        print(f"{query.name}\n    {query.description}")
        for p in query.parameters:
            need = "required" if p.required else "optional"
            print(f"    --param {p.name}=…  ({p.kind}, {need}) {p.description}")


# -- checks, export, build --------------------------------------------------------------------


def cmd_validate(args: argparse.Namespace) -> None:
    """Validate the graph against the SHACL shapes."""
    report = _open_graph(args).validate()
    if not report.conforms:
        raise GraphError(report.summary())
    print(report.summary())


def cmd_verify_sources(args: argparse.Namespace) -> None:
    """Check every evidence quote and source hash against a folder of source texts."""
    report = _open_graph(args).verify_sources(args.folder)
    print(report.summary())
    if not report.ok:
        raise GraphError(f"{len(report.failures)} evidence check(s) failed in {args.folder}")


def cmd_export(args: argparse.Namespace) -> None:
    """Serialize the whole graph."""
    from pathlib import Path

    from graph._io import write_atomic

    data = _open_graph(args).serialize(args.format)
    if args.output:
        write_atomic(Path(args.output), data)
    else:
        _emit(data)


def cmd_build(args: argparse.Namespace) -> None:
    """The main job: build, validate, answer the headline questions and write the explorer."""
    from pathlib import Path

    from graph.output._build import build

    for line in build(_open_graph(args), Path(args.out)):
        print(line)


# -- serving and triple stores ----------------------------------------------------------------


def cmd_serve(args: argparse.Namespace) -> None:
    """Serve the graph as a read-only SPARQL 1.1 endpoint, with its named queries and explorer."""
    try:
        from graph.serve._app import ServeOptions, run_serve
    except ModuleNotFoundError as err:
        if err.name not in ("starlette", "uvicorn"):
            raise
        raise CommandError(
            f"kg serve needs {err.name}: pip install partnership-kg again to get its dependencies"
        ) from None

    if args.store:  # build or check the store here; the workers then share it read-only
        from graph.store._ondisk import release

        _open_stored(args.data or (), args.store)
        release(args.store)
    options = ServeOptions(
        data=tuple(args.data or ()),
        store=args.store,
        host=args.host,
        port=args.port,
        timeout=args.timeout,
        workers=args.workers,
        max_request_bytes=args.max_request_bytes,
        cors=tuple(args.cors),
    )
    run_serve(options, log_level=args.log_level)


def cmd_push(args: argparse.Namespace) -> None:
    """Load the graph into a triple store, replacing one named graph all at once."""
    from graph.remote._push import push

    kg = _open_local(args)  # --endpoint is where the graph goes, not where it comes from
    report = push(kg, args.endpoint, args.graph, args.update_endpoint, args.gsp_endpoint, args.http_timeout)
    print(report.summary())


def cmd_explore(args: argparse.Namespace) -> None:
    """Write the interactive explorer: one self-contained, offline HTML page."""
    from pathlib import Path

    from graph.explorer import write_explorer

    print(write_explorer(_open_graph(args), Path(args.output)))


def cmd_synth(args: argparse.Namespace) -> None:
    """Write a synthetic graph for scale tests (many companies, deals, clause versions, roles)."""
    import time

    from graph.synth import companies_for_triples, generate

    if args.companies is None and args.triples is None:  # argparse refuses both at once
        raise CommandError("give --companies N or --triples N")
    if (args.companies if args.companies is not None else args.triples) < 1:
        raise CommandError("--companies and --triples take a positive number")
    companies = args.companies if args.companies is not None else companies_for_triples(args.triples)

    def progress(done: int, total: int, triples: int) -> None:
        print(f"kg synth: {done:,}/{total:,} companies, {triples:,} triples", file=sys.stderr)

    started = time.perf_counter()
    path = generate(args.out, companies, seed=args.seed, progress=progress)
    took = time.perf_counter() - started
    print(
        f"wrote {path} ({companies:,} companies, seed {args.seed}) in {took:.1f} s; "
        f"load it with --data {args.out}"
    )


# -- the parser -------------------------------------------------------------------------------


def _add(
    sub: Any, name: str, func: Callable[[argparse.Namespace], None], common: argparse.ArgumentParser
) -> argparse.ArgumentParser:
    doc = (func.__doc__ or "").strip().splitlines()[0]
    parser: argparse.ArgumentParser = sub.add_parser(name, help=doc, description=doc, parents=[common])
    parser.set_defaults(func=func)
    return parser


def _answer_format_option(p: argparse.ArgumentParser) -> None:
    p.add_argument("--format", choices=ANSWER_FORMATS, help="output format (table on a terminal)")
    _remote_options(p)


def _query_options(p: argparse.ArgumentParser) -> None:
    p.add_argument("query", help="a named query, a .rq file, - for standard input, or SPARQL text")
    p.add_argument("--param", action="append", default=[], metavar="NAME=VALUE", help="bind a parameter")
    p.add_argument("--format", choices=QUERY_FORMATS, help="output format (table on a terminal)")
    _remote_options(p)


def _hosts_options(p: argparse.ArgumentParser) -> None:
    p.add_argument("subject", nargs="?", help="only roles on this thing or by this provider")
    p.add_argument("--as-of", metavar="DATE", help="roles in force on a date (YYYY[-MM[-DD]])")
    _answer_format_option(p)


def _changes_options(p: argparse.ArgumentParser) -> None:
    p.add_argument("from_", metavar="FROM", help="earlier agreement: id, name or date")
    p.add_argument("to", metavar="TO", help="later agreement: id, name or date")
    p.add_argument("--partnership", help="resolve dates in this partnership (default Microsoft–OpenAI)")
    _answer_format_option(p)


def _terms_options(p: argparse.ArgumentParser) -> None:
    p.add_argument("--as-of", required=True, metavar="DATE", help="the date (YYYY[-MM[-DD]])")
    p.add_argument("--partnership", help="only this partnership's terms")
    _answer_format_option(p)


def _timeline_options(p: argparse.ArgumentParser) -> None:
    p.add_argument("--partnership", help="only this partnership's agreements")
    _answer_format_option(p)


def _sources_options(p: argparse.ArgumentParser) -> None:
    p.add_argument("entity", help="an entity or fact: id or name")
    _answer_format_option(p)


def _partners_options(p: argparse.ArgumentParser) -> None:
    p.add_argument("org", help="an organisation: id or name")
    _answer_format_option(p)


def _verify_options(p: argparse.ArgumentParser) -> None:
    p.add_argument("folder", metavar="DIR", help="folder holding the source text files")


def _export_options(p: argparse.ArgumentParser) -> None:
    p.add_argument("--format", choices=EXPORT_FORMATS, default="ttl", help="serialization (default ttl)")
    p.add_argument("-o", "--output", metavar="FILE", help="write to a file instead of standard output")


def _explore_options(p: argparse.ArgumentParser) -> None:
    p.add_argument(
        "-o",
        "--output",
        default="explorer.html",
        metavar="FILE",
        help="where to write it (default explorer.html)",
    )


def _build_options(p: argparse.ArgumentParser) -> None:
    p.add_argument("--out", default="out", metavar="DIR", help="output folder (default out/)")


def _remote_options(p: argparse.ArgumentParser) -> None:
    p.add_argument("--endpoint", metavar="URL", help="ask a SPARQL endpoint instead of the local data")
    p.add_argument(
        "--graph",
        default=DEFAULT_GRAPH_IRI,
        metavar="IRI",
        help="with --endpoint: the named graph holding the data ('default' for the default graph)",
    )
    p.add_argument(
        "--http-timeout",
        type=_positive(float),
        default=30.0,
        metavar="S",
        help="seconds to wait for the endpoint",
    )


def _serve_options(p: argparse.ArgumentParser) -> None:
    p.add_argument(
        "--host", default="127.0.0.1", help="address to listen on (default 127.0.0.1: this machine only)"
    )
    p.add_argument("--port", type=_port, default=8765, help="port (default 8765; 0 picks a free one)")
    p.add_argument(
        "--timeout",
        type=_positive(float),
        default=5.0,
        metavar="S",
        help="stop a query after S seconds (default 5)",
    )
    p.add_argument(
        "--workers", type=_positive(int), default=2, metavar="N", help="query worker processes (default 2)"
    )
    p.add_argument(
        "--max-request-bytes",
        type=_positive(int),
        default=100_000,
        metavar="N",
        help="refuse larger requests (default 100000)",
    )
    p.add_argument(
        "--cors",
        action="append",
        default=[],
        metavar="ORIGIN",
        help="allow browser pages from ORIGIN (repeatable)",
    )
    p.add_argument(
        "--log-level",
        default="warning",
        choices=("debug", "info", "warning", "error"),
        help="info logs each request",
    )


def _push_options(p: argparse.ArgumentParser) -> None:
    p.add_argument(
        "--endpoint", required=True, metavar="URL", help="the store: its SPARQL query URL or base URL"
    )
    p.add_argument(
        "--graph",
        default=DEFAULT_GRAPH_IRI,
        metavar="IRI",
        help=f"named graph to replace (default {DEFAULT_GRAPH_IRI})",
    )
    p.add_argument(
        "--update-endpoint",
        metavar="URL",
        help="the store's SPARQL Update URL (if not derived from --endpoint)",
    )
    p.add_argument(
        "--gsp-endpoint",
        metavar="URL",
        help="the store's Graph Store Protocol URL (if not derived from --endpoint)",
    )
    p.add_argument(
        "--http-timeout",
        type=_positive(float),
        default=120.0,
        metavar="S",
        help="seconds to wait for each request",
    )


def _synth_options(p: argparse.ArgumentParser) -> None:
    size = p.add_mutually_exclusive_group()
    size.add_argument("--companies", type=int, metavar="N", help="how many synthetic companies")
    size.add_argument("--triples", type=int, metavar="N", help="about how many triples (sets --companies)")
    p.add_argument("--seed", type=int, default=0, metavar="S", help="random seed (default 0)")
    p.add_argument("-o", "--out", required=True, metavar="DIR", help="folder to write synthetic.nt into")


Configure = Callable[[argparse.ArgumentParser], None]

COMMANDS: dict[str, tuple[Callable[[argparse.Namespace], None], Configure | None]] = {
    "query": (cmd_query, _query_options),
    "hosts": (cmd_hosts, _hosts_options),
    "changes": (cmd_changes, _changes_options),
    "terms": (cmd_terms, _terms_options),
    "timeline": (cmd_timeline, _timeline_options),
    "sources": (cmd_sources, _sources_options),
    "conflicts": (cmd_conflicts, _answer_format_option),
    "secondary": (cmd_secondary, _answer_format_option),
    "partners": (cmd_partners, _partners_options),
    "queries": (cmd_queries, None),
    "validate": (cmd_validate, None),
    "verify-sources": (cmd_verify_sources, _verify_options),
    "export": (cmd_export, _export_options),
    "explore": (cmd_explore, _explore_options),
    "build": (cmd_build, _build_options),
    "serve": (cmd_serve, _serve_options),
    "push": (cmd_push, _push_options),
    "synth": (cmd_synth, _synth_options),
}
"""Every ``kg`` command: the function that runs it and the function that adds its options."""

STANDALONE = frozenset({"synth"})
"""Commands that do not read the graph, so take no ``--data`` or ``--store``."""


def build_parser(only: str | None = None) -> argparse.ArgumentParser:
    """The ``kg`` argument parser (every command takes ``--data DIR``).

    With ``only``, just that command's sub-parser is built: argparse set-up is a noticeable
    part of ``kg``'s start-up time, and one command is all a run needs.
    """
    common = argparse.ArgumentParser(add_help=False)
    common.add_argument(
        "--data",
        action="append",
        metavar="DIR",
        help="add your own data files (a folder or a file; repeatable)",
    )
    common.add_argument(
        "--store",
        metavar="DIR",
        help="keep the graph in an on-disk store in DIR: loaded on first use, reopened after, "
        "rebuilt when a data file changes",
    )
    bare = argparse.ArgumentParser(add_help=False)
    parser = argparse.ArgumentParser(
        prog="kg", description="Query and explore the Microsoft–OpenAI partnership knowledge graph."
    )
    parser.add_argument("--version", action="version", version=f"kg {__version__}")
    sub = parser.add_subparsers(dest="command", metavar="COMMAND", required=True)
    for name, (func, configure) in COMMANDS.items():
        if only is None or name == only:
            command = _add(sub, name, func, bare if name in STANDALONE else common)
            if configure is not None:
                configure(command)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    """Entry point of the ``kg`` console script; returns the exit code."""
    argv = list(sys.argv[1:] if argv is None else argv)
    parser = build_parser(argv[0] if argv and argv[0] in COMMANDS else None)
    args = parser.parse_args(argv)
    try:
        args.func(args)
    except GraphError as err:
        print(f"kg: error: {err}", file=sys.stderr)
        return 2
    except BrokenPipeError:
        return 0
    except KeyboardInterrupt:
        return 130
    return 0


if __name__ == "__main__":
    sys.exit(main())
