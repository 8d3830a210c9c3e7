"""The ten questions the core graph must answer, each with its evidence, through the public API."""

from __future__ import annotations

import pytest

import graph

# The answers asserted here are the five corpus documents' (issue 21: reports read outside the
# corpus change several; tests/test_reported_timeline.py asserts those): kg and cli use --corpus-only.
CORPUS_ONLY = True


def quotes(items) -> str:
    return " ".join(e.quote for e in items)


def test_1_stateless_apis_hosted_exclusively_on_azure(kg: graph.PartnershipGraph) -> None:
    hosting = [h for h in kg.hosts("stateless-apis") if h.role == "hosts"]
    assert [(h.provider, h.operator, h.exclusivity, h.exclusive) for h in hosting] == [
        ("Microsoft Azure", "Microsoft", "exclusive", True)
    ]
    evidence = hosting[0].evidence
    assert any(e.primary and e.file.startswith("003_") for e in evidence)
    assert "exclusive cloud provider for stateless APIs" in quotes(evidence)
    assert len({e.source for e in evidence}) >= 4  # every source that states it is cited


def test_2_first_party_products_such_as_frontier_on_azure(kg: graph.PartnershipGraph) -> None:
    hosting = [h for h in kg.hosts("Frontier") if h.role == "hosts"]
    assert [(h.provider, h.hosted) for h in hosting] == [("Microsoft Azure", "OpenAI first-party products")]
    assert "including Frontier, will continue to be hosted on Azure" in quotes(hosting[0].evidence)


def test_3_stateless_calls_from_the_amazon_collaboration_run_on_azure(kg: graph.PartnershipGraph) -> None:
    roles = kg.hosts("stateless calls from the OpenAI–Amazon collaboration")
    direct = [h for h in roles if h.hosted_id == "third-party-stateless-calls"]
    assert [(h.provider, h.role) for h in direct] == [("Microsoft Azure", "hosts")]
    assert "including Amazon—would be hosted on Azure" in quotes(direct[0].evidence)
    assert {h.provider for h in roles if h.role == "hosts"} == {"Microsoft Azure"}


def test_4_the_2026_statement_changed_nothing(kg: graph.PartnershipGraph) -> None:
    found = kg.changes("agreement-2025-10", "agreement-2026-02-27")
    assert {c.status for c in found} == {"unchanged"}
    assert sorted(c.clause_label for c in found) == [
        "AGI definition and determination process",
        "Azure as OpenAI's cloud provider",
        "First-party products hosted on Azure",
        "IP license",
        "Independence to pursue new opportunities",
        "Microsoft's investment and stake",
        "OpenAI's Azure services commitment",
        "OpenAI's flexibility to commit compute elsewhere",
        "Revenue share",
        "Scope of collaboration",
    ]
    assert all(not c.differences for c in found)
    # The October 2025 terms are known only by inference (from the 2026 statement or the summary of
    # the definitive agreement): no quote of their own, a rule and premises instead.
    assert all(not c.from_evidence and c.from_basis.inferred and c.from_basis.premises for c in found)
    assert all(c.to_evidence or c.to_basis.inferred for c in found)
    ip = next(c for c in found if c.clause_label == "IP license")
    assert "Our IP relationship continues unchanged." in quotes(ip.to_evidence)


def test_5_working_together_since_2019(kg: graph.PartnershipGraph) -> None:
    first = kg.timeline()[0]
    assert (first.label, first.date, first.precision) == (
        "Microsoft–OpenAI agreement of 2019 (the statement dates their work together from it)",
        "2019",
        "year",
    )
    facts = {f.id: f for f in kg.sources_for("agreement-2019")}
    assert "Since 2019, Microsoft and OpenAI have worked together" in quotes(facts["agreement-2019"].evidence)


def test_6_stargate_is_the_example_of_compute_elsewhere(kg: graph.PartnershipGraph) -> None:
    rows = kg.query(
        "SELECT ?example WHERE { ?t kg:clause pk:clause-compute-flexibility ; "
        "kg:agreement pk:agreement-2026-02-27 ; kg:example ?e . ?e rdfs:label ?example }"
    ).values()
    assert rows == [{"example": "Stargate"}]
    # Only an example: no text says Stargate supplies OpenAI with compute, so no role says so.
    assert kg.hosts("Stargate") == []
    stargate = next(f for f in kg.sources_for("Stargate") if f.id == "stargate")
    assert "such as the Stargate project" in quotes(stargate.evidence)


