"""The vis-network data for the curated view, built with pyvis: labels, shapes, colours, positions.

pyvis assembles the node and edge records and the options; the explorer's own template draws
them (pyvis's template loads Bootstrap and Tom Select from CDNs, which an offline page cannot).
Every text here is plain: vis-network draws labels on a canvas and puts ``title`` tooltips in
with ``innerText``, so nothing in a label is ever parsed as HTML.
"""

from __future__ import annotations

import json
import re
from typing import Any

from graph._dates import DateSpec
from graph._errors import ParameterError
from graph.explorer._layout import SIZES, Layout
from graph.explorer._palette import ACCENT, EDGE, INK
from graph.explorer._view import KINDS, View, ViewNode

FONT = "system-ui, -apple-system, 'Segoe UI', Roboto, 'Helvetica Neue', Arial, sans-serif"
LARGE = 1500
"""From this many nodes on, edges are hidden while dragging or zooming, and labels sooner."""

_MONTHS = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"]
_MAX_LABEL = {"term": 54, "product": 70, "partnership": 48}


def format_date(value: str | None) -> str:
    """``2025-10`` → ``Oct 2025``, ``2026-02-27`` → ``27 Feb 2026``; other text unchanged.

    >>> format_date("2026-02-27"), format_date("2025-10"), format_date("2019"), format_date(None)
    ('27 Feb 2026', 'Oct 2025', '2019', 'undated')
    """
    if not value:
        return "undated"
    try:
        spec = DateSpec.parse(value)
    except ParameterError:
        return value
    day = spec.start
    if spec.precision == "day":
        return f"{day.day} {_MONTHS[day.month - 1]} {day.year}"
    if spec.precision == "month":
        return f"{_MONTHS[day.month - 1]} {day.year}"
    return str(day.year)


def clip(text: str, limit: int) -> str:
    """Cut a long label at a word boundary, with an ellipsis.

    >>> clip("Exclusive IP license through 2032 (October 2025)", 30)
    'Exclusive IP license through…'
    """
    if len(text) <= limit:
        return text
    cut = text[: limit - 1].rsplit(" ", 1)[0].rstrip(" ,;:(")
    return cut + "…"


def display_label(node: ViewNode) -> str:
    """The text drawn on a node: short, with the full label in its tooltip and details panel."""
    attrs = dict(node.attributes)
    if node.kind == "agreement":
        return f"{node.label}\n{format_date(attrs.get('date'))}"
    if node.kind == "role":  # its label names the provider and the thing: "Azure hosts ... (exclusive)"
        parts = [clip(node.label, 90)]
        if attrs.get("rank") == "deprecated" and "superseded" not in node.label:
            parts.append("superseded")
        return " · ".join(parts)
    label = node.label
    if node.kind == "term":  # the column already says which agreement
        label = re.sub(r"\s*\([^()]*\)$", "", label) or label
    return clip(label, _MAX_LABEL.get(node.kind, 90))


def tooltip(node: ViewNode) -> str:
    """Plain-text hover text for a node."""
    return f"{node.label}\n{node.type_label}"


def group_styles() -> dict[str, dict[str, Any]]:
    """vis-network groups, one per kind: shape, colours, font and size."""
    groups = {}
    for kind in KINDS:
        sizing = SIZES[kind.key]
        style: dict[str, Any] = {
            "shape": kind.shape,
            "color": _colour(kind.color, kind.key),
            "font": {"size": sizing.font, "color": kind.font_color, "face": FONT},
            "borderWidth": 1,
        }
        if sizing.below:
            style["size"] = 11
        else:
            style["margin"] = sizing.margin
        groups[kind.key] = style
    return groups


def build_network(view: View, labels: dict[str, str], placed: Layout) -> dict[str, Any]:
    """Nodes, edges and options for vis-network, assembled by a pyvis ``Network``.

    Each node names its kind as its vis-network group, which carries the style; the shape is
    repeated on the node because pyvis would otherwise set its own default ("dot"). Links that
    are not drawn at first are marked ``hidden``; the page adds them when one of their ends is
    selected.
    """
    from pyvis.network import Network

    shapes = {k.key: k.shape for k in KINDS}
    net = Network(directed=True, cdn_resources="in_line")
    for nid, node in view.nodes.items():
        x, y = placed.positions[nid]
        extra = {}
        if may_wrap(node.kind, labels[nid]):  # wrapping costs vis-network a measurement per word
            extra["widthConstraint"] = {"maximum": SIZES[node.kind].max_width}
        net.add_node(
            nid,
            label=labels[nid],
            shape=shapes[node.kind],
            group=node.kind,
            x=x,
            y=y,
            title=tooltip(node),
            **extra,
        )
    for edge in view.edges:
        net.add_edge(
            edge.source,
            edge.target,
            id=edge.id,
            title=edge.label,
            hidden=not (edge.visible or edge.id in placed.shown_clause_links),
        )
    large = len(view.nodes) >= LARGE
    net.options = {
        "autoResize": True,
        "physics": {"enabled": False},
        "layout": {"improvedLayout": False, "randomSeed": 7},
        "groups": group_styles(),
        "interaction": {
            "hover": not large,
            "tooltipDelay": 120,
            "hideEdgesOnDrag": large,
            "hideEdgesOnZoom": large,
            "multiselect": False,
            "navigationButtons": False,
            "keyboard": {"enabled": True, "bindToWindow": False},
        },
        "nodes": {
            "shapeProperties": {"borderRadius": 5, "interpolation": False},
            "labelHighlightBold": False,
            "scaling": {"label": {"drawThreshold": 7 if large else 3}},
            "chosen": True,
        },
        "edges": {
            "smooth": False,
            "arrows": {"to": {"enabled": True, "scaleFactor": 0.45}},
            "color": {"color": EDGE, "highlight": ACCENT, "hover": ACCENT, "opacity": 0.9},
            "width": 1.1,
            "selectionWidth": 1.4,
            "hoverWidth": 0.6,
        },
    }
    nodes, edges, _heading, _height, _width, options = net.get_network_data()
    for edge in edges:
        del edge["arrows"]  # pyvis marks every edge of a directed network; the options already do
    return {"nodes": nodes, "edges": edges, "options": json.loads(options)}


def may_wrap(kind: str, label: str) -> bool:
    """Whether any line of a label could be wider than its kind allows (no glyph is wider than 1 em).

    >>> may_wrap("term", "AGI"), may_wrap("term", "Exclusive IP license through 2032")
    (False, True)
    """
    sizing = SIZES[kind]
    return max(len(line) for line in label.split("\n")) * sizing.font > sizing.max_width


def _colour(fill: str, kind: str) -> dict[str, Any]:
    border = INK if kind in ("agreement", "role") else _darker(fill)
    if kind == "clause":
        return {"background": "rgba(0,0,0,0)", "border": "rgba(0,0,0,0)"}
    return {
        "background": fill,
        "border": border,
        "highlight": {"background": fill, "border": ACCENT},
        "hover": {"background": fill, "border": ACCENT},
    }


def _darker(hex_colour: str, factor: float = 0.62) -> str:
    """A darker shade of ``#rrggbb`` for borders.

    >>> _darker("#ffffff")
    '#9e9e9e'
    """
    r, g, b = (int(hex_colour[i : i + 2], 16) for i in (1, 3, 5))
    return "#" + "".join(f"{int(c * factor):02x}" for c in (r, g, b))
