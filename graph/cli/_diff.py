"""``kg diff OLD NEW``: what an update changed in the headline answers (graph.diff)."""

from __future__ import annotations

import argparse

from graph.cli._command import Option, command, emit


@command(
    "diff",
    Option("old", metavar="OLD", help="the earlier data: a data folder or a git revision of data/"),
    Option("new", metavar="NEW", help="the later data: a data folder or a git revision of data/"),
    Option(
        "--format", choices=("table", "json", "atom"), default="table", help="output format (default table)"
    ),
)
def cmd_diff(args: argparse.Namespace) -> None:
    """What changed between two versions of the data: the rows of each headline answer added,
    removed and changed (hosts now and as of each agreement's date, terms, timeline, changes)."""
    from graph.answers._horizon import horizon
    from graph.diff._compare import compare
    from graph.diff._feed import as_json, atom, table
    from graph.diff._inputs import load_side

    old = load_side(args.old, corpus_only=args.corpus_only)
    new = load_side(args.new, corpus_only=args.corpus_only)
    diffs = compare(old, new)
    if args.format == "json":
        emit(as_json(diffs))
    elif args.format == "atom":
        emit(atom(diffs, old=args.old, new=args.new, updated=horizon(new.backend) or "1970-01-01"))
    else:
        emit(table(diffs))
