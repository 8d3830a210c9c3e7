"""What one entity's document says: the triples a page, Turtle, JSON-LD or N-Triples shows for it.

The description of ``pk:x`` is every triple with ``pk:x`` as subject or object, the labels of the
resources those triples name, and for each evidence quote it cites the quote, its source and
whether it is primary (so a page shows the words without another request). It is read from the
store by pattern, never by a query built from text.
"""

from __future__ import annotations

import re
from collections.abc import Iterable

import pyoxigraph as ox

from graph._vocab import KG, PK, RDFS, SKOS
from graph.output._rdf import sorted_triples

ENTITY_ID = re.compile(r"[A-Za-z0-9][A-Za-z0-9._~-]{0,199}")
"""The form of an entity's key in ``https://w3id.org/partnership-kg/id/<key>``."""

_LABELS = (ox.NamedNode(RDFS + "label"), ox.NamedNode(SKOS + "prefLabel"))
_EVIDENCE = ox.NamedNode(KG + "evidence")
_OF_EVIDENCE = tuple(ox.NamedNode(KG + p) for p in ("quote", "source", "primary"))
_DEFAULT = ox.DefaultGraph()


def entity_iri(key: str) -> str | None:
    """The IRI of an entity key (``agreement-2019``), or None when the key cannot be one."""
    return PK + key if ENTITY_ID.fullmatch(key) else None


def entity_keys(store: ox.Store) -> list[str]:
    """Every ``pk:`` resource that is the subject of a triple, as its key, sorted."""
    keys = {
        q.subject.value[len(PK) :]
        for q in store.quads_for_pattern(None, None, None, _DEFAULT)
        if isinstance(q.subject, ox.NamedNode) and q.subject.value.startswith(PK)
    }
    return sorted(k for k in keys if ENTITY_ID.fullmatch(k))


def _triples(store: ox.Store, s: object, p: object, o: object) -> Iterable[ox.Triple]:
    for q in store.quads_for_pattern(s, p, o, _DEFAULT):  # type: ignore[arg-type]
        yield ox.Triple(q.subject, q.predicate, q.object)


def describe(store: ox.Store, iri: str) -> list[ox.Triple]:
    """The entity's description (see the module docstring), sorted; empty when nothing names it."""
    node = ox.NamedNode(iri)
    found = [*_triples(store, node, None, None), *_triples(store, None, None, node)]
    if not found:
        return []
    neighbours = {t.object for t in found if isinstance(t.object, ox.NamedNode)}
    neighbours |= {t.subject for t in found if isinstance(t.subject, ox.NamedNode)}
    neighbours.discard(node)
    extra: list[ox.Triple] = []
    for other in neighbours:
        for label in _LABELS:
            extra.extend(_triples(store, other, label, None))
    for t in found:
        if t.subject == node and t.predicate == _EVIDENCE and isinstance(t.object, ox.NamedNode):
            for p in _OF_EVIDENCE:
                for fact in _triples(store, t.object, p, None):
                    extra.append(fact)
                    if isinstance(fact.object, ox.NamedNode):
                        extra.extend(_triples(store, fact.object, _LABELS[0], None))
    return sorted_triples([*found, *extra])


def describe_nt(store: ox.Store, iri: str) -> bytes:
    """The description as N-Triples (what a ``kg serve`` worker sends back)."""
    return ox.serialize(describe(store, iri), format=ox.RdfFormat.N_TRIPLES) or b""


__all__ = ["ENTITY_ID", "describe", "describe_nt", "entity_iri", "entity_keys"]
