"""Query results in notebooks and pandas: a short repr, an escaped HTML table, a typed DataFrame.

``QueryResult`` delegates its ``__repr__``, ``_repr_html_`` and ``to_dataframe`` here; the answer
lists of graph.answers._display reuse the table and the pandas loader. pandas is optional
(``pip install 'partnership-kg[pandas]'``).
"""

from __future__ import annotations

from collections.abc import Sequence

from graph._errors import GraphError

TYPE_CHECKING = False  # typing costs start-up time; only type checkers import it
if TYPE_CHECKING:
    from typing import Any

SHOWN_ROWS = 50
"""Rows an HTML table shows before it says how many more there are."""

_STYLE = "border-collapse:collapse;font-size:13px"
_CELL = "border:1px solid #d9dee5;padding:3px 6px;text-align:left;vertical-align:top"
_XSD = "http://www.w3.org/2001/XMLSchema#"
_INTEGERS = {
    _XSD + t for t in ("integer", "int", "long", "short", "byte", "nonNegativeInteger", "positiveInteger")
}
_FLOATS = {_XSD + t for t in ("decimal", "double", "float")}
_DATES = {_XSD + "date", _XSD + "dateTime"}


def html_table(head: Sequence[str], rows: Sequence[Sequence[str]], total: int) -> str:
    """An HTML table, every text escaped, and a line saying how many rows there are."""
    import html  # (here: importing it costs start-up time)

    th = "".join(f'<th style="{_CELL}">{html.escape(h)}</th>' for h in head)
    body = "".join(
        "<tr>" + "".join(f'<td style="{_CELL}">{html.escape(c)}</td>' for c in row) + "</tr>" for row in rows
    )
    more = total - len(rows)
    note = f"{total} row{'s' if total != 1 else ''}" + (f", {more} more not shown" if more > 0 else "")
    return f'<table style="{_STYLE}"><thead><tr>{th}</tr></thead><tbody>{body}</tbody></table><p>{note}</p>'


def pandas() -> Any:
    """The pandas module, or a GraphError saying how to install it."""
    try:
        import pandas
    except ModuleNotFoundError:
        raise GraphError("to_dataframe needs pandas: pip install 'partnership-kg[pandas]'") from None
    return pandas


def result_dataframe(result: Any) -> Any:
    """A SELECT result as a DataFrame: a column per variable, typed by the literals' datatypes
    (integers, decimals and doubles as numbers, booleans, xsd:date as datetimes; IRIs shortened)."""
    import pyoxigraph as ox

    from graph.sparql._terms import display

    pd = pandas()
    variables, rows = result.variables, result.rows
    data: dict[str, Any] = {}
    for i, name in enumerate(variables):
        terms = [row[i] for row in rows]
        kinds = {t.datatype.value for t in terms if isinstance(t, ox.Literal) and not t.language}
        bound = [t for t in terms if t is not None]
        literal = bool(bound) and all(isinstance(t, ox.Literal) and not t.language for t in bound)
        if literal and kinds <= _INTEGERS:
            data[name] = pd.array([None if t is None else int(t.value) for t in terms], dtype="Int64")
        elif literal and kinds <= _INTEGERS | _FLOATS:
            data[name] = pd.array([None if t is None else float(t.value) for t in terms], dtype="Float64")
        elif literal and kinds == {_XSD + "boolean"}:
            data[name] = pd.array(
                [None if t is None else t.value in ("true", "1") for t in terms], dtype="boolean"
            )
        elif literal and kinds <= _DATES:
            data[name] = pd.to_datetime([None if t is None else t.value for t in terms])
        else:
            data[name] = [None if t is None else display(t) for t in terms]
    return pd.DataFrame(data, columns=variables)


def result_html(result: Any) -> str:
    """A query result for Jupyter: a table of a SELECT, yes/no of an ASK, Turtle of a graph."""
    import html

    from graph.sparql._terms import display

    if result.kind == "ask":
        return f"<p>{'yes' if result.boolean else 'no'}</p>"
    if result.kind == "graph":
        return f"<pre>{html.escape(result.serialize('ttl').decode())}</pre>"
    rows = [[display(t) for t in row] for row in result.rows[:SHOWN_ROWS]]
    return html_table(result.variables, rows, len(result.rows))


def result_repr(result: Any) -> str:
    """``<QueryResult select: 3 rows × (provider, role)>``."""
    if result.kind == "select":
        names = ", ".join(result.variables[:6]) + (", …" if len(result.variables) > 6 else "")
        return f"<QueryResult select: {len(result.rows)} rows × ({names})>"
    if result.kind == "ask":
        return f"<QueryResult ask: {'yes' if result.boolean else 'no'}>"
    return f"<QueryResult graph: {len(result.triples())} triples>"
