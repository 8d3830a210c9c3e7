"""``kg add SHEET``: an announcement's agreement, terms and roles from a short YAML sheet.

IRIs are minted from the sheet's keys (``agreement-KEY``, ``term-KEY-CLAUSE``, ``role-...``);
each quote becomes an evidence node anchored in the source text; each term is linked to the
latest earlier version of its clause in the same partnership (``kg:previousVersion``), and its
change type is the source's when the sheet quotes it (``change:`` and ``change-quote:``), else
derived by comparing the attributes both versions state (a claim with basis inferred and the
comparison as its reasoning).
"""

from __future__ import annotations

import re
from pathlib import Path

import pyoxigraph as ox

from graph._dates import DateSpec
from graph._errors import GraphError, ParameterError
from graph._graph import PartnershipGraph
from graph._schemes import keyed
from graph._vocab import KG, PK, XSD
from graph.authoring._basis_keys import FactBasis, claim_block, read_basis, require_basis
from graph.authoring._changes import (
    add_dates,
    add_disputed,
    add_end,
    add_supersedes,
    add_supersession,
    existing_agreement,
)
from graph.authoring._context import EXCLUSIVITY, Context
from graph.authoring._folder import PREFIXES, commit_files, files_of, lit, pk, slug
from graph.authoring._lookup import attributes, basis_vocabulary, earlier_versions, evidence_of, has_type
from graph.authoring._refine import add_changes, add_starts, add_types
from graph.authoring._reports import read_reports
from graph.authoring._roles import add_role
from graph.authoring._schema import keys
from graph.authoring._sheet import Reader, Table, Value, read_sheet
from graph.authoring._sources import source_of

# sheet key: (property local name, kind)
ATTRIBUTES = {
    "scope": ("scope", "string"),
    "condition": ("condition", "string"),
    "exclusivity": ("exclusivity", "exclusivity"),
    "end-year": ("endYear", "gYear"),
    "amount-usd": ("amountUSD", "decimal"),
    "stake-percent": ("stakePercent", "decimal"),
    "grantor": ("grantor", "node"),
    "grantee": ("grantee", "node"),
    "covers": ("covers", "node"),
    "example": ("example", "node"),
    "binding": ("binding", "boolean"),
    "includes-other-cloud-revenue": ("includesOtherCloudRevenue", "boolean"),
}
CHANGES = keyed("ChangeTypes")
"""``change:`` values (the ontology's change types: new, continued, unchanged, amended, removed)."""
TYPES = keyed("AgreementTypes")
"""``type:`` values (the ontology's agreement types)."""
TOP_KEYS = keys("the sheet")
FACT_KEYS = ("agreement", "terms", "roles", "ends", "dates", "supersessions", "types", "changes", "starts")
"""The top-level keys that add facts (a sheet gives at least one)."""
AGREEMENT_KEYS = keys("agreement:")
TERM_KEYS = keys("a term (terms:)")
RULE = "rule-compared-attributes"
RULE_BLOCK = f"""{pk(RULE)} a kg:InferenceRule ;
    rdfs:label "change type from the attributes compared" ;
    skos:definition "A term's change type, where its source does not state it, follows from comparing the attributes it and the latest earlier version of its clause in the same partnership both state: new when there is no earlier version, unchanged when every attribute both state is equal, amended when one differs. Written by kg add." ."""


