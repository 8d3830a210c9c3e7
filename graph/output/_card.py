"""Answer cards: one answer, self-contained and embeddable (``kg card QUESTION ... -o FILE``).

A card holds the rows of one of the library's answers, each with its basis badge and its
citations (publisher, primary or not, the first quote), the date it answers for and the
graph's release (the package version and a hash of the data files), so a reader of an article
knows exactly what was asked of which data. HTML (no script, nothing loaded, every text
escaped), SVG (the same, drawn as text) or PNG (the HTML, photographed by a local Chromium).
"""

from __future__ import annotations

import hashlib
import os
import shutil
import subprocess
import tempfile
from collections.abc import Sequence
from dataclasses import dataclass
from html import escape
from pathlib import Path
from typing import Any

from graph._errors import GraphError
from graph.answers._display import header
from graph.answers._types import Answer, flat
from graph.output._cells import basis_cell, publisher, quotes_of
from graph.output._table import wrap

CARD_FORMATS = (".html", ".svg", ".png")
"""The files ``kg card`` writes, by extension."""

SHOWN_QUOTES = 1
"""Quotes a row shows; the others are counted and named by publisher."""


@dataclass(frozen=True)
class Card:
    """What a card says: a title, the date asked about, the rows, the release."""

    title: str
    as_of: str
    columns: tuple[str, ...]
    rows: tuple[tuple[tuple[str, ...], str, tuple[str, ...]], ...]
    """Each row: its cells, its basis (a few words), its citations."""
    release: str


def release(files: Sequence[str], version: str) -> str:
    """``partnership-kg 0.1.0 · data sha256 1a2b3c4d5e6f (8 files)``: the package and its data."""
    digest = hashlib.sha256()
    for path in files:
        digest.update(os.path.basename(path).encode("utf-8") + b"\0")
        digest.update(Path(path).read_bytes() + b"\0")
    return f"partnership-kg {version} · data sha256 {digest.hexdigest()[:12]} ({len(files)} files)"


def citations(item: Any) -> tuple[str, ...]:
    """``OpenAI (primary): “quote”`` for the first quotes, then ``and 3 more: GadgetBond, ...``."""
    evidence = quotes_of(item)
    out = [f"{publisher(e)}{' (primary)' if e.primary else ''}: “{e.quote}”" for e in evidence[:SHOWN_QUOTES]]
    rest = list(dict.fromkeys(publisher(e) for e in evidence[SHOWN_QUOTES:]))
    if rest:
        out.append(f"and {len(evidence) - SHOWN_QUOTES} more: {', '.join(rest)}")
    return tuple(out)


def make_card(items: Sequence[Answer], kind: type[Answer], title: str, as_of: str, release_text: str) -> Card:
    """The card of an answer: the type's brief columns (its quotes as citations, its basis as a badge)."""
    columns = tuple(
        c for c in (kind.BRIEF or kind.COLUMNS) if "evidence" not in c and not c.endswith("basis")
    )
    rows = []
    for item in items:
        cells = tuple(flat(getattr(item, c)) for c in columns)
        basis = (
            getattr(item, "basis", None)
            or getattr(item, "to_basis", None)
            or getattr(item, "from_basis", None)
        )
        rows.append(
            (cells, basis_cell(basis) + (" · secondary only" if _secondary(basis) else ""), citations(item))
        )
    return Card(title, as_of, columns, tuple(rows), release_text)


CARD_QUESTIONS = {
    "hosts": ("[SUBJECT]", 0, 1),
    "terms": ("", 0, 0),
    "changes": ("FROM TO", 2, 2),
    "timeline": ("", 0, 0),
    "conflicts": ("", 0, 0),
    "secondary": ("", 0, 0),
    "partners": ("ORG", 1, 1),
    "sources": ("ENTITY", 1, 1),
}
"""The questions a card answers, the arguments each takes, and how many."""


