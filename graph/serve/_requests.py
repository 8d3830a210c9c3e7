"""Reading a ``kg serve`` request: protocol parameters from GET or POST, bounded in size and time.

Every refusal is a :class:`Refused` with an HTTP status and a one-line message (cut when it
would echo a long value).
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
import urllib.parse
from collections.abc import Iterator
from typing import Any

from starlette.requests import ClientDisconnect, Request

log = logging.getLogger("graph.serve")

READ_ONLY = (
    "this endpoint is read-only: SPARQL Update is refused (load data with kg push into a triple store)"
)


@contextlib.contextmanager
def lane_errors() -> Iterator[None]:
    """A lane's failure as the HTTP answer it stands for: busy or too slow 503 (retry in 2 s), a
    lost worker 500."""
    from graph.serve._pool import Busy, TimedOut, WorkerLost

    try:
        yield
    except (Busy, TimedOut) as err:
        raise Refused(503, str(err), {"Retry-After": "2"}) from None
    except WorkerLost as err:
        raise Refused(500, str(err)) from None


class Refused(Exception):
    """A request answered with an error status and a one-line message."""

    def __init__(self, status: int, message: str, headers: dict[str, str] | None = None) -> None:
        from graph.isolation import cut

        message = cut(message, 600)
        super().__init__(message)
        self.status = status
        self.message = message
        self.headers = headers or {}


async def _body(request: Request, limit: int) -> bytes:
    """The request body, refused with 413 past ``limit`` bytes (checked while reading)."""
    declared = request.headers.get("content-length", "")
    if declared.isdigit() and int(declared) > limit:
        raise Refused(413, f"the request is larger than the {limit} bytes allowed")
    body = bytearray()

    async def read() -> None:
        async for chunk in request.stream():
            body.extend(chunk)
            if len(body) > limit:
                raise Refused(413, f"the request is larger than the {limit} bytes allowed")

    seconds = request.app.state.options.header_timeout
    try:
        await asyncio.wait_for(read(), seconds)
    except asyncio.TimeoutError:
        raise Refused(408, f"the request body did not arrive within {seconds:g} s") from None
    except ClientDisconnect:  # one line in the log, not a traceback
        client = request.client.host if request.client else "a client"
        log.warning("kg serve: %s disconnected before sending the whole request body", client)
        raise Refused(400, "the request body was cut short") from None
    return bytes(body)


def _text(data: bytes) -> str:
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError:
        raise Refused(400, "the request is not valid UTF-8") from None


async def protocol_params(request: Request, options: Any) -> list[tuple[str, str]]:
    """The protocol parameters of a GET or POST request (query, default-graph-uri, format, ...)."""
    if len(request.url.query) > options.max_request_bytes:
        raise Refused(
            414, f"the query string is longer than the {options.max_request_bytes} bytes allowed; POST it"
        )
    params = list(request.query_params.multi_items())
    if request.method != "POST":
        return params
    media = request.headers.get("content-type", "").split(";")[0].strip().lower()
    if media == "application/sparql-update":
        raise Refused(403, READ_ONLY)
    body = await _body(request, options.max_request_bytes)
    if media == "application/x-www-form-urlencoded":
        return params + urllib.parse.parse_qsl(_text(body), keep_blank_values=True)
    if media == "application/sparql-query":
        return [*params, ("query", _text(body))]
    raise Refused(
        415, "send the query as application/sparql-query or application/x-www-form-urlencoded (query=...)"
    )


__all__ = ["READ_ONLY", "Refused", "protocol_params"]
