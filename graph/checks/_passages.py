"""A quote in its passage: the paragraph (or sentence) of the source text it stands in.

Texts are read from the user's folder of sources (the project ships none). The passage is given
normalised, as quotes are compared (markdown removed, spacing collapsed), split around the quote,
so that a page can highlight it as text, never as markup.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from graph.checks._anchors import normalise, normalise_mapped, occurrences

_PARAGRAPH = re.compile(r"\n[ \t]*\n")
_LINE = re.compile(r"\n")
_SENTENCE_END = re.compile(r"[.!?][\"')\]]*\s")


@dataclass(frozen=True)
class Passage:
    """The text around a quote: ``before``, the quote as it stands (``match``), ``after``."""

    before: str
    match: str
    after: str

    def marked(self, left: str = "«", right: str = "»") -> str:
        """The passage as one line with the quote between ``left`` and ``right``."""
        return f"{self.before}{left}{self.match}{right}{self.after}".strip()


class Texts:
    """The source texts of a folder, read once each (None for a file the folder lacks)."""

    def __init__(self, folder: Path) -> None:
        self.folder = folder
        self._texts: dict[str, tuple[str, list[int], str, list[tuple[int, int]]] | None] = {}

    def _get(self, file: str) -> tuple[str, list[int], str, list[tuple[int, int]]] | None:
        if file not in self._texts:
            path = self.folder / file
            if not path.is_file() or "/" in file or "\\" in file:
                self._texts[file] = None
            else:
                raw = path.read_text(encoding="utf-8", errors="replace")
                norm, spans = normalise_mapped(raw)
                # paragraphs are separated by blank lines, or by line breaks in a text without any
                rule = _PARAGRAPH if _PARAGRAPH.search(raw) else _LINE
                breaks = [m.start() for m in rule.finditer(raw)]
                self._texts[file] = (raw, breaks, norm, spans)
        return self._texts[file]

    def paragraph(self, file: str, quote: str) -> Passage | None:
        """The paragraph holding the quote's first occurrence (None when the text or quote is missing)."""
        found = self._find(file, quote)
        if found is None:
            return None
        raw, breaks, norm, spans, i, j = found
        start = max((b for b in breaks if b < spans[i][0]), default=0)
        end = min((b for b in breaks if b >= spans[j - 1][1]), default=len(raw))
        left = next((k for k in range(i, -1, -1) if k == 0 or spans[k - 1][1] <= start), 0)
        right = next((k for k in range(j, len(norm) + 1) if k == len(norm) or spans[k][0] >= end), len(norm))
        return Passage(norm[left:i].lstrip(), norm[i:j], norm[j:right].rstrip())

    def sentence(self, file: str, quote: str) -> Passage | None:
        """The sentence(s) holding the quote: from the end of the previous sentence to the end of its own."""
        passage = self.paragraph(file, quote)
        if passage is None:
            return None
        ends = [m.end() for m in _SENTENCE_END.finditer(passage.before)]
        before = passage.before[ends[-1] :] if ends else passage.before
        stop = _SENTENCE_END.search(passage.after)
        after = passage.after[: stop.end()].rstrip() if stop else passage.after
        return Passage(before, passage.match, after)

    def _find(
        self, file: str, quote: str
    ) -> tuple[str, list[int], str, list[tuple[int, int]], int, int] | None:
        text = self._get(file)
        if text is None:
            return None
        raw, breaks, norm, spans = text
        q = normalise(quote)
        hits = occurrences(norm, q)
        if not hits:
            return None
        return raw, breaks, norm, spans, hits[0], hits[0] + len(q)


def in_context(facts: list[Any], folder: Path) -> str:
    """Each fact's quotes in their sentence from the texts in ``folder`` (the quote between « »),
    one block per fact: its id and label, then ``file [primary]: sentence`` per quote."""
    texts = Texts(folder)
    lines: list[str] = []
    for fact in facts:
        lines.append(f"{fact.id}  {fact.label or ''}".rstrip())
        for ev in fact.evidence:
            passage = texts.sentence(ev.file, ev.quote)
            said = passage.marked() if passage else f"«{ev.quote}» (no {ev.file} in {folder})"
            lines.append(f"  {ev.file}{' [primary]' if ev.primary else ''}: {said}")
    return "\n".join(lines)
