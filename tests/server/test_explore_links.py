"""A permalink into the explorer that ``kg serve`` serves (``/explore#asof=…&from=…&to=…&node=…``)
reopens the same view, and the page asks the server for nothing more than itself."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.harness import CHROMIUM, CHROMIUM_ARGS

pytestmark = pytest.mark.browser


def test_a_permalink_reopens_the_same_view_through_kg_serve(kg_server: str) -> None:
    from tests.test_explorer_browser import _playwright

    if not Path(CHROMIUM).exists():
        pytest.skip(f"no Chromium at {CHROMIUM}")
    state = "asof=2025-06&from=agreement-2026-02-27&to=agreement-amended&node=role-azure-hosts-stateless-apis"
    with _playwright()() as p:
        browser = p.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        page = browser.new_page(viewport={"width": 1400, "height": 900})
        requests: list[str] = []
        errors: list[str] = []
        page.on("request", lambda r: requests.append(r.url))
        page.on("pageerror", lambda e: errors.append(str(e)))
        page.goto(f"{kg_server}/explore#tab=changes&{state}", timeout=90_000)
        page.wait_for_selector("body[data-ready=true]", state="attached", timeout=60_000)
        assert page.inner_text("#asof-label") == "Jun 2025"
        assert (
            page.input_value("#from") == "agreement-2026-02-27"
            and page.input_value("#to") == "agreement-amended"
        )
        assert page.inner_text("#details h2") == "Azure hosts the stateless OpenAI APIs (exclusive)"
        assert page.is_visible("#tab-changes")
        fragment = page.url.split("#", 1)[1].split("&")
        assert all(part in fragment for part in state.split("&"))
        browser.close()
    assert requests == [f"{kg_server}/explore"] and errors == []
