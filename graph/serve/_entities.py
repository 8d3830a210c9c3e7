"""``kg serve``'s entity documents: ``/id/<key>`` answers for ``https://w3id.org/partnership-kg/id/<key>``.

Content negotiation picks the form (graph.linked._document): an HTML page for browsers, Turtle,
JSON-LD or N-Triples for clients that ask; ``?format=ttl`` or a suffix (``/id/<key>.ttl``) asks
explicitly, as the files ``kg publish`` writes are named. A worker reads the description from
the store by pattern (graph.linked._describe); this process only renders it.
"""

from __future__ import annotations

import pyoxigraph as ox
from starlette.requests import Request
from starlette.responses import Response

from graph._csp import SERVER_PAGES
from graph.linked import ACCEPTED, MEDIA_TYPES, entity_iri, render_document
from graph.serve._jobs import Job, Reply
from graph.serve._lanes import Lanes
from graph.serve._protocol import parse_accept
from graph.serve._requests import Refused, lane_errors


def choose_form(accept: str | None) -> str | None:
    """The form an Accept header asks for (``*/*`` gets the page), or None if none is offered.

    >>> choose_form("text/turtle;q=0.9, application/ld+json"), choose_form(None), choose_form("image/png")
    ('jsonld', 'html', None)
    """
    for media, quality in parse_accept(accept):
        if quality <= 0:
            continue
        if media in ("*/*", "text/*"):
            return "html"
        if media == "application/*":
            return "jsonld"
        if media in ACCEPTED:
            return ACCEPTED[media]
    return None


def split_key(path: str) -> tuple[str, str | None]:
    """An entity key and the form its suffix names (``x.ttl`` -> ``('x', 'ttl')``), else no form.

    >>> split_key("agreement-2019.jsonld"), split_key("agreement-2019")
    (('agreement-2019', 'jsonld'), ('agreement-2019', None))
    """
    stem, dot, suffix = path.rpartition(".")
    if dot and suffix in MEDIA_TYPES:
        return stem, suffix
    return path, None


async def small_job(request: Request, job: Job) -> bytes:
    """Run a small, fixed job (an entity's description, the VoID counts) on the named-query lane,
    whose answers are kept: the graph does not change while the server runs."""
    lanes: Lanes = request.app.state.pool
    with lane_errors():
        reply: Reply = await lanes.named_query(job, max(request.app.state.options.timeout, 30.0))
    lanes.budget.release(reply.reserved)
    if reply.status != "ok":
        raise Refused(500, reply.message)
    return reply.content()


async def entity(request: Request) -> Response:
    """One entity's document, in the form the client asks for."""
    key, form = split_key(request.path_params["key"])
    asked = request.query_params.get("format")
    if asked is not None:
        if asked not in MEDIA_TYPES:
            raise Refused(400, f"format={asked[:40]!r}: accepted values are {', '.join(MEDIA_TYPES)}")
        form = asked
    iri = entity_iri(key)
    if iri is None:
        raise Refused(404, "no such entity: an entity key is letters, digits, '.', '_', '~' and '-'")
    if form is None:
        form = choose_form(request.headers.get("accept"))
        if form is None:
            raise Refused(
                406, f"an entity is available as {', '.join(m.split(';')[0] for m in MEDIA_TYPES.values())}"
            )
    described = await small_job(request, Job("describe", iri, select_format=None, graph_format="nt"))
    triples = list(ox.parse(described, format=ox.RdfFormat.N_TRIPLES))
    if not triples:
        raise Refused(404, f"no entity {key} in this graph")
    headers = {"Vary": "Accept", "X-Content-Type-Options": "nosniff"}
    if form == "html":
        headers["Content-Security-Policy"] = SERVER_PAGES
    return Response(render_document(form, triples, key), media_type=MEDIA_TYPES[form], headers=headers)


__all__ = ["choose_form", "entity", "small_job", "split_key"]