def add_sheet(sheet: Path, folder: Path, *, corpus_only: bool = False) -> tuple[Path, list[str]]:
    """Write ``folder/<sheet name>.ttl`` (and ``<sheet name>.reported.ttl`` for its reported
    facts) from the sheet, replacing an earlier run's, once the graph with them conforms; returns
    the file and a line per term saying how its change type was set."""
    table = read_sheet(sheet)
    read = Reader(sheet)
    read.check_keys(table, TOP_KEYS, "the sheet")
    stem = slug(sheet.stem, 12)
    target, reported = folder / f"{stem}.ttl", folder / f"{stem}.reported.ttl"
    kg = _without(folder, target, reported, corpus_only=corpus_only)
    ctx = _context(read, kg, table, sheet)
    if "reports" in table.items:
        read_reports(ctx, read.table(table, "reports"))
    if not any(k in table.items for k in ("agreement", "terms", "roles", "ends", "dates", "supersessions")):
        raise read.error(
            table.line,
            "the sheet adds nothing: give agreement:, terms:, roles:, ends:, dates: or supersessions:",
        )
    agreement = partnership = start = None
    if isinstance(table.items.get("agreement"), Table):
        agreement, partnership, start = _agreement(ctx, read.table(table, "agreement"))
    elif "agreement" in table.items:  # an id: terms and roles added to an agreement in the graph
        agreement, partnership, start = existing_agreement(ctx, read.text(table, "agreement", required=True))
    notes = []
    for t in read.tables(table, "terms"):
        if agreement is None or partnership is None or start is None:
            raise read.error(t.line, "terms: belong to the sheet's agreement: give agreement:")
        notes.append(_term(ctx, t, agreement, partnership, start))
    for role in read.tables(table, "roles"):
        add_role(ctx, role, agreement)
    for end in read.tables(table, "ends"):
        add_end(ctx, end, agreement)
    add_dates(ctx, read.tables(table, "dates"))
    for entry in read.tables(table, "supersessions"):
        add_supersession(ctx, entry)
    add_types(ctx, read.tables(table, "types"))
    add_changes(ctx, read.tables(table, "changes"))
    add_starts(ctx, read.tables(table, "starts"))
    unused = sorted(set(ctx.reports) - ctx.cited)
    if unused:
        raise read.error(table.keys["reports"], f"reports no fact cites: {', '.join(unused)}")
    head = f"# Written by `kg add {sheet.name}`: do not edit, edit the sheet and run it again.\n\n{PREFIXES}"
    blocks = ctx.blocks + list(ctx.evidence.values()) + ([RULE_BLOCK] if ctx.basis and ctx.rule_used else [])
    cited = [ctx.reports[k].block for k in sorted(ctx.cited)]
    texts: dict[str, str | None] = {
        target.name: head + "\n" + "\n\n".join(blocks) + "\n" if blocks else None,
        reported.name: head + "\n" + "\n\n".join(ctx.reported + cited) + "\n" if ctx.reported else None,
    }
    commit_files(folder, texts, corpus_only=corpus_only)
    written = [folder / n for n, text in texts.items() if text is not None]
    return written[0], notes + [f"wrote {w}: valid" for w in written[1:]]


def _without(folder: Path, *files: Path, corpus_only: bool) -> PartnershipGraph:
    """The folder's graph without the sheet's own earlier files (nor reported facts, if ``corpus_only``)."""
    real = {f.resolve() for f in files}
    kept = [f for f in files_of(folder, corpus_only=corpus_only) if Path(f).resolve() not in real]
    return PartnershipGraph.load(*kept, packaged=False)


def _context(read: Reader, kg: PartnershipGraph, table: Table, sheet: Path) -> Context:
    src = read.text(table, "source")
    if src is None:
        return Context(read, kg, None, None, basis_vocabulary(kg))
    try:
        registered, text = source_of(kg, (sheet.parent / src.text).resolve())
    except GraphError as err:
        raise read.error(src.line, str(err)) from None
    return Context(
        read, kg, registered.iri.rsplit("/", 1)[1], text, basis_vocabulary(kg), primary=registered.primary
    )


