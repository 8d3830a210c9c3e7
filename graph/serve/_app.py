"""``kg serve``: a read-only SPARQL 1.1 Protocol endpoint over the graph (Starlette + uvicorn).

Routes: ``/sparql`` (the endpoint: GET, POST form-encoded or ``application/sparql-query``; without
a query, the service description), ``/query/{name}`` (a named query, parameters bound as RDF
terms), ``/`` (the landing page) and ``/explore`` (the explorer, when installed).

Queries run in worker processes (graph.serve._pool) so that one slow query is stopped at its deadline
without blocking anything else. SPARQL Update and federated ``SERVICE`` calls are refused, and
requests and answers have size limits.
"""

from __future__ import annotations

import asyncio
import contextlib
import dataclasses
import importlib.util
import socket
import sys
import tempfile
from collections.abc import AsyncIterator, Sequence
from dataclasses import dataclass

from starlette.applications import Starlette
from starlette.middleware import Middleware
from starlette.middleware.cors import CORSMiddleware
from starlette.requests import Request
from starlette.responses import JSONResponse, Response
from starlette.routing import Route

from graph._csp import SERVED_EXPLORER
from graph._errors import GraphError
from graph._formats import HTML
from graph.serve._jobs import Job, Reply
from graph.serve._pages import CSP, error_page, landing_page, query_form
from graph.serve._pool import Busy, Source, TimedOut, WorkerLost, WorkerPool, prepare_source
from graph.serve._protocol import GRAPH_TYPES, SELECT_TYPES, negotiate, parse_accept, service_description
from graph.serve._requests import READ_ONLY, Refused, protocol_params
from graph.sparql._guard import check_grammar
from graph.sparql._text import is_update, uses_service

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
    corpus_only: bool = False
    """Serve the corpus documents' graph alone, without the reported facts (``--corpus-only``)."""
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


async def _answer(request: Request, job: Job, timeout: float) -> Response:
    """Run a job on the worker pool and turn its reply into an HTTP response."""
    pool: WorkerPool = request.app.state.pool
    try:
        reply: Reply = await pool.run(job, timeout)
    except (Busy, TimedOut) as err:
        raise Refused(503, str(err), {"Retry-After": "2"}) from None
    except WorkerLost as err:
        raise Refused(500, str(err)) from None
    if reply.status == "failed":
        from graph.sparql._guard import explain_network_failure

        message = explain_network_failure(reply.message)
        if message != reply.message:
            raise Refused(403, NO_SERVICE)
    if reply.status == "unacceptable":
        table = GRAPH_TYPES if reply.kind == "graph" else SELECT_TYPES
        offered = ", ".join(t.split(";")[0] for t in table.values())
        raise Refused(406, f"a {reply.kind.upper()} answer is available as {offered}")
    if reply.status != "ok":
        raise Refused(_STATUS.get(reply.status, 500), reply.message)
    if reply.fmt == "html":
        return _html(reply.body.decode("utf-8"))
    table = GRAPH_TYPES if reply.kind == "graph" else SELECT_TYPES
    return Response(reply.body, media_type=table[reply.fmt], headers={"X-Content-Type-Options": "nosniff"})


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
        return _description(request, params)
    if len(queries) > 1:
        raise Refused(400, "give exactly one query parameter")
    text = queries[0]
    if is_update(text):
        raise Refused(403, READ_ONLY)
    if uses_service(text):
        raise Refused(403, NO_SERVICE)
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


def _description(request: Request, params: Sequence[tuple[str, str]]) -> Response:
    """The service description (RDF), or a query form for a browser."""
    options: ServeOptions = request.app.state.options
    endpoint = str(request.url_for("sparql"))
    triples = request.app.state.pool.triples
    _, fmt = _formats(request, params)
    if fmt == "html":
        return _html(query_form(endpoint, triples))
    fmt = fmt or "ttl"  # a client that accepts only results formats still gets the description
    return Response(service_description(endpoint, triples, options.timeout, fmt), media_type=GRAPH_TYPES[fmt])


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
    """The landing page listing the named queries."""
    from graph.sparql._named import named_queries

    explorer = importlib.util.find_spec("graph.explorer") is not None
    return _html(landing_page(named_queries().values(), request.app.state.pool.triples, explorer))


async def explore(request: Request) -> Response:
    """The explorer page, built by a worker on the first request and kept."""
    state = request.app.state
    if state.explorer is None:
        reply = await _answer(request, Job("explore"), max(state.options.timeout, 60.0))
        state.explorer = reply.body
    return Response(
        state.explorer,
        media_type=HTML,
        headers={"Content-Security-Policy": SERVED_EXPLORER, "X-Content-Type-Options": "nosniff"},
    )


