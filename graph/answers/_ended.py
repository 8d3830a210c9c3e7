"""Roles ended by a date: what ``hosts(as_of=...)`` lists as ``ended`` beside the roles in force.

A role whose kg:until agreement was certainly made by the date is no longer in force then; the
answer keeps it, with status ``ended``, so that the reader sees what ended and (in its value
bases) the quote, reports or rule that end it.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

import pyoxigraph as ox

from graph._vocab import KG, RDF, RDFS, SKOS, XSD

if TYPE_CHECKING:
    from graph.store._backend import Backend

_ROLES = f"""SELECT ?role ?provider ?providerLabel ?operatorLabel ?roleType ?hostedThing ?hostedLabel
       ?exclusivity ?since ?sinceLabel ?sinceDate ?until ?rank ?qualifier WHERE {{
  ?role <{RDF}type> <{KG}CloudRole> ; <{KG}until> ?until ; <{KG}provider> ?provider ;
        <{KG}roleType> ?rt ; <{KG}hostedThing> ?hostedThing ; <{KG}since> ?since ; <{KG}rank> ?rk .
  ?until <{KG}latestPossibleDate> ?end .
  FILTER(STR(?end) <= STR(?asOf))
  SUBJECT
  ?rt <{SKOS}prefLabel> ?roleType . ?rk <{SKOS}prefLabel> ?rank .
  ?provider <{RDFS}label> ?providerLabel . ?hostedThing <{RDFS}label> ?hostedLabel . ?since <{RDFS}label> ?sinceLabel .
  OPTIONAL {{ ?provider <{KG}operatedBy> ?operator . ?operator <{RDFS}label> ?operatorLabel }}
  OPTIONAL {{ ?role <{KG}roleExclusivity> ?ex . ?ex <{SKOS}prefLabel> ?exclusivity }}
  OPTIONAL {{ ?since <{KG}date> ?sinceDate }}
  OPTIONAL {{ ?role <{KG}qualifier> ?qualifier }}
}} ORDER BY ?role"""
_SUBJECT = f"""{{ ?subject <{KG}partOf>* ?thing . ?role <{KG}hostedThing> ?thing }}
  UNION {{ ?role <{KG}provider> ?subject }}
  UNION {{ ?operated <{KG}operatedBy> ?subject . ?role <{KG}provider> ?operated }}"""


def ended_roles(backend: Backend, subject: str | None, as_of_end: str) -> list[dict[str, Any]]:
    """The rows (as who-hosts-what names its columns) of the roles on ``subject`` (an IRI, or
    every role) that ended on or before the day ``as_of_end`` (YYYY-MM-DD)."""
    text = _ROLES.replace("SUBJECT", _SUBJECT if subject else "")
    bind: dict[str, ox.NamedNode | ox.Literal] = {
        "asOf": ox.Literal(as_of_end, datatype=ox.NamedNode(XSD + "date"))
    }
    if subject:
        bind["subject"] = ox.NamedNode(subject)
    rows = backend.query(text, bind).values()
    seen: dict[str, dict[str, Any]] = {}
    for row in rows:
        seen.setdefault(row["role"], row)
    return list(seen.values())
