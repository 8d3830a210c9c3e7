"""The explorer page in headless Chromium: offline, drawn still, answering, and never running data.

The page is opened from disk (file://). Every test records the requests, dialogs, page errors and
Content-Security-Policy violations of its page and fails on any of them. Without Chromium or
Playwright the tests skip, except when CI=true, where they fail.
"""

from __future__ import annotations

import os
from collections.abc import Iterator
from dataclasses import dataclass, field
from itertools import combinations
from pathlib import Path
from typing import Any

import pytest

import graph
from graph.explorer import Explorer, write_explorer
from tests.harness import CHROMIUM, CHROMIUM_ARGS

pytestmark = pytest.mark.browser

HOSTILE = "<img src=x onerror=alert(1)>"
HOSTILE_DATA = f"""@prefix kg: <https://w3id.org/partnership-kg/ns#> .
@prefix pk: <https://w3id.org/partnership-kg/id/> .
@prefix rdfs: <http://www.w3.org/2000/01/rdf-schema#> .
@prefix schema: <http://schema.org/> .

pk:hostile a kg:Organization ; rdfs:label "{HOSTILE}" ; kg:evidence pk:ev-003-title, pk:ev-hostile .
pk:hostile-source a kg:Source ; kg:fileName "hostile.txt" ; schema:url "javascript:alert(3)" .
pk:ev-hostile a kg:Evidence ; kg:source pk:hostile-source ; kg:primary false ;
    kg:quote "</script><script>alert(2)</script>" .
"""
# Records what the page tries: CSP violations would otherwise pass silently.
WATCH = """
window.__violations = [];
document.addEventListener("securitypolicyviolation", e => window.__violations.push(e.blockedURI + " " + e.violatedDirective));
"""


def _playwright() -> Any:
    """Playwright's sync API, or a skip (a failure when CI=true) saying what is missing."""
    reason = None
    try:
        from playwright.sync_api import sync_playwright
    except ImportError:
        reason = "playwright (python) is not installed"
    else:
        if not Path(CHROMIUM).exists():
            reason = f"no Chromium at {CHROMIUM} (set KG_CHROMIUM to use another)"
    if reason:
        if os.environ.get("CI", "").lower() == "true":
            pytest.fail(f"browser tests cannot run: {reason}; CI=true requires them")
        pytest.skip(reason)
    return sync_playwright


