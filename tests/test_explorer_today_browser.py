"""The explorer of the whole packaged graph (the corpus and the reports, issue 21), in headless
Chromium: a permalink to June 2026 shows the roles the library answers after the amended
agreement of 27 April 2026, and the timeline draws each role from the start its answer gives."""

from __future__ import annotations

from pathlib import Path

import pytest

import graph
from graph.explorer import write_explorer
from tests import test_explorer_browser as base

browser, opened = base.browser, base.opened  # the browser, and a page failing on any request or error

pytestmark = pytest.mark.browser


@pytest.fixture(scope="module")
def kg() -> graph.PartnershipGraph:
    return graph.load()


@pytest.fixture(scope="module")
def explorer_file(kg: graph.PartnershipGraph, tmp_path_factory: pytest.TempPathFactory) -> Path:
    return write_explorer(kg, tmp_path_factory.mktemp("today") / "explorer.html")


def test_june_2026_shows_the_roles_after_the_amended_agreement(opened, kg) -> None:
    months = opened.js("explorer.data.time.months.map(m => m[0])")
    assert months[0] == "2016-11" and "2026-06" in months  # from the research partnership of 2016
    opened.js(
        """i => { const s = document.getElementById('asof'); s.value = String(i);
                 s.dispatchEvent(new Event('input', { bubbles: true })); }""",
        months.index("2026-06"),
    )
    assert opened.page.inner_text("#asof-label") == "Jun 2026"
    opened.page.click("#tab-hosts-button")
    rows = opened.page.locator("#hosts button.role").all_inner_texts()
    expected = kg.hosts(as_of="2026-06")
    assert len(rows) == len(expected)
    azure = [h for h in expected if h.hosted_id == "stateless-apis" and h.role == "hosts"]
    # no Azure-exclusive stateless-API role in force: the exclusive one ended, the primary one holds
    assert sorted((h.exclusivity, h.status) for h in azure) == [("exclusive", "ended"), ("primary", "in force")]
    for role in expected:  # an ended role's row says until when
        said = "until" if role.status == "ended" else role.status or ""
        assert any(role.hosted in row and said in row + " in force" for row in rows), (role.id, rows)


def test_the_timeline_starts_each_role_where_its_answer_does(opened, kg) -> None:
    opened.js("explorer.setView('timeline')")

    def stretch(role: str) -> list[tuple[str, float]]:
        return opened.js(
            f"""Array.from(document.querySelectorAll('#timeline g.bar[data-node="{role}"] rect:not(.outline)'),
                 r => [r.getAttribute('class'), Number(r.getAttribute('x'))])"""
        )

    # Azure's exclusive stateless-API role: possibly from 2019 (the exclusivity of 2019), certainly
    # from 21 January 2025, not from the first month of the timeline
    parts = stretch("role-azure-hosts-stateless-apis")
    assert [kind for kind, _ in parts] == ["bounded", "solid"]
    first = opened.js("Number(document.querySelector('#timeline line.grid').getAttribute('x1'))")
    assert parts[0][1] > first + 50
    # the all-workloads exclusivity: 23 January 2023 to 21 January 2025, all of it certain
    assert [kind for kind, _ in stretch("role-azure-hosts-all-openai-workloads")] == ["solid"]
