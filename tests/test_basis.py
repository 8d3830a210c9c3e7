"""How we know: every answer says whether its facts are stated, inferred or disputed.

Whole answers are asserted where the basis changes behaviour: the full secondary-only list, the
full sources of one inferred fact, the roles and terms in force on dates with undated agreements,
the timeline's placement of undated agreements, and what-changed in both directions.
"""

from __future__ import annotations

import json

import graph

# The answers asserted here are the five corpus documents' (issue 21: reports read outside the
# corpus change several; tests/test_reported_timeline.py asserts those): kg and cli use --corpus-only.
CORPUS_ONLY = True


SECONDARY_ONLY = {
    # Stated only by secondary quotes (003's undated summaries count as secondary).
    "agreement-amended": "stated",
    "agreement-mou": "stated",
    "agreement-multi-year-extension": "stated",
    "agreement-research-on-azure": "stated",
    "amazon-bedrock": "stated",
    "aws": "stated",
    "aws-trainium": "stated",
    "azure-openai-service": "stated",
    "claim-agreement-2025-10-date-2024-10": "stated",
    "claim-agreement-2026-02-27-date-2026-02-27": "stated",  # 000 and 001 give the date; 003 does not
    "gpt-5": "stated",
    "mention-openai-deal-partners": "stated",
    "nvidia": "stated",
    "o-series": "stated",
    "openai-frontier-models": "stated",
    "openai-research-experiments": "stated",
    "openai-workloads": "stated",
    "oracle": "stated",
    "role-aws-distributes-frontier": "stated",
    "role-aws-hosts-stateful-runtime": "stated",
    "role-aws-supplies-compute": "stated",
    "role-azure-hosts-all-openai-workloads": "stated",
    "role-azure-hosts-research-experiments": "stated",
    "role-microsoft-hosts-frontier-models": "stated",
    "said-definitive": "stated",
    "said-definitive-terms": "stated",
    "said-pre-agi": "stated",
    "said-primary-home": "stated",
    "said-renegotiated-2025": "stated",
    "softbank": "stated",
    "stateful-runtime-environment": "stated",
    "term-amended-collaboration": "stated",
    "term-amended-ip-license": "stated",
    "term-amended-revenue-share-microsoft-to-openai": "stated",
    "term-mou-next-phase": "stated",
    "term-multi-year-extension-azure-cloud": "stated",
    "term-multi-year-extension-azure-investment": "stated",
    "term-openai-amazon-frontier-distribution": "stated",
    "term-openai-amazon-investment": "stated",
    "term-openai-amazon-stateful-runtime": "stated",
    "term-openai-amazon-trainium": "stated",
    "term-research-on-azure-azure-cloud": "stated",
    # Inferred, with at least one premise that rests on secondary sources only.
    "claim-2025-10-compute-flexibility-new": "inferred",
    "claim-2025-10-first-party-hosting-continued": "inferred",
    "claim-2026-independence-same-clause": "inferred",
    "claim-2026-ip-license-example-frontier": "stated",  # GPT-5, o-series, Frontier: 004 alone
    "claim-2026-ip-license-example-gpt-5": "stated",
    "claim-2026-ip-license-example-o-series": "stated",
    "claim-mou-superseded": "inferred",
    "claim-role-aws-compute-since-openai-amazon": "inferred",
    "claim-openai-amazon-capacity": "stated",  # what the OpenAI-Amazon partnership is made of
    "claim-stateless-apis-part-of-workloads": "inferred",
    "order-mou-before-2025-10": "inferred",
    "role-azure-serves-openai-models": "stated",  # "Azure owns the core model serving": 004 alone
    "claim-2026-ip-license-superseded": "inferred",
    "claim-amended-collaboration-previous-version": "inferred",
    "claim-amended-ip-license-previous-version": "inferred",
    "claim-amended-previous-agreement": "inferred",
    "claim-agreement-openai-amazon-date-2026-02-27": "inferred",
    "claim-extension-azure-cloud-superseded": "inferred",
    # Wikidata links of entities that only secondary sources name (data/wikidata.ttl).
    "claim-aws-wikidata": "inferred",
    "claim-nvidia-wikidata": "inferred",
    "claim-role-azure-all-workloads-until-2025-10": "inferred",
    "claim-role-azure-all-workloads-superseded": "inferred",
    "claim-role-microsoft-frontier-models-since-2026": "inferred",
    "identification-2025-10-definitive": "inferred",
    "order-2019-before-extension": "inferred",
    "order-2019-before-mou": "inferred",
    "claim-research-on-azure-announcement": "stated",
    "order-2026-02-27-before-amended": "inferred",
    "order-extension-before-2025-10": "inferred",
    "term-2025-10-agi": "inferred",
    "term-2025-10-azure-cloud": "inferred",
    "term-2025-10-azure-services-commitment": "inferred",
    "term-2025-10-collaboration": "inferred",
    "term-2025-10-independence": "inferred",
    "term-2025-10-ip-license": "inferred",
    "term-2025-10-microsoft-investment": "inferred",
    "term-2026-02-27-azure-services-commitment": "inferred",
    "term-2026-02-27-microsoft-investment": "inferred",
}


