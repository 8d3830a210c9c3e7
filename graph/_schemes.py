"""The closed vocabularies (role types, change types, agreement types, exclusivities, ranks, ...),
read from their SKOS concept schemes in ``data/ontology.ttl``: the one copy of each.

Authoring (``kg add``'s sheet keys), synth and a test of the shapes' ``sh:in`` lists read them
here, so a concept added to the ontology is accepted everywhere at once.
"""

from __future__ import annotations

import os
import re
from functools import cache

import pyoxigraph as ox

from graph._paths import data_dir
from graph._vocab import KG, SKOS


@cache
def _schemes() -> dict[str, list[str]]:
    """Every scheme of the ontology: its local name -> its concepts' local names, in file order."""
    in_scheme = ox.NamedNode(SKOS + "inScheme")
    found: dict[str, list[str]] = {}
    path = os.path.join(data_dir(), "ontology.ttl")
    for triple in ox.parse(path=path, format=ox.RdfFormat.TURTLE):
        if triple.predicate == in_scheme and isinstance(triple.object, ox.NamedNode):
            concept, scheme = triple.subject.value, triple.object.value
            if scheme.startswith(KG) and concept.startswith(KG):
                found.setdefault(scheme[len(KG) :], []).append(concept[len(KG) :])
    return found


def key(concept: str) -> str:
    """A concept's key in a sheet: its local name in kebab case.

    >>> key("SuppliesCompute"), key("NonExclusive"), key("MemorandumOfUnderstanding")
    ('supplies-compute', 'non-exclusive', 'memorandum-of-understanding')
    """
    return re.sub(r"(?<!^)(?=[A-Z])", "-", concept).lower()


def concepts(scheme: str) -> list[str]:
    """The concepts of a scheme (``RoleTypes``, ``ChangeTypes``, ...) by local name, in the
    ontology's order; KeyError for a scheme it does not have."""
    return list(_schemes()[scheme])


def keyed(scheme: str) -> dict[str, str]:
    """A scheme's concepts by sheet key: ``keyed("RoleTypes")["supplies-compute"] == "SuppliesCompute"``."""
    return {key(c): c for c in concepts(scheme)}


def schemes() -> dict[str, list[str]]:
    """Every scheme and its concepts."""
    return {name: list(found) for name, found in _schemes().items()}
