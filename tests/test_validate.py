"""SHACL validation: the packaged graph conforms, and each rule catches what it should."""

from __future__ import annotations

import re

import pytest

import graph
from tests.conftest import PREFIXES, REPO, write


def test_packaged_graph_conforms(kg: graph.PartnershipGraph) -> None:
    report = kg.validate()
    assert report.conforms, report.summary()
    assert report.summary().startswith("valid:")


@pytest.mark.parametrize(
    ("ttl", "focus", "fragment"),
    [
        ('pk:x a kg:Organization ; rdfs:label "X" .', "pk:x", "exactly one kg:basis"),
        (
            'pk:x a kg:Organization ; rdfs:label "X" ; kg:basis kg:Stated .',
            "pk:x",
            "stated fact needs at least one",
        ),
        (
            'pk:x a kg:Organization ; rdfs:label "X" ; kg:basis kg:Inferred ; kg:rule pk:rule-same-day ;'
            ' kg:reasoning "because" ; kg:inferredFrom pk:said-nothing-changes ; kg:evidence pk:ev-003-title .',
            "pk:x",
            "borrows no quote",
        ),
        (
            'pk:x a kg:Organization ; rdfs:label "X" ; kg:basis kg:Inferred ; kg:rule pk:rule-same-day ;'
            ' kg:reasoning "because" .',
            "pk:x",
            "at least one premise",
        ),
        (
            'pk:x a kg:Organization ; rdfs:label "X" ; kg:basis kg:Inferred ; kg:rule pk:rule-same-day ;'
            " kg:inferredFrom pk:said-nothing-changes .",
            "pk:x",
            "its kg:reasoning",
        ),
        (
            'pk:x a kg:Organization ; rdfs:label "X" ; kg:basis kg:Inferred ; kg:reasoning "because" ;'
            " kg:inferredFrom pk:said-nothing-changes .",
            "pk:x",
            "needs a kg:rule",
        ),
        (
            'pk:x a kg:Organization ; rdfs:label "X" ; kg:basis kg:Inferred ; kg:rule pk:rule-same-day ;'
            ' kg:reasoning "because" ; kg:inferredFrom pk:clause-agi .',
            "pk:x",
            "own basis",
        ),
        (
            'pk:x a kg:Organization ; rdfs:label "X" ; kg:basis kg:Disputed .',
            "pk:x",
            "claims that give different",
        ),
        (
            'pk:t a kg:Term ; rdfs:label "T" ; kg:agreement pk:agreement-amended ; kg:clause pk:clause-agi ;'
            " kg:changeType kg:Continued ; kg:rank kg:NormalRank ; kg:basis kg:Stated ; kg:evidence pk:ev-003-title .",
            "pk:t",
            "previousVersionUnknown",
        ),
        (
            'pk:x a kg:Agreement ; rdfs:label "X" ; kg:party pk:openai ; kg:evidence pk:ev-003-title .',
            "pk:x",
            "either a kg:date or kg:undated",
        ),
        (
            'pk:x a kg:Agreement ; rdfs:label "X" ; kg:party pk:openai ; kg:date "2020"^^xsd:gYear ; kg:undated true ;'
            " kg:evidence pk:ev-003-title .",
            "pk:x",
            "either a kg:date or kg:undated",
        ),
        (
            'pk:x a kg:Agreement ; rdfs:label "X" ; kg:undated true ; kg:evidence pk:ev-003-title .',
            "pk:x",
            "parties",
        ),
        (
            'pk:x a kg:Agreement ; rdfs:label "X" ; kg:party pk:openai ; kg:date "March 2020" ; kg:evidence pk:ev-003-title .',
            "pk:x",
            "xsd:gYear",
        ),
        (
            'pk:r a kg:CloudRole ; rdfs:label "R" ; kg:provider pk:azure ; kg:roleType kg:Hosts ; kg:since pk:agreement-2019 ;'
            " kg:rank kg:NormalRank ; kg:evidence pk:ev-003-title .",
            "pk:r",
            "hosted thing",
        ),
        (
            'pk:t a kg:Term ; rdfs:label "T" ; kg:agreement pk:agreement-amended ; kg:clause pk:clause-agi ;'
            " kg:changeType kg:Unchanged ; kg:rank kg:NormalRank ; kg:evidence pk:ev-003-title .",
            "pk:t",
            "previous version",
        ),
        (
            'pk:e a kg:Evidence ; kg:source pk:source-003 ; kg:quote "short" ; kg:primary true .',
            "pk:e",
            "short verbatim quote",
        ),
        (
            "pk:o a kg:OrderInference ; kg:earlier pk:agreement-2019 ; kg:later pk:agreement-amended ;"
            " kg:basis kg:Stated ; kg:evidence pk:ev-003-title .",
            "pk:o",
            "is inferred",
        ),
        ('pk:x a kg:Organization ; rdfs:label "X" ; kg:evidence [ a kg:Evidence ] .', "_:", "blank"),
    ],
)
def test_violations_are_reported(tmp_path, ttl: str, focus: str, fragment: str) -> None:
    kg = graph.load(write(tmp_path / "x.ttl", PREFIXES + ttl))
    report = kg.validate()
    assert not report.conforms
    assert any(v.focus.startswith(focus) and fragment in str(v) for v in report.violations), report.summary()


