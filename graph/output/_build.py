"""The main job: validate the graph, export it, answer the headline questions, write the explorer."""

from __future__ import annotations

import json
from collections.abc import Iterator, Sequence
from pathlib import Path
from typing import TYPE_CHECKING

from graph._errors import GraphError, ValidationError
from graph._io import write_atomic
from graph.answers._types import Answer, Basis, Evidence
from graph.output._render import answers

if TYPE_CHECKING:
    from graph._graph import PartnershipGraph

HEADLINES: tuple[tuple[str, str], ...] = (
    ("Who hosts OpenAI's stateless APIs?", "hosts:stateless-apis"),
    ("Where are first-party products such as Frontier hosted?", "hosts:frontier"),
    (
        "Where do stateless calls from the OpenAI–Amazon collaboration run?",
        "hosts:third-party-stateless-calls",
    ),
    (
        "What did the 27 Feb 2026 statement change in the October 2025 terms?",
        "changes:agreement-2025-10:agreement-2026-02-27",
    ),
    (
        "What changed in Azure's exclusivity between the extension and October 2025?",
        "changes:agreement-multi-year-extension:agreement-2025-10",
    ),
    ("What does the amended agreement change?", "changes:agreement-2026-02-27:agreement-amended"),
    ("Where do the sources disagree?", "conflicts"),
)


def headline_answers(kg: PartnershipGraph) -> list[tuple[str, Sequence[Answer]]]:
    """The headline questions and the library's answers to them."""
    out: list[tuple[str, Sequence[Answer]]] = []
    for question, spec in HEADLINES:
        kind, *args = spec.split(":")
        if kind == "hosts":
            out.append((question, kg.hosts(args[0])))
        elif kind == "changes":
            out.append((question, kg.changes(args[0], args[1])))
        else:
            out.append((question, kg.conflicts()))
    return out


def build(kg: PartnershipGraph, out: Path) -> Iterator[str]:
    """Run the main job into ``out``; yields one progress line per step."""
    report = kg.validate()
    write_atomic(out / "validation.txt", report.summary() + "\n")
    if not report.conforms:
        raise ValidationError(report.summary())
    yield f"validated: {len(kg)} triples conform to the SHACL shapes"
    yield _verified(kg)
    for fmt, name in (
        ("ttl", "partnership.ttl"),
        ("trig", "partnership.trig"),
        ("jsonld", "partnership.jsonld"),
        ("nq", "partnership.nq"),
    ):
        write_atomic(out / name, kg.serialize(fmt))
    yield f"exported: {out}/partnership.{{ttl,trig,jsonld,nq}}"
    found = headline_answers(kg)
    markdown = ["# Headline answers", ""]
    for question, items in found:
        markdown += [f"## {question}", "", "```", _table(items), "```", ""]
        markdown += ["What it rests on:", "", *_sources(items), ""]
    write_atomic(out / "answers.md", "\n".join(markdown))
    write_atomic(
        out / "answers.json",
        json.dumps(
            [{"question": q, "answer": [i.to_dict() for i in items]} for q, items in found],
            indent=2,
            ensure_ascii=False,
        ),
    )
    for question, items in found[:4]:
        yield f"{question} -> {_one_line(items)}"
    yield f"answers: {out}/answers.md, {out}/answers.json"
    try:
        from graph.explorer import write_explorer
    except ImportError:
        return
    path = write_explorer(kg, out / "explorer.html")
    yield f"explorer: {path}"


def _verified(kg: PartnershipGraph) -> str:
    """Check every quote against the corpus when it is found (``$KG_SOURCES``, ../shared/sources),
    or say that it was not; a failed check stops the build (GraphError)."""
    from graph.checks._corpus import find_sources

    folders = find_sources()
    if folders is None:
        return "quotes not verified: no corpus of source texts found (set $KG_SOURCES; default ../shared/sources)"
    report = kg.verify_sources(folders)
    if not report.ok:
        raise GraphError(report.summary())
    return f"verified: {report.summary()} ({', '.join(map(str, folders))})"


def _table(items: Sequence[Answer]) -> str:
    if not items:
        return "(none)"
    kind = type(items[0])
    return answers(items, "table", kind, kind.BRIEF)


def _sources(items: Sequence[Answer]) -> list[str]:
    """One Markdown bullet per answer row: its first quote (primary first) and how many more."""
    lines = []
    for item in items:
        for label, evidence in item.cited():
            lines.append(_source_line(item, label, evidence))
    return lines or ["- (no rows)"]


def _source_line(item: Answer, label: str, evidence: Sequence[Evidence]) -> str:
    """What one row rests on: its first quote, or for an inferred row its rule and premises."""
    if not evidence:
        basis = (
            getattr(item, "basis", None)
            or getattr(item, "to_basis", None)
            or getattr(item, "from_basis", None)
        )
        if isinstance(basis, Basis) and basis.inferred:
            premises = ", ".join(p.id for p in basis.premises)
            return f"- {label}: inferred ({'; '.join(basis.rules)}) from {premises}: {basis.reasoning}"
        return f"- {label}: no source states it"
    first = evidence[0]
    kind = "primary" if first.primary else "secondary"
    quote = " ".join(first.quote.split()).replace("`", "'")
    more = f" (+{len(evidence) - 1} more)" if len(evidence) > 1 else ""
    return f"- {label}: {first.publisher}, {kind}, `{first.file}`: “{quote}”{more}"


def _one_line(items: Sequence[Answer]) -> str:
    return type(items[0]).summarise(items) if items else Answer.summarise(items)
