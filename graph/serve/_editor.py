"""``kg serve``'s query editor: YASGUI (vendored, graph/serve/static/yasgui) on the ``/sparql`` page.

The page is what a browser gets at ``/sparql`` without a query: YASGUI pointed at this endpoint,
the project's prefixes in its first tab, a button per named query that opens it in a new tab,
result views (table, raw response, ...), and a permalink that keeps the query in the URL
fragment (``/sparql#query=...``, which YASGUI reads back when the page opens). Its scripts and
styles are files served from ``/static/``; its Content-Security-Policy lets it load and connect
to nothing but this server.
"""

from __future__ import annotations

import json
from collections.abc import Iterable
from functools import cache
from html import escape
from pathlib import Path

from starlette.requests import Request
from starlette.responses import Response

from graph._vocab import PREFIXES
from graph.serve._pages import EXAMPLE_QUERY
from graph.serve._requests import Refused
from graph.sparql._named import NamedQuery

YASGUI_VERSION = "4.6.2"
"""The version of @zazuko/yasgui vendored in graph/serve/static/yasgui (see its README.md)."""

STATIC = Path(__file__).parent / "static"
_FILES = {
    "yasgui/yasgui.min.js": "text/javascript; charset=utf-8",
    "yasgui/yasgui.min.css": "text/css; charset=utf-8",
    "sparql-editor.js": "text/javascript; charset=utf-8",
    "sparql-editor.css": "text/css; charset=utf-8",
}
"""The files ``/static/`` serves: only these, by name."""

EDITOR_CSP = (
    "default-src 'none'; script-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data:; "
    "font-src 'self' data:; connect-src 'self'; form-action 'self'; base-uri 'none'; frame-ancestors 'none'"
)
"""The editor page's policy: scripts, styles and requests from this server only (YASGUI sets
inline styles on its own elements, hence style-src 'unsafe-inline')."""


def _json_for_script(value: object) -> str:
    """JSON safe inside a ``<script type="application/json">`` block (no ``</script>`` can end it)."""
    return json.dumps(value, ensure_ascii=False).replace("<", "\\u003c").replace(">", "\\u003e")


def editor_page(endpoint: str, triples: int, queries: Iterable[NamedQuery]) -> str:
    """The ``/sparql`` page for a browser (see the module docstring)."""
    config = {
        "endpoint": endpoint,
        "prefixes": PREFIXES,
        "example": EXAMPLE_QUERY.split("\n\n", 1)[1],
        "queries": [{"name": q.name, "description": q.description, "text": q.text} for q in queries],
    }
    return (
        '<!DOCTYPE html>\n<html lang="en"><head><meta charset="utf-8">'
        '<meta name="viewport" content="width=device-width, initial-scale=1"><link rel="icon" href="data:,"><title>SPARQL editor</title>'
        '<link rel="stylesheet" href="static/yasgui/yasgui.min.css">'
        '<link rel="stylesheet" href="static/sparql-editor.css"></head><body>'
        "<header><h1>SPARQL editor</h1>"
        f'<p class="muted">{triples} triples; read-only. Endpoint <code>{escape(endpoint)}</code> '
        '(<a href="sparql?format=ttl">service description</a>) · <a href="./">named queries</a> · '
        '<a href="explore">explorer</a></p></header>'
        '<div id="named" aria-label="Named queries"></div>'
        '<p><button type="button" id="share">Permalink to this query</button></p>'
        '<input id="permalink" readonly hidden aria-label="Permalink">'
        '<div id="yasgui"></div>'
        f'<script type="application/json" id="kg-config">{_json_for_script(config)}</script>'
        '<script src="static/yasgui/yasgui.min.js"></script>'
        '<script src="static/sparql-editor.js"></script>'
        "</body></html>\n"
    )


@cache
def _read(name: str) -> bytes:
    return (STATIC / name).read_bytes()


async def static(request: Request) -> Response:
    """``/static/<name>``: one of the editor's files (404 for anything else)."""
    name = request.path_params["name"]
    if name not in _FILES:
        raise Refused(404, "no such file")
    return Response(
        _read(name),
        media_type=_FILES[name],
        headers={"Cache-Control": "public, max-age=86400", "X-Content-Type-Options": "nosniff"},
    )


__all__ = ["EDITOR_CSP", "YASGUI_VERSION", "editor_page", "static"]
