"""The commands that check the graph or write it out: validate, verify-sources, export, explore, build."""

from __future__ import annotations

import argparse

from graph._errors import GraphError
from graph._formats import EXPORT_FORMATS
from graph.cli._command import FORMAT, Option, command, emit, open_graph


@command("validate")
def cmd_validate(args: argparse.Namespace) -> None:
    """Validate the graph against the SHACL shapes."""
    report = open_graph(args).validate()
    if not report.conforms:
        raise GraphError(report.summary())
    print(report.summary())


@command(
    "verify-sources",
    Option("folder", metavar="DIR", nargs="+", help="folder(s) holding the source text files"),
)
def cmd_verify_sources(args: argparse.Namespace) -> None:
    """Check every evidence quote, its position and each source hash against folders of source texts."""
    report = open_graph(args).verify_sources(args.folder)
    print(report.summary())
    if not report.ok:
        raise GraphError(f"{len(report.failures)} evidence check(s) failed in {', '.join(args.folder)}")


@command(
    "export",
    FORMAT.but(choices=EXPORT_FORMATS, default="ttl", help="serialization (default ttl)"),
    Option("-o", "--output", metavar="FILE", help="write to a file instead of standard output"),
)
def cmd_export(args: argparse.Namespace) -> None:
    """Serialize the whole graph."""
    from pathlib import Path

    from graph._io import write_atomic

    data = open_graph(args).serialize(args.format)
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