def _agreement(ctx: Context, t: Table) -> tuple[str, str, str]:
    read = ctx.read
    read.check_keys(t, AGREEMENT_KEYS, "agreement:")
    date = read.text(t, "date", required=True)
    assert date is not None
    try:
        spec = DateSpec.parse(date.text)
    except ParameterError as err:
        raise read.error(date.line, str(err)) from None
    given = read.text(t, "id")
    key = "agreement-" + (ctx.key(given).removeprefix("agreement-") if given else spec.text)
    if has_type(ctx.kg, key, "Agreement"):
        raise read.error(
            given.line if given else date.line, f"pk:{key} is already in the graph; give another id"
        )
    part = read.text(t, "partnership", required=True)
    assert part is not None
    partnership = ctx.key(part, "Partnership")
    label = read.text(t, "label", required=True)
    parties = [ctx.key(v, "Organization") for v in read.texts(t, "parties", required=True)]
    kind = read.choice(t, "type", TYPES, required=True)
    assert kind is not None and label is not None
    basis = require_basis(ctx, t, "the agreement")
    ctx.all_reported = basis.reported
    datatype = {"year": "gYear", "month": "gYearMonth", "day": "date"}[spec.precision]
    lines = [
        f"{pk(key)} a kg:Agreement ;",
        f"    rdfs:label {lit(label.text)} ;",
        f"    kg:partnership {pk(partnership)} ;",
        f"    kg:party {', '.join(map(pk, parties))} ;",
    ]
    announced = [ctx.key(v, "Organization") for v in read.texts(t, "announced-by")]
    if announced:
        lines.append(f"    kg:announcedBy {', '.join(map(pk, announced))} ;")
    lines += [f"    kg:agreementType kg:{TYPES[kind.text]} ;", f"    kg:date {lit(spec.text, datatype)} ;"]
    ctx.add("\n".join([*lines, *basis.lines]), reported=basis.reported)
    ctx.created[key] = "Agreement"
    return key, partnership, spec.start.isoformat()


def _attribute(ctx: Context, name: str, value: Value) -> tuple[str, str]:
    """The Turtle of an attribute value and its N-Triples form (for comparing)."""
    kind = ATTRIBUTES[name][1]
    text = value.text.strip()
    if kind == "string":
        return lit(text), str(ox.Literal(text))
    if kind == "exclusivity":
        ctx.read.one_of(value.line, text, "exclusivity", EXCLUSIVITY)
        return f"kg:{EXCLUSIVITY[text]}", f"<{KG}{EXCLUSIVITY[text]}>"
    if kind == "node":
        key = ctx.key(value)
        if not has_type(ctx.kg, key, "Fact") and not _exists(ctx, key):
            raise ctx.read.error(value.line, f"no pk:{key} in the graph")
        return pk(key), str(ox.NamedNode(PK + key))
    pattern = {"gYear": r"\d{4}", "decimal": r"-?\d+(\.\d+)?", "boolean": r"true|false"}[kind]
    if not re.fullmatch(pattern, text):
        raise ctx.read.error(value.line, f"{name} must be {'a year' if kind == 'gYear' else kind}: {text!r}")
    if kind == "boolean":
        return text, str(ox.Literal(text, datatype=ox.NamedNode(XSD + "boolean")))
    if kind == "decimal" and (text.startswith("-") or (name == "stake-percent" and float(text) > 100)):
        bound = "from 0 to 100" if name == "stake-percent" else "0 or more"
        raise ctx.read.error(value.line, f"{name} is {bound}: {text!r}")
    return lit(text, kind), str(ox.Literal(text, datatype=ox.NamedNode(XSD + kind)))


def _exists(ctx: Context, key: str) -> bool:
    return bool(ctx.kg.store.query(f"ASK {{ <{PK + key}> ?p ?o }}"))