def test_secondary_only_is_every_fact_no_primary_quote_states(kg: graph.PartnershipGraph) -> None:
    found = kg.secondary_only()
    assert {f.id: f.basis.kind for f in found} == SECONDARY_ONLY
    assert all(f.basis.secondary_only for f in found)
    # A stated fact lists its (secondary) quotes; an inferred one cites none, only its rule.
    assert all(
        f.evidence and not any(e.primary for e in f.evidence) for f in found if f.basis.kind == "stated"
    )
    assert all(not f.evidence and f.basis.rules for f in found if f.basis.kind == "inferred")


def test_the_135_billion_stake_in_2026_is_inferred_from_its_premises(kg: graph.PartnershipGraph) -> None:
    facts = kg.sources_for("term-2026-02-27-microsoft-investment")
    assert [(f.relation, f.id, f.basis.kind, f.basis.secondary_only) for f in facts] == [
        ("the fact", "term-2026-02-27-microsoft-investment", "inferred", True),
        ("premise", "identification-2025-10-definitive", "inferred", True),
        ("premise", "post-2025-10-joint-blog", "stated", False),
        ("premise", "said-definitive", "stated", True),
        ("premise", "said-nothing-changes", "stated", False),
        ("premise", "said-renegotiated-2025", "stated", True),
        ("premise", "term-2025-10-microsoft-investment", "inferred", True),
    ]  # premises down to the stated facts: the quote that names the figure is among them
    assert [f.id for f in facts for e in f.evidence if "$135 billion" in e.quote] == ["said-definitive"]
    fact = facts[0]
    assert fact.evidence == ()  # it borrows no quote
    assert fact.basis.rules == ("unchanged since October 2025",)
    assert fact.basis.reasoning.startswith("The statement never names the figure.")
    # No 27% stake is carried into 2026: OpenAI announced new funding that day.
    assert "27" not in fact.label and "stake" in fact.basis.reasoning
    stated, inferred = fact.basis.premises
    assert [(e.file, e.primary) for e in stated.evidence] == [("003_7764993f1fc891bd.txt", True)]
    assert stated.evidence[0].quote.startswith("Nothing about today's announcements")
    assert inferred.premises == ("identification-2025-10-definitive", "said-definitive")


def test_cli_sources_shows_premises_and_marks_inferred(cli) -> None:
    table = cli("sources", "term-2026-02-27-microsoft-investment", "--format", "table").out
    assert table.splitlines()[0].split() == [
        "Relation",
        "Id",
        "Type",
        "Label",
        "Basis",
        "Reasoning",
        "Evidence",
    ]
    assert table.splitlines()[-1] == "(7 rows)"
    out = cli(
        "sources",
        "term-2026-02-27-microsoft-investment",
        "--format",
        "tsv",
        "--columns",
        "relation,id,basis,evidence",
    ).out
    rows = [line.split("\t") for line in out.splitlines()[1:]]
    assert [(r[0], r[1]) for r in rows] == [
        ("the fact", "term-2026-02-27-microsoft-investment"),
        ("premise", "identification-2025-10-definitive"),
        ("premise", "post-2025-10-joint-blog"),
        ("premise", "said-definitive"),
        ("premise", "said-nothing-changes"),
        ("premise", "said-renegotiated-2025"),
        ("premise", "term-2025-10-microsoft-investment"),
    ]
    assert rows[0][2].startswith("INFERRED (unchanged since October 2025) from said-nothing-changes")
    assert rows[4][2] == "stated" and rows[4][3].startswith(
        "003_7764993f1fc891bd.txt [primary]: Nothing about"
    )
    assert rows[6][2].startswith("INFERRED (what a summary says")


