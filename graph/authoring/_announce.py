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
from graph._schemes import keyed
from graph._vocab import KG, PK, XSD
from graph.authoring._context import EXCLUSIVITY, Context, stated
from graph.authoring._folder import PREFIXES, commit, lit, open_folder, pk, slug
from graph.authoring._lookup import attributes, basis_vocabulary, earlier_versions, evidence_of, has_type
from graph.authoring._roles import add_role
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
RULE = "rule-compared-attributes"
RULE_BLOCK = f"""{pk(RULE)} a kg:InferenceRule ;
    rdfs:label "change type from the attributes compared" ;
    skos:definition "A term's change type, where its source does not state it, follows from comparing the attributes it and the latest earlier version of its clause in the same partnership both state: new when there is no earlier version, unchanged when every attribute both state is equal, amended when one differs. Written by kg add." ."""


def add_sheet(sheet: Path, folder: Path) -> tuple[Path, list[str]]:
    """Write ``folder/<sheet name>.ttl`` from the sheet (replacing an earlier run's) once the graph
    with it conforms; returns the file and a line per term saying how its change type was set."""
    table = read_sheet(sheet)
    read = Reader(sheet)
    read.check_keys(table, {"source", "agreement", "terms", "roles"}, "the sheet")
    target = folder / f"{slug(sheet.stem, 12)}.ttl"
    kg = open_folder(folder, without=target)
    src = read.text(table, "source", required=True)
    assert src is not None
    try:
        registered, text = source_of(kg, (sheet.parent / src.text).resolve())
    except GraphError as err:
        raise read.error(src.line, str(err)) from None
    ctx = Context(
        read, kg, registered.iri.rsplit("/", 1)[1], text, basis_vocabulary(kg), primary=registered.primary
    )
    agreement, partnership, start = _agreement(ctx, read.table(table, "agreement"))
    notes = [_term(ctx, t, agreement, partnership, start) for t in read.tables(table, "terms")]
    for role in read.tables(table, "roles"):
        add_role(ctx, role, agreement)
    head = f"# Written by `kg add {sheet.name}`: do not edit, edit the sheet and run it again.\n\n{PREFIXES}"
    blocks = ctx.blocks + list(ctx.evidence.values()) + ([RULE_BLOCK] if ctx.basis else [])
    commit(folder, target.name, head + "\n" + "\n\n".join(blocks) + "\n")
    return target, notes


def _agreement(ctx: Context, t: Table) -> tuple[str, str, str]:
    read = ctx.read
    read.check_keys(
        t, {"id", "label", "partnership", "type", "date", "parties", "announced-by", "quote"}, "agreement:"
    )
    date = read.text(t, "date", required=True)
    assert date is not None
    try:
        spec = DateSpec.parse(date.text)
    except ParameterError as err:
        raise read.error(date.line, str(err)) from None
    given = read.text(t, "id")
    key = "agreement-" + (ctx.key(given) if given else spec.text)
    if has_type(ctx.kg, key, "Agreement"):
        raise read.error(
            given.line if given else date.line, f"pk:{key} is already in the graph; give another id"
        )
    part = read.text(t, "partnership", required=True)
    assert part is not None
    partnership = ctx.key(part, "Partnership")
    label = read.text(t, "label", required=True)
    parties = [ctx.key(v, "Organization") for v in read.texts(t, "parties", required=True)]
    kind = read.text(t, "type", required=True)
    assert kind is not None and label is not None
    if kind.text not in TYPES:
        raise read.error(kind.line, f"unknown type '{kind.text}'; known: {', '.join(TYPES)}")
    quotes = [ctx.quote(v) for v in read.texts(t, "quote", required=True)]
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
    ctx.blocks.append("\n".join(lines + stated(ctx, quotes)))
    return key, partnership, spec.start.isoformat()


