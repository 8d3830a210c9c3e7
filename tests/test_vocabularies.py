"""Standard vocabularies: a generic RDFS reasoner (owlrl) over the graph alone understands it."""

from __future__ import annotations

import owlrl
import pytest
import rdflib

KG = rdflib.Namespace("https://w3id.org/partnership-kg/ns#")
PK = rdflib.Namespace("https://w3id.org/partnership-kg/id/")
SCHEMA = rdflib.Namespace("http://schema.org/")
ORG = rdflib.Namespace("http://www.w3.org/ns/org#")
OA = rdflib.Namespace("http://www.w3.org/ns/oa#")
PROV = rdflib.Namespace("http://www.w3.org/ns/prov#")
EX = rdflib.Namespace("http://example.org/")


@pytest.fixture(scope="module")
def closure(kg) -> rdflib.Graph:
    g = kg.to_rdflib()
    g.add((EX.note, OA.hasSelector, EX.selector))  # someone else's annotation, in the same graph
    owlrl.DeductiveClosure(owlrl.RDFS_Semantics).expand(g)
    return g


def test_every_organisation_is_a_schema_organization(kg, closure: rdflib.Graph) -> None:
    organisations = set(kg.to_rdflib().subjects(rdflib.RDF.type, KG.Organization))
    assert len(organisations) == 6
    assert organisations <= set(closure.subjects(rdflib.RDF.type, SCHEMA.Organization))
    assert organisations <= set(closure.subjects(rdflib.RDF.type, ORG.FormalOrganization))
    # ... and says so itself, without inference.
    assert organisations <= set(kg.to_rdflib().subjects(rdflib.RDF.type, SCHEMA.Organization))


def test_the_partnership_is_an_organizational_collaboration(kg, closure: rdflib.Graph) -> None:
    for graph in (kg.to_rdflib(), closure):
        assert (PK["partnership-microsoft-openai"], rdflib.RDF.type, ORG.OrganizationalCollaboration) in graph


def test_a_foreign_annotation_is_not_made_evidence(closure: rdflib.Graph) -> None:
    assert (EX.note, rdflib.RDF.type, KG.Evidence) not in closure
    assert (PK["ev-003-title"], rdflib.RDF.type, OA.SpecificResource) in closure  # ours still are


def test_properties_align_with_standard_ones(closure: rdflib.Graph) -> None:
    assert (PK["agreement-2026-02-27"], PROV.wasRevisionOf, PK["agreement-2025-10"]) in closure
    assert (
        PK["agreement-2026-02-27"],
        rdflib.DCTERMS.isPartOf,
        PK["partnership-microsoft-openai"],
    ) in closure
    role = PK["role-azure-hosts-stateless-apis"]
    provider = set(closure.objects(role, SCHEMA.provider))
    assert provider == set(closure.objects(role, KG.provider)) and provider


def test_a_claim_reads_as_a_reified_statement(closure: rdflib.Graph) -> None:
    claim = PK["claim-microsoft-wikidata"]
    assert (claim, rdflib.RDF.subject, PK.microsoft) in closure
    assert (claim, rdflib.RDF.predicate, rdflib.OWL.sameAs) in closure
