"""kg explore --sources: each quote shown in its paragraph, highlighted, in headless Chromium."""

from __future__ import annotations

import shutil
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from tests.conftest import REPO, SOURCES
from tests.harness import CHROMIUM, CHROMIUM_ARGS
from tests.test_explorer_browser import WATCH, _playwright

pytestmark = [
    pytest.mark.browser,
    pytest.mark.skipif(
        not SOURCES.is_dir(), reason="the corpus folder ../shared/sources is not beside the repository"
    ),
]

HOSTILE_TEXT = "A note.\n\nBefore <img src=x onerror=alert(1)> the quoted words </script><b>after</b>.\n"
HOSTILE_DATA = """@prefix kg: <https://w3id.org/partnership-kg/ns#> .
@prefix pk: <https://w3id.org/partnership-kg/id/> .
@prefix rdfs: <http://www.w3.org/2000/01/rdf-schema#> .

pk:passage-test-org a kg:Organization ; rdfs:label "Passage test org" ; kg:evidence pk:ev-passage-test .
pk:passage-test-source a kg:Source ; rdfs:label "x" ; kg:fileName "hostile-passage.txt" .
pk:ev-passage-test a kg:Evidence ; kg:source pk:passage-test-source ; kg:primary false ;
    kg:quote "the quoted words" .
"""


@pytest.fixture(scope="module")
def page_file(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Path]:
    """The explorer built by the CLI with --sources: the corpus plus the fictional example."""
    from graph.cli import main

    root = tmp_path_factory.mktemp("passages")
    texts = root / "texts"
    shutil.copytree(SOURCES, texts)
    shutil.copy(REPO / "docs" / "examples" / "fictional-2027-06-statement.txt", texts)
    shutil.copy(REPO / "docs" / "examples" / "fictional-2027-06.yaml", texts)
    (texts / "hostile-passage.txt").write_text(HOSTILE_TEXT, encoding="utf-8")
    data = root / "data"
    story = str(texts / "fictional-2027-06-statement.txt")
    assert (
        main(["source", "add", story, "--data", str(data), "--publisher", "Docs (fictional)", "--primary"])
        == 0
    )
    assert main(["add", str(texts / "fictional-2027-06.yaml"), "--data", str(data)]) == 0
    (data / "hostile.ttl").write_text(HOSTILE_DATA, encoding="utf-8")
    out = root / "explorer.html"
    assert main(["explore", "--sources", str(texts), "--data", str(data), "-o", str(out)]) == 0
    plain = root / "plain.html"
    assert main(["explore", "--data", str(data), "-o", str(plain)]) == 0
    return out, plain


@pytest.fixture(scope="module")
def browser() -> Iterator[Any]:
    sync_playwright = _playwright()
    with sync_playwright() as p:
        chromium = p.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        yield chromium
        chromium.close()


def _open(browser: Any, path: Path) -> tuple[Any, Any, list[str]]:
    context = browser.new_context(viewport={"width": 1600, "height": 1000})
    page = context.new_page()
    problems: list[str] = []
    page.on("pageerror", lambda e: problems.append(str(e)))
    page.on("dialog", lambda d: (problems.append("dialog " + d.message), d.dismiss()))
    page.on("request", lambda r: None if r.url.startswith(("file:", "data:")) else problems.append(r.url))
    page.add_init_script(WATCH)
    page.goto(path.as_uri())
    page.wait_for_function("() => window.explorer && window.explorer.ready === true", timeout=15_000)
    return context, page, problems


def _click(page: Any, node: str) -> None:
    x, y = page.evaluate(
        """id => {
             explorer.network.focus(id, { scale: 1.2 });
             const p = explorer.network.getPositions([id])[id];
             const dom = explorer.network.canvasToDOM(p);
             const r = document.querySelector('#network canvas').getBoundingClientRect();
             return [r.left + dom.x, r.top + dom.y];
           }""",
        node,
    )
    page.mouse.click(x, y)


def test_clicking_a_term_shows_its_quote_highlighted_in_its_paragraph(browser: Any, page_file) -> None:
    context, page, problems = _open(browser, page_file[0])
    _click(page, "term-fictional-2027-06-01-ip-license")
    assert page.inner_text("#details h2") == "IP license made non-exclusive (fictional, 2027)"
    passage = page.locator("#details .evidence blockquote.passage").first
    assert passage.inner_text() == (
        "Microsoft and OpenAI today announce an update to their partnership. Microsoft's license to "
        "OpenAI's intellectual property becomes non-exclusive."
    )
    assert passage.locator("mark").inner_text() == (
        "Microsoft's license to OpenAI's intellectual property becomes non-exclusive"
    )
    assert "Docs (fictional)" in page.inner_text("#details .evidence li")  # the source's metadata
    _click(page, "term-2026-02-27-ip-license")  # a packaged quote, from the corpus folder
    marks = page.locator("#details .evidence blockquote.passage mark").all_inner_texts()
    assert "Our IP relationship continues unchanged." in marks
    assert problems == [] and page.evaluate("window.__violations") == []
    context.close()


def test_a_passage_stays_text(browser: Any, page_file) -> None:
    context, page, problems = _open(browser, page_file[0])
    page.evaluate("explorer.select('passage-test-org')")
    passage = page.locator("#details blockquote.passage")
    assert (
        passage.inner_text() == "Before <img src=x onerror=alert(1)> the quoted words </script><b>after</b>."
    )
    assert passage.locator("img, b, script").count() == 0
    assert problems == [] and page.evaluate("window.__violations") == []
    context.close()


def test_without_sources_the_quote_stands_alone(browser: Any, page_file) -> None:
    context, page, problems = _open(browser, page_file[1])
    page.evaluate("explorer.select('term-fictional-2027-06-01-ip-license')")
    assert page.locator("#details blockquote.passage").count() == 0
    assert page.locator("#details .evidence blockquote").first.inner_text() == (
        "Microsoft's license to OpenAI's intellectual property becomes non-exclusive"
    )
    assert problems == []
    context.close()