def _term(ctx: Context, t: Table, agreement: str, partnership: str, start: str) -> str:
    read = ctx.read
    read.check_keys(t, TERM_KEYS, "a term")
    clause_v, label = read.text(t, "clause", required=True), read.text(t, "label", required=True)
    assert clause_v is not None and label is not None
    clause = ctx.key(clause_v, "Clause")
    key = f"term-{agreement.removeprefix('agreement-')}-{clause.removeprefix('clause-')}"
    values: dict[str, set[str]] = {}
    lines = [
        f"{pk(key)} a kg:Term ;",
        f"    rdfs:label {lit(label.text)} ;",
        f"    kg:agreement {pk(agreement)} ; kg:clause {pk(clause)} ;",
    ]
    for name in ATTRIBUTES:
        for value in read.texts(t, name):
            turtle, nt = _attribute(ctx, name, value)
            values.setdefault(KG + ATTRIBUTES[name][0], set()).add(nt)
            lines.append(f"    kg:{ATTRIBUTES[name][0]} {turtle} ;")
    change_v = read.choice(t, "change", CHANGES)
    continued = change_v is not None and change_v.text == "continued"
    previous = _previous(ctx, t, clause, partnership, start)
    if (
        change_v is not None and continued and previous
    ):  # continued: in force before, in a version the graph lacks
        raise read.error(
            change_v.line,
            f"change: continued is for a clause with no earlier version in the graph; {previous} is one"
            " (say unchanged or amended)",
        )
    if previous:
        lines.append(f"    kg:previousVersion {pk(previous)} ;")
    if continued:
        lines.append("    kg:previousVersionUnknown true ;")
    note_v = read.text(t, "change-note")
    if note_v:
        lines.append(f"    kg:changeNote {lit(note_v.text)} ;")
    lines.append("    kg:rank kg:NormalRank ;")
    stating: list[str] = []
    change_basis: FactBasis | None = None
    if change_v:
        stating = [ctx.quote(v) for v in read.texts(t, "change-quote")]
        change_basis = read_basis(ctx, t, "the change type", prefix="change-", extra=())
        if change_basis is None:
            raise read.error(change_v.line, "change: needs its basis: change-quote: or change-reported-in:")
        lines.insert(3, f"    kg:changeType kg:{CHANGES[change_v.text]} ;")
        how = "as the source states" if not change_basis.reported else "as reported"
        note = f"{key}: {change_v.text}, {how}"
    basis = _term_basis(ctx, t, tuple(stating) if change_basis and not change_basis.reported else ())
    if change_basis is not None and change_basis.reported:
        kind = CHANGES[change_v.text]  # type: ignore[union-attr]
        claim_block(
            ctx,
            f"claim-{key}-change-type",
            f"The change type of {key} is {change_v.text}",  # type: ignore[union-attr]
            key,
            "changeType",
            f"kg:{kind}",
            change_basis,
        )
    elif change_v is None:
        change, reasoning = _compare(ctx, clause, partnership, previous, values)
        lines.insert(3, f"    kg:changeType kg:{change} ;")
        premises = [v.text for v in read.texts(t, "premises")] if basis.kind == "inferred" else []
        quotes = _quotes_of(basis)
        _change_claim(ctx, key, change, reasoning, previous, quotes, premises, reported=basis.reported)
        note = f"{key}: {change.lower()}, inferred: {reasoning}"
    ctx.add("\n".join(lines + list(basis.lines)), reported=basis.reported)
    ctx.created[key] = "Term"
    if "disputed" in t.items:
        add_disputed(ctx, read.table(t, "disputed"), key)
    if "supersedes" in t.items:
        add_supersedes(ctx, t, key, "Term", None)
    return note


def _quotes_of(basis: FactBasis) -> list[str]:
    """The evidence keys a stated basis cites."""
    if basis.kind != "stated":
        return []
    cited = basis.lines[-1].strip().removeprefix("kg:evidence ").rstrip(" .")
    return [q.strip().removeprefix("pk:") for q in cited.split(",")]


