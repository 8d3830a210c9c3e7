"""How one synthetic company is written: its products or cloud, partnerships, deals, clause
versions, cloud roles, and the synthetic sources and evidence behind every fact (see graph.synth).
"""

from __future__ import annotations

import hashlib
import random

from graph._vocab import DCTERMS, PK, SCHEMA, SKOS, XSD
from graph.synth._clauses import _roles, _terms
from graph.synth._lines import (
    _AGREEMENT_TYPES,
    _SCOPES,
    _TYPE_WORDS,
    _TYPES,
    _Agreement,
    _kg,
    _Out,
    _pk,
    company_label,
    nt_literal,
)

_SYNTH_RULE = _pk("synth-rule-restated-terms")
"""The one inference rule of the synthetic orders between undated agreements."""


def is_cloud(company: int) -> bool:
    """Every fourth synthetic company runs a cloud; the others are AI labs that need one."""
    return company % 4 == 0


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
            if not out.has_rule:
                out.node(_SYNTH_RULE, "InferenceRule", "synthetic: the later agreement restates")
                definition = "Synthetic rule: an agreement whose terms the next one restates came first."
                out.add(_SYNTH_RULE, f"<{SKOS}definition>", nt_literal(definition))
                out.has_rule = True
            out.node(order, "OrderInference", f"Synthetic agreement {n} came before agreement {n + 1}")
            out.add(order, _kg("earlier"), ag.node)
            out.add(order, _kg("later"), after.node)
            out.add(order, _kg("rank"), _kg("NormalRank"))
            out.add(order, _kg("basis"), _kg("Inferred"))
            out.add(order, _kg("rule"), _SYNTH_RULE)
            out.add(order, _kg("reasoning"), nt_literal("Synthetic: the later agreement restates its terms."))
            out.add(order, _kg("inferredFrom"), ag.node)
            out.add(order, _kg("inferredFrom"), after.node)
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
