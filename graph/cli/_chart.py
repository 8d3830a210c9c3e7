"""The commands that draw an answer for an article: ``kg chart`` (the timeline as SVG) and
``kg card`` (one answer as an embeddable card)."""

from __future__ import annotations

import argparse
from typing import Any

from graph.cli._command import Option, command, emit, open_local


@command(
    "chart",
    Option("-o", "--output", metavar="FILE", help="write the SVG to FILE (default: standard output)"),
    Option("--format", choices=("svg",), default="svg", help="svg (the only format, for now)"),
)
def cmd_chart(args: argparse.Namespace) -> None:
    """The timeline as one static SVG: a lane per agreement, role and clause, uncertainty hatched."""
    from graph.explorer._lanes import time_payload
    from graph.explorer._network import format_date
    from graph.explorer._svg import timeline_svg

    kg = open_local(args)
    timeline = kg.timeline()
    _, time = time_payload(kg, timeline, lambda answer: {})
    entries = [{**e.to_dict(), "date_label": format_date(e.date)} for e in timeline]
    svg = timeline_svg(time, entries, "Microsoft–OpenAI partnership: roles and clauses over time")
    if args.output:
        from pathlib import Path

        from graph._io import write_atomic

        write_atomic(Path(args.output), svg)
        print(f"wrote {args.output}")
    else:
        emit(svg)


CARD_QUESTIONS = {
    "hosts": ("[SUBJECT]", 0, 1),
    "terms": ("", 0, 0),
    "changes": ("FROM TO", 2, 2),
    "timeline": ("", 0, 0),
    "conflicts": ("", 0, 0),
    "secondary": ("", 0, 0),
    "partners": ("ORG", 1, 1),
    "sources": ("ENTITY", 1, 1),
}
"""The questions a card answers, the arguments each takes, and how many."""


@command(
    "card",
    Option("question", choices=tuple(CARD_QUESTIONS), help="the question: " + ", ".join(CARD_QUESTIONS)),
    Option(
        "arguments", nargs="*", metavar="ARG", help="its arguments (hosts [SUBJECT], changes FROM TO, ...)"
    ),
    Option("--as-of", metavar="DATE", help="hosts, terms: as of this date (YYYY[-MM[-DD]])"),
    Option("-o", "--output", required=True, metavar="FILE", help="the card: FILE.html, FILE.svg or FILE.png"),
)
def cmd_card(args: argparse.Namespace) -> None:
    """One answer as a self-contained, embeddable card: rows, basis, quotes, date, data release."""
    from pathlib import Path

    from graph._io import write_atomic
    from graph._version import __version__
    from graph.cli._command import CommandError
    from graph.output._card import CARD_FORMATS, card_html, card_png, card_svg, make_card, release

    out = Path(args.output)
    if out.suffix.lower() not in CARD_FORMATS:
        raise CommandError(f"{out}: unknown card format '{out.suffix}'; accepted: {', '.join(CARD_FORMATS)}")
    usage, least, most = CARD_QUESTIONS[args.question]
    if not least <= len(args.arguments) <= most:
        raise CommandError(
            f"kg card {args.question} takes {usage or 'no arguments'}; got {len(args.arguments)}"
        )
    if args.question == "terms" and not args.as_of:
        raise CommandError("kg card terms needs --as-of DATE")
    kg = open_local(args)
    kind, items, title = _ask(kg, args)
    when = f"As of {args.as_of}" if args.as_of else "As the sources stand (no date asked)"
    card = make_card(items, kind, title, when, release(kg.files, __version__))
    if out.suffix.lower() == ".png":
        card_png(card, out)
    else:
        write_atomic(out, card_html(card) if out.suffix.lower() == ".html" else card_svg(card))
    print(f"wrote {out} ({len(items)} rows)")


def _ask(kg: Any, args: argparse.Namespace) -> tuple[Any, Any, str]:
    """The answer type, the answer and a title, for the card's question."""
    from graph.answers import _types as t

    q, a = args.question, args.arguments
    if q == "hosts":
        return (
            t.HostRole,
            kg.hosts(a[0] if a else None, as_of=args.as_of),
            "Who hosts what" + (f": {a[0]}" if a else ""),
        )
    if q == "terms":
        return t.TermState, kg.terms(args.as_of), "The terms in force"
    if q == "changes":
        return t.Change, kg.changes(a[0], a[1]), f"What changed: {a[0]} → {a[1]}"
    if q == "timeline":
        return t.TimelineEntry, kg.timeline(), "Agreements and announcements"
    if q == "conflicts":
        return t.Conflict, kg.conflicts(), "Where the sources disagree"
    if q == "secondary":
        return t.Fact, kg.secondary_only(), "Facts resting only on secondary sources"
    if q == "partners":
        return t.Partner, kg.partners(a[0]), f"Partners of {a[0]}"
    return t.Fact, kg.sources_for(a[0]), f"Sources for {a[0]}"
