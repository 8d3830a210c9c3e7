"""``kg build``, the main job: validate the graph, export it, answer the headline questions (declared
with each question: graph.questions), write the explorer."""

from __future__ import annotations

import json
from collections.abc import Iterator, Sequence
from pathlib import Path
from typing import TYPE_CHECKING

from graph._errors import ValidationError
from graph._io import write_atomic
from graph.answers import Answer, Basis, Evidence
from graph.output import answers

if TYPE_CHECKING:
    from graph._graph import PartnershipGraph

def headline_answers(kg: PartnershipGraph) -> list[tuple[str, Sequence[Answer]]]:
    """The headline questions (declared with each question: graph.questions) and their answers."""
    from graph.questions import headlines

    return [(text, kg.ask(question.name, **params)) for text, question, params in headlines()]


def build(kg: PartnershipGraph, out: Path) -> Iterator[str]:
    """Run the main job into ``out``; yields one progress line per step."""
    report = kg.validate()
    write_atomic(out / "validation.txt", report.summary() + "\n")
    if not report.conforms:
        raise ValidationError(report.summary())
    yield f"validated: {len(kg)} triples conform to the SHACL shapes"
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
