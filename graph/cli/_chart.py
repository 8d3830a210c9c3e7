"""The commands that draw an answer for an article: ``kg chart`` (the timeline as SVG)."""

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
