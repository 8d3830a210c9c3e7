"""``kg serve`` (a SPARQL endpoint), ``kg push`` (into a triple store) and ``kg synth`` (scale data)."""

from __future__ import annotations

import argparse
import sys

from graph._vocab import DEFAULT_GRAPH_IRI
from graph.cli._command import (
    ENDPOINT,
    GRAPH,
    HTTP_METHOD,
    HTTP_TIMEOUT,
    USER,
    CommandError,
    OneOf,
    Option,
    command,
    open_local,
    open_stored,
    positive,
)


def _port(text: str) -> int:
    if not text.isdigit() or int(text) > 65535:
        raise argparse.ArgumentTypeError(f"not a port number (0-65535): {text!r}")
    return int(text)


@command(
    "serve",
    Option("--host", default="127.0.0.1", help="address to listen on (default 127.0.0.1: this machine only)"),
    Option("--port", type=_port, default=8765, help="port (default 8765; 0 picks a free one)"),
    Option(
        "--timeout",
        type=positive(float),
        default=5.0,
        metavar="S",
        help="stop a query after S seconds (default 5)",
    ),
    Option(
        "--workers", type=positive(int), default=2, metavar="N", help="query worker processes (default 2)"
    ),
    Option(
        "--max-request-bytes",
        type=positive(int),
        default=100_000,
        metavar="N",
        help="refuse larger requests (default 100000)",
    ),
    Option(
        "--cors",
        action="append",
        default=[],
        metavar="ORIGIN",
        help="allow browser pages from ORIGIN (repeatable)",
    ),
    Option(
        "--worker-memory",
        type=positive(int),
        metavar="MB",
        help="each query worker's memory limit (default: half this machine's memory, shared)",
    ),
    Option(
        "--header-timeout",
        type=positive(float),
        default=10.0,
        metavar="S",
        help="drop a connection that has not sent its headers (or body) within S seconds (default 10)",
    ),
    Option(
        "--write-timeout",
        type=positive(float),
        default=30.0,
        metavar="S",
        help="drop a connection that reads none of its answer for S seconds (default 30)",
    ),
    Option(
        "--max-connections",
        type=positive(int),
        default=1000,
        metavar="N",
        help="open connections at most; past it the one stalled longest is dropped (default 1000)",
    ),
    Option(
        "--queries-per-client",
        type=positive(int),
        metavar="N",
        help="ad-hoc queries one client address may run or queue at once (default: workers - 1, at least 1)",
    ),
    Option(
        "--answer-memory",
        type=positive(int),
        default=200,
        metavar="MB",
        help="memory for large answers being sent; past it more get 503 (default 200)",
    ),
    Option(
        "--allow-network-fallback",
        action="store_true",
        help="serve even where query workers cannot be cut off the network (SERVICE refused by grammar only)",
    ),
    Option(
        "--log-level",
        default="warning",
        choices=("debug", "info", "warning", "error"),
        help="info logs each request",
    ),
)
def cmd_serve(args: argparse.Namespace) -> None:
    """Serve the graph as a read-only SPARQL 1.1 endpoint, with its named queries and explorer."""
    try:
        from graph.serve import ServeOptions, run_serve
    except ModuleNotFoundError as err:
        if err.name not in ("starlette", "uvicorn"):
            raise
        raise CommandError(
            f"kg serve needs {err.name}: pip install partnership-kg again to get its dependencies"
        ) from None

    if args.store:  # build or check the store here; the workers then share it read-only
        from graph.store import release

        open_stored(args.data or (), args.store)
        release(args.store)
    options = ServeOptions(
        data=tuple(args.data or ()),
        store=args.store,
        corpus_only=bool(getattr(args, "corpus_only", False)),
        host=args.host,
        port=args.port,
        timeout=args.timeout,
        workers=args.workers,
        max_request_bytes=args.max_request_bytes,
        cors=tuple(args.cors),
        worker_memory=args.worker_memory * 2**20 if args.worker_memory else None,
        allow_network_fallback=args.allow_network_fallback,
        header_timeout=args.header_timeout,
        write_timeout=args.write_timeout,
        max_connections=args.max_connections,
        per_client=args.queries_per_client,
        answer_memory=args.answer_memory * 2**20,
    )
    run_serve(options, log_level=args.log_level)


@command(
    "push",
    ENDPOINT.but(required=True, help="the store: its SPARQL query URL or base URL"),
    GRAPH.but(help=f"named graph to replace (default {DEFAULT_GRAPH_IRI})"),
    Option(
        "--update-endpoint",
        metavar="URL",
        help="the store's SPARQL Update URL (if not derived from --endpoint)",
    ),
    Option(
        "--gsp-endpoint",
        metavar="URL",
        help="the store's Graph Store Protocol URL (if not derived from --endpoint)",
    ),
    HTTP_TIMEOUT.but(default=120.0, help="seconds to wait for each request"),
    HTTP_METHOD,
    USER,
)
def cmd_push(args: argparse.Namespace) -> None:
    """Load the graph into a triple store, replacing one named graph all at once."""
    from graph.remote import push

    kg = open_local(args)  # --endpoint is where the graph goes, not where it comes from
    report = push(
        kg,
        args.endpoint,
        args.graph,
        args.update_endpoint,
        args.gsp_endpoint,
        args.http_timeout,
        args.http_method,
        args.user,
    )
    print(report.summary())


@command(
    "synth",
    OneOf(
        Option("--companies", type=int, metavar="N", help="how many synthetic companies"),
        Option("--triples", type=int, metavar="N", help="about how many triples (sets --companies)"),
    ),
    Option("--seed", type=int, default=0, metavar="S", help="random seed (default 0)"),
    Option("-o", "--out", required=True, metavar="DIR", help="folder to write synthetic.nt into"),
)
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
