"""``kg publish DIR``: the graph as static linked data, so its IRIs can resolve without a server of ours.

DIR gets ``id/<key>.html|.ttl|.jsonld|.nt`` for every entity (the documents ``kg serve`` answers
at ``/id/<key>``), ``index.html`` listing them, the whole graph (``partnership.ttl``, ``.nt``,
``.jsonld``), ``void.ttl``, the explorer (``explorer.html``, when installed), an ``.htaccess``
that gives each ``/id/<key>`` its form by content negotiation on an Apache host, and
``w3id/.htaccess``: the redirects to put in the ``partnership-kg`` folder of the w3id.org
repository, pointing https://w3id.org/partnership-kg/id/<key> at the host (``--base-url``).

The folder is written beside DIR and moved into place at the end, so a failed run leaves DIR as
it was.
"""

from __future__ import annotations

import shutil
import tempfile
from collections.abc import Iterator
from html import escape
from pathlib import Path
from typing import TYPE_CHECKING

import pyoxigraph as ox

from graph._errors import GraphError
from graph._vocab import PK, RDFS
from graph.linked._describe import describe, entity_keys
from graph.linked._document import MEDIA_TYPES, render

if TYPE_CHECKING:
    from graph._graph import PartnershipGraph

MARKER = "void.ttl"
"""A folder holding this file is taken to be an earlier ``kg publish`` output (and is replaced)."""

_LABEL = ox.NamedNode(RDFS + "label")
_FORMS = {"ttl": "text/turtle", "jsonld": "application/ld+json", "nt": "application/n-triples"}


def check_base_url(base: str) -> str:
    """The base URL without its trailing slash (GraphError unless it is an http(s) URL)."""
    if not base.startswith(("https://", "http://")) or any(c in base for c in " \"'<>\\\n\r\t"):
        raise GraphError(f"--base-url {base[:80]!r}: give the http(s) URL where DIR will be served")
    return base.rstrip("/")


def _escaped(media: str) -> str:
    """A media type as an Apache regular expression (``+`` escaped)."""
    return media.replace("+", "\\+")


def _negotiation(target: str, flags: str) -> list[str]:
    """Rewrite rules sending ``id/<key>`` to ``<target>/<key>.<form>`` by the Accept header."""
    rule = "RewriteRule ^id/([A-Za-z0-9._~-]+)$ " + target + "/$1.{suffix} [" + flags + "]"
    lines = []
    for suffix, media in _FORMS.items():
        lines += [f"RewriteCond %{{HTTP_ACCEPT}} {_escaped(media)}", rule.format(suffix=suffix)]
    return [*lines, rule.format(suffix="html")]


def host_htaccess() -> str:
    """Apache rules for the host: ``/id/<key>`` answers with the form the client accepts."""
    lines = [
        "# Written by kg publish: content negotiation for the entity documents in id/.",
        "Options -MultiViews",
        "AddType text/turtle .ttl",
        "AddType application/ld+json .jsonld",
        "AddType application/n-triples .nt",
        "AddCharset utf-8 .html .ttl .nt .jsonld",
        "RewriteEngine on",
        *_negotiation("id", "L"),
    ]
    return "\n".join([*lines, ""])


def w3id_htaccess(base: str) -> str:
    """The w3id.org rules for the ``partnership-kg`` folder: 303 to the host, by accepted form."""
    lines = [
        "# Written by kg publish: put this file in the partnership-kg/ folder of the w3id.org",
        f"# repository; it redirects https://w3id.org/partnership-kg/id/<key> to {base}/id/<key>.<form>.",
        "Options +FollowSymLinks",
        "RewriteEngine on",
        *_negotiation(f"{base}/id", "R=303,L"),
        f"RewriteRule ^ns$ {base}/partnership.ttl [R=303,L]",
        f"RewriteRule ^dataset$ {base}/void.ttl [R=303,L]",
        f"RewriteRule ^$ {base}/index.html [R=303,L]",
    ]
    return "\n".join([*lines, ""])


