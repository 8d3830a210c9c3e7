"""changes: how each clause differs between two agreements (ids, names or dates)."""

from __future__ import annotations

from collections import OrderedDict
from collections.abc import Mapping, Sequence
from typing import TYPE_CHECKING, Any

import pyoxigraph as ox

from graph._dates import DateSpec, date_text
from graph._errors import ParameterError
from graph._resolve import partnership_iri, resolve_agreement, undated_between
from graph._vocab import local_id
from graph.answers import AttributeChange, BasisReader, Change
from graph.questions._question import Param, Question
from graph.questions._rows import id_or_none, notes, rows

if TYPE_CHECKING:
    from graph.store import Backend

_ORDER = {"amended": 0, "added": 1, "continued": 2, "removed": 3, "unchanged": 4, "not restated": 5}


def build(backend: Backend, from_: str, to: str, partnership: str | None = None) -> list[Change]:
    """Rows of what-changed, one Change per clause with its differing attributes (either end may
    be a ``datetime.date``)."""
    from_, to = (value if isinstance(value, str) else date_text(value) for value in (from_, to))
    p = partnership_iri(backend, partnership) if partnership else None
    source = resolve_agreement(backend, from_, p)
    target = resolve_agreement(backend, to, p)
    found = rows(backend, "what-changed", {"from": ox.NamedNode(source), "to": ox.NamedNode(target)})
    backwards = bool(found) and found[0]["reversed"] == "true"
    earlier, later = (target, source) if backwards else (source, target)
    between = tuple(undated_between(backend, earlier, later, _as_date(from_ if backwards else to, later)))
    by_clause: OrderedDict[str, list[dict[str, Any]]] = OrderedDict()
    for r in found:
        by_clause.setdefault(r["clause"], []).append(r)
    terms = [t for r in found for t in (r["fromTerm"], r["toTerm"]) if t]
    bases = BasisReader(backend).prefetch(terms, values=False)
    result = []
    for clause, group in by_clause.items():
        first = group[0]
        diffs = tuple(
            AttributeChange(r["attributeLabel"] or local_id(r["attribute"]), r["oldValue"], r["newValue"])
            for r in group
            if r["attribute"]
        )
        result.append(
            Change(
                clause=local_id(clause),
                clause_label=first["clauseLabel"],
                status=first["status"],
                from_term=id_or_none(first["fromTerm"]),
                to_term=id_or_none(first["toTerm"]),
                change_note=notes(first["changeNote"]),
                differences=diffs,
                from_evidence=bases.evidence(first["fromTerm"]) if first["fromTerm"] else (),
                to_evidence=bases.evidence(first["toTerm"]) if first["toTerm"] else (),
                from_basis=bases.basis(first["fromTerm"]) if first["fromTerm"] else None,
                to_basis=bases.basis(first["toTerm"]) if first["toTerm"] else None,
                reversed=first["reversed"] == "true",
                order_known=first["orderKnown"] != "false",
                from_agreement=local_id(source),
                to_agreement=local_id(target),
                may_fall_between=between,
            )
        )
    return sorted(result, key=lambda c: (_ORDER.get(c.status, 9), c.clause_label))


def _as_date(given: str, resolved: str) -> str | None:
    """``given`` when the user gave a date (which resolved to an agreement), else None."""
    if local_id(resolved) == given.strip() or resolved == given.strip():
        return None
    try:
        DateSpec.parse(given)
    except ParameterError:
        return None
    return given


def cases(backend: Backend) -> list[tuple[str, dict[str, str]]]:
    """Every ordered pair of agreements."""
    from graph.questions.timeline import build as timeline

    agreements = [e.agreement for e in timeline(backend)]
    return [(f"{a} -> {b}", {"from_": a, "to": b}) for a in agreements for b in agreements]


def said(answer: Sequence[Any], params: Mapping[str, Any]) -> list[str]:
    """What ``kg changes`` says on stderr: the agreement each date (or name) stood for, the
    undated agreements that may fall between, and an order the sources do not give."""
    if not answer:
        return []
    first, lines = answer[0], []
    said = [
        f"{given} is {found}"
        for given, found in ((params["from_"], first.from_agreement), (params["to"], first.to_agreement))
        if found and given.strip() != found
    ]
    if said:
        same = first.from_agreement == first.to_agreement
        itself = " (the same agreement: each clause is compared with itself)" if same else ""
        lines.append(f"{'; '.join(said)}{itself}")
    if first.may_fall_between:
        lines.append(
            f"warning: {', '.join(first.may_fall_between)} (undated) may fall between them;"
            " the changes do not include them"
        )
    if not first.order_known:
        lines.append(
            f"warning: the sources do not say whether {params['from_']} came before {params['to']};"
            " the changes assume it did"
        )
    return lines


QUESTION = Question(
    name="changes",
    summary="What changed between two agreements (ids, names or dates).",
    query="what-changed",
    answer=Change,
    build=build,
    params=(
        Param("from_", "earlier agreement: id, name or date", "agreement", True, True, "FROM"),
        Param("to", "later agreement: id, name or date", "agreement", True, True, "TO"),
        Param("partnership", "resolve dates in this partnership (default Microsoft–OpenAI)", "entity"),
    ),
    examples=(
        "kg changes 2025-10 2026-02-27",
        "kg changes agreement-multi-year-extension agreement-2025-10 --format json",
    ),
    query_examples=(
        {"from": "agreement-2025-10", "to": "agreement-2026-02-27"},
        {"from": "agreement-multi-year-extension", "to": "agreement-2025-10"},
        {"from": "agreement-2026-02-27", "to": "agreement-amended"},
    ),
    cases=cases,
    headlines=(
        (
            "What did the 27 Feb 2026 statement change in the October 2025 terms?",
            {"from_": "agreement-2025-10", "to": "agreement-2026-02-27"},
        ),
        (
            "What changed in Azure's exclusivity between the extension and October 2025?",
            {"from_": "agreement-multi-year-extension", "to": "agreement-2025-10"},
        ),
        ("What does the amended agreement change?", {"from_": "agreement-2026-02-27", "to": "agreement-amended"}),
    ),
    notes=said,
)
