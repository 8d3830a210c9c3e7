"""Notebooks and pandas: short reprs, escaped HTML tables with sources, typed DataFrames, and
docs/notebook.ipynb executed from start to end (outputs stripped in git)."""

from __future__ import annotations

import json
import re
from html.parser import HTMLParser

import pytest

import graph
from tests.conftest import PREFIXES, REPO, write

# The answers asserted here are the five corpus documents' (issue 21: reports read outside the
# corpus change several; tests/test_reported_timeline.py asserts those): kg and cli use --corpus-only.
CORPUS_ONLY = True


NOTEBOOK = REPO / "docs" / "notebook.ipynb"


class _Table(HTMLParser):
    """The header and cell texts of the first HTML table, and whether a script tag appeared."""

    def __init__(self) -> None:
        super().__init__()
        self.head: list[str] = []
        self.rows: list[list[str]] = []
        self.scripts = 0
        self._cell: str | None = None

    def handle_starttag(self, tag: str, attrs: list) -> None:
        if tag == "script":
            self.scripts += 1
        if tag == "tr":
            self.rows.append([])
        if tag in ("td", "th"):
            self._cell = ""

    def handle_data(self, data: str) -> None:
        if self._cell is not None:
            self._cell += data

    def handle_endtag(self, tag: str) -> None:
        if tag in ("td", "th") and self._cell is not None:
            (self.head if tag == "th" else self.rows[-1]).append(self._cell)
            self._cell = None


def _parse(markup: str) -> _Table:
    table = _Table()
    table.feed(markup)
    table.rows = [r for r in table.rows if r]
    return table


def test_answer_lists_show_as_a_table_with_sources(kg) -> None:
    hosts = kg.hosts("Frontier")
    table = _parse(hosts._repr_html_())
    assert table.head == [
        "Provider",
        "Role",
        "Hosted thing",
        "Exclusivity",
        "Since",
        "Rank",
        "Basis",
        "Sources",
    ]
    assert [r[:4] for r in table.rows] == [
        ["AWS", "distributes", "Frontier", "exclusive"],
        ["Microsoft Azure", "hosts", "OpenAI first-party products", ""],
    ]
    assert "GadgetBond" in table.rows[0][-1] and "(primary)" in table.rows[1][-1]
    assert hosts == list(hosts)  # still a list


def test_html_is_escaped(tmp_path) -> None:
    folder = tmp_path / "mine"
    write(
        folder / "x.ttl",
        PREFIXES
        + 'pk:x a kg:Organization ; rdfs:label "<script>alert(1)</script> & Co" ; kg:basis kg:Stated ;'
        + " kg:evidence pk:ev-003-title .",
    )
    kg = graph.load(folder)
    facts = kg.sources_for("x")
    markup = facts._repr_html_()
    assert "<script>" not in markup and "&lt;script&gt;" in markup
    assert _parse(markup).scripts == 0
    assert [r[3] for r in _parse(markup).rows] == ["<script>alert(1)</script> & Co"]
    result = kg.query("SELECT ?l WHERE { pk:x rdfs:label ?l }")
    assert "<script>" not in result._repr_html_() and _parse(result._repr_html_()).rows == [
        ["<script>alert(1)</script> & Co"]
    ]


def test_reprs_are_short(kg) -> None:
    [role] = [h for h in kg.hosts("stateless-apis") if h.role == "hosts"]
    assert repr(role) == (
        "HostRole(provider='Microsoft Azure', role='hosts', hosted='Stateless OpenAI APIs', "
        "exclusivity='exclusive', since='agreement-2025-10', evidence=6)"
    )
    assert all(
        len(repr(x)) < 200 for x in [*kg.changes("2025-10", "2026-02-27"), *kg.timeline(), *kg.conflicts()]
    )
    assert re.fullmatch(r"<PartnershipGraph: [\d,]+ triples from \d+ data files>", repr(kg))
    result = kg.query("who-hosts-what")
    assert re.fullmatch(r"<QueryResult select: \d+ rows × \(role, providerLabel, .*\)>", repr(result))
    assert repr(kg.query("ASK { ?s ?p ?o }")) == "<QueryResult ask: yes>"
    listing = repr(kg.hosts())
    assert listing.startswith("Answers(11 × HostRole: [") and "… 1 more" in listing


