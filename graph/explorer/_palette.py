"""The explorer's one palette: every colour the page uses, defined here and nowhere else.

The kinds' fills are those of graph.explorer._view.KINDS (which takes INK from here); the rest
(ink, accent, the statuses of a comparison) are below. The page gets them all from this module:
as CSS custom properties (``css_variables``) and in its JSON data (``for_page``), which the
script reads, so neither the stylesheet nor the script names a colour of its own.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

INK = "#1d2330"
MUTED = "#5b6576"
LINE = "#d9dee5"
PAPER = "#ffffff"
WASH = "#f4f6f9"
ACCENT = "#1f6feb"
"""Selection, hover and links."""
EDGE = "#9aa5b1"
FADED_TEXT = "#c3c9d2"
"""Labels of the nodes a view fades out."""
OLD_SIDE = "#fff4e0"
"""The earlier term of an amended clause."""

STATUSES: dict[str, dict[str, Any]] = {
    "amended": {
        "label": "amended (old → new)",
        "fill": "#ffe0ad",
        "border": "#e08a00",
        "width": 3,
        "font": "#8a5a00",
    },
    "added": {"label": "added", "fill": "#c8eed6", "border": "#2e9e5b", "width": 3, "font": "#1d6b3c"},
    "continued": {
        "label": "continued",
        "fill": "#dcebf7",
        "border": "#3b7dbf",
        "width": 1.5,
        "font": "#24507a",
    },
    "removed": {
        "label": "removed",
        "fill": "#f8d4d3",
        "border": "#d64541",
        "width": 3,
        "dashes": True,
        "font": "#9b2c2c",
    },
    "unchanged": {
        "label": "unchanged",
        "fill": "#e4e8ed",
        "border": "#8a94a3",
        "width": 1.5,
        "font": "#4a5463",
    },
    "not restated": {
        "label": "not restated",
        "fill": "#ffffff",
        "border": "#b8c0cc",
        "width": 1.5,
        "dashes": True,
        "font": "#5b6576",
    },
}
"""How each status of a comparison is drawn, in the order the legend and summaries list them."""


VERSIONS: dict[str, dict[str, str]] = {
    "exclusive": {"label": "exclusive", "fill": "#1f6feb", "text": "#ffffff"},
    "primary": {"label": "primary", "fill": "#6f42c1", "text": "#ffffff"},
    "non-exclusive": {"label": "non-exclusive", "fill": "#7fb3e6", "text": "#1d2330"},
    "unstated": {"label": "exclusivity not stated", "fill": "#b8c0cc", "text": "#1d2330"},
    "new": {"label": "new term", "fill": "#2e9e5b", "text": "#ffffff"},
    "amended": {"label": "amended", "fill": "#e08a00", "text": "#1d2330"},
    "continued": {"label": "continued", "fill": "#8a94a3", "text": "#ffffff"},
    "unchanged": {"label": "unchanged", "fill": "#a7b0bd", "text": "#1d2330"},
    "removed": {"label": "removed", "fill": "#d64541", "text": "#ffffff"},
}
"""The timeline's bars: a role's exclusivity, a term's change type."""

BASES: dict[str, dict[str, Any]] = {
    "stated": {"label": "stated", "stroke": INK, "dash": None},
    "inferred": {"label": "inferred: no quote states it", "stroke": INK, "dash": "2 3"},
    "disputed": {"label": "disputed: sources disagree", "stroke": "#d64541", "dash": "6 3"},
}
"""How a bar's outline says its basis, by basis kind (a kind not listed is drawn as ``stated``)."""


def css_variables(kinds: Mapping[str, str]) -> str:
    """The palette and the kinds' fills (key -> colour) as CSS custom properties on ``:root``.

    >>> css_variables({"cloud": "#5dade2"}).splitlines()[-2:]
    ['  --kind-cloud: #5dade2;', '}']
    """
    named = {
        "ink": INK,
        "muted": MUTED,
        "line": LINE,
        "paper": PAPER,
        "wash": WASH,
        "accent": ACCENT,
        **{("restated" if s == "not restated" else s): look["border"] for s, look in STATUSES.items()},
        **{f"{s}-text": look["font"] for s, look in STATUSES.items() if s in ("added", "amended", "removed")},
        **{f"kind-{key}": colour for key, colour in kinds.items()},
    }
    return ":root {\n" + "".join(f"  --{name}: {value};\n" for name, value in named.items()) + "}\n"


def for_page() -> dict[str, Any]:
    """The colours the page's script needs, for its JSON data."""
    return {
        "accent": ACCENT,
        "ink": INK,
        "paper": PAPER,  # under the stripes of a hatch
        "label_ground": "rgba(255,255,255,0.85)",  # under text drawn over a hatch
        "faded_text": FADED_TEXT,
        "old_side": OLD_SIDE,
        "statuses": STATUSES,
        "status_order": list(STATUSES),
        "versions": VERSIONS,
        "bases": BASES,
    }
