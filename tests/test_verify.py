"""Quote verification: the matcher on small texts, and the whole corpus check."""

from __future__ import annotations

import shutil

import pytest

import graph
from graph.checks._quotes import normalise, quote_in
from tests.conftest import SOURCES, needs_sources


@pytest.mark.parametrize(
    ("quote", "text"),
    [
        ("OpenAI's first-party products", "OpenAI\u2019s first\u2011party products"),  # curly quote, U+2011
        ("as they did today", "new partners[as they did today](https://example.org/x)"),  # markdown link
        ("remains the same.", "remains the same\\."),  # markdown escape
        ("large-scale infrastructure", "large\\-scale   infrastructure"),  # escape and spacing
        ("Stateful Runtime Environment", "a \u201cStateful Runtime Environment\u201d"),
        ("strong and central.", "**The partnership remains strong and central\\.**Microsoft"),
        ("a b c", "a\n b\tc"),
    ],
)
def test_quote_found_after_normalising(quote: str, text: str) -> None:
    assert quote_in(quote, text)


@pytest.mark.parametrize(
    ("quote", "text"),
    [
        ("October 2025", "October 2024"),
        ("exclusive license", "non-exclusive licence"),
        ("Azure remains", "AWS remains"),
    ],
)
def test_different_words_do_not_match(quote: str, text: str) -> None:
    assert not quote_in(quote, text)


def test_normalise_is_idempotent() -> None:
    text = "**Bold\\.** [link](http://x) \u201cq\u201d \u2011"
    assert normalise(normalise(text)) == normalise(text)


@needs_sources
def test_every_packaged_quote_and_hash_verifies(kg: graph.PartnershipGraph) -> None:
    report = kg.verify_sources(SOURCES)
    assert report.ok, report.summary()
    assert report.sources == 5 and report.quotes >= 60


@needs_sources
def test_tampered_source_and_missing_file_are_reported(kg: graph.PartnershipGraph, tmp_path) -> None:
    copy = tmp_path / "sources"
    shutil.copytree(SOURCES, copy)
    target = copy / "001_a795f4d46e3df640.txt"
    target.write_text(target.read_text().replace("October 2024", "October 2023"))
    (copy / "002_b44ec46a30889abd.txt").unlink()
    report = kg.verify_sources(copy)
    failures = {f.item: f.reason for f in report.failures}
    assert failures["source-001"] == "sha256 of the file does not match the source node"
    assert failures["ev-001-october-2024"].startswith("quote not found")
    assert failures["source-002"] == f"no such file in {copy}"
    assert len(failures) == 3
    assert not report.ok and "failed" in report.summary()


@needs_sources
def test_a_url_no_cited_source_gives_is_reported(tmp_path) -> None:
    extra = tmp_path / "extra.ttl"
    extra.write_text(
        "@prefix kg: <https://w3id.org/partnership-kg/ns#> .\n"
        "@prefix pk: <https://w3id.org/partnership-kg/id/> .\n"
        "@prefix schema: <http://schema.org/> .\n"
        'pk:post-made-up a kg:Publication ; schema:url "https://openai.com/index/made-up/" ;\n'
        "    kg:basis kg:Stated ; kg:evidence pk:ev-003-nothing-changes .\n",
        encoding="utf-8",
    )
    report = graph.load(extra).verify_sources(SOURCES)
    assert [str(f) for f in report.failures] == [
        "post-made-up (003_7764993f1fc891bd.txt): URL not in the cited source: https://openai.com/index/made-up/"
    ]