def _index(keys: list[str], labels: dict[str, str]) -> str:
    items = "".join(
        f'<li><a href="id/{escape(k)}.html">{escape(labels.get(k, k))}</a> <code>{escape(k)}</code></li>'
        for k in keys
    )
    return (
        '<!DOCTYPE html>\n<html lang="en"><head><meta charset="utf-8"><title>Partnership knowledge graph</title>'
        "<style>body{font:15px/1.45 system-ui,sans-serif;margin:2rem auto;max-width:64rem;padding:0 1rem}"
        "code{color:#666}</style></head><body><h1>Microsoft–OpenAI partnership knowledge graph</h1>"
        '<p><a href="explorer.html">Explorer</a> · <a href="partnership.ttl">Turtle dump</a> · '
        f'<a href="void.ttl">VoID description</a></p><h2>{len(keys)} entities</h2><ul>{items}</ul></body></html>\n'
    )


def publish(kg: PartnershipGraph, folder: Path, base: str) -> Iterator[str]:
    """Write the static site into ``folder`` (see the module docstring); yields progress lines."""
    base = check_base_url(base)
    if folder.exists() and (
        not folder.is_dir() or (any(folder.iterdir()) and not (folder / MARKER).exists())
    ):
        raise GraphError(f"{folder}: exists and is not a kg publish folder; give a new or empty folder")
    folder.parent.mkdir(parents=True, exist_ok=True)
    work = Path(tempfile.mkdtemp(prefix=f".{folder.name}.", dir=folder.parent))
    try:
        yield from _write(kg, work, base)
        if folder.exists():
            old = Path(tempfile.mkdtemp(prefix=f".{folder.name}.old.", dir=folder.parent))
            folder.replace(old / "site")
            work.replace(folder)
            shutil.rmtree(old)
        else:
            work.replace(folder)
        folder.chmod(0o755)
    finally:
        if work.exists():
            shutil.rmtree(work)
    yield f"published: {folder} (serve it at {base}/; w3id rules in {folder}/w3id/.htaccess)"


def _write(kg: PartnershipGraph, out: Path, base: str) -> Iterator[str]:
    from graph._version import __version__
    from graph.linked._void import PREFIXES, statistics, void_triples

    store = kg.store
    keys = entity_keys(store)
    labels: dict[str, str] = {}
    (out / "id").mkdir()
    for key in keys:
        node = ox.NamedNode(PK + key)
        triples = describe(store, node.value)
        for t in triples:
            if t.subject == node and t.predicate == _LABEL and isinstance(t.object, ox.Literal):
                labels.setdefault(key, t.object.value)
        for form in MEDIA_TYPES:
            (out / "id" / f"{key}.{form}").write_bytes(render(form, triples, key, "../explorer.html"))
    yield f"entities: {len(keys)} documents in id/ (html, ttl, jsonld, nt)"
    dumps = []
    for fmt in ("ttl", "nt", "jsonld"):
        (out / f"partnership.{fmt}").write_bytes(kg.serialize(fmt))
        dumps.append(f"{base}/partnership.{fmt}")
    void = void_triples(statistics(store), None, dumps, __version__)
    (out / MARKER).write_bytes(ox.serialize(void, format=ox.RdfFormat.TURTLE, prefixes=PREFIXES) or b"")
    (out / "index.html").write_text(_index(keys, labels), encoding="utf-8")
    (out / ".htaccess").write_text(host_htaccess(), encoding="utf-8")
    (out / "w3id").mkdir()
    (out / "w3id" / ".htaccess").write_text(w3id_htaccess(base), encoding="utf-8")
    try:
        from graph.explorer import write_explorer
    except ImportError:
        return
    write_explorer(kg, out / "explorer.html")
    yield "explorer: explorer.html"


__all__ = ["check_base_url", "host_htaccess", "publish", "w3id_htaccess"]
