"""Answers checked against the five documents (issue 21): what the texts say, not more."""

from __future__ import annotations

import json

import graph

# The answers asserted here are the five corpus documents' (issue 21: reports read outside the
# corpus change several; tests/test_reported_timeline.py asserts those): kg and cli use --corpus-only.
CORPUS_ONLY = True


def test_stateless_apis_in_june_2025_fall_under_the_all_workloads_exclusivity(
    kg: graph.PartnershipGraph, cli
) -> None:
    # The extension made Azure exclusive for "all OpenAI workloads across research, API, and
    # products", until the October 2025 terms narrowed it: the APIs were covered then.
    roles = {h.id: h for h in kg.hosts("stateless APIs", as_of="2025-06")}
    assert sorted(roles) == ["role-azure-hosts-all-openai-workloads", "role-azure-hosts-stateless-apis"]
    wide = roles["role-azure-hosts-all-openai-workloads"]
    assert (wide.provider, wide.exclusivity, wide.status, wide.until) == (
        "Microsoft Azure", "exclusive", "possibly in force", "agreement-2025-10",
    )  # fmt: skip
    # The containment is an inferred fact, with its rule and premises.
    facts = {f.id: f for f in kg.sources_for("claim-stateless-apis-part-of-workloads")}
    claim = facts["claim-stateless-apis-part-of-workloads"].basis
    assert (claim.kind, claim.rules) == ("inferred", ("part of a whole the text names by its parts",))
    assert "term-multi-year-extension-azure-cloud" in {p.id for p in claim.premises}
    # After October 2025 the wide role has ended (listed as ended): only the stateless-API
    # exclusivity remains in force.
    assert [(h.id, h.status) for h in kg.hosts("stateless APIs", as_of="2025-11")] == [
        ("role-azure-hosts-all-openai-workloads", "ended"),
        ("role-azure-hosts-stateless-apis", "in force"),
    ]
    out = json.loads(cli("hosts", "stateless APIs", "--as-of", "2025-06", "--format", "json").out)
    assert {d["id"] for d in out} == set(roles)


def test_terms_in_june_2025_include_the_clauses_the_texts_say_continue(kg: graph.PartnershipGraph) -> None:
    # "Microsoft maintains its exclusive license", the revenue share "has always included" other
    # clouds: both were in force before October 2025, in a version the graph does not hold.
    found = {t.term: t.status for t in kg.terms("2025-06")}
    earlier = "possibly in force (earlier version)"
    assert found["term-2025-10-ip-license"] == earlier
    assert found["term-2025-10-revenue-share"] == earlier
    assert found["term-2025-10-first-party-hosting"] == earlier
    # A clause that first appears in October 2025 is not listed before it.
    assert "term-2025-10-agi" not in found and "term-2025-10-azure-services-commitment" not in found
    # In March 2026 the statement's own versions are in force, no earlier version is listed.
    march = {t.term: t.status for t in kg.terms("2026-03")}
    assert march["term-2026-02-27-ip-license"] == "in force"
    assert earlier not in march.values()


def test_the_aws_runtime_and_frontier_distribution_are_announced_not_in_force(
    kg: graph.PartnershipGraph,
) -> None:
    # GadgetBond: AWS customers "will soon see" the runtimes and Frontier-based tools on Bedrock.
    for date in ("2026-03", "2026-12", None):
        status = {h.id: h.status for h in kg.hosts("aws", as_of=date)}
        assert status["role-aws-distributes-frontier"] == "announced"
        assert status["role-aws-hosts-stateful-runtime"] == "announced"
    terms = {t.term: t.status for t in kg.terms("2026-12")}
    assert terms["term-openai-amazon-frontier-distribution"] == "announced"
    assert terms["term-openai-amazon-stateful-runtime"] == "announced"
    assert terms["term-openai-amazon-investment"] == "in force"  # a promise made, in force as one
    frontier = next(h for h in kg.hosts("Frontier") if h.id == "role-aws-distributes-frontier")
    assert any("soon see" in e.quote for e in frontier.evidence)
    # The quote that states the role comes first; none says Frontier is hosted on Azure.
    assert frontier.evidence[0].quote.startswith(
        "positioning AWS as the exclusive third-party cloud distributor"
    )
    assert not any("hosted on Azure" in e.quote for e in frontier.evidence)


def test_the_memorandum_is_superseded_by_the_definitive_agreement(kg: graph.PartnershipGraph) -> None:
    order = [e.agreement for e in kg.timeline()]
    assert order.index("agreement-mou") < order.index("agreement-2025-10")
    assert "term-mou-next-phase" in {t.term for t in kg.terms("2025-06")}
    assert "term-mou-next-phase" not in {t.term for t in kg.terms("2025-11")}
    assert "term-mou-next-phase" not in {t.term for t in kg.terms("2026-12")}
    claim = {f.id: f for f in kg.sources_for("claim-mou-superseded")}["claim-mou-superseded"].basis
    assert (claim.kind, claim.rules) == (
        "inferred",
        ("a memorandum is finalised by the definitive agreement",),
    )


def test_each_fact_rests_on_the_quotes_that_state_it(kg: graph.PartnershipGraph) -> None:
    secondary = {f.id for f in kg.secondary_only()}
    # "Azure owns the core model serving" is GadgetBond's: the statement speaks only of the
    # stateless calls that third-party collaborations make.
    serving = next(h for h in kg.hosts("openai-models") if h.id == "role-azure-serves-openai-models")
    assert {e.file[:3] for e in serving.evidence} == {"004"} and serving.id in secondary
    # The examples of the exclusive license, the OpenAI-Amazon partnership's make-up: 004 alone.
    assert {
        "claim-2026-ip-license-example-gpt-5",
        "claim-2026-ip-license-example-o-series",
        "claim-2026-ip-license-example-frontier",
        "claim-openai-amazon-capacity",
    } <= secondary
    assert "partnership-openai-amazon" not in secondary  # the statement names it
    # The two since claims grounded in the statement's "remains" / "will continue" agree.
    assert "claim-role-azure-stateless-since-2025-10" not in secondary
    assert "claim-role-azure-first-party-since-2025-10" not in secondary
    # The statement's previous agreement is stated by a quote that says so.
    statement = {f.id: f for f in kg.sources_for("agreement-2026-02-27")}["agreement-2026-02-27"]
    assert any("previously shared in our joint blog in October 2025" in e.quote for e in statement.evidence)


def test_no_stake_is_carried_into_2026_and_the_trainium_use_is_continued(kg: graph.PartnershipGraph) -> None:
    march = {t.term: t for t in kg.terms("2026-03")}
    investment = march["term-2026-02-27-microsoft-investment"]
    assert investment.label == "Microsoft investment of $135 billion, unchanged (2026)"
    changes = {c.clause: c for c in kg.changes("agreement-2025-10", "agreement-2026-02-27")}
    stake = [d for d in changes["clause-microsoft-investment"].differences if d.attribute == "stake (%)"]
    assert stake == []  # no stake is given for 2026: nothing to compare
    assert march["term-openai-amazon-trainium"].change_type == "continued"
    compute = next(h for h in kg.hosts("aws", as_of="2026-03") if h.id == "role-aws-supplies-compute")
    assert (compute.status, compute.since_earliest, compute.since_latest) == ("in force", None, "2026-02-27")
