"""The cloud roles of an announcement's sheet (``roles:``)."""

from __future__ import annotations

from graph._schemes import keyed
from graph.authoring._basis_keys import require_basis
from graph.authoring._changes import add_supersedes
from graph.authoring._context import EXCLUSIVITY, Context
from graph.authoring._folder import lit, pk
from graph.authoring._schema import keys
from graph.authoring._sheet import Table

ROLES = keyed("RoleTypes")
"""``role:`` values (the ontology's role types)."""
ROLE_KEYS = keys("a role (roles:)")


def add_role(ctx: Context, t: Table, agreement: str | None) -> None:
    """Add a role the sheet gives: provider, role, hosted thing, since this agreement (or
    ``since:``), its basis, and what it supersedes."""
    read = ctx.read
    read.check_keys(t, ROLE_KEYS, "a role")
    provider = ctx.key(read.text(t, "provider", required=True))  # type: ignore[arg-type]
    hosted = ctx.key(read.text(t, "hosted", required=True))  # type: ignore[arg-type]
    role, label = read.choice(t, "role", ROLES, required=True), read.text(t, "label", required=True)
    assert role is not None and label is not None
    for key, v in ((provider, t.items["provider"]), (hosted, t.items["hosted"])):
        if not ctx.kg.store.query(f"ASK {{ <https://w3id.org/partnership-kg/id/{key}> ?p ?o }}"):
            raise read.error(v.line, f"no pk:{key} in the graph")  # type: ignore[union-attr]
    since_v = read.text(t, "since")
    if since_v is not None:
        since = ctx.key(since_v, "Agreement")
    elif agreement is not None:
        since = agreement
    else:
        raise read.error(
            t.line, "since: is required here: the sheet has no agreement: for the role to start with"
        )
    basis = require_basis(ctx, t, "a role")
    key = f"role-{provider}-{role.text}-{hosted}-{since.removeprefix('agreement-')}"
    lines = [
        f"{pk(key)} a kg:CloudRole ;",
        f"    rdfs:label {lit(label.text)} ;",
        f"    kg:provider {pk(provider)} ; kg:roleType kg:{ROLES[role.text]} ; kg:hostedThing {pk(hosted)} ;",
    ]
    excl = read.choice(t, "exclusivity", EXCLUSIVITY)
    if excl:
        lines.append(f"    kg:roleExclusivity kg:{EXCLUSIVITY[excl.text]} ;")
    qualifier = read.text(t, "qualifier")
    if qualifier:
        lines.append(f"    kg:qualifier {lit(qualifier.text)} ;")
    lines += [f"    kg:since {pk(since)} ;", "    kg:rank kg:PreferredRank ;"]
    ctx.add("\n".join(lines + list(basis.lines)), reported=basis.reported)
    ctx.created[key] = "CloudRole"
    if "supersedes" in t.items:
        add_supersedes(ctx, t, key, "CloudRole", since)
