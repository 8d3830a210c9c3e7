"""``kg serve``: a read-only SPARQL 1.1 Protocol endpoint over the graph (Starlette + uvicorn).

Routes: ``/sparql`` (the endpoint: GET, POST form-encoded or ``application/sparql-query``; without
a query, the service description), ``/query/{name}`` (a named query, parameters bound as RDF
terms), ``/answers/{name}`` (a named question, graph.questions), ``/`` (the landing page), ``/explore`` (the explorer, when installed) and ``/id/<key>``
(each entity's page, Turtle, JSON-LD or N-Triples: graph.serve._entities).

Queries run in worker processes (graph.serve._pool) so that one slow query is stopped at its deadline
without blocking anything else. SPARQL Update and federated ``SERVICE`` calls are refused, and
requests and answers have size limits.
"""

from __future__ import annotations

import contextlib
import importlib.util
import tempfile
from collections.abc import AsyncIterator, Sequence
from dataclasses import dataclass
from typing import Any

import pyoxigraph as ox
from starlette.applications import Starlette
from starlette.middleware import Middleware
from starlette.middleware.cors import CORSMiddleware
from starlette.requests import Request
from starlette.responses import JSONResponse, Response
from starlette.routing import Route

from graph._csp import SERVED_EXPLORER
from graph._errors import GraphError
from graph._formats import HTML
from graph._version import __version__
from graph.serve._answers import answers
from graph.serve._editor import static
from graph.serve._entities import entity, small_job
from graph.serve._jobs import Job, Reply
from graph.serve._lanes import Lanes
from graph.serve._pages import CSP, error_page, landing_page
from graph.serve._pool import Busy, Source, prepare_source
from graph.serve._protocol import GRAPH_TYPES, SELECT_TYPES, negotiate, parse_accept, service_description
from graph.serve._requests import READ_ONLY, Refused, lane_errors, protocol_params
from graph.sparql import check_depth, check_grammar, is_update, uses_service

NO_SERVICE = "federated SERVICE calls are disabled on this endpoint"
NO_ISOLATION = (
    "cannot cut the query workers off the network here (unshare(CLONE_NEWNET) is not permitted), "
    "so a SERVICE call could reach other servers; run with --allow-network-fallback to serve anyway, "
    "refusing SERVICE by SPARQL grammar only"
)
_STATUS = {"bad-query": 400, "unknown-query": 404, "too-large": 422, "failed": 500}


@dataclass(frozen=True)
class ServeOptions:
    """How ``kg serve`` runs: data, address, and its safety limits."""

    data: tuple[str, ...] = ()
    store: str | None = None
    """A built on-disk store folder the workers open read-only (``kg serve --store``)."""
    corpus_only: bool = False  # the corpus documents' graph alone (--corpus-only: no reported facts)
    host: str = "127.0.0.1"
    port: int = 8765
    timeout: float = 5.0
    workers: int = 2
    max_request_bytes: int = 100_000
    max_result_bytes: int = 50_000_000
    cors: tuple[str, ...] = ()
    worker_memory: int | None = None
    """Each worker's address-space limit in bytes (RLIMIT_AS); None for half the machine's memory
    shared among the workers."""
    allow_network_fallback: bool = False
    """Serve even where workers cannot leave the network (SERVICE then refused by grammar only)."""
    header_timeout: float = 10.0
    """Seconds a client has to send a request's headers (and, after them, its body)."""
    write_timeout: float = 30.0
    """Seconds a client may stop reading an answer before its connection is dropped."""
    max_connections: int = 1000
    """Open connections at most (fewer if the file descriptor limit is lower)."""
    per_client: int | None = None
    """Ad-hoc queries one client address may have running or waiting; None for workers - 1."""
    answer_memory: int = 200_000_000
    """Bytes of large answers held at once while they are sent."""


def _wants_html(request: Request) -> bool:
    ranked = parse_accept(request.headers.get("accept"))
    return bool(ranked) and ranked[0][0] in ("text/html", "application/xhtml+xml")


