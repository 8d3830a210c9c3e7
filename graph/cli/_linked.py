"""The linked-data commands: ``kg publish`` (static entity documents), ``kg cite`` (citations)
and ``kg quickstatements`` (stated facts for Wikidata's editors)."""

from __future__ import annotations

import argparse

from graph.cli._command import Option, command, open_local


@command(
    "publish",
    Option(
        "folder", metavar="DIR", help="where to write the site (a new or empty folder, or an earlier one)"
    ),
    Option(
        "--base-url",
        required=True,
        metavar="URL",
        help="the http(s) URL DIR will be served at (the w3id redirects point there)",
    ),
)
def cmd_publish(args: argparse.Namespace) -> None:
    """Write every entity's page, Turtle, JSON-LD and N-Triples as static files, with w3id redirects."""
    from pathlib import Path

    from graph.linked import check_base_url, publish

    check_base_url(args.base_url)  # before the graph is loaded
    for line in publish(open_local(args), Path(args.folder), args.base_url):
        print(line)


@command(
    "quickstatements",
    Option("-o", "--output", metavar="FILE", help="write to a file instead of standard output"),
)
def cmd_quickstatements(args: argparse.Namespace) -> None:
    """Stated facts Wikidata can hold, as QuickStatements lines, each with its reference."""
    import sys

    from graph.linked import quickstatements

    found = quickstatements(open_local(args).store)
    for fact in found.left_out:
        print(f"kg quickstatements: left out (no quote from a source with a URL): {fact}", file=sys.stderr)
    if args.output:
        from pathlib import Path

        from graph._io import write_atomic

        write_atomic(Path(args.output), found.text())
    else:
        sys.stdout.write(found.text())


@command(
    "cite",
    Option(
        "what",
        metavar="ID|QUESTION",
        help="an entity id or name, or a question (hosts, changes, terms, "
        "timeline, sources, conflicts, secondary, partners)",
    ),
    Option("params", nargs="*", metavar="PARAM", help="the question's arguments, as its command takes them"),
    Option("--as-of", metavar="DATE", help="hosts: as of this date"),
    Option("--format", choices=("bibtex", "csl-json", "ris"), default="bibtex", help="default bibtex"),
)
def cmd_cite(args: argparse.Namespace) -> None:
    """Cite the sources behind a fact or an answer, and the graph's release."""
    import sys
    from datetime import date

    from graph.linked import (
        answers_for,
        citations_of,
        evidence_of,
        release_of,
        render_citation,
        source_labels,
        works,
    )

    kg = open_local(args)
    rows = answers_for(kg, args.what, args.params, args.as_of)
    cited = works(evidence_of(rows), release_of(kg.backend), source_labels(kg.store), citations_of(rows))
    sys.stdout.write(render_citation(cited, args.format, date.today()))
