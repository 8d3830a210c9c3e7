"""The cloud roles of an announcement's sheet (``roles:``)."""

from __future__ import annotations

from graph._schemes import keyed
from graph._vocab import PK
from graph.authoring._context import EXCLUSIVITY, Context, stated
from graph.authoring._folder import lit, pk
from graph.authoring._sheet import Table

ROLES = keyed("RoleTypes")
"""``role:`` values (the ontology's role types)."""


def add_role(ctx: Context, t: Table, agreement: str) -> None:
    """Add a role the sheet gives: provider, role, hosted thing, since this agreement, its quote."""
    read = ctx.read
    read.check_keys(t, {"provider", "role", "hosted", "exclusivity", "label", "quote", "qualifier"}, "a role")
    provider = ctx.key(read.text(t, "provider", required=True))  # type: ignore[arg-type]
    hosted = ctx.key(read.text(t, "hosted", required=True))  # type: ignore[arg-type]
    role, label = read.text(t, "role", required=True), read.text(t, "label", required=True)
    assert role is not None and label is not None
    if role.text not in ROLES:
        raise read.error(role.line, f"role is one of {', '.join(ROLES)}")
    for key, v in ((provider, t.items["provider"]), (hosted, t.items["hosted"])):
        if not ctx.kg.store.query(f"ASK {{ <{PK}{key}> ?p ?o }}"):
            raise read.error(v.line, f"no pk:{key} in the graph")  # type: ignore[union-attr]
    quotes = [ctx.quote(v) for v in read.texts(t, "quote", required=True)]
    key = f"role-{provider}-{role.text}-{hosted}-{agreement.removeprefix('agreement-')}"
    lines = [
        f"{pk(key)} a kg:CloudRole ;",
        f"    rdfs:label {lit(label.text)} ;",
        f"    kg:provider {pk(provider)} ; kg:roleType kg:{ROLES[role.text]} ; kg:hostedThing {pk(hosted)} ;",
    ]
    excl = read.text(t, "exclusivity")
    if excl:
        if excl.text not in EXCLUSIVITY:
            raise read.error(excl.line, f"exclusivity is one of {', '.join(EXCLUSIVITY)}")
        lines.append(f"    kg:roleExclusivity kg:{EXCLUSIVITY[excl.text]} ;")
    qualifier = read.text(t, "qualifier")
    if qualifier:
        lines.append(f"    kg:qualifier {lit(qualifier.text)} ;")
    lines += [f"    kg:since {pk(agreement)} ;", "    kg:rank kg:PreferredRank ;"]
    ctx.blocks.append("\n".join(lines + stated(ctx, quotes)))