def _html(body: str, status: int = 200) -> Response:
    return Response(body, status, media_type=HTML, headers={"Content-Security-Policy": CSP})


async def _refused(request: Request, exc: Exception) -> Response:
    """Render a Refused error as plain text (or a small page for browsers)."""
    assert isinstance(exc, Refused)
    if _wants_html(request):
        response = _html(error_page(exc.status, exc.message), exc.status)
    else:
        response = Response(exc.message + "\n", exc.status, media_type="text/plain; charset=utf-8")
    response.headers.update(exc.headers)
    return response


def _formats(request: Request, params: Sequence[tuple[str, str]]) -> tuple[str | None, str | None]:
    chosen = [v for k, v in params if k in ("format", "output")]
    select, graph = negotiate(request.headers.get("accept"), chosen)
    if select is None and graph is None:
        offered = ", ".join(
            sorted({t.split(";")[0] for t in (*SELECT_TYPES.values(), *GRAPH_TYPES.values())})
        )
        raise Refused(406, f"no acceptable format; this endpoint answers in {offered}")
    return select, graph


class Streamed(Response):
    """An answer written in blocks as the client reads them; its reserved bytes are freed after."""

    def __init__(self, reply: Reply, release: Any, media_type: str, headers: dict[str, str]) -> None:
        super().__init__(b"", 200, headers, media_type)
        self.headers["content-length"] = str(len(reply.body) + sum(len(p) for p in reply.parts))
        self.reply = reply
        self.release = release

    async def __call__(self, scope: Any, receive: Any, send: Any) -> None:
        try:
            await send(
                {"type": "http.response.start", "status": self.status_code, "headers": self.raw_headers}
            )
            for block in self.reply.blocks():
                await send({"type": "http.response.body", "body": block, "more_body": True})
            await send({"type": "http.response.body", "body": b"", "more_body": False})
        finally:
            self.release(self.reply.reserved)


async def _answer(request: Request, job: Job, timeout: float) -> Response:
    """Run a job in its lane and turn its reply into an HTTP response."""
    lanes: Lanes = request.app.state.pool
    with lane_errors():
        if job.kind == "named":
            reply = await lanes.named_query(job, timeout)
        else:
            reply = await lanes.sparql(job, request.client.host if request.client else "", timeout)
    if reply.status != "ok":
        lanes.budget.release(reply.reserved)
        _refuse(reply)
    if reply.fmt == "html":
        lanes.budget.release(reply.reserved)
        return _html(reply.content().decode("utf-8"))
    table = GRAPH_TYPES if reply.kind == "graph" else SELECT_TYPES
    return Streamed(reply, lanes.budget.release, table[reply.fmt], {"X-Content-Type-Options": "nosniff"})


def _refuse(reply: Reply) -> None:
    """Raise the Refused that an error reply stands for."""
    if reply.status == "failed":
        from graph.sparql import explain_network_failure

        message = explain_network_failure(reply.message)
        if message != reply.message:
            raise Refused(403, NO_SERVICE)
    if reply.status == "busy":
        raise Refused(503, reply.message + "; try again later", {"Retry-After": "2"})
    if reply.status == "unacceptable":
        table = GRAPH_TYPES if reply.kind == "graph" else SELECT_TYPES
        offered = ", ".join(t.split(";")[0] for t in table.values())
        raise Refused(406, f"a {reply.kind.upper()} answer is available as {offered}")
    raise Refused(_STATUS.get(reply.status, 500), reply.message)


