"""The commands that print one of the library's answers (``kg hosts``, ``kg changes``, ...)."""

from __future__ import annotations

import argparse
import sys
from collections.abc import Sequence

from graph.cli._command import ANSWERS, CommandError, Option, answer_format, command, emit, open_graph

TYPE_CHECKING = False  # typing costs start-up time; only type checkers import it
if TYPE_CHECKING:
    from graph.answers._types import Answer


def _print(items: Sequence[Answer], args: argparse.Namespace, columns: list[str]) -> None:
    from graph.output._render import answers

    emit(answers(items, answer_format(args), columns))


@command(
    "hosts",
    Option("subject", nargs="?", help="only roles on this thing or by this provider"),
    Option("--as-of", metavar="DATE", help="roles in force on a date (YYYY[-MM[-DD]])"),
    *ANSWERS,
)
def cmd_hosts(args: argparse.Namespace) -> None:
    """Who hosts, serves, distributes or supplies compute for what."""
    kg = open_graph(args)
    roles = kg.hosts(args.subject, as_of=args.as_of)
    if args.subject and not roles and kg.resolve(args.subject) is None:
        print(f"kg: no entity matches '{args.subject}'", file=sys.stderr)
    _print(roles, args, ["provider", "role", "hosted", "exclusivity", "since_label", "rank", "evidence"])


@command(
    "changes",
    Option("from_", metavar="FROM", help="earlier agreement: id, name or date"),
    Option("to", metavar="TO", help="later agreement: id, name or date"),
    Option("--partnership", help="resolve dates in this partnership (default Microsoft–OpenAI)"),
    *ANSWERS,
)
def cmd_changes(args: argparse.Namespace) -> None:
    """What changed between two agreements (ids, names or dates)."""
    found = open_graph(args).changes(args.from_, args.to, partnership=args.partnership)
    _print(found, args, ["status", "clause_label", "differences", "change_note", "to_evidence"])


@command(
    "terms",
    Option("--as-of", required=True, metavar="DATE", help="the date (YYYY[-MM[-DD]])"),
    Option("--partnership", help="only this partnership's terms"),
    *ANSWERS,
)
def cmd_terms(args: argparse.Namespace) -> None:
    """The terms in force on a date."""
    found = open_graph(args).terms(args.as_of, partnership=args.partnership)
    _print(found, args, ["status", "clause_label", "label", "agreement_label", "may_be_superseded_by"])


@command("timeline", Option("--partnership", help="only this partnership's agreements"), *ANSWERS)
def cmd_timeline(args: argparse.Namespace) -> None:
    """Agreements and announcements in order."""
    columns = ["date", "precision", "label", "type", "parties", "inferred_order", "other_dates"]
    _print(open_graph(args).timeline(args.partnership), args, columns)


@command("sources", Option("entity", help="an entity or fact: id or name"), *ANSWERS)
def cmd_sources(args: argparse.Namespace) -> None:
    """Every source and quote behind an entity or fact."""
    kg = open_graph(args)
    if kg.resolve(args.entity) is None:
        raise CommandError(f"no entity matches '{args.entity}'; give an id (frontier) or a name")
    _print(kg.sources_for(args.entity), args, ["id", "type", "label", "evidence"])


@command("conflicts", *ANSWERS)
def cmd_conflicts(args: argparse.Namespace) -> None:
    """Claims on which sources disagree."""
    _print(open_graph(args).conflicts(), args, ["subject_label", "property", "claims"])


@command("secondary", *ANSWERS)
def cmd_secondary(args: argparse.Namespace) -> None:
    """Facts that rest only on secondary sources."""
    _print(open_graph(args).secondary_only(), args, ["type", "label", "evidence"])


@command("partners", Option("org", help="an organisation: id or name"), *ANSWERS)
def cmd_partners(args: argparse.Namespace) -> None:
    """An organisation's partners and in what capacity."""
    kg = open_graph(args)
    if kg.resolve(args.org) is None:
        raise CommandError(f"no organisation matches '{args.org}'")
    _print(kg.partners(args.org), args, ["partner_label", "kind", "capacity"])
