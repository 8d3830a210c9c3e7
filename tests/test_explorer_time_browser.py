"""Time and links in the explorer, in headless Chromium: the timeline draws every lane with the
bounded stretches hatched, the date slider drives As of, and the URL fragment keeps the view.

The page and the browser are test_explorer_browser's (the packaged graph plus a hostile label);
every test fails on any request, dialog, page error or CSP violation of its page.
"""

from __future__ import annotations

from pathlib import Path

import pytest

import graph
from tests import test_explorer_browser as base
from tests.test_explorer_browser import Opened

browser, explorer_file, opened = base.browser, base.explorer_file, base.opened  # its fixtures, shared


@pytest.fixture(scope="module")
def base_browser(browser):
    return browser


pytestmark = pytest.mark.browser


@pytest.fixture(scope="module")
def kg():
    return graph.load(corpus_only=True)  # as the page: test_explorer_browser's corpus graph


def lanes(opened: Opened, kind: str) -> list[str]:
    return opened.js(
        f"Array.from(document.querySelectorAll('#timeline g.lane[data-kind={kind}]'), g => g.dataset.lane)"
    )


def test_the_timeline_draws_every_role_and_clause_and_hatches_undated_agreements(opened: Opened, kg) -> None:
    opened.page.click(".view-switch button[data-view='timeline']")
    assert opened.page.is_visible("#timeline svg")
    dates = ["2019", "2019-06", "2025-06", "2025-10", "2025-11", "2026-02-27", "2026-03"]
    roles = {h.id for h in kg.hosts()} | {h.id for d in dates for h in kg.hosts(as_of=d)}
    clauses = {t.clause for d in dates for t in kg.terms(d)}
    assert set(lanes(opened, "role")) == roles and len(roles) >= 12
    assert set(lanes(opened, "clause")) == clauses and len(clauses) >= 17
    undated = [t for t in kg.timeline() if not t.date]
    assert len(undated) == 4 and set(lanes(opened, "agreement")) == {t.agreement for t in kg.timeline()}
    for t in undated:  # hatched from the earliest to the latest date it may have
        box = opened.js(
            f"""(() => {{ const r = document.querySelector('#timeline rect.undated[data-agreement="{t.agreement}"]');
                 return [r.getAttribute('fill'), Number(r.getAttribute('width'))]; }})()"""
        )
        assert box[0] == "url(#hatch-agreement)" and box[1] > 20, t.agreement
    # A role that may have begun before its "since" agreement: hatched from 2019 to Oct 2025, then solid.
    parts = opened.js(
        """Array.from(document.querySelectorAll('#timeline g.bar[data-node="role-azure-hosts-stateless-apis"] rect'),
             r => r.getAttribute('class'))"""
    )
    assert parts == ["bounded", "solid", "outline"]
    # Inferred versions are outlined dotted, stated ones solid.
    dashes = opened.js(
        """Array.from(document.querySelectorAll('#timeline g.bar'), g => [g.classList.contains('basis-inferred'),
             g.querySelector('rect.outline').getAttribute('stroke-dasharray')])"""
    )
    assert any(inferred for inferred, _ in dashes)
    assert all((dash == "2 3") == inferred for inferred, dash in dashes)


def test_clicking_a_bar_opens_its_details_with_sources(opened: Opened) -> None:
    opened.js("explorer.setView('timeline')")
    opened.page.click('#timeline g.bar[data-node="role-aws-distributes-frontier"] rect.solid')
    assert opened.page.inner_text("#details h2").startswith("AWS")
    text = opened.details()
    assert (
        "SOURCES (" in text.upper()
        and "positioning AWS as the exclusive third-party cloud distributor" in text
    )


def test_the_slider_at_2025_06_shows_the_roles_the_library_answers(opened: Opened, kg) -> None:
    months = opened.js("explorer.data.time.months.map(m => m[0])")
    assert months[0] == "2019-01" and "2025-06" in months and months[-1] >= "2026-02"
    opened.page.focus("#asof")
    opened.js(
        """i => { const s = document.getElementById('asof'); s.value = String(i);
                 s.dispatchEvent(new Event('input', { bubbles: true })); }""",
        months.index("2025-06"),
    )
    assert opened.page.inner_text("#asof-label") == "Jun 2025"
    assert "As of Jun 2025" in opened.page.inner_text("#banner")
    opened.page.click("#tab-hosts-button")
    rows = opened.page.locator("#hosts button.role").all_inner_texts()
    expected = kg.hosts(as_of="2025-06")
    assert len(rows) == len(expected) >= 5  # the library's roles in force, possibly in force or announced
    for role in expected:
        assert any(role.hosted in row and (role.status or "") in row + " in force" for row in rows), role.id
    shown = [r for r in rows if "possibly in force" in r]
    assert len(shown) == sum(1 for h in expected if h.status == "possibly in force")
    # The timeline's cursor stands on June 2025.
    opened.js("explorer.setView('timeline')")
    cursor = opened.js("Number(document.querySelector('#timeline rect.cursor').getAttribute('x'))")
    june = opened.js("explorer.data.time.months.findIndex(m => m[0] === '2025-06')")
    assert cursor > 300 and june == months.index("2025-06")