def _term_basis(ctx: Context, t: Table, stating: tuple[str, ...]) -> FactBasis:
    """A term's basis: ``basis: inferred`` (with rule, reasoning, premises), its quotes (the
    change's quotes join them), or its reports."""
    read = ctx.read
    given = read.text(t, "basis")
    if given and given.text not in ("stated", "inferred", "reported"):
        raise read.error(
            given.line,
            "basis is stated (give a quote), inferred (rule:, reasoning:, premises:) or reported (reported-in:)",
        )
    if given and given.text == "inferred" and "rule" not in t.items:
        read.text(t, "rule", required=True)
    found = read_basis(ctx, t, "a term", extra=stating)
    if found is None:
        raise read.error(
            t.line,
            "a stated term needs its quote (or reported-in:, or basis: inferred with rule, reasoning, premises)",
        )
    return found


def _previous(ctx: Context, t: Table, clause: str, partnership: str, start: str) -> str | None:
    given = ctx.read.text(t, "previous")
    if given:
        return ctx.key(given, "Term")
    found = earlier_versions(ctx.kg, clause, partnership, start)
    if not found:
        return None
    latest = [r for r in found if r["start"] == found[0]["start"] and r["end"] == found[0]["end"]]
    if len(latest) > 1:
        names = ", ".join(r["term"].value.rsplit("/", 1)[1] for r in latest)
        raise ctx.read.error(
            t.line, f"several latest earlier versions of {clause} ({names}); say which with previous:"
        )
    return str(found[0]["term"].value).rsplit("/", 1)[1]


def _compare(
    ctx: Context, clause: str, partnership: str, previous: str | None, values: dict[str, set[str]]
) -> tuple[str, str]:
    if previous is None:
        return "New", f"no earlier term of {clause} in {partnership} in the graph"
    old = attributes(ctx.kg, previous)
    both = sorted(set(old) & set(values))
    differ = [p.rsplit("#", 1)[1] for p in both if old[p] != values[p]]
    same = [p.rsplit("#", 1)[1] for p in both if old[p] == values[p]]
    if differ:
        verb = "differs" if len(differ) == 1 else "differ"
        return "Amended", f"compared with {previous}: {', '.join(differ)} {verb}" + (
            f"; {', '.join(same)} the same" if same else ""
        )
    if not both:
        return "Unchanged", f"compared with {previous}: no attribute stated by both, none differs"
    return "Unchanged", f"compared with {previous}: {', '.join(same)} the same"


def _change_claim(
    ctx: Context,
    term: str,
    change: str,
    reasoning: str,
    previous: str | None,
    quotes: list[str],
    premises: list[str],
    *,
    reported: bool = False,
) -> None:
    """The claim giving a derived change type: inferred, by the comparison rule, from both terms."""
    key = f"claim-{term}-change-type"
    lines = [
        f"{pk(key)} a kg:Claim ;",
        f"    rdfs:label {lit(f'The change type of {term} is {change.lower()}')} ;",
        f"    kg:claimSubject {pk(term)} ; kg:claimProperty kg:changeType ;",
    ]
    based_on = [term, *([previous] if previous else [])]
    why = reasoning[0].upper() + reasoning[1:] + " (kg add)."
    if ctx.basis:
        ctx.rule_used = True
        lines += [
            f"    kg:claimObject kg:{change} ;",
            "    kg:rank kg:PreferredRank ;",
            "    kg:basis kg:Inferred ;",
            f"    kg:rule {pk(RULE)} ;",
            f"    kg:reasoning {lit(why)} ;",
            f"    kg:inferredFrom {', '.join(map(pk, based_on))} .",
        ]
    else:
        cited = sorted({*quotes, *evidence_of(ctx.kg, ([previous] if previous else []) + premises)})
        lines += [
            f"    kg:claimValue {lit(change.lower())} ;",
            "    kg:rank kg:PreferredRank ;",
            "    kg:inferred true ;",
            f"    kg:reasoning {lit(why)} ;",
            f"    kg:evidence {', '.join(map(pk, cited))} .",
        ]
    ctx.add("\n".join(lines), reported=reported)
