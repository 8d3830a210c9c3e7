"""Compacted, sorted JSON-LD with the shipped context (``data/context.jsonld``).

The context is generated from the ontology (:func:`build_context`): each ``kg:`` property and
class becomes a plain term (``"provider"``, ``"CloudRole"``), object properties are typed
``@id`` and datatype properties with one XSD range are typed with it, so values read as plain
JSON (``"provider": "pk:azure"``, ``"earliestPossibleDate": "2019-07-01"``) and still expand to
the same triples. Values the context does not type (a date of ``kg:date``'s mixed precision, a
language-tagged label) stay value objects with their ``@type`` or ``@language``.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterable
from functools import cache
from typing import Any

import pyoxigraph as ox

from graph._vocab import KG, OA, OWL, PREFIXES, RDF, RDFS, XSD

_REUSED: dict[str, tuple[str, str | None]] = {
    # term: (IRI, coercion) for the terms of other vocabularies the data uses
    "label": (RDFS + "label", None),
    "comment": (RDFS + "comment", None),
    "seeAlso": (RDFS + "seeAlso", "@id"),
    "subClassOf": (RDFS + "subClassOf", "@id"),
    "subPropertyOf": (RDFS + "subPropertyOf", "@id"),
    "domain": (RDFS + "domain", "@id"),
    "range": (RDFS + "range", "@id"),
    "prefLabel": ("http://www.w3.org/2004/02/skos/core#prefLabel", None),
    "altLabel": ("http://www.w3.org/2004/02/skos/core#altLabel", None),
    "definition": ("http://www.w3.org/2004/02/skos/core#definition", None),
    "inScheme": ("http://www.w3.org/2004/02/skos/core#inScheme", "@id"),
    "title": ("http://purl.org/dc/terms/title", None),
    "publisher": ("http://purl.org/dc/terms/publisher", None),
    "url": ("http://schema.org/url", XSD + "anyURI"),
    "versionInfo": (OWL + "versionInfo", None),
    # W3C Web Annotation selectors (data/selectors.ttl)
    "hasSelector": (OA + "hasSelector", "@id"),
    "hasSource": (OA + "hasSource", "@id"),
    "exact": (OA + "exact", None),
    "prefix": (OA + "prefix", None),
    "suffix": (OA + "suffix", None),
    "start": (OA + "start", XSD + "nonNegativeInteger"),
    "end": (OA + "end", XSD + "nonNegativeInteger"),
    "TextQuoteSelector": (OA + "TextQuoteSelector", None),
    "TextPositionSelector": (OA + "TextPositionSelector", None),
    "SpecificResource": (OA + "SpecificResource", None),
    "Selector": (OA + "Selector", None),
}
_INTEGER = re.compile(r"-?(0|[1-9][0-9]{0,14})")


def build_context(ontology: Iterable[ox.Triple]) -> dict[str, Any]:
    """The JSON-LD context for the graph, from the ontology's triples (a stable, sorted dict)."""
    kinds: dict[str, str] = {}
    ranges: dict[str, set[str]] = {}
    for t in ontology:
        s, p, o = t.subject, t.predicate.value, t.object
        if not isinstance(s, ox.NamedNode) or not s.value.startswith(KG) or not isinstance(o, ox.NamedNode):
            continue
        if p == RDF + "type" and o.value in (OWL + "ObjectProperty", OWL + "DatatypeProperty", OWL + "Class"):
            kinds[s.value] = o.value
        elif p == RDFS + "range":
            ranges.setdefault(s.value, set()).add(o.value)
    terms: dict[str, Any] = {"id": "@id", "type": "@type", **{k: v for k, v in PREFIXES.items()}}
    for term, (iri, coerce) in _REUSED.items():
        terms[term] = _definition(iri, coerce)
    for iri, kind in sorted(kinds.items()):
        name = iri[len(KG) :]
        if kind == OWL + "Class":
            terms[name] = "kg:" + name
        elif kind == OWL + "ObjectProperty":
            terms[name] = _definition(iri, "@id")
        else:
            typed = ranges.get(iri, set())
            only = next(iter(typed)) if len(typed) == 1 else None
            coerce = only if only and only.startswith(XSD) and only != XSD + "string" else None
            terms[name] = _definition(iri, coerce)
    return {"@context": terms}


def context_text(ctx: dict[str, Any]) -> str:
    """The context as the shipped file writes it: one term a line, in the context's order."""
    lines = [f"    {json.dumps(k)}: {json.dumps(v, ensure_ascii=False)}" for k, v in ctx["@context"].items()]
    return '{\n  "@context": {\n' + ",\n".join(lines) + "\n  }\n}\n"


def _definition(iri: str, coerce: str | None) -> str | dict[str, str]:
    compact = _compact_iri(iri)
    if coerce is None:
        return compact
    return {"@id": compact, "@type": coerce if coerce == "@id" else _compact_iri(coerce)}


def _compact_iri(iri: str) -> str:
    for prefix, ns in PREFIXES.items():
        if iri.startswith(ns) and len(iri) > len(ns):
            return f"{prefix}:{iri[len(ns) :]}"
    return iri


