"""The HTTP connection ``kg serve`` runs: uvicorn's h11 protocol with the limits it lacks.

* A **header timeout**: a connection that has not finished sending a request's line and headers
  within ``header_seconds`` of connecting (or of its previous response) is closed, so clients
  that open connections and never finish them cannot hold the server's capacity.
* A **connection cap**: past ``max_connections`` open connections, a new one closes the
  connection that has waited longest for its request's headers (a stalled one), or itself when
  every connection is busy; the server so never runs out of file descriptors.
* A **write timeout**: a connection whose client stops reading for ``write_seconds`` (the
  socket's buffers full) is aborted, so an answer streams to it at most that long.
* An **oversized request head** (a GET whose query string is past the limit) gets
  ``414 URI Too Long`` with a one-line reason, and the rest of what the client sends is read and
  dropped for a moment before closing, so the client sees the answer instead of a reset. Only
  the head counts: a body sent with it is the application's to limit (413).

The limits are set per server by :func:`protocol_class`.
"""

from __future__ import annotations

import asyncio
import sys
import time
from typing import Any, ClassVar

from uvicorn.protocols.http.h11_impl import H11Protocol

HEADER_SECONDS = 10.0
"""Default time a client has to send a request's line and headers."""

WRITE_SECONDS = 30.0
"""Default time a client may leave the server unable to write to it."""

_DRAIN_SECONDS = 2.0
_END_OF_HEAD = b"\r\n\r\n"


class GuardedH11Protocol(H11Protocol):
    """H11Protocol with a header timeout, a write timeout, a connection cap and a 414 for huge heads."""

    header_seconds = HEADER_SECONDS
    write_seconds = WRITE_SECONDS
    max_head_bytes = 120_000
    max_connections = 1000
    live: ClassVar[dict[GuardedH11Protocol, None]] = {}
    """Every open connection of this server."""
    waiting: ClassVar[dict[GuardedH11Protocol, None]] = {}
    """The connections waiting for a request's head, longest-waiting first."""
    _timer: asyncio.TimerHandle | None = None
    _write_timer: asyncio.TimerHandle | None = None
    _head = 0
    _tail = b""
    _draining = False

    def connection_made(self, transport: Any) -> None:
        super().connection_made(transport)
        if len(self.live) >= self.max_connections and not self._make_room():
            transport.abort()  # every connection is busy with a request: refuse this one
            return
        self.live[self] = None
        self._arm()

    def _make_room(self) -> bool:
        """Close the connection that has waited longest for its request's head; False if none is."""
        for oldest in self.waiting:
            del self.waiting[oldest]
            oldest.transport.abort()
            return True
        return False

    def _arm(self) -> None:
        self._disarm()
        self._head, self._tail = 0, b""
        self.waiting[self] = None
        self._timer = self.loop.call_later(self.header_seconds, self._stalled)

    def _disarm(self) -> None:
        self.waiting.pop(self, None)
        if self._timer is not None:
            self._timer.cancel()
            self._timer = None

    def _waiting_for_head(self) -> bool:
        return self.cycle is None or self.cycle.response_complete

    def _stalled(self) -> None:
        self._timer = None
        if self._waiting_for_head() and not self.transport.is_closing():
            self.waiting.pop(self, None)
            self.transport.close()

    def data_received(self, data: bytes) -> None:
        if self._draining:
            return
        if self._waiting_for_head():
            self._head += _head_part(self._tail, data)
            self._tail = (self._tail + data)[-3:]
            if self._head > self.max_head_bytes:
                self._refuse_head()
                return
        super().data_received(data)
        if not self._waiting_for_head():
            self._disarm()  # the head arrived: the app's own limits apply from here

    def on_response_complete(self) -> None:
        super().on_response_complete()
        if not self.transport.is_closing():
            self._arm()

    def pause_writing(self) -> None:
        super().pause_writing()
        if self._write_timer is None:
            self._write_timer = self.loop.call_later(self.write_seconds, self._write_stalled)

    def resume_writing(self) -> None:
        super().resume_writing()
        if self._write_timer is not None:
            self._write_timer.cancel()
            self._write_timer = None

    def _write_stalled(self) -> None:
        self._write_timer = None
        self.transport.abort()  # the client stopped reading: drop it and what it was sent

    def connection_lost(self, exc: Exception | None) -> None:
        self._disarm()
        self.live.pop(self, None)
        if self._write_timer is not None:
            self._write_timer.cancel()
            self._write_timer = None
        super().connection_lost(exc)

    def _refuse_head(self) -> None:
        """414 with a reason, then read and drop the rest for a moment, then close."""
        self._disarm()
        self._draining = True
        body = (
            f"the request line and headers are longer than the {self.max_head_bytes} bytes allowed; "
            "POST the query (application/sparql-query) instead\n"
        ).encode()
        head = (
            "HTTP/1.1 414 URI Too Long\r\ncontent-type: text/plain; charset=utf-8\r\n"
            f"content-length: {len(body)}\r\nconnection: close\r\n\r\n"
        ).encode()
        self.transport.write(head + body)
        self.loop.call_later(_DRAIN_SECONDS, self.transport.close)


def _head_part(tail: bytes, data: bytes) -> int:
    """How many bytes of ``data`` belong to the request head (``tail``: the 3 bytes before it).

    >>> _head_part(b"", b"GET / HTTP/1.1\\r\\n\\r\\nbody"), _head_part(b"\\r\\n\\r", b"\\nxyz")
    (18, 1)
    """
    end = (tail + data).find(_END_OF_HEAD)
    return len(data) if end < 0 else end + len(_END_OF_HEAD) - len(tail)


_ACCEPT_ERROR = "socket.accept() out of system resource"
_last_accept_error = [0.0]


def quiet_accept_errors(loop: asyncio.AbstractEventLoop, context: dict[str, Any]) -> None:
    """The event loop's error handler: a failed accept (no file descriptor left) is one line, at
    most once a second, instead of a traceback each time; anything else as asyncio logs it."""
    if context.get("message") != _ACCEPT_ERROR:
        loop.default_exception_handler(context)
        return
    now = time.monotonic()
    if now - _last_accept_error[0] >= 1.0:
        _last_accept_error[0] = now
        error = context.get("exception")
        reason = getattr(error, "strerror", None) or error or "no resources"
        print(
            f"kg serve: warning: cannot accept connections for a moment: {reason} "
            "(said at most once a second)",
            file=sys.stderr,
            flush=True,
        )


def protocol_class(
    header_seconds: float,
    max_head_bytes: int,
    max_connections: int = 1000,
    write_seconds: float = WRITE_SECONDS,
) -> type[GuardedH11Protocol]:
    """A GuardedH11Protocol subclass with these limits (uvicorn takes a class, not an instance)."""
    return type(
        "KgServeProtocol",
        (GuardedH11Protocol,),
        {
            "header_seconds": header_seconds,
            "max_head_bytes": max_head_bytes,
            "max_connections": max_connections,
            "write_seconds": write_seconds,
            "live": {},
            "waiting": {},
        },
    )


__all__ = ["HEADER_SECONDS", "WRITE_SECONDS", "GuardedH11Protocol", "protocol_class", "quiet_accept_errors"]
