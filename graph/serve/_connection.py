"""The HTTP connection ``kg serve`` runs: uvicorn's h11 protocol with two limits it lacks.

* A **header timeout**: a connection that has not finished sending a request's line and headers
  within ``HEADER_SECONDS`` of connecting (or of its previous response) is closed, so clients
  that open connections and never finish them cannot hold the server's capacity.
* An **oversized request head** (a GET whose query string is past the limit) gets
  ``414 URI Too Long`` with a one-line reason, and the rest of what the client sends is read and
  dropped for a moment before closing, so the client sees the answer instead of a reset.

Both are set per server by :func:`protocol_class`.
"""

from __future__ import annotations

import asyncio
from typing import Any

from uvicorn.protocols.http.h11_impl import H11Protocol

HEADER_SECONDS = 10.0
"""Default time a client has to send a request's line and headers."""

_DRAIN_SECONDS = 2.0


class GuardedH11Protocol(H11Protocol):
    """H11Protocol that closes stalled connections and answers an oversized head with 414."""

    header_seconds = HEADER_SECONDS
    max_head_bytes = 120_000
    _timer: asyncio.TimerHandle | None = None
    _head = 0
    _draining = False

    def connection_made(self, transport: Any) -> None:
        super().connection_made(transport)
        self._arm()

    def _arm(self) -> None:
        self._disarm()
        self._head = 0
        self._timer = self.loop.call_later(self.header_seconds, self._stalled)

    def _disarm(self) -> None:
        if self._timer is not None:
            self._timer.cancel()
            self._timer = None

    def _waiting_for_head(self) -> bool:
        return self.cycle is None or self.cycle.response_complete

    def _stalled(self) -> None:
        self._timer = None
        if self._waiting_for_head() and not self.transport.is_closing():
            self.transport.close()

    def data_received(self, data: bytes) -> None:
        if self._draining:
            return
        if self._waiting_for_head():
            self._head += len(data)
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

    def connection_lost(self, exc: Exception | None) -> None:
        self._disarm()
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


def protocol_class(header_seconds: float, max_head_bytes: int) -> type[GuardedH11Protocol]:
    """A GuardedH11Protocol subclass with these limits (uvicorn takes a class, not an instance)."""
    return type(
        "KgServeProtocol",
        (GuardedH11Protocol,),
        {"header_seconds": header_seconds, "max_head_bytes": max_head_bytes},
    )


__all__ = ["HEADER_SECONDS", "GuardedH11Protocol", "protocol_class"]
