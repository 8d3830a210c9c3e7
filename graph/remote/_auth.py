"""Who ``kg`` is to a store: HTTP credentials from ``--user``, the environment, the URL or ~/.netrc.

The order: ``--user NAME[:PASSWORD]`` (the password, if not given, from ``KG_ENDPOINT_PASSWORD``),
then ``user:password@`` in the endpoint URL (taken out of the URL), then ``KG_ENDPOINT_USER`` and
``KG_ENDPOINT_PASSWORD``, then the store's host in ``~/.netrc`` (or the file ``$NETRC`` names).
The password is never shown: not in a message, a log line or a ``repr``.
"""

from __future__ import annotations

import netrc
import os
import urllib.parse
from dataclasses import dataclass, field

from graph._errors import GraphError

USER_VARIABLE = "KG_ENDPOINT_USER"
PASSWORD_VARIABLE = "KG_ENDPOINT_PASSWORD"


@dataclass(frozen=True)
class Credentials:
    """A user name and password for HTTP basic or digest authentication (the password hidden)."""

    user: str
    password: str = field(default="", repr=False)


def split_credentials(url: str) -> tuple[str, Credentials | None]:
    """The URL without ``user:password@``, and those credentials (None if the URL has none).

    >>> split_credentials("http://kg:secret@127.0.0.1:8890/sparql-auth")
    ('http://127.0.0.1:8890/sparql-auth', Credentials(user='kg'))
    >>> split_credentials("http://127.0.0.1:7878")
    ('http://127.0.0.1:7878', None)
    """
    try:
        parts = urllib.parse.urlsplit(url)
    except ValueError as err:  # e.g. "Invalid IPv6 URL"
        raise GraphError(f"not a usable URL: {url.rpartition('@')[2]} ({err})") from None
    if "@" not in parts.netloc:
        return url, None
    userinfo, _, host = parts.netloc.rpartition("@")
    user, _, password = userinfo.partition(":")
    clean = urllib.parse.urlunsplit(parts._replace(netloc=host))
    return clean, Credentials(urllib.parse.unquote(user), urllib.parse.unquote(password))


def find_credentials(url: str, user: str | None = None) -> tuple[str, Credentials | None]:
    """The endpoint URL without credentials, and the credentials to use for it (or None)."""
    clean, in_url = split_credentials(url)
    if user:
        name, colon, password = user.partition(":")
        if not colon:  # the password from the environment, else ~/.netrc's entry for this user
            password = os.environ.get(PASSWORD_VARIABLE, "")
            stored = None if password else _from_netrc(urllib.parse.urlsplit(clean).hostname or "")
            password = stored.password if stored is not None and stored.user == name else password
        return clean, Credentials(name, password)
    if in_url is not None:
        return clean, in_url
    if os.environ.get(USER_VARIABLE):
        return clean, Credentials(os.environ[USER_VARIABLE], os.environ.get(PASSWORD_VARIABLE, ""))
    return clean, _from_netrc(urllib.parse.urlsplit(clean).hostname or "")


def _from_netrc(host: str) -> Credentials | None:
    """The login and password ``~/.netrc`` (or ``$NETRC``) holds for a host, if any."""
    path = os.environ.get("NETRC") or os.path.join(os.path.expanduser("~"), ".netrc")
    if not host or not os.path.isfile(path):
        return None
    try:
        entry = netrc.netrc(path).authenticators(host)
    except (netrc.NetrcParseError, OSError):
        return None
    if entry is None:
        return None
    login, _, password = entry
    return Credentials(login or "", password or "")


__all__ = ["PASSWORD_VARIABLE", "USER_VARIABLE", "Credentials", "find_credentials", "split_credentials"]