# Every role possibly in force in June 2025: (id, status, since, since_earliest, since_latest,
# the since value's basis). Two hang on an undated agreement (the extension, the research-on-Azure
# partnership); three are recorded since a later agreement whose texts say the role "remains" or
# will "continue" (kg:startMayBeEarlier): they may be older, but no earlier than the partnership's
# start (2019-01-01), and had begun by their since agreement's last possible day.
POSSIBLY_IN_FORCE_2025_06 = [
    (  # 'expanded use of AWS Trainium chips': begun before the OpenAI-Amazon deal, no text says when
        "role-aws-supplies-compute",
        "possibly in force",
        "agreement-openai-amazon-2026-02-27",
        None,
        "2026-02-27",
        "inferred",
    ),
    (
        "role-microsoft-hosts-frontier-models",
        "possibly in force",
        "agreement-2026-02-27",
        "2019-01-01",
        "2026-02-27",
        "inferred",
    ),
    (
        "role-azure-hosts-all-openai-workloads",
        "possibly in force",
        "agreement-multi-year-extension",
        "2019-01-01",
        "2025-10-31",
        None,
    ),
    (
        "role-azure-hosts-first-party-products",
        "possibly in force",
        "agreement-2025-10",
        "2019-01-01",
        "2025-10-31",
        "inferred",
    ),
    (
        "role-azure-hosts-research-experiments",
        "possibly in force",
        "agreement-research-on-azure",
        None,  # no longer bounded by 2019 (issue 21)
        None,
        None,
    ),
    (
        "role-azure-hosts-stateless-apis",
        "possibly in force",
        "agreement-2025-10",
        "2019-01-01",
        "2025-10-31",
        "inferred",
    ),
]


def _since_basis(bases) -> str | None:
    kinds = [b["basis"]["kind"] if isinstance(b, dict) else b.basis.kind for b in bases]
    props = [b["property"] if isinstance(b, dict) else b.property for b in bases]
    return next((k for k, p in zip(kinds, props, strict=True) if p == "since"), None)


def test_hosts_as_of_june_2025_gives_the_roles_possibly_in_force(kg: graph.PartnershipGraph, cli) -> None:
    data = json.loads(cli("hosts", "--as-of", "2025-06", "--format", "json").out)
    assert [
        (
            d["id"],
            d["status"],
            d["since"],
            d["since_earliest"],
            d["since_latest"],
            _since_basis(d["value_bases"]),
        )
        for d in data
    ] == POSSIBLY_IN_FORCE_2025_06
    until = data[2]["value_bases"]
    assert [(v["property"], v["value"], v["basis"]["kind"]) for v in until] == [
        ("superseded by", "role-azure-hosts-stateless-apis", "inferred"),
        ("until", "agreement-2025-10", "inferred"),
    ]
    assert [
        (h.id, h.status, h.since, h.since_earliest, h.since_latest, _since_basis(h.value_bases))
        for h in kg.hosts(as_of="2025-06")
    ] == POSSIBLY_IN_FORCE_2025_06
    # From its since agreement's last possible day a role whose start may be earlier is in force;
    # before the partnership began, no role of it is even possibly in force.
    november = {h.id: (h.status, h.since_earliest, h.since_latest) for h in kg.hosts(as_of="2025-11")}
    assert november["role-azure-hosts-stateless-apis"] == ("in force", "2019-01-01", "2025-10-31")
    assert november["role-azure-hosts-first-party-products"] == ("in force", "2019-01-01", "2025-10-31")
    # Before it, AWS's compute supply ('expanded use' says it began before the OpenAI-Amazon
    # partnership, and no text bounds its start) and Azure as the research cloud: no corpus text
    # dates the research partnership, and it is no longer bounded by 2019 (reports date it to
    # November 2016, issue 21).
    assert [(h.id, h.status, h.since_earliest, h.since_latest) for h in kg.hosts(as_of="2018")] == [
        ("role-aws-supplies-compute", "possibly in force", None, "2026-02-27"),
        ("role-azure-hosts-research-experiments", "possibly in force", None, None),
    ]