async def sparql(request: Request) -> Response:
    """The SPARQL 1.1 Protocol endpoint (queries only), or its service description."""
    options: ServeOptions = request.app.state.options
    params = await protocol_params(request, options)
    if any(name == "update" for name, _ in params):
        raise Refused(403, READ_ONLY)
    queries = [value for name, value in params if name == "query"]
    if not queries:
        if request.method == "POST":
            raise Refused(400, "no query: send query=... or an application/sparql-query body")
        return await _description(request, params)
    if len(queries) > 1:
        raise Refused(400, "give exactly one query parameter")
    text = queries[0]
    if is_update(text):
        raise Refused(403, READ_ONLY)
    if uses_service(text):
        raise Refused(403, NO_SERVICE)
    try:
        check_depth(text)
    except GraphError as err:
        raise Refused(400, str(err)) from None
    if not request.app.state.pool.isolate:  # no network namespace: the grammar's verdict decides
        try:
            check_grammar(text)
        except GraphError as err:
            raise Refused(403, str(err)) from None
    select, graph = _formats(request, params)
    job = Job(
        "sparql",
        text,
        default_graphs=tuple(v for k, v in params if k == "default-graph-uri"),
        named_graphs=tuple(v for k, v in params if k == "named-graph-uri"),
        select_format=select,
        graph_format=graph,
    )
    return await _answer(request, job, options.timeout)


async def _description(request: Request, params: Sequence[tuple[str, str]]) -> Response:
    """The service description (RDF, with the VoID description), or the query editor for a browser."""
    options: ServeOptions = request.app.state.options
    endpoint = str(request.url_for("sparql"))
    triples = request.app.state.pool.triples
    _, fmt = _formats(request, params)
    if fmt == "html":
        from graph.serve._editor import EDITOR_CSP, editor_page
        from graph.sparql import named_queries

        page = editor_page(endpoint, triples, named_queries().values())
        return Response(page, media_type=HTML, headers={"Content-Security-Policy": EDITOR_CSP})
    fmt = fmt or "ttl"  # a client that accepts only results formats still gets the description
    state = request.app.state
    if getattr(state, "void", None) is None:  # counted by a worker once, then kept
        from graph.linked import void_triples

        counted = await small_job(request, Job("void", select_format=None, graph_format="nt"))
        stats = list(ox.parse(counted, format=ox.RdfFormat.N_TRIPLES))
        state.void = void_triples(stats, endpoint, (), __version__)
    body = service_description(endpoint, triples, options.timeout, fmt, state.void)
    return Response(body, media_type=GRAPH_TYPES[fmt])


async def named(request: Request) -> Response:
    """A named query over HTTP: ``/query/who-hosts-what?subject=Frontier``."""
    options: ServeOptions = request.app.state.options
    params = await protocol_params(request, options)
    values = [(k, v) for k, v in params if k not in ("format", "output")]
    seen = [k for k, _ in values]
    if len(set(seen)) != len(seen):
        raise Refused(400, "give each parameter once")
    select, graph = _formats(request, params)
    job = Job("named", request.path_params["name"], tuple(values), select_format=select, graph_format=graph)
    return await _answer(request, job, options.timeout)


async def index(request: Request) -> Response:
    """The landing page listing the questions and the named queries."""
    from graph.questions import registry
    from graph.sparql import named_queries

    explorer = importlib.util.find_spec("graph.explorer") is not None
    triples = request.app.state.pool.triples
    return _html(landing_page(named_queries().values(), registry().values(), triples, explorer))


async def explore(request: Request) -> Response:
    """The explorer page, built once by one worker however many ask, and kept."""
    lanes: Lanes = request.app.state.pool
    try:
        page = await lanes.explorer(max(request.app.state.options.timeout, 30.0))
    except Busy as err:
        raise Refused(503, str(err), {"Retry-After": "10"}) from None
    except GraphError as err:
        raise Refused(500, str(err)) from None
    return Response(
        page,
        media_type=HTML,
        headers={"Content-Security-Policy": SERVED_EXPLORER, "X-Content-Type-Options": "nosniff"},
    )


async def card(request: Request) -> Response:
    """``/card/hosts?as_of=2025-06`` (``arg=`` for each argument): an answer card, embeddable in
    any page (``embed=1``: the card alone, for the ``<iframe>``; else followed by that snippet)."""
    from graph._csp import STATIC_PAGE

    options: ServeOptions = request.app.state.options
    params = [(k, v) for k, v in await protocol_params(request, options) if k in ("arg", "as_of")]
    alone = request.query_params.get("embed") == "1"
    if not alone:
        params.append(("embed", str(request.url.include_query_params(embed="1"))))
    reply = await _answer(
        request, Job("card", request.path_params["question"], tuple(params)), options.timeout
    )
    reply.headers["Content-Security-Policy"] = STATIC_PAGE  # no frame-ancestors: it is made to embed
    return reply