def test_7_azure_exclusivity_narrowed_from_all_workloads_to_stateless_apis(
    kg: graph.PartnershipGraph,
) -> None:
    found = {c.clause_label: c for c in kg.changes("agreement-multi-year-extension", "agreement-2025-10")}
    azure = found["Azure as OpenAI's cloud provider"]
    assert azure.status == "amended"
    scope = {d.attribute: (d.old, d.new) for d in azure.differences}["scope"]
    assert scope == (
        "all OpenAI workloads across research, API, and products",
        "stateless APIs that provide access to OpenAI's models and IP",
    )
    # The statement says the products "will continue to be hosted on Azure": continued, not added.
    assert found["First-party products hosted on Azure"].status == "continued"
    assert "exclusive cloud provider for all OpenAI workloads" in quotes(azure.from_evidence)


def test_8_sources_disagree_on_the_date_of_the_earlier_joint_blog(kg: graph.PartnershipGraph) -> None:
    [conflict] = kg.conflicts()
    assert (conflict.subject, conflict.property) == ("agreement-2025-10", "date")
    claims = {c.value: c for c in conflict.claims}
    assert set(claims) == {"2024-10", "2025-10"}
    assert {e.file[:3] for e in claims["2024-10"].evidence} == {"001"}
    assert "003" in {e.file[:3] for e in claims["2025-10"].evidence}
    assert claims["2025-10"].rank == "preferred"
    assert "October 2024" in quotes(claims["2024-10"].evidence)
    dated = {e.agreement: (e.date, e.other_dates) for e in kg.timeline()}  # the timeline says so too
    assert dated["agreement-2025-10"] == ("2025-10", ("2024-10 (001_a795f4d46e3df640.txt)",))
    assert all(not other for date, other in dated.values() if date != "2025-10")


def test_9_the_amended_agreement_makes_the_ip_license_non_exclusive_through_2032(
    kg: graph.PartnershipGraph,
) -> None:
    found = {c.clause_label: c for c in kg.changes("agreement-2026-02-27", "agreement-amended")}
    ip = found["IP license"]
    assert ip.status == "amended"
    assert [(d.attribute, d.old, d.new) for d in ip.differences] == [
        ("exclusivity", "exclusive", "non-exclusive")
    ]
    assert "non-exclusive through 2032" in quotes(ip.to_evidence)
    attrs = kg.query("SELECT ?end WHERE { pk:term-amended-ip-license kg:endYear ?end }").values()
    assert attrs == [{"end": "2032"}]
    assert found["Revenue share from Microsoft to OpenAI"].status == "removed"


def test_10_facts_resting_only_on_secondary_sources(kg: graph.PartnershipGraph) -> None:
    facts = {f.id: f for f in kg.secondary_only()}
    for expected in (
        "role-aws-distributes-frontier",
        "term-amended-ip-license",
        "agreement-multi-year-extension",
        "claim-agreement-2025-10-date-2024-10",
        "term-2025-10-microsoft-investment",
    ):
        assert expected in facts
        assert all(not e.primary for e in facts[expected].evidence)
    assert "role-azure-hosts-stateless-apis" not in facts  # the statement itself says it
    assert "claim-agreement-2026-02-27-date-2026-02-27" in facts  # the statement gives no date itself


def test_an_unknown_entity_is_an_error_with_near_names(kg: graph.PartnershipGraph) -> None:
    with pytest.raises(graph.UnknownEntityError) as raised:
        kg.sources_for("Stargte")
    assert raised.value.near == ["Stargate", "stated", "Statement"]  # (kg:Stated is labelled "stated")
    assert isinstance(raised.value, graph.ParameterError)
    for ask in (lambda: kg.hosts("Nonexistent Cloud"), lambda: kg.partners("Nobody")):
        with pytest.raises(graph.UnknownEntityError):
            ask()
    with pytest.raises(graph.UnknownEntityError, match="no partnership matches 'nowhere'"):
        kg.timeline("nowhere")


def test_each_answer_states_its_columns_and_flat_row(kg: graph.PartnershipGraph) -> None:
    [azure] = [h for h in kg.hosts("stateless-apis") if h.role == "hosts"]
    row = azure.flat()
    assert list(row) == [f for f in azure.to_dict()]  # every field, in order
    assert [row[c] for c in graph.HostRole.COLUMNS[:5]] == [
        "Microsoft Azure",
        "hosts",
        "Stateless OpenAI APIs",
        "exclusive",
        azure.since_label,
    ]
    assert row["evidence"].startswith(azure.evidence[0].file)
    [(label, evidence)] = azure.cited()
    assert label == "Microsoft Azure hosts Stateless OpenAI APIs" and evidence == azure.evidence
    changes = kg.changes("agreement-2026-02-27", "agreement-amended")
    assert graph.Change.summarise(changes).startswith("2 amended")  # the IP license and the collaboration