# -- the SPARQL engine against pySHACL, the reference ----------------------------------------

CORPUS = sorted((REPO / "tests" / "shacl_corpus").glob("*.ttl"))


@pytest.fixture(scope="module")
def corpus_reports() -> tuple[object, object]:
    """Both engines' reports on the packaged graph plus every violating file of the corpus."""
    from graph.checks._shacl import validate

    kg = graph.PartnershipGraph.load(*CORPUS, use_cache=False)
    return validate(kg.backend, "sparql"), validate(kg.backend, "pyshacl")


def _key(v) -> tuple[str, ...]:
    focus = "_:blank" if v.focus.startswith("_:") else v.focus
    message = v.message.split(" not in list ")[0]  # pySHACL lists sh:in members in a varying order
    return (v.shape, focus, v.path or "", v.component, message)


def test_engines_report_the_same_violations_on_the_corpus(corpus_reports) -> None:
    from collections import Counter

    fast, reference = corpus_reports
    assert fast.engine == "sparql" and reference.engine == "pyshacl"
    assert Counter(map(_key, fast.violations)) == Counter(map(_key, reference.violations))
    assert len(fast.violations) == len(reference.violations) > len(CORPUS)


def test_every_corpus_file_violates_a_shape(corpus_reports) -> None:
    fast, _ = corpus_reports
    focused = {v.focus for v in fast.violations}
    for path in CORPUS:
        if path.stem in ("evidence-nodeKind", "evidenced-node-nodeKind", "rule-nodeKind", "citation-nodeKind"):
            continue
        assert f"pk:bad-{path.stem}" in focused, path.name
    assert sum(v.shape == "no-blank-nodes" for v in fast.violations) == 4  # the four blank nodes


def test_the_corpus_reaches_every_constraint_of_the_shapes(corpus_reports) -> None:
    import pyoxigraph as ox

    from graph._paths import shapes_file
    from graph._vocab import shorten
    from graph.checks._shacl_sparql import compile_shapes

    fast, _ = corpus_reports
    checks = compile_shapes(list(ox.parse(path=shapes_file(), format=ox.RdfFormat.TURTLE)))
    wanted = {
        (
            shorten(c.shape.value).replace("https://w3id.org/partnership-kg/shapes#", "kgsh:"),
            shorten(c.path) if c.path else None,
            c.component,
        )
        for c in checks
    }
    seen = {(v.shape, v.path, v.component) for v in fast.violations}
    assert len(checks) >= 90
    assert wanted - seen == set()
    assert ("kgsh:Term", None, "SPARQLConstraintComponent") in seen
    assert ("kgsh:Agreement", None, "XoneConstraintComponent") in seen


def test_unsupported_shapes_fall_back_to_pyshacl() -> None:
    import pyoxigraph as ox

    from graph.checks._shacl_sparql import Unsupported, compile_shapes

    shapes = """@prefix sh: <http://www.w3.org/ns/shacl#> . @prefix ex: <http://example.org/> .
    ex:S a sh:NodeShape ; sh:targetClass ex:C ; sh:property [ sh:path ex:p ; sh:qualifiedMinCount 1 ;
        sh:qualifiedValueShape [ sh:class ex:D ] ] ."""
    with pytest.raises(Unsupported):
        compile_shapes(list(ox.parse(shapes.encode(), format=ox.RdfFormat.TURTLE)))


def test_validate_engine_option(cli, tmp_path) -> None:
    for engine in ("sparql", "pyshacl"):
        run = cli("validate", "--engine", engine)
        assert run.code == 0 and run.out.startswith("valid: "), run.err
    bad = write(tmp_path / "bad" / "x.ttl", PREFIXES + 'pk:x a kg:Organization ; rdfs:label "X" .')
    run = cli("validate", "--engine", "pyshacl", "--data", str(bad))
    assert run.code == 2
    assert (
        "shape kgsh:HasBasis: node pk:x kg:basis: every fact needs exactly one kg:basis:"
        " kg:Stated, kg:Inferred, kg:Reported or kg:Disputed" in run.err
    )


