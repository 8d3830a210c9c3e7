"""The building blocks of synthetic data: N-Triples literals and IRIs, the word lists, and the
collector of one company's triples with their evidence (see graph.synth).

>>> nt_literal('Says "hi"\\n')
'"Says \\\\"hi\\\\"\\\\n"'
"""

from __future__ import annotations

from dataclasses import dataclass, field

import pyoxigraph as ox

from graph._vocab import KG, PK, RDF, RDFS, XSD

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
    has_rule: bool = False

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
        self.add(fact, _kg("basis"), _kg("Stated"))
        self.quotes.setdefault(source, []).append(quote[:400])

    def ending(self, subject: str, prop: str, value: str, prefix: str, source: str, quote: str) -> None:
        """``subject``'s kg:until or kg:supersededBy ``value``, with a claim of its own that a
        quote of ``source`` states (an end carries its own basis)."""
        self.add(subject, _kg(prop), value)
        self.evidence_count += 1
        claim = _pk(f"synth-claim-{prefix}-{self.evidence_count}")
        self.add(claim, _A, _kg("Claim"))
        self.add(claim, _kg("claimSubject"), subject)
        self.add(claim, _kg("claimProperty"), _kg(prop))
        self.add(claim, _kg("claimObject"), value)
        self.add(claim, _kg("rank"), _kg("NormalRank"))
        self.evidence(claim, prefix, source, True, quote)


@dataclass
class _Agreement:
    node: str
    when: str | None  # the date text, None when undated


def company_label(company: int) -> str:
    """The label of a synthetic company (``Synthetic Co 17``)."""
    return f"Synthetic Co {company}"
