"""The explorer's first frame, in headless Chromium: when the first view is a close-up, the network
opens with the nodes that view can show and the other nodes join after the first frame; the first
frame must be the first view of the whole graph, and the page must answer at once.

The page and the browser are test_explorer_browser's (the packaged graph plus a hostile label);
each test fails on any page error.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from tests import test_explorer_browser as base

browser, explorer_file = base.browser, base.explorer_file  # its fixtures, shared

pytestmark = pytest.mark.browser

# Records, at the first drawn frame, the nodes in the network and the view; with
# window.__selectFirst set, selects then a node that is not yet in the network (as a reader might).
FIRST_FRAME = """
window.__first = null;
(function () {
  let value;
  Object.defineProperty(window, "explorer", { configurable: true, get: () => value, set: v => {
    value = v;
    v.network.once("afterDrawing", () => {
      const n = v.network, ids = n.body.data.nodes.getIds();
      window.__first = { ids: ids, scale: n.getScale(), position: n.getViewPosition() };
      if (window.__selectFirst) {
        const out = v.data.network.nodes.map(x => x.id).filter(id => !ids.includes(id));
        window.__first.chosen = out[out.length - 1];
        window.__first.answered = v.select(window.__first.chosen, { focus: true });
      }
    });
  }});
})();
"""
# Every node whose drawn box meets the canvas, and the ends of every drawn link whose extent does.
IN_VIEW = """() => {
  const n = explorer.network, r = document.querySelector('#network canvas').getBoundingClientRect();
  const meets = (a, z) => z.x >= 0 && a.x <= r.width && z.y >= 0 && a.y <= r.height;
  const nodes = explorer.nodes.getIds().filter(id => {
    const b = n.getBoundingBox(id);
    return meets(n.canvasToDOM({x: b.left, y: b.top}), n.canvasToDOM({x: b.right, y: b.bottom}));
  });
  const ends = [];
  explorer.edges.forEach(e => {
    const p = n.getPositions([e.from, e.to]), a = n.canvasToDOM(p[e.from]), z = n.canvasToDOM(p[e.to]);
    const lo = {x: Math.min(a.x, z.x), y: Math.min(a.y, z.y)}, hi = {x: Math.max(a.x, z.x), y: Math.max(a.y, z.y)};
    if (meets(lo, hi)) ends.push(e.from, e.to);
  });
  return {nodes: nodes, ends: ends};
}"""


def _open(browser: Any, page_file: Path, select_first: bool, size: tuple[int, int] = (1600, 1000)) -> Iterator[Any]:
    context = browser.new_context(viewport={"width": size[0], "height": size[1]})
    page = context.new_page()
    errors: list[str] = []
    page.on("pageerror", lambda e: errors.append(str(e)))
    page.on("console", lambda m: errors.append(m.text) if m.type == "error" else None)
    page.add_init_script(FIRST_FRAME + ("window.__selectFirst = true;" if select_first else ""))
    page.goto(page_file.as_uri())
    page.wait_for_function("() => window.explorer && window.explorer.ready === true", timeout=15_000)
    yield page
    context.close()
    assert errors == []


@pytest.fixture(params=[(1600, 1000), (1280, 720)], ids=lambda size: f"{size[0]}x{size[1]}")
def page(browser: Any, explorer_file: Path, request: pytest.FixtureRequest) -> Iterator[Any]:
    yield from _open(browser, explorer_file, select_first=False, size=request.param)


@pytest.fixture
def selected_at_once(browser: Any, explorer_file: Path) -> Iterator[Any]:
    yield from _open(browser, explorer_file, select_first=True)


def test_the_first_frame_holds_every_node_and_link_of_the_first_view(page: Any) -> None:
    first = page.evaluate("window.__first")
    every = page.evaluate("explorer.data.network.nodes.map(n => n.id)")
    assert 15 <= len(first["ids"]) < len(every)  # a close-up: who hosts what, readable
    joined = page.evaluate("explorer.network.body.data.nodes.getIds()")
    assert sorted(joined) == sorted(every)  # all joined by ready
    page.wait_for_timeout(150)  # the frame after the last ones joined: every label measured
    assert page.evaluate("explorer.network.getScale()") == first["scale"]  # the view has not moved
    assert page.evaluate("explorer.network.getViewPosition()") == first["position"]
    shown = page.evaluate(IN_VIEW)
    assert len(shown["nodes"]) >= 15
    assert set(shown["nodes"]) <= set(first["ids"])
    assert set(shown["ends"]) <= set(first["ids"])
    assert page.evaluate("explorer.timing.ready") >= page.evaluate("explorer.timing.firstDraw") > 0


def test_a_node_out_of_the_first_frame_can_be_selected_at_once(selected_at_once: Any) -> None:
    page = selected_at_once
    first = page.evaluate("window.__first")
    chosen = first["chosen"]
    assert chosen and first["answered"] is True
    assert page.evaluate("explorer.network.getSelectedNodes()") == [chosen]
    label = page.evaluate("id => explorer.data.info[id].label", chosen)
    assert page.inner_text("#details h2") == label
    assert page.evaluate("explorer.network.body.data.nodes.length") == page.evaluate("explorer.nodes.length")
