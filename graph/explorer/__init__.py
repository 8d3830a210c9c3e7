"""The interactive visual explorer: one self-contained HTML file, built with pyvis (vis-network).

The page works offline (every script and style is inlined and a Content-Security-Policy forbids
requests), shows a curated, still drawing of the graph, and answers who hosts what, what changed
between any two agreements and what was in force when, with the sources behind every node. All
of it is computed here by the library and embedded as JSON; the page only renders it.

>>> import graph
>>> page = graph.explore(graph.load())
>>> page.html.startswith("<!DOCTYPE html>")
True
>>> "srcdoc=" in page._repr_html_()
True
"""

from __future__ import annotations

import html
import os
from pathlib import Path
from typing import TYPE_CHECKING

from graph._errors import GraphError
from graph._io import write_atomic
from graph._lazy import lazy
from graph.explorer._page import render_page
from graph.explorer._payload import build_payload

if TYPE_CHECKING:
    from graph._graph import PartnershipGraph
    from graph.explorer._lanes import time_payload
    from graph.explorer._network import format_date
    from graph.explorer._svg import timeline_svg

_HOMES = {
    "format_date": "graph.explorer._network",
    "time_payload": "graph.explorer._lanes",
    "timeline_svg": "graph.explorer._svg",
}
__getattr__ = lazy(__name__, _HOMES)


__all__ = [
    "Explorer",
    "build_html",
    "check_writable",
    "explore",
    "format_date",
    "time_payload",
    "timeline_svg",
    "write_explorer",
]


class Explorer:
    """An explorer page: its HTML text, where it was written (if it was), and a notebook view."""

    def __init__(self, html_text: str, path: Path | None = None) -> None:
        self.html = html_text
        self.path = path

    def save(self, path: str | os.PathLike[str]) -> Path:
        """Write the page atomically to ``path`` and return it."""
        target = Path(path)
        check_writable(target)
        write_atomic(target, self.html)
        self.path = target
        return target

    def _repr_html_(self) -> str:
        """The page inside a sandboxed iframe, for Jupyter (the page's own CSP still applies; popups
        let a source's link open in a new tab)."""
        return (
            '<iframe title="Partnership explorer" sandbox="allow-scripts allow-popups" '
            'style="width:100%;height:720px;border:1px solid #d9dee5;border-radius:6px" '
            f'srcdoc="{html.escape(self.html, quote=True)}"></iframe>'
        )

    def __repr__(self) -> str:
        where = f" at {self.path}" if self.path else ""
        return f"<Explorer {len(self.html):,} characters{where}>"


def build_html(kg: PartnershipGraph, sources: Path | None = None) -> str:
    """The explorer page for a graph, as HTML text (quotes in their paragraphs with ``sources``)."""
    return render_page(build_payload(kg, sources))


def write_explorer(kg: PartnershipGraph, path: str | os.PathLike[str], sources: Path | None = None) -> Path:
    """Write the explorer page for ``kg`` to ``path`` (atomically) and return the path."""
    target = Path(path)
    check_writable(target)
    write_atomic(target, build_html(kg, sources))
    return target


def check_writable(path: Path) -> None:
    """Fail fast, before the page is built, when ``path`` cannot be written (GraphError)."""
    if path.is_dir():
        raise GraphError(f"{path}: is a folder; give a file name such as {path / 'explorer.html'}")
    folder = path.parent
    try:
        folder.mkdir(parents=True, exist_ok=True)
    except (FileExistsError, NotADirectoryError):
        raise GraphError(f"{path}: cannot write: {folder} is not a folder") from None
    except OSError as err:
        raise GraphError(f"{path}: cannot write: {err.strerror or err}") from None
    if not os.access(folder, os.W_OK | os.X_OK):
        raise GraphError(f"{path}: cannot write: folder {folder} is not writable")


def explore(
    kg: PartnershipGraph | None = None,
    output: str | os.PathLike[str] | None = None,
    *data: str | os.PathLike[str],
) -> Explorer:
    """Build the explorer for ``kg`` (default: the packaged graph plus ``data`` folders or files).

    The result displays inline in Jupyter; with ``output`` the page is also written there.
    """
    if kg is None:
        from graph._graph import load

        kg = load(*data)
    if output is not None:
        check_writable(Path(output))
    page = Explorer(build_html(kg))
    if output is not None:
        page.save(output)
    return page
