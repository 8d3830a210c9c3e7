"""``kg query`` and ``kg queries``: SPARQL, named or not."""

from __future__ import annotations

import argparse
import os
import re
import sys

from graph._formats import QUERY_FORMATS
from graph.cli._command import FORMAT, REMOTE, WIDE, CommandError, Option, command, emit, open_graph


def params(pairs: list[str]) -> dict[str, str]:
    """``--param NAME=VALUE`` pairs as a dict (a leading ``?`` or ``$`` on the name is dropped)."""
    from graph.isolation import cut

    found: dict[str, str] = {}
    for pair in pairs:
        name, sep, value = pair.partition("=")
        name = name.strip().removeprefix("?").removeprefix("$")
        if not sep or not re.fullmatch(r"[A-Za-z_][A-Za-z0-9_]*", name):
            raise CommandError(
                f"--param takes NAME=VALUE with a variable name (letters, digits, _), got {cut(pair, 80)!r}"
            )
        found[name] = value
    return found


@command(
    "query",
    Option("query", help="a named query, a .rq file, - for standard input, or SPARQL text"),
    Option("--param", action="append", default=[], metavar="NAME=VALUE", help="bind a parameter"),
    FORMAT.but(choices=QUERY_FORMATS),
    Option(
        "--allow-service",
        action="store_true",
        help="let the query call other servers with SERVICE (refused by default; see docs/endpoint.md)",
    ),
    WIDE,
    *REMOTE,
)
def cmd_query(args: argparse.Namespace) -> None:
    """Run a named query, a .rq file, standard input (-) or SPARQL text."""
    from graph.sparql._named import get_named_query, load_query_file, query_names

    kg = open_graph(args)
    bound = params(args.param)
    source = args.query
    service = {"allow_service": args.allow_service}
    if source == "-":
        result = kg.query(sys.stdin.read(), bound, **service)
    elif source in query_names():
        result = kg.run_named(source, bound)
    elif source.endswith(".rq") or (len(source) < 250 and os.path.isfile(source)):
        path = source
        if not os.path.isfile(path):
            raise CommandError(f"{source}: no such query file")
        named = load_query_file(path)
        result = (
            kg.run_named(named, bound, **service)
            if named.parameters
            else kg.query(named.text, bound, **service)
        )
    elif re.fullmatch(r"[\w.-]+", source):
        get_named_query(source)  # raises with the near names
        return
    else:
        result = kg.query(source, bound, **service)
    fmt = args.format or ("table" if sys.stdout.isatty() else ("nt" if result.kind == "graph" else "tsv"))
    if fmt == "table":
        from graph.output._render import result_table

        emit(result_table(result, wide=args.wide))
    else:
        emit(result.serialize(fmt))


@command(
    "queries",
    FORMAT.but(choices=("text", "json", "tsv"), default="text", help="listing format (default text)"),
)
def cmd_queries(args: argparse.Namespace) -> None:
    """List the named queries with their descriptions and parameters."""
    from graph.output._listing import query_listing
    from graph.sparql._named import named_queries

    emit(query_listing(named_queries().values(), args.format))


@command("completion", Option("shell", choices=("bash", "zsh"), help="the shell to complete in"))
def cmd_completion(args: argparse.Namespace) -> None:
    """Print a shell completion script for kg (bash or zsh)."""
    try:
        import shtab
    except ModuleNotFoundError:
        raise CommandError("kg completion needs shtab: pip install shtab") from None
    from graph.cli import build_parser

    emit(shtab.complete(build_parser(), shell=args.shell))
