"""The main job: validate the graph, export it, answer the headline questions, write the explorer."""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path
from typing import TYPE_CHECKING, Any

from graph._errors import ValidationError
from graph._io import write_atomic
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


def headline_answers(kg: PartnershipGraph) -> list[tuple[str, list[Any]]]:
    """The headline questions and the library's answers to them."""
    out: list[tuple[str, list[Any]]] = []
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


def _table(items: list[Any]) -> str:
    if not items:
        return "(none)"
    first = items[0]
    if hasattr(first, "provider"):
        return answers(items, "table", ["provider", "role", "hosted", "exclusivity", "since_label"])
    if hasattr(first, "status"):
        return answers(items, "table", ["status", "clause_label", "differences"])
    return answers(items, "table", ["subject_label", "property", "claims"])


def _sources(items: list[Any]) -> list[str]:
    """One Markdown bullet per answer row: its first quote (primary first) and how many more."""
    lines = []
    for label, evidence in _row_evidence(items):
        if not evidence:
            lines.append(f"- {label}: no source states it")
            continue
        first = evidence[0]
        kind = "primary" if first.primary else "secondary"
        quote = " ".join(first.quote.split()).replace("`", "'")
        more = f" (+{len(evidence) - 1} more)" if len(evidence) > 1 else ""
        lines.append(f"- {label}: {first.publisher}, {kind}, `{first.file}`: “{quote}”{more}")
    return lines or ["- (no rows)"]


def _row_evidence(items: list[Any]) -> Iterator[tuple[str, tuple[Any, ...]]]:
    """Each row's label and evidence: a role's, the later side of a change, each claimed value."""
    for item in items:
        if hasattr(item, "provider"):
            yield f"{item.provider} {item.role} {item.hosted}", item.evidence
        elif hasattr(item, "status"):
            yield f"{item.clause_label} ({item.status})", item.to_evidence or item.from_evidence
        else:
            for claim in item.claims:
                yield f"{item.subject_label}, {item.property} {claim.value} ({claim.rank})", claim.evidence


def _one_line(items: list[Any]) -> str:
    if items and hasattr(items[0], "provider"):
        hosts = {
            f"{i.provider} ({i.exclusivity or 'exclusivity not stated'})" for i in items if i.role == "hosts"
        }
        return ", ".join(sorted(hosts))
    if items and hasattr(items[0], "status"):
        counts: dict[str, int] = {}
        for i in items:
            counts[i.status] = counts.get(i.status, 0) + 1
        return ", ".join(f"{n} {s}" for s, n in counts.items())
    return f"{len(items)} items"