def test_answer_dataframes_are_typed(kg) -> None:
    pd = pytest.importorskip("pandas")
    frame = kg.timeline().to_dataframe()
    assert list(frame.columns) == [
        "agreement",
        "label",
        "type",
        "date",
        "precision",
        "earliest",
        "latest",
        "partnership",
        "parties",
        "inferred_order",
        "other_dates",
        "basis",
        "value_bases",
        "placement",
        "sources",
    ]
    assert pd.api.types.is_datetime64_any_dtype(frame["earliest"])
    assert frame.loc[frame["agreement"] == "agreement-2019", "earliest"].iloc[0] == pd.Timestamp("2019-01-01")
    assert not pd.api.types.is_datetime64_any_dtype(frame["date"])  # "2019", "2025-10": precision kept
    assert frame.loc[frame["agreement"] == "agreement-2019", "date"].iloc[0] == "2019"
    hosts = kg.hosts().to_dataframe()
    assert "evidence" not in hosts.columns and hosts["sources"].str.len().min() > 0


def test_query_result_dataframes_are_typed(kg) -> None:
    pd = pytest.importorskip("pandas")
    result = kg.query(
        "SELECT ?term ?usd ?n ?day ?flag WHERE { ?term kg:amountUSD ?usd . "
        'BIND(3 AS ?n) BIND("2025-10-28"^^xsd:date AS ?day) BIND(true AS ?flag) } ORDER BY DESC(?usd) ?term'
    )
    frame = result.to_dataframe()
    assert str(frame["usd"].dtype) == "Float64" and frame["usd"].iloc[0] == 250_000_000_000.0
    assert str(frame["n"].dtype) == "Int64" and str(frame["flag"].dtype) == "boolean"
    assert pd.api.types.is_datetime64_any_dtype(frame["day"])
    assert frame["term"].iloc[0].startswith("pk:term-")


def test_to_dataframe_without_pandas_says_what_to_install(kg, monkeypatch) -> None:
    import sys

    monkeypatch.setitem(sys.modules, "pandas", None)
    with pytest.raises(graph.GraphError, match=r"pip install 'partnership-kg\[pandas\]'"):
        kg.hosts().to_dataframe()


def test_notebook_is_stored_without_outputs() -> None:
    cells = json.loads(NOTEBOOK.read_text(encoding="utf-8"))["cells"]
    code = [c for c in cells if c["cell_type"] == "code"]
    assert len(code) >= 7
    assert all(c["outputs"] == [] and c["execution_count"] is None for c in code)


@pytest.mark.slow
def test_notebook_runs_from_start_to_end(tmp_path) -> None:
    nbformat = pytest.importorskip("nbformat")
    nbclient = pytest.importorskip("nbclient")
    pytest.importorskip("ipykernel")
    notebook = nbformat.read(NOTEBOOK, as_version=4)
    nbclient.NotebookClient(
        notebook, timeout=300, kernel_name="python3", resources={"metadata": {"path": str(tmp_path)}}
    ).execute()
    outputs = [o for c in notebook.cells if c.cell_type == "code" for o in c.outputs]
    assert not [o for o in outputs if o.output_type == "error"]
    html = [o["data"].get("text/html", "") for o in outputs if "data" in o]
    assert any("<th" in h and "Sources" in h and "AWS" in h for h in html)  # the hosts table
    assert any("earliest" in h and "2016-11-01" in h for h in html)  # the DataFrame (reports: 2016)
    assert any(h.startswith("<iframe") and "srcdoc=" in h for h in html)  # the explorer
    texts = [o["data"].get("text/plain", "") for o in outputs if "data" in o]
    assert any(t.startswith("HostRole(provider='AWS'") for t in texts)
    assert any("datetime64" in t for t in texts)
