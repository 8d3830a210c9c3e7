"""One entity's document in each of its forms: an HTML page, Turtle, JSON-LD and N-Triples.

The same triples (graph.linked._describe) make every form. The page shows the entity's facts,
its basis, the quotes that state it (with their sources), the resources that point at it, links
to its neighbours' pages and to the explorer at its node; it loads nothing and runs no script,
and every value in it is escaped. Links are relative (``other.html``, ``x.ttl``) so that the
same page works from ``kg serve`` and from the files ``kg publish`` writes.
"""

from __future__ import annotations

import urllib.parse
from collections.abc import Sequence
from html import escape

import pyoxigraph as ox

from graph._vocab import KG, PK, RDF, RDFS, SKOS, shorten
from graph.output._jsonld import serialize_jsonld
from graph.output._rdf import serialize_rdf

MEDIA_TYPES: dict[str, str] = {
    "html": "text/html; charset=utf-8",
    "ttl": "text/turtle",
    "jsonld": "application/ld+json",
    "nt": "application/n-triples",
}
"""Each form of an entity document and its Content-Type (the suffix of its file is the key)."""

ACCEPTED: dict[str, str] = {
    "text/html": "html",
    "application/xhtml+xml": "html",
    "text/turtle": "ttl",
    "application/turtle": "ttl",
    "application/x-turtle": "ttl",
    "application/ld+json": "jsonld",
    "application/json": "jsonld",
    "application/n-triples": "nt",
    "text/plain": "nt",
}
"""Media types a client may ask for, and the form each gets."""

_LABEL = (RDFS + "label", SKOS + "prefLabel")
_STYLE = """
body{font:15px/1.45 system-ui,sans-serif;margin:2rem auto;max-width:64rem;padding:0 1rem;color:#222}
h1{font-size:1.4rem;margin-bottom:.2rem}h2{font-size:1.1rem;margin-top:1.5rem}code{font-family:ui-monospace,monospace}
table{border-collapse:collapse;font-size:14px;width:100%}td,th{border-bottom:1px solid #ddd;padding:.3rem .5rem;
vertical-align:top;text-align:left}th{width:14rem;color:#555;font-weight:normal}.muted{color:#666}
blockquote{margin:.4rem 0 .8rem;padding:.2rem .8rem;border-left:3px solid #bbb}nav a{margin-right:.8rem}
"""


def render(fmt: str, triples: Sequence[ox.Triple], key: str, explorer: str = "../explore") -> bytes:
    """The document of entity ``key`` in ``fmt`` (html, ttl, jsonld or nt).

    ``explorer`` is where the explorer page is, relative to the entity's page.
    """
    if fmt == "html":
        return page(triples, key, explorer).encode("utf-8")
    if fmt == "jsonld":
        return serialize_jsonld(triples)
    return serialize_rdf(triples, fmt)


def _name(term: ox.NamedNode | ox.BlankNode | ox.Literal | ox.Triple) -> str:
    """An IRI's or blank node's text (a quoted triple's N-Triples form)."""
    return str(term) if isinstance(term, ox.Triple) else term.value


def _labels(triples: Sequence[ox.Triple]) -> dict[str, str]:
    found: dict[str, str] = {}
    for wanted in _LABEL:
        for t in triples:
            if t.predicate.value == wanted and isinstance(t.object, ox.Literal):
                found.setdefault(_name(t.subject), t.object.value)
    return found


def _link(term: ox.NamedNode | ox.BlankNode | ox.Literal | ox.Triple, labels: dict[str, str]) -> str:
    """A value as HTML: a link to an entity's page, a link out for an http(s) IRI, else text."""
    if isinstance(term, ox.Literal):
        return escape(term.value)
    if not isinstance(term, ox.NamedNode):
        return escape(str(term))
    iri = term.value
    name = escape(labels.get(iri, shorten(iri)))
    if iri.startswith(PK):
        href = urllib.parse.quote(iri[len(PK) :]) + ".html"
        return f'<a href="{escape(href)}">{name}</a>'
    if iri.startswith(("https://", "http://")) and not iri.startswith(KG):
        return f'<a href="{escape(iri)}" rel="nofollow">{name}</a>'
    return f"<code>{name}</code>"


