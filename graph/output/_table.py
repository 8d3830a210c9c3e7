"""Plain-text tables that fit the terminal: long cells wrap between words, nothing is cut.

Columns are as wide as their longest cell when the table fits. Otherwise every column is at
least as wide as its longest word (a word is never broken: a table whose longest words do not
fit runs past the width instead), the widths are chosen so that no row is taller than needed,
and what room is left goes where it saves the most lines. Every character of every cell is
printed.
"""

from __future__ import annotations

import re
import shutil
from collections.abc import Callable, Sequence

GAP = 2
"""Spaces between columns."""

_SAMPLE = 300
"""Rows the widths are chosen on (a long query result: its first rows stand for the rest)."""


def terminal_width(default: int = 160) -> int:
    """The terminal's width ($COLUMNS first), or ``default`` when there is none."""
    return shutil.get_terminal_size((default, 24)).columns


LONG = 20
"""A word longer than this (an id such as ``term-2025-10-azure-services-commitment``) may
break after its hyphens; shorter words never break."""


def words_of(text: str) -> list[tuple[str, bool]]:
    """The pieces a cell wraps between, each with whether a space comes before it: its words,
    long words cut after each hyphen.

    >>> words_of("see term-2025-10-azure-services")
    [('see', False), ('term-', True), ('2025-', False), ('10-', False), ('azure-', False), ('services', False)]
    """
    pieces: list[tuple[str, bool]] = []
    for word in text.split():
        parts = [p for p in re.split(r"(?<=-)", word) if p] if len(word) > LONG else [word]
        pieces += [(p, bool(pieces) and not n) for n, p in enumerate(parts)]
    return pieces


def wrap(text: str, width: int) -> list[str]:
    """``text`` in lines of at most ``width`` characters, broken only between words (or after a
    long word's hyphens); a word longer than ``width`` stands on a line of its own.

    >>> wrap("possibly in force", 8)
    ['possibly', 'in force']
    >>> wrap("see term-2025-10-azure-services-commitment", 16)
    ['see term-2025-', '10-azure-', 'services-', 'commitment']
    """
    lines: list[str] = []
    line = ""
    for piece, spaced in words_of(text):
        joined = f"{line} {piece}" if spaced and line else line + piece
        if line and len(joined) > width:
            lines.append(line)
            line = piece
        else:
            line = joined
    return [*lines, line] if line or not lines else lines


def _height(text: str, width: int) -> int:
    return len(wrap(text, width))


class _Fit:
    """The heights of a sample of cells at each width tried, kept so that each is computed once."""

    def __init__(self, columns: Sequence[Sequence[str]]) -> None:
        self.columns = columns
        self.seen: dict[tuple[int, int], list[int]] = {}

    def heights(self, column: int, width: int) -> list[int]:
        key = (column, width)
        if key not in self.seen:
            self.seen[key] = [_height(c, width) for c in self.columns[column]]
        return self.seen[key]

    def lines(self, widths: Sequence[int]) -> int:
        """How many lines the sampled rows take at these widths."""
        per_column = [self.heights(i, w) for i, w in enumerate(widths)]
        return sum(max(row) for row in zip(*per_column)) if per_column and per_column[0] else 0


def _widths(header: Sequence[str], cells: Sequence[Sequence[str]], width: int | None) -> list[int]:
    """Column widths: each column's longest cell if the table fits ``width``; else the widths
    (each at least its column's longest word) that keep the tallest row lowest, then the
    fewest lines."""
    count = len(header)
    longest = [max([len(r[i]) for r in cells] + [1]) for i in range(count)]
    if width is None:
        return [max(len(h), n) for h, n in zip(header, longest)]
    words = [max([len(w) for r in [header, *cells] for w in r[i].split()] + [1]) for i in range(count)]
    natural = [max(w, n) for w, n in zip(words, longest)]  # a header wraps rather than widen its column
    room = width - GAP * (count - 1)
    if sum(natural) <= room:
        return natural
    if sum(words) > room:
        return words  # no width keeps every word whole: render() lists the rows as records
    sample = [list(c) for c in zip(*cells[:_SAMPLE])] or [[] for _ in header]
    return _improve(_Fit(sample), _share(words, natural, room), words, natural)


