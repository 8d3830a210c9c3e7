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


@dataclass
class Context:
    """What building the Turtle needs: the sheet reader, the graph, the source and its text."""

    read: Reader
    kg: PartnershipGraph
    source: str
    text: str
    basis: bool
    blocks: list[str] = field(default_factory=list)
    evidence: dict[str, str] = field(default_factory=dict)

    def key(self, value: Value, kind: str | None = None) -> str:
        """A pk: key the sheet names; with ``kind`` it must exist as that class."""
        key = value.text.strip()
        if not _KEY.fullmatch(key):
            raise self.read.error(value.line, f"'{key}' is not an id (lower-case letters, digits, hyphens)")
        if kind and not has_type(self.kg, key, kind):
            raise self.read.error(value.line, f"no {kind} pk:{key} in the graph")
        return key

    def quote(self, value: Value) -> str:
        """The evidence key of a quote of the source (an evidence node with selectors is written once)."""
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

    primary: bool = False


def stated(ctx: Context, quotes: list[str]) -> list[str]:
    """The lines that give a fact stated by ``quotes`` (with kg:basis when the vocabulary has it)."""
    lines = ["    kg:basis kg:Stated ;"] if ctx.basis else []
    return [*lines, f"    kg:evidence {', '.join(pk(q) for q in quotes)} ."]