def _rows(pairs: list[tuple[str, str]]) -> str:
    if not pairs:
        return '<p class="muted">(none)</p>'
    return "<table>" + "".join(f"<tr><th>{p}</th><td>{v}</td></tr>" for p, v in pairs) + "</table>"


def page(triples: Sequence[ox.Triple], key: str, explorer: str = "../explore") -> str:
    """The entity's HTML page (see the module docstring)."""
    iri = PK + key
    labels = _labels(triples)
    title = labels.get(iri, key)
    own = [t for t in triples if _name(t.subject) == iri]
    facts = [
        (escape(shorten(t.predicate.value)), _link(t.object, labels))
        for t in own
        if t.predicate.value not in (RDF + "type", KG + "evidence")
    ]
    kinds = ", ".join(_link(t.object, labels) for t in own if t.predicate.value == RDF + "type")
    incoming = [
        (_link(t.subject, labels), escape(shorten(t.predicate.value)))
        for t in triples
        if isinstance(t.object, ox.NamedNode) and t.object.value == iri and _name(t.subject) != iri
    ]
    quotes = _quotes(triples, own, labels)
    quoted = urllib.parse.quote(key)
    body = (
        f"<h1>{escape(title)}</h1>"
        f'<p class="muted"><code>{escape(iri)}</code>{" · " + kinds if kinds else ""}</p>'
        f'<nav><a href="{escape(explorer)}#node={escape(quoted)}">Show in the explorer</a>'
        f'<a href="{quoted}.ttl">Turtle</a><a href="{quoted}.jsonld">JSON-LD</a>'
        f'<a href="{quoted}.nt">N-Triples</a></nav>'
        f"<h2>Facts</h2>{_rows(facts)}"
        f"<h2>Quotes that state it</h2>{quotes}"
        f"<h2>Pointed at by</h2>{_rows(incoming)}"
    )
    return (
        '<!DOCTYPE html>\n<html lang="en"><head><meta charset="utf-8">'
        '<meta name="viewport" content="width=device-width, initial-scale=1">'
        '<link rel="icon" href="data:,">'
        f'<link rel="alternate" type="text/turtle" href="{quoted}.ttl">'
        f'<link rel="alternate" type="application/ld+json" href="{quoted}.jsonld">'
        f"<title>{escape(title)}</title><style>{_STYLE}</style></head>"
        f"<body>{body}</body></html>\n"
    )


def _quotes(triples: Sequence[ox.Triple], own: list[ox.Triple], labels: dict[str, str]) -> str:
    """Each evidence quote the entity cites, with its source and kind; or why there is none."""
    of: dict[str, dict[str, ox.NamedNode | ox.BlankNode | ox.Literal | ox.Triple]] = {}
    for t in triples:
        of.setdefault(_name(t.subject), {})[t.predicate.value] = t.object
    parts = []
    for t in own:
        if t.predicate.value != KG + "evidence" or not isinstance(t.object, ox.NamedNode):
            continue
        facts = of.get(t.object.value, {})
        quote = facts.get(KG + "quote")
        source = facts.get(KG + "source")
        primary = facts.get(KG + "primary")
        kind = "primary" if isinstance(primary, ox.Literal) and primary.value == "true" else "secondary"
        words = escape(quote.value) if isinstance(quote, ox.Literal) else "(no quote)"
        cite = _link(source, labels) if source is not None else "(no source)"
        parts.append(f"<blockquote>“{words}”</blockquote><p>{cite} · {kind} · {_link(t.object, labels)}</p>")
    if parts:
        return "".join(parts)
    return '<p class="muted">No quote states it directly; its basis above says how it is known.</p>'


__all__ = ["ACCEPTED", "MEDIA_TYPES", "page", "render"]
