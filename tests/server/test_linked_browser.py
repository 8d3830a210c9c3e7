"""``kg serve`` in headless Chromium: the YASGUI query editor and the entity pages, offline.

Every request a page makes is recorded; none may leave the server, and no page error, console
error or Content-Security-Policy violation may happen. Without Chromium or Playwright the tests
skip, except when CI=true, where they fail.
"""

from __future__ import annotations

import urllib.parse
from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import Any

import pytest

from graph.sparql._named import get_named_query
from tests.test_explorer_browser import WATCH, browser  # noqa: F401 (the browser fixture)

pytestmark = [pytest.mark.browser, pytest.mark.server]


@dataclass
class Watched:
    """A page and everything it tried."""

    page: Any
    requests: list[str] = field(default_factory=list)
    errors: list[str] = field(default_factory=list)


@pytest.fixture
def watched(browser: Any, kg_server: str) -> Iterator[Watched]:  # noqa: F811 (the imported fixture)
    context = browser.new_context(viewport={"width": 1400, "height": 900})
    page = context.new_page()
    seen = Watched(page)
    page.on("request", lambda r: seen.requests.append(r.url))
    page.on("pageerror", lambda e: seen.errors.append(str(e)))
    page.on("console", lambda m: seen.errors.append(m.text) if m.type == "error" else None)
    page.add_init_script(WATCH)
    yield seen
    violations = page.evaluate("window.__violations")
    context.close()
    assert seen.errors == [] and violations == []
    outside = [u for u in seen.requests if not u.startswith((kg_server + "/", "data:", "blob:"))]
    assert outside == []


def _open_editor(page: Any, url: str) -> None:
    page.goto(url)
    page.wait_for_selector(".yasgui .CodeMirror", timeout=15_000)


def test_the_editor_runs_a_named_query_and_its_permalink_reopens_it(
    watched: Watched, kg_server: str, kg
) -> None:
    page = watched.page
    _open_editor(page, kg_server + "/sparql")
    assert page.evaluate("window.kgYasgui.getTab().getQuery()").startswith(
        "PREFIX kg: <https://w3id.org/partnership-kg/ns#>"
    )
    page.click('#named button[data-query="conflicts"]')
    page.wait_for_function("window.kgYasgui.getTab().getName() === 'conflicts'")
    query = page.evaluate("window.kgYasgui.getTab().getQuery()")
    assert query == get_named_query("conflicts").text
    page.evaluate("window.kgYasgui.getTab().query()")
    page.wait_for_selector(".yasr .dataTable tbody tr", timeout=15_000)
    rows = page.locator(".yasr .dataTable tbody tr").count()
    assert rows == len(kg.query("conflicts").rows) > 0
    page.click("#share")
    link = page.input_value("#permalink")
    fragment = urllib.parse.parse_qs(urllib.parse.urlsplit(link).fragment)
    assert link.startswith(kg_server + "/sparql#") and fragment["query"] == [query]
    # A fresh browser context (nothing remembered) reopens the same query from the link.
    other = page.context.browser.new_context()
    fresh = other.new_page()
    fresh.on("pageerror", lambda e: watched.errors.append(str(e)))
    _open_editor(fresh, link)
    assert fresh.evaluate("window.kgYasgui.getTab().getQuery()") == query
    other.close()


def test_an_entity_page_links_to_its_node_in_the_explorer(watched: Watched, kg_server: str) -> None:
    page = watched.page
    page.goto(kg_server + "/id/agreement-2025-10", wait_until="load")
    assert page.inner_text("h1") == "October 2025 agreement (shared in the joint blog)"
    page.locator('a[href="microsoft.html"]').first.click()  # a neighbour's page
    page.wait_for_url(kg_server + "/id/microsoft.html")
    assert page.inner_text("h1") == "Microsoft"
    page.click("text=Show in the explorer")
    page.wait_for_url(kg_server + "/explore#node=microsoft")
    page.wait_for_function("() => window.explorer && window.explorer.ready === true", timeout=60_000)
    assert page.evaluate("explorer.nodes.get('microsoft').label") == "Microsoft"
