"""``kg query`` and ``kg queries``: SPARQL, named or not."""

from __future__ import annotations

import argparse
import os
import re
import sys

from graph._formats import QUERY_FORMATS
from graph.cli._command import FORMAT, REMOTE, CommandError, Option, command, emit, open_graph


def params(pairs: list[str]) -> dict[str, str]:
    """``--param NAME=VALUE`` pairs as a dict."""
    found: dict[str, str] = {}
    for pair in pairs:
        name, sep, value = pair.partition("=")
        if not sep or not name:
            raise CommandError(f"--param takes NAME=VALUE, got '{pair}'")
        found[name.strip()] = value
    return found


@command(
    "query",
    Option("query", help="a named query, a .rq file, - for standard input, or SPARQL text"),
    Option("--param", action="append", default=[], metavar="NAME=VALUE", help="bind a parameter"),
    FORMAT.but(choices=QUERY_FORMATS),
    *REMOTE,
)
def cmd_query(args: argparse.Namespace) -> None:
    """Run a named query, a .rq file, standard input (-) or SPARQL text."""
    from graph.sparql._named import get_named_query, load_query_file, query_names

    kg = open_graph(args)
    bound = params(args.param)
    source = args.query
    if source == "-":
        result = kg.query(sys.stdin.read(), bound)
    elif source in query_names():
        result = kg.run_named(source, bound)
    elif source.endswith(".rq") or (len(source) < 250 and os.path.isfile(source)):
        path = source
        if not os.path.isfile(path):
            raise CommandError(f"{source}: no such query file")
        named = load_query_file(path)
        result = kg.run_named(named, bound) if named.parameters else kg.query(named.text, bound)
    elif re.fullmatch(r"[\w.-]+", source):
        get_named_query(source)  # raises with the near names
        return
    else:
        result = kg.query(source, bound)
    fmt = args.format or ("table" if sys.stdout.isatty() else ("nt" if result.kind == "graph" else "tsv"))
    if fmt == "table":
        from graph.output._render import result_table

        emit(result_table(result))
    else:
        emit(result.serialize(fmt))


@command("queries")
def cmd_queries(args: argparse.Namespace) -> None:
    """List the named queries with their descriptions and parameters."""
    from graph.sparql._named import named_queries

    for query in named_queries().values():
        print(f"{query.name}\n    {query.description}")
        for p in query.parameters:
            need = "required" if p.required else "optional"
            print(f"    --param {p.name}=…  ({p.kind}, {need}) {p.description}")
