"""How the explorer shows facts reported outside the corpus: drawn in a style of their own
(a long-dashed, thick border), with "(reported)" in their title; the details panel lists the
citations (graph/explorer/templates/explorer-details.js)."""

from __future__ import annotations

from typing import Any

REPORTED_BORDER = [8, 3]
"""The border dashes of a reported fact (inferred facts are dotted, [2, 3])."""


def mark_reported(network: dict[str, Any], info: dict[str, dict[str, Any]]) -> None:
    """Give every reported node the reported style and title."""
    for node in network["nodes"]:
        basis = info[node["id"]]["basis"]
        if basis and basis["kind"] == "reported":
            node["shapeProperties"] = {"borderDashes": REPORTED_BORDER}
            node["borderWidth"] = 3
            node["reported"] = True
            node["title"] = f"{node.get('title', '')} (reported)".strip()
