"""Everything the explorer page shows, computed once in Python by the library and embedded as JSON.

The page never works anything out for itself: who hosts what (now and as of each dated
agreement), the terms in force then, what changed between every ordered pair of agreements, the
timeline, the claims on which sources disagree and each node's evidence all come from ``PartnershipGraph``'s answers (``to_dict()``).
Evidence is stored once in a table and referred to by index, because the same quotes back many
answers.
"""

from __future__ import annotations

import dataclasses
import os
from concurrent.futures import ThreadPoolExecutor
from typing import TYPE_CHECKING, Any

import graph.explorer._palette as palette
from graph._errors import GraphError
from graph._version import __version__
from graph._vocab import KG, local_id, shorten
from graph.answers._basis import BasisReader
from graph.answers._horizon import horizon
from graph.answers._questions import evidence_for
from graph.answers._types import Answer, Basis, Change, Conflict, Evidence
from graph.checks._passages import Texts
from graph.explorer._lanes import bounded_label, time_payload
from graph.explorer._layout import layout
from graph.explorer._network import build_network, display_label, format_date
from graph.explorer._reported import mark_reported
from graph.explorer._view import KINDS, View, curated_view
from graph.output._export import raw_networkx
from graph.output._redline import redlines

if TYPE_CHECKING:
    from pathlib import Path

    from graph._graph import PartnershipGraph

_EVIDENCE_FIELDS = ("evidence", "from_evidence", "to_evidence")


class EvidenceTable:
    """Evidence quotes, each stored once; answers refer to them by position."""

    def __init__(self) -> None:
        self.items: list[dict[str, Any]] = []
        self._index: dict[Evidence, int] = {}

    def refs(self, evidence: tuple[Evidence, ...]) -> list[int]:
        """Positions of these quotes in the table, adding the new ones."""
        out = []
        for item in evidence:
            if item not in self._index:
                self._index[item] = len(self.items)
                self.items.append(dataclasses.asdict(item))
            out.append(self._index[item])
        return out

    def answer(self, answer: Answer) -> dict[str, Any]:
        """``answer.to_dict()`` with its evidence lists replaced by table positions (the quotes of
        its basis's premises too)."""
        data = answer.to_dict()
        for name in _EVIDENCE_FIELDS:
            if name in data:
                data[name] = self.refs(getattr(answer, name))
        for name in ("basis", "from_basis", "to_basis"):
            if isinstance(getattr(answer, name, None), Basis):
                data[name] = self.basis(getattr(answer, name))
        if "value_bases" in data:
            data["value_bases"] = [
                {**value.to_dict(), "basis": self.basis(value.basis)}
                for value in answer.value_bases  # type: ignore[attr-defined]
            ]
        return data

    def basis(self, basis: Basis) -> dict[str, Any]:
        """A basis as a dict, each premise's quotes as table positions."""
        data = basis.to_dict()
        for premise, out in zip(basis.premises, data["premises"]):
            out["evidence"] = self.refs(premise.evidence)
        return data


def build_payload(kg: PartnershipGraph, sources: Path | None = None) -> dict[str, Any]:
    """The explorer's data: the drawn network plus every precomputed answer its panels show.
    With ``sources`` (the folder of source texts), each quote carries the paragraph it stands in."""
    view = curated_view(raw_networkx(kg.backend))
    timeline = kg.timeline()
    agreements = [entry.agreement for entry in timeline]
    labels = {nid: display_label(node) for nid, node in view.nodes.items()}
    for entry in timeline:  # an undated agreement shows the dates it may have
        if entry.agreement in labels:
            labels[entry.agreement] = bounded_label(labels[entry.agreement], entry)
    network = build_network(view, labels, layout(view, labels, agreements))
    bases = BasisReader(kg.backend)
    table = EvidenceTable()
    info = _info(kg, view, table, bases)
    _mark_inferred(kg, network, info)
    mark_reported(network, info)
    changes = all_changes(kg, agreements, table)
    dated = snapshots(kg, timeline, table)
    monthly, time = time_payload(kg, timeline, table.answer, [s["key"] for s in dated])
    return {
        "meta": {
            "version": __version__,
            "triples": len(kg),
            "nodes": len(view.nodes),
            "edges": len(view.edges),
        },
        "kinds": [{"key": k.key, "label": k.label, "shape": k.shape, "color": k.color} for k in KINDS],
        "palette": palette.for_page(),
        "network": network,
        "info": info,
        "predicates": {edge.predicate: edge.label for edge in view.edges},
        "timeline": [{**entry.to_dict(), "date_label": format_date(entry.date)} for entry in timeline],
        "horizon": horizon(kg.backend),
        "hosts": [table.answer(role) for role in kg.hosts()],
        "snapshots": dated + monthly,
        "time": time,
        "changes": changes,
        "redlines": redlines(changes, {nid: node["label"] for nid, node in info.items()}),
        "default_pair": default_pair(agreements, changes),
        "conflicts": [conflict_payload(c, table) for c in kg.conflicts()],
        "evidence": with_passages(table.items, sources),
    }


def with_passages(items: list[dict[str, Any]], sources: Path | None) -> list[dict[str, Any]]:
    """The evidence items, each with its ``passage`` (before, match, after) when its text is in ``sources``."""
    if sources is not None:
        texts = Texts(sources)
        for item in items:
            passage = texts.paragraph(item["file"], item["quote"])
            if passage is not None:
                item["passage"] = dataclasses.asdict(passage)
    return items


