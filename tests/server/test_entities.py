"""Every entity IRI dereferences from ``kg serve``: ``/id/<key>`` by content negotiation."""

from __future__ import annotations

import httpx
import pytest
import rdflib
from rdflib.compare import to_isomorphic

pytestmark = pytest.mark.server

PK = rdflib.Namespace("https://w3id.org/partnership-kg/id/")
KG = rdflib.Namespace("https://w3id.org/partnership-kg/ns#")
AGREEMENT = PK["agreement-2026-02-27"]


def _get(base: str, path: str, accept: str | None = None) -> httpx.Response:
    headers = {"Accept": accept} if accept else {}
    return httpx.get(base + path, headers=headers, timeout=30)


def test_an_agreement_in_each_form_has_the_same_triples(kg_server: str, kg) -> None:
    page = _get(kg_server, "/id/agreement-2026-02-27", "text/html,application/xhtml+xml;q=0.9,*/*;q=0.8")
    assert page.status_code == 200 and page.headers["content-type"].startswith("text/html")
    assert page.headers["vary"] == "Accept"
    assert "default-src 'none'" in page.headers["content-security-policy"]
    html = page.text
    assert "<h1>Joint statement of 27 February 2026</h1>" in html
    assert '<a href="../explore#node=agreement-2026-02-27">' in html
    assert '<a href="agreement-2025-10.html">October 2025 agreement (shared in the joint blog)</a>' in html
    assert "“Joint Statement from OpenAI and Microsoft”" in html  # a quote that states it
    forms = {}
    for accept, media, fmt in (
        ("text/turtle", "text/turtle", "turtle"),
        ("application/ld+json", "application/ld+json", "json-ld"),
        ("application/n-triples", "application/n-triples", "nt"),
    ):
        answer = _get(kg_server, "/id/agreement-2026-02-27", accept)
        assert answer.status_code == 200 and answer.headers["content-type"].startswith(media)
        forms[fmt] = rdflib.Graph().parse(data=answer.text, format=fmt)
    turtle = forms["turtle"]
    assert to_isomorphic(turtle) == to_isomorphic(forms["json-ld"]) == to_isomorphic(forms["nt"])
    # The agreement's own triples are all there, as the graph holds them.
    whole = kg.to_rdflib()
    assert set(turtle.triples((AGREEMENT, None, None))) == set(whole.triples((AGREEMENT, None, None)))
    assert set(turtle.triples((None, None, AGREEMENT))) == set(whole.triples((None, None, AGREEMENT)))
    assert (AGREEMENT, KG.previousAgreement, PK["agreement-2025-10"]) in turtle
    # ... and the quotes it cites, with their sources.
    assert (PK["ev-003-title"], KG.source, PK["source-003"]) in turtle


def test_suffixes_and_format_parameter_name_the_form(kg_server: str) -> None:
    turtle = _get(kg_server, "/id/microsoft.ttl")
    assert turtle.headers["content-type"].startswith("text/turtle")
    microsoft = rdflib.Graph().parse(data=turtle.text, format="turtle")
    assert (PK.microsoft, rdflib.RDF.type, KG.Organization) in microsoft
    assert _get(kg_server, "/id/microsoft?format=jsonld").headers["content-type"] == "application/ld+json"
    assert _get(kg_server, "/id/microsoft", "*/*").headers["content-type"].startswith("text/html")


@pytest.mark.parametrize(
    ("path", "accept", "status", "says"),
    [
        ("/id/no-such-entity", "text/turtle", 404, "no entity no-such-entity"),
        ("/id/..%2Fetc%2Fpasswd", None, 404, "an entity key is"),
        ("/id/microsoft", "image/png", 406, "text/turtle"),
        ("/id/microsoft?format=rdfxml", None, 400, "accepted values are html, ttl, jsonld, nt"),
    ],
)
def test_bad_requests_get_one_line(
    kg_server: str, path: str, accept: str | None, status: int, says: str
) -> None:
    answer = _get(kg_server, path, accept or "text/plain;q=0.1")
    assert answer.status_code == status
    assert says in answer.text and answer.text.count("\n") == 1


def test_the_service_description_carries_the_void_description(kg_server: str, kg) -> None:
    answer = _get(kg_server, "/sparql", "text/turtle")
    g = rdflib.Graph().parse(data=answer.text, format="turtle")
    void = rdflib.Namespace("http://rdfs.org/ns/void#")
    dataset = rdflib.URIRef("https://w3id.org/partnership-kg/dataset")
    assert (dataset, rdflib.RDF.type, void.Dataset) in g
    assert int(g.value(dataset, void.triples)) == len(kg)
    assert g.value(dataset, void.sparqlEndpoint) == rdflib.URIRef(kg_server + "/sparql")
    assert PK["agreement-2019"] in set(g.objects(dataset, void.exampleResource))
    vocabularies = {str(v) for v in g.objects(dataset, void.vocabulary)}
    assert {
        "http://www.w3.org/ns/oa#",
        "https://w3id.org/partnership-kg/ns#",
        "http://schema.org/",
    } <= vocabularies
    partitions = {
        g.value(p, void["class"]): int(g.value(p, void.entities))
        for p in g.objects(dataset, void.classPartition)
    }
    agreements = len(set(kg.to_rdflib().subjects(rdflib.RDF.type, KG.Agreement)))
    assert partitions[KG.Agreement] == agreements


def test_the_editor_files_are_served_and_nothing_else(kg_server: str) -> None:
    script = _get(kg_server, "/static/yasgui/yasgui.min.js")
    assert script.status_code == 200 and script.headers["content-type"].startswith("text/javascript")
    assert script.headers["x-content-type-options"] == "nosniff"
    for path in ("/static/nope.js", "/static/../graph/_graph.py", "/static/yasgui/README.md"):
        assert _get(kg_server, path).status_code == 404
