"""What a sheet changes in the graph it is added to: ``ends:`` (a role ends ``until`` an
agreement), ``supersedes:`` and ``supersessions:`` (a role or term replaces an earlier one),
``dates:`` (an agreement gets its date), ``disputed:`` (a term's wordings that differ), and an
``agreement:`` given as the id of one in the graph.

A sheet cannot take a triple out of another file: it adds ``kg:until``, ``kg:supersededBy`` or
``kg:date``, each with a kg:Claim of its own that carries the value's basis, and the loader
outranks what ends (graph.store._updates).
"""

from __future__ import annotations

from graph._dates import DateSpec
from graph._errors import ParameterError
from graph._vocab import KG, PK
from graph.authoring._basis_keys import FactBasis, claim_block, require_basis
from graph.authoring._context import Context
from graph.authoring._folder import lit, pk
from graph.authoring._lookup import has_type
from graph.authoring._refine import claims_on, replace_end, supersede_claims
from graph.authoring._schema import keys
from graph.authoring._sheet import Table, Value

END_KEYS = keys("an end (ends:)")
SUPERSESSION_KEYS = keys("a supersession (supersessions:)")
DISPUTED_KEYS = keys("a disputed value (disputed: ATTRIBUTE:)")
SUPERSEDES_KEYS = keys("supersedes:")
DATE_KEYS = keys("a date (dates:)")
_DATATYPE = {"year": "gYear", "month": "gYearMonth", "day": "date"}


def _has(ctx: Context, key: str, prop: str) -> str | None:
    """The value of ``pk:key``'s ``kg:prop`` in the graph (its local id), or None."""
    found = ctx.kg.store.query(f"SELECT ?v WHERE {{ <{PK}{key}> <{KG}{prop}> ?v }} LIMIT 1")
    for row in found:  # type: ignore[union-attr]
        return str(row["v"].value).rsplit("/", 1)[-1]
    return None


def add_end(ctx: Context, t: Table, agreement: str | None) -> None:
    """An ``ends:`` entry: the role ends ``until`` the agreement, with the end's own basis."""
    read = ctx.read
    read.check_keys(t, END_KEYS, "an end (ends:)")
    given = read.text(t, "id", required=True)
    assert given is not None
    role = ctx.key(given, "CloudRole")
    until = _until(ctx, t, agreement)
    already = _has(ctx, role, "until")
    if already and "replaces" not in t.items:
        raise read.error(
            given.line,
            f"pk:{role} already ends (kg:until pk:{already}); replaces: names the claims a new end corrects",
        )
    basis = require_basis(ctx, t, "an end")
    if "replaces" in t.items:
        replace_end(ctx, t, role, until, basis)
    lines = [f"{pk(role)} kg:until {pk(until)}"]
    claim_block(
        ctx, f"claim-{role}-until-{until}", f"{role} ends with {until}", role, "until", pk(until), basis
    )
    by = read.text(t, "superseded-by")
    if by:
        new = ctx.key(by, "CloudRole")
        lines.append(f"    kg:supersededBy {pk(new)}")
        _superseded_claim(ctx, role, new, basis)
    ctx.add(" ;\n".join(lines) + " .", reported=basis.reported)


def _until(ctx: Context, t: Table, agreement: str | None) -> str:
    value = ctx.read.text(t, "until")
    if value is not None:
        return ctx.key(value, "Agreement")
    if agreement is None:
        raise ctx.read.error(t.line, "until: is required here: the sheet has no agreement: to end it with")
    return agreement


def add_supersedes(ctx: Context, t: Table, new: str, kind: str, since: str | None) -> None:
    """A role's or term's ``supersedes:``: the earlier one is superseded by ``new`` (a role also
    ends ``until`` ``since`` unless it already ends), with the supersession's own basis."""
    read = ctx.read
    item = t.items["supersedes"]
    if not isinstance(item, Table):
        raise read.error(t.keys["supersedes"], "'supersedes:' is a mapping: id: and its basis (quote: ...)")
    read.check_keys(item, SUPERSEDES_KEYS, "supersedes:")
    given = read.text(item, "id", required=True)
    assert given is not None
    old = ctx.key(given, kind)
    if old == new:
        raise read.error(given.line, f"pk:{new} cannot supersede itself")
    if _has(ctx, old, "supersededBy"):
        raise read.error(
            given.line,
            f"pk:{old} is already superseded (kg:supersededBy pk:{_has(ctx, old, 'supersededBy')})",
        )
    basis = require_basis(ctx, item, "a supersession")
    lines = [f"{pk(old)} kg:supersededBy {pk(new)}"]
    _superseded_claim(ctx, old, new, basis)
    if kind == "CloudRole" and since and not _has(ctx, old, "until"):
        lines.append(f"    kg:until {pk(since)}")
        claim_block(
            ctx, f"claim-{old}-until-{since}", f"{old} ends with {since}", old, "until", pk(since), basis
        )
    ctx.add(" ;\n".join(lines) + " .", reported=basis.reported)


def add_supersession(ctx: Context, t: Table) -> None:
    """A ``supersessions:`` entry: a term or role already in the graph is superseded by another
    (of the graph or of this sheet), with the supersession's own basis. Where the graph already
    has that supersession, only its claim is added: a further basis for it."""
    read = ctx.read
    read.check_keys(t, SUPERSESSION_KEYS, "a supersession (supersessions:)")
    given, by = read.text(t, "id", required=True), read.text(t, "superseded-by", required=True)
    assert given is not None and by is not None
    text = ctx.key(given)  # a checked slug before it goes into a query
    is_term = any(ctx.created.get(k) == "Term" or has_type(ctx.kg, k, "Term") for k in (text, "term-" + text))
    kind = "Term" if is_term else "CloudRole"  # a term or a role, named with its prefix or without
    old, new = ctx.key(given, kind), ctx.key(by, kind)
    if old == new:
        raise read.error(given.line, f"pk:{new} cannot supersede itself")
    already = _has(ctx, old, "supersededBy")
    if already and already != new:
        raise read.error(given.line, f"pk:{old} is already superseded (kg:supersededBy pk:{already})")
    basis = require_basis(ctx, t, "a supersession")
    _superseded_claim(ctx, old, new, basis)
    if not already:
        ctx.add(f"{pk(old)} kg:supersededBy {pk(new)} .", reported=basis.reported)


