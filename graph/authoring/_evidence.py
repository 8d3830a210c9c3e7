"""``kg evidence add`` and ``kg evidence anchor``: quotes with their W3C Web Annotation selectors."""

from __future__ import annotations

from pathlib import Path

from graph._errors import GraphError
from graph._graph import PartnershipGraph
from graph._io import write_atomic
from graph._vocab import KG, OA, PK, local_id
from graph.authoring._folder import append, exists, lit, open_folder, pk, slug
from graph.authoring._sources import FILE, HEADER, source_of
from graph.checks._anchors import Anchor, find_anchor, normalise

SELECTORS = "selectors.ttl"
"""The generated file of selectors for quotes written without them (``kg evidence anchor``)."""


def selector_block(evidence: str, anchor: Anchor) -> str:
    """The evidence node's two selectors, as Turtle (IRIs minted from the evidence key)."""
    return "\n".join(
        [
            f"{pk(evidence)} oa:hasSelector {pk(evidence + '-quote')}, {pk(evidence + '-position')} .",
            f"{pk(evidence + '-quote')} a oa:TextQuoteSelector ;",
            f"    oa:exact {lit(anchor.exact)} ;",
            f"    oa:prefix {lit(anchor.prefix)} ;",
            f"    oa:suffix {lit(anchor.suffix)} .",
            f"{pk(evidence + '-position')} a oa:TextPositionSelector ;",
            f"    oa:start {lit(anchor.start, 'nonNegativeInteger')} ; oa:end {lit(anchor.end, 'nonNegativeInteger')} .",
        ]
    )


def add_evidence(
    file: Path,
    quote: str,
    folder: Path,
    *,
    prefix: str | None = None,
    suffix: str | None = None,
    key: str | None = None,
    primary: bool | None = None,
    for_fact: str | None = None,
) -> tuple[str, Anchor]:
    """Record ``quote`` from the registered source ``file`` as evidence in the data folder, with its
    selectors, and (``for_fact``) as a quote that states that fact; returns its key and anchor.
    Refuses a quote not in the text, or found more than once when ``prefix``/``suffix`` do not say
    which, or already recorded, and a fact the graph does not hold."""
    kg = open_folder(folder)
    fact = _fact(kg, for_fact) if for_fact is not None else None
    source, text = source_of(kg, file)
    anchor = find_anchor(text, quote, prefix, suffix)
    same = kg.query(
        f"SELECT ?e ?q WHERE {{ ?e <{KG}source> <{source.iri}> ; <{KG}quote> ?q }} ORDER BY ?e"
    ).values()
    for row in same:
        if normalise(row["q"]) == normalise(quote):
            raise GraphError(f"this quote is already recorded as {local_id(row['e'])}")
    name = f"ev-{local_id(source.iri).removeprefix('source-')}-{slug(key or quote)}"
    if exists(kg, name):
        raise GraphError(f"{name}: already used in the graph; give another --id")
    is_primary = source.primary if primary is None else primary
    block = (
        f"{pk(name)} a kg:Evidence ; kg:source {pk(local_id(source.iri))} ; kg:primary {lit(is_primary)} ;\n"
        f"    kg:quote {lit(' '.join(quote.split()))} .\n" + selector_block(name, anchor)
    )
    if fact is not None:
        block += f"\n{pk(fact)} kg:evidence {pk(name)} ."
    append(folder, FILE, HEADER, [block])
    return name, anchor


_FACT_PREFIXES = ("", "agreement-", "term-", "role-", "claim-", "partnership-")


def _fact(kg: PartnershipGraph, given: str) -> str:
    """The key of the fact ``given`` names (with or without its kind prefix)."""
    key = given.strip().removeprefix("pk:")
    for candidate in (prefix + key for prefix in _FACT_PREFIXES):
        if (
            slug(candidate, 40) == candidate
            and kg.query(f"ASK {{ <{PK}{candidate}> <{KG}basis> ?b }}").boolean
        ):
            return candidate
    raise GraphError(f"--for {given}: no fact with that id in the graph (kg sources ID shows one)")


def anchor_all(sources: Path, folder: Path, output: Path | None = None) -> tuple[int, list[str]]:
    """Write ``folder/selectors.ttl`` (or ``output``): selectors for every quote of the graph that has none
    elsewhere, from the texts in ``sources``. Returns how many were anchored and a note for each
    quote that could not be (its file missing, or the quote not found) or was found more than once
    (the first occurrence is taken, and its prefix and suffix say which)."""
    if not sources.is_dir():
        raise GraphError(f"{sources}: no such folder of source texts")
    target = folder / SELECTORS
    kg = open_folder(folder, without=target)
    if output is not None and output.resolve() != target.resolve():
        target = output
    rows = kg.query(
        f"SELECT ?e ?q ?file WHERE {{ ?e <{KG}quote> ?q ; <{KG}source>/<{KG}fileName> ?file . "
        f"FILTER NOT EXISTS {{ ?e <{OA}hasSelector> ?any }} }} ORDER BY ?e"
    ).values()
    blocks: list[str] = []
    notes: list[str] = []
    for row in rows:
        path = sources / row["file"]
        if not path.is_file():
            notes.append(f"{local_id(row['e'])}: no file {row['file']} in {sources}")
            continue
        try:
            anchor = find_anchor(path.read_text(encoding="utf-8"), row["q"], first=True)
        except GraphError as err:
            notes.append(f"{local_id(row['e'])} ({row['file']}): {err}")
            continue
        if anchor.occurrences > 1:
            notes.append(
                f"{local_id(row['e'])} ({row['file']}): occurs {anchor.occurrences} times; anchored at the first"
            )
        blocks.append(selector_block(local_id(row["e"]), anchor))
    if not blocks and not target.is_file():
        return 0, notes
    header = (
        "# Generated by `kg evidence anchor SOURCES_DIR --data DIR`: where each quote of DIR stands in\n"
        "# its text (W3C Web Annotation selectors, see data/ontology.ttl). Do not edit; re-run it after\n"
        "# adding quotes.\n\n@prefix oa:      <http://www.w3.org/ns/oa#> .\n"
        "@prefix pk:      <https://w3id.org/partnership-kg/id/> .\n"
        "@prefix xsd:     <http://www.w3.org/2001/XMLSchema#> .\n"
    )
    write_atomic(target, header + "\n" + "\n\n".join(blocks) + "\n")
    return len(blocks), notes
