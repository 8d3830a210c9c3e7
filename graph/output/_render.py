"""Rendering answers for the terminal: tables, JSON, CSV and TSV of results and dataclasses."""

from __future__ import annotations

import csv
import io
import json
import shutil
from collections.abc import Sequence

from graph.answers._types import Answer
from graph.sparql._result import QueryResult
from graph.sparql._terms import display

_MAX_CELL = 60


def table(header: Sequence[str], rows: Sequence[Sequence[str]]) -> str:
    """A plain-text table, each cell cut to fit the terminal.

    >>> print(table(["a", "bb"], [["1", "2"]]))
    a  bb
    -  --
    1  2
    """
    width = shutil.get_terminal_size((160, 24)).columns
    cells = [[" ".join(c.split()) for c in row] for row in rows]
    widths = [min(_MAX_CELL, max([len(h)] + [len(r[i]) for r in cells])) for i, h in enumerate(header)]
    # Narrow the widest column, one character at a time, until the table fits the terminal.
    while sum(widths) + 2 * (len(widths) - 1) > width and max(widths) > 12:
        widths[widths.index(max(widths))] -= 1
    cut = [[_cut(c, w) for c, w in zip(row, widths)] for row in cells]
    lines = ["  ".join(h.ljust(w) for h, w in zip(header, widths)).rstrip()]
    lines.append("  ".join("-" * w for w in widths))
    lines += ["  ".join(c.ljust(w) for c, w in zip(r, widths)).rstrip() for r in cut]
    return "\n".join(lines)


def _cut(text: str, limit: int) -> str:
    return text if len(text) <= limit else text[: limit - 1] + "…"


def result_table(result: QueryResult) -> str:
    """A SELECT result as a table (ASK as yes/no, graphs as Turtle)."""
    if result.kind == "ask":
        return "yes" if result.boolean else "no"
    if result.kind == "graph":
        return result.serialize("ttl").decode()
    rows = [[display(t) for t in row] for row in result.rows]
    return table(result.variables, rows) + f"\n({_count(len(rows))})"


def answers(items: Sequence[Answer], fmt: str, kind: type[Answer], columns: Sequence[str] = ()) -> str:
    """A list of answers of one kind as a table (its columns, or the ones given), JSON (every
    field), CSV or TSV (every field, flattened; the table's columns head an empty list)."""
    columns = columns or kind.COLUMNS
    if fmt == "json":
        return json.dumps([i.to_dict() for i in items], indent=2, ensure_ascii=False)
    if fmt in ("csv", "tsv"):
        rows = [item.flat() for item in items]
        buffer = io.StringIO()
        writer = csv.writer(buffer, delimiter="," if fmt == "csv" else "\t", lineterminator="\n")
        writer.writerow(list(rows[0]) if rows else list(columns))
        writer.writerows(list(row.values()) for row in rows)
        return buffer.getvalue().rstrip("\n")
    cells = [[row[c] for c in columns] for row in (item.flat() for item in items)]
    return table(columns, cells) + f"\n({_count(len(cells))})"


def _count(n: int) -> str:
    """``1 row``, ``3 rows``."""
    return f"{n} row" if n == 1 else f"{n} rows"
