"""Rendering answers for the terminal: tables, JSON, CSV and TSV of results and answers."""

from __future__ import annotations

import io
from collections.abc import Sequence

TYPE_CHECKING = False  # typing costs start-up time; only type checkers import it
if TYPE_CHECKING:
    from typing import Any

    from graph.answers import Answer
    from graph.sparql import QueryResult

_VALUE_PROPERTIES = {
    "since_label": "since",
    "until": "until",
    "date": "date",
    "type": "agreement type",
    "change_type": "change type",
    "may_be_superseded_by": "superseded by",
}
"""Table columns whose value may have a basis of its own (a kg:Claim), and the claim's property."""


def marked(item: Any, column: str, cell: str) -> str:
    """A table cell, marked ``[inferred]`` or ``[disputed]`` in front (so that cutting it keeps
    the mark) when the value's own basis says so."""
    prop = _VALUE_PROPERTIES.get(column)
    if not cell or prop is None:
        return cell
    kinds = {v.basis.kind for v in getattr(item, "value_bases", ()) if v.property == prop}
    for kind in ("disputed", "inferred"):
        if kind in kinds:
            return f"[{kind}] {cell}"
    return cell


def table(header: Sequence[str], rows: Sequence[Sequence[str]], wide: bool = False) -> str:
    """A plain-text table fitted to the terminal, long cells wrapped (``wide``: one line a row).

    >>> print(table(["a", "bb"], [["1", "2"]]))
    a  bb
    -  --
    1  2
    """
    from graph.output._table import render, terminal_width

    return render(header, rows, None if wide else terminal_width())


def result_table(result: QueryResult, wide: bool = False) -> str:
    """A SELECT result as a table (ASK as yes/no, graphs as Turtle)."""
    if result.kind == "ask":
        return "yes" if result.boolean else "no"
    if result.kind == "graph":
        return result.serialize("ttl").decode()
    from graph.sparql import display

    rows = [[display(t) for t in row] for row in result.rows]
    return table(result.variables, rows, wide) + f"\n({_count(len(rows))})"


def answers(
    items: Sequence[Answer],
    fmt: str,
    kind: type[Answer],
    columns: Sequence[str] = (),
    *,
    chosen: bool = False,
    wide: bool = False,
    evidence: bool = False,
) -> str:
    """A list of answers of one kind as a table (its columns, or the ones given; headers a
    reader understands; quotes as a ``Sources`` cell unless ``evidence``), JSON (every field),
    CSV or TSV (every field, flattened, or only ``columns`` when the user ``chosen`` them; the
    table's columns head an empty list)."""
    columns = columns or kind.COLUMNS
    if fmt == "json":
        from graph.output._jsontext import dumps  # (json.dumps(..., indent=2, ensure_ascii=False))

        return dumps([i.to_dict() for i in items])
    from graph.output._cells import (
        BASIS_FIELDS,
        DERIVED,
        EVIDENCE_FIELDS,
        SOURCES,
        basis_cell,
        in_table,
        named_files,
        quotes_cell,
        role_cell,
        sources_cell,
    )

    if fmt in ("csv", "tsv"):
        rows = [item.flat() for item in items]
        if chosen:
            rows = [
                {c: sources_cell(i) if c == SOURCES else row[c] for c in columns}
                for i, row in zip(items, rows)
            ]
        import csv

        buffer = io.StringIO()
        writer = csv.writer(buffer, delimiter="," if fmt == "csv" else "\t", lineterminator="\n")
        writer.writerow(list(rows[0]) if rows else list(columns))
        writer.writerows(list(row.values()) for row in rows)
        return buffer.getvalue().rstrip("\n")
    from graph.output._columns import header

    shown = list(columns) if chosen else in_table(columns, evidence)

    def cell(item: Answer, row: dict[str, str], column: str) -> str:
        if column == SOURCES:
            return sources_cell(item)
        if column in DERIVED:
            return role_cell(item)
        if column in BASIS_FIELDS and not evidence:
            return basis_cell(getattr(item, column))
        if column == "other_dates":
            return named_files(item, row[column])
        if column in EVIDENCE_FIELDS:
            return quotes_cell(getattr(item, column))
        if column == "since_label":  # the date says it shortest
            return marked(item, column, getattr(item, "since_date", None) or "undated")
        return marked(item, column, row[column])

    cells = [[cell(i, row, c) for c in shown] for i, row in ((i, i.flat()) for i in items)]
    return (
        table([DERIVED.get(c) or header(c) for c in shown], cells, wide)
        + "\n"
        + _last_line(items, len(cells))
    )


def _last_line(items: Sequence[Answer], count: int) -> str:
    """``(3 rows)``; for changes, how many clauses have each status (``2 amended, 7 unchanged``)."""
    from graph.answers import Change

    changes = [i for i in items if isinstance(i, Change)]
    if items and len(changes) == len(items):
        from graph.output._cells import status_summary

        return status_summary([c.status for c in changes])
    return f"({_count(count)})"


def _count(n: int) -> str:
    """``1 row``, ``3 rows``."""
    return f"{n} row" if n == 1 else f"{n} rows"
