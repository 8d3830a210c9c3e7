"""The explorer page: the package's own template with vis-network, the app and the data inlined.

The page loads nothing: scripts and styles are inlined, a Content-Security-Policy forbids any
request, and the data travels as JSON in a ``<script type="application/json">`` element whose
``<``, ``>`` and ``&`` are escaped, so no text in the data can close the element.
"""

from __future__ import annotations

import json
import re
from functools import cache
from importlib import resources
from typing import Any

from graph._csp import EXPLORER_PAGE
from graph.explorer._pack import pack
from graph.explorer._palette import css_variables
from graph.explorer._view import KINDS

CSP = EXPLORER_PAGE
"""The page's Content-Security-Policy: inline scripts and styles, data: images, no requests."""

_MARKER = re.compile(r"/\*@([A-Z_]+)@\*/")
_JSON_ESCAPES = {"<": "\\u003c", ">": "\\u003e", "&": "\\u0026", "\u2028": "\\u2028", "\u2029": "\\u2029"}


def json_for_script(data: Any) -> str:
    """JSON text that is safe inside a ``<script>`` element: no ``<``, ``>`` or ``&`` left.

    >>> json_for_script({"label": "</script><img src=x>"})
    '{"label":"\\\\u003c/script\\\\u003e\\\\u003cimg src=x\\\\u003e"}'
    """
    text = json.dumps(data, ensure_ascii=False, separators=(",", ":"))
    return re.sub("[<>&\u2028\u2029]", lambda m: _JSON_ESCAPES[m.group(0)], text)


@cache
def _template(name: str) -> str:
    return resources.files("graph.explorer").joinpath("templates", name).read_text(encoding="utf-8")


def render_page(payload: dict[str, Any]) -> str:
    """The whole self-contained HTML page for a payload built by ``build_payload``."""
    from graph.explorer._vendor import vis_script  # here: ``python -m graph.explorer._vendor`` runs it

    parts = {
        "CSP": CSP,
        "STYLE": css_variables({k.key: k.color for k in KINDS})
        + _template("explorer.css")
        + _template("explorer-time.css"),
        "DATA": json_for_script(pack(payload)),
        "VIS": vis_script(),
        # The app's parts share one function scope in the page (see the template).
        "APP": _template("explorer-network.js")
        + _template("explorer-core.js")
        + _template("explorer-details.js")
        + _template("explorer-panels.js")
        + _template("explorer-time.js"),
    }
    # One pass over the template: text substituted in is never scanned for markers again.
    return _MARKER.sub(lambda m: parts[m.group(1)], _template("explorer.html"))
