"""How one synthetic company is written: its products or cloud, partnerships, deals, clause
versions, cloud roles, and the synthetic sources and evidence behind every fact (see graph.synth).

>>> nt_literal('Says "hi"\\n')
'"Says \\\\"hi\\\\"\\\\n"'
"""

from __future__ import annotations

import hashlib
import random
from dataclasses import dataclass, field

import pyoxigraph as ox

from graph._vocab import DCTERMS, KG, PK, RDF, RDFS, SCHEMA, SKOS, XSD

_A = f"<{RDF}type>"
_LABEL = f"<{RDFS}label>"
_TYPES = ["Product", "AIModel", "Workload"]
_AGREEMENT_TYPES = [
    "Extension",
    "Amendment",
    "JointStatement",
    "DefinitiveAgreement",
    "MemorandumOfUnderstanding",
]
_TOPICS = [
    "Cloud hosting",
    "IP license",
    "Revenue share",
    "Investment and stake",
    "Compute commitment",
    "Model distribution",
    "Data use",
    "Safety review",
    "Term and termination",
    "Joint research",
    "Chip supply",
    "Marketplace listing",
]
_SCOPES = [
    "research workloads",
    "stateless APIs",
    "first-party products",
    "training runs",
    "inference",
    "enterprise offerings",
    "consumer apps",
    "all workloads",
]
_EXCLUSIVITY = ["Exclusive", "NonExclusive", "Primary"]
_ROLE_TYPES = ["Hosts", "Serves", "Distributes", "SuppliesCompute"]
_ROLE_VERBS = {
    "Hosts": "hosts",
    "Serves": "serves",
    "Distributes": "distributes",
    "SuppliesCompute": "supplies compute to",
}
_TYPE_WORDS = {
    "PartnershipStart": "started a partnership",
    "Extension": "extended their partnership",
    "Amendment": "amended their agreement",
    "JointStatement": "issued a joint statement",
    "DefinitiveAgreement": "signed a definitive agreement",
    "MemorandumOfUnderstanding": "signed a memorandum of understanding",
}


def nt_literal(text: str, datatype: str | None = None) -> str:
    """A literal in N-Triples form, escaped by pyoxigraph; plain (xsd:string) unless a datatype is given."""
    return str(ox.Literal(text, datatype=ox.NamedNode(datatype)) if datatype else ox.Literal(text))


def _pk(key: str) -> str:
    return f"<{PK}{key}>"


def _kg(name: str) -> str:
    return f"<{KG}{name}>"


@dataclass
class _Out:
    """Triples of one company, with the synthetic sources and evidence that back them."""

    lines: list[str] = field(default_factory=list)
    quotes: dict[str, list[str]] = field(default_factory=dict)
    evidence_count: int = 0

    def add(self, s: str, p: str, o: str) -> None:
        self.lines.append(f"{s} {p} {o} .\n")

    def node(self, s: str, cls: str, label: str) -> None:
        self.add(s, _A, _kg(cls))
        self.add(s, _LABEL, nt_literal(label))

    def evidence(self, fact: str, prefix: str, source: str, primary: bool, quote: str) -> None:
        """Mint an evidence node quoting ``source`` for ``fact``."""
        self.evidence_count += 1
        ev = _pk(f"synth-ev-{prefix}-{self.evidence_count}")
        self.add(ev, _A, _kg("Evidence"))
        self.add(ev, _kg("source"), source)
        self.add(ev, _kg("primary"), nt_literal("true" if primary else "false", XSD + "boolean"))
        self.add(ev, _kg("quote"), nt_literal(quote[:400]))
        self.add(fact, _kg("evidence"), ev)
        self.quotes.setdefault(source, []).append(quote[:400])


def is_cloud(company: int) -> bool:
    """Every fourth synthetic company runs a cloud; the others are AI labs that need one."""
    return company % 4 == 0


def company_label(company: int) -> str:
    """The label of a synthetic company (``Synthetic Co 17``)."""
    return f"Synthetic Co {company}"


