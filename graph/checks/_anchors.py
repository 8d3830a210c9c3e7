"""Where a quote stands in its text: the one normalisation, with offsets back into the raw text.

``normalise_mapped`` is the normalisation ``kg verify-sources`` compares quotes with (markdown
links, escapes and bold removed, quotes and hyphens made plain, whitespace collapsed), keeping for
each character of the result the span of raw characters it came from. That gives a quote's W3C
Web Annotation selectors: its exact raw text with prefix and suffix (``oa:TextQuoteSelector``)
and its start and end, in Unicode characters of the file (``oa:TextPositionSelector``).
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass

from graph._errors import GraphError

Span = tuple[int, int]

_MD_LINK = re.compile(r"\[([^\]]*)\]\([^)]*\)")
_MD_ESCAPE = re.compile(r"\\([\\`*_{}\[\]()#+\-.!<>|~])")
_BOLD = re.compile(r"\*\*")
_CHARS = {
    "\u2011": "-",
    "\u2010": "-",
    "\u00ad": "",
    "\u00a0": " ",
    "\u202f": " ",
    "\u2018": "'",
    "\u2019": "'",
    "\u201a": "'",
    "\u201b": "'",
    "\u201c": '"',
    "\u201d": '"',
    "\u201e": '"',
    "\u201f": '"',
}
CONTEXT = 32
"""Characters of raw text kept as a selector's prefix and suffix."""


def _cover(spans: list[Span], start: int, end: int) -> Span:
    return (spans[start][0], spans[end - 1][1])


def _sub(
    text: str,
    spans: list[Span],
    pattern: re.Pattern[str],
    repl: Callable[[re.Match[str]], list[tuple[str, Span]]],
) -> tuple[str, list[Span]]:
    chars: list[str] = []
    out: list[Span] = []
    last = 0
    for m in pattern.finditer(text):
        chars.append(text[last : m.start()])
        out.extend(spans[last : m.start()])
        for piece, span in repl(m):
            chars.append(piece)
            out.append(span)
        last = m.end()
    chars.append(text[last:])
    out.extend(spans[last:])
    return "".join(chars), out


def normalise_mapped(text: str) -> tuple[str, list[Span]]:
    """The normalised text, and for each of its characters the raw ``(start, end)`` it came from.

    >>> norm, spans = normalise_mapped("a [b](http://x)\\\\. \u201cc\u201d")
    >>> norm, spans[2], spans[-2]
    ('a b . "c"', (3, 4), (19, 20))
    """
    spans: list[Span] = [(i, i + 1) for i in range(len(text))]

    def link(m: re.Match[str]) -> list[tuple[str, Span]]:  # on the raw text: spans are offsets
        inner = [(text[k], (k, k + 1)) for k in range(m.start(1), m.end(1))]
        return [(" ", (m.start(), m.start(1))), *inner, (" ", (m.end(1), m.end()))]

    cur, spans = _sub(text, spans, _MD_LINK, link)
    before = spans
    cur, spans = _sub(cur, spans, _MD_ESCAPE, lambda m: [(m.group(1), _cover(before, m.start(), m.end()))])
    cur, spans = _sub(cur, spans, _BOLD, lambda m: [])
    chars: list[str] = []
    out: list[Span] = []
    for ch, span in zip(cur, spans):
        ch = _CHARS.get(ch, ch)
        if not ch:
            continue
        if ch.isspace():
            if chars and chars[-1] == " ":
                out[-1] = (out[-1][0], span[1])
                continue
            ch = " "
        chars.append(ch)
        out.append(span)
    while chars and chars[-1] == " ":
        chars.pop()
        out.pop()
    if chars and chars[0] == " ":
        del chars[0], out[0]
    return "".join(chars), out


def normalise(text: str) -> str:
    """Text as quotes are compared (see ``normalise_mapped``).

    >>> normalise("OpenAI\u2019s **first\u2011party** [blog](http://x)\\\\.")
    "OpenAI's first-party blog ."
    """
    return normalise_mapped(text)[0]


@dataclass(frozen=True)
class Anchor:
    """A quote's place in its text: the W3C Web Annotation quote and position selectors."""

    start: int
    end: int
    exact: str
    prefix: str
    suffix: str
    occurrences: int = 1
    """How often the quote occurs in the text (more than 1: context chose this one)."""


class QuoteError(GraphError):
    """A quote is not in its text, or occurs more than once and no context says which."""


def occurrences(norm: str, quote: str) -> list[int]:
    """Every offset (overlapping ones too) at which ``quote`` starts in the normalised text."""
    found: list[int] = []
    at = norm.find(quote)
    while at >= 0 and quote:
        found.append(at)
        at = norm.find(quote, at + 1)
    return found


def _words(text: str) -> list[str]:
    return re.findall(r"\w+", normalise(text))


def find_anchor(
    text: str, quote: str, prefix: str | None = None, suffix: str | None = None, *, first: bool = False
) -> Anchor:
    """Anchor ``quote`` in ``text``. ``prefix``/``suffix`` choose among several occurrences
    (their words are compared, punctuation ignored); with ``first`` the first occurrence is
    taken. QuoteError otherwise.

    >>> a = find_anchor("We said: the cloud\u2019s  terms.", "the cloud's terms")
    >>> a.start, a.end, a.exact, a.prefix
    (9, 27, 'the cloud’s  terms', 'We said: ')
    """
    norm, spans = normalise_mapped(text)
    q = normalise(quote)
    if not q:
        raise QuoteError("the quote is empty")
    hits = occurrences(norm, q)
    every = len(hits)
    if prefix:
        p = _words(prefix)
        hits = [i for i in hits if p and _words(norm[:i])[-len(p) :] == p]
    if suffix:
        s = _words(suffix)
        hits = [i for i in hits if s and _words(norm[i + len(q) :])[: len(s)] == s]
    if not hits:
        where = " with that context" if every else ""
        raise QuoteError(f'quote not found{where}: "{q[:80]}"')
    if len(hits) > 1 and not first:
        raise QuoteError(
            f"the quote occurs {len(hits)} times (at characters {', '.join(str(spans[i][0]) for i in hits[:5])}); "
            "give --prefix or --suffix: words just before or after it"
        )
    start, end = _cover(spans, hits[0], hits[0] + len(q))
    return Anchor(
        start, end, text[start:end], text[max(0, start - CONTEXT) : start], text[end : end + CONTEXT], every
    )


def check_anchor(text: str, quote: str, start: int, end: int, exact: str) -> str | None:
    """None when the selectors still hold in ``text``; else what is wrong, with both offsets."""
    if text[start:end] == exact:
        norm, spans = normalise_mapped(text)
        q = normalise(quote)
        if any(_cover(spans, i, i + len(q)) == (start, end) for i in occurrences(norm, q)):
            return None
        return f"the text at characters {start}-{end} is the selector's exact text but not the quote"
    at = _nearest(text, exact, start)
    if at is not None:
        return f"quote moved: selectors give characters {start}-{end}, found at {at}-{at + len(exact)} ({at - start:+d})"
    try:
        found = find_anchor(text, quote, first=True)
    except QuoteError:
        return f"quote not at characters {start}-{end} nor anywhere else in the text"
    return f"quote moved: selectors give characters {start}-{end}, found at {found.start}-{found.end} ({found.start - start:+d})"


def _nearest(text: str, exact: str, start: int) -> int | None:
    best: int | None = None
    at = text.find(exact) if exact else -1
    while at >= 0:
        if best is None or abs(at - start) < abs(best - start):
            best = at
        at = text.find(exact, at + 1)
    return best
