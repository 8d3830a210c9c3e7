"""A tiny HTTP client (the standard library's urllib) for SPARQL endpoints, with one-line errors.

The remote backend and ``kg push`` only send a few requests per command, so they need no HTTP
dependency; every failure becomes an EndpointError whose message fits on one line.
"""

from __future__ import annotations

import base64
import http.client
import socket
import time
import urllib.error
import urllib.parse
import urllib.request
from collections.abc import Mapping
from dataclasses import dataclass, field

from graph._errors import GraphError
from graph.remote._auth import Credentials

DEFAULT_TIMEOUT = 30.0
"""Seconds to wait for an endpoint's answer."""
MAX_ANSWER = 512 * 2**20
"""The most bytes an answer may hold: a store that sends more is stopped, not buffered on."""


class EndpointError(GraphError):
    """A SPARQL endpoint could not be reached, did not answer in time, or answered an error."""

    def __init__(self, message: str, status: int | None = None) -> None:
        self.status = status
        super().__init__(message)


@dataclass(frozen=True)
class Response:
    """An HTTP answer: status, lower-cased headers and body."""

    status: int
    headers: Mapping[str, str] = field(default_factory=dict)
    body: bytes = b""

    @property
    def media_type(self) -> str:
        """The Content-Type without parameters, lower-cased (``text/turtle``)."""
        return self.headers.get("content-type", "").split(";")[0].strip().lower()


def check_url(url: str) -> str:
    """The URL unchanged if it is an absolute http(s) URL; EndpointError otherwise.

    >>> check_url("http://127.0.0.1:7878/query")
    'http://127.0.0.1:7878/query'
    >>> check_url("localhost:7878")
    Traceback (most recent call last):
    ...
    graph.remote._http.EndpointError: not an http(s) URL: 'localhost:7878'
    """
    parts = urllib.parse.urlsplit(url)
    if parts.scheme not in ("http", "https") or not parts.netloc:
        raise EndpointError(f"not an http(s) URL: {_short(url)!r}")
    if "@" in parts.netloc:
        raise EndpointError(f"{_short(url)}: give the user with --user (or ~/.netrc), not in the URL")
    return url


def with_params(url: str, params: Mapping[str, str | list[str]]) -> str:
    """The URL with query-string parameters added (repeated for a list).

    >>> with_params("http://h/store", {"graph": "https://w3id.org/g"})
    'http://h/store?graph=https%3A%2F%2Fw3id.org%2Fg'
    """
    pairs = [(k, v) for k, vs in params.items() for v in ([vs] if isinstance(vs, str) else vs)]
    if not pairs:
        return url
    return url + ("&" if "?" in url else "?") + urllib.parse.urlencode(pairs)


def send(
    method: str,
    url: str,
    body: bytes | None = None,
    headers: Mapping[str, str] | None = None,
    timeout: float = DEFAULT_TIMEOUT,
    auth: Credentials | None = None,
) -> Response:
    """Send one request; EndpointError (one line) if unreachable, too slow, or answering 4xx/5xx.

    With ``auth``, the server's challenge is answered with HTTP basic or digest authentication,
    whichever it asks for; the password is never part of a message.
    """
    url = check_url(url)
    request = urllib.request.Request(url, data=body, headers=dict(headers or {}), method=method)
    if auth is not None and body:
        _answer_challenge_first(request, auth, timeout)
    deadline = time.monotonic() + timeout
    try:
        with _opener(url, auth).open(request, timeout=timeout) as answer:
            chunks = []
            size = 0
            while chunk := answer.read1(1 << 16):  # the whole answer within the timeout, not each read
                chunks.append(chunk)
                size += len(chunk)
                if size > MAX_ANSWER:
                    raise EndpointError(
                        f"{_short(url)} answered more than {MAX_ANSWER // 2**20} MB; stopped reading"
                    )
                if time.monotonic() > deadline:
                    raise TimeoutError
            return Response(
                answer.status, {k.lower(): v for k, v in answer.headers.items()}, b"".join(chunks)
            )
    except urllib.error.HTTPError as err:
        detail = _first_line(err.read(1 << 16))
        reason = f"HTTP {err.code} {err.reason}" + (f": {detail}" if detail else "")
        raise EndpointError(f"{_short(url)} answered {reason}", err.code) from None
    except TimeoutError:
        raise EndpointError(f"{_short(url)} did not answer within {timeout:g} s") from None
    except urllib.error.URLError as err:
        cause: object = err.reason
        if isinstance(cause, (TimeoutError, socket.timeout)):
            raise EndpointError(f"{_short(url)} did not answer within {timeout:g} s") from None
        text = getattr(cause, "strerror", None) or str(cause)
        raise EndpointError(f"cannot reach {_short(url)}: {text}") from None
    except (ConnectionError, OSError) as err:
        raise EndpointError(f"lost the connection to {_short(url)}: {err.strerror or err}") from None
    except http.client.InvalidURL as err:
        raise EndpointError(f"not a usable URL: {_short(url)} ({err})") from None
    except http.client.HTTPException as err:
        raise EndpointError(
            f"{_short(url)} did not answer as an HTTP server ({type(err).__name__})"
        ) from None


