"""The commands that add to the graph (graph.authoring): kg source add, kg evidence add/anchor, kg add."""

from __future__ import annotations

import argparse
from pathlib import Path

from graph.cli._command import CommandError, Option, command


def data_folder(args: argparse.Namespace) -> Path:
    """The folder these commands write into: the last ``--data``."""
    if not args.data:
        raise CommandError("give --data DIR: the folder of your own data files to write into")
    return Path(args.data[-1])


@command(
    "source",
    Option("action", choices=("add",), help="add: register FILE"),
    Option("file", metavar="FILE", help="the text file (kept in your sources folder)"),
    Option("--publisher", required=True, help="who published the text, as it says"),
    Option("--title", help="its title"),
    Option("--url", help="where it was published"),
    Option("--date", help="when (YYYY[-MM[-DD]])"),
    Option("--primary", action="store_true", help="the parties' own words (default: secondary)"),
    Option("--note", help="what a reader should know about it"),
    Option("--id", help="key of the source IRI (default: from the file name)"),
)
def cmd_source(args: argparse.Namespace) -> None:
    """Register a source text (kg source add FILE --publisher ...): its sha256, file name, metadata."""
    from graph.authoring._sources import add_source

    meta = {k: getattr(args, k) for k in ("publisher", "title", "url", "date", "primary", "note")}
    key = add_source(Path(args.file), data_folder(args), key=args.id, **meta)
    print(f"added {key} ({Path(args.file).name}) to {data_folder(args) / 'sources.ttl'}")


@command(
    "evidence",
    Option("action", choices=("add", "anchor"), help="add a quote, or anchor every quote"),
    Option("path", metavar="FILE|SOURCES_DIR", help="add: the source text; anchor: the folder of texts"),
    Option("quote", nargs="?", metavar="QUOTE", help="add: the verbatim quote"),
    Option("--prefix", help="words just before the quote (when it occurs more than once)"),
    Option("--suffix", help="words just after the quote (when it occurs more than once)"),
    Option("--id", help="key of the evidence IRI (default: from the quote's first words)"),
    Option(
        "--for", dest="for_fact", metavar="ID", help="add: the fact the quote states (it cites the quote)"
    ),
    Option("-o", "--output", metavar="FILE", help="anchor: write here, not DIR/selectors.ttl"),
)
def cmd_evidence(args: argparse.Namespace) -> None:
    """Anchor quotes: kg evidence add FILE QUOTE, or kg evidence anchor SOURCES_DIR."""
    from graph.authoring._evidence import add_evidence, anchor_all

    if args.action == "anchor":
        out = Path(args.output) if args.output else data_folder(args) / "selectors.ttl"
        count, notes = anchor_all(Path(args.path), data_folder(args), out)
        print("\n".join([*notes, f"anchored {count} quotes in {out}"]))
        return
    if args.quote is None:
        raise CommandError("kg evidence add FILE QUOTE: give the quote")
    key, at = add_evidence(
        Path(args.path),
        args.quote,
        data_folder(args),
        prefix=args.prefix,
        suffix=args.suffix,
        key=args.id,
        for_fact=args.for_fact,
    )
    stated = f"; the fact {args.for_fact} cites it" if args.for_fact else ""
    print(f"added {key}: characters {at.start}-{at.end} of {Path(args.path).name}{stated}")


@command("add", Option("sheet", metavar="SHEET", help="the announcement's YAML sheet (see README)"))
def cmd_add(args: argparse.Namespace) -> None:
    """Add an announcement from a YAML sheet: its agreement, terms, roles and quotes."""
    from graph.authoring._announce import add_sheet

    written, notes = add_sheet(Path(args.sheet), data_folder(args), corpus_only=args.corpus_only)
    print("\n".join([*notes, f"wrote {written}: valid"]))
