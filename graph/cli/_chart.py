"""The commands that draw an answer for an article: ``kg chart`` (the timeline as SVG) and
``kg card`` (one answer as an embeddable card)."""

from __future__ import annotations

import argparse

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


@command(
    "card",
    Option("question", help="hosts, terms, changes, timeline, conflicts, secondary, partners or sources"),
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
    from graph.cli._command import CommandError
    from graph.output._card import CARD_FORMATS, card_for, card_html, card_png, card_svg

    out = Path(args.output)
    if out.suffix.lower() not in CARD_FORMATS:
        raise CommandError(f"{out}: unknown card format '{out.suffix}'; accepted: {', '.join(CARD_FORMATS)}")
    card = card_for(open_local(args), args.question, args.arguments, args.as_of)
    if out.suffix.lower() == ".png":
        card_png(card, out)
    else:
        write_atomic(out, card_html(card) if out.suffix.lower() == ".html" else card_svg(card))
    print(f"wrote {out} ({len(card.rows)} rows)")