async def health(request: Request) -> Response:
    """``/health``: the workers' state as JSON (``status`` ok, degraded or down; the last error)."""
    report = request.app.state.pool.health()
    return JSONResponse(report, status_code=200 if report["status"] != "down" else 503)


def create_app(options: ServeOptions, announce: bool = False, source: Source | None = None) -> Starlette:
    """The Starlette application; its lifespan starts and stops the worker processes.

    ``source`` is what the workers load (see graph.serve._pool.prepare_source); without it the
    lifespan prepares one. Workers leave the network unless the platform forbids it and
    ``allow_network_fallback`` is set.
    """
    from graph import _sandbox

    @contextlib.asynccontextmanager
    async def lifespan(app: Starlette) -> AsyncIterator[None]:
        isolate = _sandbox.network_can_be_cut()
        if not isolate and not options.allow_network_fallback:
            raise GraphError(NO_ISOLATION)
        with tempfile.TemporaryDirectory(prefix="kg-serve-") as scratch:
            held = None
            if source is not None:
                served = source
            else:
                served, held = await asyncio.to_thread(prepare_source, options.data, options.store, scratch, options.corpus_only)
            memory = options.worker_memory or _worker_memory(options.workers)
            pool = WorkerPool(served, options.workers, options.max_result_bytes, memory, isolate)
            try:
                await pool.start()
                app.state.pool = pool
                app.state.options = options
                app.state.explorer = None
                if announce:
                    _announce(options, pool)
                yield
            finally:
                await pool.close()
                if held is not None:
                    held.close()

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
        Route("/explore", explore, methods=["GET"]),
        Route("/health", health, methods=["GET"]),
    ]
    app = Starlette(
        routes=routes, middleware=middleware, lifespan=lifespan, exception_handlers={Refused: _refused}
    )
    return app


def _worker_memory(workers: int) -> int:
    """Half of the machine's memory shared among the workers, at least 1 GiB each."""
    from graph._supervise import default_memory

    return max(2**30, default_memory() // max(1, workers))


def _announce(options: ServeOptions, pool: WorkerPool) -> None:
    host = f"[{options.host}]" if ":" in options.host else options.host
    base = f"http://{host}:{options.port}"
    print(
        f"kg serve: {base}/ (SPARQL endpoint {base}/sparql; {pool.triples} triples; "
        f"{pool.size} workers; queries stopped after {options.timeout:g} s)",
        flush=True,
    )


def listen(host: str, port: int) -> socket.socket:
    """A listening socket (port 0 picks a free one); GraphError with the reason if that fails."""
    sock = None
    try:
        family, kind, proto, _, address = socket.getaddrinfo(host, port, type=socket.SOCK_STREAM)[0]
        sock = socket.socket(family, kind, proto)  # proto=TCP, so asyncio sets TCP_NODELAY on connections
        sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        sock.bind(address)
    except OSError as err:
        if sock is not None:
            sock.close()
        raise GraphError(f"cannot listen on {host}:{port}: {err.strerror or err}") from None
    sock.listen(2048)
    return sock


def run_serve(options: ServeOptions, log_level: str = "warning") -> None:
    """Check the data, then serve until interrupted (the ``kg serve`` command)."""
    import uvicorn

    from graph import _sandbox
    from graph.serve._connection import protocol_class

    if not _sandbox.network_can_be_cut():
        if not options.allow_network_fallback:
            raise GraphError(NO_ISOLATION)
        print(
            "kg serve: warning: query workers keep network access; SERVICE is refused by grammar",
            file=sys.stderr,
        )
    scratch = tempfile.TemporaryDirectory(prefix="kg-serve-")
    source, held = prepare_source(options.data, options.store, scratch.name, options.corpus_only)  # data errors now
    sock = listen(options.host, options.port)
    options = dataclasses.replace(options, port=sock.getsockname()[1])
    if options.host not in ("127.0.0.1", "localhost", "::1"):
        print(
            f"kg serve: warning: listening on {options.host}; anyone who can reach it can query",
            file=sys.stderr,
        )
    head = options.max_request_bytes + 16_384  # a GET's query string plus its headers
    config = uvicorn.Config(
        create_app(options, announce=True, source=source),
        log_level=log_level,
        access_log=log_level in ("debug", "info"),
        http=protocol_class(options.header_timeout, head),
        limit_concurrency=None,  # stalled connections are dropped instead (graph.serve._connection)
        backlog=2048,
        timeout_keep_alive=5,
        h11_max_incomplete_event_size=head + 65_536,
    )
    try:
        uvicorn.Server(config).run(sockets=[sock])
    finally:
        if held is not None:
            held.close()
        scratch.cleanup()


__all__ = ["ServeOptions", "create_app", "listen", "run_serve"]