@cache
def context() -> dict[str, Any]:
    """The shipped context file's content (``{"@context": {...}}``)."""
    from graph._paths import context_file

    with open(context_file(), encoding="utf-8") as handle:
        loaded: dict[str, Any] = json.load(handle)
    return loaded


def _terms(ctx: dict[str, Any]) -> tuple[dict[str, tuple[str, str | None]], dict[str, str]]:
    """Property IRI -> (term, coercion), and class IRI -> term."""
    prefixes = {k: v for k, v in ctx.items() if isinstance(v, str) and v.endswith(("#", "/"))}

    def expand(value: str) -> str:
        prefix, sep, rest = value.partition(":")
        return prefixes[prefix] + rest if sep and prefix in prefixes else value

    properties: dict[str, tuple[str, str | None]] = {}
    classes: dict[str, str] = {}
    for term, value in ctx.items():
        if term in prefixes or term in ("id", "type"):
            continue
        if isinstance(value, dict):
            coerce = value.get("@type")
            typed = coerce if coerce in (None, "@id") else expand(coerce)
            properties[expand(value["@id"])] = (term, typed)
        elif term[:1].isupper():
            classes[expand(value)] = term
        else:
            properties[expand(value)] = (term, None)
    return properties, classes


def write(triples: Iterable[ox.Triple], fmt: str, *, graph: str | None = None, full: bool = False) -> bytes:
    """The export writer of jsonld (graph._formats.EXPORTS): compacted with the packaged context."""
    return serialize_jsonld(triples)


def serialize_jsonld(triples: Iterable[ox.Triple], ctx: dict[str, Any] | None = None) -> bytes:
    """The triples as one compacted JSON-LD document: the context, then nodes sorted by id."""
    ctx = ctx or context()
    properties, classes = _terms(ctx["@context"])
    nodes: dict[str, dict[str, list[Any]]] = {}
    for t in triples:
        subject = _node_id(t.subject)
        node = nodes.setdefault(subject, {})
        predicate = t.predicate.value
        if predicate == RDF + "type" and not isinstance(t.object, ox.Literal):
            node.setdefault("type", []).append(classes.get(t.object.value) or _node_id(t.object))  # type: ignore[union-attr]
            continue
        term, coerce = properties.get(predicate, (_compact_iri(predicate), None))
        node.setdefault(term, []).append(_value(t.object, coerce))  # type: ignore[arg-type]
    graph = []
    for subject in sorted(nodes, key=lambda s: _expand_id(s)):
        out: dict[str, Any] = {"id": subject}
        fields = nodes[subject]
        for key in ["type", *sorted(k for k in fields if k != "type")]:
            if key in fields:
                values = sorted(fields[key], key=lambda v: json.dumps(v, sort_keys=True, ensure_ascii=False))
                out[key] = values[0] if len(values) == 1 else values
        graph.append(out)
    document = {"@context": ctx["@context"], "@graph": graph}
    return (json.dumps(document, indent=2, ensure_ascii=False) + "\n").encode("utf-8")


def _expand_id(compact: str) -> str:
    prefix, sep, rest = compact.partition(":")
    return PREFIXES[prefix] + rest if sep and prefix in PREFIXES else compact


def _node_id(term: ox.NamedNode | ox.BlankNode | ox.Triple) -> str:
    if isinstance(term, ox.BlankNode):
        return f"_:{term.value}"
    if isinstance(term, ox.NamedNode):
        return _compact_iri(term.value)
    raise ValueError("RDF-star triples cannot be written as JSON-LD")


def _value(term: ox.NamedNode | ox.BlankNode | ox.Literal, coerce: str | None) -> Any:
    """A value in its most compact form that expands back to the same RDF term."""
    if not isinstance(term, ox.Literal):
        ident = _node_id(term)
        return ident if coerce == "@id" else {"id": ident}
    if term.language:
        return {"@value": term.value, "@language": term.language}
    datatype = term.datatype.value
    if coerce == "@id":
        return {"@value": term.value, "@type": _compact_iri(datatype)}
    if datatype == coerce:
        if datatype == XSD + "boolean" and term.value in ("true", "false"):
            return term.value == "true"
        if datatype in (XSD + "integer", XSD + "decimal") and _INTEGER.fullmatch(term.value):
            return int(term.value)  # a JSON integer expands to this lexical form, typed by the context
        return term.value
    if coerce is None:
        if datatype == XSD + "string":
            return term.value
        if datatype == XSD + "boolean" and term.value in ("true", "false"):
            return term.value == "true"
        if datatype == XSD + "integer" and _INTEGER.fullmatch(term.value):
            return int(term.value)
    return {"@value": term.value, "@type": _compact_iri(datatype)}


if __name__ == "__main__":  # python -m graph.output._jsonld > data/context.jsonld
    import sys

    from graph._paths import data_dir

    ontology = ox.parse(path=f"{data_dir()}/ontology.ttl", format=ox.RdfFormat.TURTLE)
    sys.stdout.write(context_text(build_context(ontology)))
