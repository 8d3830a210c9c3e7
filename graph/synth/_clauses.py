"""The clause versions and cloud roles of one synthetic partnership's agreements (see graph.synth)."""

from __future__ import annotations

import random

from graph._vocab import SKOS, XSD
from graph.synth._lines import (
    _A,
    _EXCLUSIVITY,
    _ROLE_TYPES,
    _ROLE_VERBS,
    _SCOPES,
    _TOPICS,
    _Agreement,
    _kg,
    _Out,
    _pk,
    company_label,
    nt_literal,
)


def _attributes(rng: random.Random) -> dict[str, tuple[str, str | None]]:
    attrs: dict[str, tuple[str, str | None]] = {"scope": (rng.choice(_SCOPES), None)}
    if rng.random() < 0.7:
        attrs["exclusivity"] = (rng.choice(_EXCLUSIVITY), "iri")
    if rng.random() < 0.5:
        attrs["endYear"] = (str(rng.randint(2025, 2040)), XSD + "gYear")
    if rng.random() < 0.4:
        attrs["amountUSD"] = (f"{rng.randint(1, 500) * 100_000_000}.0", XSD + "decimal")
    return attrs


def _amend(rng: random.Random, attrs: dict[str, tuple[str, str | None]]) -> dict[str, tuple[str, str | None]]:
    new = dict(attrs)
    for name in rng.sample(sorted(new), min(len(new), rng.randint(1, 2))):
        value, kind = new[name]
        if name == "scope":
            new[name] = (rng.choice([s for s in _SCOPES if s != value]), None)
        elif name == "exclusivity":
            new[name] = (rng.choice([e for e in _EXCLUSIVITY if e != value]), "iri")
        elif name == "endYear":
            new[name] = (str(int(value) + rng.randint(1, 5)), kind)
        else:
            new[name] = (f"{int(float(value)) + rng.randint(1, 50) * 100_000_000}.0", kind)
    return new


def _terms(
    out: _Out,
    rng: random.Random,
    key: str,
    agreements: list[_Agreement],
    lab_name: str,
    cloud_name: str,
    primary_src: str,
    second_src: str,
) -> list[str]:
    """Clause versions: new, then unchanged, amended, not restated or removed in later agreements."""
    clause_count = rng.randint(4, 10)
    topics = rng.sample(_TOPICS, clause_count)
    latest: dict[int, tuple[str, dict[str, tuple[str, str | None]]]] = {}
    removed: set[int] = set()
    rows: list[
        tuple[str, list[tuple[str, str]], str | None]
    ] = []  # term, (predicate, object)s, replaced term
    for c, topic in enumerate(topics):
        clause = _pk(f"synth-clause-{key}-{c}")
        out.add(clause, _A, _kg("Clause"))
        out.add(clause, f"<{SKOS}prefLabel>", nt_literal(f"{topic} ({lab_name}–{cloud_name}, synthetic)"))
    for n, ag in enumerate(agreements):
        for c, topic in enumerate(topics):
            if c in removed:
                continue
            previous = latest.get(c)
            if previous is None:
                if n > 0 and rng.random() < 0.75:
                    continue  # most clauses start with the first agreement
                change, attrs = "New", _attributes(rng)
            else:
                roll = rng.random()
                if roll < 0.35:
                    continue  # not restated
                change = "Unchanged" if roll < 0.70 else "Amended" if roll < 0.92 else "Removed"
                attrs = (
                    previous[1]
                    if change == "Unchanged"
                    else _amend(rng, previous[1])
                    if change == "Amended"
                    else {}
                )
            term = _pk(f"synth-term-{key}-{n}-{c}")
            label = f"{topic} ({change.lower()}, synthetic agreement {n})"
            out.node(term, "Term", label)
            triples = [
                (_kg("agreement"), ag.node),
                (_kg("clause"), _pk(f"synth-clause-{key}-{c}")),
                (_kg("changeType"), _kg(change)),
            ]
            if previous is not None:
                triples.append((_kg("previousVersion"), previous[0]))
            if change == "Amended":
                triples.append((_kg("changeNote"), nt_literal(f"Synthetic amendment of {topic.lower()}.")))
            for name, (value, kind) in sorted(attrs.items()):
                triples.append((_kg(name), _kg(value) if kind == "iri" else nt_literal(value, kind)))
            rows.append(
                (term, triples, previous[0] if previous and change in ("Amended", "Removed") else None)
            )
            what = f"{topic.lower()} ({change.lower()})"
            out.evidence(
                term, key, primary_src, True, f"{lab_name} and {cloud_name} agreed on {what} in deal {n}."
            )
            if rng.random() < 0.25:
                out.evidence(
                    term, key, second_src, False, f"A report summarises the {what} terms of deal {n}."
                )
            if change == "Removed":
                removed.add(c)
                latest.pop(c, None)
            else:
                latest[c] = (term, attrs)
    replaced = {old: term for term, _, old in rows if old}
    current = {t for t, _ in latest.values()}
    for term, triples, _ in rows:
        for pred, obj in triples:
            out.add(term, pred, obj)
        if term in replaced:
            out.add(term, _kg("rank"), _kg("DeprecatedRank"))
            out.ending(
                term,
                "supersededBy",
                replaced[term],
                key,
                primary_src,
                f"A later term of deal {key} replaces this one.",
            )
        else:
            out.add(term, _kg("rank"), _kg("PreferredRank" if term in current else "NormalRank"))
    return [t for t, _, _ in rows]