def card_for(kg: Any, question: str, arguments: Sequence[str], as_of: str | None) -> Card:
    """The card answering one question of the library (GraphError for a question it does not
    know, the wrong number of arguments, or what the question itself refuses)."""
    from graph._version import __version__
    from graph.answers import _types as t

    if question not in CARD_QUESTIONS:
        raise GraphError(f"no card for '{question}'; accepted: {', '.join(CARD_QUESTIONS)}")
    usage, least, most = CARD_QUESTIONS[question]
    if not least <= len(arguments) <= most:
        raise GraphError(f"kg card {question} takes {usage or 'no arguments'}; got {len(arguments)}")
    if question == "terms" and not as_of:
        raise GraphError("kg card terms needs --as-of DATE")
    a = list(arguments)
    asked: dict[str, tuple[type[Answer], Any, str]] = {
        "hosts": (t.HostRole, lambda: kg.hosts(a[0] if a else None, as_of=as_of), "Who hosts what"),
        "terms": (t.TermState, lambda: kg.terms(as_of), "The terms in force"),
        "changes": (t.Change, lambda: kg.changes(a[0], a[1]), "What changed"),
        "timeline": (t.TimelineEntry, lambda: kg.timeline(), "Agreements and announcements"),
        "conflicts": (t.Conflict, lambda: kg.conflicts(), "Where the sources disagree"),
        "secondary": (t.Fact, lambda: kg.secondary_only(), "Facts resting only on secondary sources"),
        "partners": (t.Partner, lambda: kg.partners(a[0]), "Partners"),
        "sources": (t.Fact, lambda: kg.sources_for(a[0]), "Sources"),
    }
    kind, ask, title = asked[question]
    title += f": {' → '.join(a)}" if a else ""
    when = f"As of {as_of}" if as_of else "As the sources stand (no date asked)"
    return make_card(ask(), kind, title, when, release(kg.files, __version__))


def _secondary(basis: Any) -> bool:
    return bool(basis is not None and basis.kind == "stated" and basis.secondary_only)


_STYLE = (
    ".kg-card{font:14px/1.4 system-ui,sans-serif;color:#1d2330;border:1px solid #d9dee5;border-radius:8px;"
    "padding:14px 16px;max-width:860px;background:#fff}.kg-card h1{font-size:18px;margin:0}"
    ".kg-card .asof{color:#5b6576;margin:2px 0 10px}.kg-card table{border-collapse:collapse;width:100%}"
    ".kg-card th,.kg-card td{text-align:left;vertical-align:top;padding:6px;border-top:1px solid #e4e8ed}"
    ".kg-card th{font-size:12px;color:#5b6576}.kg-card .badge{display:inline-block;font-size:12px;"
    "border-radius:9px;padding:0 7px;background:#e4e8ed}.kg-card .badge.inferred{background:#fff4e0}"
    ".kg-card .cite{font-size:12px;color:#5b6576;margin-top:3px}.kg-card footer{font-size:12px;"
    "color:#5b6576;margin-top:10px}"
)


def card_html(card: Card, embed: str | None = None) -> str:
    """The card as one self-contained HTML page: no script, nothing loaded, every text escaped
    (with ``embed``, the card's own URL, an ``<iframe>`` snippet to copy follows the card)."""
    from graph._csp import STATIC_PAGE

    heads = "".join(f"<th>{escape(header(c))}</th>" for c in card.columns) + "<th>Basis</th>"
    body = []
    for cells, basis, cites in card.rows:
        cites_html = "".join(f"<div class=cite>{escape(c)}</div>" for c in cites)
        first, rest = cells[0] if cells else "", cells[1:]
        body.append(
            f"<tr><td>{escape(first)}{cites_html}</td>"
            + "".join(f"<td>{escape(c)}</td>" for c in rest)
            + f"<td><span class='badge {escape(basis.split()[0] if basis else '')}'>{escape(basis)}</span></td></tr>"
        )
    return (
        '<!DOCTYPE html>\n<html lang="en"><head><meta charset="utf-8">'
        f'<meta http-equiv="Content-Security-Policy" content="{STATIC_PAGE}">'
        f'<meta name="referrer" content="no-referrer"><title>{escape(card.title)}</title>'
        f"<style>body{{margin:8px}}{_STYLE}</style></head><body><article class=kg-card>"
        f"<h1>{escape(card.title)}</h1><p class=asof>{escape(card.as_of)}</p>"
        f"<table><tr>{heads}</tr>{''.join(body)}</table>"
        f"<footer>{escape(card.release)} · {len(card.rows)} rows · every quote from the sources</footer>"
        "</article>" + (_snippet(embed) if embed else "") + "</body></html>\n"
    )


