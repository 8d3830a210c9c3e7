"""Rendering answers for the terminal: tables, JSON, CSV and TSV of results and dataclasses."""

from __future__ import annotations

import csv
import io
import json
import shutil
from collections.abc import Sequence
from typing import Any

from graph.answers._types import Answer, AttributeChange, ClaimValue, Evidence
from graph.sparql._result import QueryResult
from graph.sparql._terms import display

"""Formats for the library's answers (hosts, changes, terms, ...)."""

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


def evidence_text(evidence: Sequence[Evidence]) -> str:
    """Evidence as one line: ``file [primary]: quote | ...``."""
    return " | ".join(f"{e.file}{' [primary]' if e.primary else ''}: {e.quote}" for e in evidence)


def _flat(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, tuple) and value and isinstance(value[0], Evidence):
        return evidence_text(value)
    if isinstance(value, tuple) and value and isinstance(value[0], AttributeChange):
        return "; ".join(f"{d.attribute}: {d.old} → {d.new}" for d in value)
    if isinstance(value, tuple) and value and isinstance(value[0], ClaimValue):
        return "; ".join(
            f"{c.value} ({c.rank}; {', '.join(e.file.split('_')[0] for e in c.evidence)})" for c in value
        )
    if isinstance(value, tuple):
        return ", ".join(str(v) for v in value)
    if isinstance(value, bool):
        return "true" if value else "false"
    return str(value)


def answers(items: Sequence[Answer], fmt: str, columns: Sequence[str]) -> str:
    """A list of answers as a table (the given columns), JSON (every field), CSV or TSV."""
    if fmt == "json":
        return json.dumps([i.to_dict() for i in items], indent=2, ensure_ascii=False)
    if fmt in ("csv", "tsv"):
        fields = list(items[0].to_dict()) if items else list(columns)
        buffer = io.StringIO()
        writer = csv.writer(buffer, delimiter="," if fmt == "csv" else "\t", lineterminator="\n")
        writer.writerow(fields)
        for item in items:
            writer.writerow([_flat(getattr(item, f)) for f in fields])
        return buffer.getvalue().rstrip("\n")
    rows = [[_flat(getattr(i, c)) for c in columns] for i in items]
    return table(columns, rows) + f"\n({_count(len(rows))})"


def _count(n: int) -> str:
    """``1 row``, ``3 rows``."""
    return f"{n} row" if n == 1 else f"{n} rows"