@pytest.fixture(scope="module")
def explorer_file(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The explorer for the packaged corpus graph (its answers are the five documents': issue 21)
    plus a hostile label, written to disk."""
    folder = tmp_path_factory.mktemp("hostile-data")
    (folder / "hostile.ttl").write_text(HOSTILE_DATA, encoding="utf-8")
    kg = graph.load(folder, corpus_only=True)
    return write_explorer(kg, tmp_path_factory.mktemp("page") / "explorer.html")


@pytest.fixture(scope="module")
def browser() -> Iterator[Any]:
    sync_playwright = _playwright()
    with sync_playwright() as p:
        chromium = p.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        yield chromium
        chromium.close()


@dataclass
class Opened:
    """A page showing the explorer, and everything it tried to do."""

    page: Any
    requests: list[str] = field(default_factory=list)
    dialogs: list[str] = field(default_factory=list)
    errors: list[str] = field(default_factory=list)

    def js(self, expression: str, arg: Any = None) -> Any:
        """Evaluate JavaScript in the page."""
        return self.page.evaluate(expression, arg)

    def opacity(self, node: str) -> float:
        """How opaque a node is drawn (1 unless a view has faded it)."""
        return self.page.evaluate("id => explorer.nodes.get(id).opacity ?? 1", node)

    def hidden(self, node: str) -> bool:
        """Whether a node is hidden."""
        return self.page.evaluate("id => explorer.nodes.get(id).hidden === true", node)

    def details(self) -> str:
        """The text of the details panel."""
        return self.page.inner_text("#details")


@pytest.fixture
def opened(browser: Any, explorer_file: Path) -> Iterator[Opened]:
    context = browser.new_context(viewport={"width": 1600, "height": 1000})
    page = context.new_page()
    seen = Opened(page)
    page.on("request", lambda r: seen.requests.append(r.url))
    page.on("dialog", lambda d: (seen.dialogs.append(d.message), d.dismiss()))
    page.on("pageerror", lambda e: seen.errors.append(str(e)))
    page.on("console", lambda m: seen.errors.append(m.text) if m.type == "error" else None)
    page.add_init_script(WATCH)
    page.goto(explorer_file.as_uri())
    page.wait_for_function("() => window.explorer && window.explorer.ready === true", timeout=15_000)
    yield seen
    violations = page.evaluate("window.__violations")
    context.close()
    assert seen.errors == [] and violations == []
    assert seen.dialogs == []


def test_no_request_leaves_the_page(opened: Opened, explorer_file: Path) -> None:
    opened.js("explorer.select('azure')")
    opened.js("explorer.compare('agreement-2025-10', 'agreement-2026-02-27')")
    opened.js("explorer.setTime('2019')")
    opened.page.fill("#search", "frontier")
    opened.page.mouse.wheel(0, -300)
    opened.page.wait_for_timeout(200)
    outside = [u for u in opened.requests if not u.startswith(("file:", "data:"))]
    assert outside == []
    assert opened.requests[0] == explorer_file.as_uri()


def test_the_page_unpacks_its_data_as_the_library_does(opened: Opened, explorer_file: Path) -> None:
    """The page's decoder (tables, rows, bases, left-out fields) gives what graph.explorer._pack.unpack
    gives for the same JSON, part for part, before the page has changed anything."""
    import json
    import re

    from graph.explorer._pack import unpack

    text = explorer_file.read_text(encoding="utf-8")
    (packed,) = re.findall(r'<script type="application/json" id="kg-data">(.*?)</script>', text, re.S)
    expected = unpack(json.loads(packed))
    for part in ("evidence", "info", "snapshots", "changes", "hosts", "timeline", "conflicts", "redlines"):
        assert opened.js(f"explorer.data[{json.dumps(part)}]") == expected[part], part
    assert opened.js("explorer.data.rows") == expected["rows"]
    assert opened.js("Object.keys(explorer.data).filter(k => ['shapes', 'bases', 'iri_base'].includes(k))") == []


def test_the_graph_is_drawn_and_still(opened: Opened) -> None:
    data = opened.js("explorer.data.network")
    assert opened.js("explorer.nodes.length") == len(data["nodes"]) > 80
    assert opened.js("explorer.network.physics.options.enabled") is False
    canvas = opened.page.query_selector("#network canvas")
    box = canvas.bounding_box()
    assert box["width"] > 600 and box["height"] > 500
    before = opened.js("explorer.network.getPositions()")
    opened.page.wait_for_timeout(400)
    assert opened.js("explorer.network.getPositions()") == before
    first = {n["id"]: (n["x"], n["y"]) for n in data["nodes"]}  # getPositions drops the fraction
    assert all(abs(before[i]["x"] - x) < 1 and abs(before[i]["y"] - y) < 1 for i, (x, y) in first.items())
    assert opened.js("explorer.timing.firstDraw") > 0


def test_labels_do_not_overlap_at_fit(opened: Opened) -> None:
    opened.page.click("#fit")  # the whole graph (the first view shows who hosts what, readable)
    opened.page.wait_for_timeout(100)  # drawn, so every label is measured
    boxes = opened.js(
        """() => explorer.nodes.getIds().map(id => {
             const b = explorer.network.getBoundingBox(id);
             return [id, b.left, b.top, b.right, b.bottom];
           })"""
    )
    assert len(boxes) > 80
    for (a, al, at, ar, ab), (b, bl, bt, br, bb) in combinations(boxes, 2):
        assert ar <= bl or br <= al or ab <= bt or bb <= at, (a, b)
    scale = opened.js("explorer.network.getScale()")
    assert scale > 0.3  # the whole graph fits, large enough to make out


def test_clicking_a_node_opens_its_evidence(opened: Opened) -> None:
    x, y = opened.js(
        """() => {
             const p = explorer.network.getPositions(['azure']).azure;
             const dom = explorer.network.canvasToDOM(p);
             const r = document.querySelector('#network canvas').getBoundingClientRect();
             return [r.left + dom.x, r.top + dom.y];
           }"""
    )
    opened.page.mouse.click(x, y)
    assert opened.page.inner_text("#details h2") == "Microsoft Azure"
    text = opened.details()
    assert "Azure remains the exclusive cloud provider of stateless OpenAI APIs" in text
    evidence = opened.js("explorer.data.info.azure.evidence.length")
    premises = opened.page.locator("#details .premise .evidence li").count()  # e.g. its Wikidata link's
    assert opened.page.locator("#details .evidence li").count() - premises == evidence
    assert opened.page.locator("#details .badge.primary").count() >= 1
    link = opened.page.locator("#details .evidence a").first
    assert link.get_attribute("href") == "https://openai.com/index/continuing-microsoft-partnership/"
    assert link.get_attribute("rel") == "noopener noreferrer"


def test_selecting_a_role_shows_its_sources_and_links(opened: Opened) -> None:
    assert opened.js("explorer.select('role-azure-hosts-stateless-apis')") is True
    text = opened.details()
    assert "Azure hosts the stateless OpenAI APIs (exclusive)" in text
    assert "role exclusivity" in text and "exclusive" in text
    assert "Microsoft is the exclusive cloud provider for stateless APIs" in text
    hidden = opened.js(
        "explorer.edges.get('role-azure-hosts-stateless-apis|kg:since|agreement-2025-10').hidden"
    )
    assert hidden is False  # selecting a node shows the links that are otherwise hidden
    opened.page.click(
        "#details ul.links button:has-text('October 2025 agreement (shared in the joint blog)')"
    )
    assert opened.page.inner_text("#details h2") == "October 2025 agreement (shared in the joint blog)"
    opened.page.click("#details button:has-text('Show the graph as of Oct 2025')")
    assert opened.page.inner_text("#asof-label") == "Oct 2025"  # the slider follows
    assert opened.opacity("term-multi-year-extension-azure-cloud") < 0.5


def test_a_disputed_date_shows_both_sides_and_their_sources(opened: Opened) -> None:
    opened.page.click(
        "#details ul.links button:has-text('October 2025 agreement (shared in the joint blog)')"
    )
    assert opened.page.inner_text("#details h2") == "October 2025 agreement (shared in the joint blog)"
    side = opened.page.locator("#details .disagreement")
    assert side.count() == 1
    text = side.inner_text()
    assert "Oct 2024" in text and "Oct 2025" in text
    assert "joint blog post in October 2024" in text and "Udaipur Freelancer" in text
    assert (
        side.locator(".badge.rank-preferred").count() == 1 and side.locator(".badge.secondary").count() >= 1
    )


def test_choosing_two_agreements_shows_what_changed(opened: Opened) -> None:
    opened.page.click("#tab-changes-button")
    opened.page.select_option("#from", "agreement-multi-year-extension")
    opened.page.select_option("#to", "agreement-2025-10")
    amended = opened.page.locator("#changes .change.amended")
    assert amended.count() == 2  # Azure's exclusivity; the collaboration, 2019's, restructured
    assert "Scope of collaboration" in amended.nth(1).inner_text()
    assert opened.page.locator("#changes .change.continued").count() == 5
    card = amended.first.inner_text()
    assert "Azure as OpenAI's cloud provider" in card
    assert "all OpenAI workloads across research, API, and products" in card
    assert "stateless APIs that provide access to OpenAI's models and IP" in card
    assert amended.first.locator(".old").count() == 2 and amended.first.locator(".new").count() == 2
    summary = opened.page.inner_text("#changes-summary")
    assert "2 amended" in summary and "3 added" in summary and "5 continued" in summary
    assert "1 not restated" in summary
    new = opened.js("explorer.nodes.get('term-2025-10-azure-cloud')")
    assert new["color"]["border"] == "#e08a00" and opened.opacity("term-2025-10-azure-cloud") == 1
    assert opened.opacity("aws") < 0.5
    assert opened.js("explorer.nodes.get('term-2025-10-agi').color.border") == "#2e9e5b"  # added


def test_an_inferred_fact_is_drawn_dotted_and_explains_itself(opened: Opened) -> None:
    term = "term-2026-02-27-microsoft-investment"
    drawn = opened.js(f"explorer.nodes.get('{term}')")
    assert drawn["shapeProperties"]["borderDashes"] == [2, 3]
    assert (
        opened.js("explorer.nodes.get('term-2026-02-27-ip-license').shapeProperties?.borderDashes ?? false")
        is False
    )
    assert opened.js(f"explorer.select('{term}')") is True
    assert opened.page.locator("#details .badge.basis-inferred").first.inner_text() == "inferred"
    text = opened.details()
    assert "HOW WE KNOW: INFERRED" in text.upper() and "Rule: unchanged since October 2025" in text
    assert "The statement never names the figure." in text and "no text gives the stake" in text
    premises = opened.page.locator("#details .premises > li.premise")
    assert premises.count() == 2
    first = premises.nth(0).inner_text()
    assert "Nothing about today's announcements in any way changes the terms" in first and "primary" in first
    second = premises.nth(1).inner_text()
    assert (
        "Microsoft investment of $135 billion (27% stake) (October 2025)" in second and "inferred" in second
    )
    assert opened.page.locator("#details .evidence").count() == 1  # only the premise's quote: it borrows none
    since = opened.js("explorer.edges.get('role-azure-hosts-stateless-apis|kg:since|agreement-2025-10')")
    assert since is None or since.get("dashes") == [3, 3]
    edge = next(
        e
        for e in opened.js("explorer.data.network.edges")
        if e["id"].endswith("kg:since|agreement-2025-10") and e["id"].startswith("role-azure-hosts-stateless")
    )
    assert edge["dashes"] == [3, 3] and edge["title"].endswith("(inferred)")


def test_as_of_before_october_2025_shows_roles_possibly_in_force(opened: Opened) -> None:
    opened.js("explorer.setTime('2019')")  # the 2019 agreement's snapshot (the slider's 2019 months agree)
    opened.page.click("#tab-hosts-button")
    hosts = opened.page.inner_text("#hosts")
    assert "Roles in force, or possibly in force" in opened.page.inner_text("#hosts-caption")
    assert "All OpenAI workloads (research, API and products)" in hosts
    assert "OpenAI's large-scale research experiments" in hosts
    assert "possibly in force: begun between 2019-01-01 and 2025-10-31" in hosts
    # Also the roles whose start may be earlier than their since agreement (pk:rule-earliest-known-agreement).
    assert "Stateless OpenAI APIs" in hosts and "OpenAI first-party products" in hosts
    assert "possibly in force: begun between 2019-01-01 and 2026-02-27" in hosts  # Microsoft, frontier models
    # AWS's Trainium supply: 'expanded use', begun before the deal at a time no text bounds.
    assert "AWS" in hosts and opened.page.locator("#hosts .badge.possible").count() == 6
    assert opened.js("explorer.select('agreement-research-on-azure')") is True
    assert "order unknown: no text places it among the others" in opened.details()
    assert opened.js("explorer.select('agreement-mou')") is True  # before the definitive agreement
    assert "order unknown" not in opened.details()


def test_moving_through_time(opened: Opened) -> None:
    opened.js("explorer.setMonth('2025-10')")
    opened.page.click("#tab-hosts-button")
    hosts = opened.page.inner_text("#hosts")
    expected = graph.load(corpus_only=True).hosts(as_of="2025-10")
    assert {h.hosted for h in expected} and all(h.hosted in hosts for h in expected)
    assert "Stateless API calls from OpenAI's third-party collaborations" not in hosts  # from 2026
    assert opened.opacity("term-2025-10-azure-cloud") == 1
    assert opened.opacity("term-multi-year-extension-azure-cloud") < 0.5
    assert opened.opacity("term-2026-02-27-azure-cloud") < 0.5


def test_selecting_a_host_highlights_its_roles(opened: Opened) -> None:
    opened.page.click("#tab-hosts-button")
    opened.page.click("#hosts button.host-name[data-host='aws']")
    for role in ("role-aws-distributes-frontier", "role-aws-hosts-stateful-runtime", "aws", "frontier"):
        assert opened.opacity(role) == 1
    assert opened.opacity("role-azure-hosts-stateless-apis") < 0.5
    assert "Roles of AWS" in opened.page.inner_text("#banner")


def test_search_and_filter_by_kind(opened: Opened) -> None:
    opened.page.fill("#search", "bedrock")
    first = opened.page.locator("#search-results button").first
    assert first.get_attribute("data-id") == "amazon-bedrock"
    opened.page.press("#search", "Enter")
    assert opened.page.inner_text("#details h2") == "Amazon Bedrock"
    opened.page.uncheck("#kinds input[data-kind='role']")
    assert opened.hidden("role-aws-distributes-frontier")
    assert not opened.hidden("aws")


def test_hostile_label_stays_text(opened: Opened) -> None:
    opened.page.fill("#search", "onerror")
    assert opened.page.inner_text("#search-results").startswith(HOSTILE)
    opened.page.click("#search-results button")
    assert opened.page.inner_text("#details h2") == HOSTILE
    assert "</script><script>alert(2)</script>" in opened.details()
    assert opened.js("document.querySelectorAll('img, iframe, object, embed').length") == 0
    assert opened.js("document.querySelectorAll('script').length") == 3
    assert opened.js("document.querySelectorAll('a[href^=\"javascript\"]').length") == 0
    assert "javascript:alert(3)" in opened.details()  # shown, not linked
    x, y = opened.js(
        """() => {
             const dom = explorer.network.canvasToDOM(explorer.network.getPositions(['hostile']).hostile);
             const r = document.querySelector('#network canvas').getBoundingClientRect();
             return [r.left + dom.x, r.top + dom.y];
           }"""
    )
    opened.page.mouse.move(x, y)
    opened.page.wait_for_selector("div.vis-tooltip", state="visible")
    tooltip = opened.page.query_selector("div.vis-tooltip")
    assert tooltip.inner_text().startswith(HOSTILE)
    assert tooltip.evaluate("t => t.querySelectorAll(':not(br)').length") == 0  # innerText's line breaks only


def test_screenshot(opened: Opened, tmp_path: Path) -> None:
    target = tmp_path / "explorer.png"
    opened.page.screenshot(path=str(target))
    head = target.read_bytes()[:24]
    assert head[:8] == b"\x89PNG\r\n\x1a\n"
    assert int.from_bytes(head[16:20], "big") == 1600 and int.from_bytes(head[20:24], "big") == 1000
    assert target.stat().st_size > 50_000  # a drawn graph, not a blank page


def test_notebook_view_draws_the_graph_in_its_frame(
    browser: Any, explorer_file: Path, tmp_path: Path
) -> None:
    notebook = tmp_path / "notebook.html"
    cell = Explorer(explorer_file.read_text(encoding="utf-8"))._repr_html_()
    notebook.write_text(f"<!DOCTYPE html><html><body><div class='output'>{cell}</div></body></html>")
    page = browser.new_page(viewport={"width": 1200, "height": 900})
    requests: list[str] = []
    page.on("request", lambda r: requests.append(r.url))
    page.goto(notebook.as_uri())
    frame = page.frame_locator("iframe")
    frame.locator("#network canvas").wait_for()
    inner = page.frames[1]
    inner.wait_for_function("() => window.explorer && window.explorer.ready === true")
    assert inner.evaluate("explorer.nodes.length") > 80
    assert inner.evaluate("document.querySelectorAll('img').length") == 0
    assert [u for u in requests if not u.startswith(("file:", "data:", "about:"))] == []
    page.close()
