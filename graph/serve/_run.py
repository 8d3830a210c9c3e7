"""Running ``kg serve``: the listening socket, the limits of the process, start and clean stop.

Before anything is served the file descriptor limit is raised to what the system allows and
the connection cap is set below it; the data is fixed in a scratch folder and every worker is
started, so a failure there (bad data, too small a ``--worker-memory``) is one line and exit
status 2. SIGTERM stops the server like Ctrl-C: workers stopped, the scratch folder removed.
"""

from __future__ import annotations

import asyncio
import dataclasses
import signal
import socket
import sys
import tempfile
from types import FrameType

from graph._errors import GraphError
from graph.serve._app import NO_ISOLATION, ServeOptions, create_app, start_lanes
from graph.serve._source import Source, prepare_source

FD_RESERVE = 64
"""File descriptors kept free of connections (the listening socket, worker pipes, logs)."""


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


def raise_fd_limit() -> int:
    """Raise this process's open-file limit to its hard limit; the soft limit now in force."""
    try:
        import resource
    except ImportError:  # not on this platform
        return 1024
    soft, hard = resource.getrlimit(resource.RLIMIT_NOFILE)
    wanted = 1_048_576 if hard == resource.RLIM_INFINITY else hard
    if soft != resource.RLIM_INFINITY and soft < wanted:
        try:
            resource.setrlimit(resource.RLIMIT_NOFILE, (wanted, hard))
            soft = wanted
        except (ValueError, OSError):
            pass
    return 1_048_576 if soft == resource.RLIM_INFINITY else soft


def accept_batch(fd_limit: int) -> int:
    """The listen backlog, which is also how many connections asyncio accepts at once: small
    enough that three batches on top of a full server (a dropped connection's descriptor is
    closed on a later turn of the event loop) do not run out of file descriptors.

    >>> accept_batch(1024), accept_batch(1_048_576)
    (79, 2048)
    """
    return min(2048, max(16, (fd_limit - FD_RESERVE - 12) // 12))


def connection_cap(options: ServeOptions, fd_limit: int) -> int:
    """Open connections at most: the option, below the file descriptor limit less three accept batches.

    >>> connection_cap(ServeOptions(max_connections=1000, workers=2), 1024)
    711
    """
    spare = fd_limit - FD_RESERVE - 4 * (options.workers + 1) - 3 * accept_batch(fd_limit)
    return max(16, min(options.max_connections, spare))


def _terminated(signum: int, frame: FrameType | None) -> None:
    raise SystemExit(128 + signum)


def run_serve(options: ServeOptions, log_level: str = "warning") -> None:
    """Check the data, start the workers, then serve until interrupted (the ``kg serve`` command)."""
    from graph.isolation import Isolation

    if not Isolation.available():
        if not options.allow_network_fallback:
            raise GraphError(NO_ISOLATION)
        print(
            "kg serve: warning: query workers keep network access; SERVICE is refused by grammar",
            file=sys.stderr,
        )
    fd_limit = raise_fd_limit()
    previous = signal.signal(signal.SIGTERM, _terminated)  # unwinds, so the cleanup below runs
    try:
        with tempfile.TemporaryDirectory(prefix="kg-serve-") as scratch:
            source, held = prepare_source(options.data, options.store, scratch, options.corpus_only)  # data errors now
            try:
                sock = listen(options.host, options.port)
                options = dataclasses.replace(options, port=sock.getsockname()[1])
                asyncio.run(_serve(options, log_level, sock, source, scratch, fd_limit))
            finally:
                if held is not None:
                    held.close()
    finally:
        signal.signal(signal.SIGTERM, previous)


async def _serve(
    options: ServeOptions, log_level: str, sock: socket.socket, source: Source, scratch: str, fd_limit: int
) -> None:
    import uvicorn

    from graph.serve._connection import QuietAcceptErrors, protocol_class

    asyncio.get_running_loop().set_exception_handler(QuietAcceptErrors())
    lanes = await start_lanes(options, scratch, source)  # GraphError: one line, exit status 2
    try:
        if options.host not in ("127.0.0.1", "localhost", "::1"):
            print(
                f"kg serve: warning: listening on {options.host}; anyone who can reach it can query",
                file=sys.stderr,
            )
        head = options.max_request_bytes + 16_384  # a GET's query string plus its headers
        config = uvicorn.Config(
            create_app(options, announce=True, lanes=lanes),
            log_level=log_level,
            access_log=log_level in ("debug", "info"),
            http=protocol_class(
                options.header_timeout, head, connection_cap(options, fd_limit), options.write_timeout
            ),
            limit_concurrency=None,  # the protocol caps connections (graph.serve._connection)
            backlog=accept_batch(fd_limit),
            timeout_keep_alive=5,
            h11_max_incomplete_event_size=head + 65_536,
        )
        await uvicorn.Server(config).serve(sockets=[sock])
    finally:
        await lanes.close()


__all__ = ["FD_RESERVE", "connection_cap", "listen", "raise_fd_limit", "run_serve"]
