"""The sheet's ``reports:``: reports read outside the corpus, each written as a kg:Citation.

A citation keeps what identifies the report (URL, publisher, title, publication date) and the
date it was read; no sentence of it (there is no local text to check a quote against). Posts the
report points to but that were not read go in ``cites:``.
"""

from __future__ import annotations

import re

from graph._dates import DateSpec
from graph._errors import ParameterError
from graph._vocab import KG, PK
from graph.authoring._context import Context, Report
from graph.authoring._folder import lit, pk
from graph.authoring._schema import keys
from graph.authoring._sheet import Table, Value

REPORT_KEYS = keys("a report (reports: KEY:)")
_URL = re.compile(r"https?://[^\s<>\"{}|\\^`]+")
_DATATYPE = {"year": "gYear", "month": "gYearMonth", "day": "date"}


def read_reports(ctx: Context, table: Table) -> None:
    """Read ``reports:`` (a mapping of your keys to reports) into ``ctx.reports``."""
    read = ctx.read
    for name, item in table.items.items():
        line = table.keys[name]
        if not isinstance(item, Table):
            raise read.error(
                line, f"report '{name}' must be a mapping (url:, publisher:, title:, published:, read:)"
            )
        key = ctx.key(Value(name, line))
        read.check_keys(item, REPORT_KEYS, f"report '{name}'")
        url = _url(ctx, read.text(item, "url", required=True))
        publisher = read.text(item, "publisher", required=True)
        title = read.text(item, "title", required=True)
        published = _date(ctx, read.text(item, "published", required=True), day_only=False)
        read_on = _date(ctx, read.text(item, "read", required=True), day_only=True)
        assert publisher is not None and title is not None
        lines = [
            f"{pk('citation-' + key)} a kg:Citation ;",
            f"    schema:url {lit(url, 'anyURI')} ;",
            f"    dcterms:publisher {lit(publisher.text.strip())} ;",
            f"    dcterms:title {lit(title.text.strip())} ;",
            f"    dcterms:issued {published} ;",
        ]
        cited = [_url(ctx, v) for v in read.texts(item, "cites")]
        if cited:
            lines.append(f"    kg:cites {', '.join(lit(u, 'anyURI') for u in cited)} ;")
        lines.append(f"    kg:retrieved {read_on} .")
        ctx.reports[key] = Report("citation-" + key, publisher.text.strip(), "\n".join(lines))


def _url(ctx: Context, value: Value | None) -> str:
    assert value is not None
    text = value.text.strip()
    if not _URL.fullmatch(text):
        raise ctx.read.error(value.line, f"not an http(s) URL: {text[:80]!r}")
    return text


def _date(ctx: Context, value: Value | None, *, day_only: bool) -> str:
    assert value is not None
    try:
        spec = DateSpec.parse(value.text)
    except ParameterError as err:
        raise ctx.read.error(value.line, str(err)) from None
    if day_only and spec.precision != "day":
        raise ctx.read.error(value.line, f"the date you read it is a day (YYYY-MM-DD), not {spec.text!r}")
    return lit(spec.text, _DATATYPE[spec.precision])


def cite(ctx: Context, values: list[Value], *, at: int, publishers: int = 2) -> list[str]:
    """The citation keys of ``reported-in`` values, checking they name reports of the sheet (or
    citations already in the graph, written by another sheet) and (``publishers``) that enough
    independent publishers were read."""
    keys: list[str] = []
    names: set[str] = set()
    for value in values:
        key = value.text.strip()
        report = ctx.reports.get(key)
        publisher = report.publisher if report else _publisher_in_graph(ctx, "citation-" + key)
        if publisher is None:
            known = ", ".join(sorted(ctx.reports)) or "none: add them under reports:"
            raise ctx.read.error(
                value.line, f"no report '{key}' in reports: nor pk:citation-{key} in the graph; known: {known}"
            )
        keys.append("citation-" + key)
        names.add(publisher.casefold())
        if report:
            ctx.cited.add(key)
    if len(names) < publishers:
        raise ctx.read.error(
            at,
            f"a reported fact needs reports from {publishers} independent publishers or more that you read; "
            f"these are from {len(names)}",
        )
    return keys


def _publisher_in_graph(ctx: Context, key: str) -> str | None:
    """The publisher of the citation ``pk:key`` of the graph (None when the graph has none)."""
    if not re.fullmatch(r"[a-z0-9][a-z0-9-]*", key):
        return None
    found = ctx.kg.store.query(
        f"SELECT ?p WHERE {{ <{PK}{key}> a <{KG}Citation> ; <http://purl.org/dc/terms/publisher> ?p }} LIMIT 1"
    )
    for row in found:  # type: ignore[union-attr]
        return str(row["p"].value)
    return None