def _roles(
    out: _Out,
    rng: random.Random,
    key: str,
    lab: int,
    cloud_co: int,
    agreements: list[_Agreement],
    terms: list[str],
    primary_src: str,
    second_src: str,
) -> None:
    """Hosting, serving, distribution and compute roles the partnership sets up, some superseded."""
    cloud = _pk(f"synth-co{cloud_co}-cloud")
    lab_name, cloud_label = company_label(lab), f"Synthetic Cloud {cloud_co}"
    things = [(_pk(f"synth-co{lab}-products"), f"{lab_name} first-party products")]
    things += [(_pk(f"synth-co{lab}-product-{j}"), f"{lab_name} Product {j}") for j in range(3)]
    for r in range(rng.randint(2, 5)):
        role = _pk(f"synth-role-{key}-{r}")
        kind = rng.choice(_ROLE_TYPES)
        thing, thing_label = (
            (_pk(f"synth-co{lab}"), lab_name) if kind == "SuppliesCompute" else rng.choice(things)
        )
        since_at = rng.randrange(len(agreements))
        since = agreements[since_at]
        verb = _ROLE_VERBS[kind]
        out.node(role, "CloudRole", f"{cloud_label} {verb} {thing_label} (synthetic)")
        out.add(role, _kg("provider"), cloud)
        out.add(role, _kg("roleType"), _kg(kind))
        out.add(role, _kg("hostedThing"), thing)
        out.add(role, _kg("since"), since.node)
        if rng.random() < 0.6:
            out.add(role, _kg("roleExclusivity"), _kg(rng.choice(_EXCLUSIVITY)))
        if rng.random() < 0.3:
            out.add(role, _kg("qualifier"), nt_literal(f"synthetic qualifier {r} of {cloud_label}"))
        if terms and rng.random() < 0.5:
            out.add(role, _kg("basedOn"), rng.choice(terms))
        later = [a for a in agreements[since_at + 1 :] if a.when is not None]
        if later and rng.random() < 0.25:
            out.ending(
                role,
                "until",
                rng.choice(later).node,
                key,
                primary_src,
                f"The role ends under a later deal of {key}.",
            )
            out.add(role, _kg("rank"), _kg("DeprecatedRank"))
        else:
            out.add(role, _kg("rank"), _kg(rng.choice(["PreferredRank", "NormalRank"])))
        out.evidence(
            role, key, primary_src, True, f"{cloud_label} {verb} {thing_label} under deal {since_at}."
        )
        if rng.random() < 0.4:
            out.evidence(role, key, second_src, False, f"Reportedly, {cloud_label} {verb} {thing_label}.")
