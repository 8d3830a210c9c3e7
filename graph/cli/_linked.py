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

    from graph.linked._publish import check_base_url, publish

    check_base_url(args.base_url)  # before the graph is loaded
    for line in publish(open_local(args), Path(args.folder), args.base_url):
        print(line)