async def health(request: Request) -> Response:
    """``/health``: the workers' state as JSON (``status`` ok, degraded or down; the last error)."""
    report = request.app.state.pool.health()
    return JSONResponse(report, status_code=200 if report["status"] != "down" else 503)


def create_app(options: ServeOptions, announce: bool = False, lanes: Lanes | None = None) -> Starlette:
    """The Starlette application.

    With ``lanes`` (started by the caller, who stops them: graph.serve._run) it serves them;
    without, its lifespan prepares the data and starts and stops its own. Workers leave the
    network unless the platform forbids it and ``allow_network_fallback`` is set.
    """

    @contextlib.asynccontextmanager
    async def lifespan(app: Starlette) -> AsyncIterator[None]:
        app.state.options = options
        if lanes is not None:
            app.state.pool = lanes
            if announce:
                announce_serving(options, lanes)
            yield
            return
        with tempfile.TemporaryDirectory(prefix="kg-serve-") as scratch:
            own = await start_lanes(options, scratch)
            try:
                app.state.pool = own
                yield
            finally:
                await own.close()

    middleware = []
    if options.cors:
        middleware.append(
            Middleware(
                CORSMiddleware,
                allow_origins=list(options.cors),
                allow_methods=["GET", "POST"],
                allow_headers=["Accept", "Content-Type"],
            )
        )
    routes = [
        Route("/", index, methods=["GET"]),
        Route("/sparql", sparql, methods=["GET", "POST"], name="sparql"),
        Route("/query/{name}", named, methods=["GET"]),
        Route("/answers/{name}", answers, methods=["GET"]),
        Route("/explore", explore, methods=["GET"]),
        Route("/card/{question}", card, methods=["GET"]),
        Route("/health", health, methods=["GET"]),
        Route("/id/{key:path}", entity, methods=["GET"]),
        Route("/static/{name:path}", static, methods=["GET"]),
    ]
    app = Starlette(
        routes=routes, middleware=middleware, lifespan=lifespan, exception_handlers={Refused: _refused}
    )
    return app


async def start_lanes(options: ServeOptions, scratch: str, source: Source | None = None) -> Lanes:
    """Fix the data the workers load (in ``scratch``, unless given) and start them."""
    import asyncio

    from graph.isolation import Isolation

    isolate = Isolation.available()
    if not isolate and not options.allow_network_fallback:
        raise GraphError(NO_ISOLATION)
    held = None
    if source is None:
        source, held = await asyncio.to_thread(prepare_source, options.data, options.store, scratch, options.corpus_only)
    assert source is not None
    lanes = Lanes(
        source,
        options.workers,
        options.max_result_bytes,
        options.worker_memory or _worker_memory(options.workers),
        isolate,
        options.answer_memory,
        options.per_client,
    )
    lanes.held = held  # a store generation's read lock, released when the lanes close
    await lanes.start()
    return lanes


def _worker_memory(workers: int) -> int:
    """Half of the machine's memory shared among the workers, at least 1 GiB each."""
    from graph.isolation import default_memory

    return max(2**30, default_memory() // max(1, workers))


def announce_serving(options: ServeOptions, lanes: Lanes) -> None:
    """The first line ``kg serve`` prints: where it listens and what it serves."""
    host = f"[{options.host}]" if ":" in options.host else options.host
    base = f"http://{host}:{options.port}"
    print(
        f"kg serve: {base}/ (SPARQL endpoint {base}/sparql; {lanes.triples} triples; "
        f"{lanes.size} workers; queries stopped after {options.timeout:g} s)",
        flush=True,
    )


__all__ = ["ServeOptions", "create_app", "start_lanes"]