def test_every_month_shares_the_library_answer(opened: Opened, kg) -> None:
    """Each month of the slider shows the snapshot whose answer is the library's for that month."""
    months = opened.js("explorer.data.time.months")
    snapshots = {s["key"]: s for s in opened.js("explorer.data.snapshots")}
    for month, key in months[:: max(1, len(months) // 12)] + months[-3:]:
        expected = [(h.id, h.status) for h in kg.hosts(as_of=month)]
        assert [(h["id"], h["status"]) for h in snapshots[key]["hosts"]] == expected, month


def test_a_permalink_reopens_the_same_state(opened: Opened, explorer_file: Path) -> None:
    state = "asof=2025-06&from=agreement-2026-02-27&to=agreement-amended&node=role-azure-hosts-stateless-apis"
    page = opened.page
    page.goto(explorer_file.as_uri() + "#tab=changes&view=timeline&" + state)
    page.wait_for_function("() => window.explorer && window.explorer.ready === true")
    assert page.inner_text("#asof-label") == "Jun 2025"
    assert (
        page.input_value("#from") == "agreement-2026-02-27" and page.input_value("#to") == "agreement-amended"
    )
    assert page.inner_text("#details h2") == opened.js(
        "explorer.data.info['role-azure-hosts-stateless-apis'].label"
    )
    assert page.is_visible("#tab-changes") and not page.is_visible("#tab-details")
    assert page.is_visible("#timeline svg")
    assert "IP license" in page.inner_text("#changes")
    link = page.url
    for part in [*state.split("&"), "tab=changes", "view=timeline"]:
        assert part in link.split("#", 1)[1].split("&"), part
    # The link follows the page: choose another month and node, reopen, same view.
    opened.js("explorer.setMonth('2026-03')")
    opened.js("explorer.select('aws')")
    link = page.url
    assert "asof=2026-03" in link and "node=aws" in link and "tab=" not in link  # select opens Details
    page.goto("about:blank")
    page.goto(link)
    page.wait_for_function("() => window.explorer && window.explorer.ready === true")
    assert page.inner_text("#asof-label") == "Mar 2026" and page.inner_text("#details h2") == "AWS"
    assert page.url == link


def test_the_redline_marks_the_changed_words_of_the_ip_license(opened: Opened) -> None:
    opened.js("explorer.switchTab('changes')")
    opened.js("explorer.compare('agreement-2026-02-27', 'agreement-amended')")
    card = opened.page.locator("#changes .change", has_text="IP license").first
    before, after = card.locator(".redline .side").all()
    assert before.locator("del").all_inner_texts() == ["Exclusive", "unchanged (2026)"]
    assert after.locator("ins").all_inner_texts() == ["Non-exclusive", "through 2032"]
    assert " ".join(before.locator(".words").inner_text().split()) == "Exclusive IP license, unchanged (2026)"
    assert " ".join(after.locator(".words").inner_text().split()) == "Non-exclusive IP license through 2032"
    # Each side's basis and a quote beneath it.
    assert (
        "stated" in before.inner_text()
        and "Our IP relationship continues unchanged" not in after.inner_text()
    )
    assert "makes Microsoft's license to OpenAI IP non-exclusive through 2032" in after.inner_text()
    assert "secondary only" in after.inner_text()


VISIBLE_TEXT = """() => {
  const out = [];
  const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
  while (walker.nextNode()) {
    const node = walker.currentNode, parent = node.parentElement;
    if (!node.textContent.trim() || !parent || parent.closest('[hidden], script, style, datalist, option')) continue;
    const r = parent.getBoundingClientRect();
    if (!r.width || !r.height || r.bottom < 0 || r.top > innerHeight || r.right < 0 || r.left > innerWidth) continue;
    out.push([node.textContent.trim().slice(0, 40), parseFloat(getComputedStyle(parent).fontSize)]);
  }
  return out;
}"""
DRAWN_LABELS = """() => {
  const scale = explorer.network.getScale(), box = document.getElementById('network').getBoundingClientRect();
  const groups = explorer.network.body.data.nodes.get().map(n => n.group);
  return explorer.nodes.getIds().map(id => {
    const b = explorer.network.getBoundingBox(id);
    const a = explorer.network.canvasToDOM({x: b.left, y: b.top}), z = explorer.network.canvasToDOM({x: b.right, y: b.bottom});
    const inside = z.x > 0 && a.x < box.width && z.y > 0 && a.y < box.height;
    const size = explorer.network.groups.get(explorer.nodes.get(id).group).font.size;
    return [id, inside, size * scale];
  });
}"""


@pytest.mark.parametrize("size", [(1400, 900), (1280, 720)])
def test_every_label_of_the_first_view_is_at_least_11_px(base_browser, explorer_file, size) -> None:
    context = base_browser.new_context(viewport={"width": size[0], "height": size[1]})
    page = context.new_page()
    page.goto(explorer_file.as_uri())
    page.wait_for_function("() => window.explorer && window.explorer.ready === true")
    page.wait_for_timeout(300)  # the page settles its layout (the view keeps its scale through it)
    drawn = page.evaluate(DRAWN_LABELS)
    shown = [(i, px) for i, inside, px in drawn if inside]
    assert len(shown) >= 15  # who hosts what: providers, roles, products
    smallest = min(px for _, px in shown)
    assert smallest >= 11, smallest
    assert any(i.startswith("role-") for i, _ in shown)
    texts = page.evaluate(VISIBLE_TEXT)
    assert texts and min(px for _, px in texts) >= 11, [t for t in texts if t[1] < 11]
    # a role node names its provider and what it is about
    label = page.evaluate("explorer.nodes.get('role-azure-hosts-stateless-apis').label")
    assert label == "Azure hosts the stateless OpenAI APIs (exclusive)"
    # choosing a host pans to its roles
    page.click("#tab-hosts-button")
    page.click("#hosts button.host-name[data-host='aws']")
    inside = {i for i, ok, px in page.evaluate(DRAWN_LABELS) if ok and px >= 11}
    assert {"role-aws-distributes-frontier", "role-aws-hosts-stateful-runtime", "aws"} <= inside
    context.close()


def test_undated_agreements_are_placed_by_their_bounds_in_the_graph(opened: Opened, kg) -> None:
    """Each undated agreement has a hatched band across its grid's dated columns, from where its
    earliest possible date falls to where its latest does; the band is drawn on the canvas."""
    undated = {t.agreement: t for t in kg.timeline() if not t.date}
    dated = {t.agreement: t for t in kg.timeline() if t.date}
    bands = opened.js("explorer.bands")
    assert {b["agreement"] for b in bands} == set(undated) and len(bands) == 4
    x = opened.js(
        "ids => Object.fromEntries(ids.map(id => [id, explorer.nodes.get(id)]))", [*dated, *undated]
    )
    lanes = [b["y"] for b in bands]
    assert len(set(lanes)) == len(lanes)  # a lane each: no two bands share a row
    for b in bands:
        bounds = undated[b["agreement"]]
        assert (b["earliest"], b["latest"]) == (bounds.earliest, bounds.latest)
        assert b["column"] == x[b["agreement"]]["x"] and b["x0"] < b["x1"]
        row_y = x[b["agreement"]]["y"]
        checked = 0
        for a, t in dated.items():
            if x[a]["y"] != row_y:  # another grid
                continue
            checked += 1
            if bounds.earliest and t.latest < bounds.earliest:
                assert x[a]["x"] < b["x0"], (b, a)  # wholly before the earliest possible date
            elif bounds.latest and t.earliest > bounds.latest:
                assert x[a]["x"] > b["x1"], (b, a)  # wholly after the latest
            else:
                assert b["x0"] <= x[a]["x"] <= b["x1"], (b, a)  # a date the agreement may share
        assert checked >= 3
    mou = next(b for b in bands if b["agreement"] == "agreement-mou")
    assert x["agreement-2019"]["x"] >= mou["x0"] and mou["x1"] < x["agreement-2026-02-27"]["x"]
    opened.js("explorer.network.fit({ animation: false })")
    opened.page.wait_for_timeout(200)
    # The band's pixels are the hatch's colour, not the background, in the middle of its span.
    painted = opened.js(
        """b => {
        const canvas = document.querySelector('#network canvas');
        const at = explorer.network.canvasToDOM({ x: (b.x0 + b.x1) / 2, y: b.y });
        const ratio = canvas.width / canvas.clientWidth;
        const px = canvas.getContext('2d').getImageData(Math.round(at.x * ratio) - 6, Math.round(at.y * ratio) - 2, 12, 4).data;
        let ink = 0;
        for (let i = 0; i < px.length; i += 4) if (px[i] + px[i + 1] + px[i + 2] < 720) ink++;
        return ink;
    }""",
        mou,
    )
    assert painted > 0