def add_disputed(ctx: Context, t: Table, term: str) -> None:
    """A term's ``disputed:``: for an attribute the reports word differently, each wording is a
    claim with its own basis and none is preferred (the term itself states no value for it)."""
    read = ctx.read
    for attribute in t.items:
        if attribute not in ("scope", "condition"):
            raise read.error(t.keys[attribute], f"disputed: takes scope or condition, not {attribute!r}")
        prop = attribute
        for n, entry in enumerate(read.tables(t, attribute), 1):
            read.check_keys(entry, DISPUTED_KEYS, "a disputed value")
            value, note = read.text(entry, "value", required=True), read.text(entry, "note")
            assert value is not None
            basis = require_basis(ctx, entry, "a disputed value", publishers=1)
            label = f"The {attribute} of {term}: {value.text}" + (f" ({note.text})" if note else "")
            claim_block(
                ctx,
                f"claim-{term}-{attribute}-{n}",
                label,
                term,
                prop,
                lit(value.text),
                basis,
                literal=True,
                rank="NormalRank",
            )


def _superseded_claim(ctx: Context, old: str, new: str, basis: FactBasis) -> None:
    claim_block(
        ctx,
        f"claim-{old}-superseded-by-{new}",
        f"{old} is superseded by {new}",
        old,
        "supersededBy",
        pk(new),
        basis,
    )


def add_dates(ctx: Context, entries: list[Table]) -> None:
    """``dates:`` entries: an agreement's date with its basis; several dates for one agreement
    (reports that disagree) are claims with different values, the ``preferred: true`` one its date."""
    read = ctx.read
    by_agreement: dict[str, list[tuple[Table, DateSpec]]] = {}
    for t in entries:
        read.check_keys(t, DATE_KEYS, "a date (dates:)")
        given, date = read.text(t, "agreement", required=True), read.text(t, "date", required=True)
        assert given is not None and date is not None
        agreement = ctx.key(given, "Agreement")
        refines = _flag(ctx, t, "refines")
        if "supersedes" in t.items and not refines:
            raise read.error(t.keys["supersedes"], "supersedes: goes with refines: true")
        if agreement in ctx.created or (_has(ctx, agreement, "date") and not refines):
            raise read.error(
                given.line,
                f"pk:{agreement} already has its date; a dispute is given as dates: entries, a more"
                " precise date with refines: true",
            )
        by_agreement.setdefault(agreement, []).append((t, _spec(ctx, date)))
    for agreement, group in by_agreement.items():
        disputed = len({spec.text for _, spec in group}) > 1
        preferred = [t for t, _ in group if _flag(ctx, t, "preferred")]
        if disputed and len(preferred) != 1:
            raise read.error(
                group[0][0].line, f"dates of pk:{agreement} differ: mark exactly one preferred: true"
            )
        for t, spec in group:
            chosen = not disputed or t is preferred[0]
            basis = require_basis(ctx, t, "a date", publishers=1 if disputed else 2)
            value = lit(spec.text, _DATATYPE[spec.precision])
            if chosen:
                ctx.add(f"{pk(agreement)} kg:date {value} .", reported=basis.reported)
            rank = "PreferredRank" if chosen else "NormalRank"
            key = f"claim-{agreement}-date-{spec.text}"
            label = f"{agreement} is dated {spec.text}"
            claim_block(ctx, key, label, agreement, "date", value, basis, literal=True, rank=rank)
            if _flag(ctx, t, "refines"):  # the claims of the less precise date give way to it
                earlier = [c for c in claims_on(ctx, agreement, "date") if c != key]
                supersede_claims(ctx, t, key, basis, earlier)


def _spec(ctx: Context, value: Value) -> DateSpec:
    try:
        return DateSpec.parse(value.text)
    except ParameterError as err:
        raise ctx.read.error(value.line, str(err)) from None


def _flag(ctx: Context, t: Table, key: str) -> bool:
    value = ctx.read.text(t, key)
    if value is None:
        return False
    if value.text not in ("true", "false"):
        raise ctx.read.error(value.line, f"{key} is true or false")
    return value.text == "true"


def existing_agreement(ctx: Context, given: Value | None) -> tuple[str, str, str]:
    """An agreement already in the graph, named by id: its key, partnership and earliest date."""
    assert given is not None
    key = ctx.key(given, "Agreement")
    found = ctx.kg.store.query(
        f"SELECT ?p ?d ?e WHERE {{ <{PK}{key}> kg:partnership ?p OPTIONAL {{ <{PK}{key}> kg:date ?d }}"
        f" OPTIONAL {{ <{PK}{key}> kg:earliestPossibleDate ?e }} }} LIMIT 1",
        prefixes={"kg": KG},
    )
    for row in found:  # type: ignore[union-attr]
        day = row["d"] or row["e"]
        if day is None:
            raise ctx.read.error(given.line, f"pk:{key} has no date: date it first (dates:)")
        start = DateSpec.parse(day.value).start.isoformat()
        return key, str(row["p"].value).rsplit("/", 1)[1], start
    raise ctx.read.error(given.line, f"pk:{key} has no partnership in the graph")
