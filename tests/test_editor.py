"""The query editor's page and its vendored YASGUI files (graph/serve/_editor.py)."""

from __future__ import annotations

import hashlib
import json
import re

from graph.serve._editor import STATIC, YASGUI_VERSION, editor_page
from graph.sparql._named import NamedQuery, named_queries

VENDORED = {
    "yasgui/yasgui.min.js": "55034eaac74c55f55fbd1eeed008ae38a79053651cbed2b453f1fcfd895a4b75",
    "yasgui/yasgui.min.css": "085b94556b97f9928981bdedb6848fd11ad4d8d950e821f0d698c58ca538fc55",
}


def test_the_vendored_files_are_the_ones_recorded() -> None:
    notes = (STATIC / "yasgui" / "README.md").read_text(encoding="utf-8")
    assert f"@zazuko/yasgui {YASGUI_VERSION}**" in notes
    for name, digest in VENDORED.items():
        assert hashlib.sha256((STATIC / name).read_bytes()).hexdigest() == digest
        assert digest in notes


def test_the_page_carries_every_named_query_and_cannot_be_broken_out_of() -> None:
    hostile = NamedQuery("x</script><script>alert(1)</script>", "d<b>", (), "SELECT * {} # </script>", "x.rq")
    page = editor_page("http://127.0.0.1:1/sparql", 7, [*named_queries().values(), hostile])
    assert page.count("</script>") == 3  # the JSON block's and the two script files'
    block = re.search(r'<script type="application/json" id="kg-config">(.*?)</script>', page, re.S)
    assert block is not None
    config = json.loads(block.group(1))
    assert [q["name"] for q in config["queries"]] == [*named_queries(), hostile.name]
    assert config["queries"][-1]["text"] == hostile.text
    assert config["prefixes"]["pk"] == "https://w3id.org/partnership-kg/id/"
    assert "<script>" not in page