def test_hosts_without_a_date_mark_an_inferred_since(cli) -> None:
    out = cli("hosts", "Stateless OpenAI APIs", "--format", "table", "--wide").out
    azure = next(line for line in out.splitlines() if line.startswith("Microsoft Azure"))
    assert "[inferred]" in azure  # since October 2025 (or earlier): an inference


def test_terms_before_the_partnership_began_are_none(kg: graph.PartnershipGraph, cli) -> None:
    # Only the research partnership on Azure, which no corpus text dates or bounds (the 2019
    # bound was false: reports date it to November 2016, issue 21), is possibly in force then.
    run = cli("terms", "--as-of", "1899", "--format", "json")
    assert run.code == 0
    assert [(t["term"], t["status"], t["earliest"], t["latest"]) for t in json.loads(run.out)] == [
        ("term-research-on-azure-azure-cloud", "possibly in force", None, None)
    ]
    assert [t.term for t in kg.terms("2018")] == ["term-research-on-azure-azure-cloud"]
    first = kg.terms("2019")
    # The October 2025 terms the texts say continue ('maintains', 'has always included', 'will
    # continue', 'increasing', 'greater') were in force before it, in a version the graph does not
    # hold: possibly in force from the partnership's start. The memorandum is bounded by the
    # definitive agreement that supersedes it.
    earlier = "possibly in force (earlier version)"
    assert [(t.term, t.status, t.earliest, t.latest) for t in first] == [
        ("term-2025-10-first-party-hosting", earlier, "2025-10-01", "2025-10-31"),
        ("term-2025-10-ip-license", earlier, "2025-10-01", "2025-10-31"),
        ("term-2025-10-independence", earlier, "2025-10-01", "2025-10-31"),
        ("term-2025-10-microsoft-investment", earlier, "2025-10-01", "2025-10-31"),
        ("term-2025-10-revenue-share", earlier, "2025-10-01", "2025-10-31"),
        ("term-multi-year-extension-azure-cloud", "possibly in force", "2019-01-01", "2025-10-31"),
        ("term-research-on-azure-azure-cloud", "possibly in force", None, None),
        ("term-mou-next-phase", "possibly in force", "2019-01-01", "2025-10-31"),
        ("term-multi-year-extension-azure-investment", "possibly in force", "2019-01-01", "2025-10-31"),
        ("term-2019-collaboration", "in force", "2019-01-01", "2019-12-31"),
    ]


def test_timeline_places_undated_agreements_by_inference_or_says_unknown(kg: graph.PartnershipGraph) -> None:
    entries = kg.timeline()
    assert [(e.agreement, e.placement) for e in entries] == [
        ("agreement-2019", "dated"),
        ("agreement-multi-year-extension", "inferred"),
        ("agreement-mou", "inferred"),  # finalised by the definitive agreement (inferred)
        ("agreement-2025-10", "dated"),
        ("agreement-2026-02-27", "dated"),
        ("agreement-openai-amazon-2026-02-27", "dated"),
        ("agreement-amended", "inferred"),
        ("agreement-research-on-azure", "order unknown"),
    ]
    october = entries[3]
    assert {(v.property, v.value, v.basis.kind) for v in october.value_bases} == {
        ("agreement type", "definitive agreement", "inferred"),
        ("date", "2025-10", "disputed"),
        ("date", "2024-10", "disputed"),
    }
    assert entries[1].inferred_order == (
        "after Microsoft–OpenAI agreement of 2019 (the statement dates their work together from it) (inferred)",
        "before October 2025 agreement (shared in the joint blog) (inferred)",
    )


def test_changes_between_an_agreement_and_itself_are_all_unchanged(cli) -> None:
    data = json.loads(cli("changes", "agreement-2025-10", "agreement-2025-10", "--format", "json").out)
    assert [(d["clause"], d["status"], d["change_note"], d["reversed"]) for d in data] == [
        (clause, "unchanged", None, False)
        for clause in (
            "clause-agi",
            "clause-azure-cloud",
            "clause-first-party-hosting",
            "clause-ip-license",
            "clause-independence",
            "clause-microsoft-investment",
            "clause-azure-services-commitment",
            "clause-compute-flexibility",
            "clause-revenue-share",
            "clause-collaboration",
        )
    ]
    assert all(d["from_term"] == d["to_term"] and not d["differences"] for d in data)


