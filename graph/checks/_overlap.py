"""Warnings for user data that contradicts the packaged graph instead of adding to it.

A second ``rdfs:label``, ``kg:date`` or ``kg:provider`` for an IRI the packaged data already
describes makes ``kg hosts`` and ``kg timeline`` show duplicated, conflicting rows; a
``kg:CloudRole`` without a ``kg:provider`` silently drops out of ``kg hosts``. Neither is an
error (the user's graph is theirs), so each becomes a one-line warning naming the file.
"""

from __future__ import annotations

from collections.abc import Sequence

import pyoxigraph as ox

from graph._vocab import KG, RDF, RDFS, local_id

SINGLE = {RDFS + "label": "rdfs:label", KG + "date": "kg:date", KG + "provider": "kg:provider"}
"""Properties the packaged data gives each subject once."""


def contradictions(user_files: Sequence[str]) -> list[str]:
    """One warning per user triple that gives a packaged subject a second value of a SINGLE property,
    and per CloudRole a user file defines without a provider.

    >>> contradictions([])
    []
    """
    if not user_files:
        return []
    from graph.store import data_files, open_store

    packaged = open_store(data_files(()))
    known: dict[tuple[str, str], set[str]] = {}
    for prop in SINGLE:
        for quad in packaged.quads_for_pattern(None, ox.NamedNode(prop), None):
            known.setdefault((str(getattr(quad.subject, "value", quad.subject)), prop), set()).add(
                str(quad.object)
            )
    warnings: list[str] = []
    role_type = ox.NamedNode(KG + "CloudRole")
    for path in user_files:
        roles: set[str] = set()
        providers: set[str] = set()
        try:
            triples = list(ox.parse(path=path))
        except (SyntaxError, OSError, ValueError):
            continue  # the loader reports a broken file itself
        for t in triples:
            subject, prop = t.subject.value, t.predicate.value
            if prop == RDF + "type" and t.object == role_type:
                roles.add(subject)
            if prop == KG + "provider":
                providers.add(subject)
            already = known.get((subject, prop))
            if prop in SINGLE and already and str(t.object) not in already:
                warnings.append(
                    f"{path}: gives {local_id(subject)} a second {SINGLE[prop]} ({_short(t.object)}; "
                    f"the packaged data has {', '.join(sorted(_short_text(v) for v in already))}): "
                    "answers will show both"
                )
        for role in sorted(roles - providers):
            if (role, KG + "provider") not in known:
                warnings.append(
                    f"{path}: CloudRole {local_id(role)} has no kg:provider, so kg hosts leaves it out"
                )
    return warnings


def _short(term: object) -> str:
    return _short_text(str(term))


def _short_text(text: str) -> str:
    return text if len(text) <= 60 else text[:60] + "…"


__all__ = ["contradictions"]
