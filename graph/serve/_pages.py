"""The few HTML pages of ``kg serve``: the landing page, result tables, errors (the query editor
is graph.serve._editor).

Pages are self-contained (inline CSS, no scripts, no fonts or images from elsewhere) and every
value written into them goes through ``html.escape``.
"""

from __future__ import annotations

import urllib.parse
from collections.abc import Iterable
from html import escape

from graph._csp import SERVER_PAGES
from graph.sparql._named import NamedQuery
from graph.sparql._result import QueryResult
from graph.sparql._terms import display

CSP = SERVER_PAGES
"""Content-Security-Policy of these pages: nothing is loaded from anywhere."""

_STYLE = """
body{font:15px/1.45 system-ui,sans-serif;margin:2rem auto;max-width:72rem;padding:0 1rem;color:#222}
h1{font-size:1.4rem}h2{font-size:1.1rem;margin-top:1.6rem}code,textarea,pre{font-family:ui-monospace,monospace}
table{border-collapse:collapse;font-size:13px}td,th{border:1px solid #ccc;padding:.25rem .45rem;
vertical-align:top;text-align:left}th{background:#f3f3f3}section{border-top:1px solid #ddd;padding:.3rem 0}
textarea{width:100%;height:14rem}label{margin-right:.8rem}.muted{color:#666}.error{color:#a00}
"""

EXAMPLE_QUERY = """PREFIX kg: <https://w3id.org/partnership-kg/ns#>
PREFIX rdfs: <http://www.w3.org/2000/01/rdf-schema#>
PREFIX skos: <http://www.w3.org/2004/02/skos/core#>

SELECT ?provider ?hosted ?exclusivity WHERE {
  ?role a kg:CloudRole ; kg:provider/rdfs:label ?provider ; kg:hostedThing/rdfs:label ?hosted .
  OPTIONAL { ?role kg:roleExclusivity/skos:prefLabel ?exclusivity }
}
ORDER BY ?provider ?hosted"""

EXAMPLES: dict[str, dict[str, str]] = {
    "who-hosts-what": {"subject": "Frontier"},
    "what-changed": {"from": "agreement-2025-10", "to": "agreement-2026-02-27"},
    "terms-as-of": {"asOf": "2026-03"},
    "sources-for": {"entity": "Frontier"},
    "partners-of": {"org": "OpenAI"},
    "clauses-of": {"agreement": "agreement-2026-02-27"},
}
"""Example parameter values offered on the landing page."""


def page(title: str, body: str) -> str:
    """A complete HTML document around an already-escaped body."""
    return (
        '<!DOCTYPE html>\n<html lang="en"><head><meta charset="utf-8">'
        '<meta name="viewport" content="width=device-width, initial-scale=1">'
        f"<title>{escape(title)}</title><style>{_STYLE}</style></head>"
        f"<body>{body}</body></html>\n"
    )


def landing_page(queries: Iterable[NamedQuery], triples: int, explorer: bool) -> str:
    """The index: what this server is, links to the endpoint and explorer, and every named query."""
    parts = [
        "<h1>Microsoft–OpenAI partnership knowledge graph</h1>",
        f'<p>{triples} triples. SPARQL 1.1 endpoint: <a href="sparql"><code>/sparql</code></a> '
        "(GET or POST <code>query=</code>; read-only). "
        + ('<a href="explore">Explore the graph</a>.' if explorer else "")
        + "</p>",
        "<h2>Named queries</h2>",
    ]
    for query in queries:
        parts.append(_query_section(query))
    return page("Partnership knowledge graph", "".join(parts))


def _query_section(query: NamedQuery) -> str:
    """One named query: description, a form with its parameters, and a runnable example link."""
    action = "query/" + urllib.parse.quote(query.name)
    inputs = "".join(
        f"<label>{escape(p.name)}{' *' if p.required else ''} "
        f'<input name="{escape(p.name)}" title="{escape(p.description)}"'
        f"{' required' if p.required else ''}></label>"
        for p in query.parameters
    )
    formats = "".join(f'<option value="{f}">{f}</option>' for f in ("html", "json", "csv", "tsv", "xml"))
    example = EXAMPLES.get(query.name, {})
    link = action + ("?" + urllib.parse.urlencode(example) if example else "")
    label = "run" if not example else "example: " + ", ".join(f"{k}={v}" for k, v in example.items())
    return (
        f"<section><h3><code>{escape(query.name)}</code></h3><p>{escape(query.description)}</p>"
        f'<p><a href="{escape(link)}">{escape(label)}</a></p>'
        f'<form method="get" action="{escape(action)}">{inputs}'
        f'<label>format <select name="format">{formats}</select></label><button>Run</button></form></section>'
    )


def result_page(result: QueryResult, max_rows: int) -> str:
    """A query answer as an HTML table (at most ``max_rows`` rows shown)."""
    if result.kind == "ask":
        return page("Answer", f"<p>Answer: <strong>{escape(str(result.boolean).lower())}</strong></p>")
    if result.kind == "graph":
        header = ["subject", "predicate", "object"]
        rows = [(t.subject, t.predicate, t.object) for t in result.triples()]
    else:
        header, rows = result.variables, result.rows
    shown = rows[:max_rows]
    head = "".join(f"<th>{escape(h)}</th>" for h in header)
    body = "".join("<tr>" + "".join(f"<td>{escape(display(t))}</td>" for t in row) + "</tr>" for row in shown)
    note = f"{len(rows)} row(s)" + (f", first {max_rows} shown" if len(rows) > max_rows else "")
    return page("Results", f'<p class="muted">{note}</p><table><tr>{head}</tr>{body}</table>')


def error_page(status: int, message: str) -> str:
    """An error as a small page."""
    return page(f"Error {status}", f'<h1>Error {status}</h1><pre class="error">{escape(message)}</pre>')


__all__ = ["CSP", "EXAMPLES", "error_page", "landing_page", "page", "result_page"]