def test_changes_reversed_give_the_inverse_change(kg: graph.PartnershipGraph, cli) -> None:
    data = json.loads(cli("changes", "2026-02-27", "2025-10", "--format", "json").out)
    assert {(d["status"], d["change_note"], d["reversed"]) for d in data} == {("unchanged", None, True)}
    backwards = kg.changes("2026-02-27", "2025-10")
    assert {(c.status, c.change_note, c.reversed) for c in backwards} == {("unchanged", None, True)}
    assert len(backwards) == 10
    undo = kg.changes("agreement-amended", "agreement-2026-02-27")
    rows = [(c.clause, c.status, c.change_note) for c in undo if c.status != "not restated"]
    assert rows == [
        (
            "clause-ip-license",
            "amended",
            "Reversed: Makes Microsoft's license to OpenAI IP non-exclusive through 2032.",
        ),
        (
            "clause-collaboration",
            "amended",
            "Reversed: The amended agreement 'simplifies their collaboration'.",
        ),
        (
            "clause-revenue-share-microsoft-to-openai",
            "added",
            "Reversed: Removes revenue sharing from Microsoft to OpenAI.",
        ),
    ]
    ip = undo[0].differences
    assert [(d.attribute, d.old, d.new) for d in ip] == [("exclusivity", "non-exclusive", "exclusive")]
    forward = {c.clause: c.status for c in kg.changes("agreement-2026-02-27", "agreement-amended")}
    assert forward["clause-revenue-share-microsoft-to-openai"] == "removed"
    assert forward["clause-ip-license"] == "amended"


def test_changes_follow_inferred_orders_and_say_when_no_order_is_known(
    kg: graph.PartnershipGraph, cli
) -> None:
    # the extension has no date; an inferred order puts it before October 2025
    forward = {c.clause: c.status for c in kg.changes("agreement-multi-year-extension", "agreement-2025-10")}
    backward = kg.changes("agreement-2025-10", "agreement-multi-year-extension")
    assert all(c.reversed and c.order_known for c in backward)
    inverse = {
        "added": "removed", "removed": "added", "amended": "amended", "continued": "continued",
        "not restated": "not restated",
    }  # fmt: skip
    assert {c.clause: c.status for c in backward} == {k: inverse[v] for k, v in forward.items()}
    # nothing in the texts orders the research on Azure against October 2025: the answer says so
    unknown = kg.changes("agreement-2025-10", "agreement-research-on-azure")
    assert unknown and not any(c.order_known or c.reversed for c in unknown)
    run = cli("changes", "agreement-2025-10", "agreement-research-on-azure", "--format", "json")
    assert run.code == 0 and run.err.endswith(
        "kg: warning: the sources do not say whether agreement-2025-10 came before"
        " agreement-research-on-azure; the changes assume it did\n"
    )
    assert {d["order_known"] for d in json.loads(run.out)} == {False}
    assert "warning: the sources do not say" not in cli("changes", "2019", "2025-10").err


def test_every_inferred_answer_names_rule_reasoning_and_premises(kg: graph.PartnershipGraph) -> None:
    terms = kg.terms("2026-03")
    inferred = [t for t in terms if t.basis.inferred]
    assert {t.term for t in inferred} >= {
        "term-2026-02-27-microsoft-investment",
        "term-2026-02-27-azure-services-commitment",
    }
    for t in inferred:
        assert t.basis.rules and t.basis.reasoning and t.basis.premises and not t.evidence
        assert all(p.basis in ("stated", "inferred") for p in t.basis.premises)


def test_terms_table_marks_an_inferred_supersession(cli) -> None:
    out = cli("terms", "--as-of", "2026-03", "--format", "table", "--wide").out
    ip = next(
        line for line in out.splitlines() if line.startswith("in force") and "Exclusive IP license" in line
    )
    assert "[inferred] Amended pa" in ip  # the order before the amendment is an inference