def test_large_validations_report_progress(cli, monkeypatch) -> None:
    import graph.cli._files

    monkeypatch.setattr(graph.cli._files, "PROGRESS_FROM", 1)  # the packaged graph counts as large
    run = cli("validate")
    assert run.code == 0 and run.out.startswith("valid: ")
    lines = run.err.splitlines()
    assert lines[0].startswith("kg validate: 1/") and " checks, kgsh:" in lines[0]
    assert re.fullmatch(r"kg validate: \d+/\d+ checks, .*", lines[-2])
    assert re.fullmatch(r"kg validate: [\d,]+ triples checked with sparql in \d+\.\d s", lines[-1])
    run = cli("validate", "--engine", "pyshacl")
    assert run.err.splitlines()[0].startswith("kg validate: 0/1 checks, pySHACL on ")


MORE_SHAPES = """@prefix sh: <http://www.w3.org/ns/shacl#> . @prefix ex: <http://example.org/> .
@prefix xsd: <http://www.w3.org/2001/XMLSchema#> .
ex:ByNode a sh:NodeShape ; sh:targetNode ex:a, ex:b, ex:g ;
    sh:property [ sh:path ex:tag ; sh:minCount 2 ; sh:maxCount 3 ; sh:pattern "^t" ; sh:flags "i" ] .
ex:BySubject a sh:NodeShape ; sh:targetSubjectsOf ex:size ;
    sh:property [ sh:path ex:size ; sh:datatype xsd:integer ; sh:hasValue 3 ] ;
    sh:property [ sh:path ex:gone ; sh:maxCount 0 ] .
ex:ByObject a sh:NodeShape ; sh:targetObjectsOf ex:link ; sh:nodeKind sh:IRI ;
    sh:not [ sh:class ex:Forbidden ] .
ex:Both a sh:NodeShape ; sh:targetClass ex:Thing ;
    sh:and ( [ sh:property [ sh:path ex:name ; sh:minCount 1 ] ] [ sh:property [ sh:path ex:tag ; sh:minCount 1 ] ] ) ;
    sh:property [ sh:path ex:link ; sh:node ex:Named ; sh:nodeKind sh:BlankNodeOrIRI ] .
ex:Named a sh:NodeShape ; sh:property [ sh:path ex:name ; sh:minCount 1 ; sh:minLength 2 ] .
"""
MORE_DATA = """@prefix ex: <http://example.org/> .
ex:a ex:tag "T1", "x2" ; ex:link ex:c .
ex:b ex:tag "t1", "t2", "t3", "t4" .
ex:c ex:size "3" ; ex:gone 1 ; a ex:Forbidden .
ex:d ex:size 3 ; ex:link "literal" .
ex:e a ex:Thing ; ex:name "e" ; ex:link ex:f, ex:a .
ex:f ex:name "f" .
ex:g ex:tag "tg" .
"""


def test_engines_agree_on_other_targets_and_constraints(tmp_path) -> None:
    """targetNode/SubjectsOf/ObjectsOf, minCount 2, maxCount 0, pattern flags, hasValue, not, and, node."""
    from collections import Counter

    from graph.checks._shacl import validate

    shapes = write(tmp_path / "shapes.ttl", MORE_SHAPES)
    data = write(tmp_path / "data" / "more.ttl", MORE_DATA)
    kg = graph.PartnershipGraph.load(data, packaged=False, use_cache=False)
    fast, reference = (validate(kg.backend, engine, shapes=shapes) for engine in ("sparql", "pyshacl"))
    assert fast.engine == "sparql" and fast.shapes == "shapes.ttl"

    def key(v) -> tuple[str, ...]:
        return (v.shape, v.focus, v.path or "", v.component)

    assert Counter(map(key, fast.violations)) == Counter(map(key, reference.violations))
    components = {v.component for v in fast.violations}
    assert {
        "MinCountConstraintComponent",
        "MaxCountConstraintComponent",
        "PatternConstraintComponent",
        "HasValueConstraintComponent",
        "DatatypeConstraintComponent",
        "NotConstraintComponent",
        "AndConstraintComponent",
        "NodeConstraintComponent",
        "NodeKindConstraintComponent",
    } <= components
