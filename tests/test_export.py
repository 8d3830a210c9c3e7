"""kg export: stable bytes across runs and loads, the push graph in quad formats, compact JSON-LD
with the shipped context (checked by pyld), and GraphML that Gephi and networkx read with types."""

from __future__ import annotations

import json
import os
import re
import subprocess
import sys

import pyoxigraph as ox
import pytest

from graph._vocab import DEFAULT_GRAPH_IRI
from tests.conftest import REPO

FORMATS = ("ttl", "trig", "nt", "nq", "jsonld")


def _export(fmt: str, cache: str, *extra: str) -> bytes:
    """``kg export`` in a fresh process with its own compiled-graph cache folder."""
    env = {**os.environ, "PARTNERSHIP_KG_CACHE": cache}
    run = subprocess.run(
        [sys.executable, "-m", "graph.cli", "export", "--format", fmt, *extra],
        capture_output=True,
        cwd=REPO,
        env=env,
        timeout=120,
        check=True,
    )
    return run.stdout


@pytest.mark.parametrize("fmt", FORMATS)
def test_export_is_byte_identical_across_runs_and_cold_or_cached_loads(fmt: str, tmp_path) -> None:
    cache = str(tmp_path / "cache")
    cold = _export(fmt, cache)  # parses the data files and writes the compiled cache
    assert os.listdir(cache), "the first run writes the compiled graph"
    cached = _export(fmt, cache)  # reads the compiled cache
    again = _export(fmt, cache)
    assert cold == cached == again
    assert len(cold) > 50_000


def test_turtle_is_sorted_by_subject_with_the_type_first(kg) -> None:
    text = kg.serialize("ttl").decode()
    subjects = [line.split()[0] for line in text.splitlines() if line.startswith("pk:")]
    iris = [s.replace("pk:", "https://w3id.org/partnership-kg/id/") for s in subjects]
    assert iris == sorted(iris) and len(subjects) == len(set(subjects))
    block = text.split("\npk:role-azure-hosts-stateless-apis ", 1)[1]
    assert block.startswith("a kg:CloudRole ;")


@pytest.mark.parametrize(("fmt", "rdf"), [("trig", ox.RdfFormat.TRIG), ("nq", ox.RdfFormat.N_QUADS)])
def test_quad_formats_use_the_graph_kg_push_writes(cli, kg, tmp_path, fmt: str, rdf) -> None:
    named, default = tmp_path / f"named.{fmt}", tmp_path / f"default.{fmt}"
    assert cli("export", "--format", fmt, "-o", str(named)).code == 0
    assert cli("export", "--format", fmt, "--graph", "default", "-o", str(default)).code == 0
    graphs = {q.graph_name for q in ox.parse(path=str(named), format=rdf)}
    assert graphs == {ox.NamedNode(DEFAULT_GRAPH_IRI)}
    assert {q.graph_name for q in ox.parse(path=str(default), format=rdf)} == {ox.DefaultGraph()}
    assert len(list(ox.parse(path=str(named), format=rdf))) == len(kg)
    other = tmp_path / f"other.{fmt}"
    assert cli("export", "--format", fmt, "--graph", "https://example.org/g", "-o", str(other)).code == 0
    assert {q.graph_name.value for q in ox.parse(path=str(other), format=rdf)} == {"https://example.org/g"}


def test_a_graph_name_that_is_no_iri_is_refused(cli, tmp_path) -> None:
    run = cli("export", "--format", "nq", "--graph", "not an iri", "-o", str(tmp_path / "g.nq"))
    assert (run.code, run.err) == (2, "kg: error: graph name 'not an iri' is not an absolute IRI\n")
    assert not list(tmp_path.iterdir())


def _triples(kg) -> set[ox.Triple]:
    return {ox.Triple(q.subject, q.predicate, q.object) for q in kg.store}


def test_jsonld_is_compact_and_round_trips_through_pyld(kg_corpus) -> None:
    kg = kg_corpus  # the corpus graph: the 2019 agreement dated to the year, as 003 gives it
    from pyld import jsonld

    doc = json.loads(kg.serialize("jsonld"))
    with open(REPO / "data" / "context.jsonld", encoding="utf-8") as handle:
        assert doc["@context"] == json.load(handle)["@context"]
    nodes = {n["id"]: n for n in doc["@graph"]}
    role = nodes["pk:role-azure-hosts-stateless-apis"]
    assert role["type"] == "CloudRole"
    assert role["label"] == "Azure hosts the stateless OpenAI APIs (exclusive)"
    assert role["provider"] == "pk:azure" and role["roleType"] == "kg:Hosts"
    agreement = nodes["pk:agreement-2019"]
    assert agreement["date"] == {"@value": "2019", "@type": "xsd:gYear"}  # the precision kept
    assert agreement["earliestPossibleDate"] == "2019-01-01"  # typed xsd:date by the context
    term = nodes["pk:term-2025-10-microsoft-investment"]
    assert term["amountUSD"] == 135000000000 and term["stakePercent"] == 27
    assert isinstance(nodes["pk:ev-003-title"]["primary"], bool)
    assert not any(key.startswith("http") for node in doc["@graph"] for key in node)

    expanded = jsonld.expand(doc)
    assert all(key.startswith(("@", "http")) for node in expanded for key in node)
    nquads = jsonld.to_rdf(doc, {"format": "application/n-quads"})
    back = {
        ox.Triple(q.subject, q.predicate, q.object)
        for q in ox.parse(nquads.encode(), format=ox.RdfFormat.N_QUADS)
    }
    assert back == _triples(kg)
    recompacted = jsonld.compact(expanded, doc["@context"])
    assert {n["id"] for n in recompacted["@graph"]} == set(nodes)