def _snippet(url: str) -> str:
    """The ``<iframe>`` that embeds the card at ``url``, as text to copy."""
    frame = f'<iframe src="{escape(url)}" width="880" height="480" style="border:0" title="kg card"></iframe>'
    return f"<p class=embed>Embed this card:</p><pre class=embed>{escape(frame)}</pre>"


def card_svg(card: Card, width: int = 860) -> str:
    """The card drawn as SVG text: each row's cells on a line, its basis, its citations beneath."""
    line, chars = 18, width // 7
    out: list[str] = []
    y = 28.0

    def text(x: float, words: str, cls: str) -> None:
        nonlocal y
        for part in wrap(words, chars):
            out.append(f'<text x="{x}" y="{y:.0f}" class="{cls}">{escape(part)}</text>')
            y += line

    text(16, card.title, "title")
    text(16, card.as_of, "note")
    y += 6
    for cells, basis, cites in card.rows:
        out.append(f'<line x1="16" x2="{width - 16}" y1="{y - 13:.0f}" y2="{y - 13:.0f}" class="rule"/>')
        text(16, " · ".join(c for c in cells if c) + (f"  [{basis}]" if basis else ""), "row")
        for c in cites:
            text(28, c, "note")
        y += 4
    text(16, card.release, "note")
    height = int(y) + 8
    return (
        f'<svg xmlns="http://www.w3.org/2000/svg" width="{width}" height="{height}" viewBox="0 0 {width} {height}" '
        f'font-family="sans-serif" font-size="13" role="img"><title>{escape(card.title)}</title>'
        "<style>.title{font-size:17px;font-weight:700;fill:#1d2330}.row{fill:#1d2330}.note{fill:#5b6576;"
        "font-size:12px}.rule{stroke:#e4e8ed}</style>"
        f'<rect x="0.5" y="0.5" width="{width - 1}" height="{height - 1}" rx="8" fill="#fff" stroke="#d9dee5"/>'
        + "".join(out)
        + "</svg>\n"
    )


def _room() -> None:
    """In Chromium's process: lift the address-space cap kg's child set (Chromium reserves far more
    than it uses); the network stays cut, so the browser can load nothing."""
    import resource

    _, hard = resource.getrlimit(resource.RLIMIT_AS)
    resource.setrlimit(resource.RLIMIT_AS, (hard, hard))


def card_png(card: Card, path: Path) -> None:
    """The HTML card photographed by a local headless Chromium (``KG_CHROMIUM``, else ``chromium``)."""
    browser = os.environ.get("KG_CHROMIUM") or shutil.which("chromium") or shutil.which("chromium-browser")
    if not browser or not os.path.exists(browser):
        raise GraphError("a PNG card needs a local Chromium (set KG_CHROMIUM); write .html or .svg instead")
    height = 160 + sum(  # generous: the page is white below the card
        max(40, 22 * (1 + len(" ".join(cells)) // 40)) + sum(18 * (1 + len(c) // 45) for c in cites)
        for cells, _, cites in card.rows
    )
    with tempfile.TemporaryDirectory(prefix="kg-card-") as folder:
        page = Path(folder) / "card.html"
        page.write_text(card_html(card), encoding="utf-8")
        shot = Path(folder) / "card.png"
        command = [browser, "--headless", "--no-sandbox", "--disable-gpu", "--no-first-run",
                   "--disable-background-networking", "--disable-component-update", "--disable-sync",
                   "--hide-scrollbars", f"--user-data-dir={folder}/profile", f"--screenshot={shot}",
                   f"--window-size=900,{height}", page.as_uri()]  # fmt: skip
        try:
            subprocess.run(command, capture_output=True, timeout=60, check=False, preexec_fn=_room)
        except (OSError, subprocess.TimeoutExpired) as err:
            raise GraphError(f"Chromium could not draw the card: {err}") from None
        if not shot.exists():
            raise GraphError("Chromium could not draw the card (no screenshot written)")
        from graph._io import write_atomic

        write_atomic(path, shot.read_bytes())