def _answer_challenge_first(request: urllib.request.Request, auth: Credentials, timeout: float) -> None:
    """Authorise a request with a body before sending it: the same request without its body
    fetches the server's challenge (an unauthorised request changes nothing), and its answer goes
    on the request. Otherwise a server that answers 401 as soon as the headers arrive and closes
    (Virtuoso) breaks the pipe while the body is still being sent. Any other outcome leaves the
    request as it was: the opener still answers a challenge the usual way."""
    probe = urllib.request.Request(
        request.full_url, data=b"", headers=dict(request.header_items()), method=request.get_method()
    )
    try:
        _PLAIN.open(probe, timeout=min(timeout, 10.0)).close()
        return  # no challenge to answer
    except urllib.error.HTTPError as err:
        challenge = err.headers.get("WWW-Authenticate", "") if err.code == 401 else ""
        err.close()
    except (OSError, http.client.HTTPException):
        return
    scheme, _, rest = challenge.partition(" ")
    if scheme.lower() == "basic":
        token = base64.b64encode(f"{auth.user}:{auth.password}".encode()).decode("ascii")
        request.add_unredirected_header("Authorization", "Basic " + token)
    elif scheme.lower() == "digest":
        passwords = urllib.request.HTTPPasswordMgrWithDefaultRealm()
        passwords.add_password(None, request.full_url, auth.user, auth.password)
        fields = urllib.request.parse_keqv_list([f for f in urllib.request.parse_http_list(rest) if f])
        value = urllib.request.HTTPDigestAuthHandler(passwords).get_authorization(request, fields)
        if value:
            request.add_unredirected_header("Authorization", "Digest " + value)


def _opener(url: str, auth: Credentials | None) -> urllib.request.OpenerDirector:
    """An opener that answers basic and digest challenges with ``auth`` (none without it)."""
    if auth is None:
        return _PLAIN
    passwords = urllib.request.HTTPPasswordMgrWithDefaultRealm()
    passwords.add_password(None, url, auth.user, auth.password)
    return urllib.request.build_opener(
        urllib.request.HTTPBasicAuthHandler(passwords), urllib.request.HTTPDigestAuthHandler(passwords)
    )


_PLAIN = urllib.request.build_opener()


def _short(url: str) -> str:
    """The URL without its query string (which may hold a whole query) or any user:password@."""
    parts = urllib.parse.urlsplit(url.split("?", 1)[0])
    return urllib.parse.urlunsplit(parts._replace(netloc=parts.netloc.rpartition("@")[2]))


def _first_line(body: bytes, limit: int = 300) -> str:
    """The first non-empty line of an error body, shortened."""
    text = body.decode("utf-8", "replace").strip()
    line = text.splitlines()[0].strip() if text else ""
    return line if len(line) <= limit else line[: limit - 1] + "…"
