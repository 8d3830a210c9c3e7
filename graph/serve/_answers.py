"""``/answers/{name}``: a named question (graph.questions) over HTTP, as JSON or an escaped HTML
table, run on the named-query lane like a named query (its answers kept: the graph is fixed)."""

from __future__ import annotations

from starlette.requests import Request
from starlette.responses import Response

from graph._formats import HTML
from graph.serve._jobs import Job
from graph.serve._lanes import Lanes
from graph.serve._pages import CSP
from graph.serve._protocol import parse_accept
from graph.serve._requests import Refused, lane_errors, protocol_params

_STATUS = {"bad-query": 400, "unknown-query": 404, "too-large": 422, "busy": 503}


def _wants_html(accept: str | None) -> bool:
    ranked = parse_accept(accept)
    return bool(ranked) and ranked[0][0] in ("text/html", "application/xhtml+xml")


async def answers(request: Request) -> Response:
    """A named question over HTTP: ``/answers/hosts?as_of=2025-06`` (JSON, or HTML for a browser),
    run on the named-query lane like a named query."""
    options = request.app.state.options
    params = await protocol_params(request, options)
    values = [(k, v) for k, v in params if k != "format"]
    if len({k for k, _ in values}) != len(values):
        raise Refused(400, "give each parameter once")
    chosen = [v for k, v in params if k == "format"] or ["html" if _wants_html(request.headers.get("accept")) else "json"]
    if chosen[0] not in ("json", "html"):
        raise Refused(400, "format: json or html")
    lanes: Lanes = request.app.state.pool
    job = Job("answer", request.path_params["name"], tuple(values), select_format=chosen[0], graph_format=None)
    with lane_errors():
        reply = await lanes.named_query(job, options.timeout)
    lanes.budget.release(reply.reserved)
    if reply.status != "ok":
        raise Refused(_STATUS.get(reply.status, 500), reply.message)
    if chosen[0] == "html":
        return Response(reply.content(), media_type=HTML, headers={"Content-Security-Policy": CSP})
    return Response(reply.content(), media_type="application/json", headers={"X-Content-Type-Options": "nosniff"})
