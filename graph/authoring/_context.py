"""What building an announcement's Turtle needs: the sheet, the graph, the source text."""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from graph._graph import PartnershipGraph
from graph._schemes import keyed
from graph.authoring._evidence import selector_block
from graph.authoring._folder import lit, pk, slug
from graph.authoring._lookup import has_type
from graph.authoring._sheet import Reader, Value
from graph.checks import QuoteError, find_anchor

EXCLUSIVITY = keyed("Exclusivities")
"""``exclusivity:`` values (the ontology's exclusivities)."""
_KEY = re.compile(r"[a-z0-9][a-z0-9-]*")
PREFIXES = {
    "Agreement": "agreement-",
    "Term": "term-",
    "CloudRole": "role-",
    "Clause": "clause-",
    "Partnership": "partnership-",
    "InferenceRule": "rule-",
}
"""The kind prefix of each kind of node: a sheet may name a node with it or without it."""


@dataclass(frozen=True)
class Report:
    """A report of the sheet's ``reports:``: its citation node's key and its publisher."""

    key: str
    publisher: str
    block: str


@dataclass
class Context:
    """What building the Turtle needs: the sheet reader, the graph, the source and its text.

    ``blocks`` go to the sheet's file, ``reported`` to its file of reported facts; ``created``
    holds the nodes the sheet itself makes (key: kind), which the graph does not have yet.
    """

    read: Reader
    kg: PartnershipGraph
    source: str | None
    text: str | None
    basis: bool
    blocks: list[str] = field(default_factory=list)
    reported: list[str] = field(default_factory=list)
    evidence: dict[str, str] = field(default_factory=dict)
    reports: dict[str, Report] = field(default_factory=dict)
    cited: set[str] = field(default_factory=set)
    created: dict[str, str] = field(default_factory=dict)
    primary: bool = False
    rule_used: bool = False
    all_reported: bool = False
    """True when the sheet's agreement is reported: what hangs off it is written with it."""

    def add(self, block: str, *, reported: bool) -> None:
        """A block of Turtle, into the file of reported facts when ``reported``."""
        (self.reported if reported or self.all_reported else self.blocks).append(block)

    def key(self, value: Value, kind: str | None = None) -> str:
        """A pk: key the sheet names; with ``kind`` it must exist as that class (in the graph or
        made by this sheet), and the kind prefix may be left out (``2025-10``, ``azure-cloud``)."""
        key = value.text.strip()
        if not _KEY.fullmatch(key):
            raise self.read.error(value.line, f"'{key}' is not an id (lower-case letters, digits, hyphens)")
        if kind is None:
            return key
        prefix = PREFIXES.get(kind, "")
        for candidate in dict.fromkeys((key, prefix + key)):
            if self.created.get(candidate) == kind or has_type(self.kg, candidate, kind):
                return candidate
        shown = f"{prefix}{key.removeprefix(prefix)}" if prefix else key
        raise self.read.error(value.line, f"no {kind} pk:{shown} in the graph")

    def quote(self, value: Value) -> str:
        """The evidence key of a quote of the source (an evidence node with selectors is written once)."""
        if self.source is None or self.text is None:
            raise self.read.error(
                value.line, "a quote needs the sheet's source: (the text it is quoted from)"
            )
        try:
            anchor = find_anchor(self.text, value.text)
        except QuoteError as err:
            raise self.read.error(value.line, str(err)) from None
        name = f"ev-{self.source.removeprefix('source-')}-{slug(value.text)}"
        if name not in self.evidence:
            self.evidence[name] = (
                f"{pk(name)} a kg:Evidence ; kg:source {pk(self.source)} ; kg:primary {lit(self.primary)} ;\n"
                f"    kg:quote {lit(' '.join(value.text.split()))} .\n" + selector_block(name, anchor)
            )
        return name


def stated(ctx: Context, quotes: list[str]) -> list[str]:
    """The lines that give a fact stated by ``quotes`` (with kg:basis when the vocabulary has it)."""
    lines = ["    kg:basis kg:Stated ;"] if ctx.basis else []
    return [*lines, f"    kg:evidence {', '.join(pk(q) for q in quotes)} ."]
