"""A reported fact in the explorer (headless Chromium): drawn in its own style, its citations
listed in Details, and the note that later changes are unknown past the graph's horizon."""

from __future__ import annotations

import shutil
from pathlib import Path
from typing import Any

import pytest

import graph
import tests.test_explorer_browser as shown
from graph.explorer import write_explorer
from tests.conftest import REPO
from tests.test_explorer_browser import Opened

browser, opened = shown.browser, shown.opened  # the fixtures, opening this module's explorer_file

pytestmark = pytest.mark.browser
ROLE = "role-aws-distributes-stateless-apis-2028-03-01"


@pytest.fixture(scope="module")
def data(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The journey and its reported fact added with kg (corpus-only, as in tests/test_journey.py)."""
    from graph.cli import main

    folder = tmp_path_factory.mktemp("journey")
    shutil.copytree(REPO / "tests" / "journey", folder, dirs_exist_ok=True)
    out = folder / "data"
    publisher = ("--publisher", "partnership-kg tests (fictional)", "--primary")
    assert main(["source", "add", str(folder / "statement-2028-03.txt"), "--data", str(out), *publisher]) == 0
    for sheet in ("journey.yaml", "aws-distributes.yaml"):
        assert main(["add", str(folder / sheet), "--data", str(out), "--corpus-only"]) == 0
    return out


@pytest.fixture(scope="module")
def explorer_file(data: Path, tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The explorer of the packaged graph with the journey and its reported fact (the page that
    ``opened``, from tests/test_explorer_browser.py, opens and watches)."""
    return write_explorer(graph.load(data), tmp_path_factory.mktemp("page") / "explorer.html")


def test_a_reported_fact_is_drawn_in_its_style_and_lists_its_citations(opened: Opened) -> None:
    drawn: dict[str, Any] = opened.js(f"explorer.nodes.get('{ROLE}')")
    assert drawn["shapeProperties"]["borderDashes"] == [8, 3] and drawn["title"].endswith("(reported)")
    stated = opened.js("explorer.nodes.get('role-aws-hosts-stateless-apis-2028-03-01')")
    assert (stated.get("shapeProperties") or {}).get("borderDashes") in (None, False)
    assert opened.js(f"explorer.select('{ROLE}')") is True
    assert opened.page.locator("#details .badge.basis-reported").first.inner_text() == "reported"
    text = opened.details()
    assert "HOW WE KNOW: REPORTED (2 REPORTS)" in text.upper()
    citations = opened.page.locator("#details .citations > li.citation")
    assert [citations.nth(i).inner_text().splitlines() for i in range(citations.count())] == [
        [
            "Example News (fictional)",
            "OpenAI's APIs to be sold through AWS as well (fictional)",
            "published 2028-03-02 · read 2028-03-05",
            "https://news.example.org/2028/03/02/openai-aws",
            "points to (not read): https://openai.example.com/2028/update",
        ],
        [
            "Example Wire (fictional)",
            "AWS adds OpenAI's stateless APIs to its catalogue (fictional)",
            "published 2028-03-03 · read 2028-03-05",
            "https://wire.example.net/2028/openai-aws-distribution",
        ],
    ]
    assert opened.page.locator("#details .evidence").count() == 0  # no quote is stored


def test_now_is_after_the_horizon_and_says_so(opened: Opened) -> None:
    note = opened.page.locator("#horizon-note")
    assert note.is_visible()
    assert note.inner_text() == (
        "This graph knows nothing after 2028-03-03 (its latest source or citation): later changes are unknown to it."
    )
    opened.js("explorer.setTime('2025-10')")
    assert not note.is_visible()


def test_the_corpus_only_explorer_leaves_it_out(data: Path, tmp_path: Path) -> None:
    from graph.explorer._payload import build_payload

    ids = {n["id"] for n in build_payload(graph.load(data, corpus_only=True))["network"]["nodes"]}
    assert ROLE not in ids and "role-aws-hosts-stateless-apis-2028-03-01" in ids