def _share(words: list[int], natural: list[int], room: int) -> list[int]:
    """Each column its longest word, and the rest of the room in proportion to how much wider
    its longest cell is (as browsers lay out tables)."""
    spare = room - sum(words)
    excess = [n - w for n, w in zip(natural, words)]
    total = sum(excess) or 1
    widths = [w + spare * e // total for w, e in zip(words, excess)]
    for i in sorted(range(len(widths)), key=lambda i: -excess[i]):  # what rounding left over
        if sum(widths) < room and widths[i] < natural[i]:
            widths[i] += 1
    return widths


Cost = Callable[[Sequence[int]], tuple[int, int]]


def _improve(fit: _Fit, widths: list[int], words: list[int], natural: list[int]) -> list[int]:
    """Move characters between columns while that saves printed lines (or keeps them and
    lowers the tallest row)."""

    def cost(ws: Sequence[int]) -> tuple[int, int]:
        """The lines printed (gaps included, as render() puts them) and the tallest row's."""
        per_column = [fit.heights(i, w) for i, w in enumerate(ws)]
        if not per_column or not per_column[0]:
            return 0, 0
        rows = [max(r) for r in zip(*per_column)]
        keyed = max(per_column[0]) == 1
        gaps = len(rows) - 1 if max(rows) > (2 if keyed else 1) else 0
        return sum(rows) + gaps, max(rows)

    best = cost(widths)
    for _ in range(40):
        trial = _best_move(widths, words, natural, cost, fit)
        if trial is None or cost(trial) >= best:
            break
        widths, best = trial, cost(trial)
    return widths


def _best_move(
    widths: list[int], words: list[int], natural: list[int], cost: Cost, fit: _Fit
) -> list[int] | None:
    """The best of: widen one column to one of its next few widths that shorten one of its
    cells, taking the characters one at a time from the columns that miss them least."""
    found: list[int] | None = None
    for take in range(len(widths)):
        for wider in _breakpoints(fit, take, widths[take], natural[take]):
            trial = list(widths)
            trial[take] = wider
            for _ in range(wider - widths[take]):
                donors = [i for i in range(len(trial)) if i != take and trial[i] > words[i]]
                if not donors:
                    break
                giver = min(donors, key=lambda i: _narrower(cost, trial, i))
                trial[giver] -= 1
            if sum(trial) <= sum(widths) and (found is None or cost(trial) < cost(found)):
                found = trial
    return found


def _breakpoints(fit: _Fit, column: int, width: int, natural: int, most: int = 4) -> list[int]:
    """The next ``most`` widths above ``width`` at which one of the column's cells takes fewer lines."""
    out: list[int] = []
    now = fit.heights(column, width)
    for w in range(width + 1, natural + 1):
        found = fit.heights(column, w)
        if found != now:
            out.append(w)
            now = found
            if len(out) == most:
                break
    return out


def _narrower(cost: Cost, widths: list[int], i: int) -> tuple[int, int]:
    """The cost of the widths with column ``i`` one character narrower."""
    return cost([*widths[:i], widths[i] - 1, *widths[i + 1 :]])


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
    if width is not None and sum(widths) + GAP * (len(widths) - 1) > width:
        return records(header, cells, width)
    lines = _lines([wrap(h, w) for h, w in zip(header, widths)], widths)
    lines.append("  ".join("-" * w for w in widths))
    wrapped = [[wrap(c, w) for c, w in zip(row, widths)] for row in cells]
    keyed = all(len(row[0]) == 1 and row[0][0] for row in wrapped)  # each row starts a new first cell
    tall = any(len(c) > (2 if keyed else 1) for row in wrapped for c in row)
    for n, row in enumerate(wrapped):
        if tall and n:
            lines.append("")  # rows of several lines are told apart by a gap (by their first cell at 2)
        lines += _lines(row, widths)
    return "\n".join(lines)


def records(header: Sequence[str], rows: Sequence[Sequence[str]], width: int) -> str:
    """Rows too wide for a table (their longest words alone do not fit): each row as a record,
    one ``Header  value`` line per column, the value wrapped; a blank line between rows.

    >>> print(records(["Name", "Note"], [["x", "a long note that wraps"]], 17))
    Name  x
    Note  a long note
          that wraps
    """
    label = max(len(h) for h in header) + GAP
    blocks = []
    for row in rows:
        lines = []
        for head, cell in zip(header, row):
            for k, line in enumerate(wrap(cell, max(width - label, 10)) if cell else [""]):
                lines.append(((head if not k else "").ljust(label) + line).rstrip())
        blocks.append("\n".join(lines))
    return "\n\n".join(blocks)


def _lines(row: Sequence[list[str]], widths: Sequence[int]) -> list[str]:
    """One row's wrapped cells side by side, as many lines as its tallest cell."""
    height = max((len(c) for c in row), default=1)
    return [
        "  ".join((c[k] if k < len(c) else "").ljust(w) for c, w in zip(row, widths)).rstrip()
        for k in range(height)
    ]
