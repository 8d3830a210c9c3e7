"""The commands that print one of the library's answers (``kg hosts``, ``kg changes``, ...).

Each answer type knows its table's columns (graph.answers._types); an entity that matches
nothing is the library's UnknownEntityError, which ``kg`` prints as any other error (exit 2).
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Sequence

from graph._formats import ANSWER_FORMATS
from graph.cli._command import ANSWERS, FORMAT, Option, answer_format, command, emit, open_graph

TYPE_CHECKING = False  # typing costs start-up time; only type checkers import it
if TYPE_CHECKING:
    from graph._graph import PartnershipGraph
    from graph.answers._types import Answer, Change


def _print(
    items: Sequence[Answer], args: argparse.Namespace, kind: type[Answer], columns: Sequence[str] = ()
) -> None:
    from dataclasses import fields

    from graph.output._columns import pick
    from graph.output._render import answers

    if args.columns:
        columns = pick(args.columns, [f.name for f in fields(kind)])
    quotes = args.evidence or args.command == "sources"  # kg sources is where the quotes are
    emit(
        answers(
            items,
            answer_format(args),
            kind,
            columns,
            chosen=bool(args.columns),
            wide=args.wide,
            evidence=quotes,
        )
    )


def _horizon_note(kg: PartnershipGraph, as_of: str | None) -> None:
    """One line on stderr when the date asked is after the graph's horizon."""
    from graph.answers._horizon import beyond

    after = beyond(kg.backend, as_of)
    if after:
        print(
            f"kg: note: {as_of} is after the graph's horizon, {after} (its latest source, citation or"
            " dated agreement): later changes are unknown to this graph",
            file=sys.stderr,
        )


@command(
    "hosts",
    Option("subject", nargs="?", help="only roles on this thing or by this provider"),
    Option("--as-of", metavar="DATE", help="roles in force on a date (YYYY[-MM[-DD]])"),
    *ANSWERS,
)
def cmd_hosts(args: argparse.Namespace) -> None:
    """Who hosts, serves, distributes or supplies compute for what."""
    from graph.answers._types import HostRole

    columns = HostRole.AS_OF_COLUMNS if args.as_of else ()
    kg = open_graph(args)
    answer = kg.hosts(args.subject, as_of=args.as_of)
    _horizon_note(kg, args.as_of)
    _print(answer, args, HostRole, columns)


@command(
    "changes",
    Option("from_", metavar="FROM", help="earlier agreement: id, name or date"),
    Option("to", metavar="TO", help="later agreement: id, name or date"),
    Option("--partnership", help="resolve dates in this partnership (default Microsoft–OpenAI)"),
    FORMAT.but(
        choices=(*ANSWER_FORMATS, "md", "html"),
        help="output format (table on a terminal; md, html: a redline)",
    ),
    *ANSWERS[1:],
)
def cmd_changes(args: argparse.Namespace) -> None:
    """What changed between two agreements (ids, names or dates)."""
    from graph.answers._types import Change

    kg = open_graph(args)
    answer = kg.changes(args.from_, args.to, partnership=args.partnership)
    if answer:
        _say_resolved(answer[0], args.from_, args.to)
    if answer and not answer[0].order_known:
        print(
            f"kg: warning: the sources do not say whether {args.from_} came before {args.to};"
            " the changes assume it did",
            file=sys.stderr,
        )
    if args.format in ("md", "html"):
        from graph.output._cells import status_summary
        from graph.output._redline import redline_html, redline_md, term_labels

        write = redline_md if args.format == "md" else redline_html
        title = f"What changed: {args.from_} → {args.to}"
        emit(write(answer, term_labels(kg, answer), title, status_summary([c.status for c in answer])))
        return
    _print(answer, args, Change)


def _say_resolved(change: Change, from_: str, to: str) -> None:
    """On stderr: the agreement each date (or name) stood for, and the undated ones between."""
    said = [
        f"{given} is {found}"
        for given, found in ((from_, change.from_agreement), (to, change.to_agreement))
        if found and given.strip() != found
    ]
    if said:
        same = change.from_agreement == change.to_agreement
        itself = " (the same agreement: each clause is compared with itself)" if same else ""
        print(f"kg: {'; '.join(said)}{itself}", file=sys.stderr)
    if change.may_fall_between:
        print(
            f"kg: warning: {', '.join(change.may_fall_between)} (undated) may fall between them;"
            " the changes do not include them",
            file=sys.stderr,
        )


@command(
    "terms",
    Option("--as-of", required=True, metavar="DATE", help="the date (YYYY[-MM[-DD]])"),
    Option("--partnership", help="only this partnership's terms"),
    *ANSWERS,
)
def cmd_terms(args: argparse.Namespace) -> None:
    """The terms in force on a date."""
    from graph.answers._types import TermState

    kg = open_graph(args)
    answer = kg.terms(args.as_of, partnership=args.partnership)
    _horizon_note(kg, args.as_of)
    _print(answer, args, TermState)


@command("timeline", Option("--partnership", help="only this partnership's agreements"), *ANSWERS)
def cmd_timeline(args: argparse.Namespace) -> None:
    """Agreements and announcements in order."""
    from graph.answers._types import TimelineEntry

    _print(open_graph(args).timeline(args.partnership), args, TimelineEntry)


@command(
    "sources",
    Option("entity", help="an entity or fact: id or name"),
    Option("--context", metavar="DIR", help="print the sentence around each quote, from the texts in DIR"),
    *ANSWERS,
)
def cmd_sources(args: argparse.Namespace) -> None:
    """Every source and quote behind an entity or fact."""
    from graph.answers._types import Fact

    facts = open_graph(args).sources_for(args.entity)
    if args.context:
        from pathlib import Path

        from graph.checks._passages import in_context

        emit(in_context(facts, Path(args.context)))
        return
    _print(facts, args, Fact)


@command("conflicts", *ANSWERS)
def cmd_conflicts(args: argparse.Namespace) -> None:
    """Claims on which sources disagree."""
    from graph.answers._types import Conflict

    _print(open_graph(args).conflicts(), args, Conflict)


@command("secondary", *ANSWERS)
def cmd_secondary(args: argparse.Namespace) -> None:
    """Facts that rest only on secondary sources."""
    from graph.answers._types import Fact

    _print(open_graph(args).secondary_only(), args, Fact, ["type", "label", "basis", "evidence"])


@command("partners", Option("org", help="an organisation: id or name"), *ANSWERS)
def cmd_partners(args: argparse.Namespace) -> None:
    """An organisation's partners and in what capacity."""
    from graph.answers._types import Partner

    _print(open_graph(args).partners(args.org), args, Partner)