def _attribute(ctx: Context, name: str, value: Value) -> tuple[str, str]:
    """The Turtle of an attribute value and its N-Triples form (for comparing)."""
    kind = ATTRIBUTES[name][1]
    text = value.text.strip()
    if kind == "string":
        return lit(text), str(ox.Literal(text))
    if kind == "exclusivity":
        if text not in EXCLUSIVITY:
            raise ctx.read.error(value.line, f"exclusivity is one of {', '.join(EXCLUSIVITY)}")
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
    return lit(text, kind), str(ox.Literal(text, datatype=ox.NamedNode(XSD + kind)))


def _exists(ctx: Context, key: str) -> bool:
    return bool(ctx.kg.store.query(f"ASK {{ <{PK + key}> ?p ?o }}"))


def _term(ctx: Context, t: Table, agreement: str, partnership: str, start: str) -> str:
    read = ctx.read
    known = {
        "clause",
        "label",
        "quote",
        "change",
        "change-quote",
        "change-note",
        "previous",
        "basis",
        "rule",
        "reasoning",
        "premises",
        *ATTRIBUTES,
    }
    read.check_keys(t, known, "a term")
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
    previous = _previous(ctx, t, clause, partnership, start)
    continued = read.text(t, "change")
    if continued and continued.text == "continued":  # in force before, in a version the graph lacks
        if previous:
            raise read.error(
                continued.line,
                f"change: continued is for a clause with no earlier version in the graph; {previous} is one"
                " (say unchanged or amended)",
            )
        lines.append("    kg:previousVersionUnknown true ;")
    if previous:
        lines.append(f"    kg:previousVersion {pk(previous)} ;")
    note_v = read.text(t, "change-note")
    if note_v:
        lines.append(f"    kg:changeNote {lit(note_v.text)} ;")
    lines.append("    kg:rank kg:NormalRank ;")
    change_v = read.text(t, "change")
    quotes = [ctx.quote(v) for v in read.texts(t, "quote")]
    if change_v:
        if change_v.text not in CHANGES:
            raise read.error(change_v.line, f"change is one of {', '.join(CHANGES)}")
        stating = read.texts(t, "change-quote", required=True)
        quotes += [ctx.quote(v) for v in stating]
        lines.insert(3, f"    kg:changeType kg:{CHANGES[change_v.text]} ;")
        note = f"{key}: {change_v.text}, as the source states"
    else:
        change, reasoning = _compare(ctx, clause, partnership, previous, values)
        lines.insert(3, f"    kg:changeType kg:{change} ;")
        premises = [v.text for v in read.texts(t, "premises")]
        _change_claim(ctx, key, change, reasoning, previous, quotes, premises)
        note = f"{key}: {change.lower()}, inferred: {reasoning}"
    basis = read.text(t, "basis")
    if basis and basis.text == "inferred":
        lines += _inferred(ctx, t, quotes)
    elif basis and basis.text != "stated":
        raise read.error(basis.line, "basis is stated (the default: give a quote) or inferred")
    else:
        if not quotes:
            raise read.error(
                t.line, "a stated term needs its quote (or basis: inferred with rule, reasoning, premises)"
            )
        lines += stated(ctx, quotes)
    ctx.blocks.append("\n".join(lines))
    return note


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
    ctx.blocks.append("\n".join(lines))


def _inferred(ctx: Context, t: Table, quotes: list[str]) -> list[str]:
    read = ctx.read
    rule = read.text(t, "rule", required=True)
    why = read.text(t, "reasoning", required=True)
    premises = [ctx.key(v) for v in read.texts(t, "premises", required=True)]
    assert rule is not None and why is not None
    if quotes:
        raise read.error(t.line, "an inferred term cites no quote: its premises do")
    if ctx.basis:
        return [
            "    kg:basis kg:Inferred ;",
            f"    kg:rule {pk(ctx.key(rule, 'InferenceRule'))} ;",
            f"    kg:reasoning {lit(why.text)} ;",
            f"    kg:inferredFrom {', '.join(map(pk, premises))} .",
        ]
    evidence = evidence_of(ctx.kg, premises)
    if not evidence:
        raise read.error(t.line, "the premises cite no evidence")
    return [
        "    kg:inferred true ;",
        f"    kg:reasoning {lit(why.text)} ;",
        f"    kg:evidence {', '.join(map(pk, evidence))} .",
    ]
