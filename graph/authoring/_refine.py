"""What a sheet corrects in the graph it is added to, claim by claim: a more precise date
(``dates:`` with ``refines:``), an agreement's type (``types:``), a term's change type and
previous version (``changes:``), a role's start (``starts:``), a role's end (``ends:`` with
``replaces:``).

Nothing is taken out of another file: the new value comes with a kg:Claim of its own, and each
claim it corrects gets ``kg:supersededBy`` the new claim (a supersession with its basis, a claim
too); the loader drops the value of a superseded claim (graph.store._updates).
"""

from __future__ import annotations

from graph._schemes import keyed
from graph._vocab import KG, PK
from graph.authoring._basis_keys import FactBasis, claim_block, require_basis
from graph.authoring._context import Context
from graph.authoring._folder import lit, pk
from graph.authoring._lookup import has_type
from graph.authoring._schema import keys
from graph.authoring._sheet import Table, Value

TYPE_KEYS = keys("a type (types:)")
CHANGE_KEYS = keys("a change (changes:)")
START_KEYS = keys("a start (starts:)")
TYPES = keyed("AgreementTypes")
CHANGES = keyed("ChangeTypes")


def claims_on(ctx: Context, subject: str, prop: str) -> list[str]:
    """The claims the graph has on ``pk:subject``'s ``kg:prop`` (their local ids, sorted)."""
    found = ctx.kg.store.query(
        f"SELECT ?c WHERE {{ ?c <{KG}claimSubject> <{PK}{subject}> ; <{KG}claimProperty> <{KG}{prop}> }}"
    )
    return sorted(str(row["c"].value).rsplit("/", 1)[1] for row in found)  # type: ignore[union-attr]


def supersede_claims(ctx: Context, t: Table, new: str, basis: FactBasis, default: list[str]) -> None:
    """Each claim of ``supersedes:`` (else ``default``) is superseded by the claim ``new``."""
    _supersede(ctx, t, "supersedes", new, basis, default)


def add_types(ctx: Context, entries: list[Table]) -> None:
    """``types:`` entries: an agreement's type, with its claim; the claims it corrects superseded."""
    read = ctx.read
    for t in entries:
        read.check_keys(t, TYPE_KEYS, "a type (types:)")
        given, kind = read.text(t, "agreement", required=True), read.choice(t, "type", TYPES, required=True)
        assert given is not None and kind is not None
        agreement = ctx.key(given, "Agreement")
        basis = require_basis(ctx, t, "a type")
        concept = f"kg:{TYPES[kind.text]}"
        claim = f"claim-{agreement}-type-{kind.text}"
        ctx.add(f"{pk(agreement)} kg:agreementType {concept} .", reported=basis.reported)
        claim_block(ctx, claim, f"{agreement} is a {kind.text}", agreement, "agreementType", concept, basis)
        supersede_claims(ctx, t, claim, basis, [])


def add_changes(ctx: Context, entries: list[Table]) -> None:
    """``changes:`` entries: a term of the graph gets a change type (and a previous version), each
    with its claim; the claims it corrects (``supersedes:``) are superseded by the change type's."""
    read = ctx.read
    for t in entries:
        read.check_keys(t, CHANGE_KEYS, "a change (changes:)")
        given, change = read.text(t, "term", required=True), read.choice(t, "change", CHANGES, required=True)
        assert given is not None and change is not None
        term = ctx.key(given, "Term")
        basis = require_basis(ctx, t, "a change")
        concept = f"kg:{CHANGES[change.text]}"
        lines = [f"{pk(term)} kg:changeType {concept}"]
        previous = read.text(t, "previous")
        if previous is not None:
            before = ctx.key(previous, "Term")
            lines.append(f"    kg:previousVersion {pk(before)}")
            claim_block(
                ctx, f"claim-{term}-previous-version", f"{term} follows {before}", term, "previousVersion",
                pk(before), basis,
            )  # fmt: skip
        note = read.text(t, "change-note")
        if note is not None:
            lines.append(f"    kg:changeNote {lit(note.text)}")
        ctx.add(" ;\n".join(lines) + " .", reported=basis.reported)
        claim = f"claim-{term}-change-type"
        claim_block(
            ctx, claim, f"The change type of {term} is {change.text}", term, "changeType", concept, basis
        )
        supersede_claims(ctx, t, claim, basis, [])


def add_starts(ctx: Context, entries: list[Table]) -> None:
    """``starts:`` entries: a role's start (``since``), with its claim, which may say the role may
    have begun earlier (``may-be-earlier``), though not before ``no-earlier-than``; the claims it
    corrects (``replaces:``, default: the role's claims on kg:since) are superseded."""
    read = ctx.read
    for t in entries:
        read.check_keys(t, START_KEYS, "a start (starts:)")
        given, since = read.text(t, "id", required=True), read.text(t, "since", required=True)
        assert given is not None and since is not None
        role, start = ctx.key(given, "CloudRole"), ctx.key(since, "Agreement")
        basis = require_basis(ctx, t, "a start")
        default = claims_on(ctx, role, "since")
        claim = f"claim-{role}-since-{start}"
        ctx.add(f"{pk(role)} kg:since {pk(start)} .", reported=basis.reported)
        extra = _start_bounds(ctx, t)
        claim_block(
            ctx, claim, f"{role} starts with {start}", role, "since", pk(start),
            FactBasis(basis.kind, tuple(extra) + basis.lines, basis.reported),
        )  # fmt: skip
        _supersede(ctx, t, "replaces", claim, basis, default)


def _start_bounds(ctx: Context, t: Table) -> list[str]:
    lines = []
    earlier = ctx.read.text(t, "may-be-earlier")
    if earlier is not None:
        if earlier.text not in ("true", "false"):
            raise ctx.read.error(earlier.line, "may-be-earlier is true or false")
        lines.append(f"    kg:startMayBeEarlier {earlier.text} ;")
    floor = ctx.read.text(t, "no-earlier-than")
    if floor is not None:
        lines.append(f"    kg:startNoEarlierThan {pk(ctx.key(floor, 'Agreement'))} ;")
    return lines


def replace_end(ctx: Context, t: Table, role: str, until: str, basis: FactBasis) -> None:
    """An ``ends:`` entry with ``replaces:``: the new end's claim supersedes the claims on the
    role's end it names (default: every claim on its kg:until)."""
    _supersede(ctx, t, "replaces", f"claim-{role}-until-{until}", basis, claims_on(ctx, role, "until"))


def _supersede(ctx: Context, t: Table, key: str, claim: str, basis: FactBasis, default: list[str]) -> None:
    """The claims ``t[key]`` names (else ``default``) are superseded by ``claim``, each supersession
    a claim with ``basis``."""
    replaced: list[Value] = ctx.read.texts(t, key)
    olds = [(v.text.strip(), v.line) for v in replaced] or [(c, t.line) for c in default]
    for old, line in olds:
        if not has_type(ctx.kg, old, "Claim"):
            raise ctx.read.error(line, f"no Claim pk:{old} in the graph")
        ctx.add(f"{pk(old)} kg:supersededBy {pk(claim)} .", reported=basis.reported)
        claim_block(
            ctx, f"claim-{old}-superseded-by-{claim}", f"{old} is superseded by {claim}", old, "supersededBy",
            pk(claim), basis,
        )  # fmt: skip
