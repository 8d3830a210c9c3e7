"""Conversions between pyoxigraph terms, rdflib terms and the text a user types."""

from __future__ import annotations

import pyoxigraph as ox

from graph._vocab import PREFIXES

TYPE_CHECKING = False  # typing costs start-up time; only type checkers import it
if TYPE_CHECKING:
    from typing import Any


def to_rdflib(term: Any) -> Any:
    """The rdflib equivalent of a pyoxigraph term (rdflib is the library's object model)."""
    import rdflib

    if isinstance(term, ox.NamedNode):
        return rdflib.URIRef(term.value)
    if isinstance(term, ox.BlankNode):
        return rdflib.BNode(term.value)
    if isinstance(term, ox.Literal):
        if term.language:
            return rdflib.Literal(term.value, lang=term.language)
        return rdflib.Literal(term.value, datatype=rdflib.URIRef(term.datatype.value))
    raise TypeError(f"cannot convert {term!r} to rdflib")


def from_rdflib(term: Any) -> Any:
    """The pyoxigraph equivalent of an rdflib term."""
    import rdflib

    if isinstance(term, rdflib.URIRef):
        return ox.NamedNode(str(term))
    if isinstance(term, rdflib.BNode):
        return ox.BlankNode(str(term))
    if isinstance(term, rdflib.Literal):
        if term.language:
            return ox.Literal(str(term), language=term.language)
        if term.datatype:
            return ox.Literal(str(term), datatype=ox.NamedNode(str(term.datatype)))
        return ox.Literal(str(term))
    raise TypeError(f"cannot convert {term!r} to pyoxigraph")


def parse_value(text: str) -> Any:
    """A parameter value for an ad-hoc query: ``<iri>`` or ``prefix:name`` give an IRI, else a string.

    >>> parse_value("pk:frontier")
    <NamedNode value=https://w3id.org/partnership-kg/id/frontier>
    >>> parse_value("x } DROP ALL")
    <Literal value=x } DROP ALL datatype=<NamedNode value=http://www.w3.org/2001/XMLSchema#string>>
    """
    if text.startswith("<") and text.endswith(">") and " " not in text:
        try:
            return ox.NamedNode(text[1:-1])
        except ValueError:
            return ox.Literal(text)
    prefix, sep, local = text.partition(":")
    if sep and prefix in PREFIXES and local and " " not in local and "/" not in local:
        return ox.NamedNode(PREFIXES[prefix] + local)
    return ox.Literal(text)


def display(term: Any) -> str:
    """How a term reads in a table: prefixed IRIs, plain literal values, empty for unbound."""
    from graph._vocab import shorten

    if term is None:
        return ""
    if isinstance(term, ox.NamedNode):
        return shorten(term.value)
    if isinstance(term, ox.BlankNode):
        return f"_:{term.value}"
    return str(term.value)
