"""The commands that check the graph or write it out: validate, verify-sources, export, explore, build."""

from __future__ import annotations

import argparse

from graph._errors import GraphError
from graph._formats import EXPORT_FORMATS
from graph.cli._command import FORMAT, GRAPH, Option, command, emit, open_graph

PROGRESS_FROM = 100_000
"""Graphs of at least this many triples report validation progress on stderr."""


@command(
    "validate",
    Option(
        "--engine",
        choices=("sparql", "pyshacl"),
        default="sparql",
        help="sparql: each constraint as a query on Oxigraph (default, fast); pyshacl: the reference",
    ),
)
def cmd_validate(args: argparse.Namespace) -> None:
    """Validate the graph against the SHACL shapes."""
    import sys
    import time

    from graph.checks._shacl import validate

    kg = open_graph(args)
    large = len(kg) >= PROGRESS_FROM
    started = time.perf_counter()
    last = [0.0]

    def progress(done: int, total: int, what: str) -> None:
        now = time.perf_counter()
        if done in (0, total) or now - last[0] >= 2.0:
            print(f"kg validate: {done}/{total} checks, {what}", file=sys.stderr)
            last[0] = now

    report = validate(kg.backend, args.engine, progress if large else None)
    if large:
        took = time.perf_counter() - started
        print(
            f"kg validate: {len(kg):,} triples checked with {report.engine} in {took:.1f} s", file=sys.stderr
        )
    if not report.conforms:
        raise GraphError(report.summary())
    print(report.summary())


@command(
    "verify-sources",
    Option(
        "folder",
        metavar="DIR",
        nargs="*",
        help="folder(s) holding the source text files (default: $KG_SOURCES, else ../shared/sources)",
    ),
)
def cmd_verify_sources(args: argparse.Namespace) -> None:
    """Check every evidence quote, its position and each source hash against folders of source texts."""
    from graph.checks._corpus import NOT_FOUND, find_sources

    folders = args.folder or [str(f) for f in find_sources() or ()]
    if not folders:
        raise GraphError(NOT_FOUND)
    report = open_graph(args).verify_sources(folders)
    print(report.summary())
    if not report.ok:
        raise GraphError(f"{len(report.failures)} evidence check(s) failed in {', '.join(folders)}")


@command(
    "export",
    FORMAT.but(choices=EXPORT_FORMATS, default="ttl", help="serialization (default ttl)"),
    Option("-o", "--output", metavar="FILE", help="write to a file instead of standard output"),
    GRAPH.but(
        help="trig/nq: the named graph to put the triples in (default: the one kg push writes; "
        "'default' for the default graph)"
    ),
    Option(
        "--full",
        "--ontology",
        dest="full",
        action="store_true",
        help="graphml: keep the ontology, the text selectors and the controlled values as nodes",
    ),
)
def cmd_export(args: argparse.Namespace) -> None:
    """Serialize the whole graph."""
    from pathlib import Path

    from graph._io import write_atomic

    graph = None if args.graph == "default" else args.graph
    data = open_graph(args).serialize(args.format, graph=graph, full=args.full)
    if args.output:
        write_atomic(Path(args.output), data)
    else:
        emit(data)


@command(
    "explore",
    Option(
        "-o",
        "--output",
        default="explorer.html",
        metavar="FILE",
        help="where to write it (default explorer.html)",
    ),
    Option("--sources", metavar="DIR", help="show each quote in its paragraph, from the texts in DIR"),
)
def cmd_explore(args: argparse.Namespace) -> None:
    """Write the interactive explorer: one self-contained, offline HTML page."""
    from pathlib import Path

    from graph.explorer import write_explorer

    sources = Path(args.sources) if args.sources else None
    if sources is not None and not sources.is_dir():
        raise GraphError(f"--sources {sources}: no such folder")
    print(write_explorer(open_graph(args), Path(args.output), sources))


@command("build", Option("--out", default="out", metavar="DIR", help="output folder (default out/)"))
def cmd_build(args: argparse.Namespace) -> None:
    """The main job: build, validate, answer the headline questions and write the explorer."""
    from pathlib import Path

    from graph.output._build import build

    for line in build(open_graph(args), Path(args.out)):
        print(line)