def partners_of(lab: int, companies: int, rng: random.Random) -> list[int]:
    """The clouds a lab partners with: one to three of the nearby clouds (so no cloud is a hub)."""
    nearby = [c for c in range(4 * (lab // 4 - 4), 4 * (lab // 4 + 5), 4) if 0 <= c < companies and c != lab]
    return sorted(rng.sample(nearby, min(len(nearby), rng.randint(1, 3))))


def company_lines(i: int, companies: int, seed: int) -> list[str]:
    """The N-Triples lines about company ``i``: itself, its products or cloud, its partnerships."""
    rng = random.Random(f"partnership-kg-synth:{seed}:{i}")
    out = _Out()
    org = _pk(f"synth-co{i}")
    name = company_label(i)
    source = _pk(f"synth-source-co{i}")
    out.node(org, "Organization", name)
    out.evidence(org, f"co{i}", source, True, f"{name} is a synthetic company generated for scale tests.")
    if is_cloud(i):
        cloud = _pk(f"synth-co{i}-cloud")
        out.node(cloud, "CloudPlatform", f"Synthetic Cloud {i}")
        out.add(cloud, f"<{SKOS}altLabel>", nt_literal(f"{name} cloud"))
        out.add(cloud, _kg("operatedBy"), org)
        out.evidence(
            cloud, f"co{i}", source, True, f"{name} operates Synthetic Cloud {i}, a synthetic cloud."
        )
    else:
        group = _pk(f"synth-co{i}-products")
        out.node(group, "Product", f"{name} first-party products")
        out.add(group, _kg("developedBy"), org)
        out.evidence(group, f"co{i}", source, True, f"{name} builds first-party products on rented clouds.")
        for j in range(rng.randint(3, 6)):
            product = _pk(f"synth-co{i}-product-{j}")
            out.node(product, rng.choice(_TYPES), f"{name} Product {j}")
            out.add(product, _kg("developedBy"), org)
            if rng.random() < 0.7:
                out.add(product, _kg("partOf"), group)
            out.evidence(product, f"co{i}", source, True, f"{name} Product {j} is developed by {name}.")
        for cloud_co in partners_of(i, companies, rng):
            _partnership(out, rng, i, cloud_co)
    _sources(out, i)
    return out.lines


def _sources(out: _Out, company: int) -> None:
    """A synthetic kg:Source for every source the company's evidence quotes."""
    for n, (source, quotes) in enumerate(sorted(out.quotes.items())):
        text = "SYNTHETIC SOURCE TEXT (generated, not a real document)\n" + "\n".join(quotes) + "\n"
        key = source[len(PK) + 1 : -1]
        out.node(source, "Source", f"Synthetic Wire report {key.removeprefix('synth-source-')}")
        out.add(source, f"<{DCTERMS}publisher>", nt_literal("Synthetic Wire (generated data)"))
        out.add(
            source, f"<{DCTERMS}title>", nt_literal(f"Synthetic report {n + 1} on {company_label(company)}")
        )
        out.add(source, _kg("fileName"), nt_literal(f"{key}.txt"))
        out.add(source, _kg("sha256"), nt_literal(hashlib.sha256(text.encode("utf-8")).hexdigest()))
        primary = not key.endswith("-secondary")
        out.add(source, _kg("sourceKind"), _kg("PrimarySource" if primary else "SecondarySource"))
        out.add(source, f"<{SCHEMA}url>", nt_literal(f"https://example.org/synthetic/{key}", XSD + "anyURI"))


@dataclass
class _Agreement:
    node: str
    when: str | None  # the date text, None when undated


def _date_literal(year: int, rng: random.Random) -> tuple[str, str]:
    precision = rng.random()
    if precision < 0.3:
        return str(year), XSD + "gYear"
    month = rng.randint(1, 12)
    if precision < 0.65:
        return f"{year}-{month:02d}", XSD + "gYearMonth"
    return f"{year}-{month:02d}-{rng.randint(1, 28):02d}", XSD + "date"


def _partnership(out: _Out, rng: random.Random, lab: int, cloud_co: int) -> None:
    """One lab–cloud partnership: its agreements over the years, clause versions and cloud roles."""
    key = f"{lab}-{cloud_co}"
    p = _pk(f"synth-partnership-{key}")
    lab_name, cloud_name = company_label(lab), company_label(cloud_co)
    primary_src = _pk(f"synth-source-{key}")
    second_src = _pk(f"synth-source-{key}-secondary")
    org_lab, org_cloud = _pk(f"synth-co{lab}"), _pk(f"synth-co{cloud_co}")
    out.node(p, "Partnership", f"{lab_name}–{cloud_name} partnership (synthetic)")
    out.add(p, _kg("party"), org_lab)
    out.add(p, _kg("party"), org_cloud)
    out.add(p, _kg("capacity"), nt_literal(f"{rng.choice(_SCOPES)} and compute (synthetic)"))
    out.evidence(
        p, key, primary_src, True, f"{lab_name} and {cloud_name} are partners (synthetic statement)."
    )

    agreements = _agreements(
        out, rng, key, p, org_lab, org_cloud, lab_name, cloud_name, primary_src, second_src
    )
    terms = _terms(out, rng, key, agreements, lab_name, cloud_name, primary_src, second_src)
    _roles(out, rng, key, lab, cloud_co, agreements, terms, primary_src, second_src)


def _agreements(
    out: _Out,
    rng: random.Random,
    key: str,
    p: str,
    org_lab: str,
    org_cloud: str,
    lab_name: str,
    cloud_name: str,
    primary_src: str,
    second_src: str,
) -> list[_Agreement]:
    count = rng.randint(3, 8)
    year = rng.randint(2000, 2026 - 2 * count)  # so that the last agreement is dated 2026 at the latest
    agreements: list[_Agreement] = []
    for n in range(count):
        a = _pk(f"synth-agreement-{key}-{n}")
        kind = "PartnershipStart" if n == 0 else rng.choice(_AGREEMENT_TYPES)
        # The first and last agreements are dated, so every undated one is bounded on both sides.
        undated = 0 < n < count - 1 and rng.random() < 0.15
        if not undated:
            year += rng.randint(1, 2)
            when, datatype = _date_literal(year, rng)
        label = f"{lab_name}–{cloud_name} agreement {n} (synthetic)"
        out.node(a, "Agreement", label)
        out.add(a, _kg("partnership"), p)
        out.add(a, _kg("party"), org_lab)
        out.add(a, _kg("party"), org_cloud)
        out.add(a, _kg("agreementType"), _kg(kind))
        if undated:
            out.add(a, _kg("undated"), nt_literal("true", XSD + "boolean"))
        else:
            out.add(a, _kg("date"), nt_literal(when, datatype))
        if agreements:
            out.add(a, _kg("previousAgreement"), agreements[-1].node)
        when_text = "on an undisclosed date" if undated else f"in {when}"
        out.evidence(
            a, key, primary_src, True, f"{lab_name} and {cloud_name} {_TYPE_WORDS[kind]} {when_text}."
        )
        if rng.random() < 0.3:
            out.evidence(
                a, key, second_src, False, f"Reports say the two synthetic companies signed deal {n}."
            )
        agreements.append(_Agreement(a, None if undated else when))
        if not undated and rng.random() < 0.05:
            _date_claims(out, key, n, a, when, datatype, primary_src, second_src)
    for n, ag in enumerate(agreements):
        if ag.when is None:  # order the undated agreement between its dated neighbours
            before, after = agreements[n - 1], agreements[n + 1]
            out.add(before.node, _kg("precedes"), ag.node)
            out.add(ag.node, _kg("precedes"), after.node)
            order = _pk(f"synth-order-{key}-{n}")
            out.node(order, "OrderInference", f"Synthetic agreement {n} came before agreement {n + 1}")
            out.add(order, _kg("earlier"), ag.node)
            out.add(order, _kg("later"), after.node)
            out.add(order, _kg("inferred"), nt_literal("true", XSD + "boolean"))
            out.add(order, _kg("rank"), _kg("NormalRank"))
            out.add(order, _kg("reasoning"), nt_literal("Synthetic: the later agreement restates its terms."))
            out.evidence(
                order, key, second_src, False, f"Deal {n} between the synthetic companies came first."
            )
    return agreements


def _date_claims(
    out: _Out, key: str, n: int, a: str, when: str, datatype: str, primary_src: str, second_src: str
) -> None:
    """Two sources disagree on an agreement's date: a preferred claim and a wrong one."""
    wrong = str(int(when[:4]) - 1) + when[4:]
    for rank, value, src, primary in (
        ("PreferredRank", when, primary_src, True),
        ("NormalRank", wrong, second_src, False),
    ):
        claim = _pk(f"synth-claim-{key}-{n}-{value}")
        out.node(claim, "Claim", f"Synthetic agreement {n} is dated {value}")
        out.add(claim, _kg("claimSubject"), a)
        out.add(claim, _kg("claimProperty"), _kg("date"))
        out.add(claim, _kg("claimValue"), nt_literal(value, datatype))
        out.add(claim, _kg("rank"), _kg(rank))
        out.evidence(claim, key, src, primary, f"The synthetic deal {n} was signed in {value}.")


def _attributes(rng: random.Random) -> dict[str, tuple[str, str | None]]:
    attrs: dict[str, tuple[str, str | None]] = {"scope": (rng.choice(_SCOPES), None)}
    if rng.random() < 0.7:
        attrs["exclusivity"] = (rng.choice(_EXCLUSIVITY), "iri")
    if rng.random() < 0.5:
        attrs["endYear"] = (str(rng.randint(2025, 2040)), XSD + "gYear")
    if rng.random() < 0.4:
        attrs["amountUSD"] = (f"{rng.randint(1, 500) * 100_000_000}.0", XSD + "decimal")
    return attrs


def _amend(rng: random.Random, attrs: dict[str, tuple[str, str | None]]) -> dict[str, tuple[str, str | None]]:
    new = dict(attrs)
    for name in rng.sample(sorted(new), min(len(new), rng.randint(1, 2))):
        value, kind = new[name]
        if name == "scope":
            new[name] = (rng.choice([s for s in _SCOPES if s != value]), None)
        elif name == "exclusivity":
            new[name] = (rng.choice([e for e in _EXCLUSIVITY if e != value]), "iri")
        elif name == "endYear":
            new[name] = (str(int(value) + rng.randint(1, 5)), kind)
        else:
            new[name] = (f"{int(float(value)) + rng.randint(1, 50) * 100_000_000}.0", kind)
    return new


def _terms(
    out: _Out,
    rng: random.Random,
    key: str,
    agreements: list[_Agreement],
    lab_name: str,
    cloud_name: str,
    primary_src: str,
    second_src: str,
) -> list[str]:
    """Clause versions: new, then unchanged, amended, not restated or removed in later agreements."""
    clause_count = rng.randint(4, 10)
    topics = rng.sample(_TOPICS, clause_count)
    latest: dict[int, tuple[str, dict[str, tuple[str, str | None]]]] = {}
    removed: set[int] = set()
    rows: list[
        tuple[str, list[tuple[str, str]], str | None]
    ] = []  # term, (predicate, object)s, replaced term
    for c, topic in enumerate(topics):
        clause = _pk(f"synth-clause-{key}-{c}")
        out.add(clause, _A, _kg("Clause"))
        out.add(clause, f"<{SKOS}prefLabel>", nt_literal(f"{topic} ({lab_name}–{cloud_name}, synthetic)"))
    for n, ag in enumerate(agreements):
        for c, topic in enumerate(topics):
            if c in removed:
                continue
            previous = latest.get(c)
            if previous is None:
                if n > 0 and rng.random() < 0.75:
                    continue  # most clauses start with the first agreement
                change, attrs = "New", _attributes(rng)
            else:
                roll = rng.random()
                if roll < 0.35:
                    continue  # not restated
                change = "Unchanged" if roll < 0.70 else "Amended" if roll < 0.92 else "Removed"
                attrs = (
                    previous[1]
                    if change == "Unchanged"
                    else _amend(rng, previous[1])
                    if change == "Amended"
                    else {}
                )
            term = _pk(f"synth-term-{key}-{n}-{c}")
            label = f"{topic} ({change.lower()}, synthetic agreement {n})"
            out.node(term, "Term", label)
            triples = [
                (_kg("agreement"), ag.node),
                (_kg("clause"), _pk(f"synth-clause-{key}-{c}")),
                (_kg("changeType"), _kg(change)),
            ]
            if previous is not None:
                triples.append((_kg("previousVersion"), previous[0]))
            if change == "Amended":
                triples.append((_kg("changeNote"), nt_literal(f"Synthetic amendment of {topic.lower()}.")))
            for name, (value, kind) in sorted(attrs.items()):
                triples.append((_kg(name), _kg(value) if kind == "iri" else nt_literal(value, kind)))
            rows.append(
                (term, triples, previous[0] if previous and change in ("Amended", "Removed") else None)
            )
            what = f"{topic.lower()} ({change.lower()})"
            out.evidence(
                term, key, primary_src, True, f"{lab_name} and {cloud_name} agreed on {what} in deal {n}."
            )
            if rng.random() < 0.25:
                out.evidence(
                    term, key, second_src, False, f"A report summarises the {what} terms of deal {n}."
                )
            if change == "Removed":
                removed.add(c)
                latest.pop(c, None)
            else:
                latest[c] = (term, attrs)
    replaced = {old: term for term, _, old in rows if old}
    current = {t for t, _ in latest.values()}
    for term, triples, _ in rows:
        for pred, obj in triples:
            out.add(term, pred, obj)
        if term in replaced:
            out.add(term, _kg("rank"), _kg("DeprecatedRank"))
            out.add(term, _kg("supersededBy"), replaced[term])
        else:
            out.add(term, _kg("rank"), _kg("PreferredRank" if term in current else "NormalRank"))
    return [t for t, _, _ in rows]


def _roles(
    out: _Out,
    rng: random.Random,
    key: str,
    lab: int,
    cloud_co: int,
    agreements: list[_Agreement],
    terms: list[str],
    primary_src: str,
    second_src: str,
) -> None:
    """Hosting, serving, distribution and compute roles the partnership sets up, some superseded."""
    cloud = _pk(f"synth-co{cloud_co}-cloud")
    lab_name, cloud_label = company_label(lab), f"Synthetic Cloud {cloud_co}"
    things = [(_pk(f"synth-co{lab}-products"), f"{lab_name} first-party products")]
    things += [(_pk(f"synth-co{lab}-product-{j}"), f"{lab_name} Product {j}") for j in range(3)]
    for r in range(rng.randint(2, 5)):
        role = _pk(f"synth-role-{key}-{r}")
        kind = rng.choice(_ROLE_TYPES)
        thing, thing_label = (
            (_pk(f"synth-co{lab}"), lab_name) if kind == "SuppliesCompute" else rng.choice(things)
        )
        since_at = rng.randrange(len(agreements))
        since = agreements[since_at]
        verb = _ROLE_VERBS[kind]
        out.node(role, "CloudRole", f"{cloud_label} {verb} {thing_label} (synthetic)")
        out.add(role, _kg("provider"), cloud)
        out.add(role, _kg("roleType"), _kg(kind))
        out.add(role, _kg("hostedThing"), thing)
        out.add(role, _kg("since"), since.node)
        if rng.random() < 0.6:
            out.add(role, _kg("roleExclusivity"), _kg(rng.choice(_EXCLUSIVITY)))
        if rng.random() < 0.3:
            out.add(role, _kg("qualifier"), nt_literal(f"synthetic qualifier {r} of {cloud_label}"))
        if terms and rng.random() < 0.5:
            out.add(role, _kg("basedOn"), rng.choice(terms))
        later = [a for a in agreements[since_at + 1 :] if a.when is not None]
        if later and rng.random() < 0.25:
            out.add(role, _kg("until"), rng.choice(later).node)
            out.add(role, _kg("rank"), _kg("DeprecatedRank"))
        else:
            out.add(role, _kg("rank"), _kg(rng.choice(["PreferredRank", "NormalRank"])))
        out.evidence(
            role, key, primary_src, True, f"{cloud_label} {verb} {thing_label} under deal {since_at}."
        )
        if rng.random() < 0.4:
            out.evidence(role, key, second_src, False, f"Reportedly, {cloud_label} {verb} {thing_label}.")
