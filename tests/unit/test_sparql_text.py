"""graph.sparql._text: reading SPARQL without a parser (keywords, the WHERE group, VALUES, prefixes)."""

from __future__ import annotations

import pyoxigraph as ox
import pytest

from graph._errors import QueryError
from graph.sparql._text import (
    first_keyword,
    insert_values,
    is_update,
    uses_service,
    where_group,
    with_prefixes,
)


@pytest.mark.parametrize(
    ("text", "keyword"),
    [
        ("PREFIX ex: <http://e/> SELECT * { ?s ?p ?o }", "SELECT"),
        ("# DROP ALL\nask { }", "ASK"),
        ('BASE <http://e/> construct { ?s ?p "WHERE" } WHERE { ?s ?p ?o }', "CONSTRUCT"),
        ("INSERT DATA { <a:b> <a:c> <a:d> }", "INSERT"),
        ("", None),
    ],
)
def test_first_keyword_skips_prologue_and_comments(text: str, keyword: str | None) -> None:
    assert first_keyword(text) == keyword


def test_updates_and_service_are_seen_but_not_inside_strings_iris_or_comments() -> None:
    assert is_update("PREFIX ex: <http://e/>\nDELETE WHERE { ?s ?p ?o }")
    assert not is_update('SELECT ?x { BIND("DELETE WHERE" AS ?x) }')
    assert uses_service("SELECT * { SERVICE <http://127.0.0.1:9/sparql> { ?s ?p ?o } }")
    assert not uses_service("SELECT * { ?s <http://e/SERVICE> ?o } # SERVICE <http://x/>")
    assert not uses_service("SELECT * { ?s ?p 'SERVICE <x:y> { }' }")


def test_where_group_is_the_outermost_one() -> None:
    query = "SELECT ?s WHERE { { ?s ?p ?o } UNION { ?o ?p ?s } }"
    assert query[where_group(query) :] == " { ?s ?p ?o } UNION { ?o ?p ?s } }"
    construct = "CONSTRUCT { ?s ?p ?o } WHERE { ?s ?p ?o }"
    assert construct[where_group(construct) :] == " ?s ?p ?o }"
    with pytest.raises(QueryError, match="CONSTRUCT WHERE"):
        where_group("CONSTRUCT WHERE { ?s ?p ?o }")
    with pytest.raises(QueryError, match="no WHERE group"):
        where_group("DESCRIBE <http://e/a>")


def test_insert_values_writes_one_row_of_terms() -> None:
    text = insert_values(
        "SELECT * WHERE { ?s ?p ?o }",
        {"s": ox.NamedNode("http://e/a"), "o": ox.Literal("x", language="en")},
    )
    assert text == 'SELECT * WHERE {\n  VALUES (?s ?o) { (<http://e/a> "x"@en) }\n ?s ?p ?o }'
    assert insert_values("ASK { }", {}) == "ASK { }"
    with pytest.raises(QueryError, match="not a SPARQL variable name"):
        insert_values("ASK { }", {"o }": ox.Literal("x")})
    with pytest.raises(QueryError, match="only be bound to an IRI or a literal"):
        insert_values("ASK { }", {"o": ox.BlankNode("b")})


def test_with_prefixes_adds_only_the_used_undeclared_project_prefixes() -> None:
    text = "PREFIX kg: <https://w3id.org/partnership-kg/ns#>\nSELECT * { ?s a kg:Agreement ; pk:x ?o }"
    assert with_prefixes(text) == "PREFIX pk: <https://w3id.org/partnership-kg/id/>\n" + text
    assert with_prefixes("SELECT * { ?s ?p 'pk:x' }") == "SELECT * { ?s ?p 'pk:x' }"
