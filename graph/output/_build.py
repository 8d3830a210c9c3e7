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
    """Run the main job into ``out``; yields one progress line per step.

    Every file is written into a staging folder beside ``out`` and moved into ``out`` only when
    all of them are written, so a failed build (invalid data, a full disk, an interruption)
    leaves ``out`` as it was: never old and new files mixed.
    """
    import shutil
    import tempfile

    out = Path(out)
    try:
        out.parent.mkdir(parents=True, exist_ok=True)
        staging = Path(tempfile.mkdtemp(prefix=f".{out.name}.build-", dir=out.parent))
    except OSError as err:
        raise GraphError(f"{out}: cannot write: {err.strerror or err}") from None
    try:
        yield from _build_into(kg, staging, out)
        _publish(staging, out)
    finally:
        shutil.rmtree(staging, ignore_errors=True)


def _publish(staging: Path, out: Path) -> None:
    """Move every file of ``staging`` into ``out`` (each rename atomic)."""
    import os

    try:
        out.mkdir(parents=True, exist_ok=True)
        for item in sorted(staging.iterdir()):
            os.replace(item, out / item.name)
    except OSError as err:
        raise GraphError(f"{out}: cannot write: {err.strerror or err}") from None


def _build_into(kg: PartnershipGraph, staging: Path, out: Path) -> Iterator[str]:
    report = kg.validate()
    if not report.conforms:
        raise ValidationError(report.summary())
    write_atomic(staging / "validation.txt", report.summary() + "\n")
    yield f"validated: {len(kg)} triples conform to the SHACL shapes"
    yield _verified(kg)
    for fmt, name in (
        ("ttl", "partnership.ttl"),
        ("trig", "partnership.trig"),
        ("jsonld", "partnership.jsonld"),
        ("nq", "partnership.nq"),
    ):
        write_atomic(staging / name, kg.serialize(fmt))
    yield f"exported: {out}/partnership.{{ttl,trig,jsonld,nq}}"
    write_atomic(out / "void.ttl", _void(kg, out))
    yield f"described: {out}/void.ttl (VoID: counts, classes, vocabularies, the dumps)"
    found = headline_answers(kg)
    markdown = ["# Headline answers", ""]
    for question, items in found:
        markdown += [f"## {question}", "", "```", _table(items), "```", ""]
        markdown += ["What it rests on:", "", *_sources(items), ""]
    write_atomic(staging / "answers.md", "\n".join(markdown))
    write_atomic(
        staging / "answers.json",
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
    write_explorer(kg, staging / "explorer.html")
    yield f"explorer: {out / 'explorer.html'}"


def _void(kg: PartnershipGraph, out: Path) -> bytes:
    """The VoID description of the graph, its dumps the files just written."""
    import pyoxigraph as ox

    from graph._version import __version__
    from graph.linked._void import PREFIXES, statistics, void_triples

    dumps = [(out / f"partnership.{fmt}").resolve().as_uri() for fmt in ("ttl", "trig", "jsonld", "nq")]
    described = void_triples(statistics(kg.store), None, dumps, __version__)
    return ox.serialize(described, format=ox.RdfFormat.TURTLE, prefixes=PREFIXES) or b""


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