def test_jsonld_nodes_are_sorted_by_iri(kg) -> None:
    doc = json.loads(kg.serialize("jsonld"))
    prefixes = {k: v for k, v in doc["@context"].items() if isinstance(v, str) and v.endswith(("#", "/"))}

    def expand(i: str) -> str:
        prefix, _, rest = i.partition(":")
        return prefixes[prefix] + rest if prefix in prefixes else i

    full = [expand(n["id"]) for n in doc["@graph"]]
    assert full == sorted(full)


def test_shipped_context_is_generated_from_the_ontology() -> None:
    from graph.output._jsonld import build_context, context_text

    ontology = ox.parse(path=str(REPO / "data" / "ontology.ttl"), format=ox.RdfFormat.TURTLE)
    expected = context_text(build_context(ontology))
    shipped = (REPO / "data" / "context.jsonld").read_text(encoding="utf-8")
    assert shipped == expected, "regenerate: python -m graph.output._jsonld > data/context.jsonld"


def test_the_context_is_not_read_as_data(kg) -> None:
    assert not any(os.path.basename(f) == "context.jsonld" for f in kg.files)


def test_graphml_is_labelled_typed_and_leaves_the_wiring_out(cli, tmp_path, kg) -> None:
    import networkx as nx

    target = tmp_path / "graph.graphml"
    assert cli("export", "--format", "graphml", "-o", str(target)).code == 0
    g = nx.read_graphml(target)
    assert all(attrs.get("label") for _, attrs in g.nodes(data=True))
    assert all(attrs.get("kind") for _, attrs in g.nodes(data=True))
    assert all(attrs.get("label") and attrs.get("predicate") for *_, attrs in g.edges(data=True))
    azure = g.nodes["pk:azure"]
    assert (azure["label"], azure["kind"], azure["type"]) == (
        "Microsoft Azure",
        "CloudPlatform",
        "kg:CloudPlatform",
    )
    investment = g.nodes["pk:term-2025-10-microsoft-investment"]
    assert investment["amountUSD"] == 135_000_000_000.0 and isinstance(investment["amountUSD"], float)
    assert investment["stakePercent"] == 27.0 and isinstance(investment["stakePercent"], float)
    evidence = g.nodes["pk:ev-003-title"]
    assert evidence["kind"] == "Evidence" and evidence["primary"] is True
    assert evidence["label"] == "Joint Statement from OpenAI and Microsoft"  # its quote
    # Controlled values are attributes, not hubs; selectors and the ontology are left out.
    role = g.nodes["pk:role-azure-hosts-stateless-apis"]
    assert (role["roleType"], role["roleExclusivity"], role["basis"], role["rank"]) == (
        "hosts",
        "exclusive",
        "stated",
        "deprecated",  # ended by the amended agreement of 27 April 2026 (reported, issue 21)
    )
    assert "kg:Hosts" not in g and "kg:Stated" not in g and "pk:ev-003-title-quote" not in g
    edges = g.get_edge_data("pk:role-azure-hosts-stateless-apis", "pk:azure")
    assert [e["label"] for e in edges.values()] == ["provider"]
    kinds = {attrs["kind"] for _, attrs in g.nodes(data=True)}
    assert not kinds & {"Class", "Concept", "ConceptScheme", "TextQuoteSelector", "TextPositionSelector"}
    assert not any(
        e["predicate"] in ("rdfs:subClassOf", "rdfs:domain", "rdfs:range", "oa:hasSelector")
        for *_, e in g.edges(data=True)
    )
    # Every key is a word, and networkx gives the same nodes.
    keys = {k for _, attrs in g.nodes(data=True) for k in attrs} | {
        k for *_, a in g.edges(data=True) for k in a
    }
    assert all(re.fullmatch(r"[A-Za-z][A-Za-z0-9]*", k) for k in keys), sorted(keys)
    assert {"title", "publisher", "url", "altLabel", "dctermsDate", "date"} <= keys
    people = kg.to_networkx()
    assert set(people.nodes) == set(g.nodes) and people.number_of_edges() == g.number_of_edges()
    assert people.nodes["pk:azure"] == dict(g.nodes["pk:azure"])

    with_everything = tmp_path / "full.graphml"
    assert cli("export", "--format", "graphml", "--full", "-o", str(with_everything)).code == 0
    full = nx.read_graphml(with_everything)
    assert (
        full.nodes["kg:CloudRole"]["kind"] == "Class" and full.nodes["kg:CloudRole"]["label"] == "Cloud role"
    )
    assert full.nodes["kg:Hosts"]["label"] == "hosts" and full.nodes["kg:Hosts"]["kind"] == "Concept"
    quote = full.nodes["pk:ev-003-title-quote"]
    assert quote["kind"] == "TextQuoteSelector" and {"exact", "prefix", "suffix"} <= quote.keys()
    assert set(full.nodes) == set(kg.to_networkx(full=True).nodes)
    assert full.number_of_nodes() > g.number_of_nodes()


@pytest.mark.parametrize("fmt", FORMATS)
def test_blank_nodes_in_user_data_export_the_same_way_twice(fmt: str, tmp_path) -> None:
    from tests.conftest import PREFIXES, write

    data = write(
        tmp_path / "mine" / "b.ttl",
        PREFIXES
        + 'pk:x rdfs:seeAlso [ rdfs:label "one" ], [ rdfs:label "two" ; rdfs:seeAlso [ rdfs:label "three" ] ] .',
    )
    first = _export(fmt, str(tmp_path / "c1"), "--data", str(data))
    second = _export(fmt, str(tmp_path / "c2"), "--data", str(data))
    assert first == second and b"b0" in first
