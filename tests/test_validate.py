"""SHACL validation: the packaged graph conforms, and each rule catches what it should."""

from __future__ import annotations

import pytest

import graph
from tests.conftest import PREFIXES, write


def test_packaged_graph_conforms(kg: graph.PartnershipGraph) -> None:
    report = kg.validate()
    assert report.conforms, report.summary()
    assert report.summary().startswith("valid:")


@pytest.mark.parametrize(
    ("ttl", "focus", "fragment"),
    [
        ('pk:x a kg:Organization ; rdfs:label "X" .', "pk:x", "evidence"),
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
            "pk:o a kg:OrderInference ; kg:earlier pk:agreement-2019 ; kg:later pk:agreement-amended ; kg:evidence pk:ev-003-title .",
            "pk:o",
            "reasoning",
        ),
        ('pk:x a kg:Organization ; rdfs:label "X" ; kg:evidence [ a kg:Evidence ] .', "_:", "blank"),
    ],
)
def test_violations_are_reported(tmp_path, ttl: str, focus: str, fragment: str) -> None:
    kg = graph.load(write(tmp_path / "x.ttl", PREFIXES + ttl))
    report = kg.validate()
    assert not report.conforms
    assert any(v.focus.startswith(focus) and fragment in str(v) for v in report.violations), report.summary()
