"""docs/endpoint.md, "Where the pushed data sits": after ``kg push`` the data is in the named graph,
a plain query in the store's own UI finds nothing, and each documented way finds it."""

from __future__ import annotations

import httpx
import pytest

from .conftest import GRAPH_IRI

pytestmark = pytest.mark.server

AGREEMENTS = "SELECT (COUNT(*) AS ?n) {where} {{ ?a a <https://w3id.org/partnership-kg/ns#Agreement> }}"


def _count(base: str, query: str, **params: str) -> int:
    answer = httpx.get(
        base + "/query", params={"query": query, **params}, headers={"Accept": "text/csv"}, timeout=30
    )
    assert answer.status_code == 200, answer.text
    return int(answer.text.split()[1])


def test_each_documented_way_finds_the_pushed_graph(pushed: str, kg) -> None:
    agreements = len(kg.query("SELECT ?a { ?a a kg:Agreement }").rows)
    assert agreements > 5
    plain = AGREEMENTS.format(where="WHERE")
    assert _count(pushed, plain) == 0  # the store's default graph is empty
    in_graph = f"SELECT (COUNT(*) AS ?n) WHERE {{ GRAPH <{GRAPH_IRI}> {{ ?a a <https://w3id.org/partnership-kg/ns#Agreement> }} }}"
    assert _count(pushed, in_graph) == agreements
    assert _count(pushed, AGREEMENTS.format(where=f"FROM <{GRAPH_IRI}> WHERE")) == agreements
    assert _count(pushed, plain, **{"default-graph-uri": GRAPH_IRI}) == agreements
    # (other tests push other graphs into the same server: every graph is searched, so at least)
    assert (
        _count(pushed, plain.replace("COUNT(*)", "COUNT(DISTINCT ?a)"), **{"union-default-graph": ""})
        >= agreements
    )