def _info(
    kg: PartnershipGraph, view: View, table: EvidenceTable, bases: BasisReader
) -> dict[str, dict[str, Any]]:
    """What the details panel shows for each node: label, type, attributes, evidence and basis
    (with the reasoning and premises of an inferred fact, and the values with a basis of their own)."""
    out = {}
    for nid, node in view.nodes.items():
        recorded = bases.recorded(node.iri)
        out[nid] = {
            "label": node.label,
            "kind": node.kind,
            "type": node.type_label,
            "iri": node.iri,
            "alt": list(node.alt_labels),
            "attributes": [list(pair) for pair in node.attributes],
            "evidence": table.refs(evidence_for(kg.backend, node.iri)),
            "basis": table.basis(bases.basis(node.iri)) if recorded else None,
            "value_bases": [
                {**value.to_dict(), "basis": table.basis(value.basis)}
                for value in bases.value_bases(node.iri)
            ],
        }
    return out


_INFERRED_LINKS = f"""SELECT ?subject ?property ?object WHERE {{
  ?claim <{KG}claimSubject> ?subject ; <{KG}claimProperty> ?property ; <{KG}claimObject> ?object ;
         <{KG}basis> <{KG}Inferred> .
}}"""


def _mark_inferred(kg: PartnershipGraph, network: dict[str, Any], info: dict[str, dict[str, Any]]) -> None:
    """Draw inferred facts dotted (the page keeps the same style), and dashed with the title
    "(inferred)" each link whose value an inferred claim gives."""
    for node in network["nodes"]:
        basis = info[node["id"]]["basis"]
        if basis and basis["kind"] == "inferred":
            node["shapeProperties"] = {"borderDashes": [2, 3]}
            node["borderWidth"] = 2
            node["title"] = f"{node.get('title', '')} (inferred)".strip()
    inferred = {
        f"{local_id(r['subject'])}|{shorten(r['property'])}|{local_id(r['object'])}"
        for r in kg.backend.query(_INFERRED_LINKS, {}).values()
    }
    for edge in network["edges"]:
        if edge.get("id") in inferred:
            edge["dashes"] = [3, 3]
            edge["inferred"] = True
            edge["title"] = f"{edge.get('title', '')} (inferred)".strip()


def conflict_payload(conflict: Conflict, table: EvidenceTable) -> dict[str, Any]:
    """``conflict.to_dict()`` with each claim's evidence as table positions and its value readable."""
    data = conflict.to_dict()
    for claim, out in zip(conflict.claims, data["claims"]):
        out["evidence"] = table.refs(claim.evidence)
        out["value_label"] = format_date(claim.value) if conflict.property == "date" else claim.value
    return data


def snapshots(kg: PartnershipGraph, timeline: list[Any], table: EvidenceTable) -> list[dict[str, Any]]:
    """For each date an agreement is dated to: the terms then in force and who hosted what."""
    dates: dict[str, list[str]] = {}
    for entry in timeline:
        if entry.date:
            dates.setdefault(entry.date, []).append(entry.agreement)
    out = []
    for date, agreements in dates.items():
        out.append(
            {
                "key": date,
                "label": format_date(date),
                "agreements": agreements,
                "terms": [table.answer(t) for t in kg.terms(date)],
                "hosts": [table.answer(h) for h in kg.hosts(as_of=date)],
            }
        )
    return out


def all_changes(kg: PartnershipGraph, agreements: list[str], table: EvidenceTable) -> dict[str, Any]:
    """``kg.changes(a, b)`` for every ordered pair of agreements, keyed ``"a|b"``.

    The store answers queries without holding the GIL, so the pairs run on a few threads; the
    results are interned in pair order, so the page is the same whatever the timing.
    """
    pairs = [(a, b) for a in agreements for b in agreements if a != b]

    def one(pair: tuple[str, str]) -> list[Change] | GraphError:
        try:
            return kg.changes(*pair)
        except GraphError as err:
            return err

    with ThreadPoolExecutor(max_workers=min(4, os.cpu_count() or 1)) as pool:
        found = list(pool.map(one, pairs))
    return {
        f"{a}|{b}": {"error": str(result)}
        if isinstance(result, GraphError)
        else [table.answer(c) for c in result]
        for (a, b), result in zip(pairs, found)
    }


def default_pair(agreements: list[str], changes: dict[str, Any]) -> list[str]:
    """The pair the changes panel opens on: the earlier-to-later pair with the most amendments."""
    best: tuple[tuple[int, int], list[str]] | None = None
    for i, a in enumerate(agreements):
        for b in agreements[i + 1 :]:
            found = changes.get(f"{a}|{b}")
            if not isinstance(found, list):
                continue
            # (An amendment both agreements state: one side alone is a clause amended before.)
            amended = sum(1 for c in found if c["status"] == "amended" and c["from_term"] and c["to_term"])
            moved = sum(1 for c in found if c["status"] in ("added", "removed"))
            if best is None or (amended, moved) > best[0]:
                best = ((amended, moved), [a, b])
    if best is not None:
        return best[1]
    return agreements[:2]
