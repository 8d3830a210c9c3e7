"""Plain-text tables that fit the terminal: long cells wrap onto more lines, nothing is cut.

Columns are as wide as their longest cell when the table fits; otherwise each keeps its longest
word (up to 16 characters; a longer word breaks across lines) and the rest of the width goes
to the columns with the longest cells. Every character of every cell is printed.
"""

from __future__ import annotations

import shutil
import textwrap
from collections.abc import Sequence

GAP = 2
"""Spaces between columns."""


def terminal_width(default: int = 160) -> int:
    """The terminal's width ($COLUMNS first), or ``default`` when there is none."""
    return shutil.get_terminal_size((default, 24)).columns


def _widths(header: Sequence[str], cells: Sequence[Sequence[str]], width: int | None) -> list[int]:
    """Column widths: each column's longest cell if the table fits ``width``; else each column
    gets its longest word (up to 16) and the rest of the room goes to the columns in proportion
    to how much longer their cells are (the evidence column gets most of it)."""
    longest = [max([len(r[i]) for r in cells] + [1]) for i in range(len(header))]
    if width is None:
        return [max(len(h), n) for h, n in zip(header, longest)]
    head_words = [max([len(w) for w in h.split()] + [1]) for h in header]
    cell_words = [max([len(w) for r in cells for w in r[i].split()] + [1]) for i in range(len(header))]
    natural = [max(h, n) for h, n in zip(head_words, longest)]  # a header wraps rather than widen its column
    room = max(len(header), width - GAP * (len(header) - 1))
    if sum(natural) <= room:
        return natural
    for cap in (16, 10, 6, 3, 1):  # narrower floors, until they fit (long words then break)
        floors = [min(n, max(min(h, cap), min(c, cap))) for n, h, c in zip(natural, head_words, cell_words)]
        if sum(floors) <= room:
            break
    spare = room - sum(floors)
    excess = [n - f for n, f in zip(natural, floors)]
    total = sum(excess) or 1
    widths = [f + spare * e // total for f, e in zip(floors, excess)]
    for i in sorted(range(len(widths)), key=lambda i: -excess[i]):  # what rounding left over
        if sum(widths) < room and widths[i] < natural[i]:
            widths[i] += 1
    return widths


def _wrap(text: str, width: int) -> list[str]:
    return textwrap.wrap(text, width, break_long_words=True, break_on_hyphens=False) or [""]


def render(header: Sequence[str], rows: Sequence[Sequence[str]], width: int | None = None) -> str:
    """The table, fitted to ``width`` characters (None: one line per row, however wide).

    >>> print(render(["a", "bb"], [["1", "2"]]))
    a  bb
    -  --
    1  2
    >>> print(render(["name", "note"], [["x", "a long note that wraps"]], width=20))
    name  note
    ----  --------------
    x     a long note
          that wraps
    """
    cells = [[" ".join(str(c).split()) for c in row] for row in rows]
    widths = _widths(header, cells, width)
    lines = _lines([_wrap(h, w) for h, w in zip(header, widths)], widths)
    lines.append("  ".join("-" * w for w in widths))
    wrapped = [[_wrap(c, w) for c, w in zip(row, widths)] for row in cells]
    tall = any(len(c) > 1 for row in wrapped for c in row)
    for n, row in enumerate(wrapped):
        if tall and n:
            lines.append("")  # rows of several lines are easier to tell apart with a gap
        lines += _lines(row, widths)
    return "\n".join(lines)


def _lines(row: Sequence[list[str]], widths: Sequence[int]) -> list[str]:
    """One row's wrapped cells side by side, as many lines as its tallest cell."""
    height = max((len(c) for c in row), default=1)
    return [
        "  ".join((c[k] if k < len(c) else "").ljust(w) for c, w in zip(row, widths)).rstrip()
        for k in range(height)
    ]
