"""graph.output._render: tables, JSON, CSV and TSV of query results and answers."""

from __future__ import annotations

import csv
import io
import json

import pytest

import graph
from graph.answers import ClaimValue, Conflict, Evidence
from graph.output._render import answers, result_table, table

EVIDENCE = Evidence("source-001", "001_blog.txt", "Microsoft", "A post", None, "We agree.", True)
CONFLICT = Conflict(
    "blog",
    "The joint blog",
    "date",
    (
        ClaimValue("claim-a", "2024-10", "preferred", (EVIDENCE,)),
        ClaimValue("claim-b", "2025-10", "normal", ()),
    ),
)


def test_a_table_has_a_header_a_rule_and_padded_cells() -> None:
    assert table(["a", "bb"], [["1", "2"], ["333", "4"]]) == "a    bb\n---  --\n1    2\n333  4"


def test_results_as_tables(kg: graph.PartnershipGraph) -> None:
    values = kg.query("SELECT ?a ?b WHERE { VALUES (?a ?b) { (1 'x') (pk:frontier UNDEF) } }")
    assert result_table(values) == "a            b\n-----------  -\n1            x\npk:frontier\n(2 rows)"
    assert result_table(kg.query("ASK { ?s ?p ?o }")) == "yes"


def test_answers_in_each_format() -> None:
    shown = answers([CONFLICT], "table", Conflict)
    assert shown.splitlines()[0].split() == ["Subject", "Property", "Claims"]  # headers for readers
    assert "2024-10 (preferred; 001); 2025-10 (normal; )" in shown and shown.endswith("(1 row)")
    assert (
        json.loads(answers([CONFLICT], "json", Conflict))[0]["claims"][0]["evidence"][0]["file"]
        == "001_blog.txt"
    )
    [row] = list(csv.DictReader(io.StringIO(answers([CONFLICT], "csv", Conflict))))
    assert row == {
        "subject": "blog",
        "subject_label": "The joint blog",
        "property": "date",
        "claims": "2024-10 (preferred; 001); 2025-10 (normal; )",
    }
    assert answers([CONFLICT], "tsv", Conflict).splitlines()[1].split("\t")[:3] == [
        "blog",
        "The joint blog",
        "date",
    ]


@pytest.mark.parametrize("fmt", ["csv", "tsv", "table"])
def test_no_answers_still_have_the_columns(fmt: str) -> None:
    fields = ["subject_label", "property", "claims"]
    heads = ["Subject", "Property", "Claims"] if fmt == "table" else fields
    assert answers([], fmt, Conflict).splitlines()[0].replace(",", " ").replace("\t", " ").split() == heads
    assert answers([], "json", Conflict) == "[]"
