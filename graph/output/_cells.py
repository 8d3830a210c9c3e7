"""What a terminal table shows in place of quotes: a ``Sources`` cell (how many sources, which
publishers), the quotes themselves under ``--evidence``, and the summary line of ``kg changes``."""

from __future__ import annotations

import re
from collections.abc import Sequence
from typing import Any

from graph.answers._types import Evidence

BASIS_FIELDS = ("basis", "to_basis", "from_basis")
"""Fields holding a basis: a table says it in a few words."""

EVIDENCE_FIELDS = ("evidence", "to_evidence", "from_evidence")
"""Fields holding quotes: a default table shows a ``sources`` column instead of them."""

SOURCES = "sources"
"""The column that counts an answer's sources and names their publishers."""

SHOWN_PUBLISHERS = 1
"""Publishers a ``Sources`` cell names (a primary one first); the others are counted (``+3``)."""

ROLE_EXCLUSIVITY = "role_exclusivity"
"""A table column: a role and its exclusivity in one cell (``hosts · exclusive``)."""

DERIVED = {SOURCES: "Sources", ROLE_EXCLUSIVITY: "Role"}
"""Columns a table makes from other fields, and their headers."""

STATUS_ORDER = ("amended", "added", "continued", "removed", "not restated", "unchanged")
"""The order of the statuses in ``kg changes``' summary line."""


def publisher(evidence: Evidence) -> str:
    """A publisher's short name: ``Udaipur Freelancer, AI & Machine Learning Blog`` -> ``Udaipur
    Freelancer``; the file name when the source names no publisher."""
    name = evidence.publisher or evidence.file
    return re.split(r" \(|, | - | — ", name, maxsplit=1)[0].strip() or name


def quotes_of(item: Any) -> tuple[Evidence, ...]:
    """The quotes behind an answer (the later side's for a change, the earlier's when removed)."""
    for field in EVIDENCE_FIELDS:
        found: tuple[Evidence, ...] = getattr(item, field, ())
        if found:
            return found
    return ()


def sources_cell(item: Any) -> str:
    """``5: OpenAI (primary) +3``: how many sources, then the first publisher (a primary one
    when there is one) and how many other publishers; empty when nothing is quoted."""
    evidence = quotes_of(item)
    if not evidence:
        return ""
    names: dict[str, bool] = {}
    for e in sorted(evidence, key=lambda e: not e.primary):
        names[publisher(e)] = names.get(publisher(e), False) or e.primary
    shown = [f"{n} (primary)" if p else n for n, p in list(names.items())[:SHOWN_PUBLISHERS]]
    more = f" +{len(names) - SHOWN_PUBLISHERS}" if len(names) > SHOWN_PUBLISHERS else ""
    count = len({e.source for e in evidence})
    return f"{count}: {', '.join(shown)}{more}"


def quotes_cell(evidence: Sequence[Evidence]) -> str:
    """The quotes, each after its publisher: ``OpenAI (primary): “…” | GadgetBond: “…”``."""
    return " | ".join(f"{publisher(e)}{' (primary)' if e.primary else ''}: “{e.quote}”" for e in evidence)


def role_cell(item: Any) -> str:
    """``hosts · exclusive``; the role alone where the sources do not say its exclusivity."""
    exclusivity = getattr(item, "exclusivity", None)
    return f"{item.role} · {exclusivity}" if exclusivity else str(item.role)


def basis_cell(basis: Any) -> str:
    """A basis in a few words: ``stated`` (the Sources cell shows whether a primary source says
    it), ``inferred (rule) · secondary only``, ``disputed``; the premises are ``kg sources ID``'s."""
    if basis is None:
        return ""
    text = f"{basis.kind} ({'; '.join(basis.rules)})" if basis.rules else str(basis.kind)
    return text + (" · secondary only" if basis.secondary_only and basis.kind != "stated" else "")


def named_files(item: Any, text: str) -> str:
    """``text`` with each quoted source's file name replaced by its publisher."""
    for e in getattr(item, "evidence", ()):
        text = text.replace(e.file, publisher(e))
    return text


TERMINAL_HIDDEN = frozenset({"rank"})
"""Columns a terminal table leaves out unless asked for (``--columns``): a statement's rank
(preferred, normal, deprecated) is for the data's keepers; JSON, CSV and notebooks keep it."""


def in_table(columns: Sequence[str], evidence: bool) -> list[str]:
    """The columns a terminal table shows: no ``rank``; the quote columns become ``sources``
    unless ``evidence``."""
    columns = [c for c in columns if c not in TERMINAL_HIDDEN]
    if evidence:
        return list(columns)
    shown: list[str] = []
    for c in columns:
        c = SOURCES if c in EVIDENCE_FIELDS else c
        if c == "exclusivity" and "role" in columns:
            continue  # shown with the role
        c = ROLE_EXCLUSIVITY if c == "role" and "exclusivity" in columns else c
        if c not in shown:
            shown.append(c)
    return shown


def status_summary(statuses: Sequence[str]) -> str:
    """``2 amended, 1 added, 7 unchanged``: how many clauses have each status."""
    counts = {s: statuses.count(s) for s in dict.fromkeys(statuses)}
    order = [s for s in STATUS_ORDER if s in counts] + [s for s in counts if s not in STATUS_ORDER]
    return ", ".join(f"{counts[s]} {s}" for s in order) or "no clauses"
